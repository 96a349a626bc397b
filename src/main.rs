//! The `quotecheck` command: parses arguments, runs the library's pipeline, prints.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use quotecheck::input::{self, Event, InputOptions};
use quotecheck::report::{Format, Writer};

/// Audit how news articles quote people.
#[derive(Parser)]
#[command(name = "quotecheck", version, about, long_about = None)]
struct Cli {
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
    /// Print the JSON schema of the output (`--format json` document, or one JSON Lines record).
    Schema {
        /// The schema of one `--format jsonl` line instead of the `--format json` document.
        #[arg(long)]
        record: bool,
    },
}

#[derive(clap::Args)]
struct ExtractArgs {
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = FormatArg::Text)]
    format: FormatArg,
    /// Outlet name for plain-text articles (default: the file name without extension).
    #[arg(long)]
    outlet: Option<String>,
    /// Files or directories (walked recursively); `-` reads standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Json,
    Jsonl,
    Text,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => extract(args),
        Command::Schema { record } => {
            let schema = if record {
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

fn extract(args: ExtractArgs) -> ExitCode {
    if args.paths.iter().any(|p| p.as_os_str() == "-") && io::stdin().is_terminal() {
        eprintln!(
            "quotecheck: `-` reads standard input, but standard input is a terminal; pipe an article in or name a file"
        );
        return ExitCode::from(2);
    }
    let format = match args.format {
        FormatArg::Json => Format::Json,
        FormatArg::Jsonl => Format::Jsonl,
        FormatArg::Text => Format::Text,
    };
    let stdout = io::stdout().lock();
    let mut writer = Writer::new(BufWriter::new(stdout), format);
    let opts = InputOptions {
        outlet: args.outlet,
    };
    let mut io_error: Option<io::Error> = None;
    let mut errored = false;
    input::read_paths(&args.paths, &opts, &mut |ev| match ev {
        Event::Article(a) => {
            if io_error.is_none() {
                if let Err(e) = writer.article(quotecheck::process(a)) {
                    io_error = Some(e);
                }
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
