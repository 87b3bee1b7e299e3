//! Results, standings and fixtures in sports reports: the lines of a table name sides, and
//! the sides of one table are all clubs or all players. "Dunmore 2 Kelso 1", "KELSO 12 9
//! .571 -", "Kelso v Dunmore" and "1. Ada Brook ( Norway ) 50.31" are rows; their names are
//! the sides. A block of rows whose known sides are mostly places or organisations is a
//! table of clubs: every side of it is a club (`rule:org.table`), the town-named ones too,
//! and so is every other mention of that name in the report. A block whose known sides are
//! mostly people is a table of players: its unknown sides are people (`rule:person.table`).
//! Countries stay places: national sides are written as their country.

use crate::gazetteer::{Gazetteers, RANK_COUNTRY};
use crate::lang::Class;
use crate::registry::RuleId;
use crate::segment::Segments;
use crate::types::{Candidate, EntityType, Source, Span};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

mod rows;
use rows::{Side, line_items, sides_of};

/// What the candidates already say of a side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Vote {
    Player,
    Club,
    Country,
    Unknown,
}

/// A country's name, or one of the United Kingdom's nations: a national side stays a place.
fn is_country(gaz: &Gazetteers, c: &Candidate) -> bool {
    c.etype == EntityType::Loc
        && c.gaz.is_some_and(|g| {
            let e = &gaz.entries[g];
            e.rank <= RANK_COUNTRY || e.id.starts_with(super::team::UK_NATIONS)
        })
}

/// Finds the tables of a sports report and types their sides.
pub fn apply(text: &str, seg: &Segments, gaz: &Gazetteers, cands: &mut Vec<Candidate>) {
    let toks = &seg.tokens;
    if toks.is_empty() {
        return;
    }
    let country: HashSet<usize> = cands
        .iter()
        .filter(|c| is_country(gaz, c))
        .map(|c| seg.token_at_or_after(c.span.start))
        .collect();
    let listed: HashSet<Span> = cands.iter().map(|c| c.span).collect();
    // A lone common word is a label ("Attendance 30,000", "Halftime 1-0"), unless it is
    // a town's name too ("Hull") or a list's match.
    let plain = |f: usize, e: usize| {
        e - f == 1
            && [Class::Common, Class::NeverPlace, Class::SportsWord]
                .iter()
                .any(|&c| toks[f].is(c))
            && !gaz.language.ambiguous.contains(toks[f].span().of(text))
            && !listed.contains(&toks[f].span())
    };
    // Lines (the first, the title, is no row), and blocks of consecutive lines with sides.
    let mut sides: Vec<Side> = Vec::new();
    let mut block = 0;
    let mut a = 0;
    for (pi, p) in seg.paragraphs.iter().enumerate() {
        let b = a + toks[a..].partition_point(|t| t.span().start < p.end);
        if pi > 0 && b > a {
            let items = line_items(text, seg, (a, b), *p, &country);
            let before = sides.len();
            sides_of(&items, block, &plain, &mut sides);
            if sides.len() == before {
                block += 1;
            }
        }
        a = b;
    }
    if sides.is_empty() {
        return;
    }
    let span_of = |s: &Side| {
        Span::new(
            toks[s.first].span().start,
            s.code_end.unwrap_or(toks[s.end - 1].span().end),
        )
    };
    // Candidates by start: each side reads only those inside it (a long table stays linear).
    let mut by_start: Vec<(Span, usize)> =
        cands.iter().enumerate().map(|(k, c)| (c.span, k)).collect();
    by_start.sort();
    let inside = |sp: Span| {
        let from = by_start.partition_point(|(c, _)| c.start < sp.start);
        by_start[from..]
            .iter()
            .take_while(move |(c, _)| c.start < sp.end)
            .filter(move |(c, _)| c.end <= sp.end)
            .map(|&(_, k)| &cands[k])
    };
    // A candidate reaching past the side says nothing of it ("LEEDS AT HULL" read as one
    // name).
    let vote = |s: &Side| -> Vote {
        let mut v = Vote::Unknown;
        for c in inside(span_of(s)) {
            if c.etype == EntityType::Person {
                return Vote::Player;
            }
            if is_country(gaz, c) {
                return Vote::Country;
            }
            v = Vote::Club;
        }
        v
    };
    let votes: Vec<Vote> = sides.iter().map(vote).collect();
    // Tallies (players, clubs) per block and pool (outer sides, scorers in parentheses),
    // and per pool over the document.
    let mut by_block: HashMap<(usize, bool), (usize, usize)> = HashMap::default();
    let mut by_pool: HashMap<bool, (usize, usize)> = HashMap::default();
    for (s, v) in sides.iter().zip(&votes) {
        let (p, c) = match v {
            Vote::Player => (1, 0),
            Vote::Club | Vote::Country => (0, 1),
            Vote::Unknown => (0, 0),
        };
        for t in [
            by_block.entry((s.block, s.inner)).or_default(),
            by_pool.entry(s.inner).or_default(),
        ] {
            t.0 += p;
            t.1 += c;
        }
    }
    let decide = |t: Option<&(usize, usize)>| match t.map(|&(p, c)| p.cmp(&c)) {
        Some(std::cmp::Ordering::Greater) => Some(Vote::Player),
        Some(std::cmp::Ordering::Less) => Some(Vote::Club),
        _ => None,
    };
    let mut clubs: HashSet<&str> = HashSet::default();
    let mut add = Vec::new();
    // The sides made clubs, in text order and disjoint.
    let mut drop: Vec<Span> = Vec::new();
    for (s, v) in sides.iter().zip(&votes) {
        let kind =
            decide(by_block.get(&(s.block, s.inner))).or_else(|| decide(by_pool.get(&s.inner)));
        let sp = span_of(s);
        match (kind, v) {
            (Some(Vote::Club), Vote::Club | Vote::Unknown) => {
                // A club the lists or another rule found keeps its evidence.
                let known = inside(sp).any(|c| c.span == sp && c.etype == EntityType::Org);
                if !known {
                    drop.push(sp);
                    add.push(Candidate::from_rule(
                        sp,
                        EntityType::Org,
                        RuleId::OrgTable,
                        None,
                    ));
                }
                clubs.insert(Span::new(sp.start, toks[s.end - 1].span().end).of(text));
            }
            (Some(Vote::Player), Vote::Unknown) => {
                add.push(Candidate::from_rule(
                    sp,
                    EntityType::Person,
                    RuleId::PersonTable,
                    None,
                ));
            }
            _ => {}
        }
    }
    let dropped = |c: &Span| {
        let k = drop.partition_point(|d| d.end <= c.start);
        drop.get(k).is_some_and(|d| d.overlaps(*c))
    };
    cands.retain(|c| {
        !dropped(&c.span) || (c.etype == EntityType::Person && c.source == Source::Gazetteer)
    });
    cands.extend(add);
    if !clubs.is_empty() {
        spread(text, seg, gaz, &clubs, cands);
    }
}

