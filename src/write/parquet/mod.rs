//! The Parquet format: the four tables as `entities.parquet`, `mentions.parquet`,
//! `claims.parquet` and `errors.parquet`, with the CSV tables' columns and names, typed:
//! strings (empty where CSV is empty, except the entities' `wikidata`, null where CSV
//! leaves it empty), int64 counts and offsets (null where CSV leaves an optional one
//! empty), float64 confidence, `list<string>` aliases and roles.
//!
//! The worker threads render each document's rows into owned column values ([`Columns`]);
//! the writer thread appends them to Arrow builders and hands the Parquet writer a batch
//! every [`BATCH_ROWS`] rows of a table, which it encodes into a row group cut every
//! [`ROW_GROUP_ROWS`] rows, so memory stays bounded however large the input. The files are written under temporary names and committed as a
//! set, like the CSV tables.

mod columns;

pub use columns::Columns;

use super::tables::{NAMES, commit_set, out_folder};
use super::{Format, Outcome, Writer};
use crate::error::Error;
use ::parquet::arrow::ArrowWriter;
use ::parquet::basic::Compression;
use ::parquet::errors::ParquetError;
use ::parquet::file::properties::WriterProperties;
use arrow_array::RecordBatch;
use arrow_schema::SchemaRef;
use columns::{Builder, Cols, KINDS, render, schema};
use std::fs::File;
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// Rows of a table per row group (the last one of a table holds the rest).
pub const ROW_GROUP_ROWS: usize = 64 * 1024;

/// Rows of a table the writer holds in Arrow builders before it hands them to the Parquet
/// writer, which keeps its row group encoded until complete: handing on a row group's rows
/// in smaller batches saves holding them twice (on PolNeAR x80, peak memory 187 MB with
/// 64Ki-row batches, 136-150 MB with these; CSV 100 MB).
pub const BATCH_ROWS: usize = 4 * 1024;

/// Parquet tables (`entities.parquet`, ...) in a folder, created if missing.
#[derive(Debug, Clone)]
pub struct ParquetTables {
    /// The output folder.
    pub dir: PathBuf,
}

impl Format for ParquetTables {
    type Rendered = Columns;

    fn render(&self, outcome: &Outcome) -> Columns {
        render(outcome)
    }

    fn open(&self) -> Result<Box<dyn Writer<Columns>>, Error> {
        Ok(Box::new(ParquetWriter::create(&self.dir, ROW_GROUP_ROWS)?))
    }
}

/// One table being written: the rows not yet handed on, in builders, and the Parquet
/// writer on a handle of the temporary file (`None` once the file is complete).
struct TableOut {
    path: PathBuf,
    tmp: NamedTempFile,
    writer: Option<ArrowWriter<File>>,
    schema: SchemaRef,
    builders: Vec<Builder>,
    rows: usize,
    /// Rows per batch: [`BATCH_ROWS`], or fewer with smaller row groups.
    batch_rows: usize,
}

impl TableOut {
    fn create(dir: &Path, t: usize, group_rows: usize) -> Result<TableOut, Error> {
        let path = dir.join(format!("{}.parquet", NAMES[t]));
        let tmp = super::output_file(dir).map_err(|e| Error::io(dir, e))?;
        let file = tmp.as_file().try_clone().map_err(|e| Error::io(&path, e))?;
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(group_rows))
            .build();
        let schema = schema(t);
        let writer = ArrowWriter::try_new(file, schema.clone(), Some(props))
            .map_err(|e| Error::io(&path, io_error(e)))?;
        Ok(TableOut {
            path,
            tmp,
            writer: Some(writer),
            schema,
            builders: KINDS[t].iter().map(|&k| Builder::new(k)).collect(),
            rows: 0,
            batch_rows: group_rows.min(BATCH_ROWS),
        })
    }

    fn append(&mut self, cols: &Cols) -> Result<(), Error> {
        self.rows += cols.append_to(&mut self.builders);
        if self.rows >= self.batch_rows {
            self.hand_on()?;
        }
        Ok(())
    }

    /// Hands the buffered rows on to the Parquet writer as one batch.
    fn hand_on(&mut self) -> Result<(), Error> {
        let Some(w) = self.writer.as_mut() else {
            return Ok(());
        };
        if self.rows > 0 {
            let arrays = self.builders.iter_mut().map(Builder::finish).collect();
            let batch = RecordBatch::try_new(self.schema.clone(), arrays)
                .map_err(|e| Error::io(&self.path, std::io::Error::other(e)))?;
            w.write(&batch)
                .map_err(|e| Error::io(&self.path, io_error(e)))?;
            self.rows = 0;
        }
        Ok(())
    }

    /// Writes the last rows and the footer, and syncs the file.
    fn complete(&mut self) -> Result<(), Error> {
        self.hand_on()?;
        if let Some(mut w) = self.writer.take() {
            w.finish().map_err(|e| Error::io(&self.path, io_error(e)))?;
            drop(w);
            let synced = self.tmp.as_file().sync_all();
            synced.map_err(|e| Error::io(&self.path, e))?;
        }
        Ok(())
    }
}

/// A Parquet error as an I/O error, keeping the operating system's when there is one (a
/// full disk).
fn io_error(e: ParquetError) -> std::io::Error {
    match e {
        ParquetError::External(e) => match e.downcast::<std::io::Error>() {
            Ok(io) => *io,
            Err(e) => std::io::Error::other(e),
        },
        e => std::io::Error::other(e),
    }
}

