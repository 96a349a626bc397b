//! Single-thread throughput of the pipeline on a whole corpus held in memory.
//!
//! Reads `../shared/corpus/reuters21578/articles.jsonl` (relative to the crate root). When the
//! file is absent, a small synthetic corpus is generated instead so the bench still builds and
//! runs anywhere. Reading and JSON decoding are done once, before measuring; see BENCHMARKS.md
//! for the end-to-end CLI figures.
//!
//! Groups (one [`Pipeline`], built before measuring):
//! - `process`: `Pipeline::extract` (extract + attribute + output records) per article;
//! - `extract`: `Pipeline::quote_spans` (pairing the quotation marks) alone.
//!
//! Both report throughput in bytes of article text.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use serde::Deserialize;

use quotecheck::{Article, Pipeline};

const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/corpus/reuters21578/articles.jsonl"
);

#[derive(Deserialize)]
struct Record {
    id: Option<serde_json::Value>,
    text: Option<String>,
    outlet: Option<String>,
}

struct Corpus {
    name: String,
    articles: Vec<Article>,
    bytes: u64,
}

fn load() -> Corpus {
    let path = Path::new(CORPUS);
    let articles = match std::fs::read_to_string(path) {
        Ok(data) => parse_jsonl(&data),
        Err(e) => {
            eprintln!(
                "pipeline bench: cannot read {} ({e}); using a synthetic corpus instead",
                path.display()
            );
            return finish("synthetic".into(), synthetic(2_000));
        }
    };
    if articles.is_empty() {
        eprintln!(
            "pipeline bench: {} has no articles; using a synthetic corpus instead",
            path.display()
        );
        return finish("synthetic".into(), synthetic(2_000));
    }
    finish("reuters21578".into(), articles)
}

fn finish(name: String, articles: Vec<Article>) -> Corpus {
    let bytes = articles.iter().map(|a| a.text.len() as u64).sum();
    eprintln!(
        "pipeline bench: corpus {name}: {} articles, {bytes} bytes of text",
        articles.len()
    );
    Corpus {
        name,
        articles,
        bytes,
    }
}

fn parse_jsonl(data: &str) -> Vec<Article> {
    let mut out = Vec::new();
    for (n, line) in data.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let Ok(rec) = serde_json::from_str::<Record>(line) else {
            continue;
        };
        let Some(text) = rec.text else { continue };
        let id = match rec.id {
            Some(serde_json::Value::String(s)) => s,
            Some(serde_json::Value::Null) | None => format!("line-{}", n + 1),
            Some(v) => v.to_string(),
        };
        out.push(Article {
            id,
            outlet: rec.outlet,
            text,
            ..Article::default()
        });
    }
    out
}

/// Deterministic news-like articles: direct, split, partial and nested quotes, cues before
/// and after, and plain paragraphs without quotes.
fn synthetic(n: usize) -> Vec<Article> {
    const NAMES: [&str; 6] = [
        "John Smith",
        "Maria Lopez",
        "Finance Minister Kiichi Miyazawa",
        "a company spokesman",
        "Sarah Chen, an analyst at Morgan Stanley",
        "the ministry",
    ];
    const CUES: [&str; 5] = ["said", "told reporters", "added", "warned", "wrote"];
    const QUOTES: [&str; 5] = [
        "We expect demand to recover in the second half of the year",
        "The market has already priced in a rate cut",
        "There is no reason to panic",
        "We will not accept these terms",
        "It is too early to say",
    ];
    const PLAIN: &str = "Prices rose 2.5 pct in the week to February 22, while volumes \
        were broadly unchanged at 155,221 tonnes, trade sources said on Thursday.";
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |m: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % m as u64) as usize
    };
    (0..n)
        .map(|i| {
            let mut text = String::from("LONDON, March 3 - ");
            let paras = 4 + next(6);
            for p in 0..paras {
                if p > 0 {
                    text.push_str("\n\n");
                }
                let name = NAMES[next(NAMES.len())];
                let cue = CUES[next(CUES.len())];
                let q = QUOTES[next(QUOTES.len())];
                let q2 = QUOTES[next(QUOTES.len())];
                match next(6) {
                    0 => text.push_str(&format!("\u{201c}{q},\u{201d} {name} {cue}.")),
                    1 => text.push_str(&format!("{name} {cue}: \"{q}.\"")),
                    2 => text.push_str(&format!("\"{q},\" {cue} {name}. \"{q2}.\"")),
                    3 => text.push_str(&format!(
                        "{name} {cue} the plan was \u{201c}unworkable\u{201d} and {PLAIN}"
                    )),
                    4 => text.push_str(&format!(
                        "\"He told me '{q}', and I believed him,\" {name} {cue}."
                    )),
                    _ => text.push_str(PLAIN),
                }
            }
            Article {
                id: format!("synthetic-{}", i + 1),
                outlet: Some("synthetic".into()),
                text,
                ..Article::default()
            }
        })
        .collect()
}

fn benches(c: &mut Criterion) {
    let corpus = load();
    let articles = &corpus.articles;
    let pipeline = Pipeline::default();

    let mut g = c.benchmark_group("process");
    g.throughput(Throughput::Bytes(corpus.bytes));
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(3));
    g.measurement_time(Duration::from_secs(20));
    // `extract` takes its article by value: the copy is made in the (untimed) setup, and the
    // results are returned so that dropping them is not timed either.
    g.bench_function(&corpus.name, |b| {
        b.iter_batched(
            || articles.clone(),
            |arts| {
                arts.into_iter()
                    .map(|a| pipeline.extract(a))
                    .collect::<Vec<_>>()
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();

    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(corpus.bytes));
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(3));
    g.measurement_time(Duration::from_secs(20));
    g.bench_function(&corpus.name, |b| {
        b.iter(|| {
            let mut spans = 0usize;
            for a in articles {
                spans += black_box(pipeline.quote_spans(black_box(&a.text)))
                    .spans
                    .len();
            }
            spans
        })
    });
    g.finish();
}

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
