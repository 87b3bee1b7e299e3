//! Stage 9: write the output. A [`Format`] renders each document's outcome to bytes on the
//! worker threads and opens the [`Writer`] that, on one thread, appends those bytes in
//! input order. The run never knows which format it writes: adding a format is adding one
//! `Format` (and usually one `Writer`).
//!
//! The formats: [`CsvTables`] and [`JsonLinesTables`] (four tables in a folder, each
//! written under a temporary name and renamed when complete, so an interrupted run never
//! leaves a half-written table) and [`Stream`] (one JSON line per document on standard
//! output). [`HtmlReport`] is the review page (`report.html`), and [`Both`] writes two
//! formats in one run (the tables and the page).

mod html;
mod rows;
mod stream;
mod tables;

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

    /// Completes the output once every document is written. A writer dropped without
    /// `finish` (the run failed) leaves no partial table behind where it can.
    fn finish(self: Box<Self>) -> Result<(), Error>;
}

/// A temporary file in `dir` for output renamed into place when complete. Readable by
/// others like any file the user writes (`0644` before the umask), not `0600` as
/// temporary files are made: the tables and the page are for sharing.
pub(crate) fn output_file(dir: &std::path::Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut b = tempfile::Builder::new();
    b.prefix(".whosaid-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(std::fs::Permissions::from_mode(0o644));
    }
    b.tempfile_in(dir)
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

    fn finish(self: Box<Self>) -> Result<(), Error> {
        self.0.finish()?;
        self.1.finish()
    }
}
