//! The second stage: find quoted spans in an article's text.
//!
//! A nom lexer turns the text into quotation-mark tokens (everything else is skipped in bulk);
//! each mark is classified as opening, closing or apostrophe from its neighbours, and a
//! per-paragraph stack pairs them. The grammar is written out for people in
//! `grammar/quotes.ebnf`.
//!
//! What this stage does not do: decide whether a span is speech, a partial quote or a scare
//! term, or who said it (that is `attribute`). It never fails: malformed marks become
//! [`Stray`] records, and an unclosed mark is contained to its paragraph, so one stray mark
//! cannot shift every later pair.
//!
//! Time is linear in the text: every byte is looked at a bounded number of times, the
//! nesting stack is capped at [`MAX_NESTING`], and look-ahead is precomputed per paragraph.

use nom::{IResult, Parser, branch::alt, bytes::complete::tag, combinator::value};

use crate::lexicon::Lexicon;

/// Deeper nesting than this is not a quotation any reader can follow; marks beyond it are
/// reported as strays instead of growing the stack.
pub const MAX_NESTING: usize = 32;

/// A quotation whose reopening marks were left out is followed over at most this many
/// paragraphs to the mark that closes it: a statement or a post of a few paragraphs, not a
/// stray mark that would swallow an article.
const MAX_RUN_ON: usize = 6;

/// Convention a quoted span is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkFamily {
    /// `"…"`, `“…”`, `„…“`, `''…''`, ``` ``…'' ```.
    Double,
    /// `'…'`, `‘…’`.
    Single,
    /// `«…»`, `‹…›`, `»…«`.
    Guillemet,
}

/// One quotation-mark glyph the lexer knows (mirrors `grammar/quote_marks.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Glyph {
    StraightDouble,
    LeftDouble,
    RightDouble,
    LowDouble,
    ReversedDouble,
    DoubledApostrophe,
    DoubledBacktick,
    FullwidthDouble,
    StraightSingle,
    LeftSingle,
    RightSingle,
    LowSingle,
    ReversedSingle,
    LeftGuillemet,
    RightGuillemet,
    LeftSingleGuillemet,
    RightSingleGuillemet,
}

/// The role a glyph has by its shape alone; context may overrule it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Nominal {
    Open,
    Close,
    Either,
}

impl Glyph {
    /// The convention the glyph belongs to.
    pub fn family(self) -> MarkFamily {
        use Glyph::*;
        match self {
            StraightDouble | LeftDouble | RightDouble | LowDouble | ReversedDouble
            | DoubledApostrophe | DoubledBacktick | FullwidthDouble => MarkFamily::Double,
            StraightSingle | LeftSingle | RightSingle | LowSingle | ReversedSingle => {
                MarkFamily::Single
            }
            LeftGuillemet | RightGuillemet | LeftSingleGuillemet | RightSingleGuillemet => {
                MarkFamily::Guillemet
            }
        }
    }

    /// A typewriter mark (`"`, `''`, `'`), the same glyph at both ends of a quote.
    fn is_straight(self) -> bool {
        matches!(
            self,
            Glyph::StraightDouble
                | Glyph::DoubledApostrophe
                | Glyph::FullwidthDouble
                | Glyph::StraightSingle
        )
    }

    fn nominal(self) -> Nominal {
        use Glyph::*;
        match self {
            LeftDouble | LowDouble | ReversedDouble | DoubledBacktick | LeftSingle | LowSingle
            | ReversedSingle | LeftGuillemet | LeftSingleGuillemet => Nominal::Open,
            RightDouble | RightSingle | RightGuillemet | RightSingleGuillemet => Nominal::Close,
            StraightDouble | DoubledApostrophe | FullwidthDouble | StraightSingle => {
                Nominal::Either
            }
        }
    }

    /// The text of the glyph, for the table test against `grammar/quote_marks.tsv`.
    #[cfg(test)]
    pub fn as_str(self) -> &'static str {
        use Glyph::*;
        match self {
            StraightDouble => "\"",
            LeftDouble => "\u{201C}",
            RightDouble => "\u{201D}",
            LowDouble => "\u{201E}",
            ReversedDouble => "\u{201F}",
            DoubledApostrophe => "''",
            DoubledBacktick => "``",
            FullwidthDouble => "\u{FF02}",
            StraightSingle => "'",
            LeftSingle => "\u{2018}",
            RightSingle => "\u{2019}",
            LowSingle => "\u{201A}",
            ReversedSingle => "\u{201B}",
            LeftGuillemet => "\u{00AB}",
            RightGuillemet => "\u{00BB}",
            LeftSingleGuillemet => "\u{2039}",
            RightSingleGuillemet => "\u{203A}",
        }
    }

    #[cfg(test)]
    pub const ALL: [Glyph; 17] = [
        Glyph::StraightDouble,
        Glyph::LeftDouble,
        Glyph::RightDouble,
        Glyph::LowDouble,
        Glyph::ReversedDouble,
        Glyph::DoubledApostrophe,
        Glyph::DoubledBacktick,
        Glyph::FullwidthDouble,
        Glyph::StraightSingle,
        Glyph::LeftSingle,
        Glyph::RightSingle,
        Glyph::LowSingle,
        Glyph::ReversedSingle,
        Glyph::LeftGuillemet,
        Glyph::RightGuillemet,
        Glyph::LeftSingleGuillemet,
        Glyph::RightSingleGuillemet,
    ];
}

