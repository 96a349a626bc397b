//! quotecheck: audit how news articles quote people.
//!
//! The pipeline, one module per stage:
//!
//! 1. [`input`]: paths → [`Article`]s (plain text, JSON Lines, HTML through [`html`]), with
//!    skipped inputs reported;
//! 2. [`extract`]: text → quoted [`extract::Span`]s (a nom lexer and a pairing pass);
//! 3. [`attribute`]: spans → kind, speaker, cue, rule and confidence;
//! 4. [`report`]: [`ArticleQuotes`] → JSON, JSON Lines or a readable listing.
//!
//! [`process`] runs stages 2 and 3 on one article. The library does no I/O beyond the
//! readers and writers it is handed, and its output is deterministic.

pub mod attribute;
pub mod compare;
pub mod config;
pub mod explain;
pub mod extract;
pub mod html;
pub mod input;
pub mod lexicon;
pub mod model;
pub mod report;
pub mod text;

pub use model::{Article, Cue, Kind, Quote, Rule, Speaker, TextSource};

use serde::{Deserialize, Serialize};

/// One article with its quotes: the unit the report writes.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ArticleQuotes {
    #[serde(flatten)]
    pub article: Article,
    /// The text the offsets refer to: given for HTML articles (the extracted main text),
    /// and for every article with `extract --with-text`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Quotation marks that could not be paired (unclosed, unopened or nested too deep).
    pub unmatched_marks: usize,
    pub quotes: Vec<Quote>,
}

/// Extracts and attributes the quotes of one article.
pub fn process(article: Article) -> ArticleQuotes {
    let text = article.text.as_str();
    let ex = extract::extract(text);
    let attrs = attribute::attribute(text, &ex.spans);

    // Code-point offsets for every byte offset we report, in one sorted pass.
    let mut offsets: Vec<usize> = Vec::with_capacity(ex.spans.len() * 6);
    for (s, a) in ex.spans.iter().zip(&attrs) {
        offsets.extend([s.start, s.end]);
        if let Some(sp) = &a.speaker {
            offsets.extend([sp.mention.start, sp.mention.end]);
        }
        if let Some(c) = &a.cue {
            offsets.extend([c.range.start, c.range.end]);
        }
    }
    offsets.sort_unstable();
    offsets.dedup();
    let mut conv = text::CharOffsets::new(text);
    let chars: Vec<usize> = offsets.iter().map(|&b| conv.at(b)).collect();
    let ch = |b: usize| chars[offsets.binary_search(&b).unwrap_or(0)];

    let ids: Vec<String> = (1..=ex.spans.len())
        .map(|n| format!("{}#{}", article.id, n))
        .collect();
    let mut quotes: Vec<Quote> = ex
        .spans
        .iter()
        .zip(attrs)
        .enumerate()
        .map(|(i, (s, a))| Quote {
            id: ids[i].clone(),
            kind: a.kind,
            text: text[s.start..s.end].to_string(),
            start: s.start,
            end: s.end,
            char_start: ch(s.start),
            char_end: ch(s.end),
            speaker: a.speaker.map(|sp| Speaker {
                name: sp.name,
                mention: text[sp.mention.start..sp.mention.end].to_string(),
                start: sp.mention.start,
                end: sp.mention.end,
                char_start: ch(sp.mention.start),
                char_end: ch(sp.mention.end),
                speaker_type: sp.speaker_type,
                resolution: sp.resolution,
            }),
            cue: a.cue.map(|c| Cue {
                text: text[c.range.start..c.range.end].to_string(),
                lemma: c.lemma,
                start: c.range.start,
                end: c.range.end,
                char_start: ch(c.range.start),
                char_end: ch(c.range.end),
            }),
            rule: a.rule,
            confidence: a.confidence,
            paragraphs: s.n_paragraphs,
            parent: s.parent.map(|p| ids[p].clone()),
            key: String::new(),
        })
        .collect();
    for q in &mut quotes {
        q.key = compare::quote_key(text, q);
    }
    ArticleQuotes {
        text: None,
        unmatched_marks: ex.strays.len(),
        quotes,
        article,
    }
}

impl ArticleQuotes {
    /// Moves the article's text into the output (`text`), where readers can check offsets.
    pub fn show_text(&mut self) {
        if self.text.is_none() {
            self.text = Some(std::mem::take(&mut self.article.text));
        }
    }
}

/// Processes articles on the threads of `pool`, returning them in input order: the output
/// is the same whatever the number of threads.
pub fn process_all(articles: Vec<Article>, pool: &rayon::ThreadPool) -> Vec<ArticleQuotes> {
    use rayon::prelude::*;
    pool.install(|| articles.into_par_iter().map(process).collect())
}

/// A thread pool of `threads` threads (0: one per core).
pub fn thread_pool(threads: usize) -> Result<rayon::ThreadPool, rayon::ThreadPoolBuildError> {
    rayon::ThreadPoolBuilder::new().num_threads(threads).build()
}

/// Extracts and attributes the quotes of a bare text (id `text`).
pub fn process_text(text: &str) -> ArticleQuotes {
    process(Article {
        id: "text".into(),
        text: text.to_string(),
        ..Article::default()
    })
}
