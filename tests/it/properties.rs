//! Property tests for the invariants the output promises: every reported span slices the text
//! exactly, offsets agree with each other, ids and ordering are stable, nesting is
//! well-formed, and the pipeline is deterministic and total.
//!
//! Case counts are kept small so the file runs in a few seconds in a debug build; set
//! `PROPTEST_CASES` for a longer search.

use std::collections::{HashMap, HashSet};

use proptest::prelude::*;
use quotecheck::{Article, ArticleQuotes, Kind, Pipeline};

use crate::util::pipeline;

/// Every quotation-mark character the lexer knows, plus the two-character ones.
const MARKS: &[&str] = &[
    "\"", "'", "\u{201C}", "\u{201D}", "\u{2018}", "\u{2019}", "\u{00AB}", "\u{00BB}", "\u{201E}",
    "\u{201A}", "\u{201B}", "\u{201F}", "\u{2039}", "\u{203A}", "\u{FF02}", "``", "''", "`",
];

/// Words that make the attribution stage do real work: names, pronouns, cues, roles.
const WORDS: &[&str] = &[
    "the",
    "a",
    "it",
    "was",
    "not",
    "we",
    "will",
    "win",
    "said",
    "says",
    "told",
    "wrote",
    "added",
    "according to",
    "he",
    "she",
    "they",
    "Smith",
    "Tom Cotton",
    "Cotton",
    "Mr.",
    "Reuters",
    "a nurse",
    "officials",
    "so-called",
    "didn't",
    "consumers",
    "'90s",
    "'em",
    "rock",
    "n",
    "continued",
    "on X",
    "in a statement",
    "Monday",
    "night",
    "with a laugh",
    "of Derry",
    "N.H.",
    "Florida",
    "and",
    "For",
    "Her",
    "Megda Belkacemi",
    "a spokesman for",
    "U.S.",
    "Hegseth",
    "Ziad",
];

const PUNCT: &[&str] = &[
    ",", ".", ":", ";", "!", "?", "(", ")", "[", "]", "\u{2014}", "\u{2013}", "-", "/", "\u{2026}",
    "$", "%",
];

fn select_str(v: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::sample::select(v).prop_map(str::to_string)
}

/// One piece of an article-like text.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => select_str(WORDS),
        4 => Just(" ".to_string()),
        1 => Just("\n".to_string()),
        1 => Just("\n\n".to_string()),
        1 => Just("\r".to_string()),
        1 => Just("\r\n".to_string()),
        5 => select_str(MARKS),
        2 => select_str(PUNCT),
        1 => any::<char>().prop_map(String::from),
        // Whitespace and letters outside ASCII exercise the char-boundary handling.
        1 => prop::sample::select(vec!['\u{00A0}', '\u{2028}', '\u{0085}', 'é', 'ß', '中', '😀'])
            .prop_map(String::from),
    ]
}

fn article_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..80).prop_map(|v| v.concat())
}

fn is_quote_char(c: char) -> bool {
    MARKS.iter().any(|m| m.contains(c))
}

