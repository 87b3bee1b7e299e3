//! Stage 9: write the output. A [`Format`] renders each document's outcome to bytes on the
//! worker threads and opens the [`Writer`] that, on one thread, appends those bytes in
//! input order. The run never knows which format it writes: adding a format is adding one
//! `Format` (and usually one `Writer`).
//!
//! The formats: [`CsvTables`], [`JsonLinesTables`] and [`ParquetTables`] (four tables in a
//! folder, each written under a temporary name and renamed when complete, so an interrupted
//! run never leaves a half-written table) and [`Stream`] (one JSON line per document on standard
//! output). [`HtmlReport`] is the review page (`report.html`), and [`Both`] writes two
//! formats in one run (the tables and the page).

mod csv_rows;
mod html;
#[cfg(feature = "parquet")]
mod parquet;
mod rows;
mod stream;
mod tables;

#[cfg(feature = "parquet")]
pub use self::parquet::{BATCH_ROWS, Columns, ParquetTables, ROW_GROUP_ROWS};
pub use html::HtmlReport;
pub use rows::{ClaimRow, DocRows, EntityRow, ErrorRow, MentionRow, error_row, rows};
pub use stream::Stream;
pub use tables::{CsvTables, JsonLinesTables, Rendered};

use crate::error::{Error, InputError};
use crate::types::{Document, Extraction};

/// One document's outcome: its text and what was extracted from it, or why it could not
/// be read or extracted.
pub type Outcome = Result<(Document, Extraction), InputError>;

/// An output format: how one document's outcome becomes output, and where it goes.
///
/// [`render`](Format::render) runs on the worker threads, in parallel and out of order, so
/// it should do all the formatting work; the [`Writer`] from [`open`](Format::open) runs on
/// one thread and receives the rendered documents in input order.
pub trait Format: Sync {
    /// One document, rendered: what the worker threads hand to the writer.
    type Rendered: Send;

    /// Renders one document's outcome (its rows, or its error row).
    fn render(&self, outcome: &Outcome) -> Self::Rendered;

    /// Opens the destination, before the first document is rendered.
    fn open(&self) -> Result<Box<dyn Writer<Self::Rendered>>, Error>;
}

/// Where a [`Format`]'s rendered documents go, one after another in input order.
pub trait Writer<R>: Send {
    /// Appends one rendered document.
    fn write(&mut self, doc: &R) -> Result<(), Error>;

    /// Writes out and syncs what is buffered, before any output of the run is committed:
    /// what can fail for lack of space fails here, while earlier outputs still stand.
    fn prepare(&mut self) -> Result<(), Error> {
        Ok(())
    }

    /// Completes the output once every document is written (after `prepare`). A writer
    /// dropped without `finish` (the run failed) leaves no partial table behind where it can.
    fn finish(self: Box<Self>) -> Result<(), Error>;
}

/// A temporary file in `dir` for output renamed into place when complete, named
/// `.whosaid-<pid>-…` so that a later run can tell the leftovers of a killed one. Readable
/// by others like any file the user writes (`0644` before the umask), not `0600` as
/// temporary files are made: the tables and the page are for sharing.
pub(crate) fn output_file(dir: &std::path::Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut b = tempfile::Builder::new();
    let prefix = format!("{TEMP_PREFIX}{}-", std::process::id());
    b.prefix(&prefix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let f = b.tempfile_in(dir)?;
    TEMPS
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(f.path().to_path_buf());
    Ok(f)
}

/// How every temporary output file's name starts.
const TEMP_PREFIX: &str = ".whosaid-";

/// The temporary files of this process, for [`remove_temporary_files`].
static TEMPS: std::sync::Mutex<Vec<std::path::PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Removes every temporary output file this process made and has not committed: for a
/// signal handler that must exit before the run unwinds. Safe to call at any time.
pub fn remove_temporary_files() {
    let temps = TEMPS.lock().unwrap_or_else(|e| e.into_inner());
    for p in temps.iter() {
        let _ = std::fs::remove_file(p);
    }
}

/// Removes the temporary files that runs which no longer exist (killed, or the machine
/// stopped) left in `dir`, and puts back a table such a run had moved aside and not
/// replaced. Files of live runs are left alone.
pub(crate) fn clean_stale(dir: &std::path::Path) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in rd.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(TEMP_PREFIX) else {
            continue;
        };
        let Some((pid, tail)) = rest.split_once('-') else {
            continue;
        };
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        if pid == std::process::id() || alive(pid) {
            continue;
        }
        let path = entry.path();
        match tail.strip_prefix("old-") {
            Some(table) if !dir.join(table).exists() => {
                let _ = std::fs::rename(&path, dir.join(table));
            }
            _ => {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
}

/// Whether process `pid` still runs (Linux and other systems with `/proc`; elsewhere a
/// file is assumed to belong to a live run, and is left).
fn alive(pid: u32) -> bool {
    let proc = std::path::Path::new("/proc");
    !proc.is_dir() || proc.join(pid.to_string()).exists()
}

/// Two formats from one run: each document rendered by both, each writer finished in turn
/// (`extract --html` writes the tables and the review page).
pub struct Both<A, B>(pub A, pub B);

impl<A: Format, B: Format> Format for Both<A, B>
where
    A::Rendered: 'static,
    B::Rendered: 'static,
{
    type Rendered = (A::Rendered, B::Rendered);

    fn render(&self, outcome: &Outcome) -> Self::Rendered {
        (self.0.render(outcome), self.1.render(outcome))
    }

    fn open(&self) -> Result<Box<dyn Writer<Self::Rendered>>, Error> {
        Ok(Box::new(BothWriter(self.0.open()?, self.1.open()?)))
    }
}

struct BothWriter<RA, RB>(Box<dyn Writer<RA>>, Box<dyn Writer<RB>>);

impl<RA: 'static, RB: 'static> Writer<(RA, RB)> for BothWriter<RA, RB> {
    fn write(&mut self, doc: &(RA, RB)) -> Result<(), Error> {
        self.0.write(&doc.0)?;
        self.1.write(&doc.1)
    }

    fn prepare(&mut self) -> Result<(), Error> {
        self.0.prepare()?;
        self.1.prepare()
    }

    fn finish(mut self: Box<Self>) -> Result<(), Error> {
        self.prepare()?;
        self.0.finish()?;
        self.1.finish()
    }
}
