//! quotecheck: audit how news articles quote people.
//!
//! Give it articles; it finds every quotation (straight, curly and single marks told apart
//! from apostrophes, guillemets, `''`, nested and multi-paragraph quotes), says whether each
//! is speech, a fragment or a scare quote, who said it (one canonical name per article) and
//! with which verb; then it compares the same utterance across outlets and reports every
//! discrepancy with its evidence.
//!
//! # The API
//!
//! - [`Pipeline`]: built once from a [`Config`]; [`Pipeline::extract`] an [`Article`] (or
//!   [`Pipeline::extract_text`] a `&str`) into [`ArticleQuotes`]; [`Pipeline::audit`] a set of
//!   them into an [`Audit`] of [`Story`]s, [`Family`]s and [`Finding`]s.
//! - [`input`]: read articles from paths or readers (plain text, JSON Lines, HTML), with a
//!   [`Diagnostic`] for every input skipped.
//! - [`merge`]: audits made in parts, on many machines, merged into one.
//! - [`report`]: write results as JSON, JSON Lines or text, and the published JSON schemas.
//! - [`explain`]: what every attribution rule and audit category means.
//!
//! ```
//! use quotecheck::{Kind, Pipeline};
//!
//! let pipeline = Pipeline::default();
//! let out = pipeline.extract_text(
//!     "\"The US government recognizes the threat,\" Sen. Tom Cotton wrote. \
//!      He called the plan \"reckless\".",
//! );
//! assert_eq!(out.quotes.len(), 2);
//! let q = &out.quotes[0];
//! assert_eq!(q.kind, Kind::Direct);
//! assert_eq!(q.speaker.as_ref().unwrap().name, "Tom Cotton");
//! // Offsets are exact: the text between them is the reported text.
//! assert_eq!(&out.article.text[q.start..q.end], q.text);
//! assert_eq!(out.quotes[1].kind, Kind::Partial);
//! ```
//!
//! The stages, one module each, import one way: `model` ← `input` ← `extract` ←
//! `attribute` ← `audit` ← `report`; ARCHITECTURE.md maps them. The library does no I/O
//! beyond the paths and readers it is given, holds no global state, never panics on input,
//! and its output is deterministic.

#![warn(missing_docs)]

mod attribute;
mod audit;
pub mod config;
mod error;
pub mod explain;
mod extract;
pub mod input;
mod lexicon;
mod model;
mod pipeline;
pub mod report;
mod text;

pub use audit::merge::merge;
pub use config::Config;
pub use error::{ConfigError, Error, HtmlError, MergeError};
pub use extract::{Extraction, MAX_NESTING, MarkFamily, Span, Stray, StrayKind};
pub use model::{
    Appearance, Article, ArticleQuotes, Attribution, Audit, AuditSummary, Category, Cue,
    Diagnostic, DiffBlock, Elsewhere, FailOn, Family, Finding, FirstAppearance, InputHash, Kind,
    Level, LinkParams, Op, PART_VERSION, Part, Quote, Resolution, Rule, SCHEMA_VERSION, Severity,
    Source, Speaker, SpeakerType, Story, StoryType, Summary, TextSource, View,
};
pub use pipeline::{AuditOptions, ExtractOptions, Listener, Pipeline, fingerprint, merge_paths};
