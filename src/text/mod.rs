//! Small text utilities shared by the stages: word tokens over a byte range, sentence ends,
//! paragraph bounds, and byte → code-point offset conversion.
//!
//! Tokens are (start, end) byte ranges into the caller's text; nothing is copied.

pub(crate) mod normalize;

use crate::lexicon::Lexicon;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// Letters, digits and the apostrophes, hyphens and periods inside them (`didn't`,
    /// `al-Mughrabi`, `U.S.`), plus the final period of a known abbreviation or initial.
    Word,
    /// Any single other non-space character.
    Punct(char),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
}

impl Tok {
    pub fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokKind::Punct(c)
    }
    pub fn punct(&self) -> Option<char> {
        match self.kind {
            TokKind::Punct(c) => Some(c),
            TokKind::Word => None,
        }
    }
}

fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}' | '.' | '&' | '/'
    )
}

/// Tokenises `text[from..to]` into `out` (cleared first). The lexicon's abbreviations say
/// which words keep their final period.
pub fn tokenize_into(text: &str, from: usize, to: usize, lexicon: &Lexicon, out: &mut Vec<Tok>) {
    out.clear();
    let s = &text[from..to];
    let n = s.len();
    let mut i = 0;
    while i < n {
        let (c, len) = char_at(s, i);
        if is_space(c) {
            i += len;
            continue;
        }
        if !is_alnum(c) {
            out.push(Tok {
                start: from + i,
                end: from + i + len,
                kind: TokKind::Punct(c),
            });
            i += len;
            continue;
        }
        let mut end = i + len;
        let mut has_inner_dot = false;
        while end < n {
            let (d, dl) = char_at(s, end);
            if is_alnum(d) {
                end += dl;
            } else if is_joiner(d) && end + dl < n && is_alnum(char_at(s, end + dl).0) {
                // A joiner stays inside the word only when a letter or digit follows it.
                has_inner_dot |= d == '.';
                end += dl;
            } else {
                break;
            }
        }
        // A final period belongs to abbreviations (Mr.), initials (J.) and dotted acronyms
        // (U.S.); elsewhere it is punctuation.
        if s.as_bytes().get(end) == Some(&b'.') {
            let word = &s[i..end];
            let single_initial = len == word.len() && c.is_uppercase();
            if has_inner_dot || single_initial || is_abbreviation_word(word, lexicon) {
                end += 1;
            }
        }
        out.push(Tok {
            start: from + i,
            end: from + end,
            kind: TokKind::Word,
        });
        i = end;
    }
}

/// The character at byte `i` of `s` (a char boundary) and its length; ASCII without decoding.
#[inline]
fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        return (char::from(b), 1);
    }
    let c = s[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
    (c, c.len_utf8())
}

#[inline]
fn is_space(c: char) -> bool {
    if c.is_ascii() {
        matches!(c, ' ' | '\t'..='\r')
    } else {
        c.is_whitespace()
    }
}

#[inline]
fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

pub(crate) fn is_abbreviation_word(word: &str, lexicon: &Lexicon) -> bool {
    if word.len() > 8 {
        return false;
    }
    let mut buf = [0u8; 9];
    let n = word.len();
    buf[..n].copy_from_slice(word.as_bytes());
    buf[n] = b'.';
    buf[..=n].make_ascii_lowercase();
    std::str::from_utf8(&buf[..=n]).is_ok_and(|w| lexicon.is_abbreviation(w))
}

/// Whether a word starts with an upper-case letter.
pub fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether a word is all lower case letters (digits and joiners allowed).
pub fn is_lowercase_word(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
}

/// `text` without the markup tag it ends with (`…<p>`, `…</div>`, `…<a href="x">`), and
/// the tag's lower-case name; `None` when it does not end with one.
pub fn strip_trailing_tag(text: &str) -> Option<(&str, &str)> {
    let body = text.strip_suffix('>')?;
    let open = body.rfind(['<', '>'])?;
    if !body[open..].starts_with('<') {
        return None;
    }
    let inner = body[open + 1..].trim_start_matches('/');
    let len = inner
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(inner.len());
    let name = &inner[..len];
    (!name.is_empty() && name.as_bytes()[0].is_ascii_alphabetic()).then(|| (&text[..open], name))
}

