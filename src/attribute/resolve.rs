//! Canonical speakers for one article.
//!
//! The registry learns the people of an article as the text goes by: names with their titles
//! (`Defense Secretary Pete Hegseth`), appositives (`Ziad, a nurse`) and the speakers of
//! earlier quotes. A mention is then resolved to the most recent compatible entry:
//! a surname to the full name, a pronoun to the last person of its gender, a role to the
//! person introduced with that title. Names are scanned once, incrementally, so the cost
//! is linear in the article.
//!
//! Every question put to the registry (the entry a name matches, the latest person a pronoun
//! can mean, the latest holder of a title) is a lookup, not a walk over every entry: a small
//! registry is scanned, a large one keeps an [`Index`] of the same answers. The text is
//! tokenised a piece at a time, so memory stays bounded however long the article.

use std::collections::{BTreeSet, VecDeque};

use rustc_hash::FxHashMap;
use std::collections::hash_map::Entry;

use super::phrase::{self, Np};
use super::{SpeakerRef, lower};
use crate::extract::Span;
use crate::lexicon::{Gender, Lexicon, PronounKind};
use crate::model::{Resolution, SpeakerType};
use crate::text::{self, Tok};

/// A registry with up to this many entries answers by scanning them (cheaper than keeping an
/// index for the few names of a news story); from then on it keeps an [`Index`].
pub(super) const INDEX_FROM: usize = 48;

/// The longest name learnt, in words. A longer run of capitalised words (a table, a
/// headline in capitals gone wrong) is not a name; the bound keeps each lookup short.
const MAX_NAME_WORDS: usize = 32;

/// The most entries a registry learns (news names a few dozen people): past this, new names
/// are not learnt, so that memory stays bounded on a text of nothing but names.
const MAX_ENTITIES: usize = 1 << 14;

/// Bytes of text tokenised at a time when learning names: the memory the scan needs.
const SCAN_PIECE: usize = 64 << 10;

/// Bytes read past the point a scan stops at, to see an appositive or a verb after a name.
const LOOKAHEAD: usize = 512;

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
    /// Kept once the list is longer than `index_from`.
    index: Option<Index>,
    index_from: usize,
    /// The latest mentions, oldest first, for salience (see [`Entities::salient`]).
    log: VecDeque<Mention>,
    /// Where the sentence being scanned began, and the end of the last token scanned and
    /// whether it ended a sentence: the scan's state between pieces.
    sent_start: usize,
    prev_end: usize,
    prev_ends_sentence: bool,
    /// Whether the sentence's first word is still to come, and whether the scan is inside a
    /// fronted phrase (`When Mr. Lane left,`, `In his speech,`) that a comma will close.
    first_word_due: bool,
    fronted: bool,
    /// Whether the sentence being scanned has had no lower-case word but function words
    /// yet: closed by `?`, it is a question put to someone (`Governor Christie?`).
    verbless: bool,
    /// The article's quotations (top level and nested, in order), and the first that does
    /// not end before the scan: words inside them are the speakers', not the reporter's.
    spans: &'a [Span],
    span_at: usize,
    /// Whether the mentions being noted are subjects of a speech verb, and pronouns.
    speaking: bool,
    pronoun: bool,
    /// Whether the mention being noted is a possessive.
    possessive: bool,
    /// Who wrote each kind of document last mentioned (`statement`, `letter`): the author
    /// it was introduced with.
    authors: Vec<(String, Author)>,
    /// The person each definite role last resolved to (`the new president` → Donald
    /// Trump), so that the role met again in the reporter's text (`The president
    /// addressed the crowd`) is a mention of them.
    roles: Vec<(String, usize)>,
    /// Whether any entity has a title: until one has (or a role resolved), a role in the
    /// reporter's text cannot mention anyone and is not looked up.
    titled: bool,
    /// Tokens before this offset belong to a line that is not prose (a caption, a credit, a
    /// `READ MORE` line): their names are neither learnt nor refreshed.
    skip_to: usize,
    /// The latest run of two or three capitalised words that opens its sentence and that no
    /// list or role made anyone (`Megda Belkacemi`, a given name the lexicon does not
    /// know), with the sentence it stands in: a personal pronoun later in that sentence,
    /// with no person named between, makes it a person.
    /// (Up to three tokens, kept without allocating: most runs are never asked about.)
    pending: Option<([Tok; 3], usize, usize)>,
}

/// The author of a document: an entity, or the words of a name that follows the document
/// (`a letter from Representative Peter Welch`), looked up when the document speaks, by
/// which time the scan has learnt it.
#[derive(Debug, Clone)]
enum Author {
    Entity(usize),
    Name(Vec<String>),
}

/// One mention of an entity: where it ends and the sentence it is in.
#[derive(Debug, Clone, Copy)]
struct Mention {
    pos: usize,
    sentence: usize,
    entity: usize,
    /// The mention is the subject of a speech verb (`Lohmar said`).
    speaks: bool,
    /// The mention cannot be the sentence's subject: it stands in a fronted phrase (`When
    /// Mr. Lane left,`) or is a possessive (`Michael Brown's death`).
    oblique: bool,
    /// The mention is a pronoun (`he`, `his`) that continues the entity's chain.
    pronoun: bool,
    /// The mention is in a verbless question (`Governor Christie? "Strong," he said.`): the
    /// topic put to the speaker, who is someone else.
    aside: bool,
}

/// Mentions kept for salience: a pronoun looks back at most this far (a few pages of news).
const LOG_LEN: usize = 512;

impl<'a> Entities<'a> {
    /// A registry that keeps an index once it holds more than `index_from` entries
    /// ([`INDEX_FROM`]; the tests compare 0 with never).
    pub(super) fn with_index_from(
        lexicon: &'a Lexicon,
        spans: &'a [Span],
        index_from: usize,
    ) -> Self {
        Entities {
            lexicon,
            spans,
            span_at: 0,
            authors: Vec::new(),
            roles: Vec::new(),
            titled: false,
            speaking: false,
            pronoun: false,
            possessive: false,
            list: Vec::new(),
            scanned_to: 0,
            toks: Vec::new(),
            index: None,
            index_from,
            log: VecDeque::new(),
            sent_start: 0,
            prev_end: 0,
            prev_ends_sentence: true,
            first_word_due: true,
            fronted: false,
            verbless: true,
            skip_to: 0,
            pending: None,
        }
    }

    /// Records a mention of entity `idx` ending at `pos`, in the sentence being scanned.
    fn note(&mut self, idx: usize, pos: usize) {
        // A speaker found in a caption or label line (`WATCH: Authorities outline …`) is
        // no more salient than the line's other names.
        if idx >= self.list.len() || pos <= self.skip_to {
            return;
        }
        if self
            .log
            .back()
            .is_some_and(|m| m.entity == idx && m.pos == pos)
        {
            return;
        }
        if self.log.len() == LOG_LEN {
            self.log.pop_front();
        }
        self.log.push_back(Mention {
            pos,
            sentence: self.sent_start,
            entity: idx,
            speaks: self.speaking,
            oblique: self.fronted || self.possessive,
            pronoun: self.pronoun,
            aside: false,
        });
    }

    /// Records a speaker's mention that the scan does not log itself (a description that
    /// resolved to entity `idx`), so that its sentence has its speaker (`"…," the tech
    /// giant said in a statement.` — the statement is the company's).
    fn note_speaker(&mut self, idx: usize, pos: usize) {
        self.speaking = true;
        self.note(idx, pos);
        self.speaking = false;
    }

    /// Whether `pos` is inside a top-level quotation. Asked with growing positions.
    fn quoted(&mut self, pos: usize) -> bool {
        while let Some(s) = self.spans.get(self.span_at) {
            if s.depth > 0 || s.end <= pos {
                self.span_at += 1;
            } else {
                return s.start <= pos;
            }
        }
        false
    }

    /// Moves the sentence state past token `t`: a new line or the token after a full stop,
    /// question or exclamation mark starts a sentence. Returns whether `t` starts a line.
    fn step(&mut self, text: &str, t: &Tok) -> bool {
        let gap = &text.as_bytes()[self.prev_end.min(t.start)..t.start];
        let new_line = t.start == 0 || memchr::memchr2(b'\n', b'\r', gap).is_some();
        if new_line || self.prev_ends_sentence {
            self.sent_start = t.start;
            self.first_word_due = true;
            self.fronted = false;
            self.verbless = true;
        }
        if self.verbless && t.is_word() && text::is_lowercase_word(&text[t.start..t.end]) {
            let w = lower(text, t);
            self.verbless = self.lexicon.is_preposition(&w) || self.lexicon.is_determiner(&w);
        }
        if self.verbless && t.is_punct('?') {
            let sentence = self.sent_start;
            for m in self.log.iter_mut().rev() {
                if m.sentence != sentence {
                    break;
                }
                m.aside = true;
            }
        }
        if t.is_word() && self.first_word_due {
            self.first_word_due = false;
            self.fronted = self.lexicon.is_fronting_word(&lower(text, t));
        } else if t.is_punct(',') {
            self.fronted = false;
        }
        self.prev_end = t.end;
        self.prev_ends_sentence = t.is_punct('.') || t.is_punct('?') || t.is_punct('!');
        new_line
    }

