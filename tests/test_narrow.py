"""Narrow and piped output, through the real command line on the shipped fact base.

At 40, 80 and 120 columns no header and no id is split, and at 40 no line is longer than
the screen; piped output has no trailing spaces.
"""

from __future__ import annotations

import functools
import json
import re

import pytest
from typer.testing import CliRunner, Result

from factcli.cli import app
from factcli.factbase import shipped_facts
from tests.conftest import Cli


@functools.cache
def run(columns: int, *args: str) -> Result:
    """The shipped base at a width: the same for every test that asks, so drawn once."""
    env = {"COLUMNS": str(columns), "NO_COLOR": "1", "FACTCLI_FACTS_DIR": None}
    return CliRunner().invoke(app, ["--facts-dir", str(shipped_facts()), *args], env=env)


COMMANDS: dict[str, tuple[list[str], list[str]]] = {  # the arguments, and the headers shown
    "orgs": (["orgs"], ["Name", "Role", "Category", "Held", "Notes"]),
    "disputes": (["disputes"], ["Name", "Countries", "Territories", "Status", "Summary"]),
    "disputes --country": (["disputes", "--country", "Japan"], ["Countries", "Territories"]),
    "events": (["events"], ["Date", "Event", "Countries", "Orgs", "Tags"]),
    "events --by-year": (["events", "--by-year"], []),
    "country": (["country"], ["Country", "ISO", "Relation", "Disputes", "Events"]),
    "country NAME": (["country", "Georgia"], ["Notes", "Sources", "Territories"]),
    "country subject": (["country", "Russia"], []),
    "search": (["search", "border"], ["Kind", "Id", "Name", "Matched"]),
    "--fields": (["orgs", "--fields", "id,name,category"], ["Id", "Name", "Category"]),
}


@pytest.mark.parametrize("columns", [40, 80, 120])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_no_header_or_id_split_no_line_too_long(command: str, columns: int) -> None:
    args, headers = COMMANDS[command]
    result = run(columns, *args)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines
    words = set(re.findall(r"[\w-]+", result.stdout))
    for header in headers:
        assert header in words, f"{header!r} split at {columns} columns"
    if columns == 40:
        assert [line for line in lines if len(line) > 40] == []
    assert [line for line in lines if line != line.rstrip()] == []  # piped: no trailing spaces


@pytest.mark.parametrize("columns", [40, 80, 120])
@pytest.mark.parametrize("args", [["search", "border"], ["events", "--fields", "id,title"]])
def test_no_id_is_ever_split(columns: int, args: list[str]) -> None:
    ids = [r["id"] for r in json.loads(run(columns, *args, "--json").stdout)]
    assert max(len(i) for i in ids) == 40  # the longest ids of the shipped base
    out = run(columns, *args).stdout
    assert set(ids) <= set(re.findall(r"[\w-]+", out))
    if columns == 40:
        assert [line for line in out.splitlines() if len(line) > 40] == []


def test_an_id_longer_than_the_value_column_goes_under_its_label() -> None:
    out = run(40, "search", "abkhazia", "recognizes").stdout
    assert "\nKind:    event\nId:\nrussia-recognizes-abkhazia-south-ossetia\nName: " in out
    out = run(40, "search", "ruutel", "proclaims").stdout  # 32: room for the indent
    assert "\nId:\n  ruutel-proclaims-border-treaties\nName:    President" in out


def test_below_a_readable_width_one_block_per_record() -> None:
    out = run(40, "disputes", "--country", "Japan").stdout
    assert out.splitlines()[:6] == [
        "Russia — territorial disputes (1)",
        "",
        "Name:        Kuril Islands dispute",
        "Countries:   Japan",
        "Territories: Iturup, Kunashir, Shikotan,",
        "             Habomai islands",
    ]
    assert len(out.splitlines()) < 40  # was 163 lines of a table


HELP = ["", "orgs", "disputes", "events", "country", "search", "validate", "export", "schema"]


@pytest.mark.parametrize("command", HELP)
def test_help_fits_40_columns(command: str) -> None:
    shown = run(40, *command.split(), "--help")
    assert shown.exit_code == 0
    lines = shown.stdout.splitlines()
    assert [line for line in lines if len(line) > 40 or line != line.rstrip()] == []
    assert "  -h, --help" in lines  # an option on its line, its help under it
    assert "      Show this message and exit." in lines


def test_help_keeps_an_example_whole_and_words_unbroken() -> None:
    lines = run(40, "disputes", "--help").stdout.splitlines()
    assert lines[lines.index("  Example:") + 1] == "    factcli disputes --country Japan"
    assert "  Example: factcli orgs --as-of 2010" in run(40, "orgs", "--help").stdout  # fits
    assert "un-mission;" in run(40, "orgs", "--help").stdout.split()  # not "un-" and "mission"
    commands = run(40, "--help").stdout
    assert "  schema\n      Print the JSON Schema of a fact\n" in commands  # not cut short
    wide = run(120, "events", "--help").stdout  # room beside: Click's two columns
    assert "  --year YYYY                     Events in this year.\n" in wide


def test_orgs_role_and_category_in_their_own_columns(cli: Cli) -> None:
    out = cli("orgs").stdout
    assert re.search(r"Council of Europe\s+former\s+political\s+from 1996-02-28", out)


