//! The first stage: turn paths and readers into [`Article`]s.
//!
//! Files and directories (walked recursively, sorted by path), `-` for stdin. `.jsonl` and
//! `.ndjson` files hold one article per line (`{"id", "text" or "html", "outlet"?, "url"?,
//! "date"?, "title"?, "story"?}`); `.html`/`.htm` files are web pages, read through main-text
//! extraction (dom_smoothie's Readability) unless `raw_html` is set; any other file is one plain-text
//! article. On standard input (`-`) the first non-blank byte decides: `{` JSON Lines, `<`
//! HTML, anything else plain text. JSON Lines are streamed: one article at a time is held
//! in memory.
//!
//! Bad input never stops the run: a line that is not JSON or has no `text` becomes a skipped
//! [`Diagnostic`] naming the file and line; a binary file is skipped; invalid UTF-8 is
//! decoded lossily with a warning. Every article read is either passed on or skipped.
//!
//! This module and [`crate::Config::load`] are the only places that touch the file system.
//!
//! ```
//! use quotecheck::input::{self, Event, InputOptions};
//! let lines = "{\"id\": \"a\", \"text\": \"\\\"Yes,\\\" he said.\"}\n{broken\n";
//! let mut articles = Vec::new();
//! let mut skipped = Vec::new();
//! input::read_jsonl("feed.jsonl", lines.as_bytes(), &InputOptions::default(), &mut |e| match e {
//!     Event::Article(a) => articles.push(a),
//!     Event::Diagnostic(d) => skipped.push(d.to_string()),
//! });
//! assert_eq!(articles[0].text, "\"Yes,\" he said.");
//! assert!(skipped[0].starts_with("feed.jsonl:2: skipped: invalid JSON"));
//! ```

use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::error::Error;
use crate::model::{Article, ArticleQuotes, Diagnostic, Source, StoryType, TextSource};

mod html;
mod records;

pub use html::{MAX_HTML_BYTES, MAX_HTML_DEPTH};

/// What reading produces, in input order.
#[derive(Debug)]
pub enum Event {
    /// An article, ready for `extract`.
    Article(Article),
    /// An input skipped, or a warning about one that was read.
    Diagnostic(Diagnostic),
}

/// How to read inputs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InputOptions {
    /// Outlet for plain-text articles (default: the file stem) and for JSON Lines articles
    /// that have none.
    pub outlet: Option<String>,
    /// Group articles into stories by this JSON Lines field instead of `story`.
    pub group_by: Option<String>,
    /// Read HTML (files and the JSON Lines `html` field) as text, without main-text
    /// extraction: markup tags are then skipped by the extractor, but menus, related links
    /// and comments are read as if they were the article.
    pub raw_html: bool,
}

/// The JSON Lines record; unknown fields are ignored. `id` and `story` are kept as written
/// (a number keeps its digits, however many).
#[derive(Deserialize)]
struct Record {
    id: Option<Box<RawValue>>,
    text: Option<String>,
    html: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
    date: Option<String>,
    title: Option<String>,
    story: Option<Box<RawValue>>,
}

/// A JSON value as the text of an id or a story name, and whether it was a string: a string
/// is itself; a number its digits as written (no rounding through a float); `true`, an
/// array or an object its compact JSON; `null` nothing.
fn value_text(raw: Option<&RawValue>) -> Option<(String, bool)> {
    let json = raw?.get();
    match json.as_bytes().first() {
        Some(b'n') => None,
        Some(b'"') => serde_json::from_str::<String>(json).ok().map(|s| (s, true)),
        Some(b'-' | b'0'..=b'9') => Some((json.to_string(), false)),
        _ => serde_json::from_str::<serde_json::Value>(json)
            .ok()
            .map(|v| (v.to_string(), false)),
    }
}

/// Expands paths into files: directories walked recursively in sorted order; `-` kept.
/// A path that does not exist is reported through `sink` and left out.
pub(crate) fn expand_paths(paths: &[PathBuf], sink: &mut dyn FnMut(Event)) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(p.clone());
            continue;
        }
        match fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, &mut out, sink),
            Ok(_) => out.push(p.clone()),
            Err(e) => sink(Event::Diagnostic(Diagnostic::skipped(
                p.display().to_string(),
                None,
                format!("cannot read: {e}; check the path"),
            ))),
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, sink: &mut dyn FnMut(Event)) {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            sink(Event::Diagnostic(Diagnostic::skipped(
                dir.display().to_string(),
                None,
                format!("cannot read directory: {e}; check its permissions"),
            )));
            return;
        }
    };
    let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    children.sort();
    for c in children {
        let name = c.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') {
            continue; // hidden files and folders (.git) are not articles
        }
        if c.is_dir() {
            walk(&c, out, sink);
        } else {
            out.push(c);
        }
    }
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

