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
        let si = self.seg.tokens[i].sentence;
        let at = self.seg.tokens[i].span.start;
        let para = self.seg.sentences[si].paragraph;
        let sentences = (si.saturating_sub(PRONOUN_SENTENCES - 1)..=si)
            .rev()
            // Never further back than the paragraph before.
            .take_while(|&s| self.seg.sentences[s].paragraph + 1 >= para);
        let mut nearest: Option<&Mention> = None;
        for (n, s) in sentences.enumerate() {
            let sp = self.seg.sentences[s].span;
            let ms = self.mentions_in(sp.start, sp.end.min(at));
            // A fronted phrase ("With a vote for Brook ruled out, Voss said") holds no subject.
            let first_tok = self.seg.sentences[s].first_token;
            let ms = if self.is(first_tok, Class::Fronting) {
                let comma = (first_tok..self.seg.sentences[s].end_token.saturating_sub(1))
                    .find(|&k| self.sep(k).trim() == ",");
                match comma {
                    Some(k) => {
                        let from = self.seg.tokens[k + 1].span.start;
                        let skip = ms.partition_point(|m| m.span.start < from);
                        &ms[skip..]
                    }
                    None => ms,
                }
            } else {
                ms
            };
            // The sentence's subject: its first person (organisation, for "it") outside
            // quotes.
            let kind = if want == Some(Gender::Neuter) {
                EntityType::Org
            } else {
                EntityType::Person
            };
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
            start: self.seg.tokens[i].span.start,
            end: self.seg.tokens[i].span.end,
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
        let si = self.seg.tokens[a].sentence;
        let from = self.seg.sentences[si.saturating_sub(DESCRIPTION_SENTENCES)]
            .span
            .start;
        let to = self.seg.tokens[a].span.start;
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
        let span = Span::new(self.seg.tokens[a].span.start, self.seg.tokens[j].span.end);
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

    /// (speaker, speaker as written) of the claim whose content holds `content`.
    fn speaker(text: &str, content: &str) -> (String, String) {
        let p = Pipeline::new(Gazetteers::builtin(), Options::default());
        let ex = p.extract(&Document::new("t", text));
        let c = ex
            .claims
            .iter()
            .find(|c| c.content.of(text).contains(content))
            .expect("a claim holds the content");
        (
            c.speaker.as_ref().map_or(String::new(), |s| s.name.clone()),
            c.speaker_span
                .map_or(String::new(), |s| s.of(text).to_string()),
        )
    }

    #[test]
    fn she_skips_a_man_named_later() {
        let text = "Helen Marsh met Tom Keller at the dock. “The ferry is late again,” she said.";
        assert_eq!(
            speaker(text, "ferry is late"),
            ("Helen Marsh".into(), "she".into())
        );
    }

    #[test]
    fn a_name_inside_the_quote_is_never_the_antecedent() {
        let text = "Tom Keller took questions. “Victor Lund told me he would resign,” he said.";
        assert_eq!(speaker(text, "would resign").0, "Tom Keller");
    }

    #[test]
    fn no_antecedent_leaves_the_speaker_empty() {
        let text = "The storm came at night. “It was terrifying,” he said.";
        assert_eq!(speaker(text, "terrifying").0, "");
    }

    #[test]
    fn the_bank_is_the_bank_named_before() {
        let text = "Harbor Savings Bank closed ten branches. “We had no choice,” the bank said.";
        assert_eq!(
            speaker(text, "no choice"),
            ("Harbor Savings Bank".into(), "the bank".into())
        );
    }

    #[test]
    fn the_senator_is_the_person_titled_sen() {
        let text =
            "Sen. Victor Lund spoke first. The senator said the bill would fail in committee.";
        assert_eq!(speaker(text, "bill would fail").0, "Victor Lund");
    }
}
