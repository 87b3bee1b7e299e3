//! Stage 9: write the tables. One `Sink` per format (CSV, JSON lines); the run never knows
//! which. Files are written under a temporary name and renamed when complete, so an
//! interrupted run never leaves a half-written table.

use crate::error::{Error, InputError};
use crate::offsets::CharIndex;
use crate::types::{Document, Extraction};
use serde::Serialize;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Csv,
    JsonLines,
}

#[derive(Serialize)]
pub struct EntityRow<'a> {
    pub doc_id: &'a str,
    pub entity_id: &'a str,
    pub name: &'a str,
    #[serde(rename = "type")]
    pub etype: &'a str,
    pub mentions: usize,
    pub aliases: String,
    pub roles: String,
}

#[derive(Serialize)]
pub struct MentionRow<'a> {
    pub doc_id: &'a str,
    pub entity_id: &'a str,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    #[serde(rename = "type")]
    pub etype: &'a str,
    pub source: String,
}

#[derive(Serialize)]
pub struct ClaimRow<'a> {
    pub doc_id: &'a str,
    pub claim_id: usize,
    pub kind: &'a str,
    pub speaker: &'a str,
    pub speaker_id: &'a str,
    pub speaker_type: &'a str,
    pub speaker_role: &'a str,
    pub cue: &'a str,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub rule: &'a str,
    pub confidence: String,
}

#[derive(Serialize)]
pub struct ErrorRow<'a> {
    pub doc_id: &'a str,
    pub source: &'a str,
    pub line: String,
    pub level: &'a str,
    pub message: &'a str,
}

/// One document's rows of every table, offsets in code points: what `Sink` writes as
/// tables and `whosaid stream` writes as one JSON line.
#[derive(Serialize)]
pub struct DocRows<'a> {
    pub id: &'a str,
    pub entities: Vec<EntityRow<'a>>,
    pub mentions: Vec<MentionRow<'a>>,
    pub claims: Vec<ClaimRow<'a>>,
    pub warnings: Vec<ErrorRow<'a>>,
}

/// The rows of one document; offsets become code points here, and only here.
pub fn rows<'a>(doc: &'a Document, ex: &'a Extraction, source: &'a str) -> DocRows<'a> {
    let text = doc.text.as_str();
    let ix = CharIndex::new(text);
    let id = ex.doc_id.as_str();
    let entities = ex
        .entities
        .iter()
        .map(|e| EntityRow {
            doc_id: id,
            entity_id: &e.id,
            name: &e.name,
            etype: e.etype.as_str(),
            mentions: e.mentions,
            aliases: e.aliases.join("|"),
            roles: e.roles.join("|"),
        })
        .collect();
    let mentions = ex
        .mentions
        .iter()
        .map(|m| MentionRow {
            doc_id: id,
            entity_id: &ex.entities[m.entity].id,
            start: ix.char_of(m.span.start),
            end: ix.char_of(m.span.end),
            text: m.span.of(text),
            etype: m.etype.as_str(),
            source: m.source.label(),
        })
        .collect();
    let claims = ex
        .claims
        .iter()
        .enumerate()
        .map(|(n, c)| {
            let sp = c.speaker.as_ref();
            ClaimRow {
                doc_id: id,
                claim_id: n + 1,
                kind: c.kind.as_str(),
                speaker: sp.map_or("", |s| s.name.as_str()),
                speaker_id: sp
                    .and_then(|s| s.entity)
                    .map_or("", |e| ex.entities[e].id.as_str()),
                speaker_type: sp.map_or("UNKNOWN", |s| s.stype.as_str()),
                speaker_role: sp.and_then(|s| s.role.as_deref()).unwrap_or(""),
                cue: c.cue.as_deref().unwrap_or(""),
                start: ix.char_of(c.content.start),
                end: ix.char_of(c.content.end),
                text: c.content.of(text),
                rule: c.rule.as_str(),
                confidence: format!("{:.2}", c.confidence),
            }
        })
        .collect();
    // Line numbers from one pass over the newlines, however many warnings there are.
    let newlines: Vec<usize> = if ex.warnings.is_empty() {
        Vec::new()
    } else {
        memchr::memchr_iter(b'\n', text.as_bytes()).collect()
    };
    let warnings = ex
        .warnings
        .iter()
        .map(|w| ErrorRow {
            doc_id: id,
            source,
            line: (1 + newlines.partition_point(|&n| n < w.offset)).to_string(),
            level: "warning",
            message: &w.message,
        })
        .collect();
    DocRows {
        id,
        entities,
        mentions,
        claims,
        warnings,
    }
}