    /// Moves the sentence state to a mention that starts at `pos`, when the scan stopped
    /// short of it (a speaker is resolved before the tokens from its start are scanned):
    /// without this, `James Bopp` after `…prayed for him.` would be logged in the sentence
    /// before his own, and a later `he` would skip him for that sentence's first name.
    fn reach(&mut self, text: &str, pos: usize) {
        if pos <= self.prev_end {
            return;
        }
        let gap = &text.as_bytes()[self.prev_end..pos];
        if self.prev_ends_sentence || memchr::memchr2(b'\n', b'\r', gap).is_some() {
            // The sentence starts where `step` will start it: at the mention's first token.
            self.sent_start = pos;
            self.first_word_due = false;
            self.fronted = false;
            self.verbless = true;
        }
        self.prev_end = pos;
        self.prev_ends_sentence = false;
    }

    /// Learns the names of `text[scanned_to..upto]`.
    fn scan(&mut self, text: &str, upto: usize) {
        if upto <= self.scanned_to {
            return;
        }
        // `upto` is the start of a mention, so no name is cut in two; names after it are
        // learned when a later mention needs them (recency must not see the future).
        let mut from = self.scanned_to;
        self.scanned_to = upto;
        let mut toks = std::mem::take(&mut self.toks);
        // A piece at a time, each ending just after a full stop: nothing the scan looks at
        // (a run of capitals, the words around it) reaches across one, so the names learnt
        // are those of one pass over the whole stretch.
        while from < upto {
            let (end, last) = if upto - from <= SCAN_PIECE {
                (upto, true)
            } else {
                // Cut at white space, where tokens begin and end as in the whole text.
                let limit = super::floor_char_boundary(text, from + SCAN_PIECE);
                let cut = memchr::memrchr3(b' ', b'\n', b'\r', &text.as_bytes()[from..limit])
                    .map_or(limit, |k| from + k);
                (if cut > from { cut } else { limit }, false)
            };
            // The last piece stops mid-sentence, at a mention: the words after it still say
            // what the names before it are (`Navdeep Bains, Minister of …, said`), so a few
            // are read ahead, though no name starts among them.
            let ahead = if last {
                let limit = super::floor_char_boundary(text, (end + LOOKAHEAD).min(text.len()));
                memchr::memrchr3(b' ', b'\n', b'\r', &text.as_bytes()[end..limit])
                    .map_or(if limit == text.len() { limit } else { end }, |k| end + k)
            } else {
                end
            };
            text::tokenize_into(text, from, ahead, self.lexicon, &mut toks);
            let (mut n, mut next) = (toks.partition_point(|t| t.start < end), end);
            if !last {
                if let Some(k) = toks.iter().rposition(|t| t.is_punct('.')) {
                    (n, next) = (k + 1, toks[k].end);
                }
            }
            let reached = self.scan_tokens(text, &toks, n);
            self.scanned_to = self.scanned_to.max(reached);
            from = next;
        }
        toks.clear();
        self.toks = toks;
    }

