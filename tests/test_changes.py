"""changes: every change of state in a period, from the histories the registry knows."""

from __future__ import annotations

import pytest

from factcli.changes import Change, changes
from factcli.dates import PartialDate, Period
from factcli.load import load
from factcli.model import FactBase
from tests.conftest import write_base

FACTS = {
    "base.toml": """
        [meta]
        subject = "Russia"

        [[country]]
        name = "Georgia"
        iso2 = "GE"
        iso3 = "GEO"
        sources = ["s"]
        relations = [
          { relation = "Strained", since = "1992" },
          { relation = "Severed", since = "2008-08-29" },
        ]

        [[country]]
        name = "Japan"
        iso2 = "JP"
        iso3 = "JPN"
        sources = ["s"]

        [[org]]
        id = "g8"
        name = "Group of Eight"
        category = "forum"
        founded = "1997"
        terms = [
          { role = "member", since = "1997-06" },
          { role = "suspended", since = "2014-03-24", until = "2017-01-13", end = "left" },
        ]
        sources = ["s"]

        [[org]]
        id = "wto"
        name = "World Trade Organization"
        category = "trade"
        role = "observer"
        sources = ["s"]

        [[dispute]]
        id = "kurils"
        name = "Kuril Islands dispute"
        countries = ["Japan"]
        territories = ["Iturup"]
        status = "unresolved"
        since = "1945"
        summary = "s"
        sources = ["s"]

        [[event]]
        id = "war"
        date = "2008-08-08"
        title = "The war"
        countries = ["Georgia"]
        sources = ["s"]
        """
}


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> FactBase:
    return load(write_base(tmp_path_factory.mktemp("changes"), FACTS))


def period(since: str | None = None, until: str | None = None) -> Period:
    return Period.of(since, until, None)


def said(found: list[Change]) -> list[tuple[str, str, str, str | None, str | None, str | None]]:
    return [(str(c.date), c.kind, c.id, c.old, c.new, c.end) for c in found]


def test_every_change_in_date_order(base: FactBase) -> None:
    assert said(changes(base)) == [
        ("1945", "dispute", "kurils", None, "unresolved", None),
        ("1992", "country", "georgia", None, "Strained", None),
        ("1997-06", "org", "g8", None, "member", None),
        ("2008-08-29", "country", "georgia", "Strained", "Severed", None),
        ("2014-03-24", "org", "g8", "member", "suspended", None),
        ("2017-01-13", "org", "g8", "suspended", None, "left"),
    ]


def test_a_period_keeps_the_changes_inside_it(base: FactBase) -> None:
    assert said(changes(base, period("2008", "2014"))) == [
        ("2008-08-29", "country", "georgia", "Strained", "Severed", None),
        ("2014-03-24", "org", "g8", "member", "suspended", None),
    ]


def test_partial_dates_at_the_edges_overlap(base: FactBase) -> None:
    # "1997-06" is inside --since 1997-06-15 and --until 1997: periods overlap, inclusive.
    assert [c.id for c in changes(base, period("1997-06-15", "1997"))] == ["g8"]
    assert [c.id for c in changes(base, period("1945-12-31", "1945-12-31"))] == ["kurils"]


def test_an_empty_period_has_no_changes(base: FactBase) -> None:
    assert changes(base, period("1950", "1990")) == []


def test_a_country_keeps_what_concerns_it(base: FactBase) -> None:
    assert [(c.kind, c.id) for c in changes(base, countries=["Japan"])] == [("dispute", "kurils")]
    assert {c.id for c in changes(base, countries=["Georgia"])} == {"georgia"}


def test_a_kind_keeps_its_changes(base: FactBase) -> None:
    assert {c.kind for c in changes(base, kinds=["org"])} == {"org"}
    assert changes(base, kinds=["event"]) == []


def test_a_start_recorded_nowhere_is_never_placed(base: FactBase) -> None:
    unknown: list[Change] = []
    assert "wto" not in {c.id for c in changes(base, unknown=unknown)}
    assert [(c.id, c.new) for c in unknown] == [("wto", "observer")]


def test_the_json_object(base: FactBase) -> None:
    last = changes(base)[-1].as_dict()
    assert last == {"date": "2017-01-13", "kind": "org", "id": "g8", "name": "Group of Eight",
                    "field": "role", "from": "suspended", "to": None, "end": "left"}  # fmt: skip
    assert PartialDate.parse(last["date"]) == PartialDate(2017, 1, 13)