/// A quoted span as the extractor found it. Offsets are byte offsets into the article text;
/// `text[start..end]` includes the marks, `text[content_start..content_end]` excludes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Byte offset of the opening mark.
    pub start: usize,
    /// Byte offset one past the closing mark.
    pub end: usize,
    /// Byte offset of the first byte inside the opening mark.
    pub content_start: usize,
    /// Byte offset of the closing mark.
    pub content_end: usize,
    /// The convention of its marks.
    pub family: MarkFamily,
    /// 0 for a top-level quote, 1 for a quote inside it, and so on.
    pub depth: usize,
    /// Index (into the returned spans) of the quote this one is nested in.
    pub parent: Option<usize>,
    /// How many paragraphs the quote runs over (1 for most quotes).
    pub n_paragraphs: usize,
}

/// Why a mark did not become part of a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StrayKind {
    /// An opening mark whose paragraph ended without a closing mark or a continuation.
    Unclosed,
    /// A closing mark with nothing open to close.
    Unopened,
    /// A mark beyond [`MAX_NESTING`] levels of nesting.
    TooDeep,
}

/// A quotation mark that could not be paired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stray {
    /// Byte offset of the mark.
    pub pos: usize,
    /// Why it was not paired.
    pub kind: StrayKind,
}

/// Everything the extractor found in one text.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// Quotes in order of their start offset (an outer quote before the quotes inside it).
    pub spans: Vec<Span>,
    /// Marks that could not be paired, in text order.
    pub strays: Vec<Stray>,
}

// ---------------------------------------------------------------------------------------------
// Lexer (nom)

/// Bytes that may begin a quotation mark or a line break: ASCII marks, and the lead bytes of
/// the multi-byte marks (U+00AB/BB start with C2, U+2018–203A with E2, U+FF02 with EF).
const fn interesting_table() -> [bool; 256] {
    let mut t = [false; 256];
    t[b'"' as usize] = true;
    t[b'\'' as usize] = true;
    t[b'`' as usize] = true;
    t[b'<' as usize] = true;
    t[b'\n' as usize] = true;
    t[b'\r' as usize] = true;
    t[0xC2] = true;
    t[0xE2] = true;
    t[0xEF] = true;
    t
}
static INTERESTING: [bool; 256] = interesting_table();

/// Skips text that cannot hold a mark. Every byte it stops at is ASCII or a UTF-8 lead byte,
/// so the split is always on a char boundary.
fn plain(input: &str) -> IResult<&str, &str> {
    let n = input
        .bytes()
        .position(|b| INTERESTING[b as usize])
        .unwrap_or(input.len());
    Ok((&input[n..], &input[..n]))
}

/// A quotation-mark glyph. Two-character glyphs come first so `''` is not read as two `'`.
fn glyph(input: &str) -> IResult<&str, Glyph> {
    // The first byte picks the branch, so an apostrophe (the most common mark) does not try
    // fifteen other tags first.
    match input.as_bytes().first() {
        Some(b'\'') => alt((
            value(Glyph::DoubledApostrophe, tag("''")),
            value(Glyph::StraightSingle, tag("'")),
        ))
        .parse_complete(input),
        Some(b'"') => value(Glyph::StraightDouble, tag("\"")).parse_complete(input),
        Some(b'`') => value(Glyph::DoubledBacktick, tag("``")).parse_complete(input),
        Some(0xC2) => alt((
            value(Glyph::LeftGuillemet, tag("\u{00AB}")),
            value(Glyph::RightGuillemet, tag("\u{00BB}")),
        ))
        .parse_complete(input),
        Some(0xEF) => value(Glyph::FullwidthDouble, tag("\u{FF02}")).parse_complete(input),
        _ => alt((
            value(Glyph::LeftDouble, tag("\u{201C}")),
            value(Glyph::RightDouble, tag("\u{201D}")),
            value(Glyph::LowDouble, tag("\u{201E}")),
            value(Glyph::ReversedDouble, tag("\u{201F}")),
            value(Glyph::LeftSingle, tag("\u{2018}")),
            value(Glyph::RightSingle, tag("\u{2019}")),
            value(Glyph::LowSingle, tag("\u{201A}")),
            value(Glyph::ReversedSingle, tag("\u{201B}")),
            value(Glyph::LeftSingleGuillemet, tag("\u{2039}")),
            value(Glyph::RightSingleGuillemet, tag("\u{203A}")),
        ))
        .parse_complete(input),
    }
}

/// A line break: `\r\n`, `\n` or `\r`.
fn line_break(input: &str) -> IResult<&str, ()> {
    value((), alt((tag("\r\n"), tag("\n"), tag("\r")))).parse_complete(input)
}

/// An HTML-like tag: `<` then a letter, `/` or `!`, up to `>` on the same line and within
/// 1,000 bytes (so a stray `<` in prose costs a bounded look-ahead and is skipped alone).
fn markup_tag(input: &str) -> IResult<&str, ()> {
    let bytes = input.as_bytes();
    let starts_tag = bytes.first() == Some(&b'<')
        && bytes
            .get(1)
            .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/' || *b == b'!');
    let end = bytes
        .iter()
        .take(1000)
        .position(|&b| b == b'>' || b == b'\n' || b == b'\r');
    match end {
        Some(e) if starts_tag && bytes[e] == b'>' => Ok((&input[e + 1..], ())),
        _ => Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Tag,
        ))),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Mark(Glyph),
    Break,
}

/// Elements whose content is code or an inert template, never prose: a page read with
/// `--raw-html` keeps them in its text, and their strings (`font-family: "Helvetica Neue"`)
/// are not quotations.
const RAW_TEXT_ELEMENTS: [&str; 3] = ["script", "style", "template"];

/// Iterates over the marks and line breaks of a text, with their byte offsets.
struct Lexer<'a> {
    base: &'a str,
    rest: &'a str,
    /// Per raw-text element: no closing tag follows the last search, so no later one finds
    /// one either (each search is done at most once past that point: linear).
    unclosed: [bool; RAW_TEXT_ELEMENTS.len()],
}

