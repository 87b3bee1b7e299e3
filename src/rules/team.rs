//! Sports teams named after their town: in sports reports "Dunmore 4 Kelso 2" and "Leeds
//! beat Hull" name clubs, not places. A city with team evidence in a sports document becomes
//! an organisation in every mention of that document, unless a locative preposition says it
//! is the place ("at Dunmore"). Countries and first-level divisions stay places: national
//! sides ("England", "Scotland") are written as their country.

use crate::gazetteer::Gazetteers;
use crate::matcher::Candidate;
use crate::segment::Segments;
use crate::types::{EntityType, Source};
use crate::words::Words;
use std::collections::HashSet;

pub const TEAM: &str = "org.team";

/// Words after a team name: results, roles in a club.
#[rustfmt::skip]
static AFTER: Words = Words::new(&[
    "beat", "beats", "drew", "draw", "lost", "thrashed", "defeated", "edged", "routed", "v", "vs",
    "vs.", "captain", "coach", "manager", "striker", "midfielder", "defender", "goalkeeper",
    "all-rounder", "batsman", "bowler", "winger", "forward", "pitcher", "quarterback", "fans",
    "supporters",
]);
/// Words before a team name.
#[rustfmt::skip]
static BEFORE: Words = Words::new(&[
    "beat", "v", "vs", "vs.", "against", "over", "defeated", "thrashed", "to", "host", "hosts",
]);
/// Words that make a document a sports report.
/// (Words such as "won" or "title" are left out: elections have them too.)
#[rustfmt::skip]
static SPORT: Words = Words::new(&[
    "beat", "innings", "goals", "goal", "halftime", "league", "championship", "scored", "wickets",
    "division", "tournament", "striker", "coach", "playoff", "playoffs", "inning", "touchdown",
    "penalty", "soccer", "cricket", "rugby", "football", "baseball", "basketball", "hockey",
    "standings", "midfielder", "goalkeeper", "semifinal", "quarterfinal",
]);
static LOCATIVE: Words = Words::new(&["in", "at", "near", "from", "to", "In", "At"]);

fn is_score(w: &str) -> bool {
    !w.is_empty() && w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit())
}

/// A sports report: at least three sports words ("innings", "goals", "league" ...).
pub fn is_sports_report(text: &str, seg: &Segments) -> bool {
    let sport_words = seg
        .tokens
        .iter()
        .filter(|t| {
            // Lower-case words as they are ("goals"), capitalised ones lower-cased ("SOCCER").
            let w = t.span.of(text);
            if t.cap {
                crate::words::with_lowercase(w, |l| SPORT.contains(&l))
            } else {
                SPORT.contains(&w)
            }
        })
        .take(3)
        .count();
    sport_words >= 3
}

/// Nouns that end club names ("Stoke City", "Bristol Rovers", "Queens Park Rangers").
#[rustfmt::skip]
pub static CLUB_HEADS: Words = Words::new(&[
    "United", "City", "Rovers", "Athletic", "Wanderers", "Albion", "Rangers", "Town", "County",
    "Hotspur", "Celtic", "Thistle", "FC", "Rovers", "Villa", "Argyle", "Orient", "Academicals",
]);

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
    if !is_sports_report(text, seg) {
        return;
    }
    let word = |i: usize| seg.tokens.get(i).map(|t| t.span.of(text)).unwrap_or("");
    let mut teams: HashSet<usize> = HashSet::new();
    for c in cands.iter().filter(|c| settlement(c)) {
        let first = seg.token_at_or_after(c.span.start);
        let next = seg.token_at_or_after(c.span.end);
        let same_line = |a: usize, b: usize| !text[a.min(b)..a.max(b)].contains('\n');
        let after = next < seg.tokens.len() && same_line(c.span.end, seg.tokens[next].span.start);
        let before = first > 0 && same_line(seg.tokens[first - 1].span.end, c.span.start);
        if (after && (is_score(word(next)) || AFTER.contains(&word(next))))
            || (before && BEFORE.contains(&word(first - 1)))
        {
            teams.insert(c.gaz.unwrap());
        }
    }
    for c in cands.iter_mut() {
        if c.etype != EntityType::Loc || !c.gaz.is_some_and(|g| teams.contains(&g)) {
            continue;
        }
        let first = seg.token_at_or_after(c.span.start);
        if first > 0 && LOCATIVE.contains(&word(first - 1)) {
            continue;
        }
        c.etype = EntityType::Org;
        c.source = Source::Rule(TEAM);
        c.gaz = None;
    }
}
