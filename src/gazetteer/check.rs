//! The rules of `gazetteers/README.md` on entity rows, beyond their shape: ids unique across
//! all files; within one file no two rows of one type share a name; no two rows name one
//! Wikidata item (they would be one entity twice); and aliases that differ
//! from the name, each listed once, not one letter ("A" would tag every "A"), not the name
//! in capitals (the matcher finds those itself) and not a plain word of the language on its
//! own ("said", or "Can" opening a sentence). Plain words are the words of the language's
//! function-word, determiner, pronoun and verb classes, as written or capitalised, and its
//! common words written in lower case; a capitalised common word ("Army", "Target") is a
//! name the matcher asks evidence for, and may be an alias.

use super::GazEntry;
use crate::error::GazetteerError;
use crate::lang::{Class, Language};
use crate::types::EntityType;
use std::collections::HashMap;
use std::collections::hash_map::Entry;

/// The classes whose words are never an alias on their own, as written or capitalised.
const PLAIN: &[Class] = &[
    Class::FunctionWord,
    Class::Determiner,
    Class::PronounSingular,
    Class::PronounPlural,
    Class::Speech,
    Class::Belief,
    Class::Framing,
    Class::Evidence,
    Class::DescribedSource,
    Class::Transitive,
    Class::NotClaim,
    Class::BeforeName,
];

fn problem(e: &GazEntry, message: String) -> GazetteerError {
    GazetteerError {
        file: e.file.to_string(),
        line: e.line,
        message,
    }
}

/// A form of one letter or digit, dots aside ("A", "A.").
fn one_letter(form: &str) -> bool {
    form.chars().filter(|c| c.is_alphanumeric()).count() <= 1
}

/// The plain-word class a single-word alias belongs to, if any.
fn plain_class(lang: &Language, alias: &str) -> Option<Class> {
    if alias.contains(char::is_whitespace) {
        return None;
    }
    let mut chars = alias.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    let mut forms = vec![alias.to_string()];
    if first.is_uppercase() && !rest.chars().any(char::is_uppercase) {
        // "Can" opening a sentence is the word "can".
        forms.push(first.to_lowercase().chain(rest.chars()).collect());
    }
    for f in &forms {
        let classes = lang.classes(f);
        if let Some(&c) = PLAIN.iter().find(|&&c| classes.has(c)) {
            return Some(c);
        }
    }
    let lower = !alias.chars().any(char::is_uppercase);
    (lower && lang.is(alias, Class::Common)).then_some(Class::Common)
}

/// Checks the rows of a set (one folder, or the built-in lists) against the rules; `lang`
/// says which words are plain. Every problem is returned, by the file and line of its row.
pub fn check_entries(entries: &[GazEntry], lang: &Language) -> Vec<GazetteerError> {
    let mut errors = Vec::new();
    let mut ids: HashMap<&str, &GazEntry> = HashMap::new();
    let mut names: HashMap<(&str, EntityType, &str), &GazEntry> = HashMap::new();
    let mut items: HashMap<&str, &GazEntry> = HashMap::new();
    for e in entries {
        match ids.entry(&e.id) {
            Entry::Occupied(prev) => errors.push(problem(
                e,
                format!(
                    "duplicate id {:?}: already the id of {:?} at {}; ids are unique across \
                     all files, pick another one",
                    e.id,
                    prev.get().name,
                    prev.get().location()
                ),
            )),
            Entry::Vacant(slot) => {
                slot.insert(e);
            }
        }
        match names.entry((&e.file, e.etype, &e.name)) {
            Entry::Occupied(prev) => errors.push(problem(
                e,
                format!(
                    "{} {:?} is already a row of this file (line {}): merge the two rows",
                    e.etype.as_str(),
                    e.name,
                    prev.get().line
                ),
            )),
            Entry::Vacant(slot) => {
                slot.insert(e);
            }
        }
        if let Some(q) = e.wikidata.as_deref() {
            match items.entry(q) {
                Entry::Occupied(prev) => errors.push(problem(
                    e,
                    format!(
                        "wikidata {q} is already the item of {:?} at {}: two rows of one \
                         item are one entity twice; merge them, or correct the id",
                        prev.get().name,
                        prev.get().location()
                    ),
                )),
                Entry::Vacant(slot) => {
                    slot.insert(e);
                }
            }
        }
        if one_letter(&e.name) {
            errors.push(problem(
                e,
                format!(
                    "name {:?} is one letter: it would tag every {:?} in a text; write the \
                     name in full",
                    e.name, e.name
                ),
            ));
        }
        for (i, a) in e.aliases.iter().enumerate() {
            if let Some(message) = alias_problem(e, i, a, lang) {
                errors.push(problem(e, message));
            }
        }
    }
    errors
}

