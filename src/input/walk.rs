//! Paths to the files to read: folders walked in sorted order, every entry that is not read
//! reported, no file read twice.
//!
//! - From a walked folder only regular files are read. A FIFO, socket or device there is
//!   reported and never opened (opening a FIFO nobody writes to waits forever).
//! - A path named on the command line is read whatever it is (`<(cmd)` gives a pipe), and
//!   followed if it is a symbolic link; reading it is bounded by the article cap.
//! - Hidden entries (`.git`, `.DS_Store`) are not read; each one met is reported once, not
//!   each file inside a hidden folder.
//! - Symbolic links to folders are followed only with `follow` (`-L/--follow`), and then a
//!   folder already on the walk's stack (a loop) or already walked is reported and not
//!   walked again. Symbolic links to regular files are read.
//! - The same file reached twice (named twice, a folder and a file in it, two links to one
//!   file) is read once: files are told apart by device and inode (by canonical path where
//!   there are no inodes). `-` named twice is read once.
//! - A folder named on the command line that holds nothing to read is reported as skipped:
//!   the caller asked for articles and there were none.

use std::fs;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use super::Event;
use crate::model::Diagnostic;

/// What tells two paths to one file apart from two files.
#[cfg(unix)]
type FileId = (u64, u64);
#[cfg(not(unix))]
type FileId = PathBuf;

#[cfg(unix)]
fn file_id(_path: &Path, meta: &fs::Metadata) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn file_id(path: &Path, _meta: &fs::Metadata) -> Option<FileId> {
    fs::canonicalize(path).ok()
}

/// The kinds of file a walked folder yields, by extension; a file named on the command line
/// is read whatever it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileType {
    /// `.txt`, `.text`, and files without an extension: one plain-text article each.
    Text,
    /// `.jsonl`, `.ndjson`: one article per line.
    Jsonl,
    /// `.html`, `.htm`, `.xhtml`: a web page.
    Html,
    /// `.json`: one article object, or an array of them.
    Json,
    /// `.parts`: audit parts (`audit --format parts`), read by `merge`.
    Parts,
    /// Every regular file.
    All,
}

impl FileType {
    /// The types a walk reads when none is asked for: every known article type.
    pub const KNOWN: [FileType; 4] = [
        FileType::Text,
        FileType::Jsonl,
        FileType::Html,
        FileType::Json,
    ];

    /// The types the line readers (`merge`'s parts, `audit --records`) take from a folder:
    /// what `extract --format jsonl` and `audit --format parts` write, under the names
    /// people and Spark give them (`part-00000` has no extension).
    pub const LINES: [FileType; 3] = [FileType::Text, FileType::Jsonl, FileType::Parts];

    /// The extensions of this type, for people.
    fn extensions(self) -> &'static [&'static str] {
        match self {
            FileType::Text => &[".txt", ".text"],
            FileType::Jsonl => &[".jsonl", ".ndjson"],
            FileType::Html => &[".html", ".htm", ".xhtml"],
            FileType::Json => &[".json"],
            FileType::Parts => &[".parts"],
            FileType::All => &[],
        }
    }

    /// What a walk of `types` reads, for people: `.txt, .text and .jsonl files and files
    /// without an extension`.
    fn describe(types: &[FileType]) -> String {
        if types.contains(&FileType::All) {
            return "every file".into();
        }
        let exts: Vec<&str> = types.iter().flat_map(|t| t.extensions()).copied().collect();
        let mut out = match exts.split_last() {
            Some((last, [])) => format!("{last} files"),
            Some((last, rest)) => format!("{} and {last} files", rest.join(", ")),
            None => String::new(),
        };
        if types.contains(&FileType::Text) {
            out.push_str(" and files without an extension");
        }
        out
    }

    /// Whether a file at `path` is of this type.
    pub fn matches(self, path: &Path) -> bool {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match self {
            FileType::All => true,
            FileType::Text => matches!(ext.as_deref(), None | Some("txt" | "text")),
            FileType::Jsonl => matches!(ext.as_deref(), Some("jsonl" | "ndjson")),
            FileType::Html => matches!(ext.as_deref(), Some("html" | "htm" | "xhtml")),
            FileType::Json => ext.as_deref() == Some("json"),
            FileType::Parts => ext.as_deref() == Some("parts"),
        }
    }
}

