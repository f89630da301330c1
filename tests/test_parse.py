"""The fast parser never says anything tomli would not: the same document, or leave it to tomli."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import tomli
from hypothesis import given, settings
from hypothesis import strategies as st

from factcli import files
from factcli.files import parse

SHIPPED = sorted((Path(__file__).parents[1] / "facts").glob("*.toml"))
EVENT = '[[event]]\nid = "e{0}"\ndate = "2001"\ntitle = "t {0}"\nsources = ["s"]\n\n'


def tomli_or_none(text: str) -> dict[str, Any] | None:
    try:
        return tomli.loads(text)
    except (tomli.TOMLDecodeError, RecursionError):
        return None


def agrees(text: str) -> None:
    """parse() gives tomli's document, or None (and then tomli reads the file itself)."""
    got = parse(text)
    assert got is None or got == tomli.loads(text)


@pytest.fixture(params=[1 << 19, 64], ids=["whole", "pieces of 64 bytes"])
def chunk(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(files, "CHUNK", request.param)
    size: int = request.param
    return size


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_the_shipped_files_parse_as_tomli_parses_them(path: Path, chunk: int) -> None:
    text = path.read_text(encoding="utf-8")
    assert parse(text) == tomli.loads(text)


TRICKY = {
    "a header inside a multi-line string": (
        EVENT.format(1) + 'summary = """\n[[event]]\nid = "x"\n"""\n' + EVENT.format(2) * 3
    ),
    "[meta] twice, in two pieces": "[meta]\nsubject = 'a'\n"
    + EVENT.format(1) * 3
    + "[meta]\nsubject = 'b'\n",
    "an inline array, then headers": 'event = [{ id = "a" }]\n' + EVENT.format(1) * 4,
    "a table, then headers": '[event]\nid = "a"\n\n' + EVENT.format(1) * 4,
    "sub-tables of records": (EVENT.format(1) + "[event.extra]\nk = 1\n\n") * 4,
    "a header with a comment": "[[event]] # one\nid = 'a'\n" * 4,
    "records of every kind": ("[[country]]\nname = 'A'\n" + EVENT.format(1) + "[[org]]\nid = 'o'\n")
    * 4,
}


@pytest.mark.parametrize("text", TRICKY.values(), ids=TRICKY)
def test_what_pieces_could_get_wrong_is_left_to_tomli(text: str, chunk: int) -> None:
    agrees(text)
    if tomli_or_none(text) is None:
        assert parse(text) is None


@settings(max_examples=300, deadline=None)
@given(st.randoms(use_true_random=False), st.integers(1, 8))
def test_damaged_files_parse_as_tomli_parses_them_or_not_at_all(
    rnd: random.Random, damage: int
) -> None:
    files.CHUNK = rnd.choice([40, 200, 1 << 19])
    try:
        text = list(SHIPPED[rnd.randrange(len(SHIPPED))].read_text(encoding="utf-8")[:6000])
        for _ in range(damage):
            i = rnd.randrange(len(text))
            match rnd.randrange(3):
                case 0:
                    del text[i]
                case 1:
                    text.insert(i, rnd.choice("[]{}\"'=\n#.,\\ ax1"))
                case _:
                    text[i] = rnd.choice("[]{}\"'=\n#.,\\ ax1")
        damaged = "".join(text)
        expected = tomli_or_none(damaged)
        got = parse(damaged)
        assert got is None or got == expected
    finally:
        files.CHUNK = 1 << 19
