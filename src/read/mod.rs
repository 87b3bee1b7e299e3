//! Stage 2: read documents. Inputs are `.txt` files, folders (every `.txt`, `.jsonl` and
//! `.ndjson` below, compressed or not, in sorted path order), `.jsonl` files
//! (`{"id": ..., "text": ...}` a line), pipes, and `-` (JSON lines on standard input).
//! Documents stream out one at a time; a bad one becomes an `InputError` and the rest go on.
//! Every document of a run gets its own `doc_id`: a repeated one is renamed (`a~2`).

mod inputs;
mod jsonl;

pub use inputs::{Compression, Inputs, Kind, classify, expand};
pub use jsonl::JsonLines;

use crate::error::{Error, InputError};
use crate::types::Document;
use rustc_hash::FxHashMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// The largest document read, in bytes of text (compressed files count as decompressed).
/// Extraction holds about 13 bytes of working memory per byte of text; a larger document is
/// refused with an error row rather than allowed to exhaust memory. News articles are a
/// few kB.
pub const MAX_DOCUMENT_BYTES: usize = 32 << 20;

/// One input source after expansion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A text file: one document, its id the file stem.
    Text(PathBuf),
    /// A `.jsonl` or `.ndjson` file: one document a line.
    JsonLines(PathBuf),
    /// A pipe or device named on the command line: JSON lines when it starts with `{`,
    /// otherwise one text document.
    Pipe(PathBuf),
    /// JSON lines on standard input (the input `-`).
    Stdin,
    /// A file inside a folder that is not read, and why (it becomes an error row).
    Refused(PathBuf, String),
}

/// Expands the command-line inputs into sources, in order (see [`expand`], which also
/// says what folders held that is not a document).
pub fn sources(inputs: &[PathBuf]) -> Result<Vec<Source>, Error> {
    expand(inputs).map(|i| i.sources)
}

/// A document not yet parsed: a JSON line is parsed where it is extracted (on a worker
/// thread), so the reading thread only splits lines.
#[derive(Debug)]
pub enum Pending {
    /// A text file already read, or an error that needs no parsing (cannot open, cannot read).
    Ready(Result<Document, InputError>),
    /// A non-blank JSON line, to be parsed by [`Pending::resolve`].
    Line(jsonl::RawLine),
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
            Pending::Line(l) => l.len(),
        }
    }

    /// True when [`Pending::len`] is 0 (an error holds no bytes).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Gives the document an id no earlier document of the run has.
    fn make_unique(&mut self, seen: &mut FxHashMap<String, usize>) {
        let id = match self {
            Pending::Ready(Ok(d)) => &mut d.id,
            Pending::Ready(Err(_)) => return,
            Pending::Line(l) => match l.id_mut() {
                Some(id) => id,
                None => return,
            },
        };
        let before = id.clone();
        if unique_id(seen, id) {
            match self {
                Pending::Ready(Ok(d)) => d.renamed_from = Some(before),
                Pending::Line(l) => l.renamed(before),
                Pending::Ready(Err(_)) => {}
            }
        }
    }
}

/// Reads every source in order, yielding documents (or per-document errors) to resolve.
/// Ids are made unique over the whole run, in input order: the second document called
/// `a` becomes `a~2`, with a warning in its rows.
pub fn documents(sources: Vec<Source>) -> impl Iterator<Item = Pending> + Send {
    let mut seen: FxHashMap<String, usize> = FxHashMap::default();
    sources
        .into_iter()
        .flat_map(|s| -> Box<dyn Iterator<Item = Pending> + Send> {
            match s {
                Source::Text(p) => Box::new(std::iter::once(Pending::Ready(read_text(&p)))),
                Source::JsonLines(p) => match open(&p, classify(&p).0) {
                    Ok(r) => Box::new(JsonLines::new(
                        p.display().to_string(),
                        classify(&p).2,
                        BufReader::with_capacity(1 << 16, r),
                    )),
                    Err(e) => Box::new(std::iter::once(Pending::Ready(Err(cannot(&p, e))))),
                },
                Source::Pipe(p) => pipe(p),
                Source::Stdin => Box::new(JsonLines::new(
                    "-".into(),
                    "stdin".into(),
                    BufReader::with_capacity(1 << 16, io::stdin()),
                )),
                Source::Refused(p, why) => {
                    Box::new(std::iter::once(Pending::Ready(Err(InputError {
                        source_name: p.display().to_string(),
                        line: None,
                        doc_id: None,
                        message: why,
                    }))))
                }
            }
        })
        .map(move |mut p| {
            p.make_unique(&mut seen);
            p
        })
}

