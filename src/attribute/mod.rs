//! The third stage: decide what each quoted span is and who said it.
//!
//! A sieve of rules, most certain first, looks at the words around each top-level quote:
//! the rest of its sentence after it (`"…," Cotton wrote`), the sentence leading into it
//! (`Hegseth said: "…"`), the other part of a split quote, the quote before it in its
//! paragraph, and the paragraph before it. The first rule that fires decides the kind
//! ([`Kind`]), the speaker mention, the cue and the confidence; then [`resolve`] maps the
//! mention to a canonical speaker for the article (`he` → `Ziad`, `Cotton` → `Tom Cotton`,
//! `The US Defense Secretary` → `Pete Hegseth`).
//!
//! Each rule has a file of its own under `rules/` (what it means, the code that finds it,
//! its tests), and `rules/mod.rs` holds the order in which the sieve tries them. This file
//! keeps the driver, the window of words around a quote, the kind decision and the cue
//! helpers the rules share.
//!
//! The stage looks only at a bounded window around each quote plus an incremental scan of
//! names, so its time is linear in the article.

mod phrase;
pub mod resolve;
mod rules;

use crate::extract::Span;
use crate::lexicon::{CueAdjunct, Lexicon};
use crate::model::{Kind, Resolution, Rule, SpeakerType};
use crate::text::{self, Tok, ceil_char_boundary, floor_char_boundary};

pub use phrase::Np;
pub(crate) use rules::doc as rule_doc;

/// A byte range with the words found there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub start: usize,
    pub end: usize,
}

/// The attribution of one quoted span, in byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribution {
    pub kind: Kind,
    pub speaker: Option<SpeakerRef>,
    pub cue: Option<CueRef>,
    pub rule: Rule,
    pub confidence: f32,
}

/// A speaker mention and what it resolved to.
#[derive(Debug, Clone, PartialEq)]
pub struct SpeakerRef {
    pub mention: Range,
    /// The mention as found, kept so a later quote can share it.
    pub np: Np,
    pub name: String,
    pub speaker_type: SpeakerType,
    pub resolution: Resolution,
}

/// A cue in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct CueRef {
    pub range: Range,
    pub lemma: String,
}

/// A speaker and cue found by a rule, before resolution.
#[derive(Debug, Clone)]
struct Found {
    speaker: Option<Np>,
    cue: Option<CueRef>,
    rule: Rule,
}

/// Attributes every span of one text. `spans` is the extractor's output (sorted by start);
/// `each` is called once per span, in the same order, as soon as its attribution is known, so
/// that no list of them is kept. Nested quotes get kind `nested`.
pub(crate) fn attribute(
    text: &str,
    spans: &[Span],
    lexicon: &Lexicon,
    each: impl FnMut(Attribution),
) {
    attribute_with(text, spans, lexicon, resolve::INDEX_FROM, each);
}

/// [`attribute`] into a list, with the name registry indexed from `index_from` entries on
/// (the tests check that the index changes no answer).
#[cfg(test)]
fn attribute_indexing_from(
    text: &str,
    spans: &[Span],
    lexicon: &Lexicon,
    index_from: usize,
) -> Vec<Attribution> {
    let mut out = Vec::with_capacity(spans.len());
    attribute_with(text, spans, lexicon, index_from, |a| out.push(a));
    out
}

