"""A table's title says what it shows: how many of how many (--limit), and when (--as-of,
--current, --ended); on a narrow screen it breaks where its parts meet."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcli.cli import app
from factcli.factbase import shipped_facts
from tests.conftest import Cli


def first_line(cli: Cli, facts: Path, *args: str) -> str:
    result = cli(*args, facts=facts)
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()[0]


@pytest.fixture
def treaties(small: Path) -> Path:
    """The small base and two treaties, one in force and one withdrawn."""
    (small / "treaties.toml").write_text(
        """
[[treaty]]
id = "cfe"
name = "Treaty on Conventional Armed Forces in Europe"
summary = "Limits on conventional forces."
terms = [
  { status = "signed", since = "1990-11-19" },
  { status = "in force", since = "1992-11-09" },
  { status = "withdrawn", since = "2023-11-07" },
]
sources = ["s"]

[[treaty]]
id = "tartu"
name = "Tartu Peace Treaty"
summary = "Peace with Estonia."
countries = ["Estonia"]
terms = [{ status = "in force", since = "1920-03-30" }]
sources = ["s"]
""",
        encoding="utf-8",
    )
    return small


@pytest.mark.parametrize(
    ("args", "title"),
    [
        (["events", "--limit", "2"], "Russia — events (2 of 4)"),
        (["orgs", "--limit", "1"], "Russia — international organizations (1 of 3)"),
        (["treaties", "--limit", "1"], "Russia — treaties (1 of 2)"),
        (["search", "estonia", "--limit", "2"], "Russia — search 'estonia' (2 of 4)"),
        (["events", "--limit", "4"], "Russia — events (4)"),  # all of them: nothing left out
        (["orgs", "--limit", "9"], "Russia — international organizations (3)"),
        (["events", "--limit", "3", "--by-year"], "Russia — events per year (3 of 4 events)"),
        (["events", "--limit", "1", "--fields", "id"], "Russia — events (1 of 4)"),
    ],
)
def test_limit_says_n_of_m(cli: Cli, treaties: Path, args: list[str], title: str) -> None:
    assert first_line(cli, treaties, *args) == title


@pytest.mark.parametrize("command", ["orgs", "events", "treaties", "search"])
def test_limit_keeps_the_first_n_in_every_format(cli: Cli, treaties: Path, command: str) -> None:
    args = [command, "estonia"] if command == "search" else [command]
    every = json.loads(cli(*args, "--json", facts=treaties).stdout)
    kept = json.loads(cli(*args, "--limit", "1", "--json", facts=treaties).stdout)
    assert len(every) > 1
    assert kept == every[:1]
    rows = list(
        csv.DictReader(io.StringIO(cli(*args, "--limit", "1", "-f", "csv", facts=treaties).stdout))
    )
    assert [r["id"] for r in rows] == [every[0]["id"]]
    lines = cli(*args, "--limit", "1", "--format", "jsonl", facts=treaties).stdout.splitlines()
    assert [json.loads(line) for line in lines] == every[:1]


@pytest.mark.parametrize(
    ("args", "notice"),
    [
        (["orgs"], "No organizations shown (--limit 0 of 3 matching organizations).\n"),
        (["orgs", "sco"], "No organizations shown (--limit 0 of 1 matching organization).\n"),
        (["search", "kuril"], "No records shown (--limit 0 of 2 matching records).\n"),
    ],
)
def test_limit_0_says_how_many_matched(cli: Cli, args: list[str], notice: str) -> None:
    result = cli(*args, "--limit", "0")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", notice)
    assert cli(*args, "--limit", "0", "--json").stdout == "[]\n"


def test_nothing_matched_is_not_limit_0(cli: Cli) -> None:
    assert cli("search", "nowhere", "--limit", "0").stderr == "Nothing matches 'nowhere'.\n"
    assert cli("orgs", "nowhere", "--limit", "0").stderr == "No organizations match.\n"


@pytest.mark.parametrize(
    ("args", "title"),
    [
        (["orgs", "--as-of", "2010"], "Russia — international organizations, as of 2010 (2)"),
        (["orgs", "--current"], "Russia — international organizations, current ties (2)"),
        (["orgs", "--ended"], "Russia — international organizations, ended ties (1)"),
        (["orgs", "--ended", "--fields", "id"],
         "Russia — international organizations, ended ties (1)"),
        (["orgs", "--as-of", "2010", "--limit", "1"],
         "Russia — international organizations, as of 2010 (1 of 2)"),
        (["disputes", "--as-of", "2006"], "Russia — territorial disputes, as of 2006 (2)"),
        (["treaties", "--as-of", "2000-05"], "Russia — treaties, as of 2000-05 (2)"),
        (["country", "--as-of", "2007"], "Russia — countries, as of 2007 (5)"),
        (["country", "Japan", "--as-of", "2007"], "Russia — Japan, as of 2007"),
        (["orgs"], "Russia — international organizations (3)"),
        (["country"], "Russia — countries (5)"),
    ],
)  # fmt: skip
def test_a_title_says_when(cli: Cli, treaties: Path, args: list[str], title: str) -> None:
    assert first_line(cli, treaties, *args) == title


def test_the_chart_has_the_table_s_title(cli: Cli) -> None:
    out = cli("orgs", "--ended", "--chart").stdout  # the small base
    assert out.splitlines()[0] == "Russia — international organizations, ended ties (1)"


def narrow(*args: str) -> list[str]:
    env = {"COLUMNS": "40", "NO_COLOR": "1", "FACTCLI_FACTS_DIR": None}
    facts = ["--facts-dir", str(shipped_facts())]
    result = CliRunner().invoke(app, [*facts, *args], env=env)
    assert result.exit_code == 0, result.output
    lines: list[str] = result.stdout.splitlines()
    return lines


def shipped(*args: str) -> int:
    """How many records the shipped base answers with."""
    return len(json.loads("".join(narrow(*args, "--json"))))


def test_at_40_columns_a_title_breaks_between_its_parts() -> None:
    orgs, disputes = shipped("orgs", "--as-of", "2010"), shipped("disputes", "--as-of", "2005")
    current, treaties = shipped("orgs", "--current"), shipped("treaties", "--as-of", "2000")
    events = shipped("events")
    assert narrow("orgs", "--as-of", "2010")[:2] == [
        "Russia — international organizations,",
        f"as of 2010 ({orgs})",
    ]
    assert narrow("orgs", "--as-of", "2010", "--chart")[:2] == [
        "Russia — international organizations,",
        f"as of 2010 ({orgs})",
    ]
    assert narrow("orgs", "--current")[:2] == [
        "Russia — international organizations,",
        f"current ties ({current})",
    ]
    assert narrow("disputes", "--as-of", "2005")[:2] == [
        "Russia — territorial disputes,",
        f"as of 2005 ({disputes})",
    ]
    said = narrow("treaties", "--as-of", "2000", "--limit", "2")[0]
    assert said == f"Russia — treaties, as of 2000 (2 of {treaties})"
    assert narrow("events", "--limit", "2")[0] == f"Russia — events (2 of {events})"
    assert narrow("events", "--by-year", "--limit", "2")[:2] == [
        "Russia — events per year",
        f"(2 of {events} events)",
    ]


def test_a_part_longer_than_the_screen_breaks_at_its_words() -> None:
    lines = narrow("search", "Russia", "suspends", "the", "Conventional", "Armed", "Forces")
    assert lines[:3] == [
        "Russia — search 'Russia suspends the",
        "Conventional Armed Forces' (1)",
        "",
    ]
