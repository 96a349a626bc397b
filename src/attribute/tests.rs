//! One test per sieve rule and per kind decision: a short text, the quote it is about, and
//! what the rule must decide.

use crate::model::{ArticleQuotes, Kind, Resolution, Rule, SpeakerType};

/// Extracts and attributes `text` with the default configuration. Building a pipeline parses
/// the built-in lexicons, a few milliseconds in a test build: cheap enough for each call to
/// build its own and share nothing with other tests.
fn process_text(text: &str) -> ArticleQuotes {
    crate::Pipeline::default().extract_text(text)
}

/// What a test expects of one quote (selected by a fragment of its text).
struct Expect<'a> {
    quote: &'a str,
    kind: Kind,
    rule: Rule,
    mention: Option<&'a str>,
    name: Option<&'a str>,
    cue: Option<&'a str>,
}

fn check(text: &str, e: Expect) {
    let out = process_text(text);
    let q = out
        .quotes
        .iter()
        .find(|q| q.text.contains(e.quote))
        .unwrap_or_else(|| panic!("no quote containing {:?} in {:#?}", e.quote, out.quotes));
    assert_eq!(q.kind, e.kind, "kind of {:?}", q.text);
    assert_eq!(q.rule, e.rule, "rule of {:?}", q.text);
    assert_eq!(
        q.speaker.as_ref().map(|s| s.mention.as_str()),
        e.mention,
        "mention for {:?}",
        q.text
    );
    if let Some(name) = e.name {
        assert_eq!(q.speaker.as_ref().map(|s| s.name.as_str()), Some(name));
    }
    assert_eq!(
        q.cue.as_ref().map(|c| c.text.as_str()),
        e.cue,
        "cue for {:?}",
        q.text
    );
    // Offsets are sacred: every span slices the text exactly.
    assert_eq!(&text[q.start..q.end], q.text);
    if let Some(s) = &q.speaker {
        assert_eq!(&text[s.start..s.end], s.mention);
    }
    if let Some(c) = &q.cue {
        assert_eq!(&text[c.start..c.end], c.text);
    }
}

#[test]
fn speaker_cue_after() {
    check(
        "On Friday, Senator Tom Cotton sent a letter.\n\"The US government recognizes the threat,\" Cotton wrote.",
        Expect {
            quote: "recognizes",
            kind: Kind::Direct,
            rule: Rule::SpeakerCueAfter,
            mention: Some("Cotton"),
            name: Some("Tom Cotton"),
            cue: Some("wrote"),
        },
    );
}

#[test]
fn speaker_cue_after_keeps_premodifiers_and_parenthetical() {
    check(
        "“It’s a dog whistle,” Rep. Gwen Moore (D-Wis.) said Friday.",
        Expect {
            quote: "dog whistle",
            kind: Kind::Direct,
            rule: Rule::SpeakerCueAfter,
            mention: Some("Rep. Gwen Moore (D-Wis.)"),
            name: Some("Gwen Moore"),
            cue: Some("said"),
        },
    );
}

#[test]
fn cue_speaker_after_with_appositive() {
    check(
        "\"As a father, I look for food,\" said Ziad, a nurse.",
        Expect {
            quote: "father",
            kind: Kind::Direct,
            rule: Rule::CueSpeakerAfter,
            mention: Some("Ziad, a nurse"),
            name: Some("Ziad"),
            cue: Some("said"),
        },
    );
}

#[test]
fn cue_before_with_colon() {
    check(
        "Hegseth said: \"This is over.\"",
        Expect {
            quote: "over",
            kind: Kind::Direct,
            rule: Rule::CueBefore,
            mention: Some("Hegseth"),
            name: None,
            cue: Some("said"),
        },
    );
}

#[test]
fn cue_before_with_appositive_and_prepositional_phrase() {
    check(
        "Frank Shaw, Microsoft's Chief Communications Officer, wrote on X, \"In response to concerns, we made changes.\"",
        Expect {
            quote: "In response",
            kind: Kind::Direct,
            rule: Rule::CueBefore,
            mention: Some("Frank Shaw, Microsoft's Chief Communications Officer"),
            name: Some("Frank Shaw"),
            cue: Some("wrote"),
        },
    );
}

