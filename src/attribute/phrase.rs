//! Speaker mentions: the noun phrase that names who spoke.
//!
//! A mention is the whole local noun phrase, as a reader would underline it: titles and
//! premodifiers (`White House press secretary Josh Earnest`), a parenthetical
//! (`Rep. Gwen Moore (D-Wis.)`) and, after an inverted cue, the appositive
//! (`said Kenneth Baer, a former Obama administration official`). Inside it, the *core* is
//! the name (or pronoun, or descriptor) that resolution works on. Sentence-initial
//! conjunctions, lead-in adverbials (`Asked about it, Clinton said`) and adverbs between the
//! subject and the verb (`He then said`) stay outside the mention.

use super::{Range, lower};
use crate::lexicon::{CueAdjunct, Lexicon};
use crate::model::SpeakerType;
use crate::text::{self, Tok};

/// A speaker mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Np {
    /// The whole mention.
    pub range: Range,
    /// The name, pronoun or descriptor inside it.
    pub core: Range,
    pub speaker_type: SpeakerType,
}

/// Courtesy titles, which are part of a name for resolution (`Mr. Trump` is `Trump`).
pub fn is_courtesy(word: &str) -> bool {
    // Only ASCII words lower-case to these (no other character lower-cases to m, r, s, d,
    // x, i or a period), so no lower-cased copy is needed.
    [
        "mr.", "mrs.", "ms.", "mr", "mrs", "ms", "miss", "dr.", "mx.",
    ]
    .iter()
    .any(|c| word.eq_ignore_ascii_case(c))
}

/// Titles that are part of a one-word name (`Pope Leo`, `King Charles`).
const REGNAL: &[&str] = &[
    "pope",
    "king",
    "queen",
    "prince",
    "princess",
    "emperor",
    "empress",
    "sheikh",
    "saint",
    "sultan",
    "emir",
    "ayatollah",
    "archbishop",
    "patriarch",
    "sir",
    "dame",
    "lord",
    "lady",
];

fn word<'a>(text: &'a str, t: &Tok) -> &'a str {
    &text[t.start..t.end]
}

fn is_possessive(w: &str) -> bool {
    possessive_stem(w).is_some()
}

/// `Trump` for `Trump's` or `Trump’s`, `Jones` for `Jones'`; `None` for a word that is not a
/// possessive.
pub(super) fn possessive_stem(w: &str) -> Option<&str> {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("\u{2019}s"))
        .or_else(|| w.strip_suffix('\'').filter(|s| s.ends_with('s')))
        .or_else(|| w.strip_suffix('\u{2019}').filter(|s| s.ends_with('s')))
        .filter(|s| !s.is_empty())
}

/// A capitalised word that can be part of a name (not `The`, not `Monday`, not a
/// possessive, not a pronoun or a speech verb).
pub(super) fn is_name_word(text: &str, lexicon: &Lexicon, t: &Tok) -> bool {
    if !t.is_word() {
        return false;
    }
    let w = word(text, t);
    // `al-Shabaab`, `el-Sisi`: a listed particle joined to a capitalised name; `diGenova`,
    // `deBlasio`: one written into it, the capital after it.
    let particled = || {
        w.split_once('-').is_some_and(|(p, rest)| {
            !p.is_empty() && lexicon.is_name_particle(p) && text::is_capitalised(rest)
        }) || w
            .char_indices()
            .find(|(_, c)| c.is_uppercase())
            .is_some_and(|(i, _)| i > 0 && lexicon.is_name_particle(&w[..i]))
    };
    if !(text::is_capitalised(w) || particled()) || is_possessive(w) {
        return false;
    }
    // An acronym (`US`, `WHO`) is never the pronoun or function word it spells.
    if w.len() >= 2 && w.chars().all(|c| c.is_uppercase() || c == '.') {
        return true;
    }
    let lw = text::Lower::new(w);
    !lexicon.is_not_name_word(&lw)
        && lexicon.pronoun(&lw).is_none()
        && lexicon.speech_verb(&lw).is_none()
}

/// Whether `toks[k]` continues a run of name words: a name word, or a capitalised speech
/// verb between two of them (`the Missouri State Highway Patrol`, `the State Department`),
/// which opening a sentence would be the verb (`Says Ellis`).
pub(super) fn is_run_word(text: &str, lexicon: &Lexicon, toks: &[Tok], k: usize) -> bool {
    let Some(t) = toks.get(k) else {
        return false;
    };
    is_name_word(text, lexicon, t)
        || (t.is_word()
            && k > 0
            && text::is_capitalised(word(text, t))
            && !is_possessive(word(text, t))
            && lexicon.speech_verb(&lower(text, t)).is_some()
            && toks[k - 1].is_word()
            && (is_name_word(text, lexicon, &toks[k - 1]) || lower(text, &toks[k - 1]) == "the")
            && toks
                .get(k + 1)
                .is_some_and(|n| is_name_word(text, lexicon, n)))
}

/// A word of a name at `k` in `toks`: a name word, or a capitalised word that the lexicon
/// keeps from *starting* a name (`Watch`, `Live`) standing inside a run that a name word
/// opened (`Judicial Watch President Tom Fitton`). A function word, an auxiliary, an adverb
/// or a participle never joins the run (`Clinton Has`, `Trump Following`).
pub(super) fn is_name_word_at(text: &str, lexicon: &Lexicon, toks: &[Tok], k: usize) -> bool {
    let t = &toks[k];
    if is_name_word(text, lexicon, t) {
        return true;
    }
    if k == 0 || !t.is_word() {
        return false;
    }
    let w = word(text, t);
    let lw = text::Lower::new(w);
    let prev = &toks[k - 1];
    text::is_capitalised(w)
        && !is_possessive(w)
        && lexicon.is_not_name_word(&lw)
        && !(lexicon.is_preposition(&lw)
            || lexicon.is_determiner(&lw)
            || lexicon.is_clause_opener(&lw)
            || lexicon.is_relative(&lw)
            || lexicon.is_auxiliary(&lw)
            || lexicon.pronoun(&lw).is_some()
            || lexicon.is_quantifier(&lw)
            || is_opener(text, t)
            || lw.ends_with("ly")
            || lw.ends_with("ing")
            || lw.ends_with("ed")
            || super::is_adverb(text, lexicon, t))
        && is_name_word(text, lexicon, prev)
        && !lexicon.is_title(&lower(text, prev))
        && prev.end < t.start
        && text[prev.end..t.start].chars().all(|c| c == ' ')
}

pub(super) fn is_particle(text: &str, lexicon: &Lexicon, t: &Tok) -> bool {
    t.is_word() && lexicon.is_name_particle(word(text, t))
}

/// The number of tokens of the longest title starting at `i` (`Defense Secretary` → 2).
pub(super) fn title_at(text: &str, lexicon: &Lexicon, toks: &[Tok], i: usize) -> Option<usize> {
    let first = toks.get(i)?;
    if !first.is_word() || !lexicon.starts_title(&lower(text, first)) {
        return None;
    }
    let mut phrase = String::new();
    let mut best = None;
    for n in 0..lexicon.max_title_words {
        let Some(t) = toks.get(i + n) else {
            break;
        };
        if !t.is_word() {
            break;
        }
        if n > 0 {
            phrase.push(' ');
        }
        phrase.push_str(&word(text, t).to_lowercase());
        if lexicon.is_title(&phrase) {
            best = Some(n + 1);
        }
    }
    best
}

/// A noun that heads a descriptor (`official`, `ministry`, `statement`) or a title word.
fn is_head_noun(text: &str, lexicon: &Lexicon, t: &Tok) -> bool {
    if !t.is_word() {
        return false;
    }
    let w = lower(text, t);
    lexicon.is_person_noun(&w)
        || lexicon.is_org_noun(&w)
        || lexicon.is_source_noun(&w)
        || lexicon.is_title(&w)
}

/// A word that may stand inside a noun phrase before its head.
fn is_premodifier(text: &str, lexicon: &Lexicon, t: &Tok) -> bool {
    if !t.is_word() {
        return false;
    }
    let w = word(text, t);
    if text::is_capitalised(w) {
        return is_name_word(text, lexicon, t) || is_possessive(w) || is_courtesy(w) || {
            let lw = lower(text, t);
            lexicon.is_title(&lw) || lexicon.is_role_modifier(&lw)
        };
    }
    let lw = lower(text, t);
    // `9/11 widow Terry Strada`, `46-year-old mother`
    let numeric = w.starts_with(|c: char| c.is_ascii_digit());
    is_head_noun(text, lexicon, t) || lexicon.is_role_modifier(&lw) || is_possessive(w) || numeric
}

fn range(toks: &[Tok], a: usize, b: usize) -> Range {
    Range {
        start: toks[a].start,
        end: toks[b - 1].end,
    }
}

pub(super) fn is_pronoun(text: &str, lexicon: &Lexicon, t: &Tok) -> bool {
    t.is_word() && {
        let w = lower(text, t);
        lexicon.pronoun(&w).is_some() || w == "who"
    }
}

