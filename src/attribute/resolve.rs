//! Canonical speakers for one article.
//!
//! The registry learns the people of an article as the text goes by: names with their titles
//! (`Defense Secretary Pete Hegseth`), appositives (`Ziad, a nurse`) and the speakers of
//! earlier quotes. A mention is then resolved to the most recent compatible entry:
//! a surname to the full name, a pronoun to the last person of its gender, a role to the
//! person introduced with that title. Names are scanned once, incrementally, so the cost
//! is linear in the article.

use super::phrase::{self, Np};
use super::{SpeakerRef, lower};
use crate::lexicon::{Gender, Lexicon, PronounKind};
use crate::model::{Resolution, SpeakerType};
use crate::text::{self, Tok};

#[derive(Debug, Clone)]
struct Entity {
    /// Canonical name as written at its fullest (`Tom Cotton`).
    name: String,
    /// Lower-case words of the name.
    words: Vec<String>,
    gender: Gender,
    /// Lower-case titles and roles seen with the name (`senator`, `defense secretary`).
    titles: Vec<String>,
    speaker_type: SpeakerType,
    /// Byte offset of the latest mention, for recency.
    last_seen: usize,
    /// Other names for it: the acronym in `The U.N. World Food Programme (WFP)`.
    aliases: Vec<String>,
}

/// The people and organisations of one article, and the lexicon that reads its names.
#[derive(Debug)]
pub struct Entities<'a> {
    lexicon: &'a Lexicon,
    list: Vec<Entity>,
    scanned_to: usize,
    toks: Vec<Tok>,
}

impl<'a> Entities<'a> {
    pub fn new(lexicon: &'a Lexicon) -> Self {
        Entities {
            lexicon,
            list: Vec::new(),
            scanned_to: 0,
            toks: Vec::new(),
        }
    }

    /// Learns the names of `text[scanned_to..upto]`.
    fn scan(&mut self, text: &str, upto: usize) {
        if upto <= self.scanned_to {
            return;
        }
        // `upto` is the start of a mention, so no name is cut in two; names after it are
        // learned when a later mention needs them (recency must not see the future).
        let from = self.scanned_to;
        let to = upto;
        let lexicon = self.lexicon;
        let mut toks = std::mem::take(&mut self.toks);
        text::tokenize_into(text, from, to, lexicon, &mut toks);
        self.scanned_to = to;
        let mut i = 0;
        while i < toks.len() {
            // Organisations by their noun: `Israel's military`, `the Gaza health ministry`.
            if toks[i].is_word()
                && text::is_lowercase_word(&text[toks[i].start..toks[i].end])
                && lexicon.is_org_noun(&lower(text, &toks[i]))
            {
                let a = phrase::extend_back(text, lexicon, &toks, 0, i);
                let a = phrase::skip_determiner(text, &toks, a, i);
                if a < i {
                    self.learn(
                        text,
                        &toks[a..=i],
                        Vec::new(),
                        Gender::Unknown,
                        SpeakerType::Organization,
                    );
                }
                i += 1;
                continue;
            }
            if !phrase::is_name_word(text, lexicon, &toks[i]) {
                i += 1;
                continue;
            }
            // A run of capitalised words (with particles: `Lidia de la Vega`): titles first
            // (`Defense Secretary`), then the name.
            let mut b = i;
            while b < toks.len()
                && (phrase::is_name_word(text, lexicon, &toks[b])
                    || (b > i
                        && phrase::is_particle(text, &toks[b])
                        && toks.get(b + 1).is_some_and(|n| {
                            phrase::is_name_word(text, lexicon, n) || phrase::is_particle(text, n)
                        })))
            {
                b += 1;
            }
            if phrase::name_type(text, lexicon, &toks[i..b]) == SpeakerType::Organization {
                let idx = self.learn(
                    text,
                    &toks[i..b],
                    Vec::new(),
                    Gender::Unknown,
                    SpeakerType::Organization,
                );
                self.alias(text, &toks, b, idx);
                i = b;
                continue;
            }
            let mut titles = Vec::new();
            // `spokesman Frank Shaw`: a lower-case title just before the run.
            for n in (1..=2).rev() {
                if i >= n && phrase::title_at(text, lexicon, &toks, i - n) == Some(n) {
                    titles.push(join_lower(text, &toks[i - n..i]));
                    break;
                }
            }
            let mut a = i;
            // `Republican Jim Smith`: modifiers before the name are not part of it.
            while a + 1 < b && lexicon.is_name_modifier(&lower(text, &toks[a])) {
                a += 1;
            }
            while a < b {
                match phrase::title_at(text, lexicon, &toks, a) {
                    Some(n) if a + n < b => {
                        titles.push(join_lower(text, &toks[a..a + n]));
                        a += n;
                    }
                    _ => break,
                }
            }
            let first_gender = lexicon.first_name(&lower(text, &toks[a]));
            let courtesy = i > 0 && phrase::is_courtesy(&text[toks[i - 1].start..toks[i - 1].end]);
            // A title, a courtesy title, a known given name, or a role in an appositive
            // (`Lidia de la Vega, president of the commission,`) makes a person.
            let appositive = appositive_titles(text, lexicon, &toks, b);
            let is_person = !titles.is_empty()
                || courtesy
                || (first_gender.is_some() && b - a >= 2)
                || (!appositive.is_empty() && b - a >= 2);
            if is_person {
                titles.extend(appositive);
                let gender = if courtesy {
                    courtesy_gender(text, &toks[i - 1..i])
                } else {
                    None
                }
                .or(first_gender)
                .unwrap_or(Gender::Unknown);
                self.learn(text, &toks[a..b], titles, gender, SpeakerType::Person);
            }
            i = b;
        }
        self.toks = toks;
    }

