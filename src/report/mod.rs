//! The last stage: write results. Rendering only; nothing here decides a result.
//!
//! `extract` formats ([`Format`], written by [`Writer`]):
//! - `jsonl`: one JSON object per article, in input order, written as each article is done:
//!   `{"id", "outlet"?, "url"?, "date"?, "title"?, "story"?, "unmatched_marks", "quotes": [...]}`.
//!   Skipped inputs and warnings go to stderr.
//! - `json`: one document, `{"schema_version", "tool", "articles": [...], "skipped": [...],
//!   "warnings": [...], "summary": {...}}`; the schema is `schema/extract.schema.json`.
//! - `text`: a readable listing for a terminal.
//! - `html`: one self-contained page, each article's text with its quotes, speakers and
//!   cues marked (written as each article is done).
//! - `csv`: one row per quote (RFC 4180).
//!
//! The audit is written by [`write_audit`] in one of the [`AuditFormat`]s.
//!
//! Every quote, speaker and cue carries byte offsets (`start`, `end`) and code-point offsets
//! (`char_start`, `char_end`) into the article text. Output is byte-for-byte deterministic.

use std::borrow::Cow;
use std::io::{self, Write};

use crate::model::report::Document;
use crate::model::{ArticleQuotes, Diagnostic, Kind, Level, Summary};

mod audit;
mod html;
mod table;

pub use crate::model::View;
pub use audit::{AuditFormat, write_audit, write_audit_view};

/// How `extract` results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One document with every article, the skipped inputs, warnings and a summary
    /// (`schema/extract.schema.json`), written at the end.
    Json,
    /// One record per article (`schema/extract-record.schema.json`), written as each is done.
    Jsonl,
    /// A readable listing; `color` marks the kinds, speakers and headers with ANSI colour.
    Text {
        /// Whether to write ANSI colour.
        color: bool,
        /// Whether to show each quote whole, not cut at [`SHOWN_CHARS`] characters.
        wide: bool,
    },
    /// One HTML page: every article's text with its quotes, speakers and cues marked.
    Html,
    /// One row per quote, with a header (RFC 4180).
    Csv,
}

/// Writes `extract` results in the chosen format. For `jsonl` and `text`,
/// [`Writer::article`] writes at once; for `json`, articles are kept until
/// [`Writer::finish`].
///
/// ```
/// use quotecheck::{Pipeline, report::{Format, Writer}};
/// let pipeline = Pipeline::default();
/// let mut w = Writer::new(Vec::new(), Format::Jsonl);
/// w.article(pipeline.extract_text("\"We will win,\" Cotton wrote.")).unwrap();
/// let (bytes, summary, _) = w.finish().unwrap();
/// assert_eq!(summary.quotes, 1);
/// assert!(String::from_utf8(bytes).unwrap().contains("\"name\":\"Cotton\""));
/// ```
pub struct Writer<W: Write> {
    out: W,
    format: Format,
    kept: Vec<ArticleQuotes>,
    skipped: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    summary: Summary,
    /// Whether the page's head (`html`) or the header row (`csv`) is written.
    started: bool,
}

impl<W: Write> Writer<W> {
    /// Writes what comes before the first article (`html`, `csv`), once.
    fn start(&mut self) -> io::Result<()> {
        if !self.started {
            self.started = true;
            match self.format {
                Format::Html => self.out.write_all(html::extract_head().as_bytes())?,
                Format::Csv => table::write_quotes_header(&mut self.out)?,
                _ => {}
            }
        }
        Ok(())
    }

    /// A writer of `format` into `out`.
    pub fn new(out: W, format: Format) -> Self {
        Writer {
            out,
            format,
            kept: Vec::new(),
            skipped: Vec::new(),
            warnings: Vec::new(),
            summary: Summary::default(),
            started: false,
        }
    }

    /// Writes (or, for `json`, keeps) one article's results.
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
            Format::Text { color, wide } => write_text(&mut self.out, &a, color, wide),
            Format::Html => {
                self.start()?;
                html::extract_article(&mut self.out, self.summary.articles_processed, &a)
            }
            Format::Csv => {
                self.start()?;
                table::write_quotes(&mut self.out, &a)
            }
        }
    }

    /// Records a skipped input or a warning, for the `json` document and the summary.
    pub fn diagnostic(&mut self, d: Diagnostic) {
        match d.level {
            Level::Skipped => {
                self.summary.skip();
                self.skipped.push(d);
            }
            Level::Warning => {
                self.summary.warnings += 1;
                self.warnings.push(d);
            }
        }
    }

    /// The counts so far.
    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    /// Finishes the output; returns the output, the counts and the diagnostics (skipped
    /// first, then warnings).
    pub fn finish(mut self) -> io::Result<(W, Summary, Vec<Diagnostic>)> {
        match self.format {
            Format::Json => {
                let doc = Document::new(&self.kept, &self.skipped, &self.warnings, &self.summary);
                serde_json::to_writer_pretty(&mut self.out, &doc)?;
                self.out.write_all(b"\n")?;
            }
            Format::Text { .. } => {
                let s = &self.summary;
                writeln!(
                    self.out,
                    "{}, {} ({} attributed), {} skipped",
                    crate::text::count(s.articles_processed, "article", "articles"),
                    crate::text::count(s.quotes, "quote", "quotes"),
                    s.attributed,
                    s.articles_skipped
                )?;
            }
            Format::Html => {
                self.start()?;
                html::extract_tail(&mut self.out, &self.summary)?;
            }
            Format::Csv => self.start()?,
            Format::Jsonl => {}
        }
        self.out.flush()?;
        let mut diagnostics = self.skipped;
        diagnostics.append(&mut self.warnings);
        Ok((self.out, self.summary, diagnostics))
    }
}

