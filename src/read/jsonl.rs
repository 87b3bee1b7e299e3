//! JSON lines: one document a line. The reading thread splits lines (at most
//! [`MAX_DOCUMENT_BYTES`](super::MAX_DOCUMENT_BYTES) each) and reads each line's id, so
//! that ids are unique over the run in input order; the text is parsed on a worker thread.

use super::{MAX_DOCUMENT_BYTES, NO_TEXT, Pending, TEXT_NOT_A_STRING, check_text, too_large};
use crate::error::InputError;
use crate::types::Document;
use serde_json::value::RawValue;
use std::io::BufRead;
use std::sync::Arc;

/// A JSON-lines reader: one document a line, errors carry the line number.
pub struct JsonLines<R> {
    name: Arc<str>,
    stem: Arc<str>,
    reader: R,
    line: usize,
    keep_blank: bool,
}

impl<R: BufRead> JsonLines<R> {
    /// A reader of `reader`'s lines. `name` is the source as errors and `Document::source`
    /// give it (a path, or `-`); `stem` makes the id `<stem>-<line>` of a line with no `"id"`.
    /// Blank lines are skipped.
    pub fn new(name: String, stem: String, reader: R) -> JsonLines<R> {
        JsonLines {
            name: name.into(),
            stem: stem.into(),
            reader,
            line: 0,
            keep_blank: false,
        }
    }

    /// Blank lines become empty documents (`<stem>-<line>`, no rows), so that one output
    /// line answers each input line (`whosaid stream`).
    pub fn keep_blank_lines(mut self) -> JsonLines<R> {
        self.keep_blank = true;
        self
    }

    /// The next line into `buf` (newline included), at most `MAX_DOCUMENT_BYTES`: the rest
    /// of a longer line is read past and dropped. Returns the bytes the line had, 0 at the
    /// end.
    fn read_line(&mut self, buf: &mut Vec<u8>) -> std::io::Result<usize> {
        let mut total = 0;
        loop {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                return Ok(total);
            }
            let (take, done) = match memchr::memchr(b'\n', chunk) {
                Some(i) => (i + 1, true),
                None => (chunk.len(), false),
            };
            if buf.len() <= MAX_DOCUMENT_BYTES {
                let room = (MAX_DOCUMENT_BYTES + 1 - buf.len()).min(take);
                buf.extend_from_slice(&chunk[..room]);
            }
            total += take;
            self.reader.consume(take);
            if done {
                return Ok(total);
            }
        }
    }
}

/// One line of a JSON-lines source, unparsed, with its id.
#[derive(Debug)]
pub struct RawLine {
    name: Arc<str>,
    line: usize,
    bytes: Vec<u8>,
    /// The line's id as the reading thread read it (`<stem>-<line>` without one); `None`
    /// when the line is not JSON with a usable id, which `parse` then reports.
    id: Option<String>,
    /// The id the line gave, when an earlier document had it.
    renamed_from: Option<String>,
}

impl RawLine {
    /// Bytes of the line.
    pub(super) fn len(&self) -> usize {
        self.bytes.len()
    }

    /// The id, to make unique; `None` when it could not be read (the line is an error).
    pub(super) fn id_mut(&mut self) -> Option<&mut String> {
        self.id.as_mut()
    }

    pub(super) fn renamed(&mut self, from: String) {
        self.renamed_from = Some(from);
    }

    pub(super) fn parse(self) -> Result<Document, InputError> {
        let err = |doc_id: Option<String>, message: String| InputError {
            source_name: self.name.to_string(),
            line: Some(self.line),
            doc_id,
            message,
        };
        if self.bytes.len() > MAX_DOCUMENT_BYTES {
            return Err(err(self.id.clone(), too_large()));
        }
        // Only the two fields we need are kept; other fields are skipped unparsed.
        #[derive(serde::Deserialize)]
        struct Line<'a> {
            #[serde(borrow)]
            id: Option<&'a RawValue>,
            text: Option<serde_json::Value>,
        }
        let line: Line = serde_json::from_slice(&self.bytes).map_err(|e| {
            err(
                None,
                format!("not valid JSON (one object a line expected): {e}"),
            )
        })?;
        let id = match self.id {
            Some(id) => id,
            None => {
                // The reading thread could not read it: say why.
                return Err(err(
                    None,
                    read_id(line.id)
                        .err()
                        .unwrap_or_else(|| "bad \"id\"".into()),
                ));
            }
        };
        let doc = match line.text {
            Some(serde_json::Value::String(t)) => match check_text(&t) {
                Ok(()) => Document::new(id, t).with_source(format!("{}:{}", self.name, self.line)),
                Err(why) => return Err(err(Some(id), why)),
            },
            Some(_) => return Err(err(Some(id), TEXT_NOT_A_STRING.into())),
            None => return Err(err(Some(id), NO_TEXT.into())),
        };
        Ok(Document {
            renamed_from: self.renamed_from,
            ..doc
        })
    }
}

