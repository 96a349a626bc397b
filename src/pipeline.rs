//! The pipeline as one value: a [`Pipeline`] is built once from a [`Config`] and runs every
//! stage with what it made of it (the lexicon with the configuration's extra words, the link
//! thresholds, the outlet aliases, the worker threads). Nothing is global: two pipelines with
//! different configurations can run side by side in one process.
//!
//! The `*_paths` methods and [`fingerprint`] / [`merge_paths`] are the commands of the
//! `quotecheck` binary, which only turns flags into their options and errors into exit codes.

use std::io::Write;
use std::path::PathBuf;

use crate::audit::{self, merge};
use crate::config::Config;
use crate::error::{ConfigError, Error};
use crate::extract::{self, Extraction};
use crate::input::{self, Event, InputOptions};
use crate::lexicon::Lexicon;
use crate::model::{
    Article, ArticleQuotes, Audit, Cue, Diagnostic, FailOn, LinkParams, Quote, Speaker, Summary,
};
use crate::report::{Format, Writer};
use crate::{attribute, text};

/// Articles per parallel batch, and bytes of text: enough to keep every core busy, small
/// enough that memory stays bounded on a gigabyte of JSON Lines.
const BATCH_ARTICLES: usize = 1024;
const BATCH_BYTES: usize = 16 << 20;

/// What a long run tells its caller as it goes. Both methods do nothing by default.
pub trait Listener {
    /// An input was skipped, or read with a warning; called as soon as it is known. The
    /// same diagnostics end up in the report, so a listener only has to show them.
    fn diagnostic(&mut self, diagnostic: &Diagnostic) {
        let _ = diagnostic;
    }

    /// A batch of `articles` articles holding `bytes` bytes of text was done.
    fn progress(&mut self, articles: usize, bytes: usize) {
        let _ = (articles, bytes);
    }
}

/// A listener that ignores everything.
impl Listener for () {}

/// How `extract` reads and what it writes besides the quotes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExtractOptions {
    /// How inputs are read.
    pub input: InputOptions,
    /// Write each article's text in JSON output (HTML articles always carry theirs).
    pub with_text: bool,
}

/// How `audit` reads its inputs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditOptions {
    /// How inputs are read; `group_by` names the field that makes stories.
    pub input: InputOptions,
    /// The inputs are extract records (`extract --format jsonl --with-text`, optionally
    /// behind a `fingerprint` key), not articles: nothing is extracted again.
    pub records: bool,
    /// Report differences between versions of one outlet too (as the configuration's
    /// `audit.same_outlet`).
    pub same_outlet: bool,
}

/// Extraction, attribution and the audit, with one configuration.
///
/// ```
/// use quotecheck::{Config, Pipeline};
///
/// let pipeline = Pipeline::new(Config::default())?;
/// let out = pipeline.extract_text("\"We will not back down,\" Mayor Jane Smith said.");
/// let q = &out.quotes[0];
/// assert_eq!(q.speaker.as_ref().map(|s| s.name.as_str()), Some("Jane Smith"));
/// assert_eq!(q.cue.as_ref().map(|c| c.lemma.as_str()), Some("say"));
/// # Ok::<(), quotecheck::ConfigError>(())
/// ```
pub struct Pipeline {
    config: Config,
    lexicon: Lexicon,
    link: LinkParams,
    pool: Option<rayon::ThreadPool>,
}

impl Default for Pipeline {
    /// The built-in lexicons and thresholds, on the calling thread.
    fn default() -> Self {
        Pipeline::build(Config::default())
    }
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pipeline")
            .field("config", &self.config)
            .field(
                "threads",
                &self.pool.as_ref().map(|p| p.current_num_threads()),
            )
            .finish_non_exhaustive()
    }
}

