//! The word lists the grammar uses, compiled into the binary from `grammar/`.
//!
//! The lists are data, not code: each file in `grammar/` says its own format in its header.
//! A [`Lexicon`] is a plain value, parsed into lower-cased hash sets and maps when it is built;
//! the pipeline builds one from its configuration and lends it to every stage, so two
//! configurations can run side by side in one process.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::config::LexiconExtras;

/// Grammatical gender of a pronoun or a given name, for matching `he`/`she` to a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    Male,
    Female,
    Unknown,
}

/// What a speaker pronoun can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PronounKind {
    Person(Gender),
    Plural,
    Thing,
    First,
}

/// How surely a word before a short quotation makes it a term (`grammar/term_introducers.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Introducer {
    /// Whatever the sentence says (`so-called`, `dubbed`, `these`).
    Strong,
    /// A work named by its title (`titled`, `the ad`): a term whatever the sentence says,
    /// even with the sentence's period inside the marks (`the ad titled "Strong."`).
    Title,
    /// Only when nobody is quoted in the sentence (`the`, `as`).
    Weak,
    /// The text of a chant or a sign (`chanting`, `a banner reading`): a slogan whatever its
    /// punctuation, not one person's utterance.
    Slogan,
}

/// Every lexicon, lower-cased.
#[derive(Debug)]
pub struct Lexicon {
    /// Each speech-verb form mapped to its lemma.
    speech_verbs: HashMap<String, String>,
    /// Verb-particle cues (`points out`, `went on`, `shot back`), keyed by their first word.
    verb_phrases: HashMap<String, Vec<Vec<String>>>,
    /// Titles and roles as lower-case word lists (`defense secretary`, `sen.`).
    titles: HashSet<String>,
    /// First words of titles, to skip building a phrase for most words.
    title_first_words: HashSet<String>,
    pub max_title_words: usize,
    person_nouns: HashSet<String>,
    /// The singulars of `person_nouns` (the first word of each line): one person.
    person_singulars: HashSet<String>,
    source_nouns: HashSet<String>,
    org_nouns: HashSet<String>,
    org_names: HashSet<String>,
    pronouns: HashMap<String, PronounKind>,
    first_names: HashMap<String, Gender>,
    not_name_words: HashSet<String>,
    name_modifiers: HashSet<String>,
    elisions: HashSet<String>,
    abbreviations: HashSet<String>,
    /// Words before a role's noun that belong to the mention (`former`, `press`).
    role_modifiers: HashSet<String>,
    /// Words that open a noun phrase (`the`, `his`, `two`).
    determiners: HashSet<String>,
    /// Determiners that can stand alone as a noun phrase (`another`, `one`).
    quantifiers: HashSet<String>,
    /// Particles inside names (`de`, `van`), as written: only the lower-case form counts.
    name_particles: HashSet<String>,
    /// Adverbs and auxiliaries between a speaker and a cue (`also`, `has`).
    adverbs: HashSet<String>,
    /// Words in `-ly` that are not adverbs (`family`, `daily`).
    not_adverbs: HashSet<String>,
    /// Words before a short quotation that make it a term (`so-called`, `the`).
    term_introducers: HashMap<String, Introducer>,
    /// Forms of `be` that make the speech verb after them part of the reported clause.
    auxiliaries: HashSet<String>,
    /// Negations, modals, quantifiers and hedges, in the audit's comparable form.
    sensitive_words: HashSet<String>,
    /// Object, possessive and reflexive pronouns (`him`, `her`, `his`), with their gender.
    pronoun_forms: HashMap<String, Gender>,
    /// Abbreviated title words and their full forms (`gov.` → `governor`).
    title_abbreviations: HashMap<String, String>,
    /// US states by abbreviation (`calif` → `california`), for party tags.
    us_states: HashMap<String, String>,
    /// Closed-class words (`grammar/function_words.txt`).
    function_words: HashSet<String>,
    /// Words after which a name can start a clause (`and`, `because`).
    clause_openers: HashSet<String>,
    /// Words that open a fronted phrase closed by a comma (`When …,`, `In …,`).
    fronting_words: HashSet<String>,
    speaking_verbs: HashSet<String>,
    name_suffixes: HashSet<String>,
    /// Prepositions and other function words that end a noun phrase's premodifiers.
    prepositions: HashSet<String>,
    /// Adjectives and participles that open a descriptor's post-modifier (`close to`).
    postmodifiers: HashSet<String>,
    /// Relative and interrogative pronouns (`who`, `what`).
    relative_words: HashSet<String>,
    /// Phrases of a clause that says why a source is unnamed, as lower-case words.
    sourcing_notes: Vec<Vec<String>>,
    /// The first bytes and the longest length of the gendered pronouns, so that the registry,
    /// which asks of every word of an article, answers most words without a lookup.
    gendered_first: [bool; 256],
    gendered_max_len: usize,
    /// British → American spelling pairs, for the audit's comparison.
    spelling: HashMap<String, String>,
    /// The words of a cue's adjuncts (`grammar/cue_adjuncts.tsv`).
    cue_adjuncts: HashMap<String, CueAdjunct>,
}

