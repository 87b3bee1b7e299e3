"""Not a test module: code that uses the package as a user would, for `mypy --strict`
(test_typing.py runs it when mypy is installed), so that the stubs are checked."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

import whosaid


def docs(folder: Path) -> Iterator[Dict[str, str]]:
    for p in sorted(folder.glob("*.txt")):
        yield {"id": p.stem, "text": p.read_text(encoding="utf-8")}


def speakers(pipeline: whosaid.Pipeline, folder: Path) -> List[Tuple[str, float]]:
    out: List[Tuple[str, float]] = []
    for result in pipeline.extract_many(docs(folder), threads=2):
        for claim in result["claims"]:
            start: Optional[int] = claim["speaker_start"]
            if start is not None and claim["speaker_type"] == "PERSON":
                out.append((claim["speaker"], claim["confidence"]))
    return out


def failures(pipeline: whosaid.Pipeline, items: List[Tuple[str, str]]) -> List[str]:
    bad: List[str] = []
    for r in pipeline.extract_many(items, errors="include"):
        if "error" in r:
            bad.append(r["error"])  # type: ignore[typeddict-item]
    return bad


def main() -> None:
    p = whosaid.Pipeline(gazetteers=[Path("gaz")], default_gazetteers=False, all_quotes=True)
    one: whosaid.Extraction = p.extract("“Yes,” said Ada Brook.", id=3)
    entities: List[whosaid.EntityRow] = one["entities"]
    names = [e["name"] for e in entities] + [m["text"] for m in one["mentions"]]
    lines = [w["line"] for w in one["warnings"]]
    print(names, lines, p.explain("text"), whosaid.__version__, whosaid.MAX_DOCUMENT_BYTES)
    print(speakers(p, Path(".")), failures(p, [("a", "b")]), p.gazetteers, whosaid.COLUMNS)
    try:
        whosaid.Pipeline(gazetteers="missing")
    except whosaid.GazetteerError as e:
        print(e.problems)
    try:
        p.extract("")
    except whosaid.DocumentError as e:
        print(e.doc_id, e.index, e.reason)
