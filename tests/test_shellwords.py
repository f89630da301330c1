"""Reading a bash command line as bash does, and writing values for bash to read back."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from factcli.shellwords import ANSI, DOUBLE, NONE, SINGLE, Word, escaped, quoted, split

QUOTES = [NONE, SINGLE, DOUBLE, ANSI]
VALUES = [
    "plain", "United Kingdom", "Côte d'Ivoire", "line\n$(touch PWNED)", "`touch PWNED`",
    "a;touch PWNED", "x'y\"z", "ends'", 'ends"', "ends\\", "ends!", "!x", "~root", "#c", "*",
    "[ab]", "{a,b}", "a\x1bb", "bidi\u202eX", "tab\there", "nb\u00a0sp", "emoji😀", "$'x'",
    "a\\'b", "'; touch PWNED; '", '"; touch PWNED; "', "\\", "'", '"', "\r\v", "\\x41",
    "x=y:z@w", "$HOME", "a b",
]  # fmt: skip


def test_words_as_bash_reads_them() -> None:
    assert split("factcli events --country=jap") == [
        Word("factcli", "factcli", NONE), Word("events", "events", NONE),
        Word("--country=jap", "--country=jap", NONE),
    ]  # fmt: skip
    assert split("factcli country ")[-1] == Word("", "", NONE)
    assert split("a United\\ K")[-1] == Word("United\\ K", "United K", NONE)
    assert split("a 'Côte d'\\''Iv")[-1] == Word("'Côte d'\\''Iv", "Côte d'Iv", SINGLE)
    assert split('a "x\\$y\\z')[-1] == Word('"x\\$y\\z', "x$y\\z", DOUBLE)
    assert split("a $'x\\ny\\x41\\u00e9\\'")[-1] == Word("$'x\\ny\\x41\\u00e9\\'", "x\nyAé'", ANSI)
    assert split("a b'c d'e")[-1] == Word("b'c d'e", "bc de", NONE)
    assert split('a $"x')[-1] == Word('$"x', "x", DOUBLE)


@pytest.mark.parametrize("quote", QUOTES)
def test_written_values_read_back_the_same(quote: str) -> None:
    for value in VALUES:
        written = quoted(value, quote)
        closed = "" if not quote or written.endswith(quote[-1]) else quote[-1]  # as readline
        assert split(f"x {quote}{written}{closed}")[-1] == Word(
            f"{quote}{written}{closed}", value, NONE
        ), value
        # What is written for a value begins with what is written for its beginning.
        assert written.startswith(quoted(value[:3], quote, whole=False))


def test_nothing_invisible_is_written() -> None:
    for quote in QUOTES:
        for value in VALUES:
            assert all(c == " " or c.isprintable() for c in quoted(value, quote)), value
    assert escaped("a\\b\nc\u202e") == "a\\\\b\\x0ac\\u202e"


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_reads_them_back_and_runs_nothing(tmp_path: Path) -> None:
    words = []
    for quote in QUOTES:
        for value in VALUES:
            written = quoted(value, quote)
            closed = "" if not quote or written.endswith(quote[-1]) else quote[-1]
            words.append(f"{quote}{written}{closed}")
    script = "".join(f"set -- {word}; printf '%s\\0' $# \"$1\"\n" for word in words)
    result = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", script],
        cwd=tmp_path, capture_output=True, check=False, env={"LC_ALL": "C.UTF-8", "HOME": "/"},
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (0, b"")
    said = result.stdout.decode().split("\0")[:-1]
    assert said[0::2] == ["1"] * len(words)
    assert said[1::2] == VALUES * len(QUOTES)
    assert list(tmp_path.iterdir()) == []
