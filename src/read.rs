//! Stage 2: read documents. Inputs are `.txt` files, folders (every `.txt` below, in sorted
//! path order), `.jsonl` files (`{"id": ..., "text": ...}` a line) and `-` (JSON lines on
//! standard input). Documents stream out one at a time; a bad one becomes an `InputError`
//! and the rest go on.

use crate::error::{Error, InputError};
use crate::types::Document;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One input source after expansion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A text file: one document, its id the file stem.
    Text(PathBuf),
    /// A `.jsonl` or `.ndjson` file: one document a line.
    JsonLines(PathBuf),
    /// JSON lines on standard input (the input `-`).
    Stdin,
}

/// Expands the command-line inputs into sources, in order. Folders are walked
/// recursively and their `.txt` files sorted by path.
pub fn sources(inputs: &[PathBuf]) -> Result<Vec<Source>, Error> {
    let mut out = Vec::new();
    for p in inputs {
        if p.as_os_str() == "-" {
            out.push(Source::Stdin);
        } else if p.is_dir() {
            let mut files = Vec::new();
            walk(p, &mut files)?;
            files.sort();
            out.extend(files.into_iter().map(Source::Text));
        } else if p.is_file() {
            if p.extension().is_some_and(|e| e == "jsonl" || e == "ndjson") {
                out.push(Source::JsonLines(p.clone()));
            } else {
                out.push(Source::Text(p.clone()));
            }
        } else {
            return Err(Error::MissingInput(p.clone()));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Error> {
    let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in rd {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "txt") {
            out.push(path);
        }
    }
    Ok(())
}

/// A document not yet parsed: a JSON line is parsed where it is extracted (on a worker
/// thread), so the reading thread only splits lines.
#[derive(Debug)]
pub enum Pending {
    /// A text file already read, or an error that needs no parsing (cannot open, cannot read).
    Ready(Result<Document, InputError>),
    /// A non-blank JSON line, to be parsed by [`Pending::resolve`].
    Line(RawLine),
}

/// One line of a JSON-lines source, unparsed.
#[derive(Debug)]
pub struct RawLine {
    name: Arc<str>,
    stem: Arc<str>,
    line: usize,
    bytes: Vec<u8>,
}

impl Pending {
    /// The document, or why it cannot be read.
    pub fn resolve(self) -> Result<Document, InputError> {
        match self {
            Pending::Ready(r) => r,
            Pending::Line(l) => l.parse(),
        }
    }

    /// Bytes this item holds (for batching).
    pub fn len(&self) -> usize {
        match self {
            Pending::Ready(Ok(d)) => d.text.len(),
            Pending::Ready(Err(_)) => 0,
            Pending::Line(l) => l.bytes.len(),
        }
    }

    /// True when [`Pending::len`] is 0 (an error holds no bytes).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Reads every source in order, yielding documents (or per-document errors) to resolve.
pub fn documents(sources: Vec<Source>) -> impl Iterator<Item = Pending> + Send {
    sources
        .into_iter()
        .flat_map(|s| -> Box<dyn Iterator<Item = Pending> + Send> {
            match s {
                Source::Text(p) => Box::new(std::iter::once(Pending::Ready(read_text(&p)))),
                Source::JsonLines(p) => match File::open(&p) {
                    Ok(f) => Box::new(JsonLines::new(
                        p.display().to_string(),
                        stem(&p),
                        BufReader::new(f),
                    )),
                    Err(e) => Box::new(std::iter::once(Pending::Ready(Err(InputError {
                        source_name: p.display().to_string(),
                        line: None,
                        doc_id: None,
                        message: format!("cannot open: {e}"),
                    })))),
                },
                Source::Stdin => Box::new(JsonLines::new(
                    "-".into(),
                    "stdin".into(),
                    BufReader::new(io::stdin()),
                )),
            }
        })
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The 1-based line of byte offset `at`.
fn line_of(bytes: &[u8], at: usize) -> usize {
    1 + memchr::memchr_iter(b'\n', &bytes[..at]).count()
}

fn read_text(p: &Path) -> Result<Document, InputError> {
    let mut bytes = Vec::new();
    File::open(p)
        .and_then(|mut f| f.read_to_end(&mut bytes))
        .map_err(|e| InputError {
            source_name: p.display().to_string(),
            line: None,
            doc_id: Some(stem(p)),
            message: format!("cannot read: {e}"),
        })?;
    text_document(&p.display().to_string(), stem(p), bytes)
}

/// A text file's bytes as the document a `.txt` input gives: `name` is the source as
/// errors and `Document::source` give it, `id` the document id (a file's stem). Errors:
/// not UTF-8, or nothing but white space.
pub fn text_document(name: &str, id: String, bytes: Vec<u8>) -> Result<Document, InputError> {
    let err = |line, message: String| InputError {
        source_name: name.to_string(),
        line,
        doc_id: Some(id.clone()),
        message,
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = line_of(e.as_bytes(), at);
        err(
            Some(line),
            format!("not valid UTF-8 (byte {at}); convert the file to UTF-8"),
        )
    })?;
    // Read as Python's open(path, encoding="utf-8").read() does, so that offsets mean the
    // same in both: "\r\n" and a lone "\r" become "\n"; a byte-order mark stays a character.
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    if text.trim().is_empty() {
        return Err(err(None, "empty document".to_string()));
    }
    Ok(Document::new(id.clone(), text).with_source(name))
}

/// A JSON-lines reader: one document a line, errors carry the line number.
pub struct JsonLines<R> {
    name: Arc<str>,
    stem: Arc<str>,
    reader: R,
    line: usize,
}

impl<R: BufRead> JsonLines<R> {
    /// A reader of `reader`'s lines. `name` is the source as errors and `Document::source`
    /// give it (a path, or `-`); `stem` makes the id `<stem>-<line>` of a line with no `"id"`.
    pub fn new(name: String, stem: String, reader: R) -> JsonLines<R> {
        JsonLines {
            name: name.into(),
            stem: stem.into(),
            reader,
            line: 0,
        }
    }
}

impl RawLine {
    fn parse(self) -> Result<Document, InputError> {
        let err = |doc_id: Option<String>, message: String| InputError {
            source_name: self.name.to_string(),
            line: Some(self.line),
            doc_id,
            message,
        };
        // Only the two fields we need are kept; other fields are skipped unparsed.
        #[derive(serde::Deserialize)]
        struct Line {
            id: Option<serde_json::Value>,
            text: Option<serde_json::Value>,
        }
        let line: Line = serde_json::from_slice(&self.bytes).map_err(|e| {
            err(
                None,
                format!("not valid JSON (one object a line expected): {e}"),
            )
        })?;
        let id = match line.id {
            Some(serde_json::Value::String(s)) => s,
            Some(serde_json::Value::Number(n)) => n.to_string(),
            Some(_) => return Err(err(None, "\"id\" must be a string or a number".into())),
            None => format!("{}-{}", self.stem, self.line),
        };
        match line.text {
            Some(serde_json::Value::String(t)) if !t.trim().is_empty() => {
                Ok(Document::new(id, t).with_source(format!("{}:{}", self.name, self.line)))
            }
            Some(serde_json::Value::String(_)) => Err(err(Some(id), "empty \"text\"".into())),
            Some(_) => Err(err(Some(id), "\"text\" must be a string".into())),
            None => Err(err(Some(id), "no \"text\" field".into())),
        }
    }
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Pending;

    fn next(&mut self) -> Option<Pending> {
        loop {
            let mut bytes = Vec::new();
            match self.reader.read_until(b'\n', &mut bytes) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    self.line += 1;
                    return Some(Pending::Ready(Err(InputError {
                        source_name: self.name.to_string(),
                        line: Some(self.line),
                        doc_id: None,
                        message: format!("read error: {e}"),
                    })));
                }
            }
            self.line += 1;
            if bytes.trim_ascii().is_empty() {
                continue;
            }
            return Some(Pending::Line(RawLine {
                name: self.name.clone(),
                stem: self.stem.clone(),
                line: self.line,
                bytes,
            }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Vec<Result<Document, InputError>> {
        JsonLines::new("in.jsonl".into(), "in".into(), s.as_bytes())
            .map(Pending::resolve)
            .collect()
    }

    #[test]
    fn json_lines_good_and_bad() {
        let out = read(
            "{\"id\":\"a\",\"text\":\"Hi.\"}\n\nnot json\n{\"id\":\"c\"}\n{\"text\":\"x\",\"n\":1}\n",
        );
        assert_eq!(out.len(), 4);
        assert_eq!(out[0].as_ref().unwrap().id, "a");
        let e = out[1].as_ref().unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.to_string().starts_with("in.jsonl:3: not valid JSON"));
        let e = out[2].as_ref().unwrap_err();
        assert_eq!((e.line, e.doc_id.as_deref()), (Some(4), Some("c")));
        assert!(e.message.contains("no \"text\""));
        assert_eq!(out[3].as_ref().unwrap().id, "in-5");
    }

    #[test]
    fn text_files_read_like_python() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("crlf.txt");
        std::fs::write(&p, "\u{feff}One.\r\nTwo.\rThree.").unwrap();
        let d = read_text(&p).unwrap();
        assert_eq!(d.text, "\u{feff}One.\nTwo.\nThree.");
        assert_eq!(d.id, "crlf");
    }

    #[test]
    fn line_numbers() {
        assert_eq!(line_of(b"a\nb\nc", 4), 3);
        assert_eq!(line_of(b"abc", 1), 1);
    }
}
