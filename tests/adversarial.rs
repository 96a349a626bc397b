//! Hostile and oversized inputs: the pipeline must stay total, bounded in time and linear in
//! the size of the text, and the CLI must report bad inputs without dropping good ones.
//!
//! Inputs are generated in the tests, not stored. Time bounds are generous (they must hold
//! in a debug build on a loaded machine); the 8 MB tests only run in release builds.
//! Each time-bounded call runs on its own thread so a regression fails at the bound instead
//! of hanging the suite.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use quotecheck::{ArticleQuotes, extract};

/// The bound for one hostile input: tight in release builds, loose in debug builds, which
/// are ten times slower and share two cores with the rest of the suite.
const LIMIT: Duration = if cfg!(debug_assertions) {
    Duration::from_secs(30)
} else {
    Duration::from_secs(5)
};

/// Runs `f` on its own thread and fails if it takes longer than `limit`.
fn bounded<T: Send + 'static>(
    what: &str,
    limit: Duration,
    f: impl FnOnce() -> T + Send + 'static,
) -> (T, Duration) {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let t0 = Instant::now();
        let out = f();
        let _ = tx.send((out, t0.elapsed()));
    });
    match rx.recv_timeout(limit) {
        Ok(r) => r,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{what}: took longer than {limit:?}"),
        // The worker panicked: its message is already on stderr.
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{what}: panicked"),
    }
}

/// `process_text` under the time limit.
fn process_bounded(what: &str, text: String) -> (String, ArticleQuotes, Duration) {
    let ((text, out), took) = bounded(what, LIMIT, move || {
        let out = quotecheck::process_text(&text);
        (text, out)
    });
    check_spans(&text, &out);
    (text, out, took)
}

/// The span invariant from `model`: every reported text is exactly its slice.
fn check_spans(text: &str, out: &ArticleQuotes) {
    for q in &out.quotes {
        assert_eq!(q.text, text[q.start..q.end], "quote {}", q.id);
        if let Some(s) = &q.speaker {
            assert_eq!(s.mention, text[s.start..s.end], "speaker of {}", q.id);
        }
        if let Some(c) = &q.cue {
            assert_eq!(c.text, text[c.start..c.end], "cue of {}", q.id);
        }
    }
}

/// A paragraph in wire-copy style: direct, partial, nested and single-quoted quotes,
/// apostrophes and an attribution before and after.
const PARAGRAPH: &str = "WASHINGTON (Reuters) - \u{201C}We will not back down,\u{201D} Defense \
Secretary Pete Hegseth told reporters on Tuesday, adding that the so-called \u{201C}peace \
plan\u{201D} was dead.\n\nHegseth said: \u{201C}It is over. They told us \u{2018}never\u{2019}, \
and we are done talking.\u{201D}\n\n\u{2018}I don\u{2019}t think so,\u{2019} said Maria Lopez, \
a nurse at the city\u{2019}s \u{2019}90s-era hospital.\n\n";

fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes.div_ceil(unit.len()))
}

const MB: usize = 1 << 20;

// Half a million quotes take about 8 s in a debug build even in linear time.
#[test]
#[cfg_attr(debug_assertions, ignore = "half a million quotes: run with --release")]
fn one_megabyte_of_straight_double_quotes() {
    let (text, out, _) = process_bounded("1 MB of \"", "\"".repeat(MB));
    // Every mark pairs with its neighbour.
    assert_eq!(out.quotes.len(), text.len() / 2);
    assert_eq!(out.unmatched_marks, 0);
}

#[test]
fn unbalanced_opening_quotes() {
    let (_, out, _) = process_bounded("100,000 unclosed marks", "\u{201C}a ".repeat(100_000));
    assert!(out.quotes.is_empty());
    assert_eq!(out.unmatched_marks, 100_000);
}

