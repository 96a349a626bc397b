//! `same-paragraph`: `"We lost," Smith said. "We will be back."`: a quote takes the speaker
//! of the quote before it in its paragraph.

use super::{Ctx, CueRef, Hit, RuleDoc, common};
use crate::attribute::cue_at;
use crate::model::Kind;

pub(super) const DOC: RuleDoc = RuleDoc {
    what: "A quote that opens a sentence, or continues one, takes the speaker of the quote before it in the paragraph (a title or scare quote between is passed over); a lead-in that is only a participle (\"Adding, ...\") brings its own cue.",
    why: "Reporters attribute once and then let the speaker go on.",
    example: "\"We lost,\" Smith said. \"We will be back.\"",
};

/// A quote that opens a sentence continues the previous quote of its paragraph, when that
/// one has a speaker; so does a quote with no word before it since that quote, or one that
/// continues its sentence (`said this is "unacceptable" and that "…"`).
///
/// A title or scare quote in between (`Clinton said on "This Week." "…"`) is not the quote
/// before: the last quote with a speaker in the paragraph is. A lead-in that is only a
/// participle (`Adding, "…"`) continues the speaker with its own cue.
pub(super) fn matches(ctx: &Ctx<'_>) -> Option<Hit> {
    let (q, win) = (ctx.q, ctx.win);
    let prev = ctx.prev?;
    let participle = common::bare_participle(q.text, q.lexicon, win.before());
    let a = if prev.kind == Kind::Term {
        // Only a new sentence, or a participle that adds to the speech (`Graham said on
        // "Morning Joe," adding, "…"`), looks past the term: other words that run on from it
        // are the reporter's.
        if !(q.starts_sentence(win) || participle.is_some()) {
            return None;
        }
        ctx.last.filter(|&(_, p)| p == q.p_start)?.0
    } else {
        prev
    };
    let sp = a.speaker.as_ref()?;
    if let Some(cue) = participle {
        return Some(Hit {
            speaker: sp.np,
            cue: Some(cue),
        });
    }
    (q.starts_sentence(win)
        || win.before().iter().all(|t| !t.is_word())
        || q.continues_sentence(win))
    .then(|| Hit {
        speaker: sp.np,
        cue: local_cue(ctx).or_else(|| a.cue.clone()),
    })
}

/// `"…," she said, adding, "…"`: the speaker goes on, but the quote's own lead-in has a
/// speech verb of its own, which is what introduces it; the previous quote's cue is not.
fn local_cue(ctx: &Ctx<'_>) -> Option<CueRef> {
    let (text, lexicon) = (ctx.q.text, ctx.q.lexicon);
    let before = ctx.win.before();
    (0..before.len())
        .rev()
        .find_map(|v| cue_at(text, lexicon, before, v))
}

#[cfg(test)]
pub(super) mod tests {
    use crate::attribute::tests::{Expect, check};
    use crate::model::{Kind, Rule};

    /// The quote of [`super::DOC`]'s example that this rule decides.
    pub(in crate::attribute) const EXAMPLE_QUOTE: &str = "\"We will be back.\"";

    #[test]
    fn a_title_between_does_not_break_the_paragraph() {
        check(
            "\"Jobs first,\" Ruiz said on \"Morning Edition\" last week. \"Nobody did it better.\"",
            Expect {
                quote: "Nobody",
                kind: Kind::Direct,
                rule: Rule::SameParagraph,
                mention: Some("Ruiz"),
                name: None,
                cue: Some("said"),
            },
        );
    }

    #[test]
    fn a_bare_participle_continues_the_speaker_with_its_own_cue() {
        check(
            "Ruiz called the plan \"a start.\" Adding, \"Now the real work begins.\"",
            Expect {
                quote: "real work",
                kind: Kind::Direct,
                rule: Rule::SameParagraph,
                mention: Some("Ruiz"),
                name: None,
                cue: Some("Adding"),
            },
        );
    }

    #[test]
    fn second_quote_of_a_paragraph_continues_the_first() {
        check(
            "\"We lost,\" Smith said. \"We will be back.\"",
            Expect {
                quote: "be back",
                kind: Kind::Direct,
                rule: Rule::SameParagraph,
                mention: Some("Smith"),
                name: None,
                cue: Some("said"),
            },
        );
    }

    #[test]
    fn a_quote_ending_in_a_nested_quote_is_direct() {
        check(
            "\"We waited all night,\" Ana Ruiz said. \"Then the guard told us, 'Go home.'\"",
            Expect {
                quote: "Then the guard",
                kind: Kind::Direct,
                rule: Rule::SameParagraph,
                mention: Some("Ana Ruiz"),
                name: None,
                cue: Some("said"),
            },
        );
    }

    #[test]
    fn the_quote_s_own_lead_in_verb_is_its_cue() {
        check(
            "Smith called the plan \"a costly failure,\" adding, \"We will try again next year.\"",
            Expect {
                quote: "try again",
                kind: Kind::Direct,
                rule: Rule::SameParagraph,
                mention: Some("Smith"),
                name: None,
                cue: Some("adding"),
            },
        );
    }
}