fn is_jsonl(path: &Path) -> bool {
    matches!(extension(path).as_deref(), Some("jsonl" | "ndjson"))
}

fn is_html(path: &Path) -> bool {
    matches!(extension(path).as_deref(), Some("html" | "htm" | "xhtml"))
}

/// Standard input cannot be read when it is a terminal: nothing would ever arrive. Refusing
/// `-` then is a usage error, never a hang.
pub(crate) fn check_stdin(paths: &[PathBuf]) -> Result<(), Error> {
    use std::io::IsTerminal;
    if paths.iter().any(|p| p.as_os_str() == "-") && io::stdin().is_terminal() {
        return Err(Error::StdinIsTerminal);
    }
    Ok(())
}

/// Reads every path and sends its articles (or why they were skipped) to `sink`, in order.
pub fn read_paths(paths: &[PathBuf], opts: &InputOptions, sink: &mut dyn FnMut(Event)) {
    let files = expand_paths(paths, sink);
    for f in files {
        read_file(&f, opts, sink);
    }
}

/// Reads one file (or stdin for `-`).
pub(crate) fn read_file(path: &Path, opts: &InputOptions, sink: &mut dyn FnMut(Event)) {
    if path.as_os_str() == "-" {
        read_reader("-", io::stdin().lock(), opts, sink);
        return;
    }
    let name = path.display().to_string();
    let reader = match open(path, &name) {
        Ok(r) => r,
        Err(s) => {
            sink(Event::Diagnostic(s));
            return;
        }
    };
    let reader = BufReader::with_capacity(1 << 16, reader);
    if is_jsonl(path) {
        read_jsonl(&name, reader, opts, sink);
    } else {
        read_text(&name, &stem(path), reader, is_html(path), opts, sink);
    }
}

/// Reads articles from any reader, named `name` in ids and messages. With no extension to
/// go by, the first non-blank byte tells the format, as for standard input: `{` JSON Lines,
/// `<` an HTML page, anything else one plain-text article (whose outlet, unless the options
/// give one, is `name` without its extension).
///
/// ```
/// use quotecheck::input::{self, Event, InputOptions};
/// let page = "<html><body><article><p>\"We will win,\" Mayor Jane Smith said on Tuesday at a rally \
///     outside city hall, where hundreds had gathered since the morning.</p></article></body></html>";
/// let mut articles = Vec::new();
/// input::read_reader("rally.html", page.as_bytes(), &InputOptions::default(), &mut |e| {
///     if let Event::Article(a) = e {
///         articles.push(a)
///     }
/// });
/// assert!(articles[0].text.starts_with("\"We will win,\""));
/// ```
pub fn read_reader(
    name: &str,
    reader: impl Read,
    opts: &InputOptions,
    sink: &mut dyn FnMut(Event),
) {
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    let first = sniff(&mut reader);
    if first == Some(b'{') {
        read_jsonl(name, reader, opts, sink);
    } else {
        read_text(
            name,
            &stem(Path::new(name)),
            reader,
            first == Some(b'<'),
            opts,
            sink,
        );
    }
}

/// A file's name without its extension: the default outlet of a plain-text article.
fn stem(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("stdin")
        .to_string()
}

/// The first byte that is not ASCII white space, without consuming anything but the
/// white space itself (which no format needs).
fn sniff(reader: &mut impl BufRead) -> Option<u8> {
    loop {
        let buf = reader.fill_buf().ok()?;
        if buf.is_empty() {
            return None;
        }
        match buf.iter().position(|b| !b.is_ascii_whitespace()) {
            Some(i) => {
                let b = buf[i];
                reader.consume(i);
                return Some(b);
            }
            None => {
                let n = buf.len();
                reader.consume(n);
            }
        }
    }
}

