"""What a newcomer mistypes, through the entry point: each usage error is one line that
names what would have been right (SPEC §4), and exits 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcli import framework
from factcli.cli import app
from factcli.usage import INSTEAD
from tests.conftest import Main, write_base
from tests.test_completion import bash


def said(main: Main, *args: str, facts: Path | None = None) -> tuple[int, str, str]:
    ran = main(*(["--facts-dir", str(facts)] if facts else []), *args)
    return ran.code, ran.stdout, ran.stderr


# --- search TEXT must hold a word -----------------------------------------------------------


@pytest.mark.parametrize("text", ["", " ", "  -- ", "_", "?!"])
def test_search_without_a_word_is_a_usage_error(main: Main, small: Path, text: str) -> None:
    assert said(main, "search", text, facts=small) == (
        2, "", f"Error: nothing to search for in '{text}': TEXT must hold a word\n",
    )  # fmt: skip


def test_marks_alone_are_no_words_of_a_search(main: Main, small: Path) -> None:
    found = '[\n  {\n    "id": "japan"\n  },\n  {\n    "id": "kuril-islands"\n  }\n]\n'
    for text in (["kuril"], ["--", "-- kuril ?"], ["kuril", "&"]):
        assert said(main, "search", "--fields", "id", "--json", *text, facts=small) == (
            0, found, "",
        )  # fmt: skip


# --- closed lists: what the value could have been ---------------------------------------------


SHIPPED_VALUES = {
    "category begun": (
        ["orgs", "--category", "un"],
        "Error: unknown category 'un'. Did you mean: un-mission, un-system?\n"),
    "a word of a tag": (
        ["events", "--tag", "defence"],
        "Error: unknown tag 'defence'. Did you mean: missile defence?\n"),
    "too many orgs to list": (
        ["events", "--org", "warsaw-pact"],
        "Error: unknown org 'warsaw-pact': none of the 77 orgs is close; factcli orgs "
        "--fields id,name lists them\n"),
    "former is asked for by --ended": (
        ["orgs", "--role", "former"],
        "Error: 'former' is no role to filter by: --ended lists the ties that ended, and how\n"),
    "in any case": (
        ["orgs", "--role", "Former", "--current"],
        "Error: 'former' is no role to filter by: --ended lists the ties that ended, and how\n"),
}  # fmt: skip


@pytest.mark.parametrize(("args", "stderr"), SHIPPED_VALUES.values(), ids=SHIPPED_VALUES)
def test_an_unknown_value_of_the_shipped_base(main: Main, args: list[str], stderr: str) -> None:
    assert said(main, *args) == (2, "", stderr)


SMALL_VALUES = {
    "every category": (
        ["orgs", "--category", "un"],
        "Error: unknown category 'un' (expected political or regional)\n"),
    "every tag": (
        ["events", "--tag", "xyz"],
        "Error: unknown tag 'xyz' (expected border, diplomacy, espionage, speech or treaty)\n"),
    "every org": (
        ["events", "--org", "nato"], "Error: unknown org 'nato' (expected asean, coe or sco)\n"),
    "a typo": (["orgs", "--role", "membr"], "Error: unknown role 'membr'. Did you mean: member?\n"),
    "every role": (
        ["orgs", "--role", "emperor"],
        "Error: unknown role 'emperor' (expected member, observer, partner, participant or "
        "suspended)\n"),
    "the statuses begun": (
        ["disputes", "--status", "resolv"],
        "Error: unknown status 'resolv'. Did you mean: resolved, partially resolved, "
        "unresolved?\n"),
    "every status": (
        ["disputes", "--status", "maybe"],
        "Error: unknown status 'maybe' (expected unresolved, partially resolved or resolved)\n"),
    "every treaty status": (
        ["treaties", "--status", "closed"],
        "Error: unknown status 'closed' (expected signed, ratified, in force, suspended, "
        "withdrawn, terminated, expired or not in force)\n"),
    "every kind": (
        ["search", "x", "--kind", "pact"],
        "Error: unknown kind 'pact' (expected org, dispute, event, country or treaty)\n"),
    "every kind of change": (
        ["changes", "--kind", "ties"],
        "Error: unknown kind 'ties' (expected org, dispute, event, country or treaty)\n"),
    "every format": (
        ["events", "--format", "xml"],
        "Error: unknown format 'xml' (expected table, json, jsonl or csv)\n"),
    "a format begun": (
        ["events", "-f", "js"], "Error: unknown format 'js'. Did you mean: json, jsonl?\n"),
}  # fmt: skip


@pytest.mark.parametrize(("args", "stderr"), SMALL_VALUES.values(), ids=SMALL_VALUES)
def test_an_unknown_value_lists_or_suggests(
    main: Main, small: Path, args: list[str], stderr: str
) -> None:
    assert said(main, *args, facts=small) == (2, "", stderr)


def test_a_value_in_another_case_is_the_value(main: Main, small: Path) -> None:
    code, out, err = said(main, "orgs", "--role", "MEMBER", "-f", "JSON", facts=small)
    assert (code, '"id": "sco"' in out, err) == (0, True, "")


def test_a_v1_former_tie_is_found_by_ended(main: Main, small: Path) -> None:
    code, out, err = said(main, "orgs", "--ended", "--fields", "id,role", "-f", "csv", facts=small)
    assert (code, out, err) == (0, "id,role\ncoe,former\n", "")


def test_former_is_neither_offered_by_help_nor_by_tab(main: Main, small: Path) -> None:
    lines = main("orgs", "--help", env={"COLUMNS": "100"}).stdout.splitlines()
    assert [line.split()[:2] for line in lines if "--role" in line] == [
        ["--role", "<member|observer|partner|participant|suspended>"]
    ]
    assert bash(main, "factcli orgs --role ", small) == (
        "member\nobserver\npartner\nparticipant\nsuspended\n"
    )


def test_a_fact_file_may_still_say_former(main: Main, tmp_path: Path) -> None:
    """SPEC §5: role "former" stays valid in v1 files; only the option refuses it."""
    facts = write_base(tmp_path / "v1", {"orgs.toml": """
        [[org]]
        id = "coe"
        name = "Council of Europe"
        role = "former"
        category = "political"
        since = "1996-02-28"
        until = "2022-03-16"
        sources = ["International membership"]
        """})  # fmt: skip
    assert said(main, "validate", facts=facts)[:2] == (
        0, "OK: 1 file, 0 countries, 1 org, 0 disputes, 0 treaties, 0 events\n",
    )  # fmt: skip


# --- an option that belongs to other commands --------------------------------------------------


ELSEWHERE = {
    "as-of on events": (
        ["events", "--as-of", "2010"],
        "Error: --as-of is for orgs, disputes, treaties and country; for events, use "
        "--since/--until\n"),
    "as-of= on events": (
        ["events", "--as-of=2010"],
        "Error: --as-of is for orgs, disputes, treaties and country; for events, use "
        "--since/--until\n"),
    "year on orgs": (
        ["orgs", "--year", "2010"], "Error: --year is for events; for orgs, use --as-of\n"),
    "since on country": (
        ["country", "Japan", "--since", "2000"],
        "Error: --since is for events and changes; for country, use --as-of\n"),
    "chart on events": (
        ["events", "--chart"],
        "Error: --chart is for orgs and treaties; for events, use --by-year\n"),
    "role on disputes": (
        ["disputes", "--role", "member"],
        "Error: --role is for orgs; for disputes, use --status\n"),
    "current on treaties": (
        ["treaties", "--current"], "Error: --current is for orgs; for treaties, use --status\n"),
    "no replacement": (["orgs", "--tag", "x"], "Error: --tag is for events\n"),
    "a short option": (
        ["orgs", "-c", "Japan"], "Error: -c is for disputes, treaties, events and changes\n"),
    "before the command": (
        ["--json", "events"],
        "Error: --json is for every command but validate, export and schema; give it after the "
        "command\n"),
    "factcli's own, after the command": (
        ["events", "--facts-dir", "x"],
        "Error: --facts-dir goes before the command: factcli --facts-dir DIR events ...\n"),
    "factcli's own flag, after the command": (
        ["events", "--version"], "Error: --version goes before the command: factcli --version\n"),
    "nowhere, close to one of its own": (
        ["events", "--jsn"], "Error: no such option '--jsn'. Did you mean '--json'?\n"),
    "nowhere, close to none": (
        ["schema", "--bogus"], "Error: no such option '--bogus'.\nTry 'factcli schema --help'.\n"),
}  # fmt: skip


@pytest.mark.parametrize(("args", "stderr"), ELSEWHERE.values(), ids=ELSEWHERE)
def test_an_option_of_other_commands_names_them(
    main: Main, small: Path, args: list[str], stderr: str
) -> None:
    assert said(main, *args, facts=small) == (2, "", stderr)


def test_what_a_command_takes_instead_is_its_own_and_the_other_is_not() -> None:
    """Each hint names options the command has, for one it lacks: the table cannot rot."""
    group = framework.get_command(app)
    ctx = framework.ClickContext(group)
    assert isinstance(group, framework.TyperGroup)
    for (name, option), instead in INSTEAD.items():
        command = group.get_command(ctx, name)
        assert command is not None, name
        options = {o for p in command.params for o in p.opts}
        assert option not in options, (name, option)
        assert set(instead) <= options, (name, instead)
