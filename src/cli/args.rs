//! The command line's definition (clap), and the one place where flags become the
//! library's options.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use quotecheck::input::{FileType, InputOptions};
use quotecheck::report::{AuditFormat, Format, Schema};
use quotecheck::{AuditOptions, Category, ExtractOptions, FailOn, View};

/// Audit how news articles quote people.
#[derive(Parser)]
#[command(
    name = "quotecheck",
    version,
    about,
    long_about = None,
    after_help = "Examples:
  quotecheck extract tests/fixtures/000_8e19547a2dfce686.txt
  quotecheck extract --format jsonl articles.jsonl > quotes.jsonl
  quotecheck audit --format json stories.jsonl > report.json
  quotecheck audit --format html -o report.html news/
  quotecheck explain truncation

`quotecheck COMMAND --help` shows each command's options and examples."
)]
pub struct Cli {
    /// Read settings from this file instead of the nearest quotecheck.toml.
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Ignore any quotecheck.toml (`--no-config` is the same).
    #[arg(
        long,
        global = true,
        visible_alias = "no-config",
        conflicts_with = "config"
    )]
    pub isolated: bool,
    /// Write the output to FILE instead of standard output: written whole beside it, then
    /// renamed over it, so FILE is never half written (and stays as it was if the run fails).
    #[arg(long, short = 'o', global = true, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print nothing on standard error but a fatal error: no skipped input, warning or
    /// progress line (the exit code and the report still say what was skipped).
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,
    /// At the end, print the run's counts as one JSON object on standard error (articles,
    /// quotes, findings, skipped inputs, seconds).
    #[arg(long, global = true)]
    pub stats: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Extract every quotation with its speaker and cue.
    ///
    /// Examples:
    ///   quotecheck extract article.txt
    ///   quotecheck extract --format jsonl articles.jsonl > quotes.jsonl
    ///   quotecheck extract --format html -o quotes.html article.txt   # the text with its quotes marked
    ///   cat article.txt | quotecheck extract --outlet Reuters -
    #[command(verbatim_doc_comment)]
    Extract(ExtractArgs),
    /// Compare the same quotes across outlets and report every discrepancy.
    ///
    /// Articles are compared within a story (the JSON Lines field `story`; otherwise all input
    /// is one story); outlets come from `outlet`.
    ///
    /// Examples:
    ///   quotecheck audit tests/fixtures/
    ///   quotecheck audit --format json stories.jsonl > report.json
    ///   quotecheck audit --format html -o report.html news/          # a page to open in a browser
    ///   quotecheck audit --format csv --min-severity medium news/ > findings.csv
    ///   quotecheck audit --fail-on medium stories.jsonl   # exit 1 when a medium or high finding exists
    #[command(verbatim_doc_comment)]
    Audit(AuditArgs),
    /// Print each extract record behind its blocking key: `KEY<TAB>RECORD`.
    ///
    /// The key names the group a record is audited in (a hash of its story): every quote
    /// that can join a family, and every article text the single-outlet check reads, share
    /// it. Group records by the key (Spark: DISTRIBUTE BY key), audit each group with
    /// `audit --records --format parts`, and `merge` the parts: the result is the audit of
    /// the whole corpus.
    ///
    /// Examples:
    ///   quotecheck extract --format jsonl --with-text articles.jsonl | quotecheck fingerprint -
    ///   quotecheck fingerprint records.jsonl | sort > keyed.tsv
    #[command(verbatim_doc_comment)]
    Fingerprint {
        /// Files of extract records (`extract --format jsonl --with-text`); `-` reads stdin,
        /// as does no path when standard input is not a terminal.
        paths: Vec<PathBuf>,
    },
    /// Merge audit parts (`audit --format parts`), given in any order, into one report.
    ///
    /// The merge is a sorted union of stories: associative and order-independent, so parts
    /// audited on many machines merge into the report one machine would write.
    ///
    /// Examples:
    ///   quotecheck merge --format json parts/ > report.json
    ///   quotecheck merge --format html -o report.html parts/
    ///   cat a.parts b.parts | quotecheck merge --format parts - > ab.parts
    #[command(verbatim_doc_comment)]
    Merge(MergeArgs),
    /// Explain a name the output uses: what it means, why it matters, an example.
    ///
    /// Attribution rules, quote kinds, audit categories, severities and flags; without a
    /// name, lists them all.
    ///
    /// Examples:
    ///   quotecheck explain
    ///   quotecheck explain marked-elision
    ///   quotecheck explain speaker-cue-after
    ///   quotecheck explain meaning-sensitive
    #[command(verbatim_doc_comment)]
    Explain {
        /// A rule or category name as it appears in the output.
        name: Option<String>,
    },
    /// Print the effective configuration (built-in defaults, then quotecheck.toml).
    ///
    /// Example: quotecheck --config team.toml config
    Config,
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    ///
    /// Example: quotecheck completions bash > /etc/bash_completion.d/quotecheck
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) for `man`, or write every page with `--dir`.
    ///
    /// Examples:
    ///   quotecheck man > quotecheck.1 && man ./quotecheck.1
    ///   quotecheck man --dir /usr/local/share/man/man1   # quotecheck.1, quotecheck-audit.1, ...
    #[command(verbatim_doc_comment)]
    Man {
        /// Write a page per command (`quotecheck.1` and `quotecheck-SUBCOMMAND.1`) into this
        /// folder, created if needed, instead of printing the main page.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Print the JSON schema of the output (`--format json` document, or one JSON Lines record).
    ///
    /// Examples:
    ///   quotecheck schema > extract.schema.json
    ///   quotecheck schema --audit > audit.schema.json
    #[command(verbatim_doc_comment)]
    Schema {
        /// The schema of one `extract --format jsonl` line instead of the `--format json` document.
        #[arg(long, conflicts_with = "audit")]
        record: bool,
        /// The schema of the `audit --format json` report.
        #[arg(long, conflicts_with = "part")]
        audit: bool,
        /// The schema of one `audit --format parts` line.
        #[arg(long, conflicts_with = "record")]
        part: bool,
    },
}

