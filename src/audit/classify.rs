//! One version of a quote against its family's reference: the word diff and what it means.
//!
//! The diff runs over normalised tokens (`normalize`), so case, quote marks and spelling
//! variants never show as edits; the raw words of both texts are reported for every edit.
//! The diff's Equal/Delete/Insert/Replace blocks map onto the categories: deletions at the
//! ends are a truncation when nothing is added or replaced (an excerpt; a version that is
//! also reworded is a wording change, its cuts only in the diff), deletions replaced by an ellipsis a marked elision, deletions
//! inside without one an unmarked omission, words moved around a splice, bracketed words a
//! bracketed edit, anything else inserted or replaced a wording change.

use rustc_hash::FxHashSet;
use similar::algorithms::{Capture, Compact, DiffHook, NoFinishHook, Replace, myers};
use similar::{Algorithm, DiffOp, capture_diff, capture_diff_slices};

use super::link::Anchors;
use crate::lexicon::Lexicon;
use crate::model::{Category, DiffBlock, Finding, Op};
use crate::text::is_abbreviation_word;
use crate::text::normalize::{TokKind, Token};

/// Words whose change can alter the meaning of a quote: those of
/// `grammar/sensitive_words.txt`, negative contractions, numbers and names.
fn is_sensitive(lexicon: &Lexicon, norm: &str, raw: &str) -> bool {
    // A name: capitalised, but not `I`, `I'm`, `I'll` (whose words, `i` and `am`, share
    // the raw `I'm`).
    let name = raw.chars().next().is_some_and(char::is_uppercase)
        && !(raw == "I" || raw.starts_with("I'") || raw.starts_with("I\u{2019}"));
    lexicon.is_sensitive_word(norm)
        || norm.ends_with("n't")
        || norm.chars().any(|c| c.is_ascii_digit())
        || name
}

/// Whether token `i` opens the quote or a sentence in it (a stop, a colon or a line break
/// before it; not the period of an abbreviation: `Mr. Smith`).
fn opens_sentence(lexicon: &Lexicon, text: &str, toks: &[Token], i: usize) -> bool {
    if i == 0 {
        return true;
    }
    // (The two words of a contraction share its range: no gap between them.)
    let prev = &toks[i - 1];
    let gap = text.get(prev.end..toks[i].start).unwrap_or("");
    let abbreviation =
        gap.starts_with('.') && is_abbreviation_word(&text[prev.start..prev.end], lexicon);
    gap.contains(['.', '!', '?', ':', '\n']) && !abbreviation
}

fn raw(text: &str, toks: &[Token]) -> String {
    match (toks.first(), toks.last()) {
        (Some(a), Some(b)) => text[a.start..b.end].to_string(),
        _ => String::new(),
    }
}

/// The raw words of `toks` (ellipses left out), one space between words: the two words of a
/// contraction (`we'll` → `we`, `will`) share its range and are shown once, and the parts
/// of a hyphenated word are shown joined as written (`US-supervised`).
fn raw_words(text: &str, toks: &[Token]) -> String {
    let mut out = String::new();
    let mut last: Option<&Token> = None;
    for t in toks.iter().filter(|t| t.kind != TokKind::Ellipsis) {
        match last {
            Some(p) if p.start == t.start && p.end == t.end => continue,
            Some(p) => match text.get(p.end..t.start) {
                Some(gap)
                    if !gap.is_empty() && !gap.contains(char::is_whitespace) && gap.len() <= 3 =>
                {
                    out.push_str(gap)
                }
                _ => out.push(' '),
            },
            None => {}
        }
        out.push_str(&text[t.start..t.end]);
        last = Some(t);
    }
    out
}