fn attribute_with(
    text: &str,
    spans: &[Span],
    lexicon: &Lexicon,
    index_from: usize,
    mut each: impl FnMut(Attribution),
) {
    // Most articles quote no one: nothing to scan.
    if spans.is_empty() {
        return;
    }
    // Spans before `done` have been given to `each`.
    let mut done = 0;
    let mut entities = resolve::Entities::with_index_from(lexicon, spans, index_from);
    let mut win = Window::default();
    let mut paras = Paragraphs::default();
    // A first line that is short and followed by more text reads as a headline.
    let headline_end = match text.find(['\n', '\r']) {
        Some(e) if text[..e].split_whitespace().count() <= 30 && !text[e..].trim().is_empty() => e,
        _ => 0,
    };
    let top: Vec<usize> = (0..spans.len()).filter(|&i| spans[i].depth == 0).collect();
    // The previous top-level quote's attribution; the last top-level quote that got a
    // speaker, with its paragraph start.
    let mut previous: Option<Attribution> = None;
    let mut last: Option<(Attribution, usize)> = None;
    // Where the previous top-level quote's window started.
    let mut prev_gap_start = 0;
    let mut prev_extended = false;

    for (n, &i) in top.iter().enumerate() {
        let s = &spans[i];
        let (p_start, _) = paras.bounds(text, s.start);
        let (_, p_end) = paras.bounds(text, s.end.saturating_sub(1).max(s.start));
        let prev = n
            .checked_sub(1)
            .map(|m| top[m])
            .filter(|&m| spans[m].end > p_start);
        // A title or term earlier in the sentence (`said on "Face the Nation" that the panel
        // saw "a pattern"`) is words of the reporter's sentence, not a quote that closes the
        // lead-in: the window reads back across it, to the start of the term's own window.
        // Only across one term, so that each stretch of text is read at most twice.
        let gap_start = match (prev, &previous) {
            (Some(m), Some(pa))
                if !prev_extended
                    && pa.kind == Kind::Term
                    && pa.speaker.is_none()
                    && !text[spans[m].content_start..spans[m].content_end]
                        .trim_end()
                        .ends_with(['.', '?', '!']) =>
            {
                prev_gap_start
            }
            _ => prev.map_or(p_start, |m| spans[m].end),
        };
        prev_extended = prev.is_some_and(|m| gap_start != spans[m].end);
        prev_gap_start = gap_start;
        let gap_end = top
            .get(n + 1)
            .map(|&m| spans[m].start)
            .filter(|&st| st < p_end)
            .unwrap_or(p_end);
        // A title that the sentence goes on through (`said Ann Ruiz, author of "The Long
        // Winter," a history of the valley`) is words of the speaker's phrase: the window
        // reads on across it, to the next quote after it.
        let title = top
            .get(n + 1)
            .map(|&m| &spans[m])
            .filter(|t| t.start < p_end && title_in_sentence(text, lexicon, s.end, t))
            .map(|t| {
                let next = top
                    .get(n + 2)
                    .map(|&m| spans[m].start)
                    .filter(|&st| st < p_end)
                    .unwrap_or(p_end);
                (t.start, t.end, next.max(t.end))
            });
        win.fill(text, lexicon, s, (gap_start, gap_end), p_start, title);
        let q = Quote {
            text,
            lexicon,
            span: s,
            p_start,
            in_headline: s.start < headline_end,
            prev_family: n.checked_sub(1).map(|m| spans[top[m]].family),
            after_prev_quote: prev.is_some() && gap_start == spans[prev.unwrap_or(0)].end,
            // `the name "tea party" or "patriot."`: joined to a term by a conjunction.
            after_term: prev.is_some_and(|m| {
                previous.as_ref().is_some_and(|pa| pa.kind == Kind::Term)
                    && matches!(
                        text[spans[m].end..s.start].trim(),
                        "or" | "and" | "nor" | "," | ", or" | ", and"
                    )
            }),
            prev_ends_sentence: prev.is_some_and(|m| {
                let c = &text[spans[m].content_start..spans[m].content_end];
                c.trim_end().ends_with(['.', '?', '!'])
                    && text[spans[m].end..s.start]
                        .trim_start()
                        .starts_with(char::is_uppercase)
            }),
        };

        let prev_attr = prev.and(previous.as_ref());
        let last_attr = last.as_ref().map(|(a, p)| (a, *p));
        let ctx = rules::Ctx::new(&q, &win, prev_attr, last_attr);
        let found = rules::find(&ctx);
        let kind = quote_kind(&q, &win, found.as_ref());
        let found = rules::settle(found, kind, &ctx);
        let rule = found.rule;
        let speaker = found.speaker.map(|np| entities.resolve(text, &np, s.start));
        let mut confidence = rule.base_confidence();
        if let Some(sp) = &speaker {
            confidence *= match sp.resolution {
                Resolution::Mention | Resolution::Surname | Resolution::ShortForm => 1.0,
                Resolution::Descriptor | Resolution::Pronoun => 0.9,
                Resolution::Unresolved => 0.85,
            };
        }
        let a = Attribution {
            kind,
            speaker,
            cue: found.cue.map(|c| with_adjunct(text, lexicon, c)),
            rule,
            confidence: (confidence * 100.0).round() / 100.0,
        };
        if a.speaker.is_some() {
            last = Some((a.clone(), p_start));
        }
        previous = Some(a.clone());
        for _ in done..i {
            each(rules::nested());
        }
        each(a);
        done = i + 1;
    }
    for _ in done..spans.len() {
        each(rules::nested());
    }
}

/// The bounds of the paragraph last asked about, so that many quotes in one huge paragraph
/// do not rescan it each time.
#[derive(Default)]
struct Paragraphs {
    last: Option<(usize, usize)>,
}

impl Paragraphs {
    fn bounds(&mut self, text: &str, pos: usize) -> (usize, usize) {
        if let Some((a, b)) = self.last {
            if a <= pos && pos < b {
                return (a, b);
            }
        }
        let r = text::paragraph_bounds(text, pos);
        self.last = Some(r);
        r
    }
}

/// One top-level quote and where it stands.
struct Quote<'a> {
    text: &'a str,
    lexicon: &'a Lexicon,
    span: &'a Span,
    p_start: usize,
    /// In the first line of the text, which is a headline in most articles.
    in_headline: bool,
    /// The marks of the top-level quote before it in the article, if any.
    prev_family: Option<crate::extract::MarkFamily>,
    /// The lead-in window starts where the previous quote of the paragraph ends.
    after_prev_quote: bool,
    /// The previous quote of the paragraph ended its sentence (`"…." The minister said…`).
    prev_ends_sentence: bool,
    /// The previous quote of the paragraph is a term and only a conjunction or a comma
    /// stands between the two.
    after_term: bool,
}

