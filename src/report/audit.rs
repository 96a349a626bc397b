//! The `quotecheck audit` report: the JSON citation report, JSON Lines (one family per
//! line), the parts for `quotecheck merge`, or a readable listing with the diffs marked.
//! Rendering only: the audit itself is [`crate::Pipeline::audit`].

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;

use crate::model::report::{AuditReport, report, summary};
use crate::model::{
    Appearance, Audit, Category, Family, Finding, Op, PART_VERSION, Part, Severity, Story,
    StoryType, View,
};

use super::Printable as P;

/// How an audit is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditFormat {
    /// The JSON citation report (`schema/audit.schema.json`).
    Json,
    /// One family per line.
    Jsonl,
    /// The readable report.
    Text {
        /// Colour the diffs with ANSI escapes.
        color: bool,
    },
    /// One [`Part`] per line, for `quotecheck merge`.
    Parts,
    /// One self-contained HTML page: the versions side by side with their diffs, filters
    /// by severity, category and outlet, and a search.
    Html,
    /// One row per finding, with a header (RFC 4180).
    Csv,
    /// A table per story, to paste into a ticket.
    Markdown,
}

/// One finding's line: `category [severity] (meaning-sensitive) id: detail`, the id dimmed.
fn write_finding(
    out: &mut impl Write,
    indent: &str,
    x: &Finding,
    (dim, reset): (&str, &str),
) -> io::Result<()> {
    let sens = if x.meaning_sensitive {
        " (meaning-sensitive)"
    } else {
        ""
    };
    writeln!(
        out,
        "{indent}{} [{}]{sens} {dim}{}{reset}: {}",
        x.category.name(),
        x.severity.name(),
        x.id,
        P(&x.detail)
    )
}

/// An appearance's attribution, for a speaker finding: `said by MENTION (rule, resolution,
/// explicit): "sentence"`.
fn write_attribution(
    out: &mut impl Write,
    a: &Appearance,
    (dim, reset): (&str, &str),
) -> io::Result<()> {
    let Some(at) = &a.attribution else {
        return Ok(());
    };
    // The resolution as the JSON writes it (`short_form`).
    let resolution = serde_json::to_value(at.resolution)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    writeln!(
        out,
        "    {dim}said by {} ({}, {resolution}, {}): {}{reset}",
        P(a.speaker_mention.as_deref().unwrap_or("")),
        at.rule.name(),
        if at.explicit {
            "explicit"
        } else {
            "not explicit"
        },
        P(&at.sentence)
    )
}

/// Where an appearance is: `outlet · article id · date · url`.
fn source(a: &Appearance) -> String {
    let mut parts = vec![P(&a.outlet).to_string(), P(&a.article_id).to_string()];
    parts.extend(a.date.as_deref().map(|d| P(d).to_string()));
    parts.extend(a.url.as_deref().map(|u| P(u).to_string()));
    parts.join(" · ")
}

/// The stories of `m` with only the families `view` shows (borrowed when it shows all).
fn shown<'a>(view: &View, m: &'a Audit) -> Vec<Cow<'a, Story>> {
    m.stories()
        .into_iter()
        .map(|st| {
            if view.is_all() {
                Cow::Borrowed(st)
            } else {
                let families: Vec<Family> = st
                    .families
                    .iter()
                    .filter(|f| view.shows(f))
                    .cloned()
                    .collect();
                let coverage = families
                    .iter()
                    .filter_map(|f| st.coverage.get(&f.id).map(|r| (f.id.clone(), r.clone())))
                    .collect();
                Cow::Owned(Story {
                    story: st.story.clone(),
                    story_type: st.story_type,
                    outlets: st.outlets.clone(),
                    articles: st.articles,
                    families,
                    coverage,
                })
            }
        })
        .collect()
}

/// Writes a merged audit: `audit` and `merge` share this, so a merge of parts is
/// byte-identical to the audit of the whole.
pub fn write_audit(out: &mut impl Write, m: &Audit, format: AuditFormat) -> io::Result<()> {
    write_audit_view(out, m, format, &View::default())
}

/// [`write_audit`] showing only the families of `view` (the summary counts them all).
pub fn write_audit_view(
    out: &mut impl Write,
    m: &Audit,
    format: AuditFormat,
    view: &View,
) -> io::Result<()> {
    let stories = shown(view, m);
    let refs: Vec<&Story> = stories.iter().map(|s| s.as_ref()).collect();
    match format {
        AuditFormat::Json => {
            // `io::Error::from` keeps the kind of an I/O error inside serde_json's, so a
            // closed pipe is still seen as one.
            serde_json::to_writer_pretty(&mut *out, &report(m, refs, view))
                .map_err(io::Error::from)?;
            out.write_all(b"\n")
        }
        AuditFormat::Jsonl => write_jsonl(out, &refs),
        AuditFormat::Text { color } => write_text(out, &refs, &m.stories(), color, view),
        AuditFormat::Html => super::html::write_audit_html(out, &refs, &m.stories(), view),
        AuditFormat::Csv => super::table::write_audit_csv(out, &refs, view),
        AuditFormat::Markdown => super::table::write_audit_markdown(out, &refs, &m.stories(), view),
        AuditFormat::Parts => {
            let skipped = (!m.skipped.is_empty()).then(|| Part {
                part_version: PART_VERSION,
                grouped_by: m.grouped_by.clone(),
                link: m.link,
                inputs: Vec::new(),
                story: None,
                skipped: m.skipped.clone(),
            });
            for p in m.parts.iter().chain(skipped.as_ref()) {
                serde_json::to_writer(&mut *out, p).map_err(io::Error::from)?;
                out.write_all(b"\n")?;
            }
            Ok(())
        }
    }
}

