"""The process: its streams, signals, garbage collector and how it ends.

Only __main__ uses this module; nothing else in factcli changes what the whole process
shares (sys.stdout, sys.stderr, signal handlers, gc) or ends it.
"""

import contextlib
import errno
import gc
import io
import os
import signal
import sys
from typing import Any, NoReturn, TextIO, cast

SOFTWARE = 70  # EX_SOFTWARE: a bug in factcli, said in one line instead of a traceback
IOERR = 74  # EX_IOERR: the output could not be written (a full disk, a closed stdout)
INTERRUPTED = 130  # 128 + SIGINT: Ctrl-C
PIPE = 141  # 128 + SIGPIPE: what a shell reports for a reader that went away

# Columns outside this range are a mistake in the environment, not a terminal: 0 printed
# nothing and 99999999999 ran out of memory drawing one table row.
_WIDTHS = range(1, 1001)


# The signals that end a run as Ctrl-C does, cleaning up on the way: SIGTERM (kill), SIGHUP
# (the terminal went away) and SIGQUIT (Ctrl-\). SIGINT is Python's own KeyboardInterrupt.
_ENDING = tuple(getattr(signal, n) for n in ("SIGTERM", "SIGHUP", "SIGQUIT") if hasattr(signal, n))


def quiet_interrupts() -> None:
    """Until the command line can answer Ctrl-C, let it end the process as any program's.

    Ctrl-C while Python is still importing the command line (a tenth of a second) would
    print a traceback from wherever the import was; the default action ends the process
    quietly, and a shell reports exit 130.
    """
    _answer(signal.SIGINT, signal.SIG_DFL)


def answer_signals() -> None:
    """Ctrl-C, SIGTERM, SIGHUP and SIGQUIT as exceptions, once the command line is there.

    Each cleans up as Ctrl-C does: `finally` blocks run (an export's temporary database
    and its journal go), then the run ends with 128 + the signal's number, as a shell
    reports a process that the signal ended (130, 143, 129, 131).
    """
    _answer(signal.SIGINT, signal.default_int_handler)  # now Typer answers: exit 130
    for signum in _ENDING:
        _answer(signum, _ended)


def _answer(signum: int, handler: Any) -> None:
    """Handle a signal, unless it was ignored when the process started.

    `nohup` ignores SIGHUP, and a shell script ignores SIGINT and SIGQUIT for a command it
    runs in the background (`factcli export ... &`): such a run must survive them, as it
    would without a handler of ours.
    """
    if signal.getsignal(signum) is not signal.SIG_IGN:
        signal.signal(signum, handler)


def _ended(signum: int, frame: Any) -> NoReturn:
    raise SystemExit(128 + signum)


def start(completing: bool) -> None:
    """Set the process up for one run: no gc, a sane environment, guarded streams.

    completing: a TAB, whose output goes to the terminal and is never data.
    """
    # A run lives a fraction of a second and builds few reference cycles, but importing
    # Typer and Rich triggers hundreds of collections that find nothing: without them
    # start-up is 4-8% faster (benchmarks/run.py). Memory that cycles hold is given back
    # when the process ends a moment later.
    gc.disable()
    _sane_environment()
    guard_stderr()
    guard_stdout()
    if completing:
        spell_stdout()


def _sane_environment() -> None:
    """Ignore a terminal width that cannot be one, and never fail on an unencodable text."""
    for name in ("COLUMNS", "LINES"):
        value = os.environ.get(name)
        if value is None:
            continue
        try:
            ok = int(value) in _WIDTHS
        except ValueError:
            ok = False
        if not ok:
            del os.environ[name]  # as if unset: the terminal's own size, else 80 columns
    # PYTHONUNBUFFERED / -u gives stdout no buffer, and a text stream over a bare file
    # ignores a short write: into a pipe whose reader leaves, the rest of the output and
    # the error that says so were dropped (exit 0). A write-through buffer writes it all.
    raw = getattr(sys.stdout, "buffer", None)
    if isinstance(raw, io.RawIOBase) and sys.stdout is not None:
        sys.stdout = io.TextIOWrapper(
            io.BufferedWriter(raw),
            encoding=sys.stdout.encoding,
            errors=sys.stdout.errors,
            line_buffering=bool(sys.stdout.line_buffering),
            write_through=True,
        )
    # PYTHONIOENCODING=ascii, or a C locale: a character the stream cannot encode is spelt
    # out (e.g. '\u2014') instead of ending the run in UnicodeEncodeError.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        # A C locale gives the streams ASCII with surrogateescape, which fails on any other
        # character as strict does: '—' in a title ended the run (exit 70).
        if reconfigure is not None and stream.errors in ("strict", "surrogateescape"):
            reconfigure(errors="backslashreplace")
    # A closed stdout or stderr (`>&-`): hold its descriptor open, read-only, so that a file
    # opened later does not become fd 1 or 2 and receive what was meant for the stream.
    for fd, stream in ((1, sys.stdout), (2, sys.stderr)):
        if stream is None:
            held = os.open(os.devnull, os.O_RDONLY)
            if held != fd:
                os.dup2(held, fd)
                os.close(held)


