//! The review page and `whosaid explain`, through the real binary on tests/data/review:
//! one highlighted element per claims row, nothing fetched from the network, and an
//! explanation naming each row's rule. (The page in a real browser is checked by
//! scripts/browser_test.py in .ci/run.)

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
}

fn data(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/review")
        .join(p)
}

/// (doc_id, claim_id, rule) of every claims row.
fn claim_rows(dir: &Path) -> Vec<(String, String, String)> {
    let mut r = csv::Reader::from_path(dir.join("claims.csv")).unwrap();
    r.deserialize::<std::collections::HashMap<String, String>>()
        .map(|row| {
            let row = row.unwrap();
            (
                row["doc_id"].clone(),
                row["claim_id"].clone(),
                row["rule"].clone(),
            )
        })
        .collect()
}

/// `whosaid extract` on the review data (the folder and the JSON-lines file) into `out`.
fn extract_review(out: &Path, extra: &[&str]) -> std::process::Output {
    bin()
        .args([
            "extract",
            data("").to_str().unwrap(),
            data("wire.jsonl").to_str().unwrap(),
        ])
        .args(extra)
        .args(["-q", "--out"])
        .arg(out)
        .output()
        .unwrap()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

#[test]
fn the_page_has_one_claim_element_per_row_and_no_network() {
    let dir = tempfile::tempdir().unwrap();
    let out = extract_review(dir.path(), &["--html"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    let rows = claim_rows(dir.path());
    assert!(
        rows.len() >= 20,
        "the test data has many claims: {}",
        rows.len()
    );
    let want: BTreeSet<String> = rows.iter().map(|(d, c, _)| format!("{d}/{c}")).collect();
    let got: Vec<String> = html
        .split("data-claim-id=\"")
        .skip(1)
        .map(|s| unescape(&s[..s.find('"').unwrap()]))
        .collect();
    assert_eq!(got.len(), rows.len());
    assert_eq!(got.into_iter().collect::<BTreeSet<_>>(), want);
    // The odd id (<, &, ") is escaped in the markup and safe in the JSON.
    assert!(want.iter().any(|id| id.starts_with("wire-<1>&\"q\"/")));
    assert!(!html.contains("wire-<1>"));
    // Self-contained: nothing to load.
    for fetch in [
        "<script src",
        "<link",
        "<img",
        "@import",
        "url(",
        "http://",
        "https://",
    ] {
        assert!(!html.contains(fetch), "the page holds {fetch:?}");
    }
    // Every document is in the index, and its template and data are there.
    for n in 0..3 {
        assert!(html.contains(&format!("<template id=\"t{n}\">")));
        assert!(html.contains(&format!("id=\"j{n}\">")));
    }
    // The tables are what a run without --html writes.
    let plain = tempfile::tempdir().unwrap();
    let out = extract_review(plain.path(), &[]);
    assert!(out.status.success());
    for t in ["entities.csv", "mentions.csv", "claims.csv", "errors.csv"] {
        assert_eq!(
            std::fs::read(dir.path().join(t)).unwrap(),
            std::fs::read(plain.path().join(t)).unwrap(),
            "{t}"
        );
    }
}

#[test]
fn explain_names_each_rows_rule() {
    let dir = tempfile::tempdir().unwrap();
    let out = extract_review(dir.path(), &[]);
    assert!(out.status.success());
    let rows = claim_rows(dir.path());
    for (file, doc) in [
        ("bridge-repair.txt", None),
        ("port-strike.txt", None),
        ("wire.jsonl", Some("wire-<1>&\"q\"")),
    ] {
        let mut cmd = bin();
        cmd.arg("explain").arg(data(file));
        if let Some(d) = doc {
            cmd.args(["--doc", d]);
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        let id = doc.map_or_else(|| file.trim_end_matches(".txt").to_string(), String::from);
        let got: Vec<(String, String)> = text
            .lines()
            .filter_map(|l| l.strip_prefix("claim "))
            .map(|l| {
                let parts: Vec<&str> = l.split(" · ").collect();
                (
                    parts[0].to_string(),
                    parts[2].split(' ').next().unwrap().to_string(),
                )
            })
            .collect();
        let want: Vec<(String, String)> = rows
            .iter()
            .filter(|(d, _, _)| *d == id)
            .map(|(_, c, r)| (c.clone(), r.clone()))
            .collect();
        assert!(!want.is_empty());
        assert_eq!(got, want, "{file}");
        // Each claim says why, and lists the speaker it chose among its candidates.
        assert_eq!(text.matches("\n  why ").count(), want.len());
        assert!(text.contains("+ "), "{text}");
    }
}

#[test]
fn explain_of_a_missing_document_names_the_file_and_the_ids() {
    let out = bin()
        .arg("explain")
        .arg(data("wire.jsonl"))
        .args(["--doc", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("wire.jsonl") && err.contains("\"nope\""),
        "{err}"
    );
    assert!(err.contains("wire-<1>"), "{err}");
}
