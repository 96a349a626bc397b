//! Extraction and attribution on arbitrary bytes, decoded as the CLI decodes invalid UTF-8:
//! never panics, and every reported span is exactly its slice of the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let out = quotecheck::process_text(&text);
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