#[test]
fn according_to() {
    check(
        "According to Smith, \"The plan is dead.\"",
        Expect {
            quote: "plan",
            kind: Kind::Direct,
            rule: Rule::AccordingTo,
            mention: Some("Smith"),
            name: None,
            cue: Some("According to"),
        },
    );
}

#[test]
fn split_quote_shares_the_attribution() {
    let text = "\"We are ready,\" he said, \"and we will win.\"";
    check(
        text,
        Expect {
            quote: "ready",
            kind: Kind::Direct,
            rule: Rule::SpeakerCueAfter,
            mention: Some("he"),
            name: None,
            cue: Some("said"),
        },
    );
    check(
        text,
        Expect {
            quote: "and we will win",
            kind: Kind::Direct,
            rule: Rule::SplitQuote,
            mention: Some("he"),
            name: None,
            cue: Some("said"),
        },
    );
}

#[test]
fn partial_quote_in_a_cued_sentence() {
    check(
        "In a video, Hegseth said this is \"obviously unacceptable\" and left.",
        Expect {
            quote: "obviously",
            kind: Kind::Partial,
            rule: Rule::PartialInCuedSentence,
            mention: Some("Hegseth"),
            name: None,
            cue: Some("said"),
        },
    );
}

#[test]
fn second_quote_of_a_paragraph_continues_the_first() {
    check(
        "\"We lost,\" Smith said. \"We will be back.\"",
        Expect {
            quote: "be back",
            kind: Kind::Direct,
            rule: Rule::SameParagraph,
            mention: Some("Smith"),
            name: None,
            cue: Some("said"),
        },
    );
}

#[test]
fn quote_only_paragraph_continues_the_previous_speaker() {
    check(
        "\"I'm announcing a review,\" Hegseth said in the video.\n\"We will monitor all threats.\"",
        Expect {
            quote: "monitor",
            kind: Kind::Direct,
            rule: Rule::ContinuesParagraph,
            mention: Some("Hegseth"),
            name: None,
            cue: Some("said"),
        },
    );
}

#[test]
fn colon_lead_in_from_the_previous_paragraph() {
    check(
        "Caddell continued:\n\n\"The health issue is a partisan issue.\"",
        Expect {
            quote: "health issue",
            kind: Kind::Direct,
            rule: Rule::ColonLeadIn,
            mention: Some("Caddell"),
            name: None,
            cue: Some("continued"),
        },
    );
}

#[test]
fn previous_sentence_subject() {
    check(
        "The judge then turned to me. \"Mr. D'Souza?\"",
        Expect {
            quote: "D'Souza",
            kind: Kind::Direct,
            rule: Rule::PreviousSentence,
            mention: Some("The judge"),
            name: None,
            cue: Some("then turned"),
        },
    );
}

#[test]
fn participle_takes_the_sentence_subject() {
    check(
        "Trump returned the compliment, telling Reuters, \"He is an amazing man.\"",
        Expect {
            quote: "amazing",
            kind: Kind::Direct,
            rule: Rule::CueBefore,
            mention: Some("Trump"),
            name: None,
            cue: Some("telling"),
        },
    );
}

#[test]
fn dash_byline() {
    check(
        "“Trump must stop portraying Latinos as gangsters.”― Carla Sanchez",
        Expect {
            quote: "gangsters",
            kind: Kind::Direct,
            rule: Rule::SpeakerCueAfter,
            mention: Some("Carla Sanchez"),
            name: None,
            cue: Some("―"),
        },
    );
}

#[test]
fn wire_credit_is_not_a_speaker() {
    check(
        "\"I'm announcing a review,\" Hegseth said.\n\"We will monitor all threats.\" - Reuters",
        Expect {
            quote: "monitor",
            kind: Kind::Direct,
            rule: Rule::ContinuesParagraph,
            mention: Some("Hegseth"),
            name: None,
            cue: Some("said"),
        },
    );
}

