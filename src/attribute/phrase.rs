//! Speaker mentions: the noun phrase that names who spoke, found forwards from a token
//! (`"…," Cotton wrote`), after a cue (`said Ziad, a nurse`) or backwards from a cue
//! (`Frank Shaw, Microsoft's Chief Communications Officer, wrote`).
//!
//! A mention is a pronoun, a name (with a courtesy title: `Mr. Steele`), an organisation
//! (`WFP`, `the White House`) or a descriptor (`a senior administration official`,
//! `the health ministry`, `Israel's military`).

use super::{Range, lower};
use crate::lexicon::{self, PronounKind};
use crate::model::SpeakerType;
use crate::text::{self, Tok};

/// A speaker mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Np {
    pub range: Range,
    pub speaker_type: SpeakerType,
}

/// Courtesy titles that belong to the mention (`Mr. Trump`); other titles (`Sen.`,
/// `Defense Secretary`) describe the person and stay outside it.
pub fn is_courtesy(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "mr." | "mrs." | "ms." | "mr" | "mrs" | "ms" | "miss" | "dr." | "mx."
    )
}

const PARTICLES: &[&str] = &[
    "de", "da", "di", "del", "della", "van", "von", "der", "den", "la", "le", "bin", "ibn", "al",
    "el", "du", "st.", "abu", "ben", "dos", "das", "ter", "y",
];

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "another", "one", "two", "three", "four", "several", "many", "some", "his",
    "her", "their", "its", "our", "this", "that", "these", "those", "other", "both", "most", "few",
    "all", "each", "every", "no",
];

fn word<'a>(text: &'a str, t: &Tok) -> &'a str {
    &text[t.start..t.end]
}

/// A capitalised word that can be part of a name (not `The`, not `Monday`, not a possessive).
fn is_name_word(text: &str, t: &Tok) -> bool {
    if !t.is_word() {
        return false;
    }
    let w = word(text, t);
    if !text::is_capitalised(w) || is_possessive(w) {
        return false;
    }
    let l = lexicon::get();
    let lw = w.to_lowercase();
    !l.is_not_name_word(&lw) && l.pronoun(&lw).is_none() && l.speech_verb(&lw).is_none()
}

fn is_possessive(w: &str) -> bool {
    w.ends_with("'s") || w.ends_with("\u{2019}s") || w.ends_with("s'") || w.ends_with("s\u{2019}")
}

fn is_particle(text: &str, t: &Tok) -> bool {
    t.is_word() && PARTICLES.contains(&word(text, t))
}

