//! What the page holds of each document (its marked text and its JSON block) and of the
//! run (the index). Offsets in the JSON are code points, as in the tables.

use super::markup::{Mark, escape, render};
use crate::Pipeline;
use crate::explain::Explanation;
use crate::offsets::CharIndex;
use crate::types::{ClaimKind, Document, Extraction, Span};
use crate::write::Outcome;
use serde::Serialize;
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Claims under this confidence are "weak" in the index.
const WEAK: f32 = 0.5;
/// Characters of a claim's words shown in the run's claim list.
const SNIPPET_CHARS: usize = 90;

/// A document's line in the index, and what the run's tables need of it.
#[derive(Debug, Clone, Default)]
pub struct DocSummary {
    line: DocLine,
    claims: Vec<ClaimLine>,
    entities: Vec<(String, String, &'static str, usize, Option<String>)>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct DocLine {
    id: String,
    source: String,
    entities: usize,
    mentions: usize,
    quotes: usize,
    claims: usize,
    weak: usize,
    warnings: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct ClaimLine {
    /// The document's place in the index (set by the writer).
    d: usize,
    c: usize,
    k: &'static str,
    s: String,
    r: &'static str,
    f: f32,
    t: String,
}

#[derive(Debug, Clone, Serialize)]
struct EntityLine {
    id: String,
    name: String,
    #[serde(rename = "type")]
    etype: &'static str,
    mentions: usize,
    /// The Wikidata item of its gazetteer row, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    wikidata: Option<String>,
    /// (document, mentions there)
    docs: Vec<(usize, usize)>,
}

/// The run's index: every document's line, every claim, every entity across documents.
#[derive(Debug, Default)]
pub struct RunIndex {
    /// The documents in input order.
    pub docs: Vec<DocLine>,
    claims: Vec<ClaimLine>,
    by_id: BTreeMap<String, EntityLine>,
    rules: BTreeMap<&'static str, &'static str>,
}

impl RunIndex {
    /// Adds the document at place `n`.
    pub fn add(&mut self, n: usize, s: &DocSummary) {
        self.docs.push(s.line.clone());
        for c in &s.claims {
            self.rules
                .entry(c.r)
                .or_insert_with(|| crate::RuleId::parse(c.r).map_or("", |r| r.reason()));
            self.claims.push(ClaimLine { d: n, ..c.clone() });
        }
        for (id, name, etype, mentions, wikidata) in &s.entities {
            let e = self.by_id.entry(id.clone()).or_insert_with(|| EntityLine {
                id: id.clone(),
                name: name.clone(),
                etype,
                mentions: 0,
                wikidata: wikidata.clone(),
                docs: Vec::new(),
            });
            e.mentions += mentions;
            e.docs.push((n, *mentions));
        }
    }
}

/// The index as JSON safe inside a `<script>` element.
pub fn script_json(index: &RunIndex) -> String {
    // What the page reads, borrowed: the entities most mentioned first.
    #[derive(Serialize)]
    struct Page<'a> {
        docs: &'a [DocLine],
        claims: &'a [ClaimLine],
        entities: Vec<&'a EntityLine>,
        rules: &'a BTreeMap<&'static str, &'static str>,
    }
    let mut entities: Vec<&EntityLine> = index.by_id.values().collect();
    entities.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.id.cmp(&b.id)));
    safe_json(&Page {
        docs: &index.docs,
        claims: &index.claims,
        entities,
        rules: &index.rules,
    })
}

/// JSON with `<` written `\u003c`, so no string can close the `<script>` it sits in.
fn safe_json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v)
        .expect("page data serialises")
        .replace('<', "\\u003c")
}

#[derive(Serialize)]
struct DocData<'a> {
    id: &'a str,
    claims: Vec<ClaimData<'a>>,
    entities: Vec<EntityData<'a>>,
    warnings: Vec<&'a str>,
}

#[derive(Serialize)]
struct ClaimData<'a> {
    id: usize,
    kind: &'static str,
    speaker: &'a str,
    speaker_id: &'a str,
    speaker_type: &'static str,
    speaker_role: &'a str,
    speaker_mention: &'a str,
    cue: &'a str,
    rule: &'static str,
    reason: &'static str,
    confidence: String,
    start: usize,
    end: usize,
    decision: &'a str,
    candidates: Vec<CandidateData<'a>>,
}

#[derive(Serialize)]
struct CandidateData<'a> {
    name: &'a str,
    written: &'a str,
    start: Option<usize>,
    entity_id: &'a str,
    rule: &'static str,
    verdict: &'static str,
    #[serde(rename = "for")]
    evidence_for: &'a [String],
    against: &'a [String],
}

#[derive(Serialize)]
struct EntityData<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    etype: &'static str,
    mentions: usize,
    aliases: &'a [String],
    roles: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    wikidata: Option<&'a str>,
}

