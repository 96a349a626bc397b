//! The report formats for people: CSV for spreadsheets, Markdown for tickets, the HTML pages
//! (their markup read with an HTML parser here; in a real browser in `browser.rs`). Article
//! text is hostile: a quote, an id, an outlet or an address holding markup or a formula
//! stays text in every format.

use dom_query::Document;
use serde_json::Value;

use crate::util::{TempDir, assert_transcript, quotecheck};

/// An article line of JSON Lines.
fn line(id: &str, outlet: &str, url: &str, text: &str) -> String {
    serde_json::json!({"id": id, "outlet": outlet, "url": url, "text": text}).to_string() + "\n"
}

/// Two outlets quoting the mayor, one of them differently.
fn two_outlets(dir: &TempDir) -> std::path::PathBuf {
    dir.file(
        "bridge.jsonl",
        line(
            "a1",
            "The Courier",
            "https://courier.example/a1",
            "\"We will not let a single family be cut off from the hospital this winter,\" Ana Ruiz said.",
        ) + &line(
            "b1",
            "The Ledger",
            "https://ledger.example/b1",
            "\"We will not let any family be cut off from the hospital,\" Ana Ruiz said.",
        ),
    )
}

/// Articles whose every field is an attack on the page or the spreadsheet that shows it.
fn hostile(dir: &TempDir) -> std::path::PathBuf {
    // No straight double quote inside: the quote must stay one quote, spoken, to reach
    // every report.
    let quote = "We will not pay <script>alert(1)</script> the fine'><img src=x onerror=alert(2)> </style><b>on any|account";
    // The first article's title too: the extract page shows it as the article's heading.
    let titled = serde_json::json!({
        "id": "t",
        "outlet": "T",
        "title": "<script>alert(6)</script>\"><img src=x onerror=alert(7)></style><b>x",
        "text": format!("\"{quote} at all,\" Ana Ruiz said."),
    })
    .to_string()
        + "\n";
    dir.file(
        "hostile.jsonl",
        titled
            + &line(
                "\"><img src=x onerror=alert(3)>",
                "</style><script>alert(4)</script>",
                "javascript:alert(5)",
                &format!("\"{quote} this year or the next,\" Ana Ruiz said."),
            )
            + &line(
                "=HYPERLINK(\"http://evil.example\")",
                "+cmd|' /C calc'!A0",
                "https://ledger.example/b1",
                &format!("\"{quote},\" Ana Ruiz said."),
            ),
    )
}

/// The JSON report (an input skipped, exit 2, is the newsroom example's point).
fn audit_json(path: &std::path::Path) -> Value {
    let out = quotecheck(["--isolated", "audit", "--format", "json"])
        .arg(path)
        .run();
    assert!(matches!(out.code, Some(0 | 2)), "{}", out.stderr);
    serde_json::from_str(&out.stdout).unwrap()
}

/// Every finding of the JSON report's families, by id.
fn finding_ids(report: &Value) -> Vec<String> {
    let mut ids = Vec::new();
    for st in report["stories"].as_array().unwrap() {
        for f in st["families"].as_array().unwrap() {
            for x in f["findings"].as_array().unwrap() {
                ids.push(x["id"].as_str().unwrap().to_string());
            }
            for a in f["appearances"].as_array().unwrap() {
                for x in a["findings"].as_array().unwrap() {
                    ids.push(x["id"].as_str().unwrap().to_string());
                }
            }
        }
    }
    ids
}

fn csv_rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

