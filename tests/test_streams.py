"""The process as a shell sees it: full disks, closed streams and pipes, odd terminals, usage.

Most of it runs through the entry point in this process (the `main` fixture), its stdout
an Output that fails where a pipe or a disk would: at every point of the output, in every
format. A real process shows once each what only a process has: a pipe whose reader
leaves, a closed descriptor, /dev/full, COLUMNS and PYTHONIOENCODING read at start-up,
SIGTERM.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factcli import __main__ as entry
from tests.conftest import Main, Output, write_base

FORMATS = ["json", "jsonl", "csv", "table"]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "NO_COLOR": "1", **(env or {})}
    environ.pop("FACTCLI_FACTS_DIR", None)
    environ.pop("COLUMNS", None)
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "factcli", *args],
        capture_output=True, text=True, env=environ, check=False,
    )  # fmt: skip


def events(n: int, words: int = 0) -> dict[str, str]:
    """A fact file of n events, each title followed by `words` more words."""
    more = "".join(f" word{i}" for i in range(words))
    event = '[[event]]\nid = "e{0}"\ndate = "2001"\ntitle = "Event {0}' + more + '"\n'
    event += 'sources = ["s"]\n'
    return {"e.toml": "".join(event.format(i) for i in range(n))}


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Events whose output fills a pipe (64 KiB) several times over, csv the shortest."""
    return write_base(tmp_path_factory.mktemp("big"), events(3000))


