//! The language as data: a user's folder adds words to the built-in classes with no
//! recompile, and `gazetteer check` reports a bad language file by file and line.

use std::fs;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
}

/// (speaker, cue, rule) of the claims rows.
fn claims(dir: &std::path::Path) -> Vec<(String, String, String)> {
    let mut r = csv::Reader::from_path(dir.join("claims.csv")).unwrap();
    let h = r.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|c| c == name).unwrap();
    let (s, c, ru) = (col("speaker"), col("cue"), col("rule"));
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            (rec[s].to_string(), rec[c].to_string(), rec[ru].to_string())
        })
        .collect()
}

const TEXT: &str = "Ada Brook chairs the harbour board in Kelso. \
                    The ferry will not sail before the spring storms pass, Brook harrumphed.\n";

fn run(extra: &[&str]) -> (tempfile::TempDir, Vec<(String, String, String)>) {
    let work = tempfile::tempdir().unwrap();
    let input = work.path().join("doc.txt");
    fs::write(&input, TEXT).unwrap();
    let out = work.path().join("out");
    let status = bin()
        .arg("extract")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .arg("-q")
        .args(extra)
        .status()
        .unwrap();
    assert!(status.success());
    let rows = claims(&out);
    (work, rows)
}

#[test]
fn a_user_speech_verb_makes_claims() {
    // Without the user's verb, "harrumphed" is no cue.
    let (_w, before) = run(&[]);
    assert!(
        before.iter().all(|(_, cue, _)| cue != "harrumphed"),
        "{before:?}"
    );

    let user = tempfile::tempdir().unwrap();
    let en = user.path().join("lexicon/en");
    fs::create_dir_all(&en).unwrap();
    fs::write(
        en.join("verbs.tsv"),
        "# my verbs\nform\tlemma\tspeech\nharrumphed\tharrumph\tx\n",
    )
    .unwrap();
    let dir = user.path().to_str().unwrap();
    let (_w, after) = run(&["--gazetteers", dir]);
    assert!(
        after.contains(&(
            "Ada Brook".to_string(),
            "harrumphed".to_string(),
            "claim.subject-cue".to_string()
        )),
        "{after:?}"
    );
}

#[test]
fn gazetteer_check_names_the_file_and_line_of_a_bad_language_file() {
    let user = tempfile::tempdir().unwrap();
    let en = user.path().join("lexicon/en");
    fs::create_dir_all(&en).unwrap();
    fs::write(
        en.join("verbs.tsv"),
        "form\tlemma\tspeech\nquipped\tquip\tx\nmused\tmuse\tyes\n",
    )
    .unwrap();
    fs::write(en.join("adjectives.txt"), "grand\n").unwrap();
    let out = bin()
        .args(["gazetteer", "check"])
        .arg(user.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("verbs.tsv:3: column \"speech\": \"yes\" is not x or empty"),
        "{err}"
    );
    assert!(
        err.contains("adjectives.txt:0: unknown language file"),
        "{err}"
    );
}

#[test]
fn the_built_in_language_folder_passes_the_check() {
    // On its own: on top of the built-in lists, every id of the folder would be reused.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("gazetteers");
    let out = bin()
        .args(["gazetteer", "check", "--no-default-gazetteers"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
