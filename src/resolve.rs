//! Stage 5: resolve mentions to entities within one document. Overlapping candidates are
//! settled leftmost-longest; surnames and acronyms found anywhere in the document join the
//! entity named in full; a place name that is also a person's surname goes to the person
//! unless a locative preposition precedes it ("in London" stays a place).

use crate::gazetteer::Gazetteers;
use crate::matcher::Candidate;
use crate::rules::{org, person};
use crate::segment::Segments;
use crate::types::{Entity, EntityType, Mention, Source, Span};
use crate::words::Words;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Leftmost-longest selection; on equal spans a gazetteer match beats a rule.
pub fn select(mut cands: Vec<Candidate>) -> Vec<Candidate> {
    let prio = |c: &Candidate| match c.source {
        Source::Gazetteer => 0,
        Source::Rule(_) if c.etype == EntityType::Person => 1,
        Source::Rule(_) => 2,
    };
    cands.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(b.span.len().cmp(&a.span.len()))
            .then(prio(a).cmp(&prio(b)))
    });
    let mut out: Vec<Candidate> = Vec::with_capacity(cands.len());
    for c in cands {
        if out.last().is_some_and(|l| l.span.end > c.span.start) {
            continue;
        }
        out.push(c);
    }
    out
}

/// "NBC Chicago", "CNN Philippines": a broadcaster's acronym and a place form one station.
pub fn join_stations(text: &str, cands: Vec<Candidate>) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::with_capacity(cands.len());
    for c in cands {
        if let Some(prev) = out.last_mut() {
            let acronym = prev.span.of(text);
            if prev.etype == EntityType::Org
                && c.etype == EntityType::Loc
                && (2..=5).contains(&acronym.len())
                && acronym.bytes().all(|b| b.is_ascii_uppercase())
                && &text[prev.span.end..c.span.start] == " "
            {
                prev.span.end = c.span.end;
                prev.source = Source::Rule(org::STATION);
                prev.gaz = None;
                continue;
            }
        }
        out.push(c);
    }
    out
}

#[rustfmt::skip]
/// Words before a bare surname that keep it a place ("in London"); "to", "of" and "from"
/// go with people as often ("a loss to Brook"), so a known person's surname wins there.
static LOCATIVE: Words = Words::new(&["in", "at", "near", "outside", "across", "into", "In", "At", "Near"]);