    /// Learns the names that start among `toks[..n]` (the tokens after them are read
    /// ahead only). Returns the end of the last token taken in, which is past `toks[n - 1]`
    /// when a name runs on.
    fn scan_tokens(&mut self, text: &str, toks: &[Tok], n: usize) -> usize {
        let lexicon = self.lexicon;
        let mut i = 0;
        // Tokens before `stepped` have moved the sentence state.
        let mut stepped = 0;
        while i < n {
            while stepped <= i {
                if self.step(text, &toks[stepped]) {
                    let start = toks[stepped].start;
                    if !is_prose_line(text, start) {
                        self.skip_to = line_end(text, start);
                    } else if let Some(end) = text::dateline_end(text, start) {
                        self.skip_to = end;
                    }
                }
                stepped += 1;
            }
            // Set for one name run at a time (below).
            self.possessive = false;
            if toks[i].start < self.skip_to || self.quoted(toks[i].start) {
                i += 1;
                continue;
            }
            // `Still, he denied…`, `his rivals`: a pronoun continues the chain of the person
            // it means, so that the next pronoun finds the person the text is about.
            // (`He`, `Her` open sentences: the case is not looked at.)
            if toks[i].is_word() && lexicon.might_be_gendered(&text[toks[i].start..toks[i].end]) {
                if let Some(g) = lexicon.pronoun_gender(&lower(text, &toks[i])) {
                    if self.quoted(toks[i].start) {
                        i += 1;
                        continue;
                    }
                    self.learn_pending(text, g);
                    if let Some(idx) = self.salient(toks[i].start, |e| person_of(e, g)) {
                        self.speaking = toks
                            .get(i + 1)
                            .is_some_and(|t| super::cue_lemma(text, lexicon, t).is_some());
                        self.pronoun = true;
                        self.note(idx, toks[i].end);
                        self.speaking = false;
                        self.pronoun = false;
                    }
                    i += 1;
                    continue;
                }
            }
            // A lower-case word is looked up once: a document or an organisation's noun, or
            // nothing the registry keeps (no name starts with it but `al-Shabaab`).
            if toks[i].is_word()
                && text::is_lowercase_word(&text[toks[i].start..toks[i].end])
                && !phrase::is_name_word(text, lexicon, &toks[i])
            {
                let w = lower(text, &toks[i]);
                // `a letter from Representative Peter Welch`, `Phillips' statement`, `Smith
                // said in a statement`: the document's author, for when the document speaks.
                // (The cheap tests first: most words follow no `the`.)
                let after_the = (self.titled || !self.roles.is_empty())
                    && (1..=3)
                        .filter_map(|n| i.checked_sub(n))
                        .any(|k| text[toks[k].start..toks[k].end].eq_ignore_ascii_case("the"));
                if after_the && lexicon.is_person_singular(&w) {
                    if let Some(idx) = self.role_mention(text, toks, i) {
                        self.note(idx, toks[i].end);
                    }
                } else if lexicon.is_source_noun(&w) {
                    let w = w.into_owned();
                    if let Some(author) = self.author_of(text, toks, i) {
                        match self.authors.iter_mut().find(|(n, _)| *n == w) {
                            Some(slot) => slot.1 = author,
                            None => self.authors.push((w, author)),
                        }
                    }
                } else if lexicon.is_org_noun(&w) {
                    // Organisations by their noun: `Israel's military`, `the Gaza health
                    // ministry`.
                    let lo = i.saturating_sub(MAX_NAME_WORDS - 1);
                    let a = phrase::extend_back(text, lexicon, toks, lo, i);
                    let a = phrase::skip_determiner(text, lexicon, toks, a, i);
                    if a < i {
                        self.learn(
                            text,
                            &toks[a..=i],
                            Vec::new(),
                            Gender::Unknown,
                            SpeakerType::Organization,
                        );
                    }
                }
                i += 1;
                continue;
            }
            // `Trump's tone`: a possessive is a mention of the person it names.
            if toks[i].is_word() && text::is_capitalised(&text[toks[i].start..toks[i].end]) {
                if let Some(stem) = phrase::possessive_stem(&text[toks[i].start..toks[i].end]) {
                    self.possessive = true;
                    self.refresh(&[stem.to_lowercase()], toks[i].end);
                    self.possessive = false;
                    i += 1;
                    continue;
                }
            }
            if !phrase::is_name_word(text, lexicon, &toks[i]) {
                i += 1;
                continue;
            }
            // A run of capitalised words (with particles: `Lidia de la Vega`): titles first
            // (`Defense Secretary`), then the name.
            let mut b = i + 1;
            while b < toks.len()
                && (phrase::is_run_word(text, lexicon, toks, b)
                    || (phrase::is_particle(text, lexicon, &toks[b])
                        && toks.get(b + 1).is_some_and(|n| {
                            phrase::is_name_word(text, lexicon, n)
                                || phrase::is_particle(text, lexicon, n)
                        })))
            {
                b += 1;
            }
            // `President Donald Trump's response`: the possessive ends the name (a run that
            // starts with one is a mention of a known person, above).
            let possessive = toks.get(b).is_some_and(|t| {
                t.is_word()
                    && text::is_capitalised(&text[t.start..t.end])
                    && phrase::possessive_stem(&text[t.start..t.end]).is_some()
            });
            if possessive {
                b += 1;
            }
            self.possessive = possessive;
            if b - i > MAX_NAME_WORDS {
                i = b;
                continue;
            }
            // `Justice Department Inspector General Michael Horowitz`: a title inside the run
            // with a given name after it makes the run a person whose role names a body, not
            // the body (read below as `Texas Gov. Rick Perry` is).
            let titled_person = || {
                (i + 1..b.saturating_sub(1)).any(|k| {
                    phrase::title_at(text, lexicon, toks, k).is_some_and(|n| {
                        k + n < b && lexicon.first_name(&lower(text, &toks[k + n])).is_some()
                    })
                })
            };
            if phrase::name_type(text, lexicon, &toks[i..b]) == SpeakerType::Organization
                && !titled_person()
            {
                // A person of the article outranks the lexicon: after `Michael Bloomberg`,
                // `Bloomberg` is him, not the news agency.
                if b - i == 1 && self.refresh(&[lower(text, &toks[i]).into_owned()], toks[i].end) {
                    i = b;
                    continue;
                }
                let idx = self.learn(
                    text,
                    &toks[i..b],
                    Vec::new(),
                    Gender::Unknown,
                    SpeakerType::Organization,
                );
                self.alias(text, toks, b, idx);
                i = b;
                continue;
            }
            let mut titles = Vec::new();
            // `spokesman Frank Shaw`: a lower-case title just before the run. Written in
            // lower case, a rank that is also an adjective (`major Internet companies`,
            // `private Facebook groups`) is one only when its last word names a person.
            for n in (1..=2).rev() {
                if i >= n
                    && phrase::title_at(text, lexicon, toks, i - n) == Some(n)
                    && (!text::is_lowercase_word(&text[toks[i - 1].start..toks[i - 1].end])
                        || lexicon.is_person_noun(&lower(text, &toks[i - 1])))
                {
                    titles.push(title_of(text, lexicon, &toks[i - n..i]));
                    break;
                }
            }
            // `Mississauga accountant Ana Ruiz`: a noun for one person right before a full
            // name is their role.
            if titles.is_empty()
                && i >= 1
                && b - i >= 2
                && toks[i - 1].is_word()
                && text::is_lowercase_word(&text[toks[i - 1].start..toks[i - 1].end])
                && lexicon.is_person_singular(&lower(text, &toks[i - 1]))
            {
                titles.push(lower(text, &toks[i - 1]).into_owned());
            }
            // `the inspector general, Michael E. Horowitz,`: a role right before the name
            // and a comma.
            if titles.is_empty() && i >= 2 && b - i >= 2 && toks[i - 1].is_punct(',') {
                let j = i - 1;
                if let Some(n) = (1..=3.min(j)).rev().find(|&n| {
                    phrase::title_at(text, lexicon, toks, j - n) == Some(n)
                        && toks[j - n..j]
                            .iter()
                            .all(|t| text::is_lowercase_word(&text[t.start..t.end]))
                }) {
                    titles.push(title_of(text, lexicon, &toks[j - n..j]));
                } else if j >= 2
                    && toks[j - 1].is_word()
                    && lexicon.is_person_noun(&lower(text, &toks[j - 1]))
                    && toks[j - 2].is_word()
                {
                    titles.push(lower(text, &toks[j - 1]).into_owned());
                }
            }
            let mut a = i;
            // `Republican Jim Smith`: modifiers before the name are not part of it.
            while a + 1 < b && lexicon.is_name_modifier(&lower(text, &toks[a])) {
                a += 1;
            }
            while a < b {
                match phrase::title_at(text, lexicon, toks, a) {
                    Some(n) if a + n < b => {
                        titles.push(title_of(text, lexicon, &toks[a..a + n]));
                        a += n;
                    }
                    _ => break,
                }
            }
            // A given name says the gender only when a surname follows it (`Mr. Christie`
            // is a man whatever `Christie` is as a given name).
            // `Texas Gov. Rick Perry`, `New Jersey Sen. Bob Menendez`: a title inside the
            // run, after the words that qualify it.
            // (`Former Arkansas Rep. Asa Hutchinson`: after the modifiers.)
            if titles.is_empty() {
                // The title that ends last, and of those the longest: `Justice Department
                // Inspector General Michael Horowitz` is an inspector general, not a general.
                if let Some((k, n)) = (a + 1..b.saturating_sub(1))
                    .filter_map(|k| phrase::title_at(text, lexicon, toks, k).map(|n| (k, n)))
                    .filter(|&(k, n)| k + n < b)
                    .max_by_key(|&(k, n)| (k + n, std::cmp::Reverse(k)))
                {
                    titles.push(title_of(text, lexicon, &toks[a..k + n]));
                    titles.push(title_of(text, lexicon, &toks[k..k + n]));
                    a = k + n;
                }
            }
            // `Director of National Intelligence James Clapper`: a given name inside the run,
            // with a surname after it, starts the person's name; the words before it are the
            // role (with the words before `of`, which end the run before this one). So too
            // after a title already taken off the run: `Chief Engineer Mara Voss` is Mara
            // Voss, whatever list `Engineer` is in.
            if lexicon.first_name(&lower(text, &toks[a])).is_none() {
                if let Some(k) = (a + 1..b.saturating_sub(1))
                    .find(|&k| lexicon.first_name(&lower(text, &toks[k])).is_some())
                    .filter(|&k| {
                        phrase::name_type(text, lexicon, &toks[k..b]) == SpeakerType::Person
                    })
                {
                    let of_role = a == i
                        && i >= 2
                        && lower(text, &toks[i - 1]) == "of"
                        && text::is_capitalised(&text[toks[i - 2].start..toks[i - 2].end]);
                    let from = if of_role { i - 2 } else { a };
                    titles.push(title_of(text, lexicon, &toks[from..k]));
                    // And the longest title that ends the role, which the reporter uses
                    // alone later (`Department Inspector General` … `the inspector general`).
                    if let Some(j) = (from + 1..k)
                        .find(|&j| phrase::title_at(text, lexicon, toks, j) == Some(k - j))
                    {
                        titles.push(title_of(text, lexicon, &toks[j..k]));
                    }
                    a = k;
                }
            }
            let first_gender = lexicon
                .first_name(&lower(text, &toks[a]))
                .filter(|_| b - a >= 2);
            let courtesy = (i > 0
                && phrase::is_courtesy(&text[toks[i - 1].start..toks[i - 1].end]))
                || toks[i..a]
                    .iter()
                    .any(|t| phrase::is_courtesy(&text[t.start..t.end]));
            // A title, a courtesy title, a known given name, or a role in an appositive
            // (`Lidia de la Vega, president of the commission,`) makes a person.
            let appositive = appositive_titles(text, lexicon, toks, b);
            titles.extend(party_titles(text, lexicon, toks, b));
            // `Bill C-74` is a bill: a name's last word has no digit.
            let numbered = toks[b - 1].is_word()
                && text[toks[b - 1].start..toks[b - 1].end].contains(|c: char| c.is_ascii_digit());
            let is_person = !numbered
                && (!titles.is_empty()
                    || courtesy
                    || (first_gender.is_some() && b - a >= 2)
                    || (!appositive.is_empty() && b - a >= 2));
            // The subject of a speech verb is a person (`Lonechild said`), whatever their
            // given name; a run that names a known person again refreshes them.
            // (`The Times said`, `the Guardian reported`: an article makes it no person.)
            let starts_clause = i == 0 || {
                let p = &toks[i - 1];
                !p.is_word()
                    || (!text::is_lowercase_word(&text[p.start..p.end])
                        && !lexicon.is_determiner(&lower(text, p)))
                    || lexicon.is_clause_opener(&lower(text, p))
            };
            // The verb right after the name, or after an appositive between commas
            // (`Navdeep Bains, Minister of Innovation, said`).
            // (A possessive name speaks through no verb: `Ward's remark`.)
            let verb_at = |k: usize| {
                !possessive
                    && toks
                        .get(k)
                        .is_some_and(|t| super::cue_lemma(text, lexicon, t).is_some())
            };
            // Acronyms name organisations (`the PBO said`).
            let acronym = toks[a..b].iter().any(|t| {
                let w = &text[t.start..t.end];
                w.len() >= 2 && w.chars().all(|c| c.is_uppercase() || c == '.')
            });
            let speaks = starts_clause
                && !acronym
                && (verb_at(b)
                    // An appositive follows a full name (`Still, he denied…, saying` is not one).
                    || (b - a >= 2 && appositive_then(toks, b, |k| verb_at(k + 1))));
            if !is_person {
                let words: Vec<String> = toks[a..b]
                    .iter()
                    .filter(|t| !phrase::is_courtesy(&text[t.start..t.end]))
                    .map(|t| lower(text, t).into_owned())
                    .collect();
                // `Bank of Canada`: the words after `of` in a name are not a mention.
                let of_name = i >= 2
                    && lower(text, &toks[i - 1]) == "of"
                    && text::is_capitalised(&text[toks[i - 2].start..toks[i - 2].end]);
                if of_name {
                    i = b;
                    continue;
                }
                self.speaking = verb_at(b);
                if self.refresh(&words, toks[b - 1].end) {
                    self.pending = None;
                } else if speaks && !words.is_empty() {
                    self.learn(
                        text,
                        &toks[a..b],
                        titles,
                        Gender::Unknown,
                        SpeakerType::Person,
                    );
                    self.pending = None;
                } else if (2..=3).contains(&(b - a))
                    && titles.is_empty()
                    && !acronym
                    && !numbered
                    && !possessive
                    && self.may_be_antecedent(text, toks, a, b)
                {
                    let mut run = [toks[a]; 3];
                    run[..b - a].copy_from_slice(&toks[a..b]);
                    self.pending = Some((run, b - a, self.sent_start));
                }
                self.speaking = false;
                i = b;
                continue;
            }
            if is_person {
                titles.extend(appositive);
                let gender = if courtesy {
                    courtesy_gender(text, &toks[i.saturating_sub(1)..a])
                } else {
                    None
                }
                .or(first_gender)
                .unwrap_or(Gender::Unknown);
                self.speaking = verb_at(b);
                self.learn(text, &toks[a..b], titles, gender, SpeakerType::Person);
                self.speaking = false;
                self.pending = None;
            }
            i = b;
        }
        self.possessive = false;
        // Past the last token taken in (a name can run past `n`).
        toks[..i.min(toks.len())].last().map_or(0, |t| t.end)
    }

