//! The helpers of the rules' tests (each rule's own tests are in its file under `rules/`),
//! and the tests of what no one rule decides: resolution of the speaker to a name, the
//! name index, configured words.

use crate::model::{ArticleQuotes, Kind, Resolution, Rule, SpeakerType};

/// Extracts and attributes `text` with the default configuration. Building a pipeline parses
/// the built-in lexicons, a few milliseconds in a test build: cheap enough for each call to
/// build its own and share nothing with other tests.
pub(in crate::attribute) fn process_text(text: &str) -> ArticleQuotes {
    crate::Pipeline::default().extract_text(text)
}

/// What a test expects of one quote (selected by a fragment of its text).
pub(in crate::attribute) struct Expect<'a> {
    pub(in crate::attribute) quote: &'a str,
    pub(in crate::attribute) kind: Kind,
    pub(in crate::attribute) rule: Rule,
    pub(in crate::attribute) mention: Option<&'a str>,
    pub(in crate::attribute) name: Option<&'a str>,
    pub(in crate::attribute) cue: Option<&'a str>,
}

pub(in crate::attribute) fn check(text: &str, e: Expect) {
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
fn acronym_after_a_name_is_an_alias() {
    let text = "The U.N. World Food Programme (WFP) said a WFP convoy was hit. \"Violence is unacceptable,\" it said.";
    let q = &process_text(text).quotes[0];
    let s = q.speaker.as_ref().unwrap();
    assert_eq!(s.mention, "it");
    assert_eq!(s.name, "U.N. World Food Programme");
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
    // A given name the lexicon does not know: with a known one, the name would start there
    // whatever the words before it.
    let title = "\"Rain is coming,\" said Chief Rainmaker Adaeze Whitfield.";
    let first = |p: &crate::Pipeline, text: &str| p.extract_text(text).quotes.swap_remove(0);
    let name = |q: &crate::Quote| q.speaker.as_ref().map(|s| s.name.clone());
    let configured_knows_its_words = || {
        let q = first(&configured, verb);
        assert_eq!(q.rule, Rule::SpeakerCueAfter);
        assert_eq!(name(&q).as_deref(), Some("Dana Whitfield"));
        assert_eq!(q.cue.as_ref().map(|c| c.lemma.as_str()), Some("deadpan"));
        let q = first(&configured, title);
        assert_eq!(name(&q).as_deref(), Some("Adaeze Whitfield"));
        assert_eq!(
            q.speaker.as_ref().map(|s| s.mention.as_str()),
            Some("Chief Rainmaker Adaeze Whitfield")
        );
    };
    let default_does_not = || {
        // The verb still fills the attribution slot, but unlisted it has no lemma: the
        // cue is the form as written.
        let q = first(&default, verb);
        assert_eq!(q.cue.as_ref().map(|c| c.lemma.as_str()), Some("deadpanned"));
        // Without the title, `Rainmaker` reads as part of the name.
        let q = first(&default, title);
        assert_eq!(name(&q).as_deref(), Some("Rainmaker Adaeze Whitfield"));
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
                "{title} {last} of the {} Group spoke. \"Done,\" the Group said.\n",
                word(i)
            )),
        }
    }
    t
}

/// The name a quote containing `fragment` resolves to.
fn name_of(text: &str, fragment: &str) -> Option<String> {
    let out = process_text(text);
    let q = out
        .quotes
        .iter()
        .find(|q| q.text.contains(fragment))
        .unwrap_or_else(|| panic!("no quote containing {fragment:?} in {:#?}", out.quotes));
    q.speaker.as_ref().map(|s| s.name.clone())
}

/// Capitalised role words before a known given name are the role, whatever list they are
/// in (or none): the name starts at the given name.
#[test]
fn a_given_name_inside_a_capitalised_run_starts_the_name() {
    for (text, name) in [
        (
            "\"The levee held,\" said Chief Engineer Sarah Voss.",
            "Sarah Voss",
        ),
        (
            "\"The levee held,\" said City Engineer Sarah Voss.",
            "Sarah Voss",
        ),
        (
            "\"It is done,\" said Director of National Intelligence James Clapper.",
            "James Clapper",
        ),
        // A given name first keeps the whole run: middle names are names.
        (
            "\"It is done,\" said Ruth Bader Ginsburg.",
            "Ruth Bader Ginsburg",
        ),
    ] {
        assert_eq!(name_of(text, "\"").as_deref(), Some(name), "{text}");
    }
}

#[test]
fn a_pronoun_means_the_subject_not_the_object_of_the_sentence_before() {
    let text = "Gov. Nora Hale spoke first.\n\n\
        Trying to win back the field, Gov. Hale took a swipe at her rivals Maria Olsen and \
        Ines Varga, who have never run a state.\n\n\
        \"You will not have to wonder whether I can do it,\" she said.";
    assert_eq!(name_of(text, "wonder").as_deref(), Some("Nora Hale"));
}

#[test]
fn a_pronoun_chain_carries_the_person_through_the_paragraphs() {
    let text = "Justice Sam Dunmore said the station's stand was \"clearly adopted to frustrate\" \
        the applicants.\n\nStill, he denied Mr. Ray Hemming's request for phone numbers.\n\n\
        \"This has degenerated into an acrimonious fight,\" he wrote.";
    assert_eq!(name_of(text, "acrimonious").as_deref(), Some("Sam Dunmore"));
}

#[test]
fn bare_surnames_and_possessives_keep_a_person_salient() {
    // `Okafor` is no given name the lexicon knows; speaking makes her a person, and her
    // bare surname keeps her the one `she` means after another woman is named.
    let text = "Adaeze Okafor said the clinic would close.\n\n\
        Mary Lund, a nurse, left in May. Okafor's tone hardened.\n\n\
        \"We have nothing left,\" she said.";
    assert_eq!(
        name_of(text, "nothing left").as_deref(),
        Some("Adaeze Okafor")
    );
}

#[test]
fn captions_and_label_lines_do_not_become_antecedents() {
    let text = "Kevin Haley, a security director, agreed with the finding.\n\n\
        WATCH: Police Chief Tom Reed warns of a rise in scams\n\n\
        \"We believe it's the same group,\" he said.";
    assert_eq!(name_of(text, "same group").as_deref(), Some("Kevin Haley"));
}

