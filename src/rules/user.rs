//! Stage 4c: the user's pattern rules (`patterns.tsv` of a `--gazetteers` folder). The set
//! of all patterns says which rules match the document, in one pass; only those run on
//! their own to give spans. Each rule's matches are leftmost-first and do not overlap one
//! another (the `regex` crate's `find_iter`); the matches of different rules may overlap,
//! and `resolve::select` settles them.
//!
//! A match is snapped to words: whitespace at either end is left out, and a match that
//! then starts or ends inside a word (a letter or digit on both sides of its edge) is
//! dropped, not cut: "Operation [A-Z][a-z]+" finds nothing in "Cooperation Sandstorm".

use crate::gazetteer::UserRules;
use crate::types::{Candidate, Mention, Source, Span};

/// The mentions the user's rules find in `text`, rule by rule, each rule's in text order.
pub fn find(rules: &UserRules, text: &str) -> Vec<Candidate> {
    let mut out = Vec::new();
    if rules.is_empty() {
        return out;
    }
    for i in rules.matching(text) {
        let rule = &rules.rules()[i];
        for m in rules.regex(i).find_iter(text) {
            if let Some(span) = snap(text, m.start(), m.end()) {
                out.push(Mention {
                    span,
                    etype: rule.etype,
                    source: Source::User(rule.id),
                    gaz: None,
                    role: None,
                    entity: (),
                });
            }
        }
    }
    out
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// The match `[start, end)` without whitespace at its ends; `None` when nothing else is
/// left, or when it starts or ends inside a word.
fn snap(text: &str, start: usize, end: usize) -> Option<Span> {
    let m = &text[start..end];
    let trimmed = m.trim_start();
    let start = start + (m.len() - trimmed.len());
    let end = start + trimmed.trim_end().len();
    if start == end {
        return None;
    }
    let (before, inside, after) = (&text[..start], &text[start..end], &text[end..]);
    let starts_inside = is_word(before.chars().next_back()) && is_word(inside.chars().next());
    let ends_inside = is_word(inside.chars().next_back()) && is_word(after.chars().next());
    (!starts_inside && !ends_inside).then_some(Span::new(start, end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::parse_patterns;
    use crate::types::EntityType;

    fn found(patterns: &str, text: &str) -> Vec<(String, &'static str, EntityType)> {
        let rules = parse_patterns("p.tsv", patterns).unwrap();
        find(&rules, text)
            .into_iter()
            .map(|c| {
                let Source::User(id) = c.source else {
                    unreachable!()
                };
                (c.span.of(text).to_string(), id, c.etype)
            })
            .collect()
    }

    #[test]
    fn every_match_of_the_matching_rules_in_text_order() {
        let p = "user.operation\tORG\tOperation [A-Z][a-z]+\tnamed operations\n\
                 user.ship\tLOC\tHMS [A-Z]\\w+\t\n\
                 user.never\tPERSON\tZyzzyva\t\n";
        let got = found(
            p,
            "Operation Sandstorm began; HMS Daring sailed. Operation Tide followed.",
        );
        let want = [
            ("Operation Sandstorm", "user.operation", EntityType::Org),
            ("Operation Tide", "user.operation", EntityType::Org),
            ("HMS Daring", "user.ship", EntityType::Loc),
        ];
        let want: Vec<_> = want
            .iter()
            .map(|(s, i, t)| (s.to_string(), *i, *t))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn matches_inside_words_are_dropped() {
        let p = "user.op\tORG\tOperation [A-Z][a-z]+\t\n";
        assert!(found(p, "Cooperation Sandstorm was agreed.").is_empty());
        assert!(found(p, "Operation Sandstorm2 was planned.").is_empty());
        assert!(found("user.x\tORG\tOperation Sand\t\n", "Operation Sandstorm").is_empty());
        // Punctuation and hyphens are edges; so are the ends of the text.
        assert_eq!(
            found(p, "(Operation Sandstorm)")[0].0,
            "Operation Sandstorm"
        );
        assert_eq!(
            found(p, "pre-Operation Sandstorm")[0].0,
            "Operation Sandstorm"
        );
        assert_eq!(found(p, "Operation Sandstorm")[0].0, "Operation Sandstorm");
        // A pattern that ends in a letter class can end mid-word: that match is dropped.
        let q = "user.code\tORG\t[A-Z]{3}\t\n";
        let got: Vec<String> = found(q, "ABC, ABCD, ÉABC, DEF.")
            .into_iter()
            .map(|m| m.0)
            .collect();
        assert_eq!(got, ["ABC", "DEF"]);
    }

    #[test]
    fn whitespace_at_the_ends_is_left_out() {
        let p = "user.op\tORG\t\\s+Operation [A-Z][a-z]+\\s\t\n\
                 user.blank\tORG\t\\s{3}\t\n";
        let rules = parse_patterns("p.tsv", p).unwrap();
        let text = "The  Operation Sandstorm  began.   Then";
        let got: Vec<Span> = find(&rules, text).iter().map(|c| c.span).collect();
        assert_eq!(got, [Span::new(5, 24)]);
        assert_eq!(got[0].of(text), "Operation Sandstorm");
    }

    #[test]
    fn one_rule_matches_leftmost_first_without_overlap() {
        let p = "user.x\tORG\tAlpha Beta|Alpha Beta Gamma|Beta Gamma\t\n";
        let got: Vec<String> = found(p, "Alpha Beta Gamma")
            .into_iter()
            .map(|m| m.0)
            .collect();
        assert_eq!(got, ["Alpha Beta"]);
    }

    #[test]
    fn spans_are_byte_spans_on_character_boundaries() {
        let p = "user.op\tORG\tOpération [A-Z]\\w+\t\n";
        let text = "L’Opération Tempête a commencé.";
        let rules = parse_patterns("p.tsv", p).unwrap();
        let c = &find(&rules, text)[0];
        assert_eq!(c.span.of(text), "Opération Tempête");
        assert_eq!(c.span.start, "L’".len());
    }
}
