//! What the command line shows when something is wrong: each case snapshotted whole, exit
//! code, stdout and stderr together (`snapshots/cli-*.snap`), with the scratch directory
//! written `[TMP]`. Each test also asserts the facts its snapshot must show, so that a
//! snapshot accepted without reading cannot hide a wrong exit code or a lost line number.

use crate::util::{TempDir, assert_transcript, quotecheck, run, run_in_terminal};

/// The `id` of each JSON Lines article record in `stdout`.
fn jsonl_ids(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["id"].as_str().unwrap().to_string()
        })
        .collect()
}

/// A JSON Lines article.
fn article(id: &str, text: &str) -> String {
    serde_json::json!({"id": id, "outlet": "Wire", "text": text}).to_string()
}

/// No path and a terminal for standard input: a usage error, not a wait for typing.
/// Without a terminal, standard input is read (`cat a.txt | quotecheck extract`).
#[test]
fn extract_without_paths_reads_standard_input_unless_it_is_a_terminal() {
    for command in ["extract", "audit", "merge", "fingerprint"] {
        let (code, shown) = run_in_terminal(&["--isolated", command]);
        assert_eq!(code, Some(2), "{command}: {shown}");
        assert_eq!(
            shown,
            "quotecheck: no input: give files or folders of articles, or pipe them to standard input\n",
            "{command}"
        );
    }
    let text = "\"We will win,\" Ana Ruiz said.";
    let piped = quotecheck(["--isolated", "extract", "--format", "jsonl"])
        .stdin(text)
        .run();
    let dashed = quotecheck(["--isolated", "extract", "--format", "jsonl", "-"])
        .stdin(text)
        .run();
    assert_eq!(piped.code, Some(0), "{}", piped.stderr);
    assert!(piped.stdout.contains("Ana Ruiz"), "{}", piped.stdout);
    assert_eq!(piped.stdout, dashed.stdout);
    assert_transcript("cli-extract-from-piped-stdin", None, &piped);
}

