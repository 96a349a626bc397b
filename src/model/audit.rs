//! What the audit produces: [`Story`]s of quote [`Family`]s with their [`Finding`]s, the
//! [`Part`] that carries one story between machines, and the merged [`Audit`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Diagnostic, Kind, Resolution, Rule, StoryType};

named_enum! {
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
        Deserialize,
        schemars::JsonSchema,
    )]
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
        /// Different outlets name different people as the speaker, each explicitly: a named
        /// person or organisation in the quote's own sentence.
        Misattribution,
        /// Different outlets' speakers differ, but at least one attribution is not explicit
        /// (a pronoun, a description, a name from another sentence): information to check,
        /// not a finding against an outlet.
        SpeakerUncertain,
        /// The same speaker named in different forms (Cotton / Tom Cotton / Sen. Cotton).
        SpeakerNameVariant,
        /// The quote appears in only one outlet of the story.
        SingleOutlet,
        /// A long quote that reproduces another article's text, its narration with its
        /// quotes (`The Ledger reported: "…"`): a quote of that article, not of a speaker.
        BlockQuote,
    }
    /// Every category, text categories first, then the family-level ones.
    ALL;
    /// The category's name as it appears in the output.
    name;
}

impl Category {
    /// How much the category matters before meaning-sensitive words raise it.
    pub fn severity(self) -> Severity {
        match self {
            Category::Verbatim => Severity::None,
            Category::Typographic
            | Category::SpeakerNameVariant
            | Category::SingleOutlet
            | Category::SpeakerUncertain
            | Category::BlockQuote => Severity::Info,
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
    Default,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Nothing differs (verbatim).
    #[default]
    None,
    /// Worth knowing, not a fault: typography, a name form, a quote in one outlet.
    Info,
    /// A usual editing choice: an excerpt, a marked elision, a bracketed edit.
    Low,
    /// Words changed, dropped without a mark, or pieces joined; or a speaker conflict that
    /// may be the resolver's, not the outlet's.
    Medium,
    /// A meaning-sensitive edit, or two outlets naming different people.
    High,
}

impl Severity {
    /// Every level, lowest first.
    pub const ALL: [Severity; 5] = [
        Severity::None,
        Severity::Info,
        Severity::Low,
        Severity::Medium,
        Severity::High,
    ];

    /// The level's name as it appears in the output.
    pub fn name(self) -> &'static str {
        match self {
            Severity::None => "none",
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }

    /// One level up (meaning-sensitive words raise a finding).
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// The finding's id, unique in the report: the story's hash, the family and its number
    /// in the family (`5c1a9e03b2d7:f4.2`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// What kind of discrepancy.
    pub category: Category,
    /// How much it matters.
    pub severity: Severity,
    /// What differs, in the articles' own words.
    pub detail: String,
    /// The edit touches a negation, number, modal, quantifier, hedge or name.
    pub meaning_sensitive: bool,
}

impl Finding {
    /// A finding whose severity follows from its category and whether it is
    /// meaning-sensitive ([`Finding::expected_severity`]).
    pub(crate) fn new(category: Category, detail: String) -> Self {
        Finding::with_sensitivity(category, detail, false)
    }

    /// A finding, meaning-sensitive or not, with the severity that follows.
    pub(crate) fn with_sensitivity(
        category: Category,
        detail: String,
        meaning_sensitive: bool,
    ) -> Self {
        let mut f = Finding {
            id: String::new(),
            category,
            severity: category.severity(),
            detail,
            meaning_sensitive,
        };
        if let Some(s) = f.expected_severity() {
            f.severity = s;
        }
        f
    }

    /// The severity the audit gives such a finding: the category's, one level up when the
    /// edit is meaning-sensitive; a misattribution is high. `None` for a combination the
    /// audit never makes (a meaning-sensitive verbatim, a misattribution that is not).
    /// `merge` checks parts against this, so a part edited by hand cannot lower what
    /// `--fail-on` sees.
    pub fn expected_severity(&self) -> Option<Severity> {
        let ms = self.meaning_sensitive;
        match self.category {
            Category::Misattribution if ms => Some(Severity::High),
            Category::Misattribution => None,
            Category::Verbatim
            | Category::Typographic
            | Category::SpeakerNameVariant
            | Category::SingleOutlet
            | Category::SpeakerUncertain
                if ms =>
            {
                None
            }
            c if ms => Some(c.severity().raised()),
            c => Some(c.severity()),
        }
    }
}

/// A block of the word diff against the reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    /// The same words in both.
    Equal,
    /// Words of the reference missing here.
    Delete,
    /// Words here that the reference lacks.
    Insert,
    /// Words of the reference replaced by others.
    Replace,
}

/// One block of a word diff.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DiffBlock {
    /// What the block does to the reference.
    pub op: Op,
    /// The reference's raw words in this block (empty for an insertion).
    pub reference: String,
    /// This version's raw words in this block (empty for a deletion).
    pub text: String,
}

