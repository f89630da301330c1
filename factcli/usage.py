"""The command-line parser's usage errors, worded as SPEC §4 says: one `Error:` line, and at
most one hint line. Imported only when a command line is wrong."""

from __future__ import annotations

import difflib
import re

from factcli.framework import (
    BadParameter,
    Choice,
    NoSuchOption,
    TyperGroup,
    UsageError,
)


def explain(e: UsageError) -> list[str]:
    """The lines that say what was wrong with the command line."""
    ctx = e.ctx
    hint = f"Try '{ctx.command_path} --help'." if ctx is not None else None
    message = one_line(e.format_message())
    if isinstance(e, NoSuchOption):
        message, hint = _no_such_option(e, hint)
    elif isinstance(e, BadParameter) and isinstance(getattr(e.param, "type", None), Choice):
        message, hint = e.message, None  # it says what the values are, or the close ones
    elif (unknown := re.match(r"No such command '(.*?)'\.", message)) and ctx is not None:
        name = unknown.group(1)
        message = f"no such command '{name}'."
        commands = ctx.command.list_commands(ctx) if isinstance(ctx.command, TyperGroup) else []
        close = difflib.get_close_matches(name, commands, n=1)
        if close:
            message += f" Did you mean '{close[0]}'?"
            hint = None
    else:
        message = message[:1].lower() + message[1:]
    return [f"Error: {message}", *([hint] if hint else [])]


def one_line(message: str) -> str:
    return " ".join(part.strip() for part in message.splitlines() if part.strip())


def _no_such_option(e: NoSuchOption, hint: str | None) -> tuple[str, str | None]:
    """An option that this command lacks, with the close spellings of its own."""
    message = f"no such option '{e.option_name}'."
    if e.possibilities:  # best match first, as Click's difflib ranks them
        return f"{message} Did you mean '{e.possibilities[0]}'?", None
    return message, hint
