//! The source before a cue: "U.S. officials said", "Ada Brook, who led the agency, said",
//! "officials at the ministry say", participles ("…, saying") and coordinated sources.

use super::{Found, Sources};
use crate::lang::Class;
use crate::types::{EntityType, Span, Speaker, SpeakerType};

/// Words between a source's head noun and its cue across a qualifying phrase ("experts on
/// North Korea and nuclear nonproliferation said").
const QUALIFIED_HEAD_TOKENS: usize = 8;

impl<'a> Sources<'a> {
    /// The subject of the cue at token `c`: named entities, pronouns, unnamed sources, with
    /// coordinated subjects split ("London and other former officers" gives two).
    pub fn subjects(&self, c: usize) -> Vec<Found> {
        let Some(mut j) = c.checked_sub(1) else {
            return Vec::new();
        };
        let sent_first = self.seg.sentences[self.seg.tokens[c].sentence()].first_token;
        if j < sent_first {
            return Vec::new();
        }
        // Auxiliaries and adverbs between the subject and its verb: "have long said",
        // "similarly warned", "emphatically proclaimed".
        while j > sent_first
            && self.sep(j).trim().is_empty()
            && (self.is(j, Class::SourceAux) || self.is_adverb(j))
        {
            j -= 1;
        }
        // "The two engineers, however, argue": a parenthetical adverb between commas.
        if j > sent_first + 1
            && self.is(j, Class::Parenthetical)
            && self.sep(j).trim() == ","
            && self.sep(j - 1).trim() == ","
        {
            return self
                .phrase_ending_at(j - 1, sent_first)
                .into_iter()
                .collect();
        }
        if self.is_participle(c) {
            // "Brook backed the plan, saying …", "the group issued a statement saying …":
            // the clause's named subject.
            if let Some(f) = self
                .clause_subject(c)
                .or_else(|| self.clause_start_subject(sent_first, c))
            {
                return vec![f];
            }
        }
        // "Ada Brook denied the report and said": the subject of the first verb.
        if matches!(self.tok(j), "and" | "but") && self.sep(j).trim().is_empty() {
            return self
                .clause_start_subject(sent_first, j)
                .into_iter()
                .collect();
        }
        // "Sen. Ada Brook, R-Neb., said": a party or state tag set off by commas.
        if self.sep(j).trim().trim_start_matches('.') == ","
            && let Some(k) = (j.saturating_sub(2).max(sent_first + 1)..=j)
                .find(|&k| self.sep(k - 1).trim() == "," && self.is_party_tag(k, j))
            && let Some(f) = self.phrase_ending_at(k - 1, sent_first)
        {
            return vec![f];
        }
        // "Sen. Ada Brook (D-Mass.) said", "Gov. Ed Voss (R-OH), said": the name before a
        // parenthesis.
        if matches!(self.sep(j).trim().trim_start_matches('.'), ")" | "),") {
            let mut k = j;
            while k > sent_first && !self.sep(k - 1).contains('(') && j - k < 4 {
                k -= 1;
            }
            if k > sent_first
                && self.sep(k - 1).contains('(')
                && let Some(m) = self.mention_at(k - 1)
            {
                return vec![self.named(m)];
            }
        }
        // "Okafor, who says …": the name before the relative pronoun.
        if matches!(self.tok(j), "who" | "which")
            && j > sent_first
            && self.sep(j - 1).trim() == ","
            && let Some(m) = self.mention_at(j - 1)
        {
            return vec![self.named(m)];
        }
        let sep = self.sep(j);
        if sep.trim() == "," {
            return self.apposition_subject(j, sent_first).into_iter().collect();
        }
        if !sep.trim().is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        let start_tok;
        if let Some(p) = self.person_of(j, sent_first) {
            // "Rep. Ada Brook of Ohio said", "Mr. Voss of the Harbor Trust said": the person,
            // never the place or body that qualifies the name.
            return vec![self.named(p)];
        }
        if let Some(m) = self.mention_at(j) {
            let named = self.named(m);
            start_tok = self.seg.token_at_or_after(named.start);
            // "A spokeswoman for Ada Brook says", "advisers to Mr. Voss say": the head noun
            // the name qualifies speaks.
            if let Some(h) = self.head_before_preposition(start_tok, sent_first) {
                return vec![self.group(self.group_back(h, sent_first), j)];
            }
            // A name a preposition governs is not the subject: "a source speaking to the
            // Times said", "Ada Brook, the director for the Harbor Trust said".
            let mut p = start_tok;
            if p > sent_first && self.is(p - 1, Class::Determiner) {
                p -= 1;
            }
            // (A word opening a clause, "after Brook said", governs nothing.)
            if p > sent_first
                && self.sep(p - 1).trim().is_empty()
                && !self.in_quote(self.seg.tokens[p - 1].span().start)
                && self.is(p - 1, Class::FunctionWord)
                && !self.is(p - 1, Class::ClauseOpener)
                && !matches!(self.tok(p - 1), "or" | "&")
            {
                return self
                    .before_participle(p - 1, sent_first)
                    .or_else(|| self.opening_name(sent_first, j))
                    .into_iter()
                    .collect();
            }
            out.push(named);
        } else if let Some(f) = self.pronoun(j) {
            return vec![f];
        } else if self.is_head(j) {
            let a = self.group_back(j, sent_first);
            // "London and other former officers": a named entity coordinated with a group.
            if let Some(and) = (a + 1..j).find(|&t| self.tok(t) == "and")
                && let Some(m) = self.mention_at(and - 1)
            {
                let named = self.named(m);
                return vec![named, self.group(and + 1, j)];
            }
            // "officials at the ministry said": the head the phrase qualifies.
            let a = match self.head_before_preposition(a, sent_first) {
                Some(head) => self.group_back(head, sent_first),
                None => a,
            };
            // "Protesters marching through the streets chanted": a noun after a preposition
            // is its object, not the verb's subject.
            if self.object_of_preposition(a, sent_first) {
                return self
                    .before_participle(a - 1, sent_first)
                    .into_iter()
                    .collect();
            }
            out.push(self.group(a, j));
            start_tok = a;
        } else if let Some(a) = self
            .determiner_phrase(j, sent_first)
            .filter(|_| self.is(c, Class::DescribedSource))
        {
            // "the lawsuit says", "the party's nominee said": a described source, with
            // the noun it qualifies: "farmers in the valley say", "an official familiar
            // with the case said".
            if let Some(head) = self.head_before_preposition(a, sent_first) {
                return vec![self.group(self.group_back(head, sent_first), j)];
            }
            if self.object_of_preposition(a, sent_first) {
                return Vec::new();
            }
            return vec![self.group(a, j)];
        } else {
            // "Experts on North Korea and nonproliferation said": a head noun and the
            // phrase its preposition opens, with no punctuation up to the cue.
            let head = (j.saturating_sub(QUALIFIED_HEAD_TOKENS).max(sent_first + 1)..j)
                .rev()
                .take_while(|&t| self.sep(t).trim().is_empty())
                .find(|&t| self.is(t, Class::SourcePreposition) && self.is_head(t - 1))
                .map(|p| p - 1);
            return match head {
                Some(h)
                    if !self.object_of_preposition(self.group_back(h, sent_first), sent_first) =>
                {
                    vec![self.group(self.group_back(h, sent_first), j)]
                }
                _ => Vec::new(),
            };
        }
        // "Ada Brook and Ed Voss said", "Mr. Brook and Mr. Voss said": one more named
        // entity before "and".
        if start_tok >= 2
            && self.tok(start_tok - 1) == "and"
            && self.same_sentence(start_tok - 2, start_tok)
            && let Some(m) = self.mention_at(start_tok - 2)
        {
            out.insert(0, self.named(m));
        }
        // A place never speaks: "Ada Brook, of Springfield, said" is Brook's or no one's.
        out.retain(|f| {
            f.speaker
                .entity
                .is_none_or(|e| self.entities[e].etype != EntityType::Loc)
        });
        out
    }

