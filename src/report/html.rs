//! The HTML pages: the audit as a page a journalist opens (`audit --format html`) and each
//! article with its quotes marked (`extract --format html`).
//!
//! One self-contained file each: the style sheet and the audit's filter script are inlined
//! (`page/`), nothing is fetched, and the page works from `file://` with scripts off (every
//! family is then shown and the filter form stays hidden). Rendered with maud: its templates
//! are checked when the crate compiles and escape every value, so article text, ids, names
//! and addresses are always text on the page. Only `http:` and `https:` addresses become
//! links.

use std::collections::BTreeSet;
use std::io::{self, Write};

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::model::report::summary;
use crate::model::{
    Appearance, ArticleQuotes, Category, DiffBlock, Family, Finding, Kind, Op, Severity, Story,
    Summary, View,
};

use super::table::is_web_address;

const CSS: &str = include_str!("page/page.css");
const AUDIT_JS: &str = include_str!("page/audit.js");

/// The levels a family can be shown at, most severe first (the filter's checkboxes).
const LEVELS: [Severity; 4] = [
    Severity::High,
    Severity::Medium,
    Severity::Low,
    Severity::Info,
];

/// The page's head: character set, a viewport for phones, the title and the style sheet.
fn head(title: &str) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            meta name="generator" content=(concat!("quotecheck ", env!("CARGO_PKG_VERSION")));
            title { (title) }
            style { (PreEscaped(CSS)) }
        }
    }
}

/// A link to the article at `url`, labelled with its host, when it is a web address; any
/// other address (`javascript:…`, a path) as text.
fn link(url: &str) -> Markup {
    let url = url.trim();
    html! {
        @if is_web_address(url) {
            @let host = url.split_once("://").map_or(url, |(_, rest)| rest);
            @let host = host.split(['/', '?', '#']).next().unwrap_or(host);
            a href=(url) rel="noopener noreferrer" title=(url) { (host) }
        } @else {
            span title="not a web address" { (url) }
        }
    }
}

/// Whether an inserted text is an elision mark (`…`, `...`, `[...]`, `. . .`).
fn is_ellipsis(text: &str) -> bool {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '[' | ']' | '(' | ')'))
        .collect();
    !t.is_empty() && t.chars().all(|c| c == '.' || c == '…')
}

/// A version's words against the reference: dropped words in `<del>`, added words in
/// `<ins>`, an ellipsis marked as one; each mark says what it is to a screen reader.
fn diff(blocks: &[DiffBlock]) -> Markup {
    html! {
        @for (i, b) in blocks.iter().enumerate() {
            @if i > 0 { " " }
            @match b.op {
                Op::Equal => { (b.text) }
                Op::Delete => { del { span.sr { "dropped: " } (b.reference) } }
                Op::Insert => {
                    @if is_ellipsis(&b.text) {
                        ins.ellipsis { span.sr { "ellipsis: " } (b.text) }
                    } @else {
                        ins { span.sr { "added: " } (b.text) }
                    }
                }
                Op::Replace => {
                    del { span.sr { "replaced: " } (b.reference) }
                    @if is_ellipsis(&b.text) {
                        ins.ellipsis { span.sr { "by an ellipsis: " } (b.text) }
                    } @else {
                        ins { span.sr { "by: " } (b.text) }
                    }
                }
            }
        }
    }
}

fn badge(s: Severity) -> Markup {
    html! { span class={ "badge sev-" (s.name()) } { (s.name()) } }
}

fn finding(x: &Finding) -> Markup {
    html! {
        li id=(x.id) {
            (badge(x.severity)) " "
            strong { (x.category.name()) }
            @if x.meaning_sensitive { " (meaning-sensitive)" }
            ": " (x.detail) " "
            span.muted { "(" (x.id) ")" }
        }
    }
}

