//! Every type that crosses a stage or goes on the wire, in one leaf module: the stages
//! import it and it imports none of them.
//!
//! - [`article`]: [`Article`] in, [`ArticleQuotes`] (with [`Quote`], [`Speaker`], [`Cue`]) out
//!   of `extract`;
//! - [`audit`]: [`Story`], [`Family`], [`Appearance`], [`Finding`] out of the audit, [`Part`]
//!   between machines, [`Audit`] merged;
//! - [`diagnostic`]: [`Diagnostic`], an input skipped or a warning;
//! - [`report`]: the envelopes of the JSON outputs, with their counts ([`Summary`],
//!   [`AuditSummary`]).
//!
//! Offsets: every span carries byte offsets (`start`/`end`, for slicing the UTF-8 text) and
//! code-point offsets (`char_start`/`char_end`, for Python and JavaScript users). For every
//! span, `text[start..end]` is exactly the span's reported text.

pub(crate) mod article;
pub(crate) mod audit;
pub(crate) mod diagnostic;
pub(crate) mod report;

pub use article::{
    Article, ArticleQuotes, Cue, Kind, Quote, Resolution, Rule, Source, Speaker, SpeakerType,
    StoryType, TextSource,
};
pub use audit::{
    Appearance, Audit, Category, DiffBlock, Elsewhere, FailOn, Family, Finding, FirstAppearance,
    InputHash, LinkParams, Op, PART_VERSION, Part, Severity, Story,
};
pub use diagnostic::{Diagnostic, Level};
pub use report::{AuditSummary, SCHEMA_VERSION, Summary};