/// The readable listing of one article.
fn write_text(out: &mut impl Write, a: &ArticleQuotes, color: bool, wide: bool) -> io::Result<()> {
    let (bold, dim, green, yellow, reset) = if color {
        ("\x1b[1m", "\x1b[2m", "\x1b[32m", "\x1b[33m", "\x1b[0m")
    } else {
        ("", "", "", "", "")
    };
    let outlet = a.article.outlet.as_deref().unwrap_or("-");
    writeln!(
        out,
        "{bold}== {} · outlet: {} · {}{reset}",
        Printable(&a.article.id),
        Printable(outlet),
        crate::text::count(a.quotes.len(), "quote", "quotes")
    )?;
    for q in &a.quotes {
        let who = match &q.speaker {
            Some(s) if s.name != s.mention => format!("{} [\"{}\"]", s.name, s.mention),
            Some(s) => s.name.clone(),
            None => "—".to_string(),
        };
        let cue = q.cue.as_ref().map_or("", |c| c.text.as_str());
        // Speech in colour, terms and nested quotes dimmed: what is attributed stands out.
        let kind_color = match q.kind {
            Kind::Direct => green,
            Kind::Partial => yellow,
            Kind::Term | Kind::Nested => dim,
        };
        writeln!(
            out,
            "  {:>6}..{:<6} {kind_color}{:<8}{reset} {}",
            q.char_start,
            q.char_end,
            q.kind.name(),
            Printable(&one_line(
                &q.text,
                if wide { usize::MAX } else { SHOWN_CHARS }
            ))
        )?;
        writeln!(
            out,
            "                  {dim}speaker:{reset} {bold}{}{reset}  {dim}cue:{reset} {}  {dim}rule:{reset} {} ({:.2})",
            Printable(&who),
            Printable(cue),
            q.rule.name(),
            q.confidence
        )?;
    }
    Ok(())
}

/// Text for a terminal: control characters other than line breaks and tabs (escape
/// sequences, C1 controls) and Unicode's bidirectional overrides are shown as `\u{1b}`
/// escapes, so an article's text, its id or a file name cannot move the cursor, retitle
/// the window, hide a line or reorder what the reader sees. JSON output needs none of this:
/// serde_json escapes control characters itself.
///
/// ```
/// assert_eq!(quotecheck::report::for_terminal("a\u{1b}]0;pwned\u{7}b"), "a\\u{1b}]0;pwned\\u{7}b");
/// assert_eq!(quotecheck::report::for_terminal("plain “text”\n"), "plain “text”\n");
/// ```
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(Printable(s).to_string())
}

fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// [`for_terminal`] while formatting, without an intermediate string.
pub(crate) struct Printable<'a>(pub &'a str);

impl std::fmt::Display for Printable<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut rest = self.0;
        while let Some(i) = rest.find(needs_escape) {
            f.write_str(&rest[..i])?;
            let c = rest[i..].chars().next().unwrap_or_default();
            write!(f, "\\u{{{:x}}}", u32::from(c))?;
            rest = &rest[i + c.len_utf8()..];
        }
        f.write_str(rest)
    }
}

/// The characters of a quote the text listing shows, without `--wide`.
pub const SHOWN_CHARS: usize = 100;

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

/// The published JSON schemas (`quotecheck schema`, and the files in `schema/`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schema {
    /// The `extract --format json` document (`schema/extract.schema.json`).
    Extract,
    /// One `extract --format jsonl` record (`schema/extract-record.schema.json`).
    Record,
    /// The `audit --format json` report (`schema/audit.schema.json`).
    Audit,
    /// One `audit --format parts` line (`schema/audit-part.schema.json`).
    Part,
}

impl Schema {
    /// Every published schema.
    pub const ALL: [Schema; 4] = [Schema::Extract, Schema::Record, Schema::Audit, Schema::Part];

    /// The file the schema is published as, in `schema/`.
    pub fn file_name(self) -> &'static str {
        match self {
            Schema::Extract => "extract.schema.json",
            Schema::Record => "extract-record.schema.json",
            Schema::Audit => "audit.schema.json",
            Schema::Part => "audit-part.schema.json",
        }
    }

    /// The schema as a JSON value.
    pub fn json(self) -> serde_json::Value {
        let schema = match self {
            Schema::Extract => schemars::schema_for!(Document<'static>),
            Schema::Record => schemars::schema_for!(ArticleQuotes),
            Schema::Audit => return audit::schema(),
            Schema::Part => return audit::part_schema(),
        };
        serde_json::to_value(schema).unwrap_or_default()
    }
}