#[test]
fn scare_quotes_are_terms() {
    for text in [
        "They are supervised through so-called \"digital escorts\" in the US.",
        "Cotton asked how these \"digital escorts\" are trained.",
        "They work under the supervision of US \"digital escorts\" hired by subcontractors.",
    ] {
        check(
            text,
            Expect {
                quote: "digital escorts",
                kind: Kind::Term,
                rule: Rule::Term,
                mention: None,
                name: None,
                cue: None,
            },
        );
    }
}

#[test]
fn titles_are_terms() {
    check(
        "Youth tour ends\nHe joined the trip, which titled 'Opportune China, Youth Talks — 2025 Global Youth Dialogue', with others.",
        Expect {
            quote: "Opportune",
            kind: Kind::Term,
            rule: Rule::Term,
            mention: None,
            name: None,
            cue: None,
        },
    );
}

#[test]
fn unattributed_speech() {
    check(
        "\"Nobody knows what happens next.\"",
        Expect {
            quote: "Nobody",
            kind: Kind::Direct,
            rule: Rule::Unattributed,
            mention: None,
            name: None,
            cue: None,
        },
    );
}

#[test]
fn nested_quote_is_not_attributed() {
    let out = process_text("\"He told me 'no' twice,\" she said.");
    let inner = out.quotes.iter().find(|q| q.text == "'no'").unwrap();
    assert_eq!(inner.kind, Kind::Nested);
    assert_eq!(inner.rule, Rule::Nested);
    assert!(inner.speaker.is_none());
    assert_eq!(inner.parent.as_deref(), Some("text#1"));
}

#[test]
fn pronoun_resolves_to_the_last_compatible_person() {
    let text =
        "\"We want food,\" said Ziad, a nurse. \"We want an end to this war,\" he told Reuters.";
    let out = process_text(text);
    let q = out
        .quotes
        .iter()
        .find(|q| q.text.contains("end to"))
        .unwrap();
    let s = q.speaker.as_ref().unwrap();
    assert_eq!(s.mention, "he");
    assert_eq!(s.name, "Ziad");
    assert_eq!(s.resolution, Resolution::Pronoun);
    assert_eq!(q.cue.as_ref().unwrap().text, "told");
}

#[test]
fn pronoun_it_resolves_to_an_organisation() {
    let text = "Israel's military said its troops fired to remove what it said was \"an immediate threat\".";
    let out = process_text(text);
    let s = out.quotes[0].speaker.as_ref().unwrap();
    assert_eq!(s.mention, "it");
    assert_eq!(s.name, "Israel's military");
    assert_eq!(s.speaker_type, SpeakerType::Organization);
}

#[test]
fn surname_resolves_to_the_full_name() {
    let text = "Senator Tom Cotton sent a letter. \"China is a threat,\" Cotton wrote.";
    let s = process_text(text).quotes[0].speaker.clone().unwrap();
    assert_eq!(s.name, "Tom Cotton");
    assert_eq!(s.resolution, Resolution::Surname);
}

#[test]
fn descriptor_resolves_to_the_titled_person() {
    let text = "Cotton wrote to Defense Secretary Pete Hegseth. The US Defense Secretary also said the problem is \"a legacy system.\"";
    let q = &process_text(text).quotes[0];
    let s = q.speaker.as_ref().unwrap();
    assert_eq!(s.mention, "The US Defense Secretary");
    assert_eq!(s.name, "Pete Hegseth");
    assert_eq!(s.resolution, Resolution::Descriptor);
    assert_eq!(q.cue.as_ref().unwrap().text, "also said");
}

#[test]
fn she_skips_men() {
    let text = "Lidia de la Vega, president of the commission, spoke after Raymundo Vazquez. The exhibition is a \"visual bridge\" for both countries, she said.";
    let s = process_text(text).quotes[0].speaker.clone().unwrap();
    assert_eq!(s.name, "Lidia de la Vega");
}