/// The JSON schema of the `audit --format json` document (`schema/audit.schema.json`).
pub(crate) fn schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(AuditReport<'static>)).unwrap_or_default()
}

/// The JSON schema of one `audit --format parts` line (`schema/audit-part.schema.json`).
pub(crate) fn part_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Part)).unwrap_or_default()
}

/// One family per line, with its story.
fn write_jsonl(out: &mut impl Write, stories: &[&Story]) -> io::Result<()> {
    #[derive(Serialize)]
    struct Line<'a> {
        story: &'a str,
        #[serde(skip_serializing_if = "StoryType::is_string")]
        story_type: StoryType,
        #[serde(flatten)]
        family: &'a Family,
    }
    for st in stories {
        for f in &st.families {
            serde_json::to_writer(
                &mut *out,
                &Line {
                    story: &st.story,
                    story_type: st.story_type,
                    family: f,
                },
            )?;
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}

/// The readable report: the families shown (those with a discrepancy; the most severe
/// first), each appearance with its outlet, article, date and address, the reference
/// marked with its source, the diff marked with `[-dropped-]` and `{+added+}` (in colour
/// when asked), and every finding with its id.
fn write_text(
    out: &mut impl Write,
    stories: &[&Story],
    all: &[&Story],
    color: bool,
    view: &View,
) -> io::Result<()> {
    let (red, green, bold, dim, reset) = if color {
        ("\x1b[31m", "\x1b[32m", "\x1b[1m", "\x1b[2m", "\x1b[0m")
    } else {
        ("", "", "", "", "")
    };
    let min = view.min_severity.max(Severity::Info);
    for st in stories {
        writeln!(
            out,
            "{bold}== story {} · {} · outlets: {}{reset}",
            P(&st.story),
            crate::text::count(st.articles, "article", "articles"),
            P(&st.outlets.join(", "))
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
                f.severity.name(),
                cats.join(", "),
                P(&f.outlets.join(", "))
            )?;
            // A speaker finding is checked against each outlet's own words: its attributions
            // are shown.
            let speaker_finding = f.findings.iter().any(|x| {
                matches!(
                    x.category,
                    Category::Misattribution | Category::SpeakerUncertain
                )
            });
            if let Some(r) = f.appearances.iter().find(|a| a.is_reference) {
                writeln!(
                    out,
                    "  reference — {} ({}):",
                    source(r),
                    P(f.speaker.as_deref().unwrap_or("unattributed")),
                )?;
                writeln!(out, "    {}", P(&f.reference))?;
                if speaker_finding {
                    write_attribution(out, r, (dim, reset))?;
                }
            }
            if !f.siblings.is_empty() {
                writeln!(
                    out,
                    "  {dim}(its other sentences: {}){reset}",
                    f.siblings.join(", ")
                )?;
            }
            for x in &f.findings {
                write_finding(out, "  - ", x, (dim, reset))?;
            }
            for ap in &f.appearances {
                if ap.is_reference {
                    continue;
                }
                let speaker = ap
                    .speaker
                    .as_deref()
                    .map(|s| format!(" ({})", P(s)))
                    .unwrap_or_default();
                writeln!(out, "  {}{speaker}:", source(ap))?;
                if speaker_finding {
                    write_attribution(out, ap, (dim, reset))?;
                }
                write!(out, "   ")?;
                if ap.diff.is_empty() {
                    // Identical to the reference: no diff to mark, the words themselves.
                    write!(out, " {}", P(&ap.text))?;
                }
                for b in &ap.diff {
                    match b.op {
                        Op::Equal => write!(out, " {}", P(&b.text))?,
                        Op::Delete => write!(out, " {red}[-{}-]{reset}", P(&b.reference))?,
                        Op::Insert => write!(out, " {green}{{+{}+}}{reset}", P(&b.text))?,
                        Op::Replace => write!(
                            out,
                            " {red}[-{}-]{reset}{green}{{+{}+}}{reset}",
                            P(&b.reference),
                            P(&b.text)
                        )?,
                    }
                }
                writeln!(out)?;
                for x in &ap.findings {
                    write_finding(out, "      ", x, (dim, reset))?;
                }
            }
        }
        writeln!(out)?;
    }
    let s = summary(all);
    writeln!(
        out,
        "{}, {}, {} in {}, {} shared across outlets",
        crate::text::count(s.stories, "story", "stories"),
        crate::text::count(s.articles, "article", "articles"),
        crate::text::count(s.quotes, "quote", "quotes"),
        crate::text::count(s.families, "family", "families"),
        s.shared_families
    )?;
    let cats: Vec<String> = s
        .by_category
        .iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect();
    if cats.is_empty() {
        writeln!(out, "findings: none")
    } else {
        writeln!(out, "findings: {}", cats.join(", "))
    }
}
