//! The `quotecheck` command: parses arguments, runs the library's pipeline, prints.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use quotecheck::input::{self, Event, InputOptions};
use quotecheck::report::{Format, Writer};

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
  quotecheck explain truncation

`quotecheck COMMAND --help` shows each command's options and examples."
)]
struct Cli {
    /// Read settings from this file instead of the nearest quotecheck.toml.
    #[arg(long, global = true, value_name = "PATH")]
    config: Option<PathBuf>,
    /// Ignore any quotecheck.toml.
    #[arg(long, global = true, conflicts_with = "config")]
    isolated: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract every quotation with its speaker and cue.
    ///
    /// Examples:
    ///   quotecheck extract article.txt
    ///   quotecheck extract --format jsonl articles.jsonl > quotes.jsonl
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
        /// Files of extract records (`extract --format jsonl --with-text`); `-` reads stdin.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Merge audit parts (`audit --format parts`), given in any order, into one report.
    ///
    /// The merge is a sorted union of stories: associative and order-independent, so parts
    /// audited on many machines merge into the report one machine would write.
    ///
    /// Examples:
    ///   quotecheck merge --format json parts/ > report.json
    ///   cat a.parts b.parts | quotecheck merge --format parts - > ab.parts
    #[command(verbatim_doc_comment)]
    Merge(MergeArgs),
    /// Explain an attribution rule or an audit category: what it means, why it matters, an example.
    ///
    /// Without a name, lists every rule and category.
    ///
    /// Examples:
    ///   quotecheck explain
    ///   quotecheck explain marked-elision
    ///   quotecheck explain speaker-cue-after
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
    /// Print the manual page (roff) for `man`.
    ///
    /// Example: quotecheck man > quotecheck.1 && man ./quotecheck.1
    Man,
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
struct ExtractArgs {
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = FormatArg::Text)]
    format: FormatArg,
    /// Set each article's story from this JSON Lines field (default: `story`), for a later
    /// `fingerprint` and `audit --records`.
    #[arg(long, value_name = "FIELD")]
    group_by: Option<String>,
    /// Include each article's text in JSON output (always included for HTML articles, whose
    /// offsets refer to the extracted text).
    #[arg(long)]
    with_text: bool,
    #[command(flatten)]
    input: InputArgs,
}

/// What `extract` and `audit` read, and how.
#[derive(clap::Args)]
struct InputArgs {
    /// Outlet for articles that do not name one (default: an HTML page's site name, else the
    /// file name without extension).
    #[arg(long)]
    outlet: Option<String>,
    /// Read HTML as text, without main-text extraction (menus, related links and comments
    /// are then read as part of the article).
    #[arg(long)]
    raw_html: bool,
    /// Threads to use (0: one per core). The output is the same for any number.
    #[arg(long, short = 'j', default_value_t = 0)]
    threads: usize,
    /// Files or directories (walked recursively); `-` reads standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
}

#[derive(clap::Args)]
struct AuditArgs {
    /// Output format (`parts`: one line per story, for `quotecheck merge`).
    #[arg(long, short, value_enum, default_value_t = AuditFormat::Text)]
    format: AuditFormat,
    /// The inputs are extract records (`extract --format jsonl --with-text`, optionally
    /// behind a `fingerprint` key), not articles: nothing is extracted again.
    #[arg(long)]
    records: bool,
    /// Exit with 1 when a finding of this severity or higher exists (default: `none`, never,
    /// or the configuration's `audit.fail_on`).
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Colour the diffs in the text report.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,
    /// Compare articles that share this JSON Lines field (default: `story`; articles without
    /// it form one story).
    #[arg(long, value_name = "FIELD")]
    group_by: Option<String>,
    #[command(flatten)]
    input: InputArgs,
}

#[derive(clap::Args)]
struct MergeArgs {
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = AuditFormat::Text)]
    format: AuditFormat,
    /// Exit with 1 when a finding of this severity or higher exists.
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Colour the diffs in the text report.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,
    /// Files or directories of parts; `-` reads standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum AuditFormat {
    Json,
    Jsonl,
    Text,
    Parts,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    None,
    Info,
    Low,
    Medium,
    High,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Json,
    Jsonl,
    Text,
}

