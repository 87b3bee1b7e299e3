//! Plain data passed between the pipeline stages. Offsets here are byte offsets into
//! `Document::text`; the writers convert them to code points once, at the edge.

use crate::registry::RuleId;
use serde::Serialize;

/// One input document as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The `doc_id` written in every output row: a text file's stem, or a JSON line's `"id"`
    /// (`<stem>-<line>` when the line has none).
    pub id: String,
    /// The full text; every offset of the pipeline is a byte offset into it. Text files have
    /// `\r\n` and lone `\r` turned into `\n` when read.
    pub text: String,
    /// Where it was read from (a path, or `-`); empty when built in code.
    pub source: String,
    /// The id the input gave it, when an earlier document of the run had that id and this
    /// one was renamed (`a` -> `a~2`); a warning row says so.
    pub renamed_from: Option<String>,
}

impl Document {
    /// A document with this id and text, and an empty `source`.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
            source: String::new(),
            renamed_from: None,
        }
    }

    /// The same document with `source` set (a path, `path:line`, or `-`).
    pub fn with_source(mut self, source: impl Into<String>) -> Document {
        self.source = source.into();
        self
    }
}

/// A half-open byte range `[start, end)` into a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// Byte offset of the first byte in the range.
    pub start: usize,
    /// Byte offset just past the last byte (exclusive); equal to `start` when empty.
    pub end: usize,
}

/// True when the text from byte `from` to byte `to` is exactly one space: the gap between
/// most pairs of words, tested on bytes, before any slice (a slice tests its char
/// boundaries, and this runs between every two tokens).
#[inline]
pub(crate) fn one_space_between(text: &str, from: usize, to: usize) -> bool {
    to == from + 1 && text.as_bytes()[from] == b' '
}

impl Span {
    /// The range `[start, end)`; `start` must not be after `end` (checked in debug builds).
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }
    /// Length in bytes (not characters).
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    /// True when the range holds no byte.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    /// True when the two ranges share at least one byte (an empty range overlaps nothing).
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The text the range covers. Panics when the range is out of `text` or not on character
    /// boundaries, so it must be a span into this same text.
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// The type of an entity, as written in gazetteers and output: `PERSON`, `ORG` or `LOC`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum EntityType {
    /// A person (`PERSON`).
    #[serde(rename = "PERSON")]
    Person,
    /// An organisation: a company, party, agency, team ... (`ORG`).
    #[serde(rename = "ORG")]
    Org,
    /// A place: a country, region, division or city (`LOC`).
    #[serde(rename = "LOC")]
    Loc,
}

impl EntityType {
    /// The type as written: `PERSON`, `ORG` or `LOC`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Org => "ORG",
            EntityType::Loc => "LOC",
        }
    }
    /// The type written `s` (`PERSON`, `ORG` or `LOC`, upper case only); `None` otherwise.
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

/// Where a mention came from: a gazetteer row, a named rule, or a rule of the user's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    /// A gazetteer name or alias.
    Gazetteer,
    /// A pattern rule of the registry.
    Rule(RuleId),
    /// A rule of a `patterns.tsv` ([`UserRule`](crate::gazetteer::UserRule)), by its id.
    /// Ids are interned when the file is loaded, once per distinct id for the life of the
    /// process, so that a mention carries its rule's id without a lookup or an allocation.
    User(&'static str),
}

impl Source {
    /// The source as written in `mentions.source`: `gazetteer`, or `rule:<id>` for a
    /// registry rule and for a user rule alike.
    /// A constant but for a user rule's, which is built.
    pub fn label(self) -> std::borrow::Cow<'static, str> {
        match self {
            Source::Gazetteer => RuleId::Gazetteer.as_str().into(),
            Source::Rule(id) => id.source_label().into(),
            Source::User(id) => format!("rule:{id}").into(),
        }
    }

    /// The registry rule behind the source (`gazetteer` for a gazetteer match); `None` for
    /// a user rule, which the registry does not hold.
    pub fn rule(self) -> Option<RuleId> {
        match self {
            Source::Gazetteer => Some(RuleId::Gazetteer),
            Source::Rule(id) => Some(id),
            Source::User(_) => None,
        }
    }

    /// True for a user rule's mention.
    pub fn is_user(self) -> bool {
        matches!(self, Source::User(_))
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
    /// The gazetteer id when a mention came from a gazetteer row (stable across documents),
    /// otherwise `<type>:<slug>` of the name (`person:ada-brook`).
    pub id: String,
    /// The gazetteer's canonical name when the text uses it, otherwise the fullest form the
    /// text gives.
    pub name: String,
    /// The entity's type (written `type`).
    #[serde(rename = "type")]
    pub etype: EntityType,
    /// How many mentions in the document resolve to this entity.
    pub mentions: usize,
    /// The other surface forms in the text (those not equal to `name`), in order of first
    /// appearance, without repeats; empty when the text only uses `name`.
    pub aliases: Vec<String>,
    /// The titles and appositions the text attaches to its mentions, in text order, without
    /// repeats; empty when there are none.
    pub roles: Vec<String>,
    /// The Wikidata item (`Q42`) of the gazetteer row the entity comes from, when the row
    /// names one; `None` otherwise.
    pub wikidata: Option<String>,
    /// The gender its names and honorifics give a person, when they agree ("Helen",
    /// "Mrs."); read by pronoun resolution, not written.
    #[serde(skip)]
    pub gender: Option<crate::lang::Gender>,
}

