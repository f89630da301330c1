"""A fitted table drawn a row at a time, exactly as Rich draws it, in time and memory linear
in its size.

Rich lays a table out whole before it prints a line: every cell goes through a Padding, a
wrap, a crop and a pad, about 0.2 ms a row, and a long cell's lines are split out of one
string a line at a time, which costs the square of its length (a 4 MB cell took 3 s, 16 MB
73 s). Here Rich still draws the title, the header and the edges; the rows are wrapped as
Rich's Text.wrap wraps them (lines.py) and written a chunk of lines at a time.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain, islice, repeat, zip_longest
from typing import TYPE_CHECKING, Any

from factcli.lines import wrapping

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, JustifyMethod, RenderResult
    from rich.segment import Segment
    from rich.table import Table
    from rich.text import Text

# What the rows are drawn in: the widths and options that layout.fit() gives new_table()'s
# tables. Anything else is left to Rich whole.
_PADDING = (0, 1, 0, 1)
CHUNK = 2000  # lines written at once: what memory holds of the drawing, whatever its size


def drawable(table: Table) -> bool:
    """Whether the rows can be drawn here: a table as new_table() makes it and fit() sizes
    it, every cell text."""
    from rich import box

    return (
        text_cells(table)
        and table.box is box.SIMPLE_HEAD
        and table.show_header
        and table.show_edge
        and not (table.show_footer or table.show_lines or table.leading or table.row_styles)
        and table.padding == _PADDING
        and table.pad_edge
        and not table.collapse_padding
        and table.width is None
        and table.min_width is None
        and table.style in ("", "none")
        and not table.border_style
        and all(row.style is None and not row.end_section for row in table.rows)
        and all(
            not c.style
            and c.vertical == "top"
            and c.overflow == "fold"
            and c.justify in ("left", "right")
            and (c.width is not None if c.ratio is None else c.ratio > 0)
            for c in table.columns
        )
    )


def text_cells(table: Table) -> bool:
    """Whether every cell is text laid out as its column says, with no style of its own."""
    from rich.text import Text

    return bool(table.columns) and all(
        isinstance(t, Text) and (t.justify, t.overflow, t.no_wrap, t.style) == (None,) * 3 + ("",)
        for c in table.columns
        for t in c.cells
    )


def widths(table: Table, width: int) -> list[int]:
    """Each column's text width as Rich gives it: a fixed column its own, and the columns
    with a ratio share what is left, as rich.table's _calculate_column_widths shares it."""
    columns = table.columns
    left = width - (len(columns) + 1)  # the edges and the lines between the columns
    left -= sum(c.width + 2 for c in columns if c.ratio is None and c.width is not None)
    total = sum(c.ratio or 0 for c in columns)
    sizes = []
    for c in columns:
        if c.ratio is None:
            sizes.append(c.width or 0)
            continue
        share = max(3, -(-c.ratio * left // total))  # a padded column is at least 3 wide
        total, left = total - c.ratio, left - share
        sizes.append(share - 2)
    return sizes


def plain_lines(cell: Text, width: int, right: bool, no_wrap: bool, out: Console) -> Iterator[str]:
    """A cell's lines, each `width` wide, one at a time."""
    tabs = out.tab_size or 8  # as _rich_wrap
    lines = wrapping(cell.plain, width, right=right, no_wrap=no_wrap, tab_size=tabs)
    if lines is None:
        return (line.plain for line in _rich_wrap(cell, width, right, no_wrap, out))
    return lines


def _rich_wrap(cell: Text, width: int, right: bool, no_wrap: bool, out: Console) -> Any:
    justify: JustifyMethod = "right" if right else "left"
    return cell.wrap(out, width, justify=justify, overflow="fold", no_wrap=no_wrap,
                     tab_size=out.tab_size or 8)  # fmt: skip


def styled_lines(
    cell: Text, width: int, right: bool, no_wrap: bool, out: Console
) -> Iterator[list[Segment]]:
    """A cell's lines, each `width` wide, as segments styled as Rich's Text renders them."""
    from rich.segment import Segment
    from rich.text import Text

    if not cell.spans and not cell.style:
        return ([Segment(line)] for line in plain_lines(cell, width, right, no_wrap, out))
    # A line's own style becomes a span when Rich joins the lines of a cell, as here.
    lines = _rich_wrap(cell, width, right, no_wrap, out)
    return (list(Text("\n").join([line]).render(out)) for line in lines)


def _sides(table: Table, out: Console) -> Iterator[tuple[str, str, str]]:
    """Each row's left edge, line between cells and right edge; the last row's are the
    box's foot. A box Rich substitutes (ASCII where the output cannot encode lines) too."""
    assert table.box is not None
    safe = out.safe_box if table.safe_box is None else table.safe_box
    edges = table.box.substitute(out.options, safe=safe)
    middle = (edges.mid_left, edges.mid_vertical, edges.mid_right)
    foot = (edges.foot_left, edges.foot_vertical, edges.foot_right)
    for i in range(table.row_count):
        yield foot if i == table.row_count - 1 else middle


def _head(table: Table, sizes: list[int], out: Console) -> list[list[Segment]]:
    """The top edge, the header and its rule, then the bottom edge, as Rich draws them."""
    from rich.segment import Segment
    from rich.table import Table

    head = Table(box=table.box, safe_box=table.safe_box, header_style=table.header_style)
    for column, size in zip(table.columns, sizes, strict=True):
        head.add_column(
            column.header,
            header_style=column.header_style,
            justify=column.justify,
            overflow=column.overflow,
            no_wrap=column.no_wrap,
            width=size,
        )
    return list(Segment.split_lines(out.render(head, out.options)))


def _cells(table: Table, sizes: list[int]) -> tuple[list[list[Any]], list[tuple[int, bool, bool]]]:
    """Each column's cells, and how each is laid out: width, justified right, never wrapped."""
    columns = table.columns
    how = [
        (size, c.justify == "right", bool(c.no_wrap))
        for c, size in zip(columns, sizes, strict=True)
    ]
    return [list(c.cells) for c in columns], how  # each cell a Text: see drawable()


def plain(table: Table, width: int, out: Console) -> Iterator[str]:
    """The table's lines for a file or a pipe, without the spaces at their ends, a chunk of
    lines at a time."""
    sizes = widths(table, width)
    head = ["".join(s.text for s in line) for line in _head(table, sizes, out)]
    return written(chain(head[:-1], _plain_rows(table, sizes, out), head[-1:]))


def written(lines: Iterator[str]) -> Iterator[str]:
    """Lines without the spaces at their ends, joined a chunk at a time."""
    while chunk := [line.rstrip() for line in islice(lines, CHUNK)]:
        yield "\n".join(chunk) + "\n"


def _plain_rows(table: Table, sizes: list[int], out: Console) -> Iterator[str]:
    columns, how = _cells(table, sizes)
    blanks = [" " * (size + 2) for size in sizes]
    for i, (left, between, right) in enumerate(_sides(table, out)):
        cells = [plain_lines(c[i], *spec, out) for c, spec in zip(columns, how, strict=True)]
        tall = [len(cells)]  # the cells with lines still to come
        padded = [_padded(lines, blank, tall) for lines, blank in zip(cells, blanks, strict=True)]
        for parts in zip(*padded, strict=False):  # blanks without end, until tall says
            if not tall[0]:  # every cell has ended: these are blanks
                break
            yield left + between.join(parts) + right


def _padded(lines: Iterator[str], blank: str, tall: list[int]) -> Iterator[str]:
    """A cell's lines with its padding, then blanks for as long as the row is taller; a
    tall cell's lines are never all made at once."""
    yield from (f" {line} " for line in lines)
    tall[0] -= 1
    yield from repeat(blank)


class Lines:
    """Lines of segments for Console.print: a chunk of a table on a terminal."""

    def __init__(self, lines: list[list[Segment]]) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.segment import Segment

        for line in self.lines:
            yield from line
            yield Segment.line()


def styled(table: Table, width: int, out: Console) -> Iterator[Lines]:
    """The table's lines for a terminal, in Rich's styles, a chunk of lines at a time."""
    sizes = widths(table, width)
    head = _head(table, sizes, out)
    return printed(chain(head[:-1], _styled_rows(table, sizes, out), head[-1:]))


def printed(lines: Iterator[list[Segment]]) -> Iterator[Lines]:
    """Lines of segments for Console.print, a chunk at a time."""
    while chunk := list(islice(lines, CHUNK)):
        yield Lines(chunk)


def _styled_rows(table: Table, sizes: list[int], out: Console) -> Iterator[list[Segment]]:
    from rich.segment import Segment

    columns, how = _cells(table, sizes)
    blanks = [Segment(" " * (size + 2)) for size in sizes]
    pad = Segment(" ")
    for i, (left, between, right) in enumerate(_sides(table, out)):
        wrapped = [
            styled_lines(cells[i], *spec, out) for cells, spec in zip(columns, how, strict=True)
        ]
        for parts in zip_longest(*wrapped):
            line = [Segment(left)]
            for j, part in enumerate(parts):
                if j:
                    line.append(Segment(between))
                line += [blanks[j]] if part is None else [pad, *part, pad]
            line.append(Segment(right))
            yield line
