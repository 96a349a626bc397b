//! Stage 1, for web pages: the main text of an HTML article and its metadata.
//!
//! A saved page holds far more than the story: navigation, ads, related-article boxes,
//! comments, scripts. Quotes in those are not the article's, so the page goes through
//! main-text extraction (dom_smoothie, a port of Mozilla's Readability, on html5ever) and
//! quotecheck reads the text it keeps. Offsets then refer to that extracted text, which the
//! JSON output carries so every span can be checked.
//!
//! Limits, so that a hostile page cannot exhaust the stack, memory or time: pages over the
//! article cap (checked by the caller, `--max-article-bytes`), with elements nested deeper
//! than [`MAX_HTML_DEPTH`], or whose markup would make the parser or the extraction do far
//! more than their size (thousands of attributes on a tag, misnested tags that the tree
//! builder keeps reopening, megabytes of `&amp;` in one paragraph) are refused with a message
//! (`--raw-html` reads them as text instead). A linear pre-scan ([`guard`]) bounds what
//! html5ever will build; the tree it built is checked again before main-text extraction
//! walks it.

mod guard;

use dom_smoothie::{Config, Readability, TextMode};

use crate::error::HtmlError;

/// Deepest element nesting accepted. Real pages stay under a few dozen levels; the DOM
/// library walks some trees recursively, so thousands of levels could overflow the stack.
pub const MAX_HTML_DEPTH: usize = guard::MAX_MODEL_DEPTH;

/// Most attributes on one tag: the tokenizer compares each with all before it.
const MAX_HTML_ATTRIBUTES: usize = 1_000;

/// Most elements the tree builder may create (a large news page has a few thousand; the
/// DOM and main-text extraction take about 1 KB for each).
const MAX_HTML_ELEMENTS: usize = 250_000;

/// Most bytes html5ever's serialiser may search for the runs of `&` and Latin-1 characters
/// of the page's text (see [`guard::escape_cost`]): about a fifth of a second. The real
/// pages tried need under a billion.
const MAX_HTML_ESCAPE_COST: u64 = 20_000_000_000;

/// The main text of a page and what the page says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Page {
    pub text: String,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub site_name: Option<String>,
    pub published: Option<String>,
    /// The page's own address (canonical link or JSON-LD `url`).
    pub url: Option<String>,
}

impl Page {
    /// A default outlet for the page: its site name, else the host of its address.
    pub(crate) fn outlet(&self) -> Option<String> {
        self.site_name
            .clone()
            .or_else(|| self.url.as_deref().and_then(host).map(str::to_string))
    }
}

/// `https://www.nytimes.com/2025/…` → `nytimes.com`.
pub(crate) fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?; // user:pass@host
    let host = host.split(':').next()?; // host:port
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty() && host.contains('.')).then_some(host)
}

/// Extracts the main text of a page. The error says why and what to do.
pub(crate) fn extract(html: &str, url: Option<&str>) -> Result<Page, HtmlError> {
    let shape = guard::scan(html);
    if shape.depth > MAX_HTML_DEPTH {
        return Err(HtmlError::TooDeep {
            depth: shape.depth,
            limit: MAX_HTML_DEPTH,
        });
    }
    if shape.attributes > MAX_HTML_ATTRIBUTES {
        return Err(HtmlError::TooCostly(format!(
            "a tag with {} attributes (limit {MAX_HTML_ATTRIBUTES})",
            shape.attributes
        )));
    }
    if shape.elements > MAX_HTML_ELEMENTS {
        return Err(HtmlError::TooCostly(format!(
            "{} elements to build (limit {MAX_HTML_ELEMENTS})",
            shape.elements
        )));
    }
    if shape.work > guard::MAX_WORK {
        return Err(HtmlError::TooCostly(format!(
            "markup that would take the parser over {} steps (misnested tags, attributes)",
            guard::MAX_WORK
        )));
    }
    // The DOM library is third-party code fed hostile bytes: a panic there must become a
    // skipped article, not a crashed run.
    let run = std::panic::catch_unwind(|| readability(html, url));
    run.unwrap_or(Err(HtmlError::ParserFailed))
}

fn readability(html: &str, url: Option<&str>) -> Result<Page, HtmlError> {
    let cfg = Config {
        // Block elements end in line breaks, so paragraphs become lines.
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let url = url.filter(|u| u.contains("://"));
    let doc = parse(html)?;
    let mut r = Readability::with_document(doc, url, Some(cfg))
        .map_err(|e| HtmlError::Invalid(e.to_string()))?;
    check_tree(&r)?;
    let a = r
        .parse()
        .map_err(|e| HtmlError::NoText(Some(e.to_string())))?;
    let clean = |s: Option<String>| {
        s.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|s| !s.is_empty())
    };
    let text = tidy(&a.text_content);
    if text.trim().is_empty() {
        return Err(HtmlError::NoText(None));
    }
    Ok(Page {
        text,
        title: clean(Some(a.title)),
        byline: clean(a.byline),
        site_name: clean(a.site_name),
        published: clean(a.published_time),
        url: clean(a.url),
    })
}

