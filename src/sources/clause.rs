//! The clause around a cue: its opening subject past fronted phrases and appositions,
//! participles and their subjects, names that a preposition governs or that only modify a
//! noun, and the qualifiers after a name ("of Ohio", "(D-Ohio)", ", R-Neb.,").

use super::{Found, Sources};
use crate::lang::Class;
use crate::types::{EntityType, Mention};

/// Words of an organisation's name between "of" and the end of a mention the list cut short.
const OF_NAME_TOKENS: usize = 8;
/// Words of a role between a name that modifies it and the person it names.
const MODIFIED_ROLE_TOKENS: usize = 6;

impl<'a> Sources<'a> {
    /// "Ada Brook, who led the agency for years, said": the mention before the apposition.
    pub(crate) fn apposition_subject(&self, j: usize, sent_first: usize) -> Option<Found> {
        // "The senator's spokeswoman, Ada Brook, said": a name set off by commas is the
        // speaker the description before it introduces.
        if let Some(m) = self.mention_at(j).filter(|m| m.etype == EntityType::Person) {
            let a = self.seg.token_at_or_after(m.span.start);
            if a > sent_first && self.sep(a - 1).trim() == "," {
                return Some(self.named(m));
            }
        }
        // "Ada Brook, the foreign minister of Norland, a member of the council, said": the
        // name opening the clause, whatever the appositions after it.
        if let Some(f) = self.opening_name(sent_first, j) {
            return Some(f);
        }
        let mut k = j;
        while k > sent_first {
            k -= 1;
            if matches!(self.sep(k).trim(), "," | ")," | ".),") {
                let next = self.tok(k + 1);
                let starter = self.is(k + 1, Class::AppositionOpener)
                    || next.chars().all(|c| c.is_ascii_digit())
                    || next.ends_with("ing");
                // Any apposition after the sentence's first words: "Varga, executive
                // director of the fund, said".
                if !starter && k > sent_first + 1 {
                    continue;
                }
                if let Some(f) = self.phrase_ending_at(k, sent_first) {
                    return Some(f);
                }
                // "Rep. Ada Brook (R-Ohio), a member of the panel, said".
                if let Some(f) = self
                    .before_tag(k, sent_first)
                    .and_then(|e| self.phrase_ending_at(e, sent_first))
                {
                    return Some(f);
                }
                // "Varga, director of the fund, said": an unknown name opening the sentence.
                if k == sent_first || (k == sent_first + 1 && self.seg.tokens[sent_first].cap) {
                    return self.raw_name(sent_first, k + 1);
                }
            }
        }
        None
    }

    /// The subject of a participle cue ("…, saying", "issued a statement saying"): the
    /// clause's first named person or organisation.
    pub(crate) fn clause_subject(&self, c: usize) -> Option<Found> {
        let first = self.seg.sentences[self.seg.tokens[c].sentence()].first_token;
        // "with Ada Brook tweeting that …": the name right before the participle, when a
        // preposition opens its phrase ("wrote to Ada Brook asking" is not hers).
        if c > first
            && self.sep(c - 1).trim().is_empty()
            && let Some(m) = self
                .mention_at(c - 1)
                .filter(|m| m.etype == EntityType::Person)
            && let Some(before) = self
                .seg
                .token_at_or_after(self.named(m).start)
                .checked_sub(1)
            && before >= first
            && self.is(before, Class::ParticipleLead)
        {
            return Some(self.named(m));
        }
        // "He dismissed the critique, saying …", "Speaking in Salem, Ada Brook went after
        // Voss, calling him …": the subject opening the clause.
        if first < c
            && let Some(f) = self.clause_start_subject(first, c)
        {
            return Some(f);
        }
        // Else the first name that is not a place and owns nothing ("Brook's lawyer").
        let m = (first..c)
            .filter(|&t| !self.in_quote(self.seg.tokens[t].span().start))
            .find_map(|t| {
                // (Nor a name a preposition governs: "the shooting of Ada Brook".)
                self.mention_at(t).filter(|m| {
                    let a = self.seg.token_at_or_after(m.span.start);
                    let last = self.seg.token_at_or_after(m.span.end).saturating_sub(1);
                    m.etype != EntityType::Loc
                        && !self.seg.tokens[last].possessive()
                        && !(a > first && self.is(a - 1, Class::FunctionWord))
                })
            })?;
        Some(self.named(self.head_of_modified(m, c)))
    }

