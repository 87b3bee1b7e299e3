//! Integration tests: run the real binary on tests/data in a temporary folder and check the
//! tables it writes (spans, speakers, kinds, errors), not just that something was written.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
}

fn data(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(p)
}

fn extract(inputs: &[PathBuf], extra: &[&str]) -> (tempfile::TempDir, Output) {
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .arg("extract")
        .args(inputs)
        .arg("--out")
        .arg(dir.path())
        .args(extra)
        .output()
        .unwrap();
    (dir, out)
}

type Row = HashMap<String, String>;

fn table(dir: &Path, name: &str) -> Vec<Row> {
    let mut r = csv::Reader::from_path(dir.join(name)).unwrap();
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            headers
                .iter()
                .zip(rec.unwrap().iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// Python's text[start:end] over code points.
fn slice(text: &str, start: &str, end: &str) -> String {
    let (s, e): (usize, usize) = (start.parse().unwrap(), end.parse().unwrap());
    text.chars().skip(s).take(e - s).collect()
}

fn speech<'a>(rows: &'a [Row], text_start: &str) -> &'a Row {
    rows.iter()
        .find(|r| r["text"].starts_with(text_start))
        .unwrap_or_else(|| panic!("no claim for {text_start:?}: {rows:#?}"))
}

#[test]
fn attribution_rungs() {
    let (dir, out) = extract(&[data("rungs.txt")], &["-q"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let claims = table(dir.path(), "claims.csv");
    let text = std::fs::read_to_string(data("rungs.txt")).unwrap();
    for r in &claims {
        assert_eq!(
            slice(&text, &r["start"], &r["end"]),
            r["text"],
            "offsets are code points"
        );
    }
    let cases = [
        (
            "We expect the first sailing",
            "Lena Marchetti",
            "quote.after.cue-speaker",
            "direct",
        ),
        (
            "Safety comes before",
            "Samuel Okonkwo",
            "quote.before",
            "direct",
        ),
        (
            "The boats are ready",
            "Samuel Okonkwo",
            "quote.after.speaker-cue",
            "direct",
        ),
        (
            "The crews need",
            "Samuel Okonkwo",
            "quote.continuation",
            "direct",
        ),
        (
            "The channel is still",
            "Dmitri Volkov",
            "quote.after.speaker-cue",
            "direct",
        ),
        (
            "Nobody has asked",
            "Dmitri Volkov",
            "quote.next-sentence",
            "direct",
        ),
        (
            "tired but proud",
            "Paulo Reis",
            "quote.sentence-cue",
            "partial",
        ),
        (
            "Every boat pays",
            "Ines Duarte",
            "quote.previous-sentence",
            "direct",
        ),
        (
            "We keep the old boats",
            "Harbor Trust",
            "quote.colon",
            "direct",
        ),
        (
            "It will save an hour",
            "Ines Duarte",
            "quote.colon",
            "direct",
        ),
        (
            "We will sail on time",
            "Paulo Reis",
            "quote.after.speaker-verb",
            "direct",
        ),
    ];
    for (start, speaker, rule, kind) in cases {
        let r = speech(&claims, start);
        assert_eq!(
            (
                r["speaker"].as_str(),
                r["rule"].as_str(),
                r["kind"].as_str()
            ),
            (speaker, rule, kind),
            "{start}"
        );
        assert!(
            matches!(r["speaker_type"].as_str(), "PERSON" | "ORG"),
            "{r:?}"
        );
    }
    let unknown = speech(&claims, "Nobody told us anything");
    assert_eq!(
        (
            unknown["speaker"].as_str(),
            unknown["speaker_type"].as_str(),
            unknown["rule"].as_str()
        ),
        ("", "UNKNOWN", "quote.unattributed")
    );
    let indirect: Vec<&Row> = claims.iter().filter(|r| r["kind"] == "indirect").collect();
    assert!(
        indirect
            .iter()
            .any(|r| r["speaker"] == "Transport officials"
                && r["speaker_type"] == "GROUP"
                && r["cue"] == "say")
    );
    assert!(
        indirect
            .iter()
            .any(|r| r["speaker"] == "two current and former port officials" && r["cue"] == "said")
    );
    let ents = table(dir.path(), "entities.csv");
    let volkov = ents
        .iter()
        .find(|e| e["name"] == "Dmitri Volkov")
        .expect("Volkov entity");
    assert_eq!(volkov["type"], "PERSON");
    assert_eq!(volkov["aliases"], "Volkov");
    let ok = ents.iter().find(|e| e["name"] == "Samuel Okonkwo").unwrap();
    assert!(ok["roles"].contains("Deputy Director"), "{ok:?}");
}

#[test]
fn quote_styles_and_kinds() {
    let (dir, out) = extract(&[data("styles.txt")], &["-q", "--all-quotes"]);
    assert!(out.status.success());
    let claims = table(dir.path(), "claims.csv");
    for start in [
        "Straight double quotes work too.",
        "Single straight quotes, don't they?",
        "Curly single quotes are fine.",
        "Guillemets also count.",
        "German low quotes count.",
        "Corner brackets count.",
    ] {
        let r = speech(&claims, start);
        assert_eq!(
            (r["kind"].as_str(), r["speaker"].as_str()),
            ("direct", "Marta Ilves"),
            "{start}"
        );
    }
    assert!(
        !claims
            .iter()
            .any(|r| r["text"].contains("90s") || r["text"].contains("house")),
        "apostrophes opened a quote"
    );
    assert_eq!(speech(&claims, "The Winter Harbor")["kind"], "title");
    assert_eq!(speech(&claims, "Piet")["kind"], "nickname");
    assert_eq!(speech(&claims, "a small miracle")["kind"], "partial");
    let nested = speech(&claims, "He told me");
    assert!(
        nested["text"].contains("‘never again,’ and then he left."),
        "nested quote stays inside: {nested:?}"
    );
    assert!(
        !claims.iter().any(|r| r["text"] == "never again,"),
        "a nested quote is not a quote of its own"
    );
    // A quote over two paragraphs is a quote a paragraph, both the speaker's of the last.
    let multi = speech(&claims, "This quote opens here");
    assert!(
        !multi["text"].contains("continues in the next paragraph"),
        "one quote a paragraph"
    );
    assert_eq!(multi["speaker"], "Marta Ilves");
    assert_eq!(speech(&claims, "and continues")["speaker"], "Marta Ilves");
    let ents = table(dir.path(), "entities.csv");
    assert!(
        ents.iter()
            .any(|e| e["name"] == "Piotr Ilves" && e["aliases"].contains("Piotr “Piet” Ilves")),
        "{ents:#?}"
    );
}

#[test]
fn non_speech_quotes_are_not_claims_by_default() {
    let (dir, _) = extract(&[data("styles.txt")], &["-q"]);
    let claims = table(dir.path(), "claims.csv");
    assert!(
        claims
            .iter()
            .all(|r| matches!(r["kind"].as_str(), "direct" | "partial" | "indirect"))
    );
}

#[test]
fn unclosed_mark_is_bounded_and_reported() {
    let (dir, out) = extract(&[data("unclosed.txt")], &[]);
    assert!(out.status.success());
    let claims = table(dir.path(), "claims.csv");
    assert!(
        claims.iter().all(|r| !r["text"].contains("Next paragraph")),
        "unclosed quote swallowed a paragraph"
    );
    let errors = table(dir.path(), "errors.csv");
    assert_eq!(errors.len(), 1);
    assert_eq!(
        (errors[0]["level"].as_str(), errors[0]["line"].as_str()),
        ("warning", "1")
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("unclosed quotation mark"));
}

#[test]
fn bad_documents_cost_nothing_else() {
    let (dir, out) = extract(&[data("batch"), data("batch/d.jsonl")], &[]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "exit 1 when some documents failed"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("b.txt:1: not valid UTF-8"), "{stderr}");
    assert!(stderr.contains("c.txt: empty document"), "{stderr}");
    assert!(stderr.contains("d.jsonl:2: not valid JSON"), "{stderr}");
    assert!(stderr.contains("d.jsonl:3: no \"text\""), "{stderr}");
    let errors = table(dir.path(), "errors.csv");
    assert_eq!(errors.iter().filter(|e| e["level"] == "error").count(), 4);
    let claims = table(dir.path(), "claims.csv");
    let docs: Vec<&str> = claims.iter().map(|r| r["doc_id"].as_str()).collect();
    assert!(
        docs.contains(&"a") && docs.contains(&"j1") && docs.contains(&"j4"),
        "{docs:?}"
    );
    assert_eq!(speech(&claims, "We are done")["speaker"], "Nadia Rahimi");
}

#[test]
fn same_bytes_whatever_the_thread_count() {
    let inputs = [
        data("rungs.txt"),
        data("styles.txt"),
        data("batch"),
        data("batch/d.jsonl"),
    ];
    let (d1, _) = extract(&inputs, &["-q", "--threads", "1"]);
    let (d2, _) = extract(&inputs, &["-q", "--threads", "2"]);
    for t in ["entities.csv", "mentions.csv", "claims.csv", "errors.csv"] {
        assert_eq!(
            std::fs::read(d1.path().join(t)).unwrap(),
            std::fs::read(d2.path().join(t)).unwrap(),
            "{t}"
        );
    }
}

#[test]
fn json_lines_on_stdin_and_jsonl_format() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let mut child = bin()
        .args(["extract", "-", "--format", "jsonl", "-q", "--out"])
        .arg(dir.path())
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{\"id\": \"s1\", \"text\": \"\\u201cIt works,\\u201d said Ola Nordmann.\"}\n")
        .unwrap();
    assert!(child.wait().unwrap().success());
    let claims = std::fs::read_to_string(dir.path().join("claims.jsonl")).unwrap();
    let row: serde_json::Value = serde_json::from_str(claims.lines().next().unwrap()).unwrap();
    assert_eq!(row["speaker"], "Ola Nordmann");
    assert_eq!(
        (row["start"].as_u64(), row["end"].as_u64()),
        (Some(1), Some(10))
    );
}

#[test]
fn user_gazetteers_and_check() {
    let g = tempfile::tempdir().unwrap();
    std::fs::write(
        g.path().join("mine.tsv"),
        "org:zeta\tORG\tZeta Works\tZW\t\n",
    )
    .unwrap();
    let (dir, out) = extract(
        &[data("batch/a.txt")],
        &[
            "-q",
            "--no-default-gazetteers",
            "--gazetteers",
            g.path().to_str().unwrap(),
        ],
    );
    assert!(out.status.success());
    let _ = table(dir.path(), "entities.csv");
    let ok = bin()
        .args(["gazetteer", "check"])
        .arg(g.path())
        .output()
        .unwrap();
    assert!(ok.status.success());
    std::fs::write(g.path().join("bad.tsv"), "# header\norg:x\tTHING\tX\t\t\n").unwrap();
    let bad = bin()
        .args(["gazetteer", "check"])
        .arg(g.path())
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    let msg = String::from_utf8_lossy(&bad.stderr);
    assert!(msg.contains("bad.tsv:2:") && msg.contains("THING"), "{msg}");
}

#[test]
fn missing_input_is_a_usage_error() {
    let (_, out) = extract(&[data("no-such-file.txt")], &[]);
    assert_eq!(out.status.code(), Some(2));
}

/// JSON lines are typed: numbers are numbers, lists are arrays, an absent number is null,
/// and every row says what the CSV row says.
#[test]
fn jsonl_tables_are_typed_and_match_csv() {
    let inputs = [data("rungs.txt"), data("batch"), data("batch/d.jsonl")];
    let (csv_dir, _) = extract(&inputs, &["-q"]);
    let (json_dir, _) = extract(&inputs, &["-q", "--format", "jsonl"]);
    let ints = [
        "mentions",
        "claim_id",
        "start",
        "end",
        "line",
        "speaker_start",
        "speaker_end",
        "cue_start",
        "cue_end",
    ];
    let (mut nulls, mut lists) = (0, 0);
    for t in ["entities", "mentions", "claims", "errors"] {
        let csv_rows = table(csv_dir.path(), &format!("{t}.csv"));
        let text = std::fs::read_to_string(json_dir.path().join(format!("{t}.jsonl"))).unwrap();
        let json_rows: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(csv_rows.len(), json_rows.len(), "{t}");
        assert!(!json_rows.is_empty(), "{t}");
        for (c, j) in csv_rows.iter().zip(&json_rows) {
            let obj = j.as_object().unwrap();
            assert_eq!(obj.len(), c.len(), "{t}: {j}");
            for (k, v) in obj {
                let want = &c[k];
                let got = match v {
                    serde_json::Value::Null => {
                        nulls += 1;
                        String::new()
                    }
                    serde_json::Value::Number(n) if k == "confidence" => {
                        format!("{:.2}", n.as_f64().unwrap())
                    }
                    serde_json::Value::Number(n) => {
                        assert!(ints.contains(&k.as_str()), "{t}.{k} is a number");
                        n.as_u64().expect("an integer").to_string()
                    }
                    serde_json::Value::Array(a) => {
                        lists += a.len();
                        assert!(k == "aliases" || k == "roles", "{t}.{k}");
                        let parts: Vec<&str> = a.iter().map(|x| x.as_str().unwrap()).collect();
                        parts.join("|")
                    }
                    serde_json::Value::String(s) => {
                        assert!(!ints.contains(&k.as_str()), "{t}.{k} is a string");
                        s.clone()
                    }
                    other => panic!("{t}.{k}: {other}"),
                };
                assert_eq!(&got, want, "{t}.{k}");
            }
        }
    }
    assert!(nulls > 0 && lists > 0, "the data exercise nulls and lists");
}
