//! Errors as values that say what went wrong, where, and what to do about it.

use std::path::PathBuf;
use thiserror::Error;

/// A problem in one gazetteer file, at one line.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
#[error("{file}:{line}: {message}")]
pub struct GazetteerError {
    /// The file the problem is in.
    pub file: String,
    /// 1-based line of the problem.
    pub line: usize,
    /// What is wrong, and what to do about it.
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
    /// What is wrong, and what to do about it.
    pub message: String,
}

/// Errors that stop a run before or after the documents are processed.
#[derive(Debug, Error)]
pub enum Error {
    /// Reading or writing a file (or standard input or output) failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file, or `<stdout>`.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// An input named on the command line does not exist.
    #[error("input {0} does not exist: pass a .txt file, a folder, a .jsonl file or '-'")]
    MissingInput(PathBuf),
    /// The inputs hold no document: empty folders, or only files of other kinds.
    #[error("no documents in the inputs{}: whosaid reads .txt, .jsonl and .ndjson files (also .gz or .zst)", match (.skipped, .example) {
        (0, _) | (_, None) => String::new(),
        (n, Some(p)) => format!(" ({n} other files skipped, such as {})", p.display()),
    })]
    NoDocuments {
        /// Files of other kinds found in the folders.
        skipped: usize,
        /// One of them.
        example: Option<PathBuf>,
    },
    /// `--out` names something that is not a folder.
    #[error("--out {0} is not a folder: give a folder for the tables (it is created if missing)")]
    OutNotFolder(PathBuf),
    /// The run was cancelled (a signal): no table was written or replaced.
    #[error("interrupted: no output was written; earlier tables are left as they were")]
    Interrupted,
}

impl Error {
    /// The process exit status this error calls for: 2 for a usage error (an input or
    /// output that cannot be used), 130 when interrupted, 3 for a run that failed.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::MissingInput(_) | Error::NoDocuments { .. } | Error::OutNotFolder(_) => 2,
            Error::Interrupted => 130,
            Error::Io { .. } => 3,
        }
    }
}

impl Error {
    /// An [`Error::Io`] on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