impl Pipeline {
    /// A pipeline with `config`, checked first; it runs on the calling thread until
    /// [`Pipeline::with_threads`] gives it more.
    ///
    /// ```
    /// use quotecheck::{Article, Config, Pipeline};
    ///
    /// let mut config = Config::default();
    /// config.lexicon.speech_verbs.push("deadpan deadpans deadpanned deadpanning".into());
    /// let pipeline = Pipeline::new(config)?;
    /// let out = pipeline.extract(Article {
    ///     id: "a1".into(),
    ///     outlet: Some("Ledger".into()),
    ///     text: "\"Nothing here was built for this,\" Ana Ruiz deadpanned.".into(),
    ///     ..Article::default()
    /// });
    /// assert_eq!(out.quotes[0].speaker.as_ref().unwrap().name, "Ana Ruiz");
    /// assert_eq!(out.quotes[0].cue.as_ref().unwrap().lemma, "deadpan");
    /// let audit = pipeline.audit(&[out]); // stories, families, findings
    /// quotecheck::report::write_audit(&mut std::io::sink(), &audit, quotecheck::report::AuditFormat::Json)?;
    /// // The default lexicon does not know the verb (another pipeline, same process): it
    /// // still fills the attribution slot, but has no lemma.
    /// let plain = Pipeline::default().extract_text("\"Nothing here was built for this,\" Ana Ruiz deadpanned.");
    /// assert_eq!(plain.quotes[0].cue.as_ref().unwrap().lemma, "deadpanned");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(config: Config) -> Result<Pipeline, ConfigError> {
        config.validate()?;
        Ok(Pipeline::build(config))
    }

    fn build(config: Config) -> Pipeline {
        Pipeline {
            lexicon: Lexicon::with_extras(&config.lexicon),
            link: config.link_params(),
            config,
            pool: None,
        }
    }

    /// Processes batches of articles on `threads` threads: 0, or more than the machine has
    /// cores, means one per core (the work is all computation: more threads cannot go
    /// faster, and each would hold a share of a batch). The output is the same whatever
    /// the number.
    pub fn with_threads(mut self, threads: usize) -> Result<Pipeline, Error> {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        let n = if threads == 0 {
            cores
        } else {
            threads.min(cores)
        };
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map_err(|source| Error::Threads { threads: n, source })?;
        self.pool = Some(pool);
        Ok(self)
    }

    /// The threads extraction runs on (1 without [`Pipeline::with_threads`]).
    pub fn threads(&self) -> usize {
        self.pool
            .as_ref()
            .map_or(1, rayon::ThreadPool::current_num_threads)
    }

    /// The configuration the pipeline was built from.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The `--fail-on` level in force: the flag's, else the configuration's, else never.
    pub fn fail_on(&self, flag: Option<FailOn>) -> FailOn {
        flag.or(self.config.audit.fail_on).unwrap_or_default()
    }

    /// Pairs the quotation marks of `text`, without attribution: every quoted span, and
    /// every mark that could not be paired. Never fails; linear in the text.
    pub fn quote_spans(&self, text: &str) -> Extraction {
        extract::extract(text, &self.lexicon)
    }

    /// Extracts and attributes the quotes of one article.
    pub fn extract(&self, article: Article) -> ArticleQuotes {
        let text = article.text.as_str();
        let ex = extract::extract(text, &self.lexicon);
        // Each quote is built as soon as its attribution is known, and every code-point
        // offset is read from an index of the text: nothing per quote is kept but the
        // quote itself.
        let mut chars = text::CharIndex::new(text);
        let id = |i: usize| format!("{}#{}", article.id, i + 1);
        let mut quotes: Vec<Quote> = Vec::with_capacity(ex.spans.len());
        attribute::attribute(text, &ex.spans, &self.lexicon, |a| {
            let mut ch = |b: usize| chars.at(b);
            let i = quotes.len();
            let s = &ex.spans[i];
            quotes.push(Quote {
                id: id(i),
                kind: a.kind,
                text: text[s.start..s.end].to_string(),
                start: s.start,
                end: s.end,
                char_start: ch(s.start),
                char_end: ch(s.end),
                content_start: s.content_start,
                content_end: s.content_end,
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
                parent: s.parent.map(id),
                key: text::normalize::key(text, s.content_start, s.content_end, &self.lexicon),
            });
        });
        ArticleQuotes {
            text: None,
            unmatched_marks: ex.strays.len(),
            quotes,
            article,
        }
    }

    /// Extracts and attributes the quotes of a bare text (id `text`).
    pub fn extract_text(&self, text: &str) -> ArticleQuotes {
        self.extract(Article {
            id: "text".into(),
            text: text.to_string(),
            ..Article::default()
        })
    }

    /// Extracts many articles, on the pipeline's threads when it has them, in input order.
    pub fn extract_all(&self, articles: Vec<Article>) -> Vec<ArticleQuotes> {
        use rayon::prelude::*;
        match &self.pool {
            Some(pool) => {
                pool.install(|| articles.into_par_iter().map(|a| self.extract(a)).collect())
            }
            None => articles.into_iter().map(|a| self.extract(a)).collect(),
        }
    }

    /// Audits extracted articles: stories (the articles' `story`, else one story `all`) of
    /// quote families with their findings.
    ///
    /// The result depends on the set of articles, not their order.
    ///
    /// ```
    /// use quotecheck::{Article, Category, Pipeline, Severity};
    /// let p = Pipeline::default();
    /// let article = |outlet: &str, text: &str| {
    ///     p.extract(Article {
    ///         id: outlet.into(),
    ///         outlet: Some(outlet.into()),
    ///         text: text.into(),
    ///         ..Article::default()
    ///     })
    /// };
    /// let audit = p.audit(&[
    ///     article("A", "\"We will not raise taxes on working families this year,\" Lee said."),
    ///     article("B", "\"We will raise taxes on working families this year,\" Lee said."),
    /// ]);
    /// let family = &audit.stories()[0].families[0];
    /// // B drops a negation without an ellipsis: the highest severity, with the evidence.
    /// assert_eq!(family.categories, [Category::UnmarkedOmission]);
    /// assert_eq!(family.severity, Severity::High);
    /// let finding = &family.appearances[1].findings[0];
    /// assert!(finding.meaning_sensitive && finding.detail.contains("\"not\""));
    /// ```
    pub fn audit(&self, articles: &[ArticleQuotes]) -> Audit {
        self.audit_grouped(articles, "story", Vec::new(), self.link)
    }

    fn audit_grouped(
        &self,
        articles: &[ArticleQuotes],
        grouped_by: &str,
        skipped: Vec<Diagnostic>,
        link: LinkParams,
    ) -> Audit {
        let params = audit::Params {
            link,
            lexicon: &self.lexicon,
        };
        let stories = audit::audit(articles, &params);
        let parts = merge::parts(articles, stories, skipped, link, grouped_by);
        merge::assemble(parts)
    }

    /// `opts` with what the configuration adds: its `[input] max_article_bytes` when the
    /// options leave the cap unset.
    pub fn input_options(&self, opts: &InputOptions) -> InputOptions {
        let mut opts = opts.clone();
        opts.max_article_bytes = opts
            .max_article_bytes
            .or(self.config.input.max_article_bytes);
        opts
    }

    /// Applies the configuration's outlet aliases (`nytimes.com` → `The New York Times`).
    pub fn alias_outlet(&self, article: &mut Article) {
        if let Some(o) = &article.outlet {
            let named = self.config.outlet(o);
            if named != o {
                article.outlet = Some(named.to_string());
            }
        }
    }

    /// `quotecheck extract`: reads `paths`, extracts every article in parallel batches and
    /// writes the results to `out` in input order, so memory stays bounded by one batch
    /// however large the input. Skipped inputs go to the listener and into the output; the
    /// returned summary counts them.
    pub fn extract_paths<W: Write>(
        &self,
        paths: &[PathBuf],
        opts: &ExtractOptions,
        format: Format,
        out: W,
        listener: &mut dyn Listener,
    ) -> Result<Summary, Error> {
        input::check_stdin(paths)?;
        let mut writer = Writer::new(out, format);
        let mut failed: Option<std::io::Error> = None;
        let mut batch: Vec<Article> = Vec::new();
        let mut batch_bytes = 0usize;
        let flush = |batch: &mut Vec<Article>,
                     writer: &mut Writer<W>,
                     failed: &mut Option<std::io::Error>,
                     listener: &mut dyn Listener| {
            if failed.is_some() {
                // Nobody reads the output any more: read on (to account for every input)
                // but do no work.
                batch.clear();
                return;
            }
            let bytes: usize = batch.iter().map(|a| a.text.len()).sum();
            let done = self.extract_all(std::mem::take(batch));
            listener.progress(done.len(), bytes);
            for mut a in done {
                // Offsets of an extracted page or a transcoded input refer to a text that
                // is not the input's bytes: it goes with them.
                if opts.with_text
                    || a.article.text_source == crate::model::TextSource::Html
                    || a.article.encoding.is_some()
                {
                    a.show_text();
                }
                if let Err(e) = writer.article(a) {
                    *failed = Some(e);
                    return;
                }
            }
        };
        let input_opts = self.input_options(&opts.input);
        input::read_paths(paths, &input_opts, &mut |ev| match ev {
            Event::Article(mut a) => {
                self.alias_outlet(&mut a);
                batch_bytes += a.text.len();
                batch.push(a);
                if batch.len() >= BATCH_ARTICLES || batch_bytes >= BATCH_BYTES {
                    flush(&mut batch, &mut writer, &mut failed, listener);
                    batch_bytes = 0;
                }
            }
            Event::Diagnostic(d) => {
                listener.diagnostic(&d);
                writer.diagnostic(d);
            }
        });
        flush(&mut batch, &mut writer, &mut failed, listener);
        if let Some(e) = failed {
            return Err(Error::Output(e));
        }
        let (_, summary, _) = writer.finish()?;
        Ok(summary)
    }

    /// `quotecheck audit`: reads articles (or extract records) from `paths` and audits them.
    /// Skipped inputs go to the listener and into the audit's `skipped`.
    pub fn audit_paths(
        &self,
        paths: &[PathBuf],
        opts: &AuditOptions,
        listener: &mut dyn Listener,
    ) -> Result<Audit, Error> {
        input::check_stdin(paths)?;
        let grouped_by = opts.input.group_by.as_deref().unwrap_or("story");
        let mut skipped = Vec::new();
        let processed = if opts.records {
            let mut records = Vec::new();
            input::read_records(
                paths,
                &mut |mut a| {
                    self.alias_outlet(&mut a.article);
                    records.push(a)
                },
                &mut |d| {
                    listener.diagnostic(&d);
                    if d.is_skipped() {
                        skipped.push(d);
                    }
                },
            );
            records
        } else {
            let mut articles = Vec::new();
            let input_opts = self.input_options(&opts.input);
            input::read_paths(paths, &input_opts, &mut |ev| match ev {
                Event::Article(mut a) => {
                    self.alias_outlet(&mut a);
                    articles.push(a)
                }
                Event::Diagnostic(d) => {
                    listener.diagnostic(&d);
                    if d.is_skipped() {
                        skipped.push(d);
                    }
                }
            });
            self.extract_all(articles)
        };
        let link = LinkParams {
            same_outlet: self.link.same_outlet || opts.same_outlet,
            ..self.link
        };
        Ok(self.audit_grouped(&processed, grouped_by, skipped, link))
    }
}