/// The speaker type and core of the mention `toks[a..b]`.
fn classify(
    text: &str,
    lexicon: &Lexicon,
    toks: &[Tok],
    a: usize,
    b: usize,
) -> Option<(Range, SpeakerType)> {
    if b == a + 1 && is_pronoun(text, lexicon, &toks[a]) {
        return Some((range(toks, a, b), SpeakerType::Pronoun));
    }
    // The core lives before any appositive or parenthetical.
    let end = (a..b)
        .find(|&k| toks[k].is_punct(',') || toks[k].is_punct('('))
        .unwrap_or(b);
    if end == a {
        return None;
    }
    // `the committee's chairman, Representative Trey Gowdy`: a role, then the name in the
    // appositive; the name is the core. A party or nationality adjective in the role
    // (`Ohio's Republican governor, Ann Reyes`) names no one, nor does the object of the
    // role's post-modifier (`the mayor of Dayton, Ana Ruiz`).
    let role_end = (a + 1..end)
        .find(|&k| matches!(lower(text, &toks[k]).as_ref(), "of" | "for" | "at" | "from"))
        .unwrap_or(end);
    if end < b
        && toks[end].is_punct(',')
        && !toks[a..role_end]
            .iter()
            .any(|t| is_name_word(text, lexicon, t) && !lexicon.is_name_modifier(&lower(text, t)))
    {
        let c2 = (end + 1..b).find(|&k| toks[k].is_punct(',')).unwrap_or(b);
        if c2 > end + 1 {
            if let Some((core, ty)) = classify(text, lexicon, toks, end + 1, c2) {
                if ty == SpeakerType::Person {
                    return Some((core, ty));
                }
            }
        }
    }
    // The last run of name words that is not a title, and not a place after `of`
    // (`Senator Chuck Schumer of New York`).
    let mut end = end;
    // A title's own `of` (`Former Secretary of State Madeleine Albright`) does not count.
    if let Some(of) = (a + 1..end).find(|&k| lower(text, &toks[k]) == "of") {
        let titled = (a..of).any(|k| {
            title_at(text, lexicon, toks, k).is_some_and(|n| k + n >= of)
                || (k + 1 == of && lexicon.is_title(&lower(text, &toks[k])))
        }) && (a..of).all(|k| {
            !is_name_word(text, lexicon, &toks[k])
                || title_at(text, lexicon, toks, k).is_some()
                || lexicon.is_role_modifier(&lower(text, &toks[k]))
                || lexicon.is_title(&lower(text, &toks[k]))
        });
        if !titled
            && toks[..of]
                .iter()
                .skip(a)
                .any(|t| is_name_word(text, lexicon, t))
        {
            end = of;
        }
    }
    let mut k = end;
    while k > a && !is_name_word_at(text, lexicon, toks, k - 1) {
        k -= 1;
    }
    if k > a {
        let name_end = k;
        let mut s = k;
        while s > a
            && (is_name_word_at(text, lexicon, toks, s - 1)
                || (is_particle(text, lexicon, &toks[s - 1]) && s < name_end))
        {
            s -= 1;
        }
        // Titles swallowed by the capitals (`Defense Secretary Pete Hegseth`): the name
        // starts after the last title inside the run.
        let mut j = s;
        let mut name_start = s;
        while j < name_end {
            match title_at(text, lexicon, toks, j) {
                Some(n) if j + n <= name_end => {
                    j += n;
                    name_start = j;
                }
                _ => j += 1,
            }
        }
        // `Chief Engineer Mara Voss`, `Director of National Intelligence James Clapper`: a
        // known given name inside the run, with a surname after it, starts the name; the
        // capitalised words before it are the role, whatever list they are in. (The
        // article's registry reads runs in the reporter's text the same way.)
        // (A title may take the whole run: `—Mr.` leaves no name word to look at.)
        if name_start < name_end
            && lexicon
                .first_name(&lower(text, &toks[name_start]))
                .is_none()
        {
            if let Some(k) = (name_start + 1..name_end.saturating_sub(1)).find(|&k| {
                toks[k].is_word() && lexicon.first_name(&lower(text, &toks[k])).is_some()
            }) {
                name_start = k;
            } else if let Some(k) = (name_start..name_end.saturating_sub(2)).rev().find(|&k| {
                // No given name the lexicon knows: a noun for one person inside the run, with
                // two name words after it, is the role (`City Engineer Mara Voss`); a noun
                // that is also a given name (`Dean`) is left to be one, and a plural is no
                // one person's role (`Consumers Power Co`).
                let w = lower(text, &toks[k]);
                let plural = w
                    .strip_suffix('s')
                    .is_some_and(|one| lexicon.is_person_noun(one));
                toks[k].is_word()
                    && lexicon.is_person_noun(&w)
                    && !plural
                    && lexicon.first_name(&w).is_none()
            }) {
                name_start = k + 1;
            }
        }
        // A run of titles only (`The US Defense Secretary`) is a descriptor, not a name.
        if name_start == name_end {
            return Some((range(toks, a, end), SpeakerType::Descriptor));
        }
        // `Pope Leo`, `King Charles`: a one-word name keeps its regnal title.
        if name_end - name_start == 1
            && name_start > s
            && REGNAL.contains(&lower(text, &toks[name_start - 1]).as_ref())
        {
            name_start -= 1;
        }
        // Only the name counts if it ends the core (`Trump campaign spokesman` is a
        // descriptor with a name inside) and is more than modifiers (`Israeli`, `Monday`).
        let only_modifiers = toks[name_start..name_end]
            .iter()
            .all(|t| lexicon.is_name_modifier(&lower(text, t)));
        if !only_modifiers && (name_end == end || toks[name_end..end].iter().all(|t| !t.is_word()))
        {
            // `The Times`, `the Guardian`: a name after the article is no person's.
            let ty = if name_start > 0 && lower(text, &toks[name_start - 1]) == "the" {
                SpeakerType::Organization
            } else {
                name_type(text, lexicon, &toks[name_start..name_end])
            };
            let start = if name_start > a && is_courtesy(word(text, &toks[name_start - 1])) {
                name_start - 1
            } else {
                name_start
            };
            return Some((range(toks, start, name_end), ty));
        }
    }
    // A descriptor: its head is the last word of the core, else a noun for a person
    // before `of` or `for` (`the mother of three`).
    let end = if is_head_noun(text, lexicon, &toks[end - 1]) {
        end
    } else {
        (a + 1..end)
            .find(|&o| {
                matches!(lower(text, &toks[o]).as_ref(), "of" | "for")
                    && lexicon.is_person_noun(&lower(text, &toks[o - 1]))
            })
            .unwrap_or(end)
    };
    let head = &toks[end - 1];
    if !is_head_noun(text, lexicon, head) {
        return None;
    }
    let ty = if lexicon.is_org_noun(&lower(text, head)) {
        SpeakerType::Organization
    } else {
        SpeakerType::Descriptor
    };
    Some((range(toks, a, end), ty))
}

/// An organisation when listed or shaped like one (all capitals, an organisation noun).
pub(super) fn name_type(text: &str, lexicon: &Lexicon, toks: &[Tok]) -> SpeakerType {
    // Most runs are one word (a sentence-initial capital): look it up without building a
    // phrase.
    let listed = match toks {
        [t] => lexicon.is_org_name(&lower(text, t)),
        _ => {
            let phrase = toks
                .iter()
                .map(|t| lower(text, t).into_owned())
                .collect::<Vec<_>>()
                .join(" ");
            lexicon.is_org_name(&phrase)
        }
    };
    if listed {
        return SpeakerType::Organization;
    }
    if toks.iter().any(|t| lexicon.is_org_noun(&lower(text, t))) {
        return SpeakerType::Organization;
    }
    if toks.len() == 1 {
        let w = word(text, &toks[0]);
        let upper = w.chars().filter(|c| c.is_uppercase()).count();
        if upper >= 2 && w.chars().all(|c| !c.is_lowercase()) {
            return SpeakerType::Organization;
        }
    }
    SpeakerType::Person
}

/// Skips back over a parenthetical ending at `k - 1` (`(D-Wis.)`); returns the index of `(`.
fn skip_parenthetical_back(toks: &[Tok], lo: usize, k: usize) -> usize {
    if k > lo && toks[k - 1].is_punct(')') {
        if let Some(open) = (lo..k - 1).rev().take(12).find(|&j| toks[j].is_punct('(')) {
            return open;
        }
    }
    k
}

/// Extends a core that starts at `a` backwards over premodifiers, not below `lo`.
pub(super) fn extend_back(
    text: &str,
    lexicon: &Lexicon,
    toks: &[Tok],
    lo: usize,
    a: usize,
) -> usize {
    let mut a = a;
    while a > lo {
        let t = &toks[a - 1];
        if !t.is_word() {
            break;
        }
        let lw = lower(text, t);
        if lexicon.is_determiner(&lw) {
            // `the` starts the phrase; a sentence-initial `The` too.
            a -= 1;
            break;
        }
        if !is_premodifier(text, lexicon, t) {
            break;
        }
        a -= 1;
    }
    a
}

/// A lower-case word that may stand before a noun phrase's head without being a listed
/// premodifier (`election law expert`, `the minority leader`): not a function word, an
/// adverb, a pronoun, a speech verb or a participle. A gerund counts before another noun
/// (`consulting firm`), so the caller says whether a noun follows.
fn is_noun_word(text: &str, lexicon: &Lexicon, t: &Tok, noun_follows: bool) -> bool {
    if !t.is_word() || !text::is_lowercase_word(word(text, t)) {
        return false;
    }
    let lw = lower(text, t);
    if lexicon.is_role_modifier(&lw) || is_head_noun(text, lexicon, t) {
        return true;
    }
    let function = lexicon.is_preposition(&lw)
        || lexicon.is_relative(&lw)
        || lexicon.is_clause_opener(&lw)
        || lexicon.is_determiner(&lw)
        || lexicon.is_auxiliary(&lw)
        || lexicon.pronoun(&lw).is_some()
        || lexicon.speech_verb(&lw).is_some()
        || super::is_adverb(text, lexicon, t);
    !function && !lw.ends_with("ed") && (noun_follows || !lw.ends_with("ing"))
}

/// `RealClearPolitics’ David Byler`: a capitalised word in `s` and an apostrophe typed
/// against it, ending at `k - 1`, which the tokenizer splits in two.
fn split_possessive_back(text: &str, toks: &[Tok], lo: usize, k: usize) -> bool {
    k >= lo + 2
        && toks[k - 1]
            .punct()
            .is_some_and(|c| c == '\'' || c == '\u{2019}')
        && toks[k - 2].is_word()
        && toks[k - 2].end == toks[k - 1].start
        && toks.get(k).is_some_and(|n| n.start > toks[k - 1].end)
        && {
            let w = word(text, &toks[k - 2]);
            text::is_capitalised(w) && w.ends_with('s')
        }
}

/// Where a mention whose core starts at `a` begins, not below `lo`: back over listed
/// premodifiers (`former White House press secretary`), and over lower-case nouns before
/// them (`election law expert Rick Hasen`, `The minority leader`) when a determiner, a
/// possessive, the sentence's start, punctuation or a function word stands before those.
fn np_start_back(text: &str, lexicon: &Lexicon, toks: &[Tok], lo: usize, a: usize) -> usize {
    let mut best = a;
    let mut k = a;
    // Only listed premodifiers so far: every step is a start.
    let mut plain = true;
    while k > lo {
        if split_possessive_back(text, toks, lo, k) {
            k -= 2;
            best = k;
            continue;
        }
        let t = &toks[k - 1];
        if !t.is_word() {
            break;
        }
        let lw = lower(text, t);
        if lexicon.is_determiner(&lw) {
            // `bill that New Jersey Gov. Chris Christie said`: before a capital, `that` is the
            // clause's, not the phrase's.
            if matches!(lw.as_ref(), "that" | "this")
                && toks
                    .get(k)
                    .is_some_and(|n| text::is_capitalised(word(text, n)))
            {
                break;
            }
            return quantified_back(text, lexicon, toks, lo, k - 1);
        }
        if is_premodifier(text, lexicon, t)
            || (is_name_word_at(text, lexicon, toks, k - 1)
                && toks.get(k).is_some_and(|n| is_name_word(text, lexicon, n)))
        {
            k -= 1;
            if plain {
                best = k;
            }
            continue;
        }
        let noun_follows = toks
            .get(k)
            .is_some_and(|n| text::is_lowercase_word(word(text, n)));
        // `A flabbergasted Noah`: an adjective in `-ed` right after a determiner.
        let adjective = lw.ends_with("ed")
            && text::is_lowercase_word(word(text, t))
            && k >= lo + 2
            && lexicon.is_determiner(&lower(text, &toks[k - 2]));
        if is_noun_word(text, lexicon, t, noun_follows) || adjective {
            plain = false;
            k -= 1;
            continue;
        }
        break;
    }
    if !plain && k < best {
        // A participle does not open a mention (`carrying signs`).
        let participle = lower(text, &toks[k]).ends_with("ing");
        let boundary = k == lo || {
            let p = &toks[k - 1];
            !p.is_word() || {
                let lw = lower(text, p);
                lexicon.is_clause_opener(&lw)
                    || lexicon.is_preposition(&lw)
                    || super::is_adverb(text, lexicon, p)
                    || is_opener(text, p)
            }
        };
        let boundary = boundary && !participle;
        if boundary {
            best = k;
        }
    }
    quantified_back(text, lexicon, toks, lo, best)
}

