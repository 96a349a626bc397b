//! The sieve's rules, one file each, ruff's way: a rule's file holds what it means (its
//! [`RuleDoc`], which `quotecheck explain RULE` prints), the code that finds it, and its
//! tests, the documented example among them.
//!
//! [`SIEVE`] is the order: for each top-level quote, [`find`] tries the matchers in turn
//! and the first that finds a speaker decides. Five rules have no matcher in the sieve;
//! they are settled after the sieve from the quote's kind and place ([`settle`]): `term`
//! (a scare quote or title, whatever the sieve found), `partial-in-cued-sentence` (a
//! fragment that `cue-before` led into), `sentence-subject` (a fragment nothing attributed,
//! given to its sentence's subject), `unattributed` (nothing fired) and `nested` (a
//! quote inside another, which the sieve never sees).

mod according_to;
mod colon_lead_in;
mod common;
mod continues_paragraph;
mod cue_before;
mod cue_speaker_after;
mod nested;
mod partial_in_cued_sentence;
mod previous_sentence;
mod same_paragraph;
mod sentence_subject;
mod speaker_cue_after;
mod split_quote;
mod term;
mod unattributed;

use std::cell::OnceCell;

use super::{Attribution, CueRef, Found, Np, Quote, Window};
use crate::model::{Kind, Rule};

pub(super) use nested::attribution as nested;
pub(super) use term::{is_heading, is_subject_title, is_term, names_a_work};

/// What `quotecheck explain RULE` says of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RuleDoc {
    /// What the rule means.
    pub what: &'static str,
    /// Why it matters to a reader of the output.
    pub why: &'static str,
    /// An example of the rule at work; `⏎` stands for a line break.
    pub example: &'static str,
}

/// The documentation of a rule, from its file.
pub(crate) fn doc(rule: Rule) -> &'static RuleDoc {
    match rule {
        Rule::SpeakerCueAfter => &speaker_cue_after::DOC,
        Rule::CueSpeakerAfter => &cue_speaker_after::DOC,
        Rule::CueBefore => &cue_before::DOC,
        Rule::AccordingTo => &according_to::DOC,
        Rule::SplitQuote => &split_quote::DOC,
        Rule::PartialInCuedSentence => &partial_in_cued_sentence::DOC,
        Rule::SameParagraph => &same_paragraph::DOC,
        Rule::ContinuesParagraph => &continues_paragraph::DOC,
        Rule::ColonLeadIn => &colon_lead_in::DOC,
        Rule::PreviousSentence => &previous_sentence::DOC,
        Rule::SentenceSubject => &sentence_subject::DOC,
        Rule::Unattributed => &unattributed::DOC,
        Rule::Term => &term::DOC,
        Rule::Nested => &nested::DOC,
    }
}

/// What a matcher sees of one top-level quote: the quote and where it stands, the words
/// around it, and what the quotes before it got.
pub(super) struct Ctx<'a> {
    pub(super) q: &'a Quote<'a>,
    pub(super) win: &'a Window,
    /// The attribution of the quote before it in its paragraph.
    pub(super) prev: Option<&'a Attribution>,
    /// The last quote that got a speaker, with the start of its paragraph.
    pub(super) last: Option<(&'a Attribution, usize)>,
    /// Where the last `according to` of the lead-in stands, once looked for.
    according_to: OnceCell<Option<usize>>,
    /// Where the words after the quote that can attribute it start, once looked for.
    words_after: OnceCell<Option<usize>>,
}

