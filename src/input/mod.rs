//! The first stage: turn paths and readers into [`Article`]s.
//!
//! Files and directories (walked recursively, sorted by path), `-` for stdin. `.jsonl` and
//! `.ndjson` files hold one article per line (`{"id", "text" or "html", "outlet"?, "url"?,
//! "date"?, "title"?, "story"?}`); `.html`/`.htm` files are web pages, read through main-text
//! extraction (dom_smoothie's Readability) unless `raw_html` is set; any other file is one plain-text
//! article. On standard input (`-`) the first non-blank byte decides: `{` JSON Lines, `<`
//! HTML, anything else plain text; deciding consumes nothing, so offsets and line numbers
//! count every byte. JSON Lines are streamed: one article at a time is held in memory.
//!
//! Bad input never stops the run: a line that is not JSON or has no `text` becomes a skipped
//! [`Diagnostic`] naming the file and line; a binary file is skipped; invalid UTF-8 is
//! decoded lossily with a warning. Every article read is either passed on or skipped.
//!
//! # What is read, and what is only reported
//!
//! Nothing hangs, nothing is read twice, memory stays a small multiple of the largest
//! article allowed, and every path given is accounted for:
//!
//! - **Regular files only, from walked folders.** A FIFO, socket or device inside a folder
//!   is reported as skipped and never opened. A path named explicitly is read whatever it
//!   is (`<(cmd)` gives a pipe), through the size cap: `/dev/zero` ends as a skip.
//! - **One size cap per article**, [`InputOptions::max_article_bytes`]
//!   (`--max-article-bytes`, `[input] max_article_bytes`, default
//!   [`DEFAULT_MAX_ARTICLE_BYTES`], 64 MiB): a plain file (judged by its length first when
//!   it has one), standard input, an HTML page and each JSON line. No more than the cap and
//!   one byte is ever read into memory; a JSON line over it is read in bounded chunks and
//!   dropped, reported with its file, line and the limit, and the next line is read.
//! - **Symbolic links to folders** are followed only with [`InputOptions::follow`]
//!   (`-L/--follow`), and then a loop (a folder on the walk's stack) or a folder already
//!   walked is reported once and not walked again; without it each such link is reported.
//!   Links to regular files are read.
//! - **Each file once**: the same file reached twice (named twice, a folder and a file in
//!   it, two links to it; told by device and inode) is read once, with a warning naming the
//!   duplicate; `-` named twice is read once.
//! - **Hidden entries** (a name starting with `.`) in walked folders are not read; each one
//!   met gets a warning (`.git` gives one, not one per file inside it).
//! - **A folder that gives nothing** (empty, or only hidden entries) is reported as skipped:
//!   `no articles`.
//! - **Encodings.** A UTF-8 byte-order mark at the start of a file, standard input or a JSON
//!   line is not part of the text (offsets count from the byte after it). UTF-16 (LE or BE)
//!   with a byte-order mark is decoded as it streams. An HTML page that is not valid UTF-8
//!   is decoded from the charset it declares (`<meta charset>`, or `http-equiv`
//!   `Content-Type`) with `encoding_rs`. A transcoded article names its encoding
//!   ([`Article::encoding`]); offsets refer to the decoded text, which the JSON output then
//!   carries, and plain text decoded from UTF-16 gets a warning saying so.
//! - **`group_by`** reads its field alone from each line, past numbers out of range or
//!   nesting too deep elsewhere in the line; a line whose field cannot be read is skipped
//!   with a message, never put silently into the default story.
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

use std::borrow::Cow;
use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::error::{Error, HtmlError};
use crate::model::{Article, ArticleQuotes, Diagnostic, Source, StoryType, TextSource};

mod decode;
mod html;
mod records;
mod walk;
pub use walk::FileType;

use decode::Decoded;

pub use html::MAX_HTML_DEPTH;

pub use crate::config::DEFAULT_MAX_ARTICLE_BYTES;