/// `one of her ads`, `some of the players`: a quantifier and `of` before a mention that
/// starts at `a` head it; returns where the whole starts.
fn quantified_back(text: &str, lexicon: &Lexicon, toks: &[Tok], lo: usize, a: usize) -> usize {
    if a >= lo + 2 && toks[a - 1].is_word() && lower(text, &toks[a - 1]) == "of" && {
        let q = &toks[a - 2];
        q.is_word() && lexicon.is_determiner(&lower(text, q)) && !is_pronoun(text, lexicon, q)
    } {
        a - 2
    } else {
        a
    }
}

/// The first index in `a..b` after a leading determiner.
pub(super) fn skip_determiner(
    text: &str,
    lexicon: &Lexicon,
    toks: &[Tok],
    a: usize,
    b: usize,
) -> usize {
    if a < b && lexicon.is_determiner(&lower(text, &toks[a])) {
        a + 1
    } else {
        a
    }
}

/// The mention that ends at token `k - 1`, searched back no further than `lo`: the subject
/// of a verb at `k` (after adverbs were skipped by the caller).
fn mention_ending_at(
    text: &str,
    lexicon: &Lexicon,
    toks: &[Tok],
    lo: usize,
    k: usize,
) -> Option<Np> {
    let np = single_mention_ending_at(text, lexicon, toks, lo, k)?;
    Some(joined_back(text, lexicon, toks, lo, np))
}

/// `Frank Newport and Jim Harter wrote`: two people named side by side speak together; the
/// mention holds both (the core stays the nearer name). After a description's
/// post-modifier the names are its object: `a spokesman for Clinton and Sanders said` is one
/// spokesman.
fn joined_back(text: &str, lexicon: &Lexicon, toks: &[Tok], lo: usize, np: Np) -> Np {
    if np.speaker_type != SpeakerType::Person {
        return np;
    }
    let a = toks.partition_point(|t| t.start < np.range.start);
    if toks.get(a).is_none_or(|t| t.start != np.range.start)
        || a < lo + 2
        || !toks[a - 1].is_word()
        || lower(text, &toks[a - 1]) != "and"
        || !is_name_word(text, lexicon, &toks[a - 2])
    {
        return np;
    }
    let Some(left) = single_mention_ending_at(text, lexicon, toks, lo, a - 1) else {
        return np;
    };
    let named = left.speaker_type == SpeakerType::Person && left.core.end == left.range.end;
    let described = left.speaker_type == SpeakerType::Descriptor
        && left.range.end == toks[a - 2].end
        && left.core.end < left.range.end;
    let range = Range {
        start: left.range.start,
        end: np.range.end,
    };
    match (named, described) {
        (true, _) => Np { range, ..np },
        (_, true) => Np { range, ..left },
        _ => np,
    }
}

fn single_mention_ending_at(
    text: &str,
    lexicon: &Lexicon,
    toks: &[Tok],
    lo: usize,
    k: usize,
) -> Option<Np> {
    if k <= lo {
        return None;
    }
    let end = k;
    // `Frank Shaw, Microsoft's Chief Communications Officer, wrote`
    if toks[k - 1].is_punct(',') {
        let c1 = (lo..k - 1)
            .rev()
            .take(20)
            .find(|&j| toks[j].is_punct(','))?;
        // A period before the comma ends an abbreviation the tokenizer left apart
        // (`R-Colo.,`), never a sentence.
        let c1_core = if c1 > lo + 1 && toks[c1 - 1].is_punct('.') {
            c1 - 1
        } else {
            c1
        };
        let between = clause_between_commas(text, lexicon, toks, c1, k);
        // `In Dayton, Ruiz stepped up her attacks, saying`: the stretch is a clause with
        // its own subject, which speaks.
        if let Some(Clause::Subject(verb)) = between {
            return mention_ending_at(text, lexicon, toks, c1 + 1, verb);
        }
        let core = mention_ending_at(text, lexicon, toks, lo, c1_core)?;
        // `Hillary Clinton, at a later press gaggle, said`: an adverbial, not an appositive.
        if toks.get(c1 + 1).is_some_and(|t| is_preposition(text, t)) {
            return Some(core);
        }
        let a = toks.iter().position(|t| t.start == core.range.start)?;
        let a = name_before_appositive(text, lexicon, toks, lo, a, c1).unwrap_or(a);
        // `Sen. Ann Reyes, noting the crowd, said`, `Ana Ruiz, a party official, emailed
        // supporters, telling them`: a participle's adjunct or the predicate is no
        // appositive; the mention ends before it.
        if between.is_some() {
            return finish(text, lexicon, toks, a, c1);
        }
        return finish(text, lexicon, toks, a, end - 1);
    }
    // `John Dickey, the chief executive of Ora Media -- the company that owns … -- told
    // me`: a parenthesis between dashes closes the mention; the subject stands before it.
    let is_dash = |t: &Tok| {
        t.punct()
            .is_some_and(|c| matches!(c, '-' | '\u{2013}' | '\u{2014}'))
    };
    if is_dash(&toks[k - 1]) {
        let mut j = k - 1;
        while j > lo && is_dash(&toks[j - 1]) {
            j -= 1;
        }
        let open = (j.saturating_sub(40).max(lo)..j)
            .rev()
            .take_while(|&d| {
                !toks[d]
                    .punct()
                    .is_some_and(|c| matches!(c, '.' | '!' | '?' | ';'))
            })
            .find(|&d| is_dash(&toks[d]))?;
        let mut o = open;
        while o > lo && is_dash(&toks[o - 1]) {
            o -= 1;
        }
        let inner = mention_ending_at(text, lexicon, toks, lo, o)?;
        let a = toks.iter().position(|t| t.start == inner.range.start)?;
        return finish(text, lexicon, toks, a, end);
    }
    // `Mr. Morgan of the Sierra Club said`
    if let Some(of) = of_phrase_back(text, lexicon, toks, lo, k) {
        let inner = mention_ending_at(text, lexicon, toks, lo, of)?;
        let a = toks.iter().position(|t| t.start == inner.range.start)?;
        return finish(text, lexicon, toks, a, end);
    }
    let k2 = skip_parenthetical_back(toks, lo, k);
    // A parenthetical with nothing before it in reach (`(AP) said`) names no one.
    if k2 <= lo {
        return None;
    }
    let t = &toks[k2 - 1];
    if is_pronoun(text, lexicon, t) {
        return finish(text, lexicon, toks, k2 - 1, end);
    }
    if !(is_name_word(text, lexicon, t) || is_head_noun(text, lexicon, t)) {
        // `the mother of three replied`: a short object of `of` that names no one.
        let j = (k2.saturating_sub(4).max(lo)..k2)
            .find(|&j| {
                toks[j..k2].iter().all(|t| {
                    t.is_word()
                        && (is_noun_word(text, lexicon, t, true)
                            || lexicon.is_determiner(&lower(text, t))
                            || word(text, t).starts_with(|c: char| c.is_ascii_digit()))
                })
            })
            .filter(|&j| j < k2)?;
        return post_modified_back(text, lexicon, toks, lo, j, end);
    }
    let a = np_start_back(text, lexicon, toks, lo, k2 - 1);
    post_modified_back(text, lexicon, toks, lo, a, end)
        .or_else(|| finish(text, lexicon, toks, a, end))
}

/// `A spokeswoman for the Armed Services Committee said`, `the chief executive of the
/// company wrote`: a description whose head stands before `of` or `for` and the phrase
/// from `a`; the mention runs from the description to `end`, its core the head's.
fn post_modified_back(
    text: &str,
    lexicon: &Lexicon,
    toks: &[Tok],
    lo: usize,
    a: usize,
    end: usize,
) -> Option<Np> {
    let p = a.checked_sub(1).filter(|&p| p > lo)?;
    if !matches!(lower(text, &toks[p]).as_ref(), "of" | "for") {
        return None;
    }
    let head = &toks[p - 1];
    if !(text::is_lowercase_word(word(text, head)) && is_head_noun(text, lexicon, head)) {
        return None;
    }
    let s = np_start_back(text, lexicon, toks, lo, p - 1);
    let head_np = finish(text, lexicon, toks, s, p)?;
    Some(Np {
        range: range(toks, s, end),
        ..head_np
    })
}

/// What stands between the comma `c1` and the comma that closes a subject before the cue at
/// `k`, when it is no appositive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Clause {
    /// A participle's adjunct (`, noting the size of the crowd,`) or, before a participle
    /// cue, the subject's predicate (`, emailed supporters on Monday, telling`).
    Adjunct,
    /// Before a participle cue, a clause with its own subject, whose verb is at the index
    /// (`In Dayton, Ruiz stepped up her attacks, saying`).
    Subject(usize),
}

fn clause_between_commas(
    text: &str,
    lexicon: &Lexicon,
    toks: &[Tok],
    c1: usize,
    k: usize,
) -> Option<Clause> {
    let first = toks.get(c1 + 1).filter(|_| c1 + 2 < k)?;
    if !first.is_word() {
        return None;
    }
    let lw = lower(text, first);
    let lower_case = text::is_lowercase_word(word(text, first));
    let listed = lexicon.is_postmodifier(&lw) || lexicon.is_role_modifier(&lw);
    if lower_case && lw.len() > 4 && lw.ends_with("ing") && !listed {
        return Some(Clause::Adjunct);
    }
    let participle_cue = toks
        .get(k)
        .is_some_and(|t| t.is_word() && lower(text, t).ends_with("ing"));
    if !participle_cue {
        return None;
    }
    let verb = |t: &Tok| {
        t.is_word()
            && text::is_lowercase_word(word(text, t))
            && (lower(text, t).ends_with("ed") || super::cue_lemma(text, lexicon, t).is_some())
    };
    if lower_case {
        return (verb(first) && !listed).then_some(Clause::Adjunct);
    }
    // A name, then its verb.
    let mut j = c1 + 1;
    while j < k && is_name_word(text, lexicon, &toks[j]) {
        j += 1;
    }
    (j > c1 + 1 && j + 1 < k && verb(&toks[j])).then_some(Clause::Subject(j))
}

