"""python -m factcli, and the factcli command."""

import signal

# Ctrl-C while Python is still importing the command line (a tenth of a second) would
# print a traceback from wherever the import was. Until the command line can handle it,
# SIGINT ends the process as it ends any program: quietly, and a shell reports exit 130.
signal.signal(signal.SIGINT, signal.SIG_DFL)


def main() -> None:
    from factcli.cli import run

    signal.signal(signal.SIGINT, signal.default_int_handler)  # now Typer answers: exit 130
    run()


if __name__ == "__main__":
    main()
