//! `term`: scare quotes, titles, nicknames and section headings (`so-called "digital escorts"`),
//! which are not speech.

use super::RuleDoc;
use crate::attribute::{Found, Quote, Window, lower};
use crate::extract::MarkFamily;
use crate::lexicon::Introducer;
use crate::model::Rule;
use crate::text;

pub(super) const DOC: RuleDoc = RuleDoc {
    what: "A scare quote, title or nickname: short, introduced like a name (so-called, these, a proper adjective, a word for a work) or in title case; a short quote set before the noun it modifies (the \"pay as you go\" policy); the text of a chant; or a short heading in single marks alone on its line.",
    why: "Not speech: counting it as a quotation would invent a speaker.",
    example: "The town hired so-called \"street ambassadors\" last spring.",
};

/// Settled after the sieve for a quote whose kind is a term, whatever the sieve found: no
/// speaker, no cue.
pub(super) fn found() -> Found {
    Found {
        speaker: None,
        cue: None,
        rule: Rule::Term,
    }
}

/// Scare quotes, titles and nicknames: short, not closed by sentence punctuation, and
/// introduced like a name (`so-called "digital escorts"`, `these "digital escorts"`,
/// `US "digital escorts"`), or in title case (`titled 'Opportune China, Youth Talks'`).
/// `cued`: the sieve found a speaker for the quote.
pub(in crate::attribute) fn is_term(q: &Quote, win: &Window, cued: bool) -> bool {
    let text = q.text;
    let content = q.content().trim();
    if content.ends_with(['!', '?']) {
        return false;
    }
    let words: Vec<&str> = content.split_whitespace().collect();
    if words.is_empty() {
        return true;
    }
    let before = win.before();
    let prev_word = before.last().filter(|t| t.is_word());
    // A stop closes speech, not a name; but American style sets the sentence's own period
    // inside the marks, so a short quote ending in a period is still a title after a word
    // that names a work (`the ad titled "Strong."`), or in title case after a preposition or
    // a possessive (`he said on NBC's "Meet the Press."`). After `called` it is not: `what
    // he called "this American carnage."` quotes his words. (Most quotes end in a period
    // after no such word: they are decided here, before the title case is weighed.)
    let stop = content.ends_with('.');
    let prev = prev_word.map(|t| &text[t.start..t.end]);
    let owner_or_place = after_possessive(text, before)
        || prev.is_some_and(|w| {
            w.ends_with(['\'', '\u{2019}']) || q.lexicon.is_preposition(&w.to_lowercase())
        });
    // Words that introduce a name whatever the sentence says (`so-called`, `dubbed`,
    // `these`, a proper adjective: `US "digital escorts"`), and words that do so only when
    // nobody is quoted in the sentence (`the "barbarity of war"` after `called for` is the
    // Pope's phrase): `grammar/term_introducers.txt`.
    let introducer = prev_word.and_then(|t| q.lexicon.term_introducer(&lower(text, t)));
    let work = introducer == Some(Introducer::Title) && words.len() <= 4;
    // An event's or a work's name in title case, after a word of the reporter's that is no
    // verb of speech (`what became an unofficial "Harbor Cleanup Day."`): speech is not set
    // in title case, and a cue would have led into it.
    let named_event = words.len() >= 2
        && words.len() <= TITLE_WORDS
        && all_capitalised(&words)
        && prev_word.is_some_and(|t| crate::attribute::cue_lemma(text, q.lexicon, t).is_none());
    let name_despite_stop = work || named_event || (owner_or_place && words.len() <= TITLE_WORDS);
    if stop && !name_despite_stop {
        return false;
    }
    let significant: Vec<&&str> = words
        .iter()
        .filter(|w| w.chars().count() > 3 || w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    let capitalised = significant
        .iter()
        .filter(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
        })
        .count();
    // (Headlines are in title case throughout, so there it says nothing.)
    let title_case = !q.in_headline
        && words.len() >= 2
        && !significant.is_empty()
        && capitalised * 10 >= significant.len() * 8;
    if stop && !work && !title_case {
        return false;
    }
    // A capitalised word before the quote reads as a proper adjective (`US "digital
    // escorts"`), unless it ends a person's name: after a given name or a title it is a
    // surname, the subject or object of the sentence (`David Bowdich "overruled" the office`,
    // `called the case against Michael Flynn "very unfair"`), and the quote its words.
    let surname = |k: usize| {
        before[..k]
            .iter()
            .rev()
            .find(|t| !t.is_punct('.'))
            .is_some_and(|p| {
                p.is_word() && {
                    let w = lower(text, p);
                    q.lexicon.first_name(&w).is_some()
                        || q.lexicon.is_title(&w)
                        || q.lexicon.title_full(&w).is_some()
                }
            })
    };
    let strong = matches!(introducer, Some(Introducer::Strong | Introducer::Title))
        || prev_word.is_some_and(|t| {
            before.len() > 1
                && !q.in_headline
                && text::is_capitalised(&text[t.start..t.end])
                && !surname(before.len() - 1)
        });
    let weak = introducer == Some(Introducer::Weak);
    let named = strong || (weak && !cued);
    (words.len() <= 4 && named) || (title_case && !before.is_empty()) || (words.len() <= 2 && !cued)
}

