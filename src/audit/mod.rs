//! The fourth stage: compare the same quote across outlets (`quotecheck audit`).
//!
//! Within each story (the JSON Lines field `story`, or all input as one story), every
//! direct or partial quote is normalised (`text::normalize`), linked to the other versions of the
//! same utterance (`link`: a shingle index, never all pairs), grouped into families, and
//! each version is compared with the family's reference — the longest version, ties going
//! to the earliest date, then input order (`classify`). The result lists discrepancies
//! with their evidence, not verdicts: a category, a severity, the word diff and the raw
//! words of both texts.

mod block;
mod classify;
mod evidence;
mod fragment;
pub(crate) mod link;
pub(crate) mod merge;
mod units;

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::lexicon::Lexicon;
use crate::model::{
    Appearance, ArticleQuotes, Category, Elsewhere, Family, Finding, FirstAppearance, Kind,
    LinkParams, Quote, Resolution, Severity, SpeakerType, Story, StoryType,
};
use crate::text::normalize::{self, Token};
use classify::{CUT_AT_END, CUT_AT_START};
use evidence::{How, attribution};

/// Absent outlets named in a single-outlet finding's detail; more are counted.
const NAMED_ABSENT: usize = 5;

/// What an audit runs with: the link thresholds and the lexicon (for spelling variants).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Params<'a> {
    pub link: LinkParams,
    pub lexicon: &'a Lexicon,
}

/// A quote entering the audit.
struct Item<'a> {
    article: &'a ArticleQuotes,
    quote: usize,
    tokens: Vec<Token>,
    /// Position in the input, for the reference tie-break.
    order: usize,
    /// For a part of the quote (a paragraph of a quote of several, or sentences that join
    /// another family, `units`): its byte range in the article text, which the appearance
    /// reports instead of the whole quote.
    span: Option<(usize, usize)>,
    /// Whether the item is sentences a quote lends to another family (`units`).
    lent: bool,
}

impl Item<'_> {
    fn q(&self) -> &Quote {
        &self.article.quotes[self.quote]
    }
    /// What the appearance reports: the quote, or its part (a paragraph, sentences lent to
    /// another family) with the part's own text and offsets; (text, byte start, byte end,
    /// code-point start, code-point end).
    fn shown(&self) -> (&str, usize, usize, usize, usize) {
        let (q, text) = (self.q(), self.article.article.text.as_str());
        match self.span {
            Some((s, e)) => {
                let cs = q.char_start + text.get(q.start..s).map_or(0, |t| t.chars().count());
                let ce = cs + text.get(s..e).map_or(0, |t| t.chars().count());
                (text.get(s..e).unwrap_or(""), s, e, cs, ce)
            }
            None => (q.text.as_str(), q.start, q.end, q.char_start, q.char_end),
        }
    }
    /// The words compared, without the quotation marks: the quote's content, or the part.
    fn content(&self) -> &str {
        let (q, text) = (self.q(), self.article.article.text.as_str());
        let (s, e) = self.span.unwrap_or((q.content_start, q.content_end));
        text.get(s..e).unwrap_or("")
    }
    fn outlet(&self) -> String {
        outlet_of(self.article)
    }
}

fn outlet_of(a: &ArticleQuotes) -> String {
    a.article
        .outlet
        .clone()
        .unwrap_or_else(|| a.article.id.clone())
}

/// Audits articles (already through `process`), grouped into stories.
///
/// The result depends on the set of articles, not on their order: stories come sorted by
/// name and a story's articles are taken in order of id (then outlet and text). So the
/// audit of a corpus split in parts, in any order, merges into the audit of the whole
/// ([`merge::merge`]).
pub(crate) fn audit(articles: &[ArticleQuotes], opts: &Params) -> Vec<Story> {
    let mut by_story: BTreeMap<(&str, StoryType), Vec<&ArticleQuotes>> = BTreeMap::new();
    for a in articles {
        by_story.entry(story_of(a)).or_default().push(a);
    }
    by_story
        .into_iter()
        .map(|(key, mut arts)| {
            arts.sort_by(|a, b| {
                (&a.article.id, &a.article.outlet, &a.article.text).cmp(&(
                    &b.article.id,
                    &b.article.outlet,
                    &b.article.text,
                ))
            });
            audit_story(key, &arts, opts)
        })
        .collect()
}

/// The blocking key of a record: 16 hex digits of a hash of its story (name and type).
/// Records with equal keys must be audited together; two stories sharing a key (a hash
/// collision) are merely audited in the same group, which changes nothing, since families
/// never cross stories.
pub(crate) fn blocking_key(story: Option<&str>, story_type: StoryType) -> String {
    let hash = match story_key(story, story_type) {
        (name, StoryType::String) => link::fnv1a(name.bytes()),
        // Bytes that no UTF-8 text holds: such stories never share a key with a string one
        // by construction (only by a collision of the hash).
        (name, StoryType::Value) => link::fnv1a([0xfe].into_iter().chain(name.bytes())),
        (_, StoryType::None) => link::fnv1a([0xff]),
    };
    format!("{hash:016x}")
}

/// The story an article is audited in: its `story` (or `--group-by` field) and what named
/// it, else `all` of type `none`.
pub(crate) fn story_of(a: &ArticleQuotes) -> (&str, StoryType) {
    story_key(a.article.story.as_deref(), a.article.story_type)
}

/// A story's name and type: articles without a story are `all` of type `none`, which is not
/// the story given as the string `"all"`.
fn story_key(story: Option<&str>, story_type: StoryType) -> (&str, StoryType) {
    match (story, story_type) {
        (None, _) => ("all", StoryType::None),
        (Some(s), StoryType::Value) => (s, StoryType::Value),
        (Some(s), _) => (s, StoryType::String),
    }
}

/// Adds the quotes of `articles` whose kind `keep` passes and that hold a word, as whole
/// quotes, in input order, with the index of each one's article.
fn push_quotes<'a>(
    articles: &[&'a ArticleQuotes],
    keep: impl Fn(Kind) -> bool,
    opts: &Params,
    items: &mut Vec<Item<'a>>,
    article_of: &mut Vec<usize>,
) {
    for (ai, a) in articles.iter().enumerate() {
        for (qi, q) in a.quotes.iter().enumerate() {
            if !keep(q.kind) {
                continue;
            }
            let tokens = normalize::tokens(
                &a.article.text,
                q.content_start,
                q.content_end,
                opts.lexicon,
            );
            if normalize::words(&tokens).next().is_none() {
                continue;
            }
            article_of.push(ai);
            items.push(Item {
                article: a,
                quote: qi,
                tokens,
                order: items.len(),
                span: None,
                lent: false,
            });
        }
    }
}

