//! Rules over the whole document's mentions, run after overlaps are settled: a broadcaster
//! and a place form one station ("NBC Denver"); the surname of a person named in full, and
//! the acronym of an organisation named in full, are mentions wherever they occur.

use super::shapes::Shapes;
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
    add_org_repeats(text, seg, &mut cands);
    headline_capitals(text, seg, &mut cands);
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
    let shapes = Shapes::of(keys.iter().map(String::as_str));
    let mut covered: Vec<Span> = cands.iter().map(|c| c.span).collect();
    covered.sort();
    let mut add = Vec::new();
    let mut replace = HashSet::default();
    let mut skip_to = 0;
    for (ti, t) in seg.tokens.iter().enumerate() {
        if !t.cap || t.span().start < skip_to {
            continue;
        }
        // The longest key from here: three, two or one words.
        let span = (1..=MAX_NAME_WORDS).rev().find_map(|n| {
            let last = seg.tokens.get(ti + n - 1)?;
            let sp = Span::new(t.span().start, last.span().end);
            (shapes.may_hold_span(text, sp) && keys.contains(sp.of(text))).then_some(sp)
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
        let w = t.span().of(text);
        let acronym_like = w.len() >= 2 && w.bytes().all(|b| b.is_ascii_uppercase());
        if acronym_like && initials.contains_key(w) && !overlaps_any(&covered, t.span()) {
            cands.push(Candidate::from_rule(
                t.span(),
                EntityType::Org,
                RuleId::OrgAcronym,
                None,
            ));
        }
    }
}

/// True when `w` is written in capitals: two letters or more, none in lower case.
fn in_capitals(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
}

/// A name in capitals in a headline ("TARANGO WINS", "LEEDS HOLD ON") is the name the
/// body writes in full or in part ("Jeff Tarango", "Leeds"): the body's type wins over
/// whatever the headline's capitals made of it.
fn headline_capitals(text: &str, seg: &Segments, cands: &mut Vec<Candidate>) {
    let toks = &seg.tokens;
    let in_title = |t: &crate::segment::Token| seg.sentences[t.sentence()].headline;
    // The headline's words in capitals: most documents have none, and stop here.
    let caps: HashSet<&str> = seg
        .sentences
        .iter()
        .filter(|s| s.headline)
        .flat_map(|s| &toks[s.first_token..s.end_token])
        .map(|t| t.span().of(text))
        .filter(|w| in_capitals(w))
        .collect();
    if caps.is_empty() {
        return;
    }
    let shares_a_word = |w: &str| {
        w.split(' ')
            .any(|x| caps.contains(x.to_uppercase().as_str()))
    };
    // The body's names in capitals, and a person's surname: the type of most mentions.
    let mut votes: HashMap<String, [usize; 3]> = HashMap::default();
    for c in cands.iter() {
        let w = c.span.of(text);
        let t = &toks[seg.token_at_or_after(c.span.start).min(toks.len() - 1)];
        if in_title(t) || in_capitals(w) || !shares_a_word(w) {
            continue;
        }
        let slot = match c.etype {
            EntityType::Person => 0,
            EntityType::Org => 1,
            EntityType::Loc => 2,
        };
        votes.entry(w.to_uppercase()).or_default()[slot] += 1;
        let surname = w.split_whitespace().last().filter(|l| *l != w);
        if let Some(last) = surname.filter(|_| c.etype == EntityType::Person) {
            votes.entry(last.to_uppercase()).or_default()[0] += 1;
        }
    }
    if votes.is_empty() {
        return;
    }
    let type_of = |w: &str| {
        let v = votes.get(w)?;
        let best = (0..3).max_by_key(|&k| v[k])?;
        (v.iter().filter(|&&n| n == v[best]).count() == 1).then_some(match best {
            0 => EntityType::Person,
            1 => EntityType::Org,
            _ => EntityType::Loc,
        })
    };
    let mut found: Vec<(Span, EntityType)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        if !in_title(&t) || !in_capitals(t.span().of(text)) {
            i += 1;
            continue;
        }
        let hit = (1..=MAX_NAME_WORDS).rev().find_map(|n| {
            let last = toks.get(i + n - 1)?;
            if last.sentence() != t.sentence() {
                return None;
            }
            let sp = Span::new(t.span().start, last.span().end);
            let w = sp.of(text);
            if n > 1
                && !text[t.span().start..last.span().end]
                    .split(' ')
                    .all(in_capitals)
            {
                return None;
            }
            type_of(w).map(|ty| (sp, ty, n))
        });
        match hit {
            Some((sp, ty, n)) => {
                found.push((sp, ty));
                i += n;
            }
            None => i += 1,
        }
    }
    if found.is_empty() {
        return;
    }
    // The capitals' own guesses that cross or differ from the body's names give way
    // (`found` is in text order and disjoint).
    cands.retain(|c| {
        let k = found.partition_point(|(sp, _)| sp.end <= c.span.start);
        !found[k..]
            .iter()
            .take_while(|(sp, _)| sp.start < c.span.end)
            .any(|&(sp, ty)| {
                !c.source.is_user()
                    && (c.span != sp || c.etype != ty)
                    && !(c.source == Source::Gazetteer && c.span.len() > sp.len())
            })
    });
    let mut covered: Vec<Span> = cands.iter().map(|c| c.span).collect();
    covered.sort();
    for (sp, ty) in found {
        if !overlaps_any(&covered, sp) {
            cands.push(Candidate::from_rule(sp, ty, RuleId::NameHeadline, None));
        }
    }
    cands.sort_by_key(|c| (c.span.start, c.span.end));
}

