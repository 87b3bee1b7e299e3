//! Stage 7: attribute each quotation to its speaker, as a sieve from most to least certain:
//! an explicit cue in the quote's sentence, a pronoun or nominal speaker resolved to its
//! antecedent, an attribution in the next sentence or the previous quote's speaker, and
//! otherwise unknown. Every rung has its own rule id and confidence (see `QUOTE_RULES`).

use crate::cues::{Pronoun, is_framing_verb, is_speech_verb, pronoun_kind};
use crate::gazetteer::Lexicon;
use crate::segment::Segments;
use crate::types::{
    Claim, ClaimKind, Entity, EntityType, Mention, Quote, QuoteKind, Span, Speaker, SpeakerType,
};

/// The rungs of quote attribution: id, confidence, reason.
#[rustfmt::skip]
pub const QUOTE_RULES: &[(&str, f32, &str)] = &[
    ("quote.after.speaker-cue", 0.95, "“…,” Ada Brook said / “…,” she said: speaker and cue right after the quote"),
    ("quote.after.cue-speaker", 0.95, "“…,” said Ada Brook: cue then speaker right after the quote"),
    ("quote.after.speaker-verb", 0.85, "“…,” Brook charged. / “…,” he continued.: a person and a verb closing the clause"),
    ("quote.before", 0.9, "Ada Brook said: “…” / according to Ada Brook, “…”: cue right before the quote"),
    ("quote.sentence-cue", 0.8, "a cue elsewhere in the quote's sentence: X said they are “sharply focused”"),
    ("quote.colon", 0.6, "Ada Brook praises the plan: “…”: the sentence's named subject introduces the quote"),
    ("quote.next-sentence", 0.7, "no cue in the sentence, a short attribution follows: “…” Brook said."),
    ("quote.continuation", 0.75, "no cue, an earlier quote in the same paragraph has a speaker"),
    ("quote.previous-sentence", 0.6, "no cue, the sentence before names who spoke: “Lynch announced the suit. “We …”"),
    ("quote.unattributed", 0.1, "no cue and no earlier speaker: speaker left unknown"),
    ("quote.not-speech", 1.0, "a title, scare quote or nickname: not speech (written with --all-quotes)"),
];

fn conf(rule: &str) -> f32 {
    QUOTE_RULES
        .iter()
        .find(|r| r.0 == rule)
        .map_or(0.5, |r| r.1)
}

/// Finds speakers around cues in one document.
pub struct Attributor<'a> {
    pub text: &'a str,
    pub seg: &'a Segments,
    pub mentions: &'a [Mention],
    pub entities: &'a [Entity],
    /// Outer spans of all quotes, sorted.
    pub quote_spans: Vec<Span>,
    /// Word lists (ordinary words, given names) for names no list holds.
    pub lex: &'a Lexicon,
    /// `last_person[k]`: 1 + the index of the last person mentioned outside quotes among
    /// `mentions[..k]`, 0 when none: he/she resolve in O(log n), not by a scan back.
    last_person: Vec<usize>,
}

/// A speaker found at a place in the text.
#[derive(Debug, Clone)]
pub struct Found {
    pub speaker: Speaker,
    /// Where the speaker phrase starts and ends (for content spans).
    pub start: usize,
    pub end: usize,
    pub pronoun: bool,
}

mod object;
mod phrase;
mod subject;
mod words;

impl<'a> Attributor<'a> {
    pub fn new(
        text: &'a str,
        seg: &'a Segments,
        lex: &'a Lexicon,
        mentions: &'a [Mention],
        entities: &'a [Entity],
        quotes: &[Quote],
    ) -> Self {
        let mut at = Attributor {
            text,
            seg,
            mentions,
            entities,
            quote_spans: quotes.iter().map(|q| q.outer).collect(),
            lex,
            last_person: Vec::with_capacity(mentions.len() + 1),
        };
        let mut last = 0;
        at.last_person.push(0);
        for (i, m) in mentions.iter().enumerate() {
            if m.etype == EntityType::Person && !at.in_quote(m.span.start) {
                last = i + 1;
            }
            at.last_person.push(last);
        }
        at
    }