/// Articles per parallel batch, and bytes of text: enough to keep every core busy, small
/// enough that memory stays bounded on a gigabyte of JSON Lines.
const BATCH_ARTICLES: usize = 1024;
const BATCH_BYTES: usize = 16 << 20;

/// The configuration in force: `--config`, else the nearest quotecheck.toml, else defaults.
fn load_config(cli: &Cli) -> Result<(quotecheck::config::Config, Option<PathBuf>), String> {
    use quotecheck::config;
    if cli.isolated {
        return Ok((config::Config::default(), None));
    }
    let path = match &cli.config {
        Some(p) => Some(p.clone()),
        None => std::env::current_dir().ok().and_then(|d| config::find(&d)),
    };
    match path {
        Some(p) => config::load(&p).map(|c| (c, Some(p))),
        None => Ok((config::Config::default(), None)),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (cfg, cfg_path) = match load_config(&cli) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("quotecheck: {e}");
            return ExitCode::from(2);
        }
    };
    quotecheck::lexicon::configure(&cfg.lexicon);
    match cli.command {
        Command::Config => {
            match &cfg_path {
                Some(p) => println!("# from {}", p.display()),
                None => println!("# built-in defaults (no quotecheck.toml found)"),
            }
            let link = cfg.link_params();
            println!("{}", cfg.to_toml());
            println!(
                "# audit thresholds in force: shingle = {}, max_postings = {}, min_overlap = {}",
                link.shingle, link.max_postings, link.min_overlap
            );
            ExitCode::SUCCESS
        }
        command => run(command, &cfg),
    }
}