/// `quotecheck fingerprint`: writes `KEY<TAB>RECORD` for every extract record of `paths`,
/// KEY naming the group the record is audited in (a hash of its story). Returns how many
/// lines were not records (each reported to the listener), so that a Spark task can fail
/// instead of dropping them.
pub fn fingerprint(
    paths: &[PathBuf],
    mut out: impl Write,
    listener: &mut dyn Listener,
) -> Result<usize, Error> {
    #[derive(serde::Deserialize)]
    struct Story {
        story: Option<String>,
        #[serde(default)]
        story_type: crate::model::StoryType,
    }
    input::check_stdin(paths)?;
    let mut failed: Option<std::io::Error> = None;
    let errors = each_json_line(
        paths,
        "an extract record",
        "records are the lines of `quotecheck extract --format jsonl --with-text`",
        listener,
        |r: Story, record| {
            if failed.is_some() {
                return;
            }
            let key = audit::blocking_key(r.story.as_deref(), r.story_type);
            let w = out
                .write_all(key.as_bytes())
                .and_then(|()| out.write_all(b"\t"))
                .and_then(|()| out.write_all(record))
                .and_then(|()| out.write_all(b"\n"));
            if let Err(e) = w {
                failed = Some(e);
            }
        },
    );
    match failed {
        Some(e) => Err(Error::Output(e)),
        None => {
            out.flush()?;
            Ok(errors)
        }
    }
}

