//! Quote text → comparable tokens, in layers, without ever altering the raw text.
//!
//! Each token keeps the byte range of the raw words it came from, so a difference found on
//! normalised tokens is always shown with the exact words of the article. Layers:
//! typographic (NFKC, quote marks and dashes folded, case), ellipsis markers (`…`, `...`,
//! `. . .`, `[...]` become one [`TokKind::Ellipsis`] token), brackets (`[the company]` marks
//! its words [`TokKind::Bracketed`]), British/American spelling pairs from
//! `grammar/spelling_variants.tsv` (compared in their American form), and house style
//! ([`fold_word`]: abbreviation periods, hyphens, number words, abbreviated titles,
//! contractions), so that none of it shows as a change of words.

use unicode_normalization::UnicodeNormalization;

use crate::lexicon::Lexicon;

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

/// Folds a raw word into `out`: NFKC, curly apostrophes to straight, lower case.
fn fold_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        // NFKC leaves ASCII alone, and no folded character is ASCII: lower-casing is all.
        out.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
        return;
    }
    out.extend(
        word.nfkc()
            .map(|c| match c {
                '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' => '\'',
                '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' => '-',
                c => c,
            })
            .flat_map(char::to_lowercase),
    );
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Walks `text[from..to]` and calls `emit(kind, start, end)` with each token's raw byte
/// range: words (letters and digits with inner apostrophes, hyphens and periods), bracketed
/// words and ellipses. Shared by [`tokens`] and [`key`] so the two can never disagree.
fn scan(text: &str, from: usize, to: usize, mut emit: impl FnMut(TokKind, usize, usize)) {
    let s = &text[from..to];
    let mut bracket_depth = 0usize;
    let mut i = 0;
    while i < s.len() {
        let c = s[i..].chars().next().unwrap_or(' ');
        let clen = c.len_utf8();
        // Ellipses: `…`, `...`, `. . .`, and the bracketed forms `[...]`, `[…]`.
        if matches!(c, '\u{2026}' | '.' | '[' | '(') {
            if let Some(n) = ellipsis_len(&s[i..]) {
                emit(TokKind::Ellipsis, from + i, from + i + n);
                i += n;
                continue;
            }
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
        // `some good & some bad`: an ampersand standing alone is the word `and` (house
        // style); inside a name (`AT&T`) it is not a word of its own.
        if c == '&'
            && s[..i].ends_with(char::is_whitespace)
            && s[i + 1..].starts_with(char::is_whitespace)
        {
            emit(TokKind::Word, from + i, from + i + 1);
            i += 1;
            continue;
        }
        if !is_word_char(c) {
            i += clen;
            continue;
        }
        let mut j = i + clen;
        while j < s.len() {
            let d = s[j..].chars().next().unwrap_or(' ');
            let next = s[j + d.len_utf8()..].chars().next();
            // `1,000`: a comma between digits is part of the number.
            let thousands = d == ','
                && s[..j]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_digit())
                && next.is_some_and(|c| c.is_ascii_digit());
            let joined = (matches!(d, '\'' | '\u{2019}' | '-' | '\u{2011}' | '.')
                && next.is_some_and(is_word_char))
                || thousands;
            if is_word_char(d) || joined {
                j += d.len_utf8();
            } else {
                break;
            }
        }
        let kind = if bracket_depth > 0 {
            TokKind::Bracketed
        } else {
            TokKind::Word
        };
        emit(kind, from + i, from + j);
        i = j;
    }
}

/// Tokenises `text[from..to]` (a quote's content) into comparable tokens.
pub(crate) fn tokens(text: &str, from: usize, to: usize, lexicon: &Lexicon) -> Vec<Token> {
    let mut out = Vec::new();
    let mut buf = String::new();
    scan(text, from, to, |kind, start, end| {
        if kind == TokKind::Ellipsis {
            out.push(Token {
                norm: "…".into(),
                variant: false,
                kind,
                start,
                end,
            });
            return;
        }
        fold_word(
            text,
            start,
            end,
            lexicon,
            &mut buf,
            &mut |norm, variant, start, end| {
                let (norm, variant) = if norm == "&" {
                    ("and", true)
                } else {
                    (norm, variant)
                };
                out.push(Token {
                    norm: norm.to_string(),
                    variant,
                    kind,
                    start,
                    end,
                });
            },
        );
    });
    out
}

