//! Stage 9: write the output. A [`Format`] renders each document's outcome to bytes on the
//! worker threads and opens the [`Writer`] that, on one thread, appends those bytes in
//! input order. The run never knows which format it writes: adding a format is adding one
//! `Format` (and usually one `Writer`).
//!
//! The formats: [`CsvTables`] and [`JsonLinesTables`] (four tables in a folder, each
//! written under a temporary name and renamed when complete, so an interrupted run never
//! leaves a half-written table) and [`Stream`] (one JSON line per document on standard
//! output).

mod rows;
mod stream;
mod tables;

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
