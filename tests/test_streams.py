"""The process as a shell sees it: full disks, closed streams and pipes, odd terminals, usage.

Most of it runs through the entry point in this process (the `main` fixture), its stdout
an Output that fails where a pipe or a disk would: at every point of the output, in every
format. A real process shows once each what only a process has: a pipe whose reader
leaves, a closed descriptor, /dev/full, COLUMNS and PYTHONIOENCODING read at start-up,
SIGTERM.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
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


# --- stderr that cannot be written ----------------------------------------------------------
# What is said on stderr tells what happened; it is not what happened. A usage error, a
# broken fact base and a successful export all ended 70 with stderr on a full disk, and a
# successful export 1 with stderr a pipe whose reader had gone.


@contextlib.contextmanager
def unwritable(how: str) -> Iterator[int]:
    """A descriptor that no write reaches: /dev/full, or a pipe whose reader is gone."""
    if how == "full":
        fd = os.open("/dev/full", os.O_WRONLY)
    else:
        read, fd = os.pipe()
        os.close(read)
    try:
        yield fd
    finally:
        os.close(fd)


def broken_base(root: Path) -> Path:
    return write_base(root, {"e.toml": '[[event]]\nid = "x"\n'})


STDERR_RUNS = {
    "usage": (["events", "--jsno"], 2),
    "broken": (["--facts-dir", "{broken}", "events"], 1),
    "nothing-matched": (["events", "--year", "1900"], 0),
    "export": (["export", "--sqlite", "{out}/f.db"], 0),
    "export-nowhere": (["export", "--sqlite", "{out}/nowhere/f.db"], 74),
    "version": (["--version"], 0),
}


@pytest.mark.parametrize("how", ["full", "closed-pipe"])
@pytest.mark.parametrize("case", STDERR_RUNS)
def test_a_stderr_that_cannot_be_written_changes_no_exit_code(
    small: Path, tmp_path: Path, how: str, case: str
) -> None:
    args, code = STDERR_RUNS[case]
    where = {"broken": broken_base(tmp_path / "broken"), "out": tmp_path / "out"}
    (tmp_path / "out").mkdir()
    command = [sys.executable, "-m", "factcli", "--facts-dir", str(small)]
    with unwritable(how) as stderr:
        p = subprocess.run(
            [*command, *(a.format(**where) for a in args)],
            stdout=subprocess.PIPE, stderr=stderr, check=False,
            env={**os.environ, "FACTCLI_FACTS_DIR": ""},
        )  # fmt: skip
    assert p.returncode == code
    assert os.listdir(tmp_path / "out") == (["f.db"] if case == "export" else [])


def test_stdout_and_stderr_both_full_is_74(small: Path) -> None:
    with open("/dev/full", "w") as full:
        p = subprocess.run(
            [sys.executable, "-m", "factcli", "--facts-dir", str(small), "events", "--json"],
            stdout=full, stderr=full, check=False,
        )  # fmt: skip
    assert p.returncode == 74


def test_a_database_the_disk_cannot_hold_is_one_line_and_74(small: Path, tmp_path: Path) -> None:
    """A disk that fills while the database is written (here a limit on a file's size)."""
    import resource

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (8192, resource.RLIM_INFINITY))

    target = tmp_path / "out" / "f.db"
    target.parent.mkdir()
    p = subprocess.run(
        [sys.executable, "-m", "factcli", "--facts-dir", str(small), "export", "--sqlite",
         str(target)],
        capture_output=True, text=True, check=False, preexec_fn=small_files,
    )  # fmt: skip
    assert (p.returncode, p.stdout, p.stderr) == (
        74, "", f"Error: cannot write {target}: disk I/O error\n",
    )  # fmt: skip
    assert os.listdir(target.parent) == []


# --install-completion writes ~/.bashrc and ~/.bash_completions/factcli.sh. As root no mode
# makes a home read-only; a .bashrc that is a directory, or a disk that is full, fails too.
HOMES = {
    "bashrc-a-directory": ("Error: cannot write {home}/.bashrc: Is a directory\n", 0),
    "full-disk": ("Error: cannot install completion: No space left on device\n", 0),
    "read-only": ("Error: cannot write {home}/.bashrc: Permission denied\n", 0o555),
}