@pytest.fixture(scope="module")
def several(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Events whose output fills stdout's buffer (8 KiB) a few times, in every format."""
    return write_base(tmp_path_factory.mktemp("several"), events(400, words=8))


# --- stdout that cannot be written: at any point, in every format ---------------------------

EPIPE = errno.EPIPE, 141, ""  # a reader that went away: quietly, as Unix tools end
ENOSPC = errno.ENOSPC, 74, "Error: cannot write the output: No space left on device\n"
EBADF = errno.EBADF, 74, "Error: cannot write the output: Bad file descriptor\n"


def failing(code: int, room: int) -> Output:
    """Output that fails with this errno once it would go past `room` bytes."""
    error = BrokenPipeError if code == errno.EPIPE else OSError
    return Output(error(code, os.strerror(code)), room)


@pytest.mark.parametrize(("error", "code", "stderr"), [EPIPE, ENOSPC], ids=["pipe", "disk"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_output_lost_at_any_point_is_141_or_one_line_and_74(
    main: Main, several: Path, fmt: str, error: int, code: int, stderr: str
) -> None:
    """Before the first byte, in the middle, at the very last flush: whoever was writing."""
    args = ("--facts-dir", str(several), "events", "--format", fmt)
    whole = main(*args).stdout.encode()
    assert len(whole) > 3 * 8192
    for room in (0, len(whole) // 2, len(whole) - 1):
        ran = main(*args, stdout=failing(error, room))
        assert (ran.code, ran.stderr, len(ran.stdout.encode()) <= room) == (code, stderr, True)


@pytest.mark.parametrize("args", [["events", "--json"], ["validate"], ["schema"], ["--version"]])
def test_a_closed_stdout_is_one_line_and_exit_74_whatever_writes(
    main: Main, small: Path, args: list[str]
) -> None:
    ran = main("--facts-dir", str(small), *args, stdout=failing(errno.EBADF, 0))
    assert (ran.code, ran.stdout, ran.stderr) == (74, "", EBADF[2])


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("room", [0, 8192])
def test_ctrl_c_while_writing_ends_quietly_with_130(
    main: Main, several: Path, fmt: str, room: int
) -> None:
    stdout = Output(KeyboardInterrupt(), room)
    ran = main("--facts-dir", str(several), "events", "--format", fmt, stdout=stdout)
    assert (ran.code, ran.stderr) == (130, "")


# --- the same, in a real process --------------------------------------------------------------


def test_a_full_disk_is_one_line_and_exit_74(small: Path) -> None:
    with open("/dev/full", "w") as full:
        p = subprocess.run(
            [sys.executable, "-m", "factcli", "--facts-dir", str(small), "events", "-f", "csv"],
            stdout=full, stderr=subprocess.PIPE, text=True, check=False,
        )  # fmt: skip
    assert (p.returncode, p.stderr) == (74, ENOSPC[2])


def test_a_closed_stdout_is_one_line_and_exit_74(small: Path) -> None:
    p = subprocess.run(
        [sys.executable, "-m", "factcli", "--facts-dir", str(small), "events", "--json"],
        stderr=subprocess.PIPE, text=True, check=False, close_fds=True,
        preexec_fn=lambda: os.close(1),
    )  # fmt: skip
    assert (p.returncode, p.stderr) == (74, EBADF[2])


def test_a_reader_gone_before_anything_came_is_141(small: Path) -> None:
    read, write = os.pipe()
    os.close(read)
    try:
        p = subprocess.run(
            [sys.executable, "-m", "factcli", "--facts-dir", str(small), "events", "-f", "table"],
            stdout=write, stderr=subprocess.PIPE, text=True, check=False,
        )  # fmt: skip
    finally:
        os.close(write)
    assert (p.returncode, p.stderr) == (141, "")


def head_1(args: list[str]) -> tuple[int, str, str]:
    """`factcli ARGS | head -1`: the exit status of factcli, its stderr, and the line."""
    with subprocess.Popen(
        [sys.executable, "-m", "factcli", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
    ) as p:  # fmt: skip
        assert p.stdout is not None
        assert p.stderr is not None
        first = p.stdout.readline().decode()
        p.stdout.close()
        err = p.stderr.read().decode()
        p.wait(timeout=120)
    return p.returncode, err, first


def test_head_1_ends_it_with_141(big: Path) -> None:
    """More than a pipe holds is still to be written when the reader leaves: EPIPE, not 0 or 1.

    csv once ended in 1 or 0 here, a race with the reader; the tests above fail stdout at
    every point a reader can leave, in every format.
    """
    code, err, first = head_1(["--facts-dir", str(big), "events", "--format", "csv"])
    assert (code, err) == (141, "")
    assert first.startswith("id,")


# --- odd terminals ----------------------------------------------------------------------------


@pytest.mark.parametrize("columns", ["0", "-5", "99999999999", "wide"])
def test_a_terminal_width_that_cannot_be_one_is_ignored(
    main: Main, small: Path, columns: str
) -> None:
    ran = main("--facts-dir", str(small), "disputes", env={"COLUMNS": columns})
    unset = main("--facts-dir", str(small), "disputes")  # into a pipe: 80 columns
    assert (ran.code, ran.stderr, ran.stdout) == (0, "", unset.stdout)
    assert "Russia — territorial disputes (2)" in ran.stdout


def test_the_real_process_ignores_a_width_that_cannot_be_one(main: Main, small: Path) -> None:
    p = run("--facts-dir", str(small), "disputes", env={"COLUMNS": "0"})
    unset = main("--facts-dir", str(small), "disputes")  # into a pipe: 80 columns
    assert (p.returncode, p.stderr, p.stdout) == (0, "", unset.stdout)
    assert "Russia — territorial disputes (2)" in p.stdout


def test_an_ascii_terminal_gets_escapes_not_a_traceback(small: Path) -> None:
    p = run("--facts-dir", str(small), "disputes", env={"PYTHONIOENCODING": "ascii"})
    assert (p.returncode, p.stderr) == (0, "")
    assert p.stdout.isascii()
    assert p.stdout.splitlines()[0].rstrip() == "Russia \\u2014 territorial disputes (2)"


def test_an_ascii_stderr_too(tmp_path: Path) -> None:
    p = run(
        "--facts-dir", str(tmp_path / "nowhere—here"), "events", env={"PYTHONIOENCODING": "ascii"}
    )
    assert (p.returncode, p.stderr) == (
        2,
        f"Error: facts directory '{tmp_path}/nowhere\\u2014here' does not exist\n",
    )


# --- usage --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (["events", "--jsno"], "Error: no such option '--jsno'. Did you mean '--json'?\n"),
        (["disputes", "--status", "closed"],
         "Error: unknown status 'closed' (expected unresolved, partially resolved or "
         "resolved)\n"),
        (["help"], "Error: no such command 'help'.\nTry 'factcli --help'.\n"),
        (["evnts"], "Error: no such command 'evnts'. Did you mean 'events'?\n"),
        (["events", "--limit", "x"],
         "Error: invalid value for '--limit': 'x' is not a valid int range.\n"
         "Try 'factcli events --help'.\n"),
        (["export"], "Error: missing option '--sqlite'.\nTry 'factcli export --help'.\n"),
    ],
    ids=["unknown-option", "bad-choice", "help", "unknown-command", "bad-int", "missing"],
)  # fmt: skip
def test_usage_errors_are_one_line_and_a_hint(main: Main, args: list[str], stderr: str) -> None:
    ran = main(*args)
    assert (ran.code, ran.stdout, ran.stderr) == (2, "", stderr)


def test_a_facts_dir_that_is_a_file_is_a_usage_error(main: Main, small: Path) -> None:
    ran = main("--facts-dir", str(small / "events.toml"), "events")
    assert (ran.code, ran.stderr.splitlines()) == (2, [
        f"Error: invalid value for '--facts-dir' (env var: 'FACTCLI_FACTS_DIR'): "
        f"Directory '{small}/events.toml' is a file.",
        "Try 'factcli --help'.",
    ])  # fmt: skip


def test_a_bug_is_one_line_and_exit_70(main: Main, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> int:
        raise ValueError("something impossible\nsecond line")

    monkeypatch.setattr(entry, "_run", broken)
    ran = main("events")
    assert (ran.code, ran.stdout, ran.stderr) == (
        70, "", "Error: internal error: ValueError: something impossible\n",
    )  # fmt: skip


# Run as `factcli ARGS` after READY: the export stops in the middle of its inserts (the
# temporary database and its journal on disk), says so by creating the file READY, and
# waits for the signal. Without the pause a fast machine finished first.
PAUSED_EXPORT = """
import sys, time
from factcli import __main__ as entry, export

rows, ready = export._rows, sys.argv[1]

def paused(records, fields, key):
    for n, row in enumerate(rows(records, fields, key)):
        if n == 100:
            open(ready, "w").close()
            time.sleep(600)
        yield row

export._rows = paused
sys.argv = ["factcli", *sys.argv[2:]]
entry.main()
"""


def test_sigterm_during_an_export_leaves_no_files(tmp_path: Path) -> None:
    """The temporary database and its journal go, as they do on Ctrl-C."""
    base = write_base(tmp_path / "b", events(300))
    out, ready = tmp_path / "out", tmp_path / "ready"
    out.mkdir()
    with subprocess.Popen(
        [sys.executable, "-c", PAUSED_EXPORT, str(ready), "--facts-dir", str(base), "export",
         "--sqlite", str(out / "f.db")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "FACTCLI_NO_CACHE": "1"},
    ) as p:  # fmt: skip
        deadline = time.monotonic() + 120
        while not ready.exists() and p.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        during = sorted(f.name.endswith(("-journal", ".tmp")) for f in out.iterdir())
        p.terminate()
        _, err = p.communicate(timeout=120)
    assert during == [True, True]  # the temporary database and its journal, nothing else
    assert (p.returncode, err, list(out.iterdir())) == (143, b"", [])


ODD_RUNS = [
    (["--facts-dir", "{fifo}", "events"], {}, 2),
    (["--facts-dir", "{long}", "events"], {}, 2),
    (["validate", "{long}"], {}, 2),
    (["--facts-dir", "{small}", "country", "Japan"], {"COLUMNS": "0"}, 0),
    (["--facts-dir", "{small}", "events"], {"COLUMNS": "99999999999"}, 0),
    (["--facts-dir", "{small}", "country", "Côte"], {"PYTHONIOENCODING": "ascii"}, 2),
    (["--facts-dir", "{small}", "country", "Россия"], {"PYTHONIOENCODING": "ascii"}, 2),
    (["--facts-dir", "{small}", "search", "rüütel"], {"PYTHONIOENCODING": "ascii"}, 0),
    (["--facts-dir", "{small}", "country", "Estonia"], {"PYTHONIOENCODING": "ascii"}, 0),
]


@pytest.mark.parametrize(("args", "env", "code"), ODD_RUNS)
def test_odd_surroundings_never_show_a_traceback(
    main: Main, small: Path, tmp_path: Path, args: list[str], env: dict[str, str], code: int
) -> None:
    """A FIFO or a 5000-character name as the facts dir, odd widths, an ascii terminal."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    where = {"fifo": str(fifo), "long": str(tmp_path / ("a" * 5000)), "small": str(small)}
    encoding = env.get("PYTHONIOENCODING", "utf-8")  # what the streams would be opened with
    columns = {k: v for k, v in env.items() if k != "PYTHONIOENCODING"}
    ran = main(*(a.format(**where) for a in args), env=columns, encoding=encoding)
    assert ran.code == code
    assert "Traceback" not in ran.stdout + ran.stderr
    assert len(ran.stderr.splitlines()) <= 2
    if code:
        assert ran.stderr.startswith("Error: ")
