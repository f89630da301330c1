"""Shared fixtures: a small fact base, the CLI, and a guard against what a test leaves open."""

from __future__ import annotations

import gc
import io
import os
import sqlite3
import sys
import textwrap
import warnings
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pytest
from typer.testing import CliRunner, Result

from factcli.cli import app

pytest_plugins = ["pytester"]  # tests/test_leaks.py runs a leaking test in a pytest of its own

SMALL = {
    "countries.toml": """
        [meta]
        subject = "Russia"
        title = "Foreign relations of Russia"
        as_of = "2014"

        [[country]]
        name = "Japan"
        iso2 = "JP"
        iso3 = "JPN"
        aliases = ["Nippon"]
        relation = "Strained over the Kuril Islands"
        sources = ["Current issues"]

        [[country]]
        name = "United Kingdom"
        iso2 = "GB"
        iso3 = "GBR"
        aliases = ["UK", "Britain"]
        sources = ["Vladimir Putin's policies"]

        [[country]]
        name = "Estonia"
        iso2 = "EE"
        iso3 = "EST"
        notes = ["Border treaty announced by President Arnold Rüütel"]
        sources = ["Territorial disputes"]

        [[country]]
        name = "North Korea"
        iso2 = "KP"
        iso3 = "PRK"
        sources = ["Current issues"]

        [[country]]
        name = "South Korea"
        iso2 = "KR"
        iso3 = "KOR"
        sources = ["Current issues"]
        """,
    "orgs.toml": """
        [[org]]
        id = "sco"
        name = "Shanghai Cooperation Organisation"
        abbr = "SCO"
        role = "member"
        category = "regional"
        since = "2001"
        sources = ["International membership"]

        [[org]]
        id = "asean"
        name = "Association of Southeast Asian Nations"
        abbr = "ASEAN"
        role = "partner"
        category = "regional"
        sources = ["International membership"]

        [[org]]
        id = "coe"
        name = "Council of Europe"
        role = "former"
        category = "political"
        since = "1996-02-28"
        until = "2022-03-16"
        sources = ["International membership"]
        """,
    "disputes.toml": """
        [[dispute]]
        id = "kuril-islands"
        name = "Kuril Islands dispute"
        countries = ["JP"]
        territories = ["Iturup", "Kunashir", "Shikotan", "Habomai islands"]
        status = "unresolved"
        since = "1945"
        summary = "Japan claims the four southernmost islands."
        sources = ["Territorial disputes"]

        [[dispute]]
        id = "estonia-border"
        name = "Estonia–Russia border"
        countries = ["estonia"]
        territories = ["Ivangorod", "Pechorsky District"]
        status = "resolved"
        resolved_on = "2005-05-18"
        summary = "A border treaty was signed in Moscow."
        sources = ["Territorial disputes"]
        """,
    "events.toml": """
        [[event]]
        id = "munich-speech"
        date = "2007-02"
        title = "Putin's Munich speech"
        summary = "Criticised the United States' monopolistic dominance."
        tags = ["speech"]
        sources = ["Vladimir Putin's policies"]

        [[event]]
        id = "uk-expulsions"
        date = "2007-07-16"
        title = "The UK expels four Russian diplomats"
        countries = ["UK"]
        tags = ["espionage", "diplomacy"]
        sources = ["Vladimir Putin's policies"]

        [[event]]
        id = "year-2007"
        date = "2007"
        title = "A year of cooling relations"
        countries = ["Japan", "United Kingdom"]
        sources = ["Vladimir Putin's policies"]

        [[event]]
        id = "border-treaty"
        date = 2005-05-18
        title = "Estonia and Russia sign the border treaty"
        countries = ["EST"]
        orgs = ["coe"]
        tags = ["treaty", "border"]
        sources = ["Territorial disputes"]
        """,
}


