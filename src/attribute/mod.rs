//! Stage 3: decide what each quoted span is and who said it.
//!
//! A sieve of rules, most certain first, looks at the words around each top-level quote:
//! the rest of its sentence after it (`"…," Cotton wrote`), the sentence leading into it
//! (`Hegseth said: "…"`), the other part of a split quote, the quote before it in its
//! paragraph, and the paragraph before it. The first rule that fires decides the kind
//! ([`Kind`]), the speaker mention, the cue and the confidence; then [`resolve`] maps the
//! mention to a canonical speaker for the article (`he` → `Ziad`, `Cotton` → `Tom Cotton`,
//! `The US Defense Secretary` → `Pete Hegseth`).
//!
//! The stage looks only at a bounded window around each quote plus an incremental scan of
//! names, so its time is linear in the article.

mod phrase;
pub mod resolve;

use crate::extract::Span;
use crate::lexicon;
use crate::model::{Kind, Resolution, Rule, SpeakerType};
use crate::text::{self, Tok};

pub use phrase::Np;

/// A byte range with the words found there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub start: usize,
    pub end: usize,
}

/// The attribution of one quoted span, in byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribution {
    pub kind: Kind,
    pub speaker: Option<SpeakerRef>,
    pub cue: Option<CueRef>,
    pub rule: Rule,
    pub confidence: f32,
}

/// A speaker mention and what it resolved to.
#[derive(Debug, Clone, PartialEq)]
pub struct SpeakerRef {
    pub mention: Range,
    pub name: String,
    pub speaker_type: SpeakerType,
    pub resolution: Resolution,
}

/// A cue in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct CueRef {
    pub range: Range,
    pub lemma: String,
}

/// What the words around a quote said, before resolution.
#[derive(Debug, Clone)]
struct Found {
    kind: Kind,
    speaker: Option<Np>,
    cue: Option<CueRef>,
    rule: Rule,
}

/// Attributes every span of one text. `spans` is the extractor's output (sorted by start);
/// the result has one entry per span, in the same order.
pub fn attribute(text: &str, spans: &[Span]) -> Vec<Attribution> {
    let mut out: Vec<Option<Attribution>> = vec![None; spans.len()];
    let mut entities = resolve::Entities::new();
    let mut ctx = Context {
        text,
        before: Vec::new(),
        after: Vec::new(),
        scratch: Vec::new(),
    };
    // The last attributed quote: (index, paragraph start, paragraph end).
    let mut last: Option<(usize, usize, usize)> = None;
    let top: Vec<usize> = (0..spans.len()).filter(|&i| spans[i].depth == 0).collect();

    for (n, &i) in top.iter().enumerate() {
        let s = &spans[i];
        let (p_start, _) = text::paragraph_bounds(text, s.start);
        let (_, p_end) = text::paragraph_bounds(text, s.end.saturating_sub(1).max(s.start));
        let prev = n.checked_sub(1).map(|m| &spans[top[m]]);
        let next = top.get(n + 1).map(|&m| &spans[m]);
        let gap_start = match prev {
            Some(p) if p.end > p_start => p.end,
            _ => p_start,
        };
        let gap_end = match next {
            Some(q) if q.start < p_end => q.start,
            _ => p_end,
        };
        let found = ctx.decide(s, gap_start, gap_end, p_start, p_end, prev, &out, last, i);
        let rule = found.rule;
        let kind = found.kind;
        let speaker = found.speaker.map(|np| entities.resolve(text, &np));
        let mut confidence = rule.base_confidence();
        if let Some(sp) = &speaker {
            confidence *= match sp.resolution {
                Resolution::Mention | Resolution::Surname => 1.0,
                Resolution::Descriptor => 0.9,
                Resolution::Pronoun => 0.9,
                Resolution::Unresolved => 0.85,
            };
        }
        if speaker.is_some() {
            last = Some((i, p_start, p_end));
        }
        out[i] = Some(Attribution {
            kind,
            speaker,
            cue: found.cue,
            rule,
            confidence: (confidence * 100.0).round() / 100.0,
        });
    }

    // Quotes inside quotes: not the outer speaker's own words, and not attributed here.
    out.into_iter()
        .map(|a| {
            a.unwrap_or(Attribution {
                kind: Kind::Nested,
                speaker: None,
                cue: None,
                rule: Rule::Nested,
                confidence: Rule::Nested.base_confidence(),
            })
        })
        .collect()
}

