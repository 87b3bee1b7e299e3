//! Person rules: titled names, given name + surname, names beside speech cues,
//! appositions, generational suffixes and occupations.

use super::{Ctx, Run};
use crate::cues::is_speech_verb;
use crate::matcher::Candidate;
use crate::types::{EntityType, Source, Span};
use crate::words::Words;

pub const TITLE: &str = "person.title";
pub const GIVEN: &str = "person.given-name";
pub const CUE: &str = "person.speech-cue";
pub const APPOSITION: &str = "person.apposition";
pub const SUFFIX: &str = "person.suffix";
pub const OCCUPATION: &str = "person.occupation";
pub const SURNAME: &str = "person.surname";

/// Occupations that precede a bare name ("YouTuber Kai Renn", "novelist Ida Holm").
#[rustfmt::skip]
static OCCUPATIONS: Words = Words::new(&[
    "youtuber", "rapper", "singer", "actor", "actress", "comedian", "author", "novelist",
    "journalist", "columnist", "director", "filmmaker", "photographer", "artist", "painter",
    "musician", "songwriter", "poet", "writer", "economist", "historian", "analyst", "activist",
    "blogger", "influencer", "streamer", "chef", "designer", "model", "entrepreneur", "billionaire",
    "businessman", "businesswoman", "investor", "scientist", "physicist", "researcher", "lawyer",
    "attorney", "striker", "midfielder", "defender", "goalkeeper", "quarterback", "pitcher",
    "coach", "manager", "player", "star", "host", "anchor", "correspondent", "reporter", "editor",
    "producer", "composer", "conductor", "dancer", "spokesman", "spokeswoman", "spokesperson",
    "candidate", "challenger", "incumbent", "lawmaker", "philanthropist", "dictator", "leader",
    "politician", "diplomat", "ambassador", "envoy", "pollster",
]);

/// Words that end a person's name even when capitalised: organisation heads, months, days.
#[rustfmt::skip]
static NOT_NAME: Words = Words::new(&[
    "Committee", "Council", "Agency", "Embassy", "Ministry", "Department", "Party", "University",
    "Command", "Company", "Corporation", "Inc.", "Corp.", "Administration", "Government", "Bureau",
    "Office", "Court", "Senate", "House", "Congress", "Army", "Navy", "Times", "Post", "News",
    "Street", "Road", "Avenue", "Square", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "January", "February", "March", "April", "June", "July", "August",
    "September", "October", "November", "December", "Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.", "The", "A", "An", "But", "And", "I", "We", "He", "She", "It", "They", "In", "On", "At",
    "For", "By", "To", "As", "If", "Is", "Are", "Was", "Were", "Has", "Have", "Had", "Will",
    "Would", "This", "That", "Of", "With", "Minister", "President", "Secretary", "Director",
    "Chairman", "Governor", "Senator", "Mayor",
]);

static SUFFIXES: Words = Words::new(&["Jr.", "Sr.", "Jr", "Sr", "II", "III", "IV"]);

pub fn find(ctx: &Ctx, runs: &[Run]) -> Vec<Candidate> {
    let mut out = Vec::new();
    for &run in runs {
        if let Some(c) = person_in_run(ctx, run) {
            out.push(c);
        }
    }
    out
}

/// The honorific that ends last inside the run, as (start token, end token).
fn honorific(ctx: &Ctx, run: Run) -> Option<(usize, usize)> {
    let mut best = None;
    for i in run.first..run.end {
        let Some(candidates) = ctx.lex.honorific_index.get(ctx.tok(i)) else {
            continue;
        };
        for words in candidates {
            let j = i + words.len();
            let matches = j < run.end && words.iter().enumerate().all(|(k, w)| ctx.tok(i + k) == w);
            if matches && best.is_none_or(|(_, e)| j > e) {
                best = Some((i, j));
            }
        }
    }
    best
}

