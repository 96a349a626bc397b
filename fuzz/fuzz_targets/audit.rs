//! The audit on 2–4 arbitrary articles: extraction, linking, comparison, the parts and
//! their merge, and every writer. Never panics; the merge of the parts, in reverse order,
//! is the audit itself; every appearance's offsets slice its article's text.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use quotecheck::report::{AuditFormat, write_audit};
use quotecheck::{Article, Pipeline};

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(Pipeline::default);

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // Articles are separated by U+001E (record separator); the first two of them share a
    // story, the others get their own, so both families across outlets and lone stories
    // are reached.
    let articles: Vec<Article> = text
        .split('\u{1e}')
        .take(4)
        .enumerate()
        .map(|(i, t)| Article {
            id: format!("a{i}"),
            outlet: Some(["A", "B", "C", "D"][i].to_string()),
            story: Some(format!("s{}", i.saturating_sub(1))),
            text: t.to_string(),
            ..Article::default()
        })
        .collect();
    let extracted = PIPELINE.extract_all(articles);
    let audit = PIPELINE.audit(&extracted);
    for story in audit.stories() {
        for family in &story.families {
            for ap in &family.appearances {
                let a = extracted
                    .iter()
                    .find(|a| a.article.id == ap.article_id)
                    .expect("an appearance names an input article");
                assert_eq!(ap.text, a.article.text[ap.start..ap.end]);
            }
        }
    }
    // Parts survive JSON and merge back, in any order, into the same audit.
    let parts: Vec<quotecheck::Part> = audit
        .parts
        .iter()
        .rev()
        .map(|p| serde_json::from_str(&serde_json::to_string(p).unwrap()).unwrap())
        .collect();
    assert_eq!(quotecheck::merge(parts).unwrap(), audit);
    for format in [
        AuditFormat::Json,
        AuditFormat::Jsonl,
        AuditFormat::Parts,
        AuditFormat::Text { color: true },
        AuditFormat::Html,
        AuditFormat::Csv,
        AuditFormat::Markdown,
    ] {
        write_audit(&mut std::io::sink(), &audit, format).unwrap();
    }
});