/// Scratch buffers for one article.
struct Context<'a> {
    text: &'a str,
    before: Vec<Tok>,
    after: Vec<Tok>,
    scratch: Vec<Tok>,
}

/// Lower-cased text of a token, without allocation when it is already lower case.
fn lower<'a>(text: &'a str, t: &Tok) -> std::borrow::Cow<'a, str> {
    let w = &text[t.start..t.end];
    if w.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(w.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(w)
    }
}

/// The lemma of a speech verb token, if it is one.
fn cue_lemma(text: &str, t: &Tok) -> Option<String> {
    if !t.is_word() {
        return None;
    }
    lexicon::get()
        .speech_verb(&lower(text, t))
        .map(str::to_string)
}

/// Words that may stand between a speaker and a cue, or before the cue: `also`, `later`.
fn is_adverb(text: &str, t: &Tok) -> bool {
    if !t.is_word() {
        return false;
    }
    let w = lower(text, t);
    matches!(
        w.as_ref(),
        "also"
            | "later"
            | "then"
            | "previously"
            | "recently"
            | "once"
            | "further"
            | "again"
            | "simply"
            | "just"
            | "earlier"
            | "still"
            | "often"
            | "has"
            | "had"
            | "have"
            | "would"
            | "will"
            | "reportedly"
            | "repeatedly"
            | "flatly"
            | "famously"
            | "separately"
            | "quickly"
            | "bluntly"
            | "succinctly"
            | "privately"
            | "publicly"
            | "emphatically"
            | "angrily"
            | "finally"
            | "last"
            | "first"
            | "immediately"
            | "now"
            | "never"
            | "even"
    ) || (w.len() > 4 && w.ends_with("ly") && w != "only" && w != "early")
}