    /// Adds or updates an entity from a name's tokens.
    fn learn(
        &mut self,
        text: &str,
        toks: &[Tok],
        titles: Vec<String>,
        gender: Gender,
        speaker_type: SpeakerType,
    ) -> usize {
        let toks: Vec<&Tok> = toks
            .iter()
            .filter(|t| !phrase::is_courtesy(&text[t.start..t.end]))
            .collect();
        let Some(last_tok) = toks.last() else {
            return usize::MAX;
        };
        let words: Vec<String> = toks.iter().map(|t| lower(text, t).into_owned()).collect();
        let name = toks
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect::<Vec<_>>()
            .join(" ");
        let pos = last_tok.end;
        if let Some(idx) = self.find_name(&words, speaker_type) {
            let e = &mut self.list[idx];
            if words.len() > e.words.len() {
                e.words = words;
                e.name = name;
            }
            for t in titles {
                if !e.titles.contains(&t) {
                    e.titles.push(t);
                }
            }
            if e.gender == Gender::Unknown {
                e.gender = gender;
            }
            e.last_seen = e.last_seen.max(pos);
            return idx;
        }
        self.list.push(Entity {
            name,
            words,
            gender,
            titles,
            speaker_type,
            last_seen: pos,
            aliases: Vec::new(),
        });
        self.list.len() - 1
    }

    /// Records `(ACRONYM)` right after a name at `b` as another name for entity `idx`.
    fn alias(&mut self, text: &str, toks: &[Tok], b: usize, idx: usize) {
        let (Some(open), Some(acr), Some(close)) = (toks.get(b), toks.get(b + 1), toks.get(b + 2))
        else {
            return;
        };
        let w = &text[acr.start..acr.end];
        if open.is_punct('(')
            && close.is_punct(')')
            && w.len() >= 2
            && w.chars().all(|c| c.is_uppercase() || c == '.')
        {
            if let Some(e) = self.list.get_mut(idx) {
                e.aliases.push(w.to_lowercase());
            }
        }
    }

    /// The most recent entity whose name is `words` or ends with them (`Cotton` ⊂
    /// `Tom Cotton`), or whose single word starts a longer name.
    fn find_name(&self, words: &[String], ty: SpeakerType) -> Option<usize> {
        let mut best: Option<usize> = None;
        for (i, e) in self.list.iter().enumerate() {
            // A person is never an organisation that shares a word with them (`Mrs. Clinton`
            // is not the Clinton Family Foundation).
            if (ty == SpeakerType::Person) != (e.speaker_type == SpeakerType::Person) {
                continue;
            }
            let alias = words.len() == 1 && e.aliases.contains(&words[0]);
            let matches = alias
                || e.words == words
                || (words.len() < e.words.len() && e.words.ends_with(words))
                || (words.len() > e.words.len() && words.ends_with(&e.words))
                || (words.len() == 1 && e.words.first() == words.first());
            if matches && best.is_none_or(|b| self.list[b].last_seen <= e.last_seen) {
                best = Some(i);
            }
        }
        best
    }

