//! What the command shows on standard error while it runs: each skipped input or warning
//! (the first [`Stderr::SHOWN`], then a count), and a progress line on a terminal.

use std::io::{self, IsTerminal, Write};
use std::time::{Duration, Instant};

use quotecheck::{Diagnostic, Listener};

/// Prints one line on standard error, with control characters escaped (messages quote file
/// names and ids, which could hold terminal escape sequences). A closed or full standard
/// error loses the message but never stops the run: the results on standard output and the
/// exit code still say it all.
pub fn say(message: impl std::fmt::Display) {
    let message = message.to_string();
    let _ = writeln!(
        io::stderr().lock(),
        "quotecheck: {}",
        quotecheck::report::for_terminal(&message)
    );
}

/// The command's listener: diagnostics and progress on standard error.
pub struct Stderr {
    shown: usize,
    progress: Option<Progress>,
    /// `--quiet`: diagnostics counted, none printed.
    quiet: bool,
}

impl Stderr {
    /// Diagnostics beyond this many are counted, not printed, so that a file of bad lines
    /// cannot flood the terminal; the report lists every one.
    pub const SHOWN: usize = 20;

    /// A listener that shows diagnostics only, or nothing when `quiet`.
    pub fn new(quiet: bool) -> Self {
        Stderr {
            shown: 0,
            progress: None,
            quiet,
        }
    }

    /// A listener that also draws a progress line for long runs (not when `quiet`).
    pub fn with_progress(quiet: bool) -> Self {
        Stderr {
            shown: 0,
            progress: (!quiet).then(Progress::new),
            quiet,
        }
    }

    /// Says how many diagnostics were not shown, and clears the progress line.
    pub fn finish(&mut self) {
        if let Some(p) = &self.progress {
            p.bar.finish_and_clear();
        }
        if self.shown > Self::SHOWN && !self.quiet {
            say(format_args!(
                "… and {} more skipped inputs or warnings",
                self.shown - Self::SHOWN
            ));
        }
    }
}

impl Listener for Stderr {
    fn diagnostic(&mut self, d: &Diagnostic) {
        self.shown += 1;
        if self.shown <= Self::SHOWN && !self.quiet {
            say(d);
        }
    }

    fn progress(&mut self, articles: usize, bytes: usize) {
        if let Some(p) = &mut self.progress {
            p.advance(articles, bytes);
        }
    }
}

/// A progress line for long runs: drawn only when standard error is a terminal and the run
/// has lasted more than a second, so pipelines and short runs never see it.
struct Progress {
    bar: indicatif::ProgressBar,
    delay: Duration,
    start: Instant,
    articles: usize,
    shown: bool,
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
            .map_or(Duration::from_secs(1), Duration::from_millis);
        Progress {
            bar,
            delay,
            start: Instant::now(),
            articles: 0,
            shown: false,
        }
    }

    fn advance(&mut self, articles: usize, bytes: usize) {
        self.articles += articles;
        if !self.shown && self.start.elapsed() > self.delay && io::stderr().is_terminal() {
            self.bar
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
            self.shown = true;
        }
        self.bar.set_message(self.articles.to_string());
        self.bar.inc(bytes as u64);
    }
}