/// The start of a name that stands before the appositive holding token `a` and ending at
/// the comma `c1`, when that appositive is the first of two (`Sen. Ann Reyes, R-Ohio, head
/// of the policy arm, said`, `Lena Park, president of the Rural Fund, an advocacy group,
/// said`): the subject is the name, not a noun inside the first appositive. The appositive
/// must open with a party-and-state tag or a lower-case word, so a capitalised phrase
/// after an introductory one (`In Dayton, Ann Reyes, a nurse, said`) is left alone.
fn name_before_appositive(
    text: &str,
    lexicon: &Lexicon,
    toks: &[Tok],
    lo: usize,
    a: usize,
    c1: usize,
) -> Option<usize> {
    let c0 = (lo..a).rev().take(20).find(|&j| toks[j].is_punct(','))?;
    let first = toks.get(c0 + 1)?;
    let fw = word(text, first);
    let party = {
        let mut cs = fw.chars();
        matches!((cs.next(), cs.next()), (Some(p), Some('-')) if p.is_ascii_uppercase())
    };
    if c0 + 1 >= c1 || !(party || text::is_lowercase_word(fw)) || c0 <= lo {
        return None;
    }
    if !is_name_word(text, lexicon, &toks[c0 - 1]) {
        return None;
    }
    let outer = mention_ending_at(text, lexicon, toks, lo, c0)?;
    if outer.speaker_type != SpeakerType::Person {
        return None;
    }
    let oa = toks.iter().position(|t| t.start == outer.range.start)?;
    // `On Tuesday, …`: an introductory phrase, not a name.
    if oa > lo && is_preposition(text, &toks[oa - 1]) {
        return None;
    }
    Some(oa)
}

pub(super) fn is_preposition(text: &str, t: &Tok) -> bool {
    t.is_word()
        && matches!(
            lower(text, t).as_ref(),
            "at" | "in"
                | "on"
                | "during"
                | "after"
                | "before"
                | "when"
                | "while"
                | "speaking"
                | "asked"
                | "meanwhile"
                | "however"
                | "though"
                | "too"
                | "for"
                | "with"
                | "by"
                | "like"
                | "unlike"
                | "as"
                | "from"
                | "to"
                | "through"
                | "under"
                | "over"
        )
}

/// `of (the) Capitalised+` ending at `k - 1`: returns the index of `of`.
fn of_phrase_back(
    text: &str,
    lexicon: &Lexicon,
    toks: &[Tok],
    lo: usize,
    k: usize,
) -> Option<usize> {
    let mut j = k;
    while j > lo && is_run_word(text, lexicon, toks, j - 1) {
        j -= 1;
    }
    if j == k || j <= lo {
        return None;
    }
    if lower(text, &toks[j - 1]) == "the" {
        j -= 1;
    }
    (j > lo + 1 && lower(text, &toks[j - 1]) == "of" && is_name_word(text, lexicon, &toks[j - 2]))
        .then(|| j - 1)
}

/// Builds the mention `toks[a..b]` with its core and type.
fn finish(text: &str, lexicon: &Lexicon, toks: &[Tok], a: usize, b: usize) -> Option<Np> {
    let (core, speaker_type) = classify(text, lexicon, toks, a, b)?;
    Some(Np {
        range: range(toks, a, b),
        core,
        speaker_type,
    })
}

/// The subject of the cue at `v`, searched back no further than `lo`.
pub fn before_verb(text: &str, lexicon: &Lexicon, toks: &[Tok], lo: usize, v: usize) -> Option<Np> {
    let mut k = v;
    while k > lo && super::is_adverb(text, lexicon, &toks[k - 1]) {
        k -= 1;
    }
    mention_ending_at(text, lexicon, toks, lo, k)
}

/// Words after a name that end an inverted mention (`said Smith in a statement`).
pub(super) fn ends_mention(text: &str, t: &Tok) -> bool {
    !t.is_word() || {
        let w = lower(text, t);
        matches!(
            w.as_ref(),
            "in" | "on"
                | "at"
                | "during"
                | "after"
                | "before"
                | "when"
                | "while"
                | "as"
                | "to"
                | "of"
                | "about"
                | "from"
                | "with"
                | "and"
                | "but"
                | "that"
                | "this"
                | "last"
                | "earlier"
                | "later"
                | "yesterday"
                | "today"
                | "tonight"
                | "monday"
                | "tuesday"
                | "wednesday"
                | "thursday"
                | "friday"
                | "saturday"
                | "sunday"
                | "recently"
                | "told"
                | "asked"
                | "adding"
                | "referring"
                | "noting"
                | "according"
        ) || w.ends_with("ing")
    }
}

/// One past a name that lower-case nouns and capitalised words lead up to from `i`
/// (`Cruz constituent Dan Golvach`, `digital consulting firm IMGE`, `State Madeleine
/// Albright`), if the run ends at the name and holds a lower-case noun (when `need_noun`);
/// not beyond `hi`.
fn name_after_nouns(
    text: &str,
    lexicon: &Lexicon,
    toks: &[Tok],
    i: usize,
    hi: usize,
    need_noun: bool,
) -> Option<usize> {
    let mut best = None;
    let mut nouns = !need_noun;
    let mut k = i;
    while k < hi && k < i + 10 {
        let t = &toks[k];
        let noun_follows = toks
            .get(k + 1)
            .is_some_and(|n| k + 1 < hi && n.is_word() && !ends_mention(text, n));
        if is_name_word(text, lexicon, t) || is_particle(text, lexicon, t) {
            if nouns && is_name_word(text, lexicon, t) {
                best = Some(k + 1);
            }
        } else if is_noun_word(text, lexicon, t, noun_follows)
            && (!ends_mention(text, t) || (noun_follows && lower(text, t).ends_with("ing")))
        {
            nouns = true;
        } else if !is_premodifier(text, lexicon, t) || ends_mention(text, t) {
            break;
        }
        k += 1;
    }
    best
}

/// One past the post-modifiers of a descriptor that ends at `j - 1`, not beyond `hi`:
/// `of`, `to`, `for`, `with` or `from` and a noun phrase (`a longtime adviser to Trump`),
/// or a listed adjective or participle, a preposition and a noun phrase (`a person close to
/// the Clintons`, `the base chief known as Bob`). An adjunct of the cue (`in a statement`,
/// `to reporters`) is not one.
fn post_modifiers(text: &str, lexicon: &Lexicon, toks: &[Tok], j: usize, hi: usize) -> usize {
    let mut j = j;
    while j < hi && toks[j].is_word() {
        let lw = lower(text, &toks[j]);
        let mut p = j + 1;
        if lexicon.is_postmodifier(&lw) {
            if p < hi
                && toks[p].is_word()
                && (lexicon.is_preposition(&lower(text, &toks[p])) || lower(text, &toks[p]) == "as")
            {
                p += 1;
            }
        } else if !matches!(lw.as_ref(), "of" | "to" | "for" | "with" | "from" | "at") {
            break;
        }
        let e = np_words(text, lexicon, toks, p, hi);
        if e == p {
            break;
        }
        // `to Trump`, `to the Clintons`, not `to reporters` or `to cheers`; `at Lenox`, not
        // `at a briefing`.
        let capitalised = text::is_capitalised(word(text, &toks[p]));
        if (lw == "to"
            && !(capitalised
                || lexicon.is_determiner(&lower(text, &toks[p]))
                || is_possessive(word(text, &toks[p]))))
            || (lw == "at" && !capitalised)
        {
            break;
        }
        j = e;
        // `of Derry, N.H.`, `from Sarasota, Florida`
        if text::is_capitalised(word(text, &toks[j - 1])) {
            j = with_state(text, lexicon, toks, j, hi);
        }
    }
    j
}

/// Past a place's state (`Derry, N.H.`, `Sarasota, Florida`) when the place ends at `j`: the
/// state belongs to the place. `j` itself when no comma and state follow, not beyond `hi`.
pub(super) fn with_state(
    text: &str,
    lexicon: &Lexicon,
    toks: &[Tok],
    j: usize,
    hi: usize,
) -> usize {
    // A state's name or abbreviation is capitalised (`Fla.`, `N.H.`, `TX`; not `in` or `me`).
    let state = |t: &Tok| {
        let w = word(text, t);
        t.is_word() && text::is_capitalised(w) && lexicon.us_state(w).is_some()
    };
    if j + 1 < hi && toks[j].is_punct(',') && state(&toks[j + 1]) {
        j + 2
    } else {
        j
    }
}

/// One past the words of a noun phrase from `p` (a post-modifier's object), joined by `of`:
/// up to punctuation, a clause word, an adverb, a cue or a participle; not beyond `hi`.
fn np_words(text: &str, lexicon: &Lexicon, toks: &[Tok], p: usize, hi: usize) -> usize {
    let mut e = p;
    while e < hi && e < p + 10 {
        let t = &toks[e];
        if !t.is_word() {
            break;
        }
        let lw = lower(text, t);
        if lw == "of" && e > p {
            e += 1;
            continue;
        }
        // `familiar with Cruz's thinking`, `the drafting`: after a possessive or a
        // determiner, a word in `-ing` is a noun.
        let gerund = lw.ends_with("ing")
            && e > p
            && (is_possessive(word(text, &toks[e - 1]))
                || lexicon.is_determiner(&lower(text, &toks[e - 1])));
        if (e > p && ends_mention(text, t) && !lexicon.is_determiner(&lw) && !gerund)
            || lexicon.is_clause_opener(&lw)
            || lexicon.is_relative(&lw)
            || super::is_adverb(text, lexicon, t)
            || super::cue_lemma(text, lexicon, t).is_some()
        {
            break;
        }
        e += 1;
    }
    while e > p && {
        let lw = lower(text, &toks[e - 1]);
        lw == "of" || lexicon.is_determiner(&lw)
    } {
        e -= 1;
    }
    e
}

/// A word in `-ing` that belongs to the noun phrase opened at `j` rather than starting a
/// participle: the head right after the determiner when the phrase ends there (`said the
/// ruling.`, `the ruling in the case`), or a modifier before a noun or name (`the leading
/// candidate`, `the outgoing Senator Smith`).
fn is_ing_noun(text: &str, lexicon: &Lexicon, toks: &[Tok], k: usize, j: usize, hi: usize) -> bool {
    if !lower(text, &toks[k]).ends_with("ing") {
        return false;
    }
    match toks.get(k + 1).filter(|_| k + 1 < hi) {
        None => k == j,
        Some(n) if !n.is_word() || ends_mention(text, n) => k == j,
        Some(n) => is_head_noun(text, lexicon, n) || is_name_word(text, lexicon, n),
    }
}