#[test]
fn the_speaker_of_the_sentence_before_wins_over_its_first_name() {
    let text = "Each of the charges against Richard Emery carries a long sentence, \
        prosecutor Tim Lohmar said.\n\n\"It's premature to say more,\" he said.";
    assert_eq!(name_of(text, "premature").as_deref(), Some("Tim Lohmar"));
}

#[test]
fn a_document_speaks_for_its_author() {
    let text = "Minister Shannon Phillips issued a statement on Friday.\n\n\
        \"I have heard the concerns,\" her statement read.\n\n\
        Dozens signed a letter from Representative Peter Welch.\n\n\
        \"This is unconscionable,\" the letter said.";
    assert_eq!(
        name_of(text, "heard the concerns").as_deref(),
        Some("Shannon Phillips")
    );
    assert_eq!(
        name_of(text, "unconscionable").as_deref(),
        Some("Peter Welch")
    );
}

#[test]
fn a_role_finds_the_person_introduced_with_its_abbreviation() {
    let text = "Texas Gov. Rick Perry spoke on Monday. \"No,\" the Texas governor said. \
        Sen. Mitt Romney, R-Utah, left early. \"We will see,\" the Republican senator said.";
    assert_eq!(name_of(text, "No,").as_deref(), Some("Rick Perry"));
    assert_eq!(name_of(text, "We will see").as_deref(), Some("Mitt Romney"));
}

#[test]
fn a_person_of_the_article_outranks_an_organisation_of_the_same_name() {
    let text = "Former Mayor Michael Bloomberg endorsed her.\n\n\
        \"This is too important to sit out,\" said Bloomberg.";
    assert_eq!(
        name_of(text, "sit out").as_deref(),
        Some("Michael Bloomberg")
    );
}

#[test]
fn a_quote_after_a_place_abbreviation_opens_a_sentence() {
    check(
        "Donald Trump spoke at a rally in Binghamton, N.Y. \"Secretary Clinton will lose this state,\" \
         he said.",
        Expect {
            quote: "Secretary Clinton",
            kind: Kind::Direct,
            rule: Rule::SpeakerCueAfter,
            mention: Some("he"),
            name: Some("Donald Trump"),
            cue: Some("said"),
        },
    );
}

#[test]
fn a_speaker_is_logged_in_their_own_sentence() {
    // `Nell Barrow` is resolved as the fragment's speaker before the scan reaches her, so
    // her mention must still count in her sentence, not in the one about the person asked about.
    let text = "In a hearing, lawyers asked a witness if Mary Finch had paid her. \
        Nell Barrow, the firm's counsel, said she was \"shocked and appalled\" by that. \
        \"Both of them are protected,\" she said.";
    assert_eq!(name_of(text, "Both of").as_deref(), Some("Nell Barrow"));
    let text = "In a hearing, lawyers asked a witness if Peter Finch had paid him. \
        James Barrow, the firm's counsel, said he was \"shocked and appalled\" by that. \
        \"Both of them are protected,\" he said.";
    assert_eq!(name_of(text, "Both of").as_deref(), Some("James Barrow"));
}

#[test]
fn a_fronted_phrase_is_not_the_subject_a_pronoun_means() {
    // The people of `When …,` and `In …,` come before the sentence's subject.
    let text = "When Mr. Hale went after Mr. Ward's remark, Mr. Ortiz reminded the mayor of \
        his own record. \"I think the words came out wrong,\" he said.";
    assert_eq!(name_of(text, "came out wrong").as_deref(), Some("Ortiz"));
    let text = "Senator Paul Grady spoke first. In response to a question after his speech, \
        Mr. Ortiz defended the plan. \"It works,\" he said.";
    assert_eq!(name_of(text, "It works").as_deref(), Some("Ortiz"));
}

#[test]
fn a_title_after_modifiers_makes_a_person() {
    let text = "Chief Executive Wayne Laird called for more guards. Former Arkansas Rep. \
        Asa Hutch, who led the review, eased off -- he said it's \"important\" to have one.";
    assert_eq!(name_of(text, "important").as_deref(), Some("Asa Hutch"));
}

#[test]
fn a_name_after_an_article_does_not_become_a_person_by_speaking() {
    // `The Ledger said` makes the Ledger no person for a later `he`.
    let text = "Mayor Tom Avery spoke on Monday. The Ledger also chimed in: \"The city is broke.\" \
        \"We will pay every bill,\" he said.";
    assert_eq!(name_of(text, "every bill").as_deref(), Some("Tom Avery"));
}

#[test]
fn a_definite_role_refers_back_to_the_person_just_named() {
    let text = "Gov. Dana Reyes swiftly responded Tuesday, telling the Ledger it was \
        \"highly inappropriate.\" \"I think it's a disgrace,\" the presumptive Republican nominee said.";
    assert_eq!(name_of(text, "disgrace").as_deref(), Some("Dana Reyes"));
    // A role the article introduces in its own sentence is somebody new.
    let text = "Minister David Lane signed the order on Monday.\n\n\
        The deal was reached late. The justice official told reporters most requests go through. \
        \"It's pretty likely,\" the official said.";
    assert_eq!(name_of(text, "pretty likely").as_deref(), Some("official"));
    // So is a role after a pronoun's sentence: `his` is not a name.
    let text = "Mayor Ken Ochieng spoke at noon. At the morgue, the family of a man collapsed \
        upon hearing his papers had arrived. \"He is gone,\" the father repeated.";
    assert_eq!(name_of(text, "He is gone").as_deref(), Some("father"));
}

#[test]
fn a_descriptor_inherited_by_the_next_quote_keeps_its_name() {
    let text = "President Ana Ruiz spoke on Monday. Reacting to the news, the president \
        tweeted, \"finally,\" before asking: \"Will it be dropped?\"";
    assert_eq!(name_of(text, "dropped").as_deref(), Some("Ana Ruiz"));
}

#[test]
fn a_company_suffix_makes_an_organisation() {
    let text = "The fund is managed by Adam Smith International. \"We are shocked,\" he said.";
    assert_ne!(
        name_of(text, "shocked").as_deref(),
        Some("Adam Smith International")
    );
}

