"""Pipeline.extract: typed rows, code-point offsets, speakers, errors."""

from __future__ import annotations

import pickle

import pytest
from conftest import HARBOUR, RIVER, UNCLOSED

import whosaid


def test_version_is_the_package_version() -> None:
    from importlib.metadata import version

    assert whosaid.__version__ == version("whosaid")


def test_result_has_the_tables_and_the_csv_columns(pipeline: whosaid.Pipeline) -> None:
    out = pipeline.extract(HARBOUR + "\n" + UNCLOSED, id="harbour")
    assert list(out) == ["id", "entities", "mentions", "claims", "warnings"]
    assert out["id"] == "harbour"
    for table, key in [
        ("entities", "entities"),
        ("mentions", "mentions"),
        ("claims", "claims"),
        ("errors", "warnings"),
    ]:
        rows = out[key]  # type: ignore[literal-required]
        assert rows, key
        for row in rows:
            assert tuple(row) == whosaid.COLUMNS[table]
            assert row["doc_id"] == "harbour"


def test_values_are_typed(pipeline: whosaid.Pipeline) -> None:
    out = pipeline.extract(HARBOUR)
    assert out["id"] == "doc"
    for e in out["entities"]:
        assert isinstance(e["mentions"], int) and e["mentions"] >= 1
        assert isinstance(e["aliases"], list) and isinstance(e["roles"], list)
        assert all(isinstance(x, str) for x in e["aliases"] + e["roles"])
        assert e["wikidata"] is None or e["wikidata"].startswith("Q")
    for m in out["mentions"]:
        assert type(m["start"]) is int and type(m["end"]) is int
    claims = out["claims"]
    for c in claims:
        assert type(c["claim_id"]) is int
        assert type(c["confidence"]) is float and 0 <= c["confidence"] <= 1
        for k in ("speaker_start", "speaker_end", "cue_start", "cue_end"):
            assert c[k] is None or type(c[k]) is int  # type: ignore[literal-required]
    assert [c["claim_id"] for c in claims] == list(range(1, len(claims) + 1))


def test_speakers(pipeline: whosaid.Pipeline) -> None:
    out = pipeline.extract(HARBOUR)
    people = {e["name"]: e for e in out["entities"] if e["type"] == "PERSON"}
    assert people["Marisol Etxeberria"]["roles"] == ["harbour master of Port Wendell"]
    said, told = out["claims"]
    assert (said["kind"], said["speaker"], said["speaker_type"], said["cue"]) == (
        "indirect",
        "Marisol Etxeberria",
        "PERSON",
        "said",
    )
    assert said["text"] == "the ferry service would resume next week"
    assert said["speaker_role"] == "harbour master of Port Wendell"
    assert told["kind"] == "direct"
    assert told["text"] == "The storm damage was worse than we feared,"
    assert told["speaker"] == "Marisol Etxeberria"
    assert told["speaker_id"] == people["Marisol Etxeberria"]["entity_id"]
    assert told["speaker_mention"] == "she"  # named through the pronoun
    assert told["cue"] == "told"


def test_offsets_are_code_points(pipeline: whosaid.Pipeline) -> None:
    text = RIVER
    out = pipeline.extract(text)
    assert out["mentions"] and out["claims"]
    for m in out["mentions"]:
        assert text[m["start"] : m["end"]] == m["text"]
    zoe = next(m for m in out["mentions"] if m["text"] == "Zoë Núñez-Okafor")
    # Two emoji and a space before it: 3 code points (5 UTF-16 units, 9 UTF-8 bytes).
    assert zoe["start"] == 3
    assert any(m["text"] == "Besançon" and m["type"] == "LOC" for m in out["mentions"])
    for c in out["claims"]:
        assert text[c["start"] : c["end"]] == c["text"]
        if c["speaker_start"] is not None and c["speaker_end"] is not None:
            assert text[c["speaker_start"] : c["speaker_end"]] == c["speaker_mention"]
        if c["cue_start"] is not None and c["cue_end"] is not None:
            assert text[c["cue_start"] : c["cue_end"]] == c["cue"]
    quote = next(c for c in out["claims"] if c["text"].startswith("higher"))
    assert quote["speaker"] == "Zoë Núñez-Okafor"