# --- the standard streams -----------------------------------------------------------------


class OutputLost(BaseException):
    """Standard output could not be written: its reader went away, or the OS refused.

    A BaseException, so that no `except Exception` on the way (Typer's, a command's) turns
    it into another exit code: the process entry point alone decides how to end.
    """

    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror or str(error))
        self.gone = error.errno == errno.EPIPE  # a closed pipe, said quietly


class _Guarded:
    """Standard output whose write errors all end in OutputLost, whoever writes (Rich, Click)."""

    def __init__(self, stream: TextIO | None) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            if self._stream is None:  # started with stdout closed (`>&-`)
                raise OSError(errno.EBADF, os.strerror(errno.EBADF))
            return self._stream.write(text)
        except OSError as e:
            raise OutputLost(e) from None

    def flush(self) -> None:
        try:
            if self._stream is not None:
                self._stream.flush()
        except OSError as e:
            raise OutputLost(e) from None

    def isatty(self) -> bool:
        return self._stream is not None and self._stream.isatty()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _Spelt:
    """A text stream that spells out control characters, and is otherwise the one it wraps."""

    def __init__(self, stream: TextIO, keep: str = "") -> None:
        from factcli.render import ESCAPES

        self._stream = stream
        self._table = {k: v for k, v in ESCAPES.items() if chr(k) not in keep}

    def write(self, text: str) -> int:
        self._stream.write(text.translate(self._table))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def guard_stdout() -> None:
    """Make every failure to write stdout one exception, for the entry point to answer."""
    if not isinstance(sys.stdout, _Guarded):
        sys.stdout = cast(TextIO, _Guarded(sys.stdout))


def spell_stdout() -> None:
    """Spell out control characters on stdout too: for output that is never data (completion).

    Completion values and their help come from fact files and go straight to the terminal
    as the shell shows them: an ESC or a bidi override there acts as it would in a table.
    """
    if not isinstance(sys.stdout, _Spelt):
        # The record separator stays: completion's own marker for "complete file names".
        sys.stdout = cast(TextIO, _Spelt(sys.stdout, keep="\x1e"))


class _Unfailing:
    """Standard error that never fails: what cannot be written there is dropped.

    A message on stderr tells what happened; it is not what happened. A full disk or a
    closed pipe there raised OSError from wherever the message was said, and the run
    ended 70 (a usage error, a broken fact base, an export that had succeeded) or, where
    Click caught it, 1 (SPEC §4: a failure to write stderr never changes the exit code).
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        with contextlib.suppress(OSError):
            self._stream.write(text)
        return len(text)

    def flush(self) -> None:
        # Python flushes sys.stderr at exit too, and a failure there would make it exit 120.
        with contextlib.suppress(OSError):
            self._stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def guard_stderr() -> None:
    """Keep control characters off stderr, whoever writes there, and its failures off the run.

    Click's usage errors quote the command line as typed ("No such option: ..."), so text
    a script passes on, an ESC included, would reach the terminal through them.
    """
    if sys.stderr is None:  # started with stderr closed: what would go there goes nowhere
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - open for the whole run
    if not isinstance(sys.stderr, _Spelt):
        sys.stderr = cast(TextIO, _Spelt(cast(TextIO, _Unfailing(sys.stderr))))


# --- the end ------------------------------------------------------------------------------


def flush() -> None:
    """Write what stdout still holds, here, where a full disk or a gone reader is answered.

    Then the run's objects are frozen: the interpreter's last collection at exit, which runs
    even with gc disabled, would walk them all to free nothing that the end of the process
    does not (7-18 ms of a run on 10,000 events)."""
    try:
        sys.stdout.flush()
    except KeyboardInterrupt:
        end(INTERRUPTED)
    except OutputLost as e:
        lost(e)
    gc.freeze()


def lost(e: OutputLost) -> NoReturn:
    """End for output that could not be written: quietly for a gone reader, as Unix tools do."""
    if e.gone:
        end(PIPE)
    end(IOERR, f"Error: cannot write the output: {e}")


def end(code: int, message: str | None = None) -> NoReturn:
    """End now, without flushing output that may be what could not be written."""
    if message is not None:
        try:
            from factcli import render

            render.notice(message)
            sys.stderr.flush()
        except Exception:  # nowhere left to say it
            pass
    os._exit(code)
