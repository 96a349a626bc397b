//! The scale-out path without Spark: extract records, fingerprint them, audit each group of
//! records that share a key, merge the parts. The merged report must be byte-identical to
//! the audit of the whole corpus on one machine, whatever the grouping of stories into
//! parts, the order of records and parts, and the order of merges.

use crate::util::{Run, TempDir, quotecheck};

/// `quotecheck --isolated ARGS…` with `stdin` on its standard input.
fn qc(args: &[&str], stdin: &[u8]) -> Run {
    quotecheck(["--isolated"]).args(args).stdin(stdin).run()
}

/// The standard output of a run that must succeed.
fn ok(args: &[&str], stdin: &[u8]) -> Vec<u8> {
    qc(args, stdin).ok().into_bytes()
}

/// Writes `data` to `name` in `dir` and returns the path as an argument.
fn file(dir: &TempDir, name: &str, data: &[u8]) -> String {
    dir.file(name, data).display().to_string()
}

/// A corpus of three stories from the fixtures: the seed articles as text, the saved pages
/// as HTML, and a small made-up story with a changed quote.
fn corpus() -> Vec<u8> {
    let read = |p: &str| std::fs::read_to_string(crate::util::root().join(p)).unwrap();
    let lines = [
        serde_json::json!({"id": "seed-a", "outlet": "A", "story": "seeds",
            "text": read("tests/fixtures/000_8e19547a2dfce686.txt")}),
        serde_json::json!({"id": "seed-b", "outlet": "B", "story": "seeds",
            "text": read("tests/fixtures/004_dbadbda89d79b732.txt")}),
        serde_json::json!({"id": "page-a", "story": "pages",
            "html": read("tests/pages/000_8e19547a2dfce686.html")}),
        serde_json::json!({"id": "page-b", "story": "pages",
            "html": read("tests/pages/004_dbadbda89d79b732.html")}),
        serde_json::json!({"id": "x1", "outlet": "Wire", "story": "budget",
            "text": "\"We will not raise taxes this year,\" Mayor Jane Smith said on Monday."}),
        serde_json::json!({"id": "x2", "outlet": "Daily", "story": "budget",
            "text": "\"We will raise taxes this year,\" Smith said on Monday, according to the paper."}),
    ];
    lines
        .iter()
        .map(|l| format!("{l}\n"))
        .collect::<String>()
        .into_bytes()
}

#[test]
fn merged_parts_equal_the_single_machine_audit() {
    let dir = TempDir::new("dist-merge");
    let articles = corpus();
    let single = ok(&["audit", "--format", "json", "-"], &articles);

    let records = ok(
        &["extract", "--format", "jsonl", "--with-text", "-"],
        &articles,
    );
    let keyed = ok(&["fingerprint", "-"], &records);
    let keyed = String::from_utf8(keyed).unwrap();
    let lines: Vec<&str> = keyed.lines().collect();
    assert_eq!(lines.len(), 6);
    let key = |l: &str| l.split('\t').next().unwrap().to_string();
    for l in &lines {
        let k = key(l);
        assert!(
            k.len() == 16 && k.bytes().all(|b| b.is_ascii_hexdigit()),
            "{l}"
        );
    }
    // Records of one story share a key; the three stories have three keys.
    assert_eq!(key(lines[0]), key(lines[1]));
    assert_eq!(key(lines[2]), key(lines[3]));
    let mut keys: Vec<String> = lines.iter().map(|l| key(l)).collect();
    keys.dedup();
    assert_eq!(keys.len(), 3);

    // Audit each story's records on its own, the records in reverse order.
    let mut parts = Vec::new();
    for k in &keys {
        let group: String = lines
            .iter()
            .rev()
            .filter(|l| key(l) == *k)
            .map(|l| format!("{l}\n"))
            .collect();
        parts.push(ok(
            &["audit", "--records", "--format", "parts", "-"],
            group.as_bytes(),
        ));
    }
    let [a, b, c] =
        [&parts[0], &parts[1], &parts[2]].map(|p| file(&dir, &format!("{}.parts", p.len()), p));
    // Any order of parts, and merges of merges, give the single-machine report.
    assert_eq!(ok(&["merge", "--format", "json", &c, &a, &b], b""), single);
    let ab = file(
        &dir,
        "ab.parts",
        &ok(&["merge", "--format", "parts", &b, &a], b""),
    );
    assert_eq!(ok(&["merge", "--format", "json", &ab, &c], b""), single);
    let bc = file(
        &dir,
        "bc.parts",
        &ok(&["merge", "--format", "parts", &c, &b], b""),
    );
    assert_eq!(ok(&["merge", "--format", "json", &a, &bc], b""), single);
    // Merging a part twice (a retried task) changes nothing.
    assert_eq!(
        ok(&["merge", "--format", "json", &a, &b, &c, &a], b""),
        single
    );
    // A folder of parts, as `merge --help` shows it: its `.parts` files are read, a file of
    // another kind is named in a warning, and the page is the single machine's.
    let folder = TempDir::new("dist-merge-folder");
    for (name, p) in [
        ("a.parts", &parts[0]),
        ("b.parts", &parts[1]),
        ("part-00002", &parts[2]),
    ] {
        folder.file(name, p);
    }
    folder.file("NOTES.md", "parts of the budget run\n");
    let run = qc(
        &[
            "merge",
            "--format",
            "html",
            &folder.path().display().to_string(),
        ],
        b"",
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stdout,
        String::from_utf8(ok(&["audit", "--format", "html", "-"], &articles)).unwrap()
    );
    assert!(
        run.stderr
            .contains("1 file not read for its type (NOTES.md)"),
        "{}",
        run.stderr
    );
    // The other formats too.
    for format in ["jsonl", "text"] {
        assert_eq!(
            ok(
                &["merge", "--format", format, "--color", "never", &a, &b, &c],
                b""
            ),
            ok(
                &["audit", "--format", format, "--color", "never", "-"],
                &articles
            )
        );
    }
}

