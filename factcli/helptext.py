"""--help that fits the terminal, down to 40 columns: Click's help formatter, narrowed.

Click keeps a 30-column option column and wraps at no less than 50 columns, which overflows
a narrow screen. Its formatter is reached through the context class of each command: Typer
takes command classes through `cls=`; the classes come through framework.py, the one module
that imports Typer's private ones.
"""

from collections.abc import Sequence

import typer

from factcli.framework import ClickContext, HelpFormatter, TyperCommand, TyperGroup

HELP_MIN = 30  # narrower help beside the options is unreadable: put it under each option
UNDER = 6  # where help under its option starts: the option's indent (2) and 4 more


def help_width() -> int:
    """The width help wraps at: the terminal's (or COLUMNS), at most 80, less Click's margin."""
    import shutil

    return max(20, min(shutil.get_terminal_size().columns, 80) - 2)


class Formatter(HelpFormatter):
    """Click's formatter, with help under its option when there is no room beside it."""

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = list(rows)
        widest = max((len(term) for term, _ in rows), default=0)
        beside = self.width - self.current_indent - min(widest, col_max) - col_spacing
        if beside >= HELP_MIN:
            super().write_dl(rows, col_max, col_spacing)
            return
        import textwrap

        pad = " " * max(UNDER, self.current_indent + 4)
        for term, help_ in rows:
            self.write(self._term(term))
            if help_:
                # Never "un-" / "mission": an option's help is one paragraph of words.
                wrap = textwrap.fill(help_, self.width - len(pad), break_on_hyphens=False)
                self.write(textwrap.indent(wrap, pad) + "\n")

    def write_text(self, text: str) -> None:
        # An example is a command to copy: on a line of its own when it does not fit beside.
        paragraphs = text.split("\n\n")
        for i, p in enumerate(paragraphs):
            if p.startswith("Example: ") and self.current_indent + len(p) > self.width:
                paragraphs[i] = "\b\nExample:\n  " + p.removeprefix("Example: ")
        super().write_text("\n\n".join(paragraphs))

    def _term(self, term: str) -> str:
        """An option on its lines: one too long for the width breaks after a choice's '|'."""
        import re

        lines, line = [], ""
        for piece in re.split(r"(?<=\|)", term):
            if line and self.current_indent + len(line) + len(piece) > self.width:
                lines.append(line)
                line = "  "  # continued under the option, past its dashes
            line += piece
        indent = " " * self.current_indent
        return "".join(f"{indent}{line}\n" for line in [*lines, line])

    def getvalue(self) -> str:
        # Click ends a usage line it breaks with a space: no line ends with one.
        return "\n".join(line.rstrip() for line in super().getvalue().split("\n"))


class Context(typer.Context):
    formatter_class = Formatter

    def make_formatter(self) -> HelpFormatter:
        # The width is read when help is shown, not when the app is built: COLUMNS may change.
        return self.formatter_class(width=help_width())


class Group(TyperGroup):
    context_class = Context

    def format_commands(self, ctx: ClickContext, formatter: HelpFormatter) -> None:
        """Each command with the first sentence of its help, wrapped rather than cut short."""
        rows = [(name, self.commands[name].get_short_help_str(limit=120)) for name in self.commands]
        with formatter.section("Commands"):
            formatter.write_dl(
                [(name, help_) for name, help_ in rows if not self.commands[name].hidden]
            )


class Command(TyperCommand):
    context_class = Context