fn run(command: Command, cfg: &quotecheck::config::Config) -> ExitCode {
    match command {
        Command::Config => ExitCode::SUCCESS,
        Command::Extract(args) => extract(args, cfg),
        Command::Audit(args) => audit(args, cfg),
        Command::Fingerprint { paths } => fingerprint(&paths),
        Command::Merge(args) => merge(args, cfg),
        Command::Explain { name } => explain(name),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut cmd = Cli::command();
            clap_complete::generate(shell, &mut cmd, "quotecheck", &mut io::stdout());
            ExitCode::SUCCESS
        }
        Command::Man => {
            use clap::CommandFactory;
            let man = clap_mangen::Man::new(Cli::command());
            match man.render(&mut io::stdout()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("quotecheck: cannot write the manual page: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Schema {
            record,
            audit,
            part,
        } => {
            let schema = if part {
                quotecheck::report::audit::part_schema()
            } else if audit {
                quotecheck::report::audit::schema()
            } else if record {
                quotecheck::report::record_schema()
            } else {
                quotecheck::report::document_schema()
            };
            match serde_json::to_string_pretty(&schema) {
                Ok(s) => {
                    println!("{s}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("quotecheck: cannot write the schema: {e}");
                    ExitCode::from(2)
                }
            }
        }
    }
}

fn extract(args: ExtractArgs, cfg: &quotecheck::config::Config) -> ExitCode {
    let pool = match prepare(&args.input.paths, args.input.threads) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let format = match args.format {
        FormatArg::Json => Format::Json,
        FormatArg::Jsonl => Format::Jsonl,
        FormatArg::Text => Format::Text,
    };
    let stdout = io::stdout().lock();
    let mut writer = Writer::new(BufWriter::new(stdout), format);
    let opts = InputOptions {
        outlet: args.input.outlet,
        group_by: args.group_by,
        raw_html: args.input.raw_html,
    };
    let with_text = args.with_text;
    let mut io_error: Option<io::Error> = None;
    let mut errored = false;
    // Articles are processed in batches on the pool and written in input order, so memory
    // stays bounded by one batch however large the input.
    let mut batch: Vec<quotecheck::Article> = Vec::new();
    let mut batch_bytes = 0usize;
    let progress = Progress::new();
    let flush = |batch: &mut Vec<quotecheck::Article>,
                 writer: &mut Writer<_>,
                 io_error: &mut Option<io::Error>| {
        let bytes: usize = batch.iter().map(|a| a.text.len()).sum();
        let done = quotecheck::process_all(std::mem::take(batch), &pool);
        progress.advance(done.len(), bytes);
        for mut a in done {
            if with_text || a.article.text_source == quotecheck::TextSource::Html {
                a.show_text();
            }
            if io_error.is_none() {
                if let Err(e) = writer.article(a) {
                    *io_error = Some(e);
                }
            }
        }
    };
    input::read_paths(&args.input.paths, &opts, &mut |ev| match ev {
        Event::Article(mut a) => {
            alias_outlet(&mut a, cfg);
            batch_bytes += a.text.len();
            batch.push(a);
            if batch.len() >= BATCH_ARTICLES || batch_bytes >= BATCH_BYTES {
                flush(&mut batch, &mut writer, &mut io_error);
                batch_bytes = 0;
            }
        }
        Event::Skipped(s) => {
            eprintln!("quotecheck: {s}");
            errored = true;
            writer.skipped(s);
        }
        Event::Warning(w) => {
            eprintln!("quotecheck: {w}");
            writer.warning(w);
        }
    });
    flush(&mut batch, &mut writer, &mut io_error);
    progress.finish();
    let finished = match io_error {
        Some(e) => Err(e),
        None => writer.finish().map(|_| ()),
    };
    if let Err(e) = finished {
        // A closed pipe (`| head`) is the reader's choice, not an error.
        if e.kind() == io::ErrorKind::BrokenPipe {
            return ExitCode::SUCCESS;
        }
        eprintln!("quotecheck: cannot write output: {e}");
        return ExitCode::from(2);
    }
    let _ = io::stderr().flush();
    if errored {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

fn audit(args: AuditArgs, cfg: &quotecheck::config::Config) -> ExitCode {
    use quotecheck::compare::{self, AuditOptions};
    use quotecheck::report::audit as rep;

    let pool = match prepare(&args.input.paths, args.input.threads) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let grouped_by = args.group_by.clone().unwrap_or_else(|| "story".into());
    let mut skipped = Vec::new();
    let processed = if args.records {
        let mut records = Vec::new();
        input::read_records(
            &args.input.paths,
            &mut |mut a| {
                alias_outlet(&mut a.article, cfg);
                records.push(a)
            },
            &mut |s| {
                eprintln!("quotecheck: {s}");
                skipped.push(s);
            },
        );
        records
    } else {
        let opts = InputOptions {
            outlet: args.input.outlet,
            group_by: args.group_by,
            raw_html: args.input.raw_html,
        };
        let mut articles = Vec::new();
        input::read_paths(&args.input.paths, &opts, &mut |ev| match ev {
            Event::Article(mut a) => {
                alias_outlet(&mut a, cfg);
                articles.push(a)
            }
            Event::Skipped(s) => {
                eprintln!("quotecheck: {s}");
                skipped.push(s);
            }
            Event::Warning(w) => eprintln!("quotecheck: {w}"),
        });
        quotecheck::process_all(articles, &pool)
    };
    let link = cfg.link_params();
    let stories = compare::audit(&processed, &AuditOptions { link });
    let had_skips = !skipped.is_empty();
    let parts = rep::parts(&processed, stories, skipped, link, &grouped_by);
    // Own parts never conflict; the merge only sorts them, as `quotecheck merge` does.
    let merged = match rep::merge(parts) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("quotecheck: {e}");
            return ExitCode::from(2);
        }
    };
    write_audit(
        &merged,
        args.format,
        args.color,
        args.fail_on,
        cfg,
        had_skips,
    )
}

fn merge(args: MergeArgs, cfg: &quotecheck::config::Config) -> ExitCode {
    use quotecheck::report::audit as rep;
    if let Err(code) = prepare(&args.paths, 1) {
        return code;
    }
    let mut parts = Vec::new();
    let errors = Errors::default();
    input::read_lines(
        &args.paths,
        &mut |path, n, line| {
            match serde_json::from_slice::<rep::Part>(input::json_field(line)) {
            Ok(p) => parts.push(p),
            Err(e) => errors.report(format_args!(
                "{path}:{n}: not an audit part: {e}; parts are the lines of `quotecheck audit --format parts`"
            )),
        }
        },
        &mut |s| errors.report(s),
    );
    let errors = errors.finish();
    if errors > 0 {
        // A part lost is a story lost: refuse to write a report that looks whole.
        eprintln!("quotecheck: {errors} input(s) could not be read; no report written");
        return ExitCode::from(2);
    }
    let merged = match rep::merge(parts) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("quotecheck: {e}");
            return ExitCode::from(2);
        }
    };
    let had_skips = !merged.skipped.is_empty();
    write_audit(
        &merged,
        args.format,
        args.color,
        args.fail_on,
        cfg,
        had_skips,
    )
}

