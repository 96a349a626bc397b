//! `cue-before`: `Hegseth said: "…"`, `Shaw wrote on X, "…"`, a participle (`telling
//! Reuters, "…"`), `Pew Research: "…"`, and a headline's `Trump: 'We Will Win'`.

use super::{Ctx, Hit, RuleDoc, common};
use crate::attribute::{CueRef, Range, cue_at, cue_here, is_adverb, lower, phrase};

pub(super) const DOC: RuleDoc = RuleDoc {
    what: "The speaker and the cue lead into the quote, closed by a colon or comma, or by a short phrase (\"wrote on X,\"). A colon with no speech verb before it introduces the words of the sentence's subject (\"Kasich resisted: ...\"), and a byline's `- Name:` those of the name.",
    why: "Statements, posts and speeches are usually introduced this way.",
    example: "Dana Whitfield, the town's librarian, wrote on her blog, \"The reading room stays open all summer.\"",
};

/// A headline's `Name: 'quote'` (`Pat Caddell: … ‘in Their Heads’`), the colon its cue.
pub(super) fn headline(ctx: &Ctx<'_>) -> Option<Hit> {
    if !(ctx.q.in_headline && ctx.q.prev_char() == Some(':')) {
        return None;
    }
    common::colon_speaker(ctx.q.text, ctx.q.lexicon, ctx.win.before())
}

/// `Hegseth said: "…"`, `Shaw wrote on X, "…"`, `Trump returned the compliment, telling
/// Reuters, "…"`: a cue of the lead-in and its subject. (The second part of a split quote
/// is `split-quote`'s.)
pub(super) fn matches(ctx: &Ctx<'_>) -> Option<Hit> {
    if ctx.q.continues_sentence(ctx.win) || ctx.according_to().is_some() {
        return None;
    }
    lead_in_cue(ctx)
}

/// `Pew Research: "…"` in the body: a short name and a colon, when no cue of the lead-in
/// found a speaker.
pub(super) fn name_and_colon(ctx: &Ctx<'_>) -> Option<Hit> {
    if ctx.according_to().is_some() {
        return None;
    }
    common::colon_speaker(ctx.q.text, ctx.q.lexicon, ctx.win.before())
}

/// `Said Comey, "…"`, `But, said Solovey, "…"`, `…, explained Rosenberg, "…"`: a speech
/// verb that opens the lead-in or follows a comma, then its speaker, close the lead-in. (A
/// capitalised verb counts here: it opens the sentence.)
pub(super) fn inverted(ctx: &Ctx<'_>) -> Option<Hit> {
    if common::looks_like_term(ctx) {
        return None;
    }
    let (text, lexicon) = (ctx.q.text, ctx.q.lexicon);
    if ctx.q.continues_sentence(ctx.win) || ctx.according_to().is_some() {
        return None;
    }
    let before = ctx.win.before();
    let last = before.len().checked_sub(1)?;
    if !(before[last].is_punct(',') || before[last].is_punct(':')) {
        return None;
    }
    (0..last).rev().take(12).find_map(|v| {
        let t = &before[v];
        let w = lower(text, t);
        if !t.is_word() || w.ends_with("ing") || !(v == 0 || before[v - 1].is_punct(',')) {
            return None;
        }
        let lemma = lexicon.speech_verb(&w)?;
        let np = phrase::after_verb(text, lexicon, before, v + 1, last)
            .filter(|np| np.range.end == before[last - 1].end)?;
        Some(Hit {
            speaker: np,
            cue: Some(CueRef {
                range: Range {
                    start: t.start,
                    end: t.end,
                },
                lemma: lemma.to_string(),
            }),
        })
    })
}

/// `Kasich resisted: "…"`, `A footnote in the report makes that clear: "…"`: a lead-in
/// closed by a colon, with no speech verb that found a speaker. The colon introduces the
/// words of the sentence's subject; the cue is the verb right before the colon, or else the
/// predicate up to it, or else the colon itself.
pub(super) fn colon_subject(ctx: &Ctx<'_>) -> Option<Hit> {
    if common::looks_like_term(ctx) {
        return None;
    }
    let (text, lexicon) = (ctx.q.text, ctx.q.lexicon);
    if ctx.q.prev_char() != Some(':')
        || ctx.according_to().is_some()
        || ctx.q.continues_sentence(ctx.win)
    {
        return None;
    }
    let before = ctx.win.before();
    let colon = before.len().checked_sub(1)?;
    if !before[colon].is_punct(':') {
        return None;
    }
    // `The problem is summed up by this finding:`: a passive lead-in's agent closes it, and
    // the colon gives the words to the agent.
    if let Some(np) = passive_agent(text, lexicon, before, colon) {
        return Some(Hit {
            speaker: np,
            cue: Some(common::punct_cue(&before[colon])),
        });
    }
    // Only the phrase that opens the sentence: a name nearer the colon is an object
    // (`delivered a message to Trump:`); after an opening the subject does not read as one,
    // the subject of the clause the colon closes (`Days later, a familiar voice celebrated
    // on Twitter:`).
    let np = phrase::opening_subject(text, lexicon, before, colon)
        .or_else(|| phrase::main_clause_subject(text, lexicon, before, colon))?;
    let mut k = colon;
    while k > 0 && is_adverb(text, lexicon, &before[k - 1]) {
        k -= 1;
    }
    // The predicate from its verb to the colon (`makes that clear:`, `was conclusive in its
    // findings:`).
    let predicate = before
        .iter()
        .position(|t| t.start >= np.range.end)
        // (`The campaign, in a Q&A, worded it carefully:`: past an adjunct between commas.)
        .map(|a| {
            if before[a].is_punct(',') {
                (a + 1..colon.min(a + 16))
                    .find(|&k| before[k].is_punct(','))
                    .map_or(a, |c| c + 1)
            } else {
                a
            }
        })
        .and_then(|a| (a..colon).find(|&j| !is_adverb(text, lexicon, &before[j])))
        .filter(|&a| {
            // A verb opens it, not a preposition that continues the subject (`The timing
            // of the surge`, `Here's Clinton in 1992:`).
            let t = &before[a];
            t.is_word()
                && crate::text::is_lowercase_word(&text[t.start..t.end])
                && !phrase::is_preposition(text, t)
                && !phrase::ends_mention(text, t)
        });
    let cue = match (k.checked_sub(1), predicate) {
        (Some(v), _)
            if before[v].start >= np.range.end
                && common::slot_verb(text, lexicon, &before[v], false) =>
        {
            common::verb_cue(text, lexicon, before, v)
        }
        (_, Some(a)) => CueRef {
            range: Range {
                start: before[a].start,
                end: before[colon - 1].end,
            },
            lemma: lower(text, &before[a]).into_owned(),
        },
        _ => common::punct_cue(&before[colon]),
    };
    Some(Hit {
        speaker: np,
        cue: Some(cue),
    })
}

