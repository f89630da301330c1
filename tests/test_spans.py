"""A history cell never reads as open when it is closed: "since" only for what still holds,
"from" for what the next line ends, "1997-06–2014-03-24" for what ended, a bare date for
what is done on a day."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from factcli import query, spans
from factcli.factbase import shipped_facts
from factcli.load import load
from factcli.model import FactBase, PartialDate, TreatyStatus, TreatyTerm
from factcli.render import history
from tests.conftest import SMALL, Cli, write_base


@pytest.fixture(scope="module")
def base() -> FactBase:
    return load(shipped_facts())


def org(base: FactBase, id_: str, as_of: str | None = None) -> Any:
    moment = PartialDate.parse(as_of) if as_of else None
    return next(o for o in query.orgs(base, as_of=moment) if o.id == id_)


@pytest.mark.parametrize(
    ("id_", "as_of", "cell"),
    [
        ("apec", None, "since 1998-11"),  # holds: the Role column says as what
        ("g8", None, "from 1997-06\nsuspended 2014-03-24"),
        ("coe", None, "member from 1996-02-28\nsuspended from 2022-02-25\nexpelled 2022-03-16"),
        (
            "eapc",
            None,
            "member from 1997-05-30\nmember from 2014-04-01\nsuspended since 2021-11-01",
        ),
        ("eapc", "2010", "since 1997-05-30"),  # as it stood: a membership that held
        ("iom", None, "observer from 1992-05-27\nmember since 2021-04-19"),
    ],
)
def test_held(base: FactBase, id_: str, as_of: str | None, cell: str) -> None:
    assert spans.held(org(base, id_, as_of)).plain == cell


@pytest.mark.parametrize(
    ("id_", "as_of", "cell"),
    [
        ("crimea", None, "unresolved from 1991\nresolved 1997-05-31\nunresolved since 2014-03-18"),
        ("crimea", "2000", "unresolved from 1991\nresolved 1997-05-31"),
        ("crimea", "1995", "unresolved since 1991"),
        (
            "china-border",
            None,
            "unresolved until 1991-05-16\npartially resolved from 1991-05-16\nresolved 2008-07-21",
        ),
        ("estonia-border", None, "unresolved since 1991"),  # later terms only add notes
        ("caspian-sea", None, "unresolved from 1991-12-26\npartially resolved since 2003"),
    ],
)
def test_a_dispute_s_status(base: FactBase, id_: str, as_of: str | None, cell: str) -> None:
    dispute = next(d for d in base.disputes if d.id == id_)
    assert spans.timeline(dispute, PartialDate.parse(as_of) if as_of else None).plain == cell


def test_a_treaty_s_status(base: FactBase) -> None:
    cfe = next(t for t in base.treaties if t.id == "cfe")
    assert spans.treaty_history(cfe).plain == (
        "signed 1990-11-19\nratified 1992-07\nin force from 1992-11-09\n"
        "suspended from 2007-12-12\nwithdrawn 2023-11-07"
    )
    then = next(t for t in query.treaties(base, as_of=PartialDate.parse("2010")) if t.id == "cfe")
    assert spans.treaty_history(then).plain.splitlines()[-1] == "suspended since 2007-12-12"
    d = PartialDate.parse
    closed = replace(
        cfe,
        terms=(
            TreatyTerm(status=TreatyStatus.IN_FORCE, since=d("1990"), until=d("1995")),
            TreatyTerm(status=TreatyStatus.SUSPENDED, until=d("1999")),
        ),
        status=TreatyStatus.SUSPENDED,
        since=None,
        until=d("1999"),
    )
    assert spans.treaty_history(closed).plain == "in force 1990–1995\nsuspended until 1999"


def term(value: str, since: str | None = None, until: str | None = None, **more: str) -> Any:
    return {"role": value, "since": since, "until": until, **more}


@pytest.mark.parametrize(
    ("terms", "said"),
    [
        ([term("member", "1997-06", "2014-03-24", end="suspended")],
         ["member 1997-06–2014-03-24 (suspended)"]),
        ([term("observer", "1992"), term("member", "2021-04-19")],
         ["observer 1992–2021-04-19", "member since 2021-04-19"]),
        ([term("unresolved"), term("resolved", "2008-07-21")],
         ["unresolved until 2008-07-21", "resolved since 2008-07-21"]),
        ([term("suspended", "2022", "2022")], ["suspended 2022"]),  # within one period
        ([term("member")], ["member"]),  # nothing known of when
        ([term("member", "1990"), term("observer")], ["member from 1990", "observer"]),
    ],
)  # fmt: skip
def test_a_history_in_a_list(terms: list[dict[str, Any]], said: list[str]) -> None:
    assert history(terms) == said


HISTORIES = [("orgs", "terms"), ("disputes", "terms"), ("treaties", "terms"),
             ("country", "relations")]  # fmt: skip


@pytest.mark.parametrize(("command", "field"), HISTORIES)
def test_no_closed_term_reads_as_open_in_csv(cli: Cli, command: str, field: str) -> None:
    records = json.loads(cli(command, "--json", facts=shipped_facts()).stdout)
    out = cli(command, "--fields", f"id,{field}", "--format", "csv", facts=shipped_facts())
    cells = {row["id"]: row[field] for row in csv.DictReader(io.StringIO(out.stdout))}
    checked = 0
    for record in records:
        cell, at = cells[record["id"]], 0
        for i, t in enumerate(record[field]):
            value = str(next(iter(t.values())))  # a relation line may hold "; " itself
            assert cell.startswith(value, at), (cell, at)
            end = cell.find("; ", at + len(value))
            end = len(cell) if end < 0 else end
            span, at = cell[at + len(value) : end], end + 2
            assert not span.endswith("–"), (record["id"], span)
            holds = i == len(record[field]) - 1 and t["until"] is None and t["since"] is not None
            assert ("since" in span.split()) == holds, (record["id"], span)
            checked += 1
        assert at == (len(cell) + 2 if record[field] else 0)  # every phrase read
    assert checked > sum(1 for r in records if r[field])  # and histories of several terms


def test_a_history_in_a_table_of_fields_is_a_line_a_term(cli: Cli) -> None:
    out = cli("disputes", "crimea", "--fields", "id,terms", facts=shipped_facts()).stdout
    assert out.splitlines()[2:7] == [
        "  Id       Terms",
        " ─────────────────────────────────────────",
        "  crimea   unresolved 1991–1997-05-31",
        "           resolved 1997-05-31–2014-03-18",
        "           unresolved since 2014-03-18",
    ]


UNKNOWN_STARTS = """
[[org]]
id = "iom"
name = "International Organization for Migration"
category = "un-system"
terms = [{ role = "observer" }, { role = "member", since = "2021-04-19" }]
sources = ["s"]

