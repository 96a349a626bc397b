//! What a run says about its input besides the results: an input that was skipped, or a
//! warning about one that was read anyway. One type for both, so every stage reports the
//! same way and nothing is dropped without a record.

use serde::{Deserialize, Serialize, ser::SerializeStruct};

/// How serious a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// The input is not in the output (an unreadable file, a bad JSON line, a page with no
    /// text). The run goes on and exits with 2.
    Skipped,
    /// The input was read, with a caveat (invalid UTF-8 repaired).
    Warning,
}

/// A message about one input: its path, its line for JSON Lines, and what happened.
///
/// Written as `{"path", "line"?, "reason"}` in a report's `skipped` list and as
/// `{"path", "line"?, "message"}` in `warnings`; [`std::fmt::Display`] gives the line the
/// command prints on standard error.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    /// Skipped or warning.
    pub level: Level,
    /// The input's path as given (`-` for standard input).
    pub path: String,
    /// The line of a JSON Lines input, counting from 1.
    pub line: Option<usize>,
    /// What happened and what to do about it.
    pub message: String,
}

impl Diagnostic {
    /// An input left out of the output.
    pub fn skipped(
        path: impl Into<String>,
        line: Option<usize>,
        reason: impl Into<String>,
    ) -> Self {
        Diagnostic {
            level: Level::Skipped,
            path: path.into(),
            line,
            message: reason.into(),
        }
    }

    /// A caveat about an input that was read.
    pub fn warning(
        path: impl Into<String>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            level: Level::Warning,
            path: path.into(),
            line,
            message: message.into(),
        }
    }

    /// Whether the input was left out.
    pub fn is_skipped(&self) -> bool {
        self.level == Level::Skipped
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match self.level {
            Level::Skipped => "skipped",
            Level::Warning => "warning",
        };
        match self.line {
            Some(l) => write!(f, "{}:{}: {what}: {}", self.path, l, self.message),
            None => write!(f, "{}: {what}: {}", self.path, self.message),
        }
    }
}

impl Serialize for Diagnostic {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("Diagnostic", 3)?;
        m.serialize_field("path", &self.path)?;
        match self.line {
            Some(l) => m.serialize_field("line", &l)?,
            None => m.skip_field("line")?,
        }
        let key = match self.level {
            Level::Skipped => "reason",
            Level::Warning => "message",
        };
        m.serialize_field(key, &self.message)?;
        m.end()
    }
}

impl<'de> Deserialize<'de> for Diagnostic {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let w = Wire::deserialize(d)?;
        match (w.reason, w.message) {
            (Some(r), _) => Ok(Diagnostic::skipped(w.path, w.line, r)),
            (None, Some(m)) => Ok(Diagnostic::warning(w.path, w.line, m)),
            (None, None) => Err(serde::de::Error::missing_field("reason")),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Wire {
    path: String,
    #[serde(default)]
    line: Option<usize>,
    reason: Option<String>,
    message: Option<String>,
}

/// An article that could not be read, and why.
#[derive(schemars::JsonSchema)]
#[allow(dead_code)] // a schema, never built
pub(crate) struct Skipped {
    path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    reason: String,
}

/// Something odd about an input that was still read.
#[derive(schemars::JsonSchema)]
#[allow(dead_code)] // a schema, never built
pub(crate) struct Warning {
    path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_wire_shapes_round_trip() {
        let s = Diagnostic::skipped("a.jsonl", Some(3), "invalid JSON");
        let w = Diagnostic::warning("b.txt", None, "invalid UTF-8");
        let sj = serde_json::to_string(&s).unwrap();
        let wj = serde_json::to_string(&w).unwrap();
        assert_eq!(sj, r#"{"path":"a.jsonl","line":3,"reason":"invalid JSON"}"#);
        assert_eq!(wj, r#"{"path":"b.txt","message":"invalid UTF-8"}"#);
        assert_eq!(serde_json::from_str::<Diagnostic>(&sj).unwrap(), s);
        assert_eq!(serde_json::from_str::<Diagnostic>(&wj).unwrap(), w);
        assert_eq!(s.to_string(), "a.jsonl:3: skipped: invalid JSON");
        assert_eq!(w.to_string(), "b.txt: warning: invalid UTF-8");
    }
}
