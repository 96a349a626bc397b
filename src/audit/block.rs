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

use super::{classify, link};
use crate::lexicon::Lexicon;
use crate::model::{ArticleQuotes, Kind};
use crate::text::normalize::{self, TokKind};

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

/// For each quote (`words[i]`, in article `article_of[i]`), the article whose text it block
/// quotes, if any. Linear in the articles' words and the long quotes' words.
pub(super) fn block_quotes(
    articles: &[&ArticleQuotes],
    article_of: &[usize],
    words: &[Vec<&str>],
    lexicon: &Lexicon,
) -> Vec<Option<usize>> {
    let mut out = vec![None; words.len()];
    if articles.len() < 2 || !words.iter().any(|w| w.len() >= BLOCK_WORDS) {
        return out;
    }
    // Every run of BLOCK_RUN narration words, by hash: the articles that have it.
    let mut runs: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    let mut buf: Vec<String> = Vec::new();
    for (ai, a) in articles.iter().enumerate() {
        let ai = u32::try_from(ai).unwrap_or(u32::MAX);
        for (from, to) in narration(a) {
            buf.clear();
            buf.extend(
                normalize::tokens(&a.article.text, from, to, lexicon)
                    .into_iter()
                    .filter(|t| t.kind == TokKind::Word)
                    .map(|t| t.norm),
            );
            for run in buf.windows(BLOCK_RUN) {
                let list = runs
                    .entry(link::hash_words(run.iter().map(String::as_str)))
                    .or_default();
                if list.last() != Some(&ai) {
                    list.push(ai);
                }
            }
        }
    }
    // The quotes of each article, for the check that a block quote holds one.
    let mut quotes_of: Vec<Vec<usize>> = vec![Vec::new(); articles.len()];
    for (i, &ai) in article_of.iter().enumerate() {
        quotes_of[ai].push(i);
    }
    for (i, w) in words.iter().enumerate() {
        if w.len() < BLOCK_WORDS {
            continue;
        }
        // Per other article: the words covered so far, and where coverage reaches. Runs
        // come in order, so each word is counted once.
        let mut covered: FxHashMap<u32, (usize, usize)> = FxHashMap::default();
        for (k, run) in w.windows(BLOCK_RUN).enumerate() {
            let Some(list) = runs.get(&link::hash_words(run.iter().copied())) else {
                continue;
            };
            for &a in list {
                if a as usize == article_of[i] {
                    continue;
                }
                let (n, reach) = covered.entry(a).or_default();
                *n += k + BLOCK_RUN - (*reach).max(k);
                *reach = k + BLOCK_RUN;
            }
        }
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

/// The byte ranges of an article's text outside its quotes (their marks included).
fn narration(a: &ArticleQuotes) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = a
        .quotes
        .iter()
        .filter(|q| q.kind != Kind::Nested)
        .map(|q| (q.start, q.end))
        .collect();
    spans.sort_unstable();
    let mut out = Vec::new();
    let mut at = 0;
    for (s, e) in spans {
        if s > at {
            out.push((at, s));
        }
        at = at.max(e);
    }
    if at < a.article.text.len() {
        out.push((at, a.article.text.len()));
    }
    out
}