/// `quotecheck merge`: reads audit parts (`audit --format parts`) from `paths`, in any order,
/// and merges them. A line that is not a part is reported to the listener and fails the
/// merge: a part lost is a story lost, and a report that looks whole must be whole.
///
/// Parts are read strictly (`merge::read_part`): a part of another `part_version`, with a
/// field this version does not know, or whose severities do not follow from its findings
/// (edited by hand) is refused like a line that is not a part.
pub fn merge_paths(paths: &[PathBuf], listener: &mut dyn Listener) -> Result<Audit, Error> {
    input::check_stdin(paths)?;
    let mut parts = Vec::new();
    // Both callbacks report, so they share the listener and the count through cells.
    let errors = std::cell::Cell::new(0usize);
    let listener = std::cell::RefCell::new(listener);
    let report = |d: &Diagnostic| {
        errors.set(errors.get() + 1);
        listener.borrow_mut().diagnostic(d);
    };
    input::read_lines_warning(
        paths,
        &mut |path, n, line| {
            let part = match input::json_field(line) {
                Some(json) => merge::read_part(json),
                None => Err(crate::error::PartError::NoObject),
            };
            match part {
                Ok(p) => parts.push(p),
                Err(e) => report(&Diagnostic::skipped(path, Some(n), e.to_string())),
            }
        },
        &mut |d| report(&d),
        // Warnings (a file of another type in a folder, a file named twice) are shown, not
        // counted as lost input.
        &mut |d| listener.borrow_mut().diagnostic(&d),
    );
    let errors = errors.get();
    if errors > 0 {
        return Err(Error::Incomplete { count: errors });
    }
    Ok(merge::merge(parts)?)
}

