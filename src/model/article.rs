//! What goes into `extract` and what comes out of it: [`Article`] in, [`ArticleQuotes`] out.
//!
//! Offsets: every span carries byte offsets (`start`/`end`, for slicing the UTF-8 text) and
//! code-point offsets (`char_start`/`char_end`, for Python and JavaScript users). For every
//! span, `text[start..end]` is exactly the span's reported text.

use serde::{Deserialize, Serialize};

/// One article, as read from the input.
///
/// Deserialises the documented input record, text included:
///
/// ```
/// let a: quotecheck::Article =
///     serde_json::from_str(r#"{"id": 7, "outlet": "Ledger", "text": "\"No,\" she said."}"#).unwrap();
/// assert_eq!((a.id.as_str(), a.text.as_str()), ("7", "\"No,\" she said."));
/// ```
///
/// Serialised (in every output record) it leaves the text out: the output carries it in
/// [`ArticleQuotes::text`] only when asked to. A record that gives a web page in `html`
/// instead of `text` needs main-text extraction first: read such records with
/// [`crate::input::read_jsonl`] or [`crate::input::read_reader`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Article {
    /// The article's id: the input's `id` (a number is kept as its digits), else
    /// `FILE:LINE` for a JSON Lines record or the path of a file.
    #[serde(deserialize_with = "id_string")]
    pub id: String,
    /// The publication, used to compare outlets in the audit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// The article's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Publication date as given (ISO 8601 sorts correctly; the audit sorts dates as text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The story this article belongs to (JSON Lines field `story`), for the audit: a
    /// string as given; another JSON value (a number) as its JSON text, digits kept, with
    /// [`Article::story_type`] saying so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story: Option<String>,
    /// Whether [`Article::story`] was a string (the usual case, left out of the output) or
    /// another JSON value: the story `5` is not the story `"5"`.
    #[serde(default, skip_serializing_if = "StoryType::is_string")]
    pub story_type: StoryType,
    /// The author line of an HTML page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// `html` when the text was extracted from a web page (offsets then refer to the
    /// extracted text, given in `text`); absent for plain text.
    #[serde(default, skip_serializing_if = "TextSource::is_plain")]
    pub text_source: TextSource,
    /// The character encoding the input was decoded from when it was not UTF-8
    /// (`UTF-16LE`, `windows-1252`, as the Encoding Standard names them): offsets then refer
    /// to the decoded text, which the JSON output carries in `text`. Absent for UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// The text every offset refers to. Read from the input record; never written with the
    /// article's metadata (see [`ArticleQuotes::text`]).
    #[serde(default, skip_serializing)]
    pub text: String,
    /// Where the article came from (a path, `-` for stdin) and its line in a JSON Lines file.
    #[serde(skip)]
    pub source: Source,
}

/// What named a story: the audit keeps stories of different types apart, even when their
/// names read the same.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum StoryType {
    /// A string: the story's name as given. The usual case, left out of the output.
    #[default]
    String,
    /// Another JSON value (a number, `true`): the story's name is its JSON text, digits
    /// kept, and it is not the story named by a string of the same text (`5` is not `"5"`).
    Value,
    /// No story: articles without one are audited together as the story named `all`, which
    /// is not the story given as the string `"all"`.
    None,
}

impl StoryType {
    /// Whether the story was named by a string (the default, left out of the output).
    pub fn is_string(&self) -> bool {
        *self == StoryType::String
    }
}

/// What an article's text was read from.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum TextSource {
    /// The text as given.
    #[default]
    Plain,
    /// The main text of an HTML page (see `quotecheck::html`).
    Html,
}

impl TextSource {
    /// Whether the text is plain (the default, left out of the output).
    pub fn is_plain(&self) -> bool {
        *self == TextSource::Plain
    }
}

/// The origin of an article, for messages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The path as given (`-` for standard input).
    pub path: String,
    /// The line of a JSON Lines record, counting from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}", self.path, l),
            None => write!(f, "{}", self.path),
        }
    }
}