/// Every other mention of a club's name in the report is the club: as written, or in
/// capitals in a headline or a table ("KELSO").
fn spread(
    text: &str,
    seg: &Segments,
    gaz: &Gazetteers,
    clubs: &HashSet<&str>,
    cands: &mut Vec<Candidate>,
) {
    let toks = &seg.tokens;
    let upper: HashSet<String> = clubs.iter().map(|c| c.to_uppercase()).collect();
    let longest = clubs
        .iter()
        .map(|c| c.split(' ').count())
        .max()
        .unwrap_or(1);
    let mut covered: Vec<(Span, usize)> =
        cands.iter().enumerate().map(|(k, c)| (c.span, k)).collect();
    covered.sort();
    let mut add = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !toks[i].cap {
            i += 1;
            continue;
        }
        let mut hit = None;
        for n in (1..=longest.min(toks.len() - i)).rev() {
            let sp = Span::new(toks[i].span().start, toks[i + n - 1].span().end);
            let w = sp.of(text);
            if clubs.contains(w) || upper.contains(w) {
                hit = Some((sp, n));
                break;
            }
        }
        let Some((sp, n)) = hit else {
            i += 1;
            continue;
        };
        let start = i;
        i += n;
        // "at Dunmore" is the town.
        if start > 0 && toks[start - 1].is(Class::KeepsTownPlace) {
            continue;
        }
        let at = covered.partition_point(|(s, _)| s.end <= sp.start);
        let over: Vec<usize> = covered[at..]
            .iter()
            .take_while(|(s, _)| s.start < sp.end)
            .map(|&(_, k)| k)
            .collect();
        match over.as_slice() {
            [] => add.push(Candidate::from_rule(
                sp,
                EntityType::Org,
                RuleId::OrgTable,
                None,
            )),
            [k] if cands[*k].span == sp => {
                let c = &mut cands[*k];
                let retype = match c.etype {
                    EntityType::Loc => !is_country(gaz, c) && !super::team::dateline(text, sp),
                    EntityType::Person => c.source != Source::Gazetteer,
                    EntityType::Org => false,
                };
                if retype {
                    *c = Candidate::from_rule(sp, EntityType::Org, RuleId::OrgTable, None);
                }
            }
            _ => {}
        }
    }
    cands.extend(add);
}

