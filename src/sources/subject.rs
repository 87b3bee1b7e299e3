//! The source before a cue: "U.S. officials said", "Ada Brook, who led the agency, said",
//! "officials at the ministry say", participles ("…, saying") and coordinated sources.

use super::{Found, Sources};

/// Words between a source's head noun and its cue across a qualifying phrase ("experts on
/// North Korea and nuclear nonproliferation said").
const QUALIFIED_HEAD_TOKENS: usize = 8;
/// Words of an organisation's name between "of" and the end of a mention the list cut short.
const OF_NAME_TOKENS: usize = 8;
use crate::lang::Class;
use crate::types::{EntityType, Mention, Span, Speaker, SpeakerType};

impl<'a> Sources<'a> {
    /// The subject of the cue at token `c`: named entities, pronouns, unnamed sources, with
    /// coordinated subjects split ("London and other former officers" gives two).
    pub fn subjects(&self, c: usize) -> Vec<Found> {
        let Some(mut j) = c.checked_sub(1) else {
            return Vec::new();
        };
        let sent_first = self.seg.sentences[self.seg.tokens[c].sentence].first_token;
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
                && !self.in_quote(self.seg.tokens[p - 1].span.start)
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
            if self.seg.tokens[a].possessive && self.seg.tokens[a].cap {
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
            self.seg.tokens[a].span.start,
            self.seg.tokens[end - 1].span.end,
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
        let open = if self.is(sent_first, Class::Fronting) {
            (sent_first..j)
                .find(|&k| self.sep(k).trim() == ",")
                .map(|k| k + 1)
        } else {
            Some(sent_first)
        };
        if let Some(o) = open
            && let Some(m) = self
                .mention_at(o)
                .filter(|m| m.etype != EntityType::Loc && !self.in_quote(m.span.start))
        {
            let e = self.seg.token_at_or_after(m.span.end);
            if e <= j && e > 0 && self.sep(e - 1).trim() == "," {
                return Some(self.named(m));
            }
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
        let first = self.seg.sentences[self.seg.tokens[c].sentence].first_token;
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
            .filter(|&t| !self.in_quote(self.seg.tokens[t].span.start))
            .find_map(|t| {
                // (Nor a name a preposition governs: "the shooting of Ada Brook".)
                self.mention_at(t).filter(|m| {
                    let a = self.seg.token_at_or_after(m.span.start);
                    let last = self.seg.token_at_or_after(m.span.end).saturating_sub(1);
                    m.etype != EntityType::Loc
                        && !self.seg.tokens[last].possessive
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
        let possessive = self.seg.tokens[last].possessive;
        let mut t = end;
        // Role nouns between the name and the next name ("campaign manager").
        while t < limit
            && t < end + 4
            && !self.seg.tokens[t].cap
            && self.sep(t - 1).trim().is_empty()
            && (self.is(t, Class::SourceHead) || self.is(t, Class::Occupation))
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
        let end = self.seg.tokens[b].span.end;
        let s = &self.text[self.seg.tokens[a].span.start..end];
        let b = s.as_bytes();
        let party = b.len() > 2
            && matches!(b[0], b'D' | b'R' | b'I')
            && b[1] == b'-'
            && b[2].is_ascii_uppercase();
        // A short capitalised abbreviation with its period: "Vt.", "Calif.".
        let state = !s.contains(' ')
            && s.len() <= 6
            && b.first().is_some_and(u8::is_ascii_uppercase)
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
        let mut t = first;
        if self.is(first, Class::Fronting) {
            t = (first..end).find(|&k| self.sep(k).trim() == ",")? + 1;
            // "In Salem, New Hampshire, Brook said": places that end the fronted phrase.
            while let Some(m) = self.mention_at(t).filter(|m| m.etype == EntityType::Loc) {
                let e = self.seg.token_at_or_after(m.span.end);
                if e >= end || self.sep(e - 1).trim() != "," {
                    break;
                }
                t = e;
            }
        }
        if t >= end || self.in_quote(self.seg.tokens[t].span.start) {
            return None;
        }
        // "Gov. Ada Brook visited …": the name after its title.
        let titled = (t..end.min(t + 4)).find_map(|k| {
            self.mention_at(k)
                .filter(|m| self.named(m).start == self.seg.tokens[t].span.start)
        });
        if let Some(m) = self
            .mention_at(t)
            .or(titled)
            .filter(|m| m.etype != EntityType::Loc)
        {
            // "Brook's relatives watched … and said": the name only owns the subject, which
            // is the noun phrase it opens.
            let last = self.seg.token_at_or_after(m.span.end).saturating_sub(1);
            if self.seg.tokens[last].possessive {
                // "Brook's campaign manager Ola Berg said": the person it names.
                let named = self.head_of_modified(m, end);
                if !std::ptr::eq(named, m) {
                    return Some(self.named(named));
                }
                let head = (last + 1..end.min(last + 5))
                    .take_while(|&e| self.sep(e - 1).trim().is_empty())
                    .filter(|&e| self.is_head(e))
                    .last()?;
                return Some(self.group(self.seg.token_at_or_after(m.span.start), head));
            }
            return Some(self.named(m));
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
        let w = self.tok(a - 1);
        self.is(a - 1, Class::FunctionWord) && !matches!(w, "and" | "or" | "&")
            || self.is(a - 1, Class::SourcePreposition)
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
        let open = if self.is(first, Class::Fronting) {
            (first..end).find(|&k| self.sep(k).trim() == ",")? + 1
        } else {
            first
        };
        let m = self
            .mention_at(open)
            .filter(|m| m.etype != EntityType::Loc && !self.in_quote(m.span.start))?;
        let e = self.seg.token_at_or_after(m.span.end);
        (e <= end && e > 0 && self.sep(e - 1).trim() == ",").then(|| self.named(m))
    }
}