/// What a quoted span is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The reported words are wholly inside the marks: `"We will win," she said.`
    Direct,
    /// A quoted fragment inside the reporter's sentence: `He said it was "unacceptable".`
    Partial,
    /// Not speech: a scare quote, a title, a nickname, a name set before a noun or a chant
    /// (`so-called "digital escorts"`).
    Term,
    /// A quotation inside another quotation (`"He told me 'no'," she said.`).
    Nested,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 4] = [Kind::Direct, Kind::Partial, Kind::Term, Kind::Nested];

    /// The kind's name as it appears in the output.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Direct => "direct",
            Kind::Partial => "partial",
            Kind::Term => "term",
            Kind::Nested => "nested",
        }
    }
}

named_enum! {
    /// The sieve rule that decided a quote's kind and speaker. See `quotecheck explain`.
    #[derive(
        Debug,
        Clone,
        Copy,
        PartialEq,
        Eq,
        Hash,
        PartialOrd,
        Ord,
        Serialize,
        Deserialize,
        schemars::JsonSchema,
    )]
    pub enum Rule {
        /// `"…," Cotton wrote.` / `"…," he told Reuters.`: speaker then cue right after the quote.
        SpeakerCueAfter,
        /// `"…," said Ziad, a nurse.`: cue then speaker right after the quote.
        CueSpeakerAfter,
        /// `Hegseth said: "…"` / `Shaw wrote on X, "…"`: speaker and cue lead into the quote.
        CueBefore,
        /// `according to Smith, "…"`.
        AccordingTo,
        /// `"A," he said, "B."`: the second part of a split quote shares the first's attribution.
        SplitQuote,
        /// `Hegseth said this is "obviously unacceptable"`: a fragment inside a cued sentence.
        PartialInCuedSentence,
        /// A quote that follows an attributed quote in the same paragraph.
        SameParagraph,
        /// A quote-only paragraph continues the previous paragraph's speaker.
        ContinuesParagraph,
        /// The previous paragraph ends with a cue and a colon (`Caddell continued:`).
        ColonLeadIn,
        /// A quote with no cue takes the subject of the sentence before it in the paragraph.
        PreviousSentence,
        /// `Cornyn dismissed the concerns as "unpersuasive."`: a fragment in a sentence with no
        /// speech verb, given to the person who is the sentence's subject.
        SentenceSubject,
        /// A quote with speech form but no speaker in reach.
        Unattributed,
        /// A scare quote, title or nickname.
        Term,
        /// A quote inside another quote.
        Nested,
    }
    /// Every rule, in the order the sieve tries them.
    ALL;
    /// The rule's name as it appears in the output.
    name;
}

impl Rule {
    /// How often a speaker found by this rule is right, before resolution lowers it.
    pub fn base_confidence(self) -> f32 {
        match self {
            Rule::SpeakerCueAfter | Rule::CueSpeakerAfter => 0.95,
            Rule::CueBefore | Rule::AccordingTo => 0.9,
            Rule::SplitQuote => 0.9,
            Rule::PartialInCuedSentence => 0.8,
            Rule::SameParagraph => 0.8,
            Rule::ColonLeadIn => 0.85,
            Rule::ContinuesParagraph => 0.7,
            Rule::PreviousSentence => 0.6,
            Rule::SentenceSubject => 0.6,
            Rule::Unattributed => 0.5,
            Rule::Term => 0.7,
            Rule::Nested => 0.6,
        }
    }
}

/// What sort of speaker a mention names.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerType {
    /// A named person (`Tom Cotton`).
    Person,
    /// A named organisation or body (`the U.N. World Food Programme`, `Israel's military`).
    Organization,
    /// A role or group without a name (`a nurse`, `officials`, `a source`).
    Descriptor,
    /// A pronoun that could not be resolved to a named speaker.
    Pronoun,
}

/// How the canonical name was reached from the mention.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// The mention is the full name.
    Mention,
    /// A surname matched a person's full name earlier in the article (`Cotton`).
    Surname,
    /// A short form matched an organisation's fuller name (`the health ministry` →
    /// `Gaza health ministry`).
    ShortForm,
    /// A pronoun resolved to the last compatible speaker.
    Pronoun,
    /// A role (`the US Defense Secretary`) matched a person introduced with that title.
    Descriptor,
    /// Nothing to resolve to: the name is the mention.
    Unresolved,
}