/// Opens a file, or standard input for `-`; the error names the file and what to do.
fn open(path: &Path, name: &str) -> Result<Box<dyn Read>, Diagnostic> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(io::stdin().lock()));
    }
    match fs::File::open(path) {
        Ok(f) => Ok(Box::new(f)),
        Err(e) => Err(Diagnostic::skipped(
            name,
            None,
            format!("cannot open: {e}; check the path and its permissions"),
        )),
    }
}

/// Calls `line(n, bytes)` for every non-blank line, trimmed, `n` counting lines from 1.
/// A read error ends the file: its line number and the error are returned.
fn each_line(
    mut reader: impl BufRead,
    mut line: impl FnMut(usize, &[u8]),
) -> Option<(usize, io::Error)> {
    let mut buf = Vec::new();
    let mut n = 0usize;
    loop {
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => return None,
            Ok(_) => n += 1,
            Err(e) => return Some((n + 1, e)),
        }
        let l = trim_ascii(&buf);
        if !l.is_empty() {
            line(n, l);
        }
    }
}

fn read_error(name: &str, line: usize, e: &io::Error) -> Diagnostic {
    Diagnostic::skipped(
        name,
        Some(line),
        format!("read error: {e}; the rest of the file was not read"),
    )
}

/// Decodes bytes as UTF-8, lossily with a warning when they are not.
fn decode(bytes: Vec<u8>, path: &str, line: Option<usize>, sink: &mut dyn FnMut(Event)) -> String {
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            sink(Event::Diagnostic(Diagnostic::warning(
                path,
                line,
                format!(
                    "invalid UTF-8 at byte {at}; invalid bytes were replaced with U+FFFD, so offsets refer to the repaired text (convert the file to UTF-8 to keep them exact)"
                ),
            )));
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    }
}

/// Whether bytes look like a binary file: a NUL byte in the first 8 KiB.
fn looks_binary(bytes: &[u8]) -> bool {
    memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some()
}

fn read_text(
    name: &str,
    stem: &str,
    mut reader: impl Read,
    html: bool,
    opts: &InputOptions,
    sink: &mut dyn FnMut(Event),
) {
    let mut bytes = Vec::new();
    if let Err(e) = reader.read_to_end(&mut bytes) {
        sink(Event::Diagnostic(Diagnostic::skipped(
            name,
            None,
            format!("read error: {e}"),
        )));
        return;
    }
    if looks_binary(&bytes) {
        sink(Event::Diagnostic(Diagnostic::skipped(
            name,
            None,
            "binary file (contains NUL bytes), not an article; pass plain text or JSON Lines (.jsonl)",
        )));
        return;
    }
    let text = decode(bytes, name, None, sink);
    let mut article = Article {
        id: name.to_string(),
        outlet: opts.outlet.clone(),
        text,
        source: Source {
            path: name.to_string(),
            line: None,
        },
        ..Article::default()
    };
    if html && !opts.raw_html {
        if let Err(e) = from_html(&mut article) {
            sink(Event::Diagnostic(Diagnostic::skipped(
                name,
                None,
                e.to_string(),
            )));
            return;
        }
    }
    if article.outlet.is_none() {
        article.outlet = Some(stem.to_string());
    }
    sink(Event::Article(article));
}

/// Replaces an article's HTML by the page's main text, filling what the record did not
/// give (title, byline, date, address, outlet) from the page.
fn from_html(a: &mut Article) -> Result<(), crate::error::HtmlError> {
    let page = html::extract(&a.text, a.url.as_deref())?;
    a.outlet = a.outlet.take().or_else(|| page.outlet());
    a.title = a.title.take().or_else(|| page.title.clone());
    a.date = a.date.take().or_else(|| page.published.clone());
    a.url = a.url.take().or(page.url);
    a.byline = page.byline;
    a.text = page.text;
    a.text_source = TextSource::Html;
    Ok(())
}