/// One past a restrictive relative clause that opens at `j` after an inverted mention
/// (`said a Mexican official who was not authorized to speak`, `said one owner of a shop that
/// sells shoes`): with no comma before it, the clause tells which person is meant and so
/// belongs to the mention. It runs to the next punctuation that ends a phrase, not beyond
/// `hi`; `j` itself when no such clause opens there, or when a comma breaks it at once
/// (`who, like many, …`).
fn restrictive_clause_end(
    text: &str,
    lexicon: &Lexicon,
    toks: &[Tok],
    j: usize,
    hi: usize,
) -> usize {
    if !(j < hi && opens_restrictive_clause(text, &toks[j])) {
        return j;
    }
    let mut k = j + 1;
    while k < hi
        && !toks[k].punct().is_some_and(|c| {
            matches!(
                c,
                ',' | ';' | ':' | '(' | ')' | '[' | ']' | '.' | '!' | '?' | '—' | '–' | '-'
            ) || super::is_quote_char(c)
        })
    {
        k += 1;
    }
    // `that` opens a clause only when a verb or a subject follows, not `said that`.
    if k <= j + 1 || (lower(text, &toks[j]) == "that" && !toks[j + 1].is_word()) {
        return j;
    }
    // A note on why the source is unnamed (`who requested anonymity`) does not say who it
    // is: the mention ends before the clause that holds it (`one owner of a shop that sells
    // shoes | who declined to be named`).
    (j..k)
        .rev()
        .find(|&r| {
            opens_restrictive_clause(text, &toks[r])
                && holds_sourcing_note(text, lexicon, toks, r, k)
        })
        .unwrap_or(k)
}

/// `who`, `whom`, `whose` or `that`: a word that opens a relative clause with no comma.
fn opens_restrictive_clause(text: &str, t: &Tok) -> bool {
    t.is_word() && matches!(lower(text, t).as_ref(), "who" | "whom" | "whose" | "that")
}

/// Whether `toks[a..b]` holds a note on why a source is unnamed (`who spoke on the condition
/// of anonymity`, `who declined to be named`).
fn holds_sourcing_note(text: &str, lexicon: &Lexicon, toks: &[Tok], a: usize, b: usize) -> bool {
    let words: Vec<&str> = toks[a..b]
        .iter()
        .filter(|t| t.is_word())
        .map(|t| word(text, t))
        .collect();
    lexicon.holds_sourcing_note(&words)
}

/// The speaker after a cue in inverted order (`said Ziad, a nurse`, `said the health
/// ministry, which is controlled by Hamas`), from token `i` up to `hi` (the sentence end).
pub fn after_verb(text: &str, lexicon: &Lexicon, toks: &[Tok], i: usize, hi: usize) -> Option<Np> {
    noun_phrase(text, lexicon, toks, i, hi, true)
}

/// The noun phrase that starts at token `i`, not beyond `hi`: after a cue (`inverted`), or
/// as the subject before the verb at `hi`, where a relative clause without a comma runs up
/// to the verb and is left out (`a White House official who spoke anonymously said`).
fn noun_phrase(
    text: &str,
    lexicon: &Lexicon,
    toks: &[Tok],
    i: usize,
    hi: usize,
    inverted: bool,
) -> Option<Np> {
    let mut i = i;
    // (A capitalised word before a name is the name's first: `said Will Doyle`.)
    while i < hi
        && super::is_adverb(text, lexicon, &toks[i])
        && !(text::is_capitalised(word(text, &toks[i]))
            && toks
                .get(i + 1)
                .is_some_and(|n| i + 1 < hi && is_name_word(text, lexicon, n)))
    {
        i += 1;
    }
    let first = toks.get(i).filter(|_| i < hi)?;
    if is_pronoun(text, lexicon, first) {
        // `said he`, but not `said it was`.
        if toks.get(i + 1).is_some_and(|t| t.is_word()) && i + 1 < hi {
            return None;
        }
        return finish(text, lexicon, toks, i, i + 1);
    }
    // The noun phrase: determiner, premodifiers, name or head.
    let mut j = i;
    let mut det = lexicon.is_determiner(&lower(text, first));
    if det {
        j += 1;
    } else {
        // A modifier that also opens a clause (`then`) is an adverb right after a name:
        // `Ruiz then appears in a clip`, but `the then governor`.
        while j < hi
            && (is_premodifier(text, lexicon, &toks[j])
                || is_particle(text, lexicon, &toks[j])
                || (j > i && is_name_word_at(text, lexicon, toks, j)))
            && !(j > i && is_opener(text, &toks[j]) && is_name_word(text, lexicon, &toks[j - 1]))
        {
            j += 1;
        }
        // A possessive works as a determiner: `Hillary Clinton's right-hand woman`.
        if j > i && j < hi && is_possessive(word(text, &toks[j - 1])) && toks[j].is_word() {
            det = true;
        } else if let Some(e) = name_after_nouns(text, lexicon, toks, i, hi, true) {
            // `Cruz constituent Dan Golvach`, `Judicial Watch President Tom Fitton`: lower-case
            // nouns between capitalised words are premodifiers of the name that ends them.
            j = j.max(e);
        }
    }
    // `said one of those advisers`, `was one of many`: a quantifier heads what follows `of`.
    if det && j < hi && lower(text, &toks[j]) == "of" && !is_pronoun(text, lexicon, first) {
        let e = np_words(text, lexicon, toks, j + 1, hi);
        if e > j + 1 {
            let np = Np {
                range: range(toks, i, e),
                core: range(toks, i, e),
                speaker_type: SpeakerType::Descriptor,
            };
            return Some(with_appositive(text, lexicon, toks, np, e, hi));
        }
    }
    let quantifier = det && lexicon.is_quantifier(&lower(text, first));
    if quantifier && j < hi && lower(text, &toks[j]) == "of" {
        // `one of those advisers`, `another of his aides`: the quantifier heads the phrase.
        let inner = noun_phrase(text, lexicon, toks, j + 1, hi, inverted)?;
        return Some(Np {
            range: Range {
                start: first.start,
                end: inner.range.end,
            },
            ..inner
        });
    }
    if det {
        // After a determiner any adjectives may come (`the younger Mr. Trump`,
        // `the 46-year-old`, `one unaligned Florida Republican`), up to the clause's end.
        // A word in `-ing` right after it is a noun or an adjective (`the ruling`, `the
        // leading candidate`), not a participle.
        let mut k = j;
        while k < hi
            && k < j + 5
            && toks[k].is_word()
            && (!ends_mention(text, &toks[k]) || is_ing_noun(text, lexicon, toks, k, j, hi))
            && !(k > j && lexicon.is_postmodifier(&lower(text, &toks[k])))
            // A known head noun ends the phrase unless a noun or name follows it (`The county
            // auditor made that clear:`, but `the health ministry spokesman`).
            && (k <= j
                || !is_head_noun(text, lexicon, &toks[k - 1])
                || is_head_noun(text, lexicon, &toks[k])
                || is_name_word(text, lexicon, &toks[k]))
            && !super::is_adverb(text, lexicon, &toks[k])
            && !lexicon.is_auxiliary(&lower(text, &toks[k]))
            // Right after the determiner a verb's form is a noun (`said a report`).
            && ((k == j && !quantifier) || super::cue_lemma(text, lexicon, &toks[k]).is_none())
        {
            k += 1;
        }
        // A quantifier alone is the mention: `"…," said another.`
        if quantifier && k == j {
            return Some(Np {
                range: range(toks, i, j),
                core: range(toks, i, j),
                speaker_type: SpeakerType::Descriptor,
            });
        }
        // A stretch that the clause ends (`said one Trump confidant.`, `said the printed Cruz
        // slate card.`) is the mention whole when it ends in a noun: a name or known noun
        // inside it is a premodifier.
        let closed = k > j
            && (k >= hi || !toks[k].is_word() || ends_mention(text, &toks[k]))
            && is_noun_word(text, lexicon, &toks[k - 1], false)
            && (j..k).all(|m| {
                is_noun_word(text, lexicon, &toks[m], true)
                    || (m == j && text::is_lowercase_word(word(text, &toks[m])))
                    || is_premodifier(text, lexicon, &toks[m])
                    || is_particle(text, lexicon, &toks[m])
            });
        if closed && finish(text, lexicon, toks, i, k).is_none() {
            return Some(Np {
                range: range(toks, i, k),
                core: range(toks, i, k),
                speaker_type: SpeakerType::Descriptor,
            });
        }
        // The longest stretch that ends in a name or a known noun (`a person` in `a person
        // close to him`); else the whole stretch when its last word is not a verb (`the
        // gambling tycoon`).
        match (j + 1..=k)
            .rev()
            .find(|&e| finish(text, lexicon, toks, i, e).is_some())
        {
            Some(e) => j = e,
            // `one Republican involved in the planning`: a participle starts a
            // post-modifier; the words before it are the head, and the post-modifier
            // belongs to the phrase as it does after any descriptor's head.
            None if k > j && (!lower(text, &toks[k - 1]).ends_with("ed") || k > j + 1) => {
                let head = k - usize::from(lower(text, &toks[k - 1]).ends_with("ed"));
                // (Only after a cue: before one, the words up to the verb are the subject's
                // whatever they are, and the rule that reads them decides.)
                let mut end = head;
                if inverted {
                    end = post_modifiers(text, lexicon, toks, head, hi);
                    end = restrictive_clause_end(text, lexicon, toks, end, hi);
                }
                return Some(Np {
                    range: range(toks, i, end),
                    core: range(toks, i, head),
                    speaker_type: SpeakerType::Descriptor,
                });
            }
            None => return None,
        }
    }
    if j == i || (j == i + 1 && !is_premodifier(text, lexicon, &toks[i])) {
        return None;
    }
    // A descriptor keeps its post-modifiers: `a longtime adviser to Trump`, `a person close
    // to the Clintons`, `a source involved in the creation`. Its core stays the head's (not
    // `Trump`), unless a name follows in an appositive.
    let head_end = j;
    // (After a name only a listed adjective or participle opens one: `one Democrat familiar
    // with the talks`; `of` after a name tells where someone is from, below.)
    if j < hi
        && (!is_name_word(text, lexicon, &toks[j - 1])
            || (inverted && toks[j].is_word() && lexicon.is_postmodifier(&lower(text, &toks[j]))))
    {
        j = post_modifiers(text, lexicon, toks, j, hi);
    }
    if inverted {
        j = restrictive_clause_end(text, lexicon, toks, j, hi);
    }
    let post_end = j;
    let finish = |text: &str, lexicon: &Lexicon, toks: &[Tok], i: usize, e: usize| {
        let whole = finish(text, lexicon, toks, i, e);
        if post_end == head_end || e < post_end {
            return whole;
        }
        let head = finish(text, lexicon, toks, i, head_end)?;
        match whole {
            Some(w) if post_end < toks.len() && w.core.start >= toks[post_end].start => Some(w),
            _ => Some(Np {
                range: range(toks, i, e),
                ..head
            }),
        }
    };
    // A parenthetical: `(D-N.C.)`.
    if j < hi && toks[j].is_punct('(') {
        if let Some(close) = (j..hi.min(j + 12)).find(|&k| toks[k].is_punct(')')) {
            j = close + 1;
        }
    }
    // `said nuclear experts David Albright and Serena Kelleher`: a second name joined by
    // `and` speaks with the first.
    if j + 2 < hi
        && j > i
        && lower(text, &toks[j]) == "and"
        && is_name_word(text, lexicon, &toks[j - 1])
        && is_name_word(text, lexicon, &toks[j + 1])
        && is_name_word(text, lexicon, &toks[j + 2])
    {
        let mut k = j + 1;
        while k < hi && is_name_word_at(text, lexicon, toks, k) {
            k += 1;
        }
        if finish(text, lexicon, toks, j + 1, k)
            .is_some_and(|np| np.speaker_type == SpeakerType::Person)
        {
            j = k;
        }
    }
    // `Representative Charles B. Rangel of New York`, `Phil Musser of digital consulting
    // firm IMGE`, `Robert Antonacci of the New York delegation`
    if j < hi && j > i && lower(text, &toks[j]) == "of" {
        let mut k = j + 1;
        if k < hi && lower(text, &toks[k]) == "the" {
            k += 1;
        }
        let s = k;
        while k < hi && is_name_word(text, lexicon, &toks[k]) {
            k += 1;
        }
        if let Some(e) = name_after_nouns(text, lexicon, toks, s, hi, false).filter(|&e| e > k) {
            k = e;
        }
        // A name run may end in an organisation's noun (`the New York delegation`), or in a
        // capitalised word that starts no name (`Human Rights Watch`) or is a speech verb's
        // form (`the Cook Political Report.`) when punctuation follows.
        if (k > s && k < hi && lexicon.is_org_noun(&lower(text, &toks[k])))
            || (k >= s + 2 && k < hi && org_last_word(text, lexicon, toks, k, hi))
        {
            k += 1;
        }
        if k > s {
            j = k;
        }
    }
    // `Stephanie Hooton of Derry, N.H.`
    if j > i + 1 && lower(text, &toks[j - 2]) == "of" {
        j = with_state(text, lexicon, toks, j, hi);
    }
    let core_end = j;
    if let Some(k) = appositive_end(text, lexicon, toks, j, hi) {
        return finish(text, lexicon, toks, i, k)
            .or_else(|| finish(text, lexicon, toks, i, core_end));
    }
    finish(text, lexicon, toks, i, core_end)
}