#[derive(clap::Args)]
pub struct ExtractArgs {
    /// Output format: `text` a listing; `json` one document, `jsonl` one record per
    /// article; `html` a page with each article's quotes, speakers and cues marked; `csv`
    /// one row per quote.
    #[arg(long, short, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
    /// Set each article's story from this JSON Lines field (default: `story`), for a later
    /// `fingerprint` and `audit --records`.
    #[arg(long, value_name = "FIELD")]
    pub group_by: Option<String>,
    /// Include each article's text in JSON output (always included for HTML articles, whose
    /// offsets refer to the extracted text).
    #[arg(long)]
    pub with_text: bool,
    /// Colour the text listing: auto (a terminal, unless `NO_COLOR` is set or `TERM=dumb`;
    /// any output with `CLICOLOR_FORCE` set), always or never.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Show each quote whole in the text listing (by default a quote is cut at 100
    /// characters).
    #[arg(long)]
    pub wide: bool,
    #[command(flatten)]
    pub input: InputArgs,
}

/// What `extract` and `audit` read, and how.
#[derive(clap::Args)]
pub struct InputArgs {
    /// Outlet for articles that do not name one (default: an HTML page's site name, else the
    /// file name without extension).
    #[arg(long)]
    pub outlet: Option<String>,
    /// Read HTML as text, without main-text extraction (menus, related links and comments
    /// are then read as part of the article; tags, and the contents of `<script>`,
    /// `<style>` and `<template>`, are not).
    #[arg(long)]
    pub raw_html: bool,
    /// Follow symbolic links to folders while walking (loops are detected and reported);
    /// without it they are reported and not read. Links to files are always read.
    #[arg(long, short = 'L')]
    pub follow: bool,
    /// The largest article read, in bytes: a file, standard input, an HTML page or one
    /// JSON line over it is skipped with a message, never held in memory [default:
    /// 67108864 (64 MiB), or the configuration's `input.max_article_bytes`].
    #[arg(long, value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_article_bytes: Option<u64>,
    /// The types of file read from folders, repeatable: text (.txt, .text, no extension),
    /// jsonl (.jsonl, .ndjson), html (.html, .htm, .xhtml), json (.json: an article or an
    /// array of them), all (every file) [default: every type but all]. A file named on the
    /// command line is read whatever its type.
    #[arg(long = "type", short = 't', value_enum, value_name = "TYPE")]
    pub types: Vec<TypeArg>,
    /// Read from folders only the files this glob matches, whatever their type (repeat it;
    /// `!GLOB` leaves matches out), as ripgrep's --glob: relative to each folder named,
    /// gitignore syntax (`*.txt`, `2024/**`, `!drafts/`).
    #[arg(long, short = 'g', value_name = "GLOB")]
    pub glob: Vec<String>,
    /// Leave out of folders the files and folders this glob matches (repeat it): the same as
    /// `--glob '!GLOB'`.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Threads to use (0: one per core). The output is the same for any number.
    #[arg(long, short = 'j', default_value_t = 0)]
    pub threads: usize,
    /// Files or directories (walked recursively: regular files only, hidden entries
    /// reported and not read); `-` reads standard input, as does no path when standard
    /// input is not a terminal.
    pub paths: Vec<PathBuf>,
}

