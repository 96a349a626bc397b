//! The `quotecheck` command: glue between the command line and the library.
//!
//! [`main`] parses the flags and calls [`run`]; `cli::args` turns flags into the library's
//! options; the library does the work; [`exit_code`] and [`main`] decide the exit status in
//! one place: 0 done, 1 a finding at `--fail-on`, 2 an input skipped or an error. A closed
//! output pipe (`| head`) is the reader's choice and exits 0, whatever the command.

mod cli;

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::{CommandFactory, Parser};

use cli::args::{Cli, Command};
use cli::terminal::{Stderr, say};
use quotecheck::{Audit, Config, FailOn, Pipeline, View, report};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // `{:#}`: the message and its causes, `cannot write output: No space left on device`.
            say(format_args!("{e:#}"));
            ExitCode::from(2)
        }
    }
}

/// What a command reports for the exit status.
enum Outcome {
    /// Done; `errored` when an input was skipped.
    Done { errored: bool },
    /// An audit: `errored` as above, and whether a finding reached the `--fail-on` level.
    Audited { errored: bool, failed: bool },
}

/// The paths to read: those given, else standard input when it is not a terminal (`cat
/// a.txt | quotecheck extract`); with neither, a usage error rather than a wait for typing.
fn inputs(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    if !paths.is_empty() {
        return Ok(paths.to_vec());
    }
    if io::stdin().is_terminal() {
        anyhow::bail!(
            "no input: give files or folders of articles, or pipe them to standard input"
        );
    }
    Ok(vec![PathBuf::from("-")])
}

/// 2 when an input was skipped (the output is incomplete), else 1 when a finding reached
/// `--fail-on`, else 0.
fn exit_code(outcome: Outcome) -> ExitCode {
    match outcome {
        Outcome::Done { errored: true } | Outcome::Audited { errored: true, .. } => {
            ExitCode::from(2)
        }
        Outcome::Audited { failed: true, .. } => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let quiet = cli.quiet;
    let mut out = Output::new(cli.output.as_deref())?;
    // The counts `--stats` prints at the end.
    let mut stats = serde_json::Map::new();
    let outcome = match cli.command {
        Command::Extract(args) => {
            let pipeline =
                with_threads(pipeline(&cli.config, cli.isolated)?.0, &args.input, quiet)?;
            let mut listener = Stderr::with_progress(quiet);
            let summary = pipeline.extract_paths(
                &inputs(&args.input.paths)?,
                &args.options(),
                args.format(out.is_terminal()),
                out.writer(),
                &mut listener,
            );
            listener.finish();
            let summary = summary?;
            stats.insert("summary".into(), serde_json::to_value(&summary)?);
            Outcome::Done {
                errored: summary.articles_skipped > 0,
            }
        }
        Command::Audit(args) => {
            let pipeline =
                with_threads(pipeline(&cli.config, cli.isolated)?.0, &args.input, quiet)?;
            let mut listener = Stderr::new(quiet);
            let paths = inputs(&args.input.paths)?;
            let audit = pipeline.audit_paths(&paths, &args.options(), &mut listener);
            listener.finish();
            let audit = audit?;
            stats.insert("summary".into(), serde_json::to_value(audit.summary())?);
            stats.insert("skipped".into(), audit.skipped.len().into());
            let format = args.format.format(args.color, out.is_terminal());
            let fail_on = pipeline.fail_on(args.fail_on.map(FailOn::from));
            write_audit(&mut out, &audit, format, fail_on, &args.view.view())?
        }
        Command::Merge(args) => {
            let pipeline = pipeline(&cli.config, cli.isolated)?.0;
            let mut listener = Stderr::new(quiet);
            let audit = quotecheck::merge_paths(&inputs(&args.paths)?, &mut listener);
            listener.finish();
            let audit = audit?;
            stats.insert("summary".into(), serde_json::to_value(audit.summary())?);
            let format = args.format.format(args.color, out.is_terminal());
            let fail_on = pipeline.fail_on(args.fail_on.map(FailOn::from));
            write_audit(&mut out, &audit, format, fail_on, &args.view.view())?
        }
        Command::Fingerprint { paths } => {
            let mut listener = Stderr::new(quiet);
            let errors = quotecheck::fingerprint(&inputs(&paths)?, out.writer(), &mut listener);
            listener.finish();
            let errors = errors?;
            stats.insert("skipped".into(), errors.into());
            Outcome::Done {
                errored: errors > 0,
            }
        }
        Command::Config => {
            let (pipeline, source) = pipeline(&cli.config, cli.isolated)?;
            out.write(pipeline.config().describe(source.as_deref()).as_bytes())?;
            Outcome::Done { errored: false }
        }
        Command::Explain { name } => {
            let mut text = Vec::new();
            quotecheck::explain::write(&mut text, name.as_deref())?;
            out.write(&text)?;
            Outcome::Done { errored: false }
        }
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "quotecheck", &mut script);
            out.write(&script)?;
            Outcome::Done { errored: false }
        }
        Command::Man { dir } => {
            let pages = cli::man::pages()?;
            match dir {
                None => out.write(&pages[0].1)?,
                Some(dir) => {
                    std::fs::create_dir_all(&dir)
                        .with_context(|| format!("cannot create {}", dir.display()))?;
                    for (name, page) in &pages {
                        let path = dir.join(name);
                        std::fs::write(&path, page)
                            .with_context(|| format!("cannot write {}", path.display()))?;
                    }
                    // The pages are the output; say where they went, as `install` would not.
                    if !quiet {
                        eprintln!(
                            "quotecheck: wrote {} man pages in {} (read one with `man -l {}`)",
                            pages.len(),
                            dir.display(),
                            dir.join("quotecheck.1").display()
                        );
                    }
                }
            }
            Outcome::Done { errored: false }
        }
        Command::Schema {
            record,
            audit,
            part,
        } => {
            let schema = cli::args::schema(record, audit, part).json();
            let mut text = serde_json::to_string_pretty(&schema)?;
            text.push('\n');
            out.write(text.as_bytes())?;
            Outcome::Done { errored: false }
        }
    };
    out.commit()?;
    if cli.stats {
        stats.insert(
            "seconds".into(),
            ((started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0).into(),
        );
        let _ = writeln!(io::stderr().lock(), "{}", serde_json::Value::Object(stats));
    }
    Ok(exit_code(outcome))
}

