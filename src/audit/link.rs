//! Which quotes are the same utterance, without comparing every pair.
//!
//! Candidates come from an inverted index of word shingles (three words; a shorter quote is
//! one shingle of all its words); shingles shared by too many quotes are skipped, so the
//! work stays near-linear in the number of quotes. A candidate pair is scored with the
//! overlap coefficient |A∩B| / min(|A|, |B|) — an excerpt of a longer quote scores 1 — and
//! linked by the rules of MemeTracker (Leskovec et al. 2009) and NIFTY (Suen et al. 2013):
//! with S the shorter quote's length in words and O the longest common run of words, link
//! if (S ≤ 5 and O = S), (S = 6 and O ≥ 5), O/(S+3) > 0.5 or O > 10; or when the shorter fits
//! inside the longer with at most one word edit (4–6 words) or two (longer). Two rules are
//! added so that edits inside a quote stay detectable: the shorter's words appear in order in
//! the longer (at least 90% of them, six words or more: an omission or an elision), or the two
//! use nearly the same words with a common run of three or more (overlap at least 0.9, eight
//! words or more: a splice). The connected components of the links (union-find) are then
//! cut around their references (`audit::refine`): a family holds the versions linked to
//! its reference directly that say the same ([`says_the_same`]), not chains. Speakers play
//! no part: a misattributed quote must still join its family.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::LinkParams;

pub(crate) use crate::text::fnv1a;

pub(crate) fn hash_words<'a>(words: impl Iterator<Item = &'a str>) -> u64 {
    // A unit separator between words, so `ab c` and `a bc` differ.
    fnv1a(words.flat_map(|w| w.bytes().chain([0x1f])))
}

