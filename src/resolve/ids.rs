//! The keys mentions are grouped by, the slugs of entities no gazetteer holds, and the
//! rule that makes entity ids unique within a document.

use crate::types::Entity;
use rustc_hash::FxHashSet as HashSet;

/// Words of a name, without dots, for comparing forms ("C.I.A." ~ "CIA"): lower case, one
/// space between words, and one apostrophe for the ways it is written ("O’Neill" ~
/// "O'Neill"), so the forms that give one slug give one key.
pub(super) fn key(s: &str) -> String {
    // `strip_prefix` in a loop, as `trim_start_matches` with a string pattern would: the
    // latter sets up a substring searcher at every call, once per mention.
    let mut s = s;
    while let Some(r) = s.strip_prefix("The ") {
        s = r;
    }
    while let Some(r) = s.strip_prefix("the ") {
        s = r;
    }
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    if s.is_ascii() {
        // The usual case, byte by byte.
        for b in s.bytes().filter(|&b| b != b'.') {
            if b.is_ascii_whitespace() {
                space = true;
                continue;
            }
            if std::mem::take(&mut space) && !out.is_empty() {
                out.push(' ');
            }
            out.push(char::from(b.to_ascii_lowercase()));
        }
        return out;
    }
    for c in s.chars().filter(|&c| c != '.') {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if std::mem::take(&mut space) && !out.is_empty() {
            out.push(' ');
        }
        match c {
            '’' | '‘' | 'ʼ' => out.push('\''),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The slug of a name: lower-case words joined by `-`, without dots and apostrophes.
#[cfg(test)]
pub(super) fn slug(s: &str) -> String {
    let mut out = String::new();
    push_slug(&mut out, s);
    out
}

/// Appends the slug of `s` to `out` (an id's type prefix, `person:`, already there),
/// without a string of its own: one per entity of every document.
pub(super) fn push_slug(out: &mut String, s: &str) {
    let from = out.len();
    // A dash goes in only between words: not first, not twice, and not last.
    let mut dash = false;
    if s.is_ascii() {
        // The usual case, byte by byte.
        for b in s.bytes() {
            if b.is_ascii_alphanumeric() {
                if std::mem::take(&mut dash) {
                    out.push('-');
                }
                out.push(char::from(b.to_ascii_lowercase()));
            } else if out.len() > from && b != b'.' && b != b'\'' {
                dash = true;
            }
        }
        return;
    }
    for c in s.chars() {
        if c.is_alphanumeric() {
            if std::mem::take(&mut dash) {
                out.push('-');
            }
            out.extend(c.to_lowercase());
        } else if out.len() > from && c != '.' && c != '’' && c != '\'' {
            dash = true;
        }
    }
}

/// Makes the ids of a document's entities unique. Two entities the grouping keeps apart
/// can still share an id: two slugs alike ("Brook-Lind" and "Brook Lind"; "Mr. Lee" and
/// "Mrs. Lee", both named "Lee"), or a slug equal to a user gazetteer's id. Entities with a
/// gazetteer id (`listed`) keep it, then the others in order of first mention; a later one
/// with a taken id gets the first free `-2`, `-3` ... suffix, never an id another entity of
/// the document has. Deterministic: the same document gives the same ids.
pub(super) fn unique_ids(entities: &mut [Entity], listed: &[bool]) {
    {
        let mut seen = HashSet::default();
        if entities.iter().all(|e| seen.insert(e.id.as_str())) {
            return; // the usual case: no clash
        }
    }
    let taken: HashSet<String> = entities.iter().map(|e| e.id.clone()).collect();
    let mut used: HashSet<String> = HashSet::default();
    let n = entities.len();
    let order = (0..n)
        .filter(|&i| listed[i])
        .chain((0..n).filter(|&i| !listed[i]));
    for i in order {
        if used.insert(entities[i].id.clone()) {
            continue;
        }
        let base = &entities[i].id;
        let id = (2..)
            .map(|k| format!("{base}-{k}"))
            .find(|c| !taken.contains(c) && !used.contains(c))
            .expect("a free suffix");
        used.insert(id.clone());
        entities[i].id = id;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::EntityType;

    #[test]
    fn slugs_are_stable() {
        assert_eq!(slug("Ada Brook-Lind"), "ada-brook-lind");
        assert_eq!(slug("U.S. Southern Command"), "us-southern-command");
        assert_eq!(slug("José Núñez"), "josé-núñez");
        assert_eq!(slug("Tara O’Neill"), slug("Tara O'Neill"));
        // Runs of marks give one dash, none at either end; dots and apostrophes none.
        assert_eq!(slug(" -- Ada,  (Brook) -- "), "ada-brook");
        assert_eq!(slug("“Zé” Núñez, Jr."), "zé-núñez-jr");
        assert_eq!(slug("O'Neill's A.B.C. co."), "oneills-abc-co");
        assert_eq!(slug("..."), "");
    }

    #[test]
    fn forms_of_one_slug_written_two_ways_share_a_key() {
        assert_eq!(key("Tara O’Neill"), key("Tara O'Neill"));
        assert_eq!(key("Tara O‘Neill"), "tara o'neill");
        assert_eq!(key("Ada\nBrook"), key("Ada  Brook"));
        assert_eq!(key("The C.I.A."), "cia");
        assert_eq!(key("The The the Daily Post"), "daily post");
        assert_eq!(key("the The Post"), "the post");
        assert_eq!(key("José  Núñez"), "josé núñez");
        assert_ne!(key("Ada Brook"), key("Ada Brooks"));
    }

    fn entity(id: &str) -> Entity {
        Entity {
            id: id.to_string(),
            name: id.to_string(),
            etype: EntityType::Person,
            mentions: 1,
            aliases: Vec::new(),
            roles: Vec::new(),
            wikidata: None,
            gender: None,
        }
    }

    #[test]
    fn clashing_ids_get_the_first_free_suffix_and_listed_ids_stay() {
        let ids = |v: &[Entity]| v.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
        let mut v = vec![
            entity("person:lee"),
            entity("person:lee"),
            entity("person:lee-2"),
        ];
        unique_ids(&mut v, &[false, false, false]);
        assert_eq!(ids(&v), ["person:lee", "person:lee-3", "person:lee-2"]);
        // A slug equal to a gazetteer id gives way, wherever it is mentioned first.
        let mut v = vec![entity("org:zeta"), entity("org:zeta")];
        unique_ids(&mut v, &[false, true]);
        assert_eq!(ids(&v), ["org:zeta-2", "org:zeta"]);
        let mut v = vec![entity("org:a"), entity("org:b")];
        unique_ids(&mut v, &[false, false]);
        assert_eq!(ids(&v), ["org:a", "org:b"]);
    }
}
