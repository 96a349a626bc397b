//! Stage 4: write results.
//!
//! Formats:
//! - `jsonl`: one JSON object per article, in input order, written as each article is done:
//!   `{"id", "outlet"?, "url"?, "date"?, "title"?, "story"?, "unmatched_marks", "quotes": [...]}`.
//!   Skipped inputs and warnings go to stderr.
//! - `json`: one document, `{"schema_version", "tool", "articles": [...], "skipped": [...],
//!   "warnings": [...], "summary": {...}}`; the schema is `schema/extract.schema.json`.
//! - `text`: a readable listing for a terminal.
//!
//! Every quote, speaker and cue carries byte offsets (`start`, `end`) and code-point offsets
//! (`char_start`, `char_end`) into the article text. Output is byte-for-byte deterministic.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::ArticleQuotes;
use crate::input::{Skipped, Warning};
use crate::model::Kind;

/// Version of the JSON output's shape; bumped on any incompatible change.
pub const SCHEMA_VERSION: &str = "1";

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Jsonl,
    Text,
}

/// Counts over a whole run.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct Summary {
    /// Articles read: processed plus skipped.
    pub articles_read: usize,
    pub articles_processed: usize,
    pub articles_skipped: usize,
    pub quotes: usize,
    /// Quotes by kind.
    pub by_kind: BTreeMap<String, usize>,
    /// Quotes with a speaker.
    pub attributed: usize,
    pub unmatched_marks: usize,
    pub warnings: usize,
}

impl Summary {
    pub fn add(&mut self, a: &ArticleQuotes) {
        self.articles_read += 1;
        self.articles_processed += 1;
        self.quotes += a.quotes.len();
        self.unmatched_marks += a.unmatched_marks;
        for q in &a.quotes {
            *self
                .by_kind
                .entry(kind_name(q.kind).to_string())
                .or_default() += 1;
            if q.speaker.is_some() {
                self.attributed += 1;
            }
        }
    }
    pub fn skip(&mut self) {
        self.articles_read += 1;
        self.articles_skipped += 1;
    }
}

pub fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Direct => "direct",
        Kind::Partial => "partial",
        Kind::Term => "term",
        Kind::Nested => "nested",
    }
}

#[derive(Serialize, schemars::JsonSchema)]
struct Document<'a> {
    schema_version: &'static str,
    tool: Tool,
    articles: &'a [ArticleQuotes],
    skipped: &'a [Skipped],
    warnings: &'a [Warning],
    summary: &'a Summary,
}

#[derive(Serialize, schemars::JsonSchema)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

/// Writes results in the chosen format. For `jsonl` and `text`, [`Writer::article`] writes
/// at once; for `json`, articles are kept until [`Writer::finish`].
pub struct Writer<W: Write> {
    out: W,
    format: Format,
    kept: Vec<ArticleQuotes>,
    skipped: Vec<Skipped>,
    warnings: Vec<Warning>,
    pub summary: Summary,
}

impl<W: Write> Writer<W> {
    pub fn new(out: W, format: Format) -> Self {
        Writer {
            out,
            format,
            kept: Vec::new(),
            skipped: Vec::new(),
            warnings: Vec::new(),
            summary: Summary::default(),
        }
    }

    pub fn article(&mut self, a: ArticleQuotes) -> io::Result<()> {
        self.summary.add(&a);
        match self.format {
            Format::Jsonl => {
                serde_json::to_writer(&mut self.out, &a)?;
                self.out.write_all(b"\n")
            }
            Format::Json => {
                self.kept.push(a);
                Ok(())
            }
            Format::Text => write_text(&mut self.out, &a),
        }
    }

    pub fn skipped(&mut self, s: Skipped) {
        self.summary.skip();
        self.skipped.push(s);
    }

    pub fn warning(&mut self, w: Warning) {
        self.summary.warnings += 1;
        self.warnings.push(w);
    }

