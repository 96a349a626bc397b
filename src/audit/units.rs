//! Sentences of a quote that another outlet quotes as part of a longer statement.
//!
//! Two outlets often quote overlapping stretches of one statement: one quotes sentences A
//! and B, the other B and C (`"I have not done anything wrong. I have not broken any laws"`
//! against `"I have not broken any laws. I have not violated any rules"`). Neither version
//! holds the other, so no link rule joins them, and comparing them whole would report the
//! sentences each lacks as edits. The sentence they share is one utterance: the shorter
//! quote's sentences that link to the longer quote's family join it as appearances of
//! their own, reported with the sentence's offsets and compared with that family's
//! reference; the rest of the quote stays where it was.

use std::cmp::Reverse;
use std::ops::Range;

use rustc_hash::FxHashMap;

use super::{Item, Params, link};
use crate::model::Kind;
use crate::text::normalize::{self, TokKind, Token};

/// Words a sentence needs to join a family on its own: a short sentence (`It's very
/// unfair.`, `We will win.`) is said by many people on many occasions.
const UNIT_WORDS: usize = 5;

/// One quote's sentences that join another family.
pub(super) struct Unit {
    /// The family (its index among the groups) they join.
    pub group: usize,
    /// The quote's item.
    pub item: usize,
    /// The quote's tokens that the sentences span (first to last).
    pub tokens: Range<usize>,
}

/// The sentences of multi-sentence quotes that join a family of another article's longer
/// quote: the sentence links to the family's reference ([`link::linked`]) and lies in it in
/// runs of three words or more ([`link::said_in_pieces`]: a sentence that shares a title
/// with a statement, `I am the attorney general of the United States` against `… is now
/// the attorney general of the United States`, is another statement); no version of the
/// quote's article in the family holds the sentence already; and the reference is longer
/// than the quote (ties to the earlier), so of two overlapping quotes only the shorter
/// lends its sentence. When several families share the reference (the sentences of one
/// long quote, `audit::by_sentence`), the sentence joins the one whose versions share the
/// longest run with it. Candidates come from the references' shingles, so the cost stays
/// near-linear in the words.
pub(super) fn units(
    groups: &[Vec<usize>],
    reference_of: impl Fn(&[usize]) -> usize,
    items: &[Item],
    words: &[Vec<&str>],
    article_of: &[usize],
    block: &[Option<usize>],
    opts: &Params,
) -> Vec<Unit> {
    let function = |w: &str| opts.lexicon.is_function_word(w);
    let is_term = |m: usize| items[m].q().kind == Kind::Term;
    // The quotes of several sentences (a stop or a line break between two of its tokens:
    // most quotes have none, and then no index is built).
    let several: Vec<(usize, Vec<u32>)> = items
        .iter()
        .enumerate()
        .filter(|&(q, it)| !(is_term(q) || it.lent || block[q].is_some()))
        .filter(|(_, it)| {
            let text = it.article.article.text.as_str();
            it.tokens.windows(2).any(|w| {
                text.get(w[0].end..w[1].start)
                    .is_some_and(|gap| gap.contains(['.', '!', '?', '\n']))
            })
        })
        .map(|(q, it)| {
            let ids =
                normalize::token_sentences(&it.article.article.text, &it.tokens, opts.lexicon);
            (q, ids)
        })
        .filter(|(_, ids)| ids.last().is_some_and(|&last| last > 0))
        .collect();
    if several.is_empty() {
        return Vec::new();
    }
    let references: Vec<usize> = groups.iter().map(|g| reference_of(g)).collect();
    let mut postings: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    let mut member_of: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for (g, members) in groups.iter().enumerate() {
        for &m in members {
            member_of.entry(m).or_default().push(g);
        }
        // A block quote of another article is no one's utterance: nothing joins it.
        if is_term(references[g]) || block[references[g]].is_some() {
            continue;
        }
        for h in link::shingles(&words[references[g]], opts.link.shingle) {
            postings.entry(h).or_default().push(g);
        }
    }
    let mut out = Vec::new();
    for (q, ids) in several {
        let it = &items[q];
        let own: &[usize] = member_of.get(&q).map_or(&[], Vec::as_slice);
        // Per target family: the first and last token of the sentences that join it.
        let mut joined: Vec<(usize, Range<usize>)> = Vec::new();
        let (mut start, mut word_start) = (0usize, 0usize);
        while start < ids.len() {
            let end = start
                + ids[start..]
                    .iter()
                    .take_while(|&&s| s == ids[start])
                    .count();
            let n_words = it.tokens[start..end]
                .iter()
                .filter(|t| t.kind == TokKind::Word)
                .count();
            let sentence = &words[q][word_start..word_start + n_words];
            if n_words >= UNIT_WORDS {
                let fits = |g: usize| {
                    let r = references[g];
                    article_of[r] != article_of[q]
                        && (words[r].len(), Reverse(items[r].order))
                            > (words[q].len(), Reverse(it.order))
                        && !groups[g].iter().any(|&m| {
                            article_of[m] == article_of[q]
                                && link::said_in_pieces(sentence, &words[m], function)
                        })
                        && link::linked(sentence, &words[r])
                        && link::said_in_pieces(sentence, &words[r], function)
                };
                let score = |g: usize| {
                    groups[g]
                        .iter()
                        .filter(|&&m| m != references[g])
                        .map(|&m| link::longest_common_run(sentence, &words[m]))
                        .max()
                        .unwrap_or(0)
                };
                if let Some(g) = target(sentence, own, &postings, opts, fits, score) {
                    match joined.iter_mut().find(|(t, _)| *t == g) {
                        Some((_, range)) => range.end = end,
                        None => joined.push((g, start..end)),
                    }
                }
            }
            start = end;
            word_start += n_words;
        }
        out.extend(joined.into_iter().map(|(group, tokens)| Unit {
            group,
            item: q,
            tokens,
        }));
    }
    out
}