/// One version of a quote in one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appearance {
    /// The article's outlet (its id when it has none).
    pub outlet: String,
    /// The article's id.
    pub article_id: String,
    /// The article's address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The article's date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The quote's id in `extract` output (`article_id#n`).
    pub quote_id: String,
    /// The quote with its marks, exactly `text[start..end]` of the article.
    pub text: String,
    /// Byte offset of the quote in the article text.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// Code-point offset of the quote.
    pub char_start: usize,
    /// Code-point offset one past its end.
    pub char_end: usize,
    /// The quote's kind: direct or partial (the audit compares speech), or a term whose
    /// words another quote of the story gives to a speaker (`deemed the plan "a con"`
    /// against `"New Yorkers know a con when we see one," Ruiz said`): the article quotes
    /// those words without naming whose they are.
    pub kind: Kind,
    /// Canonical speaker in this article, if attributed.
    pub speaker: Option<String>,
    /// The words naming the speaker (`Cotton`, `he`).
    pub speaker_mention: Option<String>,
    /// The cue's lemma (`say`, `write`).
    pub cue: Option<String>,
    /// How the article attributes the quote, for a quote with a speaker: the evidence a
    /// fact-checker reads before acting on a speaker finding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<Attribution>,
    /// Whether this is the family's reference version.
    pub is_reference: bool,
    /// The word diff against the reference (empty for the reference itself).
    pub diff: Vec<DiffBlock>,
    /// What differs from the reference.
    pub findings: Vec<Finding>,
}

/// How an article attributes a quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attribution {
    /// The rule that attributed it (`quotecheck explain RULE`).
    pub rule: Rule,
    /// How the speaker's name was reached from the mention.
    pub resolution: Resolution,
    /// How sure the rule is of the speaker, 0 to 1 (the quote's `confidence` in `extract`).
    pub confidence: f32,
    /// Whether the attribution is explicit: a named person or organisation, in the quote's
    /// own sentence, with its name as written or resolved from a surname or short form.
    /// Only explicit attributions make a misattribution.
    pub explicit: bool,
    /// The sentence holding the quote and the speaker's mention (at most 600 bytes either
    /// side of them), exactly `text[sentence_start..sentence_end]` of the article.
    pub sentence: String,
    /// Byte offset of the sentence in the article text.
    pub sentence_start: usize,
    /// Byte offset one past its end.
    pub sentence_end: usize,
}

/// All versions of one quote in a story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
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
    /// Every version, in input order.
    pub appearances: Vec<Appearance>,
    /// Family-level findings: misattribution, speaker name variants, single outlet.
    pub findings: Vec<Finding>,
    /// Every category found in the family, sorted.
    pub categories: Vec<Category>,
    /// The highest severity in the family.
    pub severity: Severity,
    /// For a single-outlet quote: where the story's other outlets stand (the outlets whose
    /// articles carry the words unquoted, and how many lack them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elsewhere: Option<Elsewhere>,
    /// Other families that hold this family's quotes, by id: those headed by the same
    /// reference quote (a long quote whose sentences other outlets quoted separately heads
    /// one family per sentence; a version of two sentences is in both, its findings in the
    /// first), and those that a sentence of this family's quote joined (a sentence another
    /// outlet's longer quote holds: this quote is then no single-outlet quote).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub siblings: Vec<String>,
}

