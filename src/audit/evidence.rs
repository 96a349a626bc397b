//! How strong an attribution is as evidence of who spoke, and the sentence that shows it.
//!
//! A misattribution accuses an outlet; it stands only on attributions where the outlet
//! itself says who spoke: a named person or organisation in the quote's own sentence.
//! Everything else (a pronoun, a role, a name carried from another sentence, the outlet that
//! reported the words) is reported as information.

use crate::lexicon::Lexicon;
use crate::model::{Attribution, Quote, Resolution, Speaker, SpeakerType};
use crate::text::{is_abbreviation_word, is_capitalised, is_closing_char};

/// How strong an attribution is as evidence of who spoke.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum How {
    /// A named person or organisation in the quote's own sentence, its name as written or
    /// resolved from a surname or a short form: the outlet says who spoke.
    Named,
    /// Named, but in another sentence (a quote-only paragraph, a speaker carried on).
    Elsewhere,
    /// Resolved from a pronoun.
    Pronoun,
    /// A role, a group or an unresolved pronoun: no name.
    Described,
    /// An organisation that reported the words (`the Ledger reported`): a source, not a
    /// speaker.
    Reporter,
}

impl How {
    /// How a finding's detail says it.
    pub(super) fn words(self) -> &'static str {
        match self {
            How::Named => "named",
            How::Elsewhere => "named in another sentence",
            How::Pronoun => "resolved from a pronoun",
            How::Described => "a description",
            How::Reporter => "the reporting outlet",
        }
    }
}

/// How `q`'s speaker `s` is given in `text`.
pub(super) fn how(text: &str, q: &Quote, s: &Speaker, lexicon: &Lexicon) -> How {
    if s.resolution == Resolution::Pronoun {
        return How::Pronoun;
    }
    if matches!(
        s.speaker_type,
        SpeakerType::Descriptor | SpeakerType::Pronoun
    ) || !matches!(
        s.resolution,
        Resolution::Mention | Resolution::Surname | Resolution::ShortForm
    ) {
        return How::Described;
    }
    if s.speaker_type == SpeakerType::Organization
        && q.cue.as_ref().is_some_and(|c| c.lemma == "report")
    {
        return How::Reporter;
    }
    if !same_sentence(text, (q.start, q.end), (s.start, s.end), lexicon) {
        return How::Elsewhere;
    }
    How::Named
}

/// Bytes between a quote and its speaker's mention past which they are not one sentence.
const SENTENCE_GAP: usize = 400;

/// Bytes looked at past a gap or before a quote's end, so that the capital or mark that
/// starts the next span, or a quote's own closing stop (`…now."`), is seen.
const EDGE: usize = 4;

/// Whether nothing between the two spans ends a sentence: no line break and no sentence
/// end ([`sentence_end`]).
fn same_sentence(text: &str, a: (usize, usize), b: (usize, usize), lexicon: &Lexicon) -> bool {
    let (from, to) = if a.1 <= b.0 {
        (a.1, b.0)
    } else if b.1 <= a.0 {
        (b.1, a.0)
    } else {
        return true;
    };
    if to - from > SENTENCE_GAP || text[from..to].contains('\n') {
        return false;
    }
    // A stop inside the quote does not count (`"Who knows?" Lee said.`); one in the gap
    // is read with what follows it, the capital or mark that may start the second span.
    let hi = floor_char(text, (to + EDGE).min(text.len()));
    let window = &text[from..hi];
    (0..to - from).all(|i| sentence_end(window, i, lexicon).is_none())
}

/// If a sentence ends at byte `i` of `s`: the byte just past its stop and any closing
/// marks. A stop is `.`, `!` or `?` (not the period of an abbreviation such as `Mr.` or of
/// an initial), then closing marks, then the end of `s`, a line break, or a space and a
/// capital, a digit or an opening mark.
pub(super) fn sentence_end(s: &str, i: usize, lexicon: &Lexicon) -> Option<usize> {
    let b = s.as_bytes();
    if !matches!(b.get(i), Some(b'.' | b'!' | b'?')) {
        return None;
    }
    if b[i] == b'.' {
        let word = s[..i]
            .rsplit(|c: char| !c.is_alphanumeric() && c != '.')
            .next()
            .unwrap_or("");
        let initial = word.chars().count() == 1 && is_capitalised(word);
        if initial || is_abbreviation_word(word, lexicon) {
            return None;
        }
    }
    let mut j = i + 1;
    while let Some(c) = s[j..].chars().next().filter(|&c| is_closing_char(c)) {
        j += c.len_utf8();
    }
    let rest = &s[j..];
    match rest.chars().next() {
        None | Some('\n') => Some(j),
        Some(c) if c.is_whitespace() => rest
            .trim_start()
            .chars()
            .next()
            .is_none_or(|c| {
                c.is_uppercase()
                    || c.is_ascii_digit()
                    || matches!(c, '"' | '\'' | '\u{201C}' | '\u{2018}' | '\u{00AB}')
            })
            .then_some(j),
        _ => None,
    }
}

