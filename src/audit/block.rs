//! Block quotes of another article: one outlet reproducing paragraphs of another outlet's
//! article inside quotation marks (`The Ledger reported: "…"`). Such a quote holds the other
//! article's narration as well as its quotes; compared as one speaker's utterance, every
//! quote of the other article would be a "truncation" of it. It is recognised here and
//! reported once, as what it is.
//!
//! A long quote is a block quote of article `A` when runs of [`BLOCK_RUN`] words cover at
//! least [`BLOCK_COVER`] of its words in `A`'s own text outside `A`'s quotes (a speaker's
//! statement is not another reporter's narration, word for word, for that long), and it
//! holds one of `A`'s quotes whole (so that a statement an outlet printed without quotation
//! marks is not taken for an article).

use rustc_hash::FxHashMap;

use super::classify;
use crate::model::{ArticleQuotes, Kind};

/// Words a quote needs to be looked at as a possible block quote.
pub(super) const BLOCK_WORDS: usize = 40;

/// Words in a row that a block quote shares with the other article's narration: a phrase
/// two reporters could write alike is far shorter.
const BLOCK_RUN: usize = 12;

/// Words of a block quote that such runs must cover: two runs' worth, a sentence or two of
/// the other article's own.
const BLOCK_COVER: usize = 2 * BLOCK_RUN;

/// Words one of the other article's quotes needs to count as held by the block quote.
const HELD_QUOTE_WORDS: usize = 3;

/// The words of a story's articles, as the audit's text index holds them: each article's
/// words as numbers, with the byte offset where each starts; `id` numbers a quote's word
/// (`u32::MAX` for a word no article has).
pub(super) struct ArticleWords<'a, F: Fn(&str) -> u32> {
    pub words: &'a [Vec<u32>],
    pub starts: &'a [Vec<usize>],
    pub id: F,
}

/// For each quote (`words[i]`, in article `article_of[i]`), the article whose text it block
/// quotes, if any. Linear in the articles' words and the long quotes' words: each run of
/// [`BLOCK_RUN`] words is hashed by rolling, not word by word.
pub(super) fn block_quotes<F: Fn(&str) -> u32>(
    articles: &[&ArticleQuotes],
    text: &ArticleWords<'_, F>,
    article_of: &[usize],
    words: &[Vec<&str>],
) -> Vec<Option<usize>> {
    let mut out = vec![None; words.len()];
    // Every run of BLOCK_RUN narration words, by hash: the articles that have it.
    let mut runs: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    for (ai, a) in articles.iter().enumerate() {
        let inside = quoted(a);
        let (ids, starts) = (&text.words[ai], &text.starts[ai]);
        let ai = u32::try_from(ai).unwrap_or(u32::MAX);
        // The narration's words in pieces between quotes; a run never crosses a quote.
        let mut q = 0;
        let mut piece_start = 0;
        for k in 0..=ids.len() {
            let in_quote = k < ids.len() && {
                while q < inside.len() && inside[q].1 <= starts[k] {
                    q += 1;
                }
                q < inside.len() && inside[q].0 <= starts[k]
            };
            if k == ids.len() || in_quote {
                rolling(&ids[piece_start..k], |h| {
                    let list = runs.entry(h).or_default();
                    if list.last() != Some(&ai) {
                        list.push(ai);
                    }
                });
                piece_start = k + 1;
            }
        }
    }
    // The quotes of each article, for the check that a block quote holds one.
    let mut quotes_of: Vec<Vec<usize>> = vec![Vec::new(); articles.len()];
    for (i, &ai) in article_of.iter().enumerate() {
        quotes_of[ai].push(i);
    }
    let mut ids: Vec<u32> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if w.len() < BLOCK_WORDS {
            continue;
        }
        ids.clear();
        ids.extend(w.iter().map(|x| (text.id)(x)));
        // Per other article: the words covered so far, and where coverage reaches. Runs
        // come in order, so each word is counted once.
        let mut covered: FxHashMap<u32, (usize, usize)> = FxHashMap::default();
        let mut k = 0;
        rolling(&ids, |h| {
            for &a in runs.get(&h).map_or(&[][..], Vec::as_slice) {
                if a as usize != article_of[i] {
                    let (n, reach) = covered.entry(a).or_default();
                    *n += k + BLOCK_RUN - (*reach).max(k);
                    *reach = k + BLOCK_RUN;
                }
            }
            k += 1;
        });
        let holds_a_quote = |a: usize| {
            quotes_of[a].iter().any(|&j| {
                words[j].len() >= HELD_QUOTE_WORDS
                    && words[j].len() < w.len()
                    && classify::find_run(w, &words[j]).is_some()
            })
        };
        out[i] = covered
            .into_iter()
            .filter(|&(_, (n, _))| n >= BLOCK_COVER)
            .map(|(a, (n, _))| (n, std::cmp::Reverse(a)))
            .max()
            .map(|(_, std::cmp::Reverse(a))| a as usize)
            .filter(|&a| holds_a_quote(a));
    }
    out
}

/// Calls `f` with the hash of every run of [`BLOCK_RUN`] words of `ids`, in order: a
/// polynomial hash rolled one word at a time.
fn rolling(ids: &[u32], mut f: impl FnMut(u64)) {
    const BASE: u64 = 0x100_0000_01b3;
    if ids.len() < BLOCK_RUN {
        return;
    }
    // BASE to the power of BLOCK_RUN − 1: the weight of the word that leaves the run.
    let top = (1..BLOCK_RUN).fold(1u64, |p, _| p.wrapping_mul(BASE));
    let word = |id: u32| u64::from(id).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x2545_f491;
    let mut h = 0u64;
    for (k, &id) in ids.iter().enumerate() {
        if k >= BLOCK_RUN {
            h = h.wrapping_sub(word(ids[k - BLOCK_RUN]).wrapping_mul(top));
        }
        h = h.wrapping_mul(BASE).wrapping_add(word(id));
        if k + 1 >= BLOCK_RUN {
            f(h);
        }
    }
}

/// The byte ranges of an article's quotes (their marks included), sorted.
fn quoted(a: &ArticleQuotes) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = a
        .quotes
        .iter()
        .filter(|q| q.kind != Kind::Nested)
        .map(|q| (q.start, q.end))
        .collect();
    spans.sort_unstable();
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rolling_hash_is_the_hash_of_each_run() {
        let ids: Vec<u32> = (0..30).map(|i| i % 17).collect();
        let mut rolled = Vec::new();
        rolling(&ids, |h| rolled.push(h));
        assert_eq!(rolled.len(), ids.len() - BLOCK_RUN + 1);
        for (k, h) in rolled.iter().enumerate() {
            let mut one = Vec::new();
            rolling(&ids[k..k + BLOCK_RUN], |x| one.push(x));
            assert_eq!(one, [*h]);
        }
        // Runs of the same words hash alike, others not.
        assert_eq!(rolled[0], rolled[17]);
        assert_ne!(rolled[0], rolled[1]);
    }
}
