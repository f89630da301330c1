"""events --by-year: the counts (query) and the chart (render), through every filter."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from factcli import query
from factcli.cli import app
from factcli.load import load
from factcli.model import Event, PartialDate
from tests.conftest import SMALL, Cli, write_base


def event(date: str) -> Event:
    return Event(id=date, date=PartialDate.parse(date), title="t", sources=("s",))


def test_a_year_a_month_and_a_day_count_in_their_year() -> None:
    found = query.per_year([event("2007"), event("2005-05"), event("2007-02"), event("2007-12-31")])
    assert found == [query.YearCount(2005, 1), query.YearCount(2007, 3)]
    assert query.per_year([]) == []


def test_per_year_of_the_small_base(small: Path) -> None:
    counts = query.per_year(query.events(load(small)))
    assert [(c.year, c.events) for c in counts] == [(2005, 1), (2007, 3)]


def test_json_years_ascending(cli: Cli) -> None:
    result = cli("events", "--by-year", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"year": 2005, "count": 1}, {"year": 2007, "count": 3}]


def test_jsonl_and_csv(cli: Cli) -> None:
    jsonl = cli("events", "--by-year", "--format", "jsonl")
    assert jsonl.stdout == '{"year":2005,"count":1}\n{"year":2007,"count":3}\n'
    csv = cli("events", "--by-year", "--format", "csv")
    assert csv.stdout == "year,count\n2005,1\n2007,3\n"


def test_every_events_filter_is_honoured(cli: Cli) -> None:
    def counts(*args: str) -> list[dict[str, int]]:
        result = cli("events", "--by-year", *args, "--json")
        assert result.exit_code == 0, result.output
        counted: list[dict[str, int]] = json.loads(result.stdout)
        return counted

    assert counts("--country", "Estonia") == [{"year": 2005, "count": 1}]
    assert counts("--country", "uk") == [{"year": 2007, "count": 2}]
    assert counts("--org", "coe") == [{"year": 2005, "count": 1}]
    assert counts("--tag", "speech") == [{"year": 2007, "count": 1}]
    assert counts("--since", "2007-03") == [{"year": 2007, "count": 2}]
    assert counts("--until", "2006") == [{"year": 2005, "count": 1}]
    assert counts("--year", "2007") == [{"year": 2007, "count": 3}]
    assert counts("--limit", "2") == [{"year": 2005, "count": 1}, {"year": 2007, "count": 1}]
    assert counts("treaty") == [{"year": 2005, "count": 1}]
    assert counts("--year", "1990") == []


def test_fields_pick_year_or_count(cli: Cli) -> None:
    result = cli("events", "--by-year", "--fields", "count", "--format", "csv")
    assert result.stdout == "count\n1\n3\n"


def chart(facts: Path, *args: str, columns: int = 30) -> tuple[int, str, str]:
    env = {"COLUMNS": str(columns), "NO_COLOR": "1", "FACTCLI_FACTS_DIR": None}
    result = CliRunner().invoke(
        app, ["--facts-dir", str(facts), "events", "--by-year", *args], env=env
    )
    return result.exit_code, result.stdout, result.stderr


def test_the_chart_scales_the_longest_bar_to_the_width(small: Path) -> None:
    # 30 columns: "2007 3 " then 22 columns of bar; 2005's 1 of 3 is 7 and 3/8 blocks.
    assert chart(small) == (
        0,
        "Russia — events per year\n(4 events)\n"  # the title too fits the width
        "2005 1 ███████▍\n2006 0\n2007 3 ██████████████████████\n",
        "",
    )


def test_the_chart_honours_filters(small: Path) -> None:
    assert chart(small, "--country", "Estonia") == (
        0,
        "Russia — events per year\n(1 event)\n2005 1 ██████████████████████\n",
        "",
    )


def test_nothing_matched_is_a_notice(small: Path) -> None:
    assert chart(small, "--year", "1990") == (0, "", "No events match.\n")


def test_the_chart_has_no_colour_and_no_control_characters(tmp_path: Path) -> None:
    countries = SMALL["countries.toml"]
    assert isinstance(countries, str)
    facts = write_base(
        tmp_path / "marked",
        {**SMALL, "countries.toml": countries.replace('"Russia"', '"Russia\\u001b[31m"')},
    )
    code, stdout, _ = chart(facts)
    assert code == 0
    assert stdout.splitlines()[:2] == ["Russia\\x1b[31m —", "events per year (4 events)"]
    assert "\x1b" not in stdout