/// Words of a name, without dots, for comparing forms ("C.I.A." ~ "CIA").
fn key(s: &str) -> String {
    let s = s.trim_start_matches("The ").trim_start_matches("the ");
    let mut out = String::with_capacity(s.len());
    for c in s.chars().filter(|&c| c != '.') {
        out.extend(c.to_lowercase());
    }
    out
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() && c != '.' && c != '’' && c != '\'' {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// What groups mentions into one entity: the gazetteer row, or the folded name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum GroupKey {
    Gazetteer(usize),
    Name(String),
}

/// Full names seen so far, indexed by their last word, so that a shorter form ("Brook",
/// "The Times") finds the full one ("Ada Brook", "The New York Times") without a scan.
#[derive(Default)]
struct FullNames {
    by_last: HashMap<String, Vec<(Vec<String>, usize)>>,
}

impl FullNames {
    /// The group of a longer name ending with `words`.
    fn find(&self, words: &[String]) -> Option<usize> {
        let bucket = self.by_last.get(words.last()?)?;
        bucket
            .iter()
            .find(|(full, _)| full.len() > words.len() && full.ends_with(words))
            .map(|&(_, g)| g)
    }

    fn add(&mut self, words: Vec<String>, group: usize) {
        if let Some(last) = words.last().cloned() {
            self.by_last.entry(last).or_default().push((words, group));
        }
    }
}

/// Resolves the selected candidates into entities and mentions.
pub fn resolve(
    text: &str,
    seg: &Segments,
    gaz: &Gazetteers,
    selected: Vec<Candidate>,
) -> (Vec<Entity>, Vec<Mention>) {
    let mut cands = selected;
    add_surnames(text, seg, &mut cands);
    add_acronyms(text, seg, &mut cands);
    cands.sort_by_key(|c| (c.span.start, c.span.end));

    // Group: gazetteer id, else type + folded name; short person names join the full name.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut by_key: HashMap<(EntityType, GroupKey), usize> = HashMap::default();
    let mut person_full = FullNames::default();
    let mut org_full = FullNames::default();
    // Gazetteer people and longest names first, so "Ada Brook" exists before "Brook" looks.
    let mut order: Vec<usize> = (0..cands.len()).collect();
    order.sort_by_cached_key(|&i| {
        let c = &cands[i];
        (
            c.gaz.is_none(),
            std::cmp::Reverse(c.span.of(text).split_whitespace().count()),
            c.span.start,
        )
    });
    let mut group_of = vec![usize::MAX; cands.len()];
    for &i in &order {
        let c = &cands[i];
        let surface = c.span.of(text);
        let k = match c.gaz {
            Some(g) => (c.etype, GroupKey::Gazetteer(g)),
            None => (c.etype, GroupKey::Name(key(surface))),
        };
        let g = if let Some(&g) = by_key.get(&k) {
            g
        } else if c.etype == EntityType::Person {
            let words: Vec<String> = surface.split_whitespace().map(key).collect();
            match person_full.find(&words) {
                Some(g) if c.gaz.is_none() => g,
                _ => {
                    groups.push(Vec::new());
                    let g = groups.len() - 1;
                    if let Some(gi) = c.gaz {
                        let canon = &gaz.entries[gi].name;
                        person_full.add(canon.split_whitespace().map(key).collect(), g);
                    }
                    person_full.add(words, g);
                    g
                }
            }
        } else if c.etype == EntityType::Org {
            // "The Times" after "The New York Times": a shorter form of a named organisation.
            let words: Vec<String> = key(surface).split_whitespace().map(String::from).collect();
            match org_full.find(&words) {
                Some(g) if c.gaz.is_none() => g,
                _ => {
                    groups.push(Vec::new());
                    org_full.add(words, groups.len() - 1);
                    groups.len() - 1
                }
            }
        } else {
            groups.push(Vec::new());
            groups.len() - 1
        };
        by_key.insert(k, g);
        groups[g].push(i);
        group_of[i] = g;
    }

    // Entities in order of first mention.
    let mut first: Vec<(usize, usize)> = groups
        .iter()
        .enumerate()
        .map(|(g, m)| (m.iter().map(|&i| cands[i].span.start).min().unwrap(), g))
        .collect();
    first.sort();
    let mut entity_of_group = vec![0; groups.len()];
    let mut entities = Vec::with_capacity(groups.len());
    for (ei, &(_, g)) in first.iter().enumerate() {
        entity_of_group[g] = ei;
        let mut members = groups[g].clone();
        members.sort_by_key(|&i| cands[i].span.start);
        let c0 = &cands[members[0]];
        // The name is the fullest form the text gives; the gazetteer's canonical form when
        // the text uses it. The id stays the gazetteer's, stable across documents.
        let longest = members
            .iter()
            .map(|&i| cands[i].span.of(text))
            .max_by_key(|s| (s.split_whitespace().count(), s.len()))
            .unwrap();
        let fullest = tidy_name(longest);
        let (id, name) = match members.iter().find_map(|&i| cands[i].gaz) {
            Some(gi) => {
                let e = &gaz.entries[gi];
                let used = members.iter().any(|&i| {
                    let s = cands[i].span.of(text);
                    s == e.name || s == e.name.to_uppercase()
                });
                (e.id.clone(), if used { e.name.clone() } else { fullest })
            }
            None => (
                format!("{}:{}", c0.etype.slug_prefix(), slug(&fullest)),
                fullest,
            ),
        };
        let mut aliases: Vec<String> = Vec::new();
        let mut roles: Vec<String> = Vec::new();
        for &i in &members {
            let s = cands[i].span.of(text).to_string();
            if s != name && !aliases.contains(&s) {
                aliases.push(s);
            }
            if let Some(r) = &cands[i].role
                && !roles.contains(r)
            {
                roles.push(r.clone());
            }
        }
        entities.push(Entity {
            id,
            name,
            etype: c0.etype,
            mentions: members.len(),
            aliases,
            roles,
        });
    }
    let mentions = cands
        .into_iter()
        .enumerate()
        .map(|(i, c)| Mention {
            span: c.span,
            etype: c.etype,
            source: c.source,
            gaz: c.gaz,
            role: c.role,
            entity: entity_of_group[group_of[i]],
        })
        .collect();
    (entities, mentions)
}

/// "Verde party" names the party "Verde"; Ruth “Rudi” Okafor is Ruth Okafor.
fn tidy_name(s: &str) -> String {
    let s = s.strip_suffix(" party").unwrap_or(s);
    for (open, close) in [(" “", "” "), (" \"", "\" ")] {
        if let Some(a) = s.find(open)
            && let Some(b) = s[a..].find(close)
        {
            return format!("{} {}", &s[..a], &s[a + b + close.len()..]);
        }
    }
    s.to_string()
}

/// Finds surnames (and last two names) of people named in full, anywhere in the document.
fn add_surnames(text: &str, seg: &Segments, cands: &mut Vec<Candidate>) {
    let mut keys: HashSet<String> = HashSet::default();
    for c in cands.iter() {
        if c.etype != EntityType::Person {
            continue;
        }
        let words: Vec<&str> = c.span.of(text).split_whitespace().collect();
        if words.len() >= 2 {
            keys.insert(words[words.len() - 1].to_string());
        }
        if words.len() >= 3 {
            keys.insert(words[words.len() - 2..].join(" "));
        }
    }
    if keys.is_empty() {
        return;
    }
    let mut covered: Vec<Span> = cands.iter().map(|c| c.span).collect();
    covered.sort();
    let mut add = Vec::new();
    let mut replace = HashSet::default();
    let mut skip_to = 0;
    for (ti, t) in seg.tokens.iter().enumerate() {
        if !t.cap || t.span.start < skip_to {
            continue;
        }
        let w = t.span.of(text);
        let two = (ti + 1 < seg.tokens.len())
            .then(|| Span::new(t.span.start, seg.tokens[ti + 1].span.end));
        let span = match two {
            Some(sp) if keys.contains(sp.of(text)) => sp,
            _ if keys.contains(w) => t.span,
            _ => continue,
        };
        // A two-word surname ("Ruiz Tagle") takes both words.
        skip_to = span.end;
        let at = covered.partition_point(|s| s.end <= span.start);
        let hit = covered.get(at).filter(|s| s.overlaps(span)).copied();
        match hit {
            None => add.push(span),
            Some(h) if h == span => {
                let prev = ti.checked_sub(1).map(|p| seg.tokens[p].span.of(text));
                if !prev.is_some_and(|p| LOCATIVE.contains(&p)) {
                    replace.insert(span);
                }
            }
            _ => {}
        }
    }
    for c in cands.iter_mut() {
        if c.etype != EntityType::Person && replace.contains(&c.span) {
            *c = surname(c.span);
        }
    }
    cands.extend(add.into_iter().map(surname));
}

fn surname(span: Span) -> Candidate {
    Candidate {
        span,
        etype: EntityType::Person,
        source: Source::Rule(person::SURNAME),
        gaz: None,
        role: None,
    }
}

/// True when `span` overlaps one of `sorted` (spans sorted by start, not nested).
fn overlaps_any(sorted: &[Span], span: Span) -> bool {
    let i = sorted.partition_point(|s| s.end <= span.start);
    sorted.get(i).is_some_and(|s| s.overlaps(span))
}

/// An acronym that spells the initials of an organisation named in the document joins it.
fn add_acronyms(text: &str, seg: &Segments, cands: &mut Vec<Candidate>) {
    let mut initials: HashMap<String, Span> = HashMap::default();
    for c in cands.iter() {
        if c.etype != EntityType::Org || c.gaz.is_some() {
            continue;
        }
        let ini: String = c
            .span
            .of(text)
            .split_whitespace()
            .filter(|w| w.starts_with(char::is_uppercase))
            .filter_map(|w| w.chars().next())
            .collect();
        if ini.chars().count() >= 2 {
            initials.entry(ini).or_insert(c.span);
        }
    }
    if initials.is_empty() {
        return;
    }
    let mut covered: Vec<Span> = cands.iter().map(|c| c.span).collect();
    covered.sort();
    for t in &seg.tokens {
        let w = t.span.of(text);
        let acronym_like = w.len() >= 2 && w.bytes().all(|b| b.is_ascii_uppercase());
        if acronym_like && initials.contains_key(w) && !overlaps_any(&covered, t.span) {
            cands.push(Candidate {
                span: t.span,
                etype: EntityType::Org,
                source: Source::Rule(org::ACRONYM),
                gaz: None,
                role: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_stable() {
        assert_eq!(slug("Ada Brook-Lind"), "ada-brook-lind");
        assert_eq!(slug("U.S. Southern Command"), "us-southern-command");
        assert_eq!(slug("José Núñez"), "josé-núñez");
    }

    #[test]
    fn select_prefers_longest_then_gazetteer() {
        let c = |s, e, src| Candidate {
            span: Span::new(s, e),
            etype: EntityType::Loc,
            source: src,
            gaz: None,
            role: None,
        };
        let got = select(vec![
            c(8, 14, Source::Gazetteer),
            c(0, 14, Source::Rule("x")),
            c(20, 25, Source::Rule("y")),
            c(20, 25, Source::Gazetteer),
        ]);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].span, Span::new(0, 14));
        assert_eq!(got[1].source, Source::Gazetteer);
    }
}
