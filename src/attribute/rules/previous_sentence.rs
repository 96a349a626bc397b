//! `previous-sentence`: `The judge then turned to me. "Mr. D'Souza?"`: with no cue in
//! reach, the subject of the sentence before.

use super::{Ctx, Hit, RuleDoc};
use crate::attribute::{CueRef, Range, cue_at, is_adverb, lower, phrase};
use crate::model::SpeakerType;
use crate::text;

pub(super) const DOC: RuleDoc = RuleDoc {
    what: "No cue reaches the quote: the subject of the sentence before it in the paragraph is taken as the speaker, its verb as the cue.",
    why: "A weaker guess, marked with a lower confidence, that still beats no speaker.",
    example: "The judge then turned to me. \"Mr. D'Souza?\"",
};

/// A quote that opens a sentence takes the subject of the sentence before it in the
/// paragraph (not an organisation), and that sentence's verb stands for the cue. A quote
/// that opens its paragraph is left to the rules of the paragraph before.
pub(super) fn matches(ctx: &Ctx<'_>) -> Option<Hit> {
    let (q, win) = (ctx.q, ctx.win);
    let (text, lexicon) = (q.text, q.lexicon);
    if q.opens_paragraph() {
        return None;
    }
    let toks = &win.all_before[..win.lead];
    if toks.is_empty() || !q.starts_sentence(win) {
        return None;
    }
    // The sentence before the quote, without its final punctuation.
    let end = toks.len() - 1;
    let sent = &toks[text::last_sentence_start(text, toks, end)..end];
    let np = phrase::sentence_subject(text, lexicon, sent, sent.len())?;
    if np.speaker_type == SpeakerType::Organization {
        return None;
    }
    // Its verb stands for the cue.
    let after_np = sent.iter().position(|t| t.start >= np.range.end)?;
    let v = (after_np..sent.len()).find(|&k| !is_adverb(text, lexicon, &sent[k]))?;
    let cue = cue_at(text, lexicon, sent, v).unwrap_or_else(|| CueRef {
        range: Range {
            start: sent[after_np].start,
            end: sent[v].end,
        },
        lemma: lower(text, &sent[v]).into_owned(),
    });
    Some(Hit {
        speaker: np,
        cue: Some(cue),
    })
}

#[cfg(test)]
pub(super) mod tests {
    use crate::attribute::tests::{Expect, check};
    use crate::model::{Kind, Rule};

    /// The quote of [`super::DOC`]'s example that this rule decides.
    pub(in crate::attribute) const EXAMPLE_QUOTE: &str = "\"Mr. D'Souza?\"";

    #[test]
    fn previous_sentence_subject() {
        check(
            "The judge then turned to me. \"Mr. D'Souza?\"",
            Expect {
                quote: "D'Souza",
                kind: Kind::Direct,
                rule: Rule::PreviousSentence,
                mention: Some("The judge"),
                name: None,
                cue: Some("then turned"),
            },
        );
    }
}
