//! The rows of the output tables, one struct per table, borrowing from the document and
//! its extraction; every format writes these. The rows are typed (integers, a float,
//! lists, absent values): JSON lines, Parquet and Python keep the types, and CSV writes
//! them as the contract says (`|`-joined lists, two-decimal confidence, empty for absent).

use crate::error::InputError;
use crate::offsets::CharIndex;
use crate::types::{Document, Extraction};
use serde::Serialize;

/// A row of the entities table: one entity of one document.
#[derive(Serialize)]
pub struct EntityRow<'a> {
    /// The document.
    pub doc_id: &'a str,
    /// The entity's id within the document.
    pub entity_id: &'a str,
    /// The entity's canonical name.
    pub name: &'a str,
    /// The entity type (`PERSON`, `ORG`, `LOC`).
    #[serde(rename = "type")]
    pub etype: &'a str,
    /// How many mentions it has.
    pub mentions: usize,
    /// Its other names in the document (`|`-separated in CSV, an array elsewhere).
    pub aliases: &'a [String],
    /// Its roles (titles, jobs) (`|`-separated in CSV, an array elsewhere).
    pub roles: &'a [String],
    /// The Wikidata item (`Q42`) of its gazetteer row; absent (empty in CSV, null
    /// elsewhere) when the row names none or no row holds the entity.
    pub wikidata: Option<&'a str>,
}

/// A row of the mentions table: one mention of an entity.
#[derive(Serialize)]
pub struct MentionRow<'a> {
    /// The document.
    pub doc_id: &'a str,
    /// The entity mentioned.
    pub entity_id: &'a str,
    /// Start offset, in code points.
    pub start: usize,
    /// End offset (exclusive), in code points.
    pub end: usize,
    /// The mention's text.
    pub text: &'a str,
    /// The entity type of this mention.
    #[serde(rename = "type")]
    pub etype: &'a str,
    /// What found it: `gazetteer` or `rule:<id>`.
    pub source: std::borrow::Cow<'static, str>,
}

/// A row of the claims table: one quote or reported statement.
#[derive(Serialize)]
pub struct ClaimRow<'a> {
    /// The document.
    pub doc_id: &'a str,
    /// 1-based number of the claim within the document.
    pub claim_id: usize,
    /// `direct`, `partial`, `indirect`, or with all quotes `title`, `term`, `nickname`.
    pub kind: &'a str,
    /// The speaker's name; empty when unknown.
    pub speaker: &'a str,
    /// The speaker's entity id; empty when the speaker is not an entity.
    pub speaker_id: &'a str,
    /// The speaker's type; `UNKNOWN` without a speaker.
    pub speaker_type: &'a str,
    /// The speaker's role, when the text gives one.
    pub speaker_role: &'a str,
    /// The cue (speech verb or phrase).
    pub cue: &'a str,
    /// Start offset of the content, in code points.
    pub start: usize,
    /// End offset (exclusive) of the content, in code points.
    pub end: usize,
    /// The content.
    pub text: &'a str,
    /// The rule that attributed it.
    pub rule: &'a str,
    /// Confidence as the rule gives it; every format writes it rounded to two decimals
    /// ([`two_decimals`]), as CSV prints it.
    #[serde(serialize_with = "serialize_two_decimals")]
    pub confidence: f32,
    /// The speaker as written where this claim names it ("he", "the company").
    pub speaker_mention: &'a str,
    /// Start of `speaker_mention`, in code points; empty when there is none.
    pub speaker_start: Option<usize>,
    /// End (exclusive) of `speaker_mention`, in code points.
    pub speaker_end: Option<usize>,
    /// Start of the cue word, in code points; empty without a cue word.
    pub cue_start: Option<usize>,
    /// End (exclusive) of the cue word, in code points.
    pub cue_end: Option<usize>,
}

/// A row of the errors table: a warning about a document, or a document that failed.
#[derive(Serialize)]
pub struct ErrorRow<'a> {
    /// The document, when known.
    pub doc_id: &'a str,
    /// The file (or `-`) it came from.
    pub source: &'a str,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// `warning` or `error`.
    pub level: &'a str,
    /// What is wrong.
    pub message: &'a str,
}

/// One document's rows of every table, offsets in code points: what the table formats
/// write as rows and [`Stream`](super::Stream) writes as one JSON line.
#[derive(Serialize)]
pub struct DocRows<'a> {
    /// The document.
    pub id: &'a str,
    /// Entities table rows.
    pub entities: Vec<EntityRow<'a>>,
    /// Mentions table rows.
    pub mentions: Vec<MentionRow<'a>>,
    /// Claims table rows.
    pub claims: Vec<ClaimRow<'a>>,
    /// Errors table rows (warnings).
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
            aliases: &e.aliases,
            roles: &e.roles,
            wikidata: e.wikidata.as_deref(),
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
                confidence: c.confidence,
                speaker_mention: c.speaker_span.map_or("", |s| s.of(text)),
                speaker_start: c.speaker_span.map(|s| ix.char_of(s.start)),
                speaker_end: c.speaker_span.map(|s| ix.char_of(s.end)),
                cue_start: c.cue_span.map(|s| ix.char_of(s.start)),
                cue_end: c.cue_span.map(|s| ix.char_of(s.end)),
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
            line: Some(1 + newlines.partition_point(|&n| n < w.offset)),
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
        line: e.line,
        level: "error",
        message: &e.message,
    }
}

/// `x` rounded as `{:.2}` prints it, so that every format gives the number CSV shows.
/// Only the typed formats need it: CSV prints the `f32` directly.
pub fn two_decimals(x: f32) -> f64 {
    format!("{x:.2}").parse().unwrap_or(f64::from(x))
}

fn serialize_two_decimals<S: serde::Serializer>(x: &f32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(two_decimals(*x))
}
