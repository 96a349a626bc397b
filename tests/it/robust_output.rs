//! What reaches a terminal: article text, ids, outlets and file names are data from the
//! outside, and a terminal obeys the escape sequences in them (retitle the window, clear
//! the screen, hide a line, reorder text). Every readable output escapes them; JSON keeps
//! the text exact (serde_json escapes control characters itself).

use crate::util::{TempDir, quotecheck};

/// An escape sequence that retitles the window, one that clears the screen, a bell, a C1
/// control and a right-to-left override.
const HOSTILE: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}";

fn assert_inert(what: &str, s: &str) {
    for c in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
        assert!(!s.contains(c), "{what}: raw {:?} in {s:?}", c);
    }
    assert!(
        s.contains("\\u{1b}"),
        "{what}: the escape is not shown: {s:?}"
    );
}

#[test]
fn text_output_and_stderr_never_carry_terminal_escapes() {
    let dir = TempDir::new("terminal-escapes");
    let quote = format!("\"We will not sign this deal {HOSTILE} under any terms,\" Lee said.");
    let lines: Vec<String> = ["A", "B"]
        .iter()
        .map(|outlet| {
            serde_json::json!({
                "id": format!("{outlet}{HOSTILE}"),
                "outlet": format!("{outlet}{HOSTILE}"),
                "story": format!("s{HOSTILE}"),
                "text": quote,
            })
            .to_string()
        })
        .collect();
    let path = dir.file("articles.jsonl", lines.join("\n") + "\n");

    let out = quotecheck(["--isolated", "extract", "--format", "text"])
        .arg(&path)
        .run();
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_inert("extract --format text", &out.stdout);

    let out = quotecheck([
        "--isolated",
        "audit",
        "--format",
        "text",
        "--color",
        "always",
    ])
    .arg(&path)
    .run();
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    // The report's own colours stay; the article's escapes do not.
    assert!(out.stdout.contains("\u{1b}[1m"), "{}", out.stdout);
    let without_colours = out
        .stdout
        .replace("\u{1b}[31m", "")
        .replace("\u{1b}[32m", "")
        .replace("\u{1b}[1m", "")
        .replace("\u{1b}[2m", "")
        .replace("\u{1b}[0m", "");
    assert_inert("audit --format text", &without_colours);

    // JSON keeps the exact text: offsets still slice it.
    let out = quotecheck(["--isolated", "extract", "--format", "jsonl"])
        .arg(&path)
        .run();
    let record: quotecheck::ArticleQuotes =
        serde_json::from_str(out.stdout.lines().next().unwrap()).unwrap();
    assert!(record.quotes[0].text.contains(HOSTILE));

    // A file name with escapes, skipped as binary: the message names it, inert.
    let bad = dir.file(&format!("x{}.txt", "\u{1b}]0;t\u{7}"), b"\0\0binary");
    let out = quotecheck(["--isolated", "extract"]).arg(&bad).run();
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("binary"), "{}", out.stderr);
    assert_inert("stderr", &out.stderr);
}

/// `-j` beyond the machine's cores starts one thread per core (a million threads never
/// finished starting), says so, and writes the same bytes as one thread.
#[test]
fn huge_thread_counts_are_capped_at_the_cores() {
    let fixtures = crate::util::root().join("tests/fixtures");
    let one = quotecheck(["--isolated", "extract", "--format", "jsonl", "-j", "1"])
        .arg(&fixtures)
        .run()
        .ok();
    for j in ["1000000", "18446744073709551615"] {
        let out = quotecheck(["--isolated", "extract", "--format", "jsonl", "-j", j])
            .arg(&fixtures)
            .time_limit(std::time::Duration::from_secs(20))
            .run();
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        assert_eq!(out.stdout, one);
        assert!(
            out.stderr.contains(&format!("-j {j}: this machine has")),
            "{}",
            out.stderr
        );
    }
}

/// A closed standard error (`2>&1 | head -1`) loses messages but never crashes the run:
/// 3,000 bad lines, each a message, and the run still ends with its own exit code (2: lines
/// were skipped), not a panic's 101.
#[test]
fn a_closed_stderr_never_crashes_the_run() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let dir = TempDir::new("closed-stderr");
    let lines: String = (0..3000).map(|i| format!("{{bad {i}\n")).collect();
    let path = dir.file("bad.jsonl", lines);
    let mut child = Command::new(crate::util::bin())
        .args(["--isolated", "extract", "--format", "jsonl"])
        .arg(&path)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains("bad.jsonl:1: skipped"), "{first}");
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(2));
}
