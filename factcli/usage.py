"""The command-line parser's usage errors, worded as SPEC §4 says: one `Error:` line, and at
most one hint line. Imported only when a command line is wrong."""

from __future__ import annotations

import difflib
import re

from factcli.framework import (
    BadParameter,
    Choice,
    ClickContext,
    NoSuchOption,
    TyperGroup,
    TyperOption,
    UsageError,
)

# What a command takes instead of an option that only other commands have: this error
# names those commands, and this ("--as-of is for orgs, ...; for events, use --since/--until").
INSTEAD: dict[tuple[str, str], tuple[str, ...]] = {
    **{
        (command, option): ("--as-of",)
        for command in ("orgs", "disputes", "treaties", "country")
        for option in ("--year", "--since", "--until")
    },
    ("events", "--as-of"): ("--since", "--until"),
    ("changes", "--as-of"): ("--since", "--until"),
    ("changes", "--year"): ("--since", "--until"),
    ("events", "--chart"): ("--by-year",),
    ("orgs", "--by-year"): ("--chart",),
    ("treaties", "--by-year"): ("--chart",),
    ("orgs", "--status"): ("--role",),
    ("disputes", "--role"): ("--status",),
    ("treaties", "--role"): ("--status",),
    # A treaty's time is its status: `--status "in force"`, `--status withdrawn`.
    ("treaties", "--current"): ("--status",),
    ("treaties", "--ended"): ("--status",),
}


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
    """An option that this command lacks: the commands that have it, if any, and what this
    one takes instead; else the close spellings of this command's own options."""
    name, ctx = e.option_name, e.ctx
    table = _options(ctx.find_root()) if ctx is not None else {}
    owners = [command for command, options in table.items() if name in options]
    if ctx is not None and owners:
        if ctx.parent is None:  # before the command
            return f"{name} is for {_commands(owners, table)}; give it after the command", None
        command = ctx.info_name or ""
        if owners == [""]:  # factcli's own: --facts-dir, --version
            return f"{name} goes before the command: {_before(ctx, name)}", None
        message = f"{name} is for {_commands(owners, table)}"
        if instead := INSTEAD.get((command, name)):
            message += f"; for {command}, use {'/'.join(instead)}"
        return message, None
    message = f"no such option '{name}'."
    if e.possibilities:  # best match first, as Click's difflib ranks them
        return f"{message} Did you mean '{e.possibilities[0]}'?", None
    return message, hint


def _before(ctx: ClickContext, name: str) -> str:
    """factcli's own option as it is given: "factcli --facts-dir DIR events ..."."""
    option = next(p for p in ctx.find_root().command.params if name in p.opts)
    if isinstance(option, TyperOption) and option.is_flag:
        return f"factcli {name}"
    return f"factcli {name} {option.metavar or 'VALUE'} {ctx.info_name} ..."


def _options(root: ClickContext) -> dict[str, set[str]]:
    """The options of factcli (under "") and of each command, in the order of --help: read
    from the app, so that a new option is known here at once."""
    group = root.command
    commands = {"": group}
    if isinstance(group, TyperGroup):
        commands |= {n: c for n in group.list_commands(root) if (c := group.get_command(root, n))}
    return {
        name: {o for p in c.params if isinstance(p, TyperOption) for o in p.opts + p.secondary_opts}
        for name, c in commands.items()
    }


def _commands(owners: list[str], table: dict[str, set[str]]) -> str:
    """The commands named: "orgs, disputes and country", or "every command but validate,
    export and schema" when they are most of them."""
    every = [n for n in table if n]
    others = [n for n in every if n not in owners]
    if others and len(owners) > len(every) / 2:
        return f"every command but {_and(others)}"
    return _and(owners)


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