/// One past the appositive that a comma at `j` opens after an inverted mention: it runs to
/// the sentence end, unless a participle, a quote or a clause with its own subject cuts it.
fn appositive_end(
    text: &str,
    lexicon: &Lexicon,
    toks: &[Tok],
    j: usize,
    hi: usize,
) -> Option<usize> {
    if !(j < hi && toks[j].is_punct(',')) {
        return None;
    }
    let next = toks.get(j + 1).filter(|_| j + 1 < hi);
    // `the Rev. Peter Wherry, of Mayfield Memorial Church`: `of` and a name.
    let of_name = next.is_some_and(|t| t.is_word() && lower(text, t) == "of")
        && toks
            .get(j + 2)
            .is_some_and(|t| j + 2 < hi && is_name_word(text, lexicon, t));
    // `managing director of`, `acting chairman`: a word in `-ing` before a head noun is its
    // adjective, not a participle that opens a clause of the reporter's.
    let adjective_ing = |k: usize| {
        toks.get(k).is_some_and(|t| {
            t.is_word() && text::is_lowercase_word(word(text, t)) && lower(text, t).ends_with("ing")
        }) && toks.get(k + 1).is_some_and(|n| {
            k + 1 < hi && text::is_lowercase_word(word(text, n)) && is_head_noun(text, lexicon, n)
        })
    };
    if !(of_name
        || adjective_ing(j + 1)
        || next.is_some_and(|t| t.is_word() && !ends_mention(text, t)))
    {
        return None;
    }
    let mut k = j + 1;
    while k < hi {
        let t = &toks[k];
        if t.punct().is_some_and(super::is_quote_char) && !is_plural_possessive(text, t) {
            break;
        }
        // `said Rep. Ann Ruiz, the top Democrat on the panel, in a statement`: after a
        // comma, a phrase that a preposition opens is the cue's adjunct.
        // (Not `of` or `from`, which tell where someone is from, nor after a relative
        // word: `who, like many others, asked`.)
        if k > j + 1
            && t.is_punct(',')
            && !(toks[k - 1].is_word() && lexicon.is_relative(&lower(text, &toks[k - 1])))
            && toks.get(k + 1).is_some_and(|n| {
                let w = lower(text, n);
                k + 1 < hi
                    && n.is_word()
                    && !matches!(w.as_ref(), "of" | "from")
                    && lexicon.is_preposition(&w)
            })
        {
            break;
        }
        // `Jorge Llamas, 31, of Tujunga, but he…`: a clause of the reporter's, with a
        // subject of its own (`who backs Clinton but is not…` goes on).
        if t.is_word()
            && matches!(
                lower(text, t).as_ref(),
                "but" | "though" | "although" | "whereas"
            )
            && toks
                .get(k + 1)
                .is_some_and(|n| k + 1 < hi && is_pronoun(text, lexicon, n))
        {
            break;
        }
        if t.is_punct(',')
            && toks
                .get(k + 1)
                .is_some_and(|n| n.is_word() && lower(text, n).ends_with("ing"))
            && !adjective_ing(k + 1)
        {
            break;
        }
        if matches!(t.punct(), Some('.' | '!' | '?' | ';')) && k + 1 >= hi {
            break;
        }
        k += 1;
    }
    // `said Beck, who said there were "too many…"`: a relative clause that a quote breaks
    // into (its words run up to a quote mark, with no comma or stop before it) is no part
    // of the mention, which ends before it.
    let interrupted = k > j + 1
        && (k >= hi || toks[k].punct().is_some_and(super::is_quote_char))
        && toks[k - 1].is_word()
        && !word(text, &toks[k - 1]).ends_with('.')
        && text[toks[k - 1].end..]
            .trim_start()
            .starts_with(super::is_quote_char);
    if interrupted {
        if let Some(r) = (j + 1..k)
            .rev()
            .find(|&r| toks[r].is_word() && lexicon.is_relative(&lower(text, &toks[r])))
        {
            if r == j + 1 {
                return None;
            }
            k = r;
        }
    }
    // `said one aide, who spoke on the condition of anonymity`: a relative clause that says
    // why the source is unnamed is the reporter's note, not the source's description.
    if let Some(r) = (j + 1..k).find(|&r| {
        toks[r].is_word()
            && lexicon.is_relative(&lower(text, &toks[r]))
            && holds_sourcing_note(text, lexicon, toks, r, k)
    }) {
        if r == j + 1 {
            return None;
        }
        k = r;
    }
    // Drop trailing punctuation.
    while k > j + 1 && !toks[k - 1].is_word() && !toks[k - 1].is_punct(')') {
        k -= 1;
    }
    Some(k)
}

/// Whether `toks[k]`, after two name words or more, is the last word of an organisation's
/// name: capitalised, not a possessive, a word the lexicon keeps from starting a name
/// (`Watch`) or a speech verb's form (`Report`), with punctuation or the end after it (`of
/// Human Rights Watch, who`; before a lower-case word it would be the verb).
fn org_last_word(text: &str, lexicon: &Lexicon, toks: &[Tok], k: usize, hi: usize) -> bool {
    let t = &toks[k];
    let w = word(text, t);
    let lw = text::Lower::new(w);
    t.is_word()
        && text::is_capitalised(w)
        && !is_possessive(w)
        && (lexicon.is_not_name_word(&lw) || lexicon.speech_verb(&lw).is_some())
        && !(lexicon.is_preposition(&lw)
            || lexicon.is_determiner(&lw)
            || lexicon.is_auxiliary(&lw)
            || lexicon.pronoun(&lw).is_some())
        && is_name_word(text, lexicon, &toks[k - 1])
        && toks.get(k + 1).is_none_or(|n| k + 1 >= hi || !n.is_word())
}

/// The apostrophe of a plural's possessive (`the farmers' union`): typed against a word in
/// `s` and followed by a space and a lower-case word, it closes no quote.
fn is_plural_possessive(text: &str, t: &Tok) -> bool {
    t.punct().is_some_and(|c| matches!(c, '\'' | '\u{2019}'))
        && text[..t.start].ends_with(['s', 'S'])
        && text[t.end..]
            .strip_prefix(' ')
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_lowercase()))
}

/// `np`, which ends at token `e - 1`, with the appositive after it.
fn with_appositive(text: &str, lexicon: &Lexicon, toks: &[Tok], np: Np, e: usize, hi: usize) -> Np {
    match appositive_end(text, lexicon, toks, e, hi) {
        Some(k) => Np {
            range: Range {
                start: np.range.start,
                end: toks[k - 1].end,
            },
            ..np
        },
        None => np,
    }
}