impl Quote<'_> {
    fn content(&self) -> &str {
        &self.text[self.span.content_start..self.span.content_end]
    }

    /// The content without the closing marks of quotes nested at its end: the quote's own
    /// last words (`…and she told him, 'Never.'` ends with `Never.`).
    fn own_end(&self) -> &str {
        self.content()
            .trim_end_matches(|c: char| c.is_whitespace() || is_closing_quote_char(c))
    }

    /// The content ends with `, . ? !` just inside the closing mark, or inside the closing
    /// marks of a quote nested at its end.
    fn ends_with_punct(&self) -> bool {
        matches!(
            self.own_end().chars().next_back(),
            Some(',' | '.' | '?' | '!')
        )
    }

    fn starts_upper(&self) -> bool {
        self.content()
            .trim_start()
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    }

    fn n_words(&self) -> usize {
        self.content().split_whitespace().count()
    }

    /// The last character before the opening mark in the paragraph, skipping white space.
    fn prev_char(&self) -> Option<char> {
        self.text[self.p_start..self.span.start]
            .trim_end()
            .chars()
            .next_back()
    }

    /// Only white space stands between the paragraph's start and the quote.
    fn opens_paragraph(&self) -> bool {
        self.text[self.p_start..self.span.start].trim().is_empty()
    }

    /// The quote opens a parenthesis (`… the crowd booed. ("We want more," one man said.)`):
    /// a sentence of its own inside the reporter's.
    fn opens_parenthesis(&self) -> bool {
        matches!(self.prev_char(), Some('(' | '['))
    }

    /// Only white space stands between the quote and the paragraph's end.
    fn ends_paragraph(&self, win: &Window) -> bool {
        win.all_after.is_empty()
    }

    /// The lead-in is the rest of the previous quote's sentence (`"A," he said, "b."`): it
    /// starts at that quote, which did not end its sentence.
    fn continues_sentence(&self, win: &Window) -> bool {
        self.after_prev_quote && win.lead == 0 && !self.prev_ends_sentence
    }

    /// The quote opens a sentence: it starts the paragraph, or follows `.`, `?` or `!`
    /// (with closing marks between) that ends a sentence.
    fn starts_sentence(&self, win: &Window) -> bool {
        // Only the last few characters matter; looking further back would make a paragraph of
        // a million marks quadratic.
        let from =
            floor_char_boundary(self.text, self.span.start.saturating_sub(64)).max(self.p_start);
        let head = self.text[from..self.span.start].trim_end();
        let mut head =
            head.trim_end_matches(|c: char| text::is_closing_char(c) || c.is_whitespace());
        // Markup left in the text (`--raw-html`): a block element's tag (`<p>`, `<br>`,
        // `</div>`) ends what came before as a paragraph break does; an inline one (`<em>`,
        // `<a href=…>`) is stepped over.
        while let Some((rest, name)) = text::strip_trailing_tag(head) {
            if text::is_block_element(name) {
                return true;
            }
            head = rest.trim_end();
        }
        if head.is_empty() && from > self.p_start {
            return false;
        }
        match head.chars().next_back() {
            None => true,
            Some('.' | '?' | '!' | '\u{2026}') => {
                // Not after a title (`Sen.`, `Mr.`): the tokenizer keeps those in words. A place
                // or acronym that ends a sentence with its own period (`Binghamton, N.Y.`,
                // `Fla.`, `the U.S.`) does end it before a capitalised quote.
                match win.all_before.last() {
                    Some(t) if t.is_word() => {
                        let w = lower(self.text, t);
                        self.starts_upper()
                            && !self.lexicon.starts_title(&w)
                            && !phrase::is_courtesy(&w)
                    }
                    _ => true,
                }
            }
            _ => false,
        }
    }
}

/// Whether the quote `t` after a quote that ends at `from` is a title the reporter's sentence
/// goes on through: the words between them hold no sentence end, colon or line break and end
/// in a determiner or a preposition (`author of`), so the quote fills a slot of a noun
/// phrase; and the quote is short (ten words at most), capitalised, with no sentence end
/// inside but at its very end.
fn title_in_sentence(text: &str, lexicon: &Lexicon, from: usize, t: &Span) -> bool {
    let gap = &text[from..t.start];
    // (A stop inside an abbreviation, `Fla., and`, ends nothing.)
    let sentence_end = gap.match_indices(['.', '!', '?']).any(|(k, _)| {
        let rest = &gap[k + 1..];
        let after = rest.trim_start();
        after.len() < rest.len() && !after.starts_with(char::is_lowercase)
    });
    if gap.len() > 400 || sentence_end || gap.contains([':', ';', '\n', '\r']) {
        return false;
    }
    // The last word before the quote is a determiner or a preposition: the quote fills
    // the slot of a noun phrase.
    let last = gap
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}' || c == '-'))
        .rfind(|w| !w.is_empty());
    let fills_slot = gap.ends_with([' ', '\t'])
        && last.is_some_and(|w| gap.trim_end().ends_with(w))
        && last.is_some_and(|w| {
            let lw = w.to_lowercase();
            lexicon.is_determiner(&lw) || lexicon.is_preposition(&lw)
        });
    if !fills_slot {
        return false;
    }
    let content = text[t.content_start..t.content_end].trim_end_matches([' ', ',']);
    let body = content.trim_end_matches(['.', '!', '?']);
    // A work's or a project's name is capitalised; a lower-case fragment is someone's words.
    body.trim_start()
        .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && !body.contains(['.', '!', '?', '\n', '\r', '\u{201C}', '"'])
        && content.split_whitespace().count() <= 10
}

