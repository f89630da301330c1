"""Facts that know when they hold: terms, --as-of, --current, --ended."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcli.load import FactBaseError, load
from factcli.model import OrgTerm, PartialDate, Role
from factcli.query import in_force
from tests.conftest import SMALL, Cli, write_base

TERMS = {
    **SMALL,
    "orgs.toml": """
        [[org]]
        id = "g8"
        name = "Group of Eight"
        category = "economic"
        terms = [{ role = "member", since = "1997-06", until = "2014-03-24", end = "suspended" }]
        sources = ["International membership"]

        [[org]]
        id = "iom"
        name = "International Organization for Migration"
        category = "un-system"
        terms = [
          { role = "observer", since = "1992" },
          { role = "member", since = "2021-04-19", note = "IOM Council resolution" },
        ]
        sources = ["International membership"]

        [[org]]
        id = "coe"
        name = "Council of Europe"
        category = "political"
        role = "former"
        since = "1996-02-28"
        until = "2022-03-16"
        sources = ["International membership"]
        """,
    "disputes.toml": """
        [[dispute]]
        id = "china-border"
        name = "China–Russia border"
        countries = ["Japan"]
        territories = ["Bolshoy Ussuriysky Island"]
        terms = [
          { status = "unresolved", since = "1991" },
          { status = "resolved", since = "2008-07-21" },
        ]
        summary = "Settled in 2008."
        sources = ["Territorial disputes"]

        [[dispute]]
        id = "late"
        name = "A later dispute"
        countries = ["Estonia"]
        territories = ["Somewhere"]
        since = "2012"
        status = "unresolved"
        summary = "Begun in 2012."
        sources = ["Territorial disputes"]
        """,
    "countries.toml": SMALL["countries.toml"].replace(
        'relation = "Strained over the Kuril Islands"',
        """relations = [
          { relation = "Cool but correct", since = "1991" },
          { relation = "Strained over the Kuril Islands", since = "2010-11" },
        ]""",
    ),
}


@pytest.fixture
def timed(tmp_path: Path) -> Path:
    return write_base(tmp_path / "timed", TERMS)


def rows(cli: Cli, facts: Path, *args: str) -> list[dict[str, Any]]:
    result = cli(*args, "--json", facts=facts)
    assert result.exit_code == 0, result.output
    found: list[dict[str, Any]] = json.loads(result.stdout)
    return found


def test_orgs_as_of_shows_the_term_in_force(cli: Cli, timed: Path) -> None:
    found = {o["id"]: o for o in rows(cli, timed, "orgs", "--as-of", "2010")}
    assert sorted(found) == ["coe", "g8", "iom"]
    assert (found["g8"]["role"], found["g8"]["until"], found["g8"]["end"]) == (
        "member", "2014-03-24", "suspended",
    )  # fmt: skip
    assert found["iom"]["role"] == "observer"
    assert [o["id"] for o in rows(cli, timed, "orgs", "--as-of", "2015")] == ["coe", "iom"]
    # A partial date is its whole period: during 2021 the latest term in force is member.
    iom = next(o for o in rows(cli, timed, "orgs", "--as-of", "2021") if o["id"] == "iom")
    assert iom["role"] == "member"
    assert rows(cli, timed, "orgs", "--as-of", "1990") == []


def test_current_and_ended(cli: Cli, timed: Path) -> None:
    assert [o["id"] for o in rows(cli, timed, "orgs", "--current")] == ["iom"]
    ended = rows(cli, timed, "orgs", "--ended")
    assert [(o["id"], o["end"], o["until"]) for o in ended] == [
        ("coe", None, "2022-03-16"), ("g8", "suspended", "2014-03-24"),
    ]  # fmt: skip


def test_ended_table_says_how_and_when(cli: Cli, timed: Path) -> None:
    result = cli("orgs", "--ended", facts=timed)
    assert result.exit_code == 0
    assert "suspended 2014-03-24" in result.stdout
    assert "from 1997-06" in result.stdout


def test_role_matches_the_term_shown(cli: Cli, timed: Path) -> None:
    assert [o["id"] for o in rows(cli, timed, "orgs", "--role", "member")] == ["g8", "iom"]
    as_of = rows(cli, timed, "orgs", "--role", "observer", "--as-of", "2000")
    assert [o["id"] for o in as_of] == ["iom"]


def test_time_options_exclude_each_other(cli: Cli, timed: Path) -> None:
    result = cli("orgs", "--current", "--ended", facts=timed)
    assert (result.exit_code, result.stderr) == (
        2, "Error: --as-of, --current and --ended exclude each other; give one\n",
    )  # fmt: skip
    result = cli("orgs", "--as-of", "2010-13", facts=timed)
    assert (result.exit_code, result.stderr) == (
        2, "Error: invalid date '2010-13' (expected YYYY, YYYY-MM or YYYY-MM-DD)\n",
    )  # fmt: skip


def test_disputes_as_of(cli: Cli, timed: Path) -> None:
    then = rows(cli, timed, "disputes", "--as-of", "2005")
    assert [(d["id"], d["status"], d["resolved_on"]) for d in then] == [
        ("china-border", "unresolved", None),
    ]  # fmt: skip
    later = rows(cli, timed, "disputes", "--as-of", "2010")
    assert [(d["id"], d["status"], d["resolved_on"]) for d in later] == [
        ("china-border", "resolved", "2008-07-21"),
    ]  # fmt: skip
    now = {d["id"]: d for d in rows(cli, timed, "disputes")}
    assert now["china-border"]["since"] == "1991"  # the history's start
    assert now["china-border"]["status"] == "resolved"
    assert "late" in now


def test_country_as_of(cli: Cli, timed: Path) -> None:
    result = cli("country", "Japan", "--as-of", "2007", "--json", facts=timed)
    profile = json.loads(result.stdout)
    assert profile["relation"] == "Cool but correct"
    assert [d["status"] for d in profile["disputes"]] == ["unresolved"]
    assert [e["id"] for e in profile["events"]] == ["year-2007"]
    now = json.loads(cli("country", "Japan", "--json", facts=timed).stdout)
    assert now["relation"] == "Strained over the Kuril Islands"
    assert [r["relation"] for r in now["relations"]] == [
        "Cool but correct", "Strained over the Kuril Islands",
    ]  # fmt: skip
    table = cli("country", "Japan", "--as-of", "2007", facts=timed).stdout
    assert "Cool but correct" in table
    assert "Strained" not in table


def test_terms_in_csv_and_fields(cli: Cli, timed: Path) -> None:
    result = cli("orgs", "--fields", "id,role,until,end,terms", "--format", "csv", facts=timed)
    got = list(csv.DictReader(io.StringIO(result.stdout)))
    g8 = next(r for r in got if r["id"] == "g8")
    assert g8 == {
        "id": "g8", "role": "member", "until": "2014-03-24", "end": "suspended",
        "terms": "member 1997-06–2014-03-24 (suspended)",
    }  # fmt: skip
    iom = next(r for r in got if r["id"] == "iom")
    assert iom["terms"] == "observer 1992–2021-04-19; member since 2021-04-19"


def test_export_has_a_terms_table(cli: Cli, timed: Path, tmp_path: Path) -> None:
    import contextlib
    import sqlite3

    target = tmp_path / "t.db"
    assert cli("export", "--sqlite", str(target), facts=timed).exit_code == 0
    with contextlib.closing(sqlite3.connect(target)) as db:
        got = db.execute("SELECT org_id, seq, role, since, end FROM org_terms ORDER BY 1, 2")
        assert got.fetchall() == [
            ("coe", 1, "former", "1996-02-28", None),
            ("g8", 1, "member", "1997-06", "suspended"),
            ("iom", 1, "observer", "1992", None),
            ("iom", 2, "member", "2021-04-19", None),
        ]
        relations = db.execute("SELECT relation FROM country_relations ORDER BY seq").fetchall()
        assert relations == [("Cool but correct",), ("Strained over the Kuril Islands",)]


BAD_TERMS = {
    "order": (
        'terms = [{ role = "member", since = "2001" }, { role = "observer", since = "1999" }]',
        "org 'x': term 2: starts 1999, before term 1 (2001)",
    ),
    "overlap": (
        'terms = [{ role = "observer", since = "1990", until = "2005" }, '
        '{ role = "member", since = "2004" }]',
        "org 'x': term 2: starts 2004, before term 1 ends (2005)",
    ),
    "end not last": (
        'terms = [{ role = "member", since = "1990", until = "2000", end = "left" },\n'
        '  { role = "member", since = "2004" }]',
        "org 'x': term 1: 'end' closes only the last term",
    ),
    "end without until": (
        'terms = [{ role = "member", since = "1990", end = "left" }]',
        "org 'x': term 1: 'end' needs 'until'",
    ),
    "bad end": (
        'terms = [{ role = "member", until = "2000", end = "quit" }]',
        "org 'x': term 1: 'end': invalid value 'quit' "
        "(expected left | suspended | expelled | completed | dissolved | replaced)",
    ),
    "unknown key": (
        'terms = [{ role = "member", snce = "2000" }]',
        "org 'x': term 1: unknown field 'snce' (did you mean 'since'?)",
    ),
    "both": (
        'role = "member"\nterms = [{ role = "member" }]',
        "org 'x': 'terms' gives 'role', 'since', 'until', 'end': write 'role' in a term",
    ),
    "not tables": (
        'terms = ["member"]',
        "org 'x': 'terms': must be an array of tables: [{ ... }, ...]",
    ),
}


@pytest.mark.parametrize(("body", "message"), BAD_TERMS.values(), ids=BAD_TERMS)
def test_bad_histories_are_reported_at_their_line(tmp_path: Path, body: str, message: str) -> None:
    text = f'[[org]]\nid = "x"\nname = "X"\ncategory = "c"\nsources = ["s"]\n{body}\n'
    base = write_base(tmp_path / "b", {"o.toml": text})
    with pytest.raises(FactBaseError) as caught:
        load(base)
    [problem] = caught.value.problems
    assert str(problem) == f"{base}/o.toml:6: {message}"


def test_the_second_term_is_pointed_at(tmp_path: Path) -> None:
    text = (
        '[[org]]\nid = "x"\nname = "X"\ncategory = "c"\nsources = ["s"]\nterms = [\n'
        '  { role = "member", since = "2001" },\n  { role = "boss", since = "2002" },\n]\n'
    )
    base = write_base(tmp_path / "b", {"o.toml": text})
    with pytest.raises(FactBaseError) as caught:
        load(base)
    assert [p.line for p in caught.value.problems] == [8]


# --- --as-of against a plain reference: every day of the period, term by term -------------

DAY = dt.timedelta(days=1)


def reference(
    terms: list[OrgTerm],
    moment: PartialDate,
    began: PartialDate | None = None,
    today: dt.date | None = None,
    ended: PartialDate | None = None,
) -> OrgTerm | None:
    """The latest term in force on any day of the moment, found day by day: a first term
    without `since` starts when the record began, else today; else it is never in force.
    No term holds before `began`, after `ended`, or (the last, open one) after today."""
    found = None
    for i, term in enumerate(terms):
        since = term.since or (began if i == 0 else None)
        first_day = since.start if since is not None else today
        day = moment.start
        while day <= moment.end:
            starts = first_day is not None and first_day <= day
            starts = starts and (began is None or began.start <= day)
            if term.until is not None:
                ends = day <= term.until.end
            elif i + 1 < len(terms) and terms[i + 1].since is not None:
                ends = day < terms[i + 1].since.start  # type: ignore[union-attr]
            else:
                ends = today is None or i + 1 < len(terms) or day <= today
            ends = ends and (ended is None or day <= ended.end)
            if starts and ends:
                found = term
                break
            day += DAY
    return found


dates = st.builds(
    PartialDate,
    st.integers(2000, 2003),
    st.integers(0, 12),
    st.just(0),
) | st.dates(dt.date(2000, 1, 1), dt.date(2003, 12, 31)).map(PartialDate.from_date)


@st.composite
def histories(draw: st.DrawFn) -> list[OrgTerm]:
    points = sorted(draw(st.lists(dates, min_size=1, max_size=4)), key=lambda d: d.start)
    terms = []
    for i, since in enumerate(points):
        until = None
        if draw(st.booleans()):
            ceiling = points[i + 1].start - DAY if i + 1 < len(points) else dt.date(2003, 12, 31)
            if ceiling >= since.end:
                day = draw(st.dates(since.end, ceiling))
                until = PartialDate.from_date(day)
        first_open = i == 0 and draw(st.booleans())
        terms.append(OrgTerm(role=Role.MEMBER, since=None if first_open else since, until=until))
    return terms


DAYS = st.dates(dt.date(2000, 1, 1), dt.date(2003, 12, 31))


@settings(max_examples=300, deadline=None)
@given(histories(), dates, st.none() | dates, st.none() | DAYS, st.none() | dates)
def test_as_of_agrees_with_a_day_by_day_reference(
    terms: list[OrgTerm],
    moment: PartialDate,
    began: PartialDate | None,
    today: dt.date | None,
    ended: PartialDate | None,
) -> None:
    found = in_force(terms, moment, began, today, ended)
    assert found == reference(terms, moment, began, today, ended)
