//! The grammar of sources, shared by quote attribution and claims: who a cue's subject is
//! ("U.S. officials said", "Ada Brook, who led the agency, said"), who follows it ("said
//! Ada Brook", "according to people familiar with the talks"), pronouns and their
//! antecedents, unnamed sources and their head nouns.

use crate::lang::{Class, Classes, Language};
use crate::segment::{Segments, Token};
use crate::types::{Entity, EntityType, Mention, Quote, Span, Speaker, SpeakerType};

/// What the speaker stages read of a resolved document: plain data.
#[derive(Debug, Clone, Copy)]
pub struct DocView<'a> {
    /// The text.
    pub text: &'a str,
    /// Its paragraphs, sentences and tagged tokens.
    pub seg: &'a Segments,
    /// The language of its words.
    pub lang: &'a Language,
    /// The resolved mentions, in text order.
    pub mentions: &'a [Mention],
    /// The entities they resolve to.
    pub entities: &'a [Entity],
    /// The quotes, in text order.
    pub quotes: &'a [Quote],
}

/// Finds sources around cues in one document.
pub struct Sources<'a> {
    pub text: &'a str,
    pub seg: &'a Segments,
    pub mentions: &'a [Mention],
    pub entities: &'a [Entity],
    /// Outer spans of all quotes, in text order: their ends are in order too.
    pub quote_spans: Vec<Span>,
    /// Word lists (ordinary words, given names) for names no list holds.
    pub lex: &'a Language,
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

/// Words of the longest honorific before a name ("Secretary of State").
const HONORIFIC_TOKENS: usize = 4;

mod clause;
mod object;
mod phrase;
mod reference;
mod subject;

/// False when token `t` can be neither a cue ([`Sources::is_cue`]) nor an evidence word: it
/// is no speech verb, evidence word or phrasal cue's verb, and not nine bytes long
/// ("according"). One test of its classes, before the tests that slice its text.
#[inline]
pub fn may_be_cue(t: &Token) -> bool {
    const CUES: Classes = Classes::NONE
        .with(Class::Speech)
        .with(Class::Evidence)
        .with(Class::PhrasalVerb);
    t.lex.any(CUES) || t.span().len() == "according".len()
}

impl<'a> Sources<'a> {
    /// The source grammar over one resolved document.
    pub fn new(doc: &DocView<'a>) -> Self {
        let mentions = doc.mentions;
        Sources {
            text: doc.text,
            seg: doc.seg,
            mentions,
            entities: doc.entities,
            quote_spans: doc.quotes.iter().map(|q| q.outer).collect(),
            lex: doc.lang,
        }
    }

    pub fn tok(&self, i: usize) -> &'a str {
        self.seg.tokens[i].span().of(self.text)
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
    #[inline]
    pub fn is_cue(&self, i: usize) -> bool {
        self.is(i, Class::Speech)
            || (self.is_according(i) && i + 1 < self.seg.tokens.len() && self.tok(i + 1) == "to")
            || self.is_phrasal(i)
    }

    /// Token `i` and the next are a two-word cue ("called for", "pointed out").
    #[inline]
    pub fn is_phrasal(&self, i: usize) -> bool {
        self.is(i, Class::PhrasalVerb)
            && i + 1 < self.seg.tokens.len()
            && self.sep(i) == " "
            && self
                .lex
                .phrasal_cues
                .iter()
                .any(|(v, p)| v == self.tok(i) && p == self.tok(i + 1))
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
        self.cue_span(i).of(self.text).to_string()
    }

    /// Where the cue at token `i` is written: one token, or "according to".
    pub fn cue_span(&self, i: usize) -> Span {
        if self.is_according(i) || self.is_phrasal(i) {
            Span::new(
                self.seg.tokens[i].span().start,
                self.seg.tokens[i + 1].span().end,
            )
        } else {
            self.seg.tokens[i].span()
        }
    }