/// Reads every line of `paths` as a `T` (the JSON after an optional `KEY<TAB>`) and calls
/// `each` with it and its JSON. A line that is not one (`not WHAT: …; HINT`), or a file that
/// cannot be read, goes to the listener; returns how many did.
fn each_json_line<T: serde::de::DeserializeOwned>(
    paths: &[PathBuf],
    what: &str,
    hint: &str,
    listener: &mut dyn Listener,
    mut each: impl FnMut(T, &[u8]),
) -> usize {
    // Both callbacks report, so they share the listener and the count through cells.
    let errors = std::cell::Cell::new(0usize);
    let listener = std::cell::RefCell::new(listener);
    let report = |d: &Diagnostic| {
        errors.set(errors.get() + 1);
        listener.borrow_mut().diagnostic(d);
    };
    input::read_lines_warning(
        paths,
        &mut |path, n, line| {
            let Some(json) = input::json_field(line) else {
                report(&Diagnostic::skipped(
                    path,
                    Some(n),
                    format!("not {what}: no JSON object on the line; {hint}"),
                ));
                return;
            };
            match serde_json::from_slice::<T>(json) {
                Ok(v) => each(v, json),
                Err(e) => report(&Diagnostic::skipped(
                    path,
                    Some(n),
                    format!("not {what}: {e}; {hint}"),
                )),
            }
        },
        &mut |d| report(&d),
        // Warnings (a hidden file, a file named twice) are shown, not counted as lost input.
        &mut |d| listener.borrow_mut().diagnostic(&d),
    );
    errors.get()
}