impl<'a> Lexer<'a> {
    fn new(text: &'a str) -> Self {
        Lexer {
            base: text,
            rest: text,
            unclosed: [false; RAW_TEXT_ELEMENTS.len()],
        }
    }

    /// After the opening tag `tag` of a raw-text element, the text after its closing tag;
    /// `None` for another tag, or when no closing tag follows.
    fn past_raw_text(&mut self, tag: &str, after: &'a str) -> Option<&'a str> {
        let name = tag
            .get(1..)?
            .split(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
            .next()?;
        let k = RAW_TEXT_ELEMENTS
            .iter()
            .position(|e| e.eq_ignore_ascii_case(name))?;
        if self.unclosed[k] {
            return None;
        }
        let close = RAW_TEXT_ELEMENTS[k];
        let bytes = after.as_bytes();
        let found = memchr::memchr_iter(b'<', bytes).find(|&i| {
            bytes.get(i + 1) == Some(&b'/')
                && bytes
                    .get(i + 2..i + 2 + close.len())
                    .is_some_and(|n| n.eq_ignore_ascii_case(close.as_bytes()))
        });
        let Some(i) = found else {
            self.unclosed[k] = true;
            return None;
        };
        // Past the closing tag's `>` (or to the end of the text when it has none).
        let end = bytes[i..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(bytes.len(), |e| i + e + 1);
        after.get(end..)
    }
}

impl Iterator for Lexer<'_> {
    type Item = (usize, usize, Token);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            // `plain` cannot fail; the match keeps nom's error type out of the hot path.
            if let Ok((rest, _)) = plain(self.rest) {
                self.rest = rest;
            }
            if self.rest.is_empty() {
                return None;
            }
            let pos = self.base.len() - self.rest.len();
            if let Ok((rest, g)) = glyph(self.rest) {
                let len = self.rest.len() - rest.len();
                self.rest = rest;
                return Some((pos, len, Token::Mark(g)));
            }
            if let Ok((rest, ())) = line_break(self.rest) {
                let len = self.rest.len() - rest.len();
                self.rest = rest;
                return Some((pos, len, Token::Break));
            }
            // Markup left in the text (`<tweet author="…">`, `<a href="…">`): its attribute
            // quotes are not quotations.
            if let Ok((rest, ())) = markup_tag(self.rest) {
                let tag = &self.rest[..self.rest.len() - rest.len()];
                self.rest = self.past_raw_text(tag, rest).unwrap_or(rest);
                continue;
            }
            // A lead byte of something that is not a mark (an em dash, a non-breaking space):
            // step over that one character.
            let step = self.rest.chars().next().map_or(1, char::len_utf8);
            self.rest = &self.rest[step..];
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Classification

/// What stands next to a mark, as far as pairing cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// Start or end of the text, a line break or white space.
    Space,
    /// A letter or digit.
    Word,
    /// `( [ {`
    Opener,
    /// `. , ; : ! ? ) ] } …`
    Closer,
    /// Dashes and slashes, which may stand on either side of a quote.
    Dash,
    /// Another quotation mark.
    Quote,
    /// Anything else (`$`, `%`, `*`, `#`, …).
    Symbol,
}

fn side_of(c: Option<char>) -> Side {
    match c {
        None => Side::Space,
        Some(c) if c.is_whitespace() => Side::Space,
        Some(c) if c.is_alphanumeric() => Side::Word,
        Some('(' | '[' | '{') => Side::Opener,
        Some('.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '\u{2026}') => Side::Closer,
        Some('-' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '/') => Side::Dash,
        Some(
            '"' | '\'' | '`' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2018}'
            | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{00AB}' | '\u{00BB}' | '\u{2039}'
            | '\u{203A}' | '\u{FF02}',
        ) => Side::Quote,
        Some(_) => Side::Symbol,
    }
}

/// A mark after classification, before pairing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// Straight marks between two neutral sides: decided by what is open.
    Toggle,
    /// A closing single mark that may also be a plural possessive (`consumers' rights`).
    CloseOrApostrophe,
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    pos: usize,
    len: usize,
    glyph: Glyph,
    family: MarkFamily,
    role: Role,
}

/// Decides what a mark at `pos` is from its glyph and the characters beside it.
/// Returns `None` for an apostrophe.
fn classify(text: &str, pos: usize, len: usize, g: Glyph, lexicon: &Lexicon) -> Option<Role> {
    let prev_char = text[..pos].chars().next_back();
    let next_char = text[pos + len..].chars().next();
    let prev = side_of(prev_char);
    let next = side_of(next_char);
    let can_open = matches!(prev, Side::Space | Side::Opener | Side::Dash | Side::Quote)
        && !matches!(next, Side::Space);
    let can_close =
        !matches!(prev, Side::Space | Side::Opener) && !matches!(next, Side::Word | Side::Opener);

    if g.family() == MarkFamily::Single {
        return classify_single(&text[pos + len..], g, prev, next, prev_char, lexicon);
    }
    Some(match (can_open, can_close, g.nominal()) {
        (true, false, _) => Role::Open,
        (false, true, _) => Role::Close,
        (_, _, Nominal::Open) => Role::Open,
        (_, _, Nominal::Close) => Role::Close,
        (_, _, Nominal::Either) => {
            // `a"b` or ` " `: only what is open can say. A closing punctuation mark before
            // it (`"Yes,"he said`) means it closes.
            if prev == Side::Closer {
                Role::Close
            } else {
                Role::Toggle
            }
        }
    })
}

/// [`classify`] for a single mark; `after` is the text after the mark.
fn classify_single(
    after: &str,
    g: Glyph,
    prev: Side,
    next: Side,
    prev_char: Option<char>,
    lexicon: &Lexicon,
) -> Option<Role> {
    // Between letters it is always an apostrophe: didn't, Guizhou's, rock’n’roll.
    if prev == Side::Word && next == Side::Word {
        return None;
    }
    let opening_context = matches!(prev, Side::Space | Side::Opener | Side::Dash | Side::Quote);
    if opening_context && matches!(next, Side::Word | Side::Symbol | Side::Quote) {
        // A right single mark at the start of a word is an apostrophe in typeset text
        // (’90s, ’em); only the left mark and the straight one open quotes.
        if g == Glyph::RightSingle {
            return None;
        }
        if g == Glyph::StraightSingle && is_elision(after, lexicon) {
            return None;
        }
        return Some(Role::Open);
    }
    let closing_context = !matches!(prev, Side::Space | Side::Opener)
        && matches!(
            next,
            Side::Space | Side::Closer | Side::Dash | Side::Quote | Side::Symbol
        );
    if closing_context {
        if g == Glyph::LeftSingle || g == Glyph::LowSingle || g == Glyph::ReversedSingle {
            return Some(Role::Open);
        }
        // `consumers' rights`, `Jesus' words`, `goin' home`: a closing mark after a letter
        // followed by a space may be a possessive or an elided letter.
        let possessive = prev == Side::Word
            && next == Side::Space
            && prev_char.is_some_and(|c| c.is_alphabetic());
        return Some(if possessive {
            Role::CloseOrApostrophe
        } else {
            Role::Close
        });
    }
    if g == Glyph::LeftSingle && next != Side::Space {
        return Some(Role::Open);
    }
    None
}

/// `'em`, `'cause`, `'90s`: a word that starts with an apostrophe.
fn is_elision(after: &str, lexicon: &Lexicon) -> bool {
    let word_len = after
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(after.len(), |(i, _)| i);
    let word = &after[..word_len];
    if word.is_empty() {
        return false;
    }
    // Decades and years: '90s, '08.
    let bytes = word.as_bytes();
    if bytes.len() >= 2 && bytes[0].is_ascii_digit() && bytes[1].is_ascii_digit() {
        return bytes.len() == 2 || (bytes.len() == 3 && bytes[2] == b's');
    }
    // Only the word itself decides: an elision is followed by a space or punctuation, never by
    // more of a quote on the same word (`'n'` in rock 'n' roll is in the list).
    lexicon.is_elision(word)
}

// ---------------------------------------------------------------------------------------------
// Pairing

struct Open {
    pos: usize,
    len: usize,
    glyph: Glyph,
    family: MarkFamily,
    /// Paragraphs this quote has run over so far (for continued quotes).
    n_paragraphs: usize,
}

/// Pairs marks paragraph by paragraph.
struct Pairer {
    stack: Vec<Open>,
    /// Closed quotes as (start, end, open_len, close_len, family, n_paragraphs).
    spans: Vec<Span>,
    strays: Vec<Stray>,
}

impl Pairer {
    fn open(&mut self, m: &Mark) {
        if self.stack.len() >= MAX_NESTING {
            self.strays.push(Stray {
                pos: m.pos,
                kind: StrayKind::TooDeep,
            });
            return;
        }
        self.stack.push(Open {
            pos: m.pos,
            len: m.len,
            glyph: m.glyph,
            family: m.family,
            n_paragraphs: 1,
        });
    }

