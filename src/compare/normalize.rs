//! Quote text → comparable tokens, in layers, without ever altering the raw text.
//!
//! Each token keeps the byte range of the raw words it came from, so a difference found on
//! normalised tokens is always shown with the exact words of the article. Layers:
//! typographic (NFKC, quote marks and dashes folded, case), ellipsis markers (`…`, `...`,
//! `. . .`, `[...]` become one [`TokKind::Ellipsis`] token), brackets (`[the company]` marks
//! its words [`TokKind::Bracketed`]), and British/American spelling pairs from
//! `grammar/spelling_variants.tsv` (compared in their American form).

use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use unicode_normalization::UnicodeNormalization;

use crate::lexicon;

/// What a normalised token stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokKind {
    Word,
    /// An ellipsis marking words left out: `…`, `...`, `. . .`, `[...]`.
    Ellipsis,
    /// A word inside square brackets: an editor's insertion (`[the company]`).
    Bracketed,
}

/// A comparable token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Lower case, NFKC, spelling folded to the American form.
    pub norm: String,
    /// Whether folding a spelling variant changed it (`recognises` → `recognizes`).
    pub variant: bool,
    pub kind: TokKind,
    /// Byte range of the raw word(s) in the article text.
    pub start: usize,
    pub end: usize,
}

/// British → American spelling pairs.
fn spelling() -> &'static FxHashMap<String, String> {
    static MAP: OnceLock<FxHashMap<String, String>> = OnceLock::new();
    MAP.get_or_init(|| {
        lexicon::data_lines(lexicon::SPELLING_VARIANTS)
            .filter_map(|l| {
                let mut it = l.split('\t');
                Some((
                    it.next()?.trim().to_lowercase(),
                    it.next()?.trim().to_lowercase(),
                ))
            })
            .collect()
    })
}

/// Folds a raw word: NFKC, curly apostrophes to straight, lower case.
fn fold(word: &str) -> String {
    word.nfkc()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' => '\'',
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' => '-',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Tokenises `text[from..to]` (a quote's content) into comparable tokens.
pub fn tokens(text: &str, from: usize, to: usize) -> Vec<Token> {
    let s = &text[from..to];
    let mut out = Vec::new();
    let mut bracket_depth = 0usize;
    let mut i = 0;
    while i < s.len() {
        let c = s[i..].chars().next().unwrap_or(' ');
        let clen = c.len_utf8();
        // Ellipses: `…`, `...`, `. . .`, and the bracketed forms `[...]`, `[…]`.
        if let Some(n) = ellipsis_len(&s[i..]) {
            out.push(Token {
                norm: "…".into(),
                variant: false,
                kind: TokKind::Ellipsis,
                start: from + i,
                end: from + i + n,
            });
            i += n;
            continue;
        }
        match c {
            '[' => {
                bracket_depth += 1;
                i += 1;
                continue;
            }
            ']' => {
                bracket_depth = bracket_depth.saturating_sub(1);
                i += 1;
                continue;
            }
            _ => {}
        }
        if !is_word_char(c) {
            i += clen;
            continue;
        }
        // A word: letters and digits, with inner apostrophes, hyphens and periods.
        let mut j = i + clen;
        while j < s.len() {
            let d = s[j..].chars().next().unwrap_or(' ');
            let joined = matches!(d, '\'' | '\u{2019}' | '-' | '\u{2011}' | '.')
                && s[j + d.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(is_word_char);
            if is_word_char(d) || joined {
                j += d.len_utf8();
            } else {
                break;
            }
        }
        let raw = &s[i..j];
        let folded = fold(raw);
        let (norm, variant) = match spelling().get(&folded) {
            Some(us) => (us.clone(), true),
            None => (folded, false),
        };
        out.push(Token {
            norm,
            variant,
            kind: if bracket_depth > 0 {
                TokKind::Bracketed
            } else {
                TokKind::Word
            },
            start: from + i,
            end: from + j,
        });
        i = j;
    }
    out
}

/// The byte length of an ellipsis at the start of `s`, if there is one.
fn ellipsis_len(s: &str) -> Option<usize> {
    if s.starts_with('\u{2026}') {
        return Some('\u{2026}'.len_utf8());
    }
    if s.starts_with("...") {
        return Some(s.len() - s.trim_start_matches('.').len());
    }
    if s.starts_with(". . .") {
        return Some(5);
    }
    for form in ["[...]", "[\u{2026}]", "[ ... ]", "(...)", "(\u{2026})"] {
        if s.starts_with(form) {
            return Some(form.len());
        }
    }
    None
}

/// The normalised words of a token slice, for hashing and comparison.
pub fn words(tokens: &[Token]) -> impl Iterator<Item = &str> {
    tokens
        .iter()
        .filter(|t| t.kind == TokKind::Word)
        .map(|t| t.norm.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(s: &str) -> Vec<(String, TokKind)> {
        tokens(s, 0, s.len())
            .into_iter()
            .map(|t| (t.norm, t.kind))
            .collect()
    }

    #[test]
    fn folds_case_marks_and_spelling() {
        let s = "The US government Recognises China’s threat";
        let t = tokens(s, 0, s.len());
        let n: Vec<&str> = t.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(
            n,
            vec!["the", "us", "government", "recognizes", "china's", "threat"]
        );
        assert!(t[3].variant);
        assert!(!t[0].variant);
    }

    #[test]
    fn ellipsis_forms_are_one_token() {
        for s in [
            "a … b",
            "a ... b",
            "a . . . b",
            "a [...] b",
            "a [\u{2026}] b",
        ] {
            let n = norms(s);
            assert_eq!(n.len(), 3, "{s}");
            assert_eq!(n[1].1, TokKind::Ellipsis, "{s}");
        }
    }

    #[test]
    fn bracketed_words_are_marked() {
        let n = norms("[The company] will not comment");
        assert_eq!(n[0], ("the".into(), TokKind::Bracketed));
        assert_eq!(n[1], ("company".into(), TokKind::Bracketed));
        assert_eq!(n[2], ("will".into(), TokKind::Word));
    }

    #[test]
    fn tokens_point_into_the_text() {
        let text = "He said “We’ll win … again” today";
        let from = text.find('W').unwrap();
        let to = text.find('”').unwrap();
        let toks = tokens(text, from, to);
        assert_eq!(toks.len(), 4);
        assert_eq!(&text[toks[0].start..toks[0].end], "We’ll");
        for t in toks {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            assert!(t.start < t.end);
        }
    }
}
