"""Failing with a message: a command's error as one `Error:` line on stderr and an exit code.

With cli.py, the one place where domain errors become messages and exit codes (SPEC §4).
"""

from typing import NoReturn

import typer

from factcli import render

BROKEN = 1  # the fact base has problems, or `validate` found any
USAGE = 2  # what was typed: an unknown option, country or value, an invalid date


def fail(message: str, code: int = USAGE) -> NoReturn:
    """Say what went wrong and end the command with this exit code (2: a usage error)."""
    render.notice(f"Error: {message}")
    raise typer.Exit(code)