#[test]
fn a_new_document_is_its_sentence_subjects() {
    let text = "Jon Pardo, a former chief of staff, issued a statement calling the deal \
        \"a steep price\" on Friday.";
    assert_eq!(name_of(text, "steep price").as_deref(), Some("Jon Pardo"));
}

#[test]
fn a_name_before_the_document_noun_wrote_it() {
    let text = "Senator Ruth Vance spoke on Monday. A letter from Representative Peter Welch \
        followed. Ruth Vance's office released the Vance report on Friday. \
        \"The agency collects too much,\" the Vance report said.";
    assert_eq!(
        name_of(text, "collects too much").as_deref(),
        Some("Ruth Vance")
    );
}

#[test]
fn a_name_that_ends_in_a_possessive_is_learnt_without_it() {
    let text = "The office relayed President Dana Trask's response on Thursday. Roy Moore \
        denied it. During his campaign, Trask dismissed the claims. He called the tape \
        \"locker room talk.\"";
    assert_eq!(name_of(text, "locker room").as_deref(), Some("Dana Trask"));
}

#[test]
fn a_possessive_is_not_the_subject_of_its_sentence() {
    let text = "Attorney General Eric Holden visited the town. Michael Brown's death \
        had shaken Holden. On Thursday, he told reporters the department would \
        \"stand with the town.\"";
    assert_eq!(name_of(text, "stand with").as_deref(), Some("Eric Holden"));
}

/// The mention and name that `text`'s first quote gets.
fn speaker_of(text: &str) -> (String, String) {
    let out = process_text(text);
    let s = out.quotes[0]
        .speaker
        .as_ref()
        .unwrap_or_else(|| panic!("no speaker in {text:?}"));
    (s.mention.clone(), s.name.clone())
}

#[test]
fn mentions_keep_lower_case_nouns_before_a_title_or_name() {
    for (text, mention, name) in [
        (
            "\"The count is slow,\" ballot design expert Nora Pell wrote Monday.",
            "ballot design expert Nora Pell",
            "Nora Pell",
        ),
        (
            "\"Prices will rise,\" Harbor Fund bond portfolio manager Ivo Sand said.",
            "Harbor Fund bond portfolio manager Ivo Sand",
            "Ivo Sand",
        ),
        (
            "\"We knew,\" said Marsh ally Tom Ordway.",
            "Marsh ally Tom Ordway",
            "Tom Ordway",
        ),
        (
            "\"We knew,\" said Clean Water Alliance director Ruth Fenn.",
            "Clean Water Alliance director Ruth Fenn",
            "Ruth Fenn",
        ),
        (
            "The majority whip said flatly: \"The votes are not there.\"",
            "The majority whip",
            "majority whip",
        ),
        (
            "A startled Okafor replied, \"I never saw the letter.\"",
            "A startled Okafor",
            "Okafor",
        ),
        (
            "As BayWatchers’ Lena Ortiz noted in May, \"The tide turned early.\"",
            "BayWatchers’ Lena Ortiz",
            "Lena Ortiz",
        ),
        (
            "Former Secretary of State Dana Quill told the crowd, \"Work pays.\"",
            "Former Secretary of State Dana Quill",
            "Dana Quill",
        ),
    ] {
        let (m, n) = speaker_of(text);
        assert_eq!((m.as_str(), n.as_str()), (mention, name), "{text}");
    }
}

#[test]
fn mentions_keep_post_modifiers_of_a_descriptor() {
    for (text, mention, name) in [
        (
            "\"He reads every page,\" said a longtime adviser to Okafor.",
            "a longtime adviser to Okafor",
            "a longtime adviser",
        ),
        (
            "\"The plan is dead,\" said a person close to the mayor.",
            "a person close to the mayor",
            "a person",
        ),
        (
            "\"It was rushed,\" says a source involved in the drafting of the bill.",
            "a source involved in the drafting of the bill",
            "a source",
        ),
        (
            "\"No one asked us,\" said one member of the county board.",
            "one member of the county board",
            "one member",
        ),
        (
            "\"It will pass,\" said Ana Ruiz of the Ohio delegation.",
            "Ana Ruiz of the Ohio delegation",
            "Ana Ruiz",
        ),
        (
            "\"It will pass,\" said Ana Ruiz of regional polling firm Tallyco.",
            "Ana Ruiz of regional polling firm Tallyco",
            "Ana Ruiz",
        ),
        (
            "\"Not yet,\" said one Okafor confidant.",
            "one Okafor confidant",
            "one Okafor confidant",
        ),
        (
            "\"We are ready,\" said one of the organisers, who asked not to be named.",
            "one of the organisers",
            "one of the organisers",
        ),
        (
            "Another aide familiar with Okafor's thinking said, \"He will run.\"",
            "Another aide familiar with Okafor's thinking",
            "Another aide",
        ),
    ] {
        let (m, n) = speaker_of(text);
        assert_eq!((m.as_str(), n.as_str()), (mention, name), "{text}");
    }
}

#[test]
fn mentions_end_where_the_phrase_ends() {
    for (text, mention) in [
        // An adjunct of the cue is not a post-modifier.
        (
            "\"It is done,\" said a spokesman in a statement.",
            "a spokesman",
        ),
        ("\"It is done,\" said Ana Ruiz of the decision.", "Ana Ruiz"),
        // A clause with its own subject ends the appositive.
        (
            "\"It is done,\" said Ana Ruiz, 44, of Dayton, but she did not stay.",
            "Ana Ruiz, 44, of Dayton",
        ),
        // A leading `that` is the clause's.
        (
            "It was a plan that Ohio Gov. Bea Lamb said, \"We must fund.\"",
            "Ohio Gov. Bea Lamb",
        ),
        // A participle does not open a mention.
        (
            "Crowds marched down the street carrying signs saying, \"Not for sale.\"",
            "Crowds",
        ),
    ] {
        assert_eq!(speaker_of(text).0, mention, "{text}");
    }
}