#[test]
fn noun_uses_of_speech_verbs_are_not_cues() {
    // `report` is a noun here and `press` modifies `secretary`.
    let text = "\"The impact remains unclear,\" the IMF report stated.";
    let q = &process_text(text).quotes[0];
    assert_eq!(q.cue.as_ref().unwrap().text, "stated");
    assert_eq!(q.speaker.as_ref().unwrap().mention, "the IMF report");
}

#[test]
fn headline_quotes() {
    // A headline is in title case: that alone does not make a quoted phrase a title.
    let text = "Pat Caddell: Democrat Voters Worried; It’s ‘in Their Heads’\n\nBody text.";
    assert_eq!(process_text(text).quotes[0].kind, Kind::Partial);
    // `Name: 'quote'` in a headline is the name's direct quote, the colon its cue.
    let text = "Trump: ‘We Will Win Florida’\n\nBody text.";
    let q = &process_text(text).quotes[0];
    assert_eq!(q.kind, Kind::Direct);
    assert_eq!(q.speaker.as_ref().unwrap().mention, "Trump");
    assert_eq!(q.cue.as_ref().unwrap().text, ":");
}

#[test]
fn acronym_after_a_name_is_an_alias() {
    let text = "The U.N. World Food Programme (WFP) said a WFP convoy was hit. \"Violence is unacceptable,\" it said.";
    let q = &process_text(text).quotes[0];
    let s = q.speaker.as_ref().unwrap();
    assert_eq!(s.mention, "it");
    assert_eq!(s.name, "U.N. World Food Programme");
}

#[test]
fn outlet_names_ending_in_news_speak() {
    check(
        "Title\n\nHe made claims against the NRA, and Breitbart News responded:\n\n\"If there are people who pose a threat, deport them.\"",
        Expect {
            quote: "deport",
            kind: Kind::Direct,
            rule: Rule::ColonLeadIn,
            mention: Some("Breitbart News"),
            name: None,
            cue: Some("responded"),
        },
    );
}

#[test]
fn subject_after_a_subordinate_clause() {
    check(
        "When he returned he began by saying, \"I don't think that it's necessary.\"",
        Expect {
            quote: "necessary",
            kind: Kind::Direct,
            rule: Rule::CueBefore,
            mention: Some("he"),
            name: None,
            cue: Some("saying"),
        },
    );
}

/// Two pipelines with different lexicons in one process: each finds its own words, and
/// running one changes nothing in what the other finds.
#[test]
fn configured_words_stay_with_their_pipeline() {
    let mut config = crate::Config::default();
    // Not built in (`quip` is): only the configured pipeline knows it.
    config.lexicon.speech_verbs = vec!["deadpan deadpans deadpanned deadpanning".into()];
    config.lexicon.titles = vec!["Chief Rainmaker".into()];
    let configured = crate::Pipeline::new(config).expect("a valid configuration");
    let default = crate::Pipeline::default();

    let verb = "\"Nothing ever changes here,\" Dana Whitfield deadpanned.";
    let title = "\"Rain is coming,\" said Chief Rainmaker Dana Whitfield.";
    let first = |p: &crate::Pipeline, text: &str| p.extract_text(text).quotes.swap_remove(0);
    let name = |q: &crate::Quote| q.speaker.as_ref().map(|s| s.name.clone());
    let configured_knows_its_words = || {
        let q = first(&configured, verb);
        assert_eq!(q.rule, Rule::SpeakerCueAfter);
        assert_eq!(name(&q).as_deref(), Some("Dana Whitfield"));
        assert_eq!(q.cue.as_ref().map(|c| c.lemma.as_str()), Some("deadpan"));
        let q = first(&configured, title);
        assert_eq!(name(&q).as_deref(), Some("Dana Whitfield"));
        assert_eq!(
            q.speaker.as_ref().map(|s| s.mention.as_str()),
            Some("Chief Rainmaker Dana Whitfield")
        );
    };
    let default_does_not = || {
        let q = first(&default, verb);
        assert_eq!(q.rule, Rule::Unattributed);
        assert!(q.cue.is_none() && q.speaker.is_none());
        // Without the title, `Rainmaker` reads as part of the name.
        let q = first(&default, title);
        assert_eq!(name(&q).as_deref(), Some("Rainmaker Dana Whitfield"));
    };
    configured_knows_its_words();
    default_does_not();
    configured_knows_its_words();
    default_does_not();
}

