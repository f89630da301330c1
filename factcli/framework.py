"""What factcli uses of Typer's private modules, behind one door.

Typer vendors Click as typer._click and keeps its shell classes, command classes and
get_command outside its public API. factcli needs them for three things: errors of the
command line worded as SPEC §4 says (__main__), --help that fits a narrow terminal
(helptext), and shell completion without Rich (shells). No other module imports a
private module of Typer (tests/test_kinds.py checks); a new Typer that moves them breaks
here alone. Tested with typer 0.28, the version pyproject.toml pins (below 0.29);
tests/test_completion.py runs each shell's protocol, tests/test_completion_shells.py the shells
themselves, and tests/test_narrow.py the help.

Typer imports all of these itself on every run, so importing them here costs nothing.
"""

from __future__ import annotations

from typer import _completion_shared
from typer._click.core import Command, Parameter
from typer._click.core import Context as ClickContext
from typer._click.exceptions import ClickException, NoArgsIsHelpError, NoSuchOption, UsageError
from typer._click.formatting import HelpFormatter
from typer._click.shell_completion import (
    CompletionItem,
    ShellComplete,
    _resolve_context,
    _resolve_incomplete,
    add_completion_class,
)
from typer._completion_classes import BashComplete, FishComplete, ZshComplete
from typer.core import TyperCommand, TyperGroup
from typer.main import get_command

__all__ = [
    "BashComplete",
    "ClickContext",
    "ClickException",
    "CompletionItem",
    "FishComplete",
    "HelpFormatter",
    "NoArgsIsHelpError",
    "NoSuchOption",
    "Parameter",
    "ShellComplete",
    "TyperCommand",
    "TyperGroup",
    "UsageError",
    "ZshComplete",
    "completing",
    "get_command",
    "use_shell",
]


def completing(
    complete: ShellComplete, args: list[str], incomplete: str
) -> tuple[ClickContext, Command | Parameter, str]:
    """The context, the parameter or command being completed, and the text it completes."""
    ctx = _resolve_context(complete.cli, complete.ctx_args, complete.prog_name, args)
    obj, incomplete = _resolve_incomplete(ctx, args, incomplete)
    return ctx, obj, incomplete


def use_shell(name: str, cls: type[ShellComplete], script: str | None = None) -> None:
    """Complete for this shell with this class; and install this script, if given."""
    if script is not None:
        # Typer writes --show-completion and --install-completion from its table of scripts.
        _completion_shared._completion_scripts[name] = script
    add_completion_class(cls, name)
