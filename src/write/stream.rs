//! The stream format: one JSON line per document on standard output.

use super::{Format, Outcome, Writer, error_row, rows};
use crate::error::Error;
use std::io::{BufWriter, Stdout, Write};

/// One JSON line per document on standard output, in input order:
/// `{"id", "entities", "mentions", "claims", "warnings"}`, or `{"id", "error"}` for a
/// document that could not be read. Made to run under Spark's `RDD.pipe`, Hadoop
/// Streaming, `xargs` or GNU parallel.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stream;

impl Format for Stream {
    /// The document's line, newline included.
    type Rendered = Vec<u8>;

    fn render(&self, outcome: &Outcome) -> Vec<u8> {
        let mut line = match outcome {
            Ok((doc, ex)) => serde_json::to_vec(&rows(doc, ex, &doc.source)),
            Err(e) => {
                serde_json::to_vec(&serde_json::json!({"id": e.doc_id, "error": error_row(e)}))
            }
        }
        .expect("a record serialises");
        line.push(b'\n');
        line
    }

    fn open(&self) -> Result<Box<dyn Writer<Vec<u8>>>, Error> {
        Ok(Box::new(StdoutWriter(BufWriter::with_capacity(
            1 << 16,
            std::io::stdout(),
        ))))
    }
}

/// Standard output, buffered; flushed by `finish`.
struct StdoutWriter(BufWriter<Stdout>);

fn stdout_error(e: std::io::Error) -> Error {
    Error::io("<stdout>", e)
}

impl Writer<Vec<u8>> for StdoutWriter {
    fn write(&mut self, line: &Vec<u8>) -> Result<(), Error> {
        self.0.write_all(line).map_err(stdout_error)
    }

    fn finish(mut self: Box<Self>) -> Result<(), Error> {
        self.0.flush().map_err(stdout_error)
    }
}
