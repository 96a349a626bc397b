//! `colon-lead-in`: `Caddell continued:` ends the paragraph before a quote that opens its
//! own.

use super::{Ctx, Hit, RuleDoc, common};
use crate::attribute::{cue_at, phrase};
use crate::text;

pub(super) const DOC: RuleDoc = RuleDoc {
    what: "The previous paragraph ends with a speaker, a cue and a colon.",
    why: "Transcripts and long statements are introduced this way.",
    example: "Caddell continued:⏎⏎\"The health issue is a partisan issue.\"",
};

/// The last sentence of the paragraph before ends with a cue, a speaker and a colon
/// (`Caddell continued:`, `Trump told the crowd:`), or is a short name and a colon.
pub(super) fn matches(ctx: &Ctx<'_>) -> Option<Hit> {
    let q = ctx.q;
    let (text, lexicon) = (q.text, q.lexicon);
    if !q.opens_paragraph() {
        return None;
    }
    let head = text[..q.p_start].trim_end();
    if !head.ends_with(':') {
        return None;
    }
    let (pp_start, pp_end) = text::paragraph_bounds(text, head.len() - 1);
    let mut scratch = Vec::new();
    text::tokenize_into(text, pp_start, pp_end, lexicon, &mut scratch);
    let toks = &scratch[..];
    // The last sentence, whose final token (the colon) does not end it.
    let sent = &toks[text::last_sentence_start(text, toks, toks.len().saturating_sub(1))..];
    for v in (0..sent.len()).rev() {
        let Some(cue) = cue_at(text, lexicon, sent, v) else {
            continue;
        };
        let np = phrase::before_verb(text, lexicon, sent, 0, v)
            .or_else(|| phrase::after_verb(text, lexicon, sent, v + 1, sent.len()));
        if let Some(np) = np {
            return Some(Hit {
                speaker: np,
                cue: Some(cue),
            });
        }
    }
    common::colon_speaker(text, lexicon, sent)
}

#[cfg(test)]
pub(super) mod tests {
    use crate::attribute::tests::{Expect, check};
    use crate::model::{Kind, Rule};

    /// The quote of [`super::DOC`]'s example that this rule decides.
    pub(in crate::attribute) const EXAMPLE_QUOTE: &str =
        "\"The health issue is a partisan issue.\"";

    #[test]
    fn colon_lead_in_from_the_previous_paragraph() {
        check(
            "Caddell continued:\n\n\"The health issue is a partisan issue.\"",
            Expect {
                quote: "health issue",
                kind: Kind::Direct,
                rule: Rule::ColonLeadIn,
                mention: Some("Caddell"),
                name: None,
                cue: Some("continued"),
            },
        );
    }

    #[test]
    fn a_statement_issued_before_the_quote() {
        check(
            "Title\n\nAfter the flood, Mayor Ana Ruiz released the following statement:\n\n\"Our thoughts are with every family on the river.\"",
            Expect {
                quote: "Our thoughts",
                kind: Kind::Direct,
                rule: Rule::ColonLeadIn,
                mention: Some("Mayor Ana Ruiz"),
                name: None,
                cue: Some("released the following statement"),
            },
        );
    }

    #[test]
    fn outlet_names_ending_in_news_speak() {
        check(
            "Title\n\nHe made claims against the NRA, and Breitbart News responded:\n\n\"If there are people who pose a threat, deport them.\"",
            Expect {
                quote: "deport",
                kind: Kind::Direct,
                rule: Rule::ColonLeadIn,
                mention: Some("Breitbart News"),
                name: None,
                cue: Some("responded"),
            },
        );
    }
}