#[test]
fn audit_of_records_equals_audit_of_articles() {
    let articles = corpus();
    let records = ok(
        &["extract", "--format", "jsonl", "--with-text", "-"],
        &articles,
    );
    assert_eq!(
        ok(&["audit", "--records", "--format", "json", "-"], &records),
        ok(&["audit", "--format", "json", "-"], &articles)
    );
    // From a folder too: the records file is read, another file named, nothing skipped.
    let folder = TempDir::new("dist-records-folder");
    folder.file("records.jsonl", &records);
    folder.file("notes.md", "records of the budget run\n");
    let run = qc(
        &[
            "audit",
            "--records",
            "--format",
            "json",
            &folder.path().display().to_string(),
        ],
        b"",
    );
    assert_eq!(
        run.stdout.into_bytes(),
        ok(&["audit", "--format", "json", "-"], &articles)
    );
    assert!(
        run.stderr
            .contains("1 file not read for its type (notes.md)"),
        "{}",
        run.stderr
    );
}

#[test]
fn audit_does_not_depend_on_article_order() {
    let articles = corpus();
    let text = String::from_utf8(articles.clone()).unwrap();
    let reversed: String = text.lines().rev().map(|l| format!("{l}\n")).collect();
    assert_eq!(
        ok(&["audit", "--format", "json", "-"], reversed.as_bytes()),
        ok(&["audit", "--format", "json", "-"], &articles)
    );
}

#[test]
fn a_story_split_between_parts_is_refused() {
    let dir = TempDir::new("dist-split");
    let records = ok(
        &["extract", "--format", "jsonl", "--with-text", "-"],
        &corpus(),
    );
    let text = String::from_utf8(records).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // seed-a and seed-b (one story) audited apart.
    let a = file(
        &dir,
        "a.parts",
        &ok(
            &["audit", "--records", "--format", "parts", "-"],
            lines[0].as_bytes(),
        ),
    );
    let b = file(
        &dir,
        "b.parts",
        &ok(
            &["audit", "--records", "--format", "parts", "-"],
            lines[1].as_bytes(),
        ),
    );
    let out = qc(&["merge", "--format", "json", &a, &b], b"");
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr
            .contains("story `seeds` was audited in two groups"),
        "{}",
        out.stderr
    );
}

#[test]
fn malformed_input_exits_non_zero_at_every_step() {
    // Spark keeps rows a filter drops silently; a non-zero exit fails the task instead.
    let bad = b"{\"id\": \"a\", \"text\": \"\\\"Hi,\\\" she said.\"}\n{\"id\": \"b\", \"text\": \n";
    let out = qc(&["extract", "--format", "jsonl", "--with-text", "-"], bad);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("-:2"), "{}", out.stderr);
    for step in [
        vec!["fingerprint", "-"],
        vec!["audit", "--records", "--format", "parts", "-"],
        vec!["merge", "--format", "json", "-"],
    ] {
        let out = qc(&step, b"{\"not\": \"a record\"\n");
        assert_eq!(out.code, Some(2), "{step:?}");
        assert!(out.stderr.contains("-:1"), "{step:?}: {}", out.stderr);
    }
    // A record without its text cannot be audited.
    let first = &bad[..=bad.iter().position(|&b| b == b'\n').unwrap()];
    let no_text = ok(&["extract", "--format", "jsonl", "-"], first);
    let out = qc(&["audit", "--records", "--format", "parts", "-"], &no_text);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("--with-text"), "{}", out.stderr);
}

#[test]
fn extract_is_per_line_and_deterministic() {
    // The records of a split corpus are the lines of the whole corpus's records: a retried
    // or re-partitioned task writes the same bytes.
    let articles = corpus();
    let whole = ok(
        &["extract", "--format", "jsonl", "--with-text", "-"],
        &articles,
    );
    let text = String::from_utf8(articles).unwrap();
    let mut pieces = Vec::new();
    for l in text.lines() {
        pieces.extend(ok(
            &["extract", "--format", "jsonl", "--with-text", "-"],
            format!("{l}\n").as_bytes(),
        ));
    }
    assert_eq!(pieces, whole);
}