fn audit_story(
    (story, story_type): (&str, StoryType),
    articles: &[&ArticleQuotes],
    opts: &Params,
) -> Story {
    let mut items: Vec<Item> = Vec::new();
    let mut article_of: Vec<usize> = Vec::new();
    push_quotes(
        articles,
        |k| matches!(k, Kind::Direct | Kind::Partial),
        opts,
        &mut items,
        &mut article_of,
    );
    // The words of whole articles, indexed by shingle, for the single-outlet check and the
    // block quotes; built only when the story has more than one outlet, or a long quote.
    let mut text_index: Option<TextIndex> = None;
    // A block quote of another article is no speaker's utterance (found on whole quotes).
    let mut block = vec![None; items.len()];
    // (A quote has at least as many tokens as words: most stories have no quote that long.)
    if articles.len() > 1 && items.iter().any(|it| it.tokens.len() >= block::BLOCK_WORDS) {
        let words: Vec<Vec<&str>> = items
            .iter()
            .map(|it| normalize::words(&it.tokens).collect())
            .collect();
        if words.iter().any(|w| w.len() >= block::BLOCK_WORDS) {
            let index = text_index
                .get_or_insert_with(|| TextIndex::new(articles, &opts.link, opts.lexicon));
            let text = block::ArticleWords {
                words: &index.words,
                starts: &index.starts,
                id: |w: &str| index.ids.get(w).copied().unwrap_or(u32::MAX),
            };
            block = block::block_quotes(articles, &text, &article_of, &words);
        }
    }
    // A quote of several paragraphs is compared paragraph by paragraph.
    (items, article_of, block) = units::by_paragraph(items, article_of, block);
    // Terms follow the speech: they link only as a speaker's words another quote holds
    // (`fragment::term_edges`).
    let speech = items.len();
    push_quotes(
        articles,
        |k| k == Kind::Term,
        opts,
        &mut items,
        &mut article_of,
    );
    block.resize(items.len(), None);
    let words: Vec<Vec<&str>> = items
        .iter()
        .map(|it| normalize::words(&it.tokens).collect())
        .collect();
    let function = |w: &str| opts.lexicon.is_function_word(w);
    // A reworded version of the same speaker's statement: the shorter is the version.
    let reworded = |i: usize, j: usize| {
        let (v, r) = if words[i].len() <= words[j].len() {
            (i, j)
        } else {
            (j, i)
        };
        link::reworded_same(&words[v], &words[r], function)
            && same_named_speaker(&items[i], &items[j], opts.lexicon)
    };
    let mut edges = link::edges_or(&words[..speech], &opts.link, reworded);
    let speakers: Vec<Option<&str>> = items
        .iter()
        .map(|it| it.q().speaker.as_ref().map(|s| s.name.as_str()))
        .collect();
    // A fragment whose speaker is one of several (`Mr. Trump and his allies … assailing it
    // as a "witch hunt"`) is what they all say, not one statement of one of them.
    let fragment_speakers: Vec<Option<&str>> = items
        .iter()
        .zip(&speakers)
        .map(|(it, s)| s.filter(|_| !joint_speaker(it)))
        .collect();
    edges.extend(fragment::fragment_edges(
        &words[..speech],
        &fragment_speakers[..speech],
        &edges,
        opts,
    ));
    edges.extend(fragment::term_edges(
        speech,
        speech..items.len(),
        &items,
        &words,
        &fragment_speakers,
        &edges,
        opts,
    ));
    // A block quote of another article is no speaker's utterance: it links to nothing.
    edges.retain(|&(i, j)| block[i].is_none() && block[j].is_none());
    let mut groups = refine(
        link::components(words.len(), &edges),
        &edges,
        &words,
        |g| reference_of(g, &items, &words),
        |r| {
            normalize::sentences(
                &items[r].article.article.text,
                &items[r].tokens,
                opts.lexicon,
            )
        },
        |a, b| same_named_speaker(&items[a], &items[b], opts.lexicon),
        opts.lexicon,
    );
    // A term is audited only in the family of the quote it borrows from.
    groups.retain(|g| g.iter().any(|&m| m < speech));
    // Sentences of a quote that join another outlet's longer quote's family.
    let units = units::units(
        &groups,
        |g| reference_of(g, &items, &words),
        &items,
        &words,
        &article_of,
        &block,
        opts,
    );
    let (words, lenders, joined) = if units.is_empty() {
        (words, Vec::new(), Vec::new())
    } else {
        drop(words);
        let (lenders, joined) = units::add(&mut items, &mut groups, units);
        block.resize(items.len(), None);
        let words: Vec<Vec<&str>> = items
            .iter()
            .map(|it| normalize::words(&it.tokens).collect())
            .collect();
        (words, lenders, joined)
    };
    // A family that a sentence joined is split by the sentences of its reference again, so
    // that the sentence is compared with the versions of that sentence only.
    for g in joined {
        let group = std::mem::take(&mut groups[g]);
        let r = reference_of(&group, &items, &words);
        let mut split = by_sentence(r, group, &words, &|r| {
            normalize::sentences(
                &items[r].article.article.text,
                &items[r].tokens,
                opts.lexicon,
            )
        })
        .into_iter();
        groups[g] = split.next().unwrap_or_default();
        groups.extend(split);
    }
    groups.retain(|g| !g.is_empty());
    for g in &mut groups {
        g.sort_by_key(|&m| (items[m].order, m));
    }
    // The families a quote lends sentences to, by the family of the quote.
    let mut lent: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    if !lenders.is_empty() {
        let mut member_of: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
        for (g, members) in groups.iter().enumerate() {
            for &m in members {
                member_of.entry(m).or_default().push(g);
            }
        }
        for &(unit, parent) in &lenders {
            let to = member_of.get(&unit).map_or(&[][..], Vec::as_slice);
            for &g in member_of.get(&parent).map_or(&[][..], Vec::as_slice) {
                lent.entry(g).or_default().extend(to);
            }
        }
    }
    let outlets: BTreeSet<String> = articles.iter().map(|a| outlet_of(a)).collect();

    let finding_prefix = format!(
        "{:012x}:",
        crate::text::fnv1a(
            story
                .bytes()
                .chain([0x1f])
                .chain(format!("{story_type:?}").into_bytes())
        ) & 0xffff_ffff_ffff
    );
    // Families that share a reference (the sentences of one long quote), by its item.
    let references: Vec<usize> = groups
        .iter()
        .map(|g| reference_of(g, &items, &words))
        .collect();
    let mut by_reference: FxHashMap<usize, Vec<String>> = FxHashMap::default();
    for (n, &r) in references.iter().enumerate() {
        by_reference
            .entry(r)
            .or_default()
            .push(format!("f{}", n + 1));
    }
    let mut families = Vec::new();
    let mut coverage = BTreeMap::new();
    // (reference, version) pairs compared already, for references heading several families.
    let mut compared: FxHashSet<(usize, usize)> = FxHashSet::default();
    for (n, g) in groups.iter().enumerate() {
        let id = format!("f{}", n + 1);
        let mut fam = family(
            &id,
            g,
            &items,
            &words,
            &outlets,
            articles,
            &mut text_index,
            opts,
        );
        if let [m] = g[..] {
            if let Some(a) = block[m] {
                block_quote(&mut fam, articles[a], words[m].len());
            }
        }
        let r = references[n];
        let mut repeated = false;
        if let Some(ids) = by_reference.get(&r).filter(|ids| ids.len() > 1) {
            fam.siblings = ids.iter().filter(|s| **s != id).cloned().collect();
            // A version in the families of several sentences of one reference is compared
            // with that reference once: its findings are reported in the first of them.
            // (Appearances are in the order of the members.)
            for (ap, &m) in fam.appearances.iter_mut().zip(g) {
                if m != r && !compared.insert((r, m)) && !ap.findings.is_empty() {
                    ap.findings.clear();
                    repeated = true;
                }
            }
        }
        if repeated {
            recount(&mut fam);
        }
        if let Some(targets) = lent.get(&n) {
            lend(&mut fam, targets);
        }
        // Only the outlets that carry the family: the story lists them all once.
        let mut row = BTreeMap::new();
        for ap in &fam.appearances {
            *row.entry(ap.outlet.clone()).or_default() += 1;
        }
        coverage.insert(id, row);
        number_findings(&finding_prefix, &mut fam);
        families.push(fam);
    }
    // The most severe first; a stable sort keeps the order of first appearance within a
    // severity.
    families.sort_by_key(|f| std::cmp::Reverse(f.severity));
    Story {
        story: story.to_string(),
        story_type,
        outlets: outlets.into_iter().collect(),
        articles: articles.len(),
        families,
        coverage,
    }
}

