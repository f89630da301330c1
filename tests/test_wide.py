"""Cells of Chinese, Japanese or Korean text, or with tabs, wrapped as Rich wraps them, in
time linear in their length: Rich's own wrap measures each character, and took eighteen
times the JSON for a 4 MB cell of Chinese."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcli import lines
from factcli.layout import cell, new_table
from tests.test_draw import PIPED, TERMINAL, drawn, rich_wrap

# Words of one and two cells, tabs and newlines: "é", "Ж", "ب", "ש" and "ạ" are one cell,
# "日", "本", "、", "ア", "ー" and "한" two.
ALPHABET = "ab  -éЖبשạ日本、アー한\t\n"


@given(st.text(alphabet=ALPHABET, max_size=60), st.integers(1, 14), st.booleans(), st.booleans())
@settings(max_examples=1000, deadline=None)
def test_wide_characters_and_tabs_wrap_as_richs_text_wraps(
    text: str, width: int, right: bool, no_wrap: bool
) -> None:
    got = lines.wrap(text, width, right=right, no_wrap=no_wrap)
    if got is None:  # at a width of 1, Rich gives a wide character a line of its own
        assert width == 1
        assert not lines.narrow(text)
    else:
        assert got == rich_wrap(text, width, right=right, no_wrap=no_wrap)


def test_each_is_as_wide_in_every_unicode_version_rich_knows() -> None:
    from rich.cells import get_character_cell_size

    try:  # Rich 14.1 and later measure by the terminal's Unicode version
        from rich._unicode_data._versions import VERSIONS
    except ModuleNotFoundError:  # the lowest Rich allowed has one table
        sizes: list[Callable[[str], int]] = [get_character_cell_size]
    else:
        sizes = [partial(get_character_cell_size, unicode_version=v) for v in VERSIONS]
    for ranges, width in ((lines.ONE_CELL, 1), (lines.WIDE, 2)):
        chars = [chr(c) for first, last in ranges for c in range(first, last + 1)]
        for size in sizes:
            wrong = [c for c in chars if size(c) != width]
            assert wrong == [], (size, width)
        assert [c for c in chars if c.isspace()] == ([" "] if width == 1 else [])


def test_a_tab_goes_to_the_next_stop_of_eight() -> None:
    assert lines.wrap("a\tbc\t日\td", 40) == [f"{'a':8}{'bc':8}日{'':6}d{'':15}"]


def longest_wrap(monkeypatch: pytest.MonkeyPatch) -> Any:
    """The longest text that Rich's own Text.wrap is given."""
    from rich.text import Text

    seen = [0]
    wrap = Text.wrap

    def watched(self: Text, *args: Any, **kwargs: Any) -> Any:
        seen[0] = max(seen[0], len(self.plain))
        return wrap(self, *args, **kwargs)

    monkeypatch.setattr(Text, "wrap", watched)
    return lambda: seen[0]


@pytest.mark.parametrize("env", [PIPED, TERMINAL], ids=["piped", "terminal"])
@pytest.mark.parametrize(
    "word",
    ["日本語の文章", "한국어", "tab\tseparated", "ア-", "سلام", "Tiếng"],
    ids=["zh", "ko", "tab", "ja", "ar", "vi"],
)
def test_a_long_cell_of_them_is_not_wrapped_by_rich(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch, word: str
) -> None:
    table = new_table("Long", [("Date", {"no_wrap": True}), ("Event", {"ratio": 1})])
    text = " ".join([word] * 40_000)
    table.add_row(cell("2007"), cell(text))
    longest = longest_wrap(monkeypatch)
    out = drawn(table, 80, env, monkeypatch)
    assert longest() < 1000
    assert out.count(word.split("\t", maxsplit=1)[0]) == 40_000


@given(st.text(alphabet=ALPHABET.replace("\t", "").replace("\n", ""), max_size=60))
@settings(max_examples=500, deadline=None)
def test_a_line_is_as_wide_as_rich_measures_it(text: str) -> None:
    from rich.cells import cell_len

    assert lines.cells(text) == cell_len(text)
    assert lines.cells(text + "\t") is None  # a tab's width depends on where it stands


def test_a_word_of_chinese_wider_than_the_screen_goes_under_its_label(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Too wide for a table, it is one block per record, the word under its label, measured
    here: Rich's cell_len took 2.5 s for 4 MB."""
    table = new_table("Long", [("Date", {"no_wrap": True}), ("Event", {"ratio": 1})])
    table.add_row(cell("2007"), cell("日本" * 50_000))
    longest = longest_wrap(monkeypatch)
    from rich import cells

    measured = [0]
    cell_len = cells.cell_len

    def watched(text: str, *args: Any) -> int:
        measured[0] = max(measured[0], len(text))
        return cell_len(text, *args)

    monkeypatch.setattr(cells, "cell_len", watched)
    out = drawn(table, 80, PIPED, monkeypatch)
    assert out.splitlines()[2:5] == ["Date:  2007", "Event:", "日本" * 20]
    assert longest() < 1000
    assert measured[0] < 1000