    /// A lower-case noun phrase ending at token `j` that opens with a determiner within four
    /// words: returns the determiner's token.
    pub(crate) fn determiner_phrase(&self, j: usize, floor: usize) -> Option<usize> {
        let w = self.tok(j);
        if self.seg.tokens[j].cap
            || !w.chars().all(char::is_alphabetic)
            || self.is(j, Class::FunctionWord)
            || self.is(j, Class::PhraseBreak)
        {
            return None;
        }
        let mut a = j;
        while a > floor
            && j - a < 5
            && self.same_sentence(a - 1, j)
            && self.sep(a - 1).trim().is_empty()
        {
            a -= 1;
            if self.is(a, Class::Determiner) {
                return Some(a);
            }
            if self.seg.tokens[a].possessive() && self.seg.tokens[a].cap {
                // "Brook’s spokesman said".
                return Some(a);
            }
        }
        None
    }

    /// The source phrase ending at token `k`: a named entity, or an unnamed source with the
    /// phrase it governs ("newspapers in New Jersey", "an official familiar with the case").
    pub(crate) fn phrase_ending_at(&self, k: usize, floor: usize) -> Option<Found> {
        let start = if let Some(m) = self.mention_at(k) {
            self.seg.token_at_or_after(m.span.start)
        } else if self.is_head(k) {
            self.group_back(k, floor)
        } else {
            self.determiner_phrase(k, floor)?
        };
        if let Some(head) = self.head_before_preposition(start, floor) {
            return Some(self.group(self.group_back(head, floor), k));
        }
        match self.mention_at(k) {
            Some(m) => Some(self.named(m)),
            None => Some(self.group(start, k)),
        }
    }

