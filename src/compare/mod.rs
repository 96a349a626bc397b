//! Stage 4: compare the same quote across outlets (`quotecheck audit`).
//!
//! Within each story (the JSON Lines field `story`, or all input as one story), every
//! direct or partial quote is normalised (`normalize`), linked to the other versions of the
//! same utterance (`link`: a shingle index, never all pairs), grouped into families, and
//! each version is compared with the family's reference — the longest version, ties going
//! to the earliest date, then input order (`classify`). The result lists discrepancies
//! with their evidence, not verdicts: a category, a severity, the word diff and the raw
//! words of both texts.

mod classify;
pub mod link;
pub mod normalize;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::ArticleQuotes;
use crate::model::{Kind, SpeakerType};
pub use link::LinkParams;
/// The link thresholds as the report shows them.
pub type LinkParamsView = LinkParams;
use normalize::Token;

/// What a discrepancy is. `quotecheck explain CATEGORY` prints the definitions.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// The same text, character for character.
    Verbatim,
    /// The same words: case, punctuation, quote marks, a spelling variant
    /// (recognises/recognizes) or a one-letter typo in a long word.
    Typographic,
    /// A contiguous excerpt of the reference: words dropped at the start or the end.
    Truncation,
    /// Words of the reference replaced by an ellipsis (`…`, `...`, `[...]`).
    MarkedElision,
    /// Words of the reference missing inside the quote with no ellipsis.
    UnmarkedOmission,
    /// Pieces of the reference reordered or joined from different places.
    Splice,
    /// Words replaced by an editor's bracketed insertion (`[the company]`).
    BracketedEdit,
    /// Words replaced or inserted.
    WordingChange,
    /// The family is attributed to different speakers by different outlets.
    Misattribution,
    /// The same speaker named in different forms (Cotton / Tom Cotton / Sen. Cotton).
    SpeakerNameVariant,
    /// The quote appears in only one outlet of the story.
    SingleOutlet,
}

impl Category {
    pub const ALL: [Category; 11] = [
        Category::Verbatim,
        Category::Typographic,
        Category::Truncation,
        Category::MarkedElision,
        Category::UnmarkedOmission,
        Category::Splice,
        Category::BracketedEdit,
        Category::WordingChange,
        Category::Misattribution,
        Category::SpeakerNameVariant,
        Category::SingleOutlet,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Category::Verbatim => "verbatim",
            Category::Typographic => "typographic",
            Category::Truncation => "truncation",
            Category::MarkedElision => "marked-elision",
            Category::UnmarkedOmission => "unmarked-omission",
            Category::Splice => "splice",
            Category::BracketedEdit => "bracketed-edit",
            Category::WordingChange => "wording-change",
            Category::Misattribution => "misattribution",
            Category::SpeakerNameVariant => "speaker-name-variant",
            Category::SingleOutlet => "single-outlet",
        }
    }

    /// How much the category matters before meaning-sensitive words raise it.
    pub fn severity(self) -> Severity {
        match self {
            Category::Verbatim => Severity::None,
            Category::Typographic | Category::SpeakerNameVariant | Category::SingleOutlet => {
                Severity::Info
            }
            Category::Truncation | Category::MarkedElision | Category::BracketedEdit => {
                Severity::Low
            }
            Category::UnmarkedOmission | Category::Splice | Category::WordingChange => {
                Severity::Medium
            }
            Category::Misattribution => Severity::High,
        }
    }
}

/// How much a discrepancy matters; `--fail-on` takes one of these.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    None,
    Info,
    Low,
    Medium,
    High,
}

impl Severity {
    pub fn raised(self) -> Severity {
        match self {
            Severity::None => Severity::Info,
            Severity::Info => Severity::Low,
            Severity::Low => Severity::Medium,
            _ => Severity::High,
        }
    }
}

/// One discrepancy of an appearance (or of a family) with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Finding {
    pub category: Category,
    pub severity: Severity,
    /// What differs, in the articles' own words.
    pub detail: String,
    /// The edit touches a negation, number, modal, quantifier, hedge or name.
    pub meaning_sensitive: bool,
}

