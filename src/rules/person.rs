//! Person rules: titled names, given name + surname, names beside speech cues,
//! appositions, generational suffixes and occupations.

use super::{Ctx, Run};
use crate::lang::Class;
use crate::registry::RuleId;
use crate::types::{Candidate, EntityType, Span};

/// A name has at most this many words after its first.
const MAX_NAME_WORDS: usize = 5;
/// An apposition's role has at most this many words.
const MAX_ROLE_WORDS: usize = 10;
/// Bytes after a name read for an apposition: it is short, and a long line stays linear.
const APPOSITION_WINDOW: usize = 300;

/// What an apposition after a name says: a role (", a retired officer,"), or only that the
/// name is a person (", who ...").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Apposition {
    /// ", a retired CIA officer,": the role.
    Role(String),
    /// ", who ...": a person, no role.
    Relative,
}

impl Apposition {
    /// The role, if the apposition gives one.
    pub fn role(self) -> Option<String> {
        match self {
            Apposition::Role(r) => Some(r),
            Apposition::Relative => None,
        }
    }
}

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
    if ctx.is(i, Class::GivenName) {
        return true;
    }
    let initial = w.len() == 2 && w.as_bytes()[0].is_ascii_uppercase() && w.ends_with('.');
    if initial {
        // Not "U.S." (a dotted acronym is one token) and not a sentence's end: the next word
        // follows on the same line.
        return i + 1 < ctx.seg.tokens.len() && ctx.adjacent(i) && initial_surname(ctx, i);
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

/// Whether the capitalised word after the initial at `i` is a surname. A surname that is
/// also a word ("A. Smith", "M. Butcher") counts unless the initial may end a phrase: a
/// letter after a plain word ("plan B.", "vitamin D.") or a function word after it ("B.
/// The").
fn initial_surname(ctx: &Ctx, i: usize) -> bool {
    let next = i + 1;
    if !ctx.is(next, Class::Common) {
        return true;
    }
    let opens_phrase = [
        Class::FunctionWord,
        Class::Determiner,
        Class::SentenceStarter,
        Class::NotName,
    ]
    .iter()
    .any(|&c| ctx.is(next, c));
    let after_plain_word = ctx.prev_word(i).is_some_and(|w| {
        w.chars().next().is_some_and(char::is_lowercase) && !ctx.is(i - 1, Class::FunctionWord)
    });
    !opens_phrase && !after_plain_word
}

/// Extends a name from token `s` while the tokens look like name parts.
fn name_end(ctx: &Ctx, s: usize, run: Run) -> usize {
    let headline = ctx.in_headline(s);
    let mut e = s + 1;
    while e < run.end && e - s < MAX_NAME_WORDS {
        let w = ctx.tok(e);
        let t = ctx.token(e);
        // "of" and "for" join organisation names, not people's: "Ola Berg of Freiburg".
        if !t.cap && (!t.is(Class::NameParticle) || matches!(w, "of" | "for")) {
            break;
        }
        if t.is(Class::NotName) || t.is(Class::Demonym) {
            break;
        }
        // In title-case headlines, ordinary words after the surname are not the name.
        if headline && e > s + 1 && t.is(Class::Common) && !t.is(Class::GivenName) {
            break;
        }
        e += 1;
        if ctx.token(e - 1).possessive() {
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
    Span::new(ctx.token(a).span().start, ctx.token(b - 1).span().end)
}

fn candidate(ctx: &Ctx, a: usize, b: usize, rule: RuleId, role: Option<String>) -> Candidate {
    let role = role.or_else(|| apposition(ctx, b).and_then(Apposition::role));
    Candidate::from_rule(span(ctx, a, b), EntityType::Person, rule, role)
}

/// Plain words that are not names when they open a run: sentence-initial function words,
/// demonyms, headline words.
fn skip_lead(ctx: &Ctx, run: Run) -> usize {
    let mut s = run.first;
    while s < run.end {
        let t = ctx.token(s);
        let plain = t.is(Class::NotName)
            || t.is(Class::Demonym)
            || (t.is(Class::Common)
                && !t.is(Class::GivenName)
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
        if e > he && ctx.token(he).cap && !ctx.is(he, Class::Demonym) && !ctx.is(he, Class::NotName)
        {
            let mut rs = run.first;
            // "Mexico’s President": the possessive before the run is part of the role.
            if rs > 0 && ctx.token(rs - 1).possessive() && ctx.token(rs - 1).cap && rs == hs {
                rs -= 1;
            }
            let role = Span::new(ctx.token(rs).span().start, ctx.token(he - 1).span().end)
                .of(ctx.text)
                .to_string();
            return Some(candidate(ctx, he, e, RuleId::PersonTitle, Some(role)));
        }
    }
    // "YouTuber Kai Renn": a capitalised occupation opening the run.
    let first = ctx.tok(run.first);
    if run.end - run.first >= 2 && ctx.is(run.first, Class::Occupation) {
        let e = name_end(ctx, run.first + 1, run);
        return Some(candidate(
            ctx,
            run.first + 1,
            e,
            RuleId::PersonOccupation,
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
        let word_pair =
            ctx.in_headline(i) && ctx.is(i, Class::Common) && ctx.is(i + 1, Class::Common);
        if is_given(ctx, i) && !ctx.token(i).possessive() && !word_pair {
            let e = name_end(ctx, i, run);
            // "Jordan Health Initiative" names an organisation, not a person.
            let org_like = ctx.is(run.end - 1, Class::OrgHead);
            if e >= i + 2 && !org_like {
                let role = (i > s).then(|| span(ctx, s, i).of(ctx.text).to_string());
                return Some(candidate(ctx, i, e, RuleId::PersonGivenName, role));
            }
        }
    }
    let e = name_end(ctx, s, run);
    let n = e - s;
    // 3. Generational suffix: "Ed Voss Jr."
    if n >= 2 && ctx.is(e - 1, Class::NameSuffix) {
        return Some(candidate(ctx, s, e, RuleId::PersonSuffix, None));
    }
    if e < run.end && ctx.is(e, Class::NameSuffix) {
        return Some(candidate(ctx, s, e + 1, RuleId::PersonSuffix, None));
    }
    let looks_like_name = (s..e).all(|i| {
        let w = ctx.tok(i);
        !ctx.is(i, Class::Demonym) && !w.ends_with('.') && w.chars().any(|c| c.is_lowercase())
    }) && !ctx.is(e - 1, Class::OrgHead)
        && !(n == 1 && ctx.is(e - 1, Class::SourceHead));
    if !looks_like_name || ctx.in_headline(s) {
        return None;
    }
    // 4. Next to a speech cue: "said Ed Voss", "Ed Voss said".
    let after = ctx.next_word(e - 1).map(|_| e);
    let before = ctx.prev_word(s).map(|_| s - 1);
    // (One adverb may sit between: "Varga then asked", "Reed later said".)
    let after_adverb = after
        .filter(|&a| ctx.is(a, Class::CueAdverb))
        .and_then(|a| ctx.next_word(a).map(|_| a + 1));
    let speech = |i: Option<usize>| i.is_some_and(|i| ctx.is(i, Class::Speech));
    if speech(after) || speech(after_adverb) || before.is_some_and(|b| ctx.is(b, Class::BeforeName))
    {
        return Some(candidate(ctx, s, e, RuleId::PersonSpeechCue, None));
    }
    // 5. Apposition: "Ed Voss, a retired officer," / "Ed Voss, who ...".
    if n >= 2 && apposition(ctx, e).is_some() {
        return Some(candidate(ctx, s, e, RuleId::PersonApposition, None));
    }
    // 6. Occupation before: "singer Ola Berg".
    if before.is_some_and(|b| ctx.is(b, Class::Occupation)) {
        return Some(candidate(ctx, s, e, RuleId::PersonOccupation, None));
    }
    None
}

/// The apposition after token `end` (exclusive): ", a retired CIA officer," gives its role,
/// ", who ..." says a person without one.
pub fn apposition(ctx: &Ctx, end: usize) -> Option<Apposition> {
    if end == 0 || end > ctx.seg.tokens.len() {
        return None;
    }
    let after = ctx.token(end - 1).full_end();
    // (A bounded look ahead: an apposition is short, and a long line must stay linear.)
    let mut stop = (after + APPOSITION_WINDOW).min(ctx.text.len());
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
        return Some(Apposition::Relative);
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
    (1..=MAX_ROLE_WORDS)
        .contains(&words)
        .then(|| Apposition::Role(phrase.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::builtin_language_except;
    use crate::lang::Language;
    use crate::segment::segment;
    use crate::types::Source;

    /// The built-in word classes with small given-name, honorific, common-word and demonym
    /// lists of the test's own.
    fn lex() -> Language {
        let mut l = builtin_language_except(&[
            "given_names.txt",
            "honorifics.tsv",
            "common_words.txt",
            "demonyms.txt",
        ]);
        for g in ["Maria", "Paul", "Ada"] {
            l.add(g, Class::GivenName);
        }
        for h in ["Gen.", "Mr.", "Director", "President", "Secretary of State"] {
            l.honorifics.push(h.into());
        }
        l.index_honorifics();
        for w in ["is", "the", "why", "quietly", "marsh", "presents"] {
            l.add(w, Class::Common);
        }
        l.add("Russian", Class::Demonym);
        l
    }

    fn people(text: &str) -> Vec<(String, RuleId, Option<String>)> {
        let lex = lex();
        let seg = segment(text, &lex);
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
        let cases: &[(&str, &str, RuleId, Option<&str>)] = &[
            (
                "Air Force Gen. Ada Brook spoke.",
                "Ada Brook",
                RuleId::PersonTitle,
                Some("Air Force Gen."),
            ),
            (
                "The envoy met Secretary of State Len Okafor on Monday.",
                "Len Okafor",
                RuleId::PersonTitle,
                Some("Secretary of State"),
            ),
            (
                "Later, Mr. Okafor left.",
                "Okafor",
                RuleId::PersonTitle,
                Some("Mr."),
            ),
            (
                "Agency Director Paul Marsh said no.",
                "Paul Marsh",
                RuleId::PersonTitle,
                Some("Agency Director"),
            ),
            (
                "They met Maria Lind-Ek in May.",
                "Maria Lind-Ek",
                RuleId::PersonGivenName,
                None,
            ),
            (
                "It is bad, said Tomas Vrba, a retired army officer.",
                "Tomas Vrba",
                RuleId::PersonSpeechCue,
                Some("retired army officer"),
            ),
            (
                "Tomas Vrba, a retired army officer, left.",
                "Tomas Vrba",
                RuleId::PersonApposition,
                Some("retired army officer"),
            ),
            (
                "Maria Quietly Presents Her Case",
                "Maria Quietly",
                RuleId::PersonGivenName,
                None,
            ),
            (
                "The film stars YouTuber Kenzo Ray.",
                "Kenzo Ray",
                RuleId::PersonOccupation,
                Some("YouTuber"),
            ),
            (
                "The film stars singer Kenzo Ray.",
                "Kenzo Ray",
                RuleId::PersonOccupation,
                None,
            ),
            (
                "The bowler was J. Lind again.",
                "J. Lind",
                RuleId::PersonGivenName,
                None,
            ),
            (
                "TENNIS - MARIA LIND IS BACK",
                "MARIA LIND",
                RuleId::PersonGivenName,
                None,
            ),
            (
                "We met Maria-Paul Lind today.",
                "Maria-Paul Lind",
                RuleId::PersonGivenName,
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

    #[test]
    fn an_initial_before_a_surname_that_is_a_word() {
        // "Marsh" is an ordinary word ("marsh") in this test's word list.
        let got = people("The second wicket fell to P. Marsh before lunch.");
        assert_eq!(got[0].0, "P. Marsh", "{got:?}");
        // A letter after a plain word ends a phrase: "plan B." is no initial.
        let got = people("They moved to plan B. Marsh water rose all night.");
        assert!(got.iter().all(|g| g.0 != "B. Marsh"), "{got:?}");
    }
}
