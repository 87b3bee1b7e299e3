//! Bad inputs and faults, through the real binary: each test is a row of
//! docs/RELIABILITY.md. Nothing hangs (every wait is bounded), nothing mixes, nothing is lost.
#![cfg(unix)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
}

/// Waits at most `secs` for `child`; kills it and fails the test if it is still running.
fn wait(mut child: Child, secs: u64) -> Output {
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if start.elapsed() > Duration::from_secs(secs) {
            let _ = child.kill();
            panic!("whosaid still running after {secs} s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn extract(inputs: &[&Path], out: &Path, extra: &[&str]) -> Output {
    let child = bin()
        .arg("extract")
        .args(inputs)
        .arg("--out")
        .arg(out)
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait(child, 60)
}

fn rows(out: &Path, table: &str) -> Vec<csv::StringRecord> {
    csv::Reader::from_path(out.join(table))
        .unwrap()
        .records()
        .map(|r| r.unwrap())
        .collect()
}

fn doc_ids(out: &Path) -> Vec<String> {
    let mut ids: Vec<String> = rows(out, "claims.csv")
        .iter()
        .map(|r| r[0].to_string())
        .collect();
    ids.dedup();
    ids
}

fn temps(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".whosaid-")
        })
        .collect()
}

const ARTICLE: &str = "“We are ready,” said Ada Brook, the port's director.\n";

fn mkfifo(p: &Path) {
    assert!(Command::new("mkfifo").arg(p).status().unwrap().success());
}

#[test]
fn a_fifo_in_a_folder_is_an_error_row_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("in");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("a.txt"), ARTICLE).unwrap();
    mkfifo(&docs.join("b.txt"));
    let out = dir.path().join("out");
    let o = extract(&[&docs], &out, &["-q"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(doc_ids(&out), ["a"]);
    let errors = rows(&out, "errors.csv");
    assert!(errors[0][1].ends_with("b.txt") && errors[0][4].contains("not a regular file"));
    // -q hides progress, never errors.
    assert!(String::from_utf8_lossy(&o.stderr).contains("b.txt"));
}

#[test]
fn a_fifo_named_directly_is_read_as_a_stream() {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in [
        ("p", ARTICLE.to_string()),
        (
            "q",
            format!("{{\"id\":\"j1\",\"text\":{:?}}}\n", ARTICLE.trim()),
        ),
    ] {
        let fifo = dir.path().join(name);
        mkfifo(&fifo);
        let writer = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::write(fifo, body).unwrap())
        };
        let out = dir.path().join(format!("out-{name}"));
        let o = extract(&[&fifo], &out, &["-q"]);
        writer.join().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let want = if name == "p" { "p" } else { "j1" };
        assert_eq!(doc_ids(&out), [want]);
    }
}

#[test]
fn symlink_loops_are_walked_once() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("in");
    std::fs::create_dir_all(docs.join("sub")).unwrap();
    std::fs::write(docs.join("sub/a.txt"), ARTICLE).unwrap();
    std::os::unix::fs::symlink(&docs, docs.join("sub/up")).unwrap();
    std::os::unix::fs::symlink(docs.join("sub"), docs.join("sub/self")).unwrap();
    std::os::unix::fs::symlink(docs.join("sub/a.txt"), docs.join("link.txt")).unwrap();
    let out = dir.path().join("out");
    let o = extract(&[&docs], &out, &["-q"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // One document, however many paths lead to it.
    assert_eq!(doc_ids(&out).len(), 1);
}

/// `whosaid stream` writing to `stdout`, fed endless input until it stops reading.
fn endless_stream(stdout: Stdio) -> (Child, std::thread::JoinHandle<()>) {
    let mut child = bin()
        .args(["stream", "-q"])
        .stdin(Stdio::piped())
        .stdout(stdout)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let line = format!("{{\"text\":{:?}}}\n", ARTICLE.trim());
        while stdin.write_all(line.as_bytes()).is_ok() {}
    });
    (child, feeder)
}

#[test]
fn a_closed_output_pipe_ends_the_run() {
    let (mut child, feeder) = endless_stream(Stdio::piped());
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains("Ada Brook"));
    // The reader is gone (stdout dropped): whosaid must notice and stop.
    let o = wait(child, 30);
    assert_eq!(o.status.code(), Some(0));
    feeder.join().unwrap();
}