/// The last speech verb of the lead-in whose subject stands next to it (`It said`), then
/// the last whose subject opens the sentence (`Trump returned the compliment, telling
/// Reuters, "…"`), so a cue-like adjective (`reported figures`) does not win.
pub(super) fn lead_in_cue(ctx: &Ctx<'_>) -> Option<Hit> {
    lead_in_cue_in(ctx, 2)
}

/// [`lead_in_cue`] with its first `passes` passes: 1 keeps only the cues whose subject
/// stands next to them, for a lead-in that starts mid-sentence (the second part of a split
/// quote), where the sentence's subject is not in the lead-in and the second pass would
/// take a noun of the clause for it (`"a dangerous thing" and then took a swipe at CNN and
/// MSNBC, saying that they are "fake"`: not MSNBC).
pub(super) fn lead_in_cue_in(ctx: &Ctx<'_>, passes: u8) -> Option<Hit> {
    let (text, lexicon) = (ctx.q.text, ctx.q.lexicon);
    let before = ctx.win.before();
    if before.is_empty() {
        return None;
    }
    // Words in `before[k..]`, for every `k`: a long lead-in must not be recounted for each
    // candidate cue.
    let mut words_from = vec![0u32; before.len() + 1];
    for k in (0..before.len()).rev() {
        words_from[k] = words_from[k + 1] + u32::from(before[k].is_word());
    }
    for pass in 0..passes.min(2) {
        for v in (0..before.len()).rev() {
            // `went on to say`: a verb phrase that ends here starts further back.
            let v = (1..=3)
                .filter_map(|k| v.checked_sub(k))
                .find(|&u| cue_here(text, lexicon, before, u).is_some_and(|(end, _)| end == v + 1))
                .unwrap_or(v);
            let Some(mut cue) = cue_at(text, lexicon, before, v) else {
                continue;
            };
            // `…, which The Washington Post first reported, telling the paper …`: a cue that
            // closes a relative clause set off by commas describes a noun of the main
            // clause; the quote is the main clause's.
            if pass == 0 && closes_relative_aside(text, lexicon, before, v) {
                continue;
            }
            // `released a statement saying`, `sent out an email to supporters stating`: the
            // act of issuing the document is the cue, up to its participle.
            if let Some(u) = document_act(text, lexicon, before, v)
                .or_else(|| governing_verb(text, lexicon, before, v))
            {
                cue.range.start = before[u].start;
            }
            let participle =
                lower(text, &before[v]).ends_with("ing") && v > 0 && before[v - 1].is_punct(',');
            // A cue right before the quote (`said, adding later, "…"`, `before asking her,
            // "…"`) introduces it: its subject wins over a nearer-looking one further back.
            let tail = &before[v + 1..];
            let after_aux = v > 0 && lexicon.is_auxiliary(&lower(text, &before[v - 1]));
            let introduces = words_from[v + 1] <= 4
                && tail
                    .last()
                    .is_none_or(|t| t.is_punct(',') || t.is_punct(':'));
            let adjacent = || {
                phrase::before_verb(text, lexicon, before, 0, v).or_else(|| {
                    // `Says Ellis: "…"`: inverted only when the cue opens the lead-in.
                    (v == 0)
                        .then(|| phrase::after_verb(text, lexicon, before, v + 1, before.len()))
                        .flatten()
                })
            };
            // `Sanders was asked by host Bill Maher, "…"`: a passive cue's agent spoke.
            if after_aux && pass == 0 {
                if let Some(np) = by_agent(text, lexicon, before, v + 1) {
                    return Some(Hit {
                        speaker: np,
                        cue: Some(cue),
                    });
                }
            }
            // `she released a statement saying`, `spoke to Fox News said`: the phrase next to
            // the cue is an object, after a verb or a preposition; the sentence's subject
            // spoke.
            let subject_first = |np: phrase::Np| {
                if phrase::is_object(
                    text,
                    lexicon,
                    before,
                    np.range.start,
                    lower(text, &before[v]).ends_with("ing"),
                ) {
                    phrase::sentence_subject(text, lexicon, before, v)
                        .filter(|s| s.range.start < np.range.start)
                        // (`Warren appeared with Dana Lee and endorsed Cole, saying`)
                        .or_else(|| {
                            phrase::clause_subject(text, lexicon, before, v)
                                .filter(|s| s.range.start < np.range.start)
                        })
                        .unwrap_or(np)
                } else {
                    np
                }
            };
            let adjacent = || adjacent().map(subject_first);
            // `he laughed and said`, `…, Park said, adding`: the cue continues a clause
            // whose subject stands before that clause's own verb.
            let coordinated = {
                let mut k = v;
                while k > 0 && is_adverb(text, lexicon, &before[k - 1]) {
                    k -= 1;
                }
                k > 0 && before[k - 1].is_word() && lower(text, &before[k - 1]) == "and"
            };
            let reporting = || {
                phrase::clause_subject_verb(text, lexicon, before, v, false)
                    .is_some_and(|(_, k)| k + 2 == v && cue_at(text, lexicon, before, k).is_some())
            };
            let np = match (pass, participle) {
                (0, _) if coordinated && !after_aux => {
                    phrase::clause_subject(text, lexicon, before, v).or_else(adjacent)
                }
                // `…, Nefzi said, adding, "…"`: a participle after a clause of speech goes on
                // with that clause's speaker.
                (0, true) if introduces && reporting() => {
                    phrase::clause_subject(text, lexicon, before, v)
                }
                // After an auxiliary (`it was continuing "to operate…"`) the verb is part of
                // the reported clause, not a cue of its own.
                (0, _) if introduces && after_aux => adjacent(),
                (0, _) if introduces => adjacent()
                    .or_else(|| phrase::sentence_subject(text, lexicon, before, v))
                    // (`Ana Ruiz’s chief aide rallied supporters, saying:`)
                    .or_else(|| phrase::clause_subject(text, lexicon, before, v))
                    .map(|np| through_report(text, lexicon, before, np, v)),
                (0, true) => None,
                (0, false) => adjacent(),
                _ => phrase::sentence_subject(text, lexicon, before, v)
                    .map(|np| through_report(text, lexicon, before, np, v)),
            };
            if let Some(np) = np {
                // `The Times reports Liz Cheney …, saying`: the participle later in the
                // lead-in is the reported person's cue (see `through_report`).
                if pass == 0
                    && cue.lemma == "report"
                    && (v + 1..before.len()).any(|k| {
                        lower(text, &before[k]).ends_with("ing")
                            && cue_at(text, lexicon, before, k).is_some()
                    })
                    && through_report(text, lexicon, before, np, before.len()).range != np.range
                {
                    continue;
                }
                return Some(Hit {
                    speaker: np,
                    cue: Some(cue),
                });
            }
        }
    }
    None
}

