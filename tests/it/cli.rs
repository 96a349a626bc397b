//! The command line's own subcommands: explain, completions, man, schema, and usage errors.

use std::process::Command;

use crate::util::{
    TempDir, assert_transcript, assert_transcript_with, bin, quotecheck, root, run,
    run_in_terminal_with,
};

#[test]
fn explain_lists_every_rule_and_category() {
    let out = run(["explain"]);
    assert_eq!(out.code, Some(0));
    let docs = quotecheck::explain::all();
    assert!(!docs.is_empty());
    for d in docs {
        assert!(
            out.stdout.contains(d.name),
            "{} missing from the list",
            d.name
        );
    }
}

#[test]
fn explain_one_name_and_an_unknown_one() {
    let out = run(["explain", "truncation"]);
    assert_eq!(out.code, Some(0));
    assert!(
        out.stdout.contains("What it is:")
            && out.stdout.contains("Why it matters:")
            && out.stdout.contains("Example:"),
        "{}",
        out.stdout
    );
    // Quote kinds, severities and flags are explained too; a name that is a rule and a
    // kind is explained as both.
    for (name, kind) in [
        ("partial", "(quote kind)"),
        ("high", "(severity)"),
        ("meaning-sensitive", "(flag)"),
        ("meaning_sensitive", "(flag)"),
    ] {
        let out = run(["explain", name]);
        assert_eq!(out.code, Some(0), "{name}: {}", out.stderr);
        assert!(out.stdout.contains(kind), "{name}: {}", out.stdout);
        if name != "meaning_sensitive" {
            assert_transcript(&format!("cli-explain-{name}"), None, &out);
        }
    }
    let out = run(["explain", "term"]);
    assert!(
        out.stdout.contains("term (rule)") && out.stdout.contains("term (quote kind)"),
        "{}",
        out.stdout
    );
    let out = run(["explain", "no-such-rule"]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("no-such-rule"), "{}", out.stderr);
}

#[test]
fn completions_and_man_page() {
    let out = run(["completions", "bash"]);
    assert_eq!(out.code, Some(0));
    assert!(
        out.stdout.contains("quotecheck")
            && out.stdout.contains("extract")
            && out.stdout.contains("audit")
    );
    let out = run(["man"]);
    assert_eq!(out.code, Some(0));
    assert!(out.stdout.contains(".TH quotecheck"));
}

