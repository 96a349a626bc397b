//! The documentation of every name the output uses, as `quotecheck explain` prints it: the
//! attribution rules, the quote kinds, the audit categories, the severities and the flags —
//! what each means, why it matters, and an example. The names are the ones the output writes
//! (`rule`, `kind`, `category`, `severity`, `meaning_sensitive`), so a reader can look up any
//! value they see. A rule's documentation lives in its file under `src/attribute/rules/`;
//! the others' are here.

use std::io::{self, Write};

use crate::error::Error;
use crate::model::{Category, Kind, Rule, Severity};

/// One explained name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Doc {
    /// The name as the output writes it (`speaker-cue-after`, `truncation`).
    pub name: &'static str,
    /// What sort of name: `rule`, `quote kind`, `category`, `severity` or `flag`.
    pub kind: &'static str,
    /// What it means.
    pub what: &'static str,
    /// Why it matters to a reader of the report.
    pub why: &'static str,
    /// An example sentence.
    pub example: &'static str,
}

/// The documentation of an attribution rule, kept in the rule's own file
/// (`src/attribute/rules/`) beside its code and tests.
pub fn rule(r: Rule) -> Doc {
    let d = crate::attribute::rule_doc(r);
    Doc {
        name: r.name(),
        kind: "rule",
        what: d.what,
        why: d.why,
        example: d.example,
    }
}

/// The documentation of an audit category.
pub fn category(c: Category) -> Doc {
    let (what, why, example) = match c {
        Category::Verbatim => (
            "The same text, character for character.",
            "The baseline: the quote is reproduced faithfully.",
            "\"We will rebuild the bridge by spring\" in both outlets.",
        ),
        Category::Typographic => (
            "The same words: case, punctuation, quote marks, a British/American spelling pair or a one-letter typo in a long word differ. House style is folded away before words are compared: abbreviation periods (F.B.I./FBI), hyphens (two-in-three/two in three), number words (three/3), abbreviated titles (Gen./General) and contractions (we'll/we will, don't/do not).",
            "Usually house style, not an edit of the speaker's words.",
            "recognizes / recognises",
        ),
        Category::Truncation => (
            "An excerpt of the reference: words dropped at the start or the end (which end and which words are reported), nothing added or replaced. A version that is cut and also reworded is a wording change; its cuts show in the diff.",
            "Cutting a quote can drop a qualifier or the context that gives it its meaning.",
            "\"China will no longer have any involvement…\" from \"I'm announcing that China will no longer…\"",
        ),
        Category::MarkedElision => (
            "An ellipsis stands where the reference has words (the words are shown).",
            "Elision is legitimate when it keeps the meaning; the reader should be able to check what was left out.",
            "\"in response to concerns raised earlier this week ... to assure that…\"",
        ),
        Category::UnmarkedOmission => (
            "Words of the reference are missing inside the quote, with no ellipsis.",
            "The reader cannot tell that anything was removed.",
            "\"We will rebuild the old bridge by spring\" for \"…the old bridge and the new school by spring\"",
        ),
        Category::Splice => (
            "Pieces of the reference are reordered or joined from different places.",
            "A splice can make a speaker say something in an order, or a combination, they did not.",
            "\"The school comes after that. We will rebuild the bridge by spring\"",
        ),
        Category::BracketedEdit => (
            "Words replaced by an editor's bracketed insertion.",
            "Brackets are meant to clarify; they can also change the referent.",
            "\"[The company] will not comment\" for \"It will not comment\"",
        ),
        Category::WordingChange => (
            "Words replaced or inserted.",
            "A quotation promises the speaker's words; a changed word breaks that promise, most of all when it is a negation, number, modal, quantifier, hedge or name (flagged meaning-sensitive).",
            "\"would significantly increase the risk\" / \"would materially increase the risk\"",
        ),
        Category::Misattribution => (
            "Different outlets name different people as the speaker of the same words, each explicitly: a named person or organisation in the quote's own sentence (as written, or resolved from a surname or a short form). Names that can be one person (Cotton / Tom Cotton, a misspelt surname) are not a conflict.",
            "Words put in the wrong mouth are the most serious quotation error; it is reported only when both outlets say who spoke, so that the finding is the outlets' and not the attribution's.",
            "Senator Tom Cotton said / Senator Chuck Schumer said, for the same words",
        ),
        Category::SpeakerUncertain => (
            "Outlets' speakers differ, but at least one of them is not explicit: a pronoun, a role or group, a name from another sentence, or the outlet that reported the words. Information to check, not a finding against an outlet.",
            "A pronoun resolved to the wrong person or a role that is the same person (the president / Obama) would otherwise accuse an outlet of a misattribution it did not make.",
            "\"…,\" Tom Cotton said / \"…,\" he said (resolved to Chuck Schumer)",
        ),
        Category::SpeakerNameVariant => (
            "The same speaker named in different forms.",
            "Harmless in itself, but it is how one checks that a quote's speaker is the same across outlets.",
            "Cotton / Tom Cotton / Sen. Cotton",
        ),
        Category::SingleOutlet => (
            "The quote appears in only one outlet of the story; the other outlets that carry its words unquoted are named, and those where they are absent counted.",
            "A quote only one outlet carries deserves a source check; words carried unquoted elsewhere may be a paraphrase.",
            "\"obviously unacceptable\": only in one outlet; absent from the other",
        ),
        Category::BlockQuote => (
            "A long quote that reproduces another article's text, its narration as well as its quotes: one outlet quoting another outlet's article at length. Reported once, linked to no other quote.",
            "Compared as one speaker's words, the other article's every quote would look like a truncation of it.",
            "The Ledger reported: \"The council met on Monday. 'We will fix the bridge,' the mayor said. …\"",
        ),
    };
    Doc {
        name: c.name(),
        kind: "category",
        what,
        why,
        example,
    }
}

