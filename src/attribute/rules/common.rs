//! What several rules share: the start of the words after a quote, and a name with a colon.

use super::{Ctx, Hit};
use crate::attribute::{CueRef, Np, Range, cue_at, cue_lemma, phrase};
use crate::lexicon::Lexicon;
use crate::text::{self, Lower, Tok};

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
/// After a dash, the name may close a longer line (`POLLS SHIFT - Ann Lee: "…"`, a
/// digest's byline).
pub(super) fn colon_speaker(text: &str, lexicon: &Lexicon, before: &[Tok]) -> Option<Hit> {
    let colon = before.len().checked_sub(1)?;
    if colon == 0 || !before[colon].is_punct(':') {
        return None;
    }
    let from = before[..colon]
        .iter()
        .rposition(|t| {
            t.punct()
                .is_some_and(|c| matches!(c, '-' | '\u{2013}' | '\u{2014}' | '\u{2015}'))
        })
        .map_or(0, |d| d + 1);
    // `Jane Doe, The Daily Ledger:`, `Jane Doe, a farmer:`: a person's name, a comma and
    // an outlet or an appositive. The person speaks; the mention holds both.
    let comma = (from..colon).find(|&k| before[k].is_punct(','));
    if let Some(c) = comma {
        return named_with_appositive(text, lexicon, before, from, c, colon);
    }
    if colon <= from || colon - from > 6 {
        return None;
    }
    if !before[from..colon]
        .iter()
        .all(|t| t.is_word() || t.is_punct('.'))
    {
        return None;
    }
    let np = phrase::before_verb(text, lexicon, before, from, colon)?;
    // `She then addressed the supporters again:`: a phrase after a verb is its object; the
    // clause's subject spoke. (A headline's `A lesson from Loretta Lynch:` has no clause.)
    let np = if phrase::is_object(text, lexicon, before, np.range.start, false) {
        // (Within the line after a dash: `… all along -More from Ruiz and Cole:` has no
        // clause either.)
        phrase::sentence_subject(text, lexicon, &before[from..], colon - from)
            .filter(|s| s.range.start < np.range.start)
            .unwrap_or(np)
    } else {
        np
    };
    Some(Hit {
        speaker: np,
        cue: Some(punct_cue(&before[colon])),
    })
}

/// The speaker of a colon lead-in `Name, appositive:` (`toks[from..colon]`, its one comma at
/// `c`): a person's name of its own before the comma, and after it a capitalised outlet or a
/// determiner's phrase, ten words at most, with no other punctuation but periods.
fn named_with_appositive(
    text: &str,
    lexicon: &Lexicon,
    toks: &[Tok],
    from: usize,
    c: usize,
    colon: usize,
) -> Option<Hit> {
    if c <= from || c + 1 >= colon || colon - from > 12 {
        return None;
    }
    let plain = |t: &Tok| t.is_word() || t.is_punct('.');
    if !(toks[from..c].iter().all(plain) && toks[c + 1..colon].iter().all(plain)) {
        return None;
    }
    let np = phrase::before_verb(text, lexicon, toks, from, c)?;
    let first = &toks[c + 1];
    let opens_appositive = text::is_capitalised(&text[first.start..first.end])
        || lexicon.is_determiner(&Lower::new(&text[first.start..first.end]));
    if np.speaker_type != crate::model::SpeakerType::Person
        || np.range.start != toks[from].start
        || !opens_appositive
    {
        return None;
    }
    Some(Hit {
        speaker: Np {
            range: Range {
                start: np.range.start,
                end: toks[colon - 1].end,
            },
            ..np
        },
        cue: Some(punct_cue(&toks[colon])),
    })
}

/// A word that can be the finite verb of an attribution clause the lexicon does not list
/// (`Hannity started`, `he surmised`, `reacted Trump`): a lower-case word in `-ed`, or a
/// speech verb. With `present`, a verb in `-s` too (`reads one editorial`).
pub(super) fn slot_verb(text: &str, lexicon: &Lexicon, t: &Tok, present: bool) -> bool {
    if !t.is_word() || !text::is_lowercase_word(&text[t.start..t.end]) {
        return false;
    }
    let w = Lower::new(&text[t.start..t.end]);
    lexicon.speech_verb(&w).is_some()
        || (w.len() > 4 && w.ends_with("ed") && !lexicon.is_auxiliary(&w))
        || (present && w.len() > 3 && w.ends_with('s') && !w.ends_with("ss"))
}

/// The clause of a verb at `k` ends after it: the sentence ends, or a comma, a preposition,
/// an adverb or a participle follows (`he surmised.`, `Hannity started, adding`, `riffed on
/// the answer`), not an object (`the Senate passed the bill`).
pub(super) fn closes_clause(text: &str, lexicon: &Lexicon, toks: &[Tok], k: usize) -> bool {
    match toks.get(k + 1) {
        None => true,
        Some(t) if !t.is_word() => !t.punct().is_some_and(crate::attribute::is_quote_char),
        Some(t) => {
            phrase::is_preposition(text, t)
                || crate::attribute::is_adverb(text, lexicon, t)
                || Lower::new(&text[t.start..t.end]).ends_with("ing")
        }
    }
}