/// Bytes of context kept on either side of a quote and its mention in
/// [`Attribution::sentence`].
const CONTEXT: usize = 600;

/// The attribution of `q` to `s` in `text` and how strong it is, with the sentence that holds
/// them: the quote's own sentence, widened to the mention when the mention is in that
/// sentence.
pub(super) fn attribution(
    text: &str,
    q: &Quote,
    s: &Speaker,
    lexicon: &Lexicon,
) -> (How, Attribution) {
    let how = how(text, q, s, lexicon);
    let (lo, hi) = if how == How::Named {
        (q.start.min(s.start), q.end.max(s.end))
    } else {
        (q.start, q.end)
    };
    // Back to the sentence's start: a line break or a sentence end before `lo`.
    let mut start = floor_char(text, lo.saturating_sub(CONTEXT));
    if let Some(i) = text[start..lo].rfind('\n') {
        start += i + 1;
    }
    // (The stop is looked for before `lo` but read with what follows: the capital or the
    // mark that starts the next sentence may be the quote's.)
    let window = &text[start..];
    if let Some(past) = (0..lo - start)
        .rev()
        .find_map(|i| sentence_end(window, i, lexicon).filter(|&p| p <= lo - start))
    {
        start += past;
    }
    let start = start + (text[start..lo].len() - text[start..lo].trim_start().len());
    // On to the sentence's end: the first sentence end or line break from the quote's own
    // closing stop (`…immediately."`) on.
    let stop = floor_char(text, (hi + CONTEXT).min(text.len()));
    let mut end = text[hi..stop].find('\n').map_or(stop, |i| hi + i);
    let from = floor_char(text, hi.saturating_sub(EDGE)).max(lo);
    let window = &text[from..stop];
    if let Some(past) =
        (0..end - from).find_map(|i| sentence_end(window, i, lexicon).filter(|&p| from + p >= hi))
    {
        end = from + past;
    }
    let end = end.max(hi);
    let at = Attribution {
        rule: q.rule,
        resolution: s.resolution,
        confidence: q.confidence,
        explicit: how == How::Named,
        sentence: text[start..end].to_string(),
        sentence_start: start,
        sentence_end: end,
    };
    (how, at)
}

/// The greatest char boundary of `text` at or before `i`.
fn floor_char(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> Lexicon {
        Lexicon::builtin()
    }

    fn ends(s: &str) -> Vec<usize> {
        (0..s.len())
            .filter_map(|i| sentence_end(s, i, &lex()))
            .collect()
    }

    #[test]
    fn sentences_end_at_stops_with_their_closing_marks() {
        assert_eq!(ends("It rained. Then it stopped."), vec![10, 27]);
        assert_eq!(ends("\"It rained.\" Then"), vec![12]);
        // Abbreviations, initials and lower case after a stop do not end a sentence.
        assert!(ends("Mr. Smith and J. Doe met Sen. Cotton").is_empty());
        assert!(ends("the U.S. economy").is_empty());
        assert!(ends("it was 3 p.m. sharp").is_empty());
    }

    #[test]
    fn a_quote_and_its_mention_are_one_sentence_unless_a_stop_parts_them() {
        let t = "\"Who knows?\" Lee said. \"We will see.\" He left.";
        let q = (0, 12);
        let lee = (13, 16);
        assert!(same_sentence(t, q, lee, &lex()));
        let second = (23, 38);
        assert!(!same_sentence(t, second, lee, &lex()));
        let t = "Lee said: \"We will see.\"";
        assert!(same_sentence(t, (10, 24), (0, 3), &lex()));
        let t = "Lee spoke.\n\n\"We will see.\"";
        assert!(!same_sentence(t, (12, 26), (0, 3), &lex()));
    }
}
