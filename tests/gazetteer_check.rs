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
    ] {
        let want = format!("{file}:{line}: {what}");
        assert!(err.contains(&want), "missing {want:?} in\n{err}");
    }
    assert!(err.contains("mine.tsv:4; ids are unique"), "{err}");
    assert!(err.contains(": 7 problem(s)"), "{err}");
    assert!(!err.contains("mine.tsv:9:"), "{err}");

    // Loading the folder for a run reports the same problems and stops.
    let run = extract(&dir, &["--no-default-gazetteers"]);
    assert_eq!(run.status.code(), Some(2));
    let run_err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(
        run_err.matches("whosaid: gazetteer error: ").count(),
        7,
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