#[cfg(test)]
mod tests {
    use crate::{Document, EntityType, Gazetteers, Options, Pipeline};

    fn types(text: &str) -> Vec<(String, EntityType, String)> {
        let p = Pipeline::new(Gazetteers::builtin(), Options::default());
        let ex = p.extract(&Document::new("t", text));
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

    fn has(got: &[(String, EntityType, String)], text: &str, ty: EntityType) -> bool {
        got.iter().any(|(t, y, _)| t == text && *y == ty)
    }

    const CLUBS: &str = "SOCCER - LEEDS WIN AT HOME\nLONDON 2024-05-02\n\
        Results of league matches played on Saturday :\n\
        Leeds 2 Hull 1\nBrackwater 0 Tolland Rovers 3\nZeljan ( B ) 1 Zeljan ( K ) 1\n\
        Halftime 1-0\nFixtures : Hull v Brackwater , Tolland Rovers v Leeds\n\
        Standings\nLEEDS 4 3 1 0 9 2 10\nHULL 4 1 1 2 3 6 4\n\
        Hull's coach said the goals came late. Leeds now top the league, and fans in \
        Hull wait for the next division match.\n";

    #[test]
    fn the_sides_of_a_clubs_table_are_clubs() {
        let got = types(CLUBS);
        for club in [
            "Leeds",
            "Hull",
            "Brackwater",
            "Tolland Rovers",
            "Zeljan ( B )",
            "Zeljan ( K )",
            "LEEDS",
            "HULL",
        ] {
            assert!(has(&got, club, EntityType::Org), "{club}: {got:?}");
        }
        // A label is no side; the dateline and "in Hull" are the places.
        assert!(!got.iter().any(|(t, _, _)| t == "Halftime"), "{got:?}");
        assert!(has(&got, "LONDON", EntityType::Loc), "{got:?}");
        let hull_place = CLUBS.rfind("Hull wait").unwrap();
        let mentions = Pipeline::new(Gazetteers::builtin(), Options::default())
            .extract(&Document::new("t", CLUBS))
            .mentions;
        assert!(
            mentions
                .iter()
                .any(|m| m.span.start == hull_place && m.etype == EntityType::Loc),
            "{got:?}"
        );
    }

    #[test]
    fn national_sides_stay_places_and_months_are_no_sides() {
        let text = "CRICKET - NEXT SERIES\nLONDON 2024-05-02\nThe cricket board named the \
                    squad for the series, and the coach picked two new bowlers for the \
                    innings ahead.\nIndia v Kenya , September 1\nNorway 2 Sweden 1\n";
        let got = types(text);
        for place in ["India", "Kenya", "Norway", "Sweden"] {
            assert!(has(&got, place, EntityType::Loc), "{place}: {got:?}");
        }
        assert!(!got.iter().any(|(t, _, _)| t == "September"), "{got:?}");
    }

    #[test]
    fn unknown_sides_of_a_players_table_are_people() {
        let text = "ATHLETICS - RESULTS\nOSLO 2024-05-02\nResults of the 400 metres at the \
                    athletics meeting on Friday , a championship race :\n\
                    1. Mira Okafor ( Norway ) 50.31 seconds\n2. Tavi Lunde ( Sweden ) 50.42\n\
                    3. Ada Brook ( Kenya ) 51.10\n";
        let got = types(text);
        assert!(
            got.contains(&(
                "Tavi Lunde".into(),
                EntityType::Person,
                "rule:person.table".into()
            )),
            "{got:?}"
        );
        assert!(has(&got, "Norway", EntityType::Loc), "{got:?}");
    }

    #[test]
    fn a_headline_and_prose_are_no_rows() {
        let text = "SOCCER - LEEDS TAKE OVER AT TOP\nLONDON 2024-05-02\nThe league leaders \
                    scored two goals against Hull at Brackwater on Saturday , the striker \
                    said after the match.\n";
        let got = types(text);
        assert!(!got.iter().any(|(t, _, _)| t.contains("TAKE")), "{got:?}");
        assert!(!has(&got, "Brackwater", EntityType::Org), "{got:?}");
    }
}
