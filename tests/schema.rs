//! The published JSON schemas in `schema/` match what the code writes.
//!
//! Run with `UPDATE_SCHEMA=1` to rewrite them after an intended change of the output.

use std::path::Path;

fn check(file: &str, schema: serde_json::Value) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schema")
        .join(file);
    let want = serde_json::to_string_pretty(&schema).unwrap() + "\n";
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "{} is out of date: run `UPDATE_SCHEMA=1 cargo test --test schema` and commit it",
        path.display()
    );
}

#[test]
fn document_schema_is_published() {
    check("extract.schema.json", quotecheck::report::document_schema());
}

#[test]
fn record_schema_is_published() {
    check(
        "extract-record.schema.json",
        quotecheck::report::record_schema(),
    );
}

#[test]
fn audit_schema_is_published() {
    check("audit.schema.json", quotecheck::report::audit::schema());
}

#[test]
fn part_schema_is_published() {
    check(
        "audit-part.schema.json",
        quotecheck::report::audit::part_schema(),
    );
}

/// A real output validates in shape: every required property of a quote is present.
#[test]
fn output_has_the_schema_fields() {
    let out = quotecheck::process_text("\"We will win,\" Cotton wrote.");
    let v = serde_json::to_value(&out).unwrap();
    let schema = quotecheck::report::record_schema();
    let quote_required = schema["$defs"]["Quote"]["required"].as_array().unwrap();
    for field in quote_required {
        let f = field.as_str().unwrap();
        assert!(v["quotes"][0].get(f).is_some(), "quote lacks {f}");
    }
}