/// The speaker type of a name run: an organisation when listed or shaped like one.
fn name_type(text: &str, toks: &[Tok]) -> SpeakerType {
    let l = lexicon::get();
    let phrase = toks
        .iter()
        .map(|t| word(text, t).to_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    if l.is_org_name(&phrase) || l.is_org_name(phrase.trim_start_matches("the ")) {
        return SpeakerType::Organization;
    }
    if toks
        .iter()
        .any(|t| l.is_org_noun(&word(text, t).to_lowercase()))
    {
        return SpeakerType::Organization;
    }
    if toks.len() == 1 {
        let w = word(text, &toks[0]);
        if w.len() >= 2 && w.chars().all(|c| c.is_uppercase() || c == '.' || c == '&') {
            return SpeakerType::Organization;
        }
    }
    SpeakerType::Person
}

/// A pronoun speaker at `i` (`he`, `she`, `they`, `it`, `I`, `we`, `who`).
fn pronoun_at(text: &str, toks: &[Tok], i: usize) -> Option<Np> {
    let t = toks.get(i)?;
    if !t.is_word() {
        return None;
    }
    let w = lower(text, t);
    let known = lexicon::get().pronoun(&w);
    if known.is_none() && w != "who" {
        return None;
    }
    let ty = match known {
        Some(PronounKind::Thing) => SpeakerType::Pronoun,
        _ => SpeakerType::Pronoun,
    };
    Some(Np {
        range: Range {
            start: t.start,
            end: t.end,
        },
        speaker_type: ty,
    })
}

/// A name starting at `i`, with a courtesy title kept and other titles skipped:
/// returns (first token of the mention, one past its last token).
fn name_forward(text: &str, toks: &[Tok], i: usize) -> Option<(usize, usize)> {
    name_with_titles(text, toks, i).map(|(a, b, _)| (a, b))
}

/// The title of `n` tokens at `i`, if any.
pub(super) fn title_at(text: &str, toks: &[Tok], i: usize) -> Option<usize> {
    title_len(text, toks, i)
}

/// A name starting at `i` after any titles: (first token of the mention, one past its last
/// token, the lower-case titles before it, including a lower-case title just before `i`).
pub(super) fn name_with_titles(
    text: &str,
    toks: &[Tok],
    i: usize,
) -> Option<(usize, usize, Vec<String>)> {
    let mut titles = Vec::new();
    let join = |a: usize, b: usize| {
        toks[a..b]
            .iter()
            .map(|t| word(text, t).to_lowercase())
            .collect::<Vec<_>>()
            .join(" ")
    };
    // `spokesman Frank Shaw`, `Microsoft spokesperson Frank Shaw`
    for n in (1..=2).rev() {
        if i >= n && title_len(text, toks, i - n) == Some(n) {
            titles.push(join(i - n, i));
            break;
        }
    }
    let mut j = i;
    // Titles before the name (`Sen.`, `Defense Secretary`, `spokesman`): skipped, except a
    // courtesy title, which starts the mention.
    let mut start = None;
    loop {
        let t = toks.get(j)?;
        if !t.is_word() {
            return None;
        }
        if is_courtesy(word(text, t)) {
            start.get_or_insert(j);
            j += 1;
            continue;
        }
        if let Some(n) = title_len(text, toks, j) {
            if start.is_none() {
                titles.push(join(j, j + n));
                j += n;
                continue;
            }
        }
        break;
    }
    let first = j;
    while j < toks.len()
        && (is_name_word(text, &toks[j])
            || (j > first
                && is_particle(text, &toks[j])
                && toks.get(j + 1).is_some_and(|n| is_name_word(text, n))))
    {
        j += 1;
    }
    if j == first {
        return None;
    }
    Some((start.unwrap_or(first), j, titles))
}

/// The number of tokens of the longest title starting at `i` (`Defense Secretary` → 2).
fn title_len(text: &str, toks: &[Tok], i: usize) -> Option<usize> {
    let l = lexicon::get();
    let mut phrase = String::new();
    let mut best = None;
    for n in 0..l.max_title_words {
        let t = toks.get(i + n)?;
        if !t.is_word() {
            break;
        }
        if n > 0 {
            phrase.push(' ');
        }
        phrase.push_str(&word(text, t).to_lowercase());
        if l.is_title(&phrase) {
            best = Some(n + 1);
        }
    }
    best
}

/// Whether the token is a head noun of a descriptor (`official`, `ministry`, `statement`).
fn is_head_noun(text: &str, t: &Tok) -> bool {
    if !t.is_word() {
        return false;
    }
    let l = lexicon::get();
    let w = lower(text, t);
    l.is_person_noun(&w) || l.is_org_noun(&w)
}

/// A descriptor from `i`: determiner, modifiers, head noun (`the US Defense Secretary`,
/// `a senior administration official`, `Palestinian health officials`).
fn descriptor_forward(text: &str, toks: &[Tok], i: usize) -> Option<(usize, usize)> {
    let first = toks.get(i)?;
    if !first.is_word() {
        return None;
    }
    let mut last_head = None;
    let mut j = i;
    while j < toks.len() && j < i + 7 {
        let t = &toks[j];
        if !t.is_word() {
            break;
        }
        let w = lower(text, t);
        if j > i && (DETERMINERS.contains(&w.as_ref()) || super::cue_lemma(text, t).is_some()) {
            break;
        }
        if is_head_noun(text, t) || (j > i && title_len(text, toks, j).is_some()) {
            last_head = Some(j + title_len(text, toks, j).unwrap_or(1));
        }
        j += 1;
    }
    let end = last_head?;
    Some((i, end.min(toks.len())))
}

fn np(toks: &[Tok], a: usize, b: usize, ty: SpeakerType) -> Np {
    Np {
        range: Range {
            start: toks[a].start,
            end: toks[b - 1].end,
        },
        speaker_type: ty,
    }
}

/// The speaker mention that starts at `i`, and the index after it (and after an appositive
/// closed by a comma: `Frank Shaw, a spokesman, said`).
pub fn np_at(text: &str, toks: &[Tok], i: usize) -> Option<(Np, usize)> {
    let (found, next) = np_forward(text, toks, i)?;
    // Skip an appositive: `, a nurse,` / `, Microsoft's spokesman,` before the verb.
    if toks.get(next).is_some_and(|t| t.is_punct(',')) {
        if let Some(c2) = (next + 1..toks.len().min(next + 16)).find(|&k| toks[k].is_punct(',')) {
            if toks
                .get(c2 + 1)
                .is_some_and(|t| super::cue_lemma(text, t).is_some())
            {
                return Some((found, c2 + 1));
            }
        }
    }
    Some((found, next))
}

fn np_forward(text: &str, toks: &[Tok], i: usize) -> Option<(Np, usize)> {
    if let Some(p) = pronoun_at(text, toks, i) {
        return Some((p, i + 1));
    }
    let t = toks.get(i)?;
    let w = lower(text, t);
    if DETERMINERS.contains(&w.as_ref()) || !text::is_capitalised(word(text, t)) {
        if let Some((a, b)) = descriptor_forward(text, toks, i) {
            let ty = descriptor_type(text, &toks[a..b]);
            return Some((np(toks, a, b, ty), b));
        }
        // `the White House`, `the Gaza health ministry`
        if w == "the" {
            if let Some((a, b)) = name_forward(text, toks, i + 1) {
                let ty = name_type(text, &toks[a..b]);
                if ty == SpeakerType::Organization {
                    return Some((np(toks, i, b, ty), b));
                }
            }
        }
        return None;
    }
    let (a, b) = name_forward(text, toks, i)?;
    // A name followed by a head noun is a descriptor (`Microsoft spokesman`, `Israel's military`).
    if let Some((_, e)) = descriptor_forward(text, toks, b) {
        if e > b
            && toks[b..e]
                .iter()
                .all(|t| !text::is_capitalised(word(text, t)))
        {
            return Some((np(toks, i, e, descriptor_type(text, &toks[i..e])), e));
        }
    }
    Some((np(toks, a, b, name_type(text, &toks[a..b])), b))
}

fn descriptor_type(text: &str, toks: &[Tok]) -> SpeakerType {
    let l = lexicon::get();
    match toks.last() {
        Some(t) if l.is_org_noun(&lower(text, t)) => SpeakerType::Organization,
        _ => SpeakerType::Descriptor,
    }
}

/// The speaker after a cue, in inverted order (`said Ziad`, `said the health ministry`,
/// `said Frank Shaw`).
pub fn np_after(text: &str, toks: &[Tok], i: usize) -> Option<Np> {
    let mut i = i;
    while toks.get(i).is_some_and(|t| super::is_adverb(text, t)) {
        i += 1;
    }
    let (found, _) = np_forward(text, toks, i)?;
    // `said he` is fine, `said it was` is not a speaker: the token after a pronoun must end
    // the clause.
    if found.speaker_type == SpeakerType::Pronoun {
        let next = toks.iter().position(|t| t.start >= found.range.end);
        if next.is_some_and(|k| toks[k].is_word()) {
            return None;
        }
    }
    Some(found)
}

/// The subject of the cue at `v`: the mention that ends right before it (after adverbs), or
/// before an appositive (`Frank Shaw, Microsoft's Chief Communications Officer, wrote`).
pub fn np_before(text: &str, toks: &[Tok], v: usize) -> Option<Np> {
    let mut k = v;
    while k > 0 && super::is_adverb(text, &toks[k - 1]) {
        k -= 1;
    }
    if k == 0 {
        return None;
    }
    if let Some(found) = np_ending_at(text, toks, k - 1) {
        return Some(found);
    }
    // Appositive: NP , ... , VERB
    if toks[k - 1].is_punct(',') {
        let lo = k.saturating_sub(18);
        if let Some(c1) = (lo..k - 1).rev().find(|&j| toks[j].is_punct(',')) {
            if c1 > 0 {
                return np_ending_at(text, toks, c1 - 1);
            }
        }
    }
    None
}

/// A mention whose last token is `k`.
fn np_ending_at(text: &str, toks: &[Tok], k: usize) -> Option<Np> {
    let t = &toks[k];
    if !t.is_word() {
        return None;
    }
    if let Some(p) = pronoun_at(text, toks, k) {
        return Some(p);
    }
    let w = word(text, t);
    if is_name_word(text, t) {
        let mut a = k;
        while a > 0
            && (is_name_word(text, &toks[a - 1])
                || (is_particle(text, &toks[a - 1]) && a < k + 1 && a - 1 > 0))
        {
            a -= 1;
        }
        // A title run swallowed by the capitals (`Defense Secretary Pete Hegseth`): the
        // name starts after the last title.
        let mut j = a;
        let mut name_start = a;
        while j <= k {
            match title_len(text, toks, j) {
                Some(n) if j + n <= k => {
                    j += n;
                    name_start = j;
                }
                _ => j += 1,
            }
        }
        let a = name_start;
        let start = if a > 0 && is_courtesy(word(text, &toks[a - 1])) {
            a - 1
        } else {
            a
        };
        let ty = name_type(text, &toks[a..=k]);
        // `the White House said`
        if ty == SpeakerType::Organization && start > 0 && lower(text, &toks[start - 1]) == "the" {
            return Some(np(toks, start - 1, k + 1, ty));
        }
        return Some(np(toks, start, k + 1, ty));
    }
    if is_head_noun(text, t) && text::is_lowercase_word(w) || title_len(text, toks, k).is_some() {
        // Walk back over modifiers to a determiner.
        let mut a = k;
        while a > 0 && k - a < 6 {
            let p = &toks[a - 1];
            if !p.is_word() {
                break;
            }
            let pw = lower(text, p);
            if DETERMINERS.contains(&pw.as_ref()) {
                a -= 1;
                break;
            }
            if super::cue_lemma(text, p).is_some()
                || matches!(
                    pw.as_ref(),
                    "and"
                        | "or"
                        | "that"
                        | "but"
                        | "who"
                        | "which"
                        | "to"
                        | "of"
                        | "for"
                        | "in"
                        | "on"
                        | "at"
                        | "by"
                        | "with"
                        | "from"
                )
            {
                break;
            }
            a -= 1;
        }
        let ty = descriptor_type(text, &toks[a..=k]);
        return Some(np(toks, a, k + 1, ty));
    }
    None
}