/// `The Times reports Liz Cheney first stated her position, saying …`: an outlet that
/// reports is the source of the report, not the speaker; the subject of the clause it
/// reports is (when that clause's subject, a name, follows `reports` before the cue at
/// `v`).
fn through_report(
    text: &str,
    lexicon: &crate::lexicon::Lexicon,
    before: &[crate::text::Tok],
    np: phrase::Np,
    v: usize,
) -> phrase::Np {
    if np.speaker_type != crate::model::SpeakerType::Organization {
        return np;
    }
    let Some(r) = (0..v).find(|&k| before[k].start >= np.range.end) else {
        return np;
    };
    let reports = cue_at(text, lexicon, before, r).is_some_and(|c| c.lemma == "report")
        && !lower(text, &before[r]).ends_with("ing");
    let mut a = r + 1;
    if before
        .get(a)
        .is_some_and(|t| t.is_word() && lower(text, t) == "that")
    {
        a += 1;
    }
    if !reports || a >= v || !phrase::is_name_word(text, lexicon, &before[a]) {
        return np;
    }
    phrase::after_verb(text, lexicon, before, a, v)
        .filter(|inner| inner.range.start == before[a].start)
        .unwrap_or(np)
}

/// The agent of a passive predicate that the colon at `colon` closes: an auxiliary, a verb
/// in `-ed` and `by NP` up to the colon (`is exemplified by this finding:`).
fn passive_agent(
    text: &str,
    lexicon: &crate::lexicon::Lexicon,
    before: &[crate::text::Tok],
    colon: usize,
) -> Option<phrase::Np> {
    let by = (colon.saturating_sub(10)..colon)
        .rev()
        .find(|&k| before[k].is_word() && lower(text, &before[k]) == "by")?;
    let verb = before.get(by.checked_sub(1)?)?;
    let w = lower(text, verb);
    if !(verb.is_word()
        && crate::text::is_lowercase_word(&text[verb.start..verb.end])
        && w.ends_with("ed"))
    {
        return None;
    }
    let mut a = by - 1;
    while a > 0
        && is_adverb(text, lexicon, &before[a - 1])
        && !lexicon.is_auxiliary(&lower(text, &before[a - 1]))
    {
        a -= 1;
    }
    let aux = before.get(a.checked_sub(1)?)?;
    if !(aux.is_word() && lexicon.is_auxiliary(&lower(text, aux))) {
        return None;
    }
    by_agent(text, lexicon, before, by)
}