/// The files to read from `paths`, in order (`-` kept as is), with every path that is left
/// out reported to `sink`: from walked folders only the files of `types` (default
/// [`FileType::KNOWN`]), the others reported in a line per folder named.
pub(crate) fn expand_types(
    paths: &[PathBuf],
    follow: bool,
    types: Option<&[FileType]>,
    sink: &mut dyn FnMut(Event),
) -> Vec<PathBuf> {
    expand_selected(paths, follow, types, &[], sink)
}

/// [`expand_types`], with ripgrep's glob overrides (`globs`: `GLOB` to read the matching
/// files whatever their type, and only them when any is given; `!GLOB` to leave matching
/// files and folders out), relative to each folder named. A glob that does not parse is
/// reported and the folder not walked.
pub(crate) fn expand_selected(
    paths: &[PathBuf],
    follow: bool,
    types: Option<&[FileType]>,
    globs: &[String],
    sink: &mut dyn FnMut(Event),
) -> Vec<PathBuf> {
    let mut walk = Walk {
        follow,
        types: types.map_or_else(|| FileType::KNOWN.to_vec(), <[FileType]>::to_vec),
        globs: globs.to_vec(),
        overrides: None,
        not_read: Vec::new(),
        sink,
        files: FxHashMap::default(),
        dirs: FxHashMap::default(),
        stack: Vec::new(),
        out: Vec::new(),
        found: 0,
    };
    let mut stdin = false;
    for p in paths {
        if p.as_os_str() == "-" {
            if stdin {
                walk.warn(p, "standard input named twice; it is read once".into());
            } else {
                stdin = true;
                walk.out.push(p.clone());
            }
            continue;
        }
        // Named paths are followed, like `find -H`.
        match fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                if !walk.globs.is_empty() {
                    match overrides_for(p, &walk.globs) {
                        Ok(o) => walk.overrides = Some(o),
                        Err(e) => {
                            walk.skip(p, format!("not walked: {e}"));
                            continue;
                        }
                    }
                }
                let before = walk.found;
                walk.dir(p, &m);
                walk.report_not_read(p);
                if walk.found == before {
                    walk.skip(
                        p,
                        "no articles: the folder holds no file to read (hidden entries, and symbolic links to folders without -L/--follow, are not read)".into(),
                    );
                }
            }
            Ok(m) => walk.file(p, &m),
            Err(e) => walk.skip(p, format!("cannot read: {e}; check the path")),
        }
    }
    walk.out
}

struct Walk<'s> {
    follow: bool,
    /// The types of file read from folders.
    types: Vec<FileType>,
    /// `--glob` / `--exclude`, and their matcher for the folder named being walked.
    globs: Vec<String>,
    overrides: Option<ignore::overrides::Override>,
    /// Files of other types met in the folder being walked, reported together.
    not_read: Vec<PathBuf>,
    sink: &'s mut dyn FnMut(Event),
    /// Every file kept or met again, with the path it was first met at.
    files: FxHashMap<FileId, PathBuf>,
    /// Every folder walked, with its path.
    dirs: FxHashMap<FileId, PathBuf>,
    /// The folders being walked, outermost first.
    stack: Vec<FileId>,
    out: Vec<PathBuf>,
    /// Files met (kept or duplicates), and folders met again: what keeps a named folder
    /// from being reported empty.
    found: usize,
}

