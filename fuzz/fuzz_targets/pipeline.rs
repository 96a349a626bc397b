//! Extraction and attribution on arbitrary bytes, decoded as the CLI decodes invalid UTF-8:
//! never panics, every reported span is exactly its slice of the text, and every extract
//! format writes it.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use quotecheck::Pipeline;
use quotecheck::report::{Format, Writer};

/// Built once: the lexicons are loaded outside the fuzzed code.
static PIPELINE: LazyLock<Pipeline> = LazyLock::new(Pipeline::default);

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let out = PIPELINE.extract_text(&text);
    for q in &out.quotes {
        assert_eq!(q.text, text[q.start..q.end]);
        if let Some(s) = &q.speaker {
            assert_eq!(s.mention, text[s.start..s.end]);
        }
        if let Some(c) = &q.cue {
            assert_eq!(c.text, text[c.start..c.end]);
        }
    }
    for format in [
        Format::Json,
        Format::Jsonl,
        Format::Text { color: true, wide: false },
        Format::Html,
        Format::Csv,
    ] {
        let mut w = Writer::new(std::io::sink(), format);
        w.article(out.clone()).unwrap();
        w.finish().unwrap();
    }
});