/// A messy folder: notes, an editor's backup, a JSON object and a JSON array of articles,
/// a broken JSON Lines line, a page. Folders yield the known article types only (the others
/// reported in one line), a `.json` file is one article or an array of them, `--type`
/// chooses, and a file named on the command line is read whatever its type.
#[test]
fn a_messy_folder_reads_the_articles_in_it() {
    let dir = TempDir::new("err-messy");
    dir.file("README.md", "# Notes\n\"Not an article,\" the notes say.\n");
    dir.file("a.txt~", "\"An editor's backup,\" she said.\n");
    dir.file("a.txt", "\"We will fix the bridge,\" Ana Ruiz said.\n");
    dir.file("one.json", article("j1", "\"One object,\" Ray Ortiz said."));
    dir.file(
        "many.json",
        format!(
            "[{}, {}, 42]",
            article("j2", "\"First,\" Lee Park said."),
            article("j3", "\"Second,\" Lee Park said.")
        ),
    );
    dir.file(
        "feed.jsonl",
        format!(
            "{}\n{{\"id\": \"broken\"\n",
            article("l1", "\"Lines,\" Ana Ruiz said.")
        ),
    );
    dir.file(
        "page.html",
        "<html><head><title>Bridge</title><style>p{font-family:\"Arial\"}</style></head><body><article><p>\"The page,\" Ana Ruiz said on Monday at the council meeting about the old bridge and its repairs.</p></article></body></html>",
    );
    let out = quotecheck(["--isolated", "extract", "--format", "jsonl"])
        .arg(dir.path())
        .run();
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    let ids = jsonl_ids(&out.stdout);
    for id in ["j1", "j2", "j3", "l1"] {
        assert!(ids.contains(&id.to_string()), "{id}: {ids:?}");
    }
    assert!(ids.iter().any(|i| i.ends_with("a.txt")), "{ids:?}");
    assert!(ids.iter().any(|i| i.ends_with("page.html")), "{ids:?}");
    assert!(
        !ids.iter()
            .any(|i| i.ends_with("README.md") || i.ends_with('~')),
        "{ids:?}"
    );
    assert!(
        out.stderr
            .contains("2 files not read for their type (README.md, a.txt~)"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(
            "many.json: skipped: element 3 of the array: a JSON number, not an article: each element must be one JSON object"
        ),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("per line"), "{}", out.stderr);
    assert!(
        out.stderr.contains("feed.jsonl:2: skipped"),
        "{}",
        out.stderr
    );
    assert_transcript("cli-extract-messy-folder", Some(&dir), &out);
    // --type chooses; a named file is read whatever its type.
    let out = quotecheck([
        "--isolated",
        "extract",
        "--format",
        "jsonl",
        "--type",
        "json",
    ])
    .arg(dir.path())
    .arg(dir.path().join("README.md"))
    .run();
    let ids = jsonl_ids(&out.stdout);
    assert_eq!(ids.len(), 4, "{ids:?}");
    assert!(ids.iter().any(|i| i.ends_with("README.md")), "{ids:?}");
    let out = quotecheck(["--isolated", "extract", "--format", "jsonl", "-t", "all"])
        .arg(dir.path())
        .run();
    assert!(out.stdout.contains("a.txt~"), "{}", out.stdout);
    assert!(
        !out.stderr.contains("not read for their type"),
        "{}",
        out.stderr
    );
}

/// ripgrep's globs choose the files of a folder: `--glob` reads what it matches whatever its
/// type (and only that), `--exclude` (or `!GLOB`) leaves files and folders out, relative
/// to the folder named; a glob that does not parse is reported and the folder not walked.
#[test]
fn globs_choose_the_files_of_a_folder() {
    let dir = TempDir::new("err-globs");
    dir.file("README.md", "\"Notes,\" the readme says.\n");
    dir.file("a.txt", "\"We will fix the bridge,\" Ana Ruiz said.\n");
    dir.file("drafts/d.txt", "\"A draft,\" Lee Park said.\n");
    dir.file("one.json", article("j1", "\"One object,\" Ray Ortiz said."));
    let ids = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["--isolated", "extract", "--format", "jsonl"];
        args.extend(extra);
        let out = quotecheck(args).arg(dir.path()).run();
        let root = format!("{}/", dir.path().display());
        let mut ids: Vec<String> = jsonl_ids(&out.stdout)
            .iter()
            .map(|id| id.trim_start_matches(&root).to_string())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&[]), ["a.txt", "drafts/d.txt", "j1"]);
    assert_eq!(
        ids(&["-g", "*.md", "-g", "*.txt"]),
        ["README.md", "a.txt", "drafts/d.txt"]
    );
    assert_eq!(
        ids(&["--exclude", "drafts/", "--exclude", "*.json"]),
        ["a.txt"]
    );
    assert_eq!(ids(&["-g", "!*.txt"]), ["j1"]);
    let out = quotecheck([
        "--isolated",
        "extract",
        "--exclude",
        "drafts/",
        "-g",
        "*.md",
    ])
    .arg(dir.path())
    .run();
    assert_eq!(out.code, Some(0));
    assert_transcript("cli-extract-globs", Some(&dir), &out);
    let out = quotecheck(["--isolated", "extract", "-g", "["])
        .arg(dir.path())
        .run();
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("the glob `[` does not parse"),
        "{}",
        out.stderr
    );
    assert_transcript("cli-extract-bad-glob", Some(&dir), &out);
}

/// Articles given to `audit --records`: one message for the file with the fix, not one
/// per line.
#[test]
fn audit_records_of_a_file_of_articles() {
    let dir = TempDir::new("err-records-articles");
    let lines: String = (0..300)
        .map(|i| format!("{}\n", article(&format!("a{i}"), "\"Yes,\" Ana said.")))
        .collect();
    let path = dir.file("articles.jsonl", lines);
    let out = quotecheck(["--isolated", "audit", "--records", "--color", "never"])
        .arg(&path)
        .run();
    assert_eq!(out.code, Some(2));
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("its 300 lines (1–300) are articles")
            && out.stderr.contains("drop --records"),
        "{}",
        out.stderr
    );
    assert_transcript("cli-audit-records-of-articles", Some(&dir), &out);
}

/// A line holding a JSON array (or another non-object) is said in words.
#[test]
fn extract_of_json_lines_that_are_not_objects() {
    let dir = TempDir::new("err-not-objects");
    let path = dir.file(
        "lines.jsonl",
        "[{\"id\":\"a\",\"text\":\"x\"}]\n42\n\"words\"\n",
    );
    let out = quotecheck(["--isolated", "extract", "--format", "jsonl"])
        .arg(&path)
        .run();
    assert_eq!(out.code, Some(2));
    for (line, what) in [
        (1, "a JSON array"),
        (2, "a JSON number"),
        (3, "a JSON string"),
    ] {
        assert!(
            out.stderr.contains(&format!(
                "lines.jsonl:{line}: skipped: {what}, not an article"
            )),
            "{}",
            out.stderr
        );
    }
    assert!(!out.stderr.contains("expected struct"), "{}", out.stderr);
    assert_transcript("cli-extract-jsonl-not-objects", Some(&dir), &out);
}