/// The errors-table row of a document that could not be read.
pub fn error_row(e: &InputError) -> ErrorRow<'_> {
    ErrorRow {
        doc_id: e.doc_id.as_deref().unwrap_or(""),
        source: &e.source_name,
        line: e.line.map(|l| l.to_string()).unwrap_or_default(),
        level: "error",
        message: &e.message,
    }
}

/// One document's rows, already formatted: the bytes to append to each table (entities,
/// mentions, claims, errors). Rendering runs on the worker threads, so the writer thread
/// only copies bytes, in input order.
#[derive(Debug, Default)]
pub struct Rendered {
    pub tables: [Vec<u8>; 4],
}

fn push_rows<T: Serialize>(out: &mut Vec<u8>, rows: &[T], format: Format) {
    if rows.is_empty() {
        return;
    }
    match format {
        Format::Csv => {
            // A small buffer: the rows go straight into `out`, itself in memory.
            let mut w = csv::WriterBuilder::new()
                .has_headers(false)
                .buffer_capacity(1024)
                .from_writer(std::mem::take(out));
            for r in rows {
                // Writing into memory cannot fail; a row that cannot serialise would be a bug.
                w.serialize(r).expect("CSV row serialises");
            }
            *out = w.into_inner().expect("in-memory CSV writer flushes");
        }
        Format::JsonLines => {
            for r in rows {
                serde_json::to_writer(&mut *out, r).expect("JSON row serialises");
                out.push(b'\n');
            }
        }
    }
}

/// Formats one document's rows for the four tables.
pub fn render(rows: &DocRows, format: Format) -> Rendered {
    let mut r = Rendered::default();
    push_rows(&mut r.tables[0], &rows.entities, format);
    push_rows(&mut r.tables[1], &rows.mentions, format);
    push_rows(&mut r.tables[2], &rows.claims, format);
    push_rows(&mut r.tables[3], &rows.warnings, format);
    r
}

/// Formats the errors-table row of a document that could not be read.
pub fn render_error(e: &InputError, format: Format) -> Rendered {
    let mut r = Rendered::default();
    push_rows(&mut r.tables[3], &[error_row(e)], format);
    r
}

const NAMES: [&str; 4] = ["entities", "mentions", "claims", "errors"];

#[rustfmt::skip]
const HEADERS: [&[&str]; 4] = [
    &["doc_id", "entity_id", "name", "type", "mentions", "aliases", "roles"],
    &["doc_id", "entity_id", "start", "end", "text", "type", "source"],
    &["doc_id", "claim_id", "kind", "speaker", "speaker_id", "speaker_type", "speaker_role", "cue",
      "start", "end", "text", "rule", "confidence"],
    &["doc_id", "source", "line", "level", "message"],
];

/// The four output tables of a run, each written to a temporary file in the output folder
/// and renamed into place by `finish`.
pub struct Sink {
    outs: Vec<(BufWriter<NamedTempFile>, PathBuf)>,
}

impl Sink {
    pub fn create(dir: &Path, format: Format) -> Result<Sink, Error> {
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let ext = if format == Format::Csv {
            "csv"
        } else {
            "jsonl"
        };
        let mut outs = Vec::with_capacity(4);
        for (name, header) in NAMES.iter().zip(HEADERS) {
            let path = dir.join(format!("{name}.{ext}"));
            let tmp = NamedTempFile::new_in(dir).map_err(|e| Error::io(dir, e))?;
            let mut buf = BufWriter::with_capacity(1 << 17, tmp);
            if format == Format::Csv {
                writeln!(buf, "{}", header.join(",")).map_err(|e| Error::io(&path, e))?;
            }
            outs.push((buf, path));
        }
        Ok(Sink { outs })
    }

    /// Appends one document's rendered rows.
    pub fn append(&mut self, r: &Rendered) -> Result<(), Error> {
        for ((w, path), bytes) in self.outs.iter_mut().zip(&r.tables) {
            w.write_all(bytes).map_err(|e| Error::io(&*path, e))?;
        }
        Ok(())
    }

    /// Completes every table and moves it into place.
    pub fn finish(self) -> Result<(), Error> {
        for (w, path) in self.outs {
            let tmp = w
                .into_inner()
                .map_err(|e| Error::io(&path, e.into_error()))?;
            tmp.as_file().sync_all().map_err(|e| Error::io(&path, e))?;
            tmp.persist(&path).map_err(|e| Error::io(&path, e.error))?;
        }
        Ok(())
    }
}