/// The default size cap of an HTML page: pages are articles, under the same cap
/// ([`DEFAULT_MAX_ARTICLE_BYTES`] unless `--max-article-bytes` says otherwise).
pub const MAX_HTML_BYTES: usize = DEFAULT_MAX_ARTICLE_BYTES;

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
    /// Follow symbolic links to folders while walking (`-L/--follow`); loops are detected
    /// and reported. Without it they are reported and not read. Links to files are always
    /// read.
    pub follow: bool,
    /// The largest article read, in bytes (`--max-article-bytes`): a file, standard input,
    /// an HTML page or one JSON line over it is skipped, without ever holding more than this
    /// many bytes of it. `None`: the configuration's `[input] max_article_bytes` when a
    /// [`crate::Pipeline`] reads, else [`DEFAULT_MAX_ARTICLE_BYTES`].
    pub max_article_bytes: Option<usize>,
    /// The types of file read from walked folders (`--type`); `None`: every known article
    /// type ([`FileType::KNOWN`]). A file named on the command line is always read.
    pub types: Option<Vec<FileType>>,
    /// Glob overrides for walked folders, ripgrep's `--glob` (`--exclude G` is `!G`): a
    /// glob reads the files it matches whatever their type, and only those files when any
    /// is given; `!GLOB` leaves matching files and folders out. Relative to each folder
    /// named.
    pub globs: Vec<String>,
}

impl InputOptions {
    /// The size cap in force: [`InputOptions::max_article_bytes`], else the default.
    pub fn article_cap(&self) -> usize {
        self.max_article_bytes.unwrap_or(DEFAULT_MAX_ARTICLE_BYTES)
    }
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

/// Articles a `.json` file may hold, as a multiple of the article cap: an array of many.
const JSON_FILE_ARTICLES: usize = 16;

/// A `.json` file: one article object (as a JSON Lines line holds), or an array of them.
/// Each element that is not an article is skipped with its position; the file is read
/// whole, up to [`JSON_FILE_ARTICLES`] times the article cap.
fn read_json(name: &str, reader: impl Read, opts: &InputOptions, sink: &mut dyn FnMut(Event)) {
    let cap = opts.article_cap().saturating_mul(JSON_FILE_ARTICLES);
    let mut bytes = Vec::new();
    let skip = |reason: String| Event::Diagnostic(Diagnostic::skipped(name, None, reason));
    match reader.take(cap as u64 + 1).read_to_end(&mut bytes) {
        Ok(n) if n > cap => {
            return sink(skip(format!(
                "a .json file over {cap} bytes; split it, or write one article per line in a .jsonl file"
            )));
        }
        Ok(_) => {}
        Err(e) => return sink(Event::Diagnostic(read_failed(name, &e))),
    }
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    let value: serde_json::Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return sink(skip(format!(
                "invalid JSON: {}; fix the file",
                json_error(&e)
            )));
        }
    };
    match value {
        serde_json::Value::Object(_) => {
            if let Err(reason) = jsonl_article(name, 1, body, opts, sink) {
                sink(skip(reason));
            }
        }
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let one = item.to_string();
                if let Err(reason) = jsonl_article(name, i + 1, one.as_bytes(), opts, sink) {
                    // (The reasons are worded for JSON Lines; here the unit is an element.)
                    let reason = reason
                        .replace("each line must be", "each element must be")
                        .replace(" (one article per line)", "")
                        .replace("; fix or remove the line", "; fix or remove the element")
                        .replace("; fix the line", "; fix the element");
                    sink(skip(format!("element {} of the array: {reason}", i + 1)));
                }
            }
        }
        _ => sink(skip(
            "a .json file must hold one article object or an array of them, each with a string \"text\""
                .into(),
        )),
    }
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
    let files = walk::expand_selected(paths, opts.follow, opts.types.as_deref(), &opts.globs, sink);
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
    let file = match fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            sink(Event::Diagnostic(Diagnostic::skipped(
                name,
                None,
                format!("cannot open: {e}; check the path and its permissions"),
            )));
            return;
        }
    };
    // The length of a regular file is known before reading it.
    let len = file
        .metadata()
        .ok()
        .filter(fs::Metadata::is_file)
        .map(|m| m.len());
    let reader = BufReader::with_capacity(1 << 16, file);
    if is_jsonl(path) {
        read_jsonl(&name, reader, opts, sink);
        return;
    }
    if extension(path).as_deref() == Some("json") {
        read_json(&name, reader, opts, sink);
        return;
    }
    let reader = match Decoded::new(reader) {
        Ok(r) => r,
        Err(e) => return sink(Event::Diagnostic(read_failed(&name, &e))),
    };
    let html = is_html(path);
    read_text(
        &name,
        &stem(path),
        Text::from(reader),
        html,
        len,
        opts,
        sink,
    );
}