/// Reads JSON Lines articles from `reader` (named `name` in messages): one article per
/// line, or a skipped diagnostic naming the line.
pub fn read_jsonl(
    name: &str,
    reader: impl BufRead,
    opts: &InputOptions,
    sink: &mut dyn FnMut(Event),
) {
    let ended = each_line(reader, |line_no, line| {
        let skip =
            |reason: String| Event::Diagnostic(Diagnostic::skipped(name, Some(line_no), reason));
        let rec: Record = match serde_json::from_slice(line) {
            Ok(r) => r,
            Err(e) if e.is_data() => {
                sink(skip(format!(
                    "not an article object: {}; each line must be a JSON object with a string \"text\"",
                    json_error(&e)
                )));
                return;
            }
            Err(e) => {
                // Invalid UTF-8 inside a JSON string: repair and retry once.
                if std::str::from_utf8(line).is_err() {
                    let repaired = decode(line.to_vec(), name, Some(line_no), sink);
                    match serde_json::from_str::<Record>(&repaired) {
                        Ok(r) => r,
                        Err(e) => {
                            sink(skip(format!(
                                "invalid JSON: {}; fix or remove the line",
                                json_error(&e)
                            )));
                            return;
                        }
                    }
                } else {
                    sink(skip(format!(
                        "invalid JSON: {}; fix or remove the line",
                        json_error(&e)
                    )));
                    return;
                }
            }
        };
        // `text` wins over `html` when a record has both.
        let (text, is_html) = match (rec.text, rec.html) {
            (Some(t), _) => (t, false),
            (None, Some(h)) => (h, !opts.raw_html),
            (None, None) => {
                sink(skip(
                    "no \"text\" or \"html\" field; each line must be a JSON object with a string \"text\" (or \"html\"), and optionally \"id\", \"outlet\", \"url\", \"date\", \"title\", \"story\"".into(),
                ));
                return;
            }
        };
        let id =
            value_text(rec.id.as_deref()).map_or_else(|| format!("{name}:{line_no}"), |(id, _)| id);
        let story_value = match &opts.group_by {
            // Another field names the story: read the line once more, as a map.
            Some(field) if field != "story" => {
                serde_json::from_slice::<std::collections::HashMap<String, Box<RawValue>>>(line)
                    .ok()
                    .and_then(|mut m| m.remove(field))
            }
            _ => rec.story,
        };
        // `5` and `"5"` name different stories: the type goes with the name.
        let (story, story_type) = match value_text(story_value.as_deref()) {
            Some((s, true)) => (Some(s), StoryType::String),
            Some((s, false)) => (Some(s), StoryType::Value),
            None => (None, StoryType::String),
        };
        let mut article = Article {
            id,
            outlet: rec.outlet.or_else(|| opts.outlet.clone()),
            url: rec.url,
            date: rec.date,
            title: rec.title,
            story,
            story_type,
            text,
            source: Source {
                path: name.to_string(),
                line: Some(line_no),
            },
            ..Article::default()
        };
        if is_html {
            if let Err(e) = from_html(&mut article) {
                sink(skip(e.to_string()));
                return;
            }
        }
        sink(Event::Article(article));
    });
    if let Some((line, e)) = ended {
        sink(Event::Diagnostic(read_error(name, line, &e)));
    }
}

/// Calls `line(path, line_no, bytes)` for every non-empty line of every file (directories
/// walked, `-` for stdin), in order; a file that cannot be read goes to `skip`.
pub(crate) fn read_lines(
    paths: &[PathBuf],
    line: &mut dyn FnMut(&str, usize, &[u8]),
    skip: &mut dyn FnMut(Diagnostic),
) {
    let mut sink = |e: Event| {
        if let Event::Diagnostic(d) = e {
            skip(d)
        }
    };
    for path in expand_paths(paths, &mut sink) {
        let name = path.display().to_string();
        let reader = match open(&path, &name) {
            Ok(r) => r,
            Err(s) => {
                skip(s);
                continue;
            }
        };
        let reader = BufReader::with_capacity(1 << 16, reader);
        if let Some((n, e)) = each_line(reader, |n, l| line(&name, n, l)) {
            skip(read_error(&name, n, &e));
        }
    }
}

/// The JSON object of a line: the line itself when it is one, else what follows the first
/// tab that is followed by one, so that `KEY<TAB>RECORD` lines (from `fingerprint`, or a
/// Spark TRANSFORM with any number of key columns) read like bare records. JSON allows tabs
/// between its tokens (never inside a string), so the record may hold tabs too. `None` when
/// the line holds no object (a key with nothing after it).
pub(crate) fn json_field(line: &[u8]) -> Option<&[u8]> {
    let line = trim_ascii(line);
    if line.first() == Some(&b'{') {
        return Some(line);
    }
    memchr::memchr_iter(b'\t', line)
        .map(|i| trim_ascii(&line[i + 1..]))
        .find(|rest| rest.first() == Some(&b'{'))
}

