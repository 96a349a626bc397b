//! The data types that flow between the stages: [`Article`] in, [`Quote`]s out.
//!
//! Offsets: every span carries byte offsets (`start`/`end`, for slicing the UTF-8 text) and
//! code-point offsets (`char_start`/`char_end`, for Python and JavaScript users). For every
//! span, `text[start..end]` is exactly the span's reported text.

use serde::{Deserialize, Serialize};

/// One article, as read from the input.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Article {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The story this article belongs to (JSON Lines field `story`), for the audit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub story: Option<String>,
    /// The author line of an HTML page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// `html` when the text was extracted from a web page (offsets then refer to the
    /// extracted text, given in `text`); absent for plain text.
    #[serde(default, skip_serializing_if = "TextSource::is_plain")]
    pub text_source: TextSource,
    #[serde(skip)]
    pub text: String,
    /// Where the article came from (a path, `-` for stdin) and its line in a JSON Lines file.
    #[serde(skip)]
    pub source: Source,
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
    pub fn is_plain(&self) -> bool {
        *self == TextSource::Plain
    }
}

/// The origin of an article, for messages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub path: String,
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
    /// Not speech: a scare quote, a title or a nickname (`so-called "digital escorts"`).
    Term,
    /// A quotation inside another quotation (`"He told me 'no'," she said.`).
    Nested,
}

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
#[serde(rename_all = "kebab-case")]
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
    /// A quote with speech form but no speaker in reach.
    Unattributed,
    /// A scare quote, title or nickname.
    Term,
    /// A quote inside another quote.
    Nested,
}

impl Rule {
    pub const ALL: [Rule; 13] = [
        Rule::SpeakerCueAfter,
        Rule::CueSpeakerAfter,
        Rule::CueBefore,
        Rule::AccordingTo,
        Rule::SplitQuote,
        Rule::PartialInCuedSentence,
        Rule::SameParagraph,
        Rule::ContinuesParagraph,
        Rule::ColonLeadIn,
        Rule::PreviousSentence,
        Rule::Unattributed,
        Rule::Term,
        Rule::Nested,
    ];

    /// The rule's name as it appears in the output.
    pub fn name(self) -> &'static str {
        match self {
            Rule::SpeakerCueAfter => "speaker-cue-after",
            Rule::CueSpeakerAfter => "cue-speaker-after",
            Rule::CueBefore => "cue-before",
            Rule::AccordingTo => "according-to",
            Rule::SplitQuote => "split-quote",
            Rule::PartialInCuedSentence => "partial-in-cued-sentence",
            Rule::SameParagraph => "same-paragraph",
            Rule::ContinuesParagraph => "continues-paragraph",
            Rule::ColonLeadIn => "colon-lead-in",
            Rule::PreviousSentence => "previous-sentence",
            Rule::Unattributed => "unattributed",
            Rule::Term => "term",
            Rule::Nested => "nested",
        }
    }

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
    Person,
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
    #[serde(rename = "type")]
    pub speaker_type: SpeakerType,
    pub resolution: Resolution,
}

/// The speech verb or cue (`said`, `told`, `according to`, `:`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Cue {
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
pub struct Quote {
    /// Stable id: `article_id#n`, n counting from 1 in order of start offset.
    pub id: String,
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
    pub speaker: Option<Speaker>,
    pub cue: Option<Cue>,
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
