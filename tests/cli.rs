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
