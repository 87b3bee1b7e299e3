//! The evidence a gazetteer form needs before it counts (see `gazetteers/README.md`, "How
//! the matcher decides"): a locative word before an ambiguous place, a dateline or a capitals
//! line around an upper-case copy, running text around an ordinary-word name, no name word
//! before a place named like a person, and no event word after a place.

use crate::lang::{Class, Language};
use crate::segment::Segments;
use crate::types::Span;

/// Events named after a place are not the place: "U.S. Open", "Hong Kong Grand Prix".
pub(super) fn names_event(lang: &Language, text: &str, span: Span) -> bool {
    let rest = &text[span.end..];
    rest.strip_prefix(' ').is_some_and(|r| {
        // This runs for every gazetteer match: compare first bytes before strings (a call
        // to `memcmp`) for each event. The loader drops empty lines, so no event is empty.
        let b0 = r.as_bytes().first();
        lang.place_events.iter().any(|e| {
            debug_assert!(!e.is_empty(), "an empty place event");
            e.as_bytes().first() == b0
                && r.starts_with(e.as_str())
                && !r[e.len()..].starts_with(char::is_alphanumeric)
        })
    })
}

/// An upper-case form counts at a line start ("WASHINGTON —", "LONDON 1996-08-30") or
/// beside another all-capitals word.
pub(super) fn caps_evidence(text: &str, seg: &Segments, span: Span) -> bool {
    // At a line start: only spaces since the last newline after the previous token.
    let i0 = seg.token_at_or_after(span.start);
    let prev_end = if i0 == 0 {
        0
    } else {
        seg.tokens[i0 - 1].full_end().min(span.start)
    };
    let gap = &text[prev_end..span.start];
    let line_start = match gap.rfind('\n') {
        Some(p) => gap[p..].trim().is_empty(),
        None => i0 == 0 && gap.trim().is_empty(),
    };
    if line_start {
        return true;
    }
    let caps = |t: &crate::segment::Token| {
        let w = t.span().of(text);
        w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
    };
    let i = seg.token_at_or_after(span.start);
    let j = seg.token_at_or_after(span.end);
    // Only a neighbour on the same line counts (a match may start inside a token: guard).
    let same_line = |a: usize, b: usize| a <= b && !text[a..b].contains('\n');
    (i > 0 && caps(&seg.tokens[i - 1]) && same_line(seg.tokens[i - 1].span().end, span.start))
        || (j < seg.tokens.len()
            && caps(&seg.tokens[j])
            && same_line(span.end, seg.tokens[j].span().start))
}

/// A name that is also an ordinary word counts inside a sentence of running text.
/// Inside a title quoted in running text ("… Why Rivals Target the Harbor appeared …")
/// the capitalised ordinary words around it give it away.
pub(super) fn plain_evidence(text: &str, seg: &Segments, span: Span) -> bool {
    let i = seg.token_at_or_after(span.start);
    if i >= seg.tokens.len() {
        return false;
    }
    let s = seg.tokens[i].sentence();
    if seg.sentences[s].first_token == i || seg.sentences[s].headline {
        return false;
    }
    let sent = seg.sentences[s];
    let lo = i.saturating_sub(4).max(sent.first_token);
    let hi = (i + 5).min(sent.end_token);
    let title_words = (lo..hi)
        .filter(|&k| k != i && k != sent.first_token)
        .filter(|&k| {
            // Capitalised ordinary words; demonyms and acronyms are capitalised anyway.
            let t = seg.tokens[k];
            t.cap
                && t.span().of(text).chars().any(char::is_lowercase)
                && !t.is(Class::Demonym)
                && t.is(Class::Common)
        })
        .count();
    title_words < 2
}

/// True when a capitalised name word stands right before `span` ("Tavita Washington"),
/// not an ordinary word or a demonym ("Central London", "Greater Houston").
pub(super) fn after_name(text: &str, seg: &Segments, span: Span) -> bool {
    let i = seg.token_at_or_after(span.start);
    if i == 0 || i > seg.tokens.len() {
        return false;
    }
    let prev = seg.tokens[i - 1];
    let w = prev.span().of(text);
    prev.cap
        && !prev.possessive()
        && prev.span().end <= span.start
        && &text[prev.span().end..span.start] == " "
        && seg.sentences[prev.sentence()].first_token != i - 1
        && w.chars().any(char::is_lowercase)
        && !prev.is(Class::Common)
        && !prev.is(Class::Demonym)
}

/// An ambiguous place name counts when a locative preposition precedes it and no
/// capitalised word follows it ("in Reading", not "Reading Mode").
pub(super) fn place_evidence(text: &str, seg: &Segments, span: Span) -> bool {
    let ti = seg.token_at_or_after(span.start);
    if ti == 0 || ti >= seg.tokens.len() {
        return false;
    }
    let prev = seg.tokens[ti - 1];
    let this_sentence = seg.tokens[ti].sentence();
    if prev.sentence() != this_sentence || !prev.is(Class::PlaceEvidence) {
        return false;
    }
    let next = seg.token_at_or_after(span.end);
    !(next < seg.tokens.len()
        && seg.tokens[next].sentence() == this_sentence
        && seg.tokens[next].cap
        && text[span.end..seg.tokens[next].span().start]
            .trim()
            .is_empty())
}

/// Directions that make a bare division's name the division: "eastern Washington".
const DIRECTIONS: [&str; 5] = ["eastern", "western", "northern", "southern", "central"];

/// The text means the division, not the city of its name: "state of Washington",
/// "Washington state", "Spokane, Washington", "eastern Washington".
pub(super) fn division_signalled(text: &str, seg: &Segments, span: Span) -> bool {
    let after = &text[span.end..];
    if after.starts_with(" state") || after.starts_with(" State") {
        return true;
    }
    let before = &text[..span.start];
    if before.ends_with("state of ") || before.ends_with("State of ") {
        return true;
    }
    let i = seg.token_at_or_after(span.start);
    let Some(prev) = i.checked_sub(1).map(|p| seg.tokens[p]) else {
        return false;
    };
    let gap = &text[prev.full_end().min(span.start)..span.start];
    (gap == ", " && prev.cap) || (gap == " " && DIRECTIONS.contains(&prev.span().of(text)))
}

/// An abbreviated division counts right after a capitalised name and a comma: "Spokane,
/// Wash.", not "Miss. Brook" or "Ind." alone.
pub(super) fn after_place(text: &str, seg: &Segments, span: Span) -> bool {
    let i = seg.token_at_or_after(span.start);
    i.checked_sub(1).is_some_and(|p| {
        let prev = seg.tokens[p];
        prev.cap && &text[prev.full_end().min(span.start)..span.start] == ", "
    })
}
