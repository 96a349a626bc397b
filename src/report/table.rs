//! The audit as rows, one per finding, for spreadsheets and tickets: CSV (RFC 4180, through
//! the `csv` crate) and Markdown (a table per story). `extract` as CSV: one row per quote.
//!
//! A row puts the finding beside the two versions it compares: the family's reference and
//! the version that differs. A family-level finding (a misattribution, a name variant, a
//! quote in one outlet) compares the family's versions together: its version columns list
//! the other versions, `; `-separated, in input order.

use std::io::{self, Write};

use crate::model::View;
use crate::model::{Appearance, ArticleQuotes, Family, Finding, Op, Severity, Story};

/// The CSV header of the audit, one name per column.
pub(crate) const AUDIT_COLUMNS: [&str; 17] = [
    "story",
    "family",
    "finding",
    "category",
    "severity",
    "meaning_sensitive",
    "reference_outlet",
    "reference_article",
    "reference_url",
    "reference_speaker",
    "reference_text",
    "outlet",
    "article",
    "url",
    "speaker",
    "text",
    "detail",
];

/// The CSV header of extract, one name per column.
pub(crate) const EXTRACT_COLUMNS: [&str; 17] = [
    "article",
    "outlet",
    "url",
    "date",
    "title",
    "quote",
    "kind",
    "start",
    "end",
    "char_start",
    "char_end",
    "text",
    "speaker",
    "mention",
    "cue",
    "rule",
    "confidence",
];

/// One finding with what it compares.
pub(crate) struct Row<'a> {
    pub story: &'a Story,
    pub family: &'a Family,
    pub finding: &'a Finding,
    pub reference: Option<&'a Appearance>,
    /// The version the finding is about; for a family-level finding, the family's other
    /// versions.
    pub versions: Vec<&'a Appearance>,
}

/// Every finding of the families `view` shows, as rows: the story's order, in each family
/// its own findings first, then each version's.
pub(crate) fn rows<'a>(stories: &[&'a Story], view: &View) -> Vec<Row<'a>> {
    let mut rows = Vec::new();
    for st in stories {
        for f in &st.families {
            let reference = f.appearances.iter().find(|a| a.is_reference);
            let others: Vec<&Appearance> =
                f.appearances.iter().filter(|a| !a.is_reference).collect();
            for x in f.findings.iter().filter(|x| view.shows_finding(x)) {
                rows.push(Row {
                    story: st,
                    family: f,
                    finding: x,
                    reference,
                    versions: others.clone(),
                });
            }
            for a in &others {
                for x in a.findings.iter().filter(|x| view.shows_finding(x)) {
                    rows.push(Row {
                        story: st,
                        family: f,
                        finding: x,
                        reference,
                        versions: vec![a],
                    });
                }
            }
        }
    }
    rows
}

/// A cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@` first, or a tab or
/// carriage return) gets a `'` before it. Article text is written by strangers, and a cell
/// `=HYPERLINK(…)` must stay text when a fact-checker opens the file (OWASP's advice for CSV
/// injection); ids, names of categories and numbers are never touched.
fn cell(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

fn join<'a>(
    versions: &[&'a Appearance],
    field: impl Fn(&'a Appearance) -> Option<&'a str>,
) -> String {
    versions
        .iter()
        .map(|a| field(a).unwrap_or(""))
        .collect::<Vec<_>>()
        .join("; ")
}

fn csv_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// The audit as CSV: a header, then one row per finding ([`AUDIT_COLUMNS`]).
pub(crate) fn write_audit_csv(
    out: &mut impl Write,
    stories: &[&Story],
    view: &View,
) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(AUDIT_COLUMNS).map_err(csv_error)?;
    for r in rows(stories, view) {
        let reference = r.reference;
        let rf = |get: fn(&Appearance) -> Option<&str>| reference.and_then(get).unwrap_or("");
        let x = r.finding;
        w.write_record([
            &*cell(&r.story.story),
            &r.family.id,
            &x.id,
            x.category.name(),
            x.severity.name(),
            if x.meaning_sensitive { "true" } else { "false" },
            &cell(rf(|a| Some(&a.outlet))),
            &cell(rf(|a| Some(&a.article_id))),
            &cell(rf(|a| a.url.as_deref())),
            &cell(rf(|a| a.speaker.as_deref())),
            &cell(rf(|a| Some(&a.text))),
            &cell(&join(&r.versions, |a| Some(&a.outlet))),
            &cell(&join(&r.versions, |a| Some(&a.article_id))),
            &cell(&join(&r.versions, |a| a.url.as_deref())),
            &cell(&join(&r.versions, |a| a.speaker.as_deref())),
            &cell(&join(&r.versions, |a| Some(&a.text))),
            &cell(&x.detail),
        ])
        .map_err(csv_error)?;
    }
    w.flush()
}

/// Extract's CSV header row ([`EXTRACT_COLUMNS`]).
pub(crate) fn write_quotes_header(out: &mut impl Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(EXTRACT_COLUMNS).map_err(csv_error)?;
    w.flush()
}

/// One row per quote of `a`.
pub(crate) fn write_quotes(out: &mut impl Write, a: &ArticleQuotes) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let m = &a.article;
    for q in &a.quotes {
        let (start, end, cs, ce) = (
            q.start.to_string(),
            q.end.to_string(),
            q.char_start.to_string(),
            q.char_end.to_string(),
        );
        let confidence = format!("{:.2}", q.confidence);
        w.write_record([
            &*cell(&m.id),
            &cell(m.outlet.as_deref().unwrap_or("")),
            &cell(m.url.as_deref().unwrap_or("")),
            &cell(m.date.as_deref().unwrap_or("")),
            &cell(m.title.as_deref().unwrap_or("")),
            &cell(&q.id),
            q.kind.name(),
            &start,
            &end,
            &cs,
            &ce,
            &cell(&q.text),
            &cell(q.speaker.as_ref().map_or("", |s| s.name.as_str())),
            &cell(q.speaker.as_ref().map_or("", |s| s.mention.as_str())),
            &cell(q.cue.as_ref().map_or("", |c| c.text.as_str())),
            q.rule.name(),
            &confidence,
        ])
        .map_err(csv_error)?;
    }
    w.flush()
}

