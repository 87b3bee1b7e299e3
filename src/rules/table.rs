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
use rustc_hash::FxHashSet as HashSet;

/// A parenthesis of at most this many capitalised words after a name annotates it
/// ("( Norway )", "( U.S. )"); a longer one is a group of its own ("( Ada Brook 12 )").
const MAX_ANNOTATION_WORDS: usize = 3;
/// A side has at most this many words: a longer capitalised run is a heading.
const MAX_SIDE_WORDS: usize = 5;
/// A parenthesis of one word of at most this many capitals tells two clubs of one name
/// apart, and is part of the name ("Mladost ( L )").
const MAX_CODE_LETTERS: usize = 2;

/// One element of a table line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum El {
    /// Capitalised words `[first, end)`: a candidate side.
    Name(usize, usize),
    /// A number, a score ("3-1", "197-8") or an ordinal ("61st").
    Num,
    /// A word between two sides ("beat", "v", "AT").
    Result,
    /// Any other word.
    Word,
}

#[derive(Debug, Clone, Copy)]
struct Item {
    el: El,
    /// For a name followed by a code ("Mladost ( L )"), the byte end of the code.
    code_end: Option<usize>,
    /// Punctuation (`,` `;` `:` a parenthesis, or the line start) comes before it.
    sep: bool,
    /// A numbered entry's mark comes before it ("1." "6=" "13 -").
    numbered: bool,
    /// Inside a parenthesis group.
    inner: bool,
}

/// A side of a row: its tokens and whether it sits in a parenthesis group (scorers).
#[derive(Debug, Clone, Copy)]
struct Side {
    first: usize,
    end: usize,
    code_end: Option<usize>,
    inner: bool,
    /// The line's block, for the vote.
    block: usize,
}

fn is_number(w: &str) -> bool {
    let b = w.as_bytes();
    if b.is_empty() || !b[0].is_ascii_digit() {
        return false;
    }
    // A date or a year is no score ("1996-08-30", "1997").
    let year =
        b.len() >= 4 && b[..4].iter().all(u8::is_ascii_digit) && matches!(&b[..2], b"19" | b"20");
    if year && (b.len() == 4 || b[4] == b'-') {
        return false;
    }
    let ordinal = ["st", "nd", "rd", "th"].iter().any(|o| w.ends_with(o))
        && w[..w.len() - 2].bytes().all(|c| c.is_ascii_digit());
    ordinal
        || w.bytes()
            .all(|c| c.is_ascii_digit() || c == b'-' || c == b'/')
}

/// The elements of the line holding tokens `[a, b)`.
fn line_items(
    text: &str,
    seg: &Segments,
    (a, b): (usize, usize),
    line: Span,
    country: &HashSet<usize>,
) -> Vec<Item> {
    let toks = &seg.tokens;
    let gap = |i: usize| {
        let from = if i == a {
            line.start
        } else {
            toks[i - 1].full_end
        };
        &text[from..toks[i].span.start]
    };
    let mut items: Vec<Item> = Vec::new();
    let mut depth = 0i32;
    let mut i = a;
    let mut after_annotation = false;
    while i < b {
        let g = gap(i);
        let opens = g.contains('(');
        // "( Norway )": up to three capitalised words closed before the next number.
        if opens && !items.is_empty() && matches!(items.last().unwrap().el, El::Name(..)) {
            let close = (i..b).find(|&k| {
                let after = if k + 1 < b {
                    gap(k + 1)
                } else {
                    &text[toks[k].full_end..line.end]
                };
                after.contains(')')
            });
            if let Some(k) = close.filter(|&k| {
                k - i < MAX_ANNOTATION_WORDS
                    && (i..=k).all(|j| toks[j].cap && !is_number(toks[j].span.of(text)))
            }) {
                let code = toks[i].span.of(text);
                if k == i
                    && !country.contains(&i)
                    && code.len() <= MAX_CODE_LETTERS
                    && code.bytes().all(|c| c.is_ascii_uppercase())
                {
                    let close_at =
                        toks[k].full_end + text[toks[k].full_end..].find(')').unwrap_or(0) + 1;
                    items.last_mut().unwrap().code_end = Some(close_at);
                }
                i = k + 1;
                after_annotation = true;
                continue;
            }
        }
        let transparent = after_annotation && !g.contains([',', ';', ':', '(']);
        let closing = g.contains(')') && !after_annotation;
        after_annotation = false;
        depth += g.matches('(').count() as i32;
        if closing {
            depth -= g.matches(')').count() as i32;
        }
        depth = depth.max(0);
        let sep = !transparent && (i == a || g.contains([',', ';', ':', '(', ')']));
        let numbered = i > a
            && matches!(items.last().map(|x| x.el), Some(El::Num))
            && g.trim().len() == 1
            && g.trim().contains(['.', '=', '-']);
        let w = toks[i].span.of(text);
        let el = if is_number(w) {
            El::Num
        } else if toks[i].is(Class::ResultWord) && (!toks[i].cap || w.len() <= 2) {
            El::Result
        } else if toks[i].cap {
            // Capitalised words joined by single spaces, with particles between ("Queen of
            // South").
            let mut end = i + 1;
            loop {
                if end < b && gap(end) == " " {
                    let t = &toks[end];
                    let wd = t.span.of(text);
                    if t.cap && !is_number(wd) && !(t.is(Class::ResultWord) && wd.len() <= 2) {
                        end += 1;
                        continue;
                    }
                    if t.is(Class::NameParticle)
                        && end + 1 < b
                        && !country.contains(&(end + 1))
                        && gap(end + 1) == " "
                        && toks[end + 1].cap
                    {
                        end += 2;
                        continue;
                    }
                }
                break;
            }
            items.push(Item {
                el: El::Name(i, end),
                code_end: None,
                sep,
                numbered,
                inner: depth > 0,
            });
            i = end;
            continue;
        } else {
            El::Word
        };
        items.push(Item {
            el,
            code_end: None,
            sep,
            numbered,
            inner: depth > 0,
        });
        i += 1;
    }
    items
}