#[test]
fn ten_thousand_deep_nesting() {
    const DEPTH: usize = 10_000;
    let mut text = String::new();
    for i in 0..DEPTH {
        text.push_str(if i % 2 == 0 {
            "\u{201C}a "
        } else {
            "\u{2018}b "
        });
    }
    for i in (0..DEPTH).rev() {
        text.push_str(if i % 2 == 0 {
            "a\u{201D} "
        } else {
            "b\u{2019} "
        });
    }
    let (_, out, _) = process_bounded("10,000-deep nesting", text);
    // The stack is capped; what is kept is still properly nested.
    assert!(out.quotes.len() <= extract::MAX_DEPTH);
    assert!(out.unmatched_marks >= DEPTH - extract::MAX_DEPTH);
    let top: Vec<_> = out.quotes.iter().filter(|q| q.parent.is_none()).collect();
    assert!(top.len() <= 1, "{} top-level quotes", top.len());
}

#[test]
#[cfg_attr(debug_assertions, ignore = "8 MB input: run with --release")]
fn one_eight_megabyte_paragraph() {
    let sentence = "\u{201C}We will not back down,\u{201D} Defense Secretary Pete Hegseth told \
reporters on Tuesday. He said the plan was \u{201C}obviously unacceptable\u{201D} and added: \
\u{201C}It is over.\u{201D} ";
    let n = (8 * MB).div_ceil(sentence.len());
    let (_, out, _) = process_bounded("8 MB paragraph", sentence.repeat(n));
    assert_eq!(out.quotes.len(), 3 * n);
    assert_eq!(out.unmatched_marks, 0);
}

/// The size the issue names: one 50 MB paragraph with no line break, with a quote every few
/// hundred bytes (a scraped page that lost its line breaks).
#[test]
#[cfg_attr(debug_assertions, ignore = "50 MB input: run with --release")]
fn one_fifty_megabyte_paragraph() {
    let sentence = "Officials met on Tuesday and the talks went on for hours without a result, \
according to people who were there. \u{201C}We will not back down,\u{201D} the minister told \
reporters after the meeting. ";
    let n = (50 * MB).div_ceil(sentence.len());
    let ((text, out), took) = bounded("50 MB paragraph", Duration::from_secs(30), move || {
        let text = sentence.repeat(n);
        let out = quotecheck::process_text(&text);
        (text, out)
    });
    assert!(text.len() >= 50 * MB);
    assert_eq!(out.quotes.len(), n);
    assert_eq!(out.unmatched_marks, 0);
    let last = out.quotes.last().unwrap();
    assert_eq!(
        last.speaker.as_ref().map(|s| s.mention.as_str()),
        Some("the minister")
    );
    check_spans(&text, &out);
    eprintln!("50 MB paragraph: {took:?}");
}

/// The audit on hostile articles: it must stay total and bounded too.
#[test]
fn audit_of_hostile_articles() {
    let texts = [
        "\"".repeat(MB / 4),
        "\u{201C}a ".repeat(20_000),
        "\0".repeat(MB / 4),
        repeat_to(PARAGRAPH, MB / 2),
    ];
    let ((n_stories, n_families), took) = bounded("audit of hostile articles", LIMIT, move || {
        let arts: Vec<ArticleQuotes> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                quotecheck::process(quotecheck::Article {
                    id: format!("h{i}"),
                    outlet: Some(["A", "B"][i % 2].into()),
                    text: t.clone(),
                    ..quotecheck::Article::default()
                })
            })
            .collect();
        let stories = quotecheck::compare::audit(&arts, &Default::default());
        let fams: usize = stories.iter().map(|s| s.families.len()).sum();
        (stories.len(), fams)
    });
    assert_eq!(n_stories, 1);
    assert!(n_families > 0);
    eprintln!("audit of hostile articles: {took:?}, {n_families} families");
}

#[test]
fn nul_bytes() {
    let (_, out, _) = process_bounded("1 MB of NUL", "\0".repeat(MB));
    assert!(out.quotes.is_empty());
    assert_eq!(out.unmatched_marks, 0);

    // NULs around and inside quotes are ordinary symbols.
    let text = "\0\u{201C}We\0 will,\u{201D} Smith said.\0\"\0\"\0".to_string();
    let (_, out, _) = process_bounded("NULs among quotes", text);
    assert!(!out.quotes.is_empty());
}

