"""The loader against golden files: valid/*.toml beside *.json, invalid/*.toml beside *.txt."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from factcli.kinds import as_dict
from factcli.load import FactBaseError, FactsDirMissing, load
from factcli.model import FactBase, Record
from tests.conftest import SMALL, write_base

DATA = Path(__file__).parent / "data"
VALID = sorted((DATA / "valid").glob("*.toml"))
INVALID = sorted((DATA / "invalid").glob("*.toml"))


def test_the_golden_globs_are_not_empty() -> None:
    assert len(VALID) >= 3
    assert len(INVALID) >= 7


def dump(base: FactBase) -> dict[str, Any]:
    meta = base.meta
    return {
        "meta": None
        if meta is None
        else {
            "subject": meta.subject,
            "title": meta.title,
            "as_of": None if meta.as_of is None else str(meta.as_of),
        },
        "records": [as_dict(r) for r in records(base)],
    }


def records(base: FactBase) -> list[Record]:
    return [*base.countries, *base.orgs, *base.disputes, *base.events]


def alone(tmp_path: Path, source: Path) -> Path:
    """A fact directory holding just this one file."""
    shutil.copy(source, tmp_path)
    return tmp_path


# What version 2 adds to every record's JSON: the histories, and how an org's tie ended;
# what version 3 adds: an org's own dates.
ADDED = ("terms", "relations", "end", "founded", "dissolved")


@pytest.mark.parametrize("source", VALID, ids=lambda p: p.stem)
def test_valid(source: Path, tmp_path: Path) -> None:
    """Version 1 files load and print the JSON they printed before, plus the added keys."""
    expected = json.loads(source.with_suffix(".json").read_text(encoding="utf-8"))
    got = dump(load(alone(tmp_path, source)))
    added = [{k: r.pop(k) for k in ADDED if k in r} for r in got["records"]]
    assert got == expected
    for record, extra in zip(expected["records"], added, strict=True):
        match record["kind"]:
            case "org":
                term = {k: record[k] for k in ("role", "since", "until")}
                tie = {"terms": [{**term, "end": None, "note": None}], "end": None}
                assert extra == {**tie, "founded": None, "dissolved": None}
            case "dispute":
                term = {"status": record["status"], "since": record["since"]}
                assert extra == {"terms": [{**term, "until": None, "note": None}]}
            case "country":
                line = record["relation"]
                relations = [{"relation": line, "since": None, "until": None, "note": None}]
                assert extra == {"relations": relations if line else []}
            case "event":
                assert extra == {}


@pytest.mark.parametrize("source", INVALID, ids=lambda p: p.stem)
def test_invalid(source: Path, tmp_path: Path) -> None:
    expected = source.with_suffix(".txt").read_text(encoding="utf-8").splitlines()
    with pytest.raises(FactBaseError) as caught:
        load(alone(tmp_path, source))
    assert [str(p).replace(f"{tmp_path}/", "") for p in caught.value.problems] == expected


def problems(directory: Path) -> list[str]:
    with pytest.raises(FactBaseError) as caught:
        load(directory)
    return [str(p).replace(f"{directory}/", "") for p in caught.value.problems]


def test_the_small_base_loads_with_canonical_references(small: Path) -> None:
    base = load(small)
    assert [c.name for c in base.countries][:2] == ["Japan", "United Kingdom"]
    by_id = {e.id: e for e in base.events}
    assert by_id["uk-expulsions"].countries == ("United Kingdom",)
    assert by_id["border-treaty"].countries == ("Estonia",)
    assert str(by_id["border-treaty"].date) == "2005-05-18"
    assert base.disputes[0].countries == ("Japan",)
    assert base.subject == "Russia"


def test_problems_of_several_files_are_sorted_by_file_then_line(tmp_path: Path) -> None:
    base = write_base(
        tmp_path / "b",
        {
            **SMALL,
            "b.toml": '[[event]]\nid = "x"\ndate = "2001"\ntitle = "x"\nsources = []\n',
            "a.toml": '[[org]]\nid = "o"\nname = "n"\nrole = "boss"\ncategory = "c"\n'
            'sources = ["s"]\n\n[[org]]\nid = "o"\nname = "m"\nrole = "member"\n'
            'category = "c"\nsources = ["s"]\n',
        },
    )
    assert problems(base) == [
        "a.toml:4: org 'o': 'role': invalid value 'boss' "
        "(expected member | observer | partner | participant | suspended | former)",
        "a.toml:9: org 'o': duplicate org id 'o' (first at a.toml:1)",
        "b.toml:5: event 'x': 'sources': must name at least one source",
    ]


def test_a_second_meta_in_another_file(tmp_path: Path) -> None:
    base = write_base(tmp_path / "b", {**SMALL, "z.toml": '[meta]\nsubject = "Other"\n'})
    assert problems(base) == [
        "z.toml:1: a second [meta]: a fact base has at most one (first at countries.toml:1)"
    ]


def test_every_bad_file_is_reported_in_one_run(tmp_path: Path) -> None:
    base = write_base(
        tmp_path / "b",
        {**SMALL, "x.toml": b"title = \xff\n", "y.toml": "[[event]\n", "z.toml": "event = 3\n"},
    )
    assert problems(base) == [
        "x.toml:1: not UTF-8: byte 0xff at line 1, column 9",
        "y.toml:1: invalid TOML at line 1, column 8: Expected ']]' at the end of an array "
        "declaration",
        "z.toml:1: 'event' must be an array of tables: [[event]]",
    ]


def test_an_empty_directory_is_a_problem(tmp_path: Path) -> None:
    assert problems(tmp_path) == [f"{tmp_path}: no fact files (*.toml) in this directory"]


def test_a_missing_directory_is_its_own_error(tmp_path: Path) -> None:
    with pytest.raises(FactsDirMissing, match="does not exist"):
        load(tmp_path / "nowhere")


def test_files_are_read_in_sorted_order(tmp_path: Path) -> None:
    event = '[[event]]\nid = "{0}"\ndate = "2001"\ntitle = "{0}"\nsources = ["s"]\n'
    base = write_base(tmp_path / "b", {"b.toml": event.format("b"), "a.toml": event.format("a")})
    assert [e.id for e in load(base).events] == ["a", "b"]
    assert [Path(f).name for f in load(base).files] == ["a.toml", "b.toml"]


@pytest.mark.parametrize("events", [1, 600], ids=["one event", "events checked at once"])
def test_a_country_named_twice_is_one_reference(tmp_path: Path, events: int) -> None:
    event = '[[event]]\nid = "e{0}"\ndate = "2001"\ntitle = "t"\ncountries = {1}\nsources = ["s"]\n'
    text = "".join(event.format(i, '["JP", "japan", "JPN", "UK"]') for i in range(events))
    base = load(write_base(tmp_path / "f", {**SMALL, "events.toml": text}))
    assert {e.countries for e in base.events} == {("Japan", "United Kingdom")}