/// Where the verb that issues a document starts, when the participle cue at `v` follows
/// the document with no comma: `released a statement saying`, `issued a statement Tuesday
/// saying`, `sent out a text message to supporters saying`. The document is a listed noun
/// (`grammar/source_nouns.txt`) after a determiner, within eight words of the cue.
fn document_act(
    text: &str,
    lexicon: &crate::lexicon::Lexicon,
    before: &[crate::text::Tok],
    v: usize,
) -> Option<usize> {
    if !lower(text, &before[v]).ends_with("ing") {
        return None;
    }
    let lo = v.saturating_sub(9);
    let d = (lo..v)
        .rev()
        .take_while(|&k| before[k].is_word())
        .find(|&k| lexicon.is_source_noun(&lower(text, &before[k])))?;
    let det = (d.saturating_sub(3).max(lo)..d)
        .rev()
        .take_while(|&k| before[k].is_word())
        .find(|&k| lexicon.is_determiner(&lower(text, &before[k])))?;
    let mut u = det.checked_sub(1)?;
    // A particle of the verb (`sent out`, `put out`).
    if u > 0 && matches!(lower(text, &before[u]).as_ref(), "out" | "up" | "off") {
        u -= 1;
    }
    let w = &before[u];
    let lw = lower(text, w);
    // The verb: a lower-case word that is no function word (`released`, `sent`, `put`).
    (w.is_word()
        && crate::text::is_lowercase_word(&text[w.start..w.end])
        && !(lexicon.is_auxiliary(&lw)
            || lexicon.is_preposition(&lw)
            || lexicon.is_determiner(&lw)
            || lexicon.is_relative(&lw)
            || lexicon.is_clause_opener(&lw)
            || lexicon.pronoun(&lw).is_some()
            || is_adverb(text, lexicon, w)))
    .then_some(u)
}

/// Words a relative clause set off by commas is looked back over for its relative word.
const RELATIVE_ASIDE_WORDS: usize = 12;

/// Whether the verb at `v` ends a relative clause set off by commas inside the lead-in:
/// `, which X reported, telling …` or `, who first told the story, then …` (a comma and a
/// word of the main clause right after it, and a relative word after a comma before it with
/// no comma between).
fn closes_relative_aside(
    text: &str,
    lexicon: &crate::lexicon::Lexicon,
    before: &[crate::text::Tok],
    v: usize,
) -> bool {
    // The main clause goes on after the comma (`, which notes, "…"` introduces the quote).
    if !before.get(v + 1).is_some_and(|t| t.is_punct(','))
        || !before.get(v + 2).is_some_and(|t| t.is_word())
    {
        return false;
    }
    for r in (1..v).rev().take(RELATIVE_ASIDE_WORDS) {
        let t = &before[r];
        if t.is_punct(',') || !t.is_word() {
            return false;
        }
        if lexicon.is_relative(&lower(text, t)) {
            return before[r - 1].is_punct(',');
        }
    }
    false
}

/// Where the verb that governs the cue at `v` starts, when the cue is its infinitive or
/// gerund or is coordinated with it: `began by saying`, `interjected to say`, `was quick to
/// add`, `laughed and said`. The annotators mark the
/// whole as the cue.
fn governing_verb(
    text: &str,
    lexicon: &crate::lexicon::Lexicon,
    before: &[crate::text::Tok],
    v: usize,
) -> Option<usize> {
    let link = before.get(v.checked_sub(1)?)?;
    if !link.is_word() {
        return None;
    }
    let function = |t: &crate::text::Tok| {
        let lw = lower(text, t);
        !t.is_word()
            || !crate::text::is_lowercase_word(&text[t.start..t.end])
            || lexicon.is_preposition(&lw)
            || lexicon.is_determiner(&lw)
            || lexicon.is_relative(&lw)
            || lexicon.is_clause_opener(&lw)
            || lexicon.pronoun(&lw).is_some()
    };
    let lw = lower(text, link);
    let verb = |t: &crate::text::Tok| !function(t) && lower(text, t).ends_with("ed");
    let u = match lw.as_ref() {
        // `began by saying`, `responded by saying`: the verb right before `by`.
        "by" if lower(text, &before[v]).ends_with("ing") => {
            let w = before.get(v.checked_sub(2)?)?;
            if function(w) || lexicon.is_auxiliary(&lower(text, w)) || is_adverb(text, lexicon, w) {
                return None;
            }
            v - 2
        }
        // `interjected to say`, `was prompted to say`, `was quick to add`.
        "to" => {
            let w = before.get(v.checked_sub(2)?)?;
            if function(w) || lexicon.is_auxiliary(&lower(text, w)) {
                return None;
            }
            let mut u = v - 2;
            if u > 0 && lexicon.is_auxiliary(&lower(text, &before[u - 1])) {
                u -= 1;
            }
            u
        }
        // `laughed and said`.
        "and" => {
            let w = before.get(v.checked_sub(2)?)?;
            if !verb(w) {
                return None;
            }
            v - 2
        }
        _ => return None,
    };
    Some(u)
}

