"""The shapes of whosaid's results, for type checkers: one TypedDict per table row, with
the columns of the command line's CSV tables (README, "Output tables"), typed."""

from __future__ import annotations

from typing import List, Optional, TypedDict


class EntityRow(TypedDict):
    """A row of the entities table: one entity of one document."""

    doc_id: str
    entity_id: str
    name: str
    type: str
    mentions: int
    aliases: List[str]
    roles: List[str]
    #: The Wikidata item ("Q42") of the gazetteer row the entity comes from; None when
    #: the row names none or no row holds the entity.
    wikidata: Optional[str]


class MentionRow(TypedDict):
    """A row of the mentions table: one mention; ``text[start:end]`` is its text."""

    doc_id: str
    entity_id: str
    start: int
    end: int
    text: str
    type: str
    source: str


class ClaimRow(TypedDict):
    """A row of the claims table: one quote or reported claim with its speaker."""

    doc_id: str
    claim_id: int
    kind: str
    speaker: str
    speaker_id: str
    speaker_type: str
    speaker_role: str
    cue: str
    start: int
    end: int
    text: str
    rule: str
    confidence: float
    speaker_mention: str
    speaker_start: Optional[int]
    speaker_end: Optional[int]
    cue_start: Optional[int]
    cue_end: Optional[int]


class WarningRow(TypedDict):
    """A row of the errors table with level "warning": a problem that did not stop the
    document (an unclosed quotation mark). ``source`` is empty for text given from Python;
    ``line`` is 1-based."""

    doc_id: str
    source: str
    line: Optional[int]
    level: str
    message: str


class Extraction(TypedDict):
    """What Pipeline.extract returns for one document."""

    id: str
    entities: List[EntityRow]
    mentions: List[MentionRow]
    claims: List[ClaimRow]
    warnings: List[WarningRow]


class DocumentFailure(TypedDict):
    """What Pipeline.extract_many yields, with errors="include", for a document it cannot
    extract: its id (None when the item had no usable one) and why."""

    id: Optional[str]
    error: str