/// Tokens around a quote, reused across quotes.
#[derive(Default)]
struct Window {
    /// Everything between the previous quote (or paragraph start) and this quote.
    all_before: Vec<Tok>,
    /// Index in `all_before` where the lead-in sentence starts.
    lead: usize,
    /// Everything between this quote and the next quote (or paragraph end).
    all_after: Vec<Tok>,
    /// Length of the rest of the sentence in `all_after`.
    tail: usize,
    /// Tokens after a title that `all_after` reads across, before they are appended.
    scratch: Vec<Tok>,
}

/// The most text a window reads on each side of a quote. The rules look at a sentence or two
/// around it; a longer stretch without a quote or a line break (a scraped page that lost its
/// line breaks) is cut, at white space, to the part nearest the quote, so that memory stays
/// bounded however long the paragraph.
const WINDOW_BYTES: usize = 16 << 10;

impl Window {
    /// Tokenises the words around quote `s` within its gap (`gap_start..gap_end`) in the
    /// paragraph that starts at `p_start`.
    fn fill(
        &mut self,
        text: &str,
        lexicon: &Lexicon,
        s: &Span,
        (gap_start, gap_end): (usize, usize),
        p_start: usize,
        title: Option<(usize, usize, usize)>,
    ) {
        let bytes = text.as_bytes();
        let mut from = gap_start;
        if s.start - gap_start > WINDOW_BYTES {
            // Tokens after white space are those of the whole stretch.
            let cut = ceil_char_boundary(text, s.start - WINDOW_BYTES);
            from =
                memchr::memchr3(b' ', b'\n', b'\t', &bytes[cut..s.start]).map_or(cut, |k| cut + k);
        }
        // A title the sentence reads through is one word of it (`author of "Hacked World
        // Order," who studies…`); the window then runs to the quote after the title.
        let title = title.filter(|&(_, _, next)| next - s.end <= WINDOW_BYTES);
        let mut to = title.map_or(gap_end, |(t_start, _, _)| t_start).max(s.end);
        if to - s.end > WINDOW_BYTES {
            let cut = floor_char_boundary(text, s.end + WINDOW_BYTES);
            to =
                memchr::memrchr3(b' ', b'\n', b'\t', &bytes[s.end..cut]).map_or(cut, |k| s.end + k);
        }
        text::tokenize_into(text, from, s.start, lexicon, &mut self.all_before);
        text::tokenize_into(text, s.end, to, lexicon, &mut self.all_after);
        let mut title_tok = None;
        if let Some((t_start, t_end, next)) = title {
            title_tok = Some(self.all_after.len());
            self.all_after.push(Tok {
                start: t_start,
                end: t_end,
                kind: text::TokKind::Word,
            });
            text::tokenize_into(text, t_end, next, lexicon, &mut self.scratch);
            self.all_after.extend_from_slice(&self.scratch);
        }
        self.lead = text::last_sentence_start(text, &self.all_before, self.all_before.len());
        // A dateline (`DAYTON, Ohio — Gov. Moore said…`) is no part of the first sentence: the
        // sentence, and its subject, start after the dash.
        if from == p_start {
            if let Some(end) = text::dateline_end(text, p_start) {
                let d = self.all_before.partition_point(|t| t.start < end);
                self.lead = self.lead.max(d);
            }
        }
        self.tail = self.all_after.len();
        for i in 0..self.all_after.len() {
            // A title that ends its sentence inside its marks (`co-editor of "Chick Lit."`).
            let title_ends = title_tok == Some(i)
                && text[self.all_after[i].start..self.all_after[i].end]
                    .trim_end_matches(|c: char| is_quote_char(c) || c.is_whitespace())
                    .ends_with(['.', '!', '?']);
            if title_ends || text::ends_sentence(text, &self.all_after, i) {
                self.tail = i + 1;
                break;
            }
        }
    }
    fn before(&self) -> &[Tok] {
        &self.all_before[self.lead..]
    }
    fn after(&self) -> &[Tok] {
        &self.all_after[..self.tail]
    }
}

/// The words after a quote open a clause of the reporter's: a conjunction (not `as`, which
/// opens an attribution, `that` or `then`) and a subject, a pronoun or a capitalised name,
/// that a lower-case verb follows (`when Cole blasted her`, `but she denied that …`), or a
/// participle of speech that goes on with the speaker's words in the reporter's (`adding
/// that …`).
fn reporter_clause_after(text: &str, lexicon: &Lexicon, after: &[Tok]) -> bool {
    let i = usize::from(after.first().is_some_and(|t| t.is_punct(',')));
    if after.get(i).is_some_and(|t| {
        is_lower(text, t)
            && lower(text, t).ends_with("ing")
            && cue_lemma(text, lexicon, t).is_some()
    }) {
        return true;
    }
    let [conj, subject, verb, ..] = after.get(i..).unwrap_or(&[]) else {
        return false;
    };
    let w = lower(text, conj);
    conj.is_word()
        && is_lower(text, conj)
        && lexicon.is_clause_opener(&w)
        && !matches!(w.as_ref(), "as" | "that" | "then")
        && subject.is_word()
        && (lexicon.pronoun(&lower(text, subject)).is_some()
            || phrase::is_name_word(text, lexicon, subject))
        && verb.is_word()
        && is_lower(text, verb)
}