/// The agent of a passive cue, `by NP` right after it and closing the lead-in with `,` or
/// `:`.
fn by_agent(
    text: &str,
    lexicon: &crate::lexicon::Lexicon,
    before: &[crate::text::Tok],
    k: usize,
) -> Option<phrase::Np> {
    let by = before.get(k)?;
    if !(by.is_word() && lower(text, by) == "by") {
        return None;
    }
    let last = before.len() - 1;
    if !(before[last].is_punct(',') || before[last].is_punct(':')) {
        return None;
    }
    let np = phrase::after_verb(text, lexicon, before, k + 1, last)?;
    // The agent runs up to the lead-in's end: `by the way` or `by phone` is not one.
    (np.range.end == before[last - 1].end).then_some(np)
}

#[cfg(test)]
pub(super) mod tests {
    use crate::attribute::tests::{Expect, check, process_text};
    use crate::model::{Kind, Rule};

    /// The quote of [`super::DOC`]'s example that this rule decides.
    pub(in crate::attribute) const EXAMPLE_QUOTE: &str =
        "\"The reading room stays open all summer.\"";

    /// News sets the day between a subject and its verb: the participle's subject is still
    /// the sentence's.
    #[test]
    fn a_day_between_subject_and_verb() {
        check(
            "Dana Whitfield on Tuesday assailed the board, calling her remarks about the plan \u{201c}highly inappropriate\u{201d} and more.",
            Expect {
                quote: "highly inappropriate",
                kind: Kind::Partial,
                rule: Rule::PartialInCuedSentence,
                mention: Some("Dana Whitfield"),
                name: None,
                cue: Some("calling"),
            },
        );
    }

    #[test]
    fn a_participle_after_a_title_in_the_sentence_is_the_cue() {
        // The title is words of the sentence: the lead-in reads across it to its subject.
        check(
            "\"Not yet,\" Ruiz said on \"Morning Edition,\" adding, \"The vote is next week.\"",
            Expect {
                quote: "vote is",
                kind: Kind::Direct,
                rule: Rule::CueBefore,
                mention: Some("Ruiz"),
                name: None,
                cue: Some("adding"),
            },
        );
    }

    #[test]
    fn a_participle_after_a_reporting_clause_is_its_subjects() {
        // `The panel` opens the sentence, but `adding` continues `Ortiz said`.
        check(
            "The panel did not pick a weapon, Ortiz said, adding, \"Anything from a sidearm \
             to a shotgun\" would work.",
            Expect {
                quote: "sidearm",
                kind: Kind::Partial,
                rule: Rule::PartialInCuedSentence,
                mention: Some("Ortiz"),
                name: None,
                cue: Some("adding"),
            },
        );
    }

    #[test]
    fn an_outlet_that_reports_a_persons_words_is_not_the_speaker() {
        check(
            "The Ledger reports Ana Ruiz on Friday first set out her position, saying it is \
             not a matter for \"judges\" to decide.",
            Expect {
                quote: "judges",
                kind: Kind::Partial,
                rule: Rule::PartialInCuedSentence,
                mention: Some("Ana Ruiz"),
                name: None,
                cue: Some("saying"),
            },
        );
    }

    #[test]
    fn two_people_named_together_speak_together() {
        for (text, mention) in [
            (
                "Frank Ruiz and Ana Cole wrote: \"The numbers are clear.\"",
                "Frank Ruiz and Ana Cole",
            ),
            // After a dash the line has no clause; the names after `from` gave the words.
            (
                "Turnout was there all along -More from Ruiz and Cole: \"The numbers are clear.\"",
                "Ruiz and Cole",
            ),
            // One spokesman, not two people (it was `Cole`), and one daughter.
            (
                "A spokesman for Ruiz and Cole wrote: \"The numbers are clear.\"",
                "A spokesman for Ruiz and Cole",
            ),
            (
                "\"The numbers are clear,\" the daughter of Mayor Tom Ruiz and Senator Ana Ruiz said.",
                "the daughter of Mayor Tom Ruiz and Senator Ana Ruiz",
            ),
        ] {
            let out = crate::attribute::tests::process_text(text);
            let q = out
                .quotes
                .iter()
                .find(|q| q.text.contains("numbers"))
                .unwrap();
            assert_eq!(
                q.speaker.as_ref().map(|s| s.mention.as_str()),
                Some(mention),
                "{text}"
            );
        }
    }

    #[test]
    fn a_colon_lead_ins_subject_keeps_an_adjunct_between_commas() {
        check(
            "The Ruiz campaign, in a note on the controversy, worded it even more carefully: \
             \"Her practice was to write to officials.\"",
            Expect {
                quote: "practice",
                kind: Kind::Direct,
                rule: Rule::CueBefore,
                mention: Some("The Ruiz campaign"),
                name: None,
                cue: Some("worded it even more carefully"),
            },
        );
    }

    #[test]
    fn issuing_a_document_is_the_cue_up_to_its_participle() {
        check(
            "The Ruiz campaign sent out a text message to supporters saying, \"We need you \
             now.\"",
            Expect {
                quote: "need you",
                kind: Kind::Direct,
                rule: Rule::CueBefore,
                mention: Some("The Ruiz campaign"),
                name: None,
                cue: Some("sent out a text message to supporters saying"),
            },
        );
    }

