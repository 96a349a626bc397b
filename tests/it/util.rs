//! What the modules share: running the `quotecheck` binary, and scratch directories.
//!
//! The binary is the one Cargo built for this test run, unless `QUOTECHECK_BIN` names
//! another: CI points it at `target/release/quotecheck` to run the size-driven tests (the
//! `#[ignore]`d ones) at release speed while the test harness itself stays a debug build.

use std::ffi::{OsStr, OsString};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

/// The `quotecheck` binary under test.
pub fn bin() -> PathBuf {
    match std::env::var_os("QUOTECHECK_BIN") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => PathBuf::from(env!("CARGO_BIN_EXE_quotecheck")),
    }
}

/// Called first by every size-driven test: their time bounds are set for a release binary,
/// so they refuse to run against the debug one (where they would fail, or pass only
/// because the bounds were loosened until they mean nothing).
pub fn require_release_binary() {
    let named = std::env::var_os("QUOTECHECK_BIN").is_some_and(|p| !p.is_empty());
    assert!(
        named || !cfg!(debug_assertions),
        "this size-driven test needs a release binary: run \
         `cargo build --release && QUOTECHECK_BIN=$PWD/target/release/quotecheck \
         cargo test --test it -- --ignored`"
    );
}

/// The crate's root directory (the working directory of the tests, too).
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    /// The arguments it was given.
    pub args: Vec<OsString>,
    /// The exit code; `None` when a signal ended it.
    pub code: Option<i32>,
    /// Standard output, which is always UTF-8 (JSON, JSON Lines or text).
    pub stdout: String,
    /// Standard error, decoded lossily.
    pub stderr: String,
    /// Wall time from the start of the process to its exit.
    pub took: Duration,
    /// The process's peak resident memory in KiB, sampled every 2 ms from
    /// `/proc/PID/status` (`None` off Linux, or when it exited before the first sample).
    pub peak_rss_kib: Option<u64>,
}

impl Run {
    /// Exit code 0.
    pub fn success(&self) -> bool {
        self.code == Some(0)
    }

    /// Standard output, after checking the run succeeded.
    pub fn ok(self) -> String {
        assert!(
            self.success(),
            "quotecheck {}: exit {:?}\n{}",
            self.command_line(),
            self.code,
            self.stderr
        );
        self.stdout
    }

    /// The arguments as typed in a shell (unquoted: for reading, not for pasting).
    pub fn command_line(&self) -> String {
        let args: Vec<String> = self
            .args
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        args.join(" ")
    }

    /// The command, its exit code, stdout and stderr, in one text: what a CLI snapshot holds.
    pub fn transcript(&self) -> String {
        let code = self
            .code
            .map_or_else(|| "killed by a signal".to_string(), |c| c.to_string());
        format!(
            "$ quotecheck {}\nexit code: {code}\n----- stdout -----\n{}----- stderr -----\n{}",
            self.command_line(),
            self.stdout,
            self.stderr
        )
    }
}

/// One invocation of the binary, run with [`Quotecheck::run`].
pub struct Quotecheck {
    args: Vec<OsString>,
    stdin: Option<Box<dyn Read + Send>>,
    dir: Option<PathBuf>,
    limit: Option<Duration>,
    env: Vec<(OsString, OsString)>,
}

/// `quotecheck ARGS…`, with no standard input unless [`Quotecheck::stdin`] gives one.
pub fn quotecheck<I, S>(args: I) -> Quotecheck
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    Quotecheck {
        args: args.into_iter().map(|a| a.as_ref().to_owned()).collect(),
        stdin: None,
        dir: None,
        limit: None,
        env: Vec::new(),
    }
}

/// `quotecheck ARGS…` run with a terminal for standard input (through `script`, from
/// util-linux, which gives the child a pseudo-terminal): what a person at a prompt sees.
/// Returns the exit code and everything written, stdout and stderr interleaved as the
/// terminal shows them (line ends as `\r\n`).
pub fn run_in_terminal(args: &[&str]) -> (Option<i32>, String) {
    run_in_terminal_with(&[], args)
}