/// A document's markup for the page (`N` standing for its place, filled by the writer)
/// and its summary.
pub fn document(pipeline: &Pipeline, outcome: &Outcome) -> (String, DocSummary) {
    let (doc, ex) = match outcome {
        Ok(pair) => pair,
        Err(e) => {
            let line = DocLine {
                id: e.doc_id.clone().unwrap_or_default(),
                source: e.source_name.clone(),
                error: Some(e.to_string()),
                ..DocLine::default()
            };
            let html = "<template id=\"t\u{0}N\u{0}\"></template>\n".to_string();
            let summary = DocSummary {
                line,
                ..DocSummary::default()
            };
            return (html, summary);
        }
    };
    // The explanations of the same run; a document whose explanation fails still shows
    // its rows.
    let why = catch_unwind(AssertUnwindSafe(|| pipeline.explain(doc)))
        .ok()
        .filter(|(again, _)| again.claims == ex.claims)
        .map(|(_, w)| w)
        .unwrap_or_default();
    let text = doc.text.as_str();
    let ix = CharIndex::new(text);
    let at = |b: usize| ix.char_of(b);

    let mut marks = Vec::with_capacity(ex.mentions.len() + ex.claims.len() * 3);
    for m in &ex.mentions {
        marks.push(Mark {
            span: m.span,
            rank: 1,
            attrs: format!("class=\"m t-{}\" data-e=\"{}\"", m.etype.as_str(), m.entity),
            first: String::new(),
        });
    }
    let doc_id = escape(&ex.doc_id);
    let mut claims = Vec::with_capacity(ex.claims.len());
    let mut lines = Vec::with_capacity(ex.claims.len());
    for (i, c) in ex.claims.iter().enumerate() {
        let sp = c.speaker.as_ref();
        let speaker = sp.map_or("", |s| s.name.as_str());
        marks.push(Mark {
            span: c.content,
            rank: 0,
            attrs: format!(
                "class=\"c k-{}\" data-c=\"{i}\" data-kind=\"{}\" data-rule=\"{}\" \
                 data-conf=\"{:.2}\" data-speaker=\"{}\"",
                c.kind.as_str(),
                c.kind.as_str(),
                c.rule,
                c.confidence,
                escape(speaker)
            ),
            first: format!("data-claim-id=\"{doc_id}/{}\"", i + 1),
        });
        for (span, class, rank) in [(c.speaker_span, "sp", 2), (c.cue_span, "cue", 3)] {
            if let Some(s) = span {
                marks.push(Mark {
                    span: s,
                    rank,
                    attrs: format!("class=\"{class}\" data-for=\"{i}\""),
                    first: String::new(),
                });
            }
        }
        let w: Option<&Explanation> = why.get(i);
        let candidates = w.map_or_else(Vec::new, |w| {
            w.candidates
                .iter()
                .map(|k| CandidateData {
                    name: &k.name,
                    written: k.mention.map_or("", |m| m.of(text)),
                    start: k.mention.map(|m| at(m.start)),
                    entity_id: k.entity.map_or("", |e| ex.entities[e].id.as_str()),
                    rule: k.rule.map_or("", |r| r.as_str()),
                    verdict: k.verdict.as_str(),
                    evidence_for: &k.evidence_for,
                    against: &k.evidence_against,
                })
                .collect()
        });
        claims.push(ClaimData {
            id: i + 1,
            kind: c.kind.as_str(),
            speaker,
            speaker_id: sp
                .and_then(|s| s.entity)
                .map_or("", |e| ex.entities[e].id.as_str()),
            speaker_type: sp.map_or("UNKNOWN", |s| s.stype.as_str()),
            speaker_role: sp.and_then(|s| s.role.as_deref()).unwrap_or(""),
            speaker_mention: c.speaker_span.map_or("", |s| s.of(text)),
            cue: c.cue.as_deref().unwrap_or(""),
            rule: c.rule.as_str(),
            reason: c.rule.reason(),
            confidence: format!("{:.2}", c.confidence),
            start: at(c.content.start),
            end: at(c.content.end),
            decision: w.map_or("", |w| w.decision.as_str()),
            candidates,
        });
        lines.push(ClaimLine {
            d: 0,
            c: i + 1,
            k: c.kind.as_str(),
            s: speaker.to_string(),
            r: c.rule.as_str(),
            f: (c.confidence * 100.0).round() / 100.0,
            t: snippet(c.content, text),
        });
    }
    let data = DocData {
        id: &ex.doc_id,
        claims,
        entities: ex
            .entities
            .iter()
            .map(|e| EntityData {
                id: &e.id,
                name: &e.name,
                etype: e.etype.as_str(),
                mentions: e.mentions,
                aliases: &e.aliases,
                roles: &e.roles,
                wikidata: e.wikidata.as_deref(),
            })
            .collect(),
        warnings: ex.warnings.iter().map(|w| w.message.as_str()).collect(),
    };
    let html = format!(
        "<template id=\"t\u{0}N\u{0}\"><div class=\"doc-text\">{}</div></template>\n\
         <script type=\"application/json\" id=\"j\u{0}N\u{0}\">{}</script>\n",
        render(text, &marks),
        safe_json(&data)
    );
    let summary = DocSummary {
        line: line_of(doc, ex),
        claims: lines,
        entities: ex
            .entities
            .iter()
            .map(|e| {
                (
                    e.id.clone(),
                    e.name.clone(),
                    e.etype.as_str(),
                    e.mentions,
                    e.wikidata.clone(),
                )
            })
            .collect(),
    };
    (html, summary)
}

fn line_of(doc: &Document, ex: &Extraction) -> DocLine {
    DocLine {
        id: ex.doc_id.clone(),
        source: doc.source.clone(),
        entities: ex.entities.len(),
        mentions: ex.mentions.len(),
        quotes: ex
            .claims
            .iter()
            .filter(|c| matches!(c.kind, ClaimKind::Direct | ClaimKind::Partial))
            .count(),
        claims: ex.claims.len(),
        weak: ex.claims.iter().filter(|c| c.confidence < WEAK).count(),
        warnings: ex.warnings.len(),
        error: None,
    }
}

/// The claim's words on one line, cut to [`SNIPPET_CHARS`].
fn snippet(s: Span, text: &str) -> String {
    let one = s.of(text).split_whitespace().collect::<Vec<_>>().join(" ");
    match one.char_indices().nth(SNIPPET_CHARS) {
        Some((b, _)) => format!("{}…", &one[..b]),
        None => one,
    }
}
