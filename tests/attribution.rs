//! The attribution cases of `tests/data/attribution/cases.tsv`: short texts written for the
//! project, one per construction of speech (subjects, inversion, qualifiers, possessors,
//! pronouns, "the company said", continuation, verbs), each with the expected speaker,
//! speaker mention and cue. Every failing case is listed before the test fails.

use whosaid::{Document, Gazetteers, Options, Pipeline};

struct Case<'a> {
    line: usize,
    construction: &'a str,
    text: String,
    content: &'a str,
    speaker: &'a str,
    mention: &'a str,
    cue: &'a str,
}

fn cases(src: &str) -> Vec<Case<'_>> {
    src.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(|(i, l)| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(
                f.len(),
                6,
                "cases.tsv line {}: 6 columns, got {}",
                i + 1,
                f.len()
            );
            Case {
                line: i + 1,
                construction: f[0],
                text: f[1].replace('¶', "\n\n"),
                content: f[2],
                speaker: f[3],
                mention: f[4],
                cue: f[5],
            }
        })
        .collect()
}

/// What one case got wrong, or `None`.
fn check(p: &Pipeline, c: &Case) -> Option<String> {
    let ex = p.extract(&Document::new("case", c.text.as_str()));
    let rows: Vec<_> = ex
        .claims
        .iter()
        .filter(|k| k.content.of(&c.text).contains(c.content))
        .collect();
    if c.speaker.is_empty() {
        // No row may name a speaker for this content.
        return rows
            .iter()
            .find_map(|k| k.speaker.as_ref())
            .map(|s| format!("want no speaker, got {:?}", s.name));
    }
    let Some(k) = rows.first() else {
        return Some(format!("no claim holds {:?}", c.content));
    };
    let got = k.speaker.as_ref().map_or("", |s| s.name.as_str());
    let mention = k.speaker_span.map_or("", |s| s.of(&c.text));
    let cue = k.cue.as_deref().unwrap_or("");
    let mut wrong = Vec::new();
    if got != c.speaker {
        wrong.push(format!("speaker {got:?} (want {:?})", c.speaker));
    }
    if c.mention != "*" && mention != c.mention {
        wrong.push(format!("mention {mention:?} (want {:?})", c.mention));
    }
    if c.cue != "*" && cue != c.cue {
        wrong.push(format!("cue {cue:?} (want {:?})", c.cue));
    }
    (!wrong.is_empty()).then(|| wrong.join(", "))
}

#[test]
fn attribution_cases() {
    let src = include_str!("data/attribution/cases.tsv");
    let all = cases(src);
    assert!(all.len() >= 80, "{} cases", all.len());
    let p = Pipeline::new(Gazetteers::builtin(), Options::default());
    let failures: Vec<String> = all
        .iter()
        .filter_map(|c| {
            check(&p, c)
                .map(|w| format!("line {} [{}] {}\n    {}", c.line, c.construction, w, c.text))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} attribution cases fail:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}