#[test]
fn extract_of_a_missing_file() {
    let dir = TempDir::new("err-missing");
    let missing = dir.path().join("missing.txt");
    let out = quotecheck(["--isolated", "extract", "--format", "jsonl"])
        .arg(&missing)
        .run();
    assert_eq!(out.code, Some(2));
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(
        out.stderr
            .contains(&format!("{}: skipped: cannot read", missing.display())),
        "{}",
        out.stderr
    );
    assert_transcript("cli-extract-missing-file", Some(&dir), &out);
}

#[test]
fn extract_of_json_lines_with_a_broken_line_and_a_line_without_text() {
    let dir = TempDir::new("err-jsonl");
    let lines = [
        article("a", "\u{201C}We will win,\u{201D} Smith said."),
        r#"{"id": "b", "text": "broken"#.to_string(),
        r#"{"id": "c", "outlet": "Wire"}"#.to_string(),
        article("d", "He said \"yes\" twice."),
    ];
    let path = dir.file("articles.jsonl", lines.join("\n") + "\n");
    let out = quotecheck(["--isolated", "extract", "--format", "jsonl"])
        .arg(&path)
        .run();
    assert_eq!(out.code, Some(2));
    // The good lines are written, the bad ones named by file and line.
    assert_eq!(out.stdout.lines().count(), 2, "{}", out.stdout);
    let name = path.display();
    assert!(
        out.stderr
            .contains(&format!("{name}:2: skipped: invalid JSON")),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains(&format!("{name}:3: skipped: no \"text\" or \"html\" field")),
        "{}",
        out.stderr
    );
    assert_transcript("cli-extract-jsonl-bad-lines", Some(&dir), &out);
}

/// At most 20 bad inputs are shown on stderr, then how many more there were.
#[test]
fn extract_of_many_bad_lines_shows_twenty() {
    let dir = TempDir::new("err-many");
    let mut lines: Vec<String> = (1..=25).map(|i| format!("{{\"id\": \"{i}\"")).collect();
    lines.push(article("good", "\"Fine,\" she said."));
    let path = dir.file("bad.jsonl", lines.join("\n") + "\n");
    let out = quotecheck(["--isolated", "extract", "--format", "jsonl"])
        .arg(&path)
        .run();
    assert_eq!(out.code, Some(2));
    assert_eq!(out.stdout.lines().count(), 1, "{}", out.stdout);
    let shown: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(shown.len(), 21, "{}", out.stderr);
    assert!(shown[19].contains("bad.jsonl:20:"), "{}", shown[19]);
    assert_eq!(
        shown[20],
        "quotecheck: … and 5 more skipped inputs or warnings"
    );
    assert_transcript("cli-extract-many-bad-lines", Some(&dir), &out);
    // The same cap for every command that reads lines.
    for command in [
        vec!["audit"],
        vec!["audit", "--records"],
        vec!["fingerprint"],
        vec!["merge"],
    ] {
        let mut args = vec!["--isolated"];
        args.extend(&command);
        let out = quotecheck(args).arg(&path).run();
        assert_eq!(out.code, Some(2), "{command:?}");
        // 20 lines, the count of the others, and (merge) the error that ends the run.
        let shown: Vec<&str> = out.stderr.lines().collect();
        assert!(shown.len() <= 22, "{command:?}: {}", out.stderr);
        assert!(
            shown[20].starts_with("quotecheck: … and ")
                && shown[20].ends_with(" more skipped inputs or warnings"),
            "{command:?}: {}",
            out.stderr
        );
    }
}

#[test]
fn extract_of_a_binary_file_among_text_files() {
    let dir = TempDir::new("err-binary");
    dir.file("a.txt", "\u{201C}We will win,\u{201D} Smith said.");
    // (Named .txt: a binary file that looks like an article by its name.)
    let bin = dir.file("b.txt", b"\x7fELF\x02\x01\x01\0\0\0\"quoted\"\0\xff\xfe");
    dir.file("c.txt", "He said \"yes\" twice.");
    let out = quotecheck(["--isolated", "extract", "--format", "jsonl"])
        .arg(dir.path())
        .run();
    assert_eq!(out.code, Some(2));
    assert_eq!(out.stdout.lines().count(), 2, "{}", out.stdout);
    assert!(
        out.stderr
            .contains(&format!("{}: skipped: binary file", bin.display())),
        "{}",
        out.stderr
    );
    assert_transcript("cli-extract-binary-file", Some(&dir), &out);
}