/// Who said a quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Speaker {
    /// Canonical name for the article (`Tom Cotton` for the mention `Cotton`).
    pub name: String,
    /// The words of the mention, exactly `text[start..end]`.
    pub mention: String,
    /// Byte offset of the first byte, in the UTF-8 article text.
    pub start: usize,
    /// Byte offset one past the last byte: `text[start..end]` is exactly the span.
    pub end: usize,
    /// Code-point (Unicode scalar value) offset of the first character, for Python and JavaScript.
    pub char_start: usize,
    /// Code-point offset one past the last character.
    pub char_end: usize,
    /// What sort of speaker the mention names.
    #[serde(rename = "type")]
    pub speaker_type: SpeakerType,
    /// How [`Speaker::name`] was reached from the mention.
    pub resolution: Resolution,
}

/// The speech verb or cue (`said`, `told`, `according to`, `:`), with the adjunct it takes in
/// (`said Monday`, `said with a laugh`, `said in a statement`; README, "Accuracy").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Cue {
    /// The cue's words, exactly `text[start..end]`.
    pub text: String,
    /// The verb's lemma (`say` for `said`), or the phrase itself.
    pub lemma: String,
    /// Byte offset of the first byte, in the UTF-8 article text.
    pub start: usize,
    /// Byte offset one past the last byte: `text[start..end]` is exactly the span.
    pub end: usize,
    /// Code-point (Unicode scalar value) offset of the first character, for Python and JavaScript.
    pub char_start: usize,
    /// Code-point offset one past the last character.
    pub char_end: usize,
}

/// One quotation in an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(from = "QuoteRecord")]
pub struct Quote {
    /// Stable id: `article_id#n`, n counting from 1 in order of start offset.
    pub id: String,
    /// Speech, a fragment, a scare quote or title, or a quote inside a quote.
    pub kind: Kind,
    /// The quoted span with its marks, exactly `text[start..end]`.
    pub text: String,
    /// Byte offset of the first byte, in the UTF-8 article text.
    pub start: usize,
    /// Byte offset one past the last byte: `text[start..end]` is exactly the span.
    pub end: usize,
    /// Code-point (Unicode scalar value) offset of the first character, for Python and JavaScript.
    pub char_start: usize,
    /// Code-point offset one past the last character.
    pub char_end: usize,
    /// Byte offset of the first byte inside the opening mark: `text[content_start..content_end]`
    /// is the quoted words without their marks. Not written in the output (it follows from
    /// the marks of [`Quote::text`]); recomputed from them when a record is read back.
    #[serde(skip)]
    pub content_start: usize,
    /// Byte offset of the closing mark.
    #[serde(skip)]
    pub content_end: usize,
    /// Who said it, when the article says so.
    pub speaker: Option<Speaker>,
    /// The speech verb or phrase that introduces it.
    pub cue: Option<Cue>,
    /// The rule that decided the kind and the speaker (`quotecheck explain RULE`).
    pub rule: Rule,
    /// How sure the rule is, from 0 to 1.
    pub confidence: f32,
    /// Paragraphs the quote runs over (more than 1 for a continued quotation).
    pub paragraphs: usize,
    /// For a nested quote, the id of the quote it is inside.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// The quote's words as the audit compares them: lower case, NFKC, quote marks and
    /// dashes folded, British spellings in their American form, punctuation and marks
    /// dropped, one space between words. Equal keys mean the same words, so a join on it
    /// finds exact repeats across articles and corpora.
    pub key: String,
}