/// Whether a character is a quotation mark.
pub fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '`'
            | '\u{201C}'
            | '\u{201D}'
            | '\u{201E}'
            | '\u{201F}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201A}'
            | '\u{201B}'
            | '\u{00AB}'
            | '\u{00BB}'
            | '\u{2039}'
            | '\u{203A}'
            | '\u{FF02}'
    )
}

/// Whether a character can close a quotation (the marks that end a nested quote).
fn is_closing_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201D}' | '\u{2019}' | '\u{00BB}' | '\u{203A}' | '\u{FF02}'
    )
}

/// Lower-cased text of a token, without allocation when it is already lower case.
fn lower<'a>(text: &'a str, t: &Tok) -> text::Lower<'a> {
    text::Lower::new(&text[t.start..t.end])
}

/// The lemma of a speech verb token, if it is one.
pub(super) fn cue_lemma<'l>(text: &str, lexicon: &'l Lexicon, t: &Tok) -> Option<&'l str> {
    // A capitalised form is a name or a noun (`United States`), not a cue.
    if !t.is_word() || !text::is_lowercase_word(&text[t.start..t.end]) {
        return None;
    }
    lexicon.speech_verb(&text[t.start..t.end])
}

/// A cue that starts at token `v`: a verb-particle phrase (`points out`, `went on`) or a
/// speech verb. Returns one past its last token, and its lemma.
fn cue_here(text: &str, lexicon: &Lexicon, toks: &[Tok], v: usize) -> Option<(usize, String)> {
    let t = toks.get(v)?;
    if !t.is_word() || !text::is_lowercase_word(&text[t.start..t.end]) {
        return None;
    }
    let w = lower(text, t);
    for p in lexicon.verb_phrases(&w) {
        let n = p.len();
        if v + n <= toks.len()
            && toks[v..v + n]
                .iter()
                .zip(p)
                .all(|(t, pw)| t.is_word() && lower(text, t) == pw.as_str())
        {
            return Some((v + n, p.join(" ")));
        }
    }
    cue_lemma(text, lexicon, t).map(|l| (v + 1, l.to_string()))
}

/// The cue with the adjunct it takes in (the policy of `grammar/cue_adjuncts.tsv`): right
/// after the verb and closing its clause, a day (`said Monday`, `said Tuesday night`), a
/// manner (`said with a laugh`) or the act itself (`said in a statement`, after a day or
/// not). Anything else after the verb (a setting, a topic, an addressee) stays out, so the
/// cue is the same shape wherever the quote stands.
fn with_adjunct(text: &str, lexicon: &Lexicon, mut cue: CueRef) -> CueRef {
    // The words right after the cue, each after a single run of spaces on one line.
    let mut words: [(usize, usize); 6] = [(0, 0); 6];
    let mut n = 0;
    let mut at = cue.range.end;
    while n < words.len() {
        let gap = text[at..]
            .char_indices()
            .find(|&(_, c)| c != ' ' && c != '\u{a0}')
            .map_or(text.len() - at, |(k, _)| k);
        let from = at + gap;
        let len = text[from..]
            .char_indices()
            .find(|&(_, c)| !c.is_alphanumeric() && c != '-')
            .map_or(text.len() - from, |(k, _)| k);
        if gap == 0 || len == 0 {
            break;
        }
        words[n] = (from, from + len);
        n += 1;
        at = from + len;
    }
    let closes = |k: usize| {
        text[words[k].1..]
            .chars()
            .next()
            .is_some_and(|c| matches!(c, '.' | ',' | ';' | ':' | '!' | '?'))
    };
    let word = |k: usize| &text[words[k].0..words[k].1];
    let lower_word = |k: usize| k < n && text::is_lowercase_word(word(k));
    let kind = |k: usize| {
        (k < n)
            .then(|| lexicon.cue_adjunct(&text::Lower::new(word(k))))
            .flatten()
    };
    // A day, with its part (`Monday night`), capitalised as names of days are.
    let mut k = 0;
    if kind(0) == Some(CueAdjunct::Day) && !lower_word(0) {
        k = 1;
        if kind(1) == Some(CueAdjunct::Part) && lower_word(1) {
            k = 2;
        }
    }
    let is = |k: usize, w: &[&str]| k < n && w.contains(&word(k));
    let end = if is(k, &["in"]) && is(k + 1, &["a", "the"]) {
        // `in a statement`, `in a written statement`
        [k + 2, k + 3]
            .into_iter()
            .find(|&j| {
                kind(j) == Some(CueAdjunct::Utterance) && (k + 2..=j).all(lower_word) && closes(j)
            })
            .map(|j| j + 1)
    } else if k == 0 && is(0, &["with"]) && is(1, &["a", "an"]) {
        // `with a laugh`, `with an eye roll`
        [2, 3]
            .into_iter()
            .find(|&j| (2..=j).all(lower_word) && closes(j))
            .map(|j| j + 1)
    } else {
        None
    };
    let end = end.or((k > 0 && closes(k - 1)).then_some(k));
    if let Some(e) = end {
        cue.range.end = words[e - 1].1;
    }
    cue
}

