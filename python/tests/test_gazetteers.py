"""Gazetteer folders: added to the built-in lists, alone, and their errors."""

from __future__ import annotations

from pathlib import Path

import pytest

import whosaid

TEXT = "Brightwater Trust said on Friday that Q. Harrow would chair the inquiry in Lyon."


def write_folder(path: Path, rows: list) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    lines = ["# id\ttype\tname\taliases\troles\twikidata"] + ["\t".join(r) for r in rows]
    (path / "local.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_folder(
        tmp_path / "gaz",
        [
            ("org:brightwater-trust", "ORG", "Brightwater Trust", "BWT", ""),
            ("person:quill-harrow", "PERSON", "Quill Harrow", "Q. Harrow", "Harbour Commissioner"),
        ],
    )


def ids(out: whosaid.Extraction) -> dict:
    return {e["entity_id"]: e for e in out["entities"]}


def test_a_folder_adds_to_the_built_in_lists(folder: Path) -> None:
    found = ids(whosaid.Pipeline(gazetteers=folder).extract(TEXT))
    assert found["org:brightwater-trust"]["type"] == "ORG"
    assert found["person:quill-harrow"]["type"] == "PERSON"  # by its alias "Q. Harrow"
    assert any(i.startswith("geonames:") for i in found)  # Lyon, from the built-in lists
    claim = whosaid.Pipeline(gazetteers=str(folder)).extract(TEXT)["claims"][0]
    assert claim["speaker_id"] == "org:brightwater-trust"


def test_a_row_with_a_wikidata_item_gives_it_to_its_entity(tmp_path: Path) -> None:
    # A sixth column holds the row's Wikidata item; five-column rows have none.
    folder = write_folder(
        tmp_path / "qid",
        [
            ("org:brightwater-trust", "ORG", "Brightwater Trust", "BWT", "", "Q4242"),
            ("person:quill-harrow", "PERSON", "Quill Harrow", "Q. Harrow", ""),
        ],
    )
    found = ids(whosaid.Pipeline(gazetteers=folder, default_gazetteers=False).extract(TEXT))
    assert found["org:brightwater-trust"]["wikidata"] == "Q4242"
    assert found["person:quill-harrow"]["wikidata"] is None
    tables = pytest.importorskip("pandas") and whosaid.to_pandas(
        [whosaid.Pipeline(gazetteers=folder, default_gazetteers=False).extract(TEXT)]
    )
    wikidata = tables["entities"].set_index("entity_id")["wikidata"]
    assert wikidata["org:brightwater-trust"] == "Q4242"
    assert wikidata.isna()["person:quill-harrow"]


def test_a_folder_alone(folder: Path) -> None:
    p = whosaid.Pipeline(gazetteers=[folder], default_gazetteers=False)
    assert p.gazetteers == [folder] and not p.default_gazetteers
    found = ids(p.extract(TEXT))
    assert "org:brightwater-trust" in found
    assert not any(i.startswith("geonames:") for i in found)


def test_several_folders(folder: Path, tmp_path: Path) -> None:
    other = write_folder(tmp_path / "more", [("org:kestrel-board", "ORG", "Kestrel Board", "", "")])
    p = whosaid.Pipeline(gazetteers=[folder, str(other)])
    found = ids(p.extract(TEXT + " The Kestrel Board agreed."))
    assert {"org:brightwater-trust", "org:kestrel-board"} <= set(found)


def test_errors_list_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "people.tsv").write_text(
        "# a comment\n"
        "person:ok-one\tPERSON\tOk One\t\t\n"
        "person:short\tPERSON\tOnly Three Columns\n"
        "person:bad-type\tPLANET\tBad Type\t\t\n"
        "person:bad-qid\tPERSON\tBad Qid\t\t\thttps://www.wikidata.org/wiki/Q42\n",
        encoding="utf-8",
    )
    with pytest.raises(whosaid.GazetteerError) as e:
        whosaid.Pipeline(gazetteers=bad)
    assert isinstance(e.value, ValueError)
    problems = e.value.problems
    assert len(problems) == 3
    assert problems[0].startswith(f"{bad / 'people.tsv'}:3: ")
    assert problems[1].startswith(f"{bad / 'people.tsv'}:4: ")
    assert problems[2].startswith(f"{bad / 'people.tsv'}:5: wikidata ")
    assert str(e.value).startswith("3 problem(s) in the gazetteers:\n")
    assert all(p in str(e.value) for p in problems)


def test_a_built_in_id_again_and_a_missing_folder(tmp_path: Path) -> None:
    again = write_folder(tmp_path / "again", [("geonames:2996944", "LOC", "Lyon Again", "", "")])
    with pytest.raises(whosaid.GazetteerError, match="geonames:2996944"):
        whosaid.Pipeline(gazetteers=again)
    whosaid.Pipeline(gazetteers=again, default_gazetteers=False)  # alone it is fine
    with pytest.raises(whosaid.GazetteerError, match="cannot read folder"):
        whosaid.Pipeline(gazetteers=tmp_path / "missing")


def test_gazetteers_argument_type() -> None:
    with pytest.raises(TypeError, match="gazetteers must be a path"):
        whosaid.Pipeline(gazetteers=3)  # type: ignore[arg-type]


def test_pattern_rules_of_a_folder(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "patterns.tsv").write_text(
        "# id\ttype\tpattern\treason\n"
        "user.operation\tORG\tOperation [A-Z][a-z]+\tnamed operations\n",
        encoding="utf-8",
    )
    out = whosaid.Pipeline(gazetteers=rules).extract("Troops joined Operation Sandstorm on Monday.")
    ours = [m for m in out["mentions"] if m["source"] == "rule:user.operation"]
    assert [(m["text"], m["type"], m["entity_id"]) for m in ours] == [
        ("Operation Sandstorm", "ORG", "org:operation-sandstorm")
    ]
    (rules / "patterns.tsv").write_text("user.bad\tORG\tOperation [A-Z\t\n", encoding="utf-8")
    with pytest.raises(whosaid.GazetteerError) as e:
        whosaid.Pipeline(gazetteers=rules)
    assert e.value.problems[0].startswith(f"{rules / 'patterns.tsv'}:1: invalid pattern")