/// The registry's index gives the answers of a scan of the whole registry: every article of
/// the fixtures, and a generated one with thousands of names, surnames, acronyms, pronouns
/// and titles, attributed with the index from the first entry and with none.
#[test]
fn the_name_index_changes_no_answer() {
    let lexicon = crate::lexicon::Lexicon::builtin();
    // The fixtures, and the seed articles beside the project when they are there.
    let dirs = ["tests/fixtures", "../shared/corpus/seeds"];
    let mut texts: Vec<String> = dirs
        .iter()
        .filter_map(|d| {
            std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(d)).ok()
        })
        .flatten()
        .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
        .collect();
    assert!(texts.len() >= 2);
    texts.push(many_names(60));
    texts.push(many_names(3_000));
    for text in &texts {
        let ex = crate::extract::extract(text, &lexicon);
        let scan = super::attribute_indexing_from(text, &ex.spans, &lexicon, usize::MAX);
        let index = super::attribute_indexing_from(text, &ex.spans, &lexicon, 0);
        assert_eq!(scan, index, "{}", &text[..text.len().min(200)]);
    }
    // The generated article asks every kind of question.
    let text = many_names(3_000);
    let ex = crate::extract::extract(&text, &lexicon);
    let got = super::attribute_indexing_from(&text, &ex.spans, &lexicon, 0);
    for r in [
        Resolution::Mention,
        Resolution::Surname,
        Resolution::ShortForm,
        Resolution::Pronoun,
        Resolution::Descriptor,
    ] {
        let n = got
            .iter()
            .filter(|a| a.speaker.as_ref().is_some_and(|s| s.resolution == r))
            .count();
        assert!(n > 100, "{r:?}: {n}");
    }
}

/// `n` people (some sharing surnames, first names or titles), a few organisations with
/// acronyms, and quotes attributed to them by full name, surname, pronoun and title.
fn many_names(n: usize) -> String {
    const FIRST: [&str; 8] = [
        "Tom", "Jane", "Ali", "Maria", "John", "Sara", "Chen", "Olga",
    ];
    const TITLES: [&str; 5] = ["Senator", "Defense Secretary", "Mayor", "Dr.", "Governor"];
    let word = |mut i: usize| {
        let mut w = String::new();
        for _ in 0..3 {
            w.push(b"bcdfgklmnprstvz"[i % 15] as char);
            w.push(b"aeiou"[(i / 15) % 5] as char);
            i /= 75;
        }
        let mut c = w.chars();
        c.next()
            .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
    };
    let mut t = String::from("Officials met on Tuesday.\n");
    for i in 0..n {
        let (first, last) = (FIRST[i % 8], word(i / 3));
        let title = TITLES[i % 5];
        match i % 7 {
            0 => t.push_str(&format!(
                "{title} {first} {last} spoke. \"We will win,\" {last} said.\n"
            )),
            1 => t.push_str(&format!(
                "{first} {last}, a nurse, waited. \"It is over,\" she said.\n"
            )),
            2 => t.push_str(&format!(
                "The {last} Health Ministry ({}) said. \"No,\" it said.\n",
                last.to_uppercase()
            )),
            3 => t.push_str(&format!(
                "\"Yes,\" the {} said. {first} agreed.\n",
                title.to_lowercase()
            )),
            4 => t.push_str(&format!(
                "Mr. {last} left. \"Fine,\" he said, and {} {last} nodded.\n",
                FIRST[(i + 3) % 8]
            )),
            5 => t.push_str(&format!(
                "\"Later,\" said {last}. \"Not now,\" {first} said.\n"
            )),
            _ => t.push_str(&format!(
                "{title} {last} of the {} Group spoke. \"Done,\" the group said.\n",
                word(i)
            )),
        }
    }
    t
}