    /// Whether the run `toks[a..b]` can be what a later pronoun means: a noun phrase of its
    /// own (punctuation or a verb after it, not a noun it modifies: `New Hampshire voters`),
    /// not a place after a preposition (`in Quebec City`).
    fn may_be_antecedent(&self, text: &str, toks: &[Tok], a: usize, b: usize) -> bool {
        let lexicon = self.lexicon;
        let place = a > 0
            && toks[a - 1].is_word()
            && matches!(
                lower(text, &toks[a - 1]).as_ref(),
                "in" | "at" | "from" | "to" | "near" | "into" | "across" | "outside" | "of"
            );
        let closed = toks.get(b).is_none_or(|t| {
            if !t.is_word() {
                return t
                    .punct()
                    .is_some_and(|c| matches!(c, ',' | '.' | ';' | ':'));
            }
            let w = lower(text, t);
            text::is_lowercase_word(&text[t.start..t.end])
                && (lexicon.is_auxiliary(&w)
                    || super::cue_lemma(text, lexicon, t).is_some()
                    || super::is_adverb(text, lexicon, t))
        });
        // It opens its sentence, alone or after a word that fronts a phrase (`For Megda
        // Belkacemi, Friday is…`): a name the sentence is about.
        let opens = |k: usize| {
            k == 0
                || toks[k - 1]
                    .punct()
                    .is_some_and(|c| matches!(c, '.' | '!' | '?'))
                || text[toks[k - 1].end..toks[k].start].contains(['\n', '\r'])
        };
        let first = opens(a)
            || (a > 0
                && opens(a - 1)
                && toks[a - 1].is_word()
                && lexicon.is_fronting_word(&lower(text, &toks[a - 1])));
        first
            && !place
            && closed
            && toks[a..b]
                .iter()
                .all(|t| t.is_word() && text::is_capitalised(&text[t.start..t.end]))
    }