/// What a word is in an adjunct that a cue takes in (`grammar/cue_adjuncts.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueAdjunct {
    /// `monday`
    Day,
    /// `night`, after a day
    Part,
    /// `statement`: the utterance itself (`in a statement`)
    Utterance,
}

const SPEECH_VERBS: &str = include_str!("../grammar/speech_verbs.txt");
const CUE_PHRASES: &str = include_str!("../grammar/cue_phrases.txt");
const TITLES: &str = include_str!("../grammar/titles.txt");
const PERSON_NOUNS: &str = include_str!("../grammar/person_nouns.txt");
const SOURCE_NOUNS: &str = include_str!("../grammar/source_nouns.txt");
const ORG_NOUNS: &str = include_str!("../grammar/org_nouns.txt");
const ORG_NAMES: &str = include_str!("../grammar/org_names.txt");
const PRONOUNS: &str = include_str!("../grammar/pronouns.txt");
const FIRST_NAMES: &str = include_str!("../grammar/first_names.tsv");
const NOT_NAME_WORDS: &str = include_str!("../grammar/not_name_words.txt");
const NAME_MODIFIERS: &str = include_str!("../grammar/name_modifiers.txt");
const ELISIONS: &str = include_str!("../grammar/elisions.txt");
const ABBREVIATIONS: &str = include_str!("../grammar/abbreviations.txt");
const ROLE_MODIFIERS: &str = include_str!("../grammar/role_modifiers.txt");
const DETERMINERS: &str = include_str!("../grammar/determiners.txt");
const QUANTIFIERS: &str = include_str!("../grammar/quantifiers.txt");
const NAME_PARTICLES: &str = include_str!("../grammar/name_particles.txt");
const ADVERBS: &str = include_str!("../grammar/adverbs.txt");
const NOT_ADVERBS: &str = include_str!("../grammar/not_adverbs.txt");
const TERM_INTRODUCERS: &str = include_str!("../grammar/term_introducers.txt");
const AUXILIARIES: &str = include_str!("../grammar/auxiliaries.txt");
const SENSITIVE_WORDS: &str = include_str!("../grammar/sensitive_words.txt");
const PRONOUN_FORMS: &str = include_str!("../grammar/pronoun_forms.txt");
const CLAUSE_OPENERS: &str = include_str!("../grammar/clause_openers.txt");
const FRONTING_WORDS: &str = include_str!("../grammar/fronting_words.txt");
const SPEAKING_VERBS: &str = include_str!("../grammar/speaking_verbs.txt");
const NAME_SUFFIXES: &str = include_str!("../grammar/name_suffixes.txt");
const PREPOSITIONS: &str = include_str!("../grammar/prepositions.txt");
const POSTMODIFIERS: &str = include_str!("../grammar/postmodifiers.txt");
const RELATIVE_WORDS: &str = include_str!("../grammar/relative_words.txt");
const SOURCING_NOTES: &str = include_str!("../grammar/sourcing_notes.txt");
const FUNCTION_WORDS: &str = include_str!("../grammar/function_words.txt");
const TITLE_ABBREVIATIONS: &str = include_str!("../grammar/title_abbreviations.tsv");
const US_STATES: &str = include_str!("../grammar/us_states.tsv");
const SPELLING_VARIANTS: &str = include_str!("../grammar/spelling_variants.tsv");
const CUE_ADJUNCTS: &str = include_str!("../grammar/cue_adjuncts.tsv");
/// The quote-mark table, checked against the lexer by a test.
#[cfg(test)]
pub(crate) const QUOTE_MARKS: &str = include_str!("../grammar/quote_marks.tsv");

