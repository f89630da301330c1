"""Tables drawn a row at a time: what Rich would draw, in time and memory linear in size.

Rich is the reference: each table is also drawn by Rich whole, as factcli drew it before,
and the two must be the same to the byte, piped and on a colour terminal.
"""

from __future__ import annotations

import io
import sys
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from factcli import draw, layout, lines
from factcli.cli import app
from factcli.layout import cell, emit, fit, new_table

if TYPE_CHECKING:
    from rich.console import JustifyMethod
    from rich.segment import Segment
    from rich.table import Table

PIPED = {"NO_COLOR": "1"}
TERMINAL = {"FORCE_COLOR": "1", "COLORTERM": "truecolor"}


def rich_wrap(text: str, width: int, *, right: bool = False, no_wrap: bool = False) -> list[str]:
    """A cell's lines as Rich's Text.wrap gives them to a table's column."""
    from rich.console import Console
    from rich.text import Text

    justify: JustifyMethod = "right" if right else "left"
    lines = Text(text).wrap(Console(), width, justify=justify, overflow="fold", no_wrap=no_wrap)
    return [line.plain for line in lines]


@given(
    st.text(alphabet="ab  -éЖ—\n", max_size=60), st.integers(1, 14), st.booleans(), st.booleans()
)
@settings(max_examples=500, deadline=None)
def test_a_cell_wraps_as_richs_text_wraps(
    text: str, width: int, right: bool, no_wrap: bool
) -> None:
    expected = rich_wrap(text, width, right=right, no_wrap=no_wrap)
    assert lines.wrap(text, width, right=right, no_wrap=no_wrap) == expected


def test_a_long_word_is_folded_and_spaces_kept_as_rich_keeps_them() -> None:
    text = "  " + "x" * 13 + " short " + "y" * 6 + " " * 10 + "z"
    wrapped = lines.wrap(text, 5)
    assert wrapped == rich_wrap(text, 5)
    assert wrapped[:5] == ["  xxx", "xxxxx", "xxxxx", "     ", "short"]


def test_what_is_wrapped_here_is_one_cell_wide_and_no_space_but_space() -> None:
    from rich.cells import cell_len

    chars = [chr(c) for first, last in lines.ONE_CELL for c in range(first, last + 1)]
    assert [c for c in chars if cell_len(c) != 1] == []
    assert [c for c in chars if c.isspace()] == [" "]
    # Combining characters, emoji, other spaces: Rich wraps them (tabs and wide characters:
    # tests/test_wide.py).
    others = ("e\u0301", "a\u00a0b", "\U0001f44d", "a\u3000b")
    assert [lines.wrap(text, 10) for text in others] == [None] * 4


COLUMNS: list[tuple[str, dict[str, Any]]] = [
    ("Date", {"no_wrap": True}),
    ("Summary", {"ratio": 1}),
    ("Names", {"max_width": 12}),
    ("Count", {"justify": "right"}),
    ("Notes", {"ratio": 1}),
    ("Plain", {}),
]
# Letters of every kind a table meets: one cell wide, wide, combining, a tab, spaces.
WORDS = st.text(alphabet="ab  \n-éЖ—日\u0301\t👍", max_size=40)