impl Context<'_> {
    #[allow(clippy::too_many_arguments)]
    fn decide(
        &mut self,
        s: &Span,
        gap_start: usize,
        gap_end: usize,
        p_start: usize,
        p_end: usize,
        prev: Option<&Span>,
        done: &[Option<Attribution>],
        last: Option<(usize, usize, usize)>,
        _index: usize,
    ) -> Found {
        let text = self.text;
        text::tokenize_into(text, gap_start, s.start, &mut self.before);
        text::tokenize_into(text, s.end, gap_end, &mut self.after);
        // The sentence leading into the quote: after the last sentence end in the gap.
        let mut b0 = 0;
        for i in 0..self.before.len() {
            if text::ends_sentence(text, &self.before, i) {
                b0 = i + 1;
            }
        }
        let before = &self.before[b0..];
        // The rest of the sentence after the quote.
        let mut a1 = self.after.len();
        for i in 0..self.after.len() {
            if text::ends_sentence(text, &self.after, i) {
                a1 = i + 1;
                break;
            }
        }
        let after = &self.after[..a1];
        let content = &text[s.content_start..s.content_end];
        let last_char = content.trim_end().chars().next_back();
        let ends_with_stop = matches!(last_char, Some('.'));
        let before_words = before.iter().filter(|t| t.is_word()).count();
        let starts_sentence = before_words == 0;

        // 1. Speaker and cue right after the quote.
        if !(ends_with_stop && !after_is_bare_attribution(text, after)) {
            if let Some(f) = self.after_patterns(after) {
                let kind = if starts_sentence || lead_in_is_attribution(text, before) {
                    Kind::Direct
                } else {
                    kind_inside_sentence(text, s, before)
                };
                return Found { kind, ..f };
            }
        }
        // 2. The sentence leading into the quote.
        if let Some(f) = self.before_patterns(s, before) {
            return f;
        }
        // 3. A quote that opens a sentence inherits from the quote before it in the paragraph.
        if starts_sentence {
            if let (Some(p), Some((li, lp_start, _))) = (prev, last) {
                if lp_start == p_start && p.end > p_start {
                    if let Some(a) = done[li].as_ref() {
                        let f = Found {
                            kind: Kind::Direct,
                            speaker: a.speaker.as_ref().map(|sp| Np {
                                range: sp.mention,
                                speaker_type: sp.speaker_type,
                            }),
                            cue: a.cue.clone(),
                            rule: Rule::SameParagraph,
                        };
                        if looks_like_speech(content) {
                            return f;
                        }
                    }
                }
            }
            // 4. A paragraph that is only quotes continues the previous paragraph.
            if paragraph_is_quote_only(text, p_start, p_end, s) && looks_like_speech(content) {
                if let Some(f) = previous_paragraph(text, &mut self.scratch, p_start, done, last) {
                    return f;
                }
            }
        }
        // 5. No speaker in reach: a term, a fragment, or unattributed speech.
        if is_term(text, s, before, after) {
            return Found {
                kind: Kind::Term,
                speaker: None,
                cue: None,
                rule: Rule::Term,
            };
        }
        let kind = if starts_sentence && looks_like_speech(content) {
            Kind::Direct
        } else if starts_sentence {
            Kind::Term
        } else {
            Kind::Partial
        };
        Found {
            kind,
            speaker: None,
            cue: None,
            rule: if kind == Kind::Term {
                Rule::Term
            } else {
                Rule::Unattributed
            },
        }
    }

    /// `"…," Cotton wrote` / `"…," said Ziad, a nurse` / `"…," he told Reuters`.
    fn after_patterns(&self, after: &[Tok]) -> Option<Found> {
        let text = self.text;
        let mut i = 0;
        // A comma, dash or closing bracket may stand between the mark and the attribution.
        while i < after.len()
            && after[i]
                .punct()
                .is_some_and(|c| matches!(c, ',' | '—' | '–' | '-'))
        {
            i += 1;
        }
        if i >= after.len() {
            return None;
        }
        // Cue then speaker: `said Ziad`, `added the ministry`.
        let mut v = i;
        while v < after.len() && is_adverb(text, &after[v]) {
            v += 1;
        }
        if let Some(lemma) = after.get(v).and_then(|t| cue_lemma(text, t)) {
            if let Some(np) = phrase::np_after(text, after, v + 1) {
                return Some(Found {
                    kind: Kind::Direct,
                    speaker: Some(np),
                    cue: Some(CueRef {
                        range: Range {
                            start: after[v].start,
                            end: after[v].end,
                        },
                        lemma,
                    }),
                    rule: Rule::CueSpeakerAfter,
                });
            }
        }
        // Speaker then cue: `Cotton wrote`, `he told`, `the ministry said in a statement`.
        let (np, next) = phrase::np_at(text, after, i)?;
        let mut v = next;
        while v < after.len() && is_adverb(text, &after[v]) {
            v += 1;
        }
        let t = after.get(v)?;
        let lemma = cue_lemma(text, t)?;
        Some(Found {
            kind: Kind::Direct,
            speaker: Some(np),
            cue: Some(CueRef {
                range: Range {
                    start: t.start,
                    end: t.end,
                },
                lemma,
            }),
            rule: Rule::SpeakerCueAfter,
        })
    }

    /// `Hegseth said: "…"`, `Shaw wrote on X, "…"`, `according to Smith, "…"`,
    /// `"A," he said, "B."`, and `Hegseth said this is "obviously unacceptable"`.
    fn before_patterns(&self, s: &Span, before: &[Tok]) -> Option<Found> {
        let text = self.text;
        if before.is_empty() {
            return None;
        }
        // according to NP ,
        for k in (0..before.len().saturating_sub(1)).rev() {
            if lower(text, &before[k]) == "according" && lower(text, &before[k + 1]) == "to" {
                if let Some((np, next)) = phrase::np_at(text, before, k + 2) {
                    let tail = &before[next..];
                    let direct = tail.iter().all(|t| t.punct().is_some());
                    return Some(Found {
                        kind: if direct {
                            Kind::Direct
                        } else {
                            kind_inside_sentence(text, s, before)
                        },
                        speaker: Some(np),
                        cue: Some(CueRef {
                            range: Range {
                                start: before[k].start,
                                end: before[k + 1].end,
                            },
                            lemma: "according to".into(),
                        }),
                        rule: Rule::AccordingTo,
                    });
                }
            }
        }
        // The last speech verb of the lead-in.
        let v = (0..before.len())
            .rev()
            .find(|&k| cue_lemma(text, &before[k]).is_some())?;
        let lemma = cue_lemma(text, &before[v])?;
        let cue = CueRef {
            range: Range {
                start: before[v].start,
                end: before[v].end,
            },
            lemma,
        };
        let (np, tail_from) = match phrase::np_before(text, before, v) {
            Some(np) => (Some(np), v + 1),
            None => match phrase::np_after(text, before, v + 1) {
                Some(np) => {
                    let end = np.range.end;
                    let next = before
                        .iter()
                        .position(|t| t.start >= end)
                        .unwrap_or(before.len());
                    (Some(np), next)
                }
                None => (None, v + 1),
            },
        };
        let np = np?;
        let tail = &before[tail_from..];
        let direct = tail_is_lead_in(text, tail);
        let split = before.first().is_some_and(|t| t.start == before[0].start)
            && s.start > 0
            && is_split_gap(text, before);
        Some(Found {
            kind: if direct {
                Kind::Direct
            } else {
                kind_inside_sentence(text, s, before)
            },
            speaker: Some(np),
            cue: Some(cue),
            rule: if split {
                Rule::SplitQuote
            } else if direct {
                Rule::CueBefore
            } else {
                Rule::PartialInCuedSentence
            },
        })
    }
}