/// Where the other outlets of a story stand on a quote that only one outlet carries. The
/// story lists its outlets once ([`Story::outlets`]); this names the few that carry the words
/// and counts the rest, so a story of many outlets does not make every family list them all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Elsewhere {
    /// Other outlets whose articles carry the quote's words without quotation marks, sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unquoted: Vec<String>,
    /// How many of the story's other outlets do not carry the words at all.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub absent: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Where a quote was seen first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FirstAppearance {
    /// The outlet.
    pub outlet: String,
    /// The article's id.
    pub article_id: String,
    /// The article's date, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// The audit of one story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Story {
    /// The story's name (its `story` or `--group-by` value; `all` when none is given).
    pub story: String,
    /// What named the story: a string (left out), another JSON value (`value`: the name is
    /// its JSON text), or nothing (`none`: articles without a story, named `all`). Stories
    /// of different types are different stories, whatever their names.
    #[serde(default, skip_serializing_if = "StoryType::is_string")]
    pub story_type: StoryType,
    /// Outlets of the story's articles, sorted.
    pub outlets: Vec<String>,
    /// Articles in the story.
    pub articles: usize,
    /// The quote families, the most severe first, then in order of first appearance (their
    /// ids, `f1`, `f2`, …, number them in that order).
    pub families: Vec<Family>,
    /// Family id → outlet → number of appearances, for the outlets that carry the family
    /// (an outlet of [`Story::outlets`] missing from a row carries none).
    pub coverage: BTreeMap<String, BTreeMap<String, usize>>,
}

/// Thresholds of the linking step; reported in the audit's methods block.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkParams {
    /// Words per shingle.
    pub shingle: usize,
    /// A shingle shared by more quotes than this pairs each of them with one hub (the
    /// shortest quote holding it), not with each other.
    pub max_postings: usize,
    /// Minimum overlap coefficient of word sets for a candidate to be checked further.
    pub min_overlap: f64,
    /// Whether versions of one outlet are compared with each other's as findings. Off by
    /// default: an outlet repeating its own quote differently says nothing about how it
    /// quotes others' words, and a fact-checker compares outlets.
    #[serde(default)]
    pub same_outlet: bool,
}

impl Default for LinkParams {
    fn default() -> Self {
        LinkParams {
            shingle: 3,
            max_postings: 64,
            min_overlap: 0.5,
            same_outlet: false,
        }
    }
}

/// An input article as the methods block lists it.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct InputHash {
    /// The article's id.
    pub article_id: String,
    /// Its outlet.
    pub outlet: String,
    /// A 64-bit FNV-1a hash of its text, in hex: the same text gives the same hash anywhere.
    pub fnv1a64: String,
}

/// The format version of a [`Part`]: `merge` refuses parts of another version, since a
/// part is read field by field and a change of its shape would be misread.
pub const PART_VERSION: u32 = 4;

/// The audit of one story with what the report needs from it: the unit that
/// `audit --format parts` writes, one per line, and that [`crate::merge`] reads. A line with
/// no `story` carries inputs that were skipped, and nothing else.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// The part's format version, [`PART_VERSION`].
    pub part_version: u32,
    /// The field articles were grouped into stories by.
    pub grouped_by: String,
    /// The link thresholds the story was audited with.
    pub link: LinkParams,
    /// The story's articles (id, outlet, text hash), sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<InputHash>,
    /// The story's audit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story: Option<Story>,
    /// Inputs that were skipped.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<super::diagnostic::Skipped>")]
    pub skipped: Vec<Diagnostic>,
}