[[treaty]]
id = "t"
name = "A treaty"
summary = "s"
terms = [{ status = "not in force" }, { status = "in force", since = "1999-04-01" }]
sources = ["s"]
"""


def test_a_state_of_unknown_start_says_when_it_ended(cli: Cli, tmp_path: Path) -> None:
    # The first line of each was a bare "observer", "not in force", "unresolved": a state
    # with no date at all, as if it still held.
    base = write_base(tmp_path / "b", {**SMALL, "zz.toml": UNKNOWN_STARTS})
    assert cli("orgs", "migration", facts=base).stdout.splitlines()[4:6] == [
        "  International Organization     member   un-system   observer until 2021-04-19",
        "  for Migration                                       member since 2021-04-19",
    ]
    assert cli("treaties", "a treaty", facts=base).stdout.splitlines()[4:6] == [
        "  A treaty   not in force until 1999-04-01   s",
        "             in force since 1999-04-01",
    ]
    china = cli("disputes", "china", facts=shipped_facts()).stdout.splitlines()
    status = ["unresolved until 1991-05-16", "partially resolved from 1991-05-16",
              "resolved 2008-07-21"]  # fmt: skip
    assert [f"   {said}   " in line for said, line in zip(status, china[4:7], strict=True)] == [
        True, True, True,
    ]  # fmt: skip
