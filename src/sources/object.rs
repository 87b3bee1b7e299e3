//! The source after a cue: "said Ada Brook", "according to people familiar with the talks",
//! and a person with any verb right after a quote ("“…,” Brook charged").

use super::{Found, Sources};

/// Words of a role between an inverted cue and the name it introduces ("said Voss's deputy
/// campaign manager, Ada Brook").
const ROLE_TOKENS: usize = 8;
use crate::lang::Class;
use crate::types::EntityType;

impl<'a> Sources<'a> {
    /// The speaker after a cue when it closes its clause: "…, said Ada Brook." but not
    /// "said the talks were serious".
    pub fn final_objects(&self, i: usize) -> Vec<Found> {
        let mut out = self.objects(i);
        out.retain(|f| {
            // Punctuation, or a prepositional phrase: "said Ada Brook in a statement".
            let rest = self.text[f.end..].trim_start_matches([' ', '\t']);
            let next = rest
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            rest.is_empty()
                || rest.starts_with(['.', ',', ';', '\n', '!', '?', '—', '(', ':'])
                || self.lex.is(next, Class::AfterSpeaker)
        });
        out
    }

    /// The speaker right after a cue ("said Ada Brook", "according to U.S. officials"),
    /// coordinated groups split.
    pub fn objects(&self, i: usize) -> Vec<Found> {
        if i >= self.seg.tokens.len() || self.in_quote(self.seg.tokens[i].span().start) {
            return Vec::new();
        }
        if let Some(f) = self.named_in_phrase(i) {
            return vec![f];
        }
        if let Some(f) = self.pronoun(i) {
            return vec![f];
        }
        // Forward over modifiers to the last head noun before a break.
        let mut j = i;
        let mut last_head = None;
        let mut starts = vec![i];
        while j < self.seg.tokens.len() && self.same_sentence(i, j) {
            if self.is_head(j) {
                last_head = Some(j);
            } else if self.tok(j) == "and" && last_head == Some(j - 1) {
                starts.push(j + 1);
            } else if !self.is_modifier(j) {
                break;
            }
            if j + 1 >= self.seg.tokens.len() || !self.sep(j).trim().is_empty() {
                break;
            }
            j += 1;
        }
        let Some(h) = last_head else {
            // "said the party's nominee": a described source up to the punctuation.
            if self.is(i, Class::Determiner) {
                let mut e = i;
                while e + 1 < self.seg.tokens.len()
                    && e < i + 6
                    && self.same_sentence(e, e + 1)
                    && self.sep(e).trim().is_empty()
                    && !matches!(
                        self.tok(e + 1),
                        "who" | "that" | "which" | "in" | "on" | "at"
                    )
                {
                    e += 1;
                }
                if e > i {
                    return vec![self.group(i, e)];
                }
            }
            return Vec::new();
        };
        // "people familiar with the talks": keep the postmodifier up to the next punctuation.
        if h + 1 < self.seg.tokens.len()
            && self.sep(h).trim().is_empty()
            && self.same_sentence(h, h + 1)
            && self.is(h + 1, Class::PostmodAfterHead)
        {
            let mut e = h + 1;
            while e < h + 8
                && e + 1 < self.seg.tokens.len()
                && self.same_sentence(e, e + 1)
                && self.sep(e).trim().is_empty()
            {
                e += 1;
            }
            return vec![self.group(i, e)];
        }
        // Split "officials and former officers" where both sides end in a head noun.
        let mut out = Vec::new();
        for (k, &s) in starts.iter().enumerate() {
            let e = starts.get(k + 1).map_or(h, |&n| n - 2);
            if e >= s && e <= h {
                out.push(self.group(s, e));
            }
        }
        if out.is_empty() {
            out.push(self.group(i, h));
        }
        out
    }

    /// The speaker named by tokens `[a, end)` exactly: one mention covering them, or a
    /// capitalised name no list holds ("BROOK", "Ada Brook").
    pub fn speaker_phrase(&self, a: usize, end: usize) -> Option<Found> {
        if let Some(m) = self.mention_at(a).filter(|m| m.etype != EntityType::Loc)
            && self.seg.token_at_or_after(m.span.end) == end
            && m.span.start == self.seg.tokens[a].span().start
        {
            return Some(self.named(m));
        }
        // Every word capitalised, none an ordinary word ("Note:", "Results:"), unless it is
        // the surname of a person of the document ("TRUMP:"): a name.
        let surname = |w: &str| {
            self.entities.iter().any(|e| {
                e.etype == EntityType::Person
                    && e.name
                        .split_whitespace()
                        .last()
                        .is_some_and(|l| l.eq_ignore_ascii_case(w))
            })
        };
        let all_names = (a..end).all(|t| {
            let w = self.tok(t);
            self.seg.tokens[t].cap
                && (!self.lex.is_common(w) || self.lex.is_given_name(w) || surname(w))
        });
        if !all_names {
            return None;
        }
        if end - a == 1 && self.tok(a).chars().all(|c| c.is_uppercase()) {
            // A transcript label: "TRUMP:", the person of that surname when there is one.
            let sp = self.seg.tokens[a].span();
            let person = self.entities.iter().position(|e| {
                e.etype == EntityType::Person
                    && e.name
                        .split_whitespace()
                        .last()
                        .is_some_and(|l| l.eq_ignore_ascii_case(sp.of(self.text)))
            });
            return Some(Found {
                speaker: crate::types::Speaker {
                    name: person.map_or_else(
                        || sp.of(self.text).to_string(),
                        |e| self.entities[e].name.clone(),
                    ),
                    entity: person,
                    stype: crate::types::SpeakerType::Person,
                    role: None,
                },
                start: sp.start,
                end: sp.end,
                pronoun: false,
            });
        }
        self.raw_name(a, end)
    }