/// A given name: listed (also in capitals, or each part of a hyphenated one), or an
/// initial ("J.") before a capitalised word.
fn is_given(ctx: &Ctx, i: usize) -> bool {
    let w = ctx.tok(i);
    if ctx.lex.is_given_name(w) {
        return true;
    }
    let initial = w.len() == 2 && w.as_bytes()[0].is_ascii_uppercase() && w.ends_with('.');
    if initial {
        // Not "U.S." (a dotted acronym is one token) and not a sentence's end: the next word
        // follows on the same line.
        return i + 1 < ctx.seg.tokens.len()
            && ctx.adjacent(i)
            && !ctx.lex.is_common(ctx.tok(i + 1));
    }
    if w.len() >= 3 && w.chars().all(|c| c.is_uppercase() || c == '-') {
        let mut title = String::with_capacity(w.len());
        let mut upper = true;
        for c in w.chars() {
            if upper {
                title.push(c)
            } else {
                title.extend(c.to_lowercase())
            }
            upper = c == '-';
        }
        return ctx.lex.is_given_name(&title);
    }
    w.contains('-') && w.split('-').all(|p| ctx.lex.is_given_name(p))
}

/// Extends a name from token `s` while the tokens look like name parts.
fn name_end(ctx: &Ctx, s: usize, run: Run) -> usize {
    let headline = ctx.in_headline(s);
    let mut e = s + 1;
    while e < run.end && e - s < 5 {
        let w = ctx.tok(e);
        let t = ctx.token(e);
        // "of" and "for" join organisation names, not people's: "Ola Berg of Freiburg".
        if !t.cap && (!super::PARTICLES.contains(&w) || matches!(w, "of" | "for")) {
            break;
        }
        if NOT_NAME.contains(&w) || ctx.lex.is_demonym(w) {
            break;
        }
        // In title-case headlines, ordinary words after the surname are not the name.
        if headline && e > s + 1 && ctx.lex.is_common(w) && !ctx.lex.is_given_name(w) {
            break;
        }
        e += 1;
        if ctx.token(e - 1).possessive {
            break;
        }
    }
    // A name never ends in a particle.
    while e > s + 1 && !ctx.token(e - 1).cap {
        e -= 1;
    }
    e
}

fn span(ctx: &Ctx, a: usize, b: usize) -> Span {
    Span::new(ctx.token(a).span.start, ctx.token(b - 1).span.end)
}

fn candidate(ctx: &Ctx, a: usize, b: usize, rule: &'static str, role: Option<String>) -> Candidate {
    Candidate {
        span: span(ctx, a, b),
        etype: EntityType::Person,
        source: Source::Rule(rule),
        gaz: None,
        role: role
            .or_else(|| apposition_role(ctx, b))
            .filter(|r| !r.is_empty()),
    }
}

/// Plain words that are not names when they open a run: sentence-initial function words,
/// demonyms, headline words.
fn skip_lead(ctx: &Ctx, run: Run) -> usize {
    let mut s = run.first;
    while s < run.end {
        let w = ctx.tok(s);
        let plain = NOT_NAME.contains(&w)
            || ctx.lex.is_demonym(w)
            || (ctx.lex.is_common(w)
                && !ctx.lex.is_given_name(w)
                && (ctx.is_sentence_start(s) || ctx.in_headline(s)));
        if !plain {
            break;
        }
        s += 1;
    }
    s
}