/// What a span between quotation marks is, decided by `quotes::classify`; only `Direct`
/// and `Partial` are speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// A full utterance: the quote opens its sentence or follows a colon or comma.
    Direct,
    /// Quoted words inside a sentence of the writer's: the quote follows other words of its
    /// sentence, with no colon or comma before it.
    Partial,
    /// The title of a work, a show or a headline (title case, "the book “The Long Winter”").
    Title,
    /// A scare quote or a named term: a few words, no speech cue ("her “bonus” cheques").
    Term,
    /// A nickname between capitalised names (Ruth “Rudi” Okafor).
    Nickname,
}

impl QuoteKind {
    /// True for the kinds that quote someone's words: `Direct` and `Partial`.
    pub fn is_speech(self) -> bool {
        matches!(self, QuoteKind::Direct | QuoteKind::Partial)
    }
    /// The kind as written in output, in lower case (`direct`, `partial` ...).
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
    /// What the quote is; `Direct` until `quotes::classify` sorts it.
    pub kind: QuoteKind,
    /// True when the closing mark was missing and the quote was cut at a paragraph end.
    pub unclosed: bool,
    /// True when the quote runs on into the next paragraph, which reopens it ("“A¶“B,”
    /// she said."): the two are one speaker's.
    pub continues: bool,
}

/// What kind of speaker a claim has, as written in the `speaker_type` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SpeakerType {
    /// A person: a person entity, or a name the text gives that no entity holds (`PERSON`).
    #[serde(rename = "PERSON")]
    Person,
    /// An organisation or place entity speaking as a body (`ORG`).
    #[serde(rename = "ORG")]
    Org,
    /// An unnamed source, given by a phrase ("U.S. officials") (`GROUP`).
    #[serde(rename = "GROUP")]
    Group,
    /// No known speaker (`UNKNOWN`). The pipeline does not build it: a claim with no speaker
    /// has `speaker: None`, which the writers write as `UNKNOWN`.
    #[serde(rename = "UNKNOWN")]
    Unknown,
}

impl SpeakerType {
    /// The type as written: `PERSON`, `ORG`, `GROUP` or `UNKNOWN`.
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
    /// Person, organisation or unnamed group.
    pub stype: SpeakerType,
    /// The title or apposition the text gives the speaker's mention ("CIA Director"); `None`
    /// when there is none, and always for unnamed sources.
    pub role: Option<String>,
}

/// What a claim is: a quote of one of the [`QuoteKind`]s, or reported speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    /// A direct quote: a full utterance between quotation marks.
    Direct,
    /// A partial quote: quoted words inside the writer's sentence.
    Partial,
    /// Reported speech with no quotation marks ("Brook said the plan would fail").
    Indirect,
    /// A title between quotation marks (only with `Options::all_quotes`).
    Title,
    /// A scare quote or term (only with `Options::all_quotes`).
    Term,
    /// A nickname between quotation marks (only with `Options::all_quotes`).
    Nickname,
}

impl ClaimKind {
    /// The kind as written in the claims table's `kind` column, in lower case.
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
    /// Quote kind, or `Indirect` for reported speech.
    pub kind: ClaimKind,
    /// Who said it; `None` when no speaker was found (written `UNKNOWN`).
    pub speaker: Option<Speaker>,
    /// The cue as written ("said", "according to"), when there is one.
    pub cue: Option<String>,
    /// The quoted or reported words.
    pub content: Span,
    /// The rule that found the claim or attributed the quote.
    pub rule: RuleId,
    /// The rule's confidence.
    pub confidence: f32,
    /// Where the text names the speaker for this claim ("he", "the company", "Ada Lee"),
    /// as a byte span; `None` when the attribution names no one here (a continuation).
    pub speaker_span: Option<Span>,
    /// Where the cue word is written, as a byte span; `None` without a cue word (a colon,
    /// a continuation).
    pub cue_span: Option<Span>,
}

/// A problem with one document that did not stop its extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Byte offset into `Document::text` of the problem (an unclosed quotation mark); the
    /// writers give its line.
    pub offset: usize,
    /// What is wrong and what was done about it, for people.
    pub message: String,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    /// The `Document::id` it came from.
    pub doc_id: String,
    /// The document's entities, in order of first mention; `Mention::entity` and
    /// `Speaker::entity` index this.
    pub entities: Vec<Entity>,
    /// Every entity mention, in text order.
    pub mentions: Vec<Mention>,
    /// Quotes and reported speech, ordered by content span.
    pub claims: Vec<Claim>,
    /// Problems that did not stop the extraction, in text order; usually empty.
    pub warnings: Vec<Warning>,
}
