//! Hostile and oversized inputs: the pipeline must stay total, bounded in time and linear in
//! the size of the text, and the CLI must report bad inputs without dropping good ones.
//!
//! Inputs are generated in the tests, not stored. Two kinds of test:
//!
//! - in-process tests call the library with inputs small enough for a debug build, under a
//!   loose bound (each on its own thread, so a regression fails at the bound instead of
//!   hanging the suite);
//! - size-driven tests (`#[ignore]`d) run the full-size inputs through the binary, with
//!   bounds meant for a release build: `.ci/run` runs them with `QUOTECHECK_BIN` pointing at
//!   `target/release/quotecheck`, so the test harness itself never needs a release build.

use std::path::Path;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use quotecheck::{Article, ArticleQuotes, MAX_NESTING};

use crate::util::{Run, TempDir, pipeline, quotecheck, require_release_binary};

/// The bound for one hostile input processed in-process: loose in debug builds, which are
/// ten times slower and share two cores with the rest of the suite.
const LIMIT: Duration = if cfg!(debug_assertions) {
    Duration::from_secs(30)
} else {
    Duration::from_secs(5)
};

/// The bound for one hostile input given to the release binary, from its start to its
/// exit (reading the input and writing every quote as JSON included).
const RELEASE_LIMIT: Duration = Duration::from_secs(5);

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

/// `extract_text` under the time limit.
fn process_bounded(what: &str, text: String) -> (String, ArticleQuotes, Duration) {
    let ((text, out), took) = bounded(what, LIMIT, move || {
        let out = pipeline().extract_text(&text);
        (text, out)
    });
    check_spans(&text, &out);
    (text, out, took)
}

/// `quotecheck extract --format jsonl` on `text` (as a plain-text file), killed after
/// `limit`; the one record it writes, with its spans checked against `text`.
fn extract_cli(what: &str, text: &str, limit: Duration) -> (ArticleQuotes, Duration) {
    let dir = TempDir::new("adversarial-extract");
    let path = dir.file("article.txt", text);
    let run = quotecheck(["--isolated", "extract", "--format", "jsonl"])
        .arg(&path)
        .time_limit(limit)
        .run();
    assert_eq!(run.code, Some(0), "{what}: {}", run.stderr);
    let took = run.took;
    let out = single_record(what, &run);
    check_spans(text, &out);
    eprintln!(
        "{what}: {took:?}, peak {} MiB",
        run.peak_rss_kib.unwrap_or(0) / 1024
    );
    assert_memory_bound(what, &run);
    (out, took)
}

/// Every size-driven run stays under 1 GiB of resident memory on this project's machines.
fn assert_memory_bound(what: &str, run: &Run) {
    const BOUND_KIB: u64 = 1 << 20;
    if let Some(kib) = run.peak_rss_kib {
        assert!(
            kib < BOUND_KIB,
            "{what}: peak resident memory {} MiB, over the 1 GiB bound",
            kib / 1024
        );
    }
}

