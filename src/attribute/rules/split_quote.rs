//! `split-quote`: `"A," he said, "and B."`: the second part shares the first's attribution.

use super::{Ctx, Hit, RuleDoc, cue_before};

pub(super) const DOC: RuleDoc = RuleDoc {
    what: "The second part of a quote split by its attribution shares the first part's speaker and cue.",
    why: "Both parts are one statement; an audit must not treat the second as unattributed.",
    example: "\"We are ready,\" he said, \"and we will win.\"",
};

/// A quote whose lead-in is the rest of the previous quote's sentence (`," he said, "`):
/// the cue between the parts, with its subject next to it (`cue-before`'s first pass). The
/// sentence's subject stands before the first part, outside the lead-in, so a cue whose
/// subject is not beside it is left to the rules that read the whole sentence.
pub(super) fn matches(ctx: &Ctx<'_>) -> Option<Hit> {
    if !ctx.q.continues_sentence(ctx.win) || ctx.according_to().is_some() {
        return None;
    }
    cue_before::lead_in_cue_in(ctx, 1)
}

#[cfg(test)]
pub(super) mod tests {
    use crate::attribute::tests::{Expect, check};
    use crate::model::{Kind, Rule};

    /// The quote of [`super::DOC`]'s example that this rule decides.
    pub(in crate::attribute) const EXAMPLE_QUOTE: &str = "\"and we will win.\"";

    #[test]
    fn split_quote_shares_the_attribution() {
        let text = "\"We are ready,\" he said, \"and we will win.\"";
        check(
            text,
            Expect {
                quote: "ready",
                kind: Kind::Direct,
                rule: Rule::SpeakerCueAfter,
                mention: Some("he"),
                name: None,
                cue: Some("said"),
            },
        );
        check(
            text,
            Expect {
                quote: "and we will win",
                kind: Kind::Direct,
                rule: Rule::SplitQuote,
                mention: Some("he"),
                name: None,
                cue: Some("said"),
            },
        );
    }

    #[test]
    fn a_long_attribution_between_the_parts_keeps_the_second_direct() {
        check(
            "\"The trouble,\" Ana Ruiz told the city council at its meeting in the library on Monday, \"is that nobody reads the budget.\"",
            Expect {
                quote: "nobody reads",
                kind: Kind::Direct,
                rule: Rule::SplitQuote,
                mention: Some("Ana Ruiz"),
                name: None,
                cue: Some("told"),
            },
        );
        // A clause of the reporter's after the cue makes the second part a fragment of it.
        let out = crate::attribute::tests::process_text(
            "\"We warned them,\" Ana Ruiz said, adding that if the rain kept up, \"the river will rise.\"",
        );
        let q = out
            .quotes
            .iter()
            .find(|q| q.text.contains("river"))
            .unwrap();
        assert_eq!(q.kind, Kind::Partial);
    }

    /// Failure pattern: a lead-in that goes on with the first part's clause (`"…" and then
    /// took a swipe at CNN and MSNBC, saying`) has its subject before the first part; the
    /// noun before the participle's comma is an object, not the speaker.
    #[test]
    fn a_participle_whose_subject_is_before_the_first_part_is_not_the_nouns() {
        let out = crate::attribute::tests::process_text(
            "Ana Ruiz called the plan \u{201C}a dangerous thing\u{201D} and then took a swipe at the Ledger and the Courier, saying that while they are \u{201C}unfair,\u{201D} she does not demand that their shows be taken off the air.",
        );
        let q = out
            .quotes
            .iter()
            .find(|q| q.text.contains("unfair"))
            .unwrap();
        let speaker = q.speaker.as_ref().map(|s| s.name.as_str());
        assert_eq!(speaker, Some("Ana Ruiz"), "{q:#?}");
        assert_ne!(q.rule, Rule::SplitQuote);
    }
}
