//! The `quotecheck` command: glue between the command line and the library.
//!
//! [`main`] parses the flags and calls [`run`]; `cli::args` turns flags into the library's
//! options; the library does the work; [`exit_code`] and [`main`] decide the exit status in
//! one place: 0 done, 1 a finding at `--fail-on`, 2 an input skipped or an error. A closed
//! output pipe (`| head`) is the reader's choice and exits 0, whatever the command.

mod cli;

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

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
    let outcome = match cli.command {
        Command::Extract(args) => {
            let pipeline = with_threads(pipeline(&cli.config, cli.isolated)?.0, &args.input)?;
            let mut listener = Stderr::with_progress();
            let summary = pipeline.extract_paths(
                &inputs(&args.input.paths)?,
                &args.options(),
                args.format(io::stdout().is_terminal()),
                stdout(),
                &mut listener,
            );
            listener.finish();
            Outcome::Done {
                errored: summary?.articles_skipped > 0,
            }
        }
        Command::Audit(args) => {
            let pipeline = with_threads(pipeline(&cli.config, cli.isolated)?.0, &args.input)?;
            let mut listener = Stderr::new();
            let paths = inputs(&args.input.paths)?;
            let audit = pipeline.audit_paths(&paths, &args.options(), &mut listener);
            listener.finish();
            let format = args.format.format(args.color, io::stdout().is_terminal());
            let fail_on = pipeline.fail_on(args.fail_on.map(FailOn::from));
            write_audit(&audit?, format, fail_on, &args.view.view())?
        }
        Command::Merge(args) => {
            let pipeline = pipeline(&cli.config, cli.isolated)?.0;
            let mut listener = Stderr::new();
            let audit = quotecheck::merge_paths(&inputs(&args.paths)?, &mut listener);
            listener.finish();
            let format = args.format.format(args.color, io::stdout().is_terminal());
            let fail_on = pipeline.fail_on(args.fail_on.map(FailOn::from));
            write_audit(&audit?, format, fail_on, &args.view.view())?
        }
        Command::Fingerprint { paths } => {
            let mut listener = Stderr::new();
            let errors = quotecheck::fingerprint(&inputs(&paths)?, stdout(), &mut listener);
            listener.finish();
            Outcome::Done {
                errored: errors? > 0,
            }
        }
        Command::Config => {
            let (pipeline, source) = pipeline(&cli.config, cli.isolated)?;
            print(pipeline.config().describe(source.as_deref()).as_bytes())?;
            Outcome::Done { errored: false }
        }
        Command::Explain { name } => {
            let mut out = stdout();
            quotecheck::explain::write(&mut out, name.as_deref())?;
            out.flush().map_err(quotecheck::Error::Output)?;
            Outcome::Done { errored: false }
        }
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "quotecheck", &mut script);
            print(&script)?;
            Outcome::Done { errored: false }
        }
        Command::Man => {
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut page)?;
            print(&page)?;
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
            print(text.as_bytes())?;
            Outcome::Done { errored: false }
        }
    };
    Ok(exit_code(outcome))
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

/// The pipeline on `-j` threads, saying so when the machine has fewer cores than asked.
fn with_threads(pipeline: Pipeline, input: &cli::args::InputArgs) -> anyhow::Result<Pipeline> {
    let pipeline = pipeline.with_threads(input.threads)?;
    if input.threads > pipeline.threads() {
        say(format_args!(
            "-j {}: this machine has {} cores; using {} threads",
            input.threads,
            pipeline.threads(),
            pipeline.threads()
        ));
    }
    Ok(pipeline)
}

fn stdout() -> BufWriter<io::StdoutLock<'static>> {
    BufWriter::new(io::stdout().lock())
}

fn print(bytes: &[u8]) -> Result<(), quotecheck::Error> {
    let mut out = stdout();
    out.write_all(bytes)?;
    Ok(out.flush()?)
}

/// Writes an audit report and says whether it fails at `fail_on`.
fn write_audit(
    audit: &Audit,
    format: report::AuditFormat,
    fail_on: FailOn,
    view: &View,
) -> anyhow::Result<Outcome> {
    let mut out = stdout();
    report::write_audit_view(&mut out, audit, format, view)
        .and_then(|()| out.flush())
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