def test_a_resolved_dispute_reads_as_a_sentence(cli: Cli) -> None:
    out = run(40, "disputes").stdout  # blocks: each value on consecutive lines
    assert "resolved 2008-07-21\n" in out  # the last line of the China border's history
    assert "Status:      unresolved since 1945\n" in out
    assert "Status:      resolved since" not in out


def test_the_event_bold_covers_the_title_only(small: object) -> None:
    from factcli.model import Event, PartialDate
    from factcli.tables import _event_text

    e = Event(
        id="x", date=PartialDate.parse("2001"), title="Title", summary="Summary", sources=("s",)
    )
    text = _event_text(e)
    assert [(s.start, s.end, str(s.style)) for s in text.spans] == [(0, 5, "bold")]
    assert not text.style


def test_the_country_profile_has_sections(cli: Cli) -> None:
    out = cli("country", "Estonia").stdout
    assert "\nNotes\n  • Border treaty announced by President Arnold Rüütel\n" in out
    assert "\nSources\n  1. Territorial disputes\n" in out


def test_empty_columns_take_no_space(cli: Cli) -> None:
    header = cli("disputes", "--country", "Japan").stdout.splitlines()[2]
    assert header.split() == ["Name", "Countries", "Territories", "Status", "Summary"]
    events = cli("events", "--country", "UK").stdout  # no orgs among them: no Orgs column
    assert "Orgs" not in events


def test_by_year_shows_empty_years_as_zero(cli: Cli) -> None:
    assert "\n2006 0\n" in cli("events", "--by-year").stdout


def test_search_says_which_field_matched(cli: Cli) -> None:
    out = cli("search", "ruutel").stdout
    assert "notes: Border treaty announced by President Arnold Rüütel" in out


def test_search_matches_word_starts_only(cli: Cli, small: object) -> None:
    assert json.loads(cli("search", "ivangor", "--json").stdout)[0]["id"] == "estonia-border"
    assert cli("search", "angorod", "--json").stdout == "[]\n"


def test_search_fields_name_a_record_of_any_kind(cli: Cli) -> None:
    out = json.loads(cli("search", "treaty", "--fields", "id,name", "--json").stdout)
    assert {"id": "border-treaty", "name": "Estonia and Russia sign the border treaty"} in out


# Time in tables: every date says whether it is a start or an end, and a history is
# a line per change of status, whatever the width.


@pytest.mark.parametrize("columns", [40, 80, 120])
def test_an_ended_tie_says_how_and_when(columns: int) -> None:
    out = run(columns, "orgs", "--ended").stdout
    assert re.search(r"from 1997-06[^\n]*\n[^\n]*suspended 2014-03-24", out)  # G8


CRIMEA = ["unresolved from 1991", "resolved 1997-05-31", "unresolved since 2014-03-18"]
CHINA = ["unresolved until 1991-05-16", "partially resolved from 1991-05-16",
         "resolved 2008-07-21"]  # fmt: skip


@pytest.mark.parametrize("columns", [40, 80, 120])
@pytest.mark.parametrize(
    ("args", "history"),
    [(["disputes"], CRIMEA), (["disputes"], CHINA), (["country", "China"], CHINA)],
)
def test_a_dispute_history_is_a_line_a_change(
    columns: int, args: list[str], history: list[str]
) -> None:
    lines = [line.strip() for line in run(columns, *args).stdout.splitlines()]
    # Each term whole on its line, in the Status column or under the Status label.
    texts = [next((t for t in lines if t.endswith(h) or h + "   " in t), "") for h in history]
    assert all(texts), (history, columns)
    assert "unresolved since 2005-05-18" not in run(columns, "disputes").stdout  # a note only


def test_a_long_history_goes_under_its_label_at_40() -> None:
    out = run(40, "country", "China").stdout
    assert "\nStatus:\n  unresolved until 1991-05-16\n  partially resolved from 1991-05-16\n" in out


def test_the_country_page_as_of_a_moment() -> None:
    out = run(80, "country", "Georgia", "--as-of", "2007").stdout.splitlines()
    assert out[0] == "Russia — Georgia, as of 2007"
    relation = " ".join(line.split(maxsplit=1)[-1] for line in out[2:4])
    assert relation == (
        "At a low point after the Georgian–Russian espionage controversy (since 2006-09-27)"
    )
    assert run(80, "country", "Georgia").stdout.splitlines()[0] == "Russia — Georgia"


@pytest.mark.parametrize("columns", [40, 80, 120])
def test_search_dates_say_when_a_record_began(columns: int) -> None:
    out = run(columns, "search", "kuril").stdout
    assert "since 1945" in out  # the dispute: when it began
    assert re.search(r"Date: +1945-02\n| 1945-02 ", out)  # the Yalta Conference: when it happened
    assert not re.search(r"since 1945-02(\n| )", out)  # the event is not said to last


@pytest.mark.parametrize("columns", [1, 5, 20])
def test_a_screen_too_narrow_for_anything_still_gets_every_word(cli: Cli, columns: int) -> None:
    """Below 30 columns lines run past the edge (the terminal wraps them): nothing is cut."""
    result = run(columns, "disputes")
    assert result.exit_code == 0
    assert "…" not in result.stdout
    words = " ".join(result.stdout.split())
    for dispute in json.loads(run(80, "disputes", "--json").stdout):
        assert " ".join(dispute["summary"].split()) in words
        assert dispute["name"] in words