impl Finding {
    fn new(category: Category, detail: String) -> Self {
        Finding {
            category,
            severity: category.severity(),
            detail,
            meaning_sensitive: false,
        }
    }
}

/// A block of the word diff against the reference.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    Equal,
    Delete,
    Insert,
    Replace,
}

#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct DiffBlock {
    pub op: Op,
    /// The reference's raw words in this block (empty for an insertion).
    pub reference: String,
    /// This version's raw words in this block (empty for a deletion).
    pub text: String,
}

/// One version of a quote in one article.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Appearance {
    pub outlet: String,
    pub article_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The quote's id in `extract` output (`article_id#n`).
    pub quote_id: String,
    /// The quote with its marks, exactly `text[start..end]` of the article.
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub char_start: usize,
    pub char_end: usize,
    pub kind: Kind,
    /// Canonical speaker in this article, if attributed.
    pub speaker: Option<String>,
    /// The words naming the speaker (`Cotton`, `he`).
    pub speaker_mention: Option<String>,
    /// The cue's lemma (`say`, `write`).
    pub cue: Option<String>,
    pub is_reference: bool,
    /// The word diff against the reference (empty for the reference itself).
    pub diff: Vec<DiffBlock>,
    pub findings: Vec<Finding>,
}

/// All versions of one quote in a story.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Family {
    /// `f1`, `f2`, … in order of first appearance in the input, per story.
    pub id: String,
    /// The reference version's text (the longest).
    pub reference: String,
    /// The reference version's canonical speaker.
    pub speaker: Option<String>,
    /// Every canonical speaker name used for this quote.
    pub speakers: Vec<String>,
    /// Every form the speaker is named in.
    pub name_forms: Vec<String>,
    /// Outlets that carry the quote, sorted.
    pub outlets: Vec<String>,
    /// The earliest appearance: (outlet, article id, date).
    pub first_appearance: FirstAppearance,
    pub appearances: Vec<Appearance>,
    /// Family-level findings: misattribution, speaker name variants, single outlet.
    pub findings: Vec<Finding>,
    /// Every category found in the family, sorted.
    pub categories: Vec<Category>,
    /// The highest severity in the family.
    pub severity: Severity,
    /// For a single-outlet quote: each other outlet of the story, and whether the words
    /// appear there unquoted (`unquoted`) or not at all (`absent`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub elsewhere: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct FirstAppearance {
    pub outlet: String,
    pub article_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// The audit of one story.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Story {
    pub story: String,
    pub outlets: Vec<String>,
    pub articles: usize,
    pub families: Vec<Family>,
    /// Family id → outlet → number of appearances.
    pub coverage: BTreeMap<String, BTreeMap<String, usize>>,
}

/// Options of an audit.
#[derive(Debug, Clone, Default)]
pub struct AuditOptions {
    pub link: LinkParams,
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
    fn q(&self) -> &crate::Quote {
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

/// The byte range of a quote's content, inside its marks.
fn content_range(q: &crate::Quote) -> (usize, usize) {
    let inner = q
        .text
        .trim_start_matches(crate::attribute::is_quote_char)
        .trim_end_matches(crate::attribute::is_quote_char);
    let lead = q.text.len()
        - q.text
            .trim_start_matches(crate::attribute::is_quote_char)
            .len();
    (q.start + lead, q.start + lead + inner.len())
}

/// The normalised key of a quote (see [`crate::Quote::key`]).
pub fn quote_key(text: &str, q: &crate::Quote) -> String {
    let (cs, ce) = content_range(q);
    normalize::key(text, cs, ce)
}

/// Audits articles (already through `process`), grouped into stories.
///
/// The result depends on the set of articles, not on their order: stories come sorted by
/// name and a story's articles are taken in order of id (then outlet and text). So the
/// audit of a corpus split in parts, in any order, merges into the audit of the whole
/// ([`crate::report::audit::merge`]).
pub fn audit(articles: &[ArticleQuotes], opts: &AuditOptions) -> Vec<Story> {
    let mut by_story: BTreeMap<&str, Vec<&ArticleQuotes>> = BTreeMap::new();
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
            audit_story(key.to_string(), &arts, opts)
        })
        .collect()
}