/// A [`Quote`] as written: every field but the content range, which reading recomputes
/// from the marks. It is the published shape of a quote.
#[derive(Deserialize, schemars::JsonSchema)]
#[schemars(rename = "Quote", description = "One quotation in an article.")]
struct QuoteRecord {
    /// Stable id: `article_id#n`, n counting from 1 in order of start offset.
    id: String,
    /// Speech, a fragment, a scare quote or title, or a quote inside a quote.
    kind: Kind,
    /// The quoted span with its marks, exactly `text[start..end]`.
    text: String,
    /// Byte offset of the first byte, in the UTF-8 article text.
    start: usize,
    /// Byte offset one past the last byte: `text[start..end]` is exactly the span.
    end: usize,
    /// Code-point (Unicode scalar value) offset of the first character, for Python and JavaScript.
    char_start: usize,
    /// Code-point offset one past the last character.
    char_end: usize,
    /// Who said it, when the article says so.
    speaker: Option<Speaker>,
    /// The speech verb or phrase that introduces it.
    cue: Option<Cue>,
    /// The rule that decided the kind and the speaker (`quotecheck explain RULE`).
    rule: Rule,
    /// How sure the rule is, from 0 to 1.
    confidence: f32,
    /// Paragraphs the quote runs over (more than 1 for a continued quotation).
    paragraphs: usize,
    /// For a nested quote, the id of the quote it is inside.
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<String>,
    /// The quote's words as the audit compares them: lower case, NFKC, quote marks and
    /// dashes folded, British spellings in their American form, punctuation and marks
    /// dropped, one space between words. Equal keys mean the same words, so a join on it
    /// finds exact repeats across articles and corpora.
    key: String,
}

impl From<QuoteRecord> for Quote {
    fn from(r: QuoteRecord) -> Quote {
        let (open, close) = mark_lengths(&r.text);
        Quote {
            // Saturating: offsets are data here; `input::read_records` refuses those that
            // do not fit the text.
            content_start: r.start.saturating_add(open),
            content_end: r
                .end
                .saturating_sub(close)
                .max(r.start.saturating_add(open)),
            id: r.id,
            kind: r.kind,
            text: r.text,
            start: r.start,
            end: r.end,
            char_start: r.char_start,
            char_end: r.char_end,
            speaker: r.speaker,
            cue: r.cue,
            rule: r.rule,
            confidence: r.confidence,
            paragraphs: r.paragraphs,
            parent: r.parent,
            key: r.key,
        }
    }
}

/// The quotation marks the extractor pairs (`grammar/quote_marks.tsv`), two-character
/// conventions first.
pub(crate) const QUOTE_MARKS: [&str; 17] = [
    "''", "``", "\"", "\u{201C}", "\u{201D}", "\u{201E}", "\u{201F}", "\u{FF02}", "'", "\u{2018}",
    "\u{2019}", "\u{201A}", "\u{201B}", "\u{00AB}", "\u{00BB}", "\u{2039}", "\u{203A}",
];

/// Byte lengths of the opening and the closing mark of a quoted span's text. A doubled
/// convention (`''…''`, ``` ``…'' ```) closes with two characters; any other mark with one,
/// so an apostrophe just inside the closing mark stays in the content.
pub(crate) fn mark_lengths(quote: &str) -> (usize, usize) {
    let Some(first) = QUOTE_MARKS.iter().position(|m| quote.starts_with(m)) else {
        return (0, 0);
    };
    let open = QUOTE_MARKS[first].len();
    let rest = &quote[open..];
    let close = if first < 2 {
        QUOTE_MARKS
            .iter()
            .find(|m| rest.ends_with(*m))
            .map_or(0, |m| m.len())
    } else {
        QUOTE_MARKS[2..]
            .iter()
            .find(|m| rest.ends_with(*m))
            .map_or(0, |m| m.len())
    };
    (open, close)
}

/// Accepts an id given as a string or as a number (kept as its JSON text).
fn id_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(s) => s,
        v => v.to_string(),
    })
}

/// One article with its quotes: the unit `extract` writes, one JSON Lines record each.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ArticleQuotes {
    /// The article's metadata (its text is in [`ArticleQuotes::text`] when shown).
    #[serde(flatten)]
    pub article: Article,
    /// The text the offsets refer to: given for HTML articles (the extracted main text), for
    /// articles decoded from another encoding than UTF-8 (named in `encoding`), and
    /// for every article with `extract --with-text`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Quotation marks that could not be paired (unclosed, unopened or nested too deep).
    pub unmatched_marks: usize,
    /// The quotes, in order of their start offset.
    pub quotes: Vec<Quote>,
}

impl ArticleQuotes {
    /// Moves the article's text into the output (`text`), where readers can check offsets.
    pub fn show_text(&mut self) {
        if self.text.is_none() {
            self.text = Some(std::mem::take(&mut self.article.text));
        }
    }

    /// The text the offsets refer to, wherever it is kept.
    pub fn text(&self) -> &str {
        self.text.as_deref().unwrap_or(&self.article.text)
    }
}
