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
    assert found == [query.YearCount(2005, 1), query.YearCount(2006, 0), query.YearCount(2007, 3)]
    assert query.per_year([]) == []


def test_every_year_of_the_period_asked_is_counted() -> None:
    events = [event("2001"), event("2003-05")]
    asked = query.Period.of("2000", "2004", None)
    assert query.per_year(events, asked) == [
        query.YearCount(2000, 0), query.YearCount(2001, 1), query.YearCount(2002, 0),
        query.YearCount(2003, 1), query.YearCount(2004, 0),
    ]  # fmt: skip
    since = query.per_year(events, query.Period.of("2000-06", None, None))
    assert [c.year for c in since] == [2000, 2001, 2002, 2003]  # to the last event
    assert query.per_year([], asked) == []  # nothing matched: no years


def test_per_year_of_the_small_base(small: Path) -> None:
    counts = query.per_year(query.events(load(small)))
    assert [(c.year, c.events) for c in counts] == [(2005, 1), (2006, 0), (2007, 3)]


def test_json_years_ascending(cli: Cli) -> None:
    result = cli("events", "--by-year", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {"year": 2005, "count": 1}, {"year": 2006, "count": 0}, {"year": 2007, "count": 3},
    ]  # fmt: skip


def test_jsonl_and_csv(cli: Cli) -> None:
    jsonl = cli("events", "--by-year", "--format", "jsonl")
    assert jsonl.stdout == (
        '{"year":2005,"count":1}\n{"year":2006,"count":0}\n{"year":2007,"count":3}\n'
    )
    csv = cli("events", "--by-year", "--format", "csv")
    assert csv.stdout == "year,count\n2005,1\n2006,0\n2007,3\n"


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
    assert counts("--until", "2006") == [{"year": 2005, "count": 1}, {"year": 2006, "count": 0}]
    assert counts("--year", "2007") == [{"year": 2007, "count": 3}]
    assert counts("--limit", "2") == [
        {"year": 2005, "count": 1}, {"year": 2006, "count": 0}, {"year": 2007, "count": 1},
    ]  # fmt: skip
    assert counts("treaty") == [{"year": 2005, "count": 1}]
    assert counts("--year", "1990") == []


def test_fields_pick_year_or_count(cli: Cli) -> None:
    result = cli("events", "--by-year", "--fields", "count", "--format", "csv")
    assert result.stdout == "count\n1\n0\n3\n"


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


def years_base(tmp_path: Path, *dates: str) -> Path:
    """The small base's countries and orgs, and an event on each date."""
    events = "".join(
        f'[[event]]\nid = "e{i}"\ndate = "{date}"\ntitle = "t"\nsources = ["s"]\n\n'
        for i, date in enumerate(dates)
    )
    return write_base(tmp_path / "years", {**SMALL, "events.toml": events})


def test_three_empty_years_or_more_are_one_line(tmp_path: Path) -> None:
    facts = years_base(tmp_path, "1990", "1993", "1997", "1997-05", "1998")
    assert chart(facts) == (
        0,
        "Russia — events per year\n(5 events)\n"
        "1990 1 ███████████\n"
        "1991 0\n1992 0\n"  # two empty years: each a year of 0
        "1993 1 ███████████\n"
        "1994–1996 (no events)\n"  # three: one line
        "1997 2 ██████████████████████\n"
        "1998 1 ███████████\n",
        "",
    )


def test_since_starts_the_years_at_its_own(tmp_path: Path, cli: Cli) -> None:
    facts = years_base(tmp_path, "2001", "2002-03")
    code, out, _ = chart(facts, "--since", "2000")
    assert (code, out.splitlines()[2:]) == (0, ["2000 0", "2001 1 ██████████████████████",
                                                 "2002 1 ██████████████████████"])  # fmt: skip
    out = chart(facts, "--since", "1990", "--until", "2005")[1]
    assert out.splitlines()[2:] == [
        "1990–2000 (no events)", "2001 1 ██████████████████████",
        "2002 1 ██████████████████████", "2003–2005 (no events)",
    ]  # fmt: skip
    asked = ("events", "--by-year", "--since", "1990", "--until", "2005")
    years = json.loads(cli(*asked, "--json", facts=facts).stdout)
    assert [y["year"] for y in years] == list(range(1990, 2006))  # every year, in data too
    assert sum(y["count"] for y in years) == 2
    rows = cli(*asked, "--format", "csv", facts=facts).stdout.splitlines()
    assert rows == ["year,count"] + [f"{y['year']},{y['count']}" for y in years]


def test_a_limit_ends_the_years_at_the_last_event_kept(tmp_path: Path, cli: Cli) -> None:
    facts = years_base(tmp_path, "2001", "2002", "2004")
    asked = ("events", "--by-year", "--since", "2000", "--until", "2008", "--limit", "2")
    years = json.loads(cli(*asked, "--json", facts=facts).stdout)
    assert years == [{"year": 2000, "count": 0}, {"year": 2001, "count": 1},
                     {"year": 2002, "count": 1}]  # fmt: skip
    assert chart(facts, *asked[2:])[1].splitlines()[:2] == [
        "Russia — events per year",
        "(2 of 3 events)",
    ]


def test_since_2000_on_the_shipped_base_starts_at_2000(cli: Cli) -> None:
    from factcli.factbase import shipped_facts

    facts = shipped_facts()
    years = json.loads(cli("events", "--by-year", "--since", "2000", "--json", facts=facts).stdout)
    assert years[0] == {"year": 2000, "count": 0}  # no event is dated 2000
    table = cli("events", "--by-year", "--since", "2000", facts=facts).stdout.splitlines()
    assert table[1].startswith("2000  0")
