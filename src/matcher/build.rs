//! Building the matcher: every distinct form of the gazetteers (and an upper-case copy for
//! datelines), its evidence, and the groups by first word. Run once per process, so its
//! cost is start-up: the forms are gathered in first-seen order (no sort), kept in one
//! string, and grouped by a counting pass rather than a vector per word.

use super::{GazMatcher, Need, Tail, UNKNOWN, first_word};
use crate::gazetteer::{Gazetteers, RANK_CITY, RANK_COUNTRY};
use crate::lang::Class;
use crate::types::EntityType;
use crate::wordmap::{WordMap, offset};
use rustc_hash::{FxBuildHasher, FxHashMap};
use std::sync::atomic::AtomicU8;

impl GazMatcher {
    pub fn new(gaz: &Gazetteers) -> GazMatcher {
        let lex = &gaz.language;
        // The forms in first-seen order, each with the entry of lowest rank that has it (the
        // earliest of equal rank). Pattern order decides nothing: two forms that match at
        // one start are either of different lengths (longest first) or the same form.
        let n: usize = gaz.entries.iter().map(|e| 1 + e.aliases.len()).sum();
        let mut slot: FxHashMap<&str, u32> = FxHashMap::with_capacity_and_hasher(n, FxBuildHasher);
        let mut forms: Vec<(&str, u32)> = Vec::with_capacity(n);
        for (i, e) in gaz.entries.iter().enumerate() {
            // (Parsing refuses empty names and drops empty aliases; none can reach here.)
            for form in std::iter::once(&e.name).chain(&e.aliases) {
                match slot.entry(form.as_str()) {
                    std::collections::hash_map::Entry::Occupied(o) => {
                        let f = &mut forms[*o.get() as usize];
                        if gaz.entries[f.1 as usize].rank > e.rank {
                            f.1 = i as u32;
                        }
                    }
                    std::collections::hash_map::Entry::Vacant(v) => {
                        v.insert(forms.len() as u32);
                        forms.push((form.as_str(), i as u32));
                    }
                }
            }
        }
        let mut arena = String::with_capacity(forms.iter().map(|f| 2 * f.0.len()).sum());
        let mut pats: Vec<(u32, u32)> = Vec::with_capacity(2 * forms.len());
        let mut entry_of: Vec<u32> = Vec::with_capacity(2 * forms.len());
        for &(form, i) in &forms {
            pats.push(push(&mut arena, form));
            entry_of.push(i);
        }
        // Upper-case copies for datelines and headlines ("WASHINGTON —"), one per distinct
        // copy (by pattern index), with the lowest entry index of the forms it copies.
        let mut upper: WordMap<u32> = WordMap::default();
        upper.reserve(forms.len());
        let mut buf = String::new();
        for &(form, i) in &forms {
            // Not for ordinary words: "RUGBY UNION" is a sport, not two towns.
            if form.chars().count() < 4 || lex.ambiguous.contains(form) {
                continue;
            }
            buf.clear();
            if form.is_ascii() {
                buf.extend(form.bytes().map(|b| b.to_ascii_uppercase() as char));
            } else {
                buf.extend(form.chars().flat_map(char::to_uppercase));
            }
            if buf == form || slot.contains_key(buf.as_str()) {
                continue;
            }
            if let Some(p) = upper.add(&buf, pats.len() as u32, |old, _| old) {
                let j = &mut entry_of[p as usize];
                *j = (*j).min(i);
                continue;
            }
            pats.push(push(&mut arena, &buf));
            entry_of.push(i);
        }
        let need = (0..pats.len()).map(|_| AtomicU8::new(UNKNOWN)).collect();
        let (groups, group_start, order) = group(&arena, &pats);
        let mut first_byte = [false; 256];
        let mut lower_pairs = Box::new([0u64; 1024]);
        for &(s, e) in &pats {
            let b = &arena.as_bytes()[s as usize..e as usize];
            if b[0].is_ascii_lowercase() {
                let (word, bit) = super::pair_bit(b[0], b.get(1).copied().unwrap_or(0));
                lower_pairs[word] |= bit;
            } else {
                first_byte[b[0] as usize] = true;
            }
        }
        GazMatcher {
            entries: gaz.entries.len(),
            city_first: city_first(gaz),
            arena,
            pats,
            groups,
            group_start,
            order,
            entry_of,
            need,
            first_byte,
            lower_pairs,
        }
    }
}

