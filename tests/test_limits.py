"""Big and deep inputs: they load, or fail with a message, in bounded time and memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SMALL, Cli, write_base

MB = 1_000_000
EVENT = """[[event]]
id = "e{0}"
date = "2001-02-03"
title = "Event number {0}, with a title of about the length of the real ones"
summary = "A summary sentence that takes a little room in the file, as the real ones do."
countries = ["Japan"]
tags = ["treaty", "summit"]
sources = ["Current issues"]

"""


def fifty_mb_of_events(path: Path) -> int:
    """A fact file of just over 50 MB; the number of events in it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        size = out.write(
            '[[country]]\nname = "Japan"\niso2 = "JP"\niso3 = "JPN"\nsources = ["s"]\n\n'
        )
        n = 0
        while size < 50 * MB:
            size += out.write("".join(EVENT.format(i) for i in range(n, n + 1000)))
            n += 1000
    return n


@pytest.mark.slow
def test_a_50_mb_fact_file_loads_in_bounded_time_and_memory(tmp_path: Path) -> None:
    events = fifty_mb_of_events(tmp_path / "big" / "events.toml")
    env = {**os.environ, "FACTCLI_NO_CACHE": "1"}  # the cost of loading, not of a cache hit
    p = subprocess.run(
        [sys.executable, "-m", "factcli", "--facts-dir", str(tmp_path / "big"), "validate"],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert (p.returncode, p.stdout, p.stderr) == (
        0, f"OK: 1 file, 1 country, 0 orgs, 0 disputes, 0 treaties, {events} events\n", "",
    )  # fmt: skip
    # Time and memory depend on the machine: benchmarks/ measures them against a floor.


def test_a_5_mb_line_that_never_ends_is_a_syntax_error(cli: Cli, tmp_path: Path) -> None:
    base = write_base(tmp_path / "b", {"x.toml": b'x = "' + b"a" * 5 * MB + b"\n"})
    result = cli("validate", facts=base)
    assert (result.exit_code, result.stdout) == (
        1,
        f"{base}/x.toml:1: invalid TOML at line 1, column 5000006: Illegal character '\\n'\n"
        "1 problem in 1 file\n",
    )


def test_a_1_mb_string_loads_and_prints_whole(cli: Cli, small: Path) -> None:
    long = "word " * (MB // 5)
    event = f'[[event]]\nid = "long"\ndate = "1999"\ntitle = "{long}"\nsources = ["s"]\n'
    base = write_base(small.parent / "long", {**SMALL, "z.toml": event})
    (record,) = json.loads(cli("events", "--year", "1999", "--json", facts=base).stdout)
    assert record["title"] == long
    assert (
        cli("events", "--year", "1999", "--format", "csv", facts=base).stdout.count("word")
        == MB // 5
    )


def test_1_mb_strings_in_problems_are_cut_short(cli: Cli, small: Path) -> None:
    y = "y" * MB
    event = (
        f'[[event]]\nid = "{y}"\ndate = "{y}"\ntitle = "t"\n{y} = 1\ncountries = ["{y}"]\n'
        'sources = ["s"]\n'
    )
    base = write_base(small.parent / "bad", {**SMALL, "z.toml": event})
    cut = "y" * 59 + "…"
    result = cli("validate", facts=base)
    assert (result.exit_code, result.stdout.splitlines()) == (1, [
        f"{base}/z.toml:3: event '{cut}': 'date': invalid date '{cut}' "
        "(expected YYYY, YYYY-MM or YYYY-MM-DD)",
        f"{base}/z.toml:5: event '{cut}': unknown field '{cut}' in the record at {base}/z.toml:1",
        f"{base}/z.toml:6: event '{cut}': unknown country '{cut}': add a [[country]] for it",
        "3 problems in 1 file",
    ])  # fmt: skip


DEEP = 100_000


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x = " + "[" * DEEP + "]" * DEEP,
         "inline arrays/tables are nested more than the allowed 400 levels"),
        ("x = " + "{a = " * DEEP + "1" + "}" * DEEP,
         "inline arrays/tables are nested more than the allowed 400 levels"),
        ("tags = [" + "[" * DEEP + "]" * DEEP + "]",
         "inline arrays/tables are nested more than the allowed 400 levels"),
        ("x." * DEEP + "y = 1", "key has more than the allowed 1000 parts"),
        ("[" + "a." * DEEP + "b]", "key has more than the allowed 1000 parts"),
        ("[[" + "a." * DEEP + "b]]", "key has more than the allowed 1000 parts"),
    ],
    ids=["arrays", "inline-tables", "in-a-field", "dotted-key", "table-header", "array-header"],
)  # fmt: skip
def test_deep_nesting_is_a_problem_not_a_crash(
    cli: Cli, tmp_path: Path, text: str, message: str
) -> None:
    base = write_base(tmp_path / "b", {"x.toml": text + "\n"})
    result = cli("validate", facts=base)
    assert (result.exit_code, result.stdout) == (
        1, f"{base}/x.toml: invalid TOML: {message}\n1 problem in 1 file\n",
    )  # fmt: skip


def test_tables_nested_as_deep_as_toml_allows(cli: Cli, tmp_path: Path) -> None:
    """200 inline tables inside each other, each under a key of 1000 parts: 200,000 levels."""
    level = "[{" + "a." * 999 + "b = "
    event = (
        '[[event]]\nid = "e"\ndate = "2001"\ntitle = "t"\nsources = ["s"]\n'
        f"tags = {level * 200}1{'}]' * 200}\nnotes = {level * 200}1{'}]' * 200}\n"
    )
    base = write_base(tmp_path / "b", {"x.toml": event})
    result = cli("validate", facts=base)
    assert (result.exit_code, result.stdout.splitlines()) == (1, [
        f"{base}/x.toml:6: event 'e': 'tags': must hold only strings, not a table",
        f"{base}/x.toml:7: event 'e': unknown field 'notes' in the record at {base}/x.toml:1",
        "2 problems in 1 file",
    ])  # fmt: skip
