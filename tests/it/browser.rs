//! The HTML pages in a real browser: headless Chromium loads each page from `file://`, runs
//! its script and gives back the DOM (`--dump-dom`) or a screenshot. The checks are on what
//! a reader sees: the families, the diff marks, the links, and the filters set in the URL
//! fragment.
//!
//! Chromium is found as `$QUOTECHECK_CHROMIUM`, `chromium`, `chromium-browser` or
//! `google-chrome`. Without one these tests say so and pass, so `cargo test` works on a
//! machine without a browser; CI installs Debian's `chromium` and sets
//! `QUOTECHECK_REQUIRE_BROWSER=1`, under which a missing browser fails them.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use dom_query::Document;
use serde_json::Value;

use crate::util::{TempDir, quotecheck, root};

/// The browser, or `None` (and a note) when there is none and none is required.
fn chromium() -> Option<PathBuf> {
    let named = std::env::var_os("QUOTECHECK_CHROMIUM").map(PathBuf::from);
    let found = named.into_iter().chain(
        ["chromium", "chromium-browser", "google-chrome"]
            .iter()
            .filter_map(|name| {
                std::env::var_os("PATH").and_then(|paths| {
                    std::env::split_paths(&paths)
                        .map(|d| d.join(name))
                        .find(|p| p.is_file())
                })
            }),
    );
    let found = found.into_iter().next();
    if found.is_none() {
        assert!(
            std::env::var_os("QUOTECHECK_REQUIRE_BROWSER").is_none(),
            "QUOTECHECK_REQUIRE_BROWSER is set and no Chromium was found (Debian: apt-get install chromium)"
        );
        eprintln!(
            "no Chromium found: the browser tests are not run (QUOTECHECK_CHROMIUM names one)"
        );
    }
    found
}

/// Runs headless Chromium on `page` (a file) with `fragment` and `args`; returns stdout.
fn browse(browser: &Path, page: &Path, fragment: &str, args: &[&str]) -> String {
    let profile = TempDir::new("chromium-profile");
    let url = format!("file://{}{fragment}", page.display());
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(&url)
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium {url}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("the DOM is UTF-8")
}

/// The DOM of `page` after its script ran, with `fragment` in its address.
fn dom(browser: &Path, page: &Path, fragment: &str) -> Document {
    Document::from(browse(browser, page, fragment, &["--dump-dom"]).as_str())
}

/// Writes `quotecheck ARGS --format html` to `dir/name` and returns its path.
fn page(dir: &TempDir, name: &str, args: &[&str]) -> PathBuf {
    let path = dir.path().join(name);
    let out = quotecheck(["--isolated"])
        .args(args)
        .args(["--format", "html", "-o"])
        .arg(&path)
        .run();
    assert!(matches!(out.code, Some(0 | 2)), "{}", out.stderr);
    path
}

/// The ids (`s1-f2`) of the families shown, in page order.
fn visible_families(doc: &Document) -> Vec<String> {
    doc.select("article.family")
        .iter()
        .filter(|f| !f.has_attr("hidden"))
        .map(|f| f.attr("id").unwrap().to_string())
        .collect()
}

/// The JSON report's families with a finding of `min` or above (not only verbatim), as
/// page ids.
fn families_at_least(report: &Value, levels: &[&str]) -> Vec<String> {
    let mut ids = Vec::new();
    for (i, st) in report["stories"].as_array().unwrap().iter().enumerate() {
        for f in st["families"].as_array().unwrap() {
            let sev = f["severity"].as_str().unwrap();
            if levels.contains(&sev) && f["categories"] != serde_json::json!(["verbatim"]) {
                ids.push(format!("s{}-{}", i + 1, f["id"].as_str().unwrap()));
            }
        }
    }
    ids
}

fn audit_json(args: &[&str]) -> Value {
    let out = quotecheck(["--isolated", "audit", "--format", "json"])
        .args(args)
        .run();
    serde_json::from_str(&out.stdout).unwrap()
}

const ALL_LEVELS: [&str; 4] = ["high", "medium", "low", "info"];