/// The audit as CSV: one row per finding of the JSON report, each with its reference and
/// its version.
#[test]
fn csv_of_the_audit_has_a_row_per_finding() {
    for path in ["tests/fixtures", "examples/newsroom"] {
        let out = quotecheck(["--isolated", "audit", "--format", "csv", path]).run();
        let (header, rows) = csv_rows(&out.stdout);
        assert_eq!(header[0], "story");
        assert_eq!(header.len(), 17);
        let ids: Vec<String> = rows.iter().map(|r| r[2].clone()).collect();
        let report = audit_json(std::path::Path::new(path));
        let mut expected = finding_ids(&report);
        let mut got = ids.clone();
        expected.sort();
        got.sort();
        assert_eq!(got, expected, "{path}");
        for r in &rows {
            assert_eq!(r.len(), 17, "{r:?}");
            // The reference's text is a quote of the reference article, marks included.
            assert!(r[10].starts_with(['"', '“', '\'', '‘']), "{r:?}");
        }
    }
    let dir = TempDir::new("report-csv");
    let file = two_outlets(&dir);
    let out = quotecheck(["--isolated", "audit", "--format", "csv"])
        .arg(&file)
        .run();
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let (_, rows) = csv_rows(&out.stdout);
    let change = rows
        .iter()
        .find(|r| r[3] == "wording-change")
        .expect("a wording change");
    assert_eq!(
        (&*change[4], &*change[5], &*change[6], &*change[11]),
        ("high", "true", "The Courier", "The Ledger")
    );
    assert_eq!(change[13], "https://ledger.example/b1");
    assert_eq!(change[16], "\"any\" for \"a single\"");
    // Filters apply to rows as to families.
    let out = quotecheck([
        "--isolated",
        "audit",
        "--format",
        "csv",
        "--category",
        "wording-change",
    ])
    .arg(&file)
    .run();
    let (_, rows) = csv_rows(&out.stdout);
    assert!(
        !rows.is_empty() && rows.iter().all(|r| r[3] == "wording-change"),
        "{rows:?}"
    );
    assert_transcript("cli-audit-csv", Some(&dir), &out);
}

/// Extract as CSV: one row per quote, the offsets those of the text.
#[test]
fn csv_of_extract_has_a_row_per_quote() {
    let fixture = "tests/fixtures/000_8e19547a2dfce686.txt";
    let text = std::fs::read_to_string(fixture).unwrap();
    let out = quotecheck(["--isolated", "extract", "--format", "csv", fixture]).run();
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let (header, rows) = csv_rows(&out.stdout);
    assert_eq!(header[5], "quote");
    assert_eq!(rows.len(), 7);
    for r in &rows {
        let (start, end): (usize, usize) = (r[7].parse().unwrap(), r[8].parse().unwrap());
        assert_eq!(text[start..end], r[11], "{r:?}");
    }
    // No quotes: the header alone.
    let out = quotecheck(["--isolated", "extract", "--format", "csv"])
        .stdin("No quotes here.")
        .run();
    assert_eq!(out.stdout.lines().count(), 1, "{}", out.stdout);
}

/// A cell a spreadsheet would run as a formula is written as text.
#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_text() {
    let dir = TempDir::new("report-csv-formula");
    let file = hostile(&dir);
    let out = quotecheck(["--isolated", "extract", "--format", "csv"])
        .arg(&file)
        .run();
    let (_, rows) = csv_rows(&out.stdout);
    assert_eq!(rows[2][0], "'=HYPERLINK(\"http://evil.example\")");
    assert_eq!(rows[2][1], "'+cmd|' /C calc'!A0");
    // Numbers and names of kinds are not touched; a cell that is not a formula is as is.
    assert!(
        ["direct", "partial"].contains(&&*rows[2][6]),
        "{:?}",
        rows[2]
    );
    assert_eq!(rows[1][0], "\"><img src=x onerror=alert(3)>");
    assert_eq!(
        rows[0][4],
        "<script>alert(6)</script>\"><img src=x onerror=alert(7)></style><b>x"
    );
    let out = quotecheck(["--isolated", "audit", "--format", "csv"])
        .arg(&file)
        .run();
    let (_, rows) = csv_rows(&out.stdout);
    assert!(!rows.is_empty());
    for r in &rows {
        for cell in r {
            assert!(!cell.starts_with(['=', '+', '@']), "{cell}");
        }
    }
}