/// An audit: parts merged, stories sorted by name, skipped inputs sorted.
///
/// Made by [`crate::Pipeline::audit`] or by [`crate::merge`] from parts; the merge is a
/// sorted union, so it is associative and order-independent: merging the parts of
/// `audit(A)` and `audit(B)` gives `audit(A ∪ B)` when no story is split between A and B
/// (the `fingerprint` key guarantees that).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Audit {
    /// The field articles were grouped into stories by.
    pub grouped_by: String,
    /// The link thresholds.
    pub link: LinkParams,
    /// Parts with a story, sorted by story.
    pub parts: Vec<Part>,
    /// Inputs that were skipped, sorted.
    pub skipped: Vec<Diagnostic>,
}

impl Audit {
    /// The stories, in order, borrowed: reports are written without copying them.
    pub fn stories(&self) -> Vec<&Story> {
        self.parts.iter().filter_map(|p| p.story.as_ref()).collect()
    }

    /// Every input article, sorted.
    pub fn inputs(&self) -> Vec<InputHash> {
        let mut all: Vec<InputHash> = self.parts.iter().flat_map(|p| p.inputs.clone()).collect();
        all.sort();
        all
    }

    /// The highest severity of any family.
    pub fn worst(&self) -> Severity {
        self.parts
            .iter()
            .filter_map(|p| p.story.as_ref())
            .flat_map(|s| s.families.iter().map(|f| f.severity))
            .max()
            .unwrap_or(Severity::None)
    }

    /// The counts of the audit, as its JSON report gives them.
    pub fn summary(&self) -> super::AuditSummary {
        super::report::summary(&self.stories())
    }

    /// Whether a finding reaches `level` (the `--fail-on` test): never for [`FailOn::None`].
    pub fn fails(&self, level: FailOn) -> bool {
        level.threshold().is_some_and(|t| self.worst() >= t)
    }
}

/// When an audit should fail (exit 1): never, or from a severity up.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Never.
    #[default]
    None,
    /// On any finding above verbatim.
    Info,
    /// On a low, medium or high finding.
    Low,
    /// On a medium or high finding.
    Medium,
    /// On a high finding.
    High,
}

impl FailOn {
    /// The lowest severity that fails, if any does.
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::None => None,
            FailOn::Info => Some(Severity::Info),
            FailOn::Low => Some(Severity::Low),
            FailOn::Medium => Some(Severity::Medium),
            FailOn::High => Some(Severity::High),
        }
    }
}

/// Which families a report shows: `--min-severity`, `--category`, `--exclude-category`.
/// The default shows them all. Parts for `merge` are always whole.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct View {
    /// Families below this severity are left out.
    pub min_severity: Severity,
    /// When not empty, only families with a finding of one of these categories are shown.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<Category>,
    /// Findings of these categories do not make a family shown.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exclude_categories: Vec<Category>,
}

impl View {
    /// Whether the view shows every family.
    pub fn is_all(&self) -> bool {
        *self == View::default()
    }

    /// Whether `f` is shown: severe enough, and with a category that is selected (or no
    /// selection) and not excluded. With only excluded categories left a family is hidden.
    pub fn shows(&self, f: &Family) -> bool {
        if f.severity < self.min_severity {
            return false;
        }
        if self.categories.is_empty() && self.exclude_categories.is_empty() {
            return true;
        }
        f.categories.iter().any(|c| {
            (self.categories.is_empty() || self.categories.contains(c))
                && !self.exclude_categories.contains(c)
        })
    }

    /// Whether one finding of a shown family is listed where findings are rows (CSV,
    /// Markdown): severe enough, of a selected category and not an excluded one.
    pub fn shows_finding(&self, x: &Finding) -> bool {
        x.severity >= self.min_severity
            && (self.categories.is_empty() || self.categories.contains(&x.category))
            && !self.exclude_categories.contains(&x.category)
    }
}