/// The speaker that starts at token `i` and runs up to the cue at `v` (`"…," White House
/// press secretary Josh Earnest said`).
pub fn up_to_verb(text: &str, lexicon: &Lexicon, toks: &[Tok], i: usize, v: usize) -> Option<Np> {
    let mut k = v;
    // A capitalised modal right after the quote is a name (`," Will wrote`): the quote's
    // sentence goes on, so it opens nothing.
    while k > i
        && super::is_adverb(text, lexicon, &toks[k - 1])
        && !(k - 1 == i && text::is_capitalised(word(text, &toks[i])))
    {
        k -= 1;
    }
    if k <= i || k - i > 40 {
        return None;
    }
    if toks[i..k].iter().any(|t| {
        t.punct()
            .is_some_and(|c| super::is_quote_char(c) || matches!(c, '.' | '!' | '?' | ';'))
    }) {
        return None;
    }
    let first = &toks[i];
    let fw = word(text, first);
    if !(text::is_capitalised(fw)
        || is_pronoun(text, lexicon, first)
        || lexicon.is_determiner(&lower(text, first))
        || is_premodifier(text, lexicon, first)
        || (is_noun_word(text, lexicon, first, true) && toks[i..k].iter().all(|t| t.is_word())))
    {
        return None;
    }
    // A second appositive (`Scott Pruitt, the attorney general of Oklahoma, one of the
    // states suing, said`) stays outside the mention.
    // An age (`Ana Ruiz, 67, a nurse`), a place's state (`of Raleigh, N.C.`) and a relative
    // clause (`, who was polled,`) go on with the appositive before them: their commas part
    // no appositives.
    let all: Vec<usize> = (i..k).filter(|&j| toks[j].is_punct(',')).collect();
    let is_age = |a: usize, b: usize| {
        b == a + 2 && word(text, &toks[a + 1]).bytes().all(|c| c.is_ascii_digit())
    };
    let goes_on = |c: usize| {
        toks.get(c + 1).is_some_and(|t| {
            let w = word(text, t);
            t.is_word()
                && ((text::is_capitalised(w)
                    && lexicon.us_state(w).is_some()
                    && toks.get(c + 2).is_some_and(|n| n.is_punct(',')))
                    || lexicon.is_relative(&lower(text, t)))
        })
    };
    let commas: Vec<usize> = all
        .iter()
        .enumerate()
        .filter(|&(n, &c)| n == 0 || !(is_age(all[n - 1], c) || goes_on(c)))
        .map(|(_, &c)| c)
        .collect();
    if commas.len() >= 2 {
        k = commas[1];
    } else if commas.len() == 1
        && toks
            .get(commas[0] + 1)
            .is_some_and(|t| is_preposition(text, t))
    {
        k = commas[0];
    }
    // (`Ana Ruiz, 67, said`: the comma that closes the age is no part of the mention.)
    while k > i + 1 && toks[k - 1].is_punct(',') {
        k -= 1;
    }
    // The whole stretch must hold a mention: check that a core is found.
    let np = finish(text, lexicon, toks, i, k).or_else(|| {
        // `the gambling tycoon`, `Cuban`: a determiner and an unlisted noun, or capitalised
        // words, between the quote and the verb.
        let det = lexicon.is_determiner(&lower(text, first));
        let caps = toks[i..k]
            .iter()
            .all(|t| text::is_capitalised(word(text, t)));
        (k - i <= 5 && (det || caps) && toks[i..k].iter().all(|t| t.is_word())).then(|| Np {
            range: range(toks, i, k),
            core: range(toks, i, k),
            speaker_type: if det {
                SpeakerType::Descriptor
            } else {
                SpeakerType::Person
            },
        })
    })?;
    // Right after a quote, a short run of words before the verb is the speaker whatever its
    // words (`," the gambling tycoon told`): nothing else can stand there.
    if k - i <= 5
        && toks[i..k].iter().all(|t| t.is_word())
        && (lexicon.is_determiner(&lower(text, first)) || text::is_capitalised(fw))
        && np.range.end == toks[k - 1].end
    {
        return Some(np);
    }
    // Without an appositive, every word before the core must be a premodifier.
    if !toks[i..k].iter().any(|t| t.is_punct(',')) {
        // (`election law expert Rick Hasen`: lower-case nouns count, `The minority leader`,
        // `A flabbergasted Noah`: so does an adjective after the determiner.)
        let core_start = toks.iter().position(|t| t.start == np.core.start)?;
        let det = lexicon.is_determiner(&lower(text, first));
        if !(i..core_start).all(|j| {
            let t = &toks[j];
            is_premodifier(text, lexicon, t)
                || lexicon.is_determiner(&lower(text, t))
                || is_noun_word(text, lexicon, t, j + 1 < core_start)
                || (det && j == i + 1 && text::is_lowercase_word(word(text, t)))
                || split_possessive_back(text, toks, i, j + 2)
                || (j > i && split_possessive_back(text, toks, i, j + 1))
        }) {
            return None;
        }
    }
    Some(np)
}

/// Whether the phrase that starts at token `a` is an object: a verb or a preposition stands
/// right before it (`released a statement`, `spoke to Fox News`), not a conjunction, an
/// adverb or a verb of speech (`said the senator told`). The phrase after `with`, or after
/// `of` before a participle cue, is the participle's subject (`with one of her ads
/// asking`, `footage of Ana Ruiz asking`).
pub fn is_object(
    text: &str,
    lexicon: &Lexicon,
    toks: &[Tok],
    start: usize,
    participle: bool,
) -> bool {
    toks.iter()
        .position(|t| t.start == start)
        .is_some_and(|a| is_object_at(text, lexicon, toks, a, participle))
}

/// [`is_object`] for the phrase that starts at token `a`.
fn is_object_at(text: &str, lexicon: &Lexicon, toks: &[Tok], a: usize, participle: bool) -> bool {
    let Some(p) = a.checked_sub(1).map(|k| &toks[k]) else {
        return false;
    };
    if !p.is_word() || !text::is_lowercase_word(word(text, p)) {
        return false;
    }
    let lw = lower(text, p);
    // `with one of her ads asking`: the phrase after `with` is the participle's subject.
    if lexicon.is_preposition(&lw) {
        return !(lw == "with" || (participle && lw == "of"));
    }
    !(lexicon.is_clause_opener(&lw)
        || lexicon.is_relative(&lw)
        || lexicon.is_determiner(&lw)
        || lexicon.is_auxiliary(&lw)
        || lexicon.speech_verb(&lw).is_some()
        || super::is_adverb(text, lexicon, p)
        || is_opener(text, p))
}

/// Conjunctions and adverbs that open a sentence without being part of its subject.
fn is_opener(text: &str, t: &Tok) -> bool {
    t.is_word()
        && matches!(
            lower(text, t).as_ref(),
            "but"
                | "and"
                | "so"
                | "yet"
                | "still"
                | "then"
                | "now"
                | "also"
                | "instead"
                | "meanwhile"
                | "however"
                | "later"
                | "earlier"
                | "finally"
                | "indeed"
                | "or"
        )
}

/// The subject of the sentence `toks[..v]`: the mention that opens it, after openers
/// (`But`) and a lead-in adverbial closed by a comma (`On Friday,`), and that a verb
/// follows. Used for participles (`Trump returned the compliment, telling Reuters, "…"`)
/// and for cues whose subject is not next to them.
pub fn sentence_subject(text: &str, lexicon: &Lexicon, toks: &[Tok], v: usize) -> Option<Np> {
    opening_subject(text, lexicon, toks, v)
        // `After a long silence, Park appeared with Dan Cole and endorsed Ruiz, saying`:
        // the subject of the nearest clause.
        .or_else(|| clause_subject(text, lexicon, toks, v))
        .or_else(|| {
            // `When he returned he began by saying,`: the pronoun or name closest before the
            // verb chain.
            let lo = v.saturating_sub(4);
            (lo..v)
                .rev()
                .find(|&k| {
                    is_pronoun(text, lexicon, &toks[k]) || is_name_word(text, lexicon, &toks[k])
                })
                .and_then(|k| {
                    if is_pronoun(text, lexicon, &toks[k]) {
                        finish(text, lexicon, toks, k, k + 1)
                    } else if k + 1 < v && toks[k + 1].is_punct(',') {
                        // `a letter from Rep. Ann Ruiz, Democrat of Vermont, calling`: read
                        // with its comma, the phrase is an appositive of the name before it.
                        mention_ending_at(text, lexicon, toks, 0, k + 2)
                            .or_else(|| mention_ending_at(text, lexicon, toks, 0, k + 1))
                    } else {
                        mention_ending_at(text, lexicon, toks, 0, k + 1)
                    }
                })
        })
}

/// The subject of the clause that a cue at `v` continues: a coordinated verb (`he laughed
/// and said`) or a participle (`…, Park said, adding`) shares the subject of the nearest
/// verb before it, not the sentence's first noun phrase (`Asked if Cole would run, he
/// laughed and said`) nor an object next to the cue (`endorsed Cole, saying`). The
/// nearest mention that a verb follows and that is no object; the subject of a reported
/// clause (`said he welcomed …`, `said that Cole had …`) belongs to that clause, and a
/// relative `who` names no one by itself.
pub fn clause_subject(text: &str, lexicon: &Lexicon, toks: &[Tok], v: usize) -> Option<Np> {
    clause_subject_verb(text, lexicon, toks, v, false).map(|(np, _)| np)
}

/// [`clause_subject`] of a main clause only: a subject that a subordinating conjunction
/// opens (`after 14 people were killed`, `where they live`) is passed over. For a colon,
/// which closes the main clause, not a cue that may continue a subordinate one.
pub fn main_clause_subject(text: &str, lexicon: &Lexicon, toks: &[Tok], v: usize) -> Option<Np> {
    clause_subject_verb(text, lexicon, toks, v, true).map(|(np, _)| np)
}

/// [`clause_subject`] with the index of the verb that follows it.
pub fn clause_subject_verb(
    text: &str,
    lexicon: &Lexicon,
    toks: &[Tok],
    v: usize,
    main_only: bool,
) -> Option<(Np, usize)> {
    let lo = v.saturating_sub(40);
    (lo + 1..v).rev().find_map(|k| {
        let verb = &toks[k];
        if !verb.is_word() || !text::is_lowercase_word(word(text, verb)) {
            return None;
        }
        let lw = lower(text, verb);
        let finite = super::cue_lemma(text, lexicon, verb).is_some()
            || lexicon.is_auxiliary(&lw)
            || lexicon.is_adverb(&lw)
            || lw.ends_with("ed");
        let function = lexicon.is_preposition(&lw)
            || lexicon.is_determiner(&lw)
            || lexicon.is_clause_opener(&lw)
            || lexicon.is_relative(&lw)
            || lexicon.pronoun(&lw).is_some()
            || lw.ends_with("ing");
        if function {
            return None;
        }
        let mut m = k;
        while m > lo && super::is_adverb(text, lexicon, &toks[m - 1]) {
            m -= 1;
        }
        // News sets the day between subject and verb (`Ana Ruiz on Monday called…`).
        m = before_time_adjunct(text, lexicon, toks, lo, m);
        let last = toks.get(m.checked_sub(1)?)?;
        let pronoun = last.is_word() && lexicon.pronoun(&lower(text, last)).is_some();
        // A name or a description needs a verb that shows itself as one (`Park appeared`,
        // `the aide said`); after a pronoun any lower-case word is its verb.
        if !(pronoun || finite) || !(last.is_word() || last.is_punct(')')) {
            return None;
        }
        let np = mention_ending_at(text, lexicon, toks, lo, m)?;
        // (Found within the reach, so the scan stays bounded.)
        let a = (lo..m).rev().find(|&j| toks[j].start == np.range.start)?;
        if lower(text, &toks[m - 1]) == "who" || is_object_at(text, lexicon, toks, a, false) {
            return None;
        }
        // (`said he welcomed`, `said that Cole had`, `asked who Cole would back`)
        let reported = a.checked_sub(1).is_some_and(|p| {
            let w = lower(text, &toks[p]);
            w == "that"
                || lexicon.is_relative(&w)
                || super::cue_lemma(text, lexicon, &toks[p]).is_some()
                || (main_only && lexicon.is_clause_opener(&w) && !is_opener(text, &toks[p]))
        });
        (!reported).then_some((np, k))
    })
}