    /// The text between token `i` and the next one; after the last token, the rest of the
    /// text.
    pub(crate) fn sep(&self, i: usize) -> &'a str {
        let a = self.seg.tokens[i];
        match self.seg.tokens.get(i + 1) {
            Some(b) => &self.text[a.full_end()..b.span().start],
            None => &self.text[a.full_end()..],
        }
    }

    pub(crate) fn same_sentence(&self, i: usize, j: usize) -> bool {
        self.seg.tokens[i].sentence() == self.seg.tokens[j].sentence()
    }

    /// The mention covering token `i`.
    pub(crate) fn mention_at(&self, i: usize) -> Option<&'a Mention> {
        let sp = self.seg.tokens[i].span();
        let k = self.mentions.partition_point(|m| m.span.end <= sp.start);
        self.mentions
            .get(k)
            .filter(|m| m.span.start <= sp.start && sp.end <= m.span.end)
    }

    pub(crate) fn entity_speaker(&self, m: &Mention) -> Speaker {
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

    /// A named speaker; its phrase as written takes in a title right before the name
    /// ("Mrs. Lee", "Secretary of State Ada Brook").
    pub(crate) fn named(&self, m: &Mention) -> Found {
        Found {
            speaker: self.entity_speaker(m),
            start: self.title_start(m).unwrap_or(m.span.start),
            end: m.span.end,
            pronoun: false,
        }
    }

    /// Where a title written right before the mention starts: an honorific of the lexicon
    /// ("Sen.", "Secretary of State"), else the mention's role as written ("CIA Director").
    fn title_start(&self, m: &Mention) -> Option<usize> {
        let a = self.seg.token_at_or_after(m.span.start);
        let first = self
            .seg
            .sentences
            .get(self.seg.tokens.get(a)?.sentence())?
            .first_token;
        // The longest honorific ending right before the name, a hash lookup per word; and
        // titles in a row: "Speaker of the House Rep. Ada Brook".
        if let Some(mut s) = self.honorific_before(a, first) {
            while let Some(p) = self.honorific_before(s, first) {
                s = p;
            }
            return Some(self.seg.tokens[s].span().start);
        }
        // A role that swallowed a sentence's first word ("But Mr.") is not all title.
        let r = m.role.as_deref()?;
        let rest = self.text[..m.span.start]
            .strip_suffix(' ')?
            .strip_suffix(r)?;
        let whole = rest.is_empty() || rest.ends_with([' ', '\n', '(', '“', '"']);
        let t = self.seg.token_at_or_after(rest.len());
        (whole && t < a && !self.is(t, Class::NotSource)).then_some(rest.len())
    }

    /// Where the clause proper starts in tokens `[first, end)`: past a fronted phrase and
    /// its comma ("In an interview on Monday, Ada Brook said"), else at `first`; `None` when
    /// a fronted phrase has no comma before `end`.
    pub(crate) fn past_fronted(&self, first: usize, end: usize) -> Option<usize> {
        if !self.is(first, Class::Fronting) {
            return Some(first);
        }
        (first..end)
            .find(|&k| self.sep(k).trim() == ",")
            .map(|k| k + 1)
    }

    /// The first token of the longest honorific that ends right before token `a`.
    fn honorific_before(&self, a: usize, first: usize) -> Option<usize> {
        (a.saturating_sub(HONORIFIC_TOKENS).max(first)..a).find(|&s| {
            self.lex
                .honorific_index
                .get(self.tok(s))
                .is_some_and(|cands| {
                    cands.iter().any(|w| {
                        s + w.len() == a
                            && w.iter().enumerate().all(|(i, x)| self.tok(s + i) == x)
                            && (s..a).all(|t| self.sep(t) == " ")
                    })
                })
        })
    }

    /// The source phrase of tokens `[a, b]`: what a description ("the company") refers to
    /// when the text names it before, else the phrase itself as an unnamed source.
    pub(crate) fn group(&self, a: usize, b: usize) -> Found {
        if let Some(f) = self.description(a, b) {
            return f;
        }
        let span = Span::new(
            self.seg.tokens[a].span().start,
            self.seg.tokens[b].span().end,
        );
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
