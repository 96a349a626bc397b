//! HTML input: saved pages in `tests/pages/` wrap the same stories as the plain-text
//! fixtures in navigation, ads, related-article boxes, scripts and comments. Main-text
//! extraction must keep the story and drop the rest, so the quotes and speakers read from
//! the page are those read from the plain text of the same story.

use serde_json::Value;

use crate::util::{TempDir, assert_transcript, pipeline, quotecheck};

fn extract_json(args: &[&str]) -> Value {
    let out = quotecheck(["--isolated", "extract", "--format", "json"])
        .args(args)
        .run()
        .ok();
    serde_json::from_str(&out).unwrap()
}

/// (kind, quote text, speaker name) of every quote, in order.
fn quotes(article: &Value) -> Vec<(String, String, Option<String>)> {
    article["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["kind"].as_str().unwrap().to_string(),
                q["text"].as_str().unwrap().to_string(),
                q["speaker"]["name"].as_str().map(str::to_string),
            )
        })
        .collect()
}

/// Every span slices the `text` the output carries, in bytes and in code points.
fn check_offsets(article: &Value) {
    let text = article["text"]
        .as_str()
        .expect("HTML articles carry their text");
    let chars: Vec<char> = text.chars().collect();
    let slice = |v: &Value| {
        let (s, e) = (
            v["start"].as_u64().unwrap() as usize,
            v["end"].as_u64().unwrap() as usize,
        );
        let (cs, ce) = (
            v["char_start"].as_u64().unwrap() as usize,
            v["char_end"].as_u64().unwrap() as usize,
        );
        assert_eq!(text[s..e], *chars[cs..ce].iter().collect::<String>());
        text[s..e].to_string()
    };
    for q in article["quotes"].as_array().unwrap() {
        assert_eq!(slice(q), q["text"].as_str().unwrap());
        for part in ["speaker", "cue"] {
            if !q[part].is_null() {
                let key = if part == "speaker" { "mention" } else { "text" };
                assert_eq!(slice(&q[part]), q[part][key].as_str().unwrap());
            }
        }
    }
}

#[test]
fn clean_page_reads_as_its_plain_text() {
    let page = extract_json(&["tests/pages/000_8e19547a2dfce686.html"]);
    let plain = extract_json(&["tests/fixtures/000_8e19547a2dfce686.txt"]);
    let (page, plain) = (&page["articles"][0], &plain["articles"][0]);
    check_offsets(page);
    assert_eq!(quotes(page), quotes(plain));
    // The boilerplate is gone: the ad label between paragraphs and the comment count.
    let text = page["text"].as_str().unwrap();
    assert!(!text.contains("Advertisement"), "{text}");
    assert!(!text.contains("Comments"), "{text}");
    // Metadata from the page: the site name is the default outlet.
    assert_eq!(page["text_source"], "html");
    assert_eq!(page["outlet"], "Tech Ledger");
    assert_eq!(page["byline"], "Staff Reporter");
    assert!(
        page["title"]
            .as_str()
            .unwrap()
            .starts_with("Microsoft stops")
    );
    // Plain text does not repeat the text unless asked.
    assert!(plain.get("text").is_none() && plain.get("text_source").is_none());
}

#[test]
fn scraped_page_keeps_the_story_and_drops_the_rest() {
    let page = extract_json(&["tests/pages/004_dbadbda89d79b732.html"]);
    let page = &page["articles"][0];
    check_offsets(page);
    // The plain-text fixture is itself a scrape with other articles around the story; cut
    // it to the story's paragraphs and compare.
    let plain = std::fs::read_to_string("tests/fixtures/004_dbadbda89d79b732.txt").unwrap();
    let bounds = std::fs::read_to_string("tests/pages/004_story_bounds.txt").unwrap();
    let mut b = bounds.lines();
    let (first, last) = (b.next().unwrap(), b.next().unwrap());
    let start = plain.find(first).unwrap();
    let last_at = plain.find(last).unwrap();
    let end = plain[last_at..]
        .find('\n')
        .map_or(plain.len(), |e| last_at + e);
    let story = pipeline().extract_text(&plain[start..end]);
    let want: Vec<_> = story
        .quotes
        .iter()
        .map(|q| {
            (
                q.kind.name().to_string(),
                q.text.clone(),
                q.speaker.as_ref().map(|s| s.name.clone()),
            )
        })
        .collect();
    assert_eq!(quotes(page), want);
    assert_eq!(want.len(), 7);
    // Nothing from the related stories, the app promos or the page chrome.
    let text = page["text"].as_str().unwrap();
    for junk in ["DOWNLOAD THE APP", "Try Our AI Features", "logo"] {
        assert!(!text.contains(junk), "{junk} in {text}");
    }
    assert_eq!(page["outlet"], "The Star");
}