/// `man --dir` writes a page per command, each with EXIT STATUS, ENVIRONMENT, FILES and SEE
/// ALSO, and each clean for groff's warnings (and mandoc's lint where it is installed).
#[test]
fn man_pages_for_every_command_lint_clean() {
    let dir = TempDir::new("man");
    let out = run(["man", "--dir", dir.path().join("man1").to_str().unwrap()]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_transcript("cli-man-dir", Some(&dir), &out);
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("man1"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for sub in [
        "audit",
        "completions",
        "config",
        "explain",
        "extract",
        "fingerprint",
        "man",
        "merge",
        "schema",
    ] {
        assert!(names.contains(&format!("quotecheck-{sub}.1")), "{names:?}");
    }
    assert!(names.contains(&"quotecheck.1".to_string()), "{names:?}");
    for name in &names {
        let path = dir.path().join("man1").join(name);
        let page = std::fs::read_to_string(&path).unwrap();
        for section in [
            ".SH \"EXIT STATUS\"",
            ".SH ENVIRONMENT",
            ".SH FILES",
            ".SH \"SEE ALSO\"",
        ] {
            assert!(page.contains(section), "{name}: no {section}");
        }
        let groff = Command::new("groff")
            .args(["-k", "-man", "-ww", "-z"])
            .arg(&path)
            .output()
            .expect("groff (Debian: groff-base) lints the man pages");
        assert!(groff.status.success(), "{name}: groff failed");
        assert!(
            groff.stderr.is_empty(),
            "{name}: {}",
            String::from_utf8_lossy(&groff.stderr)
        );
        if let Ok(mandoc) = Command::new("mandoc")
            .args(["-T", "lint", "-W", "warning"])
            .arg(&path)
            .output()
        {
            assert!(
                mandoc.stdout.is_empty(),
                "{name}: {}",
                String::from_utf8_lossy(&mandoc.stdout)
            );
        }
    }
    // The extract page documents its own flags.
    let extract = std::fs::read_to_string(dir.path().join("man1/quotecheck-extract.1")).unwrap();
    assert!(extract.contains("raw\\-html"), "{extract}");
}

/// ripgrep's colour rules for every command with a text listing: `auto` colours a terminal
/// unless `NO_COLOR` is set or `TERM=dumb`; `CLICOLOR_FORCE` colours a pipe, and `NO_COLOR`
/// wins over it; `always` and `never` decide.
#[test]
fn colour_follows_the_terminal_and_the_environment() {
    let dir = TempDir::new("colour");
    let a = dir.file(
        "a.jsonl",
        "{\"id\":\"a\",\"outlet\":\"A\",\"text\":\"\\\"We will fix the bridge by spring,\\\" Ana Ruiz said.\"}\n{\"id\":\"b\",\"outlet\":\"B\",\"text\":\"\\\"We will fix the bridge by June,\\\" Ana Ruiz said.\"}\n",
    );
    let a = a.to_str().unwrap();
    const ESC: char = '\u{1b}';
    let clear = [("NO_COLOR", ""), ("CLICOLOR_FORCE", ""), ("TERM", "xterm")];
    for command in [vec!["extract", a], vec!["audit", a]] {
        let mut args = vec!["--isolated"];
        args.extend(&command);
        let coloured = |env: &[(&str, &str)], extra: &[&str]| {
            let mut all = args.clone();
            all.extend(extra);
            let (code, shown) = run_in_terminal_with(env, &all);
            assert_eq!(code, Some(0), "{command:?} {env:?}: {shown}");
            shown.contains(ESC)
        };
        assert!(coloured(&clear, &[]), "{command:?}: a terminal");
        assert!(!coloured(
            &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", ""), ("TERM", "xterm")],
            &[]
        ));
        assert!(!coloured(
            &[("NO_COLOR", ""), ("CLICOLOR_FORCE", ""), ("TERM", "dumb")],
            &[]
        ));
        assert!(!coloured(&clear, &["--color", "never"]), "{command:?}");
        assert!(coloured(
            &[("NO_COLOR", ""), ("CLICOLOR_FORCE", ""), ("TERM", "dumb")],
            &["--color", "always"]
        ));
        // A pipe: no colour, unless forced.
        let piped = |env: &[(&str, &str)]| {
            let mut cmd = Command::new(bin());
            cmd.args(&args)
                .env_remove("NO_COLOR")
                .env_remove("CLICOLOR_FORCE");
            for (k, v) in env {
                cmd.env(k, v);
            }
            let out = cmd.output().unwrap();
            String::from_utf8(out.stdout).unwrap().contains(ESC)
        };
        assert!(!piped(&[]), "{command:?}");
        assert!(piped(&[("CLICOLOR_FORCE", "1")]), "{command:?}");
        assert!(!piped(&[("CLICOLOR_FORCE", "0")]), "{command:?}");
        assert!(
            !piped(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]),
            "{command:?}"
        );
        // What the colours are, on a pipe with CLICOLOR_FORCE.
        let out = quotecheck(&args).env("CLICOLOR_FORCE", "1").run();
        assert!(out.stdout.contains(ESC));
        assert_transcript(
            &format!("cli-{}-colour-forced", command[0]),
            Some(&dir),
            &out,
        );
    }
}

/// `-o FILE` writes the output whole or not at all; `-q` silences standard error but for a
/// fatal error; `--stats` adds one JSON object of counts on standard error; `--no-config`
/// is `--isolated`.
#[test]
fn output_quiet_stats_and_no_config() {
    let dir = TempDir::new("output-flags");
    let good = dir.file(
        "a.jsonl",
        "{\"id\":\"a\",\"outlet\":\"A\",\"text\":\"\\\"We will fix the bridge by spring,\\\" Ana Ruiz said.\"}\n",
    );
    let bad: String = (1..=30).map(|i| format!("{{\"id\": \"{i}\"\n")).collect();
    let bad = dir.file("bad.jsonl", bad);
    let report = dir.path().join("report.json");
    // Written to the file, nothing on standard output; the file replaced whole.
    std::fs::write(&report, "old").unwrap();
    let out = quotecheck(["--isolated", "audit", "--format", "json", "-o"])
        .arg(&report)
        .arg(&good)
        .run();
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert_transcript("cli-audit-output-file", Some(&dir), &out);
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(written["summary"]["quotes"], 1);
    // A run that fails leaves the file as it was, and no temporary file behind.
    let out = quotecheck(["--isolated", "merge", "-o"])
        .arg(&report)
        .arg(&bad)
        .run();
    assert_eq!(out.code, Some(2));
    assert_eq!(written, {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
        v
    });
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.starts_with(".quotecheck-")),
        "{names:?}"
    );
    // -q: bad lines skipped silently (the exit code says so); a fatal error is still said.
    let out = quotecheck(["--isolated", "extract", "-q"]).arg(&bad).run();
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    assert_transcript("cli-extract-quiet", Some(&dir), &out);
    let out = quotecheck([
        "--isolated",
        "-q",
        "extract",
        "-o",
        "/nonexistent/dir/x.txt",
    ])
    .arg(&good)
    .run();
    assert_eq!(out.code, Some(2));
    assert_eq!(
        out.stderr,
        "quotecheck: cannot write /nonexistent/dir/x.txt: No such file or directory (os error 2)\n"
    );
    // --stats: the counts, one JSON object, last on standard error.
    let out = quotecheck(["--isolated", "extract", "--stats", "--format", "jsonl"])
        .arg(&good)
        .arg(&bad)
        .run();
    let last = out.stderr.lines().last().unwrap();
    let stats: serde_json::Value = serde_json::from_str(last).unwrap();
    assert_eq!(stats["summary"]["quotes"], 1, "{last}");
    assert_eq!(stats["summary"]["articles_skipped"], 30, "{last}");
    assert!(stats["seconds"].as_f64().is_some(), "{last}");
    assert_transcript_with(
        "cli-extract-stats",
        Some(&dir),
        &out,
        &[(r#""seconds":[0-9.e-]+"#, r#""seconds":[SECONDS]"#)],
    );
    let out = quotecheck(["--isolated", "audit", "--stats", "--format", "json"])
        .arg(&good)
        .run();
    let stats: serde_json::Value =
        serde_json::from_str(out.stderr.lines().last().unwrap()).unwrap();
    assert_eq!(stats["summary"]["families"], 1, "{}", out.stderr);
    // --no-config ignores a quotecheck.toml as --isolated does.
    dir.file("quotecheck.toml", "[audit]\nfail_on = \"info\"\n");
    let with = quotecheck(["config"]).current_dir(dir.path()).run();
    let without = quotecheck(["--no-config", "config"])
        .current_dir(dir.path())
        .run();
    let isolated = quotecheck(["--isolated", "config"])
        .current_dir(dir.path())
        .run();
    assert_ne!(with.stdout, without.stdout);
    assert_eq!(without.stdout, isolated.stdout);
    assert_transcript("cli-config-defaults", Some(&dir), &isolated);
    // `config` prints every key the README documents, with the value in force.
    for key in [
        "speech_verbs = []",
        "titles = []",
        "[outlets]",
        "fail_on = \"none\"",
        "shingle = 3",
        "max_postings = 64",
        "min_overlap = 0.5",
        "same_outlet = false",
        "max_article_bytes = 67108864",
    ] {
        assert!(isolated.stdout.contains(key), "{key}: {}", isolated.stdout);
    }
    assert!(
        with.stdout.contains("fail_on = \"info\""),
        "{}",
        with.stdout
    );
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    for line in isolated.stdout.lines().filter(|l| l.contains(" = ")) {
        let key = line.split(" = ").next().unwrap();
        assert!(
            readme.contains(&format!("\n{key} = ")),
            "{key} is not in the README"
        );
    }
}

/// The text listing cuts a long quote at 100 characters; `--wide` shows it whole.
#[test]
fn wide_shows_quotes_whole() {
    let long = "We will fix the bridge by spring, and the ferry will carry everyone at no charge until the last span of the new deck is open";
    let text = format!("\"{long},\" Ana Ruiz said.");
    let cut = quotecheck(["--isolated", "extract"])
        .stdin(text.clone())
        .run();
    assert!(
        cut.stdout.contains('…') && !cut.stdout.contains(long),
        "{}",
        cut.stdout
    );
    let wide = quotecheck(["--isolated", "extract", "--wide"])
        .stdin(text)
        .run();
    assert!(wide.stdout.contains(long), "{}", wide.stdout);
    assert_transcript("cli-extract-cut", None, &cut);
    assert_transcript("cli-extract-wide", None, &wide);
}

#[test]
fn usage_errors_exit_2() {
    let out = run(["extract", "--format", "yaml", "-"]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("yaml"), "{}", out.stderr);
    let out = run(["no-such-command"]);
    assert_eq!(out.code, Some(2));
}

#[test]
fn schema_subcommand_prints_the_published_schemas() {
    let dir = root().join("schema");
    for (args, file) in [
        (vec!["schema"], "extract.schema.json"),
        (vec!["schema", "--record"], "extract-record.schema.json"),
        (vec!["schema", "--audit"], "audit.schema.json"),
    ] {
        let out = run(&args);
        assert_eq!(out.code, Some(0));
        let published = std::fs::read_to_string(dir.join(file)).unwrap();
        assert_eq!(out.stdout, published, "{file}");
    }
}

/// `quotecheck.toml` is found upward from the working directory; it adds speech verbs and
/// outlet aliases and sets `--fail-on`; flags win over it; `--isolated` ignores it.
#[test]
fn configuration_file() {
    let dir = TempDir::new("cli-config");
    dir.file(
        "quotecheck.toml",
        "[lexicon]\nspeech_verbs = [\"harrumph harrumphs harrumphed harrumphing\"]\n\n[outlets]\n\"a.com\" = \"Outlet A\"\n\n[audit]\nfail_on = \"medium\"\n",
    );
    let lines = [
        serde_json::json!({"id": "1", "outlet": "a.com", "story": "s", "text": "\"We will not raise taxes on working families,\" Lee harrumphed."}),
        serde_json::json!({"id": "2", "outlet": "b.com", "story": "s", "text": "\"We will raise taxes on working families,\" Lee harrumphed."}),
    ];
    dir.file("archive/a.jsonl", lines.map(|l| l.to_string()).join("\n"));
    let sub = dir.path().join("archive");
    let run_in = |args: &[&str]| quotecheck(args).current_dir(&sub).run();
    let first_record = |stdout: &str| -> serde_json::Value {
        serde_json::from_str(stdout.lines().next().expect("a record")).unwrap()
    };

    // The extra verb is a cue, and the alias renames the outlet.
    let out = run_in(&["extract", "--format", "jsonl", "a.jsonl"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let first = first_record(&out.stdout);
    assert_eq!(first["outlet"], "Outlet A");
    assert_eq!(first["quotes"][0]["cue"]["lemma"], "harrumph");

    // The file's fail_on applies; a flag overrides it.
    assert_eq!(run_in(&["audit", "a.jsonl"]).code, Some(1));
    assert_eq!(
        run_in(&["audit", "--fail-on", "none", "a.jsonl"]).code,
        Some(0)
    );

    // --isolated ignores the file.
    let out = run_in(&["--isolated", "extract", "--format", "jsonl", "a.jsonl"]);
    let first = first_record(&out.stdout);
    assert_eq!(first["outlet"], "a.com");
    // Without the file the verb is unlisted: it fills the attribution slot, with no lemma.
    assert_eq!(first["quotes"][0]["cue"]["lemma"], "harrumphed");

    // quotecheck config shows where the settings come from.
    let out = run_in(&["config"]);
    assert!(
        out.stdout.contains("quotecheck.toml") && out.stdout.contains("Outlet A"),
        "{}",
        out.stdout
    );

    // A typo in the file is an error naming the file.
    dir.file("quotecheck.toml", "[audit]\nfail_onn = \"low\"\n");
    let out = run_in(&["extract", "a.jsonl"]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("quotecheck.toml"), "{}", out.stderr);
}

/// Progress is drawn only on a terminal: a pipeline's stderr stays clean. (On a terminal a
/// line `⠖ 228352 articles, 177.31 MiB of text (34.06 MiB/s), 5s` appears after a second;
/// check by hand with `script -qc "quotecheck extract big.jsonl > /dev/null" /dev/null`.)
#[test]
fn no_progress_output_when_stderr_is_not_a_terminal() {
    let fixtures = root().join("tests/fixtures");
    let out = quotecheck(["--isolated", "extract", "--format", "jsonl"])
        .arg(&fixtures)
        .run();
    assert_eq!(out.code, Some(0));
    assert!(!out.stdout.is_empty());
    assert!(out.stderr.is_empty(), "{}", out.stderr);
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
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/004_dbadbda89d79b732.txt")).unwrap();
    let dir = TempDir::new("pty");
    let lines: String = (0..100)
        .map(|i| {
            format!(
                "{}\n",
                serde_json::json!({"id": i.to_string(), "text": text})
            )
        })
        .collect();
    let input = dir.file("many.jsonl", lines);
    let cmd = format!(
        "{} --isolated extract --format jsonl {} > /dev/null",
        bin().display(),
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
        let out = run(&args);
        assert_eq!(out.code, Some(0), "{cmd}");
        assert!(
            out.stdout.contains("Example") && out.stdout.contains("quotecheck "),
            "no example in `quotecheck {cmd} --help`:\n{}",
            out.stdout
        );
    }
}

/// A corpus whose every output is far larger than a pipe's buffer (64 KiB), so that a
/// reader who stops after one line makes the next write fail: the seed stories, each
/// repeated under 10 stories and three outlets.
fn large_corpus(dir: &TempDir) -> std::path::PathBuf {
    let mut lines = String::new();
    for seed in ["000_8e19547a2dfce686.txt", "004_dbadbda89d79b732.txt"] {
        let text = std::fs::read_to_string(root().join("tests/fixtures").join(seed)).unwrap();
        for story in 0..10 {
            for outlet in ["A", "B", "C"] {
                let record = serde_json::json!({
                    "id": format!("{seed}-{story}-{outlet}"),
                    "outlet": outlet,
                    "story": format!("s{story}"),
                    "text": text,
                });
                lines.push_str(&record.to_string());
                lines.push('\n');
            }
        }
    }
    dir.file("corpus.jsonl", lines)
}

/// `| head -1` is the reader's choice, not an error: every command, in every format, exits 0
/// without a word on stderr when its output is closed early (audit's JSON and parts exited
/// 2 with "Broken pipe" before).
#[test]
fn a_closed_pipe_exits_0_for_every_command_and_format() {
    let dir = TempDir::new("closed-pipe");
    let corpus = large_corpus(&dir);
    let records = dir.file(
        "records.jsonl",
        quotecheck(["extract", "--format", "jsonl", "--with-text"])
            .arg(&corpus)
            .run()
            .ok(),
    );
    let parts = dir.file(
        "parts.jsonl",
        quotecheck(["audit", "--format", "parts"])
            .arg(&corpus)
            .run()
            .ok(),
    );
    let mut cases: Vec<Vec<std::ffi::OsString>> = Vec::new();
    for format in ["json", "jsonl", "text"] {
        cases.push(vec![
            "extract".into(),
            "--format".into(),
            format.into(),
            corpus.clone().into(),
        ]);
    }
    for format in ["json", "jsonl", "text", "parts"] {
        cases.push(vec![
            "audit".into(),
            "--format".into(),
            format.into(),
            corpus.clone().into(),
        ]);
        cases.push(vec![
            "merge".into(),
            "--format".into(),
            format.into(),
            parts.clone().into(),
        ]);
    }
    cases.push(vec!["fingerprint".into(), records.clone().into()]);
    cases.push(vec![
        "audit".into(),
        "--records".into(),
        "--format".into(),
        "json".into(),
        records.into(),
    ]);
    // Short outputs: the pipe may close before or after they are written; both must exit 0.
    for args in [["schema"], ["man"], ["explain"]] {
        cases.push(args.into_iter().map(Into::into).collect());
    }
    for args in cases {
        let shown: Vec<String> = args
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        let (code, line, stderr) = quotecheck(&args).first_line();
        assert!(!line.is_empty(), "{shown:?}: no output");
        assert_eq!(code, Some(0), "{shown:?}: exit {code:?}, stderr: {stderr}");
        assert!(stderr.is_empty(), "{shown:?}: {stderr}");
    }
}

/// The issue's own case: `quotecheck audit --format json BASIL | head -1` exits 0. BASIL is
/// beside the project in `../shared` (as in CI); without it the test says so and checks the
/// generated corpus above instead.
#[test]
fn audit_json_of_basil_into_head_exits_0() {
    let basil = root().join("../shared/corpus/basil/articles.jsonl");
    if !basil.exists() {
        eprintln!(
            "{} is missing: covered by a_closed_pipe_exits_0_for_every_command_and_format",
            basil.display()
        );
        return;
    }
    let (code, line, stderr) = quotecheck(["audit", "--format", "json"])
        .arg(&basil)
        .first_line();
    assert_eq!(line.trim(), "{");
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

/// The README's usage section opens with `quotecheck audit examples/newsroom` and what it
/// prints (standard error, then the report); the block must stay what the command prints.
#[test]
fn the_readme_walkthrough_is_what_the_command_prints() {
    let out = quotecheck(["--isolated", "audit", "examples/newsroom"]).run();
    assert_eq!(out.code, Some(2), "a line and an element are skipped");
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let command = "$ quotecheck audit examples/newsroom\n";
    let start = readme
        .find(command)
        .expect("the README shows the walkthrough")
        + command.len();
    let block = &readme[start..start + readme[start..].find("```").unwrap()];
    assert_eq!(
        block,
        format!("{}{}", out.stderr, out.stdout),
        "update the README's walkthrough"
    );
    // What the walkthrough's prose says it shows.
    for fact in [
        "1 file not read for its type (README.md)",
        "feed.jsonl:2: skipped",
        "element 2 of the array",
        "wording-change [high] (meaning-sensitive)",
        "named Mayor Ana Ruiz / Ruiz",
    ] {
        assert!(block.contains(fact), "{fact}");
    }
    assert!(!block.contains("Helvetica") && !block.contains("Subscribe"));
}
