//! The quote sieve: each speech quote goes down the rungs of `QUOTE_RULES` until one names
//! its speaker; titles, scare quotes and nicknames are passed through as not speech.

use super::{Attributor, Found, conf};
use crate::types::{Claim, ClaimKind, EntityType, Quote, QuoteKind};

impl<'a> Attributor<'a> {
    /// Attributes every speech quote; other quotes get `quote.not-speech`.
    pub fn quotes(&self, quotes: &[Quote], used_cues: &mut Vec<usize>) -> Vec<Claim> {
        let mut out: Vec<Claim> = Vec::with_capacity(quotes.len());
        for (qi, q) in quotes.iter().enumerate() {
            if !q.kind.is_speech() {
                out.push(Claim {
                    kind: q.kind.into(),
                    speaker: None,
                    cue: String::new(),
                    content: q.content,
                    rule: "quote.not-speech",
                    confidence: conf("quote.not-speech"),
                });
                continue;
            }
            // Only a direct quote spends its cue: a partial quote sits inside a paraphrase
            // that is a claim of its own.
            let mut spent = Vec::new();
            let (found, cue, rule) = self.attribute_one(q, &out, &quotes[..qi], &mut spent);
            if q.kind == QuoteKind::Direct {
                used_cues.extend(spent);
            }
            let rule = match (&found, rule) {
                (None, _) => "quote.unattributed",
                (_, r) => r,
            };
            out.push(Claim {
                kind: ClaimKind::from(q.kind),
                speaker: found.map(|f| f.speaker),
                cue,
                content: q.content,
                rule,
                confidence: conf(rule),
            });
        }
        out
    }

