//! What a pronoun or a description refers to: "she said" to the most salient woman named
//! before it, "the company said" to the company named before, "the senator said" to the
//! person titled "Sen." before. A reference that finds no compatible entity stays
//! unresolved: an empty speaker is better than a wrong one.

use super::{Found, Sources};
use crate::lang::{Class, Gender};
use crate::types::{EntityType, Mention, Span};

/// Sentences back (the pronoun's own included) where a pronoun's antecedent may be.
const PRONOUN_SENTENCES: usize = 6;
/// Of those, the nearest sentences whose subject is preferred to other names.
const SUBJECT_SENTENCES: usize = 3;
/// Sentences back where a description ("the company") finds what it describes.
const DESCRIPTION_SENTENCES: usize = 5;
/// Words of a description: "the company", "the former president".
const DESCRIPTION_TOKENS: usize = 3;

impl<'a> Sources<'a> {
    /// The mentions starting in `[from, to)` (bytes), in text order.
    fn mentions_in(&self, from: usize, to: usize) -> &'a [Mention] {
        let a = self.mentions.partition_point(|m| m.span.start < from);
        let b = self.mentions.partition_point(|m| m.span.start < to);
        &self.mentions[a..b]
    }

    /// "it" refers to an organisation; "he" and "she" to a person whose gender fits.
    fn gender_fits(&self, m: &Mention, want: Option<Gender>) -> bool {
        if self.in_quote(m.span.start) {
            return false;
        }
        if want == Some(Gender::Neuter) {
            return m.etype == EntityType::Org;
        }
        m.etype == EntityType::Person
            && match (want, self.entities[m.entity].gender) {
                (Some(w), Some(g)) => w == g,
                _ => true,
            }
    }

    /// The antecedent of "he" or "she" at token `i`: the subject of the nearest sentences
    /// (the pronoun's own first, before it) whose gender fits, else the nearest person whose
    /// gender fits. Names inside quotes never count.
    pub(crate) fn pronoun(&self, i: usize) -> Option<Found> {
        if !self.is(i, Class::PronounSingular) {
            return None;
        }
        let want = self.lex.genders.get(self.tok(i)).copied();
        let si = self.seg.tokens[i].sentence();
        let at = self.seg.tokens[i].span().start;
        let para = self.seg.sentences[si].paragraph;
        let sentences = (si.saturating_sub(PRONOUN_SENTENCES - 1)..=si)
            .rev()
            // Never further back than the paragraph before.
            .take_while(|&s| self.seg.sentences[s].paragraph + 1 >= para);
        // The sentence's subject: its first person (organisation, for "it") outside quotes.
        let kind = if want == Some(Gender::Neuter) {
            EntityType::Org
        } else {
            EntityType::Person
        };
        let mut nearest: Option<&Mention> = None;
        for (n, s) in sentences.enumerate() {
            let sent = self.seg.sentences[s];
            // A fronted phrase ("With a vote for Brook ruled out, Voss said") holds no subject.
            let open = self
                .past_fronted(sent.first_token, sent.end_token.saturating_sub(1))
                .map_or(sent.span.start, |t| self.seg.tokens[t].span().start);
            let to = sent.span.end.min(at);
            let ms = self.mentions_in(open.max(sent.span.start).min(to), to);
            let first = ms
                .iter()
                .find(|m| m.etype == kind && !self.in_quote(m.span.start));
            if n < SUBJECT_SENTENCES
                && let Some(m) = first.filter(|m| self.gender_fits(m, want))
            {
                return Some(self.pronoun_found(m, i));
            }
            if nearest.is_none() {
                nearest = ms.iter().rev().find(|m| self.gender_fits(m, want));
            }
        }
        nearest.map(|m| self.pronoun_found(m, i))
    }

    fn pronoun_found(&self, m: &Mention, i: usize) -> Found {
        Found {
            speaker: self.entity_speaker(m),
            start: self.seg.tokens[i].span().start,
            end: self.seg.tokens[i].span().end,
            pronoun: true,
        }
    }

    /// What the description of tokens `[a, j]` ("the company", "the senator") refers to: the
    /// nearest organisation whose name holds the noun or of a kind the noun names, or the
    /// nearest person whose title or role the noun names.
    pub(crate) fn description(&self, a: usize, j: usize) -> Option<Found> {
        if j < a || j - a + 1 > DESCRIPTION_TOKENS || !self.tok(a).eq_ignore_ascii_case("the") {
            return None;
        }
        let head = self.tok(j).to_lowercase();
        let org_kind = self.is(j, Class::OrgKind);
        let titles = self.lex.role_titles.get(&head);
        let si = self.seg.tokens[a].sentence();
        let from = self.seg.sentences[si.saturating_sub(DESCRIPTION_SENTENCES)]
            .span
            .start;
        let to = self.seg.tokens[a].span().start;
        let m = self.mentions_in(from, to).iter().rev().find(|m| {
            if self.in_quote(m.span.start) {
                return false;
            }
            let e = &self.entities[m.entity];
            match m.etype {
                EntityType::Org => {
                    org_kind
                        || e.name
                            .split_whitespace()
                            .any(|w| w.trim_end_matches('.').eq_ignore_ascii_case(&head))
                }
                EntityType::Person => e.roles.iter().any(|r| {
                    titles.is_some_and(|t| t.iter().any(|t| t == r))
                        || r.split_whitespace().any(|w| w.eq_ignore_ascii_case(&head))
                }),
                EntityType::Loc => false,
            }
        })?;
        let span = Span::new(
            self.seg.tokens[a].span().start,
            self.seg.tokens[j].span().end,
        );
        Some(Found {
            speaker: self.entity_speaker(m),
            start: span.start,
            end: span.end,
            pronoun: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::{Document, Gazetteers, Options, Pipeline};

    /// (text, a piece of the claim's content, its speaker, its speaker as written or `*`).
    const CASES: &[(&str, &str, &str, &str)] = &[
        // "she" skips a man named later in the sentence before.
        (
            "Helen Marsh met Tom Keller at the dock. “The ferry is late again,” she said.",
            "ferry is late",
            "Helen Marsh",
            "she",
        ),
        // A name inside the quote is never the antecedent.
        (
            "Tom Keller took questions. “Victor Lund told me he would resign,” he said.",
            "would resign",
            "Tom Keller",
            "*",
        ),
        // No antecedent: no speaker.
        (
            "The storm came at night. “It was terrifying,” he said.",
            "terrifying",
            "",
            "*",
        ),
        (
            "Harbor Savings Bank closed ten branches. “We had no choice,” the bank said.",
            "no choice",
            "Harbor Savings Bank",
            "the bank",
        ),
        (
            "Sen. Victor Lund spoke first. The senator said the bill would fail in committee.",
            "bill would fail",
            "Victor Lund",
            "*",
        ),
    ];

    #[test]
    fn pronouns_and_descriptions_resolve() {
        let p = Pipeline::new(Gazetteers::builtin(), Options::default());
        for &(text, content, speaker, mention) in CASES {
            let ex = p.extract(&Document::new("t", text));
            let c = ex
                .claims
                .iter()
                .find(|c| c.content.of(text).contains(content))
                .expect("a claim holds the content");
            let got = c.speaker.as_ref().map_or("", |s| s.name.as_str());
            assert_eq!(got, speaker, "{text}");
            if mention != "*" {
                assert_eq!(c.speaker_span.map_or("", |s| s.of(text)), mention, "{text}");
            }
        }
    }
}
