//! The published JSON schemas in `schema/` match what the code writes.
//!
//! Run with `UPDATE_SCHEMA=1` to rewrite them after an intended change of the output.

use quotecheck::Pipeline;
use quotecheck::report::Schema;

use crate::util::root;

fn check(schema: Schema) {
    let path = root().join("schema").join(schema.file_name());
    let want = serde_json::to_string_pretty(&schema.json()).unwrap() + "\n";
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "{} is out of date: run `UPDATE_SCHEMA=1 cargo test --test it schema` and commit it",
        path.display()
    );
}

#[test]
fn document_schema_is_published() {
    assert_eq!(Schema::Extract.file_name(), "extract.schema.json");
    check(Schema::Extract);
}

#[test]
fn record_schema_is_published() {
    assert_eq!(Schema::Record.file_name(), "extract-record.schema.json");
    check(Schema::Record);
}

#[test]
fn audit_schema_is_published() {
    assert_eq!(Schema::Audit.file_name(), "audit.schema.json");
    check(Schema::Audit);
}

#[test]
fn part_schema_is_published() {
    assert_eq!(Schema::Part.file_name(), "audit-part.schema.json");
    check(Schema::Part);
}

/// A real output validates in shape: every required property of a quote is present.
#[test]
fn output_has_the_schema_fields() {
    let out = Pipeline::default().extract_text("\"We will win,\" Cotton wrote.");
    let v = serde_json::to_value(&out).unwrap();
    let schema = Schema::Record.json();
    let quote_required = schema["$defs"]["Quote"]["required"].as_array().unwrap();
    for field in quote_required {
        let f = field.as_str().unwrap();
        assert!(v["quotes"][0].get(f).is_some(), "quote lacks {f}");
    }
}