/// The audit as Markdown: a table per story, the diff struck and bold, an article's
/// markup and table pipes escaped.
#[test]
fn markdown_of_the_audit() {
    let out = quotecheck([
        "--isolated",
        "audit",
        "--format",
        "markdown",
        "examples/newsroom",
    ])
    .run();
    assert_eq!(out.code, Some(2));
    assert!(out.stdout.contains("| eb9c99ea1997:f1.2 | high (meaning-sensitive) | wording-change | [The Courier](<https://courier.example/bridge>) | We will not let ~~a single~~ **any** family"), "{}", out.stdout);
    assert_transcript("cli-audit-markdown", None, &out);
    let dir = TempDir::new("report-md");
    let file = hostile(&dir);
    let out = quotecheck(["--isolated", "audit", "--format", "markdown"])
        .arg(&file)
        .run();
    let rows: Vec<&str> = out.stdout.lines().filter(|l| l.starts_with("| ")).collect();
    assert!(rows.len() >= 2, "{}", out.stdout);
    for row in rows {
        // Seven cells: eight pipes that are not escaped.
        let bars = row
            .match_indices('|')
            .filter(|(i, _)| !row[..*i].ends_with('\\'))
            .count();
        assert_eq!(bars, 8, "{row}");
        assert!(!row.contains("<script") && !row.contains("<img"), "{row}");
        assert!(!row.contains("javascript:"), "{row}");
    }
}

/// The pages escape everything an article says: one script on the audit page (its own),
/// none on the extract page, no element from an article, no link to a `javascript:`
/// address, and the style sheet closed once.
#[test]
fn html_escapes_what_articles_say() {
    let dir = TempDir::new("report-html-hostile");
    let file = hostile(&dir);
    for (command, scripts) in [("audit", 1), ("extract", 0)] {
        let out = quotecheck(["--isolated", command, "--format", "html"])
            .arg(&file)
            .run();
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        let page = &out.stdout;
        assert_eq!(page.matches("<script").count(), scripts, "{command}");
        assert_eq!(page.matches("</style>").count(), 1, "{command}");
        assert!(!page.contains("<img") && !page.contains("<b>"), "{command}");
        assert!(!page.contains("href=\"javascript"), "{command}");
        let doc = Document::from(page.as_str());
        assert_eq!(doc.select("script").length(), scripts, "{command}");
        assert_eq!(doc.select("img").length(), 0, "{command}");
        assert_eq!(doc.select("b").length(), 0, "{command}");
        assert!(
            doc.select("body")
                .text()
                .contains("<script>alert(1)</script>"),
            "{command}: the article's words are on the page, as text"
        );
    }
}

/// Without scripts the audit page shows every family with a finding and no filter form:
/// the markup as written is what a browser with scripts off shows.
#[test]
fn html_audit_page_without_scripts_shows_every_family() {
    let out = quotecheck(["--isolated", "audit", "--format", "html", "tests/fixtures"]).run();
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let doc = Document::from(out.stdout.as_str());
    assert!(doc.select("form#filters").has_attr("hidden"));
    let families = doc.select("article.family");
    let ids: Vec<String> = families
        .iter()
        .map(|f| f.attr("id").unwrap().to_string())
        .collect();
    // The families with a finding of info or above, the most severe first, as the text
    // report lists them.
    let report: Value = serde_json::from_str(
        &quotecheck(["--isolated", "audit", "--format", "json", "tests/fixtures"])
            .run()
            .ok(),
    )
    .unwrap();
    let expected: Vec<String> = report["stories"][0]["families"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] != "none" && f["categories"] != serde_json::json!(["verbatim"]))
        .map(|f| format!("s1-{}", f["id"].as_str().unwrap()))
        .collect();
    assert_eq!(ids, expected);
    assert_eq!(ids[..4], ["s1-f1", "s1-f4", "s1-f2", "s1-f3"]);
    assert!(families.iter().all(|f| !f.has_attr("hidden")));
    // The diff is marked with <del> and <ins>, each saying what it is without colour.
    assert!(doc.select("article#s1-f1 del").length() >= 2);
    assert!(doc.select("article#s1-f1 ins.ellipsis").length() == 1);
    assert_eq!(
        doc.select("article#s1-f4 del").text().to_string(),
        "dropped: I'm announcing that"
    );
    // Headings in order: the page, each story, each family.
    assert_eq!(doc.select("h1").length(), 1);
    assert_eq!(doc.select("h2").length(), 1);
    assert_eq!(doc.select("h3").length(), ids.len());
    assert_eq!(doc.select("html").attr("lang").unwrap().to_string(), "en");
}