/// Appends `form` to the arena: its byte range.
fn push(arena: &mut String, form: &str) -> (u32, u32) {
    let s = offset(arena.len());
    arena.push_str(form);
    (s, offset(arena.len()))
}

/// The evidence that form `f` of entry `i` needs before it counts.
pub(super) fn need(gaz: &Gazetteers, f: &str, i: usize) -> Need {
    let lex = &gaz.language;
    let e = &gaz.entries[i];
    let single = !f.contains(' ');
    if e.etype == EntityType::Loc && single && lex.is(f, Class::NeverPlace) {
        Need::Never
    } else if e.etype == EntityType::Loc && e.rank == RANK_COUNTRY {
        Need::Nothing
    } else if e.etype == EntityType::Loc && lex.ambiguous.contains(f) {
        Need::Place
    } else if e.etype == EntityType::Loc && lex.name_places.contains(f) {
        Need::NotName
    } else if e.etype == EntityType::Loc
        && (RANK_COUNTRY + 1..RANK_CITY).contains(&e.rank)
        && f.ends_with('.')
        && f != e.name
    {
        Need::AfterPlace
    } else if f != e.name && !e.aliases.iter().any(|a| a == f) {
        Need::Caps
    } else if single
        && e.etype != EntityType::Loc
        && f.chars().any(char::is_lowercase)
        && lex.is_common(f)
    {
        Need::Plain
    } else {
        Need::Nothing
    }
}

type Groups = (WordMap<u32>, Vec<u32>, Vec<(u32, Tail)>);

/// The patterns grouped by first word, each group longest form first (the first that fits
/// its boundaries and evidence wins, as the leftmost-longest match would, then the shorter
/// ones at the same start).
fn group(arena: &str, pats: &[(u32, u32)]) -> Groups {
    let form = |&(s, e): &(u32, u32)| &arena[s as usize..e as usize];
    let mut groups: WordMap<u32> = WordMap::default();
    groups.reserve(pats.len() / 2);
    // Each pattern's group and the bytes after its first word.
    let mut group_of: Vec<(u32, Tail)> = Vec::with_capacity(pats.len());
    let mut count: Vec<u32> = Vec::with_capacity(pats.len() / 2);
    for p in pats {
        let f = form(p);
        let key = first_word(f);
        let next = count.len() as u32;
        let g = groups.add(key, next, |old, _| old).unwrap_or_else(|| {
            count.push(0);
            next
        });
        count[g as usize] += 1;
        group_of.push((g, Tail::of(&f.as_bytes()[key.len()..])));
    }
    let mut group_start = Vec::with_capacity(count.len() + 1);
    let mut at = 0u32;
    for c in &count {
        group_start.push(at);
        at += c;
    }
    group_start.push(at);
    let mut fill = group_start.clone();
    let mut order = vec![(0u32, Tail { bytes: 0, mask: 0 }); at as usize];
    for (p, &(g, tail)) in group_of.iter().enumerate() {
        order[fill[g as usize] as usize] = (p as u32, tail);
        fill[g as usize] += 1;
    }
    for g in 0..count.len() {
        let list = &mut order[group_start[g] as usize..group_start[g + 1] as usize];
        list.sort_by_key(|&(p, _)| {
            let (s, e) = pats[p as usize];
            (std::cmp::Reverse(e - s), p)
        });
    }
    (groups, group_start, order)
}

