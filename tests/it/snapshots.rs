//! Snapshot of the `extract` output for every fixture article in `tests/fixtures/`.
//!
//! Each snapshot is the JSON object the CLI writes for the article (`--format jsonl`, pretty
//! printed): every quote with its kind, span, speaker, cue, rule and confidence. Review a
//! changed snapshot by reading it: a snapshot that records a wrong attribution is a bug.

use quotecheck::{Article, Pipeline};

use crate::util::snapshot_settings;

#[test]
fn extract_fixtures() {
    let pipeline = Pipeline::default();
    snapshot_settings().bind(|| {
        insta::glob!("../fixtures", "*.txt", |path| {
            let text = std::fs::read_to_string(path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            let out = pipeline.extract(Article {
                id: name,
                outlet: Some(stem),
                text: text.clone(),
                ..Article::default()
            });
            // The invariant the snapshot relies on: spans slice the text exactly.
            for q in &out.quotes {
                assert_eq!(&text[q.start..q.end], q.text);
            }
            insta::assert_json_snapshot!("extract", out);
        });
    });
}
