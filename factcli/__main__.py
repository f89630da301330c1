"""python -m factcli, and the factcli command."""

import gc
import signal

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
    from factcli.cli import run

    signal.signal(signal.SIGINT, signal.default_int_handler)  # now Typer answers: exit 130
    run()


if __name__ == "__main__":
    main()