/// Reads extract records (`extract --format jsonl --with-text` lines, optionally behind a
/// `KEY<TAB>`): each becomes an [`ArticleQuotes`] with its text back in the article, or a
/// skipped [`Diagnostic`] naming the file and line. A record whose offsets do not fit its
/// text (a span outside it or inside a character, a reported text that is not the text
/// between its offsets) is skipped too.
pub fn read_records(
    paths: &[PathBuf],
    record: &mut dyn FnMut(ArticleQuotes),
    skip: &mut dyn FnMut(Diagnostic),
) {
    let mut bad: Vec<Diagnostic> = Vec::new();
    read_lines(
        paths,
        &mut |path, n, line| {
            let fail = |reason: String| Diagnostic::skipped(path, Some(n), reason);
            let Some(json) = json_field(line) else {
                bad.push(fail(
                    "no JSON object on the line; records are the lines of `quotecheck extract --format jsonl --with-text`, optionally after KEY<TAB>".into(),
                ));
                return;
            };
            match serde_json::from_slice::<ArticleQuotes>(json) {
                Ok(mut a) => match a.text.take() {
                    Some(t) => {
                        a.article.text = t;
                        a.article.source = Source {
                            path: path.to_string(),
                            line: Some(n),
                        };
                        match records::offset_problem(&a) {
                            None => record(a),
                            Some(p) => bad.push(fail(format!(
                                "{p}; a record's offsets must fit its text: write records with `quotecheck extract --format jsonl --with-text` and keep them as written"
                            ))),
                        }
                    }
                    None => bad.push(fail(
                        "record has no \"text\"; write records with `quotecheck extract --format jsonl --with-text`".into(),
                    )),
                },
                Err(e) => bad.push(fail(format!(
                    "not an extract record: {}; records are the lines of `quotecheck extract --format jsonl --with-text`",
                    json_error(&e)
                ))),
            }
        },
        skip,
    );
    for b in bad {
        skip(b);
    }
}

/// A JSON error for one line: serde's message with the column, without its `line 1`.
fn json_error(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
    format!("{msg} (column {})", e.column())
}

fn trim_ascii(b: &[u8]) -> &[u8] {
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(start, |e| e + 1);
    &b[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_jsonl_str(s: &str) -> Vec<Event> {
        let mut v = Vec::new();
        read_jsonl(
            "t.jsonl",
            s.as_bytes(),
            &InputOptions::default(),
            &mut |e| v.push(e),
        );
        v
    }

    #[test]
    fn broken_lines_are_skipped_with_their_line_number() {
        let s = "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\"text\":\"y\"}\n{broken\n\n{\"id\":\"e\"}\n{\"id\":7,\"text\":\"z\"}\n";
        let ev = read_jsonl_str(s);
        let mut ids = Vec::new();
        let mut skipped = Vec::new();
        for e in ev {
            match e {
                Event::Article(a) => ids.push(a.id),
                Event::Diagnostic(s) => skipped.push((s.line, s.message)),
            }
        }
        assert_eq!(ids, vec!["a", "b", "7"]);
        assert_eq!(skipped.len(), 2);
        assert_eq!(skipped[0].0, Some(3));
        assert!(skipped[0].1.starts_with("invalid JSON"));
        assert_eq!(skipped[1].0, Some(5));
        assert!(skipped[1].1.contains("no \"text\""));
    }

    #[test]
    fn binary_text_is_skipped() {
        let mut v = Vec::new();
        read_text(
            "b.bin",
            "b",
            &b"\0\0\0abc"[..],
            false,
            &InputOptions::default(),
            &mut |e| v.push(e),
        );
        assert!(
            matches!(&v[0], Event::Diagnostic(s) if s.is_skipped() && s.message.contains("binary"))
        );
    }

    #[test]
    fn invalid_utf8_is_repaired_with_a_warning() {
        let mut v = Vec::new();
        read_text(
            "u.txt",
            "u",
            &b"\"caf\xe9 ok\" he said"[..],
            false,
            &InputOptions::default(),
            &mut |e| v.push(e),
        );
        assert!(
            matches!(&v[0], Event::Diagnostic(w) if !w.is_skipped() && w.message.contains("invalid UTF-8 at byte 4"))
        );
        assert!(matches!(&v[1], Event::Article(a) if a.text.contains('\u{FFFD}')));
    }
}