/// [`run_in_terminal`] with these environment variables set (`TERM=dumb`) or, with an
/// empty value, removed.
pub fn run_in_terminal_with(env: &[(&str, &str)], args: &[&str]) -> (Option<i32>, String) {
    let mut line = shell_quote(&bin().to_string_lossy());
    for a in args {
        line.push(' ');
        line.push_str(&shell_quote(a));
    }
    let mut script = Command::new("script");
    script
        .args(["-qec", &line, "/dev/null"])
        .stdin(Stdio::null());
    for (k, v) in env {
        if v.is_empty() {
            script.env_remove(k);
        } else {
            script.env(k, v);
        }
    }
    let out = script.output().expect("`script` (util-linux) runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n"),
    )
}

/// `s` quoted for a POSIX shell.
fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// `quotecheck ARGS…` run at once.
pub fn run<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    quotecheck(args).run()
}

impl Quotecheck {
    /// One more argument.
    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Self {
        self.args.push(arg.as_ref().to_owned());
        self
    }

    /// More arguments.
    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.args
            .extend(args.into_iter().map(|a| a.as_ref().to_owned()));
        self
    }

    /// Feeds `data` to standard input.
    pub fn stdin(self, data: impl Into<Vec<u8>>) -> Self {
        self.stdin_from(std::io::Cursor::new(data.into()))
    }

    /// Streams `reader` to standard input: gigabytes without holding them (or a disk file).
    pub fn stdin_from(mut self, reader: impl Read + Send + 'static) -> Self {
        self.stdin = Some(Box::new(reader));
        self
    }

    /// Runs in `dir` instead of the crate's root.
    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Sets an environment variable (the colour variables `NO_COLOR` and `CLICOLOR_FORCE`
    /// are otherwise removed, so the suite's result does not depend on the shell's).
    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }

    /// Kills the process and fails the test if it runs longer than `limit`, so that a
    /// regression fails at the bound instead of hanging the suite.
    pub fn time_limit(mut self, limit: Duration) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Runs to the end and collects what the process wrote.
    pub fn run(self) -> Run {
        let mut cmd = Command::new(bin());
        cmd.args(&self.args)
            .stdin(if self.stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(dir) = &self.dir {
            cmd.current_dir(dir);
        }
        cmd.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        let t0 = Instant::now();
        let mut child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", bin().display()));
        // Standard input is written, and both outputs read, on threads of their own, so a
        // process that fills one pipe while we wait on another never deadlocks.
        let writer = self.stdin.map(|mut data| {
            let mut input = child.stdin.take().expect("piped stdin");
            thread::spawn(move || {
                // The process may exit without reading everything; that is its business.
                let _ = std::io::copy(&mut data, &mut input);
            })
        });
        let reader = |mut r: Box<dyn Read + Send>| {
            thread::spawn(move || {
                let mut buf = Vec::new();
                r.read_to_end(&mut buf)
                    .expect("read the output of quotecheck");
                buf
            })
        };
        let stdout = reader(Box::new(child.stdout.take().expect("piped stdout")));
        let stderr = reader(Box::new(child.stderr.take().expect("piped stderr")));
        let pid = child.id();
        let mut peak: Option<u64> = None;
        let status = loop {
            // Sampled until the end: the high-water mark only grows, so the last sample
            // before exit holds the peak of all but the process's last few milliseconds.
            if let Some(kib) = high_water_kib(pid) {
                peak = Some(peak.map_or(kib, |p| p.max(kib)));
            }
            if let Some(status) = child.try_wait().expect("wait for quotecheck") {
                break status;
            }
            if let Some(limit) = self.limit {
                if t0.elapsed() > limit {
                    let _ = child.kill();
                    let _ = child.wait();
                    panic!(
                        "quotecheck {}: took longer than {limit:?}",
                        self.args
                            .iter()
                            .map(|a| a.to_string_lossy())
                            .collect::<Vec<_>>()
                            .join(" ")
                    );
                }
            }
            thread::sleep(Duration::from_millis(2));
        };
        let peak_rss_kib = peak;
        let took = t0.elapsed();
        if let Some(w) = writer {
            w.join().expect("stdin writer");
        }
        let stdout = stdout.join().expect("stdout reader");
        let stderr = stderr.join().expect("stderr reader");
        Run {
            peak_rss_kib,
            code: status.code(),
            stdout: String::from_utf8(stdout).expect("quotecheck writes UTF-8 on stdout"),
            stderr: String::from_utf8_lossy(&stderr).into_owned(),
            took,
            args: self.args,
        }
    }
}

