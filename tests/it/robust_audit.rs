//! The audit layer against hostile input: records whose offsets do not fit their text, parts
//! edited by hand or made by another version, stories that look alike, and the shapes that
//! made the audit super-linear (many outlets, a long article carrying another outlet's quotes,
//! very long quotes, a family with thousands of speakers, a story of many thousand articles).
//!
//! The size-driven tests (`#[ignore]`d) run through the release binary with a time limit and a
//! 1 GiB memory bound, each at two sizes: doubling the input may at most about double the time
//! (2.2×, plus a small allowance for a loaded machine). Their measured times are in
//! BENCHMARKS.md ("Audit: hostile shapes").

use serde_json::{Value, json};

use crate::util::{Run, TempDir, quotecheck};

// -------------------------------------------------------------------------------------------
// Helpers

/// `quotecheck --isolated ARGS…` with `stdin`.
fn qc(args: &[&str], stdin: impl Into<Vec<u8>>) -> Run {
    quotecheck(["--isolated"]).args(args).stdin(stdin).run()
}

/// JSON Lines of `values`.
fn jsonl(values: &[Value]) -> String {
    values.iter().map(|v| format!("{v}\n")).collect()
}

/// The extract records (`--with-text`) of `articles`, one JSON value each.
fn records(articles: &[Value]) -> Vec<Value> {
    let out = qc(
        &["extract", "--format", "jsonl", "--with-text", "-"],
        jsonl(articles),
    )
    .ok();
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

// -------------------------------------------------------------------------------------------
// C1: records whose offsets no longer fit their text

/// A one-line article's record, and a variant of it made by `edit`, each on its own line:
/// `audit --records` must skip the edited one with its file and line, never panic, and audit
/// the good one.
fn check_bad_record(what: &str, edit: impl Fn(&mut Value)) {
    let dir = TempDir::new("bad-record");
    let good = records(&[json!({"id": "good", "outlet": "A",
        "text": "\"We will win this year,\" Mayor Ann Smith said."})]);
    let mut bad = records(&[json!({"id": "bad", "outlet": "B",
        "text": "Caf\u{e9} news. \"We will win this year,\" Mayor Ann Smith said."})]);
    edit(&mut bad[0]);
    let path = dir.file("records.jsonl", jsonl(&[good[0].clone(), bad[0].clone()]));
    let run = quotecheck(["--isolated", "audit", "--records", "--format", "json"])
        .arg(&path)
        .run();
    assert_eq!(
        run.code,
        Some(2),
        "{what}: exit {:?}\n{}",
        run.code,
        run.stderr
    );
    let at = format!("{}:2: skipped:", path.display());
    assert!(
        run.stderr.contains(&at),
        "{what}: line 2 not reported: {}",
        run.stderr
    );
    assert!(
        !run.stderr.contains(":1: skipped"),
        "{what}: {}",
        run.stderr
    );
    let v: Value = serde_json::from_str(&run.stdout).expect("a report");
    let inputs: Vec<&str> = v["methods"]["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["article_id"].as_str().unwrap())
        .collect();
    assert_eq!(inputs, ["good"], "{what}");
    assert_eq!(v["skipped"].as_array().unwrap().len(), 1, "{what}");
}

fn quote(v: &mut Value) -> &mut Value {
    &mut v["quotes"][0]
}

#[test]
fn a_record_with_its_text_emptied_is_skipped() {
    check_bad_record("empty text", |v| v["text"] = json!(""));
}

#[test]
fn a_record_with_a_quote_past_its_text_is_skipped() {
    check_bad_record("end = 1e9", |v| quote(v)["end"] = json!(1_000_000_000u64));
    check_bad_record("start = usize::MAX", |v| {
        quote(v)["start"] = json!(u64::MAX);
    });
    check_bad_record("start after end", |v| {
        let end = quote(v)["end"].clone();
        quote(v)["start"] = end;
        quote(v)["end"] = json!(3);
    });
}

#[test]
fn a_record_with_offsets_inside_a_character_is_skipped() {
    // `é` is bytes 3..5: byte 4 is inside it.
    check_bad_record("start inside é", |v| quote(v)["start"] = json!(4));
    check_bad_record("speaker inside é", |v| {
        quote(v)["speaker"]["start"] = json!(4)
    });
}

#[test]
fn a_record_whose_quote_text_differs_from_its_span_is_skipped() {
    check_bad_record("quote text", |v| {
        quote(v)["text"] = json!("\"We will lose this year,\"");
    });
    check_bad_record("speaker mention", |v| {
        quote(v)["speaker"]["mention"] = json!("Jones");
    });
    check_bad_record("cue past the text", |v| {
        quote(v)["cue"]["end"] = json!(1_000_000_000u64);
    });
    check_bad_record("cue text", |v| quote(v)["cue"]["text"] = json!("told"));
    check_bad_record("code-point offsets", |v| {
        quote(v)["char_end"] = json!(1_000_000_000u64);
    });
}