    /// Finishes the output and returns the writer.
    pub fn finish(mut self) -> io::Result<(W, Summary, Vec<Skipped>, Vec<Warning>)> {
        match self.format {
            Format::Json => {
                let doc = Document {
                    schema_version: SCHEMA_VERSION,
                    tool: Tool {
                        name: "quotecheck",
                        version: env!("CARGO_PKG_VERSION"),
                    },
                    articles: &self.kept,
                    skipped: &self.skipped,
                    warnings: &self.warnings,
                    summary: &self.summary,
                };
                serde_json::to_writer_pretty(&mut self.out, &doc)?;
                self.out.write_all(b"\n")?;
            }
            Format::Text => {
                let s = &self.summary;
                writeln!(
                    self.out,
                    "{} article(s), {} quote(s) ({} attributed), {} skipped",
                    s.articles_processed, s.quotes, s.attributed, s.articles_skipped
                )?;
            }
            Format::Jsonl => {}
        }
        self.out.flush()?;
        Ok((self.out, self.summary, self.skipped, self.warnings))
    }
}

/// The readable listing of one article.
pub fn write_text(out: &mut impl Write, a: &ArticleQuotes) -> io::Result<()> {
    let outlet = a.article.outlet.as_deref().unwrap_or("-");
    writeln!(
        out,
        "== {} ({}) — {} quote(s)",
        a.article.id,
        outlet,
        a.quotes.len()
    )?;
    for q in &a.quotes {
        let who = match &q.speaker {
            Some(s) if s.name != s.mention => format!("{} [\"{}\"]", s.name, s.mention),
            Some(s) => s.name.clone(),
            None => "—".to_string(),
        };
        let cue = q.cue.as_ref().map_or("", |c| c.text.as_str());
        writeln!(
            out,
            "  {:>6}..{:<6} {:<8} {}",
            q.char_start,
            q.char_end,
            kind_name(q.kind),
            one_line(&q.text, 100)
        )?;
        writeln!(
            out,
            "                  speaker: {who}  cue: {cue}  rule: {} ({:.2})",
            q.rule.name(),
            q.confidence
        )?;
    }
    Ok(())
}

/// The text on one line, shortened to `max` characters with an ellipsis.
fn one_line(s: &str, max: usize) -> String {
    let flat: String = s
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    if flat.chars().count() <= max {
        flat
    } else {
        let mut t: String = flat.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

/// The JSON schema of the `--format json` document (published as
/// `schema/extract.schema.json`).
pub fn document_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Document<'static>)).unwrap_or_default()
}

/// The JSON schema of one `--format jsonl` line (published as
/// `schema/extract-record.schema.json`).
pub fn record_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(ArticleQuotes)).unwrap_or_default()
}

/// The `quotecheck audit` report: JSON citation report, JSON Lines (one family per line) or
/// a readable listing with the diffs marked.
pub mod audit {
    use std::collections::BTreeMap;
    use std::io::{self, Write};

    use serde::{Deserialize, Serialize};

    use crate::ArticleQuotes;
    use crate::compare::{Category, LinkParamsView, Op, Severity, Story};
    use crate::input::Skipped;

    /// The audit of one story with what the report needs from it: the unit that
    /// `audit --format parts` writes, one per line, and that [`merge`] reads. A line with no
    /// `story` carries inputs that were skipped.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
    pub struct Part {
        pub grouped_by: String,
        pub link: LinkParamsView,
        /// The story's articles (id, outlet, text hash), sorted.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub inputs: Vec<InputHash>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub story: Option<Story>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub skipped: Vec<Skipped>,
    }