/// The speaker of the paragraph before, for a quote-only paragraph.
fn previous_paragraph(
    text: &str,
    scratch: &mut Vec<Tok>,
    p_start: usize,
    done: &[Option<Attribution>],
    last: Option<(usize, usize, usize)>,
) -> Option<Found> {
    // The previous non-blank paragraph.
    let head = text[..p_start].trim_end();
    if head.is_empty() {
        return None;
    }
    let (pp_start, pp_end) = text::paragraph_bounds(text, head.len() - 1);
    // It ends with a lead-in: `Caddell continued:`.
    if head.ends_with(':') {
        text::tokenize_into(text, pp_start, pp_end, scratch);
        let toks = &scratch[..];
        let mut b0 = 0;
        for i in 0..toks.len().saturating_sub(1) {
            if text::ends_sentence(text, toks, i) {
                b0 = i + 1;
            }
        }
        let sent = &toks[b0..];
        if let Some(v) = (0..sent.len())
            .rev()
            .find(|&k| cue_lemma(text, &sent[k]).is_some())
        {
            let np =
                phrase::np_before(text, sent, v).or_else(|| phrase::np_after(text, sent, v + 1));
            if let Some(np) = np {
                return Some(Found {
                    kind: Kind::Direct,
                    speaker: Some(np),
                    cue: Some(CueRef {
                        range: Range {
                            start: sent[v].start,
                            end: sent[v].end,
                        },
                        lemma: cue_lemma(text, &sent[v]).unwrap_or_default(),
                    }),
                    rule: Rule::ColonLeadIn,
                });
            }
        }
    }
    // The last attributed quote was in that paragraph.
    let (li, lp_start, _) = last?;
    if lp_start != pp_start {
        return None;
    }
    let a = done[li].as_ref()?;
    let sp = a.speaker.as_ref()?;
    Some(Found {
        kind: Kind::Direct,
        speaker: Some(Np {
            range: sp.mention,
            speaker_type: sp.speaker_type,
        }),
        cue: a.cue.clone(),
        rule: Rule::ContinuesParagraph,
    })
}

/// Whether what follows a quote that ends with a period is only `NAME said.` — some outlets
/// write `"We will win." Smith said.`
fn after_is_bare_attribution(text: &str, after: &[Tok]) -> bool {
    let words = after.iter().filter(|t| t.is_word()).count();
    words <= 4
        && after.last().is_some_and(|t| t.is_punct('.'))
        && after.iter().any(|t| cue_lemma(text, t).is_some())
        && after.first().is_some_and(|t| {
            text::is_lowercase_word(&text[t.start..t.end]) || cue_lemma(text, t).is_some()
        })
}

/// Whether the lead-in before a quote is only an attribution (`He said:`), so the quote is
/// the whole reported content.
fn lead_in_is_attribution(text: &str, before: &[Tok]) -> bool {
    before.last().is_some_and(|t| t.is_punct(':'))
        || (before.iter().any(|t| cue_lemma(text, t).is_some())
            && before.last().is_some_and(|t| t.is_punct(',')))
}

