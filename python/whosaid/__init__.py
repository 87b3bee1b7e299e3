"""whosaid: who is mentioned in news text, and who said what.

People, organisations and places, and quotes and reported claims with their speakers,
extracted by the Rust pipeline of the ``whosaid`` command line. Results are the rows of its
tables (README, "Output tables"), typed, with code-point offsets (``text[start:end]``)::

    import whosaid
    pipeline = whosaid.Pipeline()
    out = pipeline.extract("“We are ready,” said Ada Brook, a retired naval officer.")
    out["claims"][0]["speaker"]                    # 'Ada Brook'

    docs = ({"id": p.stem, "text": p.read_text()} for p in Path("corpus").glob("*.txt"))
    tables = whosaid.to_pandas(pipeline.extract_many(docs))   # needs pandas
    tables["claims"].groupby("speaker").size()

Pipeline(gazetteers=None, default_gazetteers=True, all_quotes=False)
    extract(text, id="doc") -> Extraction       one document
    extract_many(docs, threads=0, errors="raise") -> iterator of results, in input order,
        extracted in parallel with the interpreter released
    explain(text, id="doc") -> str              why each claim has its speaker
to_pandas(results) -> {"entities", "mentions", "claims", "errors"}: DataFrames
GazetteerError, DocumentError, DocumentTypeError: the exceptions (ValueError, TypeError)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Tuple

from ._errors import DocumentError, DocumentTypeError, GazetteerError
from ._types import (
    ClaimRow,
    DocumentFailure,
    EntityRow,
    Extraction,
    MentionRow,
    WarningRow,
)
from ._whosaid import MAX_DOCUMENT_BYTES, Pipeline, Results, __version__

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = [
    "COLUMNS",
    "ClaimRow",
    "DocumentError",
    "DocumentFailure",
    "DocumentTypeError",
    "EntityRow",
    "Extraction",
    "GazetteerError",
    "MAX_DOCUMENT_BYTES",
    "MentionRow",
    "Pipeline",
    "Results",
    "WarningRow",
    "__version__",
    "to_pandas",
]

# The pandas dtype of every column, in the order of the CSV tables. Text is pandas'
# "string" dtype (missing values are pd.NA), always-present integers int64, optional ones
# the nullable Int64, confidence float64, aliases and roles Python lists (object); the
# entities' wikidata is a string column with <NA> where the entity has no Wikidata item.
_SCHEMA: Dict[str, Tuple[Tuple[str, str], ...]] = {
    "entities": (
        ("doc_id", "string"),
        ("entity_id", "string"),
        ("name", "string"),
        ("type", "string"),
        ("mentions", "int64"),
        ("aliases", "object"),
        ("roles", "object"),
        ("wikidata", "string"),
    ),
    "mentions": (
        ("doc_id", "string"),
        ("entity_id", "string"),
        ("start", "int64"),
        ("end", "int64"),
        ("text", "string"),
        ("type", "string"),
        ("source", "string"),
    ),
    "claims": (
        ("doc_id", "string"),
        ("claim_id", "int64"),
        ("kind", "string"),
        ("speaker", "string"),
        ("speaker_id", "string"),
        ("speaker_type", "string"),
        ("speaker_role", "string"),
        ("cue", "string"),
        ("start", "int64"),
        ("end", "int64"),
        ("text", "string"),
        ("rule", "string"),
        ("confidence", "float64"),
        ("speaker_mention", "string"),
        ("speaker_start", "Int64"),
        ("speaker_end", "Int64"),
        ("cue_start", "Int64"),
        ("cue_end", "Int64"),
    ),
    "errors": (
        ("doc_id", "string"),
        ("source", "string"),
        ("line", "Int64"),
        ("level", "string"),
        ("message", "string"),
    ),
}

#: The columns of each table, in the order of the command line's CSV files.
COLUMNS: Dict[str, Tuple[str, ...]] = {
    table: tuple(name for name, _ in schema) for table, schema in _SCHEMA.items()
}


def to_pandas(results: Iterable[Mapping[str, Any]]) -> Dict[str, pandas.DataFrame]:
    """The rows of extract or extract_many results as four pandas DataFrames.

    Returns ``{"entities", "mentions", "claims", "errors"}``, each with the columns of the
    CSV table of that name in its order (``COLUMNS``), also when it has no rows, and these
    dtypes: text columns pandas' ``string`` dtype, always-present integers (offsets,
    counts, claim_id) ``int64``, optional integers (speaker_start, speaker_end, cue_start,
    cue_end, line) the nullable ``Int64`` with ``<NA>`` where absent, confidence
    ``float64``, aliases and roles ``object`` columns holding lists of str, and wikidata
    (the entity's Wikidata item, "Q42") ``string`` with ``<NA>`` where there is none.

    ``errors`` holds every result's warnings (level "warning") and, for the failures that
    ``extract_many(..., errors="include")`` yields, one row each with level "error", the
    document's id and the reason as message. Needs pandas (``pip install pandas``).
    """
    import pandas as pd

    rows: Dict[str, List[Mapping[str, Any]]] = {table: [] for table in _SCHEMA}
    for result in results:
        if "error" in result:
            rows["errors"].append(
                {
                    "doc_id": result.get("id"),
                    "source": "",
                    "line": None,
                    "level": "error",
                    "message": result["error"],
                }
            )
            continue
        for table, key in (
            ("entities", "entities"),
            ("mentions", "mentions"),
            ("claims", "claims"),
            ("errors", "warnings"),
        ):
            rows[table].extend(result[key])
    return {
        table: pd.DataFrame(
            {
                name: pd.Series([row[name] for row in rows[table]], dtype=dtype)
                for name, dtype in schema
            },
            columns=list(COLUMNS[table]),
        )
        for table, schema in _SCHEMA.items()
    }
