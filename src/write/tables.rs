//! The table formats: entities, mentions, claims and errors as four CSV or JSON-lines
//! files in one folder.

use super::csv_rows::{CsvRow, Out};
use super::{Format, Outcome, Writer, error_row, rows};
use crate::error::Error;
use serde::Serialize;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// One document's rows, already formatted: the bytes to append to each table (entities,
/// mentions, claims, errors). Rendering runs on the worker threads, so the writer thread
/// only copies bytes, in input order.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The bytes for each table, in the order entities, mentions, claims, errors.
    pub tables: [Vec<u8>; 4],
}

/// CSV tables (`entities.csv`, `mentions.csv`, `claims.csv`, `errors.csv`, each with a
/// header line) in a folder, created if missing.
#[derive(Debug, Clone)]
pub struct CsvTables {
    /// The output folder.
    pub dir: PathBuf,
}

/// JSON-lines tables (`entities.jsonl`, ...; one object a row, no header) in a folder,
/// created if missing.
#[derive(Debug, Clone)]
pub struct JsonLinesTables {
    /// The output folder.
    pub dir: PathBuf,
}

impl Format for CsvTables {
    type Rendered = Rendered;

    fn render(&self, outcome: &Outcome) -> Rendered {
        render(outcome, Syntax::Csv)
    }

    fn open(&self) -> Result<Box<dyn Writer<Rendered>>, Error> {
        Ok(Box::new(TableWriter::create(&self.dir, "csv", true)?))
    }
}

impl Format for JsonLinesTables {
    type Rendered = Rendered;

    fn render(&self, outcome: &Outcome) -> Rendered {
        render(outcome, Syntax::JsonLines)
    }

    fn open(&self) -> Result<Box<dyn Writer<Rendered>>, Error> {
        Ok(Box::new(TableWriter::create(&self.dir, "jsonl", false)?))
    }
}

/// How rows are written into a table.
#[derive(Clone, Copy)]
enum Syntax {
    Csv,
    JsonLines,
}

/// A document's rows for the four tables, or its error row.
fn render(outcome: &Outcome, syntax: Syntax) -> Rendered {
    let mut r = Rendered::default();
    match outcome {
        Ok((doc, ex)) => {
            let rows = rows(doc, ex, &doc.source);
            push_rows(&mut r.tables[0], &rows.entities, syntax);
            push_rows(&mut r.tables[1], &rows.mentions, syntax);
            push_rows(&mut r.tables[2], &rows.claims, syntax);
            push_rows(&mut r.tables[3], &rows.warnings, syntax);
        }
        Err(e) => push_rows(&mut r.tables[3], &[error_row(e)], syntax),
    }
    r
}

fn push_rows<T: Serialize + CsvRow>(out: &mut Vec<u8>, rows: &[T], syntax: Syntax) {
    if rows.is_empty() {
        return;
    }
    match syntax {
        Syntax::Csv => {
            for r in rows {
                r.write_csv(Out::new(out));
            }
        }
        Syntax::JsonLines => {
            for r in rows {
                serde_json::to_writer(&mut *out, r).expect("JSON row serialises");
                out.push(b'\n');
            }
        }
    }
}

/// The tables, in the order of [`Rendered::tables`]: each format writes `<name>.<ext>`.
pub(super) const NAMES: [&str; 4] = ["entities", "mentions", "claims", "errors"];

/// The columns of each table, in order: the output contract, shared by every format.
#[rustfmt::skip]
pub(super) const HEADERS: [&[&str]; 4] = [
    &["doc_id", "entity_id", "name", "type", "mentions", "aliases", "roles", "wikidata"],
    &["doc_id", "entity_id", "start", "end", "text", "type", "source"],
    &["doc_id", "claim_id", "kind", "speaker", "speaker_id", "speaker_type", "speaker_role", "cue",
      "start", "end", "text", "rule", "confidence", "speaker_mention", "speaker_start",
      "speaker_end", "cue_start", "cue_end"],
    &["doc_id", "source", "line", "level", "message"],
];