/// The documentation of a quote kind.
pub fn quote_kind(k: Kind) -> Doc {
    let (what, why, example) = match k {
        Kind::Direct => (
            "The reported words are wholly inside the marks: a sentence or more of the speaker's.",
            "Direct quotes are what outlets compare and readers trust most; the audit compares them word for word.",
            "\"We will fix the bridge by spring,\" the mayor said.",
        ),
        Kind::Partial => (
            "A quoted fragment inside the reporter's own sentence.",
            "The fragment is the speaker's wording, the sentence around it the reporter's: only the fragment is compared.",
            "The mayor said the delay was \"simply not good enough\".",
        ),
        Kind::Term => (
            "Not speech: a scare quote, a title, a nickname, a name set before a noun, the text of a chant. No speaker, no cue.",
            "Counting it as a quotation would invent a speaker; the audit leaves terms out.",
            "The town hired so-called \"street ambassadors\"; the \"pay as you go\" policy.",
        ),
        Kind::Nested => (
            "A quotation inside another quotation.",
            "Its words are quoted by the outer speaker, not said to the reporter: it takes no attribution of its own.",
            "\"He told me 'never again,'\" she said.",
        ),
    };
    Doc {
        name: k.name(),
        kind: "quote kind",
        what,
        why,
        example,
    }
}

/// The documentation of a severity.
pub fn severity(s: Severity) -> Doc {
    let (what, why, example) = match s {
        Severity::None => (
            "Nothing differs: the same text.",
            "Shown only to say the outlets agree.",
            "verbatim",
        ),
        Severity::Info => (
            "Worth knowing, not a fault: typography, a name form, a quote only one outlet carries, a speaker the attributions leave uncertain, a block quote.",
            "Context for a check; nothing an outlet should answer for.",
            "typographic, speaker-name-variant, single-outlet, speaker-uncertain, block-quote",
        ),
        Severity::Low => (
            "A usual editing choice: an excerpt, a marked elision, a bracketed edit.",
            "Fine in itself; raised to medium or high when the cut drops a meaning-sensitive word.",
            "truncation, marked-elision, bracketed-edit",
        ),
        Severity::Medium => (
            "Words changed, dropped without a mark, or pieces joined.",
            "The quote no longer gives the speaker's words as said: worth checking against the source.",
            "wording-change, unmarked-omission, splice",
        ),
        Severity::High => (
            "A meaning-sensitive edit (a negation, number, modal, quantifier, hedge or name changed or dropped), or two outlets each naming a different speaker.",
            "What a fact-checker acts on first; `--fail-on high` makes the command fail on it.",
            "\"would not\" for \"would\"; misattribution",
        ),
    };
    Doc {
        name: s.name(),
        kind: "severity",
        what,
        why,
        example,
    }
}

/// The documentation of the flags a report sets on a finding or an attribution.
pub fn flags() -> [Doc; 2] {
    [
        Doc {
            name: "meaning-sensitive",
            kind: "flag",
            what: "A finding's edit touches a negation, number, modal, quantifier, hedge or name (`grammar/sensitive_words.txt`), in the words changed or in the three words dropped next to an excerpt; written `meaning_sensitive` in JSON.",
            why: "Such an edit can change what the speaker said; it raises the finding's severity one level.",
            example: "\"we will approve the budget\" cut from \"we will not approve the budget\"",
        },
        Doc {
            name: "explicit",
            kind: "flag",
            what: "An attribution names its speaker in the quote's own sentence (a name as written, or resolved from a surname or a short form), not through a pronoun, a role or another sentence.",
            why: "Only explicit attributions on both sides can make a misattribution; anything weaker is reported as speaker-uncertain.",
            example: "\"…,\" Senator Tom Cotton said (explicit) / \"…,\" he said (not)",
        },
    ]
}