#[test]
fn a_word_kept_from_starting_a_name_stays_inside_one() {
    // `Watch` opens no name (`Watch: …` labels a video), but inside a run that a name
    // word opened it is the name's.
    for (text, mention) in [
        (
            "\"We will sue,\" said Consumer Watch President Dana Lee.",
            "Consumer Watch President Dana Lee",
        ),
        (
            "Consumer Watch President Dana Lee said, \"We will sue.\"",
            "Consumer Watch President Dana Lee",
        ),
        (
            "\"We will sue,\" according to Consumer Watch.",
            "Consumer Watch",
        ),
        // A function word or an auxiliary does not join it.
        ("\"We will sue,\" Dana Lee said.", "Dana Lee"),
    ] {
        assert_eq!(speaker_of(text).0, mention, "{text}");
    }
}

#[test]
fn lead_in_takes_the_subject_of_the_cue_clause() {
    for (text, mention) in [
        // An object after the verb is not the speaker.
        (
            "She then thanked the volunteers again: \"You carried us.\"",
            "She",
        ),
        (
            "Later, he released a statement saying, \"The firm did nothing wrong.\"",
            "he",
        ),
        (
            "One council member speaking to local radio said, \"The budget is short.\"",
            "One council member",
        ),
        // A fronted participle clause closed by a comma is skipped.
        (
            "Waving slowly at the crowd, Mrs. Okafor smiled and then shouted, \"We did it.\"",
            "Mrs. Okafor",
        ),
        (
            "Asked about the plan, Ruiz said, \"We will not back down.\"",
            "Ruiz",
        ),
        // A passive cue gives its agent.
        (
            "Okafor was asked by moderator Jane Field, \"Will you sign the pledge?\"",
            "moderator Jane Field",
        ),
        // After `with`, the phrase is the participle's subject.
        (
            "The race tightened, with one of his ads asking, \"Who pays for this?\"",
            "one of his ads",
        ),
        // A headline's name after a preposition stays the speaker.
        (
            "A lesson from Ana Ruiz: 'Be the voice that people hear.'\n\nBody text.",
            "Ana Ruiz",
        ),
    ] {
        assert_eq!(speaker_of(text).0, mention, "{text}");
    }
}

#[test]
fn state_before_a_title_or_after_an_adjective_is_a_noun() {
    // `state` is a cue only as a verb.
    let (m, _) = speaker_of("\"It is fine,\" state Rep. Ivo Sand said.");
    assert_eq!(m, "state Rep. Ivo Sand");
    let out = process_text("\"We will act,\" the ministers state in the report.");
    assert_eq!(out.quotes[0].cue.as_ref().unwrap().text, "state");
    let out = process_text("She toured her home state and said, \"We are back.\"");
    assert_eq!(out.quotes[0].cue.as_ref().unwrap().text, "said");
}

#[test]
fn an_adjunct_between_the_subject_and_its_verb_is_skipped() {
    // After a name the phrase is an adjunct; after a description, part of the mention.
    let (m, _) = speaker_of(
        "Mara Hollis in the Daily Ledger today explains why, \"More than anyone, he has shown his hand.\"",
    );
    assert_eq!(m, "Mara Hollis");
    let (m, _) = speaker_of(
        "Ned Crane in the past has alleged that the site was \"discriminatory and illegal.\"",
    );
    assert_eq!(m, "Ned Crane");
    let (m, _) = speaker_of(
        "A document on the campaign's website states that couples qualify only if their marriage is \"recognized under state law.\"",
    );
    assert_eq!(m, "A document on the campaign's website");
    // `of` does not make an object: the person after it is the participle's subject.
    let (m, _) = speaker_of("The ad uses footage of Mara Hollis asking, \"Why am I not ahead?\"");
    assert_eq!(m, "Mara Hollis");
}

#[test]
fn an_attributed_quote_that_opens_a_parenthesis_is_direct() {
    check(
        "The hall emptied early. (\"We came for the music,\" said one visitor.) The band left.",
        Expect {
            quote: "came for the music",
            kind: Kind::Direct,
            rule: Rule::CueSpeakerAfter,
            mention: Some("one visitor"),
            name: None,
            cue: Some("said"),
        },
    );
    // A cited headline in parentheses, with no attribution, stays a fragment.
    let text =
        "She stood with the mayor (\"Mayor backs the plan for the river,\" The Courier, Monday).";
    let out = process_text(text);
    assert_eq!(out.quotes[0].kind, Kind::Partial);
}

#[test]
fn reporter_words_between_a_quote_and_its_attribution_make_it_partial() {
    check(
        "The council met late. \"We cut the budget to the bone\" to keep the pools open, Ana Ruiz said.",
        Expect {
            quote: "to the bone",
            kind: Kind::Partial,
            rule: Rule::SpeakerCueAfter,
            mention: Some("Ana Ruiz"),
            name: None,
            cue: Some("said"),
        },
    );
    // Adverbs are not the reporter's words; a quote closed by its own comma is whole.
    for text in [
        "The council met late. \"We cut the budget to the bone\" again, Ana Ruiz said.",
        "The council met late. \"We cut the budget to the bone,\" at the meeting, Ana Ruiz said.",
    ] {
        let out = process_text(text);
        assert_eq!(out.quotes[0].kind, Kind::Direct, "{text}");
    }
}

#[test]
fn a_quote_inside_a_that_clause_is_partial() {
    let kind = |text: &str| process_text(text).quotes[0].kind;
    assert_eq!(
        kind("Ana Ruiz said that once the vote is counted, \"We will know where we stand.\""),
        Kind::Partial
    );
    assert_eq!(
        kind("Ana Ruiz said on Monday, \"We will know where we stand.\""),
        Kind::Direct
    );
}

#[test]
fn a_short_sentence_right_after_its_speech_verb_is_direct() {
    let kind = |text: &str| process_text(text).quotes[0].kind;
    assert_eq!(
        kind("Asked whether the plant would reopen, Ana Ruiz said, \"Probably.\" The board met."),
        Kind::Direct
    );
    assert_eq!(
        kind("The host then quietly asked, \"Really?\" Nobody answered."),
        Kind::Direct
    );
    // Without its speech verb, a short capitalised fragment stays partial.
    assert_eq!(
        kind("The sign on the door, \"Closed.\" hung there all week."),
        Kind::Partial
    );
}