#[test]
fn crlf_and_lone_cr_line_endings() {
    let text = "\u{201C}We will win,\u{201D} Smith said.\r\n\u{201C}It is over,\u{201D} Jones \
said.\r\u{201C}No,\u{201D} Brown said.\r\n\r\n\u{201C}Done,\u{201D} Lee said.";
    let (_, out, _) = process_bounded("CRLF and CR", text.to_string());
    let found: Vec<(&str, Option<&str>)> = out
        .quotes
        .iter()
        .map(|q| (q.text.as_str(), q.speaker.as_ref().map(|s| s.name.as_str())))
        .collect();
    assert_eq!(
        found,
        vec![
            ("\u{201C}We will win,\u{201D}", Some("Smith")),
            ("\u{201C}It is over,\u{201D}", Some("Jones")),
            ("\u{201C}No,\u{201D}", Some("Brown")),
            ("\u{201C}Done,\u{201D}", Some("Lee")),
        ]
    );
    for q in &out.quotes {
        assert!(!q.text.contains(['\r', '\n']), "{} runs over a line", q.id);
    }
}

/// The same article with `\n`, `\r\n` and `\r` line endings gives the same quotes.
#[test]
fn line_ending_style_does_not_change_the_result() {
    let lf = "\u{201C}The first part of it.\n\n\u{201C}The second part,\u{201D} Hegseth said.\n\
He said \"this is unclosed.\nThen \"one\" and 'two,' said Lopez.\n";
    let summary = |text: &str| {
        let out = quotecheck::process_text(text);
        check_spans(text, &out);
        out.quotes
            .iter()
            .map(|q| {
                (
                    q.text.replace("\r\n", "\n").replace('\r', "\n"),
                    q.kind,
                    q.speaker.as_ref().map(|s| s.name.clone()),
                    q.rule,
                    q.paragraphs,
                )
            })
            .collect::<Vec<_>>()
    };
    let expected = summary(lf);
    assert!(!expected.is_empty());
    assert_eq!(summary(&lf.replace('\n', "\r\n")), expected, "CRLF");
    assert_eq!(summary(&lf.replace('\n', "\r")), expected, "CR");
}

/// Time grows linearly with the text: 8 MB may take at most 16 times as long as 1 MB (twice
/// the linear ratio, for noise), plus a fixed allowance for a loaded machine.
#[test]
#[cfg_attr(debug_assertions, ignore = "8 MB input: run with --release")]
fn time_is_linear_in_the_text() {
    let _ = quotecheck::process_text(PARAGRAPH); // load the lexicons outside the timing
    let small = repeat_to(PARAGRAPH, MB);
    let large = repeat_to(PARAGRAPH, 8 * MB);
    let time = |what: &str, text: &str| {
        let text = text.to_string();
        let (n, took) = bounded(what, Duration::from_secs(60), move || {
            quotecheck::process_text(&text).quotes.len()
        });
        assert!(n > 0);
        took
    };
    // The best of two runs, so one scheduling hiccup does not decide the test.
    let t1 = time("1 MB", &small).min(time("1 MB", &small));
    let t8 = time("8 MB", &large);
    assert!(
        t8 < 16 * t1 + Duration::from_millis(500),
        "1 MB took {t1:?}, 8 MB took {t8:?}"
    );
}

// -------------------------------------------------------------------------------------------
// Crashes found by fuzzing and property tests, smallest input first.

/// `mention_ending_at` skips a parenthetical back to its `(`; when that `(` is the first token
/// in reach, `toks[k2 - 1]` underflows.
#[test]
fn parenthetical_at_start_of_lead_in() {
    for text in ["()said\"x\"", "(AP) said \u{201C}We are done.\u{201D}"] {
        let (_, out, _) = process_bounded(text, text.to_string());
        assert_eq!(out.quotes.len(), 1, "{text}");
    }
}

// -------------------------------------------------------------------------------------------
// The command line

/// A scratch directory for one test, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "quotecheck-adversarial-{}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create scratch directory");
        Scratch(dir)
    }

    fn file(&self, name: &str, contents: &[u8]) -> PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, contents).expect("write scratch file");
        p
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn quotecheck(args: &[&Path]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_quotecheck"))
        .args(["extract", "--format", "jsonl"])
        .args(args)
        .output()
        .expect("run quotecheck");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The `id` of every JSON Lines record on stdout, checking each line is one JSON object.
fn ids(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("each line is JSON");
            assert!(v["quotes"].is_array(), "no quotes array in {l}");
            v["id"].as_str().expect("id is a string").to_string()
        })
        .collect()
}

