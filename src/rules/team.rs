//! Sports teams named after their town: in sports reports "Dunmore 4 Kelso 2" and "Leeds
//! beat Hull" name clubs, not places. A city with team evidence in a sports document becomes
//! an organisation in every mention of that document, unless a locative preposition says it
//! is the place ("at Dunmore"). Countries stay places: national sides ("France") are written
//! as their country; so are the nations of the United Kingdom ("England", "Scotland"), while
//! other first-level divisions field clubs ("Minnesota 67 67", "Surrey beat Kent"). A
//! dateline ("OSLO 2024-05-02", "OSLO (Reuters)") is the place. A capitalised word that no
//! list holds is a club too when it stands where a team does (beside a score, a result verb
//! or "v"), and so is every other mention of that word in the report.

use crate::gazetteer::Gazetteers;
use crate::lang::Class;
use crate::registry::RuleId;
use crate::segment::Segments;
use crate::types::{Candidate, EntityType, Source, Span};
use rustc_hash::FxHashSet as HashSet;

/// Town names that are ordinary words too (`ambiguous.txt`).
type Towns = rustc_hash::FxHashSet<String>;

/// Sports words that make a document a sports report.
const MIN_SPORTS_WORDS: usize = 3;
/// A score has at most this many digits.
const MAX_SCORE_DIGITS: usize = 3;

fn is_score(w: &str) -> bool {
    !w.is_empty() && w.len() <= MAX_SCORE_DIGITS && w.bytes().all(|b| b.is_ascii_digit())
}

/// Rank of the first-level divisions (`admin1.tsv`).
const RANK_DIVISION: u8 = 5;
/// The id prefix of the United Kingdom's divisions: its nations field national sides.
pub(crate) const UK_NATIONS: &str = "iso3166-2:GB-";

/// A place opening its line before a date or an agency: "OSLO 2024-05-02", "OSLO (Reuters)".
pub(crate) fn dateline(text: &str, span: Span) -> bool {
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    if !text[line_start..span.start].trim().is_empty() {
        return false;
    }
    let rest = text[span.end..].trim_start_matches([' ', ',']);
    let b = rest.as_bytes();
    let date = b.len() >= 5 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-';
    let agency = rest.starts_with('(')
        && rest[1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() && c.is_uppercase());
    date || agency
}

/// Whether token `i` may name a club no list holds: a capitalised word of three letters or
/// more that is no ordinary or function word, given name, demonym or sports word, standing
/// alone (no capitalised word beside it: "Jiri Novak" is a player).
fn unlisted_name(text: &str, seg: &Segments, towns: &Towns, i: usize) -> bool {
    let t = &seg.tokens[i];
    let w = t.span().of(text);
    let plain = [
        Class::Common,
        Class::FunctionWord,
        Class::Determiner,
        Class::SentenceStarter,
        Class::NotName,
        Class::GivenName,
        Class::Demonym,
        Class::SportsWord,
        Class::TeamAfter,
        Class::TeamBefore,
        Class::NameParticle,
    ];
    let lone = |j: Option<usize>| {
        j.and_then(|j| seg.tokens.get(j)).is_none_or(|n| {
            !n.cap
                || !text[n.span().start.min(t.span().start)..n.span().end.max(t.span().end)]
                    .trim_matches(|c: char| c.is_alphanumeric())
                    .chars()
                    .all(|c| c == ' ')
        })
    };
    t.cap
        && w.chars().count() >= 3
        && w.chars().all(char::is_alphabetic)
        && w.chars().skip(1).any(char::is_lowercase)
        // A town's name that is a word too ("Hull") is no list's match without a
        // preposition, and may be a club.
        && (!plain.iter().any(|&c| t.is(c)) || towns.contains(w))
        && lone(i.checked_sub(1))
        && lone(Some(i + 1))
}