/// The digits a number word is compared as (`three` → `3`). A `match` on the word, so
/// the compiler dispatches on its length instead of trying every entry.
fn number_word(word: &str) -> Option<&'static str> {
    Some(match word {
        "zero" => "0",
        "one" => "1",
        "two" => "2",
        "three" => "3",
        "four" => "4",
        "five" => "5",
        "six" => "6",
        "seven" => "7",
        "eight" => "8",
        "nine" => "9",
        "ten" => "10",
        "eleven" => "11",
        "twelve" => "12",
        "thirteen" => "13",
        "fourteen" => "14",
        "fifteen" => "15",
        "sixteen" => "16",
        "seventeen" => "17",
        "eighteen" => "18",
        "nineteen" => "19",
        _ => return None,
    })
}

/// Contraction endings and the word they stand for. `'s` and `'d` are not expanded: each
/// stands for two words (`is`/`has`, `would`/`had`).
const CONTRACTIONS: [(&str, &str); 4] = [
    ("'ll", "will"),
    ("'ve", "have"),
    ("'re", "are"),
    ("'m", "am"),
];

/// Folds the raw word `text[start..end]` into the pieces it is compared as, calling
/// `emit(norm, variant, start, end)` for each: typographic folding (NFKC, case,
/// apostrophes), then
/// - a spelling pair of `grammar/spelling_variants.tsv` (`recognises` → `recognizes`,
///   `e-mail` → `email`): a variant;
/// - an abbreviated title (`Gen.` → `general`): a variant;
/// - periods inside a word dropped (`F.B.I.` → `fbi`) and thousands separators (`1,000`):
///   punctuation;
/// - a hyphenated word in its parts (`two-in-three` → `two in three`), each with its own
///   range: punctuation;
/// - a contraction in its two words (`we'll` → `we will`, `don't` → `do not`), both with the
///   word's range: a variant;
/// - a number word as its digits (`three` → `3`): a variant.
///
/// So house style (hyphens, periods, contractions, number formats) never shows as a change
/// of words; a variant is reported as typographic.
fn fold_word(
    text: &str,
    start: usize,
    end: usize,
    lexicon: &Lexicon,
    folded: &mut String,
    emit: &mut impl FnMut(&str, bool, usize, usize),
) {
    // `folded` is the caller's buffer, reused from word to word: no allocation per word.
    folded.clear();
    fold_into(&text[start..end], folded);
    if let Some(us) = lexicon.american(folded) {
        return emit(us, true, start, end);
    }
    if text[end..].starts_with('.') {
        folded.push('.');
        if let Some(full) = lexicon.title_full(folded) {
            return emit(full, true, start, end);
        }
        folded.pop();
    }
    if folded.contains(['.', ',']) && folded.chars().any(char::is_alphanumeric) {
        folded.retain(|c| c != '.' && c != ',');
    }
    if folded.contains('-') {
        // The parts, with their ranges in the raw word (folding keeps hyphens in place
        // only for ASCII words; another word is split on its raw hyphens the same way).
        let raw = &text[start..end];
        let mut at = start;
        for part in raw.split(['-', '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}']) {
            let (s, e) = (at, at + part.len());
            at = e + raw[e - start..].chars().next().map_or(0, char::len_utf8);
            if part.is_empty() {
                continue;
            }
            fold_part(text, s, e, lexicon, emit, false);
        }
        return;
    }
    fold_part_folded(folded, start, end, emit, false);
}

/// [`fold_word`] for one part of a hyphenated word: folded again on its own.
fn fold_part(
    text: &str,
    start: usize,
    end: usize,
    lexicon: &Lexicon,
    emit: &mut impl FnMut(&str, bool, usize, usize),
    variant: bool,
) {
    let mut folded = String::with_capacity(end - start);
    fold_into(&text[start..end], &mut folded);
    if let Some(us) = lexicon.american(&folded) {
        return emit(us, true, start, end);
    }
    folded.retain(|c| c != '.' && c != ',');
    if !folded.is_empty() {
        fold_part_folded(&folded, start, end, emit, variant);
    }
}

