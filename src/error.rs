//! The library's errors: small enums, each saying what went wrong and what to do.
//!
//! As is the convention, a message does not repeat its cause: the cause is the error's
//! [`std::error::Error::source`], and a printer walks the chain (`anyhow`'s `{:#}` does).
//!
//! Problems with one input are not errors: they are [`crate::Diagnostic`]s, and the run goes
//! on. An [`Error`] stops a run: the configuration cannot be used, the output cannot be
//! written, parts cannot be merged into a whole.

use std::io;
use std::path::PathBuf;

/// A configuration that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file cannot be read.
    #[error("{}: cannot read", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The file is larger than any configuration: [`crate::config::MAX_CONFIG_BYTES`].
    #[error(
        "{}: larger than {} MiB, not a configuration file; check the path", path.display(), limit >> 20
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// The limit in bytes.
        limit: u64,
    },
    /// The file is not valid TOML, or has an unknown key or a value of the wrong type.
    #[error("{}{message}", at_line(path, line))]
    Parse {
        /// The file, when the configuration came from one.
        path: Option<PathBuf>,
        /// The line the problem is on, counting from 1.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// A value is out of its range.
    #[error("{}{message}", at(path))]
    Invalid {
        /// The file, when the configuration came from one.
        path: Option<PathBuf>,
        /// What is wrong and what to use instead.
        message: String,
    },
}

/// `team.toml:3: `, like the messages about input lines.
fn at_line(path: &Option<PathBuf>, line: &Option<usize>) -> String {
    match (path, line) {
        (Some(p), Some(l)) => format!("{}:{l}: ", p.display()),
        (None, Some(l)) => format!("line {l}: "),
        (_, None) => at(path),
    }
}

fn at(path: &Option<PathBuf>) -> String {
    path.as_ref()
        .map_or_else(String::new, |p| format!("{}: ", p.display()))
}

impl ConfigError {
    /// The same error, naming the file it was found in.
    pub(crate) fn in_file(self, file: &std::path::Path) -> ConfigError {
        match self {
            ConfigError::Parse { line, message, .. } => ConfigError::Parse {
                path: Some(file.to_path_buf()),
                line,
                message,
            },
            ConfigError::Invalid { message, .. } => ConfigError::Invalid {
                path: Some(file.to_path_buf()),
                message,
            },
            e => e,
        }
    }
}

/// Audit parts that do not merge into one report.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    /// Parts were audited with different `--group-by` fields or thresholds.
    #[error(
        "parts audited with different settings ({first} and {other}); audit every part with the same --group-by and thresholds"
    )]
    Settings {
        /// The settings of the first part.
        first: String,
        /// The settings of a part that differs.
        other: String,
    },
    /// One story's records were audited in two groups, with different results.
    #[error(
        "story `{story}` was audited in two groups with different results; group records by the `fingerprint` key before auditing"
    )]
    SplitStory {
        /// The story.
        story: String,
    },
}

/// A line that is not an audit part this quotecheck can merge. It is reported with its file
/// and line, and the merge writes no report (a part lost is a story lost).
#[derive(Debug, thiserror::Error)]
pub(crate) enum PartError {
    /// The line holds no JSON object.
    #[error(
        "not an audit part: no JSON object on the line; parts are the lines of `quotecheck audit --format parts`, optionally after KEY<TAB>"
    )]
    NoObject,
    /// Not JSON, or not the shape of a part.
    #[error("not an audit part: {0}; parts are the lines of `quotecheck audit --format parts`")]
    Json(serde_json::Error),
    /// A part of another format version.
    #[error(
        "part_version {found}, but this quotecheck reads part_version {reads}; merge parts with the quotecheck that wrote them, or audit again"
    )]
    Version {
        /// The version the part gives.
        found: String,
        /// The version this build reads.
        reads: u32,
    },
    /// A part with no version: written before parts had one.
    #[error(
        "an audit part without part_version, written by an older quotecheck; audit again with this one"
    )]
    NoVersion,
    /// A part whose contents contradict each other.
    #[error(
        "{0}; a part is merged as `quotecheck audit --format parts` wrote it: audit again rather than edit it"
    )]
    Inconsistent(String),
}

/// An HTML page whose main text cannot be extracted; the article is skipped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HtmlError {
    /// Over the article cap (`--max-article-bytes`, [`crate::input::MAX_HTML_BYTES`] by
    /// default), as UTF-8: a page decoded from a one-byte charset can grow past it.
    #[error(
        "HTML page of {bytes} bytes is over the {limit}-byte limit for one article; raise --max-article-bytes, or pass --raw-html to read it as text"
    )]
    TooLarge {
        /// The page's size in bytes, as UTF-8.
        bytes: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// Elements nested deeper than [`crate::input::MAX_HTML_DEPTH`].
    #[error(
        "HTML elements nested {depth} deep (limit {limit}); not a web page that main-text extraction can read safely; pass --raw-html to read it as text"
    )]
    TooDeep {
        /// How deep.
        depth: usize,
        /// The limit.
        limit: usize,
    },
    /// Markup that would cost the parser or main-text extraction far more than its size
    /// (the reason says what and how much).
    #[error(
        "HTML page too costly for main-text extraction: {0}; pass --raw-html to read it as text"
    )]
    TooCostly(String),
    /// The parser refused the page.
    #[error("invalid HTML: {0}")]
    Invalid(String),
    /// Main-text extraction found nothing to read.
    #[error("no article text found in the page{}; pass --raw-html to read the whole page as text", .0.as_ref().map_or_else(String::new, |e| format!(" ({e})")))]
    NoText(Option<String>),
    /// The parser failed on the page.
    #[error("the HTML parser failed on this page; pass --raw-html to read it as text")]
    ParserFailed,
}

/// What stops a run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The configuration cannot be used.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// Parts cannot be merged.
    #[error(transparent)]
    Merge(#[from] MergeError),
    /// The output cannot be written (a closed pipe is one: callers treat it as a normal end).
    #[error("cannot write output")]
    Output(#[from] io::Error),
    /// The worker threads cannot be started.
    #[error("cannot start {threads} threads")]
    Threads {
        /// How many were asked for.
        threads: usize,
        /// Why they could not start.
        source: rayon::ThreadPoolBuildError,
    },
    /// `-` was given but standard input is a terminal: reading it would wait forever.
    #[error(
        "`-` reads standard input, but standard input is a terminal; pipe articles in or name a file"
    )]
    StdinIsTerminal,
    /// Some inputs of a step that must see all of them (`merge`) could not be read.
    #[error(
        "{count} {} could not be read; no report written",
        if *count == 1 { "input" } else { "inputs" }
    )]
    Incomplete {
        /// How many inputs failed.
        count: usize,
    },
    /// `explain` was asked for a name it does not document.
    #[error("no rule or category named `{0}`; `quotecheck explain` lists them")]
    UnknownName(String),
}

impl Error {
    /// Whether the error is the reader of the output going away (`| head`): the reader's
    /// choice, not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}