/// The four tables of a run, each written to a temporary file in the output folder and
/// renamed into place by `finish`; dropped unfinished, the temporary files go away.
struct TableWriter {
    outs: Vec<(BufWriter<NamedTempFile>, PathBuf)>,
}

impl TableWriter {
    /// Creates `dir` if needed and the four temporary files in it, for tables named
    /// `<table>.<ext>`; with `headers`, each starts with its CSV header line.
    fn create(dir: &Path, ext: &str, headers: bool) -> Result<TableWriter, Error> {
        out_folder(dir)?;
        let mut outs = Vec::with_capacity(4);
        for (name, header) in NAMES.iter().zip(HEADERS) {
            let path = dir.join(format!("{name}.{ext}"));
            let tmp = super::output_file(dir).map_err(|e| Error::io(dir, e))?;
            let mut buf = BufWriter::with_capacity(1 << 17, tmp);
            if headers {
                writeln!(buf, "{}", header.join(",")).map_err(|e| Error::io(&path, e))?;
            }
            outs.push((buf, path));
        }
        Ok(TableWriter { outs })
    }
}

impl Writer<Rendered> for TableWriter {
    fn write(&mut self, doc: &Rendered) -> Result<(), Error> {
        for ((w, path), bytes) in self.outs.iter_mut().zip(&doc.tables) {
            w.write_all(bytes).map_err(|e| Error::io(&*path, e))?;
        }
        Ok(())
    }

    fn prepare(&mut self) -> Result<(), Error> {
        for (w, path) in &mut self.outs {
            w.flush().map_err(|e| Error::io(&*path, e))?;
            w.get_ref()
                .as_file()
                .sync_all()
                .map_err(|e| Error::io(&*path, e))?;
        }
        Ok(())
    }

    /// Commits the four tables as a set: the old ones are moved aside, the new ones put in
    /// place, and if any step fails the old set is put back.
    fn finish(mut self: Box<Self>) -> Result<(), Error> {
        self.prepare()?;
        let mut temps = Vec::with_capacity(self.outs.len());
        for (w, path) in self.outs {
            let tmp = w
                .into_inner()
                .map_err(|e| Error::io(&path, e.into_error()))?;
            temps.push((tmp, path));
        }
        commit_set(temps)
    }
}

/// Puts every temporary file in place of its table, all or none (any table format's set).
pub(super) fn commit_set(temps: Vec<(NamedTempFile, PathBuf)>) -> Result<(), Error> {
    let pid = std::process::id();
    // Old tables aside, under names a later run recognises (`.whosaid-<pid>-old-<table>`).
    let mut aside: Vec<(PathBuf, PathBuf)> = Vec::new();
    let restore = |aside: &[(PathBuf, PathBuf)]| {
        for (old, path) in aside.iter().rev() {
            let _ = fs::rename(old, path);
        }
    };
    // A folder in a table's place is the user's: refuse before anything moves.
    if let Some((_, path)) = temps.iter().find(|(_, p)| p.is_dir()) {
        return Err(Error::io(
            path,
            std::io::Error::other("a folder has the table's name; move it away"),
        ));
    }
    for (_, path) in &temps {
        if path.exists() {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let old =
                path.with_file_name(format!(".whosaid-{pid}-old-{}", name.unwrap_or_default()));
            if let Err(e) = fs::rename(path, &old) {
                restore(&aside);
                return Err(Error::io(path, e));
            }
            aside.push((old, path.clone()));
        }
    }
    let mut placed: Vec<PathBuf> = Vec::new();
    for (tmp, path) in temps {
        if let Err(e) = tmp.persist(&path) {
            for p in &placed {
                let _ = fs::remove_file(p);
            }
            restore(&aside);
            return Err(Error::io(&path, e.error));
        }
        placed.push(path);
    }
    for (old, _) in &aside {
        let _ = fs::remove_file(old);
    }
    Ok(())
}

/// Makes `dir` ready for output: created if missing, refused if it is a file, cleared of
/// what killed runs left there.
pub(super) fn out_folder(dir: &Path) -> Result<(), Error> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::OutNotFolder(dir.to_path_buf()));
    }
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    super::clean_stale(dir);
    Ok(())
}