/// Bytes given to the parser at a time; the depth it has reached is checked between pieces.
const PARSE_PIECE: usize = 16 << 10;

/// Parses `html` as `dom_query::Document::from` does, a piece at a time: should the page
/// nest deeper than [`MAX_HTML_DEPTH`] after all (a misnesting the pre-scan does not follow),
/// parsing stops there instead of searching an ever deeper stack for every tag.
fn parse(html: &str) -> Result<dom_query::Document, HtmlError> {
    use html5ever::tendril::{StrTendril, TendrilSink};
    let opts = html5ever::ParseOpts {
        tree_builder: html5ever::tree_builder::TreeBuilderOpts {
            scripting_enabled: false,
            ..Default::default()
        },
        ..Default::default()
    };
    let mut parser = html5ever::parse_document(dom_query::Document::default(), opts);
    let mut rest = html;
    while !rest.is_empty() {
        let mut cut = PARSE_PIECE.min(rest.len());
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        let (piece, tail) = rest.split_at(cut);
        parser.process(StrTendril::from_slice(piece));
        rest = tail;
        // The open elements are the last children down from the root.
        let mut depth = 0;
        let mut node = parser.tokenizer.sink.sink.root();
        while let Some(child) = node.last_child().filter(|c| c.is_element()) {
            node = child;
            depth += 1;
        }
        if depth > MAX_HTML_DEPTH {
            return Err(HtmlError::TooDeep {
                depth,
                limit: MAX_HTML_DEPTH,
            });
        }
    }
    Ok(parser.finish())
}

/// The tree html5ever built, checked before main-text extraction walks it (recursively, and
/// once per candidate node) and serialises it: its real depth, and the serialiser's cost on
/// its text.
fn check_tree(r: &Readability) -> Result<(), HtmlError> {
    let (mut deepest, mut escape) = (0usize, 0u64);
    // (node, depth, inside a script or style, which extraction drops before serialising)
    let mut todo = vec![(r.doc.root(), 0usize, false)];
    while let Some((node, depth, mut code)) = todo.pop() {
        if node.is_text() && !code {
            escape = escape.saturating_add(guard::escape_cost(node.text().as_bytes(), false));
        } else if node.is_element() {
            deepest = deepest.max(depth);
            code = code || node.has_name("script") || node.has_name("style");
            for a in node.attrs() {
                escape = escape.saturating_add(guard::escape_cost(a.value.as_bytes(), true));
            }
        }
        let mut child = node.first_child();
        while let Some(c) = child {
            child = c.next_sibling();
            todo.push((c, depth + 1, code));
        }
    }
    if deepest > MAX_HTML_DEPTH {
        return Err(HtmlError::TooDeep {
            depth: deepest,
            limit: MAX_HTML_DEPTH,
        });
    }
    if escape > MAX_HTML_ESCAPE_COST {
        return Err(HtmlError::TooCostly(format!(
            "text with long runs of `&` or non-breaking spaces that would take the serialiser \
             over {MAX_HTML_ESCAPE_COST} bytes of searching"
        )));
    }
    Ok(())
}

/// Lines that pages put between paragraphs (`Advertisement`), from the grammar folder.
fn is_boilerplate(line: &str) -> bool {
    static LINES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let lines = LINES.get_or_init(|| {
        include_str!("../../grammar/boilerplate_lines.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_lowercase)
            .collect()
    });
    // Only short lines can match; spare the lowercasing of every paragraph.
    line.len() <= 48 && lines.iter().any(|b| *b == line.to_lowercase())
}

/// One paragraph per line, no blank lines, no stray indentation: the shape of a plain-text
/// article, so HTML and text of the same story read the same.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = line.trim_matches(|c: char| c.is_whitespace());
        if line.is_empty() || is_boilerplate(line) {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        // Runs of spaces inside a paragraph come from the markup's indentation.
        let mut space = false;
        for c in line.chars() {
            if c.is_whitespace() {
                space = true;
            } else {
                if space {
                    out.push(' ');
                    space = false;
                }
                out.push(c);
            }
        }
    }
    out.push('\n');
    out
}

