"""The package's rows equal the command line's CSV rows for the same documents. Runs when
WHOSAID_BIN names the whosaid binary (python/run_tests.sh sets it when it finds one)."""

from __future__ import annotations

import csv
import json
import os
import subprocess
from pathlib import Path
from typing import Any, Dict, List

import pytest
from conftest import HARBOUR, RIVER, UNCLOSED, article

import whosaid

BIN = os.environ.get("WHOSAID_BIN")
pytestmark = pytest.mark.skipif(not BIN, reason="set WHOSAID_BIN to the whosaid binary")


def as_csv(value: Any) -> str:
    """A value as the CSV tables write it."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "|".join(value)
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def read_table(path: Path) -> List[Dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("all_quotes", [False, True])
def test_rows_equal_the_cli_csv_rows(tmp_path: Path, all_quotes: bool) -> None:
    docs = [("harbour", HARBOUR), ("river", RIVER), ("unclosed", UNCLOSED)]
    docs += [(f"a{i}", article(i) + " So-called “experts” were not asked.") for i in range(20)]
    src = tmp_path / "docs.jsonl"
    src.write_text(
        "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in docs), encoding="utf-8"
    )
    out = tmp_path / "out"
    flags = ["--all-quotes"] if all_quotes else []
    subprocess.run([BIN, "extract", str(src), "--out", str(out), "-q", *flags], check=True)  # type: ignore[list-item]

    results = list(whosaid.Pipeline(all_quotes=all_quotes).extract_many(docs, threads=2))
    for table, key in [("entities", "entities"), ("mentions", "mentions"), ("claims", "claims")]:
        cli = read_table(out / f"{table}.csv")
        assert tuple(cli[0]) == whosaid.COLUMNS[table]
        ours = [
            {k: as_csv(v) for k, v in row.items()} for r in results for row in r[key]
        ]
        assert ours == cli, table
    # Warnings: the same rows but for the source column (a file there, empty here).
    cli_errors = read_table(out / "errors.csv")
    assert tuple(cli_errors[0]) == whosaid.COLUMNS["errors"]
    ours_w = [
        {k: as_csv(v) for k, v in row.items() if k != "source"}
        for r in results
        for row in r["warnings"]
    ]
    assert ours_w == [{k: v for k, v in row.items() if k != "source"} for row in cli_errors]
    assert ours_w, "the example should give a warning"
