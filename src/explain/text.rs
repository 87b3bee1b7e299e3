//! `whosaid explain` as plain text: one block per claim, offsets in code points as in the
//! tables.

use super::{Explanation, Verdict};
use crate::offsets::CharIndex;
use crate::types::{Document, Extraction, Span};
use std::fmt::Write;

/// Longest sentence shown whole; a longer one is cut around the claim.
const SENTENCE_CHARS: usize = 400;

/// The explanations of one document's claims as text, for people.
pub fn to_text(doc: &Document, ex: &Extraction, explanations: &[Explanation]) -> String {
    let text = doc.text.as_str();
    let ix = CharIndex::new(text);
    let at = |s: Span| format!("[{}, {})", ix.char_of(s.start), ix.char_of(s.end));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "document {}: {} claims, {} entities",
        ex.doc_id,
        explanations.len(),
        ex.entities.len()
    );
    for e in explanations {
        let _ = writeln!(
            out,
            "\nclaim {} · {} · {} (confidence {:.2})",
            e.claim_id,
            e.kind.as_str(),
            e.rule,
            e.confidence
        );
        let _ = writeln!(
            out,
            "  sentence  {}",
            around(text, e.sentence, e.marks.unwrap_or(e.content))
        );
        match e.marks {
            Some(m) => {
                let _ = writeln!(out, "  marks     {} {}", at(m), shorten(m.of(text), 120));
                let _ = writeln!(
                    out,
                    "  content   {} (start, end in claims.csv)",
                    at(e.content)
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "  content   {} {}",
                    at(e.content),
                    shorten(e.content.of(text), 120)
                );
            }
        }
        if let Some(c) = e.cue {
            let _ = writeln!(out, "  cue       “{}” {}", c.of(text), at(c));
        } else if let Some(c) = &e.cue_word {
            let _ = writeln!(out, "  cue       “{c}” (where the speaker is named)");
        } else {
            let _ = writeln!(out, "  cue       (none in the text)");
        }
        let speaker = match (&e.speaker, e.speaker_mention) {
            (Some(s), Some(m)) => format!("{s}, written “{}” {}", m.of(text), at(m)),
            (Some(s), None) => format!("{s} (not named at this claim)"),
            (None, _) => "(none)".to_string(),
        };
        let _ = writeln!(out, "  speaker   {speaker}");
        if e.candidates.is_empty() {
            let _ = writeln!(out, "  candidates (none)");
        } else {
            let _ = writeln!(out, "  candidates");
        }
        for k in &e.candidates {
            let mark = if k.verdict == Verdict::Chosen {
                '+'
            } else {
                '-'
            };
            let written = k
                .mention
                .map(|m| format!(" “{}” {}", m.of(text), at(m)))
                .unwrap_or_default();
            let by = k.rule.map(|r| format!(" by {r}")).unwrap_or_default();
            let _ = writeln!(
                out,
                "    {mark} {}{written}: {}{by}",
                k.name,
                k.verdict.as_str()
            );
            for f in &k.evidence_for {
                let _ = writeln!(out, "        for      {f}");
            }
            for a in &k.evidence_against {
                let _ = writeln!(out, "        against  {a}");
            }
        }
        let _ = writeln!(out, "  why       {}", e.decision);
    }
    out
}

/// The sentence on one line; a long one cut to about [`SENTENCE_CHARS`] around the claim.
fn around(text: &str, sentence: Span, claim: Span) -> String {
    let whole = sentence.of(text);
    if whole.chars().count() <= SENTENCE_CHARS {
        return shorten(whole, SENTENCE_CHARS);
    }
    // Start a little before the claim, on a char boundary inside the sentence.
    let mut start = claim.start.max(sentence.start);
    let mut back = 0;
    while start > sentence.start && back < SENTENCE_CHARS / 4 {
        start -= 1;
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        back += 1;
    }
    let body = shorten(&text[start..sentence.end], SENTENCE_CHARS);
    if start > sentence.start {
        format!("…{body}")
    } else {
        body
    }
}

/// `s` on one line, cut to about `max` characters with an ellipsis.
fn shorten(s: &str, max: usize) -> String {
    let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= max {
        return one;
    }
    let cut: String = one.chars().take(max).collect();
    format!("{cut}…")
}
