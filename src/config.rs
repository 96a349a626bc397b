//! `quotecheck.toml`: the settings a newsroom keeps with its archive, as a value.
//!
//! A [`Config`] is plain data: built in code, or read from a file ([`Config::load`],
//! [`Config::discover`] finds the nearest `quotecheck.toml` upward from a folder). A
//! [`crate::Pipeline`] is built from one and passes what it made of it (the lexicon with the
//! extra words, the link thresholds, the outlet aliases) by reference to every stage: there
//! is no process-wide setting, and two pipelines with different configurations can run side
//! by side. On the command line, flags win over the file and the file over the defaults.
//! Unknown keys are an error, so a typo never passes silently.
//!
//! ```toml
//! [lexicon]
//! speech_verbs = ["rant rants ranted ranting"]   # lemma first, then its forms
//! titles = ["Shadow Chancellor"]
//!
//! [outlets]
//! "nytimes.com" = "The New York Times"
//!
//! [audit]
//! fail_on = "medium"        # none | info | low | medium | high
//! shingle = 3
//! max_postings = 64
//! min_overlap = 0.5
//! same_outlet = false       # also report differences between one outlet's versions
//!
//! [input]
//! max_article_bytes = 67108864   # the size cap of one article; --max-article-bytes wins
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::ConfigError;
use crate::model::{FailOn, LinkParams};

/// The default size cap of one article (`--max-article-bytes`): 64 MiB, far above any news
/// article, low enough that a hostile input cannot exhaust memory. (Defined here, below
/// `input`, which re-exports it, so that `quotecheck config` can show it.)
pub const DEFAULT_MAX_ARTICLE_BYTES: usize = 64 << 20;

/// The file's name, looked for upward from the working directory.
pub const FILE_NAME: &str = "quotecheck.toml";

/// The largest configuration file read: a real one is a few kilobytes, and a path to
/// something endless (`--config /dev/zero`) must end in an error, not fill the memory.
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// Every setting, with the file's layout.
///
/// ```
/// let cfg = quotecheck::Config::from_toml(
///     "[lexicon]\nspeech_verbs = [\"quip quips quipped\"]\n[audit]\nfail_on = \"medium\"\n",
/// )
/// .unwrap();
/// assert_eq!(cfg.audit.fail_on, Some(quotecheck::FailOn::Medium));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Words added to the built-in lexicons.
    #[serde(default)]
    pub lexicon: LexiconExtras,
    /// Outlet aliases: the outlet as it appears in the input → the name to report.
    #[serde(default)]
    pub outlets: BTreeMap<String, String>,
    /// Audit thresholds and the default `--fail-on`.
    #[serde(default)]
    pub audit: AuditConfig,
    /// How inputs are read.
    #[serde(default, skip_serializing_if = "InputConfig::is_unset")]
    pub input: InputConfig,
}

/// How inputs are read; flags win over these.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputConfig {
    /// The size cap of one article in bytes (`--max-article-bytes`; default
    /// [`DEFAULT_MAX_ARTICLE_BYTES`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_article_bytes: Option<usize>,
}

impl InputConfig {
    fn is_unset(&self) -> bool {
        self == &InputConfig::default()
    }
}

/// Words added to the built-in lexicons of `grammar/`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconExtras {
    /// Speech verbs, one entry per lemma: `"rant rants ranted ranting"`.
    #[serde(default)]
    pub speech_verbs: Vec<String>,
    /// Titles and roles, as written: `"Shadow Chancellor"`.
    #[serde(default)]
    pub titles: Vec<String>,
}

/// Audit thresholds and the default `--fail-on` level; unset keys keep the defaults of
/// [`LinkParams`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditConfig {
    /// The level from which `audit` and `merge` exit with 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fail_on: Option<FailOn>,
    /// Words per shingle of the link index.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shingle: Option<usize>,
    /// Shingles shared by more quotes than this pair each of them with one hub only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_postings: Option<usize>,
    /// Minimum overlap coefficient of a candidate pair, from 0 to 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_overlap: Option<f64>,
    /// Report differences between versions of one outlet too (`--same-outlet`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub same_outlet: Option<bool>,
}

impl Config {
    /// The nearest `quotecheck.toml` in `dir` or its parents.
    pub fn find(dir: &Path) -> Option<PathBuf> {
        dir.ancestors()
            .map(|d| d.join(FILE_NAME))
            .find(|p| p.is_file())
    }

    /// The configuration of the nearest `quotecheck.toml` upward from `dir`, with its path;
    /// the defaults (and no path) when there is none.
    pub fn discover(dir: &Path) -> Result<(Config, Option<PathBuf>), ConfigError> {
        match Config::find(dir) {
            Some(p) => Config::load(&p).map(|c| (c, Some(p))),
            None => Ok((Config::default(), None)),
        }
    }