    /// Closes the innermost open quote of the mark's family; quotes opened inside it and left
    /// open are strays. Returns false when nothing of that family is open.
    fn close(&mut self, m: &Mark) -> bool {
        let Some(idx) = self.stack.iter().rposition(|o| o.family == m.family) else {
            return false;
        };
        for inner in self.stack.drain(idx + 1..) {
            self.strays.push(Stray {
                pos: inner.pos,
                kind: StrayKind::Unclosed,
            });
        }
        let Some(o) = self.stack.pop() else {
            return false;
        };
        self.spans.push(Span {
            start: o.pos,
            end: m.pos + m.len,
            content_start: o.pos + o.len,
            content_end: m.pos,
            family: o.family,
            depth: self.stack.len(),
            parent: None,
            n_paragraphs: o.n_paragraphs,
        });
        true
    }

    /// Closing the innermost open quote of `family` would leave a quote of another family
    /// opened inside it unclosed: `how ‘bout this headline: “Residents’ lives…”` pairs an
    /// elision with a possessive across a real quotation.
    fn crosses(&self, family: MarkFamily) -> bool {
        self.stack
            .iter()
            .rposition(|o| o.family == family)
            .is_some_and(|idx| self.stack[idx + 1..].iter().any(|o| o.family != family))
    }

    /// A quotation whose closing mark was left out runs to the end of its paragraph when the
    /// next paragraph does not continue it: `“… God help us.` then a paragraph of the
    /// reporter's. Only a mark that can do nothing but open (`“`, `„`, `«`) and is the one
    /// quote left open, over words that end as a sentence ends; a straight mark or a single
    /// one may be a misplaced closing mark or an apostrophe, and stays a stray.
    fn close_at_paragraph_end(&mut self, text: &str, para_end: usize) -> bool {
        let [o] = self.stack.as_slice() else {
            return false;
        };
        if !matches!(
            o.glyph,
            Glyph::LeftDouble | Glyph::LowDouble | Glyph::LeftGuillemet
        ) {
            return false;
        }
        let content_start = o.pos + o.len;
        let end = content_start + text[content_start..para_end].trim_end().len();
        let words = &text[content_start..end];
        // A sentence's words: two or more, ending as a sentence does, and not closing a
        // bracket opened before the mark (`who are “somewhat liberal), education (…) and…`:
        // the quote ended before the bracket, at a place the text no longer shows).
        let unbalanced = words.matches([')', ']']).count() > words.matches(['(', '[']).count();
        if unbalanced
            || !words.ends_with(['.', '!', '?', '\u{2026}'])
            || words.split_whitespace().nth(1).is_none()
        {
            return false;
        }
        let Some(o) = self.stack.pop() else {
            return false;
        };
        self.spans.push(Span {
            start: o.pos,
            end,
            content_start,
            content_end: end,
            family: o.family,
            depth: 0,
            parent: None,
            n_paragraphs: o.n_paragraphs,
        });
        true
    }

