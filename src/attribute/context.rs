//! The rungs that read around the quote: a colon introducing it, a short attribution
//! sentence after it, the sentence or paragraph before it, an earlier quote's speaker.

use super::sieve::{CONTINUATION_QUOTES, Hit, QuoteAt, SHORT_SENTENCE_TOKENS, cued, uncued};
use crate::sources::{Found, Sources};
use crate::types::EntityType;

/// Ada Brook praises the plan: “…”: the sentence's named subject introduces the quote.
pub(super) fn colon_subject(at: &Sources, q: &QuoteAt) -> Option<Hit> {
    if !at.text[..q.q.outer.start].trim_end().ends_with(':') {
        return None;
    }
    // "Pollsters agree - Ada Brook: “…”": the name right before the colon.
    let seg = at.seg;
    if q.before_end > q.first {
        let last = q.before_end - 1;
        if at.text[seg.tokens[last].full_end()..q.q.outer.start].trim() == ":"
            && let Some(m) = at.mention_at(last).filter(|m| m.etype != EntityType::Loc)
        {
            return Some(uncued(at.named(m), None));
        }
    }
    // The clause's subject past a fronted phrase ("With leaders worried about Brook, Voss
    // is rolling out a message: “…”"), else its first name.
    if let Some(f) = at.clause_start_subject(q.first, q.before_end) {
        return Some(uncued(f, None));
    }
    let m = (q.first..q.before_end)
        .find_map(|t| at.mention_at(t).filter(|m| m.etype != EntityType::Loc))?;
    Some(uncued(at.named(m), None))
}

/// “…” Brook said.: no cue in the sentence, a short attribution sentence follows.
pub(super) fn next_sentence(at: &Sources, q: &QuoteAt) -> Option<Hit> {
    let seg = at.seg;
    let next = q.s_close + 1;
    if next >= seg.sentences.len()
        || seg.sentences[next].paragraph != seg.sentences[q.s_close].paragraph
    {
        return None;
    }
    let ns = seg.sentences[next];
    if ns.end_token - ns.first_token > SHORT_SENTENCE_TOKENS {
        return None;
    }
    (ns.first_token..ns.end_token).find_map(|c| {
        if !at.is_cue(c) {
            return None;
        }
        let f = at.quote_subject(c)?;
        Some(cued(at, f, c, true))
    })
}

/// No cue: the previous quote of the same paragraph had a speaker.
pub(super) fn continuation(at: &Sources, q: &QuoteAt) -> Option<Hit> {
    let seg = at.seg;
    let para = seg.sentences[q.s_open].paragraph;
    for (pq, pc) in q.earlier.iter().zip(q.done).rev().take(CONTINUATION_QUOTES) {
        if seg.sentences[seg.sentence_at(pq.outer.start)].paragraph != para {
            return None;
        }
        if let Some(sp) = pc.speaker.clone().filter(|_| pq.kind.is_speech()) {
            let f = Found {
                speaker: sp,
                start: pq.outer.start,
                end: pq.outer.start,
                pronoun: false,
            };
            return Some(uncued(f, pc.cue.clone()));
        }
    }
    None
}

/// A paragraph that ends with a colon introduces the quote that opens the next: "The
/// foundation describes itself this way:\n“Everywhere we go …”".
pub(super) fn colon_paragraph(at: &Sources, q: &QuoteAt) -> Option<Hit> {
    let seg = at.seg;
    let para = seg.sentences[q.s_open].paragraph;
    if q.s_open == 0
        || seg.sentences[q.s_open - 1].paragraph + 1 != para
        || seg.sentences[q.s_open].first_token != q.before_end
    {
        return None;
    }
    let prev = seg.sentences[q.s_open - 1];
    if !at.text[..prev.span.end].trim_end().ends_with(':') {
        return None;
    }
    let named = (prev.first_token..prev.end_token)
        .find_map(|t| at.mention_at(t).filter(|m| m.etype != EntityType::Loc));
    if let Some(m) = named {
        return Some(uncued(at.named(m), Some(":".to_string())));
    }
    // "Transcript as follows:" names no one: the speaker of the quote closing the paragraph
    // before it goes on.
    let (pq, pc) = q.earlier.iter().zip(q.done).next_back()?;
    let before = q.s_open.checked_sub(2)?;
    if seg.sentences[before].paragraph + 2 != para
        || seg.sentence_at(pq.outer.end.saturating_sub(1)) != before
    {
        return None;
    }
    let f = Found {
        speaker: pc.speaker.clone()?,
        start: q.q.outer.start,
        end: q.q.outer.start,
        pronoun: false,
    };
    Some(uncued(f, Some(":".to_string())))
}

/// The quote is a paragraph of its own, right after the paragraph before: it opens its
/// paragraph and nothing but punctuation follows its closing mark there.
fn paragraph_of_its_own(at: &Sources, q: &QuoteAt) -> bool {
    let seg = at.seg;
    // (Read up to the first letter or digit, not to the paragraph's end: a paragraph of
    // many quotes stays linear.)
    q.s_open > 0
        && seg.sentences[q.s_open - 1].paragraph + 1 == seg.sentences[q.s_open].paragraph
        && seg.sentences[q.s_open].first_token == q.before_end
        && !at.text[q.q.outer.end..]
            .chars()
            .take_while(|&c| c != '\n')
            .any(char::is_alphanumeric)
}

/// A paragraph that is only a quote continues the speaker of the quote closing the
/// paragraph before, when nothing intervenes.
pub(super) fn paragraph_continuation(at: &Sources, q: &QuoteAt) -> Option<Hit> {
    let seg = at.seg;
    if !paragraph_of_its_own(at, q) {
        return None;
    }
    let (pq, pc) = q.earlier.iter().zip(q.done).next_back()?;
    // The earlier quote sits in the last sentence of the previous paragraph.
    if seg.sentence_at(pq.outer.end.saturating_sub(1)) != q.s_open - 1 || !pq.kind.is_speech() {
        return None;
    }
    let sp = pc.speaker.clone()?;
    let f = Found {
        speaker: sp,
        start: q.q.outer.start,
        end: q.q.outer.start,
        pronoun: false,
    };
    Some(uncued(f, pc.cue.clone()))
}

/// The sentence before, in the same paragraph, reports a named speaker: "Brook announced
/// the lawsuit on Monday. “We are seeking a court order …”".
/// Also a paragraph that is the quote alone after a paragraph whose last sentence reports
/// a named speaker: "Brook was quick to add that the deal was off.¶“Not negotiable.”".
pub(super) fn previous_sentence(at: &Sources, q: &QuoteAt) -> Option<Hit> {
    let seg = at.seg;
    if q.s_open == 0 {
        return None;
    }
    let same_para = seg.sentences[q.s_open - 1].paragraph == seg.sentences[q.s_open].paragraph;
    if !(same_para || paragraph_of_its_own(at, q)) {
        return None;
    }
    let prev = seg.sentences[q.s_open - 1];
    (prev.first_token..prev.end_token).find_map(|c| {
        if at.in_quote(seg.tokens[c].span().start) || !at.is_quote_cue(c) {
            return None;
        }
        // One named subject: "Brook and Voss argued" says nothing of who spoke next.
        let subjects = at.subjects(c);
        let [f] = subjects.as_slice() else {
            return None;
        };
        f.speaker.entity?;
        Some(cued(at, f.clone(), c, false))
    })
}
