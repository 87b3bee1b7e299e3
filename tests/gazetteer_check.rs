//! `whosaid gazetteer check DIR` and `--gazetteers DIR` hold a user folder to the rules of
//! `gazetteers/README.md`: every problem is reported at once, by file and line, and an id
//! of the built-in lists is not reused.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
}

fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/gazetteers")
        .join(rel)
}

fn check(dir: &Path, extra: &[&str]) -> Output {
    bin()
        .args(["gazetteer", "check"])
        .args(extra)
        .arg(dir)
        .output()
        .unwrap()
}

/// `extract` of a one-line document with the folder added.
fn extract(dir: &Path, extra: &[&str]) -> Output {
    let work = tempfile::tempdir().unwrap();
    let input = work.path().join("doc.txt");
    std::fs::write(&input, "Ada Brook said the plan would work.\n").unwrap();
    bin()
        .arg("extract")
        .arg(&input)
        .arg("--out")
        .arg(work.path().join("out"))
        .arg("-q")
        .args(extra)
        .arg("--gazetteers")
        .arg(dir)
        .output()
        .unwrap()
}

#[test]
fn every_broken_rule_is_reported_by_file_and_line() {
    let dir = data("bad");
    let out = check(&dir, &["--no-default-gazetteers"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let file = dir.join("mine.tsv").display().to_string();
    for (line, what) in [
        (
            3,
            "expected 5 tab-separated columns (id, type, name, aliases, roles), or 6 with \
             wikidata last, found 3",
        ),
        (4, "alias \"Echo Partners\" is the name itself"),
        (5, "alias \"TG\" is listed twice"),
        (
            6,
            "alias \"said\" is a plain word of the language (word class \"speech\" of lexicon/en/)",
        ),
        (
            6,
            "alias \"Can\" is a plain word of the language (word class \"function_words\" of lexicon/en/)",
        ),
        (7, "alias \"A\" is one letter"),
        (
            8,
            "duplicate id \"org:echo\": already the id of \"Echo Partners\" at",
        ),
        (
            10,
            "wikidata \"q42\" is not a Wikidata item id: write Q and its number (Q42)",
        ),
        (
            12,
            "wikidata Q4115189 is already the item of \"Lima Partners\" at",
        ),
    ] {
        let want = format!("{file}:{line}: {what}");
        assert!(err.contains(&want), "missing {want:?} in\n{err}");
    }
    assert!(err.contains("mine.tsv:4; ids are unique"), "{err}");
    assert!(err.contains(": 9 problem(s)"), "{err}");
    for fine in [9, 11] {
        let at = format!("{file}:{fine}:");
        assert!(!err.lines().any(|l| l.starts_with(&at)), "{err}");
    }

    // Loading the folder for a run reports the same problems and stops.
    let run = extract(&dir, &["--no-default-gazetteers"]);
    assert_eq!(run.status.code(), Some(2));
    let run_err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(
        run_err.matches("whosaid: gazetteer error: ").count(),
        9,
        "{run_err}"
    );
}

#[test]
fn a_built_in_id_in_a_user_folder_is_an_error_saying_what_to_do() {
    let dir = data("reuse");
    let out = check(&dir, &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let want = format!(
        "{}:3: id \"geonames:524901\" is already the id of the built-in \"Moscow\" (gazetteers/cities.tsv:",
        dir.join("places.tsv").display()
    );
    assert!(err.contains(&want), "missing {want:?} in\n{err}");
    assert!(
        err.contains("pick another id, or pass --no-default-gazetteers"),
        "{err}"
    );
    let run = extract(&dir, &[]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains(&want));

    // In place of the built-in lists the id is the user's to use.
    assert!(check(&dir, &["--no-default-gazetteers"]).status.success());
    assert!(extract(&dir, &["--no-default-gazetteers"]).status.success());
}

#[test]
fn a_user_folder_cannot_reuse_an_id_of_an_earlier_one() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    std::fs::write(a.path().join("a.tsv"), "org:zeta\tORG\tZeta Works\t\t\n").unwrap();
    std::fs::write(b.path().join("b.tsv"), "org:zeta\tORG\tZeta Labs\t\t\n").unwrap();
    let out = bin()
        .args(["extract", "-", "--out"])
        .arg(a.path().join("out"))
        .args(["-q", "--gazetteers"])
        .arg(a.path())
        .arg("--gazetteers")
        .arg(b.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("b.tsv:1: id \"org:zeta\" is already the id of \"Zeta Works\" at"),
        "{err}"
    );
}

/// The rows of an output table, as maps from column to value.
fn table(path: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(String::from))
                .collect()
        })
        .collect()
}

/// `extract` of `text` with `extra` arguments; returns the output folder.
fn run(text: &str, extra: &[&str]) -> tempfile::TempDir {
    let work = tempfile::tempdir().unwrap();
    let input = work.path().join("doc.txt");
    std::fs::write(&input, text).unwrap();
    let out = bin()
        .arg("extract")
        .arg(&input)
        .arg("--out")
        .arg(work.path())
        .arg("-q")
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    work
}

/// The sixth column of a user row is its entity's `wikidata` in every table format; an
/// entity of a five-column row has none (empty in CSV, null in JSON lines).
#[test]
fn a_rows_wikidata_item_goes_to_its_entity() {
    let dir = data("wikidata");
    assert!(check(&dir, &[]).status.success());
    let text = "Ada Brook said the plan would work. The Brook-Lind Trust agreed.\n";
    let args = ["--gazetteers", dir.to_str().unwrap()];
    let out = run(text, &args);
    let rows = table(&out.path().join("entities.csv"));
    let header = csv::Reader::from_path(out.path().join("entities.csv"))
        .unwrap()
        .headers()
        .unwrap()
        .clone();
    assert_eq!(
        header.iter().next_back(),
        Some("wikidata"),
        "the last column"
    );
    let by_id = |id: &str| rows.iter().find(|r| r["entity_id"] == id).unwrap();
    assert_eq!(by_id("person:ada-brook")["wikidata"], "Q4115189");
    assert_eq!(by_id("org:brook-lind-trust")["wikidata"], "");

    let out = run(text, &[&args[..], &["--format", "jsonl"]].concat());
    let json = std::fs::read_to_string(out.path().join("entities.jsonl")).unwrap();
    let rows: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let by_id = |id: &str| rows.iter().find(|r| r["entity_id"] == id).unwrap();
    assert_eq!(by_id("person:ada-brook")["wikidata"], "Q4115189");
    assert!(by_id("org:brook-lind-trust")["wikidata"].is_null());
}

/// The built-in lists link members of Congress to Wikidata: a row of people.tsv the build
/// matched (Bernie Sanders) and rows of the generated people_us_congress.tsv.
#[test]
fn built_in_people_carry_wikidata_ids() {
    let text = "Sen. Bernie Sanders and Sen. Amy Klobuchar met Rep. Jim Clyburn and Tim Kaine. \
                Ada Brook, a harbour master, said the plan would work.\n";
    let out = run(text, &[]);
    let rows = table(&out.path().join("entities.csv"));
    let qid = |name: &str| {
        rows.iter()
            .find(|r| r["name"] == name)
            .map(|r| r["wikidata"].clone())
            .unwrap_or_else(|| panic!("no entity {name:?} in {rows:#?}"))
    };
    assert_eq!(qid("Bernie Sanders"), "Q359442");
    assert_eq!(qid("Amy Klobuchar"), "Q22237");
    assert_eq!(qid("Jim Clyburn"), "Q1289889");
    assert_eq!(qid("Tim Kaine"), "Q359888");
    assert_eq!(qid("Ada Brook"), "");
}
