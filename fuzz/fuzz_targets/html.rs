//! A web page of arbitrary bytes through main-text extraction and the pipeline: never
//! panics, never runs away (the page guards refuse what the HTML parser cannot handle
//! safely), and every span of every article read is exactly its slice of the text.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use quotecheck::Pipeline;
use quotecheck::input::{self, Event, InputOptions};

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(Pipeline::default);

fuzz_target!(|data: &[u8]| {
    // A leading `<` makes the reader take the bytes for a page, as it does on stdin.
    let mut page = b"<".to_vec();
    page.extend_from_slice(data);
    let mut articles = Vec::new();
    input::read_reader("page.html", page.as_slice(), &InputOptions::default(), &mut |e| {
        if let Event::Article(a) = e {
            articles.push(a)
        }
    });
    for a in articles {
        let out = PIPELINE.extract(a);
        for q in &out.quotes {
            assert_eq!(q.text, out.article.text[q.start..q.end]);
        }
    }
});
