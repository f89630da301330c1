"""PartialDate and the helpers of model.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcli.dates import DATE_PATTERN
from factcli.declare import maker
from factcli.model import Country, Event, Org, PartialDate, fold, slug


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2007", dt.date(2007, 1, 1), dt.date(2007, 12, 31)),
        ("2007-02", dt.date(2007, 2, 1), dt.date(2007, 2, 28)),
        ("2008-02", dt.date(2008, 2, 1), dt.date(2008, 2, 29)),
        ("2007-12", dt.date(2007, 12, 1), dt.date(2007, 12, 31)),
        ("2007-05-31", dt.date(2007, 5, 31), dt.date(2007, 5, 31)),
    ],
)
def test_a_partial_date_is_the_whole_period_it_names(
    text: str, start: dt.date, end: dt.date
) -> None:
    date = PartialDate.parse(text)
    assert (date.start, date.end) == (start, end)
    assert str(date) == text


@pytest.mark.parametrize(
    "text",
    ["2007-13", "2007-00", "2007-02-30", "20077", "07", "2007-1", "soon", "", "0000", " 2007"],
)
def test_invalid_dates(text: str) -> None:
    with pytest.raises(ValueError, match="invalid date"):
        PartialDate.parse(text)


@given(
    st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", fullmatch=True)
    | st.text(alphabet="0123-W+ ٢\n", min_size=7, max_size=11)
)
def test_a_date_is_what_the_pattern_and_the_calendar_say(text: str) -> None:
    """parse() takes most days without the pattern: it must take exactly what the pattern
    takes and the calendar has."""
    m = re.fullmatch(DATE_PATTERN, text)
    try:
        expected = None if m is None else PartialDate(int(m[1]), int(m[2] or 0), int(m[3] or 0))
        if m is not None and m[3] is not None:
            dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        expected = None
    try:
        got = PartialDate.parse(text)
    except ValueError:
        got = None
    assert got == expected


def test_a_toml_date_keeps_day_precision() -> None:
    assert str(PartialDate.from_date(dt.date(1997, 5, 27))) == "1997-05-27"


def test_a_period_sorts_before_the_more_precise_dates_inside_it() -> None:
    texts = ["2007-01-15", "2007-02", "2007", "2006-12-31", "2007-01", "2007-01-01"]
    ordered = sorted((PartialDate.parse(t) for t in texts), key=lambda d: d.sort_key)
    assert [str(d) for d in ordered] == [
        "2006-12-31", "2007", "2007-01", "2007-01-01", "2007-01-15", "2007-02",
    ]  # fmt: skip


def test_fold_ignores_case_and_accents() -> None:
    assert fold("Rüütel") == fold("RUUTEL") == "ruutel"
    assert fold("Côte d’Ivoire") == "cote d’ivoire"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("United Kingdom", "united-kingdom"), ("Côte d'Ivoire", "cote-d-ivoire"), ("Japan", "japan")],
)
def test_country_ids_are_slugs(name: str, expected: str) -> None:
    assert slug(name) == expected


@pytest.mark.parametrize("cls", [Event, Org, Country, PartialDate])
def test_a_made_record_is_the_record_its_class_makes(cls: type[Any]) -> None:
    every = dataclasses.fields(cls)
    given = {
        f.name: PartialDate(2007) if "date" in f.name else f"v{i}" for i, f in enumerate(every)
    }
    made, expected = maker(cls)(*given.values()), cls(**given)
    assert (made, hash(made), repr(made)) == (expected, hash(expected), repr(expected))
    assert type(made) is cls
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(made, every[0].name, "x")
    changed = {every[0].name: "x"}
    assert dataclasses.replace(made, **changed) == dataclasses.replace(expected, **changed)


def test_only_slotted_records_are_made_field_by_field() -> None:
    @dataclasses.dataclass(frozen=True)
    class Plain:
        a: int

    with pytest.raises(TypeError):
        maker(Plain)