#[test]
fn raw_html_reads_the_whole_page() {
    let page = extract_json(&["tests/pages/000_8e19547a2dfce686.html"]);
    let raw = extract_json(&["--raw-html", "tests/pages/000_8e19547a2dfce686.html"]);
    let (page, raw) = (&page["articles"][0], &raw["articles"][0]);
    assert!(raw.get("text_source").is_none());
    // Comments and related links hold quotes of their own.
    assert!(quotes(raw).len() > quotes(page).len());
    assert_eq!(raw["outlet"], "000_8e19547a2dfce686");
    // Scripts, style sheets and templates are not prose: no quote starts inside one.
    let text = std::fs::read_to_string("tests/pages/000_8e19547a2dfce686.html").unwrap();
    let lower = text.to_ascii_lowercase();
    let mut inside = Vec::new();
    for name in ["script", "style", "template"] {
        let mut from = 0;
        while let Some(i) = lower[from..].find(&format!("<{name}")) {
            let open = from + i;
            let close = lower[open..]
                .find(&format!("</{name}"))
                .map_or(lower.len(), |c| open + c);
            inside.push((open, close));
            from = close;
        }
    }
    assert!(!inside.is_empty(), "the page has scripts");
    for q in raw["quotes"].as_array().unwrap() {
        let start = q["start"].as_u64().unwrap() as usize;
        assert!(
            !inside.iter().any(|&(a, b)| a <= start && start < b),
            "a quote inside a script or style: {}",
            q["text"]
        );
    }
}

/// The CLI on a page read raw: the quotes of a style sheet, a script and a template are not
/// reported, the prose's are.
#[test]
fn raw_html_skips_scripts_styles_and_templates() {
    let dir = TempDir::new("html-raw");
    let page = dir.file(
        "p.html",
        "<html><head><style>body{font-family:\"Helvetica Neue\",\"Arial\"}</style><script>var a=\"x\";</script></head><body><p>\"We will win,\" Ana Ruiz said.</p><template><p>\"hidden\"</p></template></body></html>",
    );
    let out = quotecheck(["--isolated", "extract", "--raw-html", "--format", "jsonl"])
        .arg(&page)
        .run();
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let texts: Vec<&str> = v["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["\"We will win,\""]);
    let out = quotecheck(["--isolated", "extract", "--raw-html"])
        .arg(&page)
        .run();
    assert_transcript("cli-extract-raw-html", Some(&dir), &out);
}

#[test]
fn json_lines_html_field() {
    let html = std::fs::read_to_string("tests/pages/000_8e19547a2dfce686.html").unwrap();
    let dir = TempDir::new("html-jsonl");
    let lines = [
        serde_json::json!({"id": "a", "html": html}),
        serde_json::json!({"id": "b", "html": html, "outlet": "Wire"}),
        // `text` wins over `html`.
        serde_json::json!({"id": "c", "html": html, "text": "\"Hi,\" she said."}),
        serde_json::json!({"id": "d", "html": "<html><body><script>x()</script></body></html>"}),
    ];
    let body: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let path = dir.file("pages.jsonl", body);
    let out = quotecheck(["--isolated", "extract", "--format", "json"])
        .arg(&path)
        .run();
    // Line 4 has no article text: skipped, named, exit 2; the others are still written.
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("pages.jsonl:4") && out.stderr.contains("no article text"),
        "{}",
        out.stderr
    );
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    let arts = doc["articles"].as_array().unwrap();
    assert_eq!(arts.len(), 3);
    let file = extract_json(&["tests/pages/000_8e19547a2dfce686.html"]);
    assert_eq!(quotes(&arts[0]), quotes(&file["articles"][0]));
    assert_eq!(arts[0]["outlet"], "Tech Ledger");
    assert_eq!(arts[1]["outlet"], "Wire");
    assert!(arts[2].get("text_source").is_none());
    assert_eq!(arts[2]["quotes"].as_array().unwrap().len(), 1);
    assert_eq!(doc["summary"]["articles_skipped"], 1);
}

#[test]
fn with_text_includes_plain_text() {
    let doc = extract_json(&["--with-text", "tests/fixtures/000_8e19547a2dfce686.txt"]);
    let a = &doc["articles"][0];
    assert_eq!(
        a["text"].as_str().unwrap(),
        std::fs::read_to_string("tests/fixtures/000_8e19547a2dfce686.txt").unwrap()
    );
    check_offsets(a);
}

#[test]
fn html_and_plain_text_audit_alike() {
    // The families both outlets quote, with their findings, are those of the plain text.
    let run = |paths: &[&str]| -> Vec<(Value, Value, Value)> {
        let out = quotecheck(["--isolated", "audit", "--format", "json"])
            .args(paths)
            .run();
        let v: Value = serde_json::from_str(&out.stdout).unwrap();
        v["stories"][0]["families"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["outlets"].as_array().is_some_and(|o| o.len() > 1))
            .map(|f| {
                (
                    f["speaker"].clone(),
                    f["categories"].clone(),
                    f["severity"].clone(),
                )
            })
            .collect()
    };
    let html = run(&["tests/pages"]);
    let plain = run(&[
        "tests/fixtures/000_8e19547a2dfce686.txt",
        "tests/fixtures/004_dbadbda89d79b732.txt",
    ]);
    assert_eq!(html, plain);
    let speakers: Vec<&str> = html.iter().filter_map(|f| f.0.as_str()).collect();
    // The most severe first: the elision and the cut, then the spelling variant.
    assert_eq!(speakers, ["Frank Shaw", "Pete Hegseth", "Tom Cotton"]);
}