/// An HTML element that breaks the flow of text: its tag ends a paragraph or a cell.
pub fn is_block_element(name: &str) -> bool {
    const BLOCK: [&str; 26] = [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "p",
        "section",
        "td",
        "th",
    ];
    BLOCK.iter().any(|b| b.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tag_tests {
    use super::{is_block_element, strip_trailing_tag};

    #[test]
    fn trailing_tags() {
        assert_eq!(strip_trailing_tag("x<p>"), Some(("x", "p")));
        assert_eq!(strip_trailing_tag("x </DIV>"), Some(("x ", "DIV")));
        assert_eq!(strip_trailing_tag("a <a href=\"u\">"), Some(("a ", "a")));
        assert_eq!(strip_trailing_tag("3 > 2"), None);
        assert_eq!(strip_trailing_tag("a -> b <- c>"), None);
        assert!(is_block_element("P") && !is_block_element("em"));
    }
}

/// Characters that close a quote or bracket after a sentence's final punctuation.
pub fn is_closing_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201D}' | '\u{2019}' | '\u{00BB}' | '\u{203A}' | ')' | ']'
    )
}

/// Whether a sentence ends at punctuation token `i` of `toks` (over `text`): a `.`, `!`, `?`
/// or `…` followed by the end of the range, or by a word that starts with a capital or digit.
pub fn ends_sentence(text: &str, toks: &[Tok], i: usize) -> bool {
    let Some(c) = toks[i].punct() else {
        return false;
    };
    if !matches!(c, '.' | '!' | '?' | '\u{2026}') {
        return false;
    }
    let mut j = i + 1;
    while j < toks.len() && toks[j].punct().is_some_and(is_closing_char) {
        j += 1;
    }
    match toks.get(j) {
        None => true,
        Some(t) => {
            let first = text[t.start..].chars().next();
            first.is_some_and(|f| f.is_uppercase() || f.is_ascii_digit())
                || t.punct().is_some_and(|p| {
                    matches!(p, '"' | '\u{201C}' | '\u{2018}' | '\'' | '\u{00AB}' | '(')
                })
        }
    }
}

/// The index just after the last sentence end among `toks[..upto]` (0 if there is none):
/// where the last sentence of that stretch starts.
pub fn last_sentence_start(text: &str, toks: &[Tok], upto: usize) -> usize {
    (0..upto.min(toks.len()))
        .rev()
        .find(|&i| ends_sentence(text, toks, i))
        .map_or(0, |i| i + 1)
}

/// The largest char boundary at or before `i`.
pub(crate) fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary at or after `i` (at most the text's length).
pub(crate) fn ceil_char_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i.min(text.len())
}

/// Where the dateline that opens the line at `start` ends (the byte after its dash): a
/// place in capitals, perhaps a state or a date after a comma and a credit in brackets, then
/// a dash (`WASHINGTON —`, `NEW YORK, N.Y. (AP) —`, `WASHINGTON, March 13 -`, `LONDON
/// (Reuters) -`). The place is where the story was filed: no speaker, no antecedent, and no
/// part of the first sentence's subject. `FBI Director Jane Roe — who…` is no dateline (its
/// first part is not all capitals).
pub fn dateline_end(text: &str, start: usize) -> Option<usize> {
    /// Longer heads are not datelines.
    const HEAD: usize = 64;
    let line = &text[start..paragraph_bounds(text, start).1];
    let head = &line[..floor_char_boundary(line, HEAD.min(line.len()))];
    let (dash, len) = ["\u{2014}", "\u{2013}", "\u{2015}", "--", " - "]
        .iter()
        .filter_map(|d| head.find(d).map(|k| (k, d.len())))
        .min()?;
    let place = head[..dash].trim_end();
    let place = match place.rfind('(') {
        Some(k) if place.ends_with(')') => place[..k].trim_end(),
        _ => place,
    };
    let (city, more) = place.split_once(',').unwrap_or((place, ""));
    let city_ok = city.chars().take_while(|c| c.is_uppercase()).count() >= 2
        && city
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '-' | '\'' | '\u{2019}'));
    // A state, a country or a date: capitalised words and numbers.
    let more_ok = more
        .split([' ', ','])
        .filter(|w| !w.is_empty())
        .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()));
    (city_ok && more_ok).then_some(start + dash + len)
}