/// Where a time adjunct that ends at `m` starts (`on Monday`, `on Tuesday night`,
/// `yesterday`), or `m` when none does: the day a reporter sets between a subject and its
/// verb. Days and their parts are those of `grammar/cue_adjuncts.tsv`.
fn before_time_adjunct(text: &str, lexicon: &Lexicon, toks: &[Tok], lo: usize, m: usize) -> usize {
    let is = |k: usize, words: &[&str]| {
        toks[k].is_word() && words.contains(&lower(text, &toks[k]).as_ref())
    };
    let kind = |k: usize| {
        toks[k]
            .is_word()
            .then(|| lexicon.cue_adjunct(&lower(text, &toks[k])))
            .flatten()
    };
    let mut k = m;
    if k > lo && is(k - 1, &["yesterday", "today", "tonight"]) {
        return k - 1;
    }
    if k > lo && kind(k - 1) == Some(CueAdjunct::Part) {
        k -= 1;
    }
    if k > lo && kind(k - 1) == Some(CueAdjunct::Day) {
        k -= 1;
        if k > lo && is(k - 1, &["on", "late", "early"]) {
            k -= 1;
        }
        return k;
    }
    m
}

/// An opening subject whose appositive a second comma closes before its verb (`Pell, one of
/// the bill's sponsors, dismissed the report:`, `Omar Vance, D-Ore., delivered a warning:`):
/// read after a verb, the appositive would run on to the quote; here it ends at that comma
/// when a lower-case word that may be a verb follows it (not a function word, a pronoun or a
/// participle).
fn closed_appositive(text: &str, lexicon: &Lexicon, toks: &[Tok], np: &Np, v: usize) -> Option<Np> {
    let in_np = |k: usize| toks[k].start >= np.range.start && toks[k].end <= np.range.end;
    let c1 = (0..v).find(|&k| in_np(k) && toks[k].is_punct(','))?;
    let verb_after = |c2: usize| {
        let Some(w) = toks.get(c2 + 1).filter(|_| c2 + 1 < v) else {
            return false;
        };
        if !w.is_word() || !text::is_lowercase_word(word(text, w)) {
            return false;
        }
        let lw = lower(text, w);
        let function = lexicon.is_preposition(&lw)
            || lexicon.is_relative(&lw)
            || lexicon.is_clause_opener(&lw)
            || lexicon.is_determiner(&lw)
            || lexicon.pronoun(&lw).is_some()
            || is_opener(text, w)
            || lw.ends_with("ing");
        !function
    };
    // A relative clause (`Cole, who had said that the judge … was biased, issued a
    // statement`) may run long and hold commas of its own: the first comma that a verb
    // follows closes it.
    let relative = toks
        .get(c1 + 1)
        .is_some_and(|t| t.is_word() && lexicon.is_relative(&lower(text, t)));
    let c2 = if relative {
        (c1 + 2..v.min(c1 + 48)).find(|&k| toks[k].is_punct(',') && verb_after(k))?
    } else {
        (c1 + 2..v.min(c1 + 16))
            .find(|&k| toks[k].is_punct(','))
            .filter(|&k| verb_after(k))?
    };
    Some(Np {
        range: Range {
            start: np.range.start,
            end: toks[c2 - 1].end,
        },
        ..*np
    })
}

/// The mention that opens the sentence `toks[..v]` (see [`sentence_subject`]).
pub fn opening_subject(text: &str, lexicon: &Lexicon, toks: &[Tok], v: usize) -> Option<Np> {
    let mut i = 0;
    while i < v && is_opener(text, &toks[i]) {
        i += 1;
    }
    // A lead-in participle (`Smiling broadly at the crowd, Mrs. Lee …`): a word in `-ing`
    // followed by a lower-case word that is not a verb of speech, up to the first comma.
    let participle = toks.get(i).is_some_and(|t| {
        let w = lower(text, t);
        w.len() > 5
            && w.ends_with("ing")
            && toks.get(i + 1).is_some_and(|n| {
                n.is_word()
                    && text::is_lowercase_word(word(text, n))
                    && super::cue_lemma(text, lexicon, n).is_none()
            })
            && (i + 2..v.min(i + 25)).any(|k| toks[k].is_punct(','))
    });
    // A lead-in adverbial: a preposition or a time word up to the first comma.
    if participle
        || toks.get(i).is_some_and(|t| {
            is_preposition(text, t)
                || is_opener(text, t)
                // `Her campaign sent…`: a possessive that is also an object pronoun opens
                // the subject, not an adverbial.
                || (lexicon.is_preposition(&lower(text, t)) && !lexicon.is_determiner(&lower(text, t)))
                || {
                    let w = lower(text, t);
                    matches!(
                        w.as_ref(),
                        "hours"
                            | "days"
                            | "weeks"
                            | "months"
                            | "years"
                            | "minutes"
                            | "asked"
                            | "when"
                            | "after"
                            | "since"
                            | "if"
                            | "although"
                            | "though"
                            | "because"
                            | "once"
                            | "with"
                            | "without"
                            | "last"
                            | "this"
                            | "that"
                            | "still"
                            | "even"
                    )
                }
        })
    {
        let c = (i..v.min(i + 25)).find(|&k| toks[k].is_punct(','))?;
        i = c + 1;
        // `On "Face the Nation," Sen. Ruiz…`: the comma inside a title's closing mark.
        while i < v && toks[i].punct().is_some_and(super::is_quote_char) {
            i += 1;
        }
    }
    // `A strong defender of Israel, he has been critical…`: a fronted description of the
    // subject, closed by a comma, before a pronoun or a name and its verb.
    if toks
        .get(i)
        .is_some_and(|t| t.is_word() && matches!(lower(text, t).as_ref(), "a" | "an"))
    {
        if let Some(c) = (i + 2..v.min(i + 25)).find(|&k| toks[k].is_punct(',')) {
            let subject = toks.get(c + 1).filter(|_| c + 1 < v).is_some_and(|t| {
                (is_pronoun(text, lexicon, t) && lower(text, t) != "who") || {
                    let mut e = c + 1;
                    while e < v && is_name_word(text, lexicon, &toks[e]) {
                        e += 1;
                    }
                    e > c + 1
                        && e < v
                        && toks[e].is_word()
                        && text::is_lowercase_word(word(text, &toks[e]))
                }
            });
            if subject {
                i = c + 1;
            }
        }
    }
    let mut closed = false;
    let np = if toks.get(i).is_some_and(|t| is_pronoun(text, lexicon, t)) {
        finish(text, lexicon, toks, i, i + 1)?
    } else {
        let np = noun_phrase(text, lexicon, toks, i, v, false)?;
        match closed_appositive(text, lexicon, toks, &np, v) {
            Some(cut) => {
                closed = true;
                cut
            }
            None => np,
        }
    };
    // A verb (a lower-case word) must follow the mention. The one at `v` counts after a
    // quantifier's phrase with no appositive (`Another commenter said`, `Several said`),
    // which names people whatever its noun; an unknown noun there is not trusted (`His
    // surrogates called him "a genius"` keeps its term).
    // (The comma that closes an appositive stands before the verb.)
    let next = toks.iter().position(|t| t.start >= np.range.end)? + usize::from(closed);
    // `One early supporter, Rep. Lee Zeldin, Republican of New York, gave …`: the comma that
    // closes the subject's last appositive; `The Clinton campaign, in a Q&A on the
    // controversy, worded it …`: an adjunct that a preposition opens, between commas.
    let next = match toks
        .get(next + 1)
        .filter(|_| !closed && toks[next].is_punct(','))
    {
        Some(w) if next + 1 < v && w.is_word() && text::is_lowercase_word(word(text, w)) => {
            let lw = lower(text, w);
            if lexicon.is_preposition(&lw) {
                (next + 2..v.min(next + 16))
                    .find(|&k| toks[k].is_punct(','))
                    .map_or(next, |c2| c2 + 1)
            } else if text[np.range.start..np.range.end].contains(',')
                && !(lexicon.is_relative(&lw)
                    || lexicon.is_clause_opener(&lw)
                    || lexicon.is_determiner(&lw)
                    || lexicon.pronoun(&lw).is_some()
                    || lw.ends_with("ing"))
            {
                next + 1
            } else {
                next
            }
        }
        _ => next,
    };
    let quantified = || {
        toks.iter()
            .find(|t| t.start == np.range.start)
            .is_some_and(|t| lexicon.is_quantifier(&lower(text, t)))
    };
    let next = (next..v)
        .find(|&k| !super::is_adverb(text, lexicon, &toks[k]))
        .unwrap_or(next);
    let plain = || !text[np.range.start..np.range.end].contains(',');
    if next == v && v < toks.len() {
        // (A name is trusted there too: `Former Secretary of State Dana Quill told`.)
        return (plain()
            && (quantified() || np.speaker_type != SpeakerType::Descriptor)
            && toks[v].is_word()
            && text::is_lowercase_word(word(text, &toks[v])))
        .then_some(np);
    }
    if next >= v || !toks[next].is_word() || !text::is_lowercase_word(word(text, &toks[next])) {
        return None;
    }
    if !lexicon.is_preposition(&lower(text, &toks[next])) {
        return Some(np);
    }
    // A short adjunct between the subject and its verb (`Trump in the past has referred`,
    // `Mr. Obama on Wednesday emphatically disputed`): the verb, an auxiliary or a speech
    // verb, comes within a few words, with no comma between.
    let verb = |t: &Tok| {
        t.is_word()
            && text::is_lowercase_word(word(text, t))
            && (lexicon.is_auxiliary(&lower(text, t))
                || super::cue_lemma(text, lexicon, t).is_some())
    };
    let k = (next + 1..(v + 1).min(next + 8).min(toks.len()))
        .take_while(|&k| !toks[k].is_punct(','))
        .find(|&k| verb(&toks[k]))?;
    // After a name the phrase is an adjunct; after a description it tells which one it is
    // (`A document on the campaign's website states`), and the mention keeps it.
    if np.speaker_type == SpeakerType::Descriptor {
        return Some(Np {
            range: Range {
                start: np.range.start,
                end: toks[k - 1].end,
            },
            ..np
        });
    }
    Some(np)
}