/// An organisation a rule found ("tyre giant Zetaco") is that organisation wherever else
/// the document writes its name ("Zetaco shares rose").
fn add_org_repeats(text: &str, seg: &Segments, cands: &mut Vec<Candidate>) {
    let names: HashSet<&str> = cands
        .iter()
        .filter(|c| c.etype == EntityType::Org && matches!(c.source, Source::Rule(_)))
        .map(|c| c.span.of(text))
        .filter(|w| w.split(' ').count() <= MAX_NAME_WORDS)
        .collect();
    if names.is_empty() {
        return;
    }
    let shapes = Shapes::of(names.iter().copied());
    let mut covered: Vec<Span> = cands.iter().map(|c| c.span).collect();
    covered.sort();
    let toks = &seg.tokens;
    let mut add = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if !t.cap {
            continue;
        }
        let hit = (1..=MAX_NAME_WORDS).rev().find_map(|n| {
            let last = toks.get(i + n - 1)?;
            let sp = Span::new(t.span().start, last.span().end);
            // A lone ordinary word is a word ("Commerce" of "Commerce Department").
            let plain = n == 1 && t.is(Class::Common);
            (!plain && shapes.may_hold_span(text, sp) && names.contains(sp.of(text))).then_some(sp)
        });
        if let Some(sp) = hit.filter(|&sp| !overlaps_any(&covered, sp)) {
            add.push(Candidate::from_rule(
                sp,
                EntityType::Org,
                RuleId::OrgRepeat,
                None,
            ));
        }
    }
    // A name a speech cue alone made a person ("said Zetaco") is the organisation too.
    for c in cands.iter_mut() {
        if c.source == Source::Rule(RuleId::PersonSpeechCue) && names.contains(c.span.of(text)) {
            *c = Candidate::from_rule(c.span, EntityType::Org, RuleId::OrgRepeat, None);
        }
    }
    cands.extend(add);
    cands.sort_by_key(|c| (c.span.start, c.span.end));
}

#[cfg(test)]
mod tests {
    use crate::{Document, EntityType, Gazetteers, Options, Pipeline};

    fn mentions(text: &str) -> Vec<(String, EntityType, String)> {
        let p = Pipeline::new(Gazetteers::builtin(), Options::default());
        p.extract(&Document::new("t", text))
            .mentions
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

    #[test]
    fn headline_capitals_take_the_body_s_name_and_type() {
        let got = mentions(
            "OKAFOR AND ZETACO AGREE ON CLINIC\nMira Okafor signed the deal with the tyre \
             giant Zetaco on Monday.\n",
        );
        for (name, ty) in [("OKAFOR", EntityType::Person), ("ZETACO", EntityType::Org)] {
            assert!(
                got.contains(&(name.into(), ty, "rule:name.headline-caps".into())),
                "{name}: {got:?}"
            );
        }
        // Words of the headline the body does not name stay out.
        assert!(!got.iter().any(|(t, _, _)| t.contains("CLINIC")), "{got:?}");
    }

    #[test]
    fn an_organisation_found_once_is_found_again() {
        let got = mentions(
            "The Dutch bank Verdabank cut its rates. Verdabank shares fell, and \
             analysts said Verdabank would recover.\n",
        );
        let n = got
            .iter()
            .filter(|(t, ty, _)| t == "Verdabank" && *ty == EntityType::Org)
            .count();
        assert_eq!(n, 3, "{got:?}");
    }

    #[test]
    fn a_full_name_recurs_in_a_table() {
        let got = mentions(
            "Tavi Lunde, a retired bowler, said the pitch was slow.\n\
             c Brook b Tavi Lunde 12\n",
        );
        let n = got.iter().filter(|(t, _, _)| t == "Tavi Lunde").count();
        assert_eq!(n, 2, "{got:?}");
    }
}
