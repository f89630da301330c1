"""The process as a shell sees it: full disks, closed streams and pipes, odd terminals, usage."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factcli import __main__ as entry
from tests.conftest import write_base

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


@pytest.fixture
def big(tmp_path: Path) -> Path:
    """Events whose output fills a pipe many times over, in every format."""
    event = '[[event]]\nid = "e{0}"\ndate = "2001"\ntitle = "Event {0}"\nsources = ["s"]\n'
    return write_base(tmp_path / "big", {"e.toml": "".join(event.format(i) for i in range(3000))})


@pytest.fixture(scope="module")
def huge(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Output of megabytes in every format, the table too: more than any pipe holds.

    A pipe holds 64 KiB, or up to 1 MiB (fs.pipe-max-size) if its owner asks: the writer
    still has output to write when the reader leaves, however fast either one is.
    """
    words = " ".join(f"word{i}" for i in range(20))
    event = f'[[event]]\nid = "e{{0}}"\ndate = "2001"\ntitle = "Event {{0}} {words}"\n'
    event += 'sources = ["s"]\n'
    files = {"e.toml": "".join(event.format(i) for i in range(12000))}
    return write_base(tmp_path_factory.mktemp("huge"), files)


def test_the_huge_table_is_more_than_a_pipe_can_hold(huge: Path) -> None:
    p = run("--facts-dir", str(huge), "events")
    assert (p.returncode, p.stderr) == (0, "")
    assert len(p.stdout.encode()) > 1024 * 1024


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_full_disk_is_one_line_and_exit_74(small: Path, fmt: str) -> None:
    with open("/dev/full", "w") as full:
        p = subprocess.run(
            [sys.executable, "-m", "factcli", "--facts-dir", str(small), "events", "-f", fmt],
            stdout=full, stderr=subprocess.PIPE, text=True, check=False,
        )  # fmt: skip
    assert (p.returncode, p.stderr) == (
        74,
        "Error: cannot write the output: No space left on device\n",
    )


@pytest.mark.parametrize("args", [["events", "--json"], ["validate"], ["schema"], ["--version"]])
def test_a_closed_stdout_is_one_line_and_exit_74(small: Path, args: list[str]) -> None:
    p = subprocess.run(
        [sys.executable, "-m", "factcli", "--facts-dir", str(small), *args],
        stderr=subprocess.PIPE, text=True, check=False, close_fds=True,
        preexec_fn=lambda: os.close(1),
    )  # fmt: skip
    assert (p.returncode, p.stderr) == (74, "Error: cannot write the output: Bad file descriptor\n")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_reader_gone_before_anything_came_is_141_in_every_format(small: Path, fmt: str) -> None:
    read, write = os.pipe()
    os.close(read)
    try:
        p = subprocess.run(
            [sys.executable, "-m", "factcli", "--facts-dir", str(small), "events", "-f", fmt],
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


@pytest.mark.parametrize("fmt", FORMATS)
def test_head_1_ends_it_with_141_in_every_format(huge: Path, fmt: str) -> None:
    code, err, first = head_1(["--facts-dir", str(huge), "events", "--format", fmt])
    assert (code, err) == (141, "")
    assert first


def test_head_1_of_csv_is_141_every_time(big: Path) -> None:
    """It was 1 in 18 runs of 20, and 0 in the others: a race with the reader."""
    codes = {head_1(["--facts-dir", str(big), "events", "--format", "csv"])[:2] for _ in range(20)}
    assert codes == {(141, "")}


@pytest.mark.parametrize("columns", ["0", "-5", "99999999999", "wide"])
def test_a_terminal_width_that_cannot_be_one_is_ignored(small: Path, columns: str) -> None:
    p = run("--facts-dir", str(small), "disputes", env={"COLUMNS": columns})
    unset = run("--facts-dir", str(small), "disputes")  # into a pipe: 80 columns
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


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (["events", "--jsno"], "Error: no such option '--jsno'. Did you mean '--json'?\n"),
        (["disputes", "--status", "closed"],
         "Error: invalid value for '--status': 'closed' is not one of 'unresolved', "
         "'partially resolved', 'resolved'.\nTry 'factcli disputes --help'.\n"),
        (["help"], "Error: no such command 'help'.\nTry 'factcli --help'.\n"),
        (["evnts"], "Error: no such command 'evnts'. Did you mean 'events'?\n"),
        (["events", "--limit", "x"],
         "Error: invalid value for '--limit': 'x' is not a valid int range.\n"
         "Try 'factcli events --help'.\n"),
        (["export"], "Error: missing option '--sqlite'.\nTry 'factcli export --help'.\n"),
    ],
    ids=["unknown-option", "bad-choice", "help", "unknown-command", "bad-int", "missing"],
)  # fmt: skip
def test_usage_errors_are_one_line_and_a_hint(args: list[str], stderr: str) -> None:
    p = run(*args)
    assert (p.returncode, p.stdout, p.stderr) == (2, "", stderr)


def test_a_facts_dir_that_is_a_file_is_a_usage_error(small: Path) -> None:
    p = run("--facts-dir", str(small / "events.toml"), "events")
    assert (p.returncode, p.stderr.splitlines()) == (2, [
        f"Error: invalid value for '--facts-dir' (env var: 'FACTCLI_FACTS_DIR'): "
        f"Directory '{small}/events.toml' is a file.",
        "Try 'factcli --help'.",
    ])  # fmt: skip


def test_a_bug_is_one_line_and_exit_70(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken() -> int:
        raise ValueError("something impossible\nsecond line")

    def exit_(code: int) -> None:
        raise SystemExit(code)

    monkeypatch.setattr(entry, "_run", broken)
    monkeypatch.setattr(os, "_exit", exit_)
    monkeypatch.setattr(gc, "disable", lambda: None)  # main() would, for the whole suite
    monkeypatch.setattr(sys, "stdout", sys.stdout)  # main() wraps them; give them back after
    monkeypatch.setattr(sys, "stderr", sys.stderr)
    with pytest.raises(SystemExit) as ended:
        entry.main()
    assert ended.value.code == 70
    assert capsys.readouterr().err == "Error: internal error: ValueError: something impossible\n"


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
    event = '[[event]]\nid = "e{0}"\ndate = "2001"\ntitle = "Event {0}"\nsources = ["s"]\n'
    base = write_base(tmp_path / "b", {"e.toml": "".join(event.format(i) for i in range(300))})
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
    small: Path, tmp_path: Path, args: list[str], env: dict[str, str], code: int
) -> None:
    """A FIFO or a 5000-character name as the facts dir, odd widths, an ascii terminal."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    where = {"fifo": str(fifo), "long": str(tmp_path / ("a" * 5000)), "small": str(small)}
    p = run(*(a.format(**where) for a in args), env=env)
    assert p.returncode == code
    assert "Traceback" not in p.stdout + p.stderr
    assert len(p.stderr.splitlines()) <= 2
    if code:
        assert p.stderr.startswith("Error: ")
