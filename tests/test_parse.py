"""One parser, one verdict: a fact file is valid exactly when tomli reads it, at any size.

Each case is tried in a file of about 1 KB and in one of about 1 MB (the same text after
many sound records: two of the 512 KB pieces an earlier reader parsed apart), with LF and
CRLF line endings: the verdict, the line it names and the values read must not depend on
the file's size or on the way it is read.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli

from factcli.load import FactBaseError, load

EVENT = '[[event]]\nid = "filler-{0}"\ndate = "2001"\ntitle = "t {0}"\nsources = ["s"]\n\n'
SIZES = {"1 KB": 0, "1 MB": 1_000_000 // len(EVENT.format(10_000))}


def base(tmp_path: Path, body: str, filler: int, newline: str = "\n") -> tuple[Path, int]:
    """A fact directory whose events.toml is filler records, then body; and body's first line."""
    before = "".join(EVENT.format(i) for i in range(filler))
    text = (before + body).replace("\n", newline)
    (tmp_path / "events.toml").write_bytes(text.encode())
    return tmp_path, before.count("\n") + 1


def problems(directory: Path) -> list[str]:
    try:
        load(directory)
    except FactBaseError as e:
        return [str(p) for p in e.problems]
    return []


@pytest.fixture(params=list(SIZES.values()), ids=list(SIZES))
def filler(request: pytest.FixtureRequest) -> int:
    n: int = request.param
    return n


STATIC_THEN_HEADER = (
    'event = []\n\n[[event]]\nid = "e1"\ndate = "2001"\ntitle = "t"\nsources = ["s"]\n'
)


def test_a_static_array_then_a_header_is_refused_at_any_size(tmp_path: Path, filler: int) -> None:
    # The static array must come first in its file, so the filler goes after it here.
    text = STATIC_THEN_HEADER + "".join(EVENT.format(i) for i in range(filler))
    (tmp_path / "events.toml").write_text(text, encoding="utf-8")
    found = problems(tmp_path)
    assert len(found) == 1
    assert found[0].startswith(f"{tmp_path / 'events.toml'}:3: invalid TOML at line 3, column")


COMMENT_BEFORE_EQUALS = (
    '[[event]]\nid = "e1"\ndate = "2001"\ntitle = "t"\nsources = ["s"]\n'
    'terms = [{ since # a comment\n = "2001" }]\n'
)


def test_a_comment_before_equals_in_an_inline_table_is_refused(tmp_path: Path, filler: int) -> None:
    directory, first = base(tmp_path, COMMENT_BEFORE_EQUALS, filler)
    with pytest.raises(tomli.TOMLDecodeError):
        tomli.loads(COMMENT_BEFORE_EQUALS)
    found = problems(directory)
    assert len(found) == 1
    assert f"events.toml:{first + 5}: invalid TOML at line {first + 5}, column 18" in found[0]


CRLF_STRING = (
    '[[event]]\nid = "e1"\ndate = "2001"\nsources = ["s"]\n'
    "summary = \"\"\"one\ntwo\"\"\"\ntitle = '''three\nfour'''\n"
)


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_multi_line_strings_read_the_same_at_any_size_and_line_ending(
    tmp_path: Path, filler: int, newline: str
) -> None:
    directory, _ = base(tmp_path, CRLF_STRING, filler, newline)
    event = next(e for e in load(directory).events if e.id == "e1")
    assert event.summary == "one\ntwo"
    assert event.title == "three\nfour"


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_every_record_of_a_large_file_is_read(tmp_path: Path, newline: str) -> None:
    directory, _ = base(tmp_path, "", SIZES["1 MB"], newline)
    assert len(load(directory).events) == SIZES["1 MB"]
