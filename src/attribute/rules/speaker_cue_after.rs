//! `speaker-cue-after`: `"…," Cotton wrote.`, `"…," White House press secretary Josh
//! Earnest said`, and the dash byline `"…" ― Carla Sanchez`, on the quote's line or the
//! next.

use super::{Ctx, Hit, RuleDoc, common};
use crate::attribute::{Np, cue_at, is_adverb, lower, phrase};
use crate::lexicon::Lexicon;
use crate::model::SpeakerType;
use crate::text::Tok;

pub(super) const DOC: RuleDoc = RuleDoc {
    what: "The speaker and the speech verb follow the quote in the same sentence; a verb the lexicon does not list counts when it fills that slot and closes its clause (\"…,\" he surmised.).",
    why: "The most common and most certain form of attribution in news copy.",
    example: "\"The US government recognizes the threat,\" Cotton wrote.",
};

/// `"…" ― Pamela Padilla`, `"…" - Bernie Sanders.`: a dash, then a person's name.
pub(super) fn dash_byline(ctx: &Ctx<'_>) -> Option<Hit> {
    let after = ctx.win.after();
    byline(
        ctx.q.text,
        ctx.q.lexicon,
        after,
        common::after_start(after),
        12,
    )
}

/// `"…"` ⏎ `- Bernie Sanders.`: a paragraph that holds only the quote, and a next paragraph
/// that holds only a dash and a person's name (a fact-check's way of quoting), at most a
/// few words and 160 bytes.
pub(super) fn dash_byline_below(ctx: &Ctx<'_>) -> Option<Hit> {
    let q = ctx.q;
    let (text, lexicon) = (q.text, q.lexicon);
    if !(q.opens_paragraph() && q.ends_paragraph(ctx.win)) {
        return None;
    }
    let rest = &text[q.span.end..];
    let gap = rest.len() - rest.trim_start().len();
    if !rest[..gap].contains(['\n', '\r']) {
        return None;
    }
    let start = q.span.end + gap;
    let line = &text[start..];
    let end = start + line.find(['\n', '\r']).unwrap_or(line.len());
    if end - start > 160 {
        return None;
    }
    let mut toks = Vec::new();
    crate::text::tokenize_into(text, start, end, lexicon, &mut toks);
    byline(text, lexicon, &toks, 0, 6)
}

/// A dash at `toks[i]`, then a person's name of at most `max_words` words to the end of
/// `toks`.
fn byline(
    text: &str,
    lexicon: &crate::lexicon::Lexicon,
    toks: &[crate::text::Tok],
    i: usize,
    max_words: usize,
) -> Option<Hit> {
    let dash = toks.get(i)?;
    if !dash
        .punct()
        .is_some_and(|c| matches!(c, '\u{2015}' | '\u{2014}' | '\u{2013}' | '-'))
    {
        return None;
    }
    let rest = &toks[i + 1..];
    let words = rest.iter().filter(|t| t.is_word()).count();
    if !(1..=max_words).contains(&words)
        || !rest
            .first()
            .is_some_and(|t| phrase::is_name_word(text, lexicon, t))
    {
        return None;
    }
    // A person only: `- Reuters` at the end of a story is the wire's credit.
    let np = phrase::after_verb(text, lexicon, toks, i + 1, toks.len())
        .filter(|np| np.speaker_type == SpeakerType::Person)?;
    Some(Hit {
        speaker: np,
        cue: Some(common::punct_cue(dash)),
    })
}

/// Speaker then cue: `Cotton wrote`, `White House press secretary Josh Earnest said`; after
/// a fragment, the subject just before the verb (`'' of the plans, Mr. Smith said`).
pub(super) fn matches(ctx: &Ctx<'_>) -> Option<Hit> {
    let (text, lexicon) = (ctx.q.text, ctx.q.lexicon);
    let after = ctx.win.after();
    let i = ctx.words_after()?;
    let v = (i..after.len().min(i + 41)).find(|&k| cue_at(text, lexicon, after, k).is_some())?;
    let np = phrase::up_to_verb(text, lexicon, after, i, v).or_else(|| {
        phrase::before_verb(text, lexicon, after, i, v)
            .filter(|np| !subordinate_subject(text, lexicon, &after[i..], np))
    })?;
    // (Only in the slot right after the quote: `In his book, "Title," and in an interview,
    // Mr. Ross said Mr. Obama had told …` reports no words of the title.)
    if np.range.start == after[i].start
        && cue_at(text, lexicon, after, v).is_some_and(|c| c.lemma == "say")
    {
        if let Some(hit) = reported_speaker(ctx, v) {
            return Some(hit);
        }
    }
    Some(Hit {
        speaker: np,
        cue: cue_at(text, lexicon, after, v),
    })
}