/// Clubs no list holds, in a sports report: a lone capitalised word beside a score, a
/// result verb or "v" becomes a club (`rule:org.team`), and so does every mention of that
/// word no other candidate covers.
fn unlisted_teams(text: &str, seg: &Segments, towns: &Towns, cands: &mut Vec<Candidate>) {
    let same_line = |a: usize, b: usize| !text[a.min(b)..a.max(b)].contains('\n');
    let toks = &seg.tokens;
    let word = |i: usize| toks.get(i).map(|t| t.span().of(text)).unwrap_or("");
    let mut covered: Vec<Span> = cands.iter().map(|c| c.span).collect();
    covered.sort();
    let free = |covered: &[Span], s: Span| {
        let k = covered.partition_point(|c| c.end <= s.start);
        covered.get(k).is_none_or(|c| !c.overlaps(s))
    };
    let mut names: HashSet<&str> = HashSet::default();
    for i in 0..toks.len() {
        if !unlisted_name(text, seg, towns, i) || !free(&covered, toks[i].span()) {
            continue;
        }
        let next = i + 1 < toks.len() && same_line(toks[i].span().end, toks[i + 1].span().start);
        let prev = i > 0 && same_line(toks[i - 1].span().end, toks[i].span().start);
        // A score names a team in a results line ("Leeds 2 Hull 1"), not after a
        // scorecard's words ("b Okafor 12" is a bowler).
        let results_slot = !prev || is_score(word(i - 1));
        if (next && results_slot && is_score(word(i + 1)))
            || (next && toks[i + 1].is(Class::TeamAfter))
            || (prev && toks[i - 1].is(Class::TeamBefore))
        {
            names.insert(word(i));
        }
    }
    // A word the report also writes inside a longer name is part of a person's name
    // ("Jansher Khan ... Jansher beat"), not a club.
    // (One pass over the tokens: the names are many in a long results table.)
    let in_longer: HashSet<&str> = (0..toks.len())
        .filter(|&i| names.contains(word(i)) && !unlisted_name(text, seg, towns, i))
        .map(word)
        .collect();
    names.retain(|n| !in_longer.contains(n));
    if names.is_empty() {
        return;
    }
    // Headlines write the club in capitals ("DUNMORE HOLD ON").
    let upper: HashSet<String> = names.iter().map(|n| n.to_uppercase()).collect();
    let mut found = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let w = word(i);
        if t.cap && (names.contains(w) || upper.contains(w)) && free(&covered, t.span()) {
            found.push(Candidate::from_rule(
                t.span(),
                EntityType::Org,
                RuleId::OrgTeam,
                None,
            ));
        }
    }
    covered.extend(found.iter().map(|c| c.span));
    cands.extend(found);
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
pub fn retype(text: &str, seg: &Segments, gaz: &Gazetteers, cands: &mut Vec<Candidate>) {
    let settlement = |c: &Candidate| {
        c.etype == EntityType::Loc
            && c.gaz.is_some_and(|g| {
                let e = &gaz.entries[g];
                e.rank >= crate::gazetteer::RANK_CITY
                    || (e.rank == RANK_DIVISION && !e.id.starts_with(UK_NATIONS))
            })
    };
    if !is_sports_report(seg) {
        return;
    }
    unlisted_teams(text, seg, &gaz.language.ambiguous, cands);
    super::table::apply(text, seg, gaz, cands);
    let word = |i: usize| seg.tokens.get(i).map(|t| t.span().of(text)).unwrap_or("");
    let is = |i: usize, c: Class| seg.tokens.get(i).is_some_and(|t| t.is(c));
    let mut teams: HashSet<usize> = HashSet::default();
    for c in cands.iter().filter(|c| settlement(c)) {
        let first = seg.token_at_or_after(c.span.start);
        let next = seg.token_at_or_after(c.span.end);
        let same_line = |a: usize, b: usize| !text[a.min(b)..a.max(b)].contains('\n');
        let after = next < seg.tokens.len() && same_line(c.span.end, seg.tokens[next].span().start);
        let before = first > 0 && same_line(seg.tokens[first - 1].span().end, c.span.start);
        // A division needs a score or a result verb after it: "against Ohio" and "to Ohio"
        // say too little of a name that is a place in any report.
        let town = c
            .gaz
            .is_some_and(|g| gaz.entries[g].rank >= crate::gazetteer::RANK_CITY);
        if (after && (is_score(word(next)) || is(next, Class::TeamAfter)))
            || (town && before && is(first - 1, Class::TeamBefore))
        {
            teams.insert(c.gaz.unwrap());
        }
    }
    for c in cands.iter_mut() {
        if c.etype != EntityType::Loc || !c.gaz.is_some_and(|g| teams.contains(&g)) {
            continue;
        }
        let first = seg.token_at_or_after(c.span.start);
        if first > 0 && is(first - 1, Class::KeepsTownPlace) || dateline(text, c.span) {
            continue;
        }
        c.etype = EntityType::Org;
        c.source = Source::Rule(RuleId::OrgTeam);
        c.gaz = None;
    }
}

#[cfg(test)]
mod tests {
    use crate::{Document, EntityType, Gazetteers, Options, Pipeline};

    fn types(text: &str) -> Vec<(String, EntityType, String)> {
        let p = Pipeline::new(Gazetteers::builtin(), Options::default());
        let doc = Document::new("t", text);
        let ex = p.extract(&doc);
        ex.mentions
            .iter()
            .map(|m| {
                (
                    m.span.of(text).to_string(),
                    m.etype,
                    m.source.label().into_owned(),
                )
            })
            .collect()
    }

    const REPORT: &str = "SOCCER - BRACKWATER HOLD ON\nOSLO 2024-05-02\n\
        Brackwater beat Tolland 3-1 in the league on Saturday, the striker scoring two goals \
        before halftime.\nResults: Brackwater 3 Tolland 1\nTolland's coach said the penalty \
        decided it.\n";

    #[test]
    fn unlisted_clubs_beside_scores_and_result_verbs() {
        let got = types(REPORT);
        for club in ["Brackwater", "Tolland", "BRACKWATER"] {
            assert!(
                got.iter().any(|(t, ty, src)| t == club
                    && *ty == EntityType::Org
                    && src == "rule:org.team"),
                "{club}: {got:?}"
            );
        }
        // The dateline is the place.
        assert!(
            got.contains(&("OSLO".into(), EntityType::Loc, "gazetteer".into())),
            "{got:?}"
        );
    }

    #[test]
    fn a_player_is_not_a_club() {
        let text = "TENNIS - RESULTS\nAmara Osei of Ghana won the final.\nOsei beat the defending \
                    champion 6-3 in the tournament, and the coach praised her after the match.\n";
        let got = types(text);
        assert!(
            !got.iter()
                .any(|(t, ty, _)| t == "Osei" && *ty == EntityType::Org),
            "{got:?}"
        );
    }

    #[test]
    fn outside_sports_reports_nothing_changes() {
        let text = "Brackwater beat Tolland in a council vote on the new ferry route.";
        let got = types(text);
        assert!(
            !got.iter().any(|(_, ty, _)| *ty == EntityType::Org),
            "{got:?}"
        );
    }
}
