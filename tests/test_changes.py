"""changes: every change of state in a period, from the histories the registry knows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcli.changes import Change, changes
from factcli.dates import PartialDate, Period
from factcli.load import load
from factcli.model import FactBase
from tests.conftest import Cli, write_base

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


# --- the command ---------------------------------------------------------------------------

SHIPPED = Path(__file__).parents[1] / "facts"


@pytest.fixture
def facts(tmp_path: Path) -> Path:
    return write_base(tmp_path / "changes", FACTS)


def test_the_command_answers_in_json_and_as_a_table(cli: Cli, facts: Path) -> None:
    out = json.loads(
        cli("changes", "--since", "2008", "--until", "2014", "--json", facts=facts).stdout
    )
    assert [(c["date"], c["id"], c["from"], c["to"]) for c in out] == [
        ("2008-08-29", "georgia", "Strained", "Severed"),
        ("2014-03-24", "g8", "member", "suspended"),
    ]
    assert list(out[0]) == ["date", "kind", "id", "name", "field", "from", "to", "end"]
    table = cli("changes", "--since", "2017", facts=facts).stdout
    assert "Russia — changes from 2017 to … (1)" in table
    assert "suspended → ended (left)" in table


def test_events_join_the_changes_in_date_order(cli: Cli, facts: Path) -> None:
    args = ["changes", "--since", "2008", "--until", "2008", "--events", "--json"]
    out = json.loads(cli(*args, facts=facts).stdout)
    assert [(r["kind"], r["id"]) for r in out] == [("event", "war"), ("country", "georgia")]
    only = json.loads(cli("changes", "--kind", "event", "--json", facts=facts).stdout)
    assert [r["id"] for r in only] == ["war"]


def test_country_and_kind_filters(cli: Cli, facts: Path) -> None:
    japan = json.loads(cli("changes", "--country", "JP", "--json", facts=facts).stdout)
    assert [c["id"] for c in japan] == ["kurils"]
    orgs = json.loads(
        cli("changes", "--kind", "org", "--kind", "dispute", "--json", facts=facts).stdout
    )
    assert {c["kind"] for c in orgs} == {"org", "dispute"}


def test_an_empty_period_and_an_undated_start(cli: Cli, facts: Path) -> None:
    result = cli("changes", "--since", "1950", "--until", "1960", facts=facts)
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr.splitlines() == [
        "No changes from 1950 to 1960.",
        "Note: 1 change has no recorded date and could not be placed; not listed.",
    ]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["--since", "2008-13"],
            "Error: invalid date '2008-13' (expected YYYY, YYYY-MM or YYYY-MM-DD)",
        ),
        (["--since", "2014", "--until", "2008"], "Error: --since 2014 is after --until 2008"),
    ],
)
def test_bad_dates_are_usage_errors(cli: Cli, facts: Path, args: list[str], said: str) -> None:
    result = cli("changes", *args, facts=facts)
    assert (result.exit_code, result.stderr.splitlines()[0]) == (2, said)


def test_the_shipped_base_between_2008_and_2014(cli: Cli) -> None:
    out = json.loads(
        cli("changes", "--since", "2008", "--until", "2014", "--json", facts=SHIPPED).stdout
    )
    said = {(c["kind"], c["id"], c["to"]) for c in out}
    assert ("dispute", "china-border", "resolved") in said
    assert ("treaty", "cfe", None) not in said  # withdrawn only in 2023
    assert any(c["id"] == "g8" and c["end"] == "suspended" for c in out)
    assert [c["date"] for c in out] == sorted(
        (c["date"] for c in out), key=lambda d: PartialDate.parse(d).sort_key
    )


def test_events_join_only_when_their_kind_is_asked_for(cli: Cli, facts: Path) -> None:
    args = ["changes", "--events", "--kind", "org", "--json"]
    assert {r["kind"] for r in json.loads(cli(*args, facts=facts).stdout)} == {"org"}
