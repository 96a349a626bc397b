//! What several rules share: the start of the words after a quote, and a name with a colon.

use super::{Ctx, Hit};
use crate::attribute::{CueRef, Range, cue_at, cue_lemma, phrase};
use crate::lexicon::Lexicon;
use crate::text::{self, Tok};

/// The first token after the quote past `,` and `)` (`," said`, `)" he wrote`), and past
/// quote marks left unpaired between this quote and the next (the NYT's `,'' ' said`, a
/// nested closing mark typed apart): the window after a quote ends at the next quote, so a
/// mark in it opens nothing.
pub(super) fn after_start(after: &[Tok]) -> usize {
    let mut i = 0;
    while i < after.len()
        && after[i]
            .punct()
            .is_some_and(|c| matches!(c, ',' | ')') || crate::attribute::is_quote_char(c))
    {
        i += 1;
    }
    i
}

/// Where the words after the quote start, when they can attribute it: a word comes first
/// (a dash is the byline's, `speaker-cue-after`), and after a full stop inside the quote
/// only a short `Smith said.` still belongs to it.
pub(super) fn words_after(ctx: &Ctx<'_>) -> Option<usize> {
    let q = ctx.q;
    let (text, lexicon) = (q.text, q.lexicon);
    let after = ctx.win.after();
    let i = after_start(after);
    let first = after.get(i)?;
    if first.punct().is_some() {
        return None;
    }
    // After a full stop, only a bare `Smith said.` still belongs to the quote. (`?` and `!`
    // are followed by a capitalised attribution too often to end the sentence:
    // `"Why?" Smith asked.`)
    if q.own_end().ends_with('.') {
        let words = after.iter().filter(|t| t.is_word()).count();
        let starts_lower = text::is_lowercase_word(&text[first.start..first.end]);
        // `"…." Trump said.`: a capitalised name, a cue, and the sentence ends.
        let bare = words <= 3
            && after.last().is_some_and(|t| t.is_punct('.'))
            && after.len() >= 2
            && cue_at(text, lexicon, after, after.len() - 2).is_some();
        if words > 5 || !(starts_lower || cue_lemma(text, lexicon, first).is_some() || bare) {
            return None;
        }
    }
    Some(i)
}

/// `Pew Research: "…"`: a short name and a colon, the colon being the cue.
pub(super) fn colon_speaker(text: &str, lexicon: &Lexicon, before: &[Tok]) -> Option<Hit> {
    let colon = before.len().checked_sub(1)?;
    if !before[colon].is_punct(':') || colon == 0 || colon > 6 {
        return None;
    }
    if !before[..colon]
        .iter()
        .all(|t| t.is_word() || t.is_punct('.'))
    {
        return None;
    }
    let np = phrase::before_verb(text, lexicon, before, 0, colon)?;
    Some(Hit {
        speaker: np,
        cue: Some(CueRef {
            range: Range {
                start: before[colon].start,
                end: before[colon].end,
            },
            lemma: ":".into(),
        }),
    })
}
