//! `sentence-subject`: `Cornyn dismissed Obama's concerns as "unpersuasive."`, a fragment in a
//! sentence with no speech verb, given to the person the sentence is about.

use super::{Ctx, Hit, RuleDoc};
use crate::attribute::phrase;
use crate::model::SpeakerType;
use crate::text::Lower;

pub(super) const DOC: RuleDoc = RuleDoc {
    what: "A quoted fragment in a sentence with no speech verb, given to the person who is the sentence's subject.",
    why: "Reporters weave a speaker's words into their own sentence (\"dismissed the concerns as ...\"); the words are still that person's, though with less certainty than a cue gives.",
    example: "The senator dismissed the proposal as \"a gift to lobbyists.\"",
};

/// Tried only for a fragment (its kind is partial) that no rule of the sieve attributed:
/// the subject that opens its sentence, when it is a person: a name, `he` or `she`, or a
/// role (`the senator`). Organisations, places and `it` are left alone, and so is a
/// sentence with nothing before the quote.
pub(super) fn matches(ctx: &Ctx<'_>) -> Option<Hit> {
    let (text, lexicon) = (ctx.q.text, ctx.q.lexicon);
    let before = ctx.win.before();
    if before.iter().filter(|t| t.is_word()).count() < 2 {
        return None;
    }
    let np = phrase::sentence_subject(text, lexicon, before, before.len())?;
    let core = &text[np.core.start..np.core.end];
    let person = match np.speaker_type {
        SpeakerType::Person => true,
        SpeakerType::Pronoun => matches!(&*Lower::new(core), "he" | "she"),
        SpeakerType::Descriptor => core.split_whitespace().last().is_some_and(|h| {
            let h = Lower::new(h);
            lexicon.is_person_noun(&h) || lexicon.is_title(&h)
        }),
        _ => false,
    };
    person.then_some(Hit {
        speaker: np,
        cue: None,
    })
}

#[cfg(test)]
pub(super) mod tests {
    use crate::attribute::tests::{Expect, check};
    use crate::model::{Kind, Rule};

    /// The quote of [`super::DOC`]'s example that this rule decides.
    pub(in crate::attribute) const EXAMPLE_QUOTE: &str = "\"a gift to lobbyists.\"";

    #[test]
    fn fragment_goes_to_the_subject_of_its_sentence() {
        check(
            "Maria Olsen dismissed the concerns as \"unpersuasive.\"",
            Expect {
                quote: "unpersuasive",
                kind: Kind::Partial,
                rule: Rule::SentenceSubject,
                mention: Some("Maria Olsen"),
                name: Some("Maria Olsen"),
                cue: None,
            },
        );
    }

    #[test]
    fn a_pronoun_subject_counts() {
        check(
            "Maria Olsen spoke on Monday. She rejected the plan as \"a disaster for every farmer in the valley\" and left.",
            Expect {
                quote: "disaster",
                kind: Kind::Partial,
                rule: Rule::SentenceSubject,
                mention: Some("She"),
                name: Some("Maria Olsen"),
                cue: None,
            },
        );
    }

    #[test]
    fn organisations_and_scare_quotes_are_left_alone() {
        check(
            "The ministry rejected the plan as \"under review.\"",
            Expect {
                quote: "under review",
                kind: Kind::Partial,
                rule: Rule::Unattributed,
                mention: None,
                name: None,
                cue: None,
            },
        );
    }
}