/// Renames `id` to `id~N` when an earlier document of the run has it; true when renamed.
fn unique_id(seen: &mut FxHashMap<String, usize>, id: &mut String) -> bool {
    let n = seen.entry(id.clone()).or_insert(0);
    *n += 1;
    if *n == 1 {
        return false;
    }
    let mut k = *n;
    loop {
        let candidate = format!("{id}~{k}");
        if !seen.contains_key(&candidate) {
            seen.insert(candidate.clone(), 1);
            *id = candidate;
            return true;
        }
        k += 1;
    }
}

/// A pipe named on the command line: JSON lines if its first non-blank byte is `{`.
fn pipe(p: PathBuf) -> Box<dyn Iterator<Item = Pending> + Send> {
    let f = match File::open(&p) {
        Ok(f) => f,
        Err(e) => return Box::new(std::iter::once(Pending::Ready(Err(cannot(&p, e))))),
    };
    let mut r = BufReader::with_capacity(1 << 16, f);
    let json = loop {
        match r.fill_buf() {
            Ok([]) => break false,
            Ok(buf) => match buf.iter().position(|b| !b.is_ascii_whitespace()) {
                Some(i) => break buf[i] == b'{',
                None => {
                    let n = buf.len();
                    r.consume(n);
                }
            },
            Err(e) => return Box::new(std::iter::once(Pending::Ready(Err(cannot(&p, e))))),
        }
    };
    let name = p.display().to_string();
    let stem = classify(&p).2;
    if json {
        Box::new(JsonLines::new(name, stem, r))
    } else {
        let doc = read_all(&p, r, Compression::None, &stem)
            .and_then(|bytes| text_document(&name, stem, bytes));
        Box::new(std::iter::once(Pending::Ready(doc)))
    }
}

fn cannot(p: &Path, e: io::Error) -> InputError {
    InputError {
        source_name: p.display().to_string(),
        line: None,
        doc_id: None,
        message: format!("cannot open: {e}"),
    }
}

/// The file's bytes, decompressed as `c` says.
fn open(p: &Path, c: Compression) -> io::Result<Box<dyn Read + Send>> {
    let f = File::open(p)?;
    Ok(match c {
        Compression::None => Box::new(f),
        Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(BufReader::new(f))),
        Compression::Zstd => Box::new(
            ruzstd::decoding::StreamingDecoder::new(BufReader::new(f))
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.to_string()))?,
        ),
    })
}

/// The 1-based line of byte offset `at`.
fn line_of(bytes: &[u8], at: usize) -> usize {
    1 + memchr::memchr_iter(b'\n', &bytes[..at]).count()
}

/// Reads at most [`MAX_DOCUMENT_BYTES`] (and one more, to tell a larger document).
fn read_all(p: &Path, r: impl Read, c: Compression, stem: &str) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::new();
    let err = |message: String| InputError {
        source_name: p.display().to_string(),
        line: None,
        doc_id: Some(stem.to_string()),
        message,
    };
    r.take(MAX_DOCUMENT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| match c {
            Compression::None => err(format!("cannot read: {e}")),
            _ => err(format!("cannot decompress: {e}; is the file complete?")),
        })?;
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(err(too_large()));
    }
    Ok(bytes)
}

/// The error message of a document whose `"text"` field is missing (a JSON line, or a
/// record handed over by a binding).
pub const NO_TEXT: &str = "no \"text\" field";

/// The error message of a document whose `"text"` is not a string.
pub const TEXT_NOT_A_STRING: &str = "\"text\" must be a string";