/// Markdown text with every character Markdown or a table reads escaped, line breaks as
/// spaces: an article's words stay words in a ticket.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '|' => out.push_str("\\|"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A version's words against the reference: dropped words ~~struck~~, added words **bold**.
fn md_diff(a: &Appearance) -> String {
    let mut parts = Vec::new();
    for b in &a.diff {
        match b.op {
            Op::Equal => parts.push(md(&b.text)),
            Op::Delete => parts.push(format!("~~{}~~", md(&b.reference))),
            Op::Insert => parts.push(format!("**{}**", md(&b.text))),
            Op::Replace => parts.push(format!("~~{}~~ **{}**", md(&b.reference), md(&b.text))),
        }
    }
    parts.join(" ")
}

/// The audit as Markdown, to paste into a ticket: the summary, then per story a table of
/// its findings (info and above, as the text report shows them), each version's words
/// against the reference with the dropped words struck through and the added ones in bold.
pub(crate) fn write_audit_markdown(
    out: &mut impl Write,
    stories: &[&Story],
    all: &[&Story],
    view: &View,
) -> io::Result<()> {
    let s = crate::model::report::summary(all);
    writeln!(out, "# Quote audit\n")?;
    writeln!(
        out,
        "{}, {}, {} in {}, {} shared across outlets.",
        crate::text::count(s.stories, "story", "stories"),
        crate::text::count(s.articles, "article", "articles"),
        crate::text::count(s.quotes, "quote", "quotes"),
        crate::text::count(s.families, "family", "families"),
        s.shared_families
    )?;
    let min = View {
        min_severity: view.min_severity.max(Severity::Info),
        ..view.clone()
    };
    let rows = rows(stories, &min);
    if rows.is_empty() {
        return writeln!(out, "\nNo findings.");
    }
    let mut story: Option<&str> = None;
    for r in &rows {
        if story != Some(r.story.story.as_str()) {
            story = Some(&r.story.story);
            writeln!(
                out,
                "\n## Story {} ({}; {})\n",
                md(&r.story.story),
                crate::text::count(r.story.articles, "article", "articles"),
                md(&r.story.outlets.join(", "))
            )?;
            writeln!(
                out,
                "| finding | severity | category | outlet | quote | speaker | detail |"
            )?;
            writeln!(out, "|---|---|---|---|---|---|---|")?;
        }
        let x = r.finding;
        let sens = if x.meaning_sensitive {
            " (meaning-sensitive)"
        } else {
            ""
        };
        let family_level = r.family.findings.iter().any(|f| std::ptr::eq(f, x));
        let (outlet, quote, speaker) = if family_level || r.versions.len() != 1 {
            let mut outlets: Vec<&str> = r.family.outlets.iter().map(String::as_str).collect();
            outlets.dedup();
            (
                outlets.join(", "),
                md(&r.family.reference),
                r.family.speakers.join(" / "),
            )
        } else {
            let a = r.versions[0];
            let link = match a.url.as_deref().filter(|u| is_web_address(u)) {
                Some(u) => format!("[{}](<{}>)", md(&a.outlet), u.replace(['<', '>', ' '], "")),
                None => md(&a.outlet),
            };
            (link, md_diff(a), a.speaker.clone().unwrap_or_default())
        };
        let outlet = if family_level || r.versions.len() != 1 {
            md(&outlet)
        } else {
            outlet
        };
        writeln!(
            out,
            "| {} | {}{sens} | {} | {outlet} | {quote} | {} | {} |",
            md(&x.id),
            x.severity.name(),
            x.category.name(),
            md(&speaker),
            md(&x.detail),
        )?;
    }
    Ok(())
}

/// An `http:` or `https:` address: the only ones a report links to (a `javascript:` URL in
/// an article's metadata stays text).
pub(crate) fn is_web_address(url: &str) -> bool {
    let lower = url.trim_start().get(..8).unwrap_or("").to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}
