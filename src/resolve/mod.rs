//! Stage 5: resolve mentions to entities within one document. Overlapping candidates are
//! settled leftmost-longest, user rules first ([`select`]); then mentions are grouped: by
//! gazetteer row, else by folded name, a shorter form ("Brook", "The Times") joining the
//! full one. (The rules that add mentions from the whole document, surnames and acronyms,
//! are in `rules::document`.)

mod ids;
mod select;

use crate::gazetteer::Gazetteers;
use crate::lang::{Gender, Language};
use crate::types::{Candidate, Entity, EntityType, Mention, Source};
use ids::{key, push_slug, unique_ids};
use rustc_hash::FxHashMap as HashMap;
pub use select::select;

/// What groups mentions into one entity: the gazetteer row, or the folded name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum GroupKey {
    Gazetteer(usize),
    Name(String),
    /// A surname after a gendered honorific ("Mrs. Lee"): by gender too.
    Titled(Gender, String),
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
/// A lone surname that a list holds for someone else ("Vance") names the person this
/// document gives in full ("Mayor Peter Vance"), not the listed one: the mention leaves the
/// list and joins the full name as `person.surname`.
fn own_surnames(text: &str, cands: &mut [Candidate]) {
    let surname = |c: &Candidate| {
        let s = c.span.of(text);
        s.rsplit(' ').next().map(key).filter(|_| s.contains(' '))
    };
    // Last words of the document's full person names, with the list entry (if any) each
    // came from.
    let full: Vec<(String, Option<usize>)> = cands
        .iter()
        .filter(|c| c.etype == EntityType::Person)
        .filter_map(|c| surname(c).map(|w| (w, c.gaz)))
        .collect();
    if full.is_empty() {
        return;
    }
    for c in cands.iter_mut() {
        let Some(g) = c.gaz else { continue };
        let surface = c.span.of(text);
        if c.etype != EntityType::Person || surface.contains(' ') || c.source.is_user() {
            continue;
        }
        let k = key(surface);
        let others = full.iter().any(|(w, from)| *w == k && *from != Some(g));
        let listed_too = full.iter().any(|(w, from)| *w == k && *from == Some(g));
        if others && !listed_too {
            c.gaz = None;
            c.source = Source::Rule(crate::registry::RuleId::PersonSurname);
        }
    }
}