/// The cue at token `v`, with the auxiliaries and adverbs right before it (`has said`,
/// `later said`) and an adverb right after it (`said recently`), or `None` when the word is
/// used as a noun (`the report`, `his answer`).
fn cue_at(text: &str, lexicon: &Lexicon, toks: &[Tok], v: usize) -> Option<CueRef> {
    if let Some(p) = v.checked_sub(1).map(|k| &toks[k]) {
        if p.is_word() {
            let pw = lower(text, p);
            if matches!(
                pw.as_ref(),
                "the"
                    | "a"
                    | "an"
                    | "his"
                    | "her"
                    | "its"
                    | "their"
                    | "our"
                    | "my"
                    | "your"
                    | "this"
            ) || pw.ends_with("'s")
                || pw.ends_with("\u{2019}s")
            {
                return None;
            }
        }
    }
    let (mut end, lemma) = cue_here(text, lexicon, toks, v)?;
    // `her Facebook post:`, `his Twitter post`: a possessive and a name or two before a
    // verb's form make it a noun. (Asked of cues only: most words are none.)
    let mut k = v;
    while k > 0 && v - k < 2 && phrase::is_name_word(text, lexicon, &toks[k - 1]) {
        k -= 1;
    }
    // (`Our Principles PAC said`: a capitalised one may start a name.)
    if k < v
        && k > 0
        && toks[k - 1].is_word()
        && is_lower(text, &toks[k - 1])
        && matches!(
            lower(text, &toks[k - 1]).as_ref(),
            "his" | "her" | "its" | "their" | "our" | "my" | "your"
        )
    {
        return None;
    }
    // A noun before the real verb (`the IMF report stated`) is not the cue; a verb before a
    // participle (`Clinton said answering a question`) is.
    if end == v + 1
        && cue_here(text, lexicon, toks, end).is_some()
        && !lower(text, &toks[end]).ends_with("ing")
    {
        return None;
    }
    if end == v + 1 && noun_use(text, lexicon, toks, v) {
        return None;
    }
    let mut start = v;
    // (A capitalised one is a name: `," Will wrote`.)
    while start > 0
        && is_adverb(text, lexicon, &toks[start - 1])
        && is_lower(text, &toks[start - 1])
    {
        start -= 1;
    }
    if toks.get(end).is_some_and(|t| {
        t.is_word() && {
            let w = lower(text, t);
            (w.len() > 4 && w.ends_with("ly") && w != "only" && is_lower(text, t))
                || matches!(
                    w.as_ref(),
                    "recently" | "then" | "later" | "again" | "aloud" | "back"
                )
        }
    }) {
        end += 1;
    }
    Some(CueRef {
        range: Range {
            start: toks[start].start,
            end: toks[end - 1].end,
        },
        lemma,
    })
}

/// Whether a speech verb that also modifies a role (`state`) is the noun here: after an
/// adjective or `of` (`her home state`, `secretary of state`), or before a noun or a title
/// (`state Sen. Ann Lee`, `Indiana state firefighters`). As a verb it follows its subject
/// and comes before an object or an adjunct (`They state their goal`, `the Saudis state
/// in the paper`).
fn noun_use(text: &str, lexicon: &Lexicon, toks: &[Tok], v: usize) -> bool {
    if !lexicon.is_role_modifier(&lower(text, &toks[v])) {
        return false;
    }
    let after_modifier = v.checked_sub(1).map(|k| &toks[k]).is_some_and(|p| {
        p.is_word() && text::is_lowercase_word(&text[p.start..p.end]) && {
            let w = lower(text, p);
            // (`the rules state`: a plural before it is the verb's subject.)
            lexicon.pronoun(&w).is_none()
                && !w.ends_with('s')
                && !is_adverb(text, lexicon, p)
                && !lexicon.is_clause_opener(&w)
                && !lexicon.is_relative(&w)
        }
    });
    let before_noun = toks.get(v + 1).is_some_and(|n| {
        n.is_word() && {
            let w = lower(text, n);
            !(lexicon.is_preposition(&w)
                || lexicon.is_determiner(&w)
                || lexicon.is_clause_opener(&w)
                || lexicon.is_relative(&w)
                || lexicon.pronoun(&w).is_some()
                || is_adverb(text, lexicon, n))
        }
    });
    after_modifier || before_noun
}

/// Words that stand between a speaker and a cue without being either (`also`, `later`,
/// `has`): they belong to neither span. Listed in `grammar/adverbs.txt`, or a lower-case
/// word in `-ly` not in `grammar/not_adverbs.txt` (a capitalised one is a name: `Kelly`,
/// `Emily`).
fn is_adverb(text: &str, lexicon: &Lexicon, t: &Tok) -> bool {
    if !t.is_word() {
        return false;
    }
    let w = lower(text, t);
    lexicon.is_adverb(&w)
        || (w.len() > 4 && w.ends_with("ly") && is_lower(text, t) && !lexicon.is_not_adverb(&w))
}

/// The token's word starts with a lower-case letter.
fn is_lower(text: &str, t: &Tok) -> bool {
    text::is_lowercase_word(&text[t.start..t.end])
}

