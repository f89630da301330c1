"""What a CSV cell holds (SPEC §3): null is empty, a boolean `true`/`false` as in JSON, a
list its items joined with "; ", whatever command wrote it."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from factcli import render
from factcli.factbase import shipped_facts
from tests.conftest import Cli


def test_a_row_of_every_kind_of_value(capsys: pytest.CaptureFixture[str]) -> None:
    row = {"yes": True, "no": False, "none": None, "list": ["a", "b"], "flags": [True, False],
           "empty": [], "zero": 0, "text": "True"}  # fmt: skip
    render.write_csv([row], [])
    assert capsys.readouterr().out == (
        "yes,no,none,list,flags,empty,zero,text\ntrue,false,,a; b,true; false,,0,True\n"
    )


def test_the_subject_s_page_says_true(cli: Cli) -> None:
    result = cli("country", "Russia", "--format", "csv")
    assert result.stdout == (
        "id,kind,name,iso2,iso3,aliases,relation,notes,sources,relations,subject\n"
        "russia,country,Russia,RU,RUS,Russian Federation,,,,,true\n"
    )
    assert json.loads(cli("country", "Russia", "--json").stdout)["subject"] is True


def cell(value: Any) -> str | None:
    """What CSV must write for a JSON value; None for a nested record or term."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int)):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    return None


COMMANDS = [
    ["orgs"], ["orgs", "--ended"], ["disputes"], ["treaties"], ["events"],
    ["changes"], ["changes", "--events"], ["country"], ["country", "Russia"],
    ["country", "Georgia"], ["search", "border"], ["events", "--by-year"],
]  # fmt: skip


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_csv_writes_what_json_holds(cli: Cli, args: list[str]) -> None:
    data = json.loads(cli(*args, "--json", facts=shipped_facts()).stdout)
    records = data if isinstance(data, list) else [data]
    rows = list(csv.DictReader(io.StringIO(cli(*args, "-f", "csv", facts=shipped_facts()).stdout)))
    assert len(rows) == len(records) > 0
    compared = 0
    for record, row in zip(records, rows, strict=True):
        for field, value in record.items():
            if field in row and (said := cell(value)) is not None:
                assert row[field] == said, (args, field)
                compared += 1
    assert compared > len(records)
    assert not {v for row in rows for v in row.values()} & {"True", "False", "None"}