/// The only JSON Lines record of a run.
fn single_record(what: &str, run: &Run) -> ArticleQuotes {
    let mut lines = run.stdout.lines();
    let record = lines.next().unwrap_or_else(|| panic!("{what}: no record"));
    assert!(lines.next().is_none(), "{what}: more than one record");
    serde_json::from_str(record).unwrap_or_else(|e| panic!("{what}: not a record: {e}"))
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

/// Every mark pairs with its neighbour.
fn check_straight_double_quotes(text: &str, out: &ArticleQuotes) {
    assert_eq!(out.quotes.len(), text.len() / 2);
    assert_eq!(out.unmatched_marks, 0);
}

#[test]
#[ignore = "size-driven: .ci/run runs them against the release binary"]
fn one_megabyte_of_straight_double_quotes() {
    require_release_binary();
    let text = "\"".repeat(MB);
    // Half a million quotes, each written as a JSON object: 100 MB of output.
    let (out, _) = extract_cli("1 MB of \"", &text, RELEASE_LIMIT);
    check_straight_double_quotes(&text, &out);
}

/// [`one_megabyte_of_straight_double_quotes`] at a size for a debug build.
#[test]
fn straight_double_quotes_pair_with_their_neighbours() {
    let (text, out, _) = process_bounded("64 KB of \"", "\"".repeat(64 << 10));
    check_straight_double_quotes(&text, &out);
}

/// `n` opening marks that never close.
fn unclosed_marks(n: usize) -> String {
    "\u{201C}a ".repeat(n)
}

fn check_unbalanced(n: usize, out: &ArticleQuotes) {
    assert!(out.quotes.is_empty());
    assert_eq!(out.unmatched_marks, n);
}

#[test]
#[ignore = "size-driven: .ci/run runs them against the release binary"]
fn unbalanced_opening_quotes() {
    require_release_binary();
    let (out, _) = extract_cli(
        "100,000 unclosed marks",
        &unclosed_marks(100_000),
        RELEASE_LIMIT,
    );
    check_unbalanced(100_000, &out);
}

/// [`unbalanced_opening_quotes`] at a size for a debug build.
#[test]
fn unbalanced_opening_quotes_in_a_short_text() {
    let (_, out, _) = process_bounded("5,000 unclosed marks", unclosed_marks(5_000));
    check_unbalanced(5_000, &out);
}

/// Curly double and single quotes nested `depth` deep.
fn nested(depth: usize) -> String {
    let mut text = String::new();
    for i in 0..depth {
        text.push_str(if i % 2 == 0 {
            "\u{201C}a "
        } else {
            "\u{2018}b "
        });
    }
    for i in (0..depth).rev() {
        text.push_str(if i % 2 == 0 {
            "a\u{201D} "
        } else {
            "b\u{2019} "
        });
    }
    text
}

/// The stack is capped; what is kept is still properly nested.
fn check_nesting(depth: usize, out: &ArticleQuotes) {
    assert!(
        depth > MAX_NESTING,
        "the test must nest deeper than the cap"
    );
    assert!(!out.quotes.is_empty());
    assert!(out.quotes.len() <= MAX_NESTING);
    assert!(out.unmatched_marks >= depth - MAX_NESTING);
    let top: Vec<_> = out.quotes.iter().filter(|q| q.parent.is_none()).collect();
    assert!(top.len() <= 1, "{} top-level quotes", top.len());
}

#[test]
#[ignore = "size-driven: .ci/run runs them against the release binary"]
fn ten_thousand_deep_nesting() {
    require_release_binary();
    const DEPTH: usize = 10_000;
    let (out, _) = extract_cli("10,000-deep nesting", &nested(DEPTH), RELEASE_LIMIT);
    check_nesting(DEPTH, &out);
}

/// [`ten_thousand_deep_nesting`] at a size for a debug build, still past the cap.
#[test]
fn nesting_deeper_than_the_cap() {
    const DEPTH: usize = 500;
    let (_, out, _) = process_bounded("500-deep nesting", nested(DEPTH));
    check_nesting(DEPTH, &out);
}

#[test]
#[ignore = "size-driven: .ci/run runs them against the release binary"]
fn one_eight_megabyte_paragraph() {
    require_release_binary();
    let sentence = "\u{201C}We will not back down,\u{201D} Defense Secretary Pete Hegseth told \
reporters on Tuesday. He said the plan was \u{201C}obviously unacceptable\u{201D} and added: \
\u{201C}It is over.\u{201D} ";
    let n = (8 * MB).div_ceil(sentence.len());
    let (out, _) = extract_cli("8 MB paragraph", &sentence.repeat(n), RELEASE_LIMIT);
    assert_eq!(out.quotes.len(), 3 * n);
    assert_eq!(out.unmatched_marks, 0);
}

/// The size the issue names: one 50 MB paragraph with no line break, with a quote every few
/// hundred bytes (a scraped page that lost its line breaks).
#[test]
#[ignore = "size-driven: .ci/run runs them against the release binary"]
fn one_fifty_megabyte_paragraph() {
    require_release_binary();
    let sentence = "Officials met on Tuesday and the talks went on for hours without a result, \
according to people who were there. \u{201C}We will not back down,\u{201D} the minister told \
reporters after the meeting. ";
    let n = (50 * MB).div_ceil(sentence.len());
    let text = sentence.repeat(n);
    assert!(text.len() >= 50 * MB);
    let (out, _) = extract_cli("50 MB paragraph", &text, Duration::from_secs(30));
    assert_eq!(out.quotes.len(), n);
    assert_eq!(out.unmatched_marks, 0);
    let last = out.quotes.last().unwrap();
    assert_eq!(
        last.speaker.as_ref().map(|s| s.mention.as_str()),
        Some("the minister")
    );
}

/// Hostile articles of two outlets, the texts `scale` times the sizes of
/// [`audit_of_hostile_articles`].
fn hostile_articles(scale: f64) -> Vec<Article> {
    let size = |bytes: usize| (bytes as f64 * scale) as usize;
    let texts = [
        "\"".repeat(size(MB / 4)),
        "\u{201C}a ".repeat(size(20_000)),
        "\0".repeat(size(MB / 4)),
        repeat_to(PARAGRAPH, size(MB / 2)),
    ];
    texts
        .into_iter()
        .enumerate()
        .map(|(i, text)| Article {
            id: format!("h{i}"),
            outlet: Some(["A", "B"][i % 2].into()),
            text,
            ..Article::default()
        })
        .collect()
}

/// `quotecheck audit --format json` of `articles`: the number of stories and of families.
fn audit_cli(what: &str, articles: String, limit: Duration) -> (usize, usize) {
    let run = quotecheck(["--isolated", "audit", "--format", "json", "-"])
        .stdin(articles)
        .time_limit(limit)
        .run();
    eprintln!("{what}: {:?}", run.took);
    let v: serde_json::Value = serde_json::from_str(&run.ok()).unwrap();
    let stories = v["stories"].as_array().expect("stories");
    let families = stories
        .iter()
        .map(|s| s["families"].as_array().expect("families").len())
        .sum();
    (stories.len(), families)
}

/// The audit on hostile articles: it must stay total and bounded too.
#[test]
#[ignore = "size-driven: .ci/run runs them against the release binary"]
fn audit_of_hostile_articles() {
    require_release_binary();
    let articles: String = hostile_articles(1.0)
        .into_iter()
        .map(|a| {
            let line = serde_json::json!({"id": a.id, "outlet": a.outlet, "text": a.text});
            format!("{line}\n")
        })
        .collect();
    let (n_stories, n_families) = audit_cli("audit of hostile articles", articles, RELEASE_LIMIT);
    assert_eq!(n_stories, 1);
    assert!(n_families > 0);
}

/// [`audit_of_hostile_articles`] at a size for a debug build, in-process.
#[test]
fn audit_of_small_hostile_articles() {
    let articles = hostile_articles(1.0 / 64.0);
    assert!(articles.iter().all(|a| !a.text.is_empty()));
    let ((n_stories, n_families), _) =
        bounded("audit of small hostile articles", LIMIT, move || {
            let arts = pipeline().extract_all(articles);
            let audit = pipeline().audit(&arts);
            let stories = audit.stories();
            let fams: usize = stories.iter().map(|s| s.families.len()).sum();
            (stories.len(), fams)
        });
    assert_eq!(n_stories, 1);
    assert!(n_families > 0);
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
        let out = pipeline().extract_text(text);
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
#[ignore = "size-driven: .ci/run runs them against the release binary"]
fn time_is_linear_in_the_text() {
    require_release_binary();
    let dir = TempDir::new("adversarial-linear");
    let small = dir.file("1mb.txt", repeat_to(PARAGRAPH, MB));
    let large = dir.file("8mb.txt", repeat_to(PARAGRAPH, 8 * MB));
    let time = |what: &str, path: &Path| {
        let run = quotecheck(["--isolated", "extract", "--format", "jsonl"])
            .arg(path)
            .time_limit(Duration::from_secs(60))
            .run();
        #[derive(serde::Deserialize)]
        struct Count {
            quotes: Vec<serde::de::IgnoredAny>,
        }
        let n = serde_json::from_str::<Count>(&run.stdout)
            .unwrap_or_else(|e| panic!("{what}: not one record: {e}"))
            .quotes
            .len();
        assert!(n > 0, "{what}: no quotes");
        run.took
    };
    // The best of two runs, so one scheduling hiccup does not decide the test.
    let t1 = time("1 MB", &small).min(time("1 MB", &small));
    let t8 = time("8 MB", &large);
    eprintln!("1 MB took {t1:?}, 8 MB took {t8:?}");
    assert!(
        t8 < 16 * t1 + Duration::from_millis(500),
        "1 MB took {t1:?}, 8 MB took {t8:?}"
    );
}

// -------------------------------------------------------------------------------------------
// Crashes found by fuzzing and property tests, smallest input first.

/// A role and a comma right before a name (`nurse, Jane Doe`) read the token before the role.
#[test]
fn role_and_comma_at_the_start_of_a_text() {
    // Found by the `pipeline` fuzz target: a role and a comma before a name, with nothing
    // before the role, read one token before the text.
    for text in [
        "nurse, Jane Doe left early. \"We are tired,\" he said.",
        "editor, Ann Lee, Bo Yu said \u{201C}No.\u{201D}",
    ] {
        let (_, out, _) = process_bounded(text, text.to_string());
        assert_eq!(out.quotes.len(), 1, "{text}");
    }
}

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

/// `quotecheck extract --format jsonl PATHS…`.
fn extract_paths(paths: &[&Path]) -> Run {
    quotecheck(["extract", "--format", "jsonl"])
        .args(paths)
        .run()
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
    let dir = TempDir::new("jsonl");
    let lines = [
        r#"{"id":"a","text":"\u201CWe will win,\u201D Smith said."}"#,
        r#"{"id":"b","text":"No quotes here."}"#,
        r#"{"id":"c","text":"broken"#,
        r#"{"id":"d","text":"He said \"yes\" twice."}"#,
        r#"{"id":"e","outlet":"Reuters"}"#,
        r#"{"id":"f","text":"'Fine,' she said."}"#,
    ];
    let path = dir.file("articles.jsonl", lines.join("\n") + "\n");
    let run = extract_paths(&[&path]);

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
    let dir = TempDir::new("binary");
    let a = dir.file("a.txt", "\u{201C}We will win,\u{201D} Smith said.");
    let bin = dir.file(
        // (Named .txt: a binary file that looks like an article by its name.)
        "b.txt",
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\"quoted\"\0\xff\xfe",
    );
    let c = dir.file("c.txt", b"He said \"yes\" twice.");
    let run = extract_paths(&[dir.path()]);

    assert_eq!(run.code, Some(2), "stderr: {}", run.stderr);
    assert_eq!(
        ids(&run.stdout),
        [a.display().to_string(), c.display().to_string()]
    );
    let bin = bin.display().to_string();
    assert!(
        run.stderr
            .lines()
            .any(|l| l.contains(&bin) && l.contains("binary")),
        "binary file not reported: {}",
        run.stderr
    );
}

/// Hostile pages in one directory, the unclosed `<div>`s `divs` deep.
fn hostile_pages(divs: usize) -> TempDir {
    let dir = TempDir::new("html");
    let story = "<p>\u{201C}We will win,\u{201D} Mayor Jane Smith said on Tuesday at a rally outside city hall, where hundreds of people had gathered since the early morning.</p>";
    dir.file(
        "a.html",
        format!("<html><body><article>{story}{story}</article></body></html>"),
    );
    // Unclosed <div>s: refused before the DOM library can recurse that deep.
    dir.file(
        "b.html",
        format!("<html><body>{}{story}", "<div>".repeat(divs)),
    );
    // Tag soup: unclosed elements, a script that never ends, stray quotes in attributes.
    dir.file(
        "c.html",
        format!("<p title=\"x>{story}<b><i></b></i><table><td>\"a\"<script>var s = \"</p>{story}"),
    );
    // Nothing but markup.
    dir.file(
        "d.htm",
        b"<html><head><style>p{}</style></head><body></body></html>",
    );
    dir
}

/// What every run on [`hostile_pages`] must show: the readable pages read, the others
/// skipped with their reason, nested `depth` deep.
fn check_hostile_pages(run: &Run, depth: usize) {
    assert_eq!(run.code, Some(2), "stderr: {}", run.stderr);
    let got = ids(&run.stdout);
    assert!(got[0].ends_with("a.html") && got.len() >= 2, "{got:?}");
    assert!(got.iter().any(|i| i.ends_with("c.html")), "{got:?}");
    assert!(
        run.stderr.contains(&format!(
            "b.html: skipped: HTML elements nested {depth} deep"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("d.htm: skipped: no article text"),
        "{}",
        run.stderr
    );
}

#[test]
#[ignore = "size-driven: .ci/run runs them against the release binary"]
fn hostile_html_pages() {
    require_release_binary();
    // 100,000 unclosed <div>s.
    let dir = hostile_pages(100_000);
    let run = quotecheck(["extract", "--format", "jsonl"])
        .arg(dir.path())
        .time_limit(RELEASE_LIMIT)
        .run();
    // <html>, <body>, the <div>s and the story's <p>.
    check_hostile_pages(&run, 100_000 + 3);
    eprintln!("hostile HTML: {:?}", run.took);
}

/// [`hostile_html_pages`] at a size for a debug build: still past the nesting limit.
#[test]
fn hostile_html_pages_of_a_few_kilobytes() {
    let divs = quotecheck::input::MAX_HTML_DEPTH + 10;
    let dir = hostile_pages(divs);
    let run = extract_paths(&[dir.path()]);
    check_hostile_pages(&run, divs + 3);
}