    /// A name that only modifies the noun phrase it opens gives way to the person the phrase
    /// names: "Ada Brook's campaign manager Tom Lee", "Brook campaign manager Tom Lee".
    pub(crate) fn head_of_modified(&self, m: &'a Mention, limit: usize) -> &'a Mention {
        let end = self.seg.token_at_or_after(m.span.end);
        let last = end.saturating_sub(1);
        let possessive = self.seg.tokens[last].possessive();
        let mut t = end;
        // Role nouns between the name and the next name ("campaign manager"); after an
        // organisation also "and" and the role's modifiers ("Yahoo News and former TV
        // network anchor Ada Brook": the anchor speaks).
        let org = m.etype == EntityType::Org;
        while t < limit
            && t < end + MODIFIED_ROLE_TOKENS
            && self.sep(t - 1).trim().is_empty()
            && self.mention_at(t).is_none()
            && ((!self.seg.tokens[t].cap
                && (self.is(t, Class::SourceHead) || self.is(t, Class::Occupation)))
                || (org
                    && (self.tok(t) == "and"
                        || self.is(t, Class::SourceModifier)
                        || self.seg.tokens[t].cap
                        || self.is_plain_noun(t))))
        {
            t += 1;
        }
        if t == end || t >= limit || !self.sep(t - 1).trim().is_empty() {
            // "Brook's Tom Lee" does not happen; a possessive alone still names a head.
            return m;
        }
        match self.mention_at(t) {
            Some(p) if p.etype == EntityType::Person && (possessive || t > end) => p,
            _ => m,
        }
    }

    /// Tokens `[a, b]` are a party or state tag after a name: "D-Ohio", "R-Neb.", "Vt.".
    pub(crate) fn is_party_tag(&self, a: usize, b: usize) -> bool {
        if b < a || b - a > 3 {
            return false;
        }
        let end = self.seg.tokens[b].span().end;
        let s = &self.text[self.seg.tokens[a].span().start..end];
        let bytes = s.as_bytes();
        let party = bytes.len() > 2
            && matches!(bytes[0], b'D' | b'R' | b'I')
            && bytes[1] == b'-'
            && bytes[2].is_ascii_uppercase();
        // A short capitalised abbreviation with its period: "Vt.", "Calif.".
        let state = !s.contains(' ')
            && s.len() <= 6
            && bytes.first().is_some_and(u8::is_ascii_uppercase)
            && self.text[end..].starts_with('.');
        party || state
    }

    /// The person a place or body qualifies when the mention at token `j` ends "… of Ohio"
    /// or "… of the Sierra Club": the person mention before "of".
    pub(crate) fn person_of(&self, j: usize, floor: usize) -> Option<&'a Mention> {
        let m = self
            .mention_at(j)
            .filter(|m| m.etype != EntityType::Person)?;
        // Back over the rest of an organisation's name the list cut short ("of Washington's
        // Institute for Science and International Security") to the "of".
        let start = self.seg.token_at_or_after(m.span.start);
        let o = (start.saturating_sub(OF_NAME_TOKENS).max(floor + 1)..start)
            .rev()
            .take_while(|&t| {
                self.sep(t).trim().is_empty()
                    && (self.seg.tokens[t].cap
                        || self.is(t, Class::Determiner)
                        || self.is(t, Class::FunctionWord))
            })
            .find(|&t| self.tok(t) == "of")?;
        self.mention_at(o - 1)
            .filter(|p| p.etype == EntityType::Person)
    }

    /// The subject opening the clause that ends before token `end`, past a fronted phrase
    /// ("In May, Ada Brook denied the report and said …"): a named entity or a pronoun.
    pub(crate) fn clause_start_subject(&self, first: usize, end: usize) -> Option<Found> {
        // An empty clause has no subject (and a text of punctuation alone has no tokens).
        if first >= end {
            return None;
        }
        let mut t = self.past_fronted(first, end)?;
        if t > first {
            // "In Salem, New Hampshire, Brook said": places that end the fronted phrase.
            while let Some(m) = self.mention_at(t).filter(|m| m.etype == EntityType::Loc) {
                let e = self.seg.token_at_or_after(m.span.end);
                if e >= end || self.sep(e - 1).trim() != "," {
                    break;
                }
                t = e;
            }
        }
        if t >= end || self.in_quote(self.seg.tokens[t].span().start) {
            return None;
        }
        // "Gov. Ada Brook visited …": the name after its title.
        let titled = (t..end.min(t + 4)).find_map(|k| {
            self.mention_at(k)
                .filter(|m| self.named(m).start == self.seg.tokens[t].span().start)
        });
        if let Some(m) = self
            .mention_at(t)
            .or(titled)
            .filter(|m| m.etype != EntityType::Loc)
        {
            // "Brook's campaign manager Ola Berg said": the person the name's phrase names.
            let named = self.head_of_modified(m, end);
            let last = self.seg.token_at_or_after(m.span.end).saturating_sub(1);
            if std::ptr::eq(named, m) && self.seg.tokens[last].possessive() {
                // "Brook's relatives watched … and said": the name only owns the subject,
                // which is the noun phrase it opens.
                let head = (last + 1..end.min(last + 5))
                    .take_while(|&e| self.sep(e - 1).trim().is_empty())
                    .filter(|&e| self.is_head(e))
                    .last()?;
                return Some(self.group(self.seg.token_at_or_after(m.span.start), head));
            }
            return Some(self.named(named));
        }
        if let Some(f) = self.pronoun(t) {
            return Some(f);
        }
        // "Attorneys for Ada Brook appeared …, saying": an unnamed source opening the clause.
        if self.is_head(t) {
            return self.objects(t).into_iter().next();
        }
        // "The union issued a statement saying …": a described subject, up to its verb.
        if !self.is(t, Class::Determiner) {
            return None;
        }
        // Up to its head noun: "The ad", "the company", "the former president".
        let noun = |e: usize| {
            self.is_head(e) || self.is(e, Class::Occupation) || self.is(e, Class::OrgKind)
        };
        let mut head = (t + 1..end.min(t + 4))
            .take_while(|&e| self.sep(e - 1).trim().is_empty())
            .find(|&e| noun(e))?;
        // "The billionaire businessman": the last of a run of nouns.
        while head + 1 < end && self.sep(head).trim().is_empty() && noun(head + 1) {
            head += 1;
        }
        Some(self.group(t, head))
    }