/// The blocking key of a record: 16 hex digits of a hash of its story. Records with equal
/// keys must be audited together; two stories sharing a key (a hash collision) are merely
/// audited in the same group, which changes nothing, since families never cross stories.
pub fn blocking_key(story: Option<&str>) -> String {
    format!("{:016x}", link::fnv1a(story.unwrap_or("all").bytes()))
}

/// The story an article is audited in: its `story` (or `--group-by` field), else `all`.
pub fn story_of(a: &ArticleQuotes) -> &str {
    a.article.story.as_deref().unwrap_or("all")
}

fn audit_story(story: String, articles: &[&ArticleQuotes], opts: &AuditOptions) -> Story {
    let mut items: Vec<Item> = Vec::new();
    for a in articles {
        for (qi, q) in a.quotes.iter().enumerate() {
            if !matches!(q.kind, Kind::Direct | Kind::Partial) {
                continue;
            }
            let (cs, ce) = content_range(q);
            let tokens = normalize::tokens(&a.article.text, cs, ce);
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
            &opts.link,
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
        story,
        outlets: outlets.into_iter().collect(),
        articles: articles.len(),
        families,
        coverage,
    }
}

/// Whether two canonical names can be the same person: equal, one's last word ends the other
/// (`Cotton` / `Tom Cotton`), or last names within a letter or two (Jaro-Winkler).
fn same_person(a: &str, b: &str) -> bool {
    let la = a.split_whitespace().last().map(str::to_lowercase);
    let lb = b.split_whitespace().last().map(str::to_lowercase);
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
    params: &LinkParams,
) -> Family {
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
    // (canonical name, type, outlet, resolved through a pronoun)
    let mut attributed: Vec<(String, SpeakerType, String, bool)> = Vec::new();
    for &m in members {
        let it = &items[m];
        let q = it.q();
        let a = &it.article.article;
        let (diff, findings) = if m == reference {
            (Vec::new(), Vec::new())
        } else {
            let (rc, mc) = (content_range(r.q()), content_range(q));
            let identical = r_text[rc.0..rc.1] == a.text[mc.0..mc.1];
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
                s.resolution == crate::model::Resolution::Pronoun,
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
    let mut people: Vec<&(String, SpeakerType, String, bool)> = Vec::new();
    for s in &attributed {
        if !people.iter().any(|p| same_person(&p.0, &s.0)) {
            people.push(s);
        }
    }
    // A fragment of one to three words is too short to say who said it: `"sexist"` can be
    // quoted from anyone.
    let long_enough = words[reference].len() >= 4;
    if people.len() > 1 && long_enough {
        let described = people
            .iter()
            .any(|p| matches!(p.1, SpeakerType::Descriptor | SpeakerType::Pronoun));
        let list: Vec<String> = people
            .iter()
            .map(|p| format!("{} ({})", p.0, p.2))
            .collect();
        // A speaker reached through a pronoun may be the resolver's mistake, not the
        // outlet's: such a conflict is reported, one step lower.
        let via_pronoun = people.iter().any(|p| p.3);
        let mut f = Finding::new(
            Category::Misattribution,
            format!(
                "{}{}{}",
                if described {
                    "a person vs a description: "
                } else {
                    "attributed to "
                },
                list.join(" / "),
                if via_pronoun {
                    " (a speaker here is resolved from a pronoun)"
                } else {
                    ""
                }
            ),
        );
        f.meaning_sensitive = true;
        // A role against a name (`the president` / `Obama`) is often the same person named
        // two ways: reported as its own subtype, one step lower, like a pronoun conflict.
        if via_pronoun || described {
            f.severity = Severity::Medium;
        }
        findings.push(f);
    }
    if forms.len() > 1 && people.len() <= 1 {
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
        let index = text_index.get_or_insert_with(|| TextIndex::new(articles, params));
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
    fn new(articles: &[&ArticleQuotes], p: &LinkParams) -> Self {
        let words: Vec<Vec<String>> = articles
            .iter()
            .map(|a| {
                normalize::tokens(&a.article.text, 0, a.article.text.len())
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