/// The lead-in has a speech verb, capitalised when it opens the sentence (`Adding, "…"`,
/// `Said Comey, "…"`).
fn speech_in_lead(text: &str, lexicon: &Lexicon, lead: &[Tok]) -> bool {
    let opening_verb = lead
        .first()
        .filter(|t| t.is_word())
        .is_some_and(|t| lexicon.speech_verb(&lower(text, t)).is_some());
    opening_verb || (0..lead.len()).any(|v| cue_at(text, lexicon, lead, v).is_some())
}

/// The last speech verb of the lead-in is followed by `that` (`said that once the vote is
/// in, "…"`): the words after it are the reporter's indirect speech.
fn reported_clause(text: &str, lexicon: &Lexicon, lead: &[Tok]) -> bool {
    (0..lead.len())
        .rev()
        .find_map(|v| cue_at(text, lexicon, lead, v))
        .is_some_and(|c| {
            lead.iter()
                .find(|t| t.start >= c.range.end)
                .is_some_and(|t| t.is_word() && lower(text, t) == "that")
        })
}

/// Words other than adverbs between the quote's closing mark and the first word of the
/// attribution found after it (its speaker or its cue).
fn reporter_words_before(q: &Quote, win: &Window, found: Option<&Found>) -> bool {
    let Some(f) = found else {
        return false;
    };
    let first = [
        f.speaker.as_ref().map(|np| np.range.start),
        f.cue.as_ref().map(|c| c.range.start),
    ]
    .into_iter()
    .flatten()
    .min();
    let Some(first) = first else {
        return false;
    };
    win.all_after
        .iter()
        .take_while(|t| t.start < first)
        .any(|t| t.is_word() && !is_adverb(q.text, q.lexicon, t))
}

/// The kind of a quote, from the measured shape rules:
/// D1 it opens a sentence (or, attributed, a parenthesis) and ends with `, . ? !` inside the
///    mark, or inside the closing mark of a quote nested at its end;
/// D2 it follows `,` or `:`, starts with a capital, has 3+ words (or ends its own sentence
///    right after its speech verb: `said, "No."`), ends with punctuation and what follows is
///    an attribution, the paragraph end or a new sentence; not inside a `that` clause of the
///    lead-in, nor after a comma whose lead-in has no speech verb (the reporter's adverbial);
/// D3 the lower-case second part of a split quote (`"A," he said, "b."`);
/// D4 a headline quote after `Name:`.
/// A quote without its own final punctuation whose after-attribution is separated from it
/// by the reporter's words is partial; a section heading in single marks, or a title-case
/// name that is the subject of the reporter's sentence, is a term.
/// Anything else is a partial quote, or a term when it reads like a name.
fn quote_kind(q: &Quote, win: &Window, found: Option<&Found>) -> Kind {
    let text = q.text;
    let lexicon = q.lexicon;
    // A parenthesis opened by an attributed quote is a sentence of its own; an unattributed
    // one is more often a cited headline or title.
    let s_open = q.starts_sentence(win) || (q.opens_parenthesis() && found.is_some());
    let e = q.ends_with_punct();
    let prev = q.prev_char();
    let has_after_attribution =
        found.is_some_and(|f| matches!(f.rule, Rule::SpeakerCueAfter | Rule::CueSpeakerAfter));
    // `"…" to drive up the price, she said`: the reporter's words come between the quote and
    // its attribution, so the sentence that is attributed is the reporter's, and the quote a
    // fragment of it. A quote closed by its own `, . ? !` is a whole utterance even then
    // (`"…," at the convention, he said`).
    // Names whatever follows them: an attribution after a title, or after a name put before
    // a noun, is the reporter's sentence's.
    if !q.in_headline && (rules::names_a_work(q, win) || premodifies_noun(q, win)) {
        return Kind::Term;
    }
    if has_after_attribution && !e && reporter_words_before(q, win, found) {
        return Kind::Partial;
    }
    // Words followed by their speaker and cue are speech, however short.
    let spoken = has_after_attribution;
    if q.in_headline {
        if prev == Some(':') && found.is_some() {
            return Kind::Direct;
        }
        if q.span.family == crate::extract::MarkFamily::Single {
            return if rules::is_term(q, win, found.is_some()) {
                Kind::Term
            } else {
                Kind::Partial
            };
        }
    }
    if rules::is_heading(q, win)
        || (s_open && !has_after_attribution && rules::is_subject_title(q, win))
    {
        return Kind::Term;
    }
    if s_open && e {
        return Kind::Direct;
    }
    if s_open && has_after_attribution && q.n_words() >= 3 {
        return Kind::Direct;
    }
    let before = &win.all_before;
    let lead = win.before();
    if !s_open && matches!(prev, Some(',' | ':')) && e {
        // `he said, "Probably."`: a short sentence of its own, right after its speech verb.
        let short_sentence = || {
            q.own_end().ends_with(['.', '?', '!'])
                && lead
                    .iter()
                    .rev()
                    .filter(|t| t.is_word())
                    .find(|t| !is_adverb(text, lexicon, t))
                    .is_some_and(|t| cue_lemma(text, lexicon, t).is_some())
        };
        if q.starts_upper() && (q.n_words() >= 3 || short_sentence()) {
            // `said that once the vote is in, "We…"`: the quote is in the reported clause.
            let that = lead
                .iter()
                .rev()
                .find(|t| t.is_word())
                .is_some_and(|t| lower(text, t) == "that")
                || reported_clause(text, lexicon, lead);
            let after_words = win.after().iter().filter(|t| t.is_word()).count();
            let first_after = win.all_after.iter().find(|t| t.is_word());
            let right_ok = after_words == 0
                || has_after_attribution
                || (q.content().trim_end().ends_with(['.', '?', '!'])
                    && first_after.is_some_and(|t| text::is_capitalised(&text[t.start..t.end])))
                // `saying, "That makes me smart," when Cole blasted her`: after the quote's own
                // comma, a clause of the reporter's with a conjunction and a subject of its own.
                // The cue leads into the quote: at most an adjunct between them, not an object
                // that the quote would name (`reaffirming the national motto, "In God…,"`).
                || (q.own_end().ends_with(',')
                    && reporter_clause_after(text, lexicon, &win.all_after)
                    && found.and_then(|f| f.cue.as_ref()).is_some_and(|c| {
                        let between: Vec<&Tok> =
                            lead.iter().filter(|t| t.start >= c.range.end && t.is_word()).collect();
                        between.len() <= 6
                            && between
                                .first()
                                .is_none_or(|t| !lexicon.is_determiner(&lower(text, t)))
                    }));
            // `If the bill passes, "I think…," Hong said`: a lead-in with no speech verb before
            // the comma is the reporter's adverbial, and the quote finishes the sentence.
            let adverbial = prev == Some(',')
                && found.is_none_or(|f| f.rule != Rule::AccordingTo)
                && !speech_in_lead(text, lexicon, lead);
            if !that && !adverbial && right_ok {
                return Kind::Direct;
            }
        }
        if prev == Some(',') && !q.starts_upper() {
            // D3: the gap since the previous quote is short and holds a speech verb, or
            // a speech verb stands within three words before the quote.
            let words: Vec<&Tok> = before.iter().filter(|t| t.is_word()).collect();
            let has_verb = |ts: &[&Tok]| ts.iter().any(|t| cue_lemma(text, lexicon, t).is_some());
            let near = &words[words.len().saturating_sub(3)..];
            // However long the attribution between the parts (`," Duncan told the paper in an
            // interview in 2012, "is that…"`), `split-quote` found its cue there, unless a
            // clause of the reporter's follows that cue (`," he said, that if…, "more…"`).
            let split = found.is_some_and(|f| {
                f.rule == Rule::SplitQuote
                    && f.cue.as_ref().is_some_and(|c| {
                        !lead.iter().any(|t| {
                            t.start >= c.range.end
                                && t.is_word()
                                && lexicon.is_clause_opener(&lower(text, t))
                        })
                    })
            });
            if (q.after_prev_quote && words.len() <= 8 && has_verb(&words))
                || has_verb(near)
                || split
            {
                return Kind::Direct;
            }
        }
    }
    // A short quote coordinated with a term is another of the same (`the name "tea party"
    // or "patriot."`), its period the sentence's.
    let coordinated = q.after_term && q.n_words() <= PREMODIFIER_WORDS;
    if !spoken && (coordinated || rules::is_term(q, win, found.is_some())) {
        Kind::Term
    } else {
        Kind::Partial
    }
}

