//! quotecheck as a library: read articles, extract and attribute their quotes, audit them
//! across outlets, and act on the findings, with a configuration built in code.
//!
//!     cargo run --example embed -- tests/fixtures/
//!
//! Prints every quote of speech with its speaker, then every finding of medium severity or
//! more, then the standard text report; exits with 1 when such a finding exists.

use std::path::PathBuf;
use std::process::ExitCode;

use quotecheck::input::{self, Event, InputOptions};
use quotecheck::report::{AuditFormat, write_audit};
use quotecheck::{Config, Kind, Pipeline, Severity};

fn main() -> ExitCode {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if paths.is_empty() {
        eprintln!("usage: embed FILE_OR_DIR...");
        return ExitCode::from(2);
    }

    // A newsroom's settings, in code: one more speech verb, and an outlet alias.
    let mut config = Config::default();
    config
        .lexicon
        .speech_verbs
        .push("deadpan deadpans deadpanned deadpanning".into());
    config
        .outlets
        .insert("000_8e19547a2dfce686".into(), "Seed A".into());
    let pipeline = match Pipeline::new(config) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("configuration: {e}");
            return ExitCode::from(2);
        }
    };

    // Read: every article, or why it was skipped.
    let mut articles = Vec::new();
    input::read_paths(&paths, &InputOptions::default(), &mut |event| match event {
        Event::Article(mut a) => {
            pipeline.alias_outlet(&mut a);
            articles.push(a);
        }
        Event::Diagnostic(d) => eprintln!("{d}"),
    });

    // Extract and attribute.
    let extracted = pipeline.extract_all(articles);
    for a in &extracted {
        for q in a.quotes.iter().filter(|q| q.kind == Kind::Direct) {
            let who = q
                .speaker
                .as_ref()
                .map_or("(unattributed)", |s| s.name.as_str());
            println!("{:<24} {}", who, q.text.replace('\n', " "));
        }
    }

    // Audit, and act on what matters.
    let audit = pipeline.audit(&extracted);
    println!();
    for story in audit.stories() {
        for family in &story.families {
            if family.severity >= Severity::Medium {
                let categories: Vec<&str> = family.categories.iter().map(|c| c.name()).collect();
                println!(
                    "{} {}: {} [{}]",
                    family.id,
                    family.severity.name(),
                    family.reference,
                    categories.join(", ")
                );
            }
        }
    }
    println!();
    let mut out = std::io::stdout().lock();
    if let Err(e) = write_audit(&mut out, &audit, AuditFormat::Text { color: false }) {
        // A closed pipe (`| head`) is the reader's choice, not a failure.
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("cannot write the report: {e}");
            return ExitCode::from(2);
        }
    }
    if audit.worst() >= Severity::Medium {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
