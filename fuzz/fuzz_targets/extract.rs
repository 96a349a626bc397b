//! The quote lexer and pairer on arbitrary text: never panics, and every span it returns is
//! in bounds, on char boundaries, with its content inside its marks.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use quotecheck::Pipeline;

/// Built once: the lexicons are loaded outside the fuzzed code.
static PIPELINE: LazyLock<Pipeline> = LazyLock::new(Pipeline::default);

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let ex = PIPELINE.quote_spans(&text);
    for s in &ex.spans {
        assert!(s.start <= s.content_start && s.content_start <= s.content_end);
        assert!(s.content_end <= s.end && s.end <= text.len());
        for b in [s.start, s.content_start, s.content_end, s.end] {
            assert!(text.is_char_boundary(b), "{b} is not a char boundary");
        }
        if let Some(p) = s.parent {
            let outer = &ex.spans[p];
            assert!(outer.start <= s.start && s.end <= outer.end);
        }
    }
});