/// The most words a quote that modifies the noun after it has.
const PREMODIFIER_WORDS: usize = 4;

/// `the "don't ask, don't tell" policy`, `a "model" state law`, `"Make America Great Again"
/// hats`: a short quote without its own final punctuation followed at once by a noun is a
/// name put before that noun, not speech. A noun here is a lower-case word that is no
/// function word, adverb, auxiliary, verb of speech or participle (`"lied" to the FBI`,
/// `"overruled" the office` keep their words' grammar); and a quote right after its verb of
/// speech is that verb's object, whatever follows.
fn premodifies_noun(q: &Quote, win: &Window) -> bool {
    let (text, lexicon) = (q.text, q.lexicon);
    if q.n_words() > PREMODIFIER_WORDS
        || q.own_end().ends_with([',', '.', '?', '!', ';', ':'])
        || q.in_headline
    {
        return false;
    }
    // Right after its verb of speech the quote is what was said (`He said "yes" twice`).
    if win
        .before()
        .last()
        .is_some_and(|t| t.is_word() && cue_lemma(text, lexicon, t).is_some())
    {
        return false;
    }
    let Some(next) = win.all_after.first() else {
        return false;
    };
    let w = &text[next.start..next.end];
    let gap = &text[q.span.end..next.start];
    if !next.is_word()
        || gap.is_empty()
        || gap.bytes().any(|b| b != b' ')
        || !text::is_lowercase_word(w)
    {
        return false;
    }
    let lw = w.to_lowercase();
    !(lexicon.is_function_word(&lw)
        || lexicon.is_preposition(&lw)
        || lexicon.is_determiner(&lw)
        || lexicon.is_auxiliary(&lw)
        || lexicon.is_clause_opener(&lw)
        || lexicon.is_relative(&lw)
        || is_adverb(text, lexicon, next)
        || cue_lemma(text, lexicon, next).is_some()
        || lw.ends_with("ed")
        || lw.ends_with("ing"))
}

#[cfg(test)]
mod tests;