/// The seeds' audit page as a browser shows it: every family, the diff marks, the links;
/// and a screenshot, kept in `target/browser/` to look at.
#[test]
fn the_seeds_audit_page_in_a_browser() {
    let Some(browser) = chromium() else { return };
    let dir = TempDir::new("browser-seeds");
    let path = page(&dir, "seeds.html", &["audit", "tests/fixtures"]);
    let doc = dom(&browser, &path, "");
    let report = audit_json(&["tests/fixtures"]);
    let expected = families_at_least(&report, &ALL_LEVELS);
    assert_eq!(visible_families(&doc), expected);
    // The script ran: the form is shown, and says how many families it shows.
    assert!(!doc.select("form#filters").has_attr("hidden"));
    assert_eq!(
        doc.select("output#shown").text().to_string(),
        format!("{} of {} families shown", expected.len(), expected.len())
    );
    // The elision and the cut of the first family are marked, and say what they are.
    let f1 = doc.select("article#s1-f1");
    assert_eq!(f1.select("ins.ellipsis").length(), 1);
    assert!(
        f1.select("del")
            .text()
            .contains("dropped: for DoD Government cloud")
    );
    assert_eq!(f1.select("section.version").length(), 2);
    assert_eq!(
        f1.select("section.reference h4").text().to_string(),
        "000_8e19547a2dfce686 — reference"
    );
    // A screenshot, wide and narrow: the files are there and are PNGs of some size.
    let shots = root().join("target/browser");
    std::fs::create_dir_all(&shots).unwrap();
    for (name, size) in [
        ("seeds-audit.png", "1280,1600"),
        ("seeds-audit-phone.png", "390,1600"),
    ] {
        let shot = shots.join(name);
        let _ = std::fs::remove_file(&shot);
        browse(
            &browser,
            &path,
            "",
            &[
                &format!("--screenshot={}", shot.display()),
                &format!("--window-size={size}"),
            ],
        );
        let png = std::fs::read(&shot).expect("a screenshot");
        assert!(
            png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 20_000,
            "{name}: {} bytes",
            png.len()
        );
    }
}

/// Filters set in the URL fragment hide the other families; the count says how many are
/// shown; a story with none shown is hidden too.
#[test]
fn a_filter_in_the_fragment_hides_the_other_families() {
    let Some(browser) = chromium() else { return };
    let dir = TempDir::new("browser-filters");
    let path = page(&dir, "newsroom.html", &["audit", "examples/newsroom"]);
    let report = audit_json(&["examples/newsroom"]);
    let all = families_at_least(&report, &ALL_LEVELS);
    assert_eq!(all, ["s1-f1", "s1-f2", "s1-f3"]);
    for (fragment, shown) in [
        ("", vec!["s1-f1", "s1-f2", "s1-f3"]),
        ("#severity=high", vec!["s1-f1"]),
        ("#severity=info", vec!["s1-f2", "s1-f3"]),
        ("#severity=high,info", vec!["s1-f1", "s1-f2", "s1-f3"]),
        ("#category=single-outlet", vec!["s1-f2", "s1-f3"]),
        ("#outlet=The%20Ledger", vec!["s1-f1"]),
        ("#outlet=draft&severity=info", vec!["s1-f3"]),
        ("#q=inspection%20report", vec!["s1-f2"]),
        ("#q=LEE%20PARK", vec!["s1-f2"]),
        ("#severity=low", vec![]),
        ("#outlet=no-such-outlet", vec!["s1-f1", "s1-f2", "s1-f3"]),
    ] {
        let doc = dom(&browser, &path, fragment);
        assert_eq!(visible_families(&doc), shown, "{fragment}");
        let count = doc.select("output#shown").text().to_string();
        assert_eq!(
            count,
            format!("{} of 3 families shown", shown.len()),
            "{fragment}"
        );
        let story_hidden = doc.select("section.story").has_attr("hidden");
        assert_eq!(story_hidden, shown.is_empty(), "{fragment}");
    }
}