/// The shingle hashes of a word sequence.
pub fn shingles(words: &[&str], n: usize) -> Vec<u64> {
    if words.is_empty() {
        return Vec::new();
    }
    if words.len() <= n {
        return vec![hash_words(words.iter().copied())];
    }
    let mut v: Vec<u64> = words
        .windows(n)
        .map(|w| hash_words(w.iter().copied()))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Hubs a quote is paired with through common shingles ([`candidates`]): enough for a quote
/// repeated by hundreds of articles to find the others, few enough that a long quote made of
/// stock phrases costs a handful of comparisons.
const HUBS_PER_QUOTE: usize = 4;

/// Candidate pairs (i < j) of quotes that share a shingle.
///
/// A shingle shared by at most `max_postings` quotes pairs them all. A commoner one (a quote
/// carried by hundreds of articles, or a stock phrase) pairs each of its quotes with one
/// hub only, the shortest quote that holds it: copies of one quote all meet there, and the
/// pairs stay linear in the number of quotes. Each quote meets at most [`HUBS_PER_QUOTE`]
/// hubs.
pub fn candidates(quotes: &[Vec<&str>], p: &LinkParams) -> Vec<(usize, usize)> {
    let mut postings: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (i, q) in quotes.iter().enumerate() {
        for h in shingles(q, p.shingle) {
            postings.entry(h).or_default().push(i);
        }
    }
    let mut pairs: FxHashSet<(usize, usize)> = FxHashSet::default();
    let mut hubs: Vec<(usize, usize)> = Vec::new();
    for list in postings.values() {
        if list.len() < 2 {
            continue;
        }
        if list.len() > p.max_postings {
            let hub = *list
                .iter()
                .min_by_key(|&&i| (quotes[i].len(), i))
                .unwrap_or(&list[0]);
            hubs.extend(list.iter().filter(|&&i| i != hub).map(|&i| (i, hub)));
            continue;
        }
        for (a, &i) in list.iter().enumerate() {
            for &j in &list[a + 1..] {
                pairs.insert((i.min(j), i.max(j)));
            }
        }
    }
    // The hubs of each quote, the shortest first, a few per quote: the order of the
    // postings (a hash map's) must not decide which.
    hubs.sort_unstable_by_key(|&(i, hub)| (i, quotes[hub].len(), hub));
    hubs.dedup();
    let mut taken = 0;
    for (k, &(i, hub)) in hubs.iter().enumerate() {
        taken = if k > 0 && hubs[k - 1].0 == i {
            taken + 1
        } else {
            1
        };
        if taken <= HUBS_PER_QUOTE {
            pairs.insert((i.min(hub), i.max(hub)));
        }
    }
    let mut v: Vec<(usize, usize)> = pairs.into_iter().collect();
    v.sort_unstable();
    v
}

/// |A∩B| / min(|A|, |B|) over word sets.
pub fn overlap_coefficient(a: &[&str], b: &[&str]) -> f64 {
    let sa: FxHashSet<&str> = a.iter().copied().collect();
    let sb: FxHashSet<&str> = b.iter().copied().collect();
    let min = sa.len().min(sb.len());
    if min == 0 {
        return 0.0;
    }
    sa.intersection(&sb).count() as f64 / min as f64
}

/// Comparisons of up to this many cells (words of one × words of the other) run the plain
/// dynamic programmes; larger ones the linear-time algorithms (a suffix automaton, a
/// bit-parallel LCS), which give the same answers: two quotes of 40,000 words each take
/// milliseconds, not the seconds of 1.6 billion cells.
const DP_CELLS: usize = 1 << 16;

/// The length of the longest common contiguous run of words.
pub fn longest_common_run(a: &[&str], b: &[&str]) -> usize {
    if a.len().saturating_mul(b.len()) > DP_CELLS {
        return longest_common_run_linear(a, b);
    }
    longest_common_run_dp(a, b)
}

fn longest_common_run_dp(a: &[&str], b: &[&str]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    let mut best = 0;
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y { prev[j] + 1 } else { 0 };
            best = best.max(cur[j + 1]);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    best
}

/// [`longest_common_run`] in O(|a| + |b|): a suffix automaton of the shorter sequence (its
/// words numbered), walked with the longer one, keeps the longest suffix read so far that
/// occurs in the shorter.
fn longest_common_run_linear(a: &[&str], b: &[&str]) -> usize {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut best = 0;
    matching_runs_linear(short, long, |_, l| best = best.max(l));
    best
}

/// The longest run of words common to both, as (start in `a`, start in `b`, length): the
/// first such run of `b`, at its first occurrence in `a`; `None` when they share no word.
pub(crate) fn longest_common_run_at(a: &[&str], b: &[&str]) -> Option<(usize, usize, usize)> {
    let (mut end, mut len) = (0, 0);
    matching_runs(a, b, |j, l| {
        if l > len {
            (end, len) = (j + 1, l);
        }
    });
    if len == 0 {
        return None;
    }
    let run = &b[end - len..end];
    let at = a.windows(len).position(|w| w == run)?;
    Some((at, end - len, len))
}

/// For each position `j` of `scanned`, in order, calls `f(j, l)` with `l` the length of the
/// longest run of words ending at `j` that occurs in `built` (the matching statistics).
fn matching_runs(built: &[&str], scanned: &[&str], f: impl FnMut(usize, usize)) {
    if built.len().saturating_mul(scanned.len()) > DP_CELLS {
        return matching_runs_linear(built, scanned, f);
    }
    matching_runs_dp(built, scanned, f);
}

fn matching_runs_dp(built: &[&str], scanned: &[&str], mut f: impl FnMut(usize, usize)) {
    // run[i][j]: the common run ending at built[i] and scanned[j]; a row per word of
    // `built`, the best of each column kept.
    let mut best = vec![0usize; scanned.len()];
    let mut prev = vec![0usize; scanned.len() + 1];
    let mut cur = vec![0usize; scanned.len() + 1];
    for x in built {
        for (j, y) in scanned.iter().enumerate() {
            cur[j + 1] = if x == y { prev[j] + 1 } else { 0 };
            best[j] = best[j].max(cur[j + 1]);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    for (j, l) in best.into_iter().enumerate() {
        f(j, l);
    }
}

/// [`matching_runs`] in O(|built| + |scanned|): a suffix automaton of `built` (its words
/// numbered), walked with `scanned`, keeps the longest suffix read so far that occurs in
/// `built`.
fn matching_runs_linear(built: &[&str], scanned: &[&str], mut f: impl FnMut(usize, usize)) {
    const NONE: usize = usize::MAX;
    let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
    for w in built {
        let n = u32::try_from(ids.len()).unwrap_or(u32::MAX);
        ids.entry(w).or_insert(n);
    }
    // State 0 is the root; `link` of the root is NONE.
    let mut len: Vec<usize> = vec![0];
    let mut link: Vec<usize> = vec![NONE];
    let mut next: Vec<FxHashMap<u32, usize>> = vec![FxHashMap::default()];
    let mut last = 0usize;
    for w in built {
        let c = ids[w];
        let cur = len.len();
        len.push(len[last] + 1);
        link.push(0);
        next.push(FxHashMap::default());
        let mut p = last;
        while p != NONE && !next[p].contains_key(&c) {
            next[p].insert(c, cur);
            p = link[p];
        }
        if p != NONE {
            let q = next[p][&c];
            if len[p] + 1 == len[q] {
                link[cur] = q;
            } else {
                let clone = len.len();
                len.push(len[p] + 1);
                link.push(link[q]);
                next.push(next[q].clone());
                while p != NONE && next[p].get(&c) == Some(&q) {
                    next[p].insert(c, clone);
                    p = link[p];
                }
                link[q] = clone;
                link[cur] = clone;
            }
        }
        last = cur;
    }
    let (mut v, mut l) = (0usize, 0usize);
    for (j, w) in scanned.iter().enumerate() {
        let Some(&c) = ids.get(w) else {
            (v, l) = (0, 0);
            f(j, 0);
            continue;
        };
        loop {
            if let Some(&t) = next[v].get(&c) {
                v = t;
                l += 1;
                break;
            }
            if v == 0 {
                l = 0;
                break;
            }
            v = link[v];
            l = len[v];
        }
        f(j, l);
    }
}

/// The fewest word edits to turn `short` into some contiguous stretch of `long`
/// (approximate substring matching).
pub fn edits_to_fit(short: &[&str], long: &[&str]) -> usize {
    // Row for the empty prefix of `short`: 0 everywhere (a match may start anywhere).
    let mut prev = vec![0usize; long.len() + 1];
    for (i, x) in short.iter().enumerate() {
        let mut cur = vec![i + 1; long.len() + 1];
        for (j, y) in long.iter().enumerate() {
            let sub = prev[j] + usize::from(x != y);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev.into_iter().min().unwrap_or(short.len())
}

/// Whether two quotes are the same utterance.
pub fn linked(a: &[&str], b: &[&str]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let s = short.len();
    if s == 0 {
        return false;
    }
    let o = longest_common_run(short, long);
    let by_run = (s <= 5 && o == s) || (s == 6 && o >= 5) || o * 2 > s + 3 || o > 10;
    if by_run {
        return true;
    }
    let allowed = if s < 4 {
        0
    } else if s <= 6 {
        1
    } else {
        2
    };
    // Two edits leave the shorter in at most three unedited pieces, one of them at least
    // (s − 2) / 3 words long: from 33 words on, that is a common run of more than ten,
    // which the run rule has taken already. So the quadratic fit is only ever run on a
    // shorter quote of 32 words or fewer.
    if allowed > 0 && s <= 32 && edits_to_fit(short, long) <= allowed {
        return true;
    }
    // Words left out inside (`A B … D E` of `A B C D E`): the shorter is, nearly, a
    // subsequence of the longer.
    if s >= 6 && common_subsequence(short, long) * 10 >= s * 9 {
        return true;
    }
    // Pieces moved around: nearly the same words in another order, in pieces of three words
    // or more (a bag of common words is not a splice).
    s >= 8 && o >= 3 && overlap_coefficient(short, long) >= 0.9
}

/// Sequences whose shorter has more words than this have their common subsequence counted
/// between anchors ([`common_subsequence_anchored`]), a lower bound, instead of exactly:
/// the exact count costs the product of the lengths (over 64).
const EXACT_SUBSEQUENCE_WORDS: usize = 2_000;

/// The length of the longest common subsequence of words; for two sequences of more than
/// [`EXACT_SUBSEQUENCE_WORDS`] words each, the words common to both in order around and
/// between their anchors (a lower bound, exact when the sequences differ in stretches of
/// fewer than [`ANCHOR_GAP_WORDS`] words).
pub fn common_subsequence(a: &[&str], b: &[&str]) -> usize {
    if a.len().min(b.len()) > EXACT_SUBSEQUENCE_WORDS {
        return common_subsequence_anchored(a, b);
    }
    if a.len().saturating_mul(b.len()) > DP_CELLS {
        return common_subsequence_bits(a, b);
    }
    common_subsequence_dp(a, b)
}

/// Between two anchors, a stretch of more than this many words (both sequences together)
/// counts no common words in [`common_subsequence_anchored`].
const ANCHOR_GAP_WORDS: usize = 2_000;

/// [`common_subsequence`] of two long sequences in near-linear time: the common start and
/// end, the anchors ([`Anchors`]), and the exact count inside each stretch between anchors
/// of at most [`ANCHOR_GAP_WORDS`] words.
fn common_subsequence_anchored(a: &[&str], b: &[&str]) -> usize {
    let Anchors {
        prefix,
        suffix,
        pairs,
    } = Anchors::of(a, b);
    let (a_end, b_end) = (a.len() - suffix, b.len() - suffix);
    let mut common = prefix + suffix + pairs.len();
    let (mut i, mut j) = (prefix, prefix);
    for &(ai, bj) in pairs.iter().chain([(a_end, b_end)].iter()) {
        if (ai - i) + (bj - j) <= ANCHOR_GAP_WORDS {
            common += common_subsequence_bits(&a[i..ai], &b[j..bj]);
        }
        (i, j) = (ai + 1, bj + 1);
    }
    common
}

/// Where two long sequences certainly agree: their common start (`prefix` words) and end
/// (`suffix` words), and in between the words that occur once in each (as in patience
/// diff), in an order both share (a longest increasing sequence of their positions).
pub(crate) struct Anchors {
    pub prefix: usize,
    pub suffix: usize,
    /// (position in the first, position in the second), increasing in both.
    pub pairs: Vec<(usize, usize)>,
}

impl Anchors {
    pub(crate) fn of(a: &[&str], b: &[&str]) -> Anchors {
        let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        let suffix = a[prefix..]
            .iter()
            .rev()
            .zip(b[prefix..].iter().rev())
            .take_while(|(x, y)| x == y)
            .count();
        let (a_end, b_end) = (a.len() - suffix, b.len() - suffix);
        // (count in a, position in a, count in b, position in b)
        let mut seen: FxHashMap<&str, (u32, usize, u32, usize)> = FxHashMap::default();
        for (i, w) in a[prefix..a_end].iter().enumerate() {
            let e = seen.entry(w).or_insert((0, 0, 0, 0));
            e.0 += 1;
            e.1 = prefix + i;
        }
        for (j, w) in b[prefix..b_end].iter().enumerate() {
            if let Some(e) = seen.get_mut(w) {
                e.2 += 1;
                e.3 = prefix + j;
            }
        }
        let mut pairs: Vec<(usize, usize)> = seen
            .values()
            .filter(|e| e.0 == 1 && e.2 == 1)
            .map(|e| (e.1, e.3))
            .collect();
        pairs.sort_unstable();
        Anchors {
            prefix,
            suffix,
            pairs: increasing(&pairs),
        }
    }
}

/// The longest subsequence of `pairs` (sorted by their first position) whose second
/// positions increase too: O(n log n), the first such subsequence in order.
fn increasing(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // tails[k]: index in `pairs` of the smallest tail of an increasing run of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = vec![None; pairs.len()];
    for (i, &(_, b)) in pairs.iter().enumerate() {
        let k = tails.partition_point(|&t| pairs[t].1 < b);
        before[i] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(i) = at {
        out.push(pairs[i]);
        at = before[i];
    }
    out.reverse();
    out
}

/// [`common_subsequence`] sixty-four cells at a time (Crochemore et al., "A fast and
/// practical bit-vector algorithm for the longest common subsequence problem", 2001): one
/// bit per word of the shorter sequence, one pass over the longer; O(|long| × |short| / 64)
/// time and O(|short|) memory.
fn common_subsequence_bits(a: &[&str], b: &[&str]) -> usize {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let m = short.len();
    let blocks = m.div_ceil(64);
    let mut at: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, w) in short.iter().enumerate() {
        at.entry(w).or_default().push(i);
    }
    let mut v = vec![u64::MAX; blocks];
    let mut mask = vec![0u64; blocks];
    for w in long {
        // A word the shorter lacks leaves V as it is.
        let Some(list) = at.get(w) else { continue };
        for &i in list {
            mask[i / 64] |= 1 << (i % 64);
        }
        let mut carry = false;
        for (vk, &mk) in v.iter_mut().zip(&mask) {
            let u = *vk & mk;
            let (sum, c1) = vk.overflowing_add(u);
            let (sum, c2) = sum.overflowing_add(u64::from(carry));
            carry = c1 || c2;
            *vk = sum | (*vk & !mk);
        }
        for &i in list {
            mask[i / 64] = 0;
        }
    }
    // The LCS is the number of zero bits among the first m.
    let mut zeros = 0usize;
    for (k, vk) in v.iter().enumerate() {
        let bits = if k + 1 == blocks && m % 64 != 0 {
            (1u64 << (m % 64)) - 1
        } else {
            u64::MAX
        };
        zeros += (!vk & bits).count_ones() as usize;
    }
    zeros
}

fn common_subsequence_dp(a: &[&str], b: &[&str]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Union-find over quote indices.
pub struct Families {
    parent: Vec<usize>,
}

impl Families {
    pub fn new(n: usize) -> Self {
        Families {
            parent: (0..n).collect(),
        }
    }

    pub fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    pub fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        // The smaller index becomes the root, so families come out in input order.
        if ra != rb {
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            self.parent[hi] = lo;
        }
    }

    /// The families, each sorted, in order of their first member.
    pub fn groups(mut self) -> Vec<Vec<usize>> {
        let n = self.parent.len();
        let mut by_root: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
        for i in 0..n {
            let r = self.find(i);
            by_root.entry(r).or_default().push(i);
        }
        let mut v: Vec<Vec<usize>> = by_root.into_values().collect();
        v.sort_by_key(|g| g[0]);
        v
    }
}

/// The linked pairs (i < j) among the quotes (their normalised words), sorted.
#[cfg(test)]
pub fn edges(quotes: &[Vec<&str>], p: &LinkParams) -> Vec<(usize, usize)> {
    edges_or(quotes, p, |_, _| false)
}

/// [`edges`], with the candidate pairs that `also` accepts though the link rules do not (a
/// reworded version of the same speaker's statement).
pub fn edges_or(
    quotes: &[Vec<&str>],
    p: &LinkParams,
    also: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    candidates(quotes, p)
        .into_iter()
        .filter(|&(i, j)| {
            overlap_coefficient(&quotes[i], &quotes[j]) >= p.min_overlap
                && (linked(&quotes[i], &quotes[j]) || also(i, j))
        })
        .collect()
}

/// The connected components of `edges` over `n` quotes, each sorted, in order of their
/// first member.
pub fn components(n: usize, edges: &[(usize, usize)]) -> Vec<Vec<usize>> {
    let mut uf = Families::new(n);
    for &(i, j) in edges {
        uf.union(i, j);
    }
    uf.groups()
}

/// Words in a common run shorter than this (three words, or the whole version when it is
/// shorter) are not evidence that a version comes from the reference: any two statements
/// share `of the` or `we will`.
const PIECE_WORDS: usize = 3;

/// Content words a version must share with the reference to be an edit of it, unless it
/// shares all of its own.
const SHARED_CONTENT_WORDS: usize = 3;

/// Whether a version says what the reference says: more than four of its words in five are
/// the reference's, either in order (an excerpt, an omission, a word changed here and
/// there) or in runs of three words or more (in any order: a splice of the reference's
/// pieces says the same); and those shared words hold at least three of its content words
/// (`function` tells the others), or all of them. A version that shares a run with the
/// reference but words the rest its own way (`That all changes starting right here and
/// right now` against `This American carnage stops right here and stops right now`), or a
/// short one that shares only `we have got a … challenge`, is more often another statement
/// of the speaker's than an edit of this one, and a wording change reported on it would
/// accuse the outlet on weak evidence.
pub fn says_the_same(
    version: &[&str],
    reference: &[&str],
    function: impl Fn(&str) -> bool,
) -> bool {
    let enough = |n: usize| n * 5 > version.len() * 4;
    let n_content = version.iter().filter(|w| !function(w)).count();
    let content_ok = |shared: usize| shared >= SHARED_CONTENT_WORDS.min(n_content);
    said_in_pieces(version, reference, &function)
        || (enough(common_subsequence(version, reference))
            && content_ok(content_in_order(version, reference, &function)))
}

/// The stricter half of [`says_the_same`]: more than four of the version's words in five lie
/// in runs of three words or more that the reference holds (not words scattered through
/// it), and they hold three of its content words, or all of them.
pub fn said_in_pieces(
    version: &[&str],
    reference: &[&str],
    function: impl Fn(&str) -> bool,
) -> bool {
    let n_content = version.iter().filter(|w| !function(w)).count();
    let covered = covered_by_pieces(version, reference);
    covered.len() * 5 > version.len() * 4
        && covered.iter().filter(|&&i| !function(version[i])).count()
            >= SHARED_CONTENT_WORDS.min(n_content)
}

/// The content words (not `function` words) of `version` that occur in `reference`'s, in
/// order.
fn content_in_order(
    version: &[&str],
    reference: &[&str],
    function: &impl Fn(&str) -> bool,
) -> usize {
    let v: Vec<&str> = version.iter().copied().filter(|w| !function(w)).collect();
    let r: Vec<&str> = reference.iter().copied().filter(|w| !function(w)).collect();
    common_subsequence(&v, &r)
}

/// Words in a row a reworded version must share with the reference ([`reworded_same`]): two
/// statements of one speaker share five by chance (`we have got a big challenge`), rarely
/// six.
const REWORDED_RUN: usize = 6;

/// Whether a version of the same speaker's statement rewords the reference rather than
/// saying something else: three of its words in four are the reference's, in order, and in
/// runs of [`PIECE_WORDS`] or more (a restatement that starts like the reference and then goes
/// its own way is another statement); they hold [`SHARED_CONTENT_WORDS`] of its content
/// words; and [`REWORDED_RUN`] of them run together. Weaker than [`says_the_same`]: a caller
/// asks it only when both outlets give the quote to the same named person, which is evidence
/// of its own that the two are one statement (`nobody at the council asked why … and they
/// closed his firm` against `nobody asked why … and it closed his firm, and I think…`).
pub fn reworded_same(
    version: &[&str],
    reference: &[&str],
    function: impl Fn(&str) -> bool,
) -> bool {
    let three_in_four = |n: usize| n * 4 >= version.len() * 3;
    version.len() >= REWORDED_RUN
        && longest_common_run(version, reference) >= REWORDED_RUN
        && three_in_four(covered_by_pieces(version, reference).len())
        && three_in_four(common_subsequence(version, reference))
        && content_in_order(version, reference, &function)
            >= SHARED_CONTENT_WORDS.min(version.iter().filter(|w| !function(w)).count())
}

/// The positions of `version` that lie in a run of at least [`PIECE_WORDS`] words (or all
/// of `version`) occurring in `reference`, in order.
fn covered_by_pieces(version: &[&str], reference: &[&str]) -> Vec<usize> {
    let piece = PIECE_WORDS.min(version.len()).max(1);
    // Runs end at increasing positions and their starts never move back (a run ending at
    // j + 1 is at most one word longer than the one ending at j), so the covered words are
    // found in one sweep.
    let (mut covered, mut reach) = (Vec::new(), 0usize);
    matching_runs(reference, version, |j, l| {
        if l >= piece {
            covered.extend((j + 1 - l).max(reach)..=j);
            reach = j + 1;
        }
    });
    covered
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<&str> {
        s.split_whitespace().collect()
    }

    #[test]
    fn excerpt_links_to_its_source() {
        let long = w(
            "i am announcing that china will no longer have any involvement whatsoever in our cloud services effective immediately",
        );
        let short = w(
            "china will no longer have any involvement whatsoever in our cloud services effective immediately",
        );
        assert_eq!(overlap_coefficient(&short, &long), 1.0);
        assert!(linked(&short, &long));
    }

    #[test]
    fn short_quotes_need_all_their_words() {
        assert!(linked(
            &w("obviously unacceptable"),
            &w("this is obviously unacceptable")
        ));
        assert!(!linked(
            &w("obviously fine"),
            &w("this is obviously unacceptable")
        ));
    }

    #[test]
    fn one_edit_in_a_short_quote_still_links() {
        assert!(linked(
            &w("we will not back down"),
            &w("we will never back down now")
        ));
    }

    #[test]
    fn unrelated_quotes_do_not_link() {
        assert!(!linked(
            &w("the economy is strong and growing"),
            &w("we will defeat her in november")
        ));
    }

    #[test]
    fn common_shingles_pair_each_quote_with_a_hub() {
        let tails: Vec<String> = (0..100).map(|i| format!("w{i}")).collect();
        let mut quotes: Vec<Vec<&str>> = tails
            .iter()
            .map(|t| vec!["we", "will", "win", t.as_str()])
            .collect();
        quotes.push(w("we will win"));
        let p = LinkParams {
            max_postings: 10,
            ..LinkParams::default()
        };
        let pairs = candidates(&quotes, &p);
        // Every copy meets the shortest quote holding the shingle, and nothing else.
        assert_eq!(pairs.len(), 100);
        assert!(pairs.iter().all(|&(i, j)| j == 100 && i < 100), "{pairs:?}");
        // Copies of one quote, whatever their number, all become candidates of one.
        let copies: Vec<Vec<&str>> = (0..70).map(|_| w("we will never surrender")).collect();
        let pairs = candidates(&copies, &LinkParams::default());
        assert_eq!(pairs.len(), 69);
        assert_eq!(components(70, &pairs).len(), 1);
    }

    /// Words from a small alphabet, so that runs and subsequences are long.
    fn random_words(seed: &mut u64, n: usize, alphabet: u64) -> Vec<&'static str> {
        const A: [&str; 6] = ["a", "b", "c", "d", "e", "f"];
        (0..n)
            .map(|_| {
                *seed ^= *seed << 13;
                *seed ^= *seed >> 7;
                *seed ^= *seed << 17;
                A[(*seed % alphabet) as usize]
            })
            .collect()
    }

    #[test]
    fn the_linear_algorithms_agree_with_the_dynamic_programmes() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for round in 0..400 {
            let alphabet = 2 + (round % 5) as u64;
            let n = (round * 7) % 90;
            let m = (round * 13) % 130;
            let a = random_words(&mut seed, n, alphabet);
            let b = random_words(&mut seed, m, alphabet);
            assert_eq!(
                longest_common_run_linear(&a, &b),
                longest_common_run_dp(&a, &b),
                "run {a:?} {b:?}"
            );
            assert_eq!(
                common_subsequence_bits(&a, &b),
                common_subsequence_dp(&a, &b),
                "subsequence {a:?} {b:?}"
            );
        }
    }

    #[test]
    fn the_anchored_subsequence_is_a_lower_bound_and_exact_for_scattered_edits() {
        let mut seed = 3u64;
        // Distinct words, so that most are anchors.
        let a: Vec<String> = (0..5_000).map(|i| format!("w{i}")).collect();
        let mut b = a.clone();
        for (i, w) in b.iter_mut().enumerate() {
            if i % 9 == 4 {
                *w = format!("x{i}");
            }
        }
        b.drain(2_000..2_100);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        let b: Vec<&str> = b.iter().map(String::as_str).collect();
        assert_eq!(
            common_subsequence_anchored(&a, &b),
            common_subsequence_bits(&a, &b)
        );
        // Few anchors (a small alphabet): never more than the exact count.
        for _ in 0..5 {
            let a = random_words(&mut seed, 3_000, 6);
            let b = random_words(&mut seed, 2_500, 6);
            assert!(common_subsequence_anchored(&a, &b) <= common_subsequence_bits(&a, &b));
        }
    }

    #[test]
    fn long_quotes_compare_in_linear_time() {
        // 200,000 words against 200,000: 4·10¹⁰ cells for the dynamic programmes.
        let mut seed = 7u64;
        let a = random_words(&mut seed, 200_000, 6);
        let mut b = a.clone();
        b.rotate_left(1000);
        assert!(longest_common_run(&a, &b) >= 199_000);
        assert!(linked(&a, &b));
    }

    fn says_the_same_(v: &[&str], r: &[&str]) -> bool {
        let lexicon = crate::lexicon::Lexicon::builtin();
        says_the_same(v, r, |w| lexicon.is_function_word(w))
    }

    #[test]
    fn a_version_says_the_same_when_its_words_are_the_references_pieces() {
        let r = w("this american carnage stops right here and stops right now");
        assert!(!says_the_same_(
            &w("that all changes starting right here and right now"),
            &r
        ));
        assert!(says_the_same_(
            &w("this american carnage stops right here"),
            &r
        ));
        // A splice: the reference's pieces in another order.
        assert!(says_the_same_(
            &w("stops right here and stops right now this american carnage"),
            &r
        ));
        // One word of five replaced is one word too many; and of six, when the others are
        // `we have got a`: one content word of three.
        assert!(!says_the_same_(
            &w("we've got a real challenge"),
            &w("frankly we've got a big challenge and work to do")
        ));
        assert!(!says_the_same_(
            &w("we have got a real challenge"),
            &w("frankly we have got a big challenge and work to do")
        ));
        assert!(says_the_same_(&w("carnage"), &r));
        // Words left out inside: in order, all of them the reference's.
        assert!(says_the_same_(
            &w("i know you're under duress"),
            &w("i know you're under a lot of duress")
        ));
    }

    #[test]
    fn matching_runs_agree_with_the_dynamic_programme() {
        let mut seed = 0x51u64;
        for round in 0..300 {
            let alphabet = 2 + (round % 5) as u64;
            let a = random_words(&mut seed, (round * 7) % 70, alphabet);
            let b = random_words(&mut seed, (round * 11) % 90, alphabet);
            let (mut x, mut y) = (Vec::new(), Vec::new());
            matching_runs_dp(&a, &b, |j, l| x.push((j, l)));
            matching_runs_linear(&a, &b, |j, l| y.push((j, l)));
            assert_eq!(x, y, "{a:?} {b:?}");
        }
    }

    #[test]
    fn families_are_components_in_input_order() {
        let quotes = vec![
            w("a b c d e f g"),
            w("x y z"),
            w("a b c d e f g h"),
            w("b c d e f g h i"),
        ];
        let fams = components(quotes.len(), &edges(&quotes, &LinkParams::default()));
        assert_eq!(fams, vec![vec![0, 2, 3], vec![1]]);
    }
}