    fn is_open(&self, family: MarkFamily) -> bool {
        self.stack.iter().any(|o| o.family == family)
    }

    /// Pairs one paragraph's marks. `later_single_close[i]` says whether a closing-capable
    /// single mark follows mark `i` in the paragraph (for the possessive look-ahead).
    fn paragraph(&mut self, text: &str, marks: &[Mark], skip_first: bool) {
        let mut later_single_close = vec![false; marks.len()];
        let mut seen = false;
        for (i, m) in marks.iter().enumerate().rev() {
            later_single_close[i] = seen;
            if m.family == MarkFamily::Single
                && matches!(m.role, Role::Close | Role::CloseOrApostrophe)
            {
                seen = true;
            }
        }
        // later_same[i]: the marks of mark i's family after it in the paragraph.
        let mut later_same = vec![0usize; marks.len()];
        for i in (0..marks.len()).rev() {
            later_same[i] = marks[i + 1..].first().map_or(0, |_| {
                later_same[i + 1] + usize::from(marks[i + 1].family == marks[i].family)
            });
        }
        for (i, m) in marks.iter().enumerate() {
            if i == 0 && skip_first {
                continue;
            }
            match m.role {
                // A closing mark typed as an opening one (`…is wrong. "Perry is referring`):
                // a straight mark after a sentence's end and a space, while a quote of its
                // family is open, closes it when the marks after it in the paragraph pair
                // among themselves (an even number): opened, it would leave both unclosed.
                Role::Open
                    if m.glyph.is_straight()
                        && self.is_open(m.family)
                        && later_same[i] % 2 == 0
                        && text[..m.pos].ends_with(' ')
                        && text[..m.pos].trim_end().ends_with(['.', '!', '?', ',']) =>
                {
                    self.close(m);
                }
                Role::Open => self.open(m),
                // A single mark that would close across a quote of another family is an
                // apostrophe (see `crosses`).
                Role::Close if m.family == MarkFamily::Single && self.crosses(m.family) => {}
                Role::Close => {
                    if !self.close(m) && m.family != MarkFamily::Single {
                        self.strays.push(Stray {
                            pos: m.pos,
                            kind: StrayKind::Unopened,
                        });
                    }
                }
                Role::Toggle => {
                    if !(self.is_open(m.family) && self.close(m)) {
                        self.open(m);
                    }
                }
                Role::CloseOrApostrophe => {
                    // A possessive inside a single-quoted span (`'The consumers' rights,'`)
                    // is followed by a lower-case word and by a later closing mark.
                    let next_lower = text[m.pos + m.len..]
                        .trim_start()
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_lowercase());
                    if self.is_open(MarkFamily::Single)
                        && !(next_lower && later_single_close[i])
                        && !self.crosses(m.family)
                    {
                        self.close(m);
                    }
                }
            }
        }
    }
}

/// Finds every quoted span in `text`; the lexicon's elisions (`'em`, `'cause`) tell a leading
/// apostrophe from an opening mark. Never fails; see the module docs.
pub(crate) fn extract(text: &str, lexicon: &Lexicon) -> Extraction {
    let mut pairer = Pairer {
        stack: Vec::new(),
        spans: Vec::new(),
        strays: Vec::new(),
    };
    let mut marks: Vec<Mark> = Vec::new();
    // Whether the current paragraph opens with a mark that continues the previous paragraph's
    // open quote, and so must not open a new one.
    let mut continued = false;
    let mut lexer = Lexer::new(text).peekable();
    let mut para_has_text = false;
    let mut para_start = 0usize;
    // Paragraphs a quote whose reopening marks were left out still runs over (see
    // `closed_ahead`), counted once so that each paragraph is looked ahead at once.
    let mut run_on_left = 0usize;

    loop {
        let tok = lexer.next();
        let at_break = matches!(tok, None | Some((_, _, Token::Break)));
        if at_break {
            let para_end = tok.map_or(text.len(), |(pos, _, _)| pos);
            if !para_has_text && text[para_start..para_end].trim().is_empty() {
                // A blank line: paragraphs around it are still adjacent for continuation.
                if let Some((pos, len, _)) = tok {
                    para_start = pos + len;
                    continue;
                }
            }
            pairer.paragraph(text, &marks, continued);
            marks.clear();
            continued = false;
            para_has_text = false;
            let next_start = tok.map_or(text.len(), |(pos, len, _)| pos + len);
            if !pairer.stack.is_empty() {
                continued = continues(text, next_start, &pairer.stack[0], lexicon);
                // The next paragraph closes the quote without reopening it: it runs on too,
                // and that paragraph's first mark is read as usual (it closes the quote).
                let run_on = !continued
                    && if run_on_left > 0 {
                        run_on_left -= 1;
                        true
                    } else if let Some(n) =
                        closed_ahead(text, next_start, &pairer.stack[0], lexicon)
                    {
                        run_on_left = n - 1;
                        true
                    } else {
                        false
                    };
                if continued || run_on {
                    // Only the outermost quote runs on; anything opened inside it is a stray.
                    let inner: Vec<Open> = pairer.stack.drain(1..).collect();
                    for o in inner {
                        pairer.strays.push(Stray {
                            pos: o.pos,
                            kind: StrayKind::Unclosed,
                        });
                    }
                    pairer.stack[0].n_paragraphs += 1;
                } else if !pairer.close_at_paragraph_end(text, para_end) {
                    for o in pairer.stack.drain(..) {
                        pairer.strays.push(Stray {
                            pos: o.pos,
                            kind: StrayKind::Unclosed,
                        });
                    }
                }
            }
            match tok {
                None => break,
                Some((pos, len, _)) => para_start = pos + len,
            }
            continue;
        }
        let Some((pos, len, Token::Mark(g))) = tok else {
            continue;
        };
        para_has_text = true;
        if let Some(role) = classify(text, pos, len, g, lexicon) {
            marks.push(Mark {
                pos,
                len,
                glyph: g,
                family: g.family(),
                role,
            });
        }
    }

    let mut spans = pairer.spans;
    spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    set_parents(&mut spans);
    let mut strays = pairer.strays;
    strays.sort_by_key(|s| s.pos);
    Extraction { spans, strays }
}

