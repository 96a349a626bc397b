//! Hostile text and pages for the HTML reader, the extractor and the attribution: inputs
//! shaped to make one stage superlinear in time or memory. Each runs through the release
//! binary (`#[ignore]`d: `.ci/run` runs them) under a time limit and the 1 GiB memory bound,
//! at two sizes: doubling the input may at most about double the time.
//!
//! Inputs are generated here, not stored.

use std::path::Path;
use std::time::Duration;

use crate::util::{Run, TempDir, quotecheck, require_release_binary};

/// Every run stays under 1 GiB of resident memory.
const MEMORY_BOUND_KIB: u64 = 1 << 20;

/// The time limit of one run.
const LIMIT: Duration = Duration::from_secs(10);

/// `quotecheck --isolated extract --format jsonl PATH`, killed after [`LIMIT`], under the
/// memory bound.
fn extract(what: &str, path: &Path) -> Run {
    let run = quotecheck(["--isolated", "extract", "--format", "jsonl"])
        .arg(path)
        .time_limit(LIMIT)
        .run();
    let kib = run.peak_rss_kib.unwrap_or(0);
    eprintln!(
        "{what}: {:?}, peak {} MiB, {} bytes of output",
        run.took,
        kib / 1024,
        run.stdout.len()
    );
    assert!(
        kib < MEMORY_BOUND_KIB,
        "{what}: peak resident memory {} MiB, over the 1 GiB bound",
        kib / 1024
    );
    run
}

/// Runs `input(n)` and `input(2 * n)` (written as `name`) through [`extract`], checks each
/// run with `check`, and checks that the double input took at most 2.2 times as long (the
/// best of two runs each, plus 100 ms for the process's start on a busy machine).
fn doubling(name: &str, n: usize, input: impl Fn(usize) -> String, check: impl Fn(&str, &Run)) {
    let dir = TempDir::new("robust-text");
    let mut took = Vec::new();
    for size in [n, 2 * n] {
        let text = input(size);
        let what = format!("{name} ×{size} ({} bytes)", text.len());
        let path = dir.file(name, &text);
        drop(text);
        let best = (0..2)
            .map(|_| {
                let run = extract(&what, &path);
                check(&what, &run);
                run.took
            })
            .min()
            .unwrap_or_default();
        took.push(best);
    }
    let (t1, t2) = (took[0], took[1]);
    eprintln!("{name}: {t1:?} at ×{n}, {t2:?} at ×{}", 2 * n);
    assert!(
        t2.as_secs_f64() <= 2.2 * t1.as_secs_f64() + 0.1,
        "{name}: {t1:?} at ×{n} but {t2:?} at ×{}: not linear",
        2 * n
    );
}

/// The only JSON Lines record of a run, as JSON.
fn record(what: &str, run: &Run) -> serde_json::Value {
    assert_eq!(run.code, Some(0), "{what}: {}", run.stderr);
    let mut lines = run.stdout.lines();
    let line = lines.next().unwrap_or_else(|| panic!("{what}: no record"));
    assert!(lines.next().is_none(), "{what}: more than one record");
    serde_json::from_str(line).unwrap_or_else(|e| panic!("{what}: not JSON: {e}"))
}

/// A capitalised made-up word, distinct for every `i`.
fn word(mut i: usize) -> String {
    let mut w = String::new();
    for _ in 0..4 {
        w.push(b"bcdfgklmnprstvz"[i % 15] as char);
        w.push(b"aeiou"[(i / 15) % 5] as char);
        i /= 75;
    }
    let mut c = w.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

// -------------------------------------------------------------------------------------------
// H4: the name registry

/// `Senator X Y` for `n` distinct people, some of them quoted by surname, pronoun and
/// title, and people who share a surname and are named by it: every new name used to walk
/// the whole registry.
fn many_names(n: usize) -> String {
    let mut t = String::new();
    for i in 0..n {
        let (first, last) = (word(2 * i), word(2 * i + 1));
        t.push_str(&format!("Senator {first} {last} spoke. "));
        if i % 100 == 99 {
            t.push_str(&format!(
                "\"We won,\" {last} said. \"Yes,\" he said. \"No,\" the senator said. \
                 Dr. {first} Smith came. \"Fine,\" Smith said.\n"
            ));
        }
    }
    t.push_str("\"We won,\" Senator Zed Quux said.\n");
    t
}

#[test]
#[ignore = "size-driven: .ci/run runs them against the release binary"]
fn forty_thousand_distinct_names() {
    require_release_binary();
    doubling("names.txt", 40_000, many_names, |what, run| {
        let r = record(what, run);
        let quotes = r["quotes"].as_array().expect("quotes");
        let last = quotes.last().expect("a quote");
        assert_eq!(last["speaker"]["name"], "Zed Quux", "{what}");
        // `Smith` is the latest Smith, `he` the latest senator.
        let smith = &quotes[quotes.len() - 2];
        assert_eq!(smith["speaker"]["resolution"], "surname", "{what}");
        assert!(
            smith["speaker"]["name"]
                .as_str()
                .is_some_and(|n| n.ends_with(" Smith")),
            "{what}"
        );
    });
}
