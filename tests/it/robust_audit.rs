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

/// The `audit --format json` report of a run that must succeed.
fn report(run: Run) -> Value {
    serde_json::from_str(&run.ok()).expect("a JSON report")
}

/// The families of the report's only story.
fn families(v: &Value) -> &Vec<Value> {
    let stories = v["stories"].as_array().expect("stories");
    assert_eq!(stories.len(), 1, "one story");
    stories[0]["families"].as_array().expect("families")
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

// -------------------------------------------------------------------------------------------
// D8: merge reads parts strictly

/// The parts of two articles of one story with a dropped negation (a high finding).
fn parts() -> String {
    qc(
        &["audit", "--format", "parts", "-"],
        jsonl(&[
            json!({"id": "a", "outlet": "A", "story": "s",
                "text": "\"We will not raise taxes on working families this year,\" Lee said."}),
            json!({"id": "b", "outlet": "B", "story": "s",
                "text": "\"We will raise taxes on working families this year,\" Lee said."}),
        ]),
    )
    .ok()
}

/// `merge --format json` of `lines` in one file: the run.
fn merge(dir: &TempDir, lines: &str, extra: &[&str]) -> Run {
    let path = dir.file("in.parts", lines);
    quotecheck(["--isolated", "merge", "--format", "json"])
        .args(extra)
        .arg(&path)
        .run()
}

fn part_value() -> Value {
    serde_json::from_str(parts().lines().next().unwrap()).unwrap()
}

/// Merge refuses `part` (exit 2), saying why in words that contain `says`.
fn refused(what: &str, part: &Value, says: &str) {
    let dir = TempDir::new("merge-refused");
    let run = merge(&dir, &format!("{part}\n"), &[]);
    assert_eq!(
        run.code,
        Some(2),
        "{what}: exit {:?}\n{}",
        run.code,
        run.stderr
    );
    assert!(run.stdout.is_empty(), "{what}: a report was written");
    assert!(run.stderr.contains(says), "{what}: {}", run.stderr);
}

#[test]
fn parts_carry_their_format_version() {
    let p = part_value();
    assert_eq!(p["part_version"], 1);
    let mut old = p.clone();
    old.as_object_mut().unwrap().remove("part_version");
    refused("no version", &old, "part_version");
    let mut newer = p;
    newer["part_version"] = json!(2);
    refused("version 2", &newer, "part_version 2");
}

#[test]
fn unknown_fields_in_a_part_are_refused() {
    let mut p = part_value();
    p["extra"] = json!(1);
    refused("unknown field", &p, "unknown field `extra`");
    let mut p = part_value();
    p["story"]["families"][0]["verdict"] = json!("fine");
    refused("unknown field in a family", &p, "unknown field `verdict`");
}

#[test]
fn a_part_without_a_story_but_with_inputs_is_refused() {
    let mut p = part_value();
    p["story"] = Value::Null;
    refused("story: null", &p, "no story");
    let mut p = part_value();
    p.as_object_mut().unwrap().remove("story");
    refused("no story", &p, "no story");
}

#[test]
fn a_hand_edited_severity_cannot_change_fail_on() {
    let dir = TempDir::new("merge-severity");
    let p = part_value();
    assert_eq!(p["story"]["families"][0]["severity"], "high");
    // As written, the part fails `--fail-on high`.
    assert_eq!(
        merge(&dir, &format!("{p}\n"), &["--fail-on", "high"]).code,
        Some(1)
    );
    let mut lowered = p.clone();
    lowered["story"]["families"][0]["severity"] = json!("low");
    refused("family severity", &lowered, "severity");
    let mut lowered = p.clone();
    for f in lowered["story"]["families"][0]["appearances"][1]["findings"]
        .as_array_mut()
        .unwrap()
    {
        f["severity"] = json!("low");
    }
    lowered["story"]["families"][0]["severity"] = json!("low");
    refused("finding severities", &lowered, "severity");
    let mut hidden = p;
    hidden["story"]["families"][0]["categories"] = json!(["verbatim"]);
    refused("categories", &hidden, "categories");
}

#[test]
fn tabs_around_and_inside_a_part_line() {
    let dir = TempDir::new("merge-tabs");
    let line = parts();
    let line = line.lines().next().unwrap();
    let want = merge(&dir, &format!("{line}\n"), &[]).ok();
    // JSON allows tabs between tokens; a key before a tab; tabs before and after.
    let tabbed = line
        .replacen("{\"", "{\t\"", 1)
        .replacen(",\"link\"", ",\t\"link\"", 1);
    for (what, l) in [
        ("tabs inside", tabbed.clone()),
        ("key and tab", format!("0123456789abcdef\t{tabbed}")),
        ("leading tab", format!("\t{line}")),
        ("trailing tab", format!("{line}\t")),
        ("key, trailing tab", format!("0123456789abcdef\t{line}\t")),
    ] {
        let run = merge(&dir, &format!("{l}\n"), &[]);
        assert_eq!(run.code, Some(0), "{what}: {}", run.stderr);
        assert_eq!(run.stdout, want, "{what}");
    }
    // A key with nothing after it: say so, not "EOF while parsing".
    let run = merge(&dir, "0123456789abcdef\t\n", &[]);
    assert_eq!(run.code, Some(2));
    assert!(!run.stderr.contains("EOF"), "{}", run.stderr);
    assert!(run.stderr.contains("no JSON"), "{}", run.stderr);
}

// -------------------------------------------------------------------------------------------
// D9: stories

/// The same quote in two outlets, the articles' story fields `a` and `b` (absent if `None`).
fn two_stories(a: Option<Value>, b: Option<Value>) -> String {
    let text = "\"We will rebuild the old bridge before the spring floods,\" Lee said.";
    let mut x = json!({"id": "x", "outlet": "A", "text": text});
    let mut y = json!({"id": "y", "outlet": "B", "text": text});
    if let Some(a) = a {
        x["story"] = a;
    }
    if let Some(b) = b {
        y["story"] = b;
    }
    jsonl(&[x, y])
}

/// Two stories, each with one single-outlet family.
fn assert_kept_apart(what: &str, articles: &str) {
    let v = report(qc(&["audit", "--format", "json", "-"], articles));
    let stories = v["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 2, "{what}: {v:#}");
    for s in stories {
        for f in s["families"].as_array().unwrap() {
            assert_eq!(f["outlets"].as_array().unwrap().len(), 1, "{what}: {f:#}");
        }
    }
    // And through the records, fingerprint keys (one each), parts and merge.
    let (keys, merged) = distributed(articles);
    assert_eq!(keys, 2, "{what}: the two stories share a fingerprint key");
    assert_eq!(merged, v.to_string(), "{what}");
}

/// The distributed audit of `articles`: records, keys, one `audit --records` per key, merge;
/// the number of keys and the report, re-serialised compactly.
fn distributed(articles: &str) -> (usize, String) {
    let dir = TempDir::new("robust-dist");
    let records = qc(
        &["extract", "--format", "jsonl", "--with-text", "-"],
        articles,
    )
    .ok();
    let keyed = qc(&["fingerprint", "-"], records).ok();
    let mut keys: Vec<&str> = keyed
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let mut paths = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        let group: String = keyed
            .lines()
            .filter(|l| l.starts_with(k))
            .map(|l| format!("{l}\n"))
            .collect();
        let parts = qc(&["audit", "--records", "--format", "parts", "-"], group).ok();
        paths.push(dir.file(&format!("{i}.parts"), parts));
    }
    let merged = quotecheck(["--isolated", "merge", "--format", "json"])
        .args(&paths)
        .run()
        .ok();
    (
        keys.len(),
        serde_json::from_str::<Value>(&merged).unwrap().to_string(),
    )
}

/// The stories of a report: (name, type), `string` when the type is left out.
fn story_names(v: &Value) -> Vec<(String, String)> {
    v["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let ty = s
                .get("story_type")
                .and_then(Value::as_str)
                .unwrap_or("string");
            (s["story"].as_str().unwrap().to_string(), ty.to_string())
        })
        .collect()
}

#[test]
fn no_story_is_not_the_story_all() {
    let articles = two_stories(None, Some(json!("all")));
    assert_kept_apart("none and \"all\"", &articles);
    // Both are shown as `all`; the type tells them apart.
    let v = report(qc(&["audit", "--format", "json", "-"], articles));
    let names = story_names(&v);
    assert_eq!(
        names,
        [
            ("all".into(), "string".into()),
            ("all".into(), "none".into())
        ]
    );
}

#[test]
fn a_numeric_story_is_not_the_string_of_its_digits() {
    let articles = two_stories(Some(json!(5)), Some(json!("5")));
    assert_kept_apart("5 and \"5\"", &articles);
    let v = report(qc(&["audit", "--format", "json", "-"], articles));
    assert_eq!(
        story_names(&v),
        [("5".into(), "string".into()), ("5".into(), "value".into())]
    );
}

#[test]
fn equal_stories_still_meet() {
    // The same story given as the same number twice: one story, one shared family.
    let articles = two_stories(Some(json!(5)), Some(json!(5)));
    let v = report(qc(&["audit", "--format", "json", "-"], articles.as_str()));
    assert_eq!(v["stories"].as_array().unwrap().len(), 1);
    assert_eq!(families(&v)[0]["outlets"], json!(["A", "B"]));
    assert_eq!(distributed(&articles), (1, v.to_string()));
}

#[test]
fn big_integer_ids_and_stories_keep_their_digits() {
    let digits = "123456789012345678901234567890";
    let line = format!(
        "{{\"id\": {digits}, \"story\": {digits}, \"outlet\": \"A\", \"text\": \"\\\"We will win,\\\" Lee said.\"}}\n"
    );
    let out = qc(&["extract", "--format", "jsonl", "-"], line.as_str()).ok();
    let v: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["id"], digits);
    assert_eq!(v["story"], digits);
    assert_eq!(v["story_type"], "value");
    assert_eq!(v["quotes"][0]["id"], format!("{digits}#1"));
    let v = report(qc(&["audit", "--format", "json", "-"], line.as_str()));
    assert_eq!(v["stories"][0]["story"], digits);
    assert_eq!(v["methods"]["inputs"][0]["article_id"], digits);
}
