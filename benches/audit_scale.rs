//! How the audit scales with the number of quotes: synthetic stories of three outlets whose
//! articles quote a shared pool of statements (verbatim, cut, reworded, misattributed), at
//! 10k, 100k and 1M quotes. Prints the time of `Pipeline::audit` alone (articles are
//! extracted and attributed beforehand) and quotes per second.
//!
//!     cargo bench --bench audit_scale            # 10k and 100k
//!     cargo bench --bench audit_scale -- 1000000 # also 1M (needs a few GB and a minute)

use std::hint::black_box;
use std::time::Instant;

use quotecheck::{Article, ArticleQuotes, Pipeline};

const WORDS: &[&str] = &[
    "budget", "bridge", "school", "taxes", "families", "jobs", "plan", "city", "state", "war",
    "health", "care", "law", "court", "vote", "voters", "party", "trade", "deal", "border",
    "police", "water", "energy", "prices", "workers", "union", "rent", "housing", "climate",
    "safety", "future", "country", "people", "children", "money", "time", "change", "years",
];

/// A small deterministic generator (xorshift), so every run audits the same input.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[(self.next() % v.len() as u64) as usize]
    }
}

/// Articles holding about `n_quotes` quotes: stories of three outlets, ten quotes an article.
fn corpus(pipeline: &Pipeline, n_quotes: usize) -> Vec<ArticleQuotes> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let per_article = 10;
    let n_stories = n_quotes.div_ceil(per_article * 3);
    let mut out = Vec::with_capacity(n_stories * 3);
    for s in 0..n_stories {
        // The statements of this story.
        let statements: Vec<Vec<&str>> = (0..per_article)
            .map(|_| (0..12 + rng.next() % 10).map(|_| rng.pick(WORDS)).collect())
            .collect();
        for outlet in ["A", "B", "C"] {
            let mut text = String::new();
            for (k, st) in statements.iter().enumerate() {
                let words: Vec<&str> = match rng.next() % 5 {
                    0 => st[2..].to_vec(),            // cut at the start
                    1 => st[..st.len() - 3].to_vec(), // cut at the end
                    2 => {
                        let mut w = st.clone();
                        w[3] = rng.pick(WORDS); // a word changed
                        w
                    }
                    _ => st.clone(),
                };
                let speaker = if rng.next() % 20 == 0 {
                    "Jane Roe"
                } else {
                    "John Doe"
                };
                text.push_str(&format!(
                    "\"{} number {k},\" {speaker} said.\n\n",
                    words.join(" ")
                ));
            }
            out.push(pipeline.extract(Article {
                id: format!("{s}-{outlet}"),
                outlet: Some(outlet.into()),
                story: Some(format!("story-{s}")),
                text,
                ..Article::default()
            }));
        }
    }
    out
}

fn main() {
    let mut sizes = vec![10_000usize, 100_000];
    for a in std::env::args().skip(1) {
        if let Ok(n) = a.parse() {
            sizes.push(n);
        }
    }
    let pipeline = Pipeline::default();
    println!(
        "{:>10} {:>12} {:>10} {:>14}",
        "quotes", "families", "seconds", "quotes/s"
    );
    for n in sizes {
        let arts = corpus(&pipeline, n);
        let quotes: usize = arts.iter().map(|a| a.quotes.len()).sum();
        let t0 = Instant::now();
        let audit = black_box(pipeline.audit(&arts));
        let secs = t0.elapsed().as_secs_f64();
        let families: usize = audit.stories().iter().map(|s| s.families.len()).sum();
        println!(
            "{quotes:>10} {families:>12} {secs:>10.3} {:>14.0}",
            quotes as f64 / secs
        );
    }
}
