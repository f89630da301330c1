"""Countries named in other scripts: each gets its own id, and can be asked for by name."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import Cli, write_base

SCRIPTS = {
    "a.toml": """
        [meta]
        subject = "Test"

        [[country]]
        name = "日本"
        sources = ["s"]

        [[country]]
        name = "Россия"
        sources = ["s"]

        [[dispute]]
        id = "islands"
        name = "Islands"
        countries = ["日本", "Россия"]
        territories = ["x"]
        status = "unresolved"
        summary = "s"
        sources = ["s"]

        [[event]]
        id = "e1"
        date = "2001"
        title = "t"
        countries = ["Россия"]
        sources = ["s"]
        """,
}


@pytest.fixture
def scripts(tmp_path: Path) -> Path:
    return write_base(tmp_path / "scripts", SCRIPTS)


def test_both_are_valid_and_do_not_clash(cli: Cli, scripts: Path) -> None:
    result = cli("validate", facts=scripts)
    assert (result.exit_code, result.stdout) == (
        0,
        "OK: 1 file, 2 countries, 0 orgs, 1 dispute, 0 treaties, 1 event\n",
    )
    ids = [c["id"] for c in json.loads(cli("country", "--json", facts=scripts).stdout)]
    assert sorted(ids) == ["россия", "日本"]


@pytest.mark.parametrize(
    ("asked", "expected", "events"),
    [("日本", "日本", []), ("Россия", "россия", ["e1"]), ("россия", "россия", ["e1"])],
)
def test_each_can_be_asked_for(
    cli: Cli, scripts: Path, asked: str, expected: str, events: list[str]
) -> None:
    result = cli("country", asked, "--json", facts=scripts)
    page = json.loads(result.stdout)
    assert (result.exit_code, page["id"]) == (0, expected)
    assert [d["id"] for d in page["disputes"]] == ["islands"]
    assert [e["id"] for e in page["events"]] == events


def test_the_export_links_each_to_its_own_row(cli: Cli, scripts: Path, tmp_path: Path) -> None:
    target = tmp_path / "facts.db"
    assert cli("export", "--sqlite", str(target), facts=scripts).exit_code == 0
    with contextlib.closing(sqlite3.connect(target)) as db:
        assert sorted(db.execute("SELECT * FROM dispute_countries")) == [
            ("islands", "россия"), ("islands", "日本"),
        ]  # fmt: skip
        assert db.execute("SELECT * FROM event_countries").fetchall() == [("e1", "россия")]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
