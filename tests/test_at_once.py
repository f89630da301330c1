"""Records checked at once are the records checked one at a time: same values, same problems."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcli import build, values
from factcli.check import Problems, Raw, Where, at_once, fields, schema
from factcli.declare import declared
from factcli.load import FactBaseError, load
from factcli.model import Event
from tests.conftest import SMALL, write_base

DATA = Path(__file__).parent / "data"
GENERATE = Path(__file__).parent.parent / "benchmarks" / "generate.py"
QUICK = settings(max_examples=300, deadline=None)

# Values a fact file may write for an event's fields, good and bad.
TOML_VALUES = st.one_of(
    st.sampled_from(["event-1", "a", "Ab", "a b", " ", "", "٢٠٠٧", "2007", "2007-02-29"]),
    st.sampled_from(["2008-02-29", "2007-13", "0000", "2007-1", "x\n", "Japan", "UK"]),
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
    st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2030, 1, 1)),
    st.integers(-1, 2024),
    st.booleans(),
    st.lists(st.sampled_from(["a", "Japan", " ", "", "uk"]) | st.integers(0, 3), max_size=3),
    st.dictionaries(st.sampled_from(["text", "date"]), st.just("2007"), max_size=2),
)
NAMES = [f.name for f in declared(Event)]
TABLES = st.dictionaries(st.sampled_from([*NAMES, "tittle", "kind"]), TOML_VALUES, max_size=9)
SOUND = st.fixed_dictionaries(
    {"id": st.from_regex(r"[a-z0-9-]{1,6}", fullmatch=True), "date": st.just("2007-05")},
    optional={"title": st.just("t"), "tags": st.lists(st.just("x"), max_size=2)},
)


def one_by_one(records: list[dict[str, Any]]) -> list[tuple[dict[str, Any], bool]]:
    raws = [Raw(Where("f.toml", "event", n), "event", r) for n, r in enumerate(records)]
    return [fields(Problems(), raw, Event) for raw in raws]


@QUICK
@given(st.lists(TABLES | SOUND.map(lambda r: {**r, "title": "t", "sources": ["s"]}), max_size=6))
def test_a_field_at_a_time_is_each_record_checked_alone(records: list[dict[str, Any]]) -> None:
    values._DATES.clear()  # the dates a run has seen are shared, not taken on trust
    alone = one_by_one(records)
    columns = at_once(Event, records)
    if columns is None:
        assert not all(ok for _, ok in alone)
        return
    assert all(ok for _, ok in alone)
    defaults = {f.name: f.default for f in declared(Event)}
    for n, (checked, _) in enumerate(alone):
        got = {name: column[n] for name, column in columns.items()}
        assert got == {**defaults, **checked}
        assert [type(v) for v in got.values()] == [
            type(v) for v in {**defaults, **checked}.values()
        ]


@QUICK
@given(st.lists(TOML_VALUES, max_size=6))
def test_each_column_check_is_its_check_of_each_value(given_values: list[Any]) -> None:
    for check, _ in schema(Event).values():
        try:
            expected: list[Any] | None = [check(v) for v in given_values]
        except values.Bad:
            expected = None
        try:
            got: list[Any] | None = values.column(check)(list(given_values))
        except (values.Bad, TypeError):
            got = None
        assert got == expected


def loaded(directory: Path) -> Any:
    try:
        return load(directory)
    except FactBaseError as e:
        return [str(p) for p in e.problems]


BREAKS = [
    ('id = "uk-expulsions"', 'id = "munich-speech"'),  # an id given twice
    ('"United Kingdom"]', '"Atlantis"]'),  # an unknown country
    ('date = "2007-02"', 'date = "2007-02-30"'),  # no such day
    ("title =", "tittle ="),  # an unknown field, and a missing one
]


def bases(tmp_path: Path) -> list[Path]:
    """The golden files, each alone, and the small base whole and with an event broken."""
    found = []
    for source in sorted(DATA.glob("*/*.toml")):
        directory = tmp_path / f"{source.parent.name}-{source.stem}"
        directory.mkdir()
        shutil.copy(source, directory)
        found.append(directory)
    found.append(write_base(tmp_path / "small", SMALL))
    for n, (old, new) in enumerate(BREAKS):
        assert old in SMALL["events.toml"], old
        events = SMALL["events.toml"].replace(old, new, 1)
        found.append(write_base(tmp_path / f"small-{n}", {**SMALL, "events.toml": events}))
    return found


def test_a_base_checked_at_once_is_a_base_checked_a_record_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert build._alone() == {"event"}
    for directory in bases(tmp_path):
        at_once_ = loaded(directory)
        with monkeypatch.context() as m:
            m.setattr(build, "_alone", set)
            assert loaded(directory) == at_once_, directory.name


def test_a_big_base_is_checked_a_few_hundred_records_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sound, and broken in its last records, which the first chunks do not see."""
    facts = tmp_path / "facts"
    subprocess.run([sys.executable, str(GENERATE), str(3 * build._CHUNK), str(facts)], check=True)
    events = (facts / "events.toml").read_text(encoding="utf-8")
    last = events.rindex("[[event]]")
    breaks = {
        "sound": events,
        "an id given twice": events[:last]
        + re.sub(r'id = "[^"]+"', 'id = "event-000001"', events[last:], count=1),
        "an unknown country": events[:last]
        + events[last:].replace("countries = [", 'countries = ["Oz", '),
        "an unknown org": events[:last]
        + events[last:].replace("tags = [", 'orgs = ["xyz"]\ntags = ['),
    }
    for what, text in breaks.items():
        (facts / "events.toml").write_text(text, encoding="utf-8")
        at_once_ = loaded(facts)
        assert isinstance(at_once_, list) == (what != "sound"), what
        with monkeypatch.context() as m:
            m.setattr(build, "_alone", set)
            assert loaded(facts) == at_once_, what