    /// A personal pronoun of gender `g` is met: the pending run, when it stands in this
    /// sentence and no person was named after it, is the person it means
    /// (`For Megda Belkacemi, Friday is a day she has awaited.`).
    fn learn_pending(&mut self, text: &str, g: Gender) {
        let Some((run, len, sentence)) = self.pending.take() else {
            return;
        };
        let run = &run[..len];
        let end = run.last().map_or(0, |t| t.end);
        let near = sentence == self.sent_start;
        let named_after = self
            .log
            .iter()
            .rev()
            .take_while(|m| m.pos > end)
            .any(|m| !m.pronoun && self.list[m.entity].speaker_type == SpeakerType::Person);
        if !near || named_after {
            return;
        }
        // `Actress Amandla Stenberg`: a noun for a person opening the sentence is her role.
        let role = run.len() > 2 && self.lexicon.is_person_singular(&lower(text, &run[0]));
        let (titles, run) = if role {
            (vec![lower(text, &run[0]).into_owned()], &run[1..])
        } else {
            (Vec::new(), run)
        };
        let idx = self.learn(text, run, titles, g, SpeakerType::Person);
        self.note(idx, end);
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
        self.titled |= !titles.is_empty();
        if toks.len() > MAX_NAME_WORDS {
            return usize::MAX;
        }
        // `President Donald Trump's response`: the name without its possessive ending.
        let stem = |t: &Tok| {
            let w = &text[t.start..t.end];
            if std::ptr::eq(t, *last_tok) {
                phrase::possessive_stem(w).unwrap_or(w)
            } else {
                w
            }
        };
        let words: Vec<String> = toks.iter().map(|t| stem(t).to_lowercase()).collect();
        let name = toks.iter().map(|t| stem(t)).collect::<Vec<_>>().join(" ");
        let pos = last_tok.end;
        // `the NRA` after `the National Rifle Association`: an acronym of a name the
        // article gave is that entity, and becomes its alias.
        let found = self
            .find_name(&words, speaker_type)
            .or_else(|| match toks.as_slice() {
                [t] if speaker_type == SpeakerType::Organization => {
                    let idx = self.find_acronym(&text[t.start..t.end])?;
                    let alias = words[0].clone();
                    self.update(idx, |e| e.aliases.push(alias));
                    Some(idx)
                }
                _ => None,
            });
        if let Some(idx) = found {
            self.update(idx, |e| {
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
            });
            self.note(idx, pos);
            return idx;
        }
        if self.list.len() >= MAX_ENTITIES {
            return usize::MAX;
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
        let idx = self.list.len() - 1;
        self.note(idx, pos);
        match &mut self.index {
            Some(index) => index.insert(idx, &self.list[idx]),
            None if self.list.len() > self.index_from => {
                let mut index = Index::default();
                for (i, e) in self.list.iter().enumerate() {
                    index.insert(i, e);
                }
                self.index = Some(index);
            }
            None => {}
        }
        idx
    }

    /// The organisation whose name's initials spell the acronym `w` (`NRA`, `N.S.A.`),
    /// function words left out, most recently seen first.
    fn find_acronym(&self, w: &str) -> Option<usize> {
        let letters: String = w.chars().filter(|c| *c != '.').collect();
        if !(2..=6).contains(&letters.len()) || !letters.chars().all(|c| c.is_ascii_uppercase()) {
            return None;
        }
        let letters = letters.to_ascii_lowercase();
        self.list
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                e.speaker_type == SpeakerType::Organization
                    && e.words.len() >= 2
                    && e.words
                        .iter()
                        .filter(|w| {
                            !matches!(w.as_str(), "of" | "the" | "and" | "for" | "on" | "&")
                        })
                        .map(|w| w.chars().next().unwrap_or(' '))
                        .eq(letters.chars())
            })
            .max_by_key(|(_, e)| e.last_seen)
            .map(|(i, _)| i)
    }

    /// Changes entity `idx`, keeping the index (if any) in step.
    fn update(&mut self, idx: usize, change: impl FnOnce(&mut Entity)) {
        let Some(e) = self.list.get_mut(idx) else {
            return;
        };
        if let Some(index) = &mut self.index {
            index.remove(idx, e);
        }
        change(e);
        if let Some(index) = &mut self.index {
            index.insert(idx, e);
        }
    }

    /// The author of the document named at `toks[d]`: a name after `by` or `from`, a
    /// possessive name before it, or else the first person or organisation mentioned in the
    /// sentence (`Smith said in a statement`).
    fn author_of(&mut self, text: &str, toks: &[Tok], d: usize) -> Option<Author> {
        let lexicon = self.lexicon;
        if let Some(k) = (d + 1..(d + 3).min(toks.len()))
            .find(|&k| toks[k].is_word() && matches!(&*lower(text, &toks[k]), "by" | "from"))
        {
            let mut b = k + 1;
            while b < toks.len() && b < k + 8 && phrase::is_name_word(text, lexicon, &toks[b]) {
                b += 1;
            }
            return (b > k + 1).then(|| {
                Author::Name(
                    toks[k + 1..b]
                        .iter()
                        .map(|t| lower(text, t).into_owned())
                        .collect(),
                )
            });
        }
        if let Some(p) = d.checked_sub(1).map(|k| &toks[k]) {
            if p.is_word() {
                if let Some(stem) = phrase::possessive_stem(&text[p.start..p.end]) {
                    return Some(Author::Name(vec![stem.to_lowercase()]));
                }
            }
        }
        // `the Washington Post report`, `the NAACP statement`: the name before the noun.
        let mut a = d;
        while a > 0 && d - a < MAX_NAME_WORDS && phrase::is_name_word(text, lexicon, &toks[a - 1]) {
            a -= 1;
        }
        if a < d {
            return Some(Author::Name(
                toks[a..d]
                    .iter()
                    .map(|t| lower(text, t).into_owned())
                    .collect(),
            ));
        }
        self.sentence_subject().map(Author::Entity)
    }

    /// The subject of the sentence being scanned, as far as the log holds it: its first
    /// mention after any fronted phrase, else its first (`Smith said in a statement`, `In
    /// a letter, Smith wrote`).
    fn sentence_subject(&self) -> Option<usize> {
        let sentence = self.sent_start;
        let mut first = None;
        let mut subject = None;
        for m in self.log.iter().rev().take_while(|m| m.sentence == sentence) {
            first = Some(m.entity);
            if !m.oblique {
                subject = Some(m.entity);
            }
        }
        subject.or(first)
    }

    /// The entity a name's words (or their tail, past a title: `representative peter
    /// welch`) name: a person first, then an organisation.
    fn named(&self, words: &[String]) -> Option<usize> {
        (0..words.len()).find_map(|start| {
            let w = &words[start..];
            self.find_name(w, SpeakerType::Person)
                .or_else(|| self.find_name(w, SpeakerType::Organization))
        })
    }

    /// A mention, ending at `pos`, of a person already known by `words` (a bare surname, a
    /// first name): refreshes that person. Returns whether there was one.
    fn refresh(&mut self, words: &[String], pos: usize) -> bool {
        if words.is_empty() || words.len() > MAX_NAME_WORDS {
            return false;
        }
        let Some(idx) = self.find_name(words, SpeakerType::Person) else {
            return false;
        };
        self.update(idx, |e| e.last_seen = e.last_seen.max(pos));
        self.note(idx, pos);
        true
    }

    /// The most salient entity before `limit` that `ok` accepts: in the latest sentence that
    /// mentions one, the one that speaks, else the first one mentioned after any fronted
    /// phrase (the subject before the objects: `When Mr. Lane left, Ms. Ortiz said…` is
    /// about Ms. Ortiz), else the first. `None` when no mention in the log qualifies.
    fn salient(&self, limit: usize, ok: impl Fn(&Entity) -> bool) -> Option<usize> {
        self.salient_mention(limit, false, ok).map(|(e, _)| e)
    }

    /// [`Entities::salient`], with where the chosen mention ends; `named` leaves out the
    /// mentions that are pronouns.
    fn salient_mention(
        &self,
        limit: usize,
        named: bool,
        ok: impl Fn(&Entity) -> bool,
    ) -> Option<(usize, usize)> {
        let mut sentence: Option<usize> = None;
        let (mut first, mut subject, mut speaker) = (None, None, None);
        for m in self.log.iter().rev() {
            if m.pos > limit || m.aside {
                continue;
            }
            if sentence.is_some_and(|s| m.sentence != s) {
                break;
            }
            if !(named && m.pronoun) && ok(&self.list[m.entity]) {
                sentence = Some(m.sentence);
                first = Some((m.entity, m.pos));
                if !m.oblique {
                    subject = first;
                }
                if m.speaks {
                    speaker = first;
                }
            }
        }
        // The person who speaks in it (`…against Emery…, Lohmar said`), else its subject.
        speaker.or(subject).or(first)
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
            self.update(idx, |e| e.aliases.push(w.to_lowercase()));
        }
    }

    /// The most recent entity whose name is `words` or ends with them (`Cotton` ⊂
    /// `Tom Cotton`), or whose single word starts a longer name.
    fn find_name(&self, words: &[String], ty: SpeakerType) -> Option<usize> {
        let person = ty == SpeakerType::Person;
        let matches = |e: &Entity| {
            // A person is never an organisation that shares a word with them (`Mrs. Clinton`
            // is not the Clinton Family Foundation).
            person == (e.speaker_type == SpeakerType::Person)
                && ((words.len() == 1 && e.aliases.contains(&words[0]))
                    || e.words == words
                    || (words.len() < e.words.len() && e.words.ends_with(words))
                    || (words.len() > e.words.len() && words.ends_with(&e.words))
                    || (words.len() == 1 && e.words.first() == words.first()))
        };
        if let Some(index) = &self.index {
            // Each way of matching is a key; the latest entry under each key is the only
            // candidate it gives. (A hash collision, never seen, falls back to the scan.)
            let hs = suffix_hashes(words);
            let class = Class::of(person);
            let mut keys = vec![key(Kind::Suffix(class), hs[0])];
            keys.extend(hs[1..].iter().map(|&h| key(Kind::Full(class), h)));
            if words.len() == 1 {
                keys.push(key(Kind::First(class), hs[0]));
                keys.push(key(Kind::Alias(class), hs[0]));
            }
            let mut best: Option<(usize, usize)> = None;
            for k in keys {
                if let Some((seen, i)) = index.latest(k, usize::MAX) {
                    if !matches(&self.list[i]) {
                        return self.find_name_by_scan(matches);
                    }
                    best = best.max(Some((seen, i)));
                }
            }
            return best.map(|(_, i)| i);
        }
        self.find_name_by_scan(matches)
    }

    fn find_name_by_scan(&self, matches: impl Fn(&Entity) -> bool) -> Option<usize> {
        let mut best: Option<usize> = None;
        for (i, e) in self.list.iter().enumerate() {
            if matches(e) && best.is_none_or(|b| self.list[b].last_seen <= e.last_seen) {
                best = Some(i);
            }
        }
        best
    }

    /// Resolves a mention to a canonical speaker.
    pub fn resolve(&mut self, text: &str, np: &Np, quote_start: usize) -> SpeakerRef {
        self.scan(text, np.range.start);
        self.reach(text, np.range.start);
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
                let pos = np.range.start;
                let found = match kind {
                    Some(PronounKind::Person(g)) => {
                        let genders: &[Gender] = match g {
                            Gender::Unknown => &[Gender::Male, Gender::Female, Gender::Unknown],
                            Gender::Male => &[Gender::Male, Gender::Unknown],
                            Gender::Female => &[Gender::Female, Gender::Unknown],
                        };
                        let ok = |e: &Entity| {
                            e.speaker_type == SpeakerType::Person
                                && (g == Gender::Unknown
                                    || e.gender == Gender::Unknown
                                    || e.gender == g)
                        };
                        // After the quote (`"…," he said`) the pronoun looks back past the
                        // quote: its words are the speaker's, not the reporter's.
                        let limit = if pos >= quote_start { quote_start } else { pos };
                        self.salient(limit, ok).or_else(|| {
                            self.latest(limit, genders.iter().map(|&g| Kind::Person(g)), ok)
                        })
                    }
                    Some(PronounKind::Thing) | Some(PronounKind::Plural) => {
                        self.latest(pos, [Kind::NotPerson], |e| {
                            e.speaker_type != SpeakerType::Person
                        })
                    }
                    // `who`: its antecedent, the name right before its comma (`Humphrey,
                    // who calls…`), learnt there if the article has not named that person
                    // before; else the person just before it (`Sheriff Joe Arden of Pima
                    // County, Ariz., who…` is the sheriff, not the county).
                    None if w == "who" => {
                        if let Some(run) = self.antecedent_name(text, pos) {
                            let ante = Np {
                                range: run,
                                core: run,
                                speaker_type: SpeakerType::Person,
                            };
                            let r = self.resolve(text, &ante, quote_start);
                            if r.speaker_type == SpeakerType::Person
                                && r.resolution != Resolution::Unresolved
                            {
                                return SpeakerRef {
                                    mention: np.range,
                                    np: *np,
                                    resolution: Resolution::Pronoun,
                                    ..r
                                };
                            }
                        }
                        self.latest(
                            pos,
                            [
                                Kind::Person(Gender::Male),
                                Kind::Person(Gender::Female),
                                Kind::Person(Gender::Unknown),
                            ],
                            |e| e.speaker_type == SpeakerType::Person,
                        )
                    }
                    _ => None,
                };
                match found {
                    Some(i) => {
                        if let Some(PronounKind::Person(g)) = kind {
                            if self.list[i].gender == Gender::Unknown && g != Gender::Unknown {
                                self.update(i, |e| e.gender = g);
                            }
                        }
                        self.speaker_ref(np, i, Resolution::Pronoun)
                    }
                    None => unresolved(SpeakerType::Pronoun),
                }
            }
            SpeakerType::Person | SpeakerType::Organization => {
                if np.speaker_type == SpeakerType::Organization {
                    if let Some(i) = self.definite_org(text, np, quote_start) {
                        self.note_speaker(i, np.range.end);
                        return self.speaker_ref(np, i, Resolution::Descriptor);
                    }
                }
                // `the California Democrat`: a definite, capitalised role that a person of
                // the article was given (by a party tag, `Nancy Pelosi (D-Calif.)`).
                if let Some(i) =
                    self.definite_titled(&text[np.range.start..np.core.end], np.range.end)
                {
                    let end = np.range.end;
                    self.update(i, |e| e.last_seen = e.last_seen.max(end));
                    self.note_speaker(i, end);
                    return self.speaker_ref(np, i, Resolution::Descriptor);
                }
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
                // `said Bloomberg` after `Michael Bloomberg`: the person, not the agency.
                let ty = match (np.speaker_type, toks.as_slice()) {
                    (SpeakerType::Organization, [t])
                        if self
                            .find_name(&[lower(text, t).into_owned()], SpeakerType::Person)
                            .is_some() =>
                    {
                        SpeakerType::Person
                    }
                    (ty, _) => ty,
                };
                let idx = self.learn(text, &toks, Vec::new(), gender, ty);
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
                self.speaker_ref(np, idx, resolution)
            }
            SpeakerType::Descriptor => {
                if let Some(i) = self.document_speaker(text, np) {
                    return self.speaker_ref(np, i, Resolution::Descriptor);
                }
                let words: Vec<String> = mention
                    .split_whitespace()
                    .map(|w| {
                        let w = w.to_lowercase();
                        self.lexicon.title_word(&w).to_string()
                    })
                    .collect();
                // A title of the entry names the mention: all its words are there, its
                // last word (the head: `secretary`, `senator`, `nurse`) among them.
                let titled = |t: &str| {
                    let tw: Vec<&str> = t.split(' ').collect();
                    tw.last().is_some_and(|h| words.iter().any(|w| w == h))
                        && tw.iter().all(|x| words.iter().any(|w| w == x))
                };
                let keys: Vec<Kind> = match &self.index {
                    Some(index) => index.titles_named(&words, titled),
                    None => Vec::new(),
                };
                // Up to the mention's end: resolving it again (a later quote of the same
                // sentence inherits it) must find the entity the first resolution refreshed.
                let found = self
                    .latest(np.range.end, keys, |e| e.titles.iter().any(|t| titled(t)))
                    .or_else(|| self.definite_role(text, np, quote_start));
                match found {
                    Some(i) => {
                        let end = np.range.end;
                        self.update(i, |e| e.last_seen = e.last_seen.max(end));
                        self.note_speaker(i, end);
                        if let Some(head) = words.last().filter(|_| words[0] == "the") {
                            match self.roles.iter_mut().find(|(h, _)| h == head) {
                                Some(slot) => slot.1 = i,
                                None => self.roles.push((head.clone(), i)),
                            }
                        }
                        self.speaker_ref(np, i, Resolution::Descriptor)
                    }
                    None => unresolved(SpeakerType::Descriptor),
                }
            }
        }
    }

    /// `Twitter said it was a glitch. … "We do not shadow ban," the tech giant said`: a
    /// definite description of an organisation (`the`, lower-case words, an organisation's
    /// noun) refers back to the organisation named in its sentence or the one before,
    /// the one that speaks first (see [`Entities::salient`]).
    fn definite_org(&self, text: &str, np: &Np, quote_start: usize) -> Option<usize> {
        let mention = &text[np.core.start..np.core.end];
        let mut words = mention.split_whitespace();
        if !words.next()?.eq_ignore_ascii_case("the") {
            return None;
        }
        let rest: Vec<&str> = words.collect();
        let head = rest.last()?.to_lowercase();
        if !(rest.iter().all(|w| text::is_lowercase_word(w)) && self.lexicon.is_org_noun(&head)) {
            return None;
        }
        // After the quote, the sentences before it: the quote's own are the speaker's.
        let limit = np.range.start.min(quote_start);
        self.named_nearby(text, limit, |e| {
            e.speaker_type == SpeakerType::Organization
                && e.name.starts_with(|c: char| c.is_uppercase())
        })
    }

    /// The salient entity that `ok` accepts, named (not a pronoun) in the sentence that ends
    /// before `limit` or the one before it; further back a description more often means
    /// someone the article has not named. (The look back is bounded, so that many quotes
    /// after one far mention cost no more than their own text.)
    fn named_nearby(
        &self,
        text: &str,
        limit: usize,
        ok: impl Fn(&Entity) -> bool,
    ) -> Option<usize> {
        /// How far back a mention two sentences away may be.
        const REACH: usize = 4 << 10;
        let (idx, at) = self.salient_mention(limit, true, ok)?;
        if limit.saturating_sub(at) > REACH {
            return None;
        }
        let between = text.get(at..limit).unwrap_or("");
        let ends = between
            .as_bytes()
            .windows(2)
            .filter(|w| matches!(w[0], b'.' | b'?' | b'!') && w[1].is_ascii_whitespace())
            .count();
        (ends <= 1).then_some(idx)
    }

    /// `The president addressed the crowd`: a definite role (`the`, at most two lower-case
    /// modifiers, a noun for one person at `h`) in the reporter's text is a mention of the
    /// person titled so (`President Obama`), else of the person the role last resolved to
    /// as a speaker.
    fn role_mention(&self, text: &str, toks: &[Tok], h: usize) -> Option<usize> {
        if !self.titled && self.roles.is_empty() {
            return None;
        }
        let the = (1..=3)
            .filter_map(|n| h.checked_sub(n))
            .find(|&k| toks[k].is_word() && lower(text, &toks[k]) == "the")?;
        if !toks[the + 1..h]
            .iter()
            .all(|t| t.is_word() && text::is_lowercase_word(&text[t.start..t.end]))
        {
            return None;
        }
        let words: Vec<String> = toks[the..=h]
            .iter()
            .map(|t| self.lexicon.title_word(&lower(text, t)).to_string())
            .collect();
        let titled = |t: &str| {
            let tw: Vec<&str> = t.split(' ').collect();
            tw.last()
                .is_some_and(|x| words.last().is_some_and(|w| w == x))
                && tw.iter().all(|x| words.iter().any(|w| w == x))
        };
        let keys: Vec<Kind> = match &self.index {
            Some(index) => index.titles_named(&words, titled),
            None => Vec::new(),
        };
        self.latest(toks[h].end, keys, |e| e.titles.iter().any(|t| titled(t)))
            .or_else(|| {
                let head = words.last()?;
                self.roles.iter().find(|(r, _)| r == head).map(|(_, i)| *i)
            })
    }

    /// `the presumptive nominee said`, `the former governor added`: a definite role no one in
    /// the article was given as a title refers back, like `he` or `she`, to the person the
    /// text is about (see [`Entities::salient`]). Only `the` with a noun for one person: `a
    /// spokesman` is somebody new, `officials` are several.
    fn definite_role(&self, text: &str, np: &Np, quote_start: usize) -> Option<usize> {
        let mention = &text[np.core.start..np.core.end];
        let mut words = mention.split_whitespace();
        if !words.next()?.eq_ignore_ascii_case("the") {
            return None;
        }
        let head = words.last()?.to_lowercase();
        if !self.lexicon.is_person_singular(&head) {
            return None;
        }
        let pos = np.range.start;
        let limit = if pos >= quote_start { quote_start } else { pos };
        // Only a person named in this sentence or the one before: further back, or behind
        // a pronoun, `the official` is more often somebody the article has not named (`The
        // justice official told reporters…`, a descriptor the registry does not hold).
        self.named_nearby(text, limit, |e| e.speaker_type == SpeakerType::Person)
    }

    /// The name a `who` at `pos` follows across its comma (`Humphrey, who`): one to four
    /// capitalised words that end at the comma, none of them a state (`Pima County, Ariz.,
    /// who`), an acronym or a possessive, the last no organisation's noun, and no preposition
    /// before them (`of New York, who`).
    fn antecedent_name(&self, text: &str, pos: usize) -> Option<super::Range> {
        let before = text.get(..pos)?.trim_end_matches(' ');
        let end = before.strip_suffix(',')?.len();
        // Back over words separated by single spaces, on the comma's line.
        let line_start = text[..end]
            .rfind(|c: char| c.is_whitespace() && c != ' ')
            .map_or(0, |k| {
                k + text[k..].chars().next().map_or(1, char::len_utf8)
            });
        let mut start = end;
        let mut words = 0;
        for w in text[line_start..end].rsplit(' ').take(4) {
            let ok = w.starts_with(|c: char| c.is_uppercase())
                && w.chars().any(|c| c.is_lowercase())
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\''))
                && self.lexicon.us_state(w).is_none();
            if !ok {
                break;
            }
            start -= w.len() + usize::from(words > 0);
            words += 1;
        }
        if words == 0 {
            return None;
        }
        let last = text[start..end].rsplit(' ').next()?;
        // `Sen. Ann Reyes of New York, who`: a place after a preposition is not the person.
        let word_before = text[..start].trim_end().rsplit(' ').next().unwrap_or("");
        if self.lexicon.is_org_noun(&last.to_lowercase())
            || self.lexicon.is_preposition(word_before)
        {
            return None;
        }
        Some(super::Range { start, end })
    }

    /// The mention `np` resolved to entity `i`.
    fn speaker_ref(&self, np: &Np, i: usize, resolution: Resolution) -> SpeakerRef {
        let e = &self.list[i];
        SpeakerRef {
            mention: np.range,
            np: *np,
            name: e.name.clone(),
            speaker_type: e.speaker_type,
            resolution,
        }
    }

    /// The latest entity before `limit` with a title that is exactly the words of a mention
    /// that opens with `the` (`the California Democrat`, `the Ohio Republican`).
    fn definite_titled(&self, mention: &str, limit: usize) -> Option<usize> {
        let lowered = mention.to_lowercase();
        let rest = lowered.strip_prefix("the ")?;
        let words: Vec<String> = rest
            .split_whitespace()
            .map(|w| self.lexicon.title_word(w).to_string())
            .collect();
        if words.is_empty() {
            return None;
        }
        let joined = words.join(" ");
        let titled = |t: &str| t == joined;
        let keys: Vec<Kind> = match &self.index {
            Some(index) => index.titles_named(&words, titled),
            None => Vec::new(),
        };
        self.latest(limit, keys, |e| e.titles.iter().any(|t| titled(t)))
    }

    /// The author behind a document that speaks (`her statement read`, `the letter said`,
    /// `Trump's letter says`): the person its possessive names, else the author the
    /// article gave the last document of that kind.
    fn document_speaker(&mut self, text: &str, np: &Np) -> Option<usize> {
        let mention = &text[np.core.start..np.core.end];
        let all: Vec<&str> = mention.split_whitespace().collect();
        let (&first, &last) = (all.first()?, all.last()?);
        let head = last.to_lowercase();
        if !self.lexicon.is_source_noun(&head) {
            return None;
        }
        // `The Washington Post`, `the Daily Report`: a capitalised noun after a capitalised
        // name word ends a proper name, not a document's description.
        let named_run = all.len().checked_sub(2).is_some_and(|k| {
            text::is_capitalised(all[k]) && phrase::possessive_stem(all[k]).is_none()
        });
        if text::is_capitalised(last) && named_run {
            return None;
        }
        let first_lower = first.to_lowercase();
        if first_lower != head {
            if let Some(g) = self
                .lexicon
                .pronoun_gender(&first_lower)
                .filter(|_| matches!(first_lower.as_str(), "his" | "her"))
            {
                return self.salient(np.range.start, |e| person_of(e, g));
            }
            // `Trump's letter says`, `Donald Trump's account tweeted`: the name the
            // possessive ends names the author.
            let owner = all[..all.len() - 1]
                .iter()
                .rposition(|w| phrase::possessive_stem(w).is_some());
            if let Some(p) = owner {
                let mut w: Vec<String> = all[..p]
                    .iter()
                    .filter(|w| !w.eq_ignore_ascii_case("the"))
                    .map(|w| w.to_lowercase())
                    .collect();
                w.extend(phrase::possessive_stem(all[p]).map(str::to_lowercase));
                return self.named(&w);
            }
        }
        // `the Washington Post report said`: the name before the noun wrote it.
        let mut a = all.len() - 1;
        while a > 0 && text::is_capitalised(all[a - 1]) && !all[a - 1].eq_ignore_ascii_case("the") {
            a -= 1;
        }
        if a + 1 < all.len() {
            let words: Vec<String> = all[a..all.len() - 1]
                .iter()
                .map(|w| w.to_lowercase())
                .collect();
            if let Some(idx) = self.named(&words) {
                return Some(idx);
            }
            // A name the article has not used yet (`a Guardian report … the Washington
            // Post report said`) is the author all the same: it is learnt here, so that the
            // report is not given to the last author of another report.
            let mut toks = Vec::new();
            text::tokenize_into(text, np.core.start, np.core.end, self.lexicon, &mut toks);
            toks.retain(|t| t.is_word());
            let n = toks.len();
            if n > words.len() {
                let name = &toks[n - 1 - words.len()..n - 1];
                // A person's report is one whose name starts with a given name; a
                // capitalised name before a document is otherwise an outlet's or a body's.
                let ty = match self.lexicon.first_name(&lower(text, &name[0])) {
                    Some(_) if name.len() >= 2 => SpeakerType::Person,
                    _ => SpeakerType::Organization,
                };
                let idx = self.learn(text, name, Vec::new(), Gender::Unknown, ty);
                if idx < self.list.len() {
                    return Some(idx);
                }
            }
        }
        // `John Podesta issued a statement calling…`: a new document is its sentence's
        // subject's, found before the scan reaches the document itself.
        if matches!(first_lower.as_str(), "a" | "an") {
            return self.sentence_subject();
        }
        match &self.authors.iter().find(|(n, _)| *n == head)?.1 {
            Author::Entity(idx) => Some(*idx),
            Author::Name(words) => self.named(words),
        }
    }

    /// The entity mentioned most recently before `pos` that satisfies `ok`. With an index,
    /// the entities that satisfy `ok` are those under `keys`.
    fn latest(
        &self,
        pos: usize,
        keys: impl IntoIterator<Item = Kind>,
        ok: impl Fn(&Entity) -> bool,
    ) -> Option<usize> {
        if let Some(index) = &self.index {
            let mut best = None;
            for k in keys {
                if let Some((seen, i)) = index.latest(key(k, 0), pos) {
                    if !ok(&self.list[i]) {
                        // A hash collision: ask the list itself.
                        return self.latest_by_scan(pos, ok);
                    }
                    best = best.max(Some((seen, i)));
                }
            }
            return best.map(|(_, i)| i);
        }
        self.latest_by_scan(pos, ok)
    }

    fn latest_by_scan(&self, pos: usize, ok: impl Fn(&Entity) -> bool) -> Option<usize> {
        self.list
            .iter()
            .enumerate()
            .filter(|(_, e)| e.last_seen <= pos && ok(e))
            .max_by_key(|(_, e)| e.last_seen)
            .map(|(i, _)| i)
    }
}

