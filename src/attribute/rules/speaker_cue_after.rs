//! `speaker-cue-after`: `"…," Cotton wrote.`, `"…," White House press secretary Josh
//! Earnest said`, and the dash byline `"…" ― Carla Sanchez`.

use super::{Ctx, Hit, RuleDoc, common};
use crate::attribute::{CueRef, Range, cue_at, phrase};
use crate::model::SpeakerType;

pub(super) const DOC: RuleDoc = RuleDoc {
    what: "The speaker and the speech verb follow the quote in the same sentence.",
    why: "The most common and most certain form of attribution in news copy.",
    example: "\"The US government recognizes the threat,\" Cotton wrote.",
};

/// `"…" ― Pamela Padilla`, `"…" - Bernie Sanders.`: a dash, then a person's name.
pub(super) fn dash_byline(ctx: &Ctx<'_>) -> Option<Hit> {
    let (text, lexicon) = (ctx.q.text, ctx.q.lexicon);
    let after = ctx.win.after();
    let i = common::after_start(after);
    let first = after.get(i)?;
    if !first
        .punct()
        .is_some_and(|c| matches!(c, '\u{2015}' | '\u{2014}' | '\u{2013}' | '-'))
    {
        return None;
    }
    let rest = &after[i + 1..];
    let words = rest.iter().filter(|t| t.is_word()).count();
    if !(1..=12).contains(&words)
        || !rest
            .first()
            .is_some_and(|t| phrase::is_name_word(text, lexicon, t))
    {
        return None;
    }
    // A person only: `- Reuters` at the end of a story is the wire's credit.
    let np = phrase::after_verb(text, lexicon, after, i + 1, after.len())
        .filter(|np| np.speaker_type == SpeakerType::Person)?;
    Some(Hit {
        speaker: np,
        cue: Some(CueRef {
            range: Range {
                start: first.start,
                end: first.end,
            },
            lemma: "-".into(),
        }),
    })
}

/// Speaker then cue: `Cotton wrote`, `White House press secretary Josh Earnest said`; after
/// a fragment, the subject just before the verb (`'' of the plans, Mr. Smith said`).
pub(super) fn matches(ctx: &Ctx<'_>) -> Option<Hit> {
    let (text, lexicon) = (ctx.q.text, ctx.q.lexicon);
    let after = ctx.win.after();
    let i = ctx.words_after()?;
    let v = (i..after.len().min(i + 41)).find(|&k| cue_at(text, lexicon, after, k).is_some())?;
    let np = phrase::up_to_verb(text, lexicon, after, i, v)
        .or_else(|| phrase::before_verb(text, lexicon, after, i, v))?;
    Some(Hit {
        speaker: np,
        cue: cue_at(text, lexicon, after, v),
    })
}

#[cfg(test)]
pub(super) mod tests {
    use crate::attribute::tests::{Expect, check, process_text};
    use crate::model::{Kind, Rule};

    /// The quote of [`super::DOC`]'s example that this rule decides.
    pub(in crate::attribute) const EXAMPLE_QUOTE: &str =
        "\"The US government recognizes the threat,\"";

    #[test]
    fn speaker_cue_after() {
        check(
            "On Friday, Senator Tom Cotton sent a letter.\n\"The US government recognizes the threat,\" Cotton wrote.",
            Expect {
                quote: "recognizes",
                kind: Kind::Direct,
                rule: Rule::SpeakerCueAfter,
                mention: Some("Cotton"),
                name: Some("Tom Cotton"),
                cue: Some("wrote"),
            },
        );
    }

    #[test]
    fn speaker_cue_after_keeps_premodifiers_and_parenthetical() {
        check(
            "“It’s a dog whistle,” Rep. Gwen Moore (D-Wis.) said Friday.",
            Expect {
                quote: "dog whistle",
                kind: Kind::Direct,
                rule: Rule::SpeakerCueAfter,
                mention: Some("Rep. Gwen Moore (D-Wis.)"),
                name: Some("Gwen Moore"),
                cue: Some("said"),
            },
        );
    }

    #[test]
    fn a_name_in_ly_is_not_an_adverb() {
        // `Kelly` is capitalised: a name, not an adverb between the quote and the verb.
        check(
            "\"Turnout matters,\" Kelly said.",
            Expect {
                quote: "Turnout",
                kind: Kind::Direct,
                rule: Rule::SpeakerCueAfter,
                mention: Some("Kelly"),
                name: None,
                cue: Some("said"),
            },
        );
    }

    #[test]
    fn a_participle_after_the_verb_leaves_it_the_cue() {
        check(
            "\"We are not there yet,\" Moreno said answering a question from the floor.",
            Expect {
                quote: "not there",
                kind: Kind::Direct,
                rule: Rule::SpeakerCueAfter,
                mention: Some("Moreno"),
                name: None,
                cue: Some("said"),
            },
        );
    }

    #[test]
    fn dash_byline() {
        check(
            "“Trump must stop portraying Latinos as gangsters.”― Carla Sanchez",
            Expect {
                quote: "gangsters",
                kind: Kind::Direct,
                rule: Rule::SpeakerCueAfter,
                mention: Some("Carla Sanchez"),
                name: None,
                cue: Some("―"),
            },
        );
    }

    #[test]
    fn noun_uses_of_speech_verbs_are_not_cues() {
        // `report` is a noun here and `press` modifies `secretary`.
        let text = "\"The impact remains unclear,\" the IMF report stated.";
        let q = &process_text(text).quotes[0];
        assert_eq!(q.cue.as_ref().unwrap().text, "stated");
        assert_eq!(q.speaker.as_ref().unwrap().mention, "the IMF report");
    }
}
