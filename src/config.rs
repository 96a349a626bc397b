//! `quotecheck.toml`: the settings a newsroom keeps with its archive.
//!
//! Found in the working directory or the nearest parent that has one (`--config PATH` names
//! it, `--isolated` ignores it). Command-line flags win over the file, the file over the
//! built-in defaults. Unknown keys are an error, so a typo never passes silently.
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
//! max_postings = 64
//! min_overlap = 0.5
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The file's name, looked for upward from the working directory.
pub const FILE_NAME: &str = "quotecheck.toml";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub lexicon: LexiconExtras,
    /// Outlet aliases: the outlet as it appears in the input → the name to report.
    #[serde(default)]
    pub outlets: BTreeMap<String, String>,
    #[serde(default)]
    pub audit: AuditConfig,
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

/// Audit thresholds and the default `--fail-on` level.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fail_on: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shingle: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_postings: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_overlap: Option<f64>,
}

/// The nearest `quotecheck.toml` in `dir` or its parents.
pub fn find(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

/// Reads and checks a configuration file; the error names the file and says what is wrong.
pub fn load(path: &Path) -> Result<Config, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let cfg: Config =
        toml::from_str(&text).map_err(|e| format!("{}: {}", path.display(), e.message()))?;
    if let Some(level) = &cfg.audit.fail_on {
        if !matches!(level.as_str(), "none" | "info" | "low" | "medium" | "high") {
            return Err(format!(
                "{}: audit.fail_on is \"{level}\"; use none, info, low, medium or high",
                path.display()
            ));
        }
    }
    if let Some(m) = cfg.audit.min_overlap {
        if !(0.0..=1.0).contains(&m) {
            return Err(format!(
                "{}: audit.min_overlap is {m}; use a number from 0 to 1",
                path.display()
            ));
        }
    }
    if cfg.audit.shingle == Some(0) {
        return Err(format!(
            "{}: audit.shingle must be at least 1",
            path.display()
        ));
    }
    Ok(cfg)
}

impl Config {
    /// The configuration as TOML, for `quotecheck config`.
    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).unwrap_or_default()
    }

    /// The audit's link thresholds with the file's overrides.
    pub fn link_params(&self) -> crate::compare::LinkParams {
        let mut p = crate::compare::LinkParams::default();
        if let Some(v) = self.audit.shingle {
            p.shingle = v;
        }
        if let Some(v) = self.audit.max_postings {
            p.max_postings = v;
        }
        if let Some(v) = self.audit.min_overlap {
            p.min_overlap = v;
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
        assert_eq!(find(&dir.join("sub")).as_deref(), Some(path.as_path()));
        let cfg = load(&path).unwrap();
        assert_eq!(cfg.lexicon.speech_verbs, vec!["rant rants ranted"]);
        assert_eq!(cfg.outlet("a.com"), "A");
        assert_eq!(cfg.outlet("b.com"), "b.com");
        assert_eq!(cfg.link_params().max_postings, 10);
        std::fs::write(&path, "[audit]\nfail_onn = \"low\"\n").unwrap();
        let err = load(&path).unwrap_err();
        assert!(err.contains("fail_onn"), "{err}");
        std::fs::write(&path, "[audit]\nfail_on = \"sometimes\"\n").unwrap();
        assert!(load(&path).unwrap_err().contains("use none, info"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
