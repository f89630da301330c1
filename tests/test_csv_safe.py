"""--csv-safe: cells a spreadsheet would run as formulas start with ', on every command."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.conftest import Cli, write_base

FORMULAS = {
    "f.toml": """
        [meta]
        subject = "Russia"

        [[country]]
        name = "Japan"
        iso2 = "JP"
        iso3 = "JPN"
        relation = "=HYPERLINK(\\"http://x\\")"
        sources = ["+s"]

        [[org]]
        id = "sco"
        name = "@SCO"
        role = "member"
        category = "-regional"
        sources = ["s"]

        [[dispute]]
        id = "kuril"
        name = "Kuril"
        countries = ["Japan"]
        territories = ["\\tIturup"]
        status = "unresolved"
        summary = "\\r=1+1"
        sources = ["s"]

        [[event]]
        id = "e1"
        date = "2001"
        title = "-2+3"
        summary = "@SUM(A1)"
        countries = ["Japan"]
        orgs = ["sco"]
        sources = ["plain"]
        """,
}

# Each command that takes --format, and the cells of its csv that must be guarded.
COMMANDS = [
    (["orgs"], {"name": "@SCO", "category": "-regional"}),
    (["disputes"], {"territories": "\tIturup", "summary": "\r=1+1"}),
    (["events"], {"title": "-2+3", "summary": "@SUM(A1)"}),
    (["country"], {"relation": '=HYPERLINK("http://x")', "sources": "+s"}),
    (["country", "Japan"], {"relation": '=HYPERLINK("http://x")', "sources": "+s"}),
    (["search", "sco"], {"name": "@SCO", "category": "-regional"}),
]
IDS = ["orgs", "disputes", "events", "countries", "country", "search"]


@pytest.fixture
def formulas(tmp_path: Path) -> Path:
    return write_base(tmp_path / "formulas", FORMULAS)


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.parametrize(("args", "cells"), COMMANDS, ids=IDS)
def test_without_it_cells_are_data_exactly(
    cli: Cli, formulas: Path, args: list[str], cells: dict[str, str]
) -> None:
    result = cli(*args, "--format", "csv", facts=formulas)
    assert result.exit_code == 0
    first = rows(result.stdout)[0]
    assert {k: first[k] for k in cells} == cells


@pytest.mark.parametrize(("args", "cells"), COMMANDS, ids=IDS)
def test_csv_safe_starts_formulas_with_a_quote(
    cli: Cli, formulas: Path, args: list[str], cells: dict[str, str]
) -> None:
    result = cli(*args, "--format", "csv", "--csv-safe", facts=formulas)
    assert result.exit_code == 0
    first = rows(result.stdout)[0]
    assert {k: first[k] for k in cells} == {k: "'" + v for k, v in cells.items()}
    assert first["id"] in ("sco", "kuril", "e1", "japan")  # other cells as they were


def test_the_whole_row(cli: Cli, formulas: Path) -> None:
    result = cli("events", "-f", "csv", "--csv-safe", facts=formulas)
    assert result.stdout == (
        "id,kind,date,title,summary,countries,orgs,tags,sources,treaties\n"
        "e1,event,2001,'-2+3,'@SUM(A1),Japan,sco,,plain,\n"
    )


def test_the_variable_turns_it_on(
    formulas: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTCLI_CSV_SAFE", "1")
    assert cli("events", "-f", "csv", facts=formulas).stdout.splitlines()[1] == (
        "e1,event,2001,'-2+3,'@SUM(A1),Japan,sco,,plain,"
    )
    monkeypatch.setenv("FACTCLI_CSV_SAFE", "0")
    assert cli("events", "-f", "csv", facts=formulas).stdout.splitlines()[1] == (
        "e1,event,2001,-2+3,@SUM(A1),Japan,sco,,plain,"
    )


@pytest.mark.parametrize("said", ["maybe", "t", "y", "n", "f", "2"])
def test_a_variable_that_is_not_one_of_the_readmes_words_is_a_usage_error(
    formulas: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch, said: str
) -> None:
    monkeypatch.setenv("FACTCLI_CSV_SAFE", said)
    result = cli("events", "-f", "csv", facts=formulas)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "",
        f"Error: FACTCLI_CSV_SAFE is '{said}'; it takes 1, true, yes or on, or 0, false, no or "
        "off\n",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("said", "first"),
    [(" YES ", "'-2+3"), ("On", "'-2+3"), ("true", "'-2+3"), ("off", "-2+3"), ("No", "-2+3"),
     ("", "-2+3")],
)  # fmt: skip
def test_the_variable_takes_the_readmes_words_in_any_case(
    formulas: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch, said: str, first: str
) -> None:
    monkeypatch.setenv("FACTCLI_CSV_SAFE", said)  # set but empty is unset
    assert cli("events", "-f", "csv", facts=formulas).stdout.splitlines()[1].split(",")[3] == first


def test_the_option_wins_over_a_bad_variable(
    formulas: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTCLI_CSV_SAFE", "maybe")
    result = cli("events", "-f", "csv", "--csv-safe", facts=formulas)
    assert (result.exit_code, result.stdout.splitlines()[1].split(",")[3]) == (0, "'-2+3")


@pytest.mark.parametrize("fmt", ["json", "jsonl", "table"])
def test_other_formats_ignore_it(cli: Cli, formulas: Path, fmt: str) -> None:
    """Only csv has cells a spreadsheet runs; json keeps every string exactly."""
    plain = cli("events", "--format", fmt, facts=formulas)
    safe = cli("events", "--format", fmt, "--csv-safe", facts=formulas)
    assert (safe.exit_code, safe.stdout, safe.stderr) == (0, plain.stdout, plain.stderr)
    assert "-2+3" in safe.stdout
    assert "'-2+3" not in safe.stdout


def test_by_year_takes_it_too(cli: Cli, formulas: Path) -> None:
    result = cli("events", "--by-year", "-f", "csv", "--csv-safe", facts=formulas)
    assert (result.exit_code, result.stdout) == (0, "year,count\n2001,1\n")