#[derive(clap::Args)]
pub struct AuditArgs {
    /// Output format: `text` the report; `json` the citation report, `jsonl` one family
    /// per line; `html` one self-contained page (versions side by side, the diff marked,
    /// filters); `csv` one row per finding; `markdown` a table per story; `parts` one line
    /// per story, for `quotecheck merge`.
    #[arg(long, short, value_enum, default_value_t = AuditFormatArg::Text)]
    pub format: AuditFormatArg,
    /// The inputs are extract records (`extract --format jsonl --with-text`, optionally
    /// behind a `fingerprint` key), not articles: nothing is extracted again. A folder
    /// yields its `.jsonl`, `.parts`, `.txt` files and files without an extension.
    #[arg(long)]
    pub records: bool,
    /// Exit with 1 when a finding of this severity or higher exists (default: `none`, never,
    /// or the configuration's `audit.fail_on`).
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOnArg>,
    /// Colour the diffs in the text report: auto (a terminal, unless `NO_COLOR` is set or
    /// `TERM=dumb`; any output with `CLICOLOR_FORCE` set), always or never.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Compare articles that share this JSON Lines field (default: `story`; articles without
    /// it form one story).
    #[arg(long, value_name = "FIELD")]
    pub group_by: Option<String>,
    /// Report differences between versions of one outlet too (by default only versions in
    /// different outlets are findings; or the configuration's `audit.same_outlet`).
    #[arg(long)]
    pub same_outlet: bool,
    #[command(flatten)]
    pub view: ViewArgs,
    #[command(flatten)]
    pub input: InputArgs,
}

/// Which families the report shows (`audit`, `merge`).
#[derive(clap::Args)]
pub struct ViewArgs {
    /// Show only families of this severity or higher (the summary still counts all).
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub min_severity: Option<FailOnArg>,
    /// Show only families with a finding of this category (repeat, or separate with
    /// commas; `quotecheck explain` lists them).
    #[arg(long, value_name = "CATEGORY", value_delimiter = ',', value_parser = category)]
    pub category: Vec<Category>,
    /// Findings of this category do not make a family shown (repeat, or separate with
    /// commas).
    #[arg(long, value_name = "CATEGORY", value_delimiter = ',', value_parser = category)]
    pub exclude_category: Vec<Category>,
}

impl ViewArgs {
    pub fn view(&self) -> View {
        View {
            min_severity: self
                .min_severity
                .and_then(|l| FailOn::from(l).threshold())
                .unwrap_or_default(),
            categories: self.category.clone(),
            exclude_categories: self.exclude_category.clone(),
        }
    }
}

/// A finding category by its name (`wording-change`).
fn category(name: &str) -> Result<Category, String> {
    Category::ALL
        .into_iter()
        .find(|c| c.name() == name)
        .ok_or_else(|| {
            let names: Vec<&str> = Category::ALL.iter().map(|c| c.name()).collect();
            format!("no category named `{name}`; one of: {}", names.join(", "))
        })
}