#[test]
fn a_whole_quote_may_end_in_a_comma_before_the_reporter_s_clause() {
    let kind = |text: &str| process_text(text).quotes[0].kind;
    // The speaker's words go on in the reporter's: `adding that …`.
    assert_eq!(
        kind(
            "In a statement, the company said: \"The plant was highly profitable for years,\" adding that its value had doubled."
        ),
        Kind::Direct
    );
    // A conjunction and a subject of its own.
    assert_eq!(
        kind("Ruiz spoke at the rally, saying, \"That makes me smart,\" when Cole blasted her."),
        Kind::Direct
    );
    // Words of the sentence that name no new subject keep the quote a fragment.
    assert_eq!(
        kind(
            "As he took the oath, a few people screamed, \"Not my president,\" before being led out."
        ),
        Kind::Partial
    );
}

#[test]
fn a_quote_after_the_reporter_s_adverbial_is_partial() {
    let kind = |text: &str| process_text(text).quotes[0].kind;
    assert_eq!(
        kind("If the bill passes, \"I think we will be fine,\" Ana Ruiz said."),
        Kind::Partial
    );
    // A speech verb in the lead-in introduces the quote, capitalised or not.
    assert_eq!(
        kind("Ana Ruiz spoke last and said, \"We will be fine.\""),
        Kind::Direct
    );
    assert_eq!(
        kind("Ana Ruiz spoke last. Adding, \"We will be fine.\""),
        Kind::Direct
    );
}

#[test]
fn a_quote_ended_inside_its_nested_quote_ends_its_sentence() {
    // The full stop inside the nested close ends the sentence: the next one, with its own
    // speech verb, does not attribute the quote.
    let out = process_text(
        "The storm came at night. \"Then the guard told us, 'Go home.'\" Officials said the road would reopen on Monday.",
    );
    let q = &out.quotes[0];
    assert_eq!(q.kind, Kind::Direct);
    assert_ne!(q.rule, Rule::SpeakerCueAfter);
}

#[test]
fn a_name_before_two_appositives_is_the_subject() {
    for (text, name) in [
        (
            "Sen. Ann Reyes, R-Ohio, head of the Senate GOP policy arm, called the plan \
             \"deeply flawed\" on Monday.",
            "Ann Reyes",
        ),
        (
            "Lena Park, president of the Rural Schools Fund, an advocacy group here, \
             criticized the bill as \"nothing but a cut.\"",
            "Lena Park",
        ),
        (
            "Sen. Ann Reyes, R-Ohio, whose views have shifted, said Bell \"made a fair offer.\"",
            "Ann Reyes",
        ),
        (
            "Sen. Ann Reyes, R-Colo., head of the Senate GOP policy arm, called the plan \
             \"deeply flawed\" on Monday.",
            "Ann Reyes",
        ),
    ] {
        let (_, n) = speaker_of(text);
        assert_eq!(n, name, "{text}");
    }
}

#[test]
fn who_is_the_name_before_its_comma() {
    // The antecedent is learnt where the article first names that person.
    let text = "\"We need trucks,\" said Mayor Ana Ruiz.\n\nOkafor, who calls the plan a \
                \"disaster,\" said he would vote against it.";
    assert_eq!(name_of(text, "disaster").as_deref(), Some("Okafor"));
    // A state or a place after a preposition is not the person: the person before it is.
    for text in [
        "\"We need trucks,\" said Sheriff Joe Arden of Pima County, Ariz., who called the \
         flood \"a disaster.\"",
        "\"We need trucks,\" said Sen. Ann Reyes of New York, who called the flood \
         \"a disaster.\"",
    ] {
        let name = name_of(text, "disaster");
        assert!(
            matches!(name.as_deref(), Some("Joe Arden" | "Ann Reyes")),
            "{text}: {name:?}"
        );
    }
}

#[test]
fn a_role_then_a_name_in_the_appositive_is_that_person() {
    // The place the role is of names no one: the person in the appositive speaks.
    for text in [
        "\"We worked until dawn,\" the mayor of the river town of Dayton, Ana Ruiz, told reporters.",
        "\"We worked until dawn,\" said the mayor of Dayton, Ana Ruiz.",
        "The mayor of Dayton, Ana Ruiz, said: \"We worked until dawn.\"",
    ] {
        let (_, n) = speaker_of(text);
        assert_eq!(n, "Ana Ruiz", "{text}");
    }
}

#[test]
fn a_title_earlier_in_the_sentence_does_not_cut_the_lead_in() {
    let text = "Sen. Ann Reyes, D-Ohio, the top Democrat on the Rules Committee, said on \
        \"Face the Nation\" on Sunday that the panel has begun to see \"a pattern of delay\" \
        in the filings.";
    assert_eq!(
        name_of(text, "pattern of delay").as_deref(),
        Some("Ann Reyes")
    );
}

#[test]
fn a_dateline_is_no_part_of_the_first_sentence() {
    for text in [
        "DAYTON, Ohio — Gov. Paul Moore on Tuesday said he would back a policy \"to hold and \
         release fairly.\"",
        "DAYTON — Gov. Paul Moore on Tuesday said he would back a policy \"to hold and release \
         fairly.\"",
    ] {
        assert_eq!(
            name_of(text, "release fairly").as_deref(),
            Some("Paul Moore"),
            "{text}"
        );
    }
}

#[test]
fn a_role_with_a_party_adjective_then_the_name_is_the_name() {
    let text = "Ohio's Republican governor, Ann Reyes, responded: \"These claims are false.\"";
    assert_eq!(name_of(text, "claims are").as_deref(), Some("Ann Reyes"));
}

#[test]
fn a_title_in_the_opening_phrase_does_not_hide_the_subject() {
    // The comma that closes `On "…,"` stands inside the title's closing mark.
    let text = "On \"Morning Hour,\" Sen. Ana Ruiz (Ore.), who lost the primary, named fatigue \
        as one reason. \"The younger voters are tired.\"";
    assert_eq!(name_of(text, "younger voters").as_deref(), Some("Ana Ruiz"));
}

#[test]
fn who_means_the_person_before_it_not_a_place() {
    let text = "On Tuesday he won the backing of Sheriff Joe Arden of Pima County, Ariz., \
        who calls himself the \"toughest sheriff\" in the country.";
    assert_eq!(name_of(text, "toughest").as_deref(), Some("Joe Arden"));
}