/// The deepest nesting of open elements the tree builder will make of `html` (see
/// [`guard`]): end tags close only what they match, `<div/>` opens a div, implied end tags
/// close paragraphs, list items and cells. Linear in the page.
#[cfg(test)]
fn nesting_depth(html: &str) -> usize {
    guard::scan(html).depth
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_of_an_address() {
        assert_eq!(
            host("https://www.nytimes.com/2025/07/x.html"),
            Some("nytimes.com")
        );
        assert_eq!(
            host("http://user@foxnews.com:8080/a?b"),
            Some("foxnews.com")
        );
        assert_eq!(host("not a url"), None);
    }

    #[test]
    fn depth_counts_open_elements_only() {
        assert_eq!(nesting_depth("<p>a<br>b<img src=x/></p>"), 1);
        assert_eq!(nesting_depth("<div><div><span>x</span></div></div>"), 3);
        assert_eq!(nesting_depth(&"<div>".repeat(10_000)), 10_000);
        assert_eq!(nesting_depth("a < b and <"), 0);
    }

    #[test]
    fn deep_nesting_is_refused_not_a_crash() {
        let html = format!(
            "<html><body>{}\"Hi,\" she said.</body></html>",
            "<div>".repeat(100_000)
        );
        let e = extract(&html, None).unwrap_err();
        assert!(matches!(e, HtmlError::TooDeep { .. }), "{e}");
        let e = e.to_string();
        assert!(e.contains("nested") && e.contains("--raw-html"), "{e}");
    }

    #[test]
    fn costly_markup_is_refused_with_its_reason() {
        let attrs: String = (0..2000).map(|i| format!(" a{i}=x")).collect();
        let e = extract(
            &format!("<html><body><div{attrs}>x</div></body></html>"),
            None,
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("2000 attributes") && e.contains("--raw-html"),
            "{e}"
        );
        // Misnested tags that a tag count reads as shallow.
        let e = extract(&"<div></x>".repeat(1000), None).unwrap_err();
        assert!(matches!(e, HtmlError::TooDeep { depth: 1000, .. }), "{e}");
        // A misnesting the pre-scan does not follow (the adoption agency moving `nobr`s
        // around selects): parsing stops when the tree gets too deep.
        let html = format!("<html><body><p>x</p>{}", "<nobr><select>".repeat(4000));
        assert!(guard::scan(&html).depth < MAX_HTML_DEPTH);
        let e = extract(&html, None).unwrap_err();
        assert!(matches!(e, HtmlError::TooDeep { .. }), "{e}");
    }

    #[test]
    fn nesting_just_under_the_limit_is_read() {
        // Test threads have 2 MiB stacks, less than the main thread's 8 MiB.
        let n = MAX_HTML_DEPTH - 3;
        let html = format!(
            "<html><body>{}<p>\"We will win,\" she said, and the crowd, which had waited in the rain for hours outside the hall, cheered for a long time.</p>{}</body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let page = extract(&html, None).unwrap();
        assert!(page.text.contains("she said"), "{}", page.text);
    }

    #[test]
    fn main_text_without_the_boilerplate() {
        let story = "\"We will not back down,\" Mayor Jane Smith said on Tuesday at a rally outside city hall, where hundreds had gathered since the morning to protest the plan.";
        let html = format!(
            r#"<html><head><title>Rally - Daily Bugle</title><meta property="og:site_name" content="Daily Bugle"></head>
            <body><nav><a href="/">Home</a> <a href="/x">"Quoted" nav link</a></nav>
            <article><h1>Rally</h1><p>{story}</p>{p2}{p2}</article>
            <aside class="related"><a href="/y">Senator says "no deal"</a></aside>
            <script>var s = "he said \"no\"";</script></body></html>"#,
            p2 = "<p>The mayor spoke for twenty minutes about the budget, the schools and the transport plan that the council will vote on next month, and took questions from reporters.</p>"
        );
        let page = extract(&html, None).unwrap();
        assert!(page.text.starts_with(story), "{}", page.text);
        assert!(!page.text.contains("no deal"));
        assert!(!page.text.contains("nav link"));
        assert!(!page.text.contains("var s"));
        assert_eq!(page.site_name.as_deref(), Some("Daily Bugle"));
        assert_eq!(page.outlet().as_deref(), Some("Daily Bugle"));
    }

    #[test]
    fn a_page_without_text_is_an_error() {
        let e = extract(
            "<html><body><script>var a = \"x\";</script></body></html>",
            None,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("no article text"), "{e}");
    }

    #[test]
    fn tidy_makes_one_paragraph_per_line() {
        assert_eq!(tidy("  a   b \n\n\n   c\n"), "a b\nc\n");
        assert_eq!(
            tidy("a\n  ADVERTISEMENT \nb\nStory continues below advertisement\n"),
            "a\nb\n"
        );
    }
}
