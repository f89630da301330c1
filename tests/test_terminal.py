"""What reaches a terminal: fact text is data, never markup or control characters.

Escape and other control characters (C0 but newline and tab, DEL, C1) and bidirectional
overrides and isolates from a fact file or the command line never reach the terminal in
table mode, in notices, in error messages or in validate's report; JSON keeps every string
exactly. Ctrl-C ends quietly.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import SMALL, Cli, Main, write_base

EVIL = "\x1b[2J\x1b[31mred\x07\x00\x08\x7f\x85\x9b31m\u202eevil\u202c\u2066x\u2069\r\x0b"
MARKUP = "[bold]loud[/bold] [link=https://evil.test]click[/link] [/]"
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# What the data would do on a terminal if it got there; Rich's own styles are allowed.
DATA_SEQUENCES = ["\x1b[2J", "\x1b[31m", "\x07", "\x00", "\x9b", "\u202e", "\u2066", "\r"]


def toml_string(s: str) -> str:
    escaped = "".join(
        f"\\u{ord(c):04x}" if ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in '"\\' else c
        for c in s
    )
    return f'"{escaped}"'


def q(s: str) -> str:
    return toml_string(s)


HOSTILE_FILE = f"""
[[country]]
name = {q("Evilland " + EVIL)}
iso2 = "XK"
iso3 = "XKX"
aliases = [{q("Evil " + EVIL)}]
relation = {q("Relation " + MARKUP + " " + EVIL)}
notes = [{q("Note " + MARKUP + " " + EVIL)}]
sources = [{q("Source " + EVIL)}]

[[org]]
id = "evil-org"
name = {q("Org " + EVIL)}
abbr = {q("E" + EVIL)}
role = "member"
category = {q("cat" + EVIL)}
notes = {q("Notes " + MARKUP + " " + EVIL)}
sources = ["s"]

[[dispute]]
id = "evil-dispute"
name = {q("Dispute " + EVIL)}
countries = ["XK"]
territories = [{q("Territory " + EVIL)}]
status = "unresolved"
summary = {q("Summary " + MARKUP + " " + EVIL)}
notes = {q("Notes " + EVIL)}
sources = ["s"]

[[event]]
id = "evil-event"
date = "1999"
title = {q("Title " + MARKUP + " " + EVIL)}
summary = {q("Summary " + MARKUP + " " + EVIL)}
countries = ["XKX"]
orgs = ["evil-org"]
tags = [{q("tag" + EVIL)}]
sources = [{q("Source " + EVIL)}]
"""

TABLES = [
    ["orgs"],
    ["orgs", "evil"],
    ["disputes"],
    ["events"],
    ["events", "--year", "1999"],
    ["country"],
    ["country", "XK"],
    ["search", "evil"],
    ["search", "loud"],
    ["events", "--fields", "id,title,summary,countries,orgs,tags,sources"],
    ["orgs", "--fields", "name,abbr,category,notes,sources"],
    ["disputes", "--fields", "name,countries,territories,summary,notes"],
    ["country", "--fields", "name,aliases,relation,notes,sources"],
    ["country", "XK", "--fields", "name,aliases,relation,notes,sources,events"],
    ["events", "--by-year"],
    ["validate"],
]


@pytest.fixture
def hostile(small: Path) -> Path:
    return write_base(small.parent / "hostile", {**SMALL, "zz-hostile.toml": HOSTILE_FILE})


@pytest.mark.parametrize("args", TABLES, ids=" ".join)
def test_control_characters_from_facts_never_reach_the_terminal(
    cli: Cli, hostile: Path, args: list[str]
) -> None:
    result = cli(*args, facts=hostile)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip()
    found = UNSAFE.findall(result.stdout + result.stderr)
    assert not found, f"{found} reached the terminal"


@pytest.mark.parametrize("args", TABLES, ids=" ".join)
def test_nor_a_colour_terminal(small: Path, hostile: Path, args: list[str]) -> None:
    from typer.testing import CliRunner

    from factcli.cli import app

    env = {"COLUMNS": "200", "FORCE_COLOR": "1", "NO_COLOR": None, "FACTCLI_FACTS_DIR": None}
    result = CliRunner().invoke(app, ["--facts-dir", str(hostile), *args], env=env)
    assert result.exit_code == 0, result.stderr
    for sequence in DATA_SEQUENCES:
        assert sequence not in result.stdout + result.stderr


def test_control_characters_are_spelt_out_not_dropped(cli: Cli, hostile: Path) -> None:
    out = cli("events", "--year", "1999", facts=hostile).stdout
    assert "\\x1b[2J\\x1b[31mred\\x07\\x00" in "".join(out.split())
    assert "\\u202eevil\\u202c" in out


@pytest.mark.parametrize(
    "args",
    [["orgs"], ["disputes"], ["events"], ["country", "XK"], ["search", "loud"]],
    ids=" ".join,
)
def test_fact_text_is_never_markup(cli: Cli, hostile: Path, args: list[str]) -> None:
    out = "".join(cli(*args, facts=hostile).stdout.split())
    for literal in ("[bold]loud[/bold]", "[link=https://evil.test]click[/link]", "[/]"):
        assert literal in out


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_keeps_every_string_exactly(cli: Cli, hostile: Path, fmt: str) -> None:
    out = cli("events", "--year", "1999", "--format", fmt, facts=hostile).stdout
    # Lines end in "\n" only: a string keeps its "\x85" as written (str.splitlines breaks there).
    (event,) = json.loads(out) if fmt == "json" else map(json.loads, out.split("\n")[:-1])
    assert event["title"] == "Title " + MARKUP + " " + EVIL
    assert event["tags"] == ["tag" + EVIL]
    assert event["countries"] == ["Evilland " + EVIL]


# --- notices and errors that quote what a user typed -----------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "stderr"),
    [
        (["search", "\x1b[2J"], 0, "Nothing matches '\\x1b[2J'.\n"),
        (["country", "\x1b]0;owned\x07"], 2, "Error: unknown country '\\x1b]0;owned\\x07'.\n"),
        (["events", "--country", "\u202eJapan"], 2,
         "Error: unknown country '\\u202eJapan'. Did you mean: Japan?\n"),
        (["events", "--tag", "a\nb\x9b"], 2,
         "Error: unknown tag 'a\\nb\\x9b' (expected border, diplomacy, espionage, speech or "
         "treaty)\n"),
        (["events", "--org", "\x7f"], 2,
         "Error: unknown org '\\x7f' (expected asean, coe or sco)\n"),
        (["orgs", "--category", "\x00"], 2,
         "Error: unknown category '\\x00' (expected political or regional)\n"),
        (["events", "--since", "2007\x1b"], 2,
         "Error: invalid date '2007\\x1b' (expected YYYY, YYYY-MM or YYYY-MM-DD)\n"),
    ],
)  # fmt: skip
def test_what_a_user_typed_is_spelt_out_in_messages(
    cli: Cli, args: list[str], code: int, stderr: str
) -> None:
    result = cli(*args)
    assert (result.exit_code, result.stderr) == (code, stderr)


BIDI, ESC, NEWLINE = "\u202e", "\x1b", "\n"
BAD_FILE = f"""
[[event]]
id = "e"
date = {q("2007" + BIDI)}
title = "t"
countries = [{q("Atl" + EVIL[:8] + "antis")}]
{q("tit" + ESC + "le")} = "x"
sources = ["s"]