/// Where a command's output goes: standard output, or `--output FILE`, written to a
/// temporary file in FILE's folder and renamed over FILE by [`Output::commit`] (a reader
/// never sees half a report; a run that fails drops the temporary file and leaves FILE).
enum Output {
    Stdout(BufWriter<io::StdoutLock<'static>>),
    File {
        file: BufWriter<tempfile::NamedTempFile>,
        path: PathBuf,
    },
}

impl Output {
    fn new(path: Option<&Path>) -> anyhow::Result<Output> {
        let Some(path) = path else {
            return Ok(Output::Stdout(BufWriter::new(io::stdout().lock())));
        };
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let file = tempfile::Builder::new()
            .prefix(".quotecheck-")
            .tempfile_in(dir)
            .map_err(|e| cannot_write(path, &e))?;
        // A new file gets the usual mode, not the private one of a temporary file; a file
        // replaced keeps its own.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode());
            file.as_file()
                .set_permissions(std::fs::Permissions::from_mode(mode))
                .map_err(|e| cannot_write(path, &e))?;
        }
        Ok(Output::File {
            file: BufWriter::new(file),
            path: path.to_path_buf(),
        })
    }

    /// Whether the output is a terminal (for colour): never for a file.
    fn is_terminal(&self) -> bool {
        matches!(self, Output::Stdout(_)) && io::stdout().is_terminal()
    }

    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Output::Stdout(w) => w,
            Output::File { file, .. } => file,
        }
    }

    fn write(&mut self, bytes: &[u8]) -> Result<(), quotecheck::Error> {
        self.writer().write_all(bytes)?;
        Ok(self.writer().flush()?)
    }

    /// Flushes the output; for a file, renames it over its path.
    fn commit(self) -> anyhow::Result<()> {
        match self {
            Output::Stdout(mut w) => w.flush().map_err(quotecheck::Error::Output)?,
            Output::File { file, path } => {
                let file = file
                    .into_inner()
                    .map_err(|e| quotecheck::Error::Output(e.into_error()))?;
                file.persist(&path)
                    .map_err(|e| cannot_write(&path, &e.error))?;
            }
        }
        Ok(())
    }
}

/// The pipeline of the configuration in force (`--config`, else the nearest
/// quotecheck.toml, else the defaults, or the defaults alone with `--isolated`), and the
/// file it came from.
fn pipeline(
    config: &Option<PathBuf>,
    isolated: bool,
) -> anyhow::Result<(Pipeline, Option<PathBuf>)> {
    let (cfg, source) = match (config, isolated) {
        (_, true) => (Config::default(), None),
        (Some(p), false) => (Config::load(p)?, Some(p.clone())),
        (None, false) => {
            let cwd = std::env::current_dir().context("cannot read the working directory")?;
            Config::discover(&cwd)?
        }
    };
    Ok((Pipeline::new(cfg)?, source))
}

/// The pipeline on `-j` threads, saying so (unless `quiet`) when the machine has fewer cores
/// than asked.
fn with_threads(
    pipeline: Pipeline,
    input: &cli::args::InputArgs,
    quiet: bool,
) -> anyhow::Result<Pipeline> {
    let pipeline = pipeline.with_threads(input.threads)?;
    if input.threads > pipeline.threads() && !quiet {
        say(format_args!(
            "-j {}: this machine has {} cores; using {} threads",
            input.threads,
            pipeline.threads(),
            pipeline.threads()
        ));
    }
    Ok(pipeline)
}

/// `cannot write PATH: REASON`, with the system's reason alone (not the temporary file's
/// name that the error carries).
fn cannot_write(path: &Path, e: &io::Error) -> anyhow::Error {
    let full = e.to_string();
    let reason = full.split(" at path ").next().unwrap_or(&full);
    anyhow::anyhow!("cannot write {}: {reason}", path.display())
}

/// Writes an audit report and says whether it fails at `fail_on`.
fn write_audit(
    out: &mut Output,
    audit: &Audit,
    format: report::AuditFormat,
    fail_on: FailOn,
    view: &View,
) -> anyhow::Result<Outcome> {
    let mut w = out.writer();
    report::write_audit_view(&mut w, audit, format, view)
        .and_then(|()| w.flush())
        .map_err(quotecheck::Error::Output)?;
    Ok(Outcome::Audited {
        errored: !audit.skipped.is_empty(),
        failed: audit.fails(fail_on),
    })
}

/// Whether an error is the output's reader going away.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<quotecheck::Error>()
                .is_some_and(quotecheck::Error::is_broken_pipe)
    })
}
