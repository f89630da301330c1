"""Characters that hide or reorder text: spelt out in tables, messages and csv on a terminal,
and written as escapes in JSON, whose data stays exactly as written.

Beyond the controls: the format characters (Unicode's category Cf: the Arabic letter mark,
bidirectional marks, zero-width spaces, the soft hyphen, the tag characters...) and the
line and paragraph separators.
"""

from __future__ import annotations

import io
import json
import sys
import unicodedata
from pathlib import Path

import pytest

from factcli import render
from tests.conftest import SMALL, Cli, write_base

# One of each kind: DEL, C1 (NEL, CSI), soft hyphen, Arabic letter mark, zero-width space,
# left-to-right mark, line and paragraph separators, word joiner, an isolate, the byte
# order mark, and tag characters ('A' and the language tag), beyond the BMP.
HIDDEN = "\x7f\x85\x9b\u00ad\u061c\u200b\u200e\u2028\u2029\u2060\u2066\ufeff\U000e0041\U000e0001"
SPELT = (
    "\\x7f\\x85\\x9b\\xad\\u061c\\u200b\\u200e\\u2028\\u2029\\u2060\\u2066\\ufeff"
    "\\U000e0041\\U000e0001"
)
JSON_ESCAPED = (
    "\\u007f\\u0085\\u009b\\u00ad\\u061c\\u200b\\u200e\\u2028\\u2029\\u2060\\u2066\\ufeff"
    "\\udb40\\udc41\\udb40\\udc01"
)


def toml(text: str) -> str:
    """A TOML basic string, every character that is not printable as an escape."""
    return '"' + "".join(c if c.isprintable() and c not in '"\\' else
                         f"\\U{ord(c):08x}" for c in text) + '"'  # fmt: skip


HIDING = f"""
[[event]]
id = "hidden"
date = "1999-03-01"
title = {toml("Title " + HIDDEN + " end")}
summary = {toml("Summary " + HIDDEN)}
countries = ["Japan"]
tags = [{toml("tag" + HIDDEN)}]
sources = ["s"]
"""


@pytest.fixture
def hiding(small: Path) -> Path:
    return write_base(small.parent / "hiding", {**SMALL, "zz-hiding.toml": HIDING})


def test_every_format_character_and_control_is_spelt_out() -> None:
    chars = map(chr, range(0x110000))
    hidden = [c for c in chars if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")]
    hidden += map(chr, range(0xE0000, 0xE0080))  # the tag block, unassigned too
    assert [c for c in hidden if c not in "\t\n" and render.safe(c) == c] == []
    # ... and nothing that shows is (code points this Python does not know yet may be
    # format characters of a later Unicode: U+13439-U+1343F are since Unicode 15).
    shown = [
        chr(c)
        for c in render.ESCAPES
        if unicodedata.category(chr(c)) not in ("Cc", "Cf", "Zl", "Zp", "Cn")
    ]
    assert shown == []


def test_a_table_spells_them_out(cli: Cli, hiding: Path) -> None:
    out = cli("events", "--year", "1999", facts=hiding).stdout
    assert [c for c in HIDDEN if c in out] == []
    assert SPELT in "".join(out.split())


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_writes_them_as_escapes_and_keeps_the_data(cli: Cli, hiding: Path, fmt: str) -> None:
    out = cli("events", "--year", "1999", "--format", fmt, facts=hiding).stdout
    assert [c for c in HIDDEN if c in out] == []
    assert JSON_ESCAPED in out
    (event,) = json.loads(out) if fmt == "json" else [json.loads(out)]
    assert (event["title"], event["summary"]) == ("Title " + HIDDEN + " end", "Summary " + HIDDEN)
    assert event["tags"] == ["tag" + HIDDEN]


@pytest.mark.parametrize(
    "args",
    [["country", "Japan"], ["search", "title"], ["changes", "--events"]],
    ids=" ".join,
)
def test_every_json_the_tool_writes(cli: Cli, hiding: Path, args: list[str]) -> None:
    out = cli(*args, "--json", facts=hiding).stdout
    assert [c for c in HIDDEN if c in out] == []
    assert HIDDEN in json.dumps(json.loads(out), ensure_ascii=False)


def test_json_of_ordinary_text_is_what_json_writes() -> None:
    data = [{"name": "Rüütel — Estonia–Russia", "note": "tab\there\nline", "n": 1}]
    assert render.dumps(data) == json.dumps(data, ensure_ascii=False, indent=2)
    assert render.visible('"\x7f"') == '"\\u007f"'  # ASCII, but not shown


def test_a_message_quoting_them_spells_them_out(cli: Cli) -> None:
    result = cli("events", "--country", "\u061cJapan\U000e0041")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: unknown country '\\u061cJapan\\U000e0041'. Did you mean: Japan?\n",
    )


def test_csv_to_a_terminal_spells_them_out(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    out = Terminal()
    monkeypatch.setattr(sys, "stdout", out)
    render.write_csv([{"t": "a" + HIDDEN}], [])
    assert out.getvalue() == f"t\na{SPELT}\n"
    into_a_file = io.StringIO()
    monkeypatch.setattr(sys, "stdout", into_a_file)
    render.write_csv([{"t": "a\u061c\U000e0041"}], [])
    assert into_a_file.getvalue() == "t\na\u061c\U000e0041\n"  # data, exactly