/// A cue made of the one verb at `k`, for a verb the lexicon does not list.
/// A cue that is a punctuation mark: the colon of `Name: "…"`, the dash of a byline; its
/// lemma is the mark (`:`, and `-` for every dash).
pub(super) fn punct_cue(t: &Tok) -> CueRef {
    CueRef {
        range: Range {
            start: t.start,
            end: t.end,
        },
        lemma: if t.is_punct(':') { ":" } else { "-" }.into(),
    }
}

pub(super) fn verb_cue(text: &str, lexicon: &Lexicon, toks: &[Tok], k: usize) -> CueRef {
    cue_at(text, lexicon, toks, k).unwrap_or_else(|| CueRef {
        range: Range {
            start: toks[k].start,
            end: toks[k].end,
        },
        lemma: Lower::new(&text[toks[k].start..toks[k].end]).into_owned(),
    })
}

/// The last speech verb of the sentence `sent` that has a speaker, and that speaker: the
/// subject before the verb, or the phrase after it when the verb opens the sentence or
/// follows a comma (`…, said professor Paul Beck.`).
pub(super) fn speech_subject(text: &str, lexicon: &Lexicon, sent: &[Tok]) -> Option<Hit> {
    (0..sent.len()).rev().find_map(|v| {
        let cue = cue_at(text, lexicon, sent, v)?;
        // A participle after a comma (`…, citing participants`) has its subject before it.
        let participle = Lower::new(&text[sent[v].start..sent[v].end]).ends_with("ing");
        let inverted = !participle && (v == 0 || sent[v - 1].is_punct(','));
        let np = inverted
            .then(|| phrase::after_verb(text, lexicon, sent, v + 1, sent.len()))
            .flatten()
            .or_else(|| phrase::before_verb(text, lexicon, sent, 0, v))
            .or_else(|| phrase::sentence_subject(text, lexicon, sent, v))?;
        Some(Hit {
            speaker: np,
            cue: Some(cue),
        })
    })
}

/// The lead-in is a speech verb's participle alone (`Adding, "…"`), which continues the
/// speaker of the sentence before: the participle is the cue.
pub(super) fn bare_participle(text: &str, lexicon: &Lexicon, lead: &[Tok]) -> Option<CueRef> {
    let words: Vec<&Tok> = lead.iter().filter(|t| t.is_word()).collect();
    let [t] = words[..] else {
        return None;
    };
    if !lead
        .iter()
        .all(|x| x.is_word() || x.is_punct(',') || x.is_punct(':'))
    {
        return None;
    }
    let w = Lower::new(&text[t.start..t.end]);
    let lemma = lexicon.speech_verb(&w).filter(|_| w.ends_with("ing"))?;
    Some(CueRef {
        range: Range {
            start: t.start,
            end: t.end,
        },
        lemma: lemma.to_string(),
    })
}

/// The speaker after an inverted cue at `v` when the noun phrase grammar reads none: the
/// words up to the comma or the sentence's end, when they end in a name (`said retired
/// neurosurgeon Ana Ruiz, asked about…`, `said master of ceremonies Ana Ruiz`). Right after
/// the cue nothing else can stand there; the name is the core.
pub(super) fn name_to_comma(text: &str, lexicon: &Lexicon, toks: &[Tok], v: usize) -> Option<Np> {
    let start = v + 1;
    let mut end = start;
    while end < toks.len()
        && end < start + 8
        && toks[end].is_word()
        && (end == start
            || !phrase::ends_mention(text, &toks[end])
            || Lower::new(&text[toks[end].start..toks[end].end]) == "of")
    {
        end += 1;
    }
    let closed = toks.get(end).is_none_or(|t| {
        t.punct()
            .is_some_and(|c| matches!(c, ',' | '.' | ';' | '!' | '?'))
    });
    if end == start || !closed || !phrase::is_name_word(text, lexicon, &toks[end - 1]) {
        return None;
    }
    let name_end = end;
    // `voter Ana Ruiz of Derry, N.H.`
    if end >= start + 2 && Lower::new(&text[toks[end - 2].start..toks[end - 2].end]) == "of" {
        end = phrase::with_state(text, lexicon, toks, end, toks.len());
    }
    // The person, not the place after `of` (`Ana Ruiz of Derry`), is the core.
    let core_end = (start + 1..name_end)
        .find(|&k| {
            Lower::new(&text[toks[k].start..toks[k].end]) == "of"
                && phrase::is_name_word(text, lexicon, &toks[k - 1])
        })
        .unwrap_or(name_end);
    let mut core = core_end - 1;
    while core > start && phrase::is_name_word(text, lexicon, &toks[core - 1]) {
        core -= 1;
    }
    let span = |a: usize, b: usize| Range {
        start: toks[a].start,
        end: toks[b - 1].end,
    };
    Some(Np {
        range: span(start, end),
        core: span(core, core_end),
        speaker_type: phrase::name_type(text, lexicon, &toks[core..core_end]),
    })
}

/// The quote reads as a title or scare quote when judged without a cue (`"Fox and
/// Friends," Trump pointed out`): the weaker attributions leave it alone, so that a speaker
/// they find never turns a term into speech.
pub(super) fn looks_like_term(ctx: &Ctx<'_>) -> bool {
    super::term::is_term(ctx.q, ctx.win, false)
}