/// Article-like text without a single quotation-mark character.
fn text_without_marks() -> impl Strategy<Value = String> {
    let p = prop_oneof![
        5 => select_str(WORDS),
        4 => Just(" ".to_string()),
        1 => Just("\n".to_string()),
        1 => Just("\r\n".to_string()),
        2 => select_str(PUNCT),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(p, 0..80).prop_map(|v| {
        // WORDS holds apostrophes (`didn't`, `'90s`), and random chars may be marks.
        v.concat().chars().filter(|&c| !is_quote_char(c)).collect()
    })
}

fn char_offset(s: &str, byte: usize) -> usize {
    s[..byte].chars().count()
}

/// Checks one reported span: in bounds, on char boundaries, slicing to `shown`, with
/// code-point offsets that match the byte offsets.
fn check_span(
    s: &str,
    what: &str,
    shown: &str,
    (start, end): (usize, usize),
    (char_start, char_end): (usize, usize),
) -> Result<(), TestCaseError> {
    prop_assert!(start <= end, "{what}: start {start} > end {end}");
    prop_assert!(
        end <= s.len(),
        "{what}: end {end} past the text ({})",
        s.len()
    );
    prop_assert!(
        s.is_char_boundary(start),
        "{what}: start {start} not a char boundary"
    );
    prop_assert!(
        s.is_char_boundary(end),
        "{what}: end {end} not a char boundary"
    );
    prop_assert_eq!(
        shown,
        &s[start..end],
        "{}: text differs from the slice",
        what
    );
    prop_assert_eq!(char_start, char_offset(s, start), "{}: char_start", what);
    prop_assert_eq!(char_end, char_offset(s, end), "{}: char_end", what);
    Ok(())
}

fn check_output(s: &str, out: &ArticleQuotes) -> Result<(), TestCaseError> {
    let quotes = &out.quotes;
    let mut ids = HashSet::new();
    let by_id: HashMap<&str, usize> = quotes
        .iter()
        .enumerate()
        .map(|(i, q)| (q.id.as_str(), i))
        .collect();
    for q in quotes {
        check_span(
            s,
            &format!("quote {}", q.id),
            &q.text,
            (q.start, q.end),
            (q.char_start, q.char_end),
        )?;
        if let Some(sp) = &q.speaker {
            check_span(
                s,
                &format!("speaker of {}", q.id),
                &sp.mention,
                (sp.start, sp.end),
                (sp.char_start, sp.char_end),
            )?;
        }
        if let Some(c) = &q.cue {
            check_span(
                s,
                &format!("cue of {}", q.id),
                &c.text,
                (c.start, c.end),
                (c.char_start, c.char_end),
            )?;
        }
        prop_assert!(ids.insert(q.id.as_str()), "duplicate id {}", q.id);
        prop_assert!(
            (0.0..=1.0).contains(&q.confidence),
            "confidence {}",
            q.confidence
        );
        prop_assert!(q.paragraphs >= 1);

        prop_assert_eq!(
            q.kind == Kind::Nested,
            q.parent.is_some(),
            "{}: kind {:?} with parent {:?}",
            &q.id,
            q.kind,
            &q.parent
        );
        if let Some(pid) = &q.parent {
            let Some(&pi) = by_id.get(pid.as_str()) else {
                return Err(TestCaseError::fail(format!(
                    "{}: unknown parent {pid}",
                    q.id
                )));
            };
            let p = &quotes[pi];
            prop_assert!(
                p.start <= q.start && q.end <= p.end && (p.start, p.end) != (q.start, q.end),
                "{} ({}..{}) is not inside its parent {} ({}..{})",
                q.id,
                q.start,
                q.end,
                p.id,
                p.start,
                p.end
            );
        }
    }
    for w in quotes.windows(2) {
        prop_assert!(
            w[0].start <= w[1].start,
            "quotes out of order: {} at {} before {} at {}",
            w[0].id,
            w[0].start,
            w[1].id,
            w[1].start
        );
    }
    let top: Vec<_> = quotes.iter().filter(|q| q.parent.is_none()).collect();
    for w in top.windows(2) {
        prop_assert!(
            w[0].end <= w[1].start,
            "top-level quotes overlap: {} ({}..{}) and {} ({}..{})",
            w[0].id,
            w[0].start,
            w[0].end,
            w[1].id,
            w[1].start,
            w[1].end
        );
    }
    Ok(())
}

/// `n` cases, unless `PROPTEST_CASES` asks for a different number.
fn cases(n: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(n)
}

fn json(s: &str) -> String {
    serde_json::to_string(&pipeline().extract_text(s)).expect("output serialises")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(256)))]

    #[test]
    fn reported_spans_slice_the_text(s in article_text()) {
        let out = pipeline().extract_text(&s);
        check_output(&s, &out)?;
    }

    /// The extract page shows the text whole, as it is (NUL, which HTML cannot hold, as
    /// U+FFFD), with one mark per quote.
    #[test]
    fn the_extract_page_shows_the_text_and_every_quote(s in article_text()) {
        let out = pipeline().extract_text(&s);
        let n = out.quotes.len();
        let mut w = quotecheck::report::Writer::new(Vec::new(), quotecheck::report::Format::Html);
        w.article(out).unwrap();
        let (page, _, _) = w.finish().unwrap();
        let doc = dom_query::Document::from(String::from_utf8(page).unwrap().as_str());
        let shown = doc.select("div.text").text().to_string();
        let parsed = s.replace('\0', "\u{FFFD}");
        prop_assert_eq!(shown, parsed);
        prop_assert_eq!(doc.select("div.text mark.q").length(), n, "{:?}", s);
    }

    /// Every appearance the audit reports slices its article exactly, bytes and code
    /// points: a whole quote, a paragraph of one, sentences lent to another family.
    #[test]
    fn audit_appearances_slice_their_articles(
        shared in article_text(),
        a in article_text(),
        b in article_text(),
    ) {
        let texts = [format!("{a}\n\n{shared}"), format!("{shared}\n\n{b}"), shared.clone()];
        let arts: Vec<ArticleQuotes> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                pipeline().extract(Article {
                    id: format!("{i}"),
                    outlet: Some(format!("O{i}")),
                    story: Some("s".into()),
                    text: t.clone(),
                    ..Article::default()
                })
            })
            .collect();
        let audit = pipeline().audit(&arts);
        for story in audit.stories() {
            for f in &story.families {
                for ap in &f.appearances {
                    let t = &texts[ap.article_id.parse::<usize>().unwrap()];
                    prop_assert_eq!(t.get(ap.start..ap.end), Some(ap.text.as_str()));
                    prop_assert_eq!(char_offset(t, ap.start), ap.char_start);
                    prop_assert_eq!(char_offset(t, ap.end), ap.char_end);
                }
            }
        }
    }

    #[test]
    fn output_is_deterministic(a in article_text(), b in article_text()) {
        let first = json(&a);
        // Processing another text in between must not leak state into the next article.
        let _ = json(&b);
        prop_assert_eq!(first, json(&a));
    }

    #[test]
    fn no_marks_no_quotes(s in text_without_marks()) {
        let out = pipeline().extract_text(&s);
        prop_assert!(out.quotes.is_empty(), "quotes found in {s:?}: {:?}", out.quotes);
        prop_assert_eq!(out.unmatched_marks, 0);
    }

    #[test]
    fn extracted_spans_nest_or_are_disjoint(s in article_text()) {
        let ex = pipeline().quote_spans(&s);
        for (i, sp) in ex.spans.iter().enumerate() {
            prop_assert!(sp.start <= sp.content_start, "span {i}: {sp:?}");
            prop_assert!(sp.content_start <= sp.content_end, "span {i}: {sp:?}");
            prop_assert!(sp.content_end <= sp.end, "span {i}: {sp:?}");
            prop_assert!(sp.end <= s.len());
            for b in [sp.start, sp.content_start, sp.content_end, sp.end] {
                prop_assert!(s.is_char_boundary(b), "span {i}: {b} not a char boundary");
            }
            prop_assert!(sp.n_paragraphs >= 1);
            match sp.parent {
                None => prop_assert_eq!(sp.depth, 0),
                Some(p) => {
                    prop_assert!(p < i, "span {i}: parent {p} comes after it");
                    let outer = &ex.spans[p];
                    prop_assert!(outer.start <= sp.start && sp.end <= outer.end);
                    prop_assert_eq!(sp.depth, outer.depth + 1);
                }
            }
        }
        for (i, a) in ex.spans.iter().enumerate() {
            for b in &ex.spans[i + 1..] {
                let disjoint = a.end <= b.start || b.end <= a.start;
                let nested = (a.start <= b.start && b.end <= a.end)
                    || (b.start <= a.start && a.end <= b.end);
                prop_assert!(disjoint || nested, "spans cross: {a:?} and {b:?}");
            }
        }
        for w in ex.spans.windows(2) {
            prop_assert!(w[0].start <= w[1].start);
        }
        for st in &ex.strays {
            prop_assert!(st.pos < s.len() && s.is_char_boundary(st.pos), "stray {st:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(128)))]

    #[test]
    fn arbitrary_bytes_do_not_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let s = String::from_utf8_lossy(&bytes);
        let out = pipeline().extract_text(&s);
        check_output(&s, &out)?;
    }

    /// Bytes drawn mostly from the ones the lexer stops at, so multi-byte marks get split,
    /// truncated and glued to other lead bytes.
    #[test]
    fn lexer_bytes_do_not_panic(bytes in prop::collection::vec(
        prop::sample::select(vec![
            b'"', b'\'', b'`', b'\n', b'\r', b' ', b'a', b'.', b',',
            0xC2, 0xAB, 0xBB, 0xE2, 0x80, 0x9C, 0x9D, 0x98, 0x99, 0xEF, 0xBC, 0x82,
        ]),
        0..256,
    )) {
        let s = String::from_utf8_lossy(&bytes);
        let out = pipeline().extract_text(&s);
        check_output(&s, &out)?;
    }
}

proptest! {
    // Each case builds two thread pools and runs a dozen articles: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(cases(32)))]

    #[test]
    fn output_is_the_same_with_one_or_many_threads(
        texts in prop::collection::vec(article_text(), 1..12)
    ) {
        let articles: Vec<Article> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Article {
                id: format!("a{i}"),
                text: t.clone(),
                ..Article::default()
            })
            .collect();
        let one = Pipeline::default().with_threads(1).unwrap();
        let four = Pipeline::default().with_threads(4).unwrap();
        let a = one.extract_all(articles.clone());
        prop_assert_eq!(a.len(), articles.len());
        let a = serde_json::to_string(&a).unwrap();
        let b = serde_json::to_string(&four.extract_all(articles)).unwrap();
        prop_assert_eq!(a, b);
    }
}