/// A work's title or a slogan, whatever follows it: a short quote without its own final
/// punctuation right after a word that names a work (`the ad "Strong" ends with Perry
/// claiming`), a quote in title case right after a possessive (`On Fox News' "Hannity," she
/// called on…`), or a chant's or a sign's text (`chanting, "Hands off our harbor!"`). An
/// attribution after such a quote belongs to the reporter's sentence, not to the title.
pub(in crate::attribute) fn names_a_work(q: &Quote, win: &Window) -> bool {
    let text = q.text;
    let before = win.before();
    let Some(prev) = before.last() else {
        return false;
    };
    let content = q.content().trim();
    let words: Vec<&str> = content.split_whitespace().collect();
    if words.is_empty() || words.len() > TITLE_WORDS {
        return false;
    }
    let verb = if prev.is_punct(',') && before.len() > 1 {
        &before[before.len() - 2]
    } else {
        prev
    };
    if verb.is_word() && q.lexicon.term_introducer(&lower(text, verb)) == Some(Introducer::Slogan) {
        return true;
    }
    if prev.is_word()
        && q.lexicon.term_introducer(&lower(text, prev)) == Some(Introducer::Title)
        && words.len() <= 4
        && !content.ends_with([',', '.', '?', '!'])
    {
        return true;
    }
    after_possessive(text, before) && all_capitalised(&words) && !content.ends_with(['?', '!'])
}

/// Whether the lead-in `before` ends with a possessive: a word in `'s`, or a plural's
/// apostrophe, which is a token of its own (`Fox News' "Hannity"`).
fn after_possessive(text: &str, before: &[crate::text::Tok]) -> bool {
    let word = |t: &crate::text::Tok| &text[t.start..t.end];
    match before {
        [.., w, apostrophe]
            if apostrophe
                .punct()
                .is_some_and(|c| matches!(c, '\'' | '\u{2019}')) =>
        {
            w.is_word() && word(w).ends_with(['s', 'S'])
        }
        [.., w] => w.is_word() && (word(w).ends_with("'s") || word(w).ends_with("\u{2019}s")),
        [] => false,
    }
}

