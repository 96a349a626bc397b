//! `partial-in-cued-sentence`: `Hegseth said this is "obviously unacceptable"`, a fragment
//! inside the sentence of its cue.

use super::RuleDoc;
use crate::attribute::Found;
use crate::model::{Kind, Rule};

pub(super) const DOC: RuleDoc = RuleDoc {
    what: "A quoted fragment inside a sentence whose speech verb names the speaker.",
    why: "Partial quotes are where paraphrase and quotation mix; the fragment's words are still the speaker's.",
    example: "The mayor said the delay was \"simply not good enough\".",
};

/// Settled after the sieve: a quote that `cue-before` led into but that reads as a
/// fragment (its kind is partial) keeps the speaker and cue under this rule.
pub(super) fn refine(found: Found, kind: Kind) -> Found {
    if kind == Kind::Partial && found.rule == Rule::CueBefore {
        Found {
            rule: Rule::PartialInCuedSentence,
            ..found
        }
    } else {
        found
    }
}

#[cfg(test)]
pub(super) mod tests {
    use crate::attribute::tests::{Expect, check};
    use crate::model::{Kind, Rule};

    /// The quote of [`super::DOC`]'s example that this rule decides.
    pub(in crate::attribute) const EXAMPLE_QUOTE: &str = "\"simply not good enough\"";

    #[test]
    fn partial_quote_in_a_cued_sentence() {
        check(
            "In a video, Hegseth said this is \"obviously unacceptable\" and left.",
            Expect {
                quote: "obviously",
                kind: Kind::Partial,
                rule: Rule::PartialInCuedSentence,
                mention: Some("Hegseth"),
                name: None,
                cue: Some("said"),
            },
        );
    }
}