/// What may stand between a cue and a direct quote: nothing, punctuation, or a short
/// prepositional phrase or object closed by `,` or `:` (`wrote on X,`, `told reporters:`).
fn tail_is_lead_in(text: &str, tail: &[Tok]) -> bool {
    let Some(last) = tail.last() else {
        return true;
    };
    if !(last.is_punct(':') || last.is_punct(',') || last.is_punct('—')) {
        return false;
    }
    let words = tail.iter().filter(|t| t.is_word()).count();
    // `said that,` is never a lead-in; a long tail is the reporter's own sentence.
    words <= 12 && !tail.iter().any(|t| lower(text, t) == "that")
}

/// The gap between two parts of a split quote: `, he said, ` (no sentence end).
fn is_split_gap(text: &str, before: &[Tok]) -> bool {
    before.len() <= 8
        && before
            .last()
            .is_some_and(|t| t.is_punct(',') || t.is_punct(':'))
        && before.iter().any(|t| cue_lemma(text, t).is_some())
        && before.first().is_some_and(|t| {
            let w = &text[t.start..t.end];
            !text::is_capitalised(w) || lexicon::get().pronoun(&w.to_lowercase()).is_some() || true
        })
}

/// A quote with reporter's words before it in the sentence: a partial quote or a term.
fn kind_inside_sentence(text: &str, s: &Span, before: &[Tok]) -> Kind {
    if is_term(text, s, before, &[]) {
        Kind::Term
    } else {
        Kind::Partial
    }
}

/// Whether the content reads as speech rather than a name: more than three words, or
/// closed by sentence punctuation.
fn looks_like_speech(content: &str) -> bool {
    let words = content.split_whitespace().count();
    let last = content.trim_end().chars().next_back();
    words > 3 || matches!(last, Some('.' | '!' | '?' | ',' | '…'))
}

/// Whether the paragraph holds nothing but quotes and punctuation outside the marks (from
/// the quote on; attribution-free text after it would make it a mixed paragraph).
fn paragraph_is_quote_only(text: &str, p_start: usize, _p_end: usize, s: &Span) -> bool {
    text[p_start..s.start].trim().is_empty()
}

/// Scare quotes, titles and nicknames: short, not closed by sentence punctuation, and
/// introduced like a name (`so-called "digital escorts"`, `these "digital escorts"`,
/// `titled 'Opportune China…'`), or written in title case.
fn is_term(text: &str, s: &Span, before: &[Tok], _after: &[Tok]) -> bool {
    let content = text[s.content_start..s.content_end].trim();
    let last = content.chars().next_back();
    if matches!(last, Some('.' | '!' | '?')) {
        return false;
    }
    let words: Vec<&str> = content.split_whitespace().collect();
    if words.is_empty() {
        return true;
    }
    let prev = before
        .iter()
        .rev()
        .find(|t| t.is_word())
        .map(|t| text[t.start..t.end].to_lowercase());
    let prev_adjacent = before.last().is_some_and(|t| t.is_word());
    let named = prev.as_deref().is_some_and(|p| {
        matches!(
            p,
            "so-called"
                | "called"
                | "dubbed"
                | "named"
                | "titled"
                | "entitled"
                | "termed"
                | "term"
                | "word"
                | "words"
                | "phrase"
                | "slogan"
                | "nicknamed"
                | "known"
                | "as"
                | "these"
                | "those"
                | "the"
                | "a"
                | "an"
                | "his"
                | "her"
                | "their"
                | "its"
                | "our"
                | "this"
        )
    }) || (prev_adjacent
        && before
            .last()
            .is_some_and(|t| text::is_capitalised(&text[t.start..t.end])))
        && before.len() > 1;
    let significant: Vec<&&str> = words
        .iter()
        .filter(|w| w.chars().count() > 3 || w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    let title_case = words.len() >= 2
        && !significant.is_empty()
        && significant
            .iter()
            .filter(|w| {
                w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
            })
            .count()
            * 10
            >= significant.len() * 8;
    (words.len() <= 4 && named)
        || (title_case && !before.is_empty())
        || (words.len() <= 2 && !before.is_empty())
}

#[cfg(test)]
mod tests;