/// BASIL's audit page: under 5 MB, and a browser loads it, runs its filter and shows the
/// high families in the time this test prints.
#[test]
fn the_basil_audit_page_in_a_browser() {
    let Some(browser) = chromium() else { return };
    let basil = root().join("../shared/corpus/basil/articles.jsonl");
    if !basil.exists() {
        eprintln!("no BASIL corpus at {}: not run", basil.display());
        return;
    }
    let basil = basil.to_str().unwrap();
    let dir = TempDir::new("browser-basil");
    let path = page(&dir, "basil.html", &["audit", basil]);
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size < 5_000_000, "{size} bytes");
    let report = audit_json(&[basil]);
    let t0 = Instant::now();
    let doc = dom(&browser, &path, "#severity=high");
    let took = t0.elapsed();
    let high = families_at_least(&report, &["high"]);
    assert!(!high.is_empty());
    assert_eq!(visible_families(&doc), high);
    let all = families_at_least(&report, &ALL_LEVELS);
    assert_eq!(doc.select("article.family").length(), all.len());
    // The story index offers the stories the filter leaves, each linking to a shown story.
    let offered: Vec<String> = doc
        .select("nav ol.index li:not([hidden]) a")
        .iter()
        .map(|a| a.attr("href").unwrap().to_string())
        .collect();
    let shown_stories: Vec<String> = doc
        .select("section.story:not([hidden])")
        .iter()
        .map(|s| format!("#{}", s.attr("id").unwrap()))
        .collect();
    assert!(!offered.is_empty());
    assert_eq!(offered, shown_stories);
    assert!(doc.select("nav ol.index li").length() > offered.len());
    // Every version with a web address links to its article.
    let mut with_address = 0;
    for st in report["stories"].as_array().unwrap() {
        for f in st["families"].as_array().unwrap() {
            if f["severity"] != "none" && f["categories"] != serde_json::json!(["verbatim"]) {
                with_address += f["appearances"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|a| a["url"].as_str().is_some_and(|u| u.starts_with("http")))
                    .count();
            }
        }
    }
    assert!(with_address > 1000, "{with_address}");
    let links = doc.select("section.version a[href^='http']").length();
    assert_eq!(links, with_address);
    eprintln!(
        "BASIL audit page: {size} bytes, {} families, loaded and filtered in {took:?} (Chromium's start included)",
        all.len()
    );
    assert!(took < Duration::from_secs(30), "{took:?}");
}

/// The extract page in a browser: every quote of the seeds marked, with its kind.
#[test]
fn the_extract_page_in_a_browser() {
    let Some(browser) = chromium() else { return };
    let dir = TempDir::new("browser-extract");
    let path = page(&dir, "extract.html", &["extract", "tests/fixtures"]);
    let doc = dom(&browser, &path, "");
    let out = quotecheck([
        "--isolated",
        "extract",
        "--format",
        "json",
        "tests/fixtures",
    ])
    .run();
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    let articles = v["articles"].as_array().unwrap();
    let docs = doc.select("article.doc");
    assert_eq!(docs.length(), articles.len());
    for (a, d) in articles.iter().zip(docs.iter()) {
        let quotes = a["quotes"].as_array().unwrap();
        let marks: Vec<String> = d
            .select("div.text mark.q")
            .iter()
            .map(|m| m.attr("class").unwrap().to_string())
            .collect();
        let kinds: Vec<String> = quotes
            .iter()
            .map(|q| format!("q k-{}", q["kind"].as_str().unwrap()))
            .collect();
        assert_eq!(marks, kinds, "{}", a["id"]);
    }
    let shot = root().join("target/browser/seeds-extract.png");
    std::fs::create_dir_all(shot.parent().unwrap()).unwrap();
    browse(
        &browser,
        &path,
        "",
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1100,1400",
        ],
    );
    assert!(std::fs::metadata(&shot).unwrap().len() > 20_000);
}

/// A hostile article in a browser: its markup is text, no element of its own appears and
/// the page's one script is its own.
#[test]
fn a_hostile_article_is_text_in_a_browser() {
    let Some(browser) = chromium() else { return };
    let dir = TempDir::new("browser-hostile");
    // No straight double quote inside: the quote stays one spoken quote, and so reaches
    // every part of both pages.
    let quote = "We will not pay <script>document.title='pwned'</script> the fine'><img src=x onerror=document.title='pwned'> </style><b>on any account";
    let line = |id: &str, outlet: &str, text: &str| {
        serde_json::json!({"id": id, "outlet": outlet, "url": "javascript:document.title='pwned'", "text": text})
            .to_string()
            + "\n"
    };
    let input = dir.file(
        "hostile.jsonl",
        line(
            "\"><img src=x>",
            "</style><i>x",
            &format!("\"{quote} this year or the next,\" Ana Ruiz said."),
        ) + &line("b", "B", &format!("\"{quote},\" Ana Ruiz said.")),
    );
    for command in ["audit", "extract"] {
        let path = dir.path().join(format!("{command}.html"));
        let out = quotecheck(["--isolated", command, "--format", "html", "-o"])
            .arg(&path)
            .arg(&input)
            .run();
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        let doc = dom(&browser, &path, "");
        let title = doc.select("title").text().to_string();
        assert!(!title.contains("pwned"), "{command}: {title}");
        assert_eq!(doc.select("img").length(), 0, "{command}");
        assert_eq!(doc.select("i").length(), 0, "{command}");
        assert_eq!(doc.select("b").length(), 0, "{command}");
        assert!(
            doc.select("body")
                .text()
                .contains("<script>document.title='pwned'</script>"),
            "{command}"
        );
    }
}