/// Why a document's text, given as a string (a JSON line's `"text"`, or a string handed to
/// the library by a binding such as the Python package), cannot be extracted: larger than
/// [`MAX_DOCUMENT_BYTES`], or nothing but white space. The messages are those of the
/// JSON-lines reader's error rows, so every way in refuses a document in the same words.
pub fn check_text(text: &str) -> Result<(), String> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(too_large());
    }
    if text.trim().is_empty() {
        return Err("empty \"text\"".to_string());
    }
    Ok(())
}

/// What a document over [`MAX_DOCUMENT_BYTES`] is told.
fn too_large() -> String {
    format!(
        "larger than {} MiB, the largest document read (working memory grows with the \
         document); split it into articles",
        MAX_DOCUMENT_BYTES >> 20
    )
}

fn read_text(p: &Path) -> Result<Document, InputError> {
    let (c, _, stem) = classify(p);
    let name = p.display().to_string();
    let r = open(p, c).map_err(|e| InputError {
        source_name: name.clone(),
        line: None,
        doc_id: Some(stem.clone()),
        message: format!("cannot read: {e}"),
    })?;
    let bytes = read_all(p, r, c, &stem)?;
    text_document(&name, stem, bytes)
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
        let hint = if e.as_bytes().starts_with(&[0x1f, 0x8b]) {
            "this is gzip data: name the file .gz"
        } else {
            "convert the file to UTF-8"
        };
        err(Some(line), format!("not valid UTF-8 (byte {at}); {hint}"))
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
    Ok(Document::new(id, text).with_source(name))
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn compressed_files_read_as_their_text() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.TXT.gz");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all("Ada Brook said so.".as_bytes()).unwrap();
        std::fs::write(&p, gz.finish().unwrap()).unwrap();
        let d = read_text(&p).unwrap();
        assert_eq!(
            (d.id.as_str(), d.text.as_str()),
            ("a", "Ada Brook said so.")
        );
        // Gzip bytes under a .txt name: the error says what they are.
        let q = dir.path().join("b.txt");
        std::fs::copy(&p, &q).unwrap();
        let e = read_text(&q).unwrap_err();
        assert!(e.message.contains("gzip"), "{e}");
        // A cut gzip stream is an error for that file.
        let bytes = std::fs::read(&p).unwrap();
        let r = dir.path().join("c.txt.gz");
        std::fs::write(&r, &bytes[..bytes.len() / 2]).unwrap();
        assert!(read_text(&r).unwrap_err().message.contains("decompress"));
    }

    #[test]
    fn repeated_ids_are_renamed_in_input_order() {
        let mut seen = FxHashMap::default();
        let mut ids: Vec<String> = ["a", "b", "a", "a~2", "a"].map(String::from).to_vec();
        for id in &mut ids {
            unique_id(&mut seen, id);
        }
        assert_eq!(ids, ["a", "b", "a~2", "a~2~2", "a~3"]);
    }

    #[test]
    fn check_text_refuses_as_the_json_lines_reader_does() {
        assert_eq!(check_text("Ada Brook said so."), Ok(()));
        assert_eq!(check_text(" \n\t "), Err("empty \"text\"".to_string()));
        assert_eq!(check_text(""), Err("empty \"text\"".to_string()));
        let big = "a".repeat(MAX_DOCUMENT_BYTES + 1);
        assert_eq!(check_text(&big), Err(too_large()));
        assert_eq!(check_text(&big[1..]), Ok(()));
        // The reader's error rows say the same.
        let line = |text: &str| {
            let json = serde_json::json!({"id": "d", "text": text}).to_string();
            let mut docs = JsonLines::new("-".into(), "stdin".into(), json.as_bytes());
            docs.next().unwrap().resolve()
        };
        assert_eq!(
            line("  ").unwrap_err().message,
            check_text("  ").unwrap_err()
        );
        assert!(line("Ada Brook said so.").is_ok());
    }

    #[test]
    fn line_numbers() {
        assert_eq!(line_of(b"a\nb\nc", 4), 3);
        assert_eq!(line_of(b"abc", 1), 1);
    }
}
