//! The scale-out unit: an audit as [`Part`]s, one per story, and their merge.
//!
//! `audit` itself goes through [`parts`] and [`merge`], as `audit --format parts` and
//! `quotecheck merge` do on many machines, so both give the same report byte for byte.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{MergeError, PartError};
use crate::model::{
    ArticleQuotes, Audit, Diagnostic, InputHash, LinkParams, PART_VERSION, Part, Severity, Story,
    StoryType,
};

/// The parts of one audit run: a part per story, and one for what was skipped.
pub(crate) fn parts(
    articles: &[ArticleQuotes],
    stories: Vec<Story>,
    skipped: Vec<Diagnostic>,
    link: LinkParams,
    grouped_by: &str,
) -> Vec<Part> {
    let mut inputs: BTreeMap<(String, StoryType), Vec<InputHash>> = BTreeMap::new();
    for a in articles {
        let (name, story_type) = super::story_of(a);
        inputs
            .entry((name.to_string(), story_type))
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
            let mut inputs = inputs
                .remove(&(st.story.clone(), st.story_type))
                .unwrap_or_default();
            inputs.sort();
            Part {
                part_version: PART_VERSION,
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
            part_version: PART_VERSION,
            grouped_by: grouped_by.to_string(),
            link,
            inputs: Vec::new(),
            story: None,
            skipped,
        });
    }
    out
}

/// Merges parts given in any order. The same story twice is accepted when both parts
/// are identical (a retried task), and refused otherwise: it means the records of one
/// story were audited in two groups. Parts made with other settings are refused too.
///
/// ```
/// use quotecheck::{Article, Pipeline};
/// let p = Pipeline::default();
/// let a = p.extract(Article { id: "a".into(), story: Some("s1".into()), text: "\"Go,\" Kim said.".into(), ..Article::default() });
/// let b = p.extract(Article { id: "b".into(), story: Some("s2".into()), text: "\"Stay,\" Lee said.".into(), ..Article::default() });
/// let whole = p.audit(&[a.clone(), b.clone()]);
/// let (one, two) = (p.audit(&[a]), p.audit(&[b]));
/// let merged = quotecheck::merge(two.parts.into_iter().chain(one.parts)).unwrap();
/// assert_eq!(merged, whole);
/// ```
pub fn merge(parts: impl IntoIterator<Item = Part>) -> Result<Audit, MergeError> {
    let mut by_story: BTreeMap<(String, StoryType), Part> = BTreeMap::new();
    let mut skipped = Vec::new();
    let mut settings: Option<(String, LinkParams)> = None;
    for mut p in parts {
        let these = (p.grouped_by.clone(), p.link);
        match &settings {
            None => settings = Some(these),
            Some(s) if *s != these => {
                return Err(MergeError::Settings {
                    first: format!("{} / {:?}", s.0, s.1),
                    other: format!("{} / {:?}", these.0, these.1),
                });
            }
            Some(_) => {}
        }
        skipped.append(&mut p.skipped);
        let Some(story) = &p.story else { continue };
        let key = (story.story.clone(), story.story_type);
        match by_story.get(&key) {
            Some(q) if *q == p => {}
            Some(_) => return Err(MergeError::SplitStory { story: key.0 }),
            None => {
                by_story.insert(key, p);
            }
        }
    }
    let (grouped_by, link) = settings.unwrap_or_default();
    Ok(finish(
        grouped_by,
        link,
        by_story.into_values().collect(),
        skipped,
    ))
}

/// The audit of one run's own parts: one part per story (stories are unique) and one of
/// skipped inputs, all with the same settings, so nothing can conflict.
pub(crate) fn assemble(parts: Vec<Part>) -> Audit {
    let (grouped_by, link) = parts
        .first()
        .map(|p| (p.grouped_by.clone(), p.link))
        .unwrap_or_default();
    let mut stories = Vec::with_capacity(parts.len());
    let mut skipped = Vec::new();
    for mut p in parts {
        skipped.append(&mut p.skipped);
        if p.story.is_some() {
            stories.push(p);
        }
    }
    stories.sort_by(|a, b| story_name(a).cmp(&story_name(b)));
    finish(grouped_by, link, stories, skipped)
}

/// A part's story, as stories are sorted: by name, then type.
fn story_name(p: &Part) -> (&str, StoryType) {
    p.story.as_ref().map_or(("", StoryType::String), |s| {
        (s.story.as_str(), s.story_type)
    })
}