/// A quote split around its attribution (`"A," he said. "B."`) is one version in two
/// parts: a part's cut is no truncation when the article's other parts hold the words it
/// drops (four in five of them), so the parts of a whole quote are not reported as cut.
fn rejoin_split_quotes(
    members: &[usize],
    reference: usize,
    words: &[Vec<&str>],
    appearances: &mut [Appearance],
) {
    let mut by_article: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (k, ap) in appearances.iter().enumerate() {
        if !ap.is_reference {
            by_article
                .entry(ap.article_id.as_str())
                .or_default()
                .push(k);
        }
    }
    let parts: Vec<Vec<usize>> = by_article.into_values().filter(|v| v.len() > 1).collect();
    let r = &words[reference];
    for group in parts {
        let aligned: Vec<Vec<usize>> = group
            .iter()
            .map(|&k| classify::aligned(r, &words[members[k]]))
            .collect();
        // held_before[p]: the reference positions before `p` that some part holds. A part's
        // cuts lie outside its own aligned words, so any part holding a position there is
        // another part: one count serves every part, in time linear in the parts' words.
        let mut held_at = vec![false; r.len()];
        for &p in aligned.iter().flatten() {
            held_at[p] = true;
        }
        let mut held_before = Vec::with_capacity(r.len() + 1);
        held_before.push(0usize);
        for h in &held_at {
            held_before.push(held_before[held_before.len() - 1] + usize::from(*h));
        }
        for (i, &k) in group.iter().enumerate() {
            let (Some(&first), Some(&last)) = (aligned[i].first(), aligned[i].last()) else {
                continue;
            };
            let held = |range: std::ops::Range<usize>| {
                let n = range.len();
                n > 0 && (held_before[range.end] - held_before[range.start]) * 5 >= n * 4
            };
            let (start, end) = (held(0..first), held(last + 1..r.len()));
            appearances[k].findings.retain(|f| {
                !(f.category == Category::Truncation
                    && ((start && f.detail.starts_with(CUT_AT_START))
                        || (end && f.detail.starts_with(CUT_AT_END))))
            });
        }
    }
}

/// Whether the quote's speaker is named with others (`Ana Ruiz and her allies`, `Ana Ruiz
/// and Ray Ortiz`): the mention is followed by `and` and another noun phrase, or holds two
/// names joined by `and`, the speaker's the second (`Ray Ortiz and Ana Ruiz wrote`; not
/// `Secretary of Health and Human Services Ana Ruiz`, whose `and` is the title's).
fn joint_speaker(it: &Item) -> bool {
    let text = it.article.article.text.as_str();
    it.q().speaker.as_ref().is_some_and(|s| {
        let after = text
            .get(s.end..)
            .unwrap_or("")
            .trim_start_matches([',', ' ']);
        let followed = after
            .strip_prefix("and ")
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_alphabetic()));
        let joined = s.mention.rsplit_once(" and ").is_some_and(|(left, right)| {
            let name_words = s.name.split_whitespace().count();
            left.split_whitespace()
                .last()
                .is_some_and(crate::text::is_capitalised)
                && right.split_whitespace().count() <= name_words + 1
                && s.name
                    .split_whitespace()
                    .last()
                    .is_some_and(|last| right.ends_with(last))
        });
        followed || joined
    })
}

