//! One version of a quote against its family's reference: the word diff and what it means.
//!
//! The diff runs over normalised tokens (`normalize`), so case, quote marks and spelling
//! variants never show as edits; the raw words of both texts are reported for every edit.
//! The diff's Equal/Delete/Insert/Replace blocks map onto the categories: deletions at the
//! ends are a truncation, deletions replaced by an ellipsis a marked elision, deletions
//! inside without one an unmarked omission, words moved around a splice, bracketed words a
//! bracketed edit, anything else inserted or replaced a wording change.

use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::model::{Category, DiffBlock, Finding, Op};
use crate::text::normalize::{TokKind, Token};

/// Words whose change can alter the meaning of a quote.
fn is_sensitive(norm: &str, raw: &str) -> bool {
    const WORDS: &[&str] = &[
        // negation
        "not",
        "no",
        "never",
        "none",
        "nobody",
        "nothing",
        "neither",
        "nor",
        "n't",
        "cannot",
        "without", // modals
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "must",
        "should",
        "shall",
        "won't",
        "wouldn't",
        "can't",
        "couldn't",
        "mustn't",
        "shouldn't",
        "don't",
        "doesn't",
        "didn't",
        "isn't",
        "aren't",
        "wasn't",
        "weren't", // quantifiers
        "all",
        "some",
        "every",
        "each",
        "any",
        "many",
        "few",
        "most",
        "more",
        "less",
        "fewer",
        "only",
        "always", // hedges
        "maybe",
        "perhaps",
        "possibly",
        "probably",
        "likely",
        "unlikely",
        "apparently",
        "allegedly",
        "reportedly",
        "almost",
        "nearly",
    ];
    // A name: capitalised, but not `I`, `I'm`, `I'll`.
    let name = raw.chars().next().is_some_and(char::is_uppercase)
        && !(norm == "i" || norm.starts_with("i'"));
    WORDS.contains(&norm)
        || norm.ends_with("n't")
        || norm.chars().any(|c| c.is_ascii_digit())
        || name
}

fn raw(text: &str, toks: &[Token]) -> String {
    match (toks.first(), toks.last()) {
        (Some(a), Some(b)) => text[a.start..b.end].to_string(),
        _ => String::new(),
    }
}

fn raw_words(text: &str, toks: &[Token]) -> Vec<String> {
    toks.iter()
        .filter(|t| t.kind != TokKind::Ellipsis)
        .map(|t| text[t.start..t.end].to_string())
        .collect()
}

