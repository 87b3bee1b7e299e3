"""whosaid.to_pandas: the four tables with their columns and dtypes, rows or none."""

from __future__ import annotations

import pytest
from conftest import HARBOUR, RIVER, UNCLOSED

import whosaid

pd = pytest.importorskip("pandas")

DTYPES = {
    "entities": {"mentions": "int64", "aliases": "object", "roles": "object"},
    "mentions": {"start": "int64", "end": "int64"},
    "claims": {
        "claim_id": "int64",
        "start": "int64",
        "end": "int64",
        "confidence": "float64",
        "speaker_start": "Int64",
        "speaker_end": "Int64",
        "cue_start": "Int64",
        "cue_end": "Int64",
    },
    "errors": {"line": "Int64"},
}


def check_schema(tables: dict) -> None:
    assert list(tables) == ["entities", "mentions", "claims", "errors"]
    for name, frame in tables.items():
        assert tuple(frame.columns) == whosaid.COLUMNS[name]
        for column in frame.columns:
            want = DTYPES[name].get(column, "string")
            assert str(frame[column].dtype) == want, (name, column)
            if want == "string":
                assert isinstance(frame[column].dtype, pd.StringDtype)


def test_dtypes_and_rows(pipeline: whosaid.Pipeline) -> None:
    results = list(pipeline.extract_many([("h", HARBOUR), ("r", RIVER), ("u", UNCLOSED)]))
    tables = whosaid.to_pandas(results)
    check_schema(tables)
    for name, key in [("entities", "entities"), ("mentions", "mentions"), ("claims", "claims")]:
        assert len(tables[name]) == sum(len(r[key]) for r in results)
    claims = tables["claims"]
    assert claims["cue_start"].isna().any() and claims["cue_start"].notna().any()
    assert claims.loc[claims.doc_id == "h", "speaker"].tolist() == ["Marisol Etxeberria"] * 2
    roles = tables["entities"].set_index("name").loc["Marisol Etxeberria", "roles"]
    assert roles == ["harbour master of Port Wendell"]
    (warning,) = tables["errors"].itertuples()
    assert (warning.doc_id, warning.level, warning.line) == ("u", "warning", 3)


def test_the_ten_most_quoted_people(pipeline: whosaid.Pipeline) -> None:
    tables = whosaid.to_pandas(pipeline.extract_many([("h", HARBOUR), ("r", RIVER)]))
    claims = tables["claims"]
    top = claims[claims.speaker_type == "PERSON"].groupby("speaker").size()
    assert top.sort_values(ascending=False).head(10).to_dict() == {
        "Marisol Etxeberria": 2,
        "Zoë Núñez-Okafor": 1,
    }


def test_empty_results_keep_columns_and_dtypes() -> None:
    tables = whosaid.to_pandas([])
    check_schema(tables)
    assert all(len(t) == 0 for t in tables.values())


def test_failures_become_error_rows(pipeline: whosaid.Pipeline) -> None:
    results = pipeline.extract_many([("ok", HARBOUR), ("blank", " ")], errors="include")
    tables = whosaid.to_pandas(results)
    check_schema(tables)
    (row,) = tables["errors"].itertuples()
    assert (row.doc_id, row.level, row.message) == ("blank", "error", 'empty "text"')
    assert row.line is pd.NA