    #[test]
    fn a_governing_verb_belongs_to_the_cue() {
        for (text, cue) in [
            (
                "Ruiz was quick to add, \"We will win.\"",
                "was quick to add",
            ),
            (
                "Ruiz interjected to say, \"We will win.\"",
                "interjected to say",
            ),
            ("Ruiz began by saying, \"We will win.\"", "began by saying"),
        ] {
            check(
                text,
                Expect {
                    quote: "will win",
                    kind: Kind::Direct,
                    rule: Rule::CueBefore,
                    mention: Some("Ruiz"),
                    name: None,
                    cue: Some(cue),
                },
            );
        }
    }

    /// A speech verb that closes a relative clause set off by commas describes a noun of the
    /// main clause; the quote later in the sentence is the main clause's. A relative clause
    /// that ends the lead-in introduces the quote itself.
    #[test]
    fn a_cue_closing_a_relative_aside_is_not_the_quotes() {
        for (text, mention, cue) in [
            (
                "Moore's campaign denied the claims, which The Ledger first reported, telling the \
                 paper they are \"the very definition of fake news.\"",
                "Moore's campaign",
                "denied",
            ),
            (
                "Mayor Ana Ruiz, who spoke to reporters on Monday, said the plan is \"dead.\"",
                "Mayor Ana Ruiz, who spoke to reporters on Monday",
                "said",
            ),
        ] {
            let out = process_text(text);
            let q = &out.quotes[0];
            assert_eq!(
                q.speaker.as_ref().map(|s| s.mention.as_str()),
                Some(mention),
                "{text}"
            );
            assert_eq!(q.cue.as_ref().map(|c| c.text.as_str()), Some(cue), "{text}");
        }
        let text = "The city linked to the audit, which notes, \"Half the money is gone.\"";
        let q = &process_text(text).quotes[0];
        assert_eq!(q.cue.as_ref().map(|c| c.text.as_str()), Some("notes"));
    }

    #[test]
    fn cue_before_with_colon() {
        check(
            "Hegseth said: \"This is over.\"",
            Expect {
                quote: "over",
                kind: Kind::Direct,
                rule: Rule::CueBefore,
                mention: Some("Hegseth"),
                name: None,
                cue: Some("said"),
            },
        );
    }

    #[test]
    fn a_name_and_an_outlet_or_appositive_before_a_colon() {
        // `Jane Doe, The Daily Ledger:` — the person speaks, and the mention holds both, in
        // the same paragraph or the one before.
        for (text, mention, rule) in [
            (
                "Jane Doe, The Daily Ledger: \"The bridge is closed.\"",
                "Jane Doe, The Daily Ledger",
                Rule::CueBefore,
            ),
            (
                "Jane Doe, a farmer in Dayton: \"The bridge is closed.\"",
                "Jane Doe, a farmer in Dayton",
                Rule::CueBefore,
            ),
            (
                "Jane Doe, The Daily Ledger:\n\n\"The bridge is closed.\"",
                "Jane Doe, The Daily Ledger",
                Rule::ColonLeadIn,
            ),
        ] {
            check(
                text,
                Expect {
                    quote: "bridge",
                    kind: Kind::Direct,
                    rule,
                    mention: Some(mention),
                    name: Some("Jane Doe"),
                    cue: Some(":"),
                },
            );
        }
    }

    #[test]
    fn an_opening_subject_keeps_its_closed_appositive() {
        for (text, mention) in [
            (
                "Pell, one of the measure's chief sponsors, was blunt: \"It is deeply flawed.\"",
                "Pell, one of the measure's chief sponsors",
            ),
            (
                "Senator Omar Vance, D-Ore., delivered a blunt warning: \"We will not wait.\"",
                "Senator Omar Vance, D-Ore.",
            ),
        ] {
            let out = process_text(text);
            let q = &out.quotes[0];
            assert_eq!(q.rule, Rule::CueBefore, "{text}");
            assert_eq!(
                q.speaker.as_ref().map(|s| s.mention.as_str()),
                Some(mention)
            );
        }
    }

    #[test]
    fn a_long_relative_clause_closes_before_the_subjects_verb() {
        // The clause runs past the reach of a plain appositive; `who` is not the speaker.
        check(
            "Mr. Cole, who had said that a judge in a case involving his company was biased against him because of his heritage, issued a statement Tuesday saying, \"Heritage makes no one partial.\"",
            Expect {
                quote: "partial",
                kind: Kind::Direct,
                rule: Rule::CueBefore,
                mention: Some(
                    "Mr. Cole, who had said that a judge in a case involving his company was biased against him because of his heritage",
                ),
                name: Some("Cole"),
                cue: Some("issued a statement Tuesday saying"),
            },
        );
    }

