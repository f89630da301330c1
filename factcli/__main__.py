"""python -m factcli, and the factcli command: run the command line in a guarded process."""

import os
import sys

from factcli import process

process.quiet_interrupts()  # first: the imports below take a tenth of a second


def main() -> None:
    process.start(completing=bool(os.environ.get("_FACTCLI_COMPLETE")))
    try:
        code = _run()
    except KeyboardInterrupt:  # outside Typer's own handler, e.g. while importing
        process.end(process.INTERRUPTED)
    except process.OutputLost as e:
        process.lost(e)
    except SystemExit as e:  # completion ends this way
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except Exception as e:  # a bug: one line, never a traceback (SPEC §4)
        said = str(e).splitlines()[0] if str(e) else ""
        process.end(
            process.SOFTWARE,
            f"Error: internal error: {type(e).__name__}{': ' if said else ''}{said}",
        )
    if code == process.INTERRUPTED:  # Ctrl-C: stop now rather than wait to flush into a pipe
        process.end(process.INTERRUPTED)
    process.flush()
    sys.exit(code)


def _run() -> int:
    """Run the command line; return its exit code, or raise what it could not handle."""
    import typer

    from factcli import framework, shells
    from factcli.cli import app
    from factcli.errors import USAGE

    process.answer_signals()
    command = framework.get_command(app)
    shells.register()  # after get_command, which registers Typer's own
    framework.report_install_failures(command, process.IOERR)
    try:
        # The name, not "python -m factcli": it names the completion variable, _FACTCLI_COMPLETE.
        result = command.main(prog_name="factcli", standalone_mode=False)
    except framework.NoArgsIsHelpError as e:
        e.show()
        return e.exit_code
    except framework.UsageError as e:
        from factcli import usage  # only when the command line is wrong

        for line in usage.explain(e):
            _say(line)
        return USAGE
    except framework.ClickException as e:  # the words of what failed; not a usage error
        from factcli import usage

        _say(f"Error: {usage.one_line(e.format_message())}")
        return e.exit_code
    except typer.Abort:
        return 1
    # standalone_mode=False returns what typer.Exit carried, or None when the command ended
    return result if isinstance(result, int) else 0


def _say(line: str) -> None:
    from factcli import render

    render.notice(line)


if __name__ == "__main__":
    main()
