//! The command line's own subcommands: explain, completions, man, schema, and usage errors.

use std::process::Command;

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_quotecheck"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn explain_lists_every_rule_and_category() {
    let (code, out, _) = run(&["explain"]);
    assert_eq!(code, Some(0));
    for d in quotecheck::explain::all() {
        assert!(out.contains(d.name), "{} missing from the list", d.name);
    }
}

#[test]
fn explain_one_name_and_an_unknown_one() {
    let (code, out, _) = run(&["explain", "truncation"]);
    assert_eq!(code, Some(0));
    assert!(
        out.contains("What it is:") && out.contains("Why it matters:") && out.contains("Example:")
    );
    let (code, _, err) = run(&["explain", "no-such-rule"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("no-such-rule"));
}

#[test]
fn completions_and_man_page() {
    let (code, out, _) = run(&["completions", "bash"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("quotecheck") && out.contains("extract") && out.contains("audit"));
    let (code, out, _) = run(&["man"]);
    assert_eq!(code, Some(0));
    assert!(out.contains(".TH quotecheck"));
}

#[test]
fn usage_errors_exit_2() {
    let (code, _, err) = run(&["extract"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("PATHS"), "{err}");
    let (code, _, _) = run(&["no-such-command"]);
    assert_eq!(code, Some(2));
}

#[test]
fn schema_subcommand_prints_the_published_schemas() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema");
    for (args, file) in [
        (vec!["schema"], "extract.schema.json"),
        (vec!["schema", "--record"], "extract-record.schema.json"),
        (vec!["schema", "--audit"], "audit.schema.json"),
    ] {
        let (code, out, _) = run(&args);
        assert_eq!(code, Some(0));
        let published = std::fs::read_to_string(root.join(file)).unwrap();
        assert_eq!(out, published, "{file}");
    }
}

/// `quotecheck.toml` is found upward from the working directory; it adds speech verbs and
/// outlet aliases and sets `--fail-on`; flags win over it; `--isolated` ignores it.
#[test]
fn configuration_file() {
    let dir = std::env::temp_dir().join(format!("quotecheck-cli-config-{}", std::process::id()));
    let sub = dir.join("archive");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(
        dir.join("quotecheck.toml"),
        "[lexicon]\nspeech_verbs = [\"harrumph harrumphs harrumphed harrumphing\"]\n\n[outlets]\n\"a.com\" = \"Outlet A\"\n\n[audit]\nfail_on = \"medium\"\n",
    )
    .unwrap();
    let articles = sub.join("a.jsonl");
    let lines = [
        serde_json::json!({"id": "1", "outlet": "a.com", "story": "s", "text": "\"We will not raise taxes on working families,\" Lee harrumphed."}),
        serde_json::json!({"id": "2", "outlet": "b.com", "story": "s", "text": "\"We will raise taxes on working families,\" Lee harrumphed."}),
    ];
    std::fs::write(&articles, lines.map(|l| l.to_string()).join("\n")).unwrap();
    let run_in = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_quotecheck"))
            .current_dir(&sub)
            .args(args)
            .output()
            .unwrap()
    };

    // The extra verb is a cue, and the alias renames the outlet.
    let out = run_in(&["extract", "--format", "jsonl", "a.jsonl"]);
    assert_eq!(out.status.code(), Some(0));
    let first: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(first["outlet"], "Outlet A");
    assert_eq!(first["quotes"][0]["cue"]["lemma"], "harrumph");

    // The file's fail_on applies; a flag overrides it.
    assert_eq!(run_in(&["audit", "a.jsonl"]).status.code(), Some(1));
    assert_eq!(
        run_in(&["audit", "--fail-on", "none", "a.jsonl"])
            .status
            .code(),
        Some(0)
    );

    // --isolated ignores the file.
    let out = run_in(&["--isolated", "extract", "--format", "jsonl", "a.jsonl"]);
    let first: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(first["outlet"], "a.com");
    assert!(first["quotes"][0]["cue"].is_null());

    // quotecheck config shows where the settings come from.
    let out = run_in(&["config"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("quotecheck.toml") && text.contains("Outlet A"),
        "{text}"
    );

    // A typo in the file is an error naming the file.
    std::fs::write(dir.join("quotecheck.toml"), "[audit]\nfail_onn = \"low\"\n").unwrap();
    let out = run_in(&["extract", "a.jsonl"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("quotecheck.toml"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Progress is drawn only on a terminal: a pipeline's stderr stays clean. (On a terminal a
/// line `⠖ 228352 articles, 177.31 MiB of text (34.06 MiB/s), 5s` appears after a second;
/// check by hand with `script -qc "quotecheck extract big.jsonl > /dev/null" /dev/null`.)
#[test]
fn no_progress_output_when_stderr_is_not_a_terminal() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let out = Command::new(env!("CARGO_BIN_EXE_quotecheck"))
        .args(["--isolated", "extract", "--format", "jsonl"])
        .arg(&fixtures)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// On a terminal the progress line is drawn: run under a pseudo-terminal with `script`
/// (util-linux), which copies what the terminal shows to its stdout. The one-second delay
/// before the bar appears is shortened so that a short run shows it.
#[test]
fn progress_is_drawn_on_a_terminal() {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: `script` (util-linux) is not installed");
        return;
    }
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/004_dbadbda89d79b732.txt"),
    )
    .unwrap();
    let dir = std::env::temp_dir().join(format!("quotecheck-pty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("many.jsonl");
    let lines: String = (0..100)
        .map(|i| {
            format!(
                "{}\n",
                serde_json::json!({"id": i.to_string(), "text": text})
            )
        })
        .collect();
    std::fs::write(&input, lines).unwrap();
    let cmd = format!(
        "{} --isolated extract --format jsonl {} > /dev/null",
        env!("CARGO_BIN_EXE_quotecheck"),
        input.display()
    );
    let out = Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .env("QUOTECHECK_PROGRESS_DELAY_MS", "0")
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        shown.contains("100 articles") && shown.contains("of text"),
        "no progress line on the terminal: {shown:?}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// Every command's `--help` shows at least one example, and the top-level help too.
#[test]
fn help_has_examples_for_every_command() {
    for cmd in [
        "",
        "extract",
        "audit",
        "fingerprint",
        "merge",
        "explain",
        "config",
        "completions",
        "man",
        "schema",
    ] {
        let mut args = vec!["--isolated"];
        if !cmd.is_empty() {
            args.push(cmd);
        }
        args.push("--help");
        let (code, stdout, _) = run(&args);
        assert_eq!(code, Some(0), "{cmd}");
        assert!(
            stdout.contains("Example") && stdout.contains("quotecheck "),
            "no example in `quotecheck {cmd} --help`:\n{stdout}"
        );
    }
}