#[derive(clap::Args)]
pub struct MergeArgs {
    /// Output format, as `audit --format`.
    #[arg(long, short, value_enum, default_value_t = AuditFormatArg::Text)]
    pub format: AuditFormatArg,
    /// Exit with 1 when a finding of this severity or higher exists.
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOnArg>,
    /// Colour the diffs in the text report: auto (a terminal, unless `NO_COLOR` is set or
    /// `TERM=dumb`; any output with `CLICOLOR_FORCE` set), always or never.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    #[command(flatten)]
    pub view: ViewArgs,
    /// Files or directories of parts (a folder yields its `.parts`, `.jsonl`, `.txt` files
    /// and files without an extension, such as Spark's `part-00000`); `-` reads standard
    /// input, as does no path when standard input is not a terminal.
    pub paths: Vec<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuditFormatArg {
    Json,
    Jsonl,
    Text,
    Parts,
    Html,
    Csv,
    Markdown,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOnArg {
    None,
    Info,
    Low,
    Medium,
    High,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TypeArg {
    Text,
    Jsonl,
    Html,
    Json,
    All,
}

impl From<TypeArg> for FileType {
    fn from(t: TypeArg) -> FileType {
        match t {
            TypeArg::Text => FileType::Text,
            TypeArg::Jsonl => FileType::Jsonl,
            TypeArg::Html => FileType::Html,
            TypeArg::Json => FileType::Json,
            TypeArg::All => FileType::All,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Json,
    Jsonl,
    Text,
    Html,
    Csv,
}

// Flags → library options: the only place they are translated.

impl InputArgs {
    pub fn options(&self, group_by: Option<String>) -> InputOptions {
        InputOptions {
            outlet: self.outlet.clone(),
            group_by,
            raw_html: self.raw_html,
            follow: self.follow,
            max_article_bytes: self
                .max_article_bytes
                .map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
            types: (!self.types.is_empty())
                .then(|| self.types.iter().map(|&t| FileType::from(t)).collect()),
            globs: self
                .glob
                .iter()
                .cloned()
                .chain(self.exclude.iter().map(|g| format!("!{g}")))
                .collect(),
        }
    }
}

impl ExtractArgs {
    pub fn options(&self) -> ExtractOptions {
        ExtractOptions {
            input: self.input.options(self.group_by.clone()),
            with_text: self.with_text,
        }
    }

    pub fn format(&self, stdout_is_terminal: bool) -> Format {
        match self.format {
            FormatArg::Json => Format::Json,
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Text => Format::Text {
                color: self.color.resolve(stdout_is_terminal),
                wide: self.wide,
            },
            FormatArg::Html => Format::Html,
            FormatArg::Csv => Format::Csv,
        }
    }
}

impl AuditArgs {
    pub fn options(&self) -> AuditOptions {
        AuditOptions {
            input: self.input.options(self.group_by.clone()),
            records: self.records,
            same_outlet: self.same_outlet,
        }
    }
}

impl ColorArg {
    /// Whether to write colour, by ripgrep's rules and the common variables: `always` and
    /// `never` decide; `auto` colours a terminal, except with `NO_COLOR` set (not empty) or
    /// `TERM=dumb`, and colours any output with `CLICOLOR_FORCE` set (not `0`), unless
    /// `NO_COLOR` is set too.
    pub fn resolve(self, stdout_is_terminal: bool) -> bool {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        match self {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto if set("NO_COLOR") => false,
            ColorArg::Auto
                if set("CLICOLOR_FORCE")
                    && std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| v != "0") =>
            {
                true
            }
            ColorArg::Auto => {
                stdout_is_terminal && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
            }
        }
    }
}

impl AuditFormatArg {
    /// The report format; colour for text as [`ColorArg::resolve`] says.
    pub fn format(self, color: ColorArg, stdout_is_terminal: bool) -> AuditFormat {
        let color = color.resolve(stdout_is_terminal);
        match self {
            AuditFormatArg::Json => AuditFormat::Json,
            AuditFormatArg::Jsonl => AuditFormat::Jsonl,
            AuditFormatArg::Text => AuditFormat::Text { color },
            AuditFormatArg::Parts => AuditFormat::Parts,
            AuditFormatArg::Html => AuditFormat::Html,
            AuditFormatArg::Csv => AuditFormat::Csv,
            AuditFormatArg::Markdown => AuditFormat::Markdown,
        }
    }
}

impl From<FailOnArg> for FailOn {
    fn from(f: FailOnArg) -> FailOn {
        match f {
            FailOnArg::None => FailOn::None,
            FailOnArg::Info => FailOn::Info,
            FailOnArg::Low => FailOn::Low,
            FailOnArg::Medium => FailOn::Medium,
            FailOnArg::High => FailOn::High,
        }
    }
}

/// The schema `quotecheck schema` prints for its flags.
pub fn schema(record: bool, audit: bool, part: bool) -> Schema {
    if part {
        Schema::Part
    } else if audit {
        Schema::Audit
    } else if record {
        Schema::Record
    } else {
        Schema::Extract
    }
}