    /// The parts of one audit run: a part per story, and one for what was skipped.
    pub fn parts(
        articles: &[ArticleQuotes],
        stories: Vec<Story>,
        skipped: Vec<Skipped>,
        link: LinkParamsView,
        grouped_by: &str,
    ) -> Vec<Part> {
        let mut inputs: BTreeMap<&str, Vec<InputHash>> = BTreeMap::new();
        for a in articles {
            inputs
                .entry(crate::compare::story_of(a))
                .or_default()
                .push(InputHash {
                    article_id: a.article.id.clone(),
                    outlet: a.article.outlet.clone().unwrap_or_default(),
                    fnv1a64: fnv1a64(&a.article.text),
                });
        }
        let mut out: Vec<Part> = stories
            .into_iter()
            .map(|st| {
                let mut inputs = inputs.remove(st.story.as_str()).unwrap_or_default();
                inputs.sort();
                Part {
                    grouped_by: grouped_by.to_string(),
                    link,
                    inputs,
                    story: Some(st),
                    skipped: Vec::new(),
                }
            })
            .collect();
        if !skipped.is_empty() {
            out.push(Part {
                grouped_by: grouped_by.to_string(),
                link,
                inputs: Vec::new(),
                story: None,
                skipped,
            });
        }
        out
    }

    /// Audit parts merged: stories sorted by name, inputs and skipped sorted. The merge is
    /// a sorted union, so it is associative and order-independent: merging the parts of
    /// `audit(A)` and `audit(B)` gives `audit(A ∪ B)` when no story is split between A and
    /// B (the `fingerprint` key guarantees that).
    #[derive(Debug, Clone, Default)]
    pub struct Merged {
        pub grouped_by: String,
        pub link: LinkParamsView,
        /// Parts with a story, sorted by story.
        pub parts: Vec<Part>,
        pub skipped: Vec<Skipped>,
    }

    impl Merged {
        /// The stories, in order, borrowed: reports are written without copying them.
        pub fn stories(&self) -> Vec<&Story> {
            self.parts.iter().filter_map(|p| p.story.as_ref()).collect()
        }

        pub fn inputs(&self) -> Vec<InputHash> {
            let mut all: Vec<InputHash> =
                self.parts.iter().flat_map(|p| p.inputs.clone()).collect();
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
    }

    /// Merges parts given in any order. The same story twice is accepted when both parts
    /// are identical (a retried task), and refused otherwise: it means the records of one
    /// story were audited in two groups. Parts made with other settings are refused too.
    pub fn merge(parts: impl IntoIterator<Item = Part>) -> Result<Merged, String> {
        let mut by_story: BTreeMap<String, Part> = BTreeMap::new();
        let mut merged = Merged::default();
        let mut settings: Option<(String, LinkParamsView)> = None;
        for mut p in parts {
            let these = (p.grouped_by.clone(), p.link);
            match &settings {
                None => settings = Some(these),
                Some(s) if *s != these => {
                    return Err(format!(
                        "parts audited with different settings ({} / {:?} and {} / {:?}); audit every part with the same --group-by and thresholds",
                        s.0, s.1, these.0, these.1
                    ));
                }
                Some(_) => {}
            }
            merged.skipped.append(&mut p.skipped);
            let Some(story) = &p.story else { continue };
            let name = story.story.clone();
            match by_story.get(&name) {
                Some(q) if *q == p => {}
                Some(_) => {
                    return Err(format!(
                        "story `{name}` was audited in two groups with different results; group records by the `fingerprint` key before auditing"
                    ));
                }
                None => {
                    by_story.insert(name, p);
                }
            }
        }
        if let Some((g, l)) = settings {
            merged.grouped_by = g;
            merged.link = l;
        }
        merged.parts = by_story.into_values().collect();
        merged
            .skipped
            .sort_by(|a, b| (&a.path, a.line, &a.reason).cmp(&(&b.path, b.line, &b.reason)));
        merged.skipped.dedup();
        Ok(merged)
    }

    /// The JSON document of a merged audit.
    pub fn report(m: &Merged) -> AuditReport<'_> {
        let stories = m.stories();
        AuditReport {
            schema_version: super::SCHEMA_VERSION,
            methods: Methods {
                tool: "quotecheck",
                version: env!("CARGO_PKG_VERSION"),
                link: m.link,
                grouped_by: m.grouped_by.clone(),
                inputs: m.inputs(),
            },
            summary: summary(&stories),
            stories,
            skipped: &m.skipped,
        }
    }

