"""python -m factcli, and the factcli command."""

import gc
import io
import os
import signal
import sys
from typing import Any, NoReturn

# Ctrl-C while Python is still importing the command line (a tenth of a second) would
# print a traceback from wherever the import was. Until the command line can handle it,
# SIGINT ends the process as it ends any program: quietly, and a shell reports exit 130.
signal.signal(signal.SIGINT, signal.SIG_DFL)

USAGE = 2
SOFTWARE = 70  # EX_SOFTWARE: a bug in factcli, said in one line instead of a traceback
IOERR = 74  # EX_IOERR: the output could not be written (a full disk, a closed stdout)
PIPE = 141  # 128 + SIGPIPE: what a shell reports for a reader that went away
TERMINATED = 143  # 128 + SIGTERM

# Columns outside this range are a mistake in the environment, not a terminal: 0 printed
# nothing and 99999999999 ran out of memory drawing one table row.
_WIDTHS = range(1, 1001)


def main() -> None:
    # A run lives a fraction of a second and builds few reference cycles, but importing
    # Typer and Rich triggers hundreds of collections that find nothing: without them
    # start-up is 4-8% faster (benchmarks/run.py). Memory that cycles hold is given back
    # when the process ends a moment later.
    gc.disable()
    _sane_environment()

    from factcli import render

    render.guard_stderr()
    render.guard_stdout()
    if os.environ.get("_FACTCLI_COMPLETE"):  # a TAB: what is printed goes to the terminal
        render.spell_stdout()
    try:
        code = _run()
    except KeyboardInterrupt:  # outside Typer's own handler, e.g. while importing
        _exit(130)
    except render.OutputLost as e:
        if e.gone:  # the reader of a pipe went away: end as Unix tools do, quietly
            _exit(PIPE)
        _exit(IOERR, f"Error: cannot write the output: {e}")
    except SystemExit as e:  # completion ends this way
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except Exception as e:  # a bug: one line, never a traceback (SPEC §4)
        said = str(e).splitlines()[0] if str(e) else ""
        _exit(SOFTWARE, f"Error: internal error: {type(e).__name__}{': ' if said else ''}{said}")
    if code == 130:  # Ctrl-C: stop now rather than wait to flush into a pipe nobody reads
        _exit(130)
    try:
        sys.stdout.flush()  # here, where a full disk or a gone reader can be handled
    except KeyboardInterrupt:
        _exit(130)
    except render.OutputLost as e:
        if e.gone:
            _exit(PIPE)
        _exit(IOERR, f"Error: cannot write the output: {e}")
    sys.exit(code)


def _run() -> int:
    """Run the command line; return its exit code, or raise what it could not handle."""
    import typer
    from typer._click import exceptions as click_errors  # Typer vendors Click as typer._click
    from typer.exceptions import Abort

    from factcli import completion
    from factcli.cli import app

    signal.signal(signal.SIGINT, signal.default_int_handler)  # now Typer answers: exit 130
    # SIGTERM cleans up as Ctrl-C does: `finally` blocks run (an export's temporary files).
    signal.signal(signal.SIGTERM, _terminated)
    command = typer.main.get_command(app)
    completion.use_factcli_shells()  # after get_command, which registers Typer's own
    try:
        # The name, not "python -m factcli": it names the completion variable, _FACTCLI_COMPLETE.
        result = command.main(prog_name="factcli", standalone_mode=False)
    except click_errors.NoArgsIsHelpError as e:
        e.show()
        return e.exit_code
    except click_errors.UsageError as e:
        _usage_error(e)
        return USAGE
    except click_errors.ClickException as e:
        _say(f"Error: {_one_line(e.format_message())}")
        return e.exit_code
    except Abort:
        return 1
    # standalone_mode=False returns what typer.Exit carried, or None when the command ended
    return result if isinstance(result, int) else 0


def _usage_error(e: Any) -> None:
    """A usage error from the parser as one `Error:` line and at most one hint line."""
    import difflib
    import re

    from typer._click.exceptions import NoSuchOption

    ctx = e.ctx
    hint = f"Try '{ctx.command_path} --help'." if ctx is not None else None
    message = _one_line(e.format_message())
    if isinstance(e, NoSuchOption):
        message = f"no such option '{e.option_name}'."
        if e.possibilities:  # best match first, as Click's difflib ranks them
            message += f" Did you mean '{e.possibilities[0]}'?"
            hint = None
    elif (unknown := re.match(r"No such command '(.*?)'\.", message)) and ctx is not None:
        name = unknown.group(1)
        message = f"no such command '{name}'."
        close = difflib.get_close_matches(name, ctx.command.list_commands(ctx), n=1)
        if close:
            message += f" Did you mean '{close[0]}'?"
            hint = None
    else:
        message = message[:1].lower() + message[1:]
    _say(f"Error: {message}")
    if hint:
        _say(hint)


def _one_line(message: str) -> str:
    return " ".join(part.strip() for part in message.splitlines() if part.strip())


def _say(line: str) -> None:
    from factcli import render

    render.notice(line)


def _terminated(signum: int, frame: Any) -> NoReturn:
    raise SystemExit(TERMINATED)


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
        if reconfigure is not None and stream.errors == "strict":
            reconfigure(errors="backslashreplace")
    # A closed stdout or stderr (`>&-`): hold its descriptor open, read-only, so that a file
    # opened later does not become fd 1 or 2 and receive what was meant for the stream.
    for fd, stream in ((1, sys.stdout), (2, sys.stderr)):
        if stream is None:
            held = os.open(os.devnull, os.O_RDONLY)
            if held != fd:
                os.dup2(held, fd)
                os.close(held)


def _exit(code: int, message: str | None = None) -> NoReturn:
    """End now, without flushing output that may be what could not be written."""
    if message is not None:
        try:
            _say(message)
            sys.stderr.flush()
        except Exception:  # nowhere left to say it
            pass
    os._exit(code)


if __name__ == "__main__":
    main()
