//! `cue-speaker-after`: `"…," said Ziad, a nurse.`, the inverted order of wire copy.

use super::{Ctx, Hit, RuleDoc, common};
use crate::attribute::{cue_at, is_adverb, lower, phrase};

pub(super) const DOC: RuleDoc = RuleDoc {
    what: "The speech verb, then the speaker, follow the quote (inverted order); an appositive after the name belongs to the mention. A verb the lexicon does not list counts in that slot (\"…,\" reacted Trump.), and so does `be` before a quantifier alone (\"…,\" was another.).",
    why: "Inversion is how wire copy introduces a new voice, often with a role.",
    example: "\"As a father, I wake up early to look for food,\" said Ziad, a nurse.",
};

/// Cue then speaker: `said Ziad`, `added the ministry`.
pub(super) fn matches(ctx: &Ctx<'_>) -> Option<Hit> {
    let (text, lexicon) = (ctx.q.text, ctx.q.lexicon);
    let after = ctx.win.after();
    let mut v = ctx.words_after()?;
    while v < after.len() && is_adverb(text, lexicon, &after[v]) {
        v += 1;
    }
    // A participle (`," adding that…`) continues the sentence before the quote; its subject
    // is not after it.
    if after
        .get(v)
        .is_some_and(|t| lower(text, t).ends_with("ing"))
    {
        return None;
    }
    let cue = cue_at(text, lexicon, after, v)?;
    // The speaker starts after the whole cue (`points out Professor Ana Ruiz`).
    let last = after.iter().rposition(|t| t.end <= cue.range.end)?;
    let np = phrase::after_verb(text, lexicon, after, last + 1, after.len())
        .or_else(|| {
            (!common::looks_like_term(ctx))
                .then(|| common::name_to_comma(text, lexicon, after, last))
                .flatten()
        })
        .filter(|np| !opens_clause(ctx, np))?;
    Some(Hit {
        speaker: np,
        cue: Some(cue),
    })
}

/// The phrase after the verb is the subject of a reported clause, not the speaker: a form
/// of `be` follows it (`said Trump's offer was a "bad deal"`).
fn opens_clause(ctx: &Ctx<'_>, np: &crate::attribute::Np) -> bool {
    let (text, lexicon) = (ctx.q.text, ctx.q.lexicon);
    ctx.win
        .after()
        .iter()
        .find(|t| t.start >= np.range.end)
        .is_some_and(|t| t.is_word() && lexicon.is_auxiliary(&lower(text, t)))
}