/// The extract page: the article's text whole, every quote marked with its kind, rule and
/// confidence, the speakers and cues marked.
#[test]
fn html_extract_page_marks_every_quote() {
    let fixture = "tests/fixtures/000_8e19547a2dfce686.txt";
    let text = std::fs::read_to_string(fixture).unwrap();
    let out = quotecheck(["--isolated", "extract", "--format", "html", fixture]).run();
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let doc = Document::from(out.stdout.as_str());
    assert_eq!(doc.select("div.text").text().to_string(), text);
    let marks = doc.select("div.text mark.q");
    assert_eq!(marks.length(), 7);
    for m in marks.iter() {
        assert_eq!(m.attr("tabindex").unwrap().to_string(), "0");
        assert!(m.attr("data-info").unwrap().contains("rule "));
    }
    assert_eq!(doc.select("div.text mark.k-term").length(), 2);
    assert!(
        doc.select("div.text span.spk")
            .text()
            .contains("Frank Shaw, Microsoft's Chief Communications Officer")
    );
    assert_eq!(doc.select("table.quotes tr").length(), 8);
    assert!(doc.select("footer").text().contains("1 article, 7 quotes"));
}

/// With more than one story the page opens with an index: one entry per story that has a
/// family to show, its families counted by severity, linking to the story's section.
#[test]
fn html_audit_page_indexes_its_stories() {
    let dir = TempDir::new("story-index");
    let story = |id: &str, outlet: &str, story: &str, text: &str| {
        serde_json::json!({"id": id, "outlet": outlet, "story": story, "text": text}).to_string()
            + "\n"
    };
    let path = dir.file(
        "stories.jsonl",
        story(
            "a1",
            "The Courier",
            "bridge",
            "\"We will not let a single family be cut off from the hospital this winter,\" Ana Ruiz said.",
        ) + &story(
            "b1",
            "The Ledger",
            "bridge",
            "\"We will not let any family be cut off from the hospital,\" Ana Ruiz said.",
        ) + &story(
            "a2",
            "The Courier",
            "levy",
            "\"The levy pays for the new roof and nothing else,\" Tom Okafor said.",
        ) + &story(
            "b2",
            "The Ledger",
            "levy",
            "\"The levy pays for the new roof and nothing else,\" Tom Okafor said.",
        ),
    );
    let out = quotecheck(["--isolated", "audit", "--format", "html"])
        .arg(&path)
        .run();
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let doc = Document::from(out.stdout.as_str());
    assert_eq!(doc.select("nav summary").text().to_string(), "Stories (2)");
    let entries = doc.select("nav li");
    // The levy story is quoted verbatim by both: no family to show, no entry.
    assert_eq!(entries.length(), 1, "{}", entries.text());
    let entry = entries.text().to_string();
    assert!(entry.starts_with("bridge — 1 "), "{entry}");
    let target = entries.select("a").attr("href").unwrap().to_string();
    let section = doc.select(&format!("section{target}"));
    assert_eq!(section.select("h2").text().to_string(), "Story bridge");
}