/// Persons and the rest are never the same entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    Person,
    Other,
}

impl Class {
    fn of(person: bool) -> Class {
        if person { Class::Person } else { Class::Other }
    }
}

/// What an index key stands for: a way for a name to match an entity, or a group a pronoun
/// or a descriptor looks in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// The entity's words end with these (`cotton` for `tom cotton`, and the whole name).
    Suffix(Class),
    /// The entity's words are exactly these.
    Full(Class),
    /// The entity's first word.
    First(Class),
    /// An acronym given for the entity.
    Alias(Class),
    /// Persons of a gender.
    Person(Gender),
    /// Everything but persons.
    NotPerson,
    /// Holders of a title (by the hash of its words).
    Title(u64),
}

/// The key of `kind` for words hashed to `h` (see [`suffix_hashes`]).
fn key(kind: Kind, h: u64) -> u64 {
    let class = |c: Class| match c {
        Class::Person => 0,
        Class::Other => 1,
    };
    let (tag, h) = match kind {
        Kind::Suffix(c) => (class(c), h),
        Kind::Full(c) => (2 + class(c), h),
        Kind::First(c) => (4 + class(c), h),
        Kind::Alias(c) => (6 + class(c), h),
        Kind::Person(Gender::Male) => (8, 0),
        Kind::Person(Gender::Female) => (9, 0),
        Kind::Person(Gender::Unknown) => (10, 0),
        Kind::NotPerson => (11, 0),
        Kind::Title(t) => (12, t),
    };
    mix(h ^ (tag as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

/// A 64-bit finaliser (splitmix64): every input bit moves every output bit.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// `h[k]` hashes `words[k..]`, for every `k`, in one pass from the end.
fn suffix_hashes(words: &[String]) -> Vec<u64> {
    let mut out = vec![0u64; words.len()];
    let mut h = 0x2545_F491_4F6C_DD1D_u64;
    for (k, w) in words.iter().enumerate().rev() {
        h = mix(h ^ text::fnv1a(w.bytes()));
        out[k] = h;
    }
    out
}

/// The answers of a large registry, kept as entities change: for every key of every entity
/// (see [`Kind`]), its `(last_seen, entity)`, so that the latest entity under a key (before
/// a position) is a hash lookup, then an ordered one when the key has many entities.
#[derive(Debug, Default)]
struct Index {
    entries: FxHashMap<u64, Slot>,
    /// The titles seen, by their last word.
    titles: FxHashMap<String, Vec<String>>,
    scratch: Vec<u64>,
}

/// The `(last_seen, entity)` of the entities under one key: most keys have one.
#[derive(Debug)]
enum Slot {
    One((usize, usize)),
    Many(BTreeSet<(usize, usize)>),
}

impl Index {
    /// The keys of entity `e` into `scratch`.
    fn keys(e: &Entity, scratch: &mut Vec<u64>) {
        scratch.clear();
        let class = Class::of(e.speaker_type == SpeakerType::Person);
        let hs = suffix_hashes(&e.words);
        scratch.extend(hs.iter().map(|&h| key(Kind::Suffix(class), h)));
        if let (Some(&all), Some(first)) = (hs.first(), e.words.first()) {
            scratch.push(key(Kind::Full(class), all));
            let first = suffix_hashes(std::slice::from_ref(first))[0];
            scratch.push(key(Kind::First(class), first));
        }
        for a in &e.aliases {
            let h = suffix_hashes(std::slice::from_ref(a))[0];
            scratch.push(key(Kind::Alias(class), h));
        }
        scratch.push(match e.speaker_type {
            SpeakerType::Person => key(Kind::Person(e.gender), 0),
            _ => key(Kind::NotPerson, 0),
        });
        for t in &e.titles {
            scratch.push(key(Kind::Title(text::fnv1a(t.bytes())), 0));
        }
    }

    fn insert(&mut self, idx: usize, e: &Entity) {
        let mut scratch = std::mem::take(&mut self.scratch);
        Index::keys(e, &mut scratch);
        let entry = (e.last_seen, idx);
        for &k in &scratch {
            match self.entries.entry(k) {
                Entry::Vacant(v) => {
                    v.insert(Slot::One(entry));
                }
                Entry::Occupied(mut o) => match o.get_mut() {
                    Slot::One(other) => {
                        let other = *other;
                        o.insert(Slot::Many(BTreeSet::from([other, entry])));
                    }
                    Slot::Many(set) => {
                        set.insert(entry);
                    }
                },
            }
        }
        self.scratch = scratch;
        for t in &e.titles {
            let head = t.rsplit(' ').next().unwrap_or(t);
            let seen = self.titles.entry(head.to_string()).or_default();
            if !seen.contains(t) {
                seen.push(t.clone());
            }
        }
    }

    fn remove(&mut self, idx: usize, e: &Entity) {
        let mut scratch = std::mem::take(&mut self.scratch);
        Index::keys(e, &mut scratch);
        let entry = (e.last_seen, idx);
        for &k in &scratch {
            if let Entry::Occupied(mut o) = self.entries.entry(k) {
                match o.get_mut() {
                    Slot::One(one) if *one == entry => {
                        o.remove();
                    }
                    Slot::One(_) => {}
                    Slot::Many(set) => {
                        set.remove(&entry);
                        if set.len() == 1 {
                            let one = set.iter().next().copied();
                            if let Some(one) = one {
                                o.insert(Slot::One(one));
                            }
                        }
                    }
                }
            }
        }
        self.scratch = scratch;
    }

    /// The latest `(last_seen, entity)` under `k` seen at or before `pos`.
    fn latest(&self, k: u64, pos: usize) -> Option<(usize, usize)> {
        match self.entries.get(&k)? {
            Slot::One(one) => (one.0 <= pos).then_some(*one),
            Slot::Many(set) => set.range(..=(pos, usize::MAX)).next_back().copied(),
        }
    }

    /// The title keys for a descriptor of `words`: the titles seen whose last word is one
    /// of them and that `titled` accepts.
    fn titles_named(&self, words: &[String], titled: impl Fn(&str) -> bool) -> Vec<Kind> {
        let mut out = Vec::new();
        for w in words {
            for t in self.titles.get(w).into_iter().flatten() {
                if titled(t) {
                    out.push(Kind::Title(text::fnv1a(t.bytes())));
                }
            }
        }
        out
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
            let t = title_of(text, lexicon, &toks[j..j + n]);
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

/// A title as remembered: lower case, abbreviations written out (`Texas Gov.` →
/// `texas governor`).
fn title_of(text: &str, lexicon: &Lexicon, toks: &[Tok]) -> String {
    let mut out = String::new();
    for t in toks {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(lexicon.title_word(&lower(text, t)));
    }
    out
}

/// Whether an appositive opens at the comma `toks[b]` and one of its commas is followed by
/// what `then` accepts (`, Minister of Innovation, Science and Economic Development, said`):
/// at most 24 tokens, within the sentence.
fn appositive_then(toks: &[Tok], b: usize, then: impl Fn(usize) -> bool) -> bool {
    if !toks.get(b).is_some_and(|t| t.is_punct(',')) {
        return false;
    }
    for (k, t) in toks.iter().enumerate().skip(b + 2).take(24) {
        if t.is_punct(',') && then(k) {
            return true;
        }
        if t.is_punct('.')
            || t.is_punct('?')
            || t.is_punct('!')
            || t.is_punct(':')
            || t.is_punct(';')
        {
            return false;
        }
    }
    false
}

/// The role a party tag right after a name gives its person (`Nancy Pelosi (D-Calif.)`,
/// `John Cornyn, R-Tex.,`): `california democrat`, so that the reporter's `the California
/// Democrat` later is that person. Nothing when no tag follows or it names no state.
fn party_titles(text: &str, lexicon: &Lexicon, toks: &[Tok], b: usize) -> Vec<String> {
    let opens = toks
        .get(b)
        .is_some_and(|t| t.is_punct('(') || t.is_punct(','));
    let Some(tag) = toks.get(b + 1).filter(|t| opens && t.is_word()) else {
        return Vec::new();
    };
    let tag = &text[tag.start..tag.end];
    let (party, state) = tag.split_once('-').unwrap_or((tag, ""));
    let party = match party {
        "D" => "democrat",
        "R" => "republican",
        "I" => "independent",
        _ => return Vec::new(),
    };
    let state = lexicon.us_state(state);
    // Not the party alone: `the GOP front-runner` holds `Republican` too, and is another
    // person.
    state.map(|s| format!("{s} {party}")).into_iter().collect()
}

/// A person a pronoun of gender `g` can mean.
fn person_of(e: &Entity, g: Gender) -> bool {
    e.speaker_type == SpeakerType::Person && (e.gender == Gender::Unknown || e.gender == g)
}

/// The end of the line that starts at `start` (not counting its line break).
fn line_end(text: &str, start: usize) -> usize {
    memchr::memchr2(b'\n', b'\r', &text.as_bytes()[start..]).map_or(text.len(), |k| start + k)
}

/// Lines that are not prose keep their names out of the registry: a label line
/// (`WATCH: …`, `READ MORE: …`, `PHOTO: …`), and a short line with no sentence-final mark (a
/// caption, a credit `(Xinhua/Zhou Xuanni)`, a byline, a subhead, a headline). Their names
/// are not the people the next sentence's pronoun means.
fn is_prose_line(text: &str, start: usize) -> bool {
    /// Longer lines are prose whatever their end.
    const SHORT: usize = 160;
    let bytes = &text.as_bytes()[start..];
    let window = &bytes[..bytes.len().min(SHORT + 1)];
    let end = memchr::memchr2(b'\n', b'\r', window);
    // A label: a first word in capitals and a colon (`WATCH:`, `READ MORE:`).
    let head = &window[..end.unwrap_or(window.len()).min(24)];
    if let Some(colon) = memchr::memchr(b':', head) {
        let label = &head[..colon];
        if label.len() >= 3
            && label.iter().all(|&c| c.is_ascii_uppercase() || c == b' ')
            && label.iter().filter(|c| c.is_ascii_uppercase()).count() >= 3
        {
            return false;
        }
    }
    let Some(end) = end.or((bytes.len() <= SHORT).then_some(bytes.len())) else {
        return true;
    };
    let line = text[start..start + end].trim_end();
    // A line that ends a sentence, or opens a quotation, is prose.
    line.ends_with([
        '.', '?', '!', ':', ';', '"', '\u{201d}', '\u{2019}', '\'', '\u{bb}', ',',
    ]) || line.ends_with("...")
}
