//! The envelopes of the JSON outputs: the `extract --format json` document and the
//! `audit --format json` report, with their counts. `report` serialises them; their shape is
//! the published schema.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::{ArticleQuotes, Audit, Diagnostic, InputHash, LinkParams, Story, View};

/// Version of the JSON output's shape; bumped on any incompatible change.
pub const SCHEMA_VERSION: &str = "1";

/// Counts over a whole run.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct Summary {
    /// Articles read: processed plus skipped.
    pub articles_read: usize,
    /// Articles in the output.
    pub articles_processed: usize,
    /// Articles left out, each with a reason in `skipped`.
    pub articles_skipped: usize,
    /// Quotes found.
    pub quotes: usize,
    /// Quotes by kind.
    pub by_kind: BTreeMap<String, usize>,
    /// Quotes with a speaker.
    pub attributed: usize,
    /// Quotation marks that could not be paired.
    pub unmatched_marks: usize,
    /// Warnings about inputs that were read.
    pub warnings: usize,
}

impl Summary {
    pub(crate) fn add(&mut self, a: &ArticleQuotes) {
        self.articles_read += 1;
        self.articles_processed += 1;
        self.quotes += a.quotes.len();
        self.unmatched_marks += a.unmatched_marks;
        for q in &a.quotes {
            *self.by_kind.entry(q.kind.name().to_string()).or_default() += 1;
            if q.speaker.is_some() {
                self.attributed += 1;
            }
        }
    }
    pub(crate) fn skip(&mut self) {
        self.articles_read += 1;
        self.articles_skipped += 1;
    }
}

/// The `extract --format json` document.
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct Document<'a> {
    schema_version: &'static str,
    tool: Tool,
    articles: &'a [ArticleQuotes],
    #[schemars(with = "Vec<super::diagnostic::Skipped>")]
    skipped: &'a [Diagnostic],
    #[schemars(with = "Vec<super::diagnostic::Warning>")]
    warnings: &'a [Diagnostic],
    summary: &'a Summary,
}

impl<'a> Document<'a> {
    pub(crate) fn new(
        articles: &'a [ArticleQuotes],
        skipped: &'a [Diagnostic],
        warnings: &'a [Diagnostic],
        summary: &'a Summary,
    ) -> Self {
        Document {
            schema_version: SCHEMA_VERSION,
            tool: Tool {
                name: "quotecheck",
                version: env!("CARGO_PKG_VERSION"),
            },
            articles,
            skipped,
            warnings,
            summary,
        }
    }
}

#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct Tool {
    name: &'static str,
    version: &'static str,
}

/// The whole audit as one JSON document.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct AuditReport<'a> {
    schema_version: &'static str,
    methods: Methods,
    /// The families shown (`--min-severity`, `--category`, `--exclude-category`), when not
    /// all of them are; the summary counts them all.
    #[serde(skip_serializing_if = "Option::is_none")]
    view: Option<&'a View>,
    stories: Vec<&'a Story>,
    #[schemars(with = "Vec<super::diagnostic::Skipped>")]
    skipped: &'a [Diagnostic],
    summary: AuditSummary,
}

/// What a reader needs to replicate the audit.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct Methods {
    tool: &'static str,
    version: &'static str,
    link: LinkParams,
    /// Families are formed within a story: the field the articles were grouped by.
    grouped_by: String,
    /// Each input article's id, outlet and a 64-bit FNV-1a hash of its text.
    inputs: Vec<InputHash>,
}

/// Counts over an audit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct AuditSummary {
    /// Stories audited.
    pub stories: usize,
    /// Articles in them.
    pub articles: usize,
    /// Every outlet, sorted.
    pub outlets: Vec<String>,
    /// Quotes compared (appearances in families).
    pub quotes: usize,
    /// Quote families.
    pub families: usize,
    /// Families seen in more than one outlet.
    pub shared_families: usize,
    /// Findings by category (appearance-level and family-level).
    pub by_category: BTreeMap<String, usize>,
    /// Families by their highest severity.
    pub by_severity: BTreeMap<String, usize>,
}

/// The counts of `stories`.
pub(crate) fn summary(stories: &[&Story]) -> AuditSummary {
    let mut s = AuditSummary {
        stories: stories.len(),
        ..AuditSummary::default()
    };
    let mut outlets = BTreeSet::new();
    for st in stories {
        s.articles += st.articles;
        outlets.extend(st.outlets.iter().cloned());
        s.families += st.families.len();
        // A quote in the families of two sentences of one reference (`Family::siblings`) is
        // one quote, its findings counted once.
        let mut seen: BTreeSet<(&str, &str)> = BTreeSet::new();
        for f in &st.families {
            let mut fresh = Vec::with_capacity(f.appearances.len());
            for a in &f.appearances {
                if seen.insert((a.article_id.as_str(), a.quote_id.as_str())) {
                    fresh.push(a);
                }
            }
            s.quotes += fresh.len();
            if f.outlets.len() > 1 {
                s.shared_families += 1;
            }
            *s.by_severity
                .entry(f.severity.name().to_string())
                .or_default() += 1;
            let all = f
                .findings
                .iter()
                .chain(fresh.iter().flat_map(|a| a.findings.iter()));
            for x in all {
                *s.by_category
                    .entry(x.category.name().to_string())
                    .or_default() += 1;
            }
        }
    }
    s.outlets = outlets.into_iter().collect();
    s
}

/// The JSON document of an audit, with the `stories` of `view`.
pub(crate) fn report<'a>(m: &'a Audit, stories: Vec<&'a Story>, view: &'a View) -> AuditReport<'a> {
    let all = m.stories();
    AuditReport {
        view: (!view.is_all()).then_some(view),
        schema_version: SCHEMA_VERSION,
        methods: Methods {
            tool: "quotecheck",
            version: env!("CARGO_PKG_VERSION"),
            link: m.link,
            grouped_by: m.grouped_by.clone(),
            inputs: m.inputs(),
        },
        summary: summary(&all),
        stories,
        skipped: &m.skipped,
    }
}
