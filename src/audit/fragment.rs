//! Links for quotes too short for the shingle index, and for terms that are someone's words.
//!
//! Both are placed the same way: a short run of words is looked up in the quotes that hold
//! it as a run ([`Holders`]), and linked only when every holder is one speaker's and one
//! utterance (one component of the other links): a run that two statements hold could be
//! either, and is left alone.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::link::Families;
use super::{Item, Params, index_u32, same_person};
use crate::lexicon::Introducer;
use crate::text::normalize::{TokKind, Token};

/// Occurrences of a run's rarest word past which the word is too common to place it.
const FRAGMENT_POSTINGS: usize = 256;

/// Words a term must have to be placed in another quote: one word (`"strong"`, `"God"`)
/// occurs in any speech by chance; two in a row that a speaker's quote holds
/// (`"a con"`, `"deeply troubled"`) are a borrowing of that quote.
const TERM_WORDS: usize = 2;

/// Every occurrence of every word of the quotes that can hold a run: (quote, position).
struct Holders<'w> {
    postings: FxHashMap<&'w str, Vec<(u32, u32)>>,
}

impl<'w> Holders<'w> {
    fn new(words: &[Vec<&'w str>], holds: impl Fn(usize) -> bool) -> Self {
        let mut postings: FxHashMap<&str, Vec<(u32, u32)>> = FxHashMap::default();
        for (i, w) in words.iter().enumerate().filter(|&(i, _)| holds(i)) {
            for (k, &x) in w.iter().enumerate() {
                postings
                    .entry(x)
                    .or_default()
                    .push((index_u32(i), index_u32(k)));
            }
        }
        Holders { postings }
    }

    /// The quotes (with the run's position in each) that hold `run` as a run of words and
    /// pass `keep`, in input order. The rarest word's occurrences are the only places the
    /// run can be; a word that occurs too often places nothing, so each run costs at most
    /// [`FRAGMENT_POSTINGS`] checks, whatever the quotes hold.
    fn of(
        &self,
        run: &[&str],
        words: &[Vec<&str>],
        keep: impl Fn(usize) -> bool,
    ) -> Vec<(usize, usize)> {
        let Some((at, list)) = run
            .iter()
            .enumerate()
            .map(|(k, w)| (k, self.postings.get(w).map_or(&[][..], Vec::as_slice)))
            .min_by_key(|(_, l)| l.len())
            .filter(|(_, l)| !l.is_empty() && l.len() <= FRAGMENT_POSTINGS)
        else {
            return Vec::new();
        };
        let mut out: Vec<(usize, usize)> = list
            .iter()
            .filter_map(|&(t, pos)| {
                let (t, pos) = (t as usize, pos as usize);
                let start = pos.checked_sub(at)?;
                (words[t].get(start..start + run.len()) == Some(run) && keep(t))
                    .then_some((t, start))
            })
            .collect();
        // One entry per quote: its first occurrence of the run.
        out.dedup_by_key(|(t, _)| *t);
        out
    }
}

/// Whether all the quotes are one utterance: one component of the links so far.
fn one_utterance(uf: &mut Families, quotes: &[(usize, usize)]) -> bool {
    let Some(&(first, _)) = quotes.first() else {
        return false;
    };
    let root = uf.find(first);
    quotes.iter().all(|&(t, _)| uf.find(t) == root)
}

/// Links for fragments: quotes of fewer words than a shingle (`"malarkey"`, `"very
/// badly"`), which no shingle proposes. A fragment is linked to the quotes that hold its
/// words as a run and have the same speaker, when those quotes are one utterance (one
/// component of the other links): a fragment that two different statements of its speaker
/// hold could be either, and is left alone. A fragment without a speaker is left alone too.
pub(super) fn fragment_edges(
    words: &[Vec<&str>],
    speakers: &[Option<&str>],
    edges: &[(usize, usize)],
    opts: &Params,
) -> Vec<(usize, usize)> {
    let short = |i: usize| words[i].len() < opts.link.shingle;
    if !(0..words.len()).any(short) {
        return Vec::new();
    }
    let holders = Holders::new(words, |i| !short(i));
    let mut uf = Families::new(words.len());
    for &(i, j) in edges {
        uf.union(i, j);
    }
    let mut out = Vec::new();
    for f in (0..words.len()).filter(|&i| short(i)) {
        let Some(speaker) = speakers[f] else {
            continue;
        };
        let targets = holders.of(&words[f], words, |t| {
            speakers[t].is_some_and(|s| same_person(opts.lexicon, s, speaker))
        });
        if one_utterance(&mut uf, &targets) {
            out.extend(targets.iter().map(|&(t, _)| (f.min(t), f.max(t))));
        }
    }
    out
}

/// Links for terms that are someone's words: a phrase an article puts in quotation marks
/// without a speaker (`He deemed the plan "a con"`), which another quote of the story gives
/// to a speaker as part of what they said (`"New Yorkers know a con when we see one," Ana
/// Ruiz said`). The article is quoting that speaker, not coining a term: the phrase joins
/// that utterance's family when it has [`TERM_WORDS`] words or more, every quote holding it
/// is one speaker's and one utterance, and no holder writes it as a name (`"tea party"`
/// against `names like Tea Party`: a name is nobody's wording). The term keeps its kind and
/// no speaker: its article names none.
///
/// `speech` are the items the other links are among; `terms` the term items after them.
pub(super) fn term_edges(
    speech: usize,
    terms: Range<usize>,
    items: &[Item],
    words: &[Vec<&str>],
    speakers: &[Option<&str>],
    edges: &[(usize, usize)],
    opts: &Params,
) -> Vec<(usize, usize)> {
    if terms.is_empty() {
        return Vec::new();
    }
    let holders = Holders::new(&words[..speech], |i| speakers[i].is_some());
    let mut uf = Families::new(speech);
    for &(i, j) in edges {
        uf.union(i, j);
    }
    let mut out = Vec::new();
    for t in terms {
        let run = words[t].as_slice();
        if run.len() < TERM_WORDS || names_a_work(&items[t], opts) {
            continue;
        }
        let found = holders.of(run, words, |h| speakers[h].is_some());
        let Some(speaker) = found.first().and_then(|&(h, _)| speakers[h]) else {
            continue;
        };
        let one_speaker = found
            .iter()
            .all(|&(h, _)| speakers[h].is_some_and(|s| same_person(opts.lexicon, s, speaker)));
        let named = found
            .iter()
            .any(|&(h, at)| written_as_name(&items[h], at, run.len(), opts));
        if one_speaker && !named && one_utterance(&mut uf, &found) {
            out.extend(found.iter().map(|&(h, _)| (h, t)));
        }
    }
    out
}

/// Whether a term is the name of a work or the text of a sign (`his memoir, "From Hope to
/// Higher Ground,"`, `a banner reading "…"`): the word before it says so
/// (`grammar/term_introducers.txt`). A title that shares words with a speech is still no
/// one's utterance.
fn names_a_work(item: &Item, opts: &Params) -> bool {
    let text = item.article.article.text.as_str();
    let q = item.q();
    let before = text
        .get(..q.start)
        .unwrap_or("")
        .trim_end_matches([',', ' ', ':']);
    let word = before
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '-'))
        .next()
        .unwrap_or("")
        .to_lowercase();
    matches!(
        opts.lexicon.term_introducer(&word),
        Some(Introducer::Title | Introducer::Slogan)
    )
}

/// Whether a quote writes its words `at..at + n` as a name: each of its content words
/// capitalised (`Tea Party`, `In God We Trust`).
fn written_as_name(item: &Item, at: usize, n: usize, opts: &Params) -> bool {
    let text = item.article.article.text.as_str();
    let words: Vec<&Token> = item
        .tokens
        .iter()
        .filter(|t| t.kind == TokKind::Word)
        .skip(at)
        .take(n)
        .collect();
    let content: Vec<&&Token> = words
        .iter()
        .filter(|t| !opts.lexicon.is_function_word(&t.norm))
        .collect();
    !content.is_empty()
        && content.iter().all(|t| {
            text.get(t.start..t.end)
                .and_then(|w| w.chars().next())
                .is_some_and(char::is_uppercase)
        })
}
