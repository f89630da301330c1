"""Rich's tables fitted to the terminal: cells of data, prose columns that take the rest,
and one block per record where a table would be unreadable. Rich is imported only here and
in the modules that draw with it, inside functions: only table mode pays for it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache, partial
from typing import TYPE_CHECKING, Any

from factcli.lines import longest
from factcli.render import safe, title_lines, write

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.segment import Segment
    from rich.table import Table
    from rich.text import Text


def console() -> Console:
    from rich.console import Console

    # Not a terminal: no colour, and Rich reads the width from COLUMNS (else 80).
    out = Console(highlight=False, emoji=False, markup=False)
    # Narrower than this, not even a label and a word fit: lines run past the edge (the
    # terminal wraps them) rather than cut labels and values short.
    out.width = max(out.width, MIN_WIDTH)
    return out


MIN_WIDTH = 30


def cell(value: str | None, style: str = "") -> Text:
    """A cell: fact text is data, never markup, and no control character reaches the terminal."""
    return _text()(safe(value or ""), style=style)


@cache
def _text() -> type[Text]:
    """A cell's class, made once: an import in cell() cost a microsecond a cell."""
    from rich.segment import Segment
    from rich.text import Text

    class Cell(Text):
        """Text whose lines are rendered a segment each, where Rich's Text renders a run of
        one style as one segment: Rich then splits its lines out of it one at a time, each
        time copying what is left, which costs the square of a long cell's length. Tables,
        blocks and a page's lines are drawn without Rich's layout (draw.py, blocks.py);
        what Rich still lays out (text with wide characters or tabs) goes through this."""

        __slots__ = ()

        def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
            for segment in super().__rich_console__(console, options):
                if "\n" not in segment.text or segment.control:
                    yield segment
                    continue
                lines = segment.text.split("\n")
                for line in lines[:-1]:
                    if line:
                        yield Segment(line, segment.style)
                    yield Segment.line()
                if lines[-1]:
                    yield Segment(lines[-1], segment.style)

    return Cell


class Labelled:
    """Label and value lines, a long value wrapped under itself (a hanging indent), the
    whole indented: a page's lines, drawn a chunk of lines at a time (blocks.labelled)."""

    def __init__(self, rows: Sequence[tuple[str, Text]], indent: int = 0) -> None:
        self.rows = rows
        self.indent = indent

    def rich(self) -> RenderableType:
        """The same laid out by Rich: a grid, in a Padding when indented."""
        from rich.padding import Padding
        from rich.table import Table

        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, style="dim")
        grid.add_column(overflow="fold")
        for label, value in self.rows:
            grid.add_row(label, value)
        return Padding(grid, (0, 0, 0, self.indent)) if self.indent else grid

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.rich()


def joined(values: Sequence[str]) -> Text:
    return cell(", ".join(values))


def new_table(title: str, columns: list[tuple[str, dict[str, Any]]]) -> Table:
    """A table whose columns with a "ratio" share the width; the others fit their text."""
    from rich import box
    from rich.table import Table

    table = Table(
        title=cell(title, "bold"),
        box=box.SIMPLE_HEAD,
        show_lines=False,
        title_justify="left",
        expand=True,
    )
    for header, options in columns:
        table.add_column(header, overflow="fold", **options)
    return table


FLEX_MIN = 24  # the width a column of prose is given before short columns wrap
PROSE_MIN = 20  # narrower than this, prose is unreadable: one block per record instead