/// The divisions whose name alone means a city of that name ("Washington"), each with the
/// city's entry.
fn city_first(gaz: &Gazetteers) -> rustc_hash::FxHashMap<usize, usize> {
    let lex = &gaz.language;
    let mut out = rustc_hash::FxHashMap::default();
    for (d, e) in gaz.entries.iter().enumerate() {
        if e.etype != EntityType::Loc || e.rank >= RANK_CITY || !lex.is(&e.name, Class::CityFirst) {
            continue;
        }
        let city = gaz.entries.iter().position(|c| {
            c.etype == EntityType::Loc
                && c.rank == RANK_CITY
                && (c.name == e.name || c.aliases.contains(&e.name))
        });
        if let Some(c) = city {
            out.insert(d, c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::parse_entities;
    use std::collections::{BTreeMap, HashMap};

    /// Every form to search, with its entry and its need, worked out as the matcher did
    /// before its forms moved into one string: a map from form to the entry of lowest rank,
    /// then the upper-case copies, sorted, the first of equal copies kept.
    fn reference(gaz: &Gazetteers) -> BTreeMap<String, (usize, Need)> {
        let mut best: HashMap<&str, usize> = HashMap::new();
        for (i, e) in gaz.entries.iter().enumerate() {
            for form in std::iter::once(&e.name).chain(&e.aliases) {
                let slot = best.entry(form.as_str()).or_insert(i);
                if gaz.entries[*slot].rank > e.rank {
                    *slot = i;
                }
            }
        }
        let mut upper: Vec<(String, usize)> = Vec::new();
        for (form, &i) in &best {
            let up = form.to_uppercase();
            let plain = gaz.language.ambiguous.contains(*form);
            if up != *form && form.chars().count() >= 4 && !plain && !best.contains_key(up.as_str())
            {
                upper.push((up, i));
            }
        }
        upper.sort();
        upper.dedup_by(|a, b| a.0 == b.0);
        let mut out: BTreeMap<String, (usize, Need)> = best
            .into_iter()
            .map(|(f, i)| (f.to_string(), (i, need(gaz, f, i))))
            .collect();
        for (f, i) in upper {
            let n = need(gaz, &f, i);
            out.insert(f, (i, n));
        }
        out
    }

    #[test]
    fn forms_entries_and_needs_are_those_of_the_map_it_replaced() {
        let mut g = Gazetteers::builtin();
        // A user's folder comes after the built-ins with rank 0: it wins a shared form
        // ("Paris"); non-ASCII forms get copies of another length ("Weißenfels"), and first
        // words longer than a word-map slot holds ("Internationalisation").
        let user = "org:paris\tORG\tParis\tParis Group\t\n\
                    loc:weiss\tLOC\tWeißenfels\tStraße Nord\t\n\
                    org:intl\tORG\tInternationalisation Alliance\tInternationalisation\t\n\
                    org:intl2\tORG\tInternationalisation Alliance of Towns\t\t\n";
        g.entries
            .extend(parse_entities("user.tsv", user, 0).expect("user rows"));
        let m = GazMatcher::new(&g);
        let mut got: BTreeMap<String, (usize, Need)> = BTreeMap::new();
        for p in 0..m.pats.len() {
            let e = m.entry_of[p] as usize;
            let n = need(&g, m.pat(p), e);
            assert!(
                got.insert(m.pat(p).to_string(), (e, n)).is_none(),
                "twice: {}",
                m.pat(p)
            );
        }
        let want = reference(&g);
        assert_eq!(got.len(), want.len());
        for (form, v) in &want {
            assert_eq!(got.get(form), Some(v), "{form}");
        }
        let paris = g.entries.iter().position(|e| e.id == "org:paris").unwrap();
        assert_eq!(got["Paris"].0, paris);
        assert_eq!(got["PARIS"].0, paris);
        assert!(got.contains_key("WEISSENFELS"));
        // Every form is in the group of its first word, longest first.
        for p in 0..m.pats.len() {
            let group = m.group(first_word(m.pat(p))).expect("a group");
            assert!(group.iter().any(|&(q, _)| q as usize == p));
            let lens: Vec<usize> = group
                .iter()
                .map(|&(q, _)| m.pat(q as usize).len())
                .collect();
            assert!(lens.windows(2).all(|w| w[0] >= w[1]), "{lens:?}");
        }
    }
}
