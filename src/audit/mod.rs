//! The fourth stage: compare the same quote across outlets (`quotecheck audit`).
//!
//! Within each story (the JSON Lines field `story`, or all input as one story), every
//! direct or partial quote is normalised (`text::normalize`), linked to the other versions of the
//! same utterance (`link`: a shingle index, never all pairs), grouped into families, and
//! each version is compared with the family's reference — the longest version, ties going
//! to the earliest date, then input order (`classify`). The result lists discrepancies
//! with their evidence, not verdicts: a category, a severity, the word diff and the raw
//! words of both texts.

mod classify;
pub(crate) mod link;
pub(crate) mod merge;

use std::collections::{BTreeMap, BTreeSet};

use crate::lexicon::Lexicon;
use crate::model::audit::{PERSON_VS_DESCRIPTION, VIA_PRONOUN};
use crate::model::{
    Appearance, ArticleQuotes, Category, Family, Finding, FirstAppearance, Kind, LinkParams, Quote,
    Resolution, Severity, SpeakerType, Story, StoryType,
};
use crate::text::normalize::{self, Token};

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
}

impl Item<'_> {
    fn q(&self) -> &Quote {
        &self.article.quotes[self.quote]
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

fn audit_story(
    (story, story_type): (&str, StoryType),
    articles: &[&ArticleQuotes],
    opts: &Params,
) -> Story {
    let mut items: Vec<Item> = Vec::new();
    for a in articles {
        for (qi, q) in a.quotes.iter().enumerate() {
            if !matches!(q.kind, Kind::Direct | Kind::Partial) {
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
            let order = items.len();
            items.push(Item {
                article: a,
                quote: qi,
                tokens,
                order,
            });
        }
    }
    let words: Vec<Vec<&str>> = items
        .iter()
        .map(|it| normalize::words(&it.tokens).collect())
        .collect();
    let groups = link::families(&words, &opts.link);
    let outlets: BTreeSet<String> = articles.iter().map(|a| outlet_of(a)).collect();
    // The words of whole articles, indexed by shingle, for the single-outlet check; built
    // only when the story has more than one outlet.
    let mut text_index: Option<TextIndex> = None;

    let mut families = Vec::new();
    let mut coverage = BTreeMap::new();
    for (n, g) in groups.iter().enumerate() {
        let id = format!("f{}", n + 1);
        let fam = family(
            &id,
            g,
            &items,
            &words,
            &outlets,
            articles,
            &mut text_index,
            opts,
        );
        let mut row = BTreeMap::new();
        for o in &outlets {
            row.insert(o.clone(), 0usize);
        }
        for ap in &fam.appearances {
            *row.entry(ap.outlet.clone()).or_default() += 1;
        }
        coverage.insert(id, row);
        families.push(fam);
    }
    Story {
        story: story.to_string(),
        story_type,
        outlets: outlets.into_iter().collect(),
        articles: articles.len(),
        families,
        coverage,
    }
}

/// Whether two canonical names can be the same person: equal, one's last word ends the other
/// (`Cotton` / `Tom Cotton`), or last names within a letter or two (Jaro-Winkler).
fn same_person(a: &str, b: &str) -> bool {
    let (la, lb) = (last_word(a), last_word(b));
    // Spelling slips and transliterations (`Thibodeau` / `Thibodeaux`) are the same name.
    let close = match (&la, &lb) {
        (Some(x), Some(y)) => x.chars().count() >= 5 && strsim::jaro_winkler(x, y) >= 0.93,
        _ => false,
    };
    a.eq_ignore_ascii_case(b) || (la.is_some() && la == lb) || close
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
    // The reference: the longest version; ties to the earliest date, then input order.
    let reference = *members
        .iter()
        .min_by(|&&a, &&b| {
            words[b]
                .len()
                .cmp(&words[a].len())
                .then_with(|| date_key(&items[a]).cmp(&date_key(&items[b])))
                .then_with(|| items[a].order.cmp(&items[b].order))
        })
        .unwrap_or(&members[0]);
    let r = &items[reference];
    let r_text = r.article.article.text.as_str();
    let mut appearances = Vec::new();
    let mut speakers = BTreeSet::new();
    let mut forms = BTreeSet::new();
    let mut fam_outlets = BTreeSet::new();
    let mut attributed: Vec<Attributed> = Vec::new();
    for &m in members {
        let it = &items[m];
        let q = it.q();
        let a = &it.article.article;
        let (diff, findings) = if m == reference {
            (Vec::new(), Vec::new())
        } else {
            let rq = r.q();
            let identical =
                r_text[rq.content_start..rq.content_end] == a.text[q.content_start..q.content_end];
            classify::compare(r_text, &r.tokens, &a.text, &it.tokens, identical)
        };
        if let Some(s) = &q.speaker {
            speakers.insert(s.name.clone());
            if s.speaker_type != SpeakerType::Pronoun {
                forms.insert(s.mention.clone());
            }
        }
        // Only direct quotes vouch for a speaker: a partial quote's fragment is often the
        // reporter quoting a word, not naming who said it.
        if let Some(s) = q.speaker.as_ref().filter(|_| q.kind == Kind::Direct) {
            attributed.push((
                s.name.clone(),
                s.speaker_type,
                it.outlet(),
                s.resolution == Resolution::Pronoun,
            ));
        }
        fam_outlets.insert(it.outlet());
        appearances.push(Appearance {
            outlet: it.outlet(),
            article_id: a.id.clone(),
            url: a.url.clone(),
            date: a.date.clone(),
            quote_id: q.id.clone(),
            text: q.text.clone(),
            start: q.start,
            end: q.end,
            char_start: q.char_start,
            char_end: q.char_end,
            kind: q.kind,
            speaker: q.speaker.as_ref().map(|s| s.name.clone()),
            speaker_mention: q.speaker.as_ref().map(|s| s.mention.clone()),
            cue: q.cue.as_ref().map(|c| c.lemma.clone()),
            is_reference: m == reference,
            diff,
            findings,
        });
    }

    let mut findings = Vec::new();
    // Speakers: different people across outlets, or one person in different forms.
    let people = People::of(&attributed);
    // A fragment of one to three words is too short to say who said it: `"sexist"` can be
    // quoted from anyone.
    let long_enough = words[reference].len() >= 4;
    if people.count() > 1 && long_enough {
        let (listed, more) = (&people.listed, &people.more);
        let described = listed
            .iter()
            .chain(more.iter())
            .any(|p| matches!(p.1, SpeakerType::Descriptor | SpeakerType::Pronoun));
        let mut list = listed
            .iter()
            .map(|p| format!("{} ({})", p.0, p.2))
            .collect::<Vec<_>>()
            .join(" / ");
        if !more.is_empty() {
            list.push_str(&format!(" and {} more", more.len()));
        }
        // A speaker reached through a pronoun may be the resolver's mistake, not the
        // outlet's: such a conflict is reported, one step lower.
        let via_pronoun = listed.iter().chain(more.iter()).any(|p| p.3);
        // A role against a name (`the president` / `Obama`) is often the same person named
        // two ways: reported as its own subtype, one step lower, like a pronoun conflict
        // (the detail says which, and `Finding::expected_severity` lowers it).
        findings.push(Finding::with_sensitivity(
            Category::Misattribution,
            format!(
                "{}{}{}",
                if described {
                    PERSON_VS_DESCRIPTION
                } else {
                    "attributed to "
                },
                list,
                if via_pronoun { VIA_PRONOUN } else { "" }
            ),
            true,
        ));
    }
    if forms.len() > 1 && people.count() <= 1 {
        findings.push(Finding::new(
            Category::SpeakerNameVariant,
            format!(
                "named {}",
                forms.iter().cloned().collect::<Vec<_>>().join(" / ")
            ),
        ));
    }
    // A quote carried by one outlet only: where do the others stand?
    let mut elsewhere = BTreeMap::new();
    if fam_outlets.len() == 1 && outlets.len() > 1 {
        let own = fam_outlets.iter().next().cloned().unwrap_or_default();
        for a in articles.iter() {
            let o = outlet_of(a);
            if o != own {
                elsewhere.insert(o, "absent".to_string());
            }
        }
        let index = text_index.get_or_insert_with(|| TextIndex::new(articles, params, lexicon));
        let qw = &words[reference];
        // Only articles that share an uncommon shingle with the quote can carry its words.
        for ai in index.candidates(qw, params) {
            let o = outlet_of(articles[ai]);
            if o == own || elsewhere.get(&o).is_some_and(|s| s == "unquoted") {
                continue;
            }
            let aw: Vec<&str> = index.words[ai].iter().map(String::as_str).collect();
            let run = link::longest_common_run(qw, &aw);
            if run == qw.len() || (run * 2 > qw.len() && link::linked(qw, &aw)) {
                elsewhere.insert(o, "unquoted".to_string());
            }
        }
        let detail = elsewhere
            .iter()
            .map(|(o, s)| format!("{o}: {s}"))
            .collect::<Vec<_>>()
            .join(", ");
        findings.push(Finding::new(
            Category::SingleOutlet,
            format!("only in {own}; {detail}"),
        ));
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
        reference: r.q().text.clone(),
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

/// A direct quote's speaker: canonical name, type, outlet, resolved through a pronoun.
type Attributed = (String, SpeakerType, String, bool);

impl<'a> People<'a> {
    /// People named in the finding; the rest are counted.
    const LISTED: usize = 32;

    fn of(attributed: &'a [Attributed]) -> Self {
        let mut people = People {
            listed: Vec::new(),
            more: Vec::new(),
        };
        // Names and surnames already placed: an equal name, or an equal last word, is the
        // same person (`same_person`), so it needs no comparison.
        let mut names: rustc_hash::FxHashSet<&str> = Default::default();
        let mut surnames: rustc_hash::FxHashSet<String> = Default::default();
        for s in attributed {
            if !names.insert(s.0.as_str()) {
                continue;
            }
            // `same_person` looks at last words only (an equal name has an equal one), so
            // a name whose last word was placed is placed.
            if let Some(surname) = last_word(&s.0) {
                if !surnames.insert(surname) {
                    continue;
                }
            }
            if people.listed.iter().any(|p| same_person(&p.0, &s.0)) {
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
}

/// A name's last word in lower case, as `same_person` compares surnames.
fn last_word(name: &str) -> Option<String> {
    name.split_whitespace().last().map(str::to_lowercase)
}

/// Sort key for dates: undated versions come after dated ones.
fn date_key(it: &Item) -> (bool, String) {
    match &it.article.article.date {
        Some(d) => (false, d.clone()),
        None => (true, String::new()),
    }
}

/// The normalised words of a story's articles and an inverted index of their shingles.
struct TextIndex {
    words: Vec<Vec<String>>,
    postings: rustc_hash::FxHashMap<u64, Vec<usize>>,
    /// Postings of one- and two-word sequences, for quotes shorter than a shingle; built on
    /// first need.
    short: [Option<rustc_hash::FxHashMap<u64, Vec<usize>>>; 2],
}

impl TextIndex {
    fn new(articles: &[&ArticleQuotes], p: &LinkParams, lexicon: &Lexicon) -> Self {
        let words: Vec<Vec<String>> = articles
            .iter()
            .map(|a| {
                normalize::tokens(&a.article.text, 0, a.article.text.len(), lexicon)
                    .into_iter()
                    .filter(|t| t.kind == normalize::TokKind::Word)
                    .map(|t| t.norm)
                    .collect()
            })
            .collect();
        let mut postings: rustc_hash::FxHashMap<u64, Vec<usize>> = Default::default();
        for (i, w) in words.iter().enumerate() {
            let w: Vec<&str> = w.iter().map(String::as_str).collect();
            for h in link::shingles(&w, p.shingle) {
                postings.entry(h).or_default().push(i);
            }
        }
        TextIndex {
            words,
            postings,
            short: [None, None],
        }
    }

    /// Articles sharing a shingle with `quote`, skipping shingles in more than
    /// `max_postings` articles (`said in a`), in article order.
    fn candidates(&mut self, quote: &[&str], p: &LinkParams) -> Vec<usize> {
        if (1..=2).contains(&quote.len()) && quote.len() < p.shingle {
            let n = quote.len();
            let words = &self.words;
            let map = self.short[n - 1].get_or_insert_with(|| {
                let mut m: rustc_hash::FxHashMap<u64, Vec<usize>> = Default::default();
                for (i, w) in words.iter().enumerate() {
                    let w: Vec<&str> = w.iter().map(String::as_str).collect();
                    for g in w.windows(n) {
                        m.entry(link::shingles(g, n)[0]).or_default().push(i);
                    }
                }
                for v in m.values_mut() {
                    v.dedup();
                }
                m
            });
            return map
                .get(&link::shingles(quote, n)[0])
                .cloned()
                .unwrap_or_default();
        }
        let mut out: Vec<usize> = link::shingles(quote, p.shingle)
            .into_iter()
            .filter_map(|h| self.postings.get(&h))
            .filter(|list| list.len() <= p.max_postings)
            .flatten()
            .copied()
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}