    /// Resolves a mention to a canonical speaker.
    pub fn resolve(&mut self, text: &str, np: &Np) -> SpeakerRef {
        self.scan(text, np.range.start);
        let mention = &text[np.core.start..np.core.end];
        let unresolved = |ty| SpeakerRef {
            mention: np.range,
            np: *np,
            name: strip_the(mention).to_string(),
            speaker_type: ty,
            resolution: Resolution::Unresolved,
        };
        match np.speaker_type {
            SpeakerType::Pronoun => {
                let w = mention.to_lowercase();
                let kind = self.lexicon.pronoun(&w);
                let found = match kind {
                    Some(PronounKind::Person(g)) => self.latest(np.range.start, |e| {
                        e.speaker_type == SpeakerType::Person
                            && (g == Gender::Unknown
                                || e.gender == Gender::Unknown
                                || e.gender == g)
                    }),
                    Some(PronounKind::Thing) | Some(PronounKind::Plural) => {
                        self.latest(np.range.start, |e| e.speaker_type != SpeakerType::Person)
                    }
                    // `who`: the name just before it.
                    None if w == "who" => self.latest(np.range.start, |_| true),
                    _ => None,
                };
                match found {
                    Some(i) => {
                        let e = &mut self.list[i];
                        if e.gender == Gender::Unknown {
                            if let Some(PronounKind::Person(g)) = kind {
                                e.gender = g;
                            }
                        }
                        SpeakerRef {
                            mention: np.range,
                            np: *np,
                            name: e.name.clone(),
                            speaker_type: e.speaker_type,
                            resolution: Resolution::Pronoun,
                        }
                    }
                    None => unresolved(SpeakerType::Pronoun),
                }
            }
            SpeakerType::Person | SpeakerType::Organization => {
                let mut toks = Vec::new();
                text::tokenize_into(text, np.core.start, np.core.end, self.lexicon, &mut toks);
                let toks: Vec<Tok> = toks
                    .into_iter()
                    .filter(|t| t.is_word() && lower(text, t) != "the")
                    .collect();
                let n_words = toks
                    .iter()
                    .filter(|t| !phrase::is_courtesy(&text[t.start..t.end]))
                    .count();
                let gender = courtesy_gender(text, &toks).unwrap_or(Gender::Unknown);
                let before = self.list.len();
                let idx = self.learn(text, &toks, Vec::new(), gender, np.speaker_type);
                let Some(e) = self.list.get(idx) else {
                    return unresolved(np.speaker_type);
                };
                let resolution = if idx < before && e.words.len() > n_words {
                    if e.speaker_type == SpeakerType::Person {
                        Resolution::Surname
                    } else {
                        Resolution::ShortForm
                    }
                } else {
                    Resolution::Mention
                };
                SpeakerRef {
                    mention: np.range,
                    np: *np,
                    name: e.name.clone(),
                    speaker_type: e.speaker_type,
                    resolution,
                }
            }
            SpeakerType::Descriptor => {
                let words: Vec<String> = mention
                    .split_whitespace()
                    .map(|w| w.to_lowercase())
                    .collect();
                let found = self.latest(np.range.start, |e| {
                    e.titles.iter().any(|t| {
                        let tw: Vec<&str> = t.split(' ').collect();
                        // The title's last word is the head: `secretary`, `senator`, `nurse`.
                        tw.last().is_some_and(|h| words.iter().any(|w| w == h))
                            && tw.iter().all(|x| words.iter().any(|w| w == x))
                    })
                });
                match found {
                    Some(i) => {
                        let e = &mut self.list[i];
                        e.last_seen = e.last_seen.max(np.range.end);
                        SpeakerRef {
                            mention: np.range,
                            np: *np,
                            name: e.name.clone(),
                            speaker_type: e.speaker_type,
                            resolution: Resolution::Descriptor,
                        }
                    }
                    None => unresolved(SpeakerType::Descriptor),
                }
            }
        }
    }

    /// The entity mentioned most recently before `pos` that satisfies `ok`.
    fn latest(&self, pos: usize, ok: impl Fn(&Entity) -> bool) -> Option<usize> {
        self.list
            .iter()
            .enumerate()
            .filter(|(_, e)| e.last_seen <= pos && ok(e))
            .max_by_key(|(_, e)| e.last_seen)
            .map(|(i, _)| i)
    }
}

fn strip_the(s: &str) -> &str {
    s.strip_prefix("the ")
        .or_else(|| s.strip_prefix("The "))
        .unwrap_or(s)
}

/// Gender from a courtesy title (`Mr.`, `Mrs.`, `Ms.`).
fn courtesy_gender(text: &str, toks: &[Tok]) -> Option<Gender> {
    toks.iter()
        .find_map(|t| match text[t.start..t.end].to_lowercase().as_str() {
            "mr." | "mr" => Some(Gender::Male),
            "mrs." | "mrs" | "ms." | "ms" | "miss" => Some(Gender::Female),
            _ => None,
        })
}

/// Titles in an appositive after a name: `Ziad, a nurse,` → `nurse`;
/// `Frank Shaw, Microsoft's Chief Communications Officer,` → `chief communications officer`.
fn appositive_titles(text: &str, lexicon: &Lexicon, toks: &[Tok], b: usize) -> Vec<String> {
    let mut out = Vec::new();
    if !toks.get(b).is_some_and(|t| t.is_punct(',')) {
        return out;
    }
    let mut j = b + 1;
    while j < toks.len() && j < b + 12 && toks[j].is_word() {
        if let Some(n) = phrase::title_at(text, lexicon, toks, j) {
            let t = join_lower(text, &toks[j..j + n]);
            out.push(t);
            j += n;
            continue;
        }
        let w = lower(text, &toks[j]);
        if lexicon.is_person_noun(&w) {
            out.push(w.into_owned());
        }
        j += 1;
    }
    out
}

fn join_lower(text: &str, toks: &[Tok]) -> String {
    toks.iter()
        .map(|t| lower(text, t).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}