/// The family a sentence joins: of the families its shingles meet (a shingle met by more
/// than `max_postings` families places nothing), not the quote's own, that `fits` passes,
/// the one whose versions `score` ranks highest; ties to the first.
fn target(
    sentence: &[&str],
    own: &[usize],
    postings: &FxHashMap<u64, Vec<usize>>,
    opts: &Params,
    fits: impl Fn(usize) -> bool,
    score: impl Fn(usize) -> usize,
) -> Option<usize> {
    let mut candidates: Vec<usize> = link::shingles(sentence, opts.link.shingle)
        .iter()
        .filter_map(|h| postings.get(h))
        .filter(|l| l.len() <= opts.link.max_postings)
        .flatten()
        .copied()
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    candidates
        .into_iter()
        .filter(|g| !own.contains(g) && fits(*g))
        .max_by_key(|&g| (score(g), std::cmp::Reverse(g)))
}

/// Adds each unit as an item (its tokens, and its byte range in the article for the
/// appearance: the sentence's closing mark included) to the family it joins. Returns the
/// pairs (unit's item, quote's item) and the families joined, each once.
pub(super) fn add<'a>(
    items: &mut Vec<Item<'a>>,
    groups: &mut [Vec<usize>],
    units: Vec<Unit>,
) -> (Vec<(usize, usize)>, Vec<usize>) {
    let mut lenders = Vec::with_capacity(units.len());
    let mut joined = Vec::new();
    for u in units {
        let parent = &items[u.item];
        let tokens = parent.tokens[u.tokens].to_vec();
        let Some(span) = span_of(&parent.article.article.text, &tokens) else {
            continue;
        };
        let unit = Item {
            article: parent.article,
            quote: parent.quote,
            tokens,
            order: parent.order,
            span: Some(span),
            lent: true,
        };
        lenders.push((items.len(), u.item));
        groups[u.group].push(items.len());
        items.push(unit);
        joined.push(u.group);
    }
    joined.sort_unstable();
    joined.dedup();
    (lenders, joined)
}

/// Splits each quote of several paragraphs (not a block quote) into one item per paragraph,
/// each with its byte range: a paragraph is what other outlets quote as a unit, and the
/// finding on an excerpt names the paragraph it cuts, not the whole quote.
pub(super) fn by_paragraph<'a>(
    items: Vec<Item<'a>>,
    article_of: Vec<usize>,
    block: Vec<Option<usize>>,
) -> (Vec<Item<'a>>, Vec<usize>, Vec<Option<usize>>) {
    if items.iter().all(|it| it.q().paragraphs <= 1) {
        return (items, article_of, block);
    }
    let mut out = (Vec::with_capacity(items.len()), Vec::new(), Vec::new());
    for ((it, a), b) in items.into_iter().zip(article_of).zip(block) {
        let text = it.article.article.text.as_str();
        let breaks: Vec<usize> = (1..it.tokens.len())
            .filter(|&k| {
                text.get(it.tokens[k - 1].end..it.tokens[k].start)
                    .is_some_and(|gap| gap.contains('\n'))
            })
            .collect();
        let words_in =
            |r: &Range<usize>| it.tokens[r.clone()].iter().any(|t| t.kind == TokKind::Word);
        let ranges: Vec<Range<usize>> = std::iter::once(0)
            .chain(breaks.iter().copied())
            .zip(breaks.iter().copied().chain([it.tokens.len()]))
            .map(|(s, e)| s..e)
            .filter(words_in)
            .collect();
        if b.is_some() || ranges.len() < 2 {
            out.0.push(Item {
                order: out.0.len(),
                ..it
            });
            out.1.push(a);
            out.2.push(b);
            continue;
        }
        for r in ranges {
            let tokens = it.tokens[r].to_vec();
            let span = span_of(text, &tokens);
            out.0.push(Item {
                article: it.article,
                quote: it.quote,
                tokens,
                order: out.0.len(),
                span,
                lent: false,
            });
            out.1.push(a);
            out.2.push(None);
        }
    }
    out
}

/// The byte range of tokens in the text, with the closing stop of their last sentence.
fn span_of(text: &str, tokens: &[Token]) -> Option<(usize, usize)> {
    let (first, last) = (tokens.first()?, tokens.last()?);
    let end = last.end
        + text
            .get(last.end..)
            .unwrap_or("")
            .bytes()
            .take_while(|b| matches!(b, b'.' | b'!' | b'?'))
            .count();
    Some((first.start, end))
}
