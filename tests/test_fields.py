"""--fields on every list command: the chosen fields, in the chosen order, in every format."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from factcli.factbase import shipped_facts
from factcli.model import Kind
from tests.conftest import SMALL, Cli, write_base

EVENT_FIELDS = "id, kind, date, title, summary, countries, orgs, tags, sources, treaties"


def test_json_keeps_only_the_fields_in_the_order_given(cli: Cli) -> None:
    result = cli("events", "--year", "2007", "--fields", "date,id", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {"date": "2007", "id": "year-2007"},
        {"date": "2007-02", "id": "munich-speech"},
        {"date": "2007-07-16", "id": "uk-expulsions"},
    ]


def test_jsonl_and_csv(cli: Cli) -> None:
    jsonl = cli("orgs", "--fields", "abbr,name", "--format", "jsonl")
    assert jsonl.stdout == (
        '{"abbr":"ASEAN","name":"Association of Southeast Asian Nations"}\n'
        '{"abbr":null,"name":"Council of Europe"}\n'
        '{"abbr":"SCO","name":"Shanghai Cooperation Organisation"}\n'
    )
    csv = cli("disputes", "--fields", "id,countries,territories", "--format", "csv")
    assert csv.stdout == (
        "id,countries,territories\n"
        "estonia-border,Estonia,Ivangorod; Pechorsky District\n"
        "kuril-islands,Japan,Iturup; Kunashir; Shikotan; Habomai islands\n"
    )


def test_csv_with_nothing_matched_has_the_chosen_header(cli: Cli) -> None:
    result = cli("events", "--year", "1990", "--fields", "title,date", "--format", "csv")
    assert (result.exit_code, result.stdout) == (0, "title,date\n")


def test_spaces_and_repeats_are_forgiven(cli: Cli) -> None:
    result = cli("events", "--limit", "1", "--fields", " id , date,id", "--json")
    assert json.loads(result.stdout) == [{"id": "border-treaty", "date": "2005-05-18"}]


def test_an_unknown_field_is_a_usage_error_listing_the_fields(cli: Cli) -> None:
    result = cli("events", "--fields", "id,tittle", "--json")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: unknown field 'tittle'; available: {EVENT_FIELDS}\n"


def test_no_field_at_all_is_an_error_too(cli: Cli) -> None:
    result = cli("events", "--fields", "")
    assert result.exit_code == 2
    assert result.stderr == f"Error: unknown field ''; available: {EVENT_FIELDS}\n"


@pytest.mark.parametrize(
    ("args", "available"),
    [
        (
            ["orgs"],
            "id, kind, name, abbr, role, category, founded, dissolved, since, until, end, notes, "
            "sources, terms",
        ),
        (
            ["disputes"],
            "id, kind, name, countries, territories, status, since, resolved_on, summary, "
            "notes, sources, terms",
        ),
        (
            ["country"],
            "id, kind, name, iso2, iso3, aliases, relation, notes, sources, relations, "
            "dispute_count, event_count",
        ),
        (
            ["country", "Japan"],
            "id, kind, name, iso2, iso3, aliases, relation, notes, sources, relations, "
            "disputes, treaties, events",
        ),
        (["search", "x", "--kind", "event"], EVENT_FIELDS),
        (["events", "--by-year"], "year, count"),
    ],
)
def test_each_command_lists_its_own_fields(cli: Cli, args: list[str], available: str) -> None:
    result = cli(*args, "--fields", "nope")
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: unknown field 'nope'; available: {available}\n",
    )


@pytest.mark.parametrize(
    "args",
    [["orgs"], ["disputes"], ["events"], ["country"], ["search", "a"]],
)
def test_every_list_command_takes_fields(cli: Cli, args: list[str]) -> None:
    result = cli(*args, "--fields", "kind,id", "--json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert records
    assert all(list(r) == ["kind", "id"] for r in records)


def test_country_list_with_counts(cli: Cli) -> None:
    result = cli("country", "--fields", "name,event_count", "--format", "csv")
    assert result.stdout == (
        "name,event_count\nEstonia,1\nJapan,1\nNorth Korea,0\nSouth Korea,0\nUnited Kingdom,2\n"
    )


def test_country_profile_fields(cli: Cli) -> None:
    result = cli("country", "uk", "--fields", "name,events", "--json")
    profile = json.loads(result.stdout)
    assert list(profile) == ["name", "events"]
    assert [e["id"] for e in profile["events"]] == ["year-2007", "uk-expulsions"]
    csv = cli("country", "uk", "--fields", "name,events", "--format", "csv")
    assert csv.stdout == "name,events\nUnited Kingdom,year-2007; uk-expulsions\n"


def test_search_across_kinds_fills_what_a_kind_lacks_with_null(cli: Cli) -> None:
    result = cli("search", "estonia", "--fields", "kind,id,date", "--json")
    assert json.loads(result.stdout) == [
        {"kind": "country", "id": "estonia", "date": None},
        {"kind": "dispute", "id": "estonia-border", "date": None},
        {"kind": "event", "id": "border-treaty", "date": "2005-05-18"},
    ]


def test_a_table_has_a_column_per_field_in_order(cli: Cli) -> None:
    result = cli("events", "--fields", "date,id,countries")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].strip() == "Russia — events (4)"
    header = lines[2].split()
    assert header == ["Date", "Id", "Countries"]  # headed as the events table heads them
    rows = [line.strip().split(maxsplit=2) for line in lines[4:] if line.strip()]
    assert rows == [
        ["2005-05-18", "border-treaty", "Estonia"],
        ["2007", "year-2007", "Japan, United Kingdom"],
        ["2007-02", "munich-speech"],
        ["2007-07-16", "uk-expulsions", "United Kingdom"],
    ]


def test_tables_of_other_commands(cli: Cli) -> None:
    country = cli("country", "Japan", "--fields", "name,relation")
    assert country.stdout.splitlines()[0].strip() == "Russia — Japan"
    assert "Strained over the Kuril Islands" in country.stdout
    search = cli("search", "kuril", "--fields", "kind,id")
    assert search.stdout.splitlines()[0].strip() == "Russia — search 'kuril' (2)"
    listed = cli("country", "--fields", "name")
    assert listed.stdout.splitlines()[0].strip() == "Russia — countries (5)"


def test_a_table_cell_is_data_never_markup(cli: Cli, tmp_path: Path) -> None:
    facts = write_base(
        tmp_path / "marked",
        {
            **SMALL,
            "events.toml": """
                [[event]]
                id = "marked"
                date = "2007"
                title = "[bold]Loud[/] \\u001b[31mred"
                sources = ["Test"]
                """,
        },
    )
    result = cli("events", "--fields", "id,title", facts=facts)
    assert result.exit_code == 0, result.output
    assert "[bold]Loud[/] \\x1b[31mred" in result.stdout
    assert "\x1b" not in result.stdout


def test_a_table_of_fields_is_headed_as_tables_are_and_keeps_an_empty_column(cli: Cli) -> None:
    assert cli("orgs", "--fields", "name,abbr,dissolved,role").stdout == (
        "Russia — international organizations (3)\n"
        "\n"
        "  Name                                     Abbr    Dissolved   Role\n"
        " ──────────────────────────────────────────────────────────────────────\n"
        "  Association of Southeast Asian Nations   ASEAN               partner\n"
        "  Council of Europe                                            former\n"
        "  Shanghai Cooperation Organisation        SCO                 member\n"
        "\n"
    )  # no org of the small base was dissolved: the column asked for is there all the same
    counts = cli("country", "--fields", "name,iso2,dispute_count,event_count").stdout
    assert counts.splitlines()[2].split() == ["Name", "ISO2", "Disputes", "Events"]
    disputes = cli("disputes", "--fields", "id,resolved_on").stdout
    assert disputes.splitlines()[2] == "  Id               Resolved on"


def test_blocks_of_fields_keep_an_empty_field_s_label() -> None:
    from tests.test_narrow import run

    out = run(40, "disputes", "kuril", "--fields", "id,resolved_on,territories").stdout
    assert out == (
        "Russia — territorial disputes (1)\n"
        "\n"
        "Id:          kuril-islands\n"
        "Resolved on:\n"
        "Territories: Iturup, Kunashir, Shikotan,\n"
        "             Habomai islands\n"
    )


def fields_examples(cli: Cli, command: str) -> list[tuple[list[str], list[str]]]:
    """The examples that a command's --help gives for --fields: (the options each needs, the
    fields), e.g. ([], ["date", "title"]) and (["--by-year"], ["year", "count"])."""
    said = " ".join(cli(command, "--help").stdout.split())
    found = re.search(r"--fields FIELD,\.\.\. Only these fields, .*?, e\.g\. (.+?)\.( |$)", said)
    if found is None:
        return []
    examples = []
    for example in found.group(1).split("; "):
        needs = re.match(r"with (--[a-z-]+), ", example)
        fields = example[needs.end() :] if needs else example
        examples.append(([needs.group(1)] if needs else [], fields.split(",")))
    return examples


def fields_of(command: str, needs: list[str]) -> list[str]:
    """The fields a command's output has, as the kind registry and the commands declare them."""
    from factcli.changes import FIELDS
    from factcli.kinds import KINDS, output_fields
    from factcli.show import YEAR_FIELDS

    if needs == ["--by-year"]:
        return list(YEAR_FIELDS)
    if command == "changes":
        return list(FIELDS)
    if command == "search":  # whatever --kind: the fields every kind has
        return [f for f in output_fields(Kind.EVENT) if all(f in output_fields(k) for k in KINDS)]
    kind = next(k for k, spec in KINDS.items() if command in (spec.plural, spec.table))
    return output_fields(kind)


SHIPPED = shipped_facts()


def test_every_fields_example_in_help_names_fields_of_its_command(cli: Cli) -> None:
    from factcli.cli import app

    commands = [c.name or getattr(c.callback, "__name__", "") for c in app.registered_commands]
    with_fields = [c for c in commands if "--fields" in cli(c, "--help").stdout]
    assert len(with_fields) == 7
    for command in with_fields:
        examples = fields_examples(cli, command)
        assert examples, command
        for needs, fields in examples:
            assert set(fields) <= set(fields_of(command, needs)), (command, fields)
            args = [command, "estonia"] if command == "search" else [command]
            ran = cli(*args, *needs, "--fields", ",".join(fields), "--json", facts=SHIPPED)
            assert ran.exit_code == 0, (command, ran.output)
            assert list(json.loads(ran.stdout)[0]) == fields
