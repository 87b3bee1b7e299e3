//! Stage 7: attribute each quotation to its speaker, as a sieve from most to least certain:
//! an explicit cue in the quote's sentence, a pronoun or nominal speaker resolved to its
//! antecedent, an attribution in the next sentence or the previous quote's speaker, and
//! otherwise unknown. Every rung is a unit of [`SIEVE`] with its own rule id; the rule's
//! confidence is the registry's.

use crate::lang::{Class, Language};
use crate::segment::Segments;
use crate::types::{Entity, EntityType, Mention, Quote, Span, Speaker, SpeakerType};

pub use sieve::{Attribution, SIEVE};

/// Finds speakers around cues in one document.
pub struct Attributor<'a> {
    pub text: &'a str,
    pub seg: &'a Segments,
    pub mentions: &'a [Mention],
    pub entities: &'a [Entity],
    /// Outer spans of all quotes, sorted.
    pub quote_spans: Vec<Span>,
    /// Word lists (ordinary words, given names) for names no list holds.
    pub lex: &'a Language,
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
mod sieve;
mod subject;

impl<'a> Attributor<'a> {
    pub fn new(
        text: &'a str,
        seg: &'a Segments,
        lex: &'a Language,
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

    /// True when token `i` is of word class `c`.
    #[inline]
    pub fn is(&self, i: usize, c: Class) -> bool {
        self.seg.tokens[i].is(c)
    }

    /// True when token `i` is the "according" of "according to".
    pub fn is_according(&self, i: usize) -> bool {
        self.tok(i).eq_ignore_ascii_case("according")
    }

    pub fn in_quote(&self, at: usize) -> bool {
        let i = self.quote_spans.partition_point(|s| s.end <= at);
        self.quote_spans.get(i).is_some_and(|s| s.start <= at)
    }

    /// True when token `i` is a cue: a speech verb or the "according" of "according to".
    pub fn is_cue(&self, i: usize) -> bool {
        self.is(i, Class::Speech)
            || (self.is_according(i) && i + 1 < self.seg.tokens.len() && self.tok(i + 1) == "to")
    }

    /// Cues of a quote in its own sentence: the speech verbs, and verbs that frame a quoted
    /// phrase ("called the plan “a disaster”", "vowing to “fight on”").
    pub fn is_quote_cue(&self, i: usize) -> bool {
        self.is_cue(i) || self.is(i, Class::Framing)
    }

    /// A participle cue ("saying", "calling"), whose speaker is its clause's subject;
    /// "according" is not one.
    pub fn is_participle(&self, i: usize) -> bool {
        self.tok(i).ends_with("ing") && !self.is_according(i)
    }

    /// The cue text as written ("said", "according to").
    pub fn cue_text(&self, i: usize) -> String {
        if self.is_according(i) {
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
        // Only "he" and "she" resolve; "they" names no one in particular.
        if !self.is(i, Class::PronounSingular) {
            return None;
        }
        // The subject of the pronoun's own sentence first ("Reis said he …, Brook, whom he
        // called …"), else the nearest person before it.
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
}
