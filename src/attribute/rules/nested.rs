//! `nested`: a quotation inside another, which the sieve never attributes.

use super::RuleDoc;
use crate::attribute::Attribution;
use crate::model::{Kind, Rule};

pub(super) const DOC: RuleDoc = RuleDoc {
    what: "A quotation inside another quotation.",
    why: "Its words are someone quoted by the speaker, not the speaker's own.",
    example: "\"He told me 'no' twice,\" she said.",
};

/// The attribution of every quote inside another: kind and rule `nested`, no speaker.
pub(in crate::attribute) fn attribution() -> Attribution {
    Attribution {
        kind: Kind::Nested,
        speaker: None,
        cue: None,
        rule: Rule::Nested,
        confidence: Rule::Nested.base_confidence(),
    }
}

#[cfg(test)]
pub(super) mod tests {
    use crate::attribute::tests::process_text;
    use crate::model::{Kind, Rule};

    /// The quote of [`super::DOC`]'s example that this rule decides.
    pub(in crate::attribute) const EXAMPLE_QUOTE: &str = "'no'";

    #[test]
    fn nested_quote_is_not_attributed() {
        let out = process_text("\"He told me 'no' twice,\" she said.");
        let inner = out.quotes.iter().find(|q| q.text == "'no'").unwrap();
        assert_eq!(inner.kind, Kind::Nested);
        assert_eq!(inner.rule, Rule::Nested);
        assert!(inner.speaker.is_none());
        assert_eq!(inner.parent.as_deref(), Some("text#1"));
    }
}