impl Walk<'_> {
    fn warn(&mut self, path: &Path, message: String) {
        (self.sink)(Event::Diagnostic(Diagnostic::warning(
            path.display().to_string(),
            None,
            message,
        )));
    }

    fn skip(&mut self, path: &Path, reason: String) {
        (self.sink)(Event::Diagnostic(Diagnostic::skipped(
            path.display().to_string(),
            None,
            reason,
        )));
    }

    /// Reports the files of `folder` left out for their type, in one line.
    fn report_not_read(&mut self, folder: &Path) {
        if self.not_read.is_empty() {
            return;
        }
        let n = self.not_read.len();
        let names: Vec<String> = self
            .not_read
            .iter()
            .take(3)
            .map(|p| p.strip_prefix(folder).unwrap_or(p).display().to_string())
            .collect();
        let more = if n > 3 { ", …" } else { "" };
        self.not_read.clear();
        self.warn(
            folder,
            format!(
                "{} not read for {} type ({}{more}); folders yield {}: name a file to read it{}",
                crate::text::count(n, "file", "files"),
                if n == 1 { "its" } else { "their" },
                names.join(", "),
                FileType::describe(&self.types),
                if self.types.contains(&FileType::Parts) {
                    ""
                } else {
                    ", or choose with --type"
                }
            ),
        );
    }

    /// Keeps a file unless it was met before.
    fn file(&mut self, path: &Path, meta: &fs::Metadata) {
        self.found += 1;
        if let Some(id) = file_id(path, meta) {
            if let Some(first) = self.files.get(&id) {
                let message = again("file", path, first);
                self.warn(path, message);
                return;
            }
            self.files.insert(id, path.to_path_buf());
        }
        self.out.push(path.to_path_buf());
    }

    /// Walks a folder unless it is on the stack (a loop) or was walked before.
    // `FileId` is `Copy` on Unix only.
    #[cfg_attr(unix, allow(clippy::clone_on_copy))]
    fn dir(&mut self, path: &Path, meta: &fs::Metadata) {
        let id = file_id(path, meta);
        if let Some(id) = &id {
            if self.stack.contains(id) {
                let outer = self
                    .dirs
                    .get(id)
                    .map_or_else(String::new, |d| format!(" ({})", d.display()));
                self.found += 1;
                self.warn(
                    path,
                    format!("symbolic link loop: leads back to a folder being read{outer}; not walked again"),
                );
                return;
            }
            if let Some(first) = self.dirs.get(id) {
                let message = again("folder", path, first);
                self.found += 1;
                self.warn(path, message);
                return;
            }
            self.dirs.insert(id.clone(), path.to_path_buf());
            self.stack.push(id.clone());
        }
        self.entries(path);
        if id.is_some() {
            self.stack.pop();
        }
    }

    fn entries(&mut self, dir: &Path) {
        let entries = match fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                self.skip(
                    dir,
                    format!("cannot read directory: {e}; check its permissions"),
                );
                return;
            }
        };
        let mut children: Vec<(PathBuf, Option<fs::FileType>)> = entries
            .filter_map(|e| e.ok().map(|e| (e.path(), e.file_type().ok())))
            .collect();
        children.sort_by(|a, b| a.0.cmp(&b.0));
        for (c, kind) in children {
            let hidden = c
                .file_name()
                .is_some_and(|n| n.as_encoded_bytes().starts_with(b"."));
            if hidden {
                self.warn(
                    &c,
                    "hidden (its name starts with a dot), not read; name it on the command line to read it".into(),
                );
                continue;
            }
            let is_link = kind.is_some_and(|k| k.is_symlink());
            // The target's metadata: a link's, or the entry's own (same thing otherwise).
            let meta = match fs::metadata(&c) {
                Ok(m) => m,
                Err(e) if is_link => {
                    self.skip(&c, format!("broken symbolic link: {e}"));
                    continue;
                }
                Err(e) => {
                    self.skip(&c, format!("cannot read: {e}; check its permissions"));
                    continue;
                }
            };
            let chosen = self
                .overrides
                .as_ref()
                .map(|o| o.matched(&c, meta.is_dir()));
            if chosen.as_ref().is_some_and(ignore::Match::is_ignore) {
                // Left out by `--glob`/`--exclude`: the user's choice, not reported.
                continue;
            }
            if meta.is_dir() {
                if is_link && !self.follow {
                    self.warn(
                        &c,
                        "symbolic link to a folder, not followed; pass -L/--follow to read it"
                            .into(),
                    );
                } else {
                    self.dir(&c, &meta);
                }
            } else if meta.is_file() {
                let by_glob = chosen.as_ref().is_some_and(ignore::Match::is_whitelist);
                if by_glob || self.types.iter().any(|t| t.matches(&c)) {
                    self.file(&c, &meta);
                } else {
                    self.not_read.push(c);
                }
            } else {
                let what = special_kind(&meta.file_type());
                self.skip(
                    &c,
                    format!("not a regular file ({what}); only regular files are read from folders (name it on the command line to read it)"),
                );
            }
        }
    }
}

/// The glob overrides of `globs` for the folder `root` (ripgrep's `--glob`).
fn overrides_for(root: &Path, globs: &[String]) -> Result<ignore::overrides::Override, String> {
    let mut b = ignore::overrides::OverrideBuilder::new(root);
    for g in globs {
        b.add(g)
            .map_err(|e| format!("the glob `{g}` does not parse: {e}"))?;
    }
    b.build().map_err(|e| e.to_string())
}

/// `same file as a.txt, already read; read once`, or without the first path when it is
/// this one.
fn again(what: &str, path: &Path, first: &Path) -> String {
    if first == path {
        format!("{what} already read; read once")
    } else {
        format!(
            "same {what} as {}, already read; read once",
            first.display()
        )
    }
}

/// What a file that is neither a folder nor a regular file is.
fn special_kind(kind: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
    }
    let _ = kind;
    "not a file or folder"
}