/// A family whose quote lends sentences to other families (`units`) is carried, in part,
/// by their outlets: it is no single-outlet quote, and it names those families.
fn lend(fam: &mut Family, targets: &[usize]) {
    for t in targets {
        let id = format!("f{}", t + 1);
        if !fam.siblings.contains(&id) {
            fam.siblings.push(id);
        }
    }
    fam.findings
        .retain(|f| f.category != Category::SingleOutlet);
    fam.elsewhere = None;
    recount(fam);
}

/// A family's categories and severity, from its findings and its appearances'.
fn recount(fam: &mut Family) {
    let all = || {
        fam.findings
            .iter()
            .chain(fam.appearances.iter().flat_map(|a| a.findings.iter()))
    };
    let categories: BTreeSet<Category> = all().map(|f| f.category).collect();
    fam.severity = all().map(|f| f.severity).max().unwrap_or(Severity::None);
    fam.categories = categories.into_iter().collect();
}

/// Reports a family of one block quote as that, not as a quote only its outlet carries.
fn block_quote(fam: &mut Family, source: &ArticleQuotes, n_words: usize) {
    fam.findings = vec![Finding::new(
        Category::BlockQuote,
        format!(
            "quotes at length ({n_words} words) the text of {}'s article {}, its narration with its quotes: not one speaker's words",
            outlet_of(source),
            source.article.id
        ),
    )];
    fam.elsewhere = None;
    fam.categories = vec![Category::BlockQuote];
    fam.severity = Category::BlockQuote.severity();
}

/// Numbers a family's findings, its own first, then its appearances' in order: `prefix`
/// (the story's), the family's id and the number (`5c1a9e03b2d7:f4.2`), so that ids are
/// unique in a report of many stories and the same in a merge of parts.
fn number_findings(prefix: &str, fam: &mut Family) {
    let id = fam.id.clone();
    let all = fam.findings.iter_mut().chain(
        fam.appearances
            .iter_mut()
            .flat_map(|a| a.findings.iter_mut()),
    );
    for (k, f) in all.enumerate() {
        f.id = format!("{prefix}{id}.{}", k + 1);
    }
}

/// The name as a mention writes it, without the description around it: `Mayor Ana Ruiz,
/// who faces re-election in March` → `Mayor Ana Ruiz`, `the mayor, Ana Ruiz` → `Ana Ruiz`.
/// The mention is the whole speaker phrase (what the corpora annotate), but a name variant
/// is about names: two outlets that describe one person differently did not name them
/// differently. Without the name or its last word in it, the mention is kept whole.
fn name_form<'m>(mention: &'m str, name: &str) -> &'m str {
    let last = name.rsplit(' ').next().unwrap_or(name);
    let end = [name, last]
        .iter()
        .filter(|n| !n.is_empty())
        .find_map(|n| mention.find(*n).map(|i| i + n.len()));
    let Some(end) = end else {
        return mention;
    };
    let head = &mention[..end];
    head.rfind(", ").map_or(head, |c| &head[c + 2..]).trim()
}

/// A family's reference: the longest version; ties to the earliest date, then input order.
/// A term borrowed from a speaker's quote, or a sentence lent by a quote (`units`), is
/// never the reference: the quote they join is.
fn reference_of(members: &[usize], items: &[Item], words: &[Vec<&str>]) -> usize {
    let term = |m: usize| items[m].q().kind == Kind::Term || items[m].lent;
    *members
        .iter()
        .min_by(|&&a, &&b| {
            term(a)
                .cmp(&term(b))
                .then_with(|| words[b].len().cmp(&words[a].len()))
                .then_with(|| date_key(&items[a]).cmp(&date_key(&items[b])))
                .then_with(|| items[a].order.cmp(&items[b].order))
        })
        .unwrap_or(&members[0])
}

/// Times a component is split again in [`refine`]; past that, what is left is reported
/// quote by quote, unlinked (a quote alone rather than compared with one it may not
/// repeat), so a long chain of quotes each linked only to the next costs at most this many
/// passes over it.
const REFINE_ROUNDS: usize = 8;

/// Families whose every version is the same utterance as the reference, not a chain of
/// links: a component is kept around its reference with the versions that the link rules
/// join to it directly ([`link::linked`]) and that say the same ([`link::says_the_same`]);
/// the others form families of their own (the components of their links among
/// themselves), refined the same way. So two different
/// sentences joined through a third quote, or a reworded statement of another occasion,
/// are not compared as if one were an edit of the other.
fn refine(
    groups: Vec<Vec<usize>>,
    edges: &[(usize, usize)],
    words: &[Vec<&str>],
    reference_of: impl Fn(&[usize]) -> usize,
    sentences: impl Fn(usize) -> Vec<u32>,
    same_speaker: impl Fn(usize, usize) -> bool,
    lexicon: &Lexicon,
) -> Vec<Vec<usize>> {
    let mut adjacent: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for &(i, j) in edges {
        adjacent.entry(i).or_default().push(j);
        adjacent.entry(j).or_default().push(i);
    }
    let mut out = Vec::new();
    let mut queue: Vec<(Vec<usize>, usize)> = groups.into_iter().map(|g| (g, 0)).collect();
    while let Some((group, round)) = queue.pop() {
        if group.len() < 2 {
            out.push(group);
            continue;
        }
        if round >= REFINE_ROUNDS {
            out.extend(group.into_iter().map(|m| vec![m]));
            continue;
        }
        let r = reference_of(&group);
        // Linked through the candidates' edges or not, each version is checked against the
        // reference itself: a common shingle pairs quotes with a hub, not with each other.
        // A reworded version stays when both outlets name the same speaker in its sentence.
        let function = |w: &str| lexicon.is_function_word(w);
        let (kept, rest): (Vec<usize>, Vec<usize>) = group.into_iter().partition(|&m| {
            m == r
                || (link::linked(&words[m], &words[r])
                    && link::says_the_same(&words[m], &words[r], function))
                || (link::reworded_same(&words[m], &words[r], function) && same_speaker(m, r))
        });
        out.extend(by_sentence(r, kept, words, &sentences));
        // The components of the rest, through links among themselves only.
        let left: FxHashSet<usize> = rest.iter().copied().collect();
        let mut seen: FxHashSet<usize> = FxHashSet::default();
        for &start in &rest {
            if !seen.insert(start) {
                continue;
            }
            let mut component = vec![start];
            let mut k = 0;
            while k < component.len() {
                let v = component[k];
                k += 1;
                for &w in adjacent.get(&v).map_or(&[][..], Vec::as_slice) {
                    if left.contains(&w) && seen.insert(w) {
                        component.push(w);
                    }
                }
            }
            component.sort_unstable();
            queue.push((component, round + 1));
        }
    }
    out.sort_unstable();
    out
}

