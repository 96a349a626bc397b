//! The check of an extract record read back (`audit --records`): its offsets must still fit
//! its text. A record is data from elsewhere (another machine, a Spark task, a hand edit);
//! the audit slices the text at these offsets, so a record whose spans do not fit is skipped
//! with its reason instead of reaching the audit.

use crate::model::ArticleQuotes;
use crate::text::CharIndex;

/// What is wrong with a record's offsets, if anything: every quote, speaker and cue must be
/// a span of the text (`start ≤ end ≤ len`, on character boundaries) whose text is exactly
/// the reported one, with the code-point offsets of those bytes; a quote's content range
/// (inside its marks) must lie within it.
pub(super) fn offset_problem(a: &ArticleQuotes) -> Option<String> {
    let text = a.article.text.as_str();
    // (byte offset, code-point offset as written, what it belongs to), for one sorted pass.
    let mut points: Vec<(usize, usize, String)> = Vec::new();
    for q in &a.quotes {
        let what = format!("quote {}", q.id);
        if let Some(p) = span_problem(text, q.start, q.end, &q.text) {
            return Some(format!("{what}: {p}"));
        }
        let content = q.start <= q.content_start
            && q.content_start <= q.content_end
            && q.content_end <= q.end
            && text.is_char_boundary(q.content_start)
            && text.is_char_boundary(q.content_end);
        if !content {
            return Some(format!("{what}: its words are not inside its marks"));
        }
        points.push((q.start, q.char_start, what.clone()));
        points.push((q.end, q.char_end, what.clone()));
        if let Some(s) = &q.speaker {
            let what = format!("the speaker of quote {}", q.id);
            if let Some(p) = span_problem(text, s.start, s.end, &s.mention) {
                return Some(format!("{what}: {p}"));
            }
            points.push((s.start, s.char_start, what.clone()));
            points.push((s.end, s.char_end, what));
        }
        if let Some(c) = &q.cue {
            let what = format!("the cue of quote {}", q.id);
            if let Some(p) = span_problem(text, c.start, c.end, &c.text) {
                return Some(format!("{what}: {p}"));
            }
            points.push((c.start, c.char_start, what.clone()));
            points.push((c.end, c.char_end, what));
        }
    }
    points.sort_unstable_by_key(|p| p.0);
    let mut chars = CharIndex::new(text);
    for (byte, written, what) in points {
        let real = chars.at(byte);
        if real != written {
            return Some(format!(
                "{what}: code-point offset {written} for byte {byte}, which is code point {real}"
            ));
        }
    }
    None
}

/// Why `text[start..end]` is not `reported`, if it is not.
fn span_problem(text: &str, start: usize, end: usize, reported: &str) -> Option<String> {
    if start > end || end > text.len() {
        return Some(format!(
            "bytes {start}..{end} are not a span of the text ({} bytes)",
            text.len()
        ));
    }
    if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return Some(format!("bytes {start}..{end} cut a character in two"));
    }
    if &text[start..end] != reported {
        return Some(format!(
            "bytes {start}..{end} of the text are not its reported text"
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Kind, Quote, Rule};

    fn record(text: &str, start: usize, end: usize, quote: &str) -> ArticleQuotes {
        ArticleQuotes {
            article: Article {
                id: "a".into(),
                text: text.into(),
                ..Article::default()
            },
            text: None,
            unmatched_marks: 0,
            quotes: vec![Quote {
                id: "a#1".into(),
                kind: Kind::Direct,
                text: quote.into(),
                start,
                end,
                char_start: text.get(..start).map_or(0, |s| s.chars().count()),
                char_end: text.get(..end).map_or(0, |s| s.chars().count()),
                content_start: start + 1,
                content_end: end.saturating_sub(1),
                speaker: None,
                cue: None,
                rule: Rule::Unattributed,
                confidence: 0.5,
                paragraphs: 1,
                parent: None,
                key: String::new(),
            }],
        }
    }

    #[test]
    fn a_span_that_fits_passes() {
        let r = record("é \"ok\" he said", 3, 7, "\"ok\"");
        assert_eq!(offset_problem(&r), None);
    }

    #[test]
    fn each_misfit_is_named() {
        let cases = [
            (record("", 0, 4, "\"ok\""), "not a span of the text"),
            (record("\"ok\"", 3, 1, "\"ok\""), "not a span of the text"),
            (record("é\"ok\"", 1, 6, "\"ok\""), "cut a character"),
            (record("\"no\"", 0, 4, "\"ok\""), "not its reported text"),
        ];
        for (r, says) in cases {
            let p = offset_problem(&r).expect("a problem");
            assert!(p.starts_with("quote a#1: ") && p.contains(says), "{p}");
        }
        let mut r = record("é \"ok\" he said", 3, 7, "\"ok\"");
        r.quotes[0].char_end = 9;
        let p = offset_problem(&r).expect("a problem");
        assert!(p.contains("code-point offset 9 for byte 7"), "{p}");
    }
}