/// The id as written: a string, or a number's digits exactly as written (a large integer
/// keeps every digit).
fn read_id(raw: Option<&RawValue>) -> Result<Option<String>, String> {
    let Some(raw) = raw else { return Ok(None) };
    let s = raw.get();
    match s.as_bytes().first() {
        Some(b'"') => serde_json::from_str::<String>(s)
            .map(Some)
            .map_err(|e| format!("bad \"id\": {e}")),
        Some(b'-' | b'0'..=b'9') => Ok(Some(s.to_string())),
        Some(b'n') => Ok(None),
        _ => Err("\"id\" must be a string or a number".into()),
    }
}

/// The line's id on the reading thread, without parsing its text into memory.
fn peek_id(bytes: &[u8], stem: &str, line: usize) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct IdOnly<'a> {
        #[serde(borrow)]
        id: Option<&'a RawValue>,
    }
    let only: IdOnly = serde_json::from_slice(bytes).ok()?;
    match read_id(only.id) {
        Ok(Some(id)) => Some(id),
        Ok(None) => Some(format!("{stem}-{line}")),
        Err(_) => None,
    }
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Pending;

    fn next(&mut self) -> Option<Pending> {
        loop {
            let mut bytes = Vec::new();
            match self.read_line(&mut bytes) {
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
                if self.keep_blank {
                    let doc = Document::new(format!("{}-{}", self.stem, self.line), "")
                        .with_source(format!("{}:{}", self.name, self.line));
                    return Some(Pending::Ready(Ok(doc)));
                }
                continue;
            }
            let id = if bytes.len() > MAX_DOCUMENT_BYTES {
                None
            } else {
                peek_id(&bytes, &self.stem, self.line)
            };
            return Some(Pending::Line(RawLine {
                name: self.name.clone(),
                line: self.line,
                bytes,
                id,
                renamed_from: None,
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
    fn large_numeric_ids_keep_every_digit() {
        let out = read(
            "{\"id\": 123456789012345678901234567890, \"text\": \"Hi there.\"}\n{\"id\": -7, \"text\": \"Yes.\"}\n{\"id\": [1], \"text\": \"No.\"}\n",
        );
        assert_eq!(
            out[0].as_ref().unwrap().id,
            "123456789012345678901234567890"
        );
        assert_eq!(out[1].as_ref().unwrap().id, "-7");
        let e = out[2].as_ref().unwrap_err();
        assert!(e.message.contains("string or a number"), "{e}");
    }

    #[test]
    fn blank_lines_are_kept_when_asked() {
        let docs: Vec<_> = JsonLines::new(
            "-".into(),
            "stdin".into(),
            "\n{\"text\":\"A.\"}\n  \n".as_bytes(),
        )
        .keep_blank_lines()
        .map(Pending::resolve)
        .collect();
        let ids: Vec<_> = docs
            .iter()
            .map(|d| d.as_ref().unwrap().id.as_str())
            .collect();
        assert_eq!(ids, ["stdin-1", "stdin-2", "stdin-3"]);
        assert_eq!(docs[0].as_ref().unwrap().text, "");
    }

    #[test]
    fn an_overlong_line_is_refused_and_the_next_read() {
        let long = "x".repeat(MAX_DOCUMENT_BYTES + 10);
        let input = format!(
            "{{\"id\":\"big\",\"text\":\"{long}\"}}\n{{\"id\":\"ok\",\"text\":\"Fine.\"}}\n"
        );
        let out = read(&input);
        assert_eq!(out.len(), 2);
        let e = out[0].as_ref().unwrap_err();
        assert!(e.message.contains("MiB"), "{e}");
        assert_eq!(e.line, Some(1));
        assert_eq!(out[1].as_ref().unwrap().id, "ok");
    }
}