/// Who the article says spoke: the name, the words naming them, the rule and how sure it is.
fn speaker(a: &Appearance) -> Markup {
    html! {
        p.speaker {
            @match &a.speaker {
                None => { span.muted { "no speaker found" } }
                Some(name) => {
                    "Speaker: " strong { (name) }
                    @if let Some(m) = a.speaker_mention.as_deref().filter(|m| *m != name) {
                        " (“" (m) "”)"
                    }
                    @if let Some(at) = &a.attribution {
                        br;
                        span.muted {
                            "rule " (at.rule.name())
                            " · confidence " (format!("{:.2}", at.confidence))
                            @if at.explicit { " · named in the quote's sentence" }
                            @else { " · not named in the quote's sentence" }
                        }
                    }
                }
            }
        }
    }
}

/// One version of a quote: where it is, who said it, its words (the reference's whole,
/// another's against the reference) and what differs.
fn version(a: &Appearance) -> Markup {
    html! {
        section class={ "version" @if a.is_reference { " reference" } } {
            h4 {
                (a.outlet)
                @if a.is_reference { " — reference" }
            }
            p.source {
                (a.article_id)
                @if let Some(d) = &a.date { " · " (d) }
                @if let Some(u) = &a.url { " · " (link(u)) }
            }
            (speaker(a))
            @if a.is_reference || a.diff.is_empty() {
                blockquote.quote { (a.text) }
            } @else {
                p.diff { (diff(&a.diff)) }
            }
            @if !a.findings.is_empty() {
                ul.findings { @for x in &a.findings { (finding(x)) } }
            }
        }
    }
}