    /// For a phrase starting at token `a`, the head noun it qualifies through a preposition:
    /// "officials *in* …", "an official familiar *with* …".
    pub(crate) fn head_before_preposition(&self, a: usize, floor: usize) -> Option<usize> {
        if a < floor + 2 || !self.is(a - 1, Class::SourcePreposition) {
            return None;
        }
        let mut h = a - 2;
        if self.is(h, Class::PostmodBeforePreposition) && h > floor {
            h -= 1;
        }
        let joined = (h..a).all(|t| self.sep(t).trim().is_empty());
        (joined && self.is_head(h)).then_some(h)
    }

    /// Capitalised words `[a, end)` read as a person's name no list holds ("Varga").
    pub(crate) fn raw_name(&self, a: usize, end: usize) -> Option<Found> {
        let ok = end > a
            && end - a <= 3
            && (a..end).all(|t| {
                let w = self.tok(t);
                self.seg.tokens[t].cap
                    && w.chars().any(char::is_lowercase)
                    && !self.lex.is(&w.to_lowercase(), Class::FunctionWord)
            })
            && (a + 1..end).all(|t| self.sep(t - 1) == " ");
        if !ok {
            return None;
        }
        let span = Span::new(
            self.seg.tokens[a].span().start,
            self.seg.tokens[end - 1].span().end,
        );
        Some(Found {
            speaker: Speaker {
                name: span.of(self.text).to_string(),
                entity: None,
                stype: SpeakerType::Person,
                role: None,
            },
            start: span.start,
            end: span.end,
            pronoun: false,
        })
    }

    /// The one speaker of a quote whose cue is at token `c`: of coordinated subjects ("Ada
    /// Brook and Ola Berg wrote") the last, written as the whole coordination.
    pub fn quote_subject(&self, c: usize) -> Option<Found> {
        let subjects = self.subjects(c);
        let start = subjects.first()?.start;
        let mut f = subjects.into_iter().last()?;
        f.start = f.start.min(start);
        Some(f)
    }
}
