//! `unattributed`: speech for which no rule of the sieve finds a speaker.

use super::RuleDoc;
use crate::attribute::Found;
use crate::model::Rule;

pub(super) const DOC: RuleDoc = RuleDoc {
    what: "Speech with no speaker in reach.",
    why: "An unattributed quotation is itself something a fact-checker may want to see.",
    example: "\"Nobody knows what happens next.\"",
};

/// Settled after the sieve, when none of its rules fired: no speaker, no cue.
pub(super) fn found() -> Found {
    Found {
        speaker: None,
        cue: None,
        rule: Rule::Unattributed,
    }
}

#[cfg(test)]
pub(super) mod tests {
    use crate::attribute::tests::{Expect, check};
    use crate::model::{Kind, Rule};

    /// The quote of [`super::DOC`]'s example that this rule decides.
    pub(in crate::attribute) const EXAMPLE_QUOTE: &str = "\"Nobody knows what happens next.\"";

    #[test]
    fn unattributed_speech() {
        check(
            "\"Nobody knows what happens next.\"",
            Expect {
                quote: "Nobody",
                kind: Kind::Direct,
                rule: Rule::Unattributed,
                mention: None,
                name: None,
                cue: None,
            },
        );
    }
}
