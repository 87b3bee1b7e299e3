// The fuzz check, shared by the cargo-fuzz target (fuzz/fuzz_targets/pipeline.rs) and the
// stable-toolchain driver (tests/fuzz_stable.rs), both of which include this file as a
// module. It feeds bytes through read (as JSON lines and as a text document) -> the whole
// pipeline -> the output rows and the explanations, and panics on any broken invariant.

use std::sync::OnceLock;
use whosaid::read::{JsonLines, text_document};
use whosaid::{Document, Extraction, Gazetteers, Options, Pipeline, Span};

/// The pipeline of the built-in gazetteers (all quotes kept, so titles and scare quotes are
/// checked too), built once.
pub fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::new(Gazetteers::builtin(), Options { all_quotes: true }))
}

/// Runs `data` through reading and every stage; panics when an invariant breaks.
pub fn check(data: &[u8]) {
    // As a text document (a `.txt` input).
    if let Ok(doc) = text_document("fuzz.txt", "fuzz".into(), data.to_vec()) {
        check_document(&doc);
    }
    // As JSON lines (a `.jsonl` input): every line that parses is a document.
    for pending in JsonLines::new("fuzz.jsonl".into(), "fuzz".into(), data) {
        if let Ok(doc) = pending.resolve() {
            check_document(&doc);
        }
    }
    // The bytes as the text of a JSON line, whatever they are (lossily made UTF-8), so that
    // the JSON path reaches the pipeline with any text too.
    let text = String::from_utf8_lossy(data);
    if !text.trim().is_empty() {
        let line = serde_json::json!({"id": "j", "text": text}).to_string();
        let mut docs = JsonLines::new("fuzz.jsonl".into(), "fuzz".into(), line.as_bytes());
        let doc = docs
            .next()
            .expect("one line")
            .resolve()
            .expect("a JSON line written by serde_json reads back");
        assert_eq!(
            doc.text, text,
            "the text of a JSON line reads back unchanged"
        );
        check_document(&doc);
    }
}

fn span_ok(text: &str, sp: Span, what: &str) {
    assert!(
        sp.start <= sp.end && sp.end <= text.len(),
        "{what} {sp:?} outside the text ({} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(sp.start) && text.is_char_boundary(sp.end),
        "{what} {sp:?} not on char boundaries"
    );
}

/// The invariants of one document's extraction, rows and explanations.
pub fn check_document(doc: &Document) {
    let p = pipeline();
    let text = doc.text.as_str();
    let ex = p.extract(doc);
    check_extraction(text, &ex);

    let (ex2, why) = p.explain(doc);
    assert_eq!(ex, ex2, "explain gives the extraction extract gives");
    assert_eq!(why.len(), ex.claims.len(), "one explanation per claim");
    for (n, w) in why.iter().enumerate() {
        assert_eq!(w.claim_id, n + 1, "explanations in claim order");
        assert_eq!(w.content, ex.claims[n].content, "explanation {n}'s content");
        span_ok(text, w.content, "explanation content");
        span_ok(text, w.sentence, "explanation sentence");
        for sp in [w.marks, w.cue, w.speaker_mention].into_iter().flatten() {
            span_ok(text, sp, "explanation span");
        }
        for c in &w.candidates {
            if let Some(sp) = c.mention {
                span_ok(text, sp, "candidate mention");
            }
            assert!(c.entity.is_none_or(|e| e < ex.entities.len()));
        }
    }
    let _ = whosaid::explain::to_text(doc, &ex, &why);

    let rows = whosaid::write::rows(doc, &ex, &doc.source);
    // Byte offset of every char, and of the end: row offsets are in chars.
    let at: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let chars = at.len() - 1;
    for (n, c) in rows.claims.iter().enumerate() {
        assert_eq!(c.claim_id, n + 1, "claim_ids run 1..n");
        assert!(c.start <= c.end && c.end <= chars, "claim row offsets");
        assert_eq!(&text[at[c.start]..at[c.end]], c.text, "claim row text");
        for (a, b) in [(c.speaker_start, c.speaker_end), (c.cue_start, c.cue_end)] {
            assert_eq!(a.is_some(), b.is_some());
            if let (Some(a), Some(b)) = (a, b) {
                assert!(a <= b && b <= chars, "claim row span {a}..{b}");
            }
        }
    }
    for m in &rows.mentions {
        assert!(m.start < m.end && m.end <= chars, "mention row offsets");
        assert_eq!(&text[at[m.start]..at[m.end]], m.text, "mention row text");
    }
    serde_json::to_string(&rows).expect("rows serialize");
}

fn check_extraction(text: &str, ex: &Extraction) {
    for m in &ex.mentions {
        span_ok(text, m.span, "mention");
        assert!(!m.span.is_empty(), "empty mention");
        assert!(m.entity < ex.entities.len(), "mention of no entity");
    }
    assert!(
        ex.mentions
            .windows(2)
            .all(|w| w[0].span.start <= w[1].span.start),
        "mentions in text order"
    );
    for c in &ex.claims {
        span_ok(text, c.content, "claim content");
        for sp in [c.speaker_span, c.cue_span].into_iter().flatten() {
            span_ok(text, sp, "claim span");
        }
        if let Some(s) = &c.speaker {
            assert!(
                s.entity.is_none_or(|e| e < ex.entities.len()),
                "speaker of no entity"
            );
        }
        assert!(
            (0.0..=1.0).contains(&c.confidence),
            "confidence {}",
            c.confidence
        );
    }
    assert!(
        ex.claims
            .windows(2)
            .all(|w| (w[0].content.start, w[0].content.end)
                <= (w[1].content.start, w[1].content.end)),
        "claims ordered by content span"
    );
    for w in &ex.warnings {
        assert!(w.offset <= text.len(), "warning offset");
    }
}