def build(columns: list[int], rows: list[list[str]], bold: list[bool]) -> Table:
    table = new_table("A title — with a dash", [COLUMNS[i] for i in columns])
    for row in rows:
        cells = [cell(text) for text in row[: len(columns)]]
        cells += [cell("") for _ in range(len(columns) - len(cells))]
        for text, strong in zip(cells, bold, strict=False):
            if strong and text.plain:  # a bold word or two, as a title or a search match is
                text.stylize("bold", 0, max(1, len(text.plain) // 2))
        table.add_row(*cells)
    return table


def setenv(monkeypatch: pytest.MonkeyPatch, width: int, env: dict[str, str]) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    for name, value in {"COLUMNS": str(width), **env}.items():
        monkeypatch.setenv(name, value)


def drawn(table: Table, width: int, env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> str:
    setenv(monkeypatch, width, env)
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    emit(table)
    return out.getvalue()


def drawn_by_rich(
    table: Table, width: int, env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> str:
    """The table as factcli drew it before: fitted, then printed whole by Rich, or one
    block per record laid out by Rich."""
    setenv(monkeypatch, width, env)
    out = layout.console()
    layout._drop_empty_columns(table)
    title, table.title = table.title, None
    fitted = fit(table, out.width)
    with out.capture() as captured:
        for shown in [title, *([table] if fitted else layout.rich_blocks(table, out.width))]:
            out.print(shown)
    if out.is_terminal:
        return captured.get()
    return "".join(line.rstrip() + "\n" for line in captured.get().splitlines())


@given(
    st.lists(st.integers(0, len(COLUMNS) - 1), min_size=1, max_size=5, unique=True),
    st.lists(st.lists(WORDS, min_size=1, max_size=5), max_size=5),
    st.lists(st.booleans(), max_size=5),
    st.integers(20, 160),
    st.sampled_from([PIPED, TERMINAL]),
)
@settings(max_examples=300, deadline=None)
def test_a_table_is_drawn_as_rich_draws_it(
    columns: list[int], rows: list[list[str]], bold: list[bool], width: int, env: dict[str, str]
) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        expected = drawn_by_rich(build(columns, rows, bold), width, env, monkeypatch)
        assert drawn(build(columns, rows, bold), width, env, monkeypatch) == expected


def test_a_table_drawn_a_line_at_a_time_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [["2007", "A summary of a few words", "Japan"]] * 3
    expected = drawn_by_rich(build([0, 1, 2], rows, [True]), 60, TERMINAL, monkeypatch)
    monkeypatch.setattr(draw, "CHUNK", 1)
    assert drawn(build([0, 1, 2], rows, [True]), 60, TERMINAL, monkeypatch) == expected


@pytest.mark.parametrize(
    "args",
    [["orgs"], ["disputes"], ["treaties"], ["events"], ["country"], ["country", "Georgia"],
     ["search", "border"], ["changes"], ["orgs", "--fields", "id,name"]],
    ids=" ".join,
)  # fmt: skip
@pytest.mark.parametrize("columns", [40, 120])
def test_every_table_is_drawn_here(
    args: list[str], columns: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    drawable = draw.drawable

    def watched(table: Table) -> bool:
        seen.append(drawable(table))
        return seen[-1]

    def refused(table: Table, width: int) -> None:
        raise AssertionError("one block per record, laid out by Rich")

    monkeypatch.setattr(draw, "drawable", watched)
    monkeypatch.setattr(layout, "rich_blocks", refused)
    env = {"COLUMNS": str(columns), "NO_COLOR": "1", "FACTCLI_FACTS_DIR": None}
    result = CliRunner().invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    assert all(seen)  # none left to Rich whole, which is slow and quadratic in a cell


# --- linear in the size of the table --------------------------------------------------------


def longest_split(monkeypatch: pytest.MonkeyPatch) -> Callable[[], int]:
    """The longest text with a line break that Rich is given to split into lines."""
    from rich.segment import Segment

    seen = [0]

    def watch(name: str) -> None:
        split = getattr(Segment, name).__func__

        def watched(cls: type[Segment], segments: Any, *args: Any, **kwargs: Any) -> Any:
            def each() -> Iterator[Segment]:
                for segment in segments:
                    if "\n" in segment.text:
                        seen[0] = max(seen[0], len(segment.text))
                    yield segment

            return split(cls, each(), *args, **kwargs)

        monkeypatch.setattr(Segment, name, classmethod(watched))

    watch("split_and_crop_lines")
    watch("split_lines")
    return lambda: seen[0]


def summary_of(size: int) -> str:
    words = ("talks", "ministers", "delegation", "agreement", "pipeline", "border")
    return " ".join(words[i % len(words)] for i in range(size // 8))


def long_cell(size: int) -> Table:
    table = new_table("Long", [("Date", {"no_wrap": True}), ("Event", {"ratio": 1})])
    table.add_row(cell("2007"), cell(summary_of(size)))
    return table


@pytest.mark.parametrize("env", [PIPED, TERMINAL], ids=["piped", "terminal"])
def test_a_long_cell_is_never_split_out_of_one_string(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Rich split a cell's lines out of one string, a copy of the rest for each line: the
    # square of the cell's length (a 4 MB cell took 3 s, 16 MB 73 s).
    longest = longest_split(monkeypatch)
    out = drawn(long_cell(200_000), 80, env, monkeypatch)
    assert longest() < 200
    assert len(out.splitlines()) > 2_000


@pytest.mark.parametrize("env", [PIPED, TERMINAL], ids=["piped", "terminal"])
def test_nor_in_a_block_per_record(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    table = build([0, 1, 2, 3, 4], [["2007", summary_of(200_000), "Japan", "1", "notes"]], [])
    longest = longest_split(monkeypatch)
    out = drawn(table, 30, env, monkeypatch)  # too narrow for the table: Rich lays it out
    assert "Summary:" in out
    assert "talks ministers" in out
    assert longest() < 200
    assert len(out.splitlines()) > 2_000


def test_nor_in_a_country_page(monkeypatch: pytest.MonkeyPatch, small: Path) -> None:
    countries = small / "countries.toml"
    note = summary_of(200_000)
    text = countries.read_text().replace('aliases = ["Nippon"]', f'notes = ["{note}"]', 1)
    countries.write_text(text)
    longest = longest_split(monkeypatch)
    env = {"COLUMNS": "80", "NO_COLOR": "1", "FACTCLI_FACTS_DIR": None}
    result = CliRunner().invoke(app, ["--facts-dir", str(small), "country", "Japan"], env=env)
    assert result.exit_code == 0, result.output
    assert "• talks ministers" in result.stdout
    assert longest() < 200


@pytest.mark.parametrize("width", [120, 30], ids=["table", "blocks"])
def test_memory_is_bounded_by_the_output_not_by_the_table(
    width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [[f"2007-01-{i % 28 + 1:02d}", summary_of(320), "Japan, China"] for i in range(5000)]
    table = build([0, 1, 2], rows, [True])
    setenv(monkeypatch, width, PIPED)
    assert fit(build([0, 1, 2], rows[:1], []), width) == (width == 120)
    written = [0]

    class Sink(io.StringIO):
        def write(self, text: str) -> int:
            written[0] += len(text)
            return len(text)

    monkeypatch.setattr(sys, "stdout", Sink())
    tracemalloc.start()
    try:
        emit(table)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # Rich held the whole table's segments and text at once, 15 times the output; drawn
    # here, a few thousand lines at a time.
    assert written[0] > 2_000_000
    assert peak < written[0]


@pytest.mark.parametrize("env", [PIPED, TERMINAL], ids=["piped", "terminal"])
def test_nor_by_a_cell_of_many_lines(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    # A cell's lines were all made before the row was drawn, each padded to the width: a
    # cell of 4 million short lines took 660 MB for 4 MB of output.
    table = long_cell(0)
    table.add_row(cell("2008"), cell("\n".join(["talks ministers"] * 100_000)))
    setenv(monkeypatch, 120, env)
    written = [0]

    class Sink(io.StringIO):
        def write(self, text: str) -> int:
            written[0] += len(text)
            return len(text)

    monkeypatch.setattr(sys, "stdout", Sink())
    tracemalloc.start()
    try:
        emit(table)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert written[0] > 2_000_000
    assert peak < written[0]


@pytest.mark.slow
def test_a_4_mb_cell(monkeypatch: pytest.MonkeyPatch) -> None:
    longest = longest_split(monkeypatch)
    lines = drawn(long_cell(4_000_000), 120, PIPED, monkeypatch).splitlines()
    assert longest() < 200
    assert lines[:4] == ["Long", "", "  Date   Event", " " + "─" * 118]
    assert " ".join(line[9:] for line in lines[4:-1]) == summary_of(4_000_000)
    assert lines[-1] == ""