/// `1 high, 3 medium, 12 info`: the families of a story by their severity.
fn by_severity(families: &[&Family]) -> String {
    LEVELS
        .iter()
        .filter_map(|&l| {
            let n = families.iter().filter(|f| f.severity == l).count();
            (n > 0).then(|| format!("{n} {}", l.name()))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn family(story_no: usize, f: &Family) -> Markup {
    let cats: Vec<&str> = f.categories.iter().map(|c| c.name()).collect();
    let anchor = format!("s{story_no}-{}", f.id);
    html! {
        article class={ "family sev-" (f.severity.name()) } id=(anchor)
            data-severity=(f.severity.name()) data-categories=(cats.join(" "))
            data-outlets=(f.outlets.join("\n")) {
            h3 {
                a href={ "#" (anchor) } { (f.id) } " "
                (badge(f.severity)) " "
                (cats.join(", "))
            }
            p.meta {
                (crate::text::count(f.appearances.len(), "version", "versions"))
                " in " (f.outlets.join(", "))
                @if let Some(s) = &f.speaker { " · " (s) }
                @if !f.siblings.is_empty() { " · its other sentences: " (f.siblings.join(", ")) }
            }
            @if !f.findings.is_empty() {
                ul.family-findings { @for x in &f.findings { (finding(x)) } }
            }
            div.versions {
                @for a in f.appearances.iter().filter(|a| a.is_reference) { (version(a)) }
                @for a in f.appearances.iter().filter(|a| !a.is_reference) { (version(a)) }
            }
        }
    }
}

/// The audit page: the summary, the filters, then per story its families (those with a
/// finding of info or above, as in the text report), the most severe first.
pub(crate) fn write_audit_html(
    out: &mut impl Write,
    stories: &[&Story],
    all: &[&Story],
    view: &View,
) -> io::Result<()> {
    let min = view.min_severity.max(Severity::Info);
    let shown = |f: &&Family| f.severity >= min && f.categories != [Category::Verbatim];
    let s = summary(all);
    let mut categories = BTreeSet::new();
    let mut outlets = BTreeSet::new();
    let mut n_shown = 0;
    for f in stories
        .iter()
        .flat_map(|st| st.families.iter())
        .filter(shown)
    {
        n_shown += 1;
        categories.extend(f.categories.iter().map(|c| c.name()));
        outlets.extend(f.outlets.iter().map(String::as_str));
    }
    let title = format!(
        "Quote audit: {}, {} with findings",
        crate::text::count(s.stories, "story", "stories"),
        crate::text::count(n_shown, "family", "families")
    );
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            (head(&title))
            body {
                header {
                    h1 { "Quote audit" }
                    p {
                        (crate::text::count(s.stories, "story", "stories")) ", "
                        (crate::text::count(s.articles, "article", "articles")) ", "
                        (crate::text::count(s.quotes, "quote", "quotes")) " in "
                        (crate::text::count(s.families, "family", "families")) ", "
                        (s.shared_families) " shared across outlets; outlets: "
                        (s.outlets.join(", ")) "."
                    }
                    div.summary {
                        table.counts {
                            caption.sr { "Families by their highest severity" }
                            tr { th scope="col" { "severity" } th scope="col" { "families" } }
                            @for l in LEVELS {
                                tr {
                                    td { (badge(l)) }
                                    td.n { (s.by_severity.get(l.name()).copied().unwrap_or(0)) }
                                }
                            }
                        }
                        table.counts {
                            caption.sr { "Findings by category" }
                            tr { th scope="col" { "category" } th scope="col" { "findings" } }
                            @for (c, n) in &s.by_category {
                                tr { td { (c) } td.n { (n) } }
                            }
                        }
                    }
                }
                form #filters .filters hidden aria-label="Filter the families" {
                    fieldset {
                        legend { "Severity" }
                        @for l in LEVELS {
                            label { input type="checkbox" name="severity" value=(l.name()) checked; " " (l.name()) }
                        }
                    }
                    label {
                        "Category "
                        select name="category" {
                            option value="" { "any" }
                            @for c in &categories { option value=(c) { (c) } }
                        }
                    }
                    label {
                        "Outlet "
                        select name="outlet" {
                            option value="" { "any" }
                            @for o in &outlets { option value=(o) { (o) } }
                        }
                    }
                    label { "Search " input type="search" name="q" placeholder="words, speaker, outlet"; }
                    output #shown aria-live="polite" {}
                }
                @if stories.len() > 1 {
                    // Many stories: an index to jump to each, with what it holds.
                    nav aria-label="Stories" {
                        details {
                            summary { "Stories (" (stories.len()) ")" }
                            ol.index {
                                @for (i, st) in stories.iter().enumerate() {
                                    @let families: Vec<&Family> = st.families.iter().filter(shown).collect();
                                    @if !families.is_empty() {
                                        li {
                                            a href={ "#story-" (i + 1) } { (st.story) }
                                            " — " (by_severity(&families))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                main {
                    @if n_shown == 0 {
                        p.none-shown { "No findings." }
                    }
                    @for (i, st) in stories.iter().enumerate() {
                        @let families: Vec<&Family> = st.families.iter().filter(shown).collect();
                        @if !families.is_empty() {
                            section.story id={ "story-" (i + 1) } {
                                h2 { "Story " (st.story) }
                                p.meta {
                                    (crate::text::count(st.articles, "article", "articles"))
                                    " · outlets: " (st.outlets.join(", "))
                                }
                                @for f in families { (family(i + 1, f)) }
                            }
                        }
                    }
                }
                footer.muted {
                    p { "Made by quotecheck " (env!("CARGO_PKG_VERSION")) ". "
                        "Each version is compared with the family's reference, its longest version. "
                        "Run " code { "quotecheck explain CATEGORY" } " for what a category means." }
                }
                script { (PreEscaped(AUDIT_JS)) }
            }
        }
    };
    out.write_all(page.into_string().as_bytes())?;
    out.write_all(b"\n")
}

// ---------------------------------------------------------------------------------------------
// extract

/// What a marked stretch of an article's text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Mark {
    /// Quote number `n` of the article.
    Quote(usize),
    Speaker,
    Cue,
}

/// A stretch of text, plain or marked with what is inside it.
enum Node<'a> {
    Text(&'a str),
    Marked(Mark, Vec<Node<'a>>),
}

/// Marks nested deeper than this are shown as text: nesting has no limit in a hostile
/// article, the page's recursion has.
const MAX_DEPTH: usize = 12;

/// The article's text as nodes: quotes, speakers and cues, each a span inside whatever
/// span holds it; a span that crosses the end of the one holding it is cut there.
fn marked_text(a: &ArticleQuotes) -> Vec<Node<'_>> {
    let text = a.text();
    let valid = |s: usize, e: usize| {
        s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
    };
    let mut spans: Vec<(usize, usize, Mark)> = Vec::new();
    for (i, q) in a.quotes.iter().enumerate() {
        if valid(q.start, q.end) {
            spans.push((q.start, q.end, Mark::Quote(i)));
        }
        if let Some(s) = q.speaker.as_ref().filter(|s| valid(s.start, s.end)) {
            spans.push((s.start, s.end, Mark::Speaker));
        }
        if let Some(c) = q.cue.as_ref().filter(|c| valid(c.start, c.end)) {
            spans.push((c.start, c.end, Mark::Cue));
        }
    }
    // Outer spans first: by start, the longer first; a speaker shared by several quotes
    // once.
    spans.sort_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)).then(x.2.cmp(&y.2)));
    spans.dedup();
    let mut next = 0;
    nodes(text, &spans, &mut next, 0, text.len(), 0)
}

/// The nodes of `text[from..to]`, taking the spans from `spans[*next..]` that start in it.
fn nodes<'a>(
    text: &'a str,
    spans: &[(usize, usize, Mark)],
    next: &mut usize,
    from: usize,
    to: usize,
    depth: usize,
) -> Vec<Node<'a>> {
    let mut out = Vec::new();
    let mut at = from;
    while let Some(&(s, e, m)) = spans.get(*next) {
        if s >= to {
            break;
        }
        *next += 1;
        if s < at {
            // Starts inside a span already closed (a crossing span): left unmarked.
            continue;
        }
        let e = e.min(to);
        if s > at {
            out.push(Node::Text(&text[at..s]));
        }
        if depth >= MAX_DEPTH {
            out.push(Node::Text(&text[s..e]));
        } else {
            let inner = nodes(text, spans, next, s, e, depth + 1);
            out.push(Node::Marked(m, inner));
        }
        at = e;
    }
    if at < to {
        out.push(Node::Text(&text[at..to]));
    }
    out
}

fn quote_info(a: &ArticleQuotes, i: usize) -> String {
    let q = &a.quotes[i];
    let mut info = format!("#{} {}", i + 1, q.kind.name());
    if let Some(s) = &q.speaker {
        info.push_str(&format!(" · speaker {}", s.name));
    }
    if let Some(c) = &q.cue {
        info.push_str(&format!(" · cue “{}”", c.text));
    }
    info.push_str(&format!(" · rule {} ({:.2})", q.rule.name(), q.confidence));
    info
}

/// An article's text as an HTML parser will give it back: escaped as maud escapes, and a
/// carriage return written as a character reference (a parser turns a raw one into a line
/// feed). NUL, which no HTML can hold, is shown as U+FFFD, one code point as well.
struct Exact<'a>(&'a str);