def test_warnings_and_absent_values(pipeline: whosaid.Pipeline) -> None:
    out = pipeline.extract(UNCLOSED, id="u")
    (w,) = out["warnings"]
    assert w["level"] == "warning" and w["line"] == 3 and w["source"] == ""
    assert "unclosed quotation mark" in w["message"]
    # A claim without a cue word has None offsets, not empty strings.
    assert any(c["cue_start"] is None and c["cue"] == "" for c in out["claims"])


def test_all_quotes_adds_scare_quotes() -> None:
    text = "The so-called “reform” was announced by the ministry on Friday."
    plain = whosaid.Pipeline().extract(text)
    every = whosaid.Pipeline(all_quotes=True).extract(text)
    assert not [c for c in plain["claims"] if c["text"] == "reform"]
    assert [c["kind"] for c in every["claims"] if c["text"] == "reform"] == ["term"]


def test_int_ids_are_written_in_decimal(pipeline: whosaid.Pipeline) -> None:
    assert pipeline.extract(HARBOUR, id=42)["id"] == "42"


def test_non_str_text_is_a_type_error_naming_the_document(
    pipeline: whosaid.Pipeline,
) -> None:
    with pytest.raises(TypeError, match=r"document 'b1'.*must be a string, not bytes"):
        pipeline.extract(HARBOUR.encode(), id="b1")  # type: ignore[arg-type]
    with pytest.raises(whosaid.DocumentTypeError) as e:
        pipeline.extract(None, id="n1")  # type: ignore[arg-type]
    assert isinstance(e.value, whosaid.DocumentError) and e.value.doc_id == "n1"
    with pytest.raises(TypeError, match="id must be a str or an int"):
        pipeline.extract(HARBOUR, id=1.5)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_text_is_a_document_error(pipeline: whosaid.Pipeline, text: str) -> None:
    with pytest.raises(whosaid.DocumentError, match="document 'e1': empty \"text\"") as e:
        pipeline.extract(text, id="e1")
    assert isinstance(e.value, ValueError) and not isinstance(e.value, TypeError)
    assert (e.value.doc_id, e.value.index, e.value.reason) == ("e1", None, 'empty "text"')


def test_too_large_and_unencodable_text(pipeline: whosaid.Pipeline) -> None:
    big = "a" * (whosaid.MAX_DOCUMENT_BYTES + 1)
    with pytest.raises(whosaid.DocumentError, match="larger than 32 MiB"):
        pipeline.extract(big, id="big")
    with pytest.raises(whosaid.DocumentError, match="cannot be encoded as UTF-8"):
        pipeline.extract("a lone surrogate \ud800 here", id="s")


def test_explain(pipeline: whosaid.Pipeline) -> None:
    text = pipeline.explain(HARBOUR, id="h")
    assert text.startswith("document h: 2 claims")
    assert "Marisol Etxeberria" in text and "candidates" in text
    with pytest.raises(whosaid.DocumentError):
        pipeline.explain(" ")


def test_pipeline_pickles_and_reprs(tmp_path: object) -> None:
    p = whosaid.Pipeline(default_gazetteers=True, all_quotes=True)
    assert repr(p) == "Pipeline(gazetteers=[], default_gazetteers=True, all_quotes=True)"
    q = pickle.loads(pickle.dumps(p))
    assert (q.all_quotes, q.default_gazetteers, q.gazetteers) == (True, True, [])
    assert q.extract(HARBOUR) == p.extract(HARBOUR)


def test_exceptions_pickle() -> None:
    e = whosaid.DocumentError("document 'x': empty", "x", 3, "empty")
    f = pickle.loads(pickle.dumps(e))
    assert (str(f), f.doc_id, f.index, f.reason) == (str(e), "x", 3, "empty")
    g = pickle.loads(pickle.dumps(whosaid.GazetteerError("bad", ["a.tsv:1: x"])))
    assert g.problems == ["a.tsv:1: x"]
