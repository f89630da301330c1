"""What factcli uses of Typer's private modules, behind one door.

Typer vendors Click as typer._click and keeps its shell classes, command classes, its
choice type and get_command outside its public API. factcli needs them for five things:
errors of the command line worded as SPEC §4 says (__main__, usage), choices whose unknown
value is worded as an unknown tag is (Choice), --help that fits a narrow terminal
(helptext), shell completion without Rich (shells), and --install-completion's
failures said as errors (report_install_failures). No other module imports a
private module of Typer (tests/test_kinds.py checks); a new Typer that moves them breaks
here alone. Tested with typer 0.28, the version pyproject.toml pins (below 0.29);
tests/test_completion.py runs each shell's protocol, tests/test_completion_shells.py the shells
themselves, and tests/test_narrow.py the help.

Typer imports all of these itself on every run, so importing them here costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from typer import _completion_shared
from typer._click.core import Command, Parameter
from typer._click.core import Context as ClickContext
from typer._click.exceptions import (
    BadParameter,
    ClickException,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)
from typer._click.formatting import HelpFormatter
from typer._click.shell_completion import (
    CompletionItem,
    ShellComplete,
    _resolve_context,
    _resolve_incomplete,
    add_completion_class,
)
from typer._completion_classes import BashComplete, FishComplete, ZshComplete
from typer._types import TyperChoice
from typer.core import TyperCommand, TyperGroup, TyperOption
from typer.main import get_command

__all__ = [
    "BadParameter",
    "BashComplete",
    "Choice",
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
    "TyperOption",
    "UsageError",
    "ZshComplete",
    "completing",
    "get_command",
    "report_install_failures",
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


def report_install_failures(command: Command, code: int) -> None:
    """--install-completion that cannot write a file: one `Error:` line and this exit code.

    Typer's installer writes ~/.bashrc and the script with no error handling: a read-only
    home or a full disk raised OSError out of the command line (exit 70, "internal error").
    As a ClickException it is said as every error of the command line is (__main__).
    """
    for param in command.params:
        if param.name == "install_completion" and param.callback is not None:
            param.callback = _installing(param.callback, code)


def _installing(install: Callable[..., Any], code: int) -> Callable[..., Any]:
    def callback(ctx: ClickContext, param: Parameter, value: Any) -> Any:
        try:
            return install(ctx, param, value)
        except OSError as e:  # the file the OS names; a failed write() names none
            said = f"cannot write {e.filename}" if e.filename else "cannot install completion"
            failed = ClickException(f"{said}: {e.strerror or e}")
            failed.exit_code = code
            raise failed from None

    return callback


class Choice(TyperChoice[str]):
    """One of a closed list of values, in any case, for an option's click_type.

    Typer makes a choice of every value of an Enum, and words an unknown value as Click
    does ("'x' is not one of 'a', 'b'."). This one offers (in --help and to TAB) only the
    values given, and words an unknown value with `unknown(value, values)`, which usage.py
    shows as it is. Typer still turns the value into the option's Enum.
    """

    def __init__(self, values: Sequence[str], unknown: Callable[[str, Sequence[str]], str]):
        super().__init__(values, case_sensitive=False)
        self.unknown = unknown

    def get_invalid_choice_message(self, value: Any, ctx: ClickContext | None) -> str:
        return self.unknown(str(value), [str(c) for c in self.choices])