/// Every word capitalised but the short ones (`Meet the Press`), and one at least.
fn all_capitalised(words: &[&str]) -> bool {
    words.iter().all(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.chars().count() <= 3 || w.chars().next().is_some_and(|c| !c.is_lowercase())
    }) && words
        .iter()
        .any(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// The most words a section heading in quotation marks has.
const HEADING_WORDS: usize = 8;

/// `'A hard decision.'` alone on its line, in an article whose quotes before it use other
/// marks: a section heading set in single marks (a pull quote or a phrase from the section),
/// not a quote that continues the last speaker.
pub(in crate::attribute) fn is_heading(q: &Quote, win: &Window) -> bool {
    q.span.family == MarkFamily::Single
        && q.prev_family.is_some_and(|f| f != MarkFamily::Single)
        && q.opens_paragraph()
        && q.ends_paragraph(win)
        && q.n_words() <= HEADING_WORDS
}

/// The most words a title that opens a sentence has.
const TITLE_WORDS: usize = 6;

/// `''Billions,'' on cable, is a drama`: a short quote in title case that opens a sentence,
/// closed by a comma, and followed by the rest of the reporter's sentence in lower case, not
/// by an attribution. It names a work; it is the sentence's subject, not speech.
pub(in crate::attribute) fn is_subject_title(q: &Quote, win: &Window) -> bool {
    let text = q.text;
    if !q.own_end().ends_with(',') || q.n_words() > TITLE_WORDS {
        return false;
    }
    let continues_lower = win
        .all_after
        .iter()
        .find(|t| t.is_word())
        .is_some_and(|t| text::is_lowercase_word(&text[t.start..t.end]));
    continues_lower
        && q.own_end().split_whitespace().all(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.chars().count() <= 3 || w.chars().next().is_some_and(|c| !c.is_lowercase())
        })
}

#[cfg(test)]
pub(super) mod tests {
    use crate::attribute::tests::{Expect, check};
    use crate::model::{Kind, Rule};

    /// The quote of [`super::DOC`]'s example that this rule decides.
    pub(in crate::attribute) const EXAMPLE_QUOTE: &str = "\"street ambassadors\"";

    #[test]
    fn scare_quotes_are_terms() {
        for text in [
            "They are supervised through so-called \"digital escorts\" in the US.",
            "Cotton asked how these \"digital escorts\" are trained.",
            "They work under the supervision of US \"digital escorts\" hired by subcontractors.",
        ] {
            check(
                text,
                Expect {
                    quote: "digital escorts",
                    kind: Kind::Term,
                    rule: Rule::Term,
                    mention: None,
                    name: None,
                    cue: None,
                },
            );
        }
    }

    /// A capitalised word after a given name or a title ends a person's name: it is the
    /// sentence's subject or object, not a proper adjective, and the quote is speech.
    #[test]
    fn a_surname_before_a_quote_is_not_a_proper_adjective() {
        check(
            "Dana Whitfield called the case against her former aide Tom Reyes \u{201c}very unfair,\u{201d} claiming he lied.",
            Expect {
                quote: "very unfair",
                kind: Kind::Partial,
                rule: Rule::PartialInCuedSentence,
                mention: Some("Dana Whitfield"),
                name: None,
                cue: Some("called"),
            },
        );
        check(
            "Ana Ruiz said Deputy Director David Bowdich \u{201c}overruled\u{201d} the review office.",
            Expect {
                quote: "overruled",
                kind: Kind::Partial,
                rule: Rule::PartialInCuedSentence,
                mention: Some("Ana Ruiz"),
                name: None,
                cue: Some("said"),
            },
        );
    }

    #[test]
    fn titles_are_terms() {
        check(
            "Youth tour ends\nHe joined the trip, which titled 'Opportune China, Youth Talks — 2025 Global Youth Dialogue', with others.",
            Expect {
                quote: "Opportune",
                kind: Kind::Term,
                rule: Rule::Term,
                mention: None,
                name: None,
                cue: None,
            },
        );
    }

    /// Names, not speech: a quote before the noun it modifies, a work's title whatever
    /// follows it, a term's partner across `or`, an event's name in title case.
    #[test]
    fn names_in_the_reporters_sentence_are_terms() {
        for (text, quote) in [
            (
                "Ana Ruiz said she opposes the county's \"pay as you go\" policy.",
                "pay as you go",
            ),
            (
                "Ana Ruiz said the crowd wore \"buy local\" pins.",
                "buy local",
            ),
            (
                "The new ad \"Steady\" ends with Lee Park saying he will win.",
                "Steady",
            ),
            (
                "On Harbor News\u{2019} \u{201c}Morning Hour,\u{201d} she called on the council to act.",
                "Morning Hour",
            ),
            (
                "Clerks flagged groups with the name \"river watch\" or \"green shield.\"",
                "green shield",
            ),
            (
                "Ana Ruiz asked on what became an unofficial \"Harbor Cleanup Day.\"",
                "Harbor Cleanup Day",
            ),
            (
                "Hundreds marched to the pier, chanting, \"Hands off our harbor!\"",
                "Hands off",
            ),
            (
                "Thousands \"shared\" photos that Ana Ruiz posted on Monday.",
                "shared",
            ),
        ] {
            check(
                text,
                Expect {
                    quote,
                    kind: Kind::Term,
                    rule: Rule::Term,
                    mention: None,
                    name: None,
                    cue: None,
                },
            );
        }
        // The speaker's own words keep their grammar: a verb, a preposition after them.
        check(
            "Ana Ruiz said the treasurer \"lied\" to the board.",
            Expect {
                quote: "lied",
                kind: Kind::Partial,
                rule: Rule::PartialInCuedSentence,
                mention: Some("Ana Ruiz"),
                name: None,
                cue: Some("said"),
            },
        );
    }