/// Words a version must share with a sentence of the reference to join that sentence's
/// family besides the one it shares most words with.
const SENTENCE_WORDS: usize = 3;

/// A family whose reference holds several sentences, quoted separately by other versions,
/// split into one family per sentence: each version goes with the sentence of the reference
/// it shares most words with, and with any other it shares [`SENTENCE_WORDS`] words with (a
/// version of two sentences is in both families); the reference heads every such family.
/// Two outlets that each excerpt a different sentence of a long quote are not one
/// utterance; each excerpt is still compared with the whole reference.
fn by_sentence(
    r: usize,
    kept: Vec<usize>,
    words: &[Vec<&str>],
    sentences: &impl Fn(usize) -> Vec<u32>,
) -> Vec<Vec<usize>> {
    if kept.len() < 3 {
        return vec![kept];
    }
    let ids = sentences(r);
    if ids.last().is_none_or(|&last| last == 0) {
        return vec![kept];
    }
    let mut by_home: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for &m in kept.iter().filter(|&&m| m != r) {
        let mut counts: BTreeMap<u32, usize> = BTreeMap::new();
        for pos in classify::aligned(&words[r], &words[m]) {
            if let Some(&s) = ids.get(pos) {
                *counts.entry(s).or_default() += 1;
            }
        }
        // The sentence with most shared words (ties to the earlier), and every sentence
        // with enough of them.
        let home = counts
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map_or(0, |(&s, _)| s);
        by_home.entry(home).or_default().push(m);
        for (&s, &n) in &counts {
            if s != home && n >= SENTENCE_WORDS {
                by_home.entry(s).or_default().push(m);
            }
        }
    }
    // One family after all: every version in every sentence's family.
    let versions = kept.len() - 1;
    if by_home.values().all(|g| g.len() == versions) {
        return vec![kept];
    }
    let mut groups: Vec<Vec<usize>> = by_home
        .into_values()
        .map(|mut g| {
            g.push(r);
            g.sort_unstable();
            g
        })
        .collect();
    // Two sentences quoted by the same versions make one family.
    groups.sort_unstable();
    groups.dedup();
    groups
}

/// Whether two quotes of different articles are each given to a named speaker (in the
/// quote's sentence, in another, or through a pronoun that resolves to the name; not a
/// description, not a reporting outlet), and that speaker is the same person.
fn same_named_speaker(a: &Item, b: &Item, lexicon: &Lexicon) -> bool {
    fn named<'a>(it: &'a Item, lexicon: &Lexicon) -> Option<&'a str> {
        let q = it.q();
        q.speaker
            .as_ref()
            .filter(|s| {
                matches!(
                    evidence::how(&it.article.article.text, q, s, lexicon),
                    How::Named | How::Elsewhere | How::Pronoun
                )
            })
            .map(|s| s.name.as_str())
    }
    a.article.article.id != b.article.article.id
        && named(a, lexicon)
            .zip(named(b, lexicon))
            .is_some_and(|(x, y)| same_person(lexicon, x, y))
}

/// Whether two canonical names can be the same person: equal, one's last word ends the other
/// (`Cotton` / `Tom Cotton`), last names within a letter or two (Jaro-Winkler), or a given
/// name alone that starts the other (`Dana` / `Dana Whitfield`).
fn same_person(lexicon: &Lexicon, a: &str, b: &str) -> bool {
    let (la, lb) = (last_word(lexicon, a), last_word(lexicon, b));
    // Spelling slips and transliterations (`Thibodeau` / `Thibodeaux`) are the same name.
    let close = match (&la, &lb) {
        (Some(x), Some(y)) => x.chars().count() >= 5 && strsim::jaro_winkler(x, y) >= 0.93,
        _ => false,
    };
    // A given name alone is the person of the full name it starts (`Dana` / `Dana
    // Whitfield`), as an article's second reference often is.
    let given = |one: &str, full: &str| {
        !one.contains(char::is_whitespace)
            && lexicon.first_name(&one.to_lowercase()).is_some()
            && full
                .split_whitespace()
                .next()
                .is_some_and(|w| w.eq_ignore_ascii_case(one))
    };
    a.eq_ignore_ascii_case(b) || (la.is_some() && la == lb) || close || given(a, b) || given(b, a)
}

