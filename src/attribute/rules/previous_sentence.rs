//! `previous-sentence`: `The judge then turned to me. "Mr. D'Souza?"`: with no cue in
//! reach, the subject of the sentence before.

use super::{Ctx, Hit, RuleDoc, common};
use crate::attribute::{CueRef, Range, cue_at, is_adverb, lower, phrase};
use crate::model::SpeakerType;
use crate::text;

pub(super) const DOC: RuleDoc = RuleDoc {
    what: "No cue reaches the quote: the sentence before it in the paragraph gives the speaker, the subject (or inverted speaker) of its speech verb with that verb as the cue, or else its subject with its verb as the cue.",
    why: "A weaker guess, marked with a lower confidence, that still beats no speaker.",
    example: "The judge then turned to me. \"Mr. D'Souza?\"",
};

/// A quote that opens a sentence takes the subject of the sentence before it in the
/// paragraph (not an organisation), and that sentence's verb stands for the cue. A quote
/// that opens its paragraph is left to the rules of the paragraph before.
///
/// When that sentence has a speech verb (`Schiff said.`, `…, said professor Ann Lee.`), its
/// speaker and cue are taken, whatever kind of speaker it is. A lead-in that is only a
/// participle (`Adding, "…"`) continues that speaker with its own cue.
pub(super) fn matches(ctx: &Ctx<'_>) -> Option<Hit> {
    let (q, win) = (ctx.q, ctx.win);
    let (text, lexicon) = (q.text, q.lexicon);
    if q.opens_paragraph() {
        return None;
    }
    let toks = &win.all_before[..win.lead];
    let participle = common::bare_participle(text, lexicon, win.before());
    if toks.is_empty() || !(q.starts_sentence(win) || participle.is_some()) {
        return None;
    }
    // The sentence before the quote, without its final punctuation.
    let end = toks.len() - 1;
    let sent = &toks[text::last_sentence_start(text, toks, end)..end];
    if let Some(hit) = common::speech_subject(text, lexicon, sent) {
        return Some(Hit {
            cue: participle.or(hit.cue),
            ..hit
        });
    }
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
        cue: Some(participle.unwrap_or(cue)),
    })
}

#[cfg(test)]
pub(super) mod tests {
    use crate::attribute::tests::{Expect, check};
    use crate::model::{Kind, Rule};

    /// The quote of [`super::DOC`]'s example that this rule decides.
    pub(in crate::attribute) const EXAMPLE_QUOTE: &str = "\"Mr. D'Souza?\"";

    #[test]
    fn the_speech_verb_of_the_sentence_before() {
        for (text, mention) in [
            (
                "The council may delay the vote, Ruiz said. \"The money is not there.\"",
                "Ruiz",
            ),
            (
                "Turnout fell in the north, said professor Ana Ruiz. \"That was her base.\"",
                "professor Ana Ruiz",
            ),
        ] {
            check(
                text,
                Expect {
                    quote: "\"",
                    kind: Kind::Direct,
                    rule: Rule::PreviousSentence,
                    mention: Some(mention),
                    name: None,
                    cue: Some("said"),
                },
            );
        }
    }

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