/// What is wrong with alias `i` of row `e`, if anything.
fn alias_problem(e: &GazEntry, i: usize, a: &str, lang: &Language) -> Option<String> {
    if *a == e.name {
        return Some(format!(
            "alias {a:?} is the name itself: remove it from the aliases"
        ));
    }
    if e.aliases[..i].iter().any(|b| b == a) {
        return Some(format!("alias {a:?} is listed twice: remove one"));
    }
    if one_letter(a) {
        return Some(format!(
            "alias {a:?} is one letter: it would tag every {a:?} in a text; remove it"
        ));
    }
    if *a == e.name.to_uppercase() {
        return Some(format!(
            "alias {a:?} is the name in capitals: remove it (the matcher finds upper-case \
             names in datelines and headlines itself)"
        ));
    }
    plain_class(lang, a).map(|c| {
        format!(
            "alias {a:?} is a plain word of the language (word class {:?} of lexicon/{}/): \
             it would tag every {a:?} in a text; remove it, or write the longer name it \
             stands for",
            c.name(),
            lang.code
        )
    })
}

/// Checks rows being added (a user folder) against rows already loaded: an id may not be
/// reused, since entity ids must name one entity.
pub fn check_reuse(loaded: &[GazEntry], added: &[GazEntry]) -> Vec<GazetteerError> {
    let by_id: HashMap<&str, &GazEntry> = loaded.iter().map(|e| (e.id.as_str(), e)).collect();
    added
        .iter()
        .filter_map(|e| {
            let prev = by_id.get(e.id.as_str())?;
            let message = if prev.is_builtin() {
                format!(
                    "id {:?} is already the id of the built-in {:?} ({}): pick another id, or \
                     pass --no-default-gazetteers to use only your lists instead of the \
                     built-in ones",
                    e.id,
                    prev.name,
                    prev.location()
                )
            } else {
                format!(
                    "id {:?} is already the id of {:?} at {}: ids are unique across all \
                     folders, pick another one",
                    e.id,
                    prev.name,
                    prev.location()
                )
            };
            Some(problem(e, message))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::parse_entities;

    fn lang() -> Language {
        let mut l = Language::new("en");
        l.add_file("function_words.txt", "f", "can\nthe\nwho\n")
            .unwrap();
        l.add_file("verbs.tsv", "v", "form\tlemma\tspeech\nsaid\tsay\tx\n")
            .unwrap();
        l.add_file("common_words.txt", "c", "army\ntarget\n")
            .unwrap();
        l
    }

    fn problems(text: &str) -> Vec<String> {
        let rows = parse_entities("t.tsv", text, 0).unwrap();
        check_entries(&rows, &lang())
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn aliases_break_the_rules_each_by_line() {
        let text = "org:a\tORG\tAlpha Corp\tAlpha Corp\t\n\
                    org:b\tORG\tBeta Corp\tBeta|Beta\t\n\
                    org:c\tORG\tGamma Corp\tA|G.\t\n\
                    person:d\tPERSON\tDee Said\tsaid|Said|Can|the\t\n\
                    org:e\tORG\tEpsilon\tEPSILON\t\n";
        let p = problems(text);
        assert!(p[0].starts_with("t.tsv:1: alias \"Alpha Corp\" is the name itself"));
        assert!(p[1].starts_with("t.tsv:2: alias \"Beta\" is listed twice"));
        assert!(p[2].starts_with("t.tsv:3: alias \"A\" is one letter"));
        assert!(p[3].starts_with("t.tsv:3: alias \"G.\" is one letter"));
        for (k, w) in [(4, "said"), (5, "Said"), (6, "Can"), (7, "the")] {
            assert!(
                p[k].starts_with(&format!("t.tsv:4: alias {w:?} is a plain word")),
                "{}",
                p[k]
            );
        }
        assert!(
            p[4].contains("(word class \"speech\" of lexicon/en/)"),
            "{}",
            p[4]
        );
        assert!(p[8].starts_with("t.tsv:5: alias \"EPSILON\" is the name in capitals"));
        assert_eq!(p.len(), 9, "{p:#?}");
    }

    #[test]
    fn acronyms_and_capitalised_common_words_are_names() {
        let text = "org:who\tORG\tWorld Health Organization\tWHO|W.H.O.\t\n\
                    org:army\tORG\tUnited States Army\tArmy|U.S. Army\t\n\
                    org:t\tORG\tTarget Corporation\tTarget\t\n";
        assert_eq!(problems(text), Vec::<String>::new());
        assert_eq!(problems("org:x\tORG\tXa Corp\tarmy\t\n").len(), 1);
    }

    #[test]
    fn duplicate_ids_and_names_name_both_places() {
        let text = "org:a\tORG\tAlpha\t\t\norg:a\tORG\tBeta\t\t\norg:c\tORG\tAlpha\t\t\n";
        let p = problems(text);
        assert_eq!(
            p[0],
            "t.tsv:2: duplicate id \"org:a\": already the id of \"Alpha\" at t.tsv:1; ids are \
             unique across all files, pick another one"
        );
        assert!(p[1].starts_with("t.tsv:3: ORG \"Alpha\" is already a row of this file (line 1)"));
        assert_eq!(p.len(), 2);
    }

    #[test]
    fn two_rows_of_one_wikidata_item_are_reported() {
        let text = "person:a\tPERSON\tAda Brook\t\t\tQ42\n\
                    person:b\tPERSON\tBea Brook\t\t\tQ43\n\
                    person:c\tPERSON\tAda Brook-Lind\t\t\tQ42\n\
                    person:d\tPERSON\tCy Brook\t\t\t\n\
                    person:e\tPERSON\tDi Brook\t\t\n";
        assert_eq!(
            problems(text),
            [
                "t.tsv:3: wikidata Q42 is already the item of \"Ada Brook\" at t.tsv:1: two rows \
              of one item are one entity twice; merge them, or correct the id"
            ]
        );
    }

    #[test]
    fn a_reused_built_in_id_says_what_to_do() {
        let base = parse_entities("gazetteers/c.tsv", "geonames:1\tLOC\tMoscow\t\t\n", 3).unwrap();
        let mine = parse_entities("my/m.tsv", "# x\ngeonames:1\tLOC\tMoskva\t\t\n", 0).unwrap();
        let p = check_reuse(&base, &mine);
        assert_eq!(p.len(), 1);
        assert_eq!((p[0].file.as_str(), p[0].line), ("my/m.tsv", 2));
        assert!(
            p[0].message
                .contains("built-in \"Moscow\" (gazetteers/c.tsv:1)")
        );
        assert!(p[0].message.contains("--no-default-gazetteers"));
        let other = parse_entities("a/m.tsv", "geonames:1\tLOC\tMoskva\t\t\n", 0).unwrap();
        let p = check_reuse(&other, &mine);
        assert!(p[0].message.contains("at a/m.tsv:1"), "{}", p[0]);
    }
}