/// Contractions and number words of a folded word.
fn fold_part_folded(
    folded: &str,
    start: usize,
    end: usize,
    emit: &mut impl FnMut(&str, bool, usize, usize),
    variant: bool,
) {
    if let Some(digits) = number_word(folded) {
        return emit(digits, true, start, end);
    }
    if folded == "cannot" {
        emit("can", true, start, end);
        return emit("not", true, start, end);
    }
    if !folded.contains('\'') {
        return emit(folded, variant, start, end);
    }
    if let Some(base) = folded.strip_suffix("n't").filter(|b| !b.is_empty()) {
        let base = match base {
            "ca" => "can",
            "wo" => "will",
            "sha" => "shall",
            b => b,
        };
        emit(base, true, start, end);
        return emit("not", true, start, end);
    }
    for (ending, word) in CONTRACTIONS {
        if let Some(base) = folded.strip_suffix(ending).filter(|b| !b.is_empty()) {
            emit(base, true, start, end);
            return emit(word, true, start, end);
        }
    }
    emit(folded, variant, start, end);
}

/// The words of `text[from..to]` as [`words`] of [`tokens`] gives them, joined by one
/// space, without building tokens: the per-quote key of `extract`.
pub(crate) fn key(text: &str, from: usize, to: usize, lexicon: &Lexicon) -> String {
    let mut out = String::with_capacity(to - from);
    let mut buf = String::new();
    scan(text, from, to, |kind, start, end| {
        if kind != TokKind::Word {
            return;
        }
        fold_word(text, start, end, lexicon, &mut buf, &mut |norm, _, _, _| {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(norm);
        });
    });
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

/// The sentence of each word of `tokens` (over `text`), counted from 0: a sentence ends
/// where a `.`, `!` or `?` between two tokens is followed by a capital, a digit or a line
/// break (not after an abbreviation such as `Mr.` or an initial), or at a paragraph break
/// inside a quote.
pub(crate) fn sentences(text: &str, tokens: &[Token], lexicon: &Lexicon) -> Vec<u32> {
    token_sentences(text, tokens, lexicon)
        .into_iter()
        .zip(tokens)
        .filter(|(_, t)| t.kind == TokKind::Word)
        .map(|(s, _)| s)
        .collect()
}

/// The sentence of each token of `tokens` (ellipses and bracketed words too), by the rule
/// of [`sentences`].
pub(crate) fn token_sentences(text: &str, tokens: &[Token], lexicon: &Lexicon) -> Vec<u32> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut sentence = 0u32;
    let mut prev: Option<&Token> = None;
    // A stop right before an ellipsis (`let you down. … We will`): the sentence ends there
    // if a capital follows the ellipsis (`Did it? … no` goes on).
    let mut stop_before_ellipsis = false;
    for t in tokens {
        if let Some(p) = prev {
            // (The two words of a contraction share its range: no gap between them.)
            let gap = text.get(p.end..t.start).unwrap_or("");
            let word = &text[p.start..p.end];
            let next = text[t.start..].chars().next().unwrap_or(' ');
            let stop = gap.trim_start().starts_with(['.', '!', '?']) || gap.contains(['!', '?']);
            let abbreviation = gap.starts_with('.')
                && (super::is_abbreviation_word(word, lexicon)
                    || (word.chars().count() == 1 && super::is_capitalised(word)));
            let paragraph =
                gap.contains("\n\n") || gap.contains("\n\u{201C}") || gap.contains("\n\"");
            let starts = next.is_uppercase() || next.is_ascii_digit();
            if paragraph
                || (stop
                    && !abbreviation
                    && p.kind != TokKind::Ellipsis
                    && (starts || gap.contains('\n')))
                || (p.kind == TokKind::Ellipsis && stop_before_ellipsis && starts)
            {
                sentence += 1;
            }
            stop_before_ellipsis =
                t.kind == TokKind::Ellipsis && stop && !abbreviation && p.kind != TokKind::Ellipsis;
        }
        out.push(sentence);
        prev = Some(t);
    }
    out
}

