//! `according-to`: `According to Smith, "…"`.

use super::{Ctx, Hit, RuleDoc, common};
use crate::attribute::{CueRef, Range, lower, phrase};
use crate::text::Tok;

pub(super) const DOC: RuleDoc = RuleDoc {
    what: "`according to` names the source, before the quote or right after it.",
    why: "It attributes without a verb; the source can be a person or a document.",
    example: "According to Smith, \"The plan is dead.\"",
};

/// The index of the last `according` of an `according to` in the lead-in `before`.
pub(super) fn position(text: &str, before: &[Tok]) -> Option<usize> {
    (0..before.len().saturating_sub(1))
        .rev()
        .find(|&k| lower(text, &before[k]) == "according" && lower(text, &before[k + 1]) == "to")
}

/// `according to NP`: the source after the phrase.
pub(super) fn matches(ctx: &Ctx<'_>) -> Option<Hit> {
    let (text, lexicon) = (ctx.q.text, ctx.q.lexicon);
    let before = ctx.win.before();
    let k = ctx.according_to()?;
    let np = phrase::after_verb(text, lexicon, before, k + 2, before.len())?;
    Some(Hit {
        speaker: np,
        cue: Some(CueRef {
            range: Range {
                start: before[k].start,
                end: before[k + 1].end,
            },
            lemma: "according to".into(),
        }),
    })
}

/// `"…," according to Judicial Watch.`: the phrase in the slot after the quote.
pub(super) fn after(ctx: &Ctx<'_>) -> Option<Hit> {
    if common::looks_like_term(ctx) {
        return None;
    }
    let (text, lexicon) = (ctx.q.text, ctx.q.lexicon);
    let after = ctx.win.after();
    let k = ctx.words_after()?;
    if !(after.len() > k + 2
        && lower(text, &after[k]) == "according"
        && lower(text, &after[k + 1]) == "to")
    {
        return None;
    }
    let np = phrase::after_verb(text, lexicon, after, k + 2, after.len())?;
    Some(Hit {
        speaker: np,
        cue: Some(CueRef {
            range: Range {
                start: after[k].start,
                end: after[k + 1].end,
            },
            lemma: "according to".into(),
        }),
    })
}

#[cfg(test)]
pub(super) mod tests {
    use crate::attribute::tests::{Expect, check};
    use crate::model::{Kind, Rule};

    /// The quote of [`super::DOC`]'s example that this rule decides.
    pub(in crate::attribute) const EXAMPLE_QUOTE: &str = "\"The plan is dead.\"";

    #[test]
    fn according_to_after_the_quote() {
        check(
            "\"The records were never kept,\" according to the county auditor.",
            Expect {
                quote: "records",
                kind: Kind::Direct,
                rule: Rule::AccordingTo,
                mention: Some("the county auditor"),
                name: None,
                cue: Some("according to"),
            },
        );
    }

    #[test]
    fn according_to() {
        check(
            "According to Smith, \"The plan is dead.\"",
            Expect {
                quote: "plan",
                kind: Kind::Direct,
                rule: Rule::AccordingTo,
                mention: Some("Smith"),
                name: None,
                cue: Some("According to"),
            },
        );
    }
}