def write_base(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write fact files (dedented text or raw bytes) into root and return it."""
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        data = text if isinstance(text, bytes) else textwrap.dedent(text).lstrip().encode()
        (root / name).write_bytes(data)
    return root


_CONNECT = sqlite3.connect  # the real one, before any test's guard replaces it


class Leaks:
    """The SQLite connections a test opened, and what only a collection frees unclosed.

    Python 3.13 warns about an unclosed connection when it is freed; 3.11 and 3.12 say
    nothing. A connection kept here is not freed before the test ends, and then it must
    have been closed, on every Python. Files and sockets warn on every Python, but one
    held in a reference cycle warns only when a collection frees it, maybe tests later
    or never: hence a collection after each test, of what the test made.
    """

    def __init__(self) -> None:
        self.opened: list[tuple[sqlite3.Connection, str]] = []

    def connect(self, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        db: sqlite3.Connection = _CONNECT(*args, **kwargs)
        caller = sys._getframe(1)
        self.opened.append((db, f"{caller.f_code.co_filename}:{caller.f_lineno}"))
        return db

    def unclosed(self) -> list[str]:
        """One line for each thing left open (each is closed now); none when all were closed."""
        found = []
        for db, where in self.opened:
            try:
                db.total_changes  # noqa: B018 - raises on a closed connection, the only test
            except sqlite3.ProgrammingError:
                continue
            db.close()
            found.append(f"a SQLite connection opened at {where} was not closed")
        self.opened.clear()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ResourceWarning)
            gc.collect()
            # What survived goes where collections no longer look: a collection of the
            # whole heap after every test took about 60 ms, twice the suite's time. (A
            # cycle of such survivors that a later test lets go is never freed, unseen.)
            gc.freeze()
        found += [f"ResourceWarning: {w.message}" for w in caught if w.category is ResourceWarning]
        return found


@pytest.fixture(autouse=True, scope="session")
def one_command_per_app() -> Iterator[None]:
    """The CLI runner's Click command, built from the app once, as a process builds it once.

    Typer's runner builds it again for every invoke: 3 ms each, seconds over the suite.
    """
    import functools

    from typer import testing

    from factcli.framework import get_command

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(testing, "_get_command", functools.cache(get_command))
        yield


@pytest.fixture(autouse=True)
def closes_what_it_opens(monkeypatch: pytest.MonkeyPatch) -> Iterator[Leaks]:
    """Fail a test that leaves a SQLite connection, a file or a socket open."""
    leaks = Leaks()
    monkeypatch.setattr(sqlite3, "connect", leaks.connect)
    yield leaks
    if found := leaks.unclosed():
        pytest.fail("left open:\n" + "\n".join(found), pytrace=False)


@pytest.fixture(autouse=True)
def cache_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test's own cache of validated fact bases: never the user's, never shared."""
    where = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("FACTCLI_CACHE_DIR", str(where))
    monkeypatch.delenv("FACTCLI_NO_CACHE", raising=False)
    return where


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A small, valid fact base."""
    return write_base(tmp_path / "small", SMALL)


Cli = Callable[..., Result]


@pytest.fixture
def cli(small: Path) -> Cli:
    """Run factcli in-process against the small fact base (or facts=DIR)."""

    def run(*args: str, facts: Path | None = None) -> Result:
        runner = CliRunner()
        env = {"COLUMNS": "200", "NO_COLOR": "1", "FACTCLI_FACTS_DIR": None}
        return runner.invoke(app, ["--facts-dir", str(facts or small), *args], env=env)

    return run


# --- python -m factcli, in this process -------------------------------------------------------


class Output(io.RawIOBase):
    """A standard stream's file as the process writes it: what reached it, and how it fails.

    fail: raised by the write that would go past `room` bytes (BrokenPipeError for a reader
    that went away, OSError(ENOSPC) for a full disk, KeyboardInterrupt for Ctrl-C).
    """

    def __init__(self, fail: BaseException | None = None, room: int = 0) -> None:
        super().__init__()
        self.fail, self.room = fail, room
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        data = bytes(b)
        if self.fail is not None and len(self.data) + len(data) > self.room:
            raise self.fail
        self.data += data
        return len(data)


@dataclass(frozen=True)
class Ran:
    """How a run ended: its exit status, and what reached stdout and stderr."""

    code: int
    stdout: str
    stderr: str


class Main(Protocol):
    def __call__(
        self,
        *args: str,
        env: Mapping[str, str | None] | None = None,
        stdout: Output | None = None,
        encoding: str = "utf-8",
    ) -> Ran: ...


@pytest.fixture
def main(monkeypatch: pytest.MonkeyPatch) -> Main:
    """`factcli ARGS` through the entry point, in this process, its output into pipes.

    The entry point's own code runs: its stream guards, usage errors and exit codes. What
    only a process has is left out: the interpreter's start, signal handlers (left as they
    are), a terminal (there is none: 80 columns unless COLUMNS says otherwise) and os._exit,
    which ends the run instead. NO_COLOR is set, FACTCLI_FACTS_DIR and COLUMNS unset, unless
    env says otherwise (None unsets), for this run only. stdout writes into a pipe's
    buffer, which writes to `stdout`, an Output that may fail; stderr never fails.
    """
    from typer import _completion_shared
    from typer._click import shell_completion

    from factcli import __main__ as entry
    from factcli import process

    def exit_now(code: int) -> None:
        raise SystemExit(code)

    def no_terminal(fd: int = 1) -> os.terminal_size:
        raise OSError(25, "Inappropriate ioctl for device")

    # What a run changes in the whole process is given back after the test: the streams,
    # and the shells and bash script that completion registers in Typer's tables.
    monkeypatch.setattr(process, "answer_signals", lambda: None)
    monkeypatch.setattr(gc, "disable", lambda: None)
    monkeypatch.setattr(gc, "freeze", lambda: None)  # the leak guard collects after the test
    monkeypatch.setattr(os, "_exit", exit_now)
    monkeypatch.setattr(os, "get_terminal_size", no_terminal)
    monkeypatch.setattr(sys, "stdout", sys.stdout)
    monkeypatch.setattr(sys, "stderr", sys.stderr)
    monkeypatch.setattr(
        _completion_shared, "_completion_scripts", dict(_completion_shared._completion_scripts)
    )
    monkeypatch.setattr(
        shell_completion, "_available_shells", dict(shell_completion._available_shells)
    )

    before, changed = dict(os.environ), set[str]()

    def run(
        *args: str,
        env: Mapping[str, str | None] | None = None,
        stdout: Output | None = None,
        encoding: str = "utf-8",
    ) -> Ran:
        environ = {"NO_COLOR": "1", "FACTCLI_FACTS_DIR": None, "COLUMNS": None, **(env or {})}
        for name in changed - environ.keys():  # what an earlier run of the test set
            environ[name] = before.get(name)
        changed.update(environ)
        for name, value in environ.items():
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        out, err = stdout or Output(), Output()
        pipes = (
            io.TextIOWrapper(io.BufferedWriter(out), encoding=encoding),
            io.TextIOWrapper(
                io.BufferedWriter(err), encoding=encoding, errors="backslashreplace",
                line_buffering=True,
            ),
        )  # fmt: skip
        saved = sys.argv, sys.stdout, sys.stderr
        sys.argv, sys.stdout, sys.stderr = [entry.__file__, *args], *pipes  # as python -m sets it
        try:
            entry.main()
        except SystemExit as ended:
            code = ended.code
        else:
            raise AssertionError("main() returned instead of ending the run")
        finally:
            sys.argv, sys.stdout, sys.stderr = saved
            said = bytes(out.data), bytes(err.data)
            out.fail = None  # what never reached the pipe is not written, nor fails, when freed
            for pipe in pipes:
                pipe.close()
        assert isinstance(code, int), code
        return Ran(code, said[0].decode(encoding), said[1].decode(encoding))

    return run
