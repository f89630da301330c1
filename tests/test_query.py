"""Filtering and ordering over a loaded fact base."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcli import query, searching
from factcli.load import load
from factcli.model import End, FactBase, Kind, PartialDate, Role, Status
from factcli.query import Period, QueryError
from tests.conftest import write_base


@pytest.fixture
def base(small: Path) -> FactBase:
    return load(small)


def ids(records: list) -> list[str]:  # type: ignore[type-arg]
    return [r.id for r in records]


def test_events_are_by_date_with_a_period_before_the_days_inside_it(base: FactBase) -> None:
    assert ids(query.events(base)) == [
        "border-treaty",
        "year-2007",
        "munich-speech",
        "uk-expulsions",
    ]


@pytest.mark.parametrize(
    ("since", "until", "year", "expected"),
    [
        (None, None, "2007", ["year-2007", "munich-speech", "uk-expulsions"]),
        ("2007-03", None, None, ["year-2007", "uk-expulsions"]),
        (None, "2007-01", None, ["border-treaty", "year-2007"]),
        ("2007-02-10", "2007-02-20", None, ["year-2007", "munich-speech"]),
        ("2005-05-18", "2005-05-18", None, ["border-treaty"]),
        ("2008", None, None, []),
    ],
)
def test_date_filters_keep_what_overlaps(
    base: FactBase, since: str | None, until: str | None, year: str | None, expected: list[str]
) -> None:
    assert ids(query.events(base, period=Period.of(since, until, year))) == expected


@pytest.mark.parametrize(
    ("since", "until", "year", "message"),
    [
        ("2007-13", None, None, "invalid date '2007-13' (expected YYYY, YYYY-MM or YYYY-MM-DD)"),
        (
            None,
            "2007-02-30",
            None,
            "invalid date '2007-02-30' (expected YYYY, YYYY-MM or YYYY-MM-DD)",
        ),
        (None, None, "20077", "invalid year '20077' (expected YYYY)"),
        (None, None, "2007-02", "invalid year '2007-02' (expected YYYY)"),
        ("2009", "2001", None, "--since 2009 is after --until 2001"),
        ("2009", None, "2001", "--since 2009 is after --year 2001"),
        (None, "2000", "2001", "--year 2001 is after --until 2000"),
    ],
)
def test_bad_periods(since: str | None, until: str | None, year: str | None, message: str) -> None:
    with pytest.raises(QueryError) as caught:
        Period.of(since, until, year)
    assert str(caught.value) == message


def test_event_filters(base: FactBase) -> None:
    assert ids(query.events(base, countries=["United Kingdom"])) == ["year-2007", "uk-expulsions"]
    assert ids(query.events(base, orgs=["coe"])) == ["border-treaty"]
    assert ids(query.events(base, tags=["DIPLOMACY"])) == ["uk-expulsions"]
    assert ids(query.events(base, limit=1)) == ["border-treaty"]
    assert ids(query.events(base, limit=0)) == []


def test_query_words_must_all_match_in_any_case_and_accents(base: FactBase) -> None:
    assert ids(query.events(base, "munich DOMINANCE")) == ["munich-speech"]
    assert ids(query.events(base, "munich treaty")) == []
    assert ids(query.disputes(base, "habomai")) == ["kuril-islands"]
    assert ids(query.orgs(base, "asean")) == ["asean"]


def test_orgs_by_name_and_filters(base: FactBase) -> None:
    assert ids(query.orgs(base)) == ["asean", "coe", "sco"]
    assert ids(query.orgs(base, roles=[Role.FORMER])) == ["coe"]
    assert ids(query.orgs(base, categories=["Regional"])) == ["asean", "sco"]


def test_disputes_by_name_and_filters(base: FactBase) -> None:
    assert ids(query.disputes(base)) == ["estonia-border", "kuril-islands"]
    assert ids(query.disputes(base, countries=["Japan"])) == ["kuril-islands"]
    assert ids(query.disputes(base, statuses=[Status.RESOLVED])) == ["estonia-border"]


def test_country_counts(base: FactBase) -> None:
    counts = {c.country.name: (c.disputes, c.events) for c in query.country_counts(base)}
    assert counts == {
        "Estonia": (1, 1), "Japan": (1, 1), "North Korea": (0, 0), "South Korea": (0, 0),
        "United Kingdom": (0, 2),
    }  # fmt: skip


def test_search_spans_every_kind(base: FactBase) -> None:
    found = searching.search(base, "ruutel")
    assert [(r.id) for r in found] == ["estonia"]
    kinds = {type(r).__name__ for r in searching.search(base, "kuril")}
    assert kinds == {"Country", "Dispute"}
    assert ids(searching.search(base, "kuril", Kind.DISPUTE)) == ["kuril-islands"]


# --- time: the term in force, at the query layer ------------------------------------------


@pytest.fixture
def timed(tmp_path: Path) -> FactBase:
    from tests.test_time import TERMS

    return load(write_base(tmp_path / "timed", TERMS))


def test_orgs_at_a_moment_and_by_whether_they_ended(timed: FactBase) -> None:
    then = {o.id: o for o in query.orgs(timed, as_of=PartialDate(2010))}
    assert {k: o.role for k, o in then.items()} == {
        "coe": Role.FORMER, "g8": Role.MEMBER, "iom": Role.OBSERVER,
    }  # fmt: skip
    assert then["g8"].end is End.SUSPENDED
    assert ids(query.orgs(timed, time=query.Time.CURRENT)) == ["iom"]
    assert ids(query.orgs(timed, time=query.Time.ENDED)) == ["coe", "g8"]
    assert ids(query.orgs(timed, roles=[Role.OBSERVER], as_of=PartialDate(2021))) == []


def test_disputes_at_a_moment(timed: FactBase) -> None:
    [china] = query.disputes(timed, as_of=PartialDate(2005))
    assert (china.id, china.status, china.resolved_on) == ("china-border", Status.UNRESOLVED, None)
    assert ids(query.disputes(timed, as_of=PartialDate(2012, 6))) == ["late", "china-border"]
    assert ids(query.disputes(timed, statuses=[Status.RESOLVED])) == ["china-border"]


def test_a_country_at_a_moment(timed: FactBase) -> None:
    [japan] = [c for c in timed.countries if c.name == "Japan"]
    assert query.as_of(japan, PartialDate(2007)).relation == "Cool but correct"
    assert query.as_of(japan, PartialDate(1990)).relation is None
    assert query.as_of(japan, None).relation == "Strained over the Kuril Islands"


def test_repeated_filters_widen(base: FactBase) -> None:
    both = query.events(base, countries=["Japan", "Estonia"])
    assert ids(both) == ["border-treaty", "year-2007"]
    assert ids(query.events(base, tags=["speech", "treaty"])) == ["border-treaty", "munich-speech"]