// The story's pieces are passed separately because they borrow from each other (items
// point into articles, words into items); a struct of them would need the same lifetimes.
#[allow(clippy::too_many_arguments)]
fn family(
    id: &str,
    members: &[usize],
    items: &[Item],
    words: &[Vec<&str>],
    outlets: &BTreeSet<String>,
    articles: &[&ArticleQuotes],
    text_index: &mut Option<TextIndex>,
    opts: &Params,
) -> Family {
    let (params, lexicon) = (&opts.link, opts.lexicon);
    let reference = reference_of(members, items, words);
    let r = &items[reference];
    let r_text = r.article.article.text.as_str();
    let mut appearances = Vec::with_capacity(members.len());
    let mut speakers = BTreeSet::new();
    let mut forms = BTreeSet::new();
    let mut fam_outlets = BTreeSet::new();
    let mut attributed: Vec<Attributed> = Vec::new();
    for &m in members {
        let it = &items[m];
        let q = it.q();
        let a = &it.article.article;
        let (diff, mut findings) = if m == reference {
            (Vec::new(), Vec::new())
        } else {
            let identical = r.content() == it.content();
            classify::compare(lexicon, r_text, &r.tokens, &a.text, &it.tokens, identical)
        };
        // A version of the reference's own outlet is shown with its diff, but its
        // differences are not findings unless asked for (`LinkParams::same_outlet`).
        if !params.same_outlet && m != reference && it.outlet() == r.outlet() {
            findings.clear();
        }
        if let Some(s) = &q.speaker {
            speakers.insert(s.name.clone());
            // Forms of a name: a pronoun or a description (`senior officials`) names no one,
            // nor does a pronoun resolved to someone who is named elsewhere.
            if matches!(
                s.speaker_type,
                SpeakerType::Person | SpeakerType::Organization
            ) && s.resolution != Resolution::Pronoun
            {
                forms.insert(name_form(&s.mention, &s.name).to_string());
            }
        }
        let evidence = q
            .speaker
            .as_ref()
            .map(|s| (s, attribution(&a.text, q, s, lexicon)));
        // Only direct quotes vouch for a speaker: a partial quote's fragment is often the
        // reporter quoting a word, not naming who said it.
        if let Some((s, (how, at))) = evidence.as_ref().filter(|_| q.kind == Kind::Direct) {
            attributed.push(Attributed {
                name: s.name.clone(),
                outlet: it.outlet(),
                how: *how,
                sentence: at.sentence.clone(),
            });
        }
        fam_outlets.insert(it.outlet());
        let (text, start, end, char_start, char_end) = it.shown();
        appearances.push(Appearance {
            outlet: it.outlet(),
            article_id: a.id.clone(),
            url: a.url.clone(),
            date: a.date.clone(),
            quote_id: q.id.clone(),
            text: text.to_string(),
            start,
            end,
            char_start,
            char_end,
            kind: q.kind,
            speaker: q.speaker.as_ref().map(|s| s.name.clone()),
            speaker_mention: q.speaker.as_ref().map(|s| s.mention.clone()),
            cue: q.cue.as_ref().map(|c| c.lemma.clone()),
            attribution: evidence.map(|(_, (_, at))| at),
            is_reference: m == reference,
            diff,
            findings,
        });
    }

    rejoin_split_quotes(members, reference, words, &mut appearances);
    let mut findings = Vec::new();
    // Speakers: different people across outlets, or one person in different forms. Only
    // explicit attributions can accuse an outlet; a conflict that rests on a pronoun, a
    // description or a name from another sentence is reported as information.
    let explicit: Vec<&Attributed> = attributed.iter().filter(|a| a.how == How::Named).collect();
    let everyone: Vec<&Attributed> = attributed.iter().collect();
    let people = People::of(lexicon, &explicit);
    let all_people = People::of(lexicon, &everyone);
    // A fragment of one to three words is too short to say who said it: `"sexist"` can be
    // quoted from anyone.
    let long_enough = words[reference].len() >= 4;
    let across = |v: &[&Attributed]| v.iter().map(|a| &a.outlet).collect::<BTreeSet<_>>().len() > 1;
    let conflict = people.listed.iter().enumerate().any(|(i, a)| {
        people.listed[i + 1..]
            .iter()
            .any(|b| a.conflicts(b, lexicon))
    }) || !people.more.is_empty();
    if long_enough && people.count() > 1 && across(&explicit) && conflict {
        findings.push(Finding::with_sensitivity(
            Category::Misattribution,
            format!("attributed to {}", people.list()),
            true,
        ));
    } else if long_enough && all_people.count() > 1 && across(&everyone) {
        findings.push(Finding::new(
            Category::SpeakerUncertain,
            format!("speaker uncertain: {}", all_people.list()),
        ));
    }
    let people = all_people;
    if forms.len() > 1 && people.count() <= 1 {
        findings.push(Finding::new(
            Category::SpeakerNameVariant,
            format!(
                "named {}",
                forms.iter().cloned().collect::<Vec<_>>().join(" / ")
            ),
        ));
    }
    // A quote carried by one outlet only: where do the others stand? The outlets whose
    // articles hold its words unquoted are named, the others counted.
    let mut elsewhere = None;
    if fam_outlets.len() == 1 && outlets.len() > 1 {
        let own = fam_outlets.iter().next().cloned().unwrap_or_default();
        let index = text_index.get_or_insert_with(|| TextIndex::new(articles, params, lexicon));
        let unquoted: BTreeSet<String> = index
            .carrying(&words[reference], params)
            .into_iter()
            .map(|ai| outlet_of(articles[ai]))
            .filter(|o| *o != own)
            .collect();
        let e = Elsewhere {
            absent: outlets.len() - 1 - unquoted.len(),
            unquoted: unquoted.into_iter().collect(),
        };
        let mut detail = format!("only in {own}");
        if !e.unquoted.is_empty() {
            detail.push_str(&format!("; unquoted in {}", e.unquoted.join(", ")));
        }
        // A few absent outlets are named (what a reader of a small story wants to see);
        // many are counted, so the detail stays short however many outlets a story has.
        if e.absent > 0 && e.absent <= NAMED_ABSENT {
            let absent: Vec<&str> = outlets
                .iter()
                .filter(|o| **o != own && e.unquoted.binary_search(o).is_err())
                .map(String::as_str)
                .collect();
            detail.push_str(&format!("; absent from {}", absent.join(", ")));
        } else if e.absent > 0 {
            detail.push_str(&format!("; absent from {} other outlets", e.absent));
        }
        findings.push(Finding::new(Category::SingleOutlet, detail));
        elsewhere = Some(e);
    }

    let first = members
        .iter()
        .min_by(|&&a, &&b| {
            date_key(&items[a])
                .cmp(&date_key(&items[b]))
                .then_with(|| items[a].order.cmp(&items[b].order))
        })
        .map(|&m| &items[m])
        .unwrap_or(r);
    let mut categories: BTreeSet<Category> = findings.iter().map(|f| f.category).collect();
    let mut severity = findings
        .iter()
        .map(|f| f.severity)
        .max()
        .unwrap_or(Severity::None);
    for ap in &appearances {
        for f in &ap.findings {
            categories.insert(f.category);
            severity = severity.max(f.severity);
        }
    }
    Family {
        id: id.to_string(),
        reference: r.shown().0.to_string(),
        speaker: r.q().speaker.as_ref().map(|s| s.name.clone()),
        speakers: speakers.into_iter().collect(),
        name_forms: forms.into_iter().collect(),
        outlets: fam_outlets.into_iter().collect(),
        first_appearance: FirstAppearance {
            outlet: first.outlet(),
            article_id: first.article.article.id.clone(),
            date: first.article.article.date.clone(),
        },
        appearances,
        findings,
        categories: categories.into_iter().collect(),
        severity,
        elsewhere,
        siblings: Vec::new(),
    }
}