    /// How an audit is written.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Output {
        /// The JSON citation report (`schema/audit.schema.json`).
        Json,
        /// One family per line.
        Jsonl,
        /// The readable report, coloured or not.
        Text { color: bool },
        /// One [`Part`] per line, for `quotecheck merge`.
        Parts,
    }

    /// Writes a merged audit: `audit` and `merge` share this, so a merge of parts is
    /// byte-identical to the audit of the whole.
    pub fn write(out: &mut impl Write, m: &Merged, format: Output) -> io::Result<()> {
        match format {
            Output::Json => {
                serde_json::to_writer_pretty(&mut *out, &report(m)).map_err(io::Error::other)?;
                out.write_all(b"\n")
            }
            Output::Jsonl => write_jsonl(out, &m.stories()),
            Output::Text { color } => write_text(out, &m.stories(), color, Severity::Info),
            Output::Parts => {
                let skipped = (!m.skipped.is_empty()).then(|| Part {
                    grouped_by: m.grouped_by.clone(),
                    link: m.link,
                    inputs: Vec::new(),
                    story: None,
                    skipped: m.skipped.clone(),
                });
                for p in m.parts.iter().chain(skipped.as_ref()) {
                    serde_json::to_writer(&mut *out, p).map_err(io::Error::other)?;
                    out.write_all(b"\n")?;
                }
                Ok(())
            }
        }
    }

    /// The whole audit as one JSON document.
    #[derive(Debug, Serialize, schemars::JsonSchema)]
    pub struct AuditReport<'a> {
        pub schema_version: &'static str,
        pub methods: Methods,
        pub stories: Vec<&'a Story>,
        pub skipped: &'a [crate::input::Skipped],
        pub summary: AuditSummary,
    }

    /// What a reader needs to replicate the audit.
    #[derive(Debug, Serialize, schemars::JsonSchema)]
    pub struct Methods {
        pub tool: &'static str,
        pub version: &'static str,
        pub link: LinkParamsView,
        /// Families are formed within a story: the field the articles were grouped by.
        pub grouped_by: String,
        /// Each input article's id, outlet and a 64-bit FNV-1a hash of its text.
        pub inputs: Vec<InputHash>,
    }

    #[derive(
        Debug,
        Clone,
        PartialEq,
        Eq,
        PartialOrd,
        Ord,
        Serialize,
        serde::Deserialize,
        schemars::JsonSchema,
    )]
    pub struct InputHash {
        pub article_id: String,
        pub outlet: String,
        pub fnv1a64: String,
    }

    #[derive(Debug, Default, Serialize, schemars::JsonSchema)]
    pub struct AuditSummary {
        pub stories: usize,
        pub articles: usize,
        pub outlets: Vec<String>,
        pub quotes: usize,
        pub families: usize,
        /// Families seen in more than one outlet.
        pub shared_families: usize,
        /// Findings by category (appearance-level and family-level).
        pub by_category: BTreeMap<String, usize>,
        /// Families by their highest severity.
        pub by_severity: BTreeMap<String, usize>,
    }

    /// The JSON schema of the `audit --format json` document (`schema/audit.schema.json`).
    pub fn schema() -> serde_json::Value {
        serde_json::to_value(schemars::schema_for!(AuditReport<'static>)).unwrap_or_default()
    }

    /// The JSON schema of one `audit --format parts` line (`schema/audit-part.schema.json`).
    pub fn part_schema() -> serde_json::Value {
        serde_json::to_value(schemars::schema_for!(Part)).unwrap_or_default()
    }

    /// Text hash for the methods block: stable across runs and platforms.
    pub fn fnv1a64(text: &str) -> String {
        format!("{:016x}", crate::compare::link::fnv1a(text.bytes()))
    }

    pub fn summary(stories: &[&Story]) -> AuditSummary {
        let mut s = AuditSummary {
            stories: stories.len(),
            ..AuditSummary::default()
        };
        let mut outlets = std::collections::BTreeSet::new();
        for st in stories {
            s.articles += st.articles;
            outlets.extend(st.outlets.iter().cloned());
            s.families += st.families.len();
            for f in &st.families {
                s.quotes += f.appearances.len();
                if f.outlets.len() > 1 {
                    s.shared_families += 1;
                }
                *s.by_severity
                    .entry(severity_name(f.severity).to_string())
                    .or_default() += 1;
                let all = f
                    .findings
                    .iter()
                    .chain(f.appearances.iter().flat_map(|a| a.findings.iter()));
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

    pub fn severity_name(s: Severity) -> &'static str {
        match s {
            Severity::None => "none",
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }

    /// One family per line, with its story.
    pub fn write_jsonl(out: &mut impl Write, stories: &[&Story]) -> io::Result<()> {
        #[derive(Serialize)]
        struct Line<'a> {
            story: &'a str,
            #[serde(flatten)]
            family: &'a crate::compare::Family,
        }
        for st in stories {
            for f in &st.families {
                serde_json::to_writer(
                    &mut *out,
                    &Line {
                        story: &st.story,
                        family: f,
                    },
                )?;
                out.write_all(b"\n")?;
            }
        }
        Ok(())
    }

    /// The readable report: families with a discrepancy first-class, the diff marked with
    /// `[-dropped-]` and `{+added+}` (in colour when asked).
    pub fn write_text(
        out: &mut impl Write,
        stories: &[&Story],
        color: bool,
        min: Severity,
    ) -> io::Result<()> {
        let (red, green, bold, dim, reset) = if color {
            ("\x1b[31m", "\x1b[32m", "\x1b[1m", "\x1b[2m", "\x1b[0m")
        } else {
            ("", "", "", "", "")
        };
        for st in stories {
            writeln!(
                out,
                "{bold}== story {} — {} article(s), outlets: {}{reset}",
                st.story,
                st.articles,
                st.outlets.join(", ")
            )?;
            for f in &st.families {
                if f.severity < min || f.categories == [Category::Verbatim] {
                    continue;
                }
                let cats: Vec<&str> = f.categories.iter().map(|c| c.name()).collect();
                writeln!(
                    out,
                    "\n{bold}{} [{}] {}{reset} {dim}({}){reset}",
                    f.id,
                    severity_name(f.severity),
                    cats.join(", "),
                    f.outlets.join(", ")
                )?;
                writeln!(
                    out,
                    "  reference ({}): {}",
                    f.speaker.as_deref().unwrap_or("unattributed"),
                    f.reference
                )?;
                for x in &f.findings {
                    writeln!(out, "  - {}: {}", x.category.name(), x.detail)?;
                }
                for ap in &f.appearances {
                    if ap.is_reference {
                        continue;
                    }
                    write!(out, "  {} {}: ", ap.outlet, ap.quote_id)?;
                    for b in &ap.diff {
                        match b.op {
                            Op::Equal => write!(out, "{} ", b.text)?,
                            Op::Delete => write!(out, "{red}[-{}-]{reset} ", b.reference)?,
                            Op::Insert => write!(out, "{green}{{+{}+}}{reset} ", b.text)?,
                            Op::Replace => write!(
                                out,
                                "{red}[-{}-]{reset}{green}{{+{}+}}{reset} ",
                                b.reference, b.text
                            )?,
                        }
                    }
                    writeln!(out)?;
                    for x in &ap.findings {
                        let sens = if x.meaning_sensitive {
                            " (meaning-sensitive)"
                        } else {
                            ""
                        };
                        writeln!(
                            out,
                            "      {} [{}]{sens}: {}",
                            x.category.name(),
                            severity_name(x.severity),
                            x.detail
                        )?;
                    }
                }
            }
            writeln!(out)?;
        }
        let s = summary(stories);
        writeln!(
            out,
            "{} stor(y/ies), {} article(s), {} quote(s) in {} famil(y/ies), {} shared across outlets",
            s.stories, s.articles, s.quotes, s.families, s.shared_families
        )?;
        let cats: Vec<String> = s
            .by_category
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        writeln!(out, "findings: {}", cats.join(", "))
    }
}