/// The data lines of a lexicon file: comments and blank lines dropped, trimmed.
pub fn data_lines(src: &str) -> impl Iterator<Item = &str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn word_set(src: &str) -> HashSet<String> {
    data_lines(src)
        .flat_map(|l| l.split_whitespace())
        .map(str::to_lowercase)
        .collect()
}

fn phrase_set(src: &str) -> HashSet<String> {
    data_lines(src).map(normalise_phrase).collect()
}

/// Lower case, single spaces.
pub fn normalise_phrase(s: &str) -> String {
    s.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut speech_verbs = HashMap::default();
        for line in data_lines(SPEECH_VERBS) {
            let mut forms = line.split_whitespace().map(str::to_lowercase);
            if let Some(lemma) = forms.next() {
                speech_verbs.insert(lemma.clone(), lemma.clone());
                for f in forms {
                    speech_verbs.entry(f).or_insert_with(|| lemma.clone());
                }
            }
        }
        let cue_phrases: Vec<Vec<String>> = data_lines(CUE_PHRASES)
            .map(|l| l.split_whitespace().map(str::to_lowercase).collect())
            .collect();
        // Adjuncts (`in a statement`, `told reporters`) are not cues of their own: the verb
        // before them is. Only phrases that start with a verb are cues.
        let mut verb_phrases: HashMap<String, Vec<Vec<String>>> = HashMap::default();
        for p in &cue_phrases {
            let first = p[0].as_str();
            if p.len() < 2
                || matches!(
                    first,
                    "in" | "at" | "on" | "as" | "according" | "speaking" | "told" | "to" | "with"
                )
            {
                continue;
            }
            verb_phrases
                .entry(first.to_string())
                .or_default()
                .push(p.clone());
        }
        for v in verb_phrases.values_mut() {
            // Longest first, so `went on to say` wins over `went on`.
            v.sort_by_key(|p| std::cmp::Reverse(p.len()));
        }
        let titles = phrase_set(TITLES);
        let title_first_words = titles
            .iter()
            .filter_map(|t| t.split(' ').next().map(str::to_string))
            .collect();
        let max_title_words = titles
            .iter()
            .map(|t| t.split(' ').count())
            .max()
            .unwrap_or(1);
        let pronouns = data_lines(PRONOUNS)
            .filter_map(|l| {
                let mut it = l.split_whitespace();
                let word = it.next()?.to_lowercase();
                let kind = match it.next()? {
                    "male" => PronounKind::Person(Gender::Male),
                    "female" => PronounKind::Person(Gender::Female),
                    "person" => PronounKind::Person(Gender::Unknown),
                    "plural" => PronounKind::Plural,
                    "org" | "thing" => PronounKind::Thing,
                    _ => PronounKind::First,
                };
                Some((word, kind))
            })
            .collect();
        let first_names = data_lines(FIRST_NAMES)
            .filter_map(|l| {
                let mut it = l.split('\t');
                let name = it.next()?.trim().to_lowercase();
                let g = match it.next().map(str::trim) {
                    Some("m") => Gender::Male,
                    Some("f") => Gender::Female,
                    _ => Gender::Unknown,
                };
                Some((name, g))
            })
            .collect();
        let mut lexicon = Lexicon {
            speech_verbs,
            verb_phrases,
            titles,
            title_first_words,
            max_title_words,
            person_nouns: word_set(PERSON_NOUNS),
            person_singulars: data_lines(PERSON_NOUNS)
                .filter_map(|l| l.split_whitespace().next())
                .map(str::to_lowercase)
                .collect(),
            source_nouns: word_set(SOURCE_NOUNS),
            org_nouns: phrase_set(ORG_NOUNS),
            org_names: phrase_set(ORG_NAMES),
            pronouns,
            first_names,
            not_name_words: word_set(NOT_NAME_WORDS),
            name_modifiers: word_set(NAME_MODIFIERS),
            elisions: word_set(ELISIONS),
            abbreviations: word_set(ABBREVIATIONS),
            role_modifiers: word_set(ROLE_MODIFIERS),
            determiners: word_set(DETERMINERS),
            quantifiers: word_set(QUANTIFIERS),
            function_words: word_set(FUNCTION_WORDS),
            name_particles: word_set(NAME_PARTICLES),
            adverbs: word_set(ADVERBS),
            not_adverbs: word_set(NOT_ADVERBS),
            term_introducers: data_lines(TERM_INTRODUCERS)
                .filter_map(|l| {
                    let mut it = l.split_whitespace();
                    let word = it.next()?.to_lowercase();
                    let strength = match it.next()? {
                        "strong" => Introducer::Strong,
                        "title" => Introducer::Title,
                        "weak" => Introducer::Weak,
                        "slogan" => Introducer::Slogan,
                        _ => return None,
                    };
                    Some((word, strength))
                })
                .collect(),
            auxiliaries: word_set(AUXILIARIES),
            sensitive_words: word_set(SENSITIVE_WORDS),
            pronoun_forms: data_lines(PRONOUN_FORMS)
                .filter_map(|l| {
                    let mut it = l.split_whitespace();
                    let form = it.next()?.to_lowercase();
                    let gender = match it.next()? {
                        "male" => Gender::Male,
                        "female" => Gender::Female,
                        _ => return None,
                    };
                    Some((form, gender))
                })
                .collect(),
            clause_openers: word_set(CLAUSE_OPENERS),
            fronting_words: word_set(FRONTING_WORDS),
            speaking_verbs: word_set(SPEAKING_VERBS),
            name_suffixes: word_set(NAME_SUFFIXES),
            prepositions: word_set(PREPOSITIONS),
            postmodifiers: word_set(POSTMODIFIERS),
            relative_words: word_set(RELATIVE_WORDS),
            sourcing_notes: data_lines(SOURCING_NOTES)
                .map(|l| l.split_whitespace().map(str::to_lowercase).collect())
                .collect(),
            gendered_first: [false; 256],
            gendered_max_len: 0,
            us_states: data_lines(US_STATES)
                .filter_map(|l| l.split_once('\t'))
                .flat_map(|(name, abbrs)| {
                    let name = name.trim();
                    // A one-word name stands for itself (`Sarasota, Florida`).
                    let own = (!name.contains(' ')).then_some(name);
                    abbrs
                        .split_whitespace()
                        .chain(own)
                        .map(move |a| (a.to_string(), name.to_string()))
                })
                .collect(),
            title_abbreviations: data_lines(TITLE_ABBREVIATIONS)
                .filter_map(|l| {
                    let (short, full) = l.split_once('\t')?;
                    Some((short.trim().to_lowercase(), full.trim().to_lowercase()))
                })
                .collect(),
            spelling: data_lines(SPELLING_VARIANTS)
                .filter_map(|l| {
                    let mut it = l.split('\t');
                    Some((
                        it.next()?.trim().to_lowercase(),
                        it.next()?.trim().to_lowercase(),
                    ))
                })
                .collect(),
            cue_adjuncts: data_lines(CUE_ADJUNCTS)
                .filter_map(|l| {
                    let (kind, words) = l.split_once('\t')?;
                    let kind = match kind.trim() {
                        "day" => CueAdjunct::Day,
                        "part" => CueAdjunct::Part,
                        "utterance" => CueAdjunct::Utterance,
                        _ => return None,
                    };
                    Some(
                        words
                            .split_whitespace()
                            .map(move |w| (w.to_lowercase(), kind)),
                    )
                })
                .flatten()
                .collect(),
        };
        let gendered: Vec<String> = lexicon
            .pronouns
            .iter()
            .filter(|(_, k)| matches!(k, PronounKind::Person(g) if *g != Gender::Unknown))
            .map(|(w, _)| w.clone())
            .chain(lexicon.pronoun_forms.keys().cloned())
            .collect();
        for w in gendered {
            lexicon.gendered_max_len = lexicon.gendered_max_len.max(w.len());
            if let Some(&b) = w.as_bytes().first() {
                lexicon.gendered_first[b as usize] = true;
            }
        }
        lexicon
    }

    /// The lexicons of `grammar/`, as compiled in.
    #[cfg(test)]
    pub fn builtin() -> Lexicon {
        Lexicon::load()
    }

    /// The built-in lexicons with a configuration's extra speech verbs and titles.
    pub fn with_extras(extra: &LexiconExtras) -> Lexicon {
        let mut l = Lexicon::load();
        for line in &extra.speech_verbs {
            let mut forms = line.split_whitespace().map(str::to_lowercase);
            if let Some(lemma) = forms.next() {
                l.speech_verbs.insert(lemma.clone(), lemma.clone());
                for f in forms {
                    l.speech_verbs.insert(f, lemma.clone());
                }
            }
        }
        for t in &extra.titles {
            let t = normalise_phrase(t);
            if let Some(first) = t.split(' ').next() {
                l.title_first_words.insert(first.to_string());
            }
            l.max_title_words = l.max_title_words.max(t.split(' ').count());
            l.titles.insert(t);
        }
        l
    }

    /// The American spelling of a lower-case British form (`colour` → `color`).
    pub fn american(&self, word: &str) -> Option<&str> {
        self.spelling.get(word).map(String::as_str)
    }

    /// The lemma of a speech-verb form (`said` → `say`), if it is one. `word` is lower case.
    pub fn speech_verb(&self, word: &str) -> Option<&str> {
        self.speech_verbs.get(word).map(String::as_str)
    }
    /// Verb-particle cues starting with `word` (lower case), longest first.
    pub fn verb_phrases(&self, word: &str) -> &[Vec<String>] {
        self.verb_phrases.get(word).map_or(&[], Vec::as_slice)
    }
    /// Whether some title starts with `word` (lower case).
    pub fn starts_title(&self, word: &str) -> bool {
        self.title_first_words.contains(word)
    }
    pub fn is_title(&self, phrase: &str) -> bool {
        self.titles.contains(phrase)
    }
    pub fn is_person_noun(&self, word: &str) -> bool {
        self.person_nouns.contains(word)
    }
    /// `governor`, `nominee`: a noun for one person (not `officials`).
    pub fn is_person_singular(&self, word: &str) -> bool {
        self.person_singulars.contains(word)
    }
    /// Documents and media that "say" things: `statement`, `report`, `ad`.
    pub fn is_source_noun(&self, word: &str) -> bool {
        self.source_nouns.contains(word)
    }
    pub fn is_org_noun(&self, phrase: &str) -> bool {
        self.org_nouns.contains(phrase)
    }
    pub fn is_org_name(&self, phrase: &str) -> bool {
        self.org_names.contains(phrase)
    }
    pub fn pronoun(&self, word: &str) -> Option<PronounKind> {
        self.pronouns.get(word).copied()
    }
    /// The gender of a personal pronoun in any form (`he`, `him`, `his`, `herself`).
    pub fn pronoun_gender(&self, word: &str) -> Option<Gender> {
        if !self.might_be_gendered(word) {
            return None;
        }
        match self.pronoun(word) {
            Some(PronounKind::Person(g)) if g != Gender::Unknown => Some(g),
            _ => self.pronoun_forms.get(word).copied(),
        }
    }
    /// Whether `word` (in any case) can be a gendered pronoun: a cheap test on its length
    /// and first byte.
    pub fn might_be_gendered(&self, word: &str) -> bool {
        word.len() <= self.gendered_max_len
            && word
                .as_bytes()
                .first()
                .is_some_and(|&b| self.gendered_first[b.to_ascii_lowercase() as usize])
    }
    /// The full form of a lower-case abbreviated title word (`gov.` → `governor`), if it is one.
    pub fn title_full(&self, word: &str) -> Option<&str> {
        self.title_abbreviations.get(word).map(String::as_str)
    }
    /// The US state an abbreviation (or a one-word name) names, written in any case, with
    /// or without its periods (`Calif.`, `N.Y.`, `TX`, `Florida`).
    pub fn us_state(&self, abbreviation: &str) -> Option<&str> {
        let key: String = abbreviation
            .chars()
            .filter(|c| *c != '.')
            .flat_map(char::to_lowercase)
            .collect();
        self.us_states.get(&key).map(String::as_str)
    }
    /// The full form of a lower-case title word (`gov.` → `governor`), or the word itself.
    pub fn title_word<'w>(&'w self, word: &'w str) -> &'w str {
        self.title_abbreviations
            .get(word)
            .map_or(word, String::as_str)
    }
    pub fn is_clause_opener(&self, word: &str) -> bool {
        self.clause_openers.contains(word)
    }
    /// `when`, `in`, `asked`: opening a sentence, the word starts a phrase before its subject.
    /// `Jr.`, `III`: a generational suffix after a surname (given in lower case).
    pub fn is_name_suffix(&self, word: &str) -> bool {
        self.name_suffixes.contains(word)
    }
    /// `spoke`, `talked`: a verb that says someone spoke, not what they said.
    pub fn is_speaking_verb(&self, word: &str) -> bool {
        self.speaking_verbs.contains(word)
    }
    pub fn is_fronting_word(&self, word: &str) -> bool {
        self.fronting_words.contains(word)
    }
    /// `of`, `to`, `who`: a function word that is never a noun's premodifier, lower case.
    pub fn is_preposition(&self, word: &str) -> bool {
        self.prepositions.contains(word)
    }
    /// `close`, `familiar`, `involved`: a word that opens a descriptor's post-modifier,
    /// lower case.
    pub fn is_postmodifier(&self, word: &str) -> bool {
        self.postmodifiers.contains(word)
    }
    /// `who`, `which`, `what`: a pronoun that opens a clause of its own, lower case.
    pub fn is_relative(&self, word: &str) -> bool {
        self.relative_words.contains(word)
    }
    /// Whether the lower-case words `words` hold a phrase of a note on why a source is
    /// unnamed (`who spoke on the condition of anonymity`, `who declined to be named`).
    pub fn holds_sourcing_note<S: AsRef<str>>(&self, words: &[S]) -> bool {
        self.sourcing_notes.iter().any(|p| {
            words.windows(p.len()).any(|w| {
                w.iter()
                    .zip(p)
                    .all(|(a, b)| a.as_ref().eq_ignore_ascii_case(b))
            })
        })
    }
    pub fn first_name(&self, word: &str) -> Option<Gender> {
        self.first_names.get(word).copied()
    }
    pub fn is_not_name_word(&self, word: &str) -> bool {
        self.not_name_words.contains(word) || spells_number(word)
    }
    /// `monday`, `israeli`, `south`: part of a name at most, never a name alone.
    pub fn is_name_modifier(&self, word: &str) -> bool {
        self.name_modifiers.contains(word)
    }
    /// `word` without its apostrophe, any case.
    pub fn is_elision(&self, word: &str) -> bool {
        self.elisions.contains(&word.to_lowercase())
    }
    /// `word` with its final period (`mr.`, `u.s.`), lower case.
    pub fn is_abbreviation(&self, word: &str) -> bool {
        self.abbreviations.contains(word)
    }
    /// `former`, `press`, `campaign`: a word before a role's noun, lower case.
    pub fn is_role_modifier(&self, word: &str) -> bool {
        self.role_modifiers.contains(word)
    }
    /// `the`, `his`, `two`: a word that opens a noun phrase, lower case.
    /// A closed-class word (`the`, `we`, `have`), lower case: not a content word.
    pub fn is_function_word(&self, word: &str) -> bool {
        self.function_words.contains(word)
    }
    pub fn is_determiner(&self, word: &str) -> bool {
        self.determiners.contains(word)
    }
    /// What a lower-case word is in a cue's adjunct (`monday`, `night`, `statement`).
    pub fn cue_adjunct(&self, word: &str) -> Option<CueAdjunct> {
        self.cue_adjuncts.get(word).copied()
    }
    /// `another`, `one`, `both`: a determiner that can be a whole noun phrase, lower case.
    pub fn is_quantifier(&self, word: &str) -> bool {
        self.quantifiers.contains(word)
    }
    /// `de`, `van`, `bin`: a particle inside a name, as written (`Van` is not one).
    pub fn is_name_particle(&self, word: &str) -> bool {
        self.name_particles.contains(word)
    }
    /// `also`, `later`, `has`: a listed word between a speaker and a cue, lower case. (Words
    /// in `-ly` are adverbs by rule: see [`Lexicon::is_not_adverb`].)
    pub fn is_adverb(&self, word: &str) -> bool {
        self.adverbs.contains(word)
    }
    /// `family`, `daily`: a word in `-ly` that is not an adverb, lower case.
    pub fn is_not_adverb(&self, word: &str) -> bool {
        self.not_adverbs.contains(word)
    }
    /// Whether a word (lower case) before a short quotation makes it a term, and how surely.
    pub fn term_introducer(&self, word: &str) -> Option<Introducer> {
        self.term_introducers.get(word).copied()
    }
    /// `was`, `is`, `been`: a form of `be`, lower case.
    pub fn is_auxiliary(&self, word: &str) -> bool {
        self.auxiliaries.contains(word)
    }
    /// `not`, `would`, `some`, `allegedly`: a word whose change can alter a quote's meaning,
    /// in the audit's comparable form (lower case, straight apostrophe).
    pub fn is_sensitive_word(&self, word: &str) -> bool {
        self.sensitive_words.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicons_load_and_hold_the_core_entries() {
        let l = Lexicon::builtin();
        assert_eq!(l.speech_verb("said"), Some("say"));
        assert_eq!(l.speech_verb("told"), Some("tell"));
        assert_eq!(l.speech_verb("wrote"), Some("write"));
        assert!(l.speech_verb("table").is_none());
        assert!(l.is_title("defense secretary"));
        assert!(l.is_title("sen."));
        assert!(l.is_person_noun("nurse"));
        assert!(l.is_org_noun("ministry"));
        assert_eq!(l.pronoun("he"), Some(PronounKind::Person(Gender::Male)));
        assert_eq!(l.first_name("pete"), Some(Gender::Male));
        assert!(l.is_not_name_word("the"));
        assert!(l.is_name_modifier("monday"));
        assert!(l.is_elision("em"));
        assert!(l.is_abbreviation("mr."));
        assert!(l.is_role_modifier("trump") && l.is_role_modifier("foreign-policy"));
        assert!(l.is_determiner("these") && !l.is_determiner("said"));
        assert!(l.is_quantifier("another") && !l.is_quantifier("the"));
        assert!(l.is_name_particle("van") && !l.is_name_particle("Van"));
        assert!(l.is_adverb("also") && l.is_adverb("would") && !l.is_adverb("said"));
        assert!(l.is_not_adverb("family"));
        assert_eq!(l.term_introducer("so-called"), Some(Introducer::Strong));
        assert_eq!(l.term_introducer("titled"), Some(Introducer::Title));
        assert_eq!(l.term_introducer("the"), Some(Introducer::Weak));
        assert_eq!(l.term_introducer("said"), None);
        assert!(l.is_auxiliary("was") && !l.is_auxiliary("has"));
        assert!(l.is_sensitive_word("won't") && l.is_sensitive_word("n't"));
        assert!(!l.is_sensitive_word("bridge"));
        assert!(
            l.verb_phrases("points")
                .iter()
                .any(|p| p == &["points", "out"])
        );
    }
}