/// The comparison of one appearance (`m`, in `m_text`) with the reference (`r`, in
/// `r_text`): the diff blocks and the findings about the words (speaker findings are made
/// by the caller).
pub fn compare(
    lexicon: &Lexicon,
    r_text: &str,
    r: &[Token],
    m_text: &str,
    m: &[Token],
    raw_identical: bool,
) -> (Vec<DiffBlock>, Vec<Finding>) {
    let rn: Vec<&str> = r.iter().map(|t| t.norm.as_str()).collect();
    let mn: Vec<&str> = m.iter().map(|t| t.norm.as_str()).collect();
    let ops = diff_ops(&rn, &mn);
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
    // Words added or replaced (other than an ellipsis or a slip of one letter): the version
    // is no longer an excerpt, so its cuts are not a truncation of their own but part of a
    // rewritten quote (the diff still shows them).
    let rewritten = ops.iter().any(|op| {
        let (o, n) = (op.old_range(), op.new_range());
        let kept = n.is_empty() || matches!(op, DiffOp::Equal { .. });
        let ellipsis = m[n.clone()].iter().all(|t| t.kind == TokKind::Ellipsis);
        let typo = o.len() == 1 && n.len() == 1 && is_typo(&r[o.start].norm, &m[n.start].norm);
        !(kept || ellipsis || typo)
    });
    let deleted: FxHashSet<&str> = deleted.into_iter().collect();
    let inserted_set: FxHashSet<&str> = inserted.iter().copied().collect();
    let moved = !inserted.is_empty()
        && inserted
            .iter()
            .filter(|w| **w != "…")
            .all(|w| deleted.contains(w));

    for (k, op) in ops.iter().enumerate() {
        if let DiffOp::Equal { .. } = op {
            blocks.push(DiffBlock {
                op: Op::Equal,
                reference: raw(r_text, &r[op.old_range()]),
                text: raw(m_text, &m[op.new_range()]),
            });
            continue;
        }
        let (old, new) = (op.old_range(), op.new_range());
        let (ri, rl, mi, ml) = (old.start, old.len(), new.start, new.len());
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
        // A cut changes what the kept words mean through the words next to it (`not` before
        // them, `unless…` after), not through a name sentences away: only the dropped words
        // nearest the excerpt are weighed. Inside a quote every dropped word is.
        let near = if ml == 0 && at_start && !at_end {
            rl.saturating_sub(CUT_CONTEXT)..rl
        } else if ml == 0 && at_end && !at_start {
            0..rl.min(CUT_CONTEXT)
        } else {
            0..rl
        };
        // The first word of a quote or of a sentence in it is capitalised as a sentence
        // start, not as a name.
        let sensitive = rs[near.clone()]
            .iter()
            .enumerate()
            .map(|(k, t)| {
                let first = opens_sentence(lexicon, r_text, r, ri + near.start + k);
                (first, t.norm.as_str(), &r_text[t.start..t.end])
            })
            .chain(ms.iter().enumerate().map(|(k, t)| {
                let first = opens_sentence(lexicon, m_text, m, mi + k);
                (first, t.norm.as_str(), &m_text[t.start..t.end])
            }))
            .any(|(first, n, w)| n != "…" && is_sensitive(lexicon, n, if first { n } else { w }));
        let only_ellipsis = !ms.is_empty() && ms.iter().all(|t| t.kind == TokKind::Ellipsis);
        let bracketed = !ms.is_empty() && ms.iter().all(|t| t.kind == TokKind::Bracketed);
        let (category, detail) = if ml == 0 && (at_start || at_end) && rewritten {
            continue;
        } else if ml == 0 && (at_start || at_end) {
            let end = match (at_start, at_end) {
                (true, true) => "cut at both ends",
                (true, false) => CUT_AT_START,
                _ => CUT_AT_END,
            };
            (
                Category::Truncation,
                format!("{end}: drops \"{}\"", dropped),
            )
        } else if only_ellipsis && rl > 0 {
            (
                Category::MarkedElision,
                format!("\"…\" stands for \"{}\"", dropped),
            )
        } else if only_ellipsis {
            // An ellipsis where the reference has nothing: the reference itself is longer
            // elsewhere; nothing is dropped here.
            continue;
        } else if bracketed {
            (
                Category::BracketedEdit,
                format!("[{}] for \"{}\"", added, dropped),
            )
        } else if ml == 0 && moved && rs.iter().all(|t| inserted_set.contains(t.norm.as_str())) {
            // The words left here are the ones put elsewhere: the move is reported once, where
            // they land (`moves …`).
            continue;
        } else if ml == 0 {
            (
                if moved {
                    Category::Splice
                } else {
                    Category::UnmarkedOmission
                },
                format!("drops \"{}\" without an ellipsis", dropped),
            )
        } else if rl == 1 && ml == 1 && is_typo(&rs[0].norm, &ms[0].norm) {
            (
                Category::Typographic,
                format!("typo: \"{}\" for \"{}\"", added, dropped),
            )
        } else if moved && rl == 0 {
            (Category::Splice, format!("moves \"{}\"", added))
        } else if rl == 0 {
            (Category::WordingChange, format!("adds \"{}\"", added))
        } else {
            (
                Category::WordingChange,
                format!("\"{}\" for \"{}\"", added, dropped),
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
            // Pairs of raw stretches; the words of one contraction make one pair
            // (`we'll/we will`).
            let mut pairs: Vec<((usize, usize), (usize, usize))> = Vec::new();
            for (a, b) in r.iter().zip(m).filter(|(a, b)| a.variant != b.variant) {
                match pairs.last_mut() {
                    Some((ra, rb)) if ra.1 >= a.start || rb.1 >= b.start => {
                        *ra = (ra.0.min(a.start), ra.1.max(a.end));
                        *rb = (rb.0.min(b.start), rb.1.max(b.end));
                    }
                    _ => pairs.push(((a.start, a.end), (b.start, b.end))),
                }
            }
            let pairs: Vec<String> = pairs
                .iter()
                .map(|(a, b)| format!("{}/{}", &r_text[a.0..a.1], &m_text[b.0..b.1]))
                .collect();
            format!("spelling variant: {}", pairs.join(", "))
        } else {
            "case, punctuation or quote marks".to_string()
        };
        findings.push(Finding::new(Category::Typographic, detail));
    }
    (blocks, findings)
}

/// The positions of `old` that the word diff matches with words of `new`, in order.
pub(super) fn aligned(old: &[&str], new: &[&str]) -> Vec<usize> {
    diff_ops(old, new)
        .iter()
        .filter(|op| matches!(op, DiffOp::Equal { .. }))
        .flat_map(|op| op.old_range())
        .collect()
}

/// How a truncation's detail begins, by the end that is cut (`audit::rejoin_split_quotes`
/// reads it).
pub(super) const CUT_AT_START: &str = "cut at the start";
pub(super) const CUT_AT_END: &str = "cut at the end";

/// Words of a cut, next to the excerpt, whose meaning-sensitive words make the cut
/// meaning-sensitive.
const CUT_CONTEXT: usize = 3;

/// Versions whose words add up to more than this are diffed between anchors
/// ([`anchored_diff`]); shorter ones (every quote of BASIL: the longest has 140 words) by one
/// Myers diff, whose time grows with the length times the number of edits.
const LONG_DIFF_WORDS: usize = 2_000;

/// Between two anchors of a long diff, a stretch of more than this many words (both versions
/// together) is one replaced block, not diffed word by word.
const GAP_WORDS: usize = 1_000;

/// The word diff of the reference (`old`) and a version (`new`): Equal, Delete, Insert and
/// Replace blocks covering both.
fn diff_ops(old: &[&str], new: &[&str]) -> Vec<DiffOp> {
    if let Some(ops) = excerpt_diff(old, new) {
        return ops;
    }
    if old.len() + new.len() <= LONG_DIFF_WORDS {
        // Myers strips the common start first, so a repeated word anchors there: `I am not
        // X` against `I am strongly Y and I am not X` keeps the first `I am` and drops the
        // middle. Diffed from the end as well, the excerpt shows (a cut at the start); of the
        // two, the one with fewer edits inside the quote (edits at its ends are cuts) wins.
        let forward = capture_diff_slices(Algorithm::Myers, old, new);
        let backward = reversed_diff(old, new);
        let best = if inner_edits(&backward) < inner_edits(&forward) {
            backward
        } else {
            forward
        };
        // From both ends, a repeated word still anchors a version cut at both ends and
        // edited inside (`The contractor lied … and they closed` against `The county paid
        // …. The contractor lied … and it closed …`) at the wrong place; anchored on the
        // longest run the two share, the cuts are at its ends. (One edit inside is the
        // fewest a version that is no excerpt can show: then there is nothing to improve.)
        if inner_edits(&best) <= 2 {
            return best;
        }
        return match run_anchored_diff(old, new) {
            Some(ops) if inner_edits(&ops) < inner_edits(&best) => ops,
            _ => best,
        };
    }
    anchored_diff(old, new)
}

/// The diff of a version that is an excerpt of the reference, its words a run of the
/// reference's: a cut at either end, nothing inside. A minimal diff need not find that
/// run when its words repeat: `not putting people back to work` against `… not putting
/// people back to work. … by putting people back to work` matches `not` early and the rest
/// late, an omission that is not there. Any occurrence of the run is the same finding, so
/// the first is taken.
fn excerpt_diff(old: &[&str], new: &[&str]) -> Option<Vec<DiffOp>> {
    if new.is_empty() || new.len() > old.len() {
        return None;
    }
    let at = find_run(old, new)?;
    let mut ops = Vec::with_capacity(3);
    if at > 0 {
        ops.push(DiffOp::Delete {
            old_index: 0,
            old_len: at,
            new_index: 0,
        });
    }
    ops.push(DiffOp::Equal {
        old_index: at,
        new_index: 0,
        len: new.len(),
    });
    let end = at + new.len();
    if end < old.len() {
        ops.push(DiffOp::Delete {
            old_index: end,
            old_len: old.len() - end,
            new_index: new.len(),
        });
    }
    Some(ops)
}

/// Where `needle` first occurs as a run of `hay` (Knuth–Morris–Pratt: linear in both,
/// however the words repeat).
pub(super) fn find_run(hay: &[&str], needle: &[&str]) -> Option<usize> {
    // fail[i]: the length of the longest proper border of needle[..=i].
    let mut fail = vec![0usize; needle.len()];
    let mut k = 0;
    for i in 1..needle.len() {
        while k > 0 && needle[i] != needle[k] {
            k = fail[k - 1];
        }
        if needle[i] == needle[k] {
            k += 1;
        }
        fail[i] = k;
    }
    let mut k = 0;
    for (i, w) in hay.iter().enumerate() {
        while k > 0 && *w != needle[k] {
            k = fail[k - 1];
        }
        if *w == needle[k] {
            k += 1;
        }
        if k == needle.len() {
            return Some(i + 1 - k);
        }
    }
    None
}

/// Levels of [`run_anchored_diff`]'s recursion; below them a stretch is diffed by Myers. Each
/// level looks at disjoint stretches, so the work is at most this many times one
/// comparison of the two sequences.
const RUN_LEVELS: usize = 8;

/// The diff of the two sequences around their longest common run, and, on each side of
/// it, around that side's longest common run, and so on ([`RUN_LEVELS`] deep, runs of
/// [`PIECE_RUN`] words or more); what is left is diffed by Myers. So each run is matched
/// where it stands in both, and a word repeated further out (`I have not` opening two
/// sentences, which Myers matches first as the common start) does not pull the match away
/// from it. `None` when they share no run.
fn run_anchored_diff(old: &[&str], new: &[&str]) -> Option<Vec<DiffOp>> {
    let (_, _, len) = super::link::longest_common_run_at(old, new)?;
    if len < PIECE_RUN {
        return None;
    }
    let mut ops = Vec::new();
    around_runs(old, 0..old.len(), new, 0..new.len(), RUN_LEVELS, &mut ops);
    Some(ops)
}

/// Words a common run needs to anchor [`run_anchored_diff`]: `of the` is anywhere.
const PIECE_RUN: usize = 3;

fn around_runs(
    old: &[&str],
    o: std::ops::Range<usize>,
    new: &[&str],
    n: std::ops::Range<usize>,
    levels: usize,
    ops: &mut Vec<DiffOp>,
) {
    if o.is_empty() || n.is_empty() {
        if !o.is_empty() {
            ops.push(DiffOp::Delete {
                old_index: o.start,
                old_len: o.len(),
                new_index: n.start,
            });
        }
        if !n.is_empty() {
            ops.push(DiffOp::Insert {
                old_index: o.start,
                new_index: n.start,
                new_len: n.len(),
            });
        }
        return;
    }
    let run = (levels > 0)
        .then(|| super::link::longest_common_run_at(&old[o.clone()], &new[n.clone()]))
        .flatten()
        .filter(|&(_, _, len)| len >= PIECE_RUN);
    let Some((a, b, len)) = run else {
        ops.extend(capture_diff(Algorithm::Myers, old, o, new, n));
        return;
    };
    let (a, b) = (o.start + a, n.start + b);
    around_runs(old, o.start..a, new, n.start..b, levels - 1, ops);
    ops.push(DiffOp::Equal {
        old_index: a,
        new_index: b,
        len,
    });
    around_runs(old, a + len..o.end, new, b + len..n.end, levels - 1, ops);
}

/// The number of edit blocks (weighted: one inside the quote counts twice), that a diff
/// shows: its edits at either end are cuts, the lesser change.
fn inner_edits(ops: &[DiffOp]) -> usize {
    let n = ops.len();
    ops.iter()
        .enumerate()
        .filter(|(_, op)| !matches!(op, DiffOp::Equal { .. }))
        .map(|(k, _)| if k == 0 || k + 1 == n { 1 } else { 2 })
        .sum()
}

/// The Myers diff of the two sequences read from their ends, as ops in reading order. (The
/// positions are counted again along the reversed ops: only the lengths carry over.)
fn reversed_diff(old: &[&str], new: &[&str]) -> Vec<DiffOp> {
    let ro: Vec<&str> = old.iter().rev().copied().collect();
    let rn: Vec<&str> = new.iter().rev().copied().collect();
    let (mut o, mut n) = (0, 0);
    capture_diff_slices(Algorithm::Myers, &ro, &rn)
        .into_iter()
        .rev()
        .map(|op| {
            let (ol, nl) = (op.old_range().len(), op.new_range().len());
            let out = match op {
                DiffOp::Equal { len, .. } => DiffOp::Equal {
                    old_index: o,
                    new_index: n,
                    len,
                },
                DiffOp::Delete { old_len, .. } => DiffOp::Delete {
                    old_index: o,
                    old_len,
                    new_index: n,
                },
                DiffOp::Insert { new_len, .. } => DiffOp::Insert {
                    old_index: o,
                    new_index: n,
                    new_len,
                },
                DiffOp::Replace {
                    old_len, new_len, ..
                } => DiffOp::Replace {
                    old_index: o,
                    old_len,
                    new_index: n,
                    new_len,
                },
            };
            (o, n) = (o + ol, n + nl);
            out
        })
        .collect()
}

/// The diff of two long versions in near-linear time: after their common start and end,
/// the words that occur once in each version, in an order both share, are anchors
/// ([`Anchors`]); the stretches between anchors are diffed by Myers when they hold at most
/// [`GAP_WORDS`] words, and are one replaced block otherwise.
/// So a 40,000-word quote with an edit every ten words costs milliseconds, and the bound on
/// the work is that of the stretches: at most `GAP_WORDS` times the length.
fn anchored_diff(old: &[&str], new: &[&str]) -> Vec<DiffOp> {
    let Anchors {
        prefix,
        suffix,
        pairs: anchors,
    } = Anchors::of(old, new);
    let (old_end, new_end) = (old.len() - suffix, new.len() - suffix);
    let mut d = Compact::new(Replace::new(Capture::new()), old, new);
    // The hooks never fail (Capture's error is Infallible).
    if prefix > 0 {
        let _ = d.equal(0, 0, prefix);
    }
    let (mut o, mut n) = (prefix, prefix);
    for &(ao, an) in anchors.iter().chain([(old_end, new_end)].iter()) {
        gap(&mut d, old, o..ao, new, n..an);
        if ao < old_end {
            let _ = d.equal(ao, an, 1);
        }
        (o, n) = (ao + 1, an + 1);
    }
    if suffix > 0 {
        let _ = d.equal(old_end, new_end, suffix);
    }
    let _ = d.finish();
    d.into_inner().into_inner().into_ops()
}

/// The stretch between two anchors of [`anchored_diff`].
fn gap<D: DiffHook>(
    d: &mut D,
    old: &[&str],
    o: std::ops::Range<usize>,
    new: &[&str],
    n: std::ops::Range<usize>,
) {
    if o.len() + n.len() <= GAP_WORDS {
        let _ = myers::diff(&mut NoFinishHook::new(d), old, o, new, n);
        return;
    }
    if !o.is_empty() {
        let _ = d.delete(o.start, o.len(), n.start);
    }
    if !n.is_empty() {
        let _ = d.insert(o.end, n.start, n.len());
    }
}

/// One letter added, dropped or changed in a long word — but not an ending added or dropped
/// (`increase`/`increases` is a change of inflection, not a slip).
fn is_typo(a: &str, b: &str) -> bool {
    a.chars().count().min(b.chars().count()) >= 6
        && strsim::levenshtein(a, b) == 1
        && !a.starts_with(b)
        && !b.starts_with(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Applies `ops` to `old` and checks that they give `new`, covering both in order.
    fn check_ops(old: &[&str], new: &[&str], ops: &[DiffOp]) {
        let (mut o, mut n) = (0, 0);
        for op in ops {
            let (old_r, new_r) = (op.old_range(), op.new_range());
            if let DiffOp::Equal { .. } = op {
                assert_eq!(old[old_r.clone()], new[new_r.clone()]);
            }
            let (oi, ol, ni, nl) = (old_r.start, old_r.len(), new_r.start, new_r.len());
            assert_eq!((oi, ni), (o, n), "{ops:?}");
            (o, n) = (oi + ol, ni + nl);
        }
        assert_eq!((o, n), (old.len(), new.len()));
    }

    fn words(seed: &mut u64, n: usize, alphabet: u64) -> Vec<String> {
        (0..n)
            .map(|_| {
                *seed ^= *seed << 13;
                *seed ^= *seed >> 7;
                *seed ^= *seed << 17;
                format!("w{}", *seed % alphabet)
            })
            .collect()
    }

    #[test]
    fn an_anchored_diff_is_a_diff() {
        let mut seed = 11u64;
        for round in 0..200u64 {
            let a = words(&mut seed, (round as usize * 37) % 3000, 2 + round * 40);
            let mut b = a.clone();
            // Edits: some words changed, a stretch dropped, a stretch added.
            for (i, w) in b.iter_mut().enumerate() {
                if i % (3 + round as usize % 17) == 0 {
                    *w = format!("x{i}");
                }
            }
            let cut = b.len() / 3;
            b.drain(cut..cut + (b.len() / 10));
            b.splice(0..0, words(&mut seed, (round as usize * 7) % 1500, 50));
            let (a, b): (Vec<&str>, Vec<&str>) = (
                a.iter().map(String::as_str).collect(),
                b.iter().map(String::as_str).collect(),
            );
            check_ops(&a, &b, &anchored_diff(&a, &b));
        }
    }

    #[test]
    fn a_diff_read_from_either_end_is_a_diff() {
        let mut seed = 7u64;
        for round in 0..300u64 {
            // Small alphabets: many repeated words.
            let a = words(&mut seed, (round as usize * 13) % 60, 2 + round % 9);
            let mut b = words(&mut seed, (round as usize * 11) % 50, 2 + round % 7);
            if round % 3 == 0 {
                b = a[a.len() / 3..].to_vec();
            }
            let (a, b): (Vec<&str>, Vec<&str>) = (
                a.iter().map(String::as_str).collect(),
                b.iter().map(String::as_str).collect(),
            );
            check_ops(&a, &b, &reversed_diff(&a, &b));
            check_cover(&a, &b, &diff_ops(&a, &b));
        }
    }

    /// Walks `ops` by their lengths only (a Myers delete's `new_index` may point past the
    /// words before it) and checks that they cover both sequences, the equal words equal.
    fn check_cover(old: &[&str], new: &[&str], ops: &[DiffOp]) {
        let (mut o, mut n) = (0, 0);
        for op in ops {
            let (ol, nl) = (op.old_range().len(), op.new_range().len());
            if let DiffOp::Equal { .. } = op {
                assert_eq!(old[o..o + ol], new[n..n + nl], "{ops:?}");
            }
            (o, n) = (o + ol, n + nl);
        }
        assert_eq!((o, n), (old.len(), new.len()));
    }

    /// The diff of two texts of space-separated words, checked to be a diff of them.
    fn diffed(old: &str, new: &str) -> Vec<DiffOp> {
        let (old, new): (Vec<&str>, Vec<&str>) =
            (old.split(' ').collect(), new.split(' ').collect());
        let ops = diff_ops(&old, &new);
        check_ops(&old, &new, &ops);
        ops
    }

    #[test]
    fn an_excerpt_after_a_repeated_word_is_a_cut_not_an_omission() {
        let ops = diffed(
            "i am strongly pro-life and i am not pro-gay marriage",
            "i am not pro-gay marriage",
        );
        assert!(matches!(
            ops.as_slice(),
            [
                DiffOp::Delete { old_len: 5, .. },
                DiffOp::Equal { len: 5, .. }
            ]
        ));
    }

    #[test]
    fn a_cut_and_edited_excerpt_is_anchored_on_its_longest_run() {
        // From the start, `the` anchors at the reference's first word and the rest is an
        // omission; from the end nothing is common. The run says where the excerpt is.
        let ops = diffed(
            "the county paid for the bridge twice and nobody asked why the contractor lied to the inspectors and it closed his firm and i think that is a shame",
            "the contractor lied to the inspectors and they closed his firm",
        );
        assert!(
            matches!(
                ops.as_slice(),
                [
                    DiffOp::Delete { old_len: 11, .. },
                    DiffOp::Equal { len: 7, .. },
                    DiffOp::Replace {
                        old_len: 1,
                        new_len: 1,
                        ..
                    },
                    DiffOp::Equal { len: 3, .. },
                    DiffOp::Delete { .. }
                ]
            ),
            "{ops:?}"
        );
        // A sentence that opens like the one before it (`I have not`): the cut is the first
        // sentence, not the words after its `I have not`.
        let ops = diffed(
            "i have not broken any laws i have not violated any rules or regulations and i have not misled any committee",
            "i have not violated any rules and regulations and i have not misled any committee",
        );
        assert!(
            matches!(
                ops.as_slice(),
                [
                    DiffOp::Delete {
                        old_index: 0,
                        old_len: 6,
                        ..
                    },
                    DiffOp::Equal { len: 6, .. },
                    DiffOp::Replace {
                        old_len: 1,
                        new_len: 1,
                        ..
                    },
                    DiffOp::Equal { .. }
                ]
            ),
            "{ops:?}"
        );
        // Any two sequences: still a diff of them.
        let mut seed = 13u64;
        for round in 0..300u64 {
            let a = words(&mut seed, (round as usize * 7) % 40, 2 + round % 5);
            let b = words(&mut seed, (round as usize * 5) % 30, 2 + round % 5);
            let (a, b): (Vec<&str>, Vec<&str>) = (
                a.iter().map(String::as_str).collect(),
                b.iter().map(String::as_str).collect(),
            );
            if let Some(ops) = run_anchored_diff(&a, &b) {
                check_cover(&a, &b, &ops);
            }
        }
    }

    #[test]
    fn an_excerpt_is_found_where_its_words_run_together() {
        // A minimal diff matches `not` early and the rest late: an omission that is not
        // there.
        let ops = diffed(
            "that is not putting people back to work i trust in god but god wants us to help ourselves by putting people back to work",
            "not putting people back to work",
        );
        assert!(matches!(
            ops.as_slice(),
            [
                DiffOp::Delete { old_len: 2, .. },
                DiffOp::Equal { len: 6, .. },
                DiffOp::Delete { .. }
            ]
        ));
    }

    #[test]
    fn runs_are_found_like_a_naive_search() {
        let mut seed = 3u64;
        for round in 0..500u64 {
            let hay = words(&mut seed, (round as usize * 7) % 80, 2 + round % 4);
            let needle = if round % 2 == 0 && hay.len() > 4 {
                let a = (round as usize) % (hay.len() - 3);
                hay[a..a + 3].to_vec()
            } else {
                words(&mut seed, 1 + round as usize % 5, 2 + round % 4)
            };
            let (hay, needle): (Vec<&str>, Vec<&str>) = (
                hay.iter().map(String::as_str).collect(),
                needle.iter().map(String::as_str).collect(),
            );
            let naive = hay
                .windows(needle.len())
                .position(|w| w == needle.as_slice());
            assert_eq!(find_run(&hay, &needle), naive, "{hay:?} {needle:?}");
        }
    }

    #[test]
    fn long_versions_diff_in_near_linear_time() {
        let mut seed = 5u64;
        let a = words(&mut seed, 200_000, 1 << 30);
        let b: Vec<String> = a
            .iter()
            .enumerate()
            .map(|(i, w)| {
                if i % 10 == 5 {
                    format!("x{i}")
                } else {
                    w.clone()
                }
            })
            .collect();
        let (a, b): (Vec<&str>, Vec<&str>) = (
            a.iter().map(String::as_str).collect(),
            b.iter().map(String::as_str).collect(),
        );
        let ops = diff_ops(&a, &b);
        check_ops(&a, &b, &ops);
        let replaced = ops
            .iter()
            .filter(|op| matches!(op, DiffOp::Replace { .. }))
            .count();
        assert_eq!(replaced, 20_000);
    }
}