/// The comparison of one appearance (`m`, in `m_text`) with the reference (`r`, in
/// `r_text`): the diff blocks and the findings about the words (speaker findings are made
/// by the caller).
pub fn compare(
    r_text: &str,
    r: &[Token],
    m_text: &str,
    m: &[Token],
    raw_identical: bool,
) -> (Vec<DiffBlock>, Vec<Finding>) {
    let rn: Vec<&str> = r.iter().map(|t| t.norm.as_str()).collect();
    let mn: Vec<&str> = m.iter().map(|t| t.norm.as_str()).collect();
    let ops = capture_diff_slices(Algorithm::Myers, &rn, &mn);
    let mut blocks = Vec::new();
    let mut findings = Vec::new();
    if raw_identical {
        findings.push(Finding::new(Category::Verbatim, "identical text".into()));
        return (blocks, findings);
    }
    let n_ops = ops.len();
    // Deleted and inserted words, to tell a splice (moved words) from an omission.
    let mut deleted: Vec<&str> = Vec::new();
    let mut inserted: Vec<&str> = Vec::new();
    for op in &ops {
        match *op {
            DiffOp::Delete {
                old_index, old_len, ..
            } => deleted.extend(&rn[old_index..old_index + old_len]),
            DiffOp::Insert {
                new_index, new_len, ..
            } => inserted.extend(&mn[new_index..new_index + new_len]),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                deleted.extend(&rn[old_index..old_index + old_len]);
                inserted.extend(&mn[new_index..new_index + new_len]);
            }
            DiffOp::Equal { .. } => {}
        }
    }
    let moved = !inserted.is_empty()
        && inserted
            .iter()
            .filter(|w| **w != "…")
            .all(|w| deleted.contains(w));

    for (k, op) in ops.iter().enumerate() {
        let (ri, rl, mi, ml) = match *op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                blocks.push(DiffBlock {
                    op: Op::Equal,
                    reference: raw(r_text, &r[old_index..old_index + len]),
                    text: raw(m_text, &m[new_index..new_index + len]),
                });
                continue;
            }
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => (old_index, old_len, new_index, 0),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => (old_index, 0, new_index, new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (old_index, old_len, new_index, new_len),
        };
        let rs = &r[ri..ri + rl];
        let ms = &m[mi..mi + ml];
        blocks.push(DiffBlock {
            op: match (rl, ml) {
                (_, 0) => Op::Delete,
                (0, _) => Op::Insert,
                _ => Op::Replace,
            },
            reference: raw(r_text, rs),
            text: raw(m_text, ms),
        });
        let at_start = k == 0;
        let at_end = k + 1 == n_ops;
        let dropped = raw_words(r_text, rs);
        let added = raw_words(m_text, ms);
        // The first word of a quote is capitalised as a sentence start, not as a name.
        let sensitive = rs
            .iter()
            .enumerate()
            .map(|(k, t)| (ri + k == 0, t.norm.as_str(), &r_text[t.start..t.end]))
            .chain(
                ms.iter()
                    .enumerate()
                    .map(|(k, t)| (mi + k == 0, t.norm.as_str(), &m_text[t.start..t.end])),
            )
            .any(|(first, n, w)| n != "…" && is_sensitive(n, if first { n } else { w }));
        let only_ellipsis = !ms.is_empty() && ms.iter().all(|t| t.kind == TokKind::Ellipsis);
        let bracketed = !ms.is_empty() && ms.iter().all(|t| t.kind == TokKind::Bracketed);
        let (category, detail) = if ml == 0 && (at_start || at_end) {
            let end = match (at_start, at_end) {
                (true, true) => "both ends",
                (true, false) => "the start",
                _ => "the end",
            };
            (
                Category::Truncation,
                format!("cut at {end}: drops \"{}\"", dropped.join(" ")),
            )
        } else if only_ellipsis && rl > 0 {
            (
                Category::MarkedElision,
                format!("\"…\" stands for \"{}\"", dropped.join(" ")),
            )
        } else if only_ellipsis {
            // An ellipsis where the reference has nothing: the reference itself is longer
            // elsewhere; nothing is dropped here.
            continue;
        } else if bracketed {
            (
                Category::BracketedEdit,
                format!("[{}] for \"{}\"", added.join(" "), dropped.join(" ")),
            )
        } else if ml == 0 {
            (
                if moved {
                    Category::Splice
                } else {
                    Category::UnmarkedOmission
                },
                format!("drops \"{}\" without an ellipsis", dropped.join(" ")),
            )
        } else if rl == 1 && ml == 1 && is_typo(&rs[0].norm, &ms[0].norm) {
            (
                Category::Typographic,
                format!(
                    "typo: \"{}\" for \"{}\"",
                    added.join(" "),
                    dropped.join(" ")
                ),
            )
        } else if moved && rl == 0 {
            (Category::Splice, format!("moves \"{}\"", added.join(" ")))
        } else if rl == 0 {
            (
                Category::WordingChange,
                format!("adds \"{}\"", added.join(" ")),
            )
        } else {
            (
                Category::WordingChange,
                format!("\"{}\" for \"{}\"", added.join(" "), dropped.join(" ")),
            )
        };
        // A meaning-sensitive edit is one level more severe (`Finding::expected_severity`).
        findings.push(Finding::with_sensitivity(
            category,
            detail,
            sensitive && category != Category::Typographic,
        ));
    }
    if findings.is_empty() {
        // The same words: only case, punctuation, quote marks or spelling differ.
        let variant = r.iter().zip(m).any(|(a, b)| a.variant != b.variant);
        let detail = if variant {
            let pairs: Vec<String> = r
                .iter()
                .zip(m)
                .filter(|(a, b)| a.variant != b.variant)
                .map(|(a, b)| format!("{}/{}", &r_text[a.start..a.end], &m_text[b.start..b.end]))
                .collect();
            format!("spelling variant: {}", pairs.join(", "))
        } else {
            "case, punctuation or quote marks".to_string()
        };
        findings.push(Finding::new(Category::Typographic, detail));
    }
    (blocks, findings)
}

/// One letter added, dropped or changed in a long word — but not an ending added or dropped
/// (`increase`/`increases` is a change of inflection, not a slip).
fn is_typo(a: &str, b: &str) -> bool {
    a.chars().count().min(b.chars().count()) >= 6
        && strsim::levenshtein(a, b) == 1
        && !a.starts_with(b)
        && !b.starts_with(a)
}