[{q("a" + NEWLINE + "b")}]
"""


def test_problems_quoting_fact_text_are_spelt_out(cli: Cli, small: Path) -> None:
    bad = write_base(small.parent / "bad", {**SMALL, "zz.toml": BAD_FILE})
    expected = [
        f"{bad}/zz.toml:3: event 'e': 'date': invalid date '2007\\u202e' "
        "(expected YYYY, YYYY-MM or YYYY-MM-DD)",
        f"{bad}/zz.toml:5: event 'e': unknown country 'Atl\\x1b[2J\\x1b[31antis': "
        "add a [[country]] for it",
        # The key and the header are written with escapes, and found by what they stand for.
        f"{bad}/zz.toml:6: event 'e': unknown field 'tit\\x1ble' (did you mean 'title'?) "
        f"in the record at {bad}/zz.toml:1",
        f"{bad}/zz.toml:9: unknown table 'a\\nb'; a fact file holds [meta], [[country]], "
        "[[org]], [[dispute]], [[treaty]], [[event]]",
    ]
    result = cli("validate", facts=bad)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [*expected, "4 problems in 1 file"]
    result = cli("events", facts=bad)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:-1] == expected


def test_a_facts_dir_with_control_characters_in_its_name(cli: Cli, small: Path) -> None:
    result = cli("events", facts=small / "x\x1b[2J")
    assert result.stderr == f"Error: facts directory '{small}/x\\x1b[2J' does not exist\n"


# --- Click's own errors, through the entry point; Ctrl-C in a real process ---------------------


def test_clicks_usage_errors_spell_out_what_was_typed(main: Main, small: Path) -> None:
    ran = main("--facts-dir", str(small), "events", "--\x1b[31mbogus")
    assert ran.code == 2
    assert ran.stderr.splitlines()[0] == "Error: no such option '--\\x1b[31mbogus'."
    assert not UNSAFE.search(ran.stderr)


def factcli(*args: str) -> list[str]:
    return [sys.executable, "-m", "factcli", *args]


def environment() -> dict[str, str]:
    env = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1"}
    env.pop("FACTCLI_FACTS_DIR", None)
    env.pop("PYTHONUNBUFFERED", None)  # buffered, as a user's python is: flushing at exit counts
    return env


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough events that their output fills a pipe many times over."""
    title = "Event {0} " + "of a long and eventful year " * 4
    event = '[[event]]\nid = "e{0}"\ndate = "2001"\ntitle = "' + title + '"\nsources = ["s"]\n'
    files = {"e.toml": "".join(event.format(i) for i in range(3000))}
    return write_base(tmp_path_factory.mktemp("big"), files)


def blocked_writing(pid: int) -> None:
    """Wait until a process sleeps in the kernel (a full pipe), however slow the machine."""
    stat = Path(f"/proc/{pid}/stat")
    try:
        while stat.read_text().rsplit(")", 1)[1].split()[0] == "R":
            time.sleep(0.01)
    except OSError:  # no /proc: the first byte read says it is past start-up
        pass


def test_ctrl_c_ends_quietly_with_130(big: Path) -> None:
    """The signal itself, in a process blocked writing into a full pipe.

    Ctrl-C in the middle of each format's writing, and the closed pipes, are in
    tests/test_streams.py.
    """
    with subprocess.Popen(
        factcli("--facts-dir", str(big), "events", "--format", "json"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
        env=environment(),
    ) as p:  # fmt: skip
        assert p.stdout is not None
        assert p.stdout.read(1)  # it is writing, past start-up: and blocks, as nobody reads on
        blocked_writing(p.pid)
        p.send_signal(signal.SIGINT)
        _, err = p.communicate(timeout=60)
    assert (p.returncode, err) == (130, b"")