#[test]
fn a_full_disk_stops_the_run_with_its_own_status() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let (child, feeder) = endless_stream(full.into());
    let o = wait(child, 30);
    assert_eq!(o.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&o.stderr).contains("No space left"));
    feeder.join().unwrap();
}

#[test]
fn a_failed_commit_leaves_the_previous_table_set() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    std::fs::write(&a, ARTICLE).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    for t in ["entities.csv", "mentions.csv", "errors.csv"] {
        std::fs::write(out.join(t), "old\n").unwrap();
    }
    // claims.csv cannot be replaced: a folder that is not empty stands in its place.
    std::fs::create_dir_all(out.join("claims.csv/x")).unwrap();
    let o = extract(&[&a], &out, &["-q"]);
    assert_eq!(
        o.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    for t in ["entities.csv", "mentions.csv", "errors.csv"] {
        assert_eq!(
            std::fs::read_to_string(out.join(t)).unwrap(),
            "old\n",
            "{t}"
        );
    }
    assert!(temps(&out).is_empty(), "{:?}", temps(&out));
}

#[test]
fn repeated_ids_are_renamed_and_said() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["x", "y"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        std::fs::write(dir.path().join(sub).join("a.txt"), ARTICLE).unwrap();
    }
    let lines = dir.path().join("b.jsonl");
    let line = format!("{{\"id\":\"a\",\"text\":{:?}}}\n", ARTICLE.trim());
    std::fs::write(&lines, line.repeat(2)).unwrap();
    let out = dir.path().join("out");
    let o = extract(
        &[&dir.path().join("x"), &dir.path().join("y"), &lines],
        &out,
        &["-q"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(doc_ids(&out), ["a", "a~2", "a~3", "a~4"]);
    let warned: Vec<String> = rows(&out, "errors.csv")
        .iter()
        .map(|r| r[0].to_string())
        .collect();
    assert_eq!(warned, ["a~2", "a~3", "a~4"]);
}

#[test]
fn file_kinds_in_any_case_and_compressed() {
    use flate2::{Compression, write::GzEncoder};
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("in");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("upper.TXT"), ARTICLE).unwrap();
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(ARTICLE.as_bytes()).unwrap();
    std::fs::write(docs.join("packed.txt.gz"), gz.finish().unwrap()).unwrap();
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    writeln!(gz, "{{\"id\":\"j\",\"text\":{:?}}}", ARTICLE.trim()).unwrap();
    std::fs::write(docs.join("lines.JSONL.gz"), gz.finish().unwrap()).unwrap();
    std::fs::write(docs.join("notes.pdf"), "%PDF").unwrap();
    let out = dir.path().join("out");
    let o = extract(&[&docs], &out, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(doc_ids(&out), ["j", "packed", "upper"]);
    // The skipped file is said, not silently dropped.
    assert!(String::from_utf8_lossy(&o.stderr).contains("notes.pdf"));
}

#[test]
fn stream_answers_every_input_line() {
    let mut child = bin()
        .args(["stream", "-q"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let input = format!(
        "{{\"text\":{:?}}}\n\n   \n{{\"text\":{:?}}}\n",
        ARTICLE.trim(),
        ARTICLE.trim()
    );
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let o = wait(child, 30);
    assert!(o.status.success());
    let out = String::from_utf8(o.stdout).unwrap();
    assert_eq!(out.lines().count(), 4, "{out}");
}

#[test]
fn usage_errors_say_what_to_do_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    std::fs::write(&a, ARTICLE).unwrap();
    // --out is a file.
    let o = extract(&[&a], &a, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("is not a folder"));
    // A folder with nothing to read.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    std::fs::write(empty.join("x.pdf"), "%PDF").unwrap();
    let o = extract(&[&empty], &dir.path().join("out"), &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("no documents") && err.contains("x.pdf"),
        "{err}"
    );
    // A missing input.
    let o = extract(
        &[&dir.path().join("nope.txt")],
        &dir.path().join("out"),
        &[],
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn tables_are_readable_by_others_under_the_usual_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    std::fs::write(&a, ARTICLE).unwrap();
    let out = dir.path().join("out");
    let status = Command::new("sh")
        .arg("-c")
        .arg("umask 022; exec \"$0\" extract \"$1\" --out \"$2\" -q")
        .arg(env!("CARGO_BIN_EXE_whosaid"))
        .arg(&a)
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let mode = std::fs::metadata(out.join("claims.csv"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o644);
}

#[test]
fn a_document_over_the_size_limit_is_refused_and_the_rest_read() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("in");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("a.txt"), ARTICLE).unwrap();
    let big = "All quiet. ".repeat(whosaid::read::MAX_DOCUMENT_BYTES / 11 + 10);
    std::fs::write(docs.join("big.txt"), big).unwrap();
    let out = dir.path().join("out");
    let o = extract(&[&docs], &out, &["-q"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(doc_ids(&out), ["a"]);
    let errors = rows(&out, "errors.csv");
    assert!(errors[0][4].contains("MiB"), "{:?}", errors[0]);
}

/// A corpus large enough that a run is still writing when it is signalled.
fn big_corpus(dir: &Path) -> PathBuf {
    let p = dir.join("big.jsonl");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&p).unwrap());
    let text = ARTICLE.trim().repeat(40);
    for n in 0..40_000 {
        writeln!(f, "{{\"id\":\"d{n}\",\"text\":{text:?}}}").unwrap();
    }
    p
}

/// Starts a run and waits until its temporary tables exist.
fn running(input: &Path, out: &Path) -> Child {
    let child = bin()
        .args(["extract", "--threads", "1", "-q"])
        .arg(input)
        .arg("--out")
        .arg(out)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while !out.is_dir() || temps(out).is_empty() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "no temporary files appeared"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child
}

#[test]
fn sigterm_stops_the_run_and_leaves_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let input = big_corpus(dir.path());
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("claims.csv"), "old\n").unwrap();
    let child = running(&input, &out);
    assert!(
        Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .unwrap()
            .success()
    );
    let o = wait(child, 30);
    assert_eq!(
        o.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(temps(&out).is_empty(), "{:?}", temps(&out));
    assert_eq!(
        std::fs::read_to_string(out.join("claims.csv")).unwrap(),
        "old\n"
    );
}

#[test]
fn sigkill_leftovers_are_removed_by_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    let input = big_corpus(dir.path());
    let out = dir.path().join("out");
    let mut child = running(&input, &out);
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        !temps(&out).is_empty(),
        "a killed run leaves its temporary files"
    );
    let a = dir.path().join("a.txt");
    std::fs::write(&a, ARTICLE).unwrap();
    let o = extract(&[&a], &out, &["-q"]);
    assert!(o.status.success());
    assert!(temps(&out).is_empty(), "{:?}", temps(&out));
    assert_eq!(doc_ids(&out), ["a"]);
}