impl maud::Render for Exact<'_> {
    fn render_to(&self, buf: &mut String) {
        for c in self.0.chars() {
            match c {
                '&' => buf.push_str("&amp;"),
                '<' => buf.push_str("&lt;"),
                '>' => buf.push_str("&gt;"),
                '"' => buf.push_str("&quot;"),
                '\r' => buf.push_str("&#13;"),
                '\0' => buf.push('\u{FFFD}'),
                c => buf.push(c),
            }
        }
    }
}

fn render(a: &ArticleQuotes, nodes: &[Node<'_>]) -> Markup {
    html! {
        @for n in nodes {
            @match n {
                Node::Text(t) => { (Exact(t)) }
                Node::Marked(Mark::Quote(i), inner) => {
                    mark class={ "q k-" (a.quotes[*i].kind.name()) } tabindex="0"
                        data-info=(quote_info(a, *i)) { (render(a, inner)) }
                }
                Node::Marked(Mark::Speaker, inner) => { span.spk { (render(a, inner)) } }
                Node::Marked(Mark::Cue, inner) => { span.cue { (render(a, inner)) } }
            }
        }
    }
}

/// The extract page's head, legend included: written before the first article.
pub(crate) fn extract_head() -> String {
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            (head("Quotes"))
            body {
                header {
                    h1 { "Quotes" }
                    p.legend {
                        "Marked: " span { mark.q.k-direct { "direct quote" } }
                        span { mark.q.k-partial { "partial quote" } }
                        span { mark.q.k-term { "term or title" } }
                        span { mark.q.k-nested { "nested quote" } }
                        span { span.spk { "speaker" } }
                        span { span.cue { "cue" } }
                        ". Point at a quote or move to it with Tab for its speaker, rule and confidence."
                    }
                }
                main {
                    (PreEscaped("<!-- articles -->"))
                }
            }
        }
    };
    // The page is written in pieces so a large extract streams: everything up to the
    // articles now, the rest by `extract_tail`.
    let page = page.into_string();
    let cut = page.find("<!-- articles -->").unwrap_or(page.len());
    page[..cut].to_string()
}

