"""search marks the query's words in what it matched, in time linear in the text: each
character was folded by a call of its own, 1.2 s a megabyte, and a 4 MB summary that
matched took twenty times the same search as JSON."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcli import model
from factcli.tables import _marked
from tests.conftest import Cli
from tests.test_draw import summary_of


@pytest.mark.parametrize(
    ("text", "words", "bold"),
    [
        ("Talks on the border, border talks", ["talk"], ["Talk", "talk"]),
        ("Straße talks, STRASSE", ["strasse"], ["Straße", "STRASSE"]),  # ß folds to ss
        ("ﬁnal ﬁve", ["fi"], ["ﬁ", "ﬁ"]),  # a ligature folds to two letters
        ("Rüütel and Ru\u0308u\u0308tel", ["ruutel"], ["Rüütel", "Ru\u0308u\u0308tel"]),
        ("½ and 1⁄2", ["1"], ["½", "1"]),
    ],
)
def test_the_words_are_marked_where_they_stand(
    text: str, words: list[str], bold: list[str]
) -> None:
    marked = _marked(text, words)
    assert [marked.plain[s.start : s.end] for s in marked.spans] == bold


def test_a_long_summary_is_folded_a_character_kind_at_a_time(
    cli: Cli, small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = small / "events.toml"
    summary = summary_of(200_000)
    events.write_text(
        events.read_text()
        + f"""
[[event]]
id = "long"
date = "2009"
title = "A long statement"
summary = "{summary}"
sources = ["s"]
"""
    )
    calls = [0]
    fold = model.fold

    def counted(text: str) -> str:
        calls[0] += 1
        return fold(text)

    monkeypatch.setattr(model, "fold", counted)
    result = cli("search", "ministers")
    assert result.exit_code == 0
    assert "ministers" in result.stdout
    assert calls[0] < 1000