    /// The sentence's period inside the marks does not make a work's title speech; after
    /// `called` it stays the speaker's words.
    #[test]
    fn a_title_after_a_word_for_a_work_is_a_term_even_with_a_period() {
        check(
            "Lee Park said little about it in the new ad titled \"Steady.\"\n\nThe ad runs in Iowa.",
            Expect {
                quote: "Steady",
                kind: Kind::Term,
                rule: Rule::Term,
                mention: None,
                name: None,
                cue: None,
            },
        );
        // A show named after `on` or a network's possessive, its period inside the marks.
        for text in [
            "Budget vote set\n\n\"We will not back down,\" Lee Park said on \"Harbor Morning Report.\"\n\nThe vote is Tuesday.",
            "Budget vote set\n\n\"We will not back down,\" Lee Park said on WXRT's \"Harbor Morning.\"\n\nThe vote is Tuesday.",
            "Budget vote set\n\n\"We will not back down,\" Lee Park said on Harbor News' \"Harbor Morning.\"\n\nThe vote is Tuesday.",
        ] {
            check(
                text,
                Expect {
                    quote: "Harbor Morning",
                    kind: Kind::Term,
                    rule: Rule::Term,
                    mention: None,
                    name: None,
                    cue: None,
                },
            );
        }
        check(
            "The mayor vowed to end what she called \"this slow decline.\"\n\nThe vote is Tuesday.",
            Expect {
                quote: "slow decline",
                kind: Kind::Partial,
                rule: Rule::PartialInCuedSentence,
                mention: Some("she"),
                name: None,
                cue: Some("called"),
            },
        );
    }

    #[test]
    fn a_single_marked_line_among_double_marked_quotes_is_a_heading() {
        check(
            "\"We had no choice,\" Ana Ruiz said.\n\n'A hard decision.'\n\nThe plant closed in May.",
            Expect {
                quote: "hard decision",
                kind: Kind::Term,
                rule: Rule::Term,
                mention: None,
                name: None,
                cue: None,
            },
        );
        // Where every quote is in single marks, such a line continues the speaker.
        check(
            "'We had no choice,' Ana Ruiz said.\n\n'We will be back.'\n\nThe plant closed in May.",
            Expect {
                quote: "be back",
                kind: Kind::Direct,
                rule: Rule::ContinuesParagraph,
                mention: Some("Ana Ruiz"),
                name: None,
                cue: Some("said"),
            },
        );
    }

    #[test]
    fn a_title_that_is_the_subject_of_the_reporter_s_sentence_is_a_term() {
        check(
            "The network has two new shows. \"Harbor Lights,\" a drama set in Maine, starts in May.",
            Expect {
                quote: "Harbor Lights",
                kind: Kind::Term,
                rule: Rule::Term,
                mention: None,
                name: None,
                cue: None,
            },
        );
        // An attributed quote in title case is speech.
        check(
            "The crowd cheered. \"Welcome Home, Everyone,\" the mayor said.",
            Expect {
                quote: "Welcome Home",
                kind: Kind::Direct,
                rule: Rule::SpeakerCueAfter,
                mention: Some("the mayor"),
                name: None,
                cue: Some("said"),
            },
        );
    }
}