impl<'a> Ctx<'a> {
    pub(super) fn new(
        q: &'a Quote<'a>,
        win: &'a Window,
        prev: Option<&'a Attribution>,
        last: Option<(&'a Attribution, usize)>,
    ) -> Self {
        Ctx {
            q,
            win,
            prev,
            last,
            according_to: OnceCell::new(),
            words_after: OnceCell::new(),
        }
    }

    /// The index in the lead-in of the last `according to` (of its `according`). The lead-in
    /// is then that rule's: when its source cannot be read, no other lead-in rule guesses.
    fn according_to(&self) -> Option<usize> {
        *self
            .according_to
            .get_or_init(|| according_to::position(self.q.text, self.win.before()))
    }

    /// Where the words after the quote start, when they can attribute it (see
    /// [`common::words_after`]); shared by the two rules that read them.
    fn words_after(&self) -> Option<usize> {
        *self.words_after.get_or_init(|| common::words_after(self))
    }
}

/// What a matcher finds: the speaker's mention and the cue.
pub(super) struct Hit {
    speaker: Np,
    cue: Option<CueRef>,
}

/// A rule's test of one quote.
type Matcher = fn(&Ctx<'_>) -> Option<Hit>;

/// The sieve: every rule that looks for a speaker, in the order they are tried, most
/// certain first. A rule may stand twice, for two shapes of the same attribution.
const SIEVE: [(Rule, Matcher); 19] = [
    // A headline's `Name: 'quote'`.
    (Rule::CueBefore, cue_before::headline),
    // The rest of the sentence after the quote.
    (Rule::SpeakerCueAfter, speaker_cue_after::dash_byline),
    (Rule::SpeakerCueAfter, speaker_cue_after::dash_byline_below),
    (Rule::CueSpeakerAfter, cue_speaker_after::matches),
    (Rule::SpeakerCueAfter, speaker_cue_after::matches),
    (Rule::AccordingTo, according_to::after),
    // The lead-in: the sentence up to the quote.
    (Rule::AccordingTo, according_to::matches),
    (Rule::SplitQuote, split_quote::matches),
    (Rule::CueBefore, cue_before::matches),
    (Rule::CueBefore, cue_before::name_and_colon),
    (Rule::CueBefore, cue_before::inverted),
    (Rule::CueBefore, cue_before::colon_subject),
    // The attribution slot after the quote, with a verb the lexicon does not list.
    (Rule::CueSpeakerAfter, cue_speaker_after::slot),
    (Rule::SpeakerCueAfter, speaker_cue_after::slot),
    // The quote before it in its paragraph.
    (Rule::SameParagraph, same_paragraph::matches),
    // The paragraph before, for a quote that opens its paragraph.
    (Rule::ContinuesParagraph, continues_paragraph::matches),
    (Rule::ColonLeadIn, colon_lead_in::matches),
    (
        Rule::ContinuesParagraph,
        continues_paragraph::after_reported_speech,
    ),
    // The sentence before, in the quote's paragraph.
    (Rule::PreviousSentence, previous_sentence::matches),
];

/// The first rule of the [`SIEVE`] that finds a speaker for the quote.
pub(super) fn find(ctx: &Ctx<'_>) -> Option<Found> {
    SIEVE.iter().find_map(|&(rule, matcher)| {
        matcher(ctx).map(|hit| Found {
            speaker: Some(hit.speaker),
            cue: hit.cue,
            rule,
        })
    })
}

/// The rules settled after the sieve, from the quote's kind: a term is `term` whatever the
/// sieve found; a fragment that `cue-before` led into is `partial-in-cued-sentence`; a quote
/// for which the sieve found nothing is `unattributed`.
/// A fragment the sieve left alone takes the person its sentence is about
/// (`sentence-subject`); this comes after the kind is known, so that a speaker it finds never
/// turns a scare quote into speech.
pub(super) fn settle(found: Option<Found>, kind: Kind, ctx: &Ctx<'_>) -> Found {
    match (found, kind) {
        (_, Kind::Term) => term::found(),
        (Some(found), kind) => partial_in_cued_sentence::refine(found, kind),
        (None, Kind::Partial) => match sentence_subject::matches(ctx) {
            Some(hit) => Found {
                speaker: Some(hit.speaker),
                cue: hit.cue,
                rule: Rule::SentenceSubject,
            },
            None => unattributed::found(),
        },
        (None, _) => unattributed::found(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quote of a rule's documented example that the rule decides, marks included.
    fn example_quote(rule: Rule) -> &'static str {
        match rule {
            Rule::SpeakerCueAfter => speaker_cue_after::tests::EXAMPLE_QUOTE,
            Rule::CueSpeakerAfter => cue_speaker_after::tests::EXAMPLE_QUOTE,
            Rule::CueBefore => cue_before::tests::EXAMPLE_QUOTE,
            Rule::AccordingTo => according_to::tests::EXAMPLE_QUOTE,
            Rule::SplitQuote => split_quote::tests::EXAMPLE_QUOTE,
            Rule::PartialInCuedSentence => partial_in_cued_sentence::tests::EXAMPLE_QUOTE,
            Rule::SameParagraph => same_paragraph::tests::EXAMPLE_QUOTE,
            Rule::ContinuesParagraph => continues_paragraph::tests::EXAMPLE_QUOTE,
            Rule::ColonLeadIn => colon_lead_in::tests::EXAMPLE_QUOTE,
            Rule::PreviousSentence => previous_sentence::tests::EXAMPLE_QUOTE,
            Rule::SentenceSubject => sentence_subject::tests::EXAMPLE_QUOTE,
            Rule::Unattributed => unattributed::tests::EXAMPLE_QUOTE,
            Rule::Term => term::tests::EXAMPLE_QUOTE,
            Rule::Nested => nested::tests::EXAMPLE_QUOTE,
        }
    }

    /// `quotecheck explain RULE` shows each rule at work: its example, run through the
    /// pipeline, gives the rule to the quote the example is about.
    #[test]
    fn every_rule_fires_on_its_documented_example() {
        for rule in Rule::ALL {
            let text = doc(rule).example.replace('⏎', "\n");
            let out = crate::Pipeline::default().extract_text(&text);
            let quote = example_quote(rule);
            let q = out
                .quotes
                .iter()
                .find(|q| q.text == quote)
                .unwrap_or_else(|| panic!("{}: no quote {quote:?} in {text:?}", rule.name()));
            assert_eq!(q.rule, rule, "the example of {}: {text:?}", rule.name());
        }
    }

    /// Every rule is reached: by the sieve, or settled after it.
    #[test]
    fn every_rule_has_its_place() {
        let settled = [
            Rule::Term,
            Rule::PartialInCuedSentence,
            Rule::SentenceSubject,
            Rule::Unattributed,
            Rule::Nested,
        ];
        for rule in Rule::ALL {
            let in_sieve = SIEVE.iter().any(|&(r, _)| r == rule);
            assert!(
                in_sieve != settled.contains(&rule),
                "{} must be in the sieve or settled after it, not both",
                rule.name()
            );
        }
    }
}