/// FNV-1a over bytes: stable across runs and platforms, so candidate order is deterministic
/// and input hashes can be compared between machines.
pub(crate) fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Byte range of the paragraph (line) that contains `pos`, without the line break.
pub fn paragraph_bounds(text: &str, pos: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let start = memchr::memrchr2(b'\n', b'\r', &bytes[..pos]).map_or(0, |i| i + 1);
    let end = memchr::memchr2(b'\n', b'\r', &bytes[pos..]).map_or(text.len(), |i| pos + i);
    (start, end)
}

/// Code-point offsets of byte offsets, in any order: the count at every [`CharIndex::BLOCK`]
/// bytes (one `usize` per block, 3% of the text, counted as far as asked), then the rest of
/// the block is counted.
pub struct CharIndex<'a> {
    text: &'a str,
    /// `blocks[k]`: code points in `text[..k * BLOCK]`.
    blocks: Vec<usize>,
}

impl<'a> CharIndex<'a> {
    /// Bytes between two counts kept.
    pub const BLOCK: usize = 256;

    pub fn new(text: &'a str) -> Self {
        CharIndex {
            text,
            blocks: vec![0],
        }
    }

    /// The code-point offset of byte offset `b` (a char boundary, at most the text's length).
    pub fn at(&mut self, b: usize) -> usize {
        let bytes = self.text.as_bytes();
        let k = b / Self::BLOCK;
        while self.blocks.len() <= k {
            let j = self.blocks.len();
            let counted = count_chars(&bytes[(j - 1) * Self::BLOCK..j * Self::BLOCK]);
            self.blocks.push(self.blocks[j - 1] + counted);
        }
        self.blocks[k] + count_chars(&bytes[k * Self::BLOCK..b])
    }
}

/// Code points in a UTF-8 byte slice: the bytes that are not continuation bytes.
fn count_chars(bytes: &[u8]) -> usize {
    // Most news text is ASCII: one byte, one code point, checked a word at a time.
    if bytes.is_ascii() {
        return bytes.len();
    }
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// A word in lower case that allocates only for long or non-ASCII words: lexicon lookups
/// happen for most tokens near a quote, and a `String` each time showed in profiles.
pub enum Lower<'a> {
    Borrowed(&'a str),
    Inline([u8; 32], u8),
    Owned(String),
}

impl<'a> Lower<'a> {
    pub fn new(w: &'a str) -> Self {
        if w.is_ascii() {
            // The same answers as below, without decoding characters.
            if !w.bytes().any(|b| b.is_ascii_uppercase()) {
                return Lower::Borrowed(w);
            }
            if w.len() <= 32 {
                let mut buf = [0u8; 32];
                buf[..w.len()].copy_from_slice(w.as_bytes());
                buf[..w.len()].make_ascii_lowercase();
                return Lower::Inline(buf, w.len() as u8);
            }
            return Lower::Owned(w.to_ascii_lowercase());
        }
        if !w.chars().any(char::is_uppercase) {
            return Lower::Borrowed(w);
        }
        if w.len() <= 32 && w.is_ascii() {
            let mut buf = [0u8; 32];
            buf[..w.len()].copy_from_slice(w.as_bytes());
            buf[..w.len()].make_ascii_lowercase();
            return Lower::Inline(buf, w.len() as u8);
        }
        Lower::Owned(w.to_lowercase())
    }

    pub fn into_owned(self) -> String {
        match self {
            Lower::Owned(s) => s,
            other => other.as_ref().to_string(),
        }
    }
}

impl std::ops::Deref for Lower<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Lower::Borrowed(s) => s,
            // Lower-casing ASCII bytes keeps them ASCII, so this never fails.
            Lower::Inline(buf, len) => std::str::from_utf8(&buf[..*len as usize]).unwrap_or(""),
            Lower::Owned(s) => s,
        }
    }
}

impl AsRef<str> for Lower<'_> {
    fn as_ref(&self) -> &str {
        self
    }
}

impl PartialEq<&str> for Lower<'_> {
    fn eq(&self, other: &&str) -> bool {
        &**self == *other
    }
}

