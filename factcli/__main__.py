"""python -m factcli, and the factcli command."""

import gc
import os
import signal
import sys

# Ctrl-C while Python is still importing the command line (a tenth of a second) would
# print a traceback from wherever the import was. Until the command line can handle it,
# SIGINT ends the process as it ends any program: quietly, and a shell reports exit 130.
signal.signal(signal.SIGINT, signal.SIG_DFL)


def main() -> None:
    # A run lives a fraction of a second and builds few reference cycles, but importing
    # Typer and Rich triggers hundreds of collections that find nothing: without them
    # start-up is 4-8% faster (benchmarks/run.py). Memory that cycles hold is given back
    # when the process ends a moment later.
    gc.disable()
    import typer

    from factcli import completion, render
    from factcli.cli import app

    signal.signal(signal.SIGINT, signal.default_int_handler)  # now Typer answers: exit 130
    render.guard_stderr()
    try:
        command = typer.main.get_command(app)
        completion.use_factcli_shells()  # after get_command, which registers Typer's own
        # The name, not "python -m factcli": it names the completion variable, _FACTCLI_COMPLETE.
        command.main(prog_name="factcli")  # always ends in SystemExit
    except KeyboardInterrupt:  # outside Typer's own handler, e.g. while importing
        os._exit(130)
    except SystemExit as e:
        # Typer turns Ctrl-C into exit 130: stop now, rather than wait to flush output into
        # a pipe nobody reads. Otherwise flush here, where a reader that has gone can be
        # handled, not at shutdown, where Python would report it.
        if e.code == 130:
            os._exit(130)
        try:
            sys.stdout.flush()
        except KeyboardInterrupt:
            os._exit(130)
        except BrokenPipeError:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # drop the rest
            sys.exit(1)  # as Typer does for a pipe closed while it writes
        raise


if __name__ == "__main__":
    main()
