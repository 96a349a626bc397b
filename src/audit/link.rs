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
//! words or more: a splice). Families are
//! the connected components (union-find). Speakers play no part: a misattributed quote
//! must still join its family.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::LinkParams;

pub(crate) use crate::text::fnv1a;

fn hash_words<'a>(words: impl Iterator<Item = &'a str>) -> u64 {
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

/// Candidate pairs (i < j) of quotes that share an uncommon shingle.
pub fn candidates(quotes: &[Vec<&str>], p: &LinkParams) -> Vec<(usize, usize)> {
    let mut postings: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (i, q) in quotes.iter().enumerate() {
        for h in shingles(q, p.shingle) {
            postings.entry(h).or_default().push(i);
        }
    }
    let mut pairs: FxHashSet<(usize, usize)> = FxHashSet::default();
    for list in postings.values() {
        if list.len() < 2 || list.len() > p.max_postings {
            continue;
        }
        for (a, &i) in list.iter().enumerate() {
            for &j in &list[a + 1..] {
                pairs.insert((i.min(j), i.max(j)));
            }
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

/// The length of the longest common contiguous run of words.
pub fn longest_common_run(a: &[&str], b: &[&str]) -> usize {
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
    if allowed > 0 && edits_to_fit(short, long) <= allowed {
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

/// The length of the longest common subsequence of words.
pub fn common_subsequence(a: &[&str], b: &[&str]) -> usize {
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

/// Links the quotes (their normalised words) into families.
pub fn families(quotes: &[Vec<&str>], p: &LinkParams) -> Vec<Vec<usize>> {
    let mut uf = Families::new(quotes.len());
    for (i, j) in candidates(quotes, p) {
        if overlap_coefficient(&quotes[i], &quotes[j]) >= p.min_overlap
            && linked(&quotes[i], &quotes[j])
        {
            uf.union(i, j);
        }
    }
    uf.groups()
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
    fn common_shingles_propose_no_candidates() {
        let quotes: Vec<Vec<&str>> = (0..100).map(|_| w("we will win")).collect();
        let p = LinkParams {
            max_postings: 10,
            ..LinkParams::default()
        };
        assert!(candidates(&quotes, &p).is_empty());
    }

    #[test]
    fn families_are_components_in_input_order() {
        let quotes = vec![
            w("a b c d e f g"),
            w("x y z"),
            w("a b c d e f g h"),
            w("b c d e f g h i"),
        ];
        let fams = families(&quotes, &LinkParams::default());
        assert_eq!(fams, vec![vec![0, 2, 3], vec![1]]);
    }
}