/// The distinct people among a family's attributed speakers.
///
/// A name joins the people already found when it can be the same person as one of them
/// (`same_person`). Equal names and equal surnames are found by lookup; the closer
/// comparison (spelling slips) runs against the first [`People::LISTED`] people only, so a
/// family that thousands of outlets attribute to thousands of names costs thousands of
/// comparisons, not millions. Past that many, a name whose surname is new counts as one
/// more person (`more`), unnamed in the finding.
struct People<'a> {
    listed: Vec<&'a Attributed>,
    more: Vec<&'a Attributed>,
}

/// A direct quote's speaker as one outlet gives it.
struct Attributed {
    /// The canonical name in its article.
    name: String,
    outlet: String,
    how: How,
    /// The sentence of the quote and the mention ([`Attribution::sentence`]).
    sentence: String,
}

impl Attributed {
    /// Whether two outlets' attributions are in conflict: different outlets, different
    /// people, and neither sentence names the other's person (`Pelosi and Schumer said`
    /// is one statement of two people, whichever of them each outlet's attribution kept).
    fn conflicts(&self, other: &Attributed, lexicon: &Lexicon) -> bool {
        let names = |sentence: &str, name: &str| {
            last_word(lexicon, name).is_some_and(|w| {
                sentence
                    .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
                    .any(|x| x.to_lowercase() == w)
            })
        };
        self.outlet != other.outlet
            && !same_person(lexicon, &self.name, &other.name)
            && !names(&self.sentence, &other.name)
            && !names(&other.sentence, &self.name)
    }
}

impl<'a> People<'a> {
    /// People named in the finding; the rest are counted.
    const LISTED: usize = 32;

    fn of(lexicon: &Lexicon, attributed: &[&'a Attributed]) -> Self {
        let mut people = People {
            listed: Vec::new(),
            more: Vec::new(),
        };
        // Names and surnames already placed: an equal name, or an equal last word, is the
        // same person (`same_person`), so it needs no comparison.
        let mut names: rustc_hash::FxHashSet<&str> = Default::default();
        let mut surnames: rustc_hash::FxHashSet<String> = Default::default();
        for &s in attributed {
            if !names.insert(s.name.as_str()) {
                continue;
            }
            // `same_person` looks at last words only (an equal name has an equal one), so
            // a name whose last word was placed is placed.
            if let Some(surname) = last_word(lexicon, &s.name) {
                if !surnames.insert(surname) {
                    continue;
                }
            }
            if people
                .listed
                .iter()
                .any(|p| same_person(lexicon, &p.name, &s.name))
            {
                continue;
            }
            if people.listed.len() < Self::LISTED {
                people.listed.push(s);
            } else {
                people.more.push(s);
            }
        }
        people
    }

    fn count(&self) -> usize {
        self.listed.len() + self.more.len()
    }

    /// `Tom Cotton (A, named) / Chuck Schumer (B, resolved from a pronoun) and 3 more`.
    fn list(&self) -> String {
        let mut list = self
            .listed
            .iter()
            .map(|p| format!("{} ({}, {})", p.name, p.outlet, p.how.words()))
            .collect::<Vec<_>>()
            .join(" / ");
        if !self.more.is_empty() {
            list.push_str(&format!(" and {} more", self.more.len()));
        }
        list
    }
}

/// A name's last word in lower case, as `same_person` compares surnames: a generational
/// suffix (`Donald Trump Jr.`) is passed over.
fn last_word(lexicon: &Lexicon, name: &str) -> Option<String> {
    name.split_whitespace()
        .rev()
        .map(str::to_lowercase)
        .find(|w| !lexicon.is_name_suffix(w.trim_end_matches(',')))
}

/// Sort key for dates: undated versions come after dated ones.
fn date_key<'a>(it: &Item<'a>) -> (bool, &'a str) {
    match &it.article.article.date {
        Some(d) => (false, d.as_str()),
        None => (true, ""),
    }
}

/// The normalised words of a story's articles, numbered, and where each shingle occurs: the
/// single-outlet check asks which articles carry a quote's words without quotation marks.
///
/// A quote is placed in an article by its shingles: each occurrence of one of them is an
/// anchor on a diagonal (article position − quote position), and the run of equal words
/// through the anchor is read off that diagonal. So the check costs what the quote's
/// uncommon shingles occur, never the length of the articles: a long article that carries
/// thousands of another outlet's quotes is not read once per quote. A shingle is too
/// common to place anything when it is in more than `max_postings` articles (as for
/// linking) or occurs more than `4 × max_postings` times in the story.
struct TextIndex {
    /// Each article's words, as numbers into `vocabulary`.
    words: Vec<Vec<u32>>,
    /// Where each of those words starts in its article's text (a byte offset).
    starts: Vec<Vec<usize>>,
    ids: rustc_hash::FxHashMap<String, u32>,
    vocabulary: Vec<String>,
    /// Shingle hash → every (article, word position) where it starts, in article order;
    /// empty for a shingle too common to use.
    postings: rustc_hash::FxHashMap<u64, Vec<(u32, u32)>>,
    /// The same for sequences shorter than a shingle (by length), for short quotes; built on
    /// first need.
    short: BTreeMap<usize, rustc_hash::FxHashMap<u64, Vec<(u32, u32)>>>,
}

impl TextIndex {
    fn new(articles: &[&ArticleQuotes], p: &LinkParams, lexicon: &Lexicon) -> Self {
        let mut ids: rustc_hash::FxHashMap<String, u32> = Default::default();
        let mut vocabulary = Vec::new();
        let mut starts: Vec<Vec<usize>> = Vec::with_capacity(articles.len());
        let words: Vec<Vec<u32>> = articles
            .iter()
            .map(|a| {
                let mut at = Vec::new();
                let w = normalize::tokens(&a.article.text, 0, a.article.text.len(), lexicon)
                    .into_iter()
                    .filter(|t| t.kind == normalize::TokKind::Word)
                    .map(|t| {
                        at.push(t.start);
                        *ids.entry(t.norm).or_insert_with_key(|w| {
                            vocabulary.push(w.clone());
                            u32::try_from(vocabulary.len() - 1).unwrap_or(u32::MAX)
                        })
                    })
                    .collect();
                starts.push(at);
                w
            })
            .collect();
        let mut index = TextIndex {
            words,
            starts,
            ids,
            vocabulary,
            postings: Default::default(),
            short: BTreeMap::new(),
        };
        index.postings = index.positions(p.shingle.max(1), p);
        index
    }