    /// When token `k` closes a parenthesised party or state tag ("(R-Ohio)"), the token
    /// before the parenthesis: where the name it qualifies ends.
    pub(crate) fn before_tag(&self, k: usize, floor: usize) -> Option<usize> {
        if !self.sep(k).trim_start_matches('.').starts_with(')') {
            return None;
        }
        let a =
            (k.saturating_sub(3).max(floor + 1)..=k).find(|&a| self.sep(a - 1).contains('('))?;
        self.is_party_tag(a, k).then(|| a - 1)
    }

    /// The phrase starting at token `a` follows a preposition or a verb-like word with no
    /// punctuation between: "through the streets", "that most of the vote".
    pub(crate) fn object_of_preposition(&self, a: usize, floor: usize) -> bool {
        if a <= floor || !self.sep(a - 1).trim().is_empty() {
            return false;
        }
        // (A word opening a clause, "while officials say", governs nothing.)
        let w = self.tok(a - 1);
        !self.is(a - 1, Class::ClauseOpener)
            && (self.is(a - 1, Class::FunctionWord) && !matches!(w, "and" | "or" | "&")
                || self.is(a - 1, Class::SourcePreposition))
    }

    /// "Protesters marching through the streets chanted": for the preposition at token `p`
    /// after a participle, the noun phrase the participle follows.
    pub(crate) fn before_participle(&self, p: usize, floor: usize) -> Option<Found> {
        if p < floor + 2 {
            return None;
        }
        let w = self.tok(p - 1);
        if !(w.ends_with("ing") || w.ends_with("ed")) || !self.sep(p - 2).trim().is_empty() {
            return None;
        }
        let h = p - 2;
        if let Some(m) = self.mention_at(h).filter(|m| m.etype != EntityType::Loc) {
            return Some(self.named(m));
        }
        self.is_head(h)
            .then(|| self.group(self.group_back(h, floor), h))
    }

    /// The name opening the clause when a comma sets it off ("Ada Brook, the director for
    /// the Harbor Trust, said"), past a fronted phrase.
    pub(crate) fn opening_name(&self, first: usize, end: usize) -> Option<Found> {
        if first >= end {
            return None;
        }
        let m = self
            .mention_at(self.past_fronted(first, end)?)
            .filter(|m| m.etype != EntityType::Loc && !self.in_quote(m.span.start))?;
        let e = self.seg.token_at_or_after(m.span.end);
        (e <= end && e > 0 && self.sep(e - 1).trim() == ",").then(|| self.named(m))
    }
}

#[cfg(test)]
mod tests {
    use crate::{Document, Gazetteers, Options, Pipeline};

    fn speaker(text: &str, content: &str) -> String {
        let p = Pipeline::new(Gazetteers::builtin(), Options::default());
        let ex = p.extract(&Document::new("t", text));
        ex.claims
            .iter()
            .find(|c| c.content.of(text).contains(content))
            .and_then(|c| c.speaker.as_ref())
            .map_or(String::new(), |s| s.name.clone())
    }

    #[test]
    fn qualifiers_never_speak() {
        for text in [
            "Rep. Ana Ruiz of Ohio said the bill would pass the House this week.",
            "Sen. Ana Ruiz (D-Ohio) said the bill would pass the House this week.",
            "“The bill will pass the House,” Sen. Ana Ruiz, R-Neb., said.",
        ] {
            assert_eq!(speaker(text, "pass the House"), "Ana Ruiz", "{text}");
        }
    }

    #[test]
    fn a_name_governed_by_a_preposition_is_not_the_subject() {
        let text =
            "Another source speaking to the Harbor Times said the port would close for a week.";
        assert_eq!(speaker(text, "port would close"), "Another source");
    }

    #[test]
    fn a_colon_before_a_quote_in_a_text_of_no_words() {
        // Found by the fuzzer (tests/fuzz_stable.rs): the colon rung asked for the subject
        // of an empty clause, and read a token of a text that has none.
        for text in [":«: : : :", ": : „ :: „ : :", "“: ”: «"] {
            let p = Pipeline::new(Gazetteers::builtin(), Options { all_quotes: true });
            let ex = p.extract(&Document::new("t", text));
            assert!(ex.claims.iter().all(|c| c.speaker.is_none()), "{text}");
        }
    }

    #[test]
    fn a_possessor_gives_way_to_the_person_its_role_names() {
        let text = "Ana Ruiz's campaign manager Tom Keller said the ads would run until the vote.";
        assert_eq!(speaker(text, "ads would run"), "Tom Keller");
    }
}