/// `"…," aides said Mr. Ryan told his colleagues.`: `said` reports what another speaker
/// said; the words are that speaker's, whose name and verb follow it (`that` between
/// them allowed), within a few words. A name, not a pronoun: `Trump said he responded`
/// is more often the reporter's paraphrase around a quoted word.
fn reported_speaker(ctx: &Ctx<'_>, v: usize) -> Option<Hit> {
    let (text, lexicon) = (ctx.q.text, ctx.q.lexicon);
    let after = ctx.win.after();
    let mut a = v + 1;
    if after
        .get(a)
        .is_some_and(|t| t.is_word() && lower(text, t) == "that")
    {
        a += 1;
    }
    let first = after.get(a)?;
    if !phrase::is_name_word(text, lexicon, first) {
        return None;
    }
    let w = (a + 1..after.len().min(a + 8))
        .take_while(|&k| after[k].is_word())
        .find(|&k| cue_at(text, lexicon, after, k).is_some())?;
    if lower(text, &after[w]).ends_with("ing") {
        return None;
    }
    let np = phrase::up_to_verb(text, lexicon, after, a, w)
        .filter(|np| np.range.start == first.start)?;
    Some(Hit {
        speaker: np,
        cue: cue_at(text, lexicon, after, w),
    })
}

/// The words after the quote open a clause of their own with a conjunction, and the subject
/// found is that clause's (`"…," when Cole blasted her`, `"…," but she denied that …`):
/// it reports something else, not the quote. A comma after the conjunction closes a clause
/// that leads to the attribution instead (`"…," when asked, Cole said`); `as` opens one of
/// its own (`as Cole put it`) and `then` is an adverb.
fn subordinate_subject(text: &str, lexicon: &Lexicon, words: &[Tok], np: &Np) -> bool {
    let Some(first) = words.first().filter(|t| t.is_word()) else {
        return false;
    };
    let w = lower(text, first);
    lexicon.is_clause_opener(&w)
        && !matches!(w.as_ref(), "as" | "then" | "that")
        && !words
            .iter()
            .take_while(|t| t.end <= np.range.start)
            .any(|t| t.is_punct(','))
}

/// `"…," Hannity started.`, `"…," an angry Hollande retaliated.`: the attribution slot
/// `"…," NP VERB` filled by a verb the lexicon does not list. The speaker starts right
/// after the quote, and the verb (in `-ed`) closes its clause: the sentence ends, or a
/// preposition, adverb or participle follows, never an object (`"…," the Senate passed the
/// bill`). Tried after every rule that has a listed speech verb, which rank first.
pub(super) fn slot(ctx: &Ctx<'_>) -> Option<Hit> {
    if common::looks_like_term(ctx) {
        return None;
    }
    let (text, lexicon) = (ctx.q.text, ctx.q.lexicon);
    if !ctx.q.ends_with_punct() {
        return None;
    }
    let after = ctx.win.after();
    let i = ctx.words_after()?;
    // After a pronoun, a verb in `-s` is a verb (`he promises`); after a noun it may be
    // the noun's plural.
    let pronoun = phrase::is_pronoun(text, lexicon, &after[i]);
    let v = (i + 1..after.len().min(i + 10))
        .take_while(|&k| {
            !after[k]
                .punct()
                .is_some_and(|c| matches!(c, '.' | '!' | '?' | ';'))
        })
        .find(|&k| common::slot_verb(text, lexicon, &after[k], pronoun))?;
    // A passive (`Her suggestions are redacted`) reports no one's words, and a verb after
    // `that` or `who` is a relative clause's (`"…," an HBO series that aired in 1990`).
    if !common::closes_clause(text, lexicon, after, v)
        || after[i..v].iter().any(|t| {
            t.is_word() && {
                let w = lower(text, t);
                lexicon.is_auxiliary(&w)
                    || lexicon.is_clause_opener(&w)
                    || (t.start > after[i].start && phrase::is_pronoun(text, lexicon, t))
            }
        })
    {
        return None;
    }
    let np = phrase::up_to_verb(text, lexicon, after, i, v)
        .or_else(|| phrase::after_verb(text, lexicon, after, i, v))
        .filter(|np| np.range.start == after[i].start)?;
    // Between the speaker and the verb only adverbs, or a phrase that a preposition opens
    // (`a staffer in the room wondered`).
    let np_end = (i..v)
        .find(|&k| after[k].start >= np.range.end)
        .unwrap_or(v);
    if np_end < v
        && !(after[np_end..v].iter().all(|t| is_adverb(text, lexicon, t))
            || phrase::is_preposition(text, &after[np_end]))
    {
        return None;
    }
    Some(Hit {
        speaker: np,
        cue: Some(common::verb_cue(text, lexicon, after, v)),
    })
}