#[test]
fn a_given_name_inside_a_capitalised_run_starts_the_person() {
    // The role's words run into the name with no comma or lower-case word between them.
    let text = "Director of National Intelligence Paul Redding issued a statement late \
        Thursday. He called the leak \"reprehensible\" and said more.";
    assert_eq!(
        name_of(text, "reprehensible").as_deref(),
        Some("Paul Redding")
    );
}

#[test]
fn a_lower_case_rank_that_is_an_adjective_makes_no_person() {
    // `major` before a capitalised word is the adjective, not the rank `Major`.
    let text = "A report said the program scours major Internet companies for data.\n\n\
        A senior official said the report about the Internet mining was wrong.\n\n\
        \"The program is subject to oversight,\" the official said.";
    assert_eq!(name_of(text, "oversight").as_deref(), Some("official"));
}

#[test]
fn a_capitalised_speech_verb_inside_a_name_is_part_of_it() {
    // `State` is also the verb `state`; between two name words it is part of the name, so
    // the speaker is the person the `of` phrase follows.
    let text = "There were more protests, but Capt. Ronald Jensen of the Missouri State \
        Highway Patrol said he believed they had reached \"a turning point.\"";
    assert_eq!(
        name_of(text, "turning point").as_deref(),
        Some("Ronald Jensen")
    );
}

#[test]
fn a_fronted_description_leaves_the_subject_after_its_comma() {
    // `A longtime ally of Norway` describes `he`; the name nearest the verb is an object.
    check(
        "A longtime ally of Norway, he has been critical of Prime Minister Ola Berg, and \
         said the proposed deal is \"terrible\" for the region.",
        Expect {
            quote: "terrible",
            kind: Kind::Partial,
            rule: Rule::PartialInCuedSentence,
            mention: Some("he"),
            name: None,
            cue: Some("said"),
        },
    );
}

#[test]
fn a_participle_after_an_appositive_is_the_named_persons() {
    // The nearest phrase before `calling` is the appositive; the person is the name before it.
    check(
        "Dozens of members have signed a letter from Representative Ann Ruiz, Democrat of \
         Vermont, calling the deal \"fiscally irresponsible.\"",
        Expect {
            quote: "fiscally",
            kind: Kind::Partial,
            rule: Rule::PartialInCuedSentence,
            mention: Some("Representative Ann Ruiz, Democrat of Vermont"),
            name: Some("Ann Ruiz"),
            cue: Some("calling"),
        },
    );
}

#[test]
fn a_name_in_a_verbless_question_is_not_the_pronouns_antecedent() {
    // `Governor Hale?` is the topic put to the speaker; `he` is the one who answers.
    let text = "Asked about the candidates he is considering, Mr. Olsen played along.\n\n\
        Governor Hale? \"Strong,\" he said.";
    assert_eq!(name_of(text, "Strong").as_deref(), Some("Olsen"));
}

#[test]
fn a_noun_for_one_person_before_a_full_name_makes_a_person() {
    // `Babajide` is in no list of given names: the role before the name says it is a person.
    let text = "\"It is down now,\" Dr. Ann Ruiz says.\n\n\
        The program helped Mississauga accountant Babajide Okafor, 50.\n\n\
        \"I had a gym membership, but this helped me,\" he says.";
    assert_eq!(name_of(text, "gym").as_deref(), Some("Babajide Okafor"));
}

#[test]
fn an_acronym_names_the_organisation_it_abbreviates() {
    let text = "The National Gardening Federation put out a statement on Monday.\n\n\
        The NGF said it needs \"time to digest\" the findings.";
    assert_eq!(
        name_of(text, "digest").as_deref(),
        Some("National Gardening Federation")
    );
}

#[test]
fn a_document_named_after_a_new_outlet_is_that_outlets() {
    // The Ledger is new to the article: its report is not the Courier's, whose report came
    // first.
    let text = "A Courier newspaper report revealed the program.\n\n\
        \"Even when the system works, it collects content,\" the Daily Ledger report said.";
    assert_eq!(name_of(text, "collects").as_deref(), Some("Daily Ledger"));
}

#[test]
fn a_definite_role_in_the_reporters_text_mentions_the_person_it_resolved_to() {
    // `The president` is the subject that `he` goes back to, not the vice president named
    // after it.
    let text = "Mark Olsen took office on Friday. In a short speech, the new president told \
        the country it will \"never be ignored again.\"\n\n\
        The president addressed the crowd after taking the oath along with Vice President \
        Tom Ruiz.\n\n\
        But the address was held together by an appeal for a \"new national pride,\" as he \
        described it.";
    assert_eq!(
        name_of(text, "national pride").as_deref(),
        Some("Mark Olsen")
    );
}

#[test]
fn a_definite_description_of_an_organisation_is_the_one_just_named() {
    // `the tech giant` is Chirper Inc., named in the sentence before the quote; its statement
    // then speaks for it too.
    let text = "Chirper Inc. at the time said it was a glitch that has since been fixed.\n\n\
        \"We do not hide accounts. You can always see them,\" the tech giant said in a \
        statement.\n\n\
        \"We do rank posts,\" the statement said.";
    assert_eq!(
        name_of(text, "hide accounts").as_deref(),
        Some("Chirper Inc.")
    );
    assert_eq!(name_of(text, "rank posts").as_deref(), Some("Chirper Inc."));
}

#[test]
fn a_persons_noun_with_an_of_or_for_phrase_is_the_subject_before_the_cue() {
    check(
        "She said fathers would not be eligible, and when pressed on why, the 34-year-old \
         mother of three replied, \"It is meant to help the mother.\"",
        Expect {
            quote: "meant to help",
            kind: Kind::Direct,
            rule: Rule::CueBefore,
            mention: Some("the 34-year-old mother of three"),
            name: None,
            cue: Some("replied"),
        },
    );
}

#[test]
fn a_parenthesis_between_dashes_stands_between_the_subject_and_its_verb() {
    check(
        "Ana Ruiz, the chief executive of Lumen Media -- the company that makes the show, \
         which also streams online -- told me, ''We are a content provider.''",
        Expect {
            quote: "content provider",
            kind: Kind::Direct,
            rule: Rule::CueBefore,
            mention: Some(
                "the chief executive of Lumen Media -- the company that makes the show, which \
                 also streams online --",
            ),
            name: Some("Ana Ruiz"),
            cue: Some("told"),
        },
    );
}

