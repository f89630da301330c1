"""A table too wide for the screen, drawn as one block per record ("Header: value" lines)
exactly as layout.rich_blocks() lays it out with Rich, a chunk of lines at a time; and the
label and value lines of a page (layout.Labelled) as Rich's grid lays them out.

Rich takes about 0.7 ms to lay out a record's grid: 20,000 events at 40 columns took 15 s.
Here a record's values are wrapped as the table's cells are (draw.py, lines.py).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from factcli import draw
from factcli.lines import cells as known_width
from factcli.lines import longest, narrow

if TYPE_CHECKING:
    from rich.console import Console
    from rich.segment import Segment
    from rich.table import Table
    from rich.text import Text


def plain(table: Table, width: int, out: Console, every_column: bool = False) -> Iterator[str]:
    """The blocks' lines for a file or a pipe, a chunk at a time."""
    return draw.written(_lines(table, width, out, False, every_column))


def styled(
    table: Table, width: int, out: Console, every_column: bool = False
) -> Iterator[draw.Lines]:
    """The blocks' lines for a terminal, in Rich's styles, a chunk at a time."""
    return draw.printed(_lines(table, width, out, True, every_column))


def _lines(
    table: Table, width: int, out: Console, styled: bool, every_column: bool
) -> Iterator[Any]:
    """Each record: a blank line, then a line a field, "Label: value", the value wrapped
    under itself; a value with a word (or, in a column that never wraps, a line) too long
    for that goes under its label, indented by 2, or at the full width when even that would
    split the word. Empty values are left out, unless every_column (the label alone)."""
    from rich.segment import Segment

    labels = [f"{c.header}:" for c in table.columns]
    label_width = max(len(label) for label in labels)
    room = max(1, width - label_width - 1)
    columns: list[tuple[list[Any], bool]] = [(list(c.cells), not c.no_wrap) for c in table.columns]
    dim = out.get_style("dim")
    for i in range(table.row_count):
        yield [] if styled else ""
        for label, (cells, by_words) in zip(labels, columns, strict=True):
            value = cells[i]  # a Text: see draw.text_cells()
            if not value.plain:
                if every_column:
                    yield [Segment(label, dim)] if styled else label
                continue
            if (most := longest([value.plain], by_words)) > room:
                indent = 2 if most <= width - 2 else 0
                yield [Segment(label, dim)] if styled else label
                yield from _under(value, indent, width, out, styled)
                continue
            lines = _wrapped(value, room, out, styled)
            if styled:
                gap: list[Segment] = [Segment(label.ljust(label_width), dim), Segment(" ", dim)]
                under = [Segment(" " * (label_width + 1), dim)]
                yield from ([*(gap if k == 0 else under), *line] for k, line in enumerate(lines))
            else:
                gaps = (label.ljust(label_width) + " ", " " * (label_width + 1))
                yield from (gaps[k > 0] + line for k, line in enumerate(lines))


def _under(value: Text, indent: int, width: int, out: Console, styled: bool) -> Iterator[Any]:
    """A value under its label, as a Padding of it: as wide as its longest line, at most
    the width less the indent."""
    from rich.cells import cell_len
    from rich.segment import Segment

    def measured(line: str) -> int:  # by Rich only where lines.py cannot: a character at a time
        known = known_width(line)
        return cell_len(line) if known is None else known

    widest = max(map(measured, value.plain.splitlines()), default=0)
    lines = _wrapped(value, min(widest, width - indent), out, styled)
    if styled:
        yield from ([Segment(" " * indent), *line] if indent else line for line in lines)
    else:
        yield from (" " * indent + line for line in lines)


def _wrapped(value: Text, width: int, out: Console, styled: bool) -> Iterator[Any]:
    if styled:
        return draw.styled_lines(value, width, False, False, out)
    return draw.plain_lines(value, width, False, False, out)


def labelled(
    rows: Sequence[tuple[str, Text]], indent: int, width: int, out: Console, styled: bool
) -> Iterator[Any] | None:
    """Label and value lines, indented, as Rich lays out layout.Labelled.rich(): the labels
    in a column as wide as the widest, each value wrapped under itself in a column as wide
    as the longest line, or what the width leaves. None where only Rich knows how: a
    character whose width is not its length, a width too narrow for a label and a letter.
    A value of 4 MB took Rich 1.7 s, ten times its JSON."""
    room = width - indent
    label_width = max((len(label) for label, _ in rows), default=0)
    if not rows or not all(narrow(label) and narrow(value.plain) for label, value in rows):
        return None
    column = min(longest([value.plain for _, value in rows], False), room - label_width - 1)
    if column < 1:
        return None
    return _labelled(rows, indent, width, label_width, column, out, styled)


def _labelled(
    rows: Sequence[tuple[str, Text]],
    indent: int,
    width: int,
    label_width: int,
    column: int,
    out: Console,
    styled: bool,
) -> Iterator[Any]:
    from rich.segment import Segment

    dim = out.get_style("dim")
    # What a Padding adds on a terminal: its indent, and spaces up to the width.
    left = [Segment(" " * indent)] if indent else []
    pad = width - indent - label_width - 1 - column
    right = [Segment(" " * pad)] if indent and pad else []
    under = " " * (label_width + 1)
    for label, value in rows:
        if styled:
            gap = [Segment(label.ljust(label_width), dim), Segment(" ", dim)]
            segments = draw.styled_lines(value, column, False, False, out)
            yield from (
                [*left, *(gap if k == 0 else [Segment(under, dim)]), *line, *right]
                for k, line in enumerate(segments)
            )
        else:
            gaps = (" " * indent + label.ljust(label_width) + " ", " " * indent + under)
            lines = draw.plain_lines(value, column, False, False, out)
            yield from (gaps[k > 0] + line for k, line in enumerate(lines))
