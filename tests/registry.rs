//! The rule registry against the pipeline: every rule's examples give (or do not give) its
//! id, every id the output carries is registered, and the README's table is the registry's.

use std::path::Path;
use whosaid::registry::{self, RuleId};
use whosaid::{Document, Extraction, Gazetteers, Options, Pipeline};

fn pipeline() -> Pipeline {
    // Titles and scare quotes carry `quote.not-speech` only when they are written.
    Pipeline::new(Gazetteers::builtin(), Options { all_quotes: true })
}

/// Every rule id one extraction carries: mention sources and claim rules.
fn ids(ex: &Extraction) -> Vec<RuleId> {
    let mut out: Vec<RuleId> = ex.mentions.iter().filter_map(|m| m.source.rule()).collect();
    out.extend(ex.claims.iter().map(|c| c.rule));
    out
}

#[test]
fn every_rule_matches_its_examples_and_not_its_near_misses() {
    let p = pipeline();
    let mut failures = Vec::new();
    for &rule in RuleId::ALL {
        for (i, text) in rule.must_match().iter().enumerate() {
            let got = ids(&p.extract(&Document::new(format!("{rule}/{i}"), *text)));
            if !got.contains(&rule) {
                failures.push(format!("{rule} must match {text:?}; got {got:?}"));
            }
        }
        for (i, text) in rule.must_not_match().iter().enumerate() {
            let got = ids(&p.extract(&Document::new(format!("{rule}/not{i}"), *text)));
            if got.contains(&rule) {
                failures.push(format!("{rule} must not match {text:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_id_in_the_output_is_registered() {
    // The written ids, read back as text, parse to registry rules.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let p = pipeline();
    let mut seen = std::collections::BTreeSet::new();
    for dir in ["examples/corpus", "tests/data"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let ex = p.extract(&Document::new("d", text));
            for m in &ex.mentions {
                let label = m.source.label();
                let id = label.strip_prefix("rule:").unwrap_or(&label);
                assert!(RuleId::parse(id).is_some(), "{label} is not registered");
                seen.insert(id.to_string());
            }
            for c in &ex.claims {
                assert_eq!(RuleId::parse(c.rule.as_str()), Some(c.rule));
                seen.insert(c.rule.as_str().to_string());
            }
        }
    }
    // The example texts exercise a good part of the registry, not one rule.
    assert!(seen.len() >= 10, "{seen:?}");
}

#[test]
fn the_readme_table_is_the_registry() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let begin = "<!-- rules:begin -->\n";
    let a = readme
        .find(begin)
        .expect("README has the rules:begin marker")
        + begin.len();
    let b = readme
        .find("<!-- rules:end -->")
        .expect("README has the rules:end marker");
    assert_eq!(
        &readme[a..b],
        registry::markdown(),
        "README's rule table differs from the registry: paste `whosaid rules --format markdown`"
    );
}

#[test]
fn the_rules_command_lists_every_rule() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(["rules", "--format", "csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut r = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = r.headers().unwrap().clone();
    assert_eq!(
        &headers.iter().take(4).collect::<Vec<_>>(),
        &["id", "stage", "confidence", "reason"]
    );
    let ids: Vec<String> = r.records().map(|rec| rec.unwrap()[0].to_string()).collect();
    let want: Vec<&str> = RuleId::ALL.iter().map(|r| r.as_str()).collect();
    assert_eq!(ids, want);
    let jsonl = std::process::Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(["rules", "--format", "jsonl"])
        .output()
        .unwrap();
    let first: serde_json::Value =
        serde_json::from_slice(jsonl.stdout.split(|&b| b == b'\n').next().unwrap()).unwrap();
    assert_eq!(first["id"], "gazetteer");
    assert!(first["must_match"].is_array());
}
