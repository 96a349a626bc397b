//! The documentation of every attribution rule and audit category, as `quotecheck explain`
//! prints it: what it means, why it matters, and an example. The names are the ones the
//! output uses (`rule`, `category`), so a reader can look up any value they see. A rule's
//! documentation lives in its file under `src/attribute/rules/`; the categories' are here.

use std::io::{self, Write};

use crate::error::Error;
use crate::model::{Category, Rule};

/// One explained name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Doc {
    /// The name as the output writes it (`speaker-cue-after`, `truncation`).
    pub name: &'static str,
    /// `rule` or `category`.
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

/// Every documented name, rules first.
pub fn all() -> Vec<Doc> {
    Rule::ALL
        .iter()
        .map(|&r| rule(r))
        .chain(Category::ALL.iter().map(|&c| category(c)))
        .collect()
}

/// The documentation of a name, case-insensitive, with `_` or `-`.
pub fn find(name: &str) -> Option<Doc> {
    let n = name.trim().to_lowercase().replace('_', "-");
    all().into_iter().find(|d| d.name == n)
}

/// What `quotecheck explain` prints: every name with its one-line meaning, or one name in
/// full. An unknown name is an error that says where the list is.
pub fn write(out: &mut impl Write, name: Option<&str>) -> Result<(), Error> {
    match name {
        None => write_list(out)?,
        Some(n) => {
            let d = find(n).ok_or_else(|| Error::UnknownName(n.to_string()))?;
            writeln!(
                out,
                "{} ({})\n\nWhat it is: {}\nWhy it matters: {}\nExample: {}",
                d.name, d.kind, d.what, d.why, d.example
            )?;
        }
    }
    Ok(())
}

fn write_list(out: &mut impl Write) -> io::Result<()> {
    for kind in ["rule", "category"] {
        let title = if kind == "rule" {
            "Attribution rules (the `rule` of each quote):"
        } else {
            "\nAudit categories (the `category` of each finding):"
        };
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
        assert_eq!(docs.len(), Rule::ALL.len() + Category::ALL.len());
        let mut names: Vec<&str> = docs.iter().map(|d| d.name).collect();
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
        assert_eq!(find("Marked_Elision").unwrap().name, "marked-elision");
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
