//! Errors as values that say what went wrong, where, and what to do about it.

use std::path::PathBuf;
use thiserror::Error;

/// A problem in one gazetteer file, at one line.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
#[error("{file}:{line}: {message}")]
pub struct GazetteerError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// A document that could not be read; the batch goes on without it.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
#[error("{source_name}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct InputError {
    /// The file (or `-` for standard input) the document came from.
    pub source_name: String,
    /// 1-based line for JSON-lines input.
    pub line: Option<usize>,
    /// The document id when it is known.
    pub doc_id: Option<String>,
    pub message: String,
}

/// Errors that stop a run before or after the documents are processed.
#[derive(Debug, Error)]
pub enum Error {
    #[error("gazetteer errors:\n{}", .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))]
    Gazetteer(Vec<GazetteerError>),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("input {0} does not exist: pass a .txt file, a folder, a .jsonl file or '-'")]
    MissingInput(PathBuf),
    #[error("writing {}: {source}", path.display())]
    Csv {
        path: PathBuf,
        #[source]
        source: csv::Error,
    },
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