/// Whether the paragraph starting at `from` reopens the quote left open by the paragraph
/// before it (the convention for a quotation that runs over several paragraphs).
fn continues(text: &str, from: usize, open: &Open, lexicon: &Lexicon) -> bool {
    let rest = text[from..].trim_start();
    let Ok((after, g)) = glyph(rest) else {
        return false;
    };
    if g.family() != open.family {
        return false;
    }
    // A block quotation typed with straight marks (`"` opening each of its paragraphs) keeps
    // typographic marks for the quotes inside it: a paragraph opening with `“` after one
    // opened by `"` starts a quote of its own, it does not continue the block.
    if open.glyph.is_straight() && g != open.glyph {
        return false;
    }
    let pos = text.len() - rest.len();
    let len = rest.len() - after.len();
    matches!(
        classify(text, pos, len, g, lexicon),
        Some(Role::Open) | Some(Role::Toggle)
    )
}

/// Paragraphs breaks a quote left open runs over when the writer left out the marks that
/// reopen a quotation at each paragraph: the first later paragraph holding a mark of the
/// quote's family can only close it (`“…and he would have appeared.` then `Mr. Stone has
/// nothing to hide.”`), and the paragraphs before it hold no mark of that family. Only after
/// a mark that can do nothing but open, only the closing glyph of the same pair, and over at
/// most [`MAX_RUN_ON`] paragraphs; `None` otherwise.
fn closed_ahead(text: &str, from: usize, open: &Open, lexicon: &Lexicon) -> Option<usize> {
    let closing = match open.glyph {
        Glyph::LeftDouble => Glyph::RightDouble,
        Glyph::LeftGuillemet => Glyph::RightGuillemet,
        _ => return None,
    };
    let mut start = from;
    for n in 1..=MAX_RUN_ON {
        start = text.len() - text[start..].trim_start().len();
        if start == text.len() {
            return None;
        }
        let end = text[start..]
            .find(['\n', '\r'])
            .map_or(text.len(), |i| start + i);
        let mut rest = &text[start..end];
        // One pass over the paragraph, stopping at its first mark of the quote's family.
        while let Ok((at, _)) = plain(rest) {
            let Some(c) = at.chars().next() else {
                break;
            };
            match glyph(at) {
                Ok((after, g)) if g.family() == open.family => {
                    let pos = end - at.len();
                    let closes = g == closing
                        && classify(text, pos, at.len() - after.len(), g, lexicon)
                            == Some(Role::Close);
                    return closes.then_some(n);
                }
                Ok((after, _)) => rest = after,
                Err(_) => rest = &at[c.len_utf8()..],
            }
        }
        start = end;
    }
    None
}

