"""Names people type, and the fact base's own subject, through the real command line."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Cli


@pytest.mark.parametrize("name", ["Russia", "russia", "RU", "RUS", "Russian Federation"])
def test_the_subject_is_a_country_too(cli: Cli, name: str) -> None:
    result = cli("country", name)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "Russia — the subject of this fact base"
    for command in ("factcli orgs", "factcli disputes", "factcli events"):
        assert command in result.stdout


def test_the_subject_as_json(cli: Cli) -> None:
    result = cli("country", "RU", "--json")
    assert result.exit_code == 0
    got = json.loads(result.stdout)
    assert {k: got[k] for k in ("id", "kind", "name", "iso2", "iso3", "subject")} == {
        "id": "russia", "kind": "country", "name": "Russia", "iso2": "RU", "iso3": "RUS",
        "subject": True,
    }  # fmt: skip
    assert len(got["disputes"]) == 2  # every one of them
    assert len(got["events"]) == 4


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Korea", "Error: 'Korea' is ambiguous: North Korea, South Korea\n"),
        ("Congo", "Error: 'Congo' is ambiguous: Democratic Republic of the Congo, "
                  "Republic of the Congo\n"),
        ("USSR", "Error: 'USSR' is a former state (the Soviet Union, dissolved 1991); "
                 "its continuator is Russia\n"),
        ("Soviet Union", "Error: 'Soviet Union' is a former state (the Soviet Union, "
                         "dissolved 1991); its continuator is Russia\n"),
        ("Karabakh", "Error: 'Karabakh' is not a country: Nagorno-Karabakh is a region "
                     "internationally recognized as part of Azerbaijan; "
                     "try Azerbaijan or Armenia\n"),
        ("EU", "Error: unknown country 'EU'.\n"),
        ("Narnia", "Error: unknown country 'Narnia'.\n"),
        ("Japn", "Error: unknown country 'Japn'. Did you mean: Japan?\n"),
    ],
)  # fmt: skip
def test_names_that_are_not_one_country(cli: Cli, name: str, message: str) -> None:
    result = cli("country", name)
    assert (result.exit_code, result.stderr) == (2, message)


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("England", "United Kingdom"), ("the UK", "United Kingdom"), ("DPRK", "North Korea"),
        ("Holy See", "Vatican City"), ("Vatican", "Vatican City"), ("Palestine", "Palestine"),
        ("Macedonia", "North Macedonia"), ("the US", "United States"), ("XK", "Kosovo"),
        ("the Ukraine", "Ukraine"),
    ],
)  # fmt: skip
def test_names_people_type(cli: Cli, name: str, country: str) -> None:
    result = cli("country", name, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["name"] == country


@pytest.mark.parametrize("name", ["Japan", "Russia"])  # the subject's page leaves them out too
def test_country_csv_says_what_it_leaves_out(cli: Cli, name: str) -> None:
    result = cli("country", name, "--format", "csv")
    assert result.exit_code == 0
    assert result.stderr == (
        "Note: disputes, treaties and events are left out of csv; use --format json or jsonl.\n"
    )
    assert result.stdout.startswith("id,kind,name")
    assert cli("country", name, "--format", "csv", "--fields", "id").stderr == ""


@pytest.mark.parametrize("name", ["Russia", "RU", "rus", "Russian Federation"])
def test_country_filter_naming_the_subject_keeps_everything(cli: Cli, name: str) -> None:
    # Every record is about the subject, as `country Russia` lists them all.
    disputes = cli("disputes", "--country", name, "--json")
    events = cli("events", "--country", name, "--json")
    assert (disputes.exit_code, disputes.stderr, events.exit_code) == (0, "", 0)
    assert len(json.loads(disputes.stdout)) == 2
    assert len(json.loads(events.stdout)) == 4
    widened = cli("events", "--country", "Japan", "--country", name, "--json").stdout
    assert len(json.loads(widened)) == 4
    assert cli("disputes", "--country", name).stdout.startswith(
        "Russia — territorial disputes (2)\n"
    )