#[test]
fn an_inverted_speakers_appositive_ends_before_the_cues_adjunct_and_keeps_of() {
    for (text, mention) in [
        (
            "\"This is a disgrace,\" said Rep. Ann Ruiz, the top Democrat on the panel, in a \
             statement.",
            "Rep. Ann Ruiz, the top Democrat on the panel",
        ),
        (
            "\"We see risks,\" said the Rev. Tom Hale, of Mayfield Memorial Church.",
            "the Rev. Tom Hale, of Mayfield Memorial Church",
        ),
    ] {
        let out = process_text(text);
        assert_eq!(
            out.quotes[0].speaker.as_ref().map(|s| s.mention.as_str()),
            Some(mention),
            "{text}"
        );
    }
}

#[test]
fn a_name_with_a_joined_particle_is_a_name() {
    // `al-Shabaab` starts in lower case; its particle is listed, the rest is capitalised.
    check(
        "In its two-page statement claiming responsibility, al-Shabaab said: \"This \
         operation was planned.\"",
        Expect {
            quote: "operation",
            kind: Kind::Direct,
            rule: Rule::CueBefore,
            mention: Some("al-Shabaab"),
            name: None,
            cue: Some("said"),
        },
    );
}

#[test]
fn a_verbs_form_after_a_possessive_and_a_name_is_a_noun() {
    // `post` is the noun of `her Facebook post`; the speaker is the subject of `concluded`.
    check(
        "And to stress her view, Mary Olsen concluded her Facebook post: \"Please share if \
         you agree.\"",
        Expect {
            quote: "Please share",
            kind: Kind::Direct,
            rule: Rule::CueBefore,
            mention: Some("Mary Olsen"),
            name: None,
            cue: Some("concluded"),
        },
    );
}

/// A particle written into a name (`diGenova`, `deBlasio`) keeps the word a name, so the
/// speaker is learnt and a pronoun later finds them, not a person named in their clause.
#[test]
fn a_name_with_a_particle_written_into_it_is_a_name() {
    let text = "President Dana Marsh spoke on Friday.\n\n\
        Former prosecutor Luca diGenova called the raid \"outrageous.\"\n\n\
        \"I am appalled,\" diGenova, who has advised the president for years, told reporters.\n\n\
        He added: \"Nobody in my old office would have done this.\"";
    assert_eq!(name_of(text, "appalled").as_deref(), Some("Luca diGenova"));
    assert_eq!(
        name_of(text, "old office").as_deref(),
        Some("Luca diGenova")
    );
    // A word that only starts in lower case is no name (`eBay`, `iPhone`).
    let text = "\"Prices fell,\" eBay traders said.";
    assert_ne!(name_of(text, "Prices").as_deref(), Some("eBay"));
}

/// A person's account or feed speaks for them, however many words their name has.
#[test]
fn an_account_speaks_for_its_owner() {
    let text = "Governor Rita Vance spoke on Monday.\n\n\
        Later, Rita Vance's account posted: \"We will rebuild the bridge.\"\n\n\
        Her feed added: \"Every road will reopen.\"";
    assert_eq!(name_of(text, "rebuild").as_deref(), Some("Rita Vance"));
    assert_eq!(name_of(text, "reopen").as_deref(), Some("Rita Vance"));
}

/// A title that takes a whole capitalised run leaves no name word: `—Mr.` after a quote is
/// no speaker, and reading it does not fail (a property test found this).
#[test]
fn a_title_with_no_name_after_it_is_no_speaker() {
    let out = process_text("\u{201F}\u{201E} \u{2014}Mr. ");
    assert!(out.quotes.iter().all(|q| q.speaker.is_none()));
    let out = process_text("\"We will rebuild,\" \u{2014}Mr.");
    assert!(out.quotes.iter().all(|q| q.speaker.is_none()));
}

/// A capitalised source noun after a name word ends a proper name (`The Denver Post`), not
/// a document's description: the paper is not a `post` whose author is `Denver`.
#[test]
fn a_newspaper_named_post_is_no_document() {
    let text = "Officials in Denver met on Monday.\n\n\
        The plan is \"dead on arrival,\" The Denver Post reported.";
    assert_eq!(name_of(text, "dead on").as_deref(), Some("Denver Post"));
    // A document still speaks for the person its possessive names.
    let text = "Mayor Ana Ruiz spoke on Monday.\n\n\
        \"We are ready,\" Ruiz's post read.";
    assert_eq!(name_of(text, "ready").as_deref(), Some("Ana Ruiz"));
}

/// A dateline (`PHOENIX (AP) —`, `NEW YORK, N.Y. —`) is where the story was filed: the place
/// never becomes the organisation a later `it` or `the company` means.
#[test]
fn a_dateline_is_no_antecedent() {
    for dateline in [
        "PHOENIX (AP) \u{2014} ",
        "NEW YORK, N.Y. \u{2013} ",
        "ST. PAUL, Minn., March 3 - ",
    ] {
        let text = format!(
            "{dateline}Dunmore Mills Inc cut 300 jobs on Monday.\n\n\
             \"We regret this,\" it said in a statement."
        );
        assert_eq!(
            name_of(&text, "regret").as_deref(),
            Some("Dunmore Mills Inc"),
            "{dateline}"
        );
    }
    // Nor is it part of the first sentence's subject, a date after it included.
    let text = "WASHINGTON, March 13 - President Ana Ruiz told supporters her veto is solid, \
        adding, \"There will be no tax increase this year.\"";
    assert_eq!(name_of(text, "no tax").as_deref(), Some("Ana Ruiz"));
    // A name in capitals before a dash is no dateline when what follows its comma is not a
    // place or a date.
    assert_eq!(
        crate::text::dateline_end("NEW YORK, where it rains - yes", 0),
        None
    );
    assert_eq!(
        crate::text::dateline_end("FBI Director Jane Roe \u{2014} who", 0),
        None
    );
}