    pub(super) fn attribute_one(
        &self,
        q: &Quote,
        done: &[Claim],
        earlier: &[Quote],
        used_cues: &mut Vec<usize>,
    ) -> (Option<Found>, String, &'static str) {
        let seg = self.seg;
        let s_open = seg.sentence_at(q.outer.start);
        let s_close = seg.sentence_at(q.outer.end.saturating_sub(1));
        let ntok = seg.tokens.len();
        // 1a. Right after the closing mark.
        let k = seg.token_at_or_after(q.outer.end);
        if k < ntok && seg.tokens[k].sentence == s_close && !self.in_quote(seg.tokens[k].span.start)
        {
            let gap = &self.text[q.outer.end..seg.tokens[k].span.start];
            if gap
                .trim()
                .chars()
                .all(|c| matches!(c, ',' | '—' | '–' | '-'))
            {
                if self.is_cue(k) {
                    let skip = if self.tok(k).eq_ignore_ascii_case("according") {
                        2
                    } else {
                        1
                    };
                    // "“…,” saying …" has the clause's subject; "“…,” said Ada Brook." the
                    // phrase after the cue, when it closes the clause.
                    let found = if self.is_participle(k) {
                        self.clause_subject(k)
                    } else {
                        self.final_objects(k + skip).into_iter().next()
                    };
                    if let Some(f) = found {
                        used_cues.push(k);
                        return (Some(f), self.cue_text(k), "quote.after.cue-speaker");
                    }
                }
                for c in k + 1..(k + 20).min(ntok) {
                    if seg.tokens[c].sentence != s_close || self.in_quote(seg.tokens[c].span.start)
                    {
                        break;
                    }
                    if self.is_cue(c) {
                        if let Some(f) = self.subjects(c).into_iter().last()
                            && f.start >= q.outer.end
                        {
                            used_cues.push(c);
                            return (Some(f), self.cue_text(c), "quote.after.speaker-cue");
                        }
                        // "“…,” Ola Berg, the firm's director, said": the name after the quote,
                        // known or not.
                        let named =
                            match self.mention_at(k).filter(|m| m.etype == EntityType::Person) {
                                Some(m) => Some(self.named(m)),
                                None => {
                                    let mut e = k;
                                    while e < c
                                        && e < k + 3
                                        && seg.tokens[e].cap
                                        && self.sep(e).trim().is_empty()
                                    {
                                        e += 1;
                                    }
                                    let comma = e < c && e > k && self.sep(e).trim() == ",";
                                    if seg.tokens[e].cap && comma {
                                        self.raw_name(k, e + 1)
                                    } else {
                                        None
                                    }
                                }
                            };
                        if let Some(f) = named {
                            used_cues.push(c);
                            return (Some(f), self.cue_text(c), "quote.after.speaker-cue");
                        }
                        break;
                    }
                }
                // "“…,” Brook charged." / "“…,” he continued.": a person and any verb.
                if let Some(f) = self.person_then_verb(k, s_close) {
                    let verb = self.seg.token_at_or_after(f.end);
                    return (
                        Some(f),
                        self.tok(verb).to_string(),
                        "quote.after.speaker-verb",
                    );
                }
            }
        }
        // 1b. A cue right before the opening mark: "X said: “", "according to X, “".
        let first = seg.sentences[s_open].first_token;
        let before_end = seg.token_at_or_after(q.outer.start);
        for c in (first..before_end).rev().take(12) {
            if self.in_quote(seg.tokens[c].span.start) {
                break;
            }
            if self.is_quote_cue(c) {
                let tail = &self.text[seg.tokens[c].full_end..q.outer.start];
                let near = before_end - c <= 4
                    && (tail.trim_end().ends_with([':', ','])
                        || tail.trim().is_empty()
                        || tail.trim_end().ends_with(" that"));
                if near {
                    let found = if self.tok(c).eq_ignore_ascii_case("according") {
                        self.objects(c + 2).into_iter().next()
                    } else {
                        self.subjects(c).into_iter().last()
                    };
                    if let Some(f) = found {
                        used_cues.push(c);
                        return (Some(f), self.cue_text(c), "quote.before");
                    }
                }
                break;
            }
        }
        // 1c. A cue elsewhere in the quote's sentences, nearest first.
        // (Within 40 tokens of the quote: a run-on sentence must not make this quadratic.)
        let last = seg.sentences[s_close]
            .end_token
            .min(seg.token_at_or_after(q.outer.end) + 40);
        let near_first = first.max(before_end.saturating_sub(40));
        let mut cues: Vec<usize> = (near_first..last)
            .filter(|&c| !self.in_quote(seg.tokens[c].span.start) && self.is_quote_cue(c))
            .collect();
        cues.sort_by_key(|&c| seg.tokens[c].span.start.abs_diff(q.outer.start));
        for c in cues {
            let found = if self.tok(c).eq_ignore_ascii_case("according") {
                self.objects(c + 2).into_iter().next()
            } else {
                self.subjects(c)
                    .into_iter()
                    .last()
                    .or_else(|| self.final_objects(c + 1).into_iter().next())
            };
            if let Some(f) = found {
                used_cues.push(c);
                return (Some(f), self.cue_text(c), "quote.sentence-cue");
            }
        }
        // 1d. "X praises the car: “…”": the sentence's named subject.
        if self.text[..q.outer.start].trim_end().ends_with(':') {
            let m = (first..before_end)
                .find_map(|t| self.mention_at(t).filter(|m| m.etype != EntityType::Loc));
            if let Some(m) = m {
                return (Some(self.named(m)), String::new(), "quote.colon");
            }
        }
        // 3a. A short attribution sentence next: "“…” Brook said."
        let next = s_close + 1;
        if next < seg.sentences.len()
            && seg.sentences[next].paragraph == seg.sentences[s_close].paragraph
        {
            let ns = seg.sentences[next];
            if ns.end_token - ns.first_token <= 6 {
                for c in ns.first_token..ns.end_token {
                    if self.is_cue(c)
                        && let Some(f) = self.subjects(c).into_iter().last()
                    {
                        used_cues.push(c);
                        return (Some(f), self.cue_text(c), "quote.next-sentence");
                    }
                }
            }
        }
        // 3b. The previous quote of the same paragraph had a speaker.
        let para = seg.sentences[s_open].paragraph;
        for (pq, pc) in earlier.iter().zip(done).rev().take(6) {
            if seg.sentences[seg.sentence_at(pq.outer.start)].paragraph != para {
                break;
            }
            if let Some(sp) = pc.speaker.clone().filter(|_| pq.kind.is_speech()) {
                return (
                    Some(Found {
                        speaker: sp,
                        start: pq.outer.start,
                        end: pq.outer.start,
                        pronoun: false,
                    }),
                    pc.cue.clone(),
                    "quote.continuation",
                );
            }
        }
        // 3c. A paragraph that ends with a colon introduces the quote that opens the next:
        // "The foundation describes itself this way:\n“Everywhere we go …”"
        if s_open > 0
            && seg.sentences[s_open - 1].paragraph + 1 == para
            && seg.sentences[s_open].first_token == before_end
        {
            let prev = seg.sentences[s_open - 1];
            if self.text[..prev.span.end].trim_end().ends_with(':') {
                let named = (prev.first_token..prev.end_token)
                    .find_map(|t| self.mention_at(t).filter(|m| m.etype != EntityType::Loc));
                if let Some(m) = named {
                    return (Some(self.named(m)), ":".to_string(), "quote.colon");
                }
            }
        }
        // 3d. The sentence before, in the same paragraph, reports a named speaker: "Duarte
        // announced the lawsuit on Monday. “We are seeking a court order …”"
        if s_open > 0 && seg.sentences[s_open - 1].paragraph == para {
            let prev = seg.sentences[s_open - 1];
            for c in prev.first_token..prev.end_token {
                if self.in_quote(seg.tokens[c].span.start) || !self.is_quote_cue(c) {
                    continue;
                }
                if let Some(f) = self
                    .subjects(c)
                    .into_iter()
                    .last()
                    .filter(|f| f.speaker.entity.is_some())
                {
                    return (Some(f), self.cue_text(c), "quote.previous-sentence");
                }
            }
        }
        (None, String::new(), "quote.unattributed")
    }
}