fn person_in_run(ctx: &Ctx, run: Run) -> Option<Candidate> {
    // 1. Title + name: "Air Force Gen. Ada Brook", "Secretary of State Ed Voss".
    if let Some((hs, he)) = honorific(ctx, run) {
        let e = name_end(ctx, he, run);
        if e > he
            && ctx.token(he).cap
            && !ctx.lex.is_demonym(ctx.tok(he))
            && !NOT_NAME.contains(&ctx.tok(he))
        {
            let mut rs = run.first;
            // "Mexico’s President": the possessive before the run is part of the role.
            if rs > 0 && ctx.token(rs - 1).possessive && ctx.token(rs - 1).cap && rs == hs {
                rs -= 1;
            }
            let role = Span::new(ctx.token(rs).span.start, ctx.token(he - 1).span.end)
                .of(ctx.text)
                .to_string();
            return Some(candidate(ctx, he, e, TITLE, Some(role)));
        }
    }
    // "YouTuber Kai Renn": a capitalised occupation opening the run.
    let first = ctx.tok(run.first);
    if run.end - run.first >= 2 && OCCUPATIONS.contains(&first.to_lowercase().as_str()) {
        let e = name_end(ctx, run.first + 1, run);
        return Some(candidate(
            ctx,
            run.first + 1,
            e,
            OCCUPATION,
            Some(first.to_string()),
        ));
    }
    let s = skip_lead(ctx, run);
    if s >= run.end {
        return None;
    }
    // 2. Given name (or initial) + surname: "Maria Lind", "J. Lind", "Anne-Sophie Lind",
    // and in capitals lines "MARIA LIND".
    for i in s..run.end.saturating_sub(1) {
        // In a headline, a given name that is also a word ("Many", "Will") needs a surname
        // that is not: "… Plan That Has Many Puzzled".
        let word_pair = ctx.in_headline(i)
            && ctx.lex.is_common(ctx.tok(i))
            && ctx.lex.is_common(ctx.tok(i + 1));
        if is_given(ctx, i) && !ctx.token(i).possessive && !word_pair {
            let e = name_end(ctx, i, run);
            // "Jordan Health Initiative" names an organisation, not a person.
            let org_like = super::org::is_head(ctx.tok(run.end - 1));
            if e >= i + 2 && !org_like {
                let role = (i > s).then(|| span(ctx, s, i).of(ctx.text).to_string());
                return Some(candidate(ctx, i, e, GIVEN, role));
            }
        }
    }
    let e = name_end(ctx, s, run);
    let n = e - s;
    let last = ctx.tok(e - 1);
    // 3. Generational suffix: "Ed Voss Jr."
    if n >= 2 && SUFFIXES.contains(&last) {
        return Some(candidate(ctx, s, e, SUFFIX, None));
    }
    if e < run.end && SUFFIXES.contains(&ctx.tok(e)) {
        return Some(candidate(ctx, s, e + 1, SUFFIX, None));
    }
    let looks_like_name = (s..e).all(|i| {
        let w = ctx.tok(i);
        !ctx.lex.is_demonym(w) && !w.ends_with('.') && w.chars().any(|c| c.is_lowercase())
    }) && !super::org::is_head(last)
        && !(n == 1 && crate::cues::is_source_head(&last.to_lowercase()));
    if !looks_like_name || ctx.in_headline(s) {
        return None;
    }
    // 4. Next to a speech cue: "said Ed Voss", "Ed Voss said".
    let after = ctx.next_word(e - 1);
    let before = ctx.prev_word(s);
    // (One adverb may sit between: "Varga then asked", "Reed later said".)
    let after_adverb = after
        .filter(|w| {
            matches!(
                *w,
                "then" | "later" | "also" | "again" | "once" | "quickly" | "finally"
            )
        })
        .and_then(|_| ctx.next_word(e));
    if after.is_some_and(is_speech_verb)
        || after_adverb.is_some_and(is_speech_verb)
        || before.is_some_and(|w| matches!(w, "said" | "says" | "added" | "wrote"))
    {
        return Some(candidate(ctx, s, e, CUE, None));
    }
    // 5. Apposition: "Ed Voss, a retired officer," / "Ed Voss, who ...".
    if n >= 2 && apposition_role(ctx, e).is_some() {
        return Some(candidate(ctx, s, e, APPOSITION, None));
    }
    // 6. Occupation before: "singer Ola Berg".
    if before.is_some_and(|w| OCCUPATIONS.contains(&w.to_lowercase().as_str())) {
        return Some(candidate(ctx, s, e, OCCUPATION, None));
    }
    None
}