/// `"…," reacted Trump.`, `"…," read one.`, `"…," was another.`: the inverted slot
/// `"…," VERB NP` filled by a verb the lexicon does not list (in `-ed` or `-s`), or by a
/// form of `be` before a quantifier alone. Tried after every rule that has a listed speech
/// verb.
pub(super) fn slot(ctx: &Ctx<'_>) -> Option<Hit> {
    if common::looks_like_term(ctx) {
        return None;
    }
    let (text, lexicon) = (ctx.q.text, ctx.q.lexicon);
    if !ctx.q.ends_with_punct() {
        return None;
    }
    let after = ctx.win.after();
    let mut v = ctx.words_after()?;
    while v < after.len() && is_adverb(text, lexicon, &after[v]) {
        v += 1;
    }
    let t = after.get(v)?;
    let w = lower(text, t);
    if w.ends_with("ing") {
        return None;
    }
    let be = lexicon.is_auxiliary(&w);
    if !(be || common::slot_verb(text, lexicon, t, true)) {
        return None;
    }
    let np = phrase::after_verb(text, lexicon, after, v + 1, after.len())
        .filter(|np| !opens_clause(ctx, np))?;
    // `was another`: only a quantifier alone makes `be` an attribution (`"…," was the
    // answer` names no one).
    if be {
        let core = &text[np.range.start..np.range.end];
        if !lexicon.is_quantifier(&crate::text::Lower::new(core)) {
            return None;
        }
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
        "\"As a father, I wake up early to look for food,\"";

    #[test]
    fn a_stray_mark_after_the_quote_does_not_hide_the_cue() {
        // The NYT's typed-apart nested close: `,'' '` before the attribution.
        check(
            "The vote failed. ''I think that when you look at them, you see the problem,'' ' \
             said Senator John Marsh of Ohio.",
            Expect {
                quote: "you see the problem",
                kind: Kind::Direct,
                rule: Rule::CueSpeakerAfter,
                mention: Some("Senator John Marsh of Ohio"),
                name: Some("John Marsh"),
                cue: Some("said"),
            },
        );
    }

    #[test]
    fn capitalised_names_in_ly_are_names() {
        for (text, mention) in [
            ("\"The roof leaks,\" said Emily Stone.", "Emily Stone"),
            (
                "\"The roof leaks,\" said Donnelly, pointing at the ceiling.",
                "Donnelly",
            ),
        ] {
            check(
                text,
                Expect {
                    quote: "roof leaks",
                    kind: Kind::Direct,
                    rule: Rule::CueSpeakerAfter,
                    mention: Some(mention),
                    name: None,
                    cue: Some("said"),
                },
            );
        }
    }

    /// The speaker of `"It is a coin flip," said …`: its mention and name.
    fn check_coin_flip(text: &str, mention: &str, name: &str) {
        check(
            text,
            Expect {
                quote: "coin flip",
                kind: Kind::Direct,
                rule: Rule::CueSpeakerAfter,
                mention: Some(mention),
                name: Some(name),
                cue: Some("said"),
            },
        );
    }

    #[test]
    fn a_places_state_belongs_to_the_speaker_and_the_person_is_the_name() {
        // Every path of the noun phrase grammar: a name with a title, a descriptor's
        // post-modifier, a name run that only the comma closes.
        for (text, mention, name) in [
            (
                "\"It is a coin flip,\" said Representative Ana Ruiz of Derry, N.H., in a statement.",
                "Representative Ana Ruiz of Derry, N.H.",
                "Ana Ruiz",
            ),
            (
                "\"It is a coin flip,\" said a nurse from Sarasota, Florida.",
                "a nurse from Sarasota, Florida",
                "a nurse",
            ),
            (
                "\"It is a coin flip,\" said undecided voter Ana Ruiz of Derry, N.H.",
                "undecided voter Ana Ruiz of Derry, N.H.",
                "Ana Ruiz",
            ),
            // Not a state: the comma ends the mention.
            (
                "\"It is a coin flip,\" said undecided voter Ana Ruiz of Derry, Tom Cole said.",
                "undecided voter Ana Ruiz of Derry",
                "Ana Ruiz",
            ),
        ] {
            check_coin_flip(text, mention, name);
        }
    }

    #[test]
    fn a_second_name_joined_by_and_speaks_with_the_first() {
        for (text, mention, name) in [
            (
                "\"It is a coin flip,\" said pollsters Ana Ruiz and Lee Park of the Civic Institute.",
                "pollsters Ana Ruiz and Lee Park of the Civic Institute",
                "Lee Park",
            ),
            // Two titles of one person, joined by `and`.
            (
                "\"It is a coin flip,\" said former Ohio Gov. and Democratic Party Chairman Ed Vance.",
                "former Ohio Gov. and Democratic Party Chairman Ed Vance",
                "Ed Vance",
            ),
            // A verb after `and` is the reporter's clause.
            (
                "\"It is a coin flip,\" said Ana Ruiz and added nothing.",
                "Ana Ruiz",
                "Ana Ruiz",
            ),
        ] {
            check_coin_flip(text, mention, name);
        }
    }

    #[test]
    fn quantifiers_and_nouns_in_ing_head_the_speaker() {
        for (text, cue, mention) in [
            ("\"Bring water,\" said one.", "said", "one"),
            ("\"Bring water,\" wrote another.", "wrote", "another"),
            (
                "\"Bring water,\" said one of the organisers, who asked not to be named.",
                "said",
                "one of the organisers",
            ),
            ("\"Bring water,\" said the ruling.", "said", "the ruling"),
            (
                "\"Bring water,\" said the outgoing mayor.",
                "said",
                "the outgoing mayor",
            ),
            // The participle starts a post-modifier, which the mention keeps.
            (
                "\"Bring water,\" said one volunteer involved in the planning.",
                "said",
                "one volunteer involved in the planning",
            ),
        ] {
            check(
                text,
                Expect {
                    quote: "Bring water",
                    kind: Kind::Direct,
                    rule: Rule::CueSpeakerAfter,
                    mention: Some(mention),
                    name: None,
                    cue: Some(cue),
                },
            );
        }
    }

    #[test]
    fn a_phrasal_cue_then_the_speaker() {
        check(
            "\"The dam is old,\" points out engineer Ana Ruiz.",
            Expect {
                quote: "dam",
                kind: Kind::Direct,
                rule: Rule::CueSpeakerAfter,
                mention: Some("engineer Ana Ruiz"),
                name: None,
                cue: Some("points out"),
            },
        );
    }

    #[test]
    fn words_up_to_the_comma_that_end_in_a_name() {
        for (text, mention) in [
            (
                "\"We stay here,\" said retired welder Ana Ruiz, asked about the plant.",
                "retired welder Ana Ruiz",
            ),
            (
                "\"We stay here,\" said master of ceremonies Dan Cole.",
                "master of ceremonies Dan Cole",
            ),
        ] {
            check(
                text,
                Expect {
                    quote: "We stay",
                    kind: Kind::Direct,
                    rule: Rule::CueSpeakerAfter,
                    mention: Some(mention),
                    name: None,
                    cue: Some("said"),
                },
            );
        }
    }

    #[test]
    fn an_unlisted_verb_in_the_inverted_slot() {
        for (text, mention, cue) in [
            ("\"Is that fair?\" reacted Ortega.", "Ortega", "reacted"),
            ("\"Is that fair?\" read one.", "one", "read"),
            ("\"Not this time,\" was another.", "another", "was"),
            (
                "\"Please stay seated,\" begins a recorded message that opens every show.",
                "a recorded message that opens every show",
                "begins",
            ),
        ] {
            check(
                text,
                Expect {
                    quote: "",
                    kind: Kind::Direct,
                    rule: Rule::CueSpeakerAfter,
                    mention: Some(mention),
                    name: None,
                    cue: Some(cue),
                },
            );
        }
    }

    #[test]
    fn a_subject_of_the_reported_clause_is_not_the_speaker() {
        for text in [
            "\"Not again,\" was the answer.",
            "He spoke on \"Morning Edition,\" said the plan was \"a bad deal.\"",
        ] {
            let out = process_text(text);
            assert!(
                out.quotes.iter().all(|q| q.rule != Rule::CueSpeakerAfter),
                "{text}"
            );
        }
    }

    #[test]
    fn cue_speaker_after_with_appositive() {
        check(
            "\"As a father, I look for food,\" said Ziad, a nurse.",
            Expect {
                quote: "father",
                kind: Kind::Direct,
                rule: Rule::CueSpeakerAfter,
                mention: Some("Ziad, a nurse"),
                name: Some("Ziad"),
                cue: Some("said"),
            },
        );
    }

    /// `text`'s quote about the harvest is given to `mention` by `said` after it.
    fn said_by(text: &str, mention: &str) {
        check(
            text,
            Expect {
                quote: "harvest",
                kind: Kind::Direct,
                rule: Rule::CueSpeakerAfter,
                mention: Some(mention),
                name: None,
                cue: Some("said"),
            },
        );
    }

    #[test]
    fn a_descriptor_keeps_what_tells_which_person_it_is() {
        // A relative clause with no comma before it and a listed adjective or participle
        // with its object name the speaker; the name or head stays the core.
        for (text, mention, name) in [
            (
                "\"We lost the harvest,\" said a county official who was not authorized to speak.",
                "a county official who was not authorized to speak",
                None,
            ),
            (
                "\"We lost the harvest,\" said one farmer involved in the talks.",
                "one farmer involved in the talks",
                None,
            ),
            (
                "\"We lost the harvest,\" said one Democrat familiar with the talks.",
                "one Democrat familiar with the talks",
                None,
            ),
            (
                "\"We lost the harvest,\" said Sen. Ann Ruiz who represents the valley.",
                "Sen. Ann Ruiz who represents the valley",
                Some("Ann Ruiz"),
            ),
        ] {
            check(
                text,
                Expect {
                    quote: "harvest",
                    kind: Kind::Direct,
                    rule: Rule::CueSpeakerAfter,
                    mention: Some(mention),
                    name,
                    cue: Some("said"),
                },
            );
        }
        // Before the verb, the clause runs up to the verb and is no part of the subject.
        check(
            "A county official who asked not to be named said, \"We lost the harvest.\"",
            Expect {
                quote: "harvest",
                kind: Kind::Direct,
                rule: Rule::CueBefore,
                mention: Some("A county official"),
                name: None,
                cue: Some("said"),
            },
        );
    }

    #[test]
    fn a_title_in_the_speakers_phrase() {
        // The sentence goes on through a work's title: it is words of the appositive.
        for (text, mention) in [
            (
                "\"We lost the harvest,\" said Ann Ruiz, author of \"The Long Winter,\" a history of the valley.",
                "Ann Ruiz, author of \"The Long Winter,\" a history of the valley",
            ),
            (
                "\"We lost the harvest,\" said Ann Ruiz, an editor of ''Dry Years: A Chronicle.'' Others disagree.",
                "Ann Ruiz, an editor of ''Dry Years: A Chronicle.''",
            ),
            (
                "\"We lost the harvest,\" wrote the authors of the \"Growth and Water Project,\" adding that it rained.",
                "the authors of the \"Growth and Water Project,\"",
            ),
            // A lower-case fragment is someone's words, not a title: the relative clause it
            // breaks into is left out.
            (
                "\"We lost the harvest,\" said Ann Ruiz, who waited in a \"very long line\" for hours.",
                "Ann Ruiz",
            ),
        ] {
            check(
                text,
                Expect {
                    quote: "harvest",
                    kind: Kind::Direct,
                    rule: Rule::CueSpeakerAfter,
                    mention: Some(mention),
                    name: None,
                    cue: Some(if text.contains("wrote") {
                        "wrote"
                    } else {
                        "said"
                    }),
                },
            );
        }
    }

    #[test]
    fn a_note_on_why_the_source_is_unnamed_is_no_part_of_the_mention() {
        for (text, mention) in [
            (
                "\"We lost the harvest,\" said one aide, who spoke on the condition of anonymity.",
                "one aide",
            ),
            (
                "\"We lost the harvest,\" said a farmer who declined to be named.",
                "a farmer",
            ),
            (
                "\"We lost the harvest,\" said one owner of a shop that sells seed who asked not to be named.",
                "one owner of a shop that sells seed",
            ),
            // A clause that says who the speaker is stays.
            (
                "\"We lost the harvest,\" said Ann Ruiz, who farms the valley.",
                "Ann Ruiz, who farms the valley",
            ),
        ] {
            said_by(text, mention);
        }
    }

    #[test]
    fn words_that_look_like_ends_inside_a_speakers_phrase() {
        for (text, mention) in [
            // A word in `-ing` before a head noun is its adjective, not a participle.
            (
                "\"We lost the harvest,\" said Ann Ruiz, managing director of Tallyco.",
                "Ann Ruiz, managing director of Tallyco",
            ),
            // The apostrophe of a plural's possessive closes no quote.
            (
                "\"We lost the harvest,\" said Ann Ruiz, a spokeswoman for the growers' union.",
                "Ann Ruiz, a spokeswoman for the growers' union",
            ),
            // An organisation's name may end in a word that starts no name or is a verb's.
            (
                "\"We lost the harvest,\" said Ann Ruiz of Valley Rights Watch.",
                "Ann Ruiz of Valley Rights Watch",
            ),
            (
                "\"We lost the harvest,\" said Ann Ruiz of the Valley Farm Report.",
                "Ann Ruiz of the Valley Farm Report",
            ),
            // A capitalised modal before a name is the name's first word.
            (
                "\"We lost the harvest,\" said Will Okafor, a farmer.",
                "Will Okafor, a farmer",
            ),
        ] {
            said_by(text, mention);
        }
    }

    #[test]
    fn a_relative_clause_a_quote_breaks_into_is_no_part_of_the_mention() {
        said_by(
            "\"We lost the harvest,\" said Ann Ruiz, who said there were \"too many floods.\"",
            "Ann Ruiz",
        );
        said_by(
            "\"We lost the harvest,\" said Ann Ruiz, a farmer who noted that the price had \"cratered\" this year.",
            "Ann Ruiz, a farmer",
        );
        // A clause closed by a comma before the quote is whole, and stays.
        said_by(
            "\"We lost the harvest,\" said Ann Ruiz, an economist who heads the valley board, \"and the rain.\"",
            "Ann Ruiz, an economist who heads the valley board",
        );
    }
}