/// Reads articles from any reader, named `name` in ids and messages. With no extension to
/// go by, the first non-blank byte tells the format, as for standard input: `{` JSON Lines,
/// `<` an HTML page, anything else one plain-text article (whose outlet, unless the options
/// give one, is `name` without its extension). Nothing is consumed to tell: offsets and
/// line numbers count every byte after a byte-order mark.
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
    let reader = BufReader::with_capacity(1 << 16, reader);
    let mut reader = match Decoded::new(reader) {
        Ok(r) => r,
        Err(e) => return sink(Event::Diagnostic(read_failed(name, &e))),
    };
    let (first, blank) = match sniff(&mut reader, opts.article_cap()) {
        Ok(s) => s,
        Err(e) => return sink(Event::Diagnostic(read_failed(name, &e))),
    };
    let encoding = reader.encoding();
    // The blank bytes read to decide go back in front of the rest.
    let reader = io::Cursor::new(blank).chain(reader);
    if first == Some(b'{') {
        jsonl_lines(name, reader, opts, sink);
    } else {
        let stem = stem(Path::new(name));
        let reader = Text { reader, encoding };
        read_text(name, &stem, reader, first == Some(b'<'), None, opts, sink);
    }
}

/// A file's name without its extension: the default outlet of a plain-text article.
fn stem(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("stdin")
        .to_string()
}

/// The first byte that is not ASCII white space, and the white space before it, which the
/// caller puts back: nothing is lost. Gives up (as if the input were blank) after `cap`
/// bytes of white space, which could only be an article over the cap.
fn sniff(reader: &mut impl BufRead, cap: usize) -> io::Result<(Option<u8>, Vec<u8>)> {
    let mut blank = Vec::new();
    loop {
        let buf = decode::fill(reader)?;
        if buf.is_empty() {
            return Ok((None, blank));
        }
        if let Some(i) = buf.iter().position(|b| !b.is_ascii_whitespace()) {
            let b = buf[i];
            blank.extend_from_slice(&buf[..i]);
            reader.consume(i);
            return Ok((Some(b), blank));
        }
        if blank.len() > cap {
            return Ok((None, blank));
        }
        let n = buf.len();
        blank.extend_from_slice(buf);
        reader.consume(n);
    }
}

/// A text stream and the encoding it was decoded from (`None`: UTF-8).
struct Text<R> {
    reader: R,
    encoding: Option<&'static encoding_rs::Encoding>,
}

impl<R: BufRead> From<Decoded<R>> for Text<Decoded<R>> {
    fn from(reader: Decoded<R>) -> Self {
        let encoding = reader.encoding();
        Text { reader, encoding }
    }
}

/// One line of a JSON Lines stream.
enum Line<'a> {
    /// Its bytes, trimmed, without a byte-order mark.
    Bytes(&'a [u8]),
    /// A line over the limit, and its length: read in bounded chunks and dropped.
    TooLong(u64),
}

