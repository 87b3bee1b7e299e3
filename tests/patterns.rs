//! User pattern rules: `patterns.tsv` in a `--gazetteers` folder. Its matches are mentions
//! with source `rule:<id>`; they win over the built-in candidates they are at least as long
//! as, and the document rules leave them as found; a bad row stops the run, by file and line.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use whosaid::gazetteer::parse_patterns;
use whosaid::{Document, EntityType, Gazetteers, Options, Pipeline};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
}

fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/patterns")
        .join(rel)
}

fn extract(folder: &Path) -> (tempfile::TempDir, Output) {
    let out = tempfile::tempdir().unwrap();
    let run = bin()
        .arg("extract")
        .arg(data("sandstorm.txt"))
        .arg("--out")
        .arg(out.path())
        .arg("--gazetteers")
        .arg(folder)
        .arg("-q")
        .output()
        .unwrap();
    (out, run)
}

fn table(dir: &Path, name: &str) -> Vec<HashMap<String, String>> {
    let mut r = csv::Reader::from_path(dir.join(name)).unwrap();
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

#[test]
fn a_user_rule_tags_its_matches_with_its_id() {
    let (out, run) = extract(&data(""));
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text: Vec<char> = std::fs::read_to_string(data("sandstorm.txt"))
        .unwrap()
        .chars()
        .collect();
    let mentions = table(out.path(), "mentions.csv");
    let ours: Vec<_> = mentions
        .iter()
        .filter(|m| m["source"] == "rule:user.operation")
        .collect();
    assert_eq!(ours.len(), 2, "{mentions:#?}");
    for m in &ours {
        assert_eq!(
            (m["text"].as_str(), m["type"].as_str()),
            ("Operation Sandstorm", "ORG")
        );
        assert_eq!(m["entity_id"], "org:operation-sandstorm");
        // Offsets are code points, as for every other mention (the second follows “).
        let (s, e): (usize, usize) = (m["start"].parse().unwrap(), m["end"].parse().unwrap());
        assert_eq!(text[s..e].iter().collect::<String>(), "Operation Sandstorm");
    }
    // 110 code points, 112 bytes in.
    assert_eq!(ours[1]["start"], "110");
    // "Cooperation Tide" starts inside a word: no match.
    assert!(
        !mentions
            .iter()
            .any(|m| m["text"].contains("Tide") && m["source"] == "rule:user.operation")
    );
    let entities = table(out.path(), "entities.csv");
    let op = entities
        .iter()
        .find(|e| e["entity_id"] == "org:operation-sandstorm")
        .expect("the entity");
    assert_eq!(
        (
            op["name"].as_str(),
            op["type"].as_str(),
            op["mentions"].as_str()
        ),
        ("Operation Sandstorm", "ORG", "2")
    );
}

#[test]
fn a_bad_rule_stops_the_run_naming_file_and_line() {
    let dir = data("bad");
    let (_out, run) = extract(&dir);
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8_lossy(&run.stderr);
    let file = dir.join("patterns.tsv").display().to_string();
    let want = format!("whosaid: gazetteer error: {file}:2: invalid pattern: regex parse error:");
    assert!(err.contains(&want), "missing {want:?} in\n{err}");
    assert!(err.contains("unclosed character class"), "{err}");
    assert_eq!(
        err.matches("whosaid: gazetteer error: ").count(),
        6,
        "{err}"
    );
}

#[test]
fn gazetteer_check_reports_every_bad_rule() {
    let dir = data("bad");
    let out = bin()
        .args(["gazetteer", "check"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let file = dir.join("patterns.tsv").display().to_string();
    for (line, what) in [
        (2, "invalid pattern: regex parse error:"),
        (3, "pattern \"(Operation)?\" can match the empty string"),
        (4, "rule id \"org.head\" is a built-in rule's id"),
        (
            5,
            "expected 4 tab-separated columns (id, type, pattern, reason), found 3",
        ),
        (6, "type \"THING\" is not PERSON, ORG or LOC"),
        (
            7,
            "rule id \"user.maybe\" is already the id of the rule at line 3",
        ),
    ] {
        let want = format!("{file}:{line}: {what}");
        assert!(err.contains(&want), "missing {want:?} in\n{err}");
    }
    assert!(err.contains(": 6 problem(s)"), "{err}");

    let good = bin()
        .args(["gazetteer", "check"])
        .arg(data(""))
        .output()
        .unwrap();
    assert!(good.status.success());
    let said = String::from_utf8_lossy(&good.stdout);
    assert!(
        said.contains("ok (0 entities, 1 pattern rule(s))"),
        "{said}"
    );
}

#[test]
fn whosaid_rules_lists_the_user_rules_after_the_registry() {
    let out = bin()
        .args(["rules", "--gazetteers"])
        .arg(data(""))
        .output()
        .unwrap();
    assert!(out.status.success());
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(
        csv.ends_with("user.operation,match,,named operations,,\n"),
        "{csv}"
    );
    let plain = bin().arg("rules").output().unwrap();
    assert!(!String::from_utf8_lossy(&plain.stdout).contains("user."));
}

/// (text, type, source, entity id) of every mention, with the rules `patterns` added.
fn mentions(patterns: &str, text: &str) -> Vec<(String, EntityType, String, String)> {
    let mut g = Gazetteers::builtin();
    g.patterns = parse_patterns("patterns.tsv", patterns).unwrap();
    let ex = Pipeline::new(g, Options::default()).extract(&Document::new("d", text));
    ex.mentions
        .iter()
        .map(|m| {
            (
                m.span.of(text).to_string(),
                m.etype,
                m.source.label().into_owned(),
                ex.entities[m.entity].id.clone(),
            )
        })
        .collect()
}

fn row(text: &str, t: EntityType, source: &str, id: &str) -> (String, EntityType, String, String) {
    (text.into(), t, source.into(), id.into())
}

#[test]
fn a_user_rule_wins_over_a_gazetteer_match_and_keeps_its_id() {
    use EntityType::{Loc, Org};
    let text = "Russian troops left Moscow on Monday, Spartak Moscow said.";
    // The same span and type as a gazetteer name: the gazetteer's entity id. A longer
    // gazetteer name ("Spartak Moscow") wins; demonyms are the user's to tag.
    let got = mentions("user.city\tLOC\tMoscow|Russian\t\n", text);
    assert_eq!(
        got,
        [
            row("Russian", Loc, "rule:user.city", "loc:russian"),
            row("Moscow", Loc, "rule:user.city", "geonames:524901"),
            row("Spartak Moscow", Org, "gazetteer", "org:spartak-moscow"),
        ]
    );
    // Another type: the user's, with a slug id.
    let got = mentions(
        "user.club\tORG\tMoscow\t\n",
        "Troops left Moscow on Monday.",
    );
    assert_eq!(got[0], row("Moscow", Org, "rule:user.club", "org:moscow"));
    // Longer than the gazetteer name inside it.
    let got = mentions(
        "user.op\tORG\tOperation [A-Z][a-z]+\t\n",
        "Operation Moscow began.",
    );
    assert_eq!(
        got,
        [row(
            "Operation Moscow",
            Org,
            "rule:user.op",
            "org:operation-moscow"
        )]
    );
}

#[test]
fn the_document_rules_leave_user_matches_as_found() {
    use EntityType::{Loc, Org, Person};
    // Without the rule, "NBC Denver" is one station (rule:org.station).
    let got = mentions("user.net\tORG\tNBC\t\n", "NBC Denver reported the fire.");
    assert_eq!(
        got,
        [
            row("NBC", Org, "rule:user.net", "org:nbc"),
            row("Denver", Loc, "gazetteer", "geonames:5419384"),
        ]
    );
    // Without the rule, the lone "Brook" is Ada Brook's surname (rule:person.surname).
    let text = "Ada Brook opened the clinic on Monday. Later, Brook toured the wards.";
    let got = mentions("user.brook\tORG\tBrook\t\n", text);
    assert_eq!(
        got,
        [
            row(
                "Ada Brook",
                Person,
                "rule:person.given-name",
                "person:ada-brook"
            ),
            row("Brook", Org, "rule:user.brook", "org:brook"),
        ]
    );
}