    /// Reads and checks a configuration file; the error names the file and says what is wrong.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        use std::io::Read;
        let read_error = |source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        };
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .and_then(|f| f.take(MAX_CONFIG_BYTES + 1).read_to_end(&mut bytes))
            .map_err(read_error)?;
        if bytes.len() as u64 > MAX_CONFIG_BYTES {
            return Err(ConfigError::TooLarge {
                path: path.to_path_buf(),
                limit: MAX_CONFIG_BYTES,
            });
        }
        let text = String::from_utf8(bytes)
            .map_err(|e| read_error(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))?;
        Config::from_toml(&text).map_err(|e| e.in_file(path))
    }

    /// Parses and checks a configuration in TOML.
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        let cfg: Config = toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: None,
            line: e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1),
            message: e.message().to_string(),
        })?;
        cfg.validate()?;
        Ok(cfg)
    }

    /// Checks the values that the types allow but the audit does not.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let invalid = |message: String| ConfigError::Invalid {
            path: None,
            message,
        };
        if let Some(m) = self.audit.min_overlap {
            if !(0.0..=1.0).contains(&m) {
                return Err(invalid(format!(
                    "audit.min_overlap is {m}; use a number from 0 to 1"
                )));
            }
        }
        if self.audit.shingle == Some(0) {
            return Err(invalid("audit.shingle must be at least 1".into()));
        }
        if self.input.max_article_bytes == Some(0) {
            return Err(invalid("input.max_article_bytes must be at least 1".into()));
        }
        Ok(())
    }

    /// The configuration as TOML.
    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).unwrap_or_default()
    }

    /// What `quotecheck config` prints: where the configuration came from, then every
    /// setting with the value in force (the file's, else the default) as a file would hold it.
    pub fn describe(&self, source: Option<&Path>) -> String {
        let link = self.link_params();
        let from = match source {
            Some(p) => format!("# from {}", p.display()),
            None => "# built-in defaults (no quotecheck.toml found)".to_string(),
        };
        // Every key with the value in force, the defaults filled in: what a run uses, and a
        // file to start from.
        let effective = Config {
            lexicon: self.lexicon.clone(),
            outlets: self.outlets.clone(),
            audit: AuditConfig {
                fail_on: Some(self.audit.fail_on.unwrap_or_default()),
                shingle: Some(link.shingle),
                max_postings: Some(link.max_postings),
                min_overlap: Some(link.min_overlap),
                same_outlet: Some(link.same_outlet),
            },
            input: InputConfig {
                max_article_bytes: Some(
                    self.input
                        .max_article_bytes
                        .unwrap_or(DEFAULT_MAX_ARTICLE_BYTES),
                ),
            },
        };
        format!(
            "{from}; every setting in force (the README's Configuration section says what each means)\n{}",
            effective.to_toml()
        )
    }

    /// The audit's link thresholds with the file's overrides.
    pub fn link_params(&self) -> LinkParams {
        let mut p = LinkParams::default();
        if let Some(v) = self.audit.shingle {
            p.shingle = v;
        }
        if let Some(v) = self.audit.max_postings {
            p.max_postings = v;
        }
        if let Some(v) = self.audit.min_overlap {
            p.min_overlap = v;
        }
        if let Some(v) = self.audit.same_outlet {
            p.same_outlet = v;
        }
        p
    }

    /// The outlet to report for `outlet`.
    pub fn outlet<'a>(&'a self, outlet: &'a str) -> &'a str {
        self.outlets.get(outlet).map_or(outlet, String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_section_and_rejects_typos() {
        let dir = std::env::temp_dir().join(format!("qc-config-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        let path = dir.join(FILE_NAME);
        std::fs::write(
            &path,
            "[lexicon]\nspeech_verbs = [\"rant rants ranted\"]\n[outlets]\n\"a.com\" = \"A\"\n[audit]\nfail_on = \"low\"\nmax_postings = 10\n",
        )
        .unwrap();
        assert_eq!(
            Config::find(&dir.join("sub")).as_deref(),
            Some(path.as_path())
        );
        let (cfg, found) = Config::discover(&dir.join("sub")).unwrap();
        assert_eq!(found.as_deref(), Some(path.as_path()));
        assert_eq!(cfg.lexicon.speech_verbs, vec!["rant rants ranted"]);
        assert_eq!(cfg.audit.fail_on, Some(FailOn::Low));
        assert_eq!(cfg.outlet("a.com"), "A");
        assert_eq!(cfg.outlet("b.com"), "b.com");
        assert_eq!(cfg.link_params().max_postings, 10);
        std::fs::write(&path, "[audit]\nfail_onn = \"low\"\n").unwrap();
        let err = Config::load(&path).unwrap_err().to_string();
        assert!(err.contains("fail_onn") && err.contains(FILE_NAME), "{err}");
        assert!(
            err.contains(&format!("{FILE_NAME}:2: unknown field")),
            "{err}"
        );
        std::fs::write(&path, "[audit]\nfail_on = \"sometimes\"\n").unwrap();
        let err = Config::load(&path).unwrap_err().to_string();
        assert!(err.contains("sometimes") && err.contains("medium"), "{err}");
        std::fs::write(&path, "[audit]\nmin_overlap = 2.0\n").unwrap();
        let err = Config::load(&path).unwrap_err().to_string();
        assert!(err.starts_with(&path.display().to_string()), "{err}");
        assert!(err.contains("from 0 to 1"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// `config` prints every key with its value in force, as a file that reads back to the
    /// same settings; a file's values win over the defaults.
    #[test]
    fn the_defaults_describe_themselves() {
        let d = Config::default().describe(None);
        assert!(d.starts_with("# built-in defaults"));
        for key in [
            "speech_verbs = []",
            "fail_on = \"none\"",
            "shingle = 3",
            "max_postings = 64",
            "min_overlap = 0.5",
            "same_outlet = false",
            "max_article_bytes = 67108864",
        ] {
            assert!(d.contains(key), "{key} missing from {d}");
        }
        let back = Config::from_toml(&d).unwrap();
        assert_eq!(back.link_params(), Config::default().link_params());
        let own = Config::from_toml("[audit]\nshingle = 4\n").unwrap();
        let d = own.describe(Some(Path::new("q.toml")));
        assert!(
            d.starts_with("# from q.toml") && d.contains("shingle = 4"),
            "{d}"
        );
        assert!(d.contains("max_postings = 64"), "{d}");
    }
}