#[test]
fn jsonl_with_bad_lines() {
    let dir = Scratch::new("jsonl");
    let lines = [
        r#"{"id":"a","text":"\u201CWe will win,\u201D Smith said."}"#,
        r#"{"id":"b","text":"No quotes here."}"#,
        r#"{"id":"c","text":"broken"#,
        r#"{"id":"d","text":"He said \"yes\" twice."}"#,
        r#"{"id":"e","outlet":"Reuters"}"#,
        r#"{"id":"f","text":"'Fine,' she said."}"#,
    ];
    let path = dir.file("articles.jsonl", (lines.join("\n") + "\n").as_bytes());
    let run = quotecheck(&[&path]);

    assert_eq!(run.code, Some(2), "stderr: {}", run.stderr);
    assert_eq!(ids(&run.stdout), ["a", "b", "d", "f"]);
    let name = path.display().to_string();
    for line in [3, 5] {
        assert!(
            run.stderr.contains(&format!("{name}:{line}:")),
            "line {line} not reported: {}",
            run.stderr
        );
    }
    for line in [1, 2, 4, 6] {
        assert!(
            !run.stderr.contains(&format!("{name}:{line}:")),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn binary_file_among_text_files() {
    let dir = Scratch::new("binary");
    dir.file(
        "a.txt",
        "\u{201C}We will win,\u{201D} Smith said.".as_bytes(),
    );
    dir.file(
        "b.bin",
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\"quoted\"\0\xff\xfe",
    );
    dir.file("c.txt", b"He said \"yes\" twice.");
    let run = quotecheck(&[&dir.0]);

    assert_eq!(run.code, Some(2), "stderr: {}", run.stderr);
    let a = dir.0.join("a.txt").display().to_string();
    let c = dir.0.join("c.txt").display().to_string();
    assert_eq!(ids(&run.stdout), [a, c]);
    let bin = dir.0.join("b.bin").display().to_string();
    assert!(
        run.stderr
            .lines()
            .any(|l| l.contains(&bin) && l.contains("binary")),
        "binary file not reported: {}",
        run.stderr
    );
}

#[test]
fn hostile_html_pages() {
    let dir = Scratch::new("html");
    let story = "<p>\u{201C}We will win,\u{201D} Mayor Jane Smith said on Tuesday at a rally outside city hall, where hundreds of people had gathered since the early morning.</p>";
    dir.file(
        "a.html",
        format!("<html><body><article>{story}{story}</article></body></html>").as_bytes(),
    );
    // 100,000 unclosed <div>s: refused before the DOM library can recurse that deep.
    dir.file(
        "b.html",
        format!("<html><body>{}{story}", "<div>".repeat(100_000)).as_bytes(),
    );
    // Tag soup: unclosed elements, a script that never ends, stray quotes in attributes.
    dir.file(
        "c.html",
        format!("<p title=\"x>{story}<b><i></b></i><table><td>\"a\"<script>var s = \"</p>{story}")
            .as_bytes(),
    );
    // Nothing but markup.
    dir.file(
        "d.htm",
        b"<html><head><style>p{}</style></head><body></body></html>",
    );
    let (run, took) = bounded("hostile HTML", LIMIT, move || {
        let run = quotecheck(&[&dir.0]);
        drop(dir);
        run
    });
    assert_eq!(run.code, Some(2), "stderr: {}", run.stderr);
    let got = ids(&run.stdout);
    assert!(got[0].ends_with("a.html") && got.len() >= 2, "{got:?}");
    assert!(got.iter().any(|i| i.ends_with("c.html")), "{got:?}");
    assert!(
        run.stderr
            .contains("b.html: skipped: HTML elements nested 1000"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("d.htm: skipped: no article text"),
        "{}",
        run.stderr
    );
    eprintln!("hostile HTML: {took:?}");
}