    pub fn tok(&self, i: usize) -> &'a str {
        self.seg.tokens[i].span.of(self.text)
    }

    pub fn in_quote(&self, at: usize) -> bool {
        let i = self.quote_spans.partition_point(|s| s.end <= at);
        self.quote_spans.get(i).is_some_and(|s| s.start <= at)
    }

    /// True when token `i` is a cue: a speech verb or the "according" of "according to".
    pub fn is_cue(&self, i: usize) -> bool {
        let w = self.tok(i);
        is_speech_verb(w)
            || (w.eq_ignore_ascii_case("according")
                && i + 1 < self.seg.tokens.len()
                && self.tok(i + 1) == "to")
    }

    /// Cues of a quote in its own sentence: the speech verbs, and verbs that frame a quoted
    /// phrase ("called the plan “a disaster”", "vowing to “fight on”").
    pub fn is_quote_cue(&self, i: usize) -> bool {
        self.is_cue(i) || is_framing_verb(self.tok(i))
    }

    /// A participle cue ("saying", "calling"), whose speaker is its clause's subject;
    /// "according" is not one.
    pub fn is_participle(&self, i: usize) -> bool {
        let w = self.tok(i);
        w.ends_with("ing") && !w.eq_ignore_ascii_case("according")
    }

    /// The cue text as written ("said", "according to").
    pub fn cue_text(&self, i: usize) -> String {
        if self.tok(i).eq_ignore_ascii_case("according") {
            Span::new(
                self.seg.tokens[i].span.start,
                self.seg.tokens[i + 1].span.end,
            )
            .of(self.text)
            .to_string()
        } else {
            self.tok(i).to_string()
        }
    }

    pub(super) fn sep(&self, i: usize) -> &'a str {
        let (a, b) = (self.seg.tokens[i], self.seg.tokens[i + 1]);
        &self.text[a.full_end..b.span.start]
    }

    pub(super) fn same_sentence(&self, i: usize, j: usize) -> bool {
        self.seg.tokens[i].sentence == self.seg.tokens[j].sentence
    }

    /// The mention covering token `i`.
    pub(super) fn mention_at(&self, i: usize) -> Option<&'a Mention> {
        let sp = self.seg.tokens[i].span;
        let k = self.mentions.partition_point(|m| m.span.end <= sp.start);
        self.mentions
            .get(k)
            .filter(|m| m.span.start <= sp.start && sp.end <= m.span.end)
    }

    pub(super) fn entity_speaker(&self, m: &Mention) -> Speaker {
        let e = &self.entities[m.entity];
        Speaker {
            name: e.name.clone(),
            entity: Some(m.entity),
            stype: if e.etype == EntityType::Person {
                SpeakerType::Person
            } else {
                SpeakerType::Org
            },
            role: m.role.clone(),
        }
    }

    pub(super) fn named(&self, m: &Mention) -> Found {
        Found {
            speaker: self.entity_speaker(m),
            start: m.span.start,
            end: m.span.end,
            pronoun: false,
        }
    }

    /// The nearest named person before byte `at`, outside quotes: the antecedent of he/she.
    pub(super) fn person_before(&self, at: usize) -> Option<&'a Mention> {
        let k = self.mentions.partition_point(|m| m.span.start < at);
        self.last_person[k]
            .checked_sub(1)
            .map(|i| &self.mentions[i])
    }

    pub(super) fn pronoun(&self, i: usize) -> Option<Found> {
        match pronoun_kind(self.tok(i))? {
            Pronoun::Singular => {
                // The subject of the pronoun's own sentence first ("Cross said he …,
                // Clinton, whom he called …"), else the nearest person before it.
                let first = self.seg.sentences[self.seg.tokens[i].sentence].first_token;
                let subject = self
                    .mention_at(first)
                    .filter(|m| m.etype == EntityType::Person && first < i);
                let m = match subject {
                    Some(m) => m,
                    None => self.person_before(self.seg.tokens[i].span.start)?,
                };
                Some(Found {
                    speaker: self.entity_speaker(m),
                    start: self.seg.tokens[i].span.start,
                    end: self.seg.tokens[i].span.end,
                    pronoun: true,
                })
            }
            Pronoun::Plural => None,
        }
    }

    pub(super) fn group(&self, a: usize, b: usize) -> Found {
        let span = Span::new(self.seg.tokens[a].span.start, self.seg.tokens[b].span.end);
        Found {
            speaker: Speaker {
                name: span.of(self.text).to_string(),
                entity: None,
                stype: SpeakerType::Group,
                role: None,
            },
            start: span.start,
            end: span.end,
            pronoun: false,
        }
    }

    /// Attributes every speech quote; other quotes get `quote.not-speech`.
    pub fn quotes(&self, quotes: &[Quote], used_cues: &mut Vec<usize>) -> Vec<Claim> {
        let mut out: Vec<Claim> = Vec::with_capacity(quotes.len());
        for (qi, q) in quotes.iter().enumerate() {
            if !q.kind.is_speech() {
                out.push(Claim {
                    kind: q.kind.into(),
                    speaker: None,
                    cue: String::new(),
                    content: q.content,
                    rule: "quote.not-speech",
                    confidence: conf("quote.not-speech"),
                });
                continue;
            }
            // Only a direct quote spends its cue: a partial quote sits inside a paraphrase
            // that is a claim of its own.
            let mut spent = Vec::new();
            let (found, cue, rule) = self.attribute_one(q, &out, &quotes[..qi], &mut spent);
            if q.kind == QuoteKind::Direct {
                used_cues.extend(spent);
            }
            let rule = match (&found, rule) {
                (None, _) => "quote.unattributed",
                (_, r) => r,
            };
            out.push(Claim {
                kind: ClaimKind::from(q.kind),
                speaker: found.map(|f| f.speaker),
                cue,
                content: q.content,
                rule,
                confidence: conf(rule),
            });
        }
        out
    }

    pub(super) fn attribute_one(
        &self,
        q: &Quote,
        done: &[Claim],
        earlier: &[Quote],
        used_cues: &mut Vec<usize>,
    ) -> (Option<Found>, String, &'static str) {
        let seg = self.seg;
        let s_open = seg.sentence_at(q.outer.start);
        let s_close = seg.sentence_at(q.outer.end.saturating_sub(1));
        let ntok = seg.tokens.len();
        // 1a. Right after the closing mark.
        let k = seg.token_at_or_after(q.outer.end);
        if k < ntok && seg.tokens[k].sentence == s_close && !self.in_quote(seg.tokens[k].span.start)
        {
            let gap = &self.text[q.outer.end..seg.tokens[k].span.start];
            if gap
                .trim()
                .chars()
                .all(|c| matches!(c, ',' | '—' | '–' | '-'))
            {
                if self.is_cue(k) {
                    let skip = if self.tok(k).eq_ignore_ascii_case("according") {
                        2
                    } else {
                        1
                    };
                    // "“…,” saying …" has the clause's subject; "“…,” said Ada Brook." the
                    // phrase after the cue, when it closes the clause.
                    let found = if self.is_participle(k) {
                        self.clause_subject(k)
                    } else {
                        self.final_objects(k + skip).into_iter().next()
                    };
                    if let Some(f) = found {
                        used_cues.push(k);
                        return (Some(f), self.cue_text(k), "quote.after.cue-speaker");
                    }
                }
                for c in k + 1..(k + 20).min(ntok) {
                    if seg.tokens[c].sentence != s_close || self.in_quote(seg.tokens[c].span.start)
                    {
                        break;
                    }
                    if self.is_cue(c) {
                        if let Some(f) = self.subjects(c).into_iter().last()
                            && f.start >= q.outer.end
                        {
                            used_cues.push(c);
                            return (Some(f), self.cue_text(c), "quote.after.speaker-cue");
                        }
                        // "“…,” Ola Berg, the firm's director, said": the name after the quote,
                        // known or not.
                        let named =
                            match self.mention_at(k).filter(|m| m.etype == EntityType::Person) {
                                Some(m) => Some(self.named(m)),
                                None => {
                                    let mut e = k;
                                    while e < c
                                        && e < k + 3
                                        && seg.tokens[e].cap
                                        && self.sep(e).trim().is_empty()
                                    {
                                        e += 1;
                                    }
                                    let comma = e < c && e > k && self.sep(e).trim() == ",";
                                    if seg.tokens[e].cap && comma {
                                        self.raw_name(k, e + 1)
                                    } else {
                                        None
                                    }
                                }
                            };
                        if let Some(f) = named {
                            used_cues.push(c);
                            return (Some(f), self.cue_text(c), "quote.after.speaker-cue");
                        }
                        break;
                    }
                }
                // "“…,” Kelly charged." / "“…,” he continued.": a person and any verb.
                if let Some(f) = self.person_then_verb(k, s_close) {
                    let verb = self.seg.token_at_or_after(f.end);
                    return (
                        Some(f),
                        self.tok(verb).to_string(),
                        "quote.after.speaker-verb",
                    );
                }
            }
        }
        // 1b. A cue right before the opening mark: "X said: “", "according to X, “".
        let first = seg.sentences[s_open].first_token;
        let before_end = seg.token_at_or_after(q.outer.start);
        for c in (first..before_end).rev().take(12) {
            if self.in_quote(seg.tokens[c].span.start) {
                break;
            }
            if self.is_quote_cue(c) {
                let tail = &self.text[seg.tokens[c].full_end..q.outer.start];
                let near = before_end - c <= 4
                    && (tail.trim_end().ends_with([':', ','])
                        || tail.trim().is_empty()
                        || tail.trim_end().ends_with(" that"));
                if near {
                    let found = if self.tok(c).eq_ignore_ascii_case("according") {
                        self.objects(c + 2).into_iter().next()
                    } else {
                        self.subjects(c).into_iter().last()
                    };
                    if let Some(f) = found {
                        used_cues.push(c);
                        return (Some(f), self.cue_text(c), "quote.before");
                    }
                }
                break;
            }
        }
        // 1c. A cue elsewhere in the quote's sentences, nearest first.
        // (Within 40 tokens of the quote: a run-on sentence must not make this quadratic.)
        let last = seg.sentences[s_close]
            .end_token
            .min(seg.token_at_or_after(q.outer.end) + 40);
        let near_first = first.max(before_end.saturating_sub(40));
        let mut cues: Vec<usize> = (near_first..last)
            .filter(|&c| !self.in_quote(seg.tokens[c].span.start) && self.is_quote_cue(c))
            .collect();
        cues.sort_by_key(|&c| seg.tokens[c].span.start.abs_diff(q.outer.start));
        for c in cues {
            let found = if self.tok(c).eq_ignore_ascii_case("according") {
                self.objects(c + 2).into_iter().next()
            } else {
                self.subjects(c)
                    .into_iter()
                    .last()
                    .or_else(|| self.final_objects(c + 1).into_iter().next())
            };
            if let Some(f) = found {
                used_cues.push(c);
                return (Some(f), self.cue_text(c), "quote.sentence-cue");
            }
        }
        // 1d. "X praises the car: “…”": the sentence's named subject.
        if self.text[..q.outer.start].trim_end().ends_with(':') {
            let m = (first..before_end)
                .find_map(|t| self.mention_at(t).filter(|m| m.etype != EntityType::Loc));
            if let Some(m) = m {
                return (Some(self.named(m)), String::new(), "quote.colon");
            }
        }
        // 3a. A short attribution sentence next: "“…” Brook said."
        let next = s_close + 1;
        if next < seg.sentences.len()
            && seg.sentences[next].paragraph == seg.sentences[s_close].paragraph
        {
            let ns = seg.sentences[next];
            if ns.end_token - ns.first_token <= 6 {
                for c in ns.first_token..ns.end_token {
                    if self.is_cue(c)
                        && let Some(f) = self.subjects(c).into_iter().last()
                    {
                        used_cues.push(c);
                        return (Some(f), self.cue_text(c), "quote.next-sentence");
                    }
                }
            }
        }
        // 3b. The previous quote of the same paragraph had a speaker.
        let para = seg.sentences[s_open].paragraph;
        for (pq, pc) in earlier.iter().zip(done).rev().take(6) {
            if seg.sentences[seg.sentence_at(pq.outer.start)].paragraph != para {
                break;
            }
            if let Some(sp) = pc.speaker.clone().filter(|_| pq.kind.is_speech()) {
                return (
                    Some(Found {
                        speaker: sp,
                        start: pq.outer.start,
                        end: pq.outer.start,
                        pronoun: false,
                    }),
                    pc.cue.clone(),
                    "quote.continuation",
                );
            }
        }
        // 3c. A paragraph that ends with a colon introduces the quote that opens the next:
        // "The foundation describes itself this way:\n“Everywhere we go …”"
        if s_open > 0
            && seg.sentences[s_open - 1].paragraph + 1 == para
            && seg.sentences[s_open].first_token == before_end
        {
            let prev = seg.sentences[s_open - 1];
            if self.text[..prev.span.end].trim_end().ends_with(':') {
                let named = (prev.first_token..prev.end_token)
                    .find_map(|t| self.mention_at(t).filter(|m| m.etype != EntityType::Loc));
                if let Some(m) = named {
                    return (Some(self.named(m)), ":".to_string(), "quote.colon");
                }
            }
        }
        // 3d. The sentence before, in the same paragraph, reports a named speaker: "Lynch
        // announced the lawsuit on Monday. “We are seeking a court order …”"
        if s_open > 0 && seg.sentences[s_open - 1].paragraph == para {
            let prev = seg.sentences[s_open - 1];
            for c in prev.first_token..prev.end_token {
                if self.in_quote(seg.tokens[c].span.start) || !self.is_quote_cue(c) {
                    continue;
                }
                if let Some(f) = self
                    .subjects(c)
                    .into_iter()
                    .last()
                    .filter(|f| f.speaker.entity.is_some())
                {
                    return (Some(f), self.cue_text(c), "quote.previous-sentence");
                }
            }
        }
        (None, String::new(), "quote.unattributed")
    }
}