/// One article: its title and source, the text with every quote marked, and a table of
/// its quotes.
pub(crate) fn extract_article(out: &mut impl Write, n: usize, a: &ArticleQuotes) -> io::Result<()> {
    let m = &a.article;
    let mut by_kind = std::collections::BTreeMap::new();
    for q in &a.quotes {
        *by_kind.entry(q.kind.name()).or_insert(0) += 1;
    }
    let kinds: Vec<String> = Kind::ALL
        .iter()
        .filter_map(|k| by_kind.get(k.name()).map(|c| format!("{c} {}", k.name())))
        .collect();
    let nodes = marked_text(a);
    let section = html! {
        article.doc id={ "a" (n) } {
            h2 { (m.title.as_deref().unwrap_or(&m.id)) }
            p.source {
                (m.id)
                @if let Some(o) = &m.outlet { " · " (o) }
                @if let Some(d) = &m.date { " · " (d) }
                @if let Some(u) = &m.url { " · " (link(u)) }
                " · " (crate::text::count(a.quotes.len(), "quote", "quotes"))
                @if !kinds.is_empty() { " (" (kinds.join(", ")) ")" }
            }
            div.text { (render(a, &nodes)) }
            @if !a.quotes.is_empty() {
                details {
                    summary { "The quotes as a table" }
                    table.quotes {
                        tr {
                            th scope="col" { "#" } th scope="col" { "kind" } th scope="col" { "quote" }
                            th scope="col" { "speaker" } th scope="col" { "cue" } th scope="col" { "rule" }
                            th scope="col" { "confidence" }
                        }
                        @for (i, q) in a.quotes.iter().enumerate() {
                            tr {
                                td { (i + 1) } td { (q.kind.name()) } td { (q.text) }
                                td {
                                    @if let Some(s) = &q.speaker {
                                        (s.name)
                                        @if s.mention != s.name { " (“" (s.mention) "”)" }
                                    }
                                }
                                td { @if let Some(c) = &q.cue { (c.text) } }
                                td { (q.rule.name()) }
                                td { (format!("{:.2}", q.confidence)) }
                            }
                        }
                    }
                }
            }
        }
    };
    out.write_all(section.into_string().as_bytes())?;
    out.write_all(b"\n")
}

/// The end of the extract page: the counts, then the closing tags.
pub(crate) fn extract_tail(out: &mut impl Write, s: &Summary) -> io::Result<()> {
    let tail = html! {
        footer.muted {
            p {
                (crate::text::count(s.articles_processed, "article", "articles")) ", "
                (crate::text::count(s.quotes, "quote", "quotes")) " ("
                (s.attributed) " attributed), "
                (s.articles_skipped) " skipped. Made by quotecheck " (env!("CARGO_PKG_VERSION")) "."
            }
        }
    };
    out.write_all(b"</main>")?;
    out.write_all(tail.into_string().as_bytes())?;
    out.write_all(b"</body></html>\n")
}
