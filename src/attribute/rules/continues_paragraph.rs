//! `continues-paragraph`: a paragraph that opens with a quote continues the speaker of the
//! paragraph before.

use super::{Ctx, Hit, RuleDoc};
use crate::model::Rule;
use crate::text;

pub(super) const DOC: RuleDoc = RuleDoc {
    what: "A paragraph that opens with a quote continues the speaker of the previous paragraph's last attributed quote.",
    why: "Long statements run over several paragraphs with one attribution.",
    example: "\"I'm announcing a review,\" Hegseth said.⏎\"We will monitor all threats.\"",
};

/// The last attributed quote is in the paragraph before this quote's, which it opens: the
/// quote continues its speaker, unless that paragraph ends with a new lead-in (`Caddell
/// continued:`, `colon-lead-in`).
pub(super) fn matches(ctx: &Ctx<'_>) -> Option<Hit> {
    let q = ctx.q;
    if !q.opens_paragraph() {
        return None;
    }
    let head = q.text[..q.p_start].trim_end();
    if head.is_empty() {
        return None;
    }
    let (last, last_p_start) = ctx.last?;
    let sp = last.speaker.as_ref()?;
    let (pp_start, _) = text::paragraph_bounds(q.text, head.len() - 1);
    (last_p_start == pp_start && (!head.ends_with(':') || last.rule == Rule::ColonLeadIn)).then(
        || Hit {
            speaker: sp.np,
            cue: last.cue.clone(),
        },
    )
}

#[cfg(test)]
pub(super) mod tests {
    use crate::attribute::tests::{Expect, check};
    use crate::model::{Kind, Rule};

    /// The quote of [`super::DOC`]'s example that this rule decides.
    pub(in crate::attribute) const EXAMPLE_QUOTE: &str = "\"We will monitor all threats.\"";

    #[test]
    fn quote_only_paragraph_continues_the_previous_speaker() {
        check(
            "\"I'm announcing a review,\" Hegseth said in the video.\n\"We will monitor all threats.\"",
            Expect {
                quote: "monitor",
                kind: Kind::Direct,
                rule: Rule::ContinuesParagraph,
                mention: Some("Hegseth"),
                name: None,
                cue: Some("said"),
            },
        );
    }

    #[test]
    fn wire_credit_is_not_a_speaker() {
        check(
            "\"I'm announcing a review,\" Hegseth said.\n\"We will monitor all threats.\" - Reuters",
            Expect {
                quote: "monitor",
                kind: Kind::Direct,
                rule: Rule::ContinuesParagraph,
                mention: Some("Hegseth"),
                name: None,
                cue: Some("said"),
            },
        );
    }
}