/// An audit from its story parts (sorted by story) and its skipped inputs, sorted and
/// without repeats.
fn finish(
    grouped_by: String,
    link: LinkParams,
    parts: Vec<Part>,
    mut skipped: Vec<Diagnostic>,
) -> Audit {
    skipped.sort_by(|a, b| (&a.path, a.line, &a.message).cmp(&(&b.path, b.line, &b.message)));
    skipped.dedup();
    Audit {
        grouped_by,
        link,
        parts,
        skipped,
    }
}

/// Reads one line of `audit --format parts` (its JSON): a part of this version, whose
/// contents agree with each other, or why not.
///
/// Parts are read strictly: an unknown field is refused (it would be dropped, not merged),
/// and so is a part of another `part_version`. A part is data that travels between
/// machines, so it is checked before it counts: every finding's severity must be the one
/// its category and meaning-sensitivity give (`Finding::expected_severity`), every
/// family's severity and categories those of its findings, and a part's inputs those of its
/// story. A part edited by hand is refused rather than repaired, so that no edit can change
/// what `--fail-on` sees.
pub(crate) fn read_part(json: &[u8]) -> Result<Part, PartError> {
    match serde_json::from_slice::<Part>(json) {
        Ok(p) if p.part_version == PART_VERSION => {
            check(&p)?;
            Ok(p)
        }
        Ok(p) => Err(PartError::Version {
            found: p.part_version.to_string(),
            reads: PART_VERSION,
        }),
        Err(e) => Err(version_problem(json).unwrap_or(PartError::Json(e))),
    }
}

/// A part that does not parse may be one of another version: say so rather than name the
/// first field this version does not know.
fn version_problem(json: &[u8]) -> Option<PartError> {
    #[derive(serde::Deserialize)]
    struct Probe {
        part_version: Option<serde_json::Value>,
        grouped_by: Option<serde::de::IgnoredAny>,
        link: Option<serde::de::IgnoredAny>,
    }
    let probe: Probe = serde_json::from_slice(json).ok()?;
    match probe.part_version {
        Some(v) if v != serde_json::json!(PART_VERSION) => Some(PartError::Version {
            found: v.to_string(),
            reads: PART_VERSION,
        }),
        Some(_) => None,
        // Without a version, only what looks like a part is one of an older version.
        None => {
            (probe.grouped_by.is_some() && probe.link.is_some()).then_some(PartError::NoVersion)
        }
    }
}

/// Whether a part's contents agree with each other (see [`read_part`]).
fn check(p: &Part) -> Result<(), PartError> {
    let Some(story) = &p.story else {
        if p.inputs.is_empty() {
            return Ok(());
        }
        return Err(PartError::Inconsistent(format!(
            "a part with no story lists {}; only a story's part has inputs",
            crate::text::count(p.inputs.len(), "input", "inputs")
        )));
    };
    let name = &story.story;
    if p.inputs.len() != story.articles {
        return Err(PartError::Inconsistent(format!(
            "story `{name}` has {} but its part lists {}",
            crate::text::count(story.articles, "article", "articles"),
            crate::text::count(p.inputs.len(), "input", "inputs")
        )));
    }
    for f in &story.families {
        let mut severity = Severity::None;
        let mut categories = BTreeSet::new();
        let all = f
            .findings
            .iter()
            .chain(f.appearances.iter().flat_map(|a| a.findings.iter()));
        for x in all {
            if x.expected_severity() != Some(x.severity) {
                return Err(PartError::Inconsistent(format!(
                    "story `{name}`, family {}: a {} finding{} of severity `{}` is not one the audit makes{}",
                    f.id,
                    x.category.name(),
                    if x.meaning_sensitive {
                        " (meaning-sensitive)"
                    } else {
                        ""
                    },
                    x.severity.name(),
                    x.expected_severity()
                        .map_or_else(String::new, |s| format!(" (it is `{}`)", s.name()))
                )));
            }
            severity = severity.max(x.severity);
            categories.insert(x.category);
        }
        if f.severity != severity {
            return Err(PartError::Inconsistent(format!(
                "story `{name}`, family {}: severity `{}`, but its findings make it `{}`",
                f.id,
                f.severity.name(),
                severity.name()
            )));
        }
        if !f.categories.iter().eq(categories.iter()) {
            let names = |c: &mut dyn Iterator<Item = &crate::model::Category>| {
                c.map(|c| c.name()).collect::<Vec<_>>().join(", ")
            };
            return Err(PartError::Inconsistent(format!(
                "story `{name}`, family {}: categories [{}], but its findings are [{}]",
                f.id,
                names(&mut f.categories.iter()),
                names(&mut categories.iter())
            )));
        }
    }
    Ok(())
}

/// Text hash for the methods block: stable across runs and platforms.
pub(crate) fn fnv1a64(text: &str) -> String {
    format!("{:016x}", crate::text::fnv1a(text.bytes()))
}