/// Every documented name: rules, quote kinds, categories, severities, flags.
pub fn all() -> Vec<Doc> {
    Rule::ALL
        .iter()
        .map(|&r| rule(r))
        .chain(Kind::ALL.iter().map(|&k| quote_kind(k)))
        .chain(Category::ALL.iter().map(|&c| category(c)))
        .chain(Severity::ALL.iter().map(|&s| severity(s)))
        .chain(flags())
        .collect()
}

/// The documentation of a name, case-insensitive, with `_` or `-`: the first of its kinds
/// (`term` is a rule and a quote kind; [`find_all`] gives both).
pub fn find(name: &str) -> Option<Doc> {
    find_all(name).into_iter().next()
}

/// Every documentation of a name, case-insensitive, with `_` or `-`.
pub fn find_all(name: &str) -> Vec<Doc> {
    let n = name.trim().to_lowercase().replace('_', "-");
    all().into_iter().filter(|d| d.name == n).collect()
}

/// What `quotecheck explain` prints: every name with its one-line meaning, or one name in
/// full. An unknown name is an error that says where the list is.
pub fn write(out: &mut impl Write, name: Option<&str>) -> Result<(), Error> {
    match name {
        None => write_list(out)?,
        Some(n) => {
            let docs = find_all(n);
            if docs.is_empty() {
                return Err(Error::UnknownName(n.to_string()));
            }
            for (i, d) in docs.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                writeln!(
                    out,
                    "{} ({})\n\nWhat it is: {}\nWhy it matters: {}\nExample: {}",
                    d.name, d.kind, d.what, d.why, d.example
                )?;
            }
        }
    }
    Ok(())
}

fn write_list(out: &mut impl Write) -> io::Result<()> {
    for (i, (kind, title)) in [
        ("rule", "Attribution rules (the `rule` of each quote):"),
        ("quote kind", "Quote kinds (the `kind` of each quote):"),
        (
            "category",
            "Audit categories (the `category` of each finding):",
        ),
        (
            "severity",
            "Severities (the `severity` of each finding and family):",
        ),
        ("flag", "Flags:"),
    ]
    .into_iter()
    .enumerate()
    {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{title}")?;
        for d in all().into_iter().filter(|d| d.kind == kind) {
            writeln!(out, "  {:<26} {}", d.name, d.what)?;
        }
    }
    writeln!(
        out,
        "\nquotecheck explain NAME for why it matters and an example."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_and_category_is_documented_once() {
        let docs = all();
        assert_eq!(
            docs.len(),
            Rule::ALL.len() + Kind::ALL.len() + Category::ALL.len() + Severity::ALL.len() + 2
        );
        let mut names: Vec<(&str, &str)> = docs.iter().map(|d| (d.name, d.kind)).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), docs.len(), "a name is documented twice");
        for d in docs {
            assert!(!d.what.is_empty() && !d.why.is_empty() && !d.example.is_empty());
        }
    }

    #[test]
    fn names_match_the_output() {
        // The names are the serialised values, so anything seen in a report can be looked up.
        for r in Rule::ALL {
            let json = serde_json::to_string(&r).unwrap();
            assert_eq!(json.trim_matches('"'), rule(r).name);
        }
        for c in Category::ALL {
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(json.trim_matches('"'), category(c).name);
        }
        for k in Kind::ALL {
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(json.trim_matches('"'), quote_kind(k).name);
        }
        for v in Severity::ALL {
            let json = serde_json::to_string(&v).unwrap();
            assert_eq!(json.trim_matches('"'), severity(v).name);
        }
        assert_eq!(find("Marked_Elision").unwrap().name, "marked-elision");
        assert_eq!(find("meaning_sensitive").unwrap().kind, "flag");
        let term: Vec<&str> = find_all("term").iter().map(|d| d.kind).collect();
        assert_eq!(term, ["rule", "quote kind"]);
        assert!(find("nonsense").is_none());
    }

    #[test]
    fn writes_the_list_and_one_name() {
        let mut out = Vec::new();
        write(&mut out, None).unwrap();
        let list = String::from_utf8(out).unwrap();
        assert!(list.contains("speaker-cue-after") && list.contains("single-outlet"));
        let mut out = Vec::new();
        write(&mut out, Some("truncation")).unwrap();
        assert!(
            String::from_utf8(out)
                .unwrap()
                .starts_with("truncation (category)")
        );
        let e = write(&mut Vec::new(), Some("nope")).unwrap_err();
        assert!(matches!(e, Error::UnknownName(ref n) if n == "nope"));
    }
}