#[cfg(test)]
pub(super) mod tests {
    use crate::attribute::tests::{Expect, check, process_text};
    use crate::model::{Kind, Rule};

    /// The quote of [`super::DOC`]'s example that this rule decides.
    pub(in crate::attribute) const EXAMPLE_QUOTE: &str =
        "\"The US government recognizes the threat,\"";

    #[test]
    fn said_that_reports_another_speakers_words_gives_them_to_that_speaker() {
        check(
            "\"We got wiped out in the Midwest,\" aides said Ms. Ortiz told her colleagues.",
            Expect {
                quote: "wiped out",
                kind: Kind::Direct,
                rule: Rule::SpeakerCueAfter,
                mention: Some("Ms. Ortiz"),
                name: None,
                cue: Some("told"),
            },
        );
    }

    #[test]
    fn a_clause_a_conjunction_opens_after_the_quote_is_not_its_attribution() {
        // The subject after `when` or `but` is that clause's; the lead-in's speaker spoke,
        // and the quote, closed by its own comma, is whole.
        for (text, cue) in [
            (
                "The ad ends with footage of Ruiz saying during the debate last week, \"That makes me smart,\" when Cole blasted her for not paying taxes.",
                "saying",
            ),
            (
                "Ruiz came close to an admission, saying, \"We never said there were no soldiers there,\" but she denied that they were on duty.",
                "saying",
            ),
        ] {
            check(
                text,
                Expect {
                    quote: "\"",
                    kind: Kind::Direct,
                    rule: Rule::CueBefore,
                    mention: Some("Ruiz"),
                    name: None,
                    cue: Some(cue),
                },
            );
        }
        // A quote that a cue's object names is no utterance of its own.
        let text = "The council passed a motion reaffirming the city motto, \"Onward Together,\" when it should be fixing roads.";
        assert_ne!(process_text(text).quotes[0].kind, Kind::Direct);
    }

    #[test]
    fn a_capitalised_modal_after_the_quote_is_a_name() {
        // The quote's sentence goes on after its comma: `Will` opens nothing, it names.
        check(
            "Ana Ruiz wrote a column. \"The war has changed everything for the party,\" Will wrote.",
            Expect {
                quote: "war has changed",
                kind: Kind::Direct,
                rule: Rule::SpeakerCueAfter,
                mention: Some("Will"),
                name: None,
                cue: Some("wrote"),
            },
        );
    }

    #[test]
    fn a_dash_and_a_name_below_a_quote_only_paragraph_name_its_speaker() {
        check(
            "We do not rate claims made in debates.\n\n\"Most new income goes to the top 1 \
             percent.\"\n\n- Ana Ruiz.\n\nThe senator is relying on an old statistic.",
            Expect {
                quote: "new income",
                kind: Kind::Direct,
                rule: Rule::SpeakerCueAfter,
                mention: Some("Ana Ruiz"),
                name: None,
                cue: Some("-"),
            },
        );
    }

    #[test]
    fn speaker_cue_after() {
        check(
            "On Friday, Senator Tom Cotton sent a letter.\n\"The US government recognizes the threat,\" Cotton wrote.",
            Expect {
                quote: "recognizes",
                kind: Kind::Direct,
                rule: Rule::SpeakerCueAfter,
                mention: Some("Cotton"),
                name: Some("Tom Cotton"),
                cue: Some("wrote"),
            },
        );
    }

    #[test]
    fn speaker_cue_after_keeps_premodifiers_and_parenthetical() {
        check(
            "“It’s a dog whistle,” Rep. Gwen Moore (D-Wis.) said Friday.",
            Expect {
                quote: "dog whistle",
                kind: Kind::Direct,
                rule: Rule::SpeakerCueAfter,
                mention: Some("Rep. Gwen Moore (D-Wis.)"),
                name: Some("Gwen Moore"),
                cue: Some("said Friday"),
            },
        );
    }