    #[test]
    fn a_description_keeps_its_of_or_for_phrase_before_the_verb() {
        // The core stays the head's, not the name inside the phrase.
        for (text, mention, cue) in [
            (
                "A spokeswoman for the House Armed Services Committee said, \"We disagree.\"",
                "A spokeswoman for the House Armed Services Committee",
                "said",
            ),
            (
                "Later, the chief executive of the company wrote, \"We disagree.\"",
                "the chief executive of the company",
                "wrote",
            ),
            // An object of `of` that names no one.
            (
                "Asked why, the 34-year-old mother of three replied, \"We disagree.\"",
                "the 34-year-old mother of three",
                "replied",
            ),
        ] {
            check(
                text,
                Expect {
                    quote: "disagree",
                    kind: Kind::Direct,
                    rule: Rule::CueBefore,
                    mention: Some(mention),
                    name: None,
                    cue: Some(cue),
                },
            );
            let out = process_text(text);
            let speaker = out.quotes[0].speaker.as_ref().unwrap();
            assert_eq!(
                speaker.speaker_type,
                crate::model::SpeakerType::Descriptor,
                "{text}"
            );
        }
    }

    #[test]
    fn then_after_a_name_is_an_adverb_not_a_role() {
        check(
            "Ruiz then spoke at length, saying, \"We will carry this county.\"",
            Expect {
                quote: "carry this county",
                kind: Kind::Direct,
                rule: Rule::CueBefore,
                mention: Some("Ruiz"),
                name: None,
                cue: Some("saying"),
            },
        );
    }

    #[test]
    fn cue_before_with_appositive_and_prepositional_phrase() {
        check(
            "Frank Shaw, Microsoft's Chief Communications Officer, wrote on X, \"In response to concerns, we made changes.\"",
            Expect {
                quote: "In response",
                kind: Kind::Direct,
                rule: Rule::CueBefore,
                mention: Some("Frank Shaw, Microsoft's Chief Communications Officer"),
                name: Some("Frank Shaw"),
                cue: Some("wrote"),
            },
        );
    }

    #[test]
    fn participle_takes_the_sentence_subject() {
        check(
            "Trump returned the compliment, telling Reuters, \"He is an amazing man.\"",
            Expect {
                quote: "amazing",
                kind: Kind::Direct,
                rule: Rule::CueBefore,
                mention: Some("Trump"),
                name: None,
                cue: Some("telling"),
            },
        );
    }

    #[test]
    fn a_possessive_opening_the_sentence_starts_its_subject() {
        // `Her` is also an object pronoun; opening the sentence it is the subject's
        // determiner, and the participle's subject is the phrase it opens, not the object.
        check(
            "Her campaign quickly sent an email to supporters stating, \"The mayor joins a growing list.\"",
            Expect {
                quote: "growing list",
                kind: Kind::Direct,
                rule: Rule::CueBefore,
                mention: Some("Her campaign"),
                name: None,
                cue: Some("sent an email to supporters stating"),
            },
        );
    }

    #[test]
    fn a_coordinated_or_participle_cue_takes_its_clauses_subject() {
        for (text, mention, cue) in [
            // `and said` goes on from the nearest clause, not from an object before it or
            // the sentence's first phrase.
            (
                "Eight years ago, he backed Ana Ruiz over Cole and said, \"Cole never did a thing for us.\"",
                "he",
                "said",
            ),
            (
                "Asked at a lunch whether Ruiz would debate, he laughed and said, \"We will see.\"",
                "he",
                "laughed and said",
            ),
            // The subject of a reported clause (`said he welcomed`) is not the speaker's.
            (
                "Last year, Ruiz said he welcomed the transfer to the United States and added, \"I will plead guilty.\"",
                "Ruiz",
                "added",
            ),
            // A participle after a clause of speech goes on with its speaker.
            (
                "Cole did not stay but left as soon as the vote was over, Park said, adding, \"He was not happy.\"",
                "Park",
                "adding",
            ),
            // After an adverbial that is no subject, the clause before the object.
            (
                "On Thursday, after staying neutral all spring, Park appeared with Fox's Dan Cole and endorsed Ruiz, saying, \"She is the fighter we need.\"",
                "Park",
                "saying",
            ),
            (
                "In response to the vote, Ana Ruiz's right-hand woman rallied supporters, saying: \"We have to be ready.\"",
                "Ana Ruiz's right-hand woman",
                "saying",
            ),
        ] {
            check(
                text,
                Expect {
                    quote: "\"",
                    kind: Kind::Direct,
                    rule: Rule::CueBefore,
                    mention: Some(mention),
                    name: None,
                    cue: Some(cue),
                },
            );
        }
        // A participle after a verb of speech whose object clause has a subject of its own.
        check(
            "Ruiz told the panel that Cole was wrong, adding, \"He has the numbers backwards.\"",
            Expect {
                quote: "numbers",
                kind: Kind::Direct,
                rule: Rule::CueBefore,
                mention: Some("Ruiz"),
                name: None,
                cue: Some("adding"),
            },
        );
    }

    #[test]
    fn an_adjunct_or_predicate_between_commas_is_no_appositive() {
        for (text, mention, cue) in [
            // A participle's adjunct between the subject and its verb.
            (
                "But Sen. Ana Ruiz (D-Ohio), noting the size of the crowd, said, \"This is a movement.\"",
                "Sen. Ana Ruiz (D-Ohio)",
                "said",
            ),
            (
                "Others, reacting to the long delay, shouted, \"Open the doors!\"",
                "Others",
                "shouted",
            ),
            // Before a participle cue, the subject's own predicate.
            (
                "Ana Ruiz, vice chair of the county party, emailed supporters on Monday, telling them, \"I am proud of this town.\"",
                "Ana Ruiz, vice chair of the county party",
                "telling",
            ),
            // A clause with a subject of its own after an introductory phrase.
            (
                "Here in Dayton, Ruiz stepped up her attacks on the plan, saying, \"It will fail.\"",
                "Ruiz",
                "saying",
            ),
        ] {
            check(
                text,
                Expect {
                    quote: "\"",
                    kind: Kind::Direct,
                    rule: Rule::CueBefore,
                    mention: Some(mention),
                    name: None,
                    cue: Some(cue),
                },
            );
        }
    }

