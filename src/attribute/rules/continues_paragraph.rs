//! `continues-paragraph`: a paragraph that opens with a quote continues the speaker of the
//! paragraph before.

use super::{Ctx, Hit, RuleDoc};
use crate::attribute::{CueRef, Quote, Range, cue_at, floor_char_boundary, lower, phrase};
use crate::model::Rule;
use crate::text;

pub(super) const DOC: RuleDoc = RuleDoc {
    what: "A paragraph that opens with a quote, or puts a short question and quotes the answer, continues the speaker of the previous paragraph's last attributed quote.",
    why: "Long statements run over several paragraphs with one attribution.",
    example: "\"I'm announcing a review,\" Hegseth said.⏎\"We will monitor all threats.\"",
};

/// The last attributed quote is in the paragraph before this quote's, which it opens: the
/// quote continues its speaker, unless that paragraph ends with a new lead-in (`Caddell
/// continued:`, `colon-lead-in`).
pub(super) fn matches(ctx: &Ctx<'_>) -> Option<Hit> {
    let q = ctx.q;
    if !(q.opens_paragraph() || after_question(q)) {
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

/// An interview's paragraph that puts a short question and gives the answer (`Governor
/// Pence? "Solid as a rock."`): the question is the reporter's, the quote the answer of
/// the speaker who answered the one before.
fn after_question(q: &Quote<'_>) -> bool {
    // Twelve words at most: a longer stretch is no such question, and is not read (one
    // paragraph may hold thousands of quotes).
    if q.span.start - q.p_start > 200 {
        return false;
    }
    let lead = q.text[q.p_start..q.span.start].trim();
    lead.strip_suffix('?').is_some_and(|question| {
        !question.is_empty()
            && question.split_whitespace().count() <= 12
            && !question.contains(['?', '!', '"', '\u{201c}', '\u{201d}'])
    })
}

/// The most of the paragraph before that is read for its last speech verb.
const LOOK_BACK: usize = 4 << 10;

/// `Mr. Wilkinson predicted that the coalition would fall.` ⏎ `"They clearly are not getting
/// along."`: a paragraph that opens with a quote, after a paragraph with no attributed quote
/// whose last speech verb reports what someone said (indirect speech included), takes that
/// verb's subject. A paragraph ending with a colon is `colon-lead-in`'s.
pub(super) fn after_reported_speech(ctx: &Ctx<'_>) -> Option<Hit> {
    let q = ctx.q;
    let (text, lexicon) = (q.text, q.lexicon);
    if !q.opens_paragraph() || ctx.win.before().iter().any(|t| t.is_word()) {
        return None;
    }
    let head = text[..q.p_start].trim_end();
    if head.is_empty() || head.ends_with(':') {
        return None;
    }
    let (pp_start, pp_end) = text::paragraph_bounds(text, head.len() - 1);
    // A quote attributed in the paragraph before is `continues-paragraph`'s to continue.
    if ctx.last.is_some_and(|(_, p)| p == pp_start) {
        return None;
    }
    let from = floor_char_boundary(text, pp_end.saturating_sub(LOOK_BACK)).max(pp_start);
    let mut toks = Vec::new();
    text::tokenize_into(text, from, pp_end, lexicon, &mut toks);
    // The last sentence of the paragraph that has a speech verb (or says someone spoke:
    // `Trump spoke only in evasive bromides.`), and that verb's subject.
    for v in (0..toks.len()).rev() {
        let Some(cue) = cue_at(text, lexicon, &toks, v).or_else(|| {
            let t = &toks[v];
            let w = lower(text, t);
            (t.is_word() && lexicon.is_speaking_verb(&w)).then(|| CueRef {
                range: Range {
                    start: t.start,
                    end: t.end,
                },
                lemma: w.into_owned(),
            })
        }) else {
            continue;
        };
        let s = text::last_sentence_start(text, &toks, v);
        let sentence = &toks[s..];
        let np = phrase::before_verb(text, lexicon, sentence, 0, v - s)
            .or_else(|| phrase::sentence_subject(text, lexicon, sentence, v - s))?;
        return Some(Hit {
            speaker: np,
            cue: Some(cue),
        });
    }
    None
}

#[cfg(test)]
pub(super) mod tests {
    use crate::attribute::tests::{Expect, check};
    use crate::model::{Kind, Rule};

    /// The quote of [`super::DOC`]'s example that this rule decides.
    pub(in crate::attribute) const EXAMPLE_QUOTE: &str = "\"We will monitor all threats.\"";

    #[test]
    fn quote_only_paragraph_after_indirect_speech() {
        check(
            "Ana Ruiz said the frost cracks the pipes.\n\n\"Nothing here was built for this.\"",
            Expect {
                quote: "Nothing here",
                kind: Kind::Direct,
                rule: Rule::ContinuesParagraph,
                mention: Some("Ana Ruiz"),
                name: Some("Ana Ruiz"),
                cue: Some("said"),
            },
        );
    }

    #[test]
    fn quote_only_paragraph_after_someone_spoke() {
        check(
            "Voters are left to guess, since Ruiz spoke only in vague phrases during the \
             interview.\n\n\"We have to be a lot tougher.\"",
            Expect {
                quote: "tougher",
                kind: Kind::Direct,
                rule: Rule::ContinuesParagraph,
                mention: Some("Ruiz"),
                name: None,
                cue: Some("spoke"),
            },
        );
    }

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
    fn an_answer_after_a_short_question_continues_the_speaker() {
        check(
            "Asked about each candidate, Ms. Varga played along.\n\nGovernor Hale? \"Strong,\" \
             she said.\n\nSenator Ruiz of Iowa? \"A terrific person.\"",
            Expect {
                quote: "terrific",
                kind: Kind::Direct,
                rule: Rule::ContinuesParagraph,
                mention: Some("she"),
                name: Some("Varga"),
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
