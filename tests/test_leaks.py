"""The guard in conftest.py: a test that leaves a connection or a file open fails, anywhere."""

from __future__ import annotations

import gc
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import Leaks


def test_a_connection_left_open_is_named_and_closed(closes_what_it_opens: Leaks) -> None:
    db = sqlite3.connect(":memory:")
    line = test_a_connection_left_open_is_named_and_closed.__code__.co_firstlineno + 1
    assert closes_what_it_opens.unclosed() == [
        f"a SQLite connection opened at {__file__}:{line} was not closed"
    ]
    with pytest.raises(sqlite3.ProgrammingError):
        db.execute("SELECT 1")  # the guard closed it


def test_with_commits_but_does_not_close(closes_what_it_opens: Leaks) -> None:
    with sqlite3.connect(":memory:") as db:
        db.execute("SELECT 1")
    assert len(closes_what_it_opens.unclosed()) == 1


def test_a_closed_connection_is_not_a_leak(closes_what_it_opens: Leaks) -> None:
    sqlite3.connect(":memory:").close()
    assert closes_what_it_opens.unclosed() == []


def test_a_file_in_a_reference_cycle_is_found(closes_what_it_opens: Leaks, tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    was = gc.isenabled()
    gc.disable()  # no collection before the guard's own
    try:
        cycle: list[object] = [(tmp_path / "f").open()]  # the leak under test
        cycle.append(cycle)
        del cycle
        found = closes_what_it_opens.unclosed()
    finally:
        if was:
            gc.enable()
    assert len(found) == 1
    assert found[0].startswith("ResourceWarning: unclosed file")


LEAKY = """
import sqlite3

def test_leaves_it_open():
    with sqlite3.connect(":memory:") as db:
        db.execute("SELECT 1")
"""


def test_a_test_that_leaves_a_connection_open_fails(pytester: pytest.Pytester) -> None:
    pytester.makeconftest("from tests.conftest import closes_what_it_opens  # noqa: F401\n")
    pytester.makepyfile(test_leaky=LEAKY)
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, errors=1)  # the test ran; its teardown failed
    result.stdout.fnmatch_lines([
        "*ERROR at teardown of test_leaves_it_open*",
        "left open:",
        "a SQLite connection opened at *test_leaky.py:4 was not closed",
    ])  # fmt: skip
