//! Rules over the whole document's mentions, run after overlaps are settled: a broadcaster
//! and a place form one station ("NBC Denver"); the surname of a person named in full, and
//! the acronym of an organisation named in full, are mentions wherever they occur.

use crate::lang::Class;
use crate::registry::RuleId;
use crate::segment::Segments;
use crate::types::{Candidate, EntityType, Source, Span};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// A person's full name is looked for again up to this many words.
const MAX_NAME_WORDS: usize = 3;

/// A broadcaster's acronym has this many letters.
const STATION_ACRONYM_LETTERS: std::ops::RangeInclusive<usize> = 2..=5;

/// Runs the document rules on the selected mentions.
pub fn apply(text: &str, seg: &Segments, selected: Vec<Candidate>) -> Vec<Candidate> {
    let mut cands = join_stations(text, selected);
    add_surnames(text, seg, &mut cands);
    add_acronyms(text, seg, &mut cands);
    cands
}

/// "NBC Chicago", "CNN Philippines": a broadcaster's acronym and a place form one station.
fn join_stations(text: &str, cands: Vec<Candidate>) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::with_capacity(cands.len());
    for c in cands {
        if let Some(prev) = out.last_mut() {
            let acronym = prev.span.of(text);
            // A user rule's mention is kept as the user's rule found it.
            if prev.etype == EntityType::Org
                && c.etype == EntityType::Loc
                && !prev.source.is_user()
                && !c.source.is_user()
                && STATION_ACRONYM_LETTERS.contains(&acronym.len())
                && acronym.bytes().all(|b| b.is_ascii_uppercase())
                && &text[prev.span.end..c.span.start] == " "
            {
                prev.span.end = c.span.end;
                prev.source = Source::Rule(RuleId::OrgStation);
                prev.gaz = None;
                continue;
            }
        }
        out.push(c);
    }
    out
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
        // The full name too, where no rule found it again ("b Ada Brook 12" in a table).
        if (2..=MAX_NAME_WORDS).contains(&words.len()) {
            keys.insert(words.join(" "));
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
        // The longest key from here: three, two or one words.
        let span = (1..=MAX_NAME_WORDS).rev().find_map(|n| {
            let last = seg.tokens.get(ti + n - 1)?;
            let sp = Span::new(t.span.start, last.span.end);
            keys.contains(sp.of(text)).then_some(sp)
        });
        let Some(span) = span else { continue };
        // A two-word surname ("Ruiz Tagle") takes both words.
        skip_to = span.end;
        let at = covered.partition_point(|s| s.end <= span.start);
        let hit = covered.get(at).filter(|s| s.overlaps(span)).copied();
        match hit {
            None => add.push(span),
            Some(h) if h == span => {
                let prev = ti.checked_sub(1).map(|p| seg.tokens[p]);
                if !prev.is_some_and(|p| p.is(Class::KeepsSurnamePlace)) {
                    replace.insert(span);
                }
            }
            _ => {}
        }
    }
    for c in cands.iter_mut() {
        if c.etype != EntityType::Person && !c.source.is_user() && replace.contains(&c.span) {
            *c = surname(c.span);
        }
    }
    cands.extend(add.into_iter().map(surname));
}

fn surname(span: Span) -> Candidate {
    Candidate::from_rule(span, EntityType::Person, RuleId::PersonSurname, None)
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
            cands.push(Candidate::from_rule(
                t.span,
                EntityType::Org,
                RuleId::OrgAcronym,
                None,
            ));
        }
    }
}
