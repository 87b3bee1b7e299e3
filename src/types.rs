//! Plain data passed between the pipeline stages. Offsets here are byte offsets into
//! `Document::text`; the writers convert them to code points once, at the edge.

use crate::registry::RuleId;
use serde::Serialize;

/// One input document as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub id: String,
    pub text: String,
    /// Where it was read from (a path, or `-`); empty when built in code.
    pub source: String,
}

impl Document {
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
            source: String::new(),
        }
    }

    pub fn with_source(mut self, source: impl Into<String>) -> Document {
        self.source = source.into();
        self
    }
}

/// A half-open byte range `[start, end)` into a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum EntityType {
    #[serde(rename = "PERSON")]
    Person,
    #[serde(rename = "ORG")]
    Org,
    #[serde(rename = "LOC")]
    Loc,
}

impl EntityType {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Org => "ORG",
            EntityType::Loc => "LOC",
        }
    }
    pub fn parse(s: &str) -> Option<EntityType> {
        match s {
            "PERSON" => Some(EntityType::Person),
            "ORG" => Some(EntityType::Org),
            "LOC" => Some(EntityType::Loc),
            _ => None,
        }
    }
    /// The prefix of slug ids for entities no gazetteer holds.
    pub fn slug_prefix(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Org => "org",
            EntityType::Loc => "loc",
        }
    }
}

/// Where a mention came from: a gazetteer row, or a named rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    /// A gazetteer name or alias.
    Gazetteer,
    /// A pattern rule of the registry.
    Rule(RuleId),
}

impl Source {
    /// The source as written in `mentions.source`: `gazetteer` or `rule:<id>`.
    pub fn label(self) -> String {
        match self {
            Source::Gazetteer => RuleId::Gazetteer.as_str().to_string(),
            Source::Rule(id) => format!("rule:{id}"),
        }
    }

    /// The registry rule behind the source (`gazetteer` for a gazetteer match).
    pub fn rule(self) -> RuleId {
        match self {
            Source::Gazetteer => RuleId::Gazetteer,
            Source::Rule(id) => id,
        }
    }
}

/// A mention of an entity. `entity` indexes `Extraction::entities` once resolved; before
/// resolution it is `()` (a [`Candidate`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Mention<E = usize> {
    /// Where the mention is.
    pub span: Span,
    /// Its type.
    pub etype: EntityType,
    /// The gazetteer or the rule that found it.
    pub source: Source,
    /// Index of the gazetteer entry when the mention came from (or resolved to) one.
    pub gaz: Option<usize>,
    /// A title or apposition the text attaches to this mention ("CIA Director").
    pub role: Option<String>,
    /// The entity it resolves to.
    pub entity: E,
}

/// A mention found by the matcher or a rule, its entity not yet known.
pub type Candidate = Mention<()>;

impl Candidate {
    /// A candidate mention from a rule.
    pub fn from_rule(
        span: Span,
        etype: EntityType,
        rule: RuleId,
        role: Option<String>,
    ) -> Candidate {
        Mention {
            span,
            etype,
            source: Source::Rule(rule),
            gaz: None,
            role,
            entity: (),
        }
    }
}

/// One entity of a document, with the surface forms and roles seen.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub etype: EntityType,
    pub mentions: usize,
    pub aliases: Vec<String>,
    pub roles: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    Direct,
    Partial,
    Title,
    Term,
    Nickname,
}

impl QuoteKind {
    pub fn is_speech(self) -> bool {
        matches!(self, QuoteKind::Direct | QuoteKind::Partial)
    }
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Title => "title",
            QuoteKind::Term => "term",
            QuoteKind::Nickname => "nickname",
        }
    }
}

/// A span between quotation marks.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// The content, inside the marks.
    pub content: Span,
    /// The content plus the marks (for context checks).
    pub outer: Span,
    pub kind: QuoteKind,
    /// True when the closing mark was missing and the quote was cut at a paragraph end.
    pub unclosed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SpeakerType {
    #[serde(rename = "PERSON")]
    Person,
    #[serde(rename = "ORG")]
    Org,
    #[serde(rename = "GROUP")]
    Group,
    #[serde(rename = "UNKNOWN")]
    Unknown,
}

impl SpeakerType {
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerType::Person => "PERSON",
            SpeakerType::Org => "ORG",
            SpeakerType::Group => "GROUP",
            SpeakerType::Unknown => "UNKNOWN",
        }
    }
}

/// Who said something: a resolved entity, or the phrase of an unnamed source.
#[derive(Debug, Clone, PartialEq)]
pub struct Speaker {
    /// Canonical entity name, or the source phrase ("U.S. officials").
    pub name: String,
    /// Index into `Extraction::entities` when the speaker is an entity.
    pub entity: Option<usize>,
    pub stype: SpeakerType,
    pub role: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    Direct,
    Partial,
    Indirect,
    Title,
    Term,
    Nickname,
}

impl ClaimKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Direct => "direct",
            ClaimKind::Partial => "partial",
            ClaimKind::Indirect => "indirect",
            ClaimKind::Title => "title",
            ClaimKind::Term => "term",
            ClaimKind::Nickname => "nickname",
        }
    }
}

impl From<QuoteKind> for ClaimKind {
    fn from(k: QuoteKind) -> ClaimKind {
        match k {
            QuoteKind::Direct => ClaimKind::Direct,
            QuoteKind::Partial => ClaimKind::Partial,
            QuoteKind::Title => ClaimKind::Title,
            QuoteKind::Term => ClaimKind::Term,
            QuoteKind::Nickname => ClaimKind::Nickname,
        }
    }
}

/// A quote or a piece of reported speech, tied to its speaker (when known).
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub kind: ClaimKind,
    pub speaker: Option<Speaker>,
    /// The cue as written ("said", "according to"), when there is one.
    pub cue: Option<String>,
    /// The quoted or reported words.
    pub content: Span,
    /// The rule that found the claim or attributed the quote.
    pub rule: RuleId,
    /// The rule's confidence.
    pub confidence: f32,
}

/// A problem with one document that did not stop its extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub offset: usize,
    pub message: String,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    pub doc_id: String,
    pub entities: Vec<Entity>,
    pub mentions: Vec<Mention>,
    pub claims: Vec<Claim>,
    pub warnings: Vec<Warning>,
}
