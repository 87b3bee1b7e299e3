//! Stage 4b: pattern rules for names that no gazetteer holds. Every rule has a stable id
//! (written to `mentions.csv` as `rule:<id>`), and its reason sits next to it in `RULES`.
//!
//! The rules work on *name runs*: maximal sequences of capitalised tokens inside one
//! sentence, joined by single spaces (with name particles such as "de" or "of" allowed
//! between capitalised words), ending at a possessive.

pub mod document;
pub mod org;
pub mod person;
mod shapes;
pub mod table;
pub mod team;
pub mod user;

use crate::lang::{Class, Language};
use crate::segment::{Segments, Token};
use crate::types::Candidate;

/// A run of capitalised tokens: token indices `[first, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    pub first: usize,
    pub end: usize,
}

/// The rule context for one document.
pub struct Ctx<'a> {
    pub text: &'a str,
    pub seg: &'a Segments,
    pub lex: &'a Language,
    /// Is this a sports report (results, leagues, goals)? Worked out when first asked.
    sports: std::cell::OnceCell<bool>,
}

impl<'a> Ctx<'a> {
    pub fn new(text: &'a str, seg: &'a Segments, lex: &'a Language) -> Ctx<'a> {
        Ctx {
            text,
            seg,
            lex,
            sports: std::cell::OnceCell::new(),
        }
    }

    pub fn is_sports_report(&self) -> bool {
        *self.sports.get_or_init(|| team::is_sports_report(self.seg))
    }

    pub fn tok(&self, i: usize) -> &'a str {
        self.seg.tokens[i].span().of(self.text)
    }
    pub fn token(&self, i: usize) -> Token {
        self.seg.tokens[i]
    }
    /// True when token `i` is of word class `c`.
    pub fn is(&self, i: usize, c: Class) -> bool {
        self.seg.tokens[i].is(c)
    }
    /// True when tokens `i` and `i + 1` sit in one sentence with only a space between, or
    /// around a quoted nickname: Ruth “Rudi” Okafor.
    pub fn adjacent(&self, i: usize) -> bool {
        if i + 1 >= self.seg.tokens.len() {
            return false;
        }
        let (a, b) = (self.seg.tokens[i], self.seg.tokens[i + 1]);
        if a.sentence() != b.sentence() || a.possessive() {
            return false;
        }
        // The one-space gap, most pairs, is tested on bytes before any slice.
        if crate::types::one_space_between(self.text, a.span().end, b.span().start) {
            return true;
        }
        match &self.text[a.span().end..b.span().start] {
            " “" | " \"" => self.nickname_at(i + 1),
            "” " | "\" " => i > 0 && self.nickname_at(i),
            _ => false,
        }
    }

    /// Token `i` is a one-word capitalised nickname in quotes between two name words.
    fn nickname_at(&self, i: usize) -> bool {
        let toks = &self.seg.tokens;
        if i == 0 || i + 1 >= toks.len() || !toks[i].cap || !toks[i - 1].cap || !toks[i + 1].cap {
            return false;
        }
        let before = &self.text[toks[i - 1].span().end..toks[i].span().start];
        let after = &self.text[toks[i].span().end..toks[i + 1].span().start];
        matches!((before, after), (" “", "” ") | (" \"", "\" "))
    }
    /// The word after token `i` in the same sentence, if only spaces separate them.
    pub fn next_word(&self, i: usize) -> Option<&'a str> {
        (i + 1 < self.seg.tokens.len() && self.adjacent(i)).then(|| self.tok(i + 1))
    }
    pub fn prev_word(&self, i: usize) -> Option<&'a str> {
        (i > 0 && self.adjacent(i - 1)).then(|| self.tok(i - 1))
    }
    pub fn is_sentence_start(&self, i: usize) -> bool {
        self.seg.sentences[self.seg.tokens[i].sentence()].first_token == i
    }
    pub fn in_headline(&self, i: usize) -> bool {
        self.seg.sentences[self.seg.tokens[i].sentence()].headline
    }
}

/// All name runs of the document, in order.
pub fn runs(ctx: &Ctx) -> Vec<Run> {
    let toks = &ctx.seg.tokens;
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !toks[i].cap {
            i += 1;
            continue;
        }
        let first = i;
        let mut end = i + 1;
        while end < toks.len() && ctx.adjacent(end - 1) {
            if toks[end].cap {
                end += 1;
            } else {
                // Up to two particles ("de la") between capitalised words.
                let mut j = end;
                while j < toks.len()
                    && j < end + 2
                    && ctx.is(j, Class::NameParticle)
                    && ctx.adjacent(j)
                {
                    j += 1;
                }
                if j > end && j < toks.len() && toks[j].cap {
                    end = j + 1;
                } else {
                    break;
                }
            }
        }
        out.push(Run { first, end });
        i = end;
    }
    out
}

/// Runs all rules over a document.
pub fn find(ctx: &Ctx) -> Vec<Candidate> {
    let rs = runs(ctx);
    let mut out = person::find(ctx, &rs);
    out.extend(org::find(ctx, &rs));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    #[test]
    fn runs_join_particles_and_stop_at_possessives() {
        let text = "Mexico’s President Ana de la Vega met the Bank of Spain chief. Why Cats Are Great Pets Today";
        let lex = crate::Gazetteers::builtin().language;
        let seg = segment(text, &lex);
        let ctx = Ctx::new(text, &seg, &lex);
        let got: Vec<&str> = runs(&ctx)
            .iter()
            .map(|r| &text[seg.tokens[r.first].span().start..seg.tokens[r.end - 1].span().end])
            .collect();
        assert_eq!(
            got[..3],
            ["Mexico", "President Ana de la Vega", "Bank of Spain"]
        );
        assert!(seg.sentences[1].headline);
        assert!(!seg.sentences[0].headline);
    }
}