/// The role in an apposition after token `end` (exclusive): ", a retired CIA officer,".
/// A relative clause (", who ...") gives `Some("")`: a person, but no role.
pub fn apposition_role(ctx: &Ctx, end: usize) -> Option<String> {
    if end == 0 || end > ctx.seg.tokens.len() {
        return None;
    }
    let after = ctx.token(end - 1).full_end;
    // (A bounded look ahead: an apposition is short, and a long line must stay linear.)
    let mut stop = (after + 300).min(ctx.text.len());
    while !ctx.text.is_char_boundary(stop) {
        stop -= 1;
    }
    let rest = &ctx.text[after..stop];
    let rest = rest.strip_prefix(", ")?;
    let line_end = rest.find('\n').unwrap_or(rest.len());
    let rest = &rest[..line_end];
    let (body, who) = if let Some(b) = rest.strip_prefix("who ") {
        (b, true)
    } else if let Some(b) = rest
        .strip_prefix("a ")
        .or_else(|| rest.strip_prefix("an "))
        .or_else(|| rest.strip_prefix("the "))
    {
        (b, false)
    } else if rest.starts_with("head of ")
        || rest.starts_with("director of ")
        || rest.starts_with("chief of ")
    {
        (rest, false)
    } else {
        return None;
    };
    if who {
        // A relative clause marks a person but gives no role.
        return Some(String::new());
    }
    let stop = body
        .find([',', ';', '.', '(', '—', '“', '"'])
        .unwrap_or(body.len());
    let phrase = body[..stop]
        .split(" and the ")
        .next()
        .unwrap_or("")
        .split(" who ")
        .next()
        .unwrap_or("")
        .trim();
    let words = phrase.split_whitespace().count();
    (1..=10).contains(&words).then(|| phrase.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Lexicon;
    use crate::segment::segment;

    fn lex() -> Lexicon {
        let mut l = Lexicon::default();
        for g in ["Maria", "Paul", "Ada"] {
            l.given_names.insert(g.into());
        }
        for h in ["Gen.", "Mr.", "Director", "President", "Secretary of State"] {
            l.honorifics.push(h.into());
        }
        l.index_honorifics();
        for w in ["is", "the", "why", "quietly", "marsh", "presents"] {
            l.common_words.insert(w.into());
        }
        l.demonyms.insert("Russian".into());
        l
    }

    fn people(text: &str) -> Vec<(String, &'static str, Option<String>)> {
        let seg = segment(text);
        let lex = lex();
        let ctx = Ctx::new(text, &seg, &lex);
        find(&ctx, &super::super::runs(&ctx))
            .into_iter()
            .map(|c| {
                let Source::Rule(r) = c.source else {
                    unreachable!()
                };
                (c.span.of(text).to_string(), r, c.role)
            })
            .collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, &str, &str, Option<&str>)] = &[
            (
                "Air Force Gen. Ada Brook spoke.",
                "Ada Brook",
                TITLE,
                Some("Air Force Gen."),
            ),
            (
                "The envoy met Secretary of State Len Okafor on Monday.",
                "Len Okafor",
                TITLE,
                Some("Secretary of State"),
            ),
            ("Later, Mr. Okafor left.", "Okafor", TITLE, Some("Mr.")),
            (
                "Agency Director Paul Marsh said no.",
                "Paul Marsh",
                TITLE,
                Some("Agency Director"),
            ),
            (
                "They met Maria Lind-Ek in May.",
                "Maria Lind-Ek",
                GIVEN,
                None,
            ),
            (
                "It is bad, said Tomas Vrba, a retired army officer.",
                "Tomas Vrba",
                CUE,
                Some("retired army officer"),
            ),
            (
                "Tomas Vrba, a retired army officer, left.",
                "Tomas Vrba",
                APPOSITION,
                Some("retired army officer"),
            ),
            (
                "Maria Quietly Presents Her Case",
                "Maria Quietly",
                GIVEN,
                None,
            ),
            (
                "The film stars YouTuber Kenzo Ray.",
                "Kenzo Ray",
                OCCUPATION,
                Some("YouTuber"),
            ),
            (
                "The film stars singer Kenzo Ray.",
                "Kenzo Ray",
                OCCUPATION,
                None,
            ),
            ("The bowler was J. Lind again.", "J. Lind", GIVEN, None),
            ("TENNIS - MARIA LIND IS BACK", "MARIA LIND", GIVEN, None),
            (
                "We met Maria-Paul Lind today.",
                "Maria-Paul Lind",
                GIVEN,
                None,
            ),
        ];
        for (text, name, rule, role) in cases {
            let got = people(text);
            assert!(
                got.iter()
                    .any(|(n, r, ro)| n == name && r == rule && ro.as_deref() == *role),
                "{text}: got {got:?}"
            );
        }
    }

    #[test]
    fn demonyms_and_plain_capitals_are_not_people() {
        assert!(people("Russian officials met on Monday.").is_empty());
        assert!(people("Why Cats Are Great").is_empty());
    }
}