def fit(table: Table, width: int) -> bool:
    """Size the columns so that no header, word or id is split; False when the width
    cannot hold the table (print blocks instead).

    Rich alone narrows the widest columns to one width, which squeezes a paragraph to
    the width of a list of tags. Each short column gets the width of its longest line
    (up to its max_width), shrunk toward its longest word when the prose columns (those
    with a ratio) would get less than FLEX_MIN; the prose gets the rest.
    """
    from rich.text import Text

    fixed = [c for c in table.columns if c.ratio is None]
    flexible = [c for c in table.columns if c.ratio is not None]
    natural, floors = [], []
    for column in fixed:
        cells = [c.plain for c in column.cells if isinstance(c, Text)] + [str(column.header)]
        widest = longest(cells, by_words=False)
        floor = widest if column.no_wrap else longest(cells, by_words=True)
        natural.append(max(floor, min(widest, column.max_width or widest)))
        floors.append(floor)
    prose_floors = []
    for column in flexible:
        cells = [c.plain for c in column.cells if isinstance(c, Text)] + [str(column.header)]
        column.min_width = longest(cells, by_words=True)
        prose_floors.append(max(PROSE_MIN, column.min_width))
    # Each column costs its padding and a separator besides its text.
    pad = 3 * len(table.columns) + 1
    room = width - pad - sum(max(FLEX_MIN, f) for f in prose_floors)
    if sum(floors) > room:
        room = width - pad - sum(prose_floors)
    if sum(floors) > room:
        return False
    total = sum(natural)
    if total > room:
        spare, wanted = room - sum(floors), total - sum(floors)
        natural = [f + (n - f) * spare // wanted for f, n in zip(floors, natural, strict=True)]
    for column, w in zip(fixed, natural, strict=True):
        column.width = w
        column.max_width = None
    if not flexible:
        table.expand = False
    return True


def _drop_empty_columns(table: Table) -> None:
    """Columns with nothing in any row take no space."""
    from rich.text import Text

    if not table.row_count:
        return
    kept = [c for c in table.columns if any(not isinstance(t, Text) or t.plain for t in c.cells)]
    for i, column in enumerate(kept):
        column._index = i
    table.columns[:] = kept


def rich_blocks(table: Table, width: int, every_column: bool = False) -> list[RenderableType]:
    """A table as one block per record: "Header: value" lines with a hanging indent; an
    empty value is left out, unless every_column (its label, then nothing).

    A value with a word longer than the value column (an id), or with a line longer than it
    in a column that never wraps (a dispute's history), goes under its label instead,
    indented by 2, or at the full width when even that would split the word.
    """
    from rich.padding import Padding
    from rich.text import Text

    labels = [f"{c.header}:" for c in table.columns]
    label_width = max(len(label) for label in labels)
    room = max(1, width - label_width - 1)
    columns = [(list(c.cells), not c.no_wrap) for c in table.columns]
    shown: list[RenderableType] = []
    for i in range(table.row_count):
        shown.append(Text(""))
        grid = None
        for label, (cells, by_words) in zip(labels, columns, strict=True):
            value = cells[i]
            most = longest([value.plain], by_words) if isinstance(value, Text) else 0
            if isinstance(value, Text) and not value.plain and not every_column:
                continue
            if most > room:
                indent = 2 if most <= width - 2 else 0
                shown += [Text(label, style="dim"), Padding(value, (0, 0, 0, indent), expand=False)]
                grid = None
                continue
            if grid is None:
                grid = _grid(label_width, room)
                shown.append(grid)
            grid.add_row(label, value)
    return shown


def _title(title: Text, width: int) -> Text:
    """A title broken where its parts meet, never inside "as of 2010" or "(2 of 87)"."""
    from rich.text import Text

    return Text("\n".join(title_lines(title.plain, width)), style=title.style)


def _grid(label_width: int, room: int) -> Table:
    from rich.table import Table

    grid = Table.grid(padding=(0, 1), expand=False)
    grid.add_column(width=label_width, no_wrap=True, style="dim")
    grid.add_column(width=room, overflow="fold")
    return grid


def emit(
    *renderables: RenderableType, title: str | None = None, every_column: bool = False
) -> None:
    """Print on stdout, after a title if given (a page's); a table with a title is fitted to
    the width (or, when it cannot fit, shown as one block per record) and drawn a chunk of
    lines at a time.

    every_column: keep the columns that are empty in every row (the --fields asked for).
    """
    from rich.table import Table

    out = console()
    if title is not None:
        _print(out, _title(cell(title, "bold"), out.width))
    for r in renderables:
        if isinstance(r, Table) and r.title is not None:
            _table(out, r, out.width, every_column)
        elif isinstance(r, Labelled):
            _labelled(out, r, out.width)
        else:
            _print(out, r)


def _labelled(out: Console, page: Labelled, width: int) -> None:
    from factcli import blocks, draw

    lines = blocks.labelled(page.rows, page.indent, width, out, out.is_terminal)
    if lines is None:
        _print(out, page.rich())
    elif out.is_terminal:
        for chunk in draw.printed(lines):
            out.print(chunk)
    else:
        for text in draw.written(lines):
            write(text)


def _table(out: Console, table: Table, width: int, every_column: bool) -> None:
    from rich.text import Text

    from factcli import blocks, draw

    if not every_column:
        _drop_empty_columns(table)
    # The title on a line of its own: a table narrower than its title would wrap it.
    title, table.title = table.title, None
    assert title is not None  # emit() draws only tables with a title so
    _print(out, _title(title if isinstance(title, Text) else cell(title), width))
    fitted = fit(table, width)
    if fitted and draw.drawable(table):
        plain, styled = draw.plain, draw.styled
    elif not fitted and draw.text_cells(table):
        plain = partial(blocks.plain, every_column=every_column)
        styled = partial(blocks.styled, every_column=every_column)
    else:  # what draw.py does not know how to draw: Rich lays it out whole
        for r in [table] if fitted else rich_blocks(table, width, every_column):
            _print(out, r)
        return
    if out.is_terminal:
        for chunk in styled(table, width, out):
            out.print(chunk)
    else:
        for text in plain(table, width, out):
            write(text)


def _print(out: Console, renderable: RenderableType) -> None:
    if out.is_terminal:
        out.print(renderable)
        return
    # Piped: Rich pads every line to the width; a file or a pipe gets no trailing spaces.
    with out.capture() as captured:
        out.print(renderable)
    write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))
