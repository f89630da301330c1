"""Rich's tables fitted to the terminal: cells of data, prose columns that take the rest,
and one block per record where a table would be unreadable. Rich is imported only here and
in the modules that draw with it, inside functions: only table mode pays for it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from factcli.render import safe, title_lines, write

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
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
    from rich.text import Text

    return Text(safe(value or ""), style=style)


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


def _longest(cells: list[str], by_words: bool) -> int:
    parts = [p for c in cells for p in (c.split() if by_words else c.split("\n"))]
    return max((len(p) for p in parts), default=0)


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
        longest = _longest(cells, by_words=False)
        floor = longest if column.no_wrap else _longest(cells, by_words=True)
        natural.append(max(floor, min(longest, column.max_width or longest)))
        floors.append(floor)
    prose_floors = []
    for column in flexible:
        cells = [c.plain for c in column.cells if isinstance(c, Text)] + [str(column.header)]
        column.min_width = _longest(cells, by_words=True)
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


def _blocks(table: Table, width: int, every_column: bool = False) -> list[RenderableType]:
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
            longest = _longest([value.plain], by_words) if isinstance(value, Text) else 0
            if isinstance(value, Text) and not value.plain and not every_column:
                continue
            if longest > room:
                indent = 2 if longest <= width - 2 else 0
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
    """Tables and text fitted to the width, after a title if given (a page's).

    every_column: keep the columns that are empty in every row (the --fields asked for).
    """
    from rich.table import Table
    from rich.text import Text

    out = console()
    width = out.width
    shown: list[RenderableType] = [] if title is None else [_title(cell(title, "bold"), width)]
    for r in renderables:
        if isinstance(r, Table) and r.title is not None:
            if not every_column:
                _drop_empty_columns(r)
            # The title on a line of its own: a table narrower than its title would wrap it.
            title_, r.title = r.title, None
            said = _title(title_ if isinstance(title_, Text) else cell(title_), width)
            shown += [said, *_blocks(r, width, every_column)] if not fit(r, width) else [said, r]
            continue
        shown.append(r)
    if out.is_terminal:
        for r in shown:
            out.print(r)
        return
    # Piped: Rich pads every line to the width; a file or a pipe gets no trailing spaces.
    with out.capture() as captured:
        for r in shown:
            out.print(r)
    write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))
