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