#[test]
fn explain_of_an_unknown_name() {
    let out = run(["--isolated", "explain", "no-such-rule"]);
    assert_eq!(out.code, Some(2));
    assert!(out.stdout.is_empty());
    assert!(out.stderr.contains("`no-such-rule`"), "{}", out.stderr);
    assert_transcript("cli-explain-unknown-name", None, &out);
}

/// A line that is not a part fails the merge, even beside a good part: a part lost is a
/// story lost.
#[test]
fn merge_of_a_line_that_is_not_a_part() {
    let dir = TempDir::new("err-merge");
    let part = quotecheck(["--isolated", "audit", "--format", "parts", "-"])
        .stdin(article("a", "\"We will win the vote,\" Smith said."))
        .run()
        .ok();
    assert_eq!(part.lines().count(), 1, "{part}");
    let path = dir.file(
        "all.parts",
        format!("{part}{{\"story\": \"not a part\"}}\n"),
    );
    let out = quotecheck(["--isolated", "merge", "--format", "json"])
        .arg(&path)
        .run();
    assert_eq!(out.code, Some(2));
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(
        out.stderr
            .contains(&format!("{}:2: skipped: not an audit part", path.display())),
        "{}",
        out.stderr
    );
    assert_transcript("cli-merge-not-a-part", Some(&dir), &out);
}

/// `audit --records` on a broken record: the record is named by file and line, the others
/// are audited, and the exit code says the report is incomplete.
#[test]
fn audit_of_records_with_a_broken_record() {
    let dir = TempDir::new("err-records");
    let record = quotecheck([
        "--isolated",
        "extract",
        "--format",
        "jsonl",
        "--with-text",
        "-",
    ])
    .stdin(article("a", "\"We will win the vote,\" Smith said."))
    .run()
    .ok();
    let broken = &record[..record.len() / 2];
    let path = dir.file("records.jsonl", format!("{record}{broken}\n"));
    let out = quotecheck(["--isolated", "audit", "--records", "--color", "never"])
        .arg(&path)
        .run();
    assert_eq!(out.code, Some(2));
    assert!(
        out.stdout
            .contains("1 story, 1 article, 1 quote in 1 family"),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr.contains(&format!(
            "{}:2: skipped: not an extract record",
            path.display()
        )),
        "{}",
        out.stderr
    );
    assert_transcript("cli-audit-records-broken-record", Some(&dir), &out);
}

#[test]
fn config_file_with_an_unknown_key() {
    let dir = TempDir::new("err-config");
    let config = dir.file("team.toml", "[audit]\nfail_onn = \"low\"\n");
    let text = dir.file("a.txt", "\"We will win,\" Smith said.");
    let out = quotecheck(["--config"])
        .arg(&config)
        .arg("extract")
        .arg(&text)
        .run();
    assert_eq!(out.code, Some(2));
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(
        out.stderr
            .contains(&format!("{}:2: unknown field `fail_onn`", config.display())),
        "{}",
        out.stderr
    );
    assert_transcript("cli-config-unknown-key", Some(&dir), &out);
}

#[test]
fn config_file_with_an_unknown_fail_on_level() {
    let dir = TempDir::new("err-config-level");
    let config = dir.file("team.toml", "[audit]\nfail_on = \"meduim\"\n");
    let text = dir.file("a.txt", "\"We will win,\" Smith said.");
    let out = quotecheck(["--config"])
        .arg(&config)
        .arg("audit")
        .arg(&text)
        .run();
    assert_eq!(out.code, Some(2));
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(
        out.stderr
            .contains(&format!("{}:2: unknown variant `meduim`", config.display())),
        "{}",
        out.stderr
    );
    assert_transcript("cli-config-unknown-fail-on", Some(&dir), &out);
}

/// An empty standard input is read as one empty plain-text article `-`, like an empty
/// file. (So an empty JSON Lines stream on stdin gives one record, where `fingerprint`,
/// `merge` and `audit --records` on an empty stdin write nothing.)
#[test]
fn extract_of_an_empty_stdin() {
    let out = quotecheck(["--isolated", "extract", "--format", "jsonl", "-"])
        .stdin("")
        .run();
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    assert_transcript("cli-extract-empty-stdin", None, &out);
}
