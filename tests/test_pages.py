"""A country's page: its label and value lines (relation, notes, sources) drawn as Rich's
grid lays them out, to the byte, piped and on a colour terminal; in time linear in a
value's length, without Rich's wrap, which took ten times the JSON for a 4 MB note."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from factcli import layout
from factcli.cli import app
from factcli.layout import Labelled, cell, emit
from tests.test_draw import PIPED, TERMINAL, WORDS, setenv, summary_of

LABELS = st.sampled_from(["•", "1.", "10.", "ISO", "Also", "Relation", "  factcli events"])
# Mostly text drawn here (one cell wide), some that Rich lays out (wide, combining, tabs).
VALUES = st.one_of(st.text(alphabet="ab  \n-éЖ—", max_size=200), WORDS).filter(bool)


def drawn(page: Labelled, width: int, env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> str:
    setenv(monkeypatch, width, env)
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    emit(page)
    return out.getvalue()


def drawn_by_rich(
    page: Labelled, width: int, env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> str:
    setenv(monkeypatch, width, env)
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    layout._print(layout.console(), page.rich())
    return out.getvalue()


@given(
    st.lists(st.tuples(LABELS, VALUES), min_size=1, max_size=4),
    st.sampled_from([0, 2]),
    st.integers(20, 160),
    st.sampled_from([PIPED, TERMINAL]),
)
@settings(max_examples=300, deadline=None)
def test_labelled_lines_are_drawn_as_rich_draws_them(
    rows: list[tuple[str, str]], indent: int, width: int, env: dict[str, str]
) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        page = Labelled([(label, cell(text)) for label, text in rows], indent)
        expected = drawn_by_rich(page, width, env, monkeypatch)
        assert drawn(page, width, env, monkeypatch) == expected


def longest_wrap(monkeypatch: pytest.MonkeyPatch) -> Callable[[], int]:
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
@pytest.mark.parametrize("field", ["notes", "relation", "sources"])
def test_a_long_note_is_not_wrapped_by_rich(
    monkeypatch: pytest.MonkeyPatch, small: Path, env: dict[str, str], field: str
) -> None:
    countries = small / "countries.toml"
    value = summary_of(200_000)
    was, now = {
        "notes": ('aliases = ["Nippon"]', f'notes = ["{value}"]'),
        "relation": ('relation = "Strained over the Kuril Islands"', f'relation = "{value}"'),
        "sources": ('sources = ["Current issues"]', f'sources = ["{value}"]'),
    }[field]
    countries.write_text(countries.read_text().replace(was, now, 1))
    longest = longest_wrap(monkeypatch)
    given: dict[str, str | None] = {"COLUMNS": "80", "NO_COLOR": None, "FACTCLI_FACTS_DIR": None}
    args = ["--facts-dir", str(small), "country", "Japan"]
    result = CliRunner().invoke(app, args, env={**given, **env})
    assert result.exit_code == 0, result.output
    assert "talks ministers" in result.stdout
    assert longest() < 1000