/// `n` with the noun in the number it takes (`1 story`, `2 stories`), for messages and
/// listings.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &str) -> Vec<&str> {
        let mut v = Vec::new();
        tokenize_into(t, 0, t.len(), &Lexicon::builtin(), &mut v);
        v.iter().map(|k| &t[k.start..k.end]).collect()
    }

    #[test]
    fn tokens_keep_abbreviations_and_inner_joiners() {
        assert_eq!(
            words("Mr. Smith didn't see U.S. Sen. al-Mughrabi."),
            vec![
                "Mr.",
                "Smith",
                "didn't",
                "see",
                "U.S.",
                "Sen.",
                "al-Mughrabi",
                "."
            ]
        );
        assert_eq!(words("J. Doe, 5.5%"), vec!["J.", "Doe", ",", "5.5", "%"]);
    }

    /// The tokenizer as it was written first, over characters: the byte-wise one must agree.
    fn reference(text: &str, lexicon: &Lexicon) -> Vec<Tok> {
        let mut out = Vec::new();
        let mut it = text.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            if c.is_whitespace() {
                continue;
            }
            if !c.is_alphanumeric() {
                out.push(Tok {
                    start: i,
                    end: i + c.len_utf8(),
                    kind: TokKind::Punct(c),
                });
                continue;
            }
            let mut end = i + c.len_utf8();
            let mut has_inner_dot = false;
            loop {
                match it.peek().copied() {
                    Some((j, d)) if d.is_alphanumeric() => {
                        end = j + d.len_utf8();
                        it.next();
                    }
                    Some((j, d)) if is_joiner(d) => {
                        let after = text[j + d.len_utf8()..].chars().next();
                        if after.is_some_and(char::is_alphanumeric) {
                            has_inner_dot |= d == '.';
                            end = j + d.len_utf8();
                            it.next();
                        } else {
                            break;
                        }
                    }
                    _ => break,
                }
            }
            if let Some(&(j, '.')) = it.peek() {
                let word = &text[i..end];
                let single_initial = word.chars().count() == 1 && c.is_uppercase();
                if has_inner_dot || single_initial || is_abbreviation_word(word, lexicon) {
                    end = j + 1;
                    it.next();
                }
            }
            out.push(Tok {
                start: i,
                end,
                kind: TokKind::Word,
            });
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn tokens_agree_with_the_reference(t in "([a-zA-Z0-9 .,'’\u{2010}&/\u{00E9}\u{0130}\u{2028}\u{00A0}\t\n\u{000B}\u{0085}-]|Mr|U\\.S|Sen){0,60}") {
            let lexicon = Lexicon::builtin();
            let mut v = Vec::new();
            tokenize_into(&t, 0, t.len(), &lexicon, &mut v);
            proptest::prop_assert_eq!(v, reference(&t, &lexicon));
        }
    }

    #[test]
    fn lower_agrees_with_to_lowercase() {
        for w in [
            "abc",
            "ABC",
            "McDonald",
            "ÉCOLE",
            "école",
            "İstanbul",
            "K",
            &"X".repeat(40),
        ] {
            assert_eq!(&*Lower::new(w), w.to_lowercase(), "{w}");
        }
    }

    #[test]
    fn sentence_ends() {
        let t = "He left. She said \"no.\" then Mr. Smith spoke";
        let mut v = Vec::new();
        tokenize_into(t, 0, t.len(), &Lexicon::builtin(), &mut v);
        let ends: Vec<usize> = (0..v.len()).filter(|&i| ends_sentence(t, &v, i)).collect();
        assert_eq!(ends.len(), 1);
        assert_eq!(&t[v[ends[0]].start..v[ends[0]].end], ".");
        assert_eq!(v[ends[0]].start, 7);
    }

    #[test]
    fn char_offsets() {
        let t = "a“b”c";
        let mut c = CharIndex::new(t);
        assert_eq!(c.at(0), 0);
        assert_eq!(c.at(1), 1);
        assert_eq!(c.at(4), 2);
        assert_eq!(c.at(t.len()), 5);
        assert_eq!(c.at(1), 1);
        // Across blocks, in any order, at the very end.
        let t = "é“x”".repeat(300);
        let mut c = CharIndex::new(&t);
        for b in (0..=t.len()).rev().filter(|&b| t.is_char_boundary(b)) {
            assert_eq!(c.at(b), t[..b].chars().count(), "{b}");
        }
    }
}
