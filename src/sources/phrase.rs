//! The pieces of an unnamed-source phrase: head nouns, modifiers, and the walk back from the
//! head to where the phrase starts.

use super::{Found, Sources};
use crate::lang::Class;
use crate::types::SpeakerType;

impl<'a> Sources<'a> {
    /// A head noun of a source: a listed one ("officials", "spokeswoman") or any plural
    /// common noun ("engineers", "farmers").
    pub(crate) fn is_head(&self, i: usize) -> bool {
        let w = self.tok(i);
        // (Source heads are compared in lower case: "Officials" too.)
        // "many Democrats say": a party or nationality in the plural is a group too.
        self.is(i, Class::SourceHead)
            || (self.is(i, Class::Demonym) && w.ends_with('s'))
            || (w.len() > 4
                && w.ends_with('s')
                && !w.ends_with("ss")
                && !w.ends_with("us")
                && self.is_plain_noun(i))
    }

    pub(crate) fn is_modifier(&self, i: usize) -> bool {
        let w = self.tok(i);
        let t = self.seg.tokens[i];
        if t.cap {
            return !self.is(i, Class::NotSource);
        }
        self.is(i, Class::SourceModifier)
            || w.chars().all(|c| c.is_ascii_digit())
            || self.is_head(i)
    }

    /// A lower-case word that can modify a head noun ("port officials"): not a function
    /// word, not a verb of speech.
    pub(crate) fn is_plain_noun(&self, i: usize) -> bool {
        // A capital opening the sentence does not make a name: "Farmers in the valley say".
        let t = self.seg.tokens[i];
        let opens = self.seg.sentences[t.sentence()].first_token == i;
        let w = self.tok(i);
        let lower;
        let w = if t.cap && opens {
            lower = w.to_lowercase();
            lower.as_str()
        } else if t.cap {
            return false;
        } else {
            w
        };
        w.chars().all(char::is_alphabetic)
            && !self.lex.is(w, Class::FunctionWord)
            && !self.lex.is(w, Class::Determiner)
            && !self.lex.is(w, Class::Speech)
            && !self.lex.is(w, Class::Evidence)
            && !self.lex.is(w, Class::Framing)
            && !self.lex.is(w, Class::Belief)
            && !w.ends_with("ly")
            && !w.ends_with("ed")
    }

    /// An unnamed-source phrase ending at head token `h`, walking back over modifiers.
    pub(crate) fn group_back(&self, h: usize, floor: usize) -> usize {
        let mut a = h;
        while a > floor
            && h - a < 7
            && self.same_sentence(a - 1, a)
            && self.sep(a - 1).trim().is_empty()
            && (self.is_modifier(a - 1) || self.is_plain_noun(a - 1))
        {
            // "Brook's family": the possessor opens the phrase.
            if self.seg.tokens[a - 1].possessive() {
                a -= 1;
                if a > floor
                    && self.sep(a - 1).trim().is_empty()
                    && self.is(a - 1, Class::Determiner)
                {
                    a -= 1;
                }
                break;
            }
            a -= 1;
            // A determiner or a number opens the phrase: nothing before it belongs.
            let w = self.tok(a);
            if self.is(a, Class::Determiner) || w.chars().all(|c| c.is_ascii_digit()) {
                break;
            }
        }
        // Never start on "and" or "of".
        while a < h && matches!(self.tok(a), "and" | "of" | "&") {
            a += 1;
        }
        a
    }

    /// The first and last tokens of an unnamed source's phrase; `None` for a named or
    /// pronoun speaker, or one carried over from an earlier quote (an empty span, judged
    /// there).
    fn unnamed_tokens(&self, f: &Found) -> Option<(usize, usize)> {
        if f.speaker.entity.is_some() || f.pronoun || f.start >= f.end {
            return None;
        }
        let first = self.seg.token_at_or_after(f.start);
        let last = self
            .seg
            .token_at_or_after(f.end)
            .saturating_sub(1)
            .max(first);
        Some((first, last))
    }

    /// An unnamed source whose head is neither a listed source noun ("officials") nor a
    /// person word: "the spate of protests", "the recent shootings".
    pub fn is_thing(&self, f: &Found) -> bool {
        if f.speaker.stype != SpeakerType::Group {
            return false;
        }
        let Some((first, last)) = self.unnamed_tokens(f) else {
            return false;
        };
        !(first..=last).any(|t| self.is(t, Class::SourceHead) || self.is(t, Class::Occupation))
    }

    /// An unnamed source that is a clause fragment, not a noun phrase: it opens with a
    /// relative or a conjunction ("that if no candidate wins"), holds a function word that is
    /// no preposition of a source ("the businessman began to"), or ends on one ("filed by
    /// the").
    pub fn is_fragment(&self, f: &Found) -> bool {
        let Some((first, last)) = self.unnamed_tokens(f) else {
            return false;
        };
        let opens_badly = self.is(first, Class::FunctionWord) && !self.is(first, Class::Determiner);
        let inner = (first + 1..=last).any(|t| {
            self.is(t, Class::FunctionWord)
                && !self.is(t, Class::SourcePreposition)
                && !self.is(t, Class::PostmodAfterHead)
                && !matches!(self.tok(t), "and" | "or" | "&" | "as")
        });
        // ("the two" ends on a number, and is a source.)
        let ends_badly = last > first && self.is(last, Class::FunctionWord);
        opens_badly || inner || ends_badly || self.is(first, Class::ClauseOpener)
    }

    /// A lower-case adverb in -ly that is no source noun ("similarly", not "family").
    pub(crate) fn is_adverb(&self, i: usize) -> bool {
        let w = self.tok(i);
        w.len() > 4
            && w.ends_with("ly")
            && !self.seg.tokens[i].cap
            && !self.is(i, Class::SourceHead)
            && !self.is(i, Class::Occupation)
    }
}