/// The normalised words of a token slice, for hashing and comparison.
pub(crate) fn words(tokens: &[Token]) -> impl Iterator<Item = &str> {
    tokens
        .iter()
        .filter(|t| t.kind == TokKind::Word)
        .map(|t| t.norm.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(s: &str, from: usize, to: usize) -> Vec<Token> {
        super::tokens(s, from, to, &Lexicon::builtin())
    }

    fn key(s: &str, from: usize, to: usize) -> String {
        super::key(s, from, to, &Lexicon::builtin())
    }

    #[test]
    fn key_is_the_words_of_the_tokens() {
        for s in [
            "The U.S. government recognises [the firm's] role... in Gaza’s \u{FB01}nal ‘deal’ — 42%",
            "It's   OVER. . . really-truly",
            "",
            "[...]",
        ] {
            let t = tokens(s, 0, s.len());
            assert_eq!(
                key(s, 0, s.len()),
                words(&t).collect::<Vec<_>>().join(" "),
                "{s}"
            );
        }
        assert_eq!(key("Recognises the Colour", 0, 21), "recognizes the color");
    }

    fn norms(s: &str) -> Vec<(String, TokKind)> {
        tokens(s, 0, s.len())
            .into_iter()
            .map(|t| (t.norm, t.kind))
            .collect()
    }

    /// Checks each word of `s` with its sentence.
    fn assert_sentences(s: &str, expected: &[(&str, u32)]) {
        let t = tokens(s, 0, s.len());
        let ids = sentences(s, &t, &Lexicon::builtin());
        let got: Vec<(&str, u32)> = words(&t).zip(ids).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn sentences_end_at_stops_not_at_abbreviations() {
        assert_sentences(
            "I feel badly. Mr. Flynn lied to the F.B.I. Nothing happened! Did it? ... no\n\nAnd then",
            &[
                ("i", 0),
                ("feel", 0),
                ("badly", 0),
                ("mr", 1),
                ("flynn", 1),
                ("lied", 1),
                ("to", 1),
                ("the", 1),
                ("fbi", 1),
                ("nothing", 2),
                ("happened", 2),
                ("did", 3),
                ("it", 3),
                // An ellipsis after a stop continues the sentence.
                ("no", 3),
                ("and", 4),
                ("then", 4),
            ],
        );
    }

    /// `let you down. … We will bring`: the stop ends the sentence, the ellipsis after it
    /// marking the words left out between two sentences.
    #[test]
    fn a_stop_before_an_ellipsis_and_a_capital_ends_the_sentence() {
        assert_sentences(
            "I will never let you down. \u{2026} We will win. It went on \u{2026} and on.",
            &[
                ("i", 0),
                ("will", 0),
                ("never", 0),
                ("let", 0),
                ("you", 0),
                ("down", 0),
                ("we", 1),
                ("will", 1),
                ("win", 1),
                ("it", 2),
                ("went", 2),
                ("on", 2),
                ("and", 2),
                ("on", 2),
            ],
        );
    }

    #[test]
    fn house_style_folds_away() {
        let n = |s: &str| {
            let t = tokens(s, 0, s.len());
            words(&t).map(str::to_string).collect::<Vec<_>>().join(" ")
        };
        assert_eq!(n("the F.B.I. and the U.S."), "the fbi and the us");
        assert_eq!(n("the FBI and the US"), "the fbi and the us");
        assert_eq!(n("a two-in-three chance"), n("a 2 in 3 chance"));
        assert_eq!(n("rusted-out factories"), "rusted out factories");
        assert_eq!(
            n("We'll do it. We can't. I'm sure"),
            "we will do it we can not i am sure"
        );
        assert_eq!(
            n("We will do it. We cannot. I am sure"),
            "we will do it we can not i am sure"
        );
        assert_eq!(n("Gen. Flynn"), "general flynn");
        assert_eq!(n("1,000 e-mails, O.K.?"), "1000 emails ok");
        assert_eq!(n("okay"), "ok");
        assert_eq!(n("some good & some bad"), "some good and some bad");
        assert!(!n("AT&T said").contains("and"));
        // `'s` and `'d` stand for two words each: left alone.
        assert_eq!(n("it's he'd"), "it's he'd");
        // Every piece slices its own raw words.
        let s = "a well-documented case";
        let t = tokens(s, 0, s.len());
        let raw: Vec<&str> = t.iter().map(|t| &s[t.start..t.end]).collect();
        assert_eq!(raw, vec!["a", "well", "documented", "case"]);
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
        // `We’ll` is two words, both with the contraction's range.
        assert_eq!(toks.len(), 5);
        assert_eq!(&text[toks[0].start..toks[0].end], "We’ll");
        assert_eq!(&text[toks[1].start..toks[1].end], "We’ll");
        assert_eq!(toks[1].norm, "will");
        for t in toks {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            assert!(t.start < t.end);
        }
    }
}
