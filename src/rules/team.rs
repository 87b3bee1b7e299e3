//! Sports teams named after their town: in sports reports "Dunmore 4 Kelso 2" and "Leeds
//! beat Hull" name clubs, not places. A city with team evidence in a sports document becomes
//! an organisation in every mention of that document, unless a locative preposition says it
//! is the place ("at Dunmore"). Countries and first-level divisions stay places: national
//! sides ("England", "Scotland") are written as their country.

use crate::gazetteer::Gazetteers;
use crate::lang::Class;
use crate::registry::RuleId;
use crate::segment::Segments;
use crate::types::{Candidate, EntityType, Source};
use std::collections::HashSet;

/// Sports words that make a document a sports report.
const MIN_SPORTS_WORDS: usize = 3;
/// A score has at most this many digits.
const MAX_SCORE_DIGITS: usize = 3;

fn is_score(w: &str) -> bool {
    !w.is_empty() && w.len() <= MAX_SCORE_DIGITS && w.bytes().all(|b| b.is_ascii_digit())
}

/// A sports report: at least three sports words ("innings", "goals", "SOCCER" ...).
pub fn is_sports_report(seg: &Segments) -> bool {
    let sport_words = seg
        .tokens
        .iter()
        .filter(|t| t.is(Class::SportsWord))
        .take(MIN_SPORTS_WORDS)
        .count();
    sport_words >= MIN_SPORTS_WORDS
}

/// Re-types town names with team evidence as organisations (`rule:org.team`).
pub fn retype(text: &str, seg: &Segments, gaz: &Gazetteers, cands: &mut [Candidate]) {
    let settlement = |c: &Candidate| {
        c.etype == EntityType::Loc
            && c.gaz
                .is_some_and(|g| gaz.entries[g].rank >= crate::gazetteer::RANK_CITY)
    };
    if !cands.iter().any(settlement) {
        return;
    }
    if !is_sports_report(seg) {
        return;
    }
    let word = |i: usize| seg.tokens.get(i).map(|t| t.span.of(text)).unwrap_or("");
    let is = |i: usize, c: Class| seg.tokens.get(i).is_some_and(|t| t.is(c));
    let mut teams: HashSet<usize> = HashSet::new();
    for c in cands.iter().filter(|c| settlement(c)) {
        let first = seg.token_at_or_after(c.span.start);
        let next = seg.token_at_or_after(c.span.end);
        let same_line = |a: usize, b: usize| !text[a.min(b)..a.max(b)].contains('\n');
        let after = next < seg.tokens.len() && same_line(c.span.end, seg.tokens[next].span.start);
        let before = first > 0 && same_line(seg.tokens[first - 1].span.end, c.span.start);
        if (after && (is_score(word(next)) || is(next, Class::TeamAfter)))
            || (before && is(first - 1, Class::TeamBefore))
        {
            teams.insert(c.gaz.unwrap());
        }
    }
    for c in cands.iter_mut() {
        if c.etype != EntityType::Loc || !c.gaz.is_some_and(|g| teams.contains(&g)) {
            continue;
        }
        let first = seg.token_at_or_after(c.span.start);
        if first > 0 && is(first - 1, Class::KeepsTownPlace) {
            continue;
        }
        c.etype = EntityType::Org;
        c.source = Source::Rule(RuleId::OrgTeam);
        c.gaz = None;
    }
}