/// The four Parquet tables of a run, committed as a set by `finish`; dropped unfinished,
/// the temporary files go away.
struct ParquetWriter {
    tables: Vec<TableOut>,
}

impl ParquetWriter {
    /// Creates `dir` if needed and the four tables' temporary files in it, with a row group
    /// every `group_rows` rows.
    fn create(dir: &Path, group_rows: usize) -> Result<ParquetWriter, Error> {
        out_folder(dir)?;
        let tables = (0..NAMES.len())
            .map(|t| TableOut::create(dir, t, group_rows))
            .collect::<Result<_, _>>()?;
        Ok(ParquetWriter { tables })
    }
}

impl Writer<Columns> for ParquetWriter {
    fn write(&mut self, doc: &Columns) -> Result<(), Error> {
        for (t, cols) in self.tables.iter_mut().zip(&doc.tables) {
            t.append(cols)?;
        }
        Ok(())
    }

    fn prepare(&mut self) -> Result<(), Error> {
        self.tables.iter_mut().try_for_each(TableOut::complete)
    }

    fn finish(mut self: Box<Self>) -> Result<(), Error> {
        self.prepare()?;
        commit_set(self.tables.into_iter().map(|t| (t.tmp, t.path)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Document, Gazetteers, InputError, Options, Pipeline};
    use ::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use arrow_array::cast::AsArray;
    use arrow_array::types::Int64Type;

    /// A table read back: its row-group sizes, and its rows in one batch.
    fn read(dir: &Path, table: &str) -> (Vec<i64>, RecordBatch) {
        let f = File::open(dir.join(format!("{table}.parquet"))).unwrap();
        let b = ParquetRecordBatchReaderBuilder::try_new(f).unwrap();
        let groups = b.metadata().row_groups().iter().map(|g| g.num_rows());
        let groups = groups.collect();
        let mut batches = b.with_batch_size(1 << 20).build().unwrap();
        (groups, batches.next().unwrap().unwrap())
    }

    fn strings(b: &RecordBatch, column: &str) -> Vec<String> {
        let a = b.column_by_name(column).unwrap().as_string::<i32>();
        a.iter().map(|s| s.unwrap().to_string()).collect()
    }

    /// With a row group every 3 rows, each table is written in several row groups of 3
    /// (the last one shorter), and reads back row for row, nulls and lists included.
    #[test]
    fn tables_stream_in_row_groups() {
        let pipeline = Pipeline::new(Gazetteers::builtin(), Options::default());
        let dir = tempfile::tempdir().unwrap();
        let mut w = Box::new(ParquetWriter::create(dir.path(), 3).unwrap());
        let (mut claims, mut lines) = (Vec::new(), Vec::new());
        for i in 0..7 {
            let text = format!("\u{201c}We won {i},\u{201d} said Mayor Ada Brook. Brook left.");
            let doc = Document::new(format!("d{i}"), text);
            let ex = pipeline.extract(&doc);
            for c in &ex.claims {
                claims.push(format!("{}:{}", doc.id, c.content.of(&doc.text)));
            }
            w.write(&render(&Ok((doc, ex)))).unwrap();
            let line = (i % 2 == 0).then_some(i + 1);
            lines.push(line.map(|l| l as i64));
            let bad = InputError {
                source_name: "in.jsonl".into(),
                line,
                doc_id: None,
                message: "not valid JSON".into(),
            };
            w.write(&render(&Err(bad))).unwrap();
        }
        w.finish().unwrap();

        let (groups, errors) = read(dir.path(), "errors");
        assert_eq!(groups, [3, 3, 1]);
        let got: Vec<Option<i64>> = errors["line"].as_primitive::<Int64Type>().iter().collect();
        assert_eq!(got, lines);
        assert!(strings(&errors, "doc_id").iter().all(String::is_empty));

        let (groups, batch) = read(dir.path(), "claims");
        assert!(claims.len() >= 7, "{claims:?}");
        assert!(groups.len() > 2 && groups[..groups.len() - 1].iter().all(|&n| n == 3));
        let ids = strings(&batch, "doc_id");
        let texts = strings(&batch, "text");
        let got: Vec<String> = ids
            .iter()
            .zip(&texts)
            .map(|(d, t)| format!("{d}:{t}"))
            .collect();
        assert_eq!(got, claims);

        let (groups, entities) = read(dir.path(), "entities");
        assert!(groups.len() > 2, "{groups:?}");
        let roles = entities["roles"].as_list::<i32>();
        let first = roles.value(0);
        assert_eq!(first.as_string::<i32>().value(0), "Mayor");
        let n = entities["mentions"].as_primitive::<Int64Type>();
        assert!(n.values().iter().all(|&m| m >= 2), "{n:?}");
    }

    /// A table without rows is still a Parquet file, with its columns.
    #[test]
    fn empty_tables_have_their_schema() {
        let dir = tempfile::tempdir().unwrap();
        Box::new(ParquetWriter::create(dir.path(), ROW_GROUP_ROWS).unwrap())
            .finish()
            .unwrap();
        for (t, name) in NAMES.iter().enumerate() {
            let f = File::open(dir.path().join(format!("{name}.parquet"))).unwrap();
            let b = ParquetRecordBatchReaderBuilder::try_new(f).unwrap();
            assert_eq!(b.metadata().file_metadata().num_rows(), 0);
            assert_eq!(b.schema(), &schema(t));
        }
    }
}