/// Writes a merged audit and chooses the exit code: 2 when inputs were skipped, 1 when a
/// finding reaches `--fail-on` (or the configuration's `audit.fail_on`), else 0.
fn write_audit(
    merged: &quotecheck::report::audit::Merged,
    format: AuditFormat,
    color: ColorArg,
    fail_on: Option<FailOn>,
    cfg: &quotecheck::config::Config,
    had_skips: bool,
) -> ExitCode {
    use quotecheck::compare::Severity;
    use quotecheck::report::audit as rep;
    let color = match color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let output = match format {
        AuditFormat::Json => rep::Output::Json,
        AuditFormat::Jsonl => rep::Output::Jsonl,
        AuditFormat::Text => rep::Output::Text { color },
        AuditFormat::Parts => rep::Output::Parts,
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let written = rep::write(&mut out, merged, output).and_then(|()| out.flush());
    if let Err(e) = written {
        if e.kind() == io::ErrorKind::BrokenPipe {
            return ExitCode::SUCCESS;
        }
        eprintln!("quotecheck: cannot write output: {e}");
        return ExitCode::from(2);
    }
    if had_skips {
        return ExitCode::from(2);
    }
    let fail_on = fail_on.unwrap_or(match cfg.audit.fail_on.as_deref() {
        Some("info") => FailOn::Info,
        Some("low") => FailOn::Low,
        Some("medium") => FailOn::Medium,
        Some("high") => FailOn::High,
        _ => FailOn::None,
    });
    let threshold = match fail_on {
        FailOn::None => return ExitCode::SUCCESS,
        FailOn::Info => Severity::Info,
        FailOn::Low => Severity::Low,
        FailOn::Medium => Severity::Medium,
        FailOn::High => Severity::High,
    };
    if merged.worst() >= threshold {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Counts input errors and prints the first few, so a file of bad lines cannot flood stderr.
#[derive(Default)]
struct Errors(std::cell::Cell<usize>);

impl Errors {
    const SHOWN: usize = 20;

    fn report(&self, what: impl std::fmt::Display) {
        self.0.set(self.0.get() + 1);
        if self.0.get() <= Self::SHOWN {
            eprintln!("quotecheck: {what}");
        }
    }

    /// The number of errors, after saying how many were not shown.
    fn finish(&self) -> usize {
        let n = self.0.get();
        if n > Self::SHOWN {
            eprintln!("quotecheck: … and {} more errors", n - Self::SHOWN);
        }
        n
    }
}

/// `KEY<TAB>RECORD` for every extract record. Exits 2 on a line that is not a record, so
/// a Spark task fails instead of dropping it.
fn fingerprint(paths: &[PathBuf]) -> ExitCode {
    #[derive(serde::Deserialize)]
    struct Story {
        story: Option<String>,
    }
    if let Err(code) = prepare(paths, 1) {
        return code;
    }
    let mut out = BufWriter::new(io::stdout().lock());
    let mut io_error: Option<io::Error> = None;
    let errors = Errors::default();
    input::read_lines(
        paths,
        &mut |path, n, line| {
            let record = input::json_field(line);
            match serde_json::from_slice::<Story>(record) {
                Ok(r) => {
                    if io_error.is_some() {
                        return;
                    }
                    let key = quotecheck::compare::blocking_key(r.story.as_deref());
                    let w = out
                        .write_all(key.as_bytes())
                        .and_then(|()| out.write_all(b"\t"))
                        .and_then(|()| out.write_all(record))
                        .and_then(|()| out.write_all(b"\n"));
                    if let Err(e) = w {
                        io_error = Some(e);
                    }
                }
                Err(e) => errors.report(format_args!(
                    "{path}:{n}: not an extract record: {e}; records are the lines of `quotecheck extract --format jsonl --with-text`"
                )),
            }
        },
        &mut |s| errors.report(s),
    );
    let errors = errors.finish();
    let flushed = match io_error {
        Some(e) => Err(e),
        None => out.flush(),
    };
    match flushed {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("quotecheck: cannot write output: {e}");
            ExitCode::from(2)
        }
        Ok(()) if errors > 0 => ExitCode::from(2),
        Ok(()) => ExitCode::SUCCESS,
    }
}

fn explain(name: Option<String>) -> ExitCode {
    use quotecheck::explain;
    let mut out = io::stdout().lock();
    let written = match name {
        None => {
            let mut r = Ok(());
            for kind in ["rule", "category"] {
                let title = if kind == "rule" {
                    "Attribution rules (the `rule` of each quote):"
                } else {
                    "\nAudit categories (the `category` of each finding):"
                };
                r = r.and_then(|()| writeln!(out, "{title}"));
                for d in explain::all().into_iter().filter(|d| d.kind == kind) {
                    r = r.and_then(|()| writeln!(out, "  {:<26} {}", d.name, d.what));
                }
            }
            r.and_then(|()| {
                writeln!(
                    out,
                    "\nquotecheck explain NAME for why it matters and an example."
                )
            })
        }
        Some(n) => match explain::find(&n) {
            Some(d) => writeln!(
                out,
                "{} ({})\n\nWhat it is: {}\nWhy it matters: {}\nExample: {}",
                d.name, d.kind, d.what, d.why, d.example
            ),
            None => {
                eprintln!(
                    "quotecheck: no rule or category named `{n}`; `quotecheck explain` lists them"
                );
                return ExitCode::from(2);
            }
        },
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("quotecheck: cannot write output: {e}");
            ExitCode::from(2)
        }
    }
}

/// Applies the configuration's outlet aliases (`nytimes.com` → `The New York Times`).
fn alias_outlet(a: &mut quotecheck::Article, cfg: &quotecheck::config::Config) {
    if let Some(o) = &a.outlet {
        let named = cfg.outlet(o);
        if named != o {
            a.outlet = Some(named.to_string());
        }
    }
}

/// A progress line on stderr for long runs: drawn only when stderr is a terminal and the
/// run has lasted more than a second, so pipelines and short runs never see it.
struct Progress {
    bar: indicatif::ProgressBar,
    delay: std::time::Duration,
    start: std::time::Instant,
    articles: std::cell::Cell<usize>,
    shown: std::cell::Cell<bool>,
}

impl Progress {
    fn new() -> Self {
        let bar =
            indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::hidden());
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{spinner} {msg} articles, {bytes} of text ({bytes_per_sec}), {elapsed}",
        ) {
            bar.set_style(style);
        }
        // QUOTECHECK_PROGRESS_DELAY_MS lets the terminal test see the bar on a short run.
        let delay = std::env::var("QUOTECHECK_PROGRESS_DELAY_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .map_or(
                std::time::Duration::from_secs(1),
                std::time::Duration::from_millis,
            );
        Progress {
            bar,
            delay,
            start: std::time::Instant::now(),
            articles: std::cell::Cell::new(0),
            shown: std::cell::Cell::new(false),
        }
    }

    fn advance(&self, articles: usize, bytes: usize) {
        self.articles.set(self.articles.get() + articles);
        if !self.shown.get() && self.start.elapsed() > self.delay && io::stderr().is_terminal() {
            self.bar
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
            self.shown.set(true);
        }
        self.bar.set_message(self.articles.get().to_string());
        self.bar.inc(bytes as u64);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// What `extract` and `audit` need before reading: refuse `-` when standard input is a
/// terminal (a usage error, never a hang), and a thread pool of the asked size.
fn prepare(paths: &[PathBuf], threads: usize) -> Result<rayon::ThreadPool, ExitCode> {
    if paths.iter().any(|p| p.as_os_str() == "-") && io::stdin().is_terminal() {
        eprintln!(
            "quotecheck: `-` reads standard input, but standard input is a terminal; pipe articles in or name a file"
        );
        return Err(ExitCode::from(2));
    }
    quotecheck::thread_pool(threads).map_err(|e| {
        eprintln!("quotecheck: cannot start {threads} threads: {e}");
        ExitCode::from(2)
    })
}