    /// Where every `n`-word sequence of the articles starts, common ones emptied.
    fn positions(&self, n: usize, p: &LinkParams) -> rustc_hash::FxHashMap<u64, Vec<(u32, u32)>> {
        let mut map: rustc_hash::FxHashMap<u64, Vec<(u32, u32)>> = Default::default();
        let mut buf: Vec<&str> = Vec::with_capacity(n);
        for (ai, w) in self.words.iter().enumerate() {
            for (pos, gram) in w.windows(n).enumerate() {
                buf.clear();
                buf.extend(gram.iter().map(|&id| self.vocabulary[id as usize].as_str()));
                let h = link::hash_words(buf.iter().copied());
                let at = (index_u32(ai), index_u32(pos));
                map.entry(h).or_default().push(at);
            }
        }
        for list in map.values_mut() {
            let articles = 1 + list.windows(2).filter(|w| w[0].0 != w[1].0).count();
            if articles > p.max_postings || list.len() > 4 * p.max_postings {
                *list = Vec::new();
            }
        }
        map
    }

    /// The articles that carry `quote`'s words without it being quoted there: all of its
    /// words in a row, or a run of more than half of them and the article linked to the
    /// quote (`link::linked`); an article of more than [`STRETCH_WORDS`] words (and more
    /// than three times the quote's) is linked by the stretch of that many words centred
    /// where the run places the quote. In article order.
    fn carrying(&mut self, quote: &[&str], p: &LinkParams) -> Vec<usize> {
        let s = quote.len();
        let n = p.shingle.max(1);
        // The quote as numbers; a word no article has can match nothing.
        let q: Vec<u32> = quote
            .iter()
            .map(|w| self.ids.get(*w).copied().unwrap_or(u32::MAX))
            .collect();
        if s < n {
            // One sequence of all its words: present or not.
            if !self.short.contains_key(&s) {
                let map = self.positions(s, p);
                self.short.insert(s, map);
            }
            let h = link::hash_words(quote.iter().copied());
            let mut out: Vec<usize> = self.short[&s]
                .get(&h)
                .into_iter()
                .flatten()
                .filter(|&&(a, pos)| {
                    let w = &self.words[a as usize];
                    w.get(pos as usize..pos as usize + s) == Some(q.as_slice())
                })
                .map(|&(a, _)| a as usize)
                .collect();
            out.dedup();
            return out;
        }
        // Anchors: (article, diagonal, quote position) of every uncommon shingle occurrence.
        let mut anchors: Vec<(u32, i64, u32)> = Vec::new();
        for (i, gram) in quote.windows(n).enumerate() {
            let h = link::hash_words(gram.iter().copied());
            for &(a, j) in self.postings.get(&h).into_iter().flatten() {
                anchors.push((a, i64::from(j) - i as i64, index_u32(i)));
            }
        }
        anchors.sort_unstable();
        let mut out = Vec::new();
        let mut k = 0;
        while k < anchors.len() {
            let a = anchors[k].0;
            let end = k + anchors[k..].iter().take_while(|x| x.0 == a).count();
            if self.carries(a as usize, &anchors[k..end], &q, quote) {
                out.push(a as usize);
            }
            k = end;
        }
        out
    }

    /// Whether article `a` carries the quote (`q` its word numbers, `quote` its words),
    /// given the anchors of its shingles there, sorted by diagonal then quote position.
    fn carries(&self, a: usize, anchors: &[(u32, i64, u32)], q: &[u32], quote: &[&str]) -> bool {
        let w = &self.words[a];
        let s = q.len();
        let at = |d: i64, x: usize| usize::try_from(d + x as i64).ok().and_then(|j| w.get(j));
        // The longest run of equal words on any anchored diagonal, and that diagonal.
        let mut best: Option<(usize, i64)> = None;
        let mut covered: Option<(i64, usize)> = None;
        for &(_, d, i) in anchors {
            let i = i as usize;
            if covered.is_some_and(|(cd, until)| cd == d && i < until) {
                continue;
            }
            let (mut x, mut y) = (i, i);
            while x > 0 && at(d, x - 1) == Some(&q[x - 1]) {
                x -= 1;
            }
            while y < s && at(d, y) == Some(&q[y]) {
                y += 1;
            }
            covered = Some((d, y.max(i + 1)));
            let run = y - x;
            if run > 0 && best.is_none_or(|(r, _)| run > r) {
                best = Some((run, d));
            }
        }
        let Some((run, d)) = best else { return false };
        if run == s {
            return true;
        }
        if run * 2 <= s {
            return false;
        }
        // The article, or in a long one the stretch of it centred where the quote would be.
        let width = STRETCH_WORDS.max(3 * s);
        let (from, to) = if w.len() <= width {
            (0, w.len())
        } else {
            let centre = usize::try_from(d + (s / 2) as i64).unwrap_or(0);
            let from = centre.saturating_sub(width / 2).min(w.len() - width);
            (from, from + width)
        };
        let stretch: Vec<&str> = w[from..to]
            .iter()
            .map(|&id| self.vocabulary[id as usize].as_str())
            .collect();
        link::linked(quote, &stretch)
    }
}

/// The most words of an article the single-outlet check compares a quote with (`linked`):
/// news articles are shorter (BASIL's longest has 1,900 words), so the whole article is
/// compared; an article as long as a book is compared by the stretch where the quote would
/// be, so that its cost per quote stays bounded.
const STRETCH_WORDS: usize = 4096;

fn index_u32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::name_form;

    #[test]
    fn a_name_form_is_the_name_without_its_description() {
        let name = "Ana Ruiz";
        for (mention, form) in [
            (
                "Mayor Ana Ruiz, who faces re-election in March",
                "Mayor Ana Ruiz",
            ),
            ("Ana Ruiz, the mayor", "Ana Ruiz"),
            ("the mayor, Ana Ruiz", "Ana Ruiz"),
            ("Ruiz", "Ruiz"),
            ("Sen. Ruiz, a Democrat", "Sen. Ruiz"),
            ("the mayor", "the mayor"),
        ] {
            assert_eq!(name_form(mention, name), form, "{mention}");
        }
    }
}