/// The sides of one line's elements. `plain(first, end)` says a name is a lone common word
/// (a label such as "Attendance" or a month), which no row names.
fn sides_of(
    items: &[Item],
    block: usize,
    plain: &dyn Fn(usize, usize) -> bool,
    out: &mut Vec<Side>,
) {
    let name = |p: usize| {
        matches!(items.get(p).map(|x| x.el),
            Some(El::Name(f, e)) if e - f <= MAX_SIDE_WORDS && !plain(f, e))
    };
    // Opens its clause: only numbers (a rank) since the line start or a separator.
    let opens_clause = |p: usize| {
        let mut q = p;
        loop {
            if items[q].sep {
                return true;
            }
            if q == 0 || items[q - 1].el != El::Num {
                return false;
            }
            q -= 1;
        }
    };
    // The clause goes on with a score, or ends.
    let ends_or_scores = |p: usize| items.get(p).is_none_or(|n| n.sep || n.el == El::Num);
    let mut result_side = vec![false; items.len()];
    for p in 0..items.len() {
        // "Leeds beat Hull 2-1", "LEEDS AT HULL", "Leeds v Hull": a clause of two sides.
        if name(p)
            && opens_clause(p)
            && items
                .get(p + 1)
                .is_some_and(|r| r.el == El::Result && !r.sep)
            && name(p + 2)
            && !items[p + 2].sep
            && ends_or_scores(p + 3)
        {
            result_side[p] = true;
            result_side[p + 2] = true;
        }
    }
    for (p, it) in items.iter().enumerate() {
        let El::Name(first, end) = it.el else {
            continue;
        };
        if !name(p) {
            continue;
        }
        let prev = p.checked_sub(1).map(|q| items[q]);
        let opener = it.sep || prev.is_some_and(|q| q.el == El::Num);
        let scored = items.get(p + 1).is_some_and(|n| !n.sep && n.el == El::Num);
        if (opener && scored) || it.numbered || result_side[p] {
            out.push(Side {
                first,
                end,
                code_end: it.code_end,
                inner: it.inner,
                block,
            });
        }
    }
}

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
    // A lone common word is a label ("Attendance 30,000", "Halftime 1-0"), unless it is
    // a town's name too ("Hull").
    let plain = |f: usize, e: usize| {
        e - f == 1
            && [Class::Common, Class::NeverPlace, Class::SportsWord]
                .iter()
                .any(|&c| toks[f].is(c))
            && !gaz.language.ambiguous.contains(toks[f].span.of(text))
    };
    // Lines (the first, the title, is no row), and blocks of consecutive lines with sides.
    let mut sides: Vec<Side> = Vec::new();
    let mut block = 0;
    let mut a = 0;
    for (pi, p) in seg.paragraphs.iter().enumerate() {
        let b = a + toks[a..].partition_point(|t| t.span.start < p.end);
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
            toks[s.first].span.start,
            s.code_end.unwrap_or(toks[s.end - 1].span.end),
        )
    };
    let vote = |s: &Side| -> Vote {
        let sp = span_of(s);
        let mut v = Vote::Unknown;
        // A candidate reaching past the side says nothing of it ("LEEDS AT HULL" read as
        // one name).
        let inside = |c: &&Candidate| c.span.start >= sp.start && c.span.end <= sp.end;
        for c in cands.iter().filter(inside) {
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
    // Tally per block and pool (outer sides, scorers in parentheses), then per document.
    let tally = |keep: &dyn Fn(&Side) -> bool| {
        let (mut players, mut clubs) = (0usize, 0usize);
        for (s, v) in sides.iter().zip(&votes) {
            if keep(s) {
                match v {
                    Vote::Player => players += 1,
                    Vote::Club | Vote::Country => clubs += 1,
                    Vote::Unknown => {}
                }
            }
        }
        (players, clubs)
    };
    let decide = |(players, clubs): (usize, usize)| match players.cmp(&clubs) {
        std::cmp::Ordering::Greater => Some(Vote::Player),
        std::cmp::Ordering::Less => Some(Vote::Club),
        std::cmp::Ordering::Equal => None,
    };
    let mut clubs: HashSet<&str> = HashSet::default();
    let mut add = Vec::new();
    let mut drop: Vec<Span> = Vec::new();
    for (s, v) in sides.iter().zip(&votes) {
        let kind = decide(tally(&|o: &Side| o.block == s.block && o.inner == s.inner))
            .or_else(|| decide(tally(&|o: &Side| o.inner == s.inner)));
        let sp = span_of(s);
        match (kind, v) {
            (Some(Vote::Club), Vote::Club | Vote::Unknown) => {
                // A club the lists or another rule found keeps its evidence.
                let known = cands
                    .iter()
                    .any(|c| c.span == sp && c.etype == EntityType::Org);
                if !known {
                    drop.push(sp);
                    add.push(Candidate::from_rule(
                        sp,
                        EntityType::Org,
                        RuleId::OrgTable,
                        None,
                    ));
                }
                clubs.insert(Span::new(sp.start, toks[s.end - 1].span.end).of(text));
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
    cands.retain(|c| {
        !drop.iter().any(|d| d.overlaps(c.span))
            || (c.etype == EntityType::Person && c.source == Source::Gazetteer)
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
            let sp = Span::new(toks[i].span.start, toks[i + n - 1].span.end);
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
            .map(|m| (m.span.of(text).to_string(), m.etype, m.source.label()))
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
