//! Extraction and attribution on arbitrary bytes, decoded as the CLI decodes invalid UTF-8:
//! never panics, and every reported span is exactly its slice of the text.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use quotecheck::Pipeline;

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
});