    #[test]
    fn an_age_a_state_and_a_relative_clause_go_on_with_the_appositive() {
        for (text, mention) in [
            (
                "\"We lost the harvest,\" Ana Ruiz, 67, a retired nurse in Allentown, Pa., said.",
                "Ana Ruiz, 67, a retired nurse in Allentown, Pa.",
            ),
            (
                "\"We lost the harvest,\" Ana Ruiz, 30, of Raleigh, N.C., who was among those polled, said.",
                "Ana Ruiz, 30, of Raleigh, N.C., who was among those polled",
            ),
            (
                "\"We lost the harvest,\" Ana Ruiz, 58, said.",
                "Ana Ruiz, 58",
            ),
            // A second appositive still stays outside the mention.
            (
                "\"We lost the harvest,\" Ana Ruiz, the mayor of Dayton, one of the towns suing, said.",
                "Ana Ruiz, the mayor of Dayton",
            ),
        ] {
            check(
                text,
                Expect {
                    quote: "harvest",
                    kind: Kind::Direct,
                    rule: Rule::SpeakerCueAfter,
                    mention: Some(mention),
                    name: Some("Ana Ruiz"),
                    cue: Some("said"),
                },
            );
        }
    }

    #[test]
    fn a_name_in_ly_is_not_an_adverb() {
        // `Kelly` is capitalised: a name, not an adverb between the quote and the verb.
        check(
            "\"Turnout matters,\" Kelly said.",
            Expect {
                quote: "Turnout",
                kind: Kind::Direct,
                rule: Rule::SpeakerCueAfter,
                mention: Some("Kelly"),
                name: None,
                cue: Some("said"),
            },
        );
    }

    #[test]
    fn a_participle_after_the_verb_leaves_it_the_cue() {
        check(
            "\"We are not there yet,\" Moreno said answering a question from the floor.",
            Expect {
                quote: "not there",
                kind: Kind::Direct,
                rule: Rule::SpeakerCueAfter,
                mention: Some("Moreno"),
                name: None,
                cue: Some("said"),
            },
        );
    }

    #[test]
    fn an_unlisted_verb_in_the_attribution_slot() {
        for (text, mention, cue) in [
            ("\"The river will rise,\" he surmised.", "he", "surmised"),
            ("\"The river will rise,\" she promises.", "she", "promises"),
            (
                "\"The river will rise,\" an angry Ortega retaliated.",
                "an angry Ortega",
                "retaliated",
            ),
            (
                "\"The river will rise,\" the mayor riffed on the forecast.",
                "the mayor",
                "riffed",
            ),
            (
                "\"Will the river rise?\" a farmer in the front row wondered.",
                "a farmer",
                "wondered",
            ),
        ] {
            check(
                text,
                Expect {
                    quote: "river",
                    kind: Kind::Direct,
                    rule: Rule::SpeakerCueAfter,
                    mention: Some(mention),
                    name: None,
                    cue: Some(cue),
                },
            );
        }
    }

    #[test]
    fn an_object_or_a_passive_leaves_the_slot_empty() {
        for text in [
            "\"The river will rise,\" the council approved the budget.",
            "\"Who will pay?\" Her questions are ignored.",
            "\"Night Shift,\" a series that aired in 1990, returns.",
        ] {
            // No speaker: unattributed, or a title (`term`) when it reads as one.
            let q = &process_text(text).quotes[0];
            assert!(q.speaker.is_none(), "{text}: {:?}", q.speaker);
            assert!(matches!(q.rule, Rule::Unattributed | Rule::Term), "{text}");
        }
    }

    #[test]
    fn a_title_in_the_slot_stays_a_term() {
        check(
            "She appeared on \"Late Night Shift,\" Ruiz gestured.",
            Expect {
                quote: "Late Night",
                kind: Kind::Term,
                rule: Rule::Term,
                mention: None,
                name: None,
                cue: None,
            },
        );
    }

    #[test]
    fn dash_byline() {
        check(
            "“Trump must stop portraying Latinos as gangsters.”― Carla Sanchez",
            Expect {
                quote: "gangsters",
                kind: Kind::Direct,
                rule: Rule::SpeakerCueAfter,
                mention: Some("Carla Sanchez"),
                name: None,
                cue: Some("―"),
            },
        );
    }

    #[test]
    fn noun_uses_of_speech_verbs_are_not_cues() {
        // `report` is a noun here and `press` modifies `secretary`.
        let text = "\"The impact remains unclear,\" the IMF report stated.";
        let q = &process_text(text).quotes[0];
        assert_eq!(q.cue.as_ref().unwrap().text, "stated");
        assert_eq!(q.speaker.as_ref().unwrap().mention, "the IMF report");
    }
}