/// The words numbers are spelt with, cardinal and ordinal.
const NUMBER_PARTS: [&str; 50] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "twelfth",
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "hundredth",
    "thousandth",
    "millionth",
];

/// Whether `word` is a number spelt as a hyphenated compound (`Twenty-three`,
/// `Forty-fifth`): a sentence that opens `Twenty-three minutes later, Ms. Nuland sent …`
/// opens with no name, however the word is capitalised. Checked part by part, so no list of
/// compounds is needed. A single number word can start a name (`Zero Hedge`): those that
/// open sentences are in `grammar/not_name_words.txt`.
pub(crate) fn spells_number(word: &str) -> bool {
    word.contains('-')
        && word
            .split('-')
            .all(|part| NUMBER_PARTS.iter().any(|n| n.eq_ignore_ascii_case(part)))
}

#[cfg(test)]
mod number_tests {
    use super::spells_number;

    #[test]
    fn numbers_spelt_out() {
        for w in ["Twenty-three", "forty-fifth", "One-hundred"] {
            assert!(spells_number(w), "{w}");
        }
        for w in [
            "Ten",
            "Zero",
            "Tennyson",
            "Second-guessing",
            "Twenty-",
            "",
            "Seconds",
        ] {
            assert!(!spells_number(w), "{w}");
        }
    }
}