/// Calls `line(n, …)` for every non-blank line, `n` counting lines from 1. A line longer than
/// `limit` bytes is never held: it is read in buffer-sized chunks, dropped, and given as
/// [`Line::TooLong`]. A read error ends the file: its line number and the error are
/// returned.
fn each_line(
    mut reader: impl BufRead,
    limit: usize,
    mut line: impl FnMut(usize, Line<'_>),
) -> Option<(usize, io::Error)> {
    let limit = u64::try_from(limit).unwrap_or(u64::MAX);
    let mut buf = Vec::new();
    let mut n = 0usize;
    loop {
        buf.clear();
        let mut len = 0u64;
        let mut ended = false;
        let mut any = false;
        loop {
            let avail = match decode::fill(&mut reader) {
                Ok(b) => b,
                Err(e) => return Some((n + 1, e)),
            };
            if avail.is_empty() {
                ended = true;
                break;
            }
            any = true;
            let (chunk, done) = match memchr::memchr(b'\n', avail) {
                Some(i) => (&avail[..i], true),
                None => (avail, false),
            };
            len += chunk.len() as u64;
            if len <= limit {
                buf.extend_from_slice(chunk);
            } else if !buf.is_empty() {
                buf = Vec::new(); // over the limit: let the memory go
            }
            let used = chunk.len() + usize::from(done);
            reader.consume(used);
            if done {
                break;
            }
        }
        if !any {
            return None;
        }
        n += 1;
        if len > limit {
            line(n, Line::TooLong(len));
        } else {
            let l = trim_ascii(&buf);
            let l = trim_ascii(l.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(l));
            if !l.is_empty() {
                line(n, Line::Bytes(l));
            }
        }
        if ended {
            return None;
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

fn read_failed(name: &str, e: &io::Error) -> Diagnostic {
    Diagnostic::skipped(name, None, format!("read error: {e}"))
}

/// Why an article over the cap was skipped: `what` is over it, by `bytes` when known.
fn over_cap(what: &str, bytes: Option<u64>, cap: usize) -> String {
    let size = bytes.map_or_else(String::new, |b| format!(" of {b} bytes,"));
    format!(
        "{what}{size} over the {cap}-byte limit for one article; not read (raise --max-article-bytes to read it)"
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
    memchr::memchr(0, &bytes[..bytes.len().min(BINARY_PROBE)]).is_some()
}

/// How much of a file [`looks_binary`] looks at.
const BINARY_PROBE: usize = 8192;

/// Reads one plain-text or HTML article of at most the cap. `len` is the file's length when
/// known beforehand.
fn read_text<R: BufRead>(
    name: &str,
    stem: &str,
    text: Text<R>,
    html: bool,
    len: Option<u64>,
    opts: &InputOptions,
    sink: &mut dyn FnMut(Event),
) {
    let Text {
        mut reader,
        encoding,
    } = text;
    let cap = opts.article_cap();
    let cap64 = u64::try_from(cap).unwrap_or(u64::MAX);
    let what = if html { "HTML page" } else { "article" };
    let skip = |reason: String| Event::Diagnostic(Diagnostic::skipped(name, None, reason));
    // UTF-16 may shrink when decoded, so only UTF-8 is judged by its length (less a
    // byte-order mark's three bytes, which are not text).
    if let Some(l) = len.filter(|l| encoding.is_none() && *l > cap64.saturating_add(3)) {
        return sink(skip(over_cap(what, Some(l), cap)));
    }
    let mut bytes = Vec::with_capacity(len.map_or(0, |l| l.min(cap64) as usize));
    // The first bytes first: a binary file (or `/dev/zero`) is told at once.
    let probe = u64::try_from(BINARY_PROBE).unwrap_or(u64::MAX);
    let read = (&mut reader)
        .take(probe)
        .read_to_end(&mut bytes)
        .and_then(|_| {
            if looks_binary(&bytes) {
                return Ok(());
            }
            let rest = cap64.saturating_add(1).saturating_sub(bytes.len() as u64);
            (&mut reader).take(rest).read_to_end(&mut bytes).map(|_| ())
        });
    if let Err(e) = read {
        return sink(skip(format!("read error: {e}")));
    }
    if looks_binary(&bytes) {
        return sink(skip(
            "binary file (contains NUL bytes), not an article; pass plain text or JSON Lines (.jsonl)".into(),
        ));
    }
    if bytes.len() > cap {
        return sink(skip(over_cap(what, None, cap)));
    }
    drop(reader);
    // A page that is not UTF-8 is read in the charset it declares.
    let declared = if html && encoding.is_none() && std::str::from_utf8(&bytes).is_err() {
        decode::declared_charset(&bytes).filter(|e| *e != encoding_rs::UTF_8)
    } else {
        None
    };
    let text = match declared {
        Some(e) => decode::transcode(&bytes, e),
        None => decode(bytes, name, None, sink),
    };
    let encoding = encoding.or(declared);
    let mut article = Article {
        id: name.to_string(),
        outlet: opts.outlet.clone(),
        text,
        encoding: encoding.map(|e| e.name().to_string()),
        source: Source {
            path: name.to_string(),
            line: None,
        },
        ..Article::default()
    };
    if html && !opts.raw_html {
        if let Err(e) = from_html(&mut article, cap) {
            return sink(skip(e.to_string()));
        }
    } else if let Some(e) = encoding {
        sink(Event::Diagnostic(Diagnostic::warning(
            name,
            None,
            format!(
                "decoded from {}; offsets refer to the decoded text, which the JSON output carries in \"text\"",
                e.name()
            ),
        )));
    }
    if article.outlet.is_none() {
        article.outlet = Some(stem.to_string());
    }
    sink(Event::Article(article));
}

/// Replaces an article's HTML by the page's main text, filling what the record did not
/// give (title, byline, date, address, outlet) from the page. A page over `cap` bytes (as
/// UTF-8) is refused.
fn from_html(a: &mut Article, cap: usize) -> Result<(), HtmlError> {
    if a.text.len() > cap {
        return Err(HtmlError::TooLarge {
            bytes: a.text.len(),
            limit: cap,
        });
    }
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
/// line, or a skipped diagnostic naming the line. A line over the cap
/// ([`InputOptions::article_cap`]) is skipped without being held in memory; a byte-order
/// mark (UTF-8, or UTF-16, which is then decoded as it streams) is not part of the text.
pub fn read_jsonl(
    name: &str,
    reader: impl BufRead,
    opts: &InputOptions,
    sink: &mut dyn FnMut(Event),
) {
    match Decoded::new(reader) {
        Ok(r) => jsonl_lines(name, r, opts, sink),
        Err(e) => sink(Event::Diagnostic(read_failed(name, &e))),
    }
}

/// [`read_jsonl`] once the byte-order mark is dealt with.
fn jsonl_lines(name: &str, reader: impl BufRead, opts: &InputOptions, sink: &mut dyn FnMut(Event)) {
    let cap = opts.article_cap();
    let ended = each_line(reader, cap, |line_no, line| {
        let skip =
            |reason: String| Event::Diagnostic(Diagnostic::skipped(name, Some(line_no), reason));
        match line {
            Line::Bytes(line) => {
                if let Err(reason) = jsonl_article(name, line_no, line, opts, sink) {
                    sink(skip(reason));
                }
            }
            Line::TooLong(len) => sink(skip(over_cap("line", Some(len), cap))),
        }
    });
    if let Some((line, e)) = ended {
        sink(Event::Diagnostic(read_error(name, line, &e)));
    }
}

/// The article of one JSON line, sent to `sink`; or why the line is skipped.
fn jsonl_article(
    name: &str,
    line_no: usize,
    line: &[u8],
    opts: &InputOptions,
    sink: &mut dyn FnMut(Event),
) -> Result<(), String> {
    // The line as parsed: repaired when its strings held invalid UTF-8.
    let mut json = Cow::Borrowed(line);
    let rec: Record = match serde_json::from_slice(line) {
        Ok(r) => r,
        Err(e) if e.is_data() => {
            // A value of another type: said in words, not as serde's expectation of a struct.
            let what = match trim_ascii(line).first() {
                Some(b'[') => Some("a JSON array"),
                Some(b'"') => Some("a JSON string"),
                Some(b't' | b'f') => Some("a JSON true or false"),
                Some(b'n') => Some("a JSON null"),
                Some(b'-' | b'0'..=b'9') => Some("a JSON number"),
                _ => None,
            };
            return Err(match what {
                Some(what) => format!(
                    "{what}, not an article: each line must be one JSON object with a string \"text\" (one article per line)"
                ),
                None => format!(
                    "not an article object: {}; each line must be a JSON object with a string \"text\"",
                    json_error(&e)
                ),
            });
        }
        Err(e) => {
            // Invalid UTF-8 inside a JSON string: repair and retry once.
            if std::str::from_utf8(line).is_err() {
                let repaired = decode(line.to_vec(), name, Some(line_no), sink);
                match serde_json::from_str::<Record>(&repaired) {
                    Ok(r) => {
                        json = Cow::Owned(repaired.into_bytes());
                        r
                    }
                    Err(e) => {
                        return Err(format!(
                            "invalid JSON: {}; fix or remove the line",
                            json_error(&e)
                        ));
                    }
                }
            } else {
                return Err(format!(
                    "invalid JSON: {}; fix or remove the line",
                    json_error(&e)
                ));
            }
        }
    };
    // `text` wins over `html` when a record has both.
    let (text, is_html) = match (rec.text, rec.html) {
        (Some(t), _) => (t, false),
        (None, Some(h)) => (h, !opts.raw_html),
        (None, None) => {
            return Err(
                "no \"text\" or \"html\" field; each line must be a JSON object with a string \"text\" (or \"html\"), and optionally \"id\", \"outlet\", \"url\", \"date\", \"title\", \"story\"".into(),
            );
        }
    };
    let id =
        value_text(rec.id.as_deref()).map_or_else(|| format!("{name}:{line_no}"), |(id, _)| id);
    let story_value = match &opts.group_by {
        // Another field names the story: read the line once more, for that field alone.
        Some(field) if field != "story" => field_of(&json, field).map_err(|e| {
            format!(
                "cannot read the --group-by field \"{field}\": {}; fix the line",
                json_error(&e)
            )
        })?,
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
        from_html(&mut article, opts.article_cap()).map_err(|e| e.to_string())?;
    }
    sink(Event::Article(article));
    Ok(())
}

/// The value of `field` in the JSON object `json` (the last one, if the key is repeated),
/// every other value skipped unread: a number out of range or a deep nesting elsewhere in
/// the line cannot hide it.
fn field_of(json: &[u8], field: &str) -> Result<Option<Box<RawValue>>, serde_json::Error> {
    use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};

    struct Seek<'f>(&'f str);

    impl<'de> Visitor<'de> for Seek<'_> {
        type Value = Option<Box<RawValue>>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a JSON object")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut found = None;
            while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                if key == self.0 {
                    found = Some(map.next_value::<Box<RawValue>>()?);
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(found)
        }
    }

    impl<'de> DeserializeSeed<'de> for Seek<'_> {
        type Value = Option<Box<RawValue>>;

        fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_map(self)
        }
    }

    let mut de = serde_json::Deserializer::from_slice(json);
    let value = Seek(field).deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

/// Calls `line(path, line_no, bytes)` for every non-empty line of every file (directories
/// walked, `-` for stdin), in order; a file that cannot be read, or a path left out of the
/// walk, goes to `skip`. Warnings about the walk (hidden entries, links not followed, files
/// named twice) go to `warn`.
pub(crate) fn read_lines_warning(
    paths: &[PathBuf],
    line: &mut dyn FnMut(&str, usize, &[u8]),
    skip: &mut dyn FnMut(Diagnostic),
    warn: &mut dyn FnMut(Diagnostic),
) {
    let mut sink = |e: Event| {
        if let Event::Diagnostic(d) = e {
            if d.is_skipped() { skip(d) } else { warn(d) }
        }
    };
    for path in walk::expand_types(paths, false, Some(&FileType::LINES), &mut sink) {
        let name = path.display().to_string();
        let reader: Box<dyn Read> = if path.as_os_str() == "-" {
            Box::new(io::stdin().lock())
        } else {
            match fs::File::open(&path) {
                Ok(f) => Box::new(f),
                Err(e) => {
                    skip(Diagnostic::skipped(
                        name,
                        None,
                        format!("cannot open: {e}; check the path and its permissions"),
                    ));
                    continue;
                }
            }
        };
        let reader = BufReader::with_capacity(1 << 16, reader);
        let ended = each_line(reader, usize::MAX, |n, l| {
            if let Line::Bytes(l) = l {
                line(&name, n, l)
            }
        });
        if let Some((n, e)) = ended {
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
/// between its offsets) is skipped too. Warnings about the walk (a file of another type in
/// a folder, a file named twice) reach `skip` as well, as diagnostics that are no skip
/// ([`Diagnostic::is_skipped`] is false): nothing left unread goes unsaid.
pub fn read_records(
    paths: &[PathBuf],
    record: &mut dyn FnMut(ArticleQuotes),
    skip: &mut dyn FnMut(Diagnostic),
) {
    let mut warnings: Vec<Diagnostic> = Vec::new();
    let mut bad: Vec<Diagnostic> = Vec::new();
    // Per file: the lines that are articles, not records (the `--records` given by mistake),
    // and whether it held any record.
    let mut articles: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
    let mut with_records: std::collections::BTreeSet<String> = Default::default();
    read_lines_warning(
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
                        with_records.insert(path.to_string());
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
                Err(_) if is_article_line(json) => {
                    articles.entry(path.to_string()).or_default().push(n);
                }
                Err(e) => bad.push(fail(format!(
                    "not an extract record: {}; records are the lines of `quotecheck extract --format jsonl --with-text`",
                    json_error(&e)
                ))),
            }
        },
        skip,
        &mut |w| warnings.push(w),
    );
    for w in warnings {
        skip(w);
    }
    const HINT: &str = "drop --records to audit articles; records are the lines of `quotecheck extract --format jsonl --with-text`";
    for (path, lines) in articles {
        match lines.as_slice() {
            [n] => bad.push(Diagnostic::skipped(
                &path,
                Some(*n),
                format!("an article, not an extract record: {HINT}"),
            )),
            // A file of articles given as records: one message for the file, not one per line.
            [first, .., last] if !with_records.contains(&path) => bad.push(Diagnostic::skipped(
                &path,
                None,
                format!(
                    "its {} lines ({first}–{last}) are articles, not extract records: {HINT}",
                    lines.len()
                ),
            )),
            _ => bad.extend(lines.iter().map(|&n| {
                Diagnostic::skipped(
                    &path,
                    Some(n),
                    format!("an article, not an extract record: {HINT}"),
                )
            })),
        }
    }
    for b in bad {
        skip(b);
    }
}

/// Whether a JSON line that is no extract record is an article (an object with a `text` or
/// `html` string and no `quotes`): a file of articles given to `--records`.
fn is_article_line(json: &[u8]) -> bool {
    let Ok(serde_json::Value::Object(o)) = serde_json::from_slice::<serde_json::Value>(json) else {
        return false;
    };
    !o.contains_key("quotes")
        && ["text", "html"]
            .iter()
            .any(|k| o.get(*k).is_some_and(serde_json::Value::is_string))
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
    fn a_line_over_the_limit_is_dropped_and_the_next_read() {
        let text = b"\xEF\xBB\xBF{\"a\":1}\n0123456789abcdef\n\nlast";
        // A 4-byte buffer: every line spans many reads.
        let reader = BufReader::with_capacity(4, &text[..]);
        let mut seen = Vec::new();
        let ended = each_line(reader, 10, |n, l| {
            seen.push(match l {
                Line::Bytes(b) => format!("{n}: {}", String::from_utf8_lossy(b)),
                Line::TooLong(len) => format!("{n}: {len} bytes"),
            })
        });
        assert!(ended.is_none());
        assert_eq!(seen, ["1: {\"a\":1}", "2: 16 bytes", "4: last"]);
    }

    #[test]
    fn the_group_field_is_read_past_what_a_value_cannot_hold() {
        let deep = format!("{}{}", "[".repeat(500), "]".repeat(500));
        let line = format!(r#"{{"x":1e999,"g":"s","y":{deep}}}"#);
        let raw = |json: &[u8]| field_of(json, "g").unwrap().map(|r| r.get().to_string());
        assert_eq!(raw(line.as_bytes()).as_deref(), Some("\"s\""));
        assert_eq!(raw(br#"{"g":1,"g":2}"#).as_deref(), Some("2"));
        assert_eq!(raw(b"{}"), None);
        // The value itself is kept as written: a number no float can hold keeps its digits.
        assert_eq!(raw(br#"{"g":1e999}"#).as_deref(), Some("1e999"));
        assert!(field_of(b"[1]", "g").is_err());
    }

    #[test]
    fn binary_text_is_skipped() {
        let mut v = Vec::new();
        read_text(
            "b.bin",
            "b",
            Text {
                reader: &b"\0\0\0abc"[..],
                encoding: None,
            },
            false,
            None,
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
            Text {
                reader: &b"\"caf\xe9 ok\" he said"[..],
                encoding: None,
            },
            false,
            None,
            &InputOptions::default(),
            &mut |e| v.push(e),
        );
        assert!(
            matches!(&v[0], Event::Diagnostic(w) if !w.is_skipped() && w.message.contains("invalid UTF-8 at byte 4"))
        );
        assert!(matches!(&v[1], Event::Article(a) if a.text.contains('\u{FFFD}')));
    }
}