impl Quotecheck {
    /// Reads the first line of standard output, then closes it, as `| head -1` does, and
    /// waits for the process: its exit code, that line and its standard error.
    pub fn first_line(self) -> (Option<i32>, String, String) {
        use std::io::BufRead;
        let mut child = Command::new(bin())
            .args(&self.args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", bin().display()));
        let mut stderr = child.stderr.take().expect("piped stderr");
        let errors = thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = stderr.read_to_end(&mut buf);
            String::from_utf8_lossy(&buf).into_owned()
        });
        let mut line = String::new();
        {
            let mut out = std::io::BufReader::new(child.stdout.take().expect("piped stdout"));
            out.read_line(&mut line).expect("read the first line");
            // Dropping the reader closes the pipe: the process's next writes fail.
        }
        let status = child.wait().expect("wait for quotecheck");
        (status.code(), line, errors.join().expect("stderr reader"))
    }
}

/// The peak resident memory so far of process `pid`, in KiB: `VmHWM` in
/// `/proc/PID/status`, which belongs to the program the process runs now. (The process's
/// `ru_maxrss` would not do: it also counts the copy of this test process that `fork` made
/// before `exec`, hundreds of MiB when other tests hold big inputs.)
fn high_water_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// A scratch directory for one test, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    /// A new, empty directory; `name` makes it recognisable in a listing of the temp dir.
    pub fn new(name: &str) -> TempDir {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("quotecheck-it-{}-{n}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create a scratch directory");
        TempDir(dir)
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Writes `contents` to `name` in the directory (creating subdirectories) and returns
    /// its path.
    pub fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.0.join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("create a scratch subdirectory");
        }
        std::fs::write(&p, contents).expect("write a scratch file");
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The insta settings every snapshot of the suite uses: snapshots in the crate's top-level
/// `snapshots/` directory, named by the test alone.
pub fn snapshot_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../../snapshots");
    settings.set_omit_expression(true);
    settings.set_prepend_module_to_snapshot(false);
    settings
}

/// One default pipeline for the in-process tests: built once, shared by every thread.
pub fn pipeline() -> &'static quotecheck::Pipeline {
    static PIPELINE: std::sync::LazyLock<quotecheck::Pipeline> =
        std::sync::LazyLock::new(quotecheck::Pipeline::default);
    &PIPELINE
}

/// `text` with every regex metacharacter escaped, for an insta filter.
pub fn regex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Snapshots the run's transcript as `snapshots/{name}.snap`, the scratch directory (if
/// any) redacted.
pub fn assert_transcript(name: &str, dir: Option<&TempDir>, run: &Run) {
    assert_transcript_with(name, dir, run, &[]);
}

/// [`assert_transcript`] with more redactions: each regex's matches written as its
/// replacement (a duration, say). The escape character is shown as `␛`, so that colour
/// reads in the snapshot.
pub fn assert_transcript_with(
    name: &str,
    dir: Option<&TempDir>,
    run: &Run,
    filters: &[(&str, &str)],
) {
    let mut settings = snapshot_settings();
    if let Some(dir) = dir {
        let path = dir.path().to_str().expect("the temp dir is UTF-8");
        settings.add_filter(&regex_escape(path), "[TMP]");
    }
    for (regex, replacement) in filters {
        settings.add_filter(regex, *replacement);
    }
    let transcript = run.transcript().replace('\u{1b}', "␛");
    settings.bind(|| insta::assert_snapshot!(name, transcript));
}
