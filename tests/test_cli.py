"""Every command and format through the command line, as a user sees it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import SMALL, Cli, Main, write_base

COMMANDS = ["orgs", "disputes", "events", "country", "search", "validate"]


def ids(stdout: str) -> list[str]:
    return [r["id"] for r in json.loads(stdout)]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(cli: Cli, command: str) -> None:
    result = cli(command, "--help")
    assert result.exit_code == 0
    assert "Example: factcli" in result.stdout


def test_orgs_json_is_the_contract_shape(cli: Cli) -> None:
    result = cli("orgs", "--ended", "--json")  # a v1 "former" tie has ended
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [
        {
            "id": "coe", "kind": "org", "name": "Council of Europe", "abbr": None,
            "role": "former", "category": "political", "founded": None, "dissolved": None,
            "since": "1996-02-28", "until": "2022-03-16", "end": None, "notes": None,
            "sources": ["International membership"],
            "terms": [
                {"role": "former", "since": "1996-02-28", "until": "2022-03-16", "end": None,
                 "note": None},
            ],
        }
    ]  # fmt: skip


def test_disputes_by_country_alias(cli: Cli) -> None:
    for name in ("Japan", "jp", "JPN", "nippon"):
        assert ids(cli("disputes", "--country", name, "--json").stdout) == ["kuril-islands"]


def test_events_json_keeps_date_precision(cli: Cli) -> None:
    records = json.loads(cli("events", "--year", "2007", "--json").stdout)
    assert [(r["id"], r["date"]) for r in records] == [
        ("year-2007", "2007"), ("munich-speech", "2007-02"), ("uk-expulsions", "2007-07-16"),
    ]  # fmt: skip
    assert records[2]["countries"] == ["United Kingdom"]


def test_events_several_words_and_filters(cli: Cli) -> None:
    assert ids(cli("events", "munich", "speech", "--json").stdout) == ["munich-speech"]
    assert ids(cli("events", "--country", "Britain", "--tag", "espionage", "--json").stdout) == [
        "uk-expulsions"
    ]
    assert ids(cli("events", "--org", "coe", "--json").stdout) == ["border-treaty"]
    assert ids(cli("events", "--limit", "2", "--json").stdout) == ["border-treaty", "year-2007"]


def test_limit_0_is_an_empty_answer_not_nothing_matched(cli: Cli) -> None:
    table = cli("events", "--limit", "0")
    assert (table.exit_code, table.stdout) == (0, "")
    assert table.stderr == "No events shown (--limit 0 of 4 matching events).\n"
    chart = cli("events", "--limit", "0", "--by-year")
    assert (chart.stdout, chart.stderr) == ("", table.stderr)
    one = cli("events", "munich", "--limit", "0").stderr
    assert one == "No events shown (--limit 0 of 1 matching event).\n"
    assert cli("events", "--year", "1900", "--limit", "0").stderr == "No events match.\n"
    assert (cli("events", "--limit", "0", "--json").stdout, table.exit_code) == ("[]\n", 0)
    csv = cli("events", "--limit", "0", "--format", "csv")
    assert (csv.stdout, csv.stderr) == (
        "id,kind,date,title,summary,countries,orgs,tags,sources,treaties\n",
        "",
    )


def test_jsonl_is_one_compact_object_per_line(cli: Cli) -> None:
    lines = cli("events", "--format", "jsonl").stdout.splitlines()
    assert len(lines) == 4
    assert lines[0].startswith('{"id":"border-treaty","kind":"event","date":"2005-05-18"')


def test_csv_joins_lists_with_semicolons(cli: Cli) -> None:
    rows = list(csv.DictReader(io.StringIO(cli("events", "--format", "csv").stdout)))
    assert list(rows[0]) == [
        "id", "kind", "date", "title", "summary", "countries", "orgs", "tags", "sources",
        "treaties",
    ]  # fmt: skip
    by_id = {r["id"]: r for r in rows}
    assert by_id["uk-expulsions"]["tags"] == "espionage; diplomacy"
    assert by_id["year-2007"]["countries"] == "Japan; United Kingdom"
    assert by_id["year-2007"]["summary"] == ""


def test_csv_of_nothing_is_a_header(cli: Cli) -> None:
    result = cli("disputes", "--status", "partially resolved", "--format", "csv")
    assert result.stdout.splitlines() == [
        "id,kind,name,countries,territories,status,since,resolved_on,summary,notes,sources,terms"
    ]


def test_json_of_nothing_is_an_empty_array(cli: Cli) -> None:
    assert cli("events", "--year", "1991", "--json").stdout == "[]\n"


def test_table_of_nothing_is_a_notice(cli: Cli) -> None:
    result = cli("events", "--year", "1991")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "No events match.\n")


def test_tables_name_the_subject_and_the_count(cli: Cli) -> None:
    assert "Russia — territorial disputes (2)" in cli("disputes").stdout
    assert "Russia — events (3)" in cli("events", "--year", "2007").stdout
    assert "Russia — international organizations (3)" in cli("orgs").stdout
    assert "Russia — countries (5)" in cli("country").stdout


def test_a_table_wraps_long_text_instead_of_cutting_it(small: Path, cli: Cli) -> None:
    long = "word " * 60 + "THE-END"
    base = write_base(
        small.parent / "long",
        {
            **SMALL,
            "z.toml": f'[[event]]\nid = "z"\ndate = "1999"\ntitle = "{long}"\nsources = ["s"]\n',
        },
    )
    out = cli("events", "--year", "1999", facts=base).stdout
    assert "THE-END" in out
    assert "…" not in out


def test_country_profile_json(cli: Cli) -> None:
    profile = json.loads(cli("country", "nippon", "--json").stdout)
    assert profile["name"] == "Japan"
    assert profile["id"] == "japan"
    assert profile["relation"] == "Strained over the Kuril Islands"
    assert [d["id"] for d in profile["disputes"]] == ["kuril-islands"]
    assert [e["id"] for e in profile["events"]] == ["year-2007"]


def test_country_profile_table(cli: Cli) -> None:
    out = cli("country", "UK").stdout
    assert "Russia — United Kingdom" in out
    assert "Events (2)" in out
    assert "The UK expels four Russian diplomats" in out


def test_country_list_json_has_counts(cli: Cli) -> None:
    records = json.loads(cli("country", "--json").stdout)
    assert [(r["name"], r["dispute_count"], r["event_count"]) for r in records] == [
        ("Estonia", 1, 1), ("Japan", 1, 1), ("North Korea", 0, 0), ("South Korea", 0, 0),
        ("United Kingdom", 0, 2),
    ]  # fmt: skip


def test_a_real_country_without_facts(cli: Cli) -> None:
    result = cli("country", "Peru")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "No facts about Peru in the fact base.\n"
    profile = json.loads(cli("country", "Peru", "--json").stdout)
    assert (profile["iso3"], profile["disputes"], profile["events"]) == ("PER", [], [])
    assert cli("events", "--country", "Peru", "--json").stdout == "[]\n"


def test_search_mixes_kinds(cli: Cli) -> None:
    records = json.loads(cli("search", "kuril", "--json").stdout)
    assert [(r["kind"], r["id"]) for r in records] == [
        ("country", "japan"), ("dispute", "kuril-islands"),
    ]  # fmt: skip
    out = cli("search", "ruutel").stdout
    assert "country" in out
    assert "Estonia" in out


def test_validate_a_clean_base(cli: Cli) -> None:
    result = cli("validate")
    assert (result.exit_code, result.stdout) == (
        0, "OK: 4 files, 5 countries, 3 orgs, 2 disputes, 0 treaties, 4 events\n",
    )  # fmt: skip


def test_validate_lists_every_problem_and_counts_them(small: Path, cli: Cli) -> None:
    bad = write_base(
        small.parent / "bad",
        {**SMALL, "zz.toml": '[[event]]\nid = "x"\ndate = "2001-02-30"\ntitle = "t"\n'
         'countries = ["Atlantis"]\nsources = ["s"]\n'},
    )  # fmt: skip
    result = cli("validate", str(bad))
    assert result.exit_code == 1
    assert result.stdout == (
        f"{bad}/zz.toml:3: event 'x': 'date': invalid date '2001-02-30' "
        "(expected YYYY, YYYY-MM or YYYY-MM-DD)\n"
        f"{bad}/zz.toml:5: event 'x': unknown country 'Atlantis': add a [[country]] for it\n"
        "2 problems in 1 file\n"
    )


def test_a_broken_base_stops_every_query(small: Path, cli: Cli) -> None:
    bad = write_base(small.parent / "bad", {**SMALL, "zz.toml": "[[event]]\nid = 1\n"})
    result = cli("events", facts=bad)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{bad}/zz.toml:1: event #1: missing required field 'date'",
        f"{bad}/zz.toml:1: event #1: missing required field 'title'",
        f"{bad}/zz.toml:1: event #1: missing required field 'sources'",
        f"{bad}/zz.toml:2: event #1: 'id': must be a string, not an integer",
        f"Error: the fact base has 4 problems; run 'factcli validate {bad}' to list them",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["country", "Japn"], "Error: unknown country 'Japn'. Did you mean: Japan?"),
        (["country", "Korea"], "Error: 'Korea' is ambiguous: North Korea, South Korea"),
        (["events", "--since", "2007-13"],
         "Error: invalid date '2007-13' (expected YYYY, YYYY-MM or YYYY-MM-DD)"),
        (["events", "--since", "2009", "--until", "2001"],
         "Error: --since 2009 is after --until 2001"),
        (["events", "--org", "coee"], "Error: unknown org 'coee'. Did you mean: coe?"),
        (["events", "--tag", "treaties"], "Error: unknown tag 'treaties'. Did you mean: treaty?"),
        (["orgs", "--category", "regionl"],
         "Error: unknown category 'regionl'. Did you mean: regional?"),
        (["events", "--json", "--format", "csv"],
         "Error: --json and --format csv contradict each other"),
    ],
)  # fmt: skip
def test_usage_errors_exit_2_with_one_line(cli: Cli, args: list[str], message: str) -> None:
    result = cli(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message + "\n")


def test_a_missing_facts_dir_is_a_usage_error(small: Path, cli: Cli) -> None:
    result = cli("events", facts=small / "nowhere")
    assert result.exit_code == 2
    assert result.stderr == f"Error: facts directory '{small / 'nowhere'}' does not exist\n"


def test_unknown_option_and_value_exit_2(main: Main, small: Path) -> None:
    assert main("--facts-dir", str(small), "events", "--colour").code == 2
    ran = main("--facts-dir", str(small), "orgs", "--role", "emperor")
    assert (ran.code, ran.stdout, ran.stderr) == (
        2, "", "Error: unknown role 'emperor' (expected member, observer, partner, participant "
        "or suspended)\n",
    )  # fmt: skip


def test_the_shipped_fact_base_is_the_default(main: Main) -> None:
    ran = main("disputes", "--country", "Japan", "--json")  # no --facts-dir, none in the env
    assert ran.code == 0, ran.stderr
    assert [d["id"] for d in json.loads(ran.stdout)] == ["kuril-islands"]


def test_facts_dir_from_the_environment(main: Main, small: Path) -> None:
    ran = main("orgs", "--json", env={"FACTCLI_FACTS_DIR": str(small)})
    assert ids(ran.stdout) == ["asean", "coe", "sco"]


def test_validate_a_file_instead_of_a_directory(small: Path, cli: Cli) -> None:
    result = cli("validate", str(small / "orgs.toml"))
    assert result.exit_code == 2
    assert result.stderr == f"Error: facts directory '{small / 'orgs.toml'}' is not a directory\n"


def test_an_org_id_in_any_case(cli: Cli) -> None:
    assert ids(cli("events", "--org", "COE", "--json").stdout) == ["border-treaty"]