@pytest.mark.parametrize("stderr", ["pipe", "full", "closed-pipe"])
@pytest.mark.parametrize("home_is", HOMES)
def test_install_completion_that_cannot_write_is_one_line_and_74(
    tmp_path: Path, home_is: str, stderr: str
) -> None:
    message, mode = HOMES[home_is]
    if mode and os.geteuid() == 0:
        pytest.skip("root writes in a read-only directory")
    home = tmp_path / "home"
    home.mkdir()
    if home_is == "bashrc-a-directory":
        (home / ".bashrc").mkdir()
    elif home_is == "full-disk":
        (home / ".bashrc").symlink_to("/dev/full")
    if mode:
        home.chmod(mode)
    env = {**os.environ, "HOME": str(home), "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    command = [sys.executable, "-m", "factcli", "--install-completion", "bash"]
    try:
        if stderr == "pipe":
            said = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
            assert (said.returncode, said.stdout, said.stderr) == (
                74,
                "",
                message.format(home=home),
            )
        else:
            with unwritable(stderr) as fd:
                p = subprocess.run(command, stdout=subprocess.PIPE, stderr=fd, env=env, check=False)
            assert (p.returncode, p.stdout) == (74, b"")
    finally:
        home.chmod(0o755)


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


def paused_export(
    base: Path, target: Path, ignored: tuple[int, ...] = ()
) -> subprocess.Popen[bytes]:
    """`factcli export --sqlite TARGET`, once it is paused in the middle of its inserts.

    ignored: signals ignored when it starts, as `nohup` or a shell's `&` leave them.
    """
    ready = target.with_name(f"ready-{target.name}")

    def ignore() -> None:
        for signum in ignored:
            signal.signal(signum, signal.SIG_IGN)

    p = subprocess.Popen(
        [sys.executable, "-c", PAUSED_EXPORT, str(ready), "--facts-dir", str(base), "export",
         "--sqlite", str(target)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        preexec_fn=ignore,  # noqa: PLW1509 - the tests run no threads
        env={**os.environ, "FACTCLI_NO_CACHE": "1"},
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while not ready.exists() and p.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    ready.unlink(missing_ok=True)  # not there if it ended first: the test says how
    return p


THREE_HUNDRED = "0 countries, 0 orgs, 0 disputes, 0 treaties, 300 events"  # events(300)


def temporaries(directory: Path) -> list[str]:
    return sorted(f.name for f in directory.iterdir() if f.name.endswith(("-journal", ".tmp")))


@pytest.mark.parametrize(
    ("signum", "code"),
    [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGQUIT, 131)],
    ids=["TERM", "HUP", "QUIT"],
)
def test_a_signal_during_an_export_leaves_no_files(tmp_path: Path, signum: int, code: int) -> None:
    """The temporary database and its journal go, as they do on Ctrl-C; SIGHUP and SIGQUIT
    left them behind (tens of MB on a big fact base)."""
    base = write_base(tmp_path / "b", events(300))
    out = tmp_path / "out"
    out.mkdir()
    with paused_export(base, out / "f.db") as p:
        during = temporaries(out)
        p.send_signal(signum)
        _, err = p.communicate(timeout=120)
    assert (p.returncode, err, list(out.iterdir())) == (code, b"", [])
    assert [n.endswith(("-journal", ".tmp")) for n in during] == [True, True]


def test_a_signal_ignored_at_start_stays_ignored(tmp_path: Path) -> None:
    """`nohup factcli export ...` outlives the terminal: SIGHUP was answered all the same."""
    base = write_base(tmp_path / "b", events(300))
    out = tmp_path / "out"
    out.mkdir()
    with paused_export(base, out / "f.db", ignored=(signal.SIGHUP, signal.SIGINT)) as p:
        p.send_signal(signal.SIGHUP)
        p.send_signal(signal.SIGINT)
        time.sleep(0.2)
        alive = p.poll() is None
        p.terminate()
        _, err = p.communicate(timeout=120)
    assert (alive, p.returncode, err, list(out.iterdir())) == (True, 143, b"", [])


def test_what_a_killed_export_left_goes_with_the_next_export(tmp_path: Path) -> None:
    """SIGKILL cannot be answered: the next export to that directory removes what it left,
    and nothing of an export still running."""
    base = write_base(tmp_path / "b", events(300))
    out = tmp_path / "out"
    out.mkdir()
    with paused_export(base, out / "killed.db") as killed:
        left = temporaries(out)
        killed.kill()
        killed.communicate(timeout=120)
    with paused_export(base, out / "running.db") as running:
        running_files = sorted(set(temporaries(out)) - set(left))
        ran = run("--facts-dir", str(base), "export", "--sqlite", str(out / "next.db"))
        after = temporaries(out)
        running.terminate()
        running.communicate(timeout=120)
    assert (killed.returncode, len(left), len(running_files)) == (-signal.SIGKILL, 2, 2)
    assert (ran.returncode, ran.stderr) == (0, f"wrote {THREE_HUNDRED} to {out / 'next.db'}\n")
    assert after == running_files  # the killed export's gone, the running one's kept
    assert sorted(os.listdir(out)) == ["next.db"]


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