#[test]
fn same_rows_whatever_the_threads_and_the_order() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/review");
    let files = ["bridge-repair.txt", "port-strike.txt", "wire.jsonl"].map(|f| data.join(f));
    let dir = tempfile::tempdir().unwrap();
    let run = |name: &str, order: &[&PathBuf], threads: &str| {
        let out = dir.path().join(name);
        let paths: Vec<&Path> = order.iter().map(|p| p.as_path()).collect();
        let o = extract(&paths, &out, &["-q", "--threads", threads]);
        assert!(o.status.success());
        // Rows per document, whatever the order of the documents.
        let mut by_doc: Vec<String> = ["entities.csv", "mentions.csv", "claims.csv"]
            .iter()
            .flat_map(|t| rows(&out, t))
            .map(|r| r.iter().collect::<Vec<_>>().join("\u{1}"))
            .collect();
        by_doc.sort();
        (by_doc, std::fs::read(out.join("claims.csv")).unwrap())
    };
    let forward = [&files[0], &files[1], &files[2]];
    let backward = [&files[2], &files[1], &files[0]];
    let (a, bytes_1) = run("a", &forward, "1");
    let (b, bytes_2) = run("b", &forward, "2");
    let (c, _) = run("c", &backward, "2");
    assert_eq!(bytes_1, bytes_2, "same bytes for 1 and 2 threads");
    assert_eq!(a, b);
    assert_eq!(a, c, "same rows per document in either order");
}