/// With no given name the lexicon knows, a noun for one person inside a capitalised run,
/// two name words after it, is the role: the name starts after it. A plural noun or one
/// that is also a given name stays in the name.
#[test]
fn a_role_noun_inside_a_capitalised_run_is_the_role() {
    for (text, name) in [
        (
            "\"The levee held,\" said Chief Engineer Mara Voss.",
            "Mara Voss",
        ),
        (
            "\"The levee held,\" said City Engineer Oyelaran Voss.",
            "Oyelaran Voss",
        ),
        (
            "\"Rates will rise,\" said Consumers Power Co.",
            "Consumers Power Co.",
        ),
    ] {
        assert_eq!(name_of(text, "\"").as_deref(), Some(name), "{text}");
    }
}

/// A run that opens with a body's name and holds a title and a given name is a person whose
/// role names the body (`Senate Majority Whip John Cornyn`, `Justice Department Inspector
/// General Michael Horowitz`), not the body; the title that ends the role is the one the
/// reporter uses alone later (`the inspector general`, not `the general`).
#[test]
fn a_body_before_a_title_and_a_name_is_the_persons_role() {
    let text = "Senate Majority Whip John Cornyn spoke after the vote.\n\n\
        Aides met on Tuesday.\n\n\
        \"I'll tell you what shameful is,\" he said.";
    assert_eq!(name_of(text, "shameful").as_deref(), Some("John Cornyn"));
    let text = "Justice Department Inspector General Michael Horowitz released his report.\n\n\
        The texts were sent in 2016.\n\n\
        The inspector general said the texts were \"not only indicative of a biased state of mind.\"";
    assert_eq!(name_of(text, "biased").as_deref(), Some("Michael Horowitz"));
}

/// A party tag after a name (`(D-Calif.)`, `, R-Ark.,`) makes the reporter's `the California
/// Democrat` that person; the party alone names no one (`the GOP front-runner` is not the
/// last Republican tagged).
#[test]
fn a_party_tag_names_the_state_and_party_role() {
    let text = "House Minority Leader Nancy Pelosi (D-Calif.) won the vote.\n\n\
        Pelosi defeated Rep. Tim Ryan (D-Ohio) by a wide margin.\n\n\
        \"We won,\" the California Democrat said.\n\n\
        The Ohio Democrat said he was \"proud of the campaign.\"";
    assert_eq!(name_of(text, "We won").as_deref(), Some("Nancy Pelosi"));
    assert_eq!(name_of(text, "proud").as_deref(), Some("Tim Ryan"));
    let text = "Sen. Tom Cotton, R-Ark., spoke on Monday.\n\n\
        \"It was rigged,\" the GOP front-runner said.";
    assert_ne!(name_of(text, "rigged").as_deref(), Some("Tom Cotton"));
}

#[test]
fn the_cue_takes_in_a_closing_day_manner_or_statement() {
    // The cue extent of grammar/cue_adjuncts.tsv: right after the verb, closing its clause.
    let cue = |text: &str| {
        let out = process_text(text);
        let q = out.quotes.first().expect("a quote");
        let c = q.cue.as_ref().expect("a cue");
        assert_eq!(&text[c.start..c.end], c.text);
        c.text.clone()
    };
    for (text, want) in [
        ("\"We are ready,\" Ana Ruiz said Monday.", "said Monday"),
        (
            "\"We are ready,\" Ana Ruiz said\u{a0}Tuesday night.",
            "said\u{a0}Tuesday night",
        ),
        ("Ana Ruiz said Monday: \"We are ready.\"", "said Monday"),
        (
            "\"We are ready,\" Ana Ruiz said with a laugh.",
            "said with a laugh",
        ),
        (
            "\"We are ready,\" Ana Ruiz said with an eye roll.",
            "said with an eye roll",
        ),
        (
            "\"We are ready,\" Ana Ruiz said in a statement.",
            "said in a statement",
        ),
        (
            "\"We are ready,\" Ana Ruiz said Monday in a written statement.",
            "said Monday in a written statement",
        ),
        (
            "Ana Ruiz said in a statement, \"We are ready.\"",
            "said in a statement",
        ),
        // Settings, topics, addressees and what runs on stay out.
        ("\"We are ready,\" Ana Ruiz said in an interview.", "said"),
        (
            "\"We are ready,\" Ana Ruiz said Monday at a rally in Ohio.",
            "said",
        ),
        (
            "\"We are ready,\" Ana Ruiz said with reporters nearby.",
            "said",
        ),
        ("\"We are ready,\" Ana Ruiz said of the plan.", "said"),
        (
            "\"We are ready,\" Ana Ruiz said in a statement released by the union.",
            "said",
        ),
        // A day's name is capitalised; `said sunday` is no date.
        ("\"We are ready,\" Ana Ruiz said monday.", "said"),
    ] {
        assert_eq!(cue(text), want, "{text}");
    }
}

#[test]
fn a_name_that_opens_its_sentence_is_the_person_a_pronoun_there_means() {
    let name_of = |text: &str, quote: &str| {
        let out = process_text(text);
        let q = out.quotes.iter().find(|q| q.text.contains(quote)).unwrap();
        q.speaker.as_ref().map(|s| s.name.clone())
    };
    // `Megda` is no given name the lexicon knows: the pronoun later in the sentence makes
    // her a person, and the next `she` is her, not the last speaker.
    let text = "\"It faded fast,\" Kenza Tarek said.\n\n\
        For Megda Belkacemi, Friday is a day she has awaited. Her father was one of the victims.\n\n\
        \"I am looking forward to the sentence,\" she said.";
    assert_eq!(
        name_of(text, "looking forward").as_deref(),
        Some("Megda Belkacemi")
    );
    let text = "\"It faded fast,\" Kenza Tarek said.\n\n\
        Eishiro Saito, head of the business group, saw the danger when he visited the bloc. \
        \"It alarmed me,\" he said.";
    assert_eq!(name_of(text, "alarmed").as_deref(), Some("Eishiro Saito"));
    // A place after a preposition, or a name that modifies a noun, is no one.
    let text = "\"It faded fast,\" Lee Park said.\n\n\
        In Quebec City, he spoke for an hour. \"We will be back,\" he said.";
    assert_eq!(name_of(text, "be back").as_deref(), Some("Lee Park"));
    let text = "\"It faded fast,\" Lee Park said.\n\n\
        New Hampshire voters liked him. \"We will be back,\" he said.";
    assert_eq!(name_of(text, "be back").as_deref(), Some("Lee Park"));
}