    #[test]
    fn subject_after_a_subordinate_clause() {
        check(
            "When he returned he began by saying, \"I don't think that it's necessary.\"",
            Expect {
                quote: "necessary",
                kind: Kind::Direct,
                rule: Rule::CueBefore,
                mention: Some("he"),
                name: None,
                cue: Some("began by saying"),
            },
        );
    }

    #[test]
    fn an_inverted_cue_closes_the_lead_in() {
        for (text, mention, cue) in [
            (
                "The shop reopened. Said Ana Ruiz, \"We never gave up.\"",
                "Ana Ruiz",
                "Said",
            ),
            ("But, said Ruiz, \"We never gave up.\"", "Ruiz", "said"),
            (
                "Because of the flood, explained Ruiz, \"we never gave up.\"",
                "Ruiz",
                "explained",
            ),
            (
                "Another neighbour wrote, \"We never gave up.\"",
                "Another neighbour",
                "wrote",
            ),
        ] {
            check(
                text,
                Expect {
                    quote: "gave up",
                    kind: Kind::Direct,
                    rule: Rule::CueBefore,
                    mention: Some(mention),
                    name: None,
                    cue: Some(cue),
                },
            );
        }
    }

    #[test]
    fn a_colon_gives_the_words_to_the_subject() {
        for (text, mention, cue) in [
            (
                "On Friday, Mayor Ortega resisted: \"The city cannot pay for this.\"",
                "Mayor Ortega",
                "resisted",
            ),
            (
                "The county auditor made that clear: \"These figures exclude the port.\"",
                "The county auditor",
                "made that clear",
            ),
            (
                "A footnote in the audit is blunt: \"These figures exclude the port.\"",
                "A footnote in the audit",
                "is blunt",
            ),
            (
                "HARBOUR VOTES SHIFT - Ana Ruiz: \"The port vote moved late.\"",
                "Ana Ruiz",
                ":",
            ),
        ] {
            check(
                text,
                Expect {
                    quote: "\"",
                    kind: Kind::Direct,
                    rule: Rule::CueBefore,
                    mention: Some(mention),
                    name: None,
                    cue: Some(cue),
                },
            );
        }
    }

    #[test]
    fn a_passive_lead_in_gives_the_words_to_its_agent() {
        check(
            "The problem of secrecy is exemplified by this finding: \"Twenty firms reported nothing at all.\"",
            Expect {
                quote: "Twenty firms",
                kind: Kind::Direct,
                rule: Rule::CueBefore,
                mention: Some("this finding"),
                name: None,
                cue: Some(":"),
            },
        );
    }

    #[test]
    fn a_colon_gives_the_words_to_its_main_clauses_subject() {
        // The opening phrase is no subject; the clause the colon closes has one, not the
        // subordinate clause before it.
        for text in [
            "But back on home soil, he returned to his familiar lines: \"We will win again.\"",
            "In the hours after four people were hurt in the square, he returned to his familiar lines: \"We will win again.\"",
        ] {
            check(
                text,
                Expect {
                    quote: "win again",
                    kind: Kind::Direct,
                    rule: Rule::CueBefore,
                    mention: Some("he"),
                    name: None,
                    cue: Some("returned to his familiar lines"),
                },
            );
        }
        // A subordinate clause's subject alone is not taken.
        let text =
            "This is a headline from the Post, which hits voters where they live: \"Crime is up.\"";
        let q = &process_text(text).quotes[0];
        assert_ne!(q.speaker.as_ref().map(|s| s.mention.as_str()), Some("they"));
    }

    #[test]
    fn a_name_next_to_the_colon_is_an_object() {
        // The subject is out of reach (its appositive); the object is not the speaker.
        let text = "Ana Ruiz, the mayor, sent a message to Dan Cole: \"The port stays open.\"";
        let q = &process_text(text).quotes[0];
        assert_ne!(
            q.speaker.as_ref().map(|s| s.mention.as_str()),
            Some("Dan Cole")
        );
    }

    #[test]
    fn headline_quotes() {
        // A headline is in title case: that alone does not make a quoted phrase a title.
        let text = "Pat Caddell: Democrat Voters Worried; It’s ‘in Their Heads’\n\nBody text.";
        assert_eq!(process_text(text).quotes[0].kind, Kind::Partial);
        // `Name: 'quote'` in a headline is the name's direct quote, the colon its cue.
        let text = "Trump: ‘We Will Win Florida’\n\nBody text.";
        let q = &process_text(text).quotes[0];
        assert_eq!(q.kind, Kind::Direct);
        assert_eq!(q.speaker.as_ref().unwrap().mention, "Trump");
        assert_eq!(q.cue.as_ref().unwrap().text, ":");
    }
}
