//! Stage 4b: pattern rules for names that no gazetteer holds. Every rule has a stable id
//! (written to `mentions.csv` as `rule:<id>`), and its reason sits next to it in `RULES`.
//!
//! The rules work on *name runs*: maximal sequences of capitalised tokens inside one
//! sentence, joined by single spaces (with name particles such as "de" or "of" allowed
//! between capitalised words), ending at a possessive.

pub mod org;
pub mod person;
pub mod team;

use crate::gazetteer::Lexicon;
use crate::matcher::Candidate;
use crate::segment::{Segments, Token};
use crate::words::Words;

/// Every rule id with the one-line reason it exists. Ids are stable: users filter on them.
pub const RULES: &[(&str, &str)] = &[
    (
        person::TITLE,
        "an honorific or title before capitalised words names a person: \"Gen. Ada Brook\"",
    ),
    (
        person::GIVEN,
        "a known given name followed by capitalised words is a full name: \"Maria Lindqvist\"",
    ),
    (
        person::CUE,
        "capitalised words right before or after a speech verb are a speaker: \"said Ed Voss\"",
    ),
    (
        person::APPOSITION,
        "capitalised words followed by \", a/the/who ...\" describe a person",
    ),
    (
        person::SUFFIX,
        "a name ending in Jr., Sr. or a roman numeral is a person",
    ),
    (
        person::OCCUPATION,
        "an occupation noun before capitalised words names a person: \"singer Ola Berg\"",
    ),
    (
        person::SURNAME,
        "a surname (or last two names) of a person named in full earlier or later in the document",
    ),
    (
        org::HEAD,
        "capitalised words ending in an organisation noun: \"Senate Finance Committee\"",
    ),
    (
        org::ADMINISTRATION,
        "a leader's name or a demonym before \"administration\"/\"government\"",
    ),
    (
        org::COMPANY,
        "\"the X company/firm/network\": X is an organisation",
    ),
    (
        org::PARTY,
        "capitalised words before \"party\" name a political party",
    ),
    (org::COPYRIGHT, "the holder in \"X ©\" is an organisation"),
    (
        org::STATION,
        "a broadcaster's acronym followed by a place is a station: \"NBC Denver\"",
    ),
    (
        team::TEAM,
        "in a sports report, a town with a score or a result verb beside it is its club",
    ),
    (
        org::ACRONYM,
        "an all-capital acronym that spells the initials of an organisation named in the document",
    ),
];

/// Words that may sit inside a name run between capitalised words.
#[rustfmt::skip]
static PARTICLES: Words = Words::new(&[
    "de", "del", "della", "der", "den", "van", "von", "da", "das", "do", "dos", "du", "la", "le",
    "bin", "ibn", "al", "el", "y", "of", "for",
]);

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
    pub lex: &'a Lexicon,
    /// Per sentence: does it look like a title-case headline?
    pub headline: Vec<bool>,
    /// Is this a sports report (results, leagues, goals)? Worked out when first asked.
    sports: std::cell::OnceCell<bool>,
}

impl<'a> Ctx<'a> {
    pub fn new(text: &'a str, seg: &'a Segments, lex: &'a Lexicon) -> Ctx<'a> {
        let headline = (0..seg.sentences.len())
            .map(|s| is_headline(text, seg.sentence_tokens(s)))
            .collect();
        Ctx {
            text,
            seg,
            lex,
            headline,
            sports: std::cell::OnceCell::new(),
        }
    }

    pub fn is_sports_report(&self) -> bool {
        *self
            .sports
            .get_or_init(|| team::is_sports_report(self.text, self.seg))
    }

    pub fn tok(&self, i: usize) -> &'a str {
        self.seg.tokens[i].span.of(self.text)
    }
    pub fn token(&self, i: usize) -> Token {
        self.seg.tokens[i]
    }
    /// True when tokens `i` and `i + 1` sit in one sentence with only a space between, or
    /// around a quoted nickname: Ruth “Rudi” Okafor.
    pub fn adjacent(&self, i: usize) -> bool {
        if i + 1 >= self.seg.tokens.len() {
            return false;
        }
        let (a, b) = (self.seg.tokens[i], self.seg.tokens[i + 1]);
        if a.sentence != b.sentence || a.possessive {
            return false;
        }
        match &self.text[a.span.end..b.span.start] {
            " " => true,
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
        let before = &self.text[toks[i - 1].span.end..toks[i].span.start];
        let after = &self.text[toks[i].span.end..toks[i + 1].span.start];
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
        self.seg.sentences[self.seg.tokens[i].sentence].first_token == i
    }
    pub fn in_headline(&self, i: usize) -> bool {
        self.headline[self.seg.tokens[i].sentence]
    }
}

/// A sentence is a headline when all its longer words are capitalised (short
/// prepositions excepted, as title case leaves them lower-case).
fn is_headline(text: &str, toks: &[Token]) -> bool {
    let mut cap = 0;
    for t in toks {
        let w = t.span.of(text);
        if w.chars().count() < 4 || !w.starts_with(char::is_alphabetic) {
            continue;
        }
        if t.cap {
            cap += 1;
        } else if !matches!(
            w,
            "with" | "from" | "into" | "over" | "than" | "that" | "after" | "about" | "upon"
        ) {
            return false;
        }
    }
    cap >= 3
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
                    && PARTICLES.contains(&ctx.tok(j))
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
        let seg = segment(text);
        let lex = Lexicon::default();
        let ctx = Ctx::new(text, &seg, &lex);
        let got: Vec<&str> = runs(&ctx)
            .iter()
            .map(|r| &text[seg.tokens[r.first].span.start..seg.tokens[r.end - 1].span.end])
            .collect();
        assert_eq!(
            got[..3],
            ["Mexico", "President Ana de la Vega", "Bank of Spain"]
        );
        assert!(ctx.headline[1]);
        assert!(!ctx.headline[0]);
    }
}