pub fn resolve(
    text: &str,
    gaz: &Gazetteers,
    selected: Vec<Candidate>,
) -> (Vec<Entity>, Vec<Mention>) {
    let mut cands = selected;
    cands.sort_by_key(|c| (c.span.start, c.span.end));
    own_surnames(text, &mut cands);

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
    // What each group knows of its person (index as `groups`).
    let mut info: Vec<GroupInfo> = Vec::new();
    let lang = &gaz.language;
    for &i in &order {
        let c = &cands[i];
        let surface = c.span.of(text);
        let gender = (c.etype == EntityType::Person)
            .then(|| person_gender(lang, surface, c.role.as_deref()))
            .flatten();
        // A surname alone after a gendered honorific groups by that gender too: "Mr. Lee"
        // and "Mrs. Lee" are two people when the text names both.
        let honorific = c.role.as_deref().filter(|r| {
            gender.is_some() && !surface.contains(' ') && lang.genders.contains_key(*r)
        });
        let k = match (c.gaz, honorific, gender) {
            (Some(g), _, _) => (c.etype, GroupKey::Gazetteer(g)),
            (None, Some(_), Some(gd)) => (c.etype, GroupKey::Titled(gd, key(surface))),
            _ => (c.etype, GroupKey::Name(key(surface))),
        };
        let g = if let Some(&g) = by_key.get(&k) {
            g
        } else if c.etype == EntityType::Person {
            let words: Vec<String> = surface.split_whitespace().map(key).collect();
            let full = person_full.find(&words);
            let joined = full.filter(|&g| {
                !(gender.is_some() && info[g].first_gender.is_some_and(|x| Some(x) != gender))
            });
            match joined {
                Some(g) if c.gaz.is_none() => g,
                None if honorific.is_some() && full.is_some() => {
                    // The full name's gender is the other one: a person of their own.
                    new_group(&mut groups, &mut info, honorific.map(String::from))
                }
                _ => {
                    let g = new_group(&mut groups, &mut info, None);
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
                    let g = new_group(&mut groups, &mut info, None);
                    org_full.add(words, g);
                    g
                }
            }
        } else {
            new_group(&mut groups, &mut info, None)
        };
        info[g].note(gender);
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
    // Which entities have a gazetteer id: those keep it when a slug would clash.
    let mut listed = Vec::with_capacity(groups.len());
    for (ei, &(_, g)) in first.iter().enumerate() {
        entity_of_group[g] = ei;
        let mut members = std::mem::take(&mut groups[g]);
        members.sort_by_key(|&i| cands[i].span.start);
        let c0 = &cands[members[0]];
        // The name is the fullest form the text gives; the gazetteer's canonical form when
        // the text uses it. The id stays the gazetteer's, stable across documents.
        let longest = members
            .iter()
            .map(|&i| cands[i].span.of(text))
            .max_by_key(|s| (s.split_whitespace().count(), s.len()))
            .unwrap();
        let fullest = match &info[g].titled {
            Some(h) => format!("{h} {}", tidy_name(longest)),
            None => tidy_name(longest),
        };
        let gaz_row = members.iter().find_map(|&i| cands[i].gaz);
        listed.push(gaz_row.is_some());
        let (id, name) = match gaz_row {
            Some(gi) => {
                let e = &gaz.entries[gi];
                let used = members.iter().any(|&i| {
                    let s = cands[i].span.of(text);
                    s == e.name || is_upper_case_of(s, &e.name)
                });
                (e.id.clone(), if used { e.name.clone() } else { fullest })
            }
            None => {
                let mut id = String::with_capacity(fullest.len() + 8);
                id.push_str(c0.etype.slug_prefix());
                id.push(':');
                push_slug(&mut id, &fullest);
                (id, fullest)
            }
        };
        let mut aliases: Vec<String> = Vec::new();
        let mut roles: Vec<String> = Vec::new();
        for &i in &members {
            let s = cands[i].span.of(text);
            if s != name && !aliases.iter().any(|a| a == s) {
                aliases.push(s.to_string());
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
            wikidata: gaz_row.and_then(|gi| gaz.entries[gi].wikidata.clone()),
            gender: info[g].gender(),
        });
    }
    unique_ids(&mut entities, &listed);
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

/// What a group of mentions knows of its person.
#[derive(Debug, Default)]
struct GroupInfo {
    /// The first gender a member gave: a later member of the other gender does not join.
    first_gender: Option<Gender>,
    /// Whether any member gave each gender: both make the entity's gender unknown.
    male: bool,
    female: bool,
    /// The honorific of a titled surname kept apart ("Mrs." of "Mrs. Lee"), which names it.
    titled: Option<String>,
}

impl GroupInfo {
    fn note(&mut self, gender: Option<Gender>) {
        self.first_gender = self.first_gender.or(gender);
        match gender {
            Some(Gender::Male) => self.male = true,
            Some(Gender::Female) => self.female = true,
            _ => {}
        }
    }

    fn gender(&self) -> Option<Gender> {
        match (self.male, self.female) {
            (true, false) => Some(Gender::Male),
            (false, true) => Some(Gender::Female),
            _ => None,
        }
    }
}

/// Opens a new group of mentions; `titled` for a titled surname kept apart.
fn new_group(
    groups: &mut Vec<Vec<usize>>,
    info: &mut Vec<GroupInfo>,
    titled: Option<String>,
) -> usize {
    groups.push(Vec::new());
    info.push(GroupInfo {
        titled,
        ..GroupInfo::default()
    });
    groups.len() - 1
}

/// The gender a person's mention gives: its honorific ("Mrs."), else its first word when
/// that is a given name of one gender ("Helen Marsh").
pub(crate) fn person_gender(lang: &Language, surface: &str, role: Option<&str>) -> Option<Gender> {
    let person = |g: &Gender| (*g != Gender::Neuter).then_some(*g);
    if let Some(g) = role.and_then(|r| lang.genders.get(r.split_whitespace().next()?)) {
        return person(g);
    }
    let mut words = surface.split_whitespace();
    let first = words.next()?;
    words.next()?;
    lang.genders.get(first).and_then(person)
}

/// `s == name.to_uppercase()`, without building the upper-case copy (one per mention of a
/// listed entity).
fn is_upper_case_of(s: &str, name: &str) -> bool {
    s.chars().eq(name.chars().flat_map(char::to_uppercase))
}

/// "Verde party" names the party "Verde"; Ruth “Rudi” Okafor is Ruth Okafor.
fn tidy_name(s: &str) -> String {
    let s = s.strip_suffix(" party").unwrap_or(s);
    // Both patterns below hold `“` or `"`: a name without either (most names) matches
    // neither, and skips the two substring searches (each sets up a searcher).
    if !s.contains(['“', '"']) {
        return s.to_string();
    }
    for (open, close) in [(" “", "” "), (" \"", "\" ")] {
        if let Some(a) = s.find(open)
            && let Some(b) = s[a..].find(close)
        {
            return format!("{} {}", &s[..a], &s[a + b + close.len()..]);
        }
    }
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::is_upper_case_of;

    #[test]
    fn upper_case_copies_compare_as_to_uppercase_would() {
        for (s, name) in [
            ("ADA BROOK", "Ada Brook"),
            ("Ada BROOK", "Ada Brook"),
            ("STRASSE", "Straße"),
            ("Ada Brook", "Ada Brook"),
            ("ADA BROO", "Ada Brook"),
            ("ADA BROOKS", "Ada Brook"),
            ("ÉLISE", "élise"),
            ("", ""),
        ] {
            assert_eq!(
                is_upper_case_of(s, name),
                s == name.to_uppercase(),
                "{s} {name}"
            );
        }
    }
}