    /// The person a source phrase names: "Mayor Ada Brook", "former Wisconsin Gov. Ed Voss",
    /// "Reis campaign spokesman Ola Berg", "Harbor District Party Chairman Ola
    /// Berg". The phrase runs from token `i` to the first punctuation or clause word; the last
    /// person in it is the speaker, else its last run of capitalised words after a role noun,
    /// else an organisation that does not merely modify a head noun ("a White House official").
    pub(crate) fn named_in_phrase(&self, i: usize) -> Option<Found> {
        let n = self.seg.tokens.len();
        let mut end = i;
        while end < n && end < i + 12 && self.same_sentence(i, end) {
            let w = self.tok(end);
            if self.is(end, Class::FunctionWord) && w != "of"
                || self.is(end, Class::Speech)
                || self.in_quote(self.seg.tokens[end].span().start)
            {
                break;
            }
            end += 1;
            if end >= n || !self.sep(end - 1).trim().is_empty() {
                break;
            }
        }
        if end == i {
            return None;
        }
        let mut person = None;
        let mut org = None;
        let mut t = i;
        while t < end {
            if let Some(m) = self.mention_at(t) {
                let after = self.seg.token_at_or_after(m.span.end);
                // "a White House official", "a Navy readout": the name modifies a noun.
                let modifier = after < end
                    && !self.seg.tokens[after].cap
                    && !self.is(after, Class::FunctionWord)
                    && self.sep(after - 1).trim().is_empty();
                // "political scientist Ada Brook of Voss College": a name after "of" that
                // follows a person only qualifies her.
                let qualifies = person.is_some()
                    && t > i
                    && self.is(
                        self.seg.token_at_or_after(m.span.start) - 1,
                        Class::FunctionWord,
                    );
                // ("one Trump confidant": a person's name can modify a noun too.)
                let person_modifier =
                    modifier && (self.is_head(after) || self.is_plain_noun(after));
                match m.etype {
                    EntityType::Person if !qualifies && !person_modifier => person = Some(m),
                    EntityType::Org if org.is_none() && !modifier => org = Some(m),
                    _ => {}
                }
                t = after.max(t + 1);
            } else {
                t += 1;
            }
        }
        if let Some(m) = person {
            return Some(self.named(m));
        }
        // An unknown name closing the phrase after a lower-case role: "spokesman Ola Berg".
        let mut a = end;
        while a > i && self.seg.tokens[a - 1].cap && self.mention_at(a - 1).is_none() {
            a -= 1;
        }
        if end - a >= 2
            && a > i
            && !self.seg.tokens[a - 1].cap
            && let Some(f) = self.raw_name(a, end)
        {
            return Some(f);
        }
        org.map(|m| self.named(m))
    }

    /// A person (or he/she) at token `k` followed by a lower-case verb form ("charged",
    /// "continues", "notes") that ends the clause: the speaker of the quote just before.
    pub(crate) fn person_then_verb(&self, k: usize, sentence: usize) -> Option<Found> {
        let (found, after) =
            if let Some(m) = self.mention_at(k).filter(|m| m.etype == EntityType::Person) {
                (self.named(m), self.seg.token_at_or_after(m.span.end))
            } else if let Some(f) = self.pronoun(k) {
                (f, k + 1)
            } else {
                // "“…,” Kelly charged": one capitalised word no list holds and no ordinary
                // word is.
                let w = self.tok(k);
                if self.lex.is_common(w) || self.is(k, Class::NotSource) {
                    return None;
                }
                (self.raw_name(k, k + 1)?, k + 1)
            };
        let v = after;
        if v >= self.seg.tokens.len()
            || self.seg.tokens[v].sentence() != sentence
            || self.seg.tokens[v].cap
        {
            return None;
        }
        let w = self.tok(v);
        let verb_form = (w.ends_with("ed") || w.ends_with('s'))
            && w.len() > 3
            && !self.is(v, Class::FunctionWord);
        let closes = v + 1 >= self.seg.tokens.len()
            || self.seg.tokens[v + 1].sentence() != sentence
            || matches!(
                self.text[self.seg.tokens[v].full_end()..]
                    .trim_start()
                    .chars()
                    .next(),
                Some('.' | ',' | ';' | '“' | '"')
            );
        // "“…,” Brook barked and left", "“…,” Brook charged in an interview".
        let trailer = v + 1 < self.seg.tokens.len()
            && self.seg.tokens[v + 1].sentence() == sentence
            && self.sep(v).trim().is_empty()
            && (self.is(v + 1, Class::ClauseOpener) || self.is(v + 1, Class::AfterSpeaker));
        (verb_form && (closes || trailer)).then_some(found)
    }

    /// "said Voss's deputy campaign manager, Ada Brook, who …": a role up to a comma, then
    /// the name it introduces, set off by a comma or ending the sentence.
    pub(crate) fn role_then_name(&self, i: usize, sentence: usize) -> Option<Found> {
        let n = self.seg.tokens.len();
        let comma = (i..n.saturating_sub(1).min(i + ROLE_TOKENS))
            .take_while(|&t| self.seg.tokens[t].sentence() == sentence)
            .find(|&t| self.sep(t).trim() == ",")?;
        let m = self
            .mention_at(comma + 1)
            .filter(|m| m.etype == EntityType::Person)?;
        let rest = self.text[m.span.end..].trim_start();
        rest.starts_with([',', '.', ';']).then(|| self.named(m))
    }
}
