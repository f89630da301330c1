"""PartialDate and the helpers of model.py."""

from __future__ import annotations

import datetime as dt

import pytest

from factcli.model import PartialDate, fold, slug


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