/// Fills `parent` and `depth` from the (properly nested) spans, sorted by start.
fn set_parents(spans: &mut [Span]) {
    let mut stack: Vec<usize> = Vec::new();
    for i in 0..spans.len() {
        while let Some(&top) = stack.last() {
            if spans[top].end <= spans[i].start {
                stack.pop();
            } else {
                break;
            }
        }
        spans[i].parent = stack.last().copied();
        spans[i].depth = stack.len();
        stack.push(i);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`extract`] with the built-in lexicon.
    fn extracted(text: &str) -> Extraction {
        extract(text, &Lexicon::builtin())
    }

    fn quotes(text: &str) -> Vec<&str> {
        extracted(text)
            .spans
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn straight_double() {
        assert_eq!(quotes(r#"He said "yes," and left."#), vec![r#""yes,""#]);
    }

    /// A closing mark typed after a space, like an opening one, closes the quote that is
    /// open when the marks after it pair among themselves; a real opening mark (nothing
    /// open, or an odd number after it) still opens.
    #[test]
    fn a_closing_mark_typed_as_an_opening_one() {
        let t = r#"Ruiz wrote, "We waited. Nobody came. "Ruiz is referring to a memo that asks staff to "hold and review" every claim."#;
        assert_eq!(
            quotes(t),
            vec![r#""We waited. Nobody came. ""#, r#""hold and review""#]
        );
        // One mark after it: closing would leave that one alone, so it opens.
        let t = r#"She said, "We waited. "Nobody came," she added."#;
        assert_eq!(quotes(t), vec![r#""Nobody came,""#]);
        let t = r#"It ended. "Nobody came," she said."#;
        assert_eq!(quotes(t), vec![r#""Nobody came,""#]);
    }

    /// Strings in scripts, style sheets and templates left in a page's text are not
    /// quotations; the prose around them is read as usual, and a tag that is never closed
    /// hides nothing.
    #[test]
    fn scripts_styles_and_templates_hold_no_quotes() {
        let t = "<html><head><STYLE>body{font-family:\"Helvetica Neue\"}</style><script type=\"x\">var a=\"b\";</Script></head>\n<p>\"We will win,\" Ana Ruiz said.</p><template><p>\"hidden\"</p></template>";
        assert_eq!(quotes(t), vec!["\"We will win,\""]);
        let t = "He typed <script> into the box. \"It failed,\" he said. <script> again.";
        assert_eq!(quotes(t), vec!["\"It failed,\""]);
    }

    #[test]
    fn curly_double() {
        assert_eq!(
            quotes("“It is over,” she said. “Done.”"),
            vec!["“It is over,”", "“Done.”"]
        );
    }

    #[test]
    fn british_single_and_apostrophes() {
        let t = "'Guizhou's firms didn't wait for the '90s,' Klingel said of consumers' rights.";
        assert_eq!(
            quotes(t),
            vec!["'Guizhou's firms didn't wait for the '90s,'"]
        );
    }

    #[test]
    fn plural_possessive_inside_single_quote() {
        let t = "'The consumers' rights come first,' he said.";
        assert_eq!(quotes(t), vec!["'The consumers' rights come first,'"]);
    }

    #[test]
    fn plural_possessive_alone_is_not_a_quote() {
        assert!(quotes("The consumers' rights and the workers' pay.").is_empty());
    }

    #[test]
    fn curly_apostrophes() {
        let t = "‘I’m sure it’s the ’90s again,’ he said of Guizhou’s plan.";
        assert_eq!(quotes(t), vec!["‘I’m sure it’s the ’90s again,’"]);
    }

    #[test]
    fn elision_is_not_an_opening_quote() {
        assert!(quotes("Rock 'n' roll, let 'em go 'cause it's late.").is_empty());
    }

    #[test]
    fn doubled_apostrophes() {
        let t = "''We are not done,'' Mr. Smith said.";
        assert_eq!(quotes(t), vec!["''We are not done,''"]);
    }

    #[test]
    fn guillemets() {
        assert_eq!(quotes("Il a dit « non » hier."), vec!["« non »"]);
    }

    #[test]
    fn nested_quotes() {
        let t = r#""He said 'no' twice," she said."#;
        let ex = extracted(t);
        assert_eq!(ex.spans.len(), 2);
        assert_eq!(
            &t[ex.spans[0].start..ex.spans[0].end],
            r#""He said 'no' twice,""#
        );
        assert_eq!(&t[ex.spans[1].start..ex.spans[1].end], "'no'");
        assert_eq!(ex.spans[1].parent, Some(0));
        assert_eq!(ex.spans[1].depth, 1);
    }

    #[test]
    fn continued_over_paragraphs() {
        let t = "“First part.\n\n“Second part,” he said.";
        let ex = extracted(t);
        assert_eq!(ex.spans.len(), 1);
        assert_eq!(
            &t[ex.spans[0].start..ex.spans[0].end],
            t.strip_suffix(" he said.").unwrap()
        );
        assert_eq!(ex.spans[0].n_paragraphs, 2);
    }

    #[test]
    fn a_quote_left_unclosed_runs_to_its_paragraph_end() {
        // The closing mark was left out; the next paragraph is the reporter's.
        let t = "He said: \u{201C}We will rebuild it. God help us.\n\nThe council met.";
        assert_eq!(quotes(t), vec!["\u{201C}We will rebuild it. God help us."]);
        assert!(extracted(t).strays.is_empty());
        // Not when the mark may be something else (a straight mark), when the words do not
        // end as a sentence, or when they close a bracket opened before the mark.
        for t in [
            "He said \"this is unclosed.\nThe council met.",
            "He said: \u{201C}We will rebuild it\nThe council met.",
            "Voters who are \u{201C}somewhat liberal), and others (most) agreed.\nNext.",
            "It was \u{201C}one.\nNext.",
        ] {
            assert!(quotes(t).is_empty(), "{t:?}");
            assert_eq!(extracted(t).strays.len(), 1, "{t:?}");
        }
    }

    #[test]
    fn a_quote_whose_reopening_marks_were_left_out_runs_to_its_closing_mark() {
        let t = "He wrote: \u{201C}First.\n\nSecond.\n\nThird.\u{201D}\n\nThe council met.";
        let ex = extracted(t);
        assert_eq!(ex.spans.len(), 1);
        let s = &ex.spans[0];
        assert_eq!(
            &t[s.start..s.end],
            "\u{201C}First.\n\nSecond.\n\nThird.\u{201D}"
        );
        assert_eq!(s.n_paragraphs, 3);
        assert!(ex.strays.is_empty());
        // A paragraph that opens a quote of its own ends the first at its paragraph.
        let t = "He wrote: \u{201C}First of all.\n\nShe said \u{201C}no.\u{201D}";
        assert_eq!(
            quotes(t),
            vec!["\u{201C}First of all.", "\u{201C}no.\u{201D}"]
        );
        // The closing mark is looked for over a few paragraphs only.
        let far = format!(
            "He wrote: \u{201C}First of all.{}\n\nLast.\u{201D}",
            "\n\nMore.".repeat(MAX_RUN_ON)
        );
        assert_eq!(quotes(&far), vec!["\u{201C}First of all."]);
    }

    #[test]
    fn straight_block_quotation_is_not_continued_by_a_typographic_mark() {
        // Each paragraph of an excerpt opens with a straight mark that is never closed; the
        // typographic marks inside are quotes of their own.
        let t = "The report said:\n\n\"She had waited for months. In a box marked \
                 \u{201C}reason,\u{201D} a clerk had typed \u{201C}none.\u{201D}\n\n\
                 \u{201C}I never doubted it,\u{201D} she said.\n\n\"He left early.\n\n\
                 \u{201C}Good night,\u{201D} he said.";
        assert_eq!(
            quotes(t),
            vec![
                "\u{201C}reason,\u{201D}",
                "\u{201C}none.\u{201D}",
                "\u{201C}I never doubted it,\u{201D}",
                "\u{201C}Good night,\u{201D}"
            ]
        );
        assert!(extracted(t).spans.iter().all(|s| s.depth == 0));
        // Straight marks open each paragraph of a straight-marked continued quote.
        let t = "\"First part.\n\n\"Second part,\" he said.";
        assert_eq!(quotes(t), vec![t.strip_suffix(" he said.").unwrap()]);
    }

    #[test]
    fn a_single_mark_does_not_close_across_a_double_quote() {
        // `‘bout` is an elision typed with an opening mark; the possessive inside the
        // headline must not close it and break the headline's quote.
        let t = "And how \u{2018}bout this headline: \u{201C}Storms change residents\u{2019} \
                 plans.\u{201D} Nobody expected it.";
        assert_eq!(
            quotes(t),
            vec!["\u{201C}Storms change residents\u{2019} plans.\u{201D}"]
        );
        let t = "And how \u{2018}bout this: \u{201C}The plan is the residents\u{2019}.\u{201D}";
        assert_eq!(
            quotes(t),
            vec!["\u{201C}The plan is the residents\u{2019}.\u{201D}"]
        );
    }

    #[test]
    fn unclosed_mark_is_contained_to_its_paragraph() {
        let t = "He said \"this is unclosed.\nThen \"one\" and \"two\".";
        assert_eq!(quotes(t), vec!["\"one\"", "\"two\""]);
        let ex = extracted(t);
        assert_eq!(ex.strays.len(), 1);
        assert_eq!(ex.strays[0].kind, StrayKind::Unclosed);
    }

    #[test]
    fn stray_closing_mark_does_not_shift_later_pairs() {
        let t = "Height 6'2\" tall. He said \"yes\" and \"no\".";
        assert_eq!(quotes(t), vec!["\"yes\"", "\"no\""]);
    }

    #[test]
    fn marks_inside_markup_are_skipped() {
        let t = "<tweet id=\"1\" author=\"x\">\"Hello there,\" he wrote.</tweet> a < b \"c\"";
        assert_eq!(quotes(t), vec!["\"Hello there,\"", "\"c\""]);
    }

    #[test]
    fn low_and_mixed_double_marks() {
        assert_eq!(quotes("Er sagte „nein“ dazu."), vec!["„nein“"]);
        // An opening curly mark closed by a straight one (seen in edited copy).
        assert_eq!(quotes("“We are done,\" she said."), vec!["“We are done,\""]);
        assert_eq!(
            quotes("``We are done,'' she said."),
            vec!["``We are done,''"]
        );
    }

    #[test]
    fn decades_are_apostrophes() {
        assert!(quotes("Back in the '90s and '08 it was fine.").is_empty());
    }

    #[test]
    fn crlf_and_cr_line_endings() {
        assert_eq!(
            quotes("\"a b\"\r\n\"c d\"\r\"e\""),
            vec!["\"a b\"", "\"c d\"", "\"e\""]
        );
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let mut t = String::new();
        for i in 0..10_000 {
            t.push_str(if i % 2 == 0 { "“a " } else { "‘b " });
        }
        let ex = extracted(&t);
        assert!(ex.spans.is_empty());
        assert_eq!(ex.strays.len(), 10_000);
    }

    #[test]
    fn every_span_slices_the_text() {
        let t = "«Oui» — \"x 'y' z\" ‘a’ “b” ''c'' ``d''";
        for s in extracted(t).spans {
            assert!(t.is_char_boundary(s.start) && t.is_char_boundary(s.end));
            assert!(s.start <= s.content_start && s.content_end <= s.end);
        }
    }

    #[test]
    fn quote_mark_table_matches_the_lexer() {
        let rows: Vec<Vec<&str>> = crate::lexicon::data_lines(crate::lexicon::QUOTE_MARKS)
            .map(|l| l.split('\t').collect())
            .collect();
        for g in Glyph::ALL {
            if matches!(g, Glyph::DoubledApostrophe | Glyph::DoubledBacktick) {
                continue; // two-character conventions, described in grammar/quotes.ebnf
            }
            let row = rows
                .iter()
                .find(|r| r[0] == g.as_str())
                .unwrap_or_else(|| panic!("{:?} missing from grammar/quote_marks.tsv", g));
            let family = match g.family() {
                MarkFamily::Double => "double",
                MarkFamily::Single => "single",
                MarkFamily::Guillemet => "guillemet",
            };
            assert!(
                row.iter()
                    .any(|c| *c == family || (*c == "low" && g.as_str() != "\"")),
                "{:?}: family {family} not in {:?}",
                g,
                row
            );
        }
    }

    #[test]
    fn the_model_knows_the_lexer_s_marks() {
        // Records read back recompute a quote's content from its marks with this table.
        let mut lexer: Vec<&str> = Glyph::ALL.iter().map(|g| g.as_str()).collect();
        let mut model: Vec<&str> = crate::model::article::QUOTE_MARKS.to_vec();
        lexer.sort_unstable();
        model.sort_unstable();
        assert_eq!(lexer, model);
    }
}
