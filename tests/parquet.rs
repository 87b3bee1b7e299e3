//! `extract --format parquet`: the Parquet tables, read back with the parquet crate's Arrow
//! reader, hold the CSV tables' rows with their types; the same bytes whatever the thread
//! count; with the review page; committed as a set like the CSV tables.
#![cfg(feature = "parquet")]

use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, Int64Type};
use arrow_array::{Array, RecordBatch};
use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const TABLES: [&str; 4] = ["entities", "mentions", "claims", "errors"];

fn data(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(p)
}

fn inputs() -> Vec<PathBuf> {
    [
        "rungs.txt",
        "styles.txt",
        "unclosed.txt",
        "batch",
        "batch/d.jsonl",
    ]
    .map(data)
    .to_vec()
}

fn extract(inputs: &[PathBuf], out: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .arg("extract")
        .args(inputs)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

/// A CSV table: its header and its rows.
fn csv_table(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect());
    (header, rows.collect())
}

/// A Parquet table as one batch.
fn parquet_table(path: &Path) -> RecordBatch {
    let f = std::fs::File::open(path).unwrap();
    let b = ParquetRecordBatchReaderBuilder::try_new(f).unwrap();
    let schema = b.schema().clone();
    let mut batches = b.with_batch_size(1 << 20).build().unwrap();
    batches
        .next()
        .map(Result::unwrap)
        .unwrap_or_else(|| RecordBatch::new_empty(schema))
}

/// Row `i` of a column as CSV writes it: lists `|`-joined, confidence with two decimals,
/// null empty.
fn as_csv(column: &dyn Array, i: usize) -> String {
    if column.is_null(i) {
        return String::new();
    }
    match column.data_type() {
        DataType::Utf8 => column.as_string::<i32>().value(i).to_string(),
        DataType::Int64 => column.as_primitive::<Int64Type>().value(i).to_string(),
        DataType::Float64 => format!("{:.2}", column.as_primitive::<Float64Type>().value(i)),
        DataType::List(_) => {
            let items = column.as_list::<i32>().value(i);
            let items = items.as_string::<i32>();
            let parts: Vec<&str> = items.iter().map(|s| s.unwrap()).collect();
            parts.join("|")
        }
        other => panic!("unexpected column type {other}"),
    }
}

/// The type a column must have, and whether it may be null.
fn column_type(name: &str) -> (DataType, bool) {
    match name {
        "mentions" | "claim_id" | "start" | "end" => (DataType::Int64, false),
        "speaker_start" | "speaker_end" | "cue_start" | "cue_end" | "line" => {
            (DataType::Int64, true)
        }
        "wikidata" => (DataType::Utf8, true),
        "confidence" => (DataType::Float64, false),
        "aliases" | "roles" => (
            DataType::List(arrow_schema::Field::new_list_field(DataType::Utf8, false).into()),
            false,
        ),
        _ => (DataType::Utf8, false),
    }
}

/// Every Parquet table has the CSV table's columns, typed (offsets int64), and the same
/// rows, field for field.
#[test]
fn parquet_tables_are_typed_and_match_csv() {
    let dir = tempfile::tempdir().unwrap();
    let (csv_dir, pq_dir) = (dir.path().join("csv"), dir.path().join("pq"));
    assert_eq!(extract(&inputs(), &csv_dir, &["-q"]).status.code(), Some(1));
    let o = extract(&inputs(), &pq_dir, &["-q", "--format", "parquet"]);
    assert_eq!(o.status.code(), Some(1), "some inputs are bad");
    assert!(!pq_dir.join("claims.csv").exists());
    let (mut nulls, mut list_items) = (0, 0);
    for t in TABLES {
        let (header, rows) = csv_table(&csv_dir.join(format!("{t}.csv")));
        let batch = parquet_table(&pq_dir.join(format!("{t}.parquet")));
        let schema = batch.schema();
        let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
        assert_eq!(names, header, "{t}: the CSV columns, in order");
        for f in schema.fields() {
            let (want, nullable) = column_type(f.name());
            assert_eq!(
                (f.data_type(), f.is_nullable()),
                (&want, nullable),
                "{t}.{f}"
            );
        }
        assert!(!rows.is_empty(), "{t}: the data fill every table");
        assert_eq!(batch.num_rows(), rows.len(), "{t}");
        for (i, row) in rows.iter().enumerate() {
            let got: Vec<String> = batch.columns().iter().map(|c| as_csv(c, i)).collect();
            assert_eq!(&got, row, "{t} row {i}");
        }
        for c in batch.columns() {
            nulls += c.null_count();
            if let DataType::List(_) = c.data_type() {
                list_items += c.as_list::<i32>().values().len();
            }
        }
    }
    assert!(
        nulls > 0 && list_items > 0,
        "the data exercise nulls and lists"
    );
}

#[test]
fn parquet_same_bytes_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let (d1, d2) = (dir.path().join("t1"), dir.path().join("t2"));
    extract(
        &inputs(),
        &d1,
        &["-q", "--format", "parquet", "--threads", "1"],
    );
    extract(
        &inputs(),
        &d2,
        &["-q", "--format", "parquet", "--threads", "2"],
    );
    for t in TABLES {
        let name = format!("{t}.parquet");
        let one = std::fs::read(d1.join(&name)).unwrap();
        assert_eq!(one, std::fs::read(d2.join(&name)).unwrap(), "{name}");
    }
}

/// With --html the page is written beside the Parquet tables; a run without errors still
/// writes an errors table, empty, with its columns.
#[test]
fn parquet_with_the_review_page_and_an_empty_errors_table() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = extract(
        &[data("rungs.txt")],
        &out,
        &["-q", "--format", "parquet", "--html"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        std::fs::read_to_string(out.join("report.html"))
            .unwrap()
            .contains("<html")
    );
    assert!(parquet_table(&out.join("claims.parquet")).num_rows() > 0);
    let errors = parquet_table(&out.join("errors.parquet"));
    assert_eq!(errors.num_rows(), 0);
    assert_eq!(errors.num_columns(), 5);
}

/// A run that cannot commit one table leaves every previous table as it was.
#[test]
fn a_failed_parquet_commit_leaves_the_previous_tables() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    for t in ["entities", "mentions", "errors"] {
        std::fs::write(out.join(format!("{t}.parquet")), "old").unwrap();
    }
    std::fs::create_dir_all(out.join("claims.parquet/x")).unwrap();
    let o = extract(&[data("rungs.txt")], &out, &["-q", "--format", "parquet"]);
    assert_eq!(o.status.code(), Some(3));
    for t in ["entities", "mentions", "errors"] {
        let name = format!("{t}.parquet");
        assert_eq!(std::fs::read(out.join(&name)).unwrap(), b"old", "{name}");
    }
    let left: Vec<_> = std::fs::read_dir(&out).unwrap().collect();
    assert_eq!(left.len(), 4, "no temporary file is left: {left:?}");
}
