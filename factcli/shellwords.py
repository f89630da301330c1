"""A bash command line read as bash reads it, and values written so that bash reads them back.

Completion hands bash text to put on the command line: it must come back, when the line
runs, as the value it was and nothing else, whatever the value holds (`$(...)`, quotes,
newlines) and whatever quote the user left open before pressing TAB.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

# The quote a word leaves open: none, '...', "...", or $'...', whose backslashes are escapes.
NONE, SINGLE, DOUBLE, ANSI = "", "'", '"', "$'"


class Word(NamedTuple):
    raw: str  # as typed: quotes and backslashes included
    text: str  # what the command receives
    quote: str  # the quote open at its end


def split(line: str) -> list[Word]:
    """The words of a command line; the last is the one at its end, empty after a space."""
    words: list[Word] = []
    raw: list[str] = []
    text: list[str] = []
    quote, i, started = NONE, 0, False
    while i < len(line):
        ch, after = line[i], line[i + 1 : i + 2]
        step = 1
        if quote == NONE and ch in " \t\n":
            if started:
                words.append(Word("".join(raw), "".join(text), NONE))
                raw, text, started = [], [], False
            i += 1
            continue
        started = True
        if quote == NONE:
            if ch == "\\":
                step = 2
                text.append("" if after == "\n" else after)  # a backslash-newline joins lines
            elif ch == "$" and after in ("'", '"'):
                quote, step = (ANSI if after == "'" else DOUBLE), 2
            elif ch in "'\"":
                quote = ch
            else:
                text.append(ch)
        elif quote == DOUBLE and ch == "\\" and after:
            step = 2
            text.append(after if after in '$`"\\' else "" if after == "\n" else ch + after)
        elif quote == ANSI and ch == "\\" and (escape := _ANSI_ESCAPE.match(line, i)):
            step = len(escape.group())
            text.append(_ansi(escape.group(1)))
        elif ch == quote[-1]:
            quote = NONE
        else:
            text.append(ch)
        raw.append(line[i : i + step])
        i += step
    words.append(Word("".join(raw), "".join(text), quote))
    return words


_ANSI_ESCAPE = re.compile(
    r"\\(x[0-9A-Fa-f]{1,2}|u[0-9A-Fa-f]{1,4}|U[0-9A-Fa-f]{1,8}|[0-7]{1,3}|c.|.)", re.DOTALL
)
_ANSI_LETTERS = {"a": "\a", "b": "\b", "e": "\x1b", "E": "\x1b", "f": "\f", "n": "\n"}
_ANSI_LETTERS |= {"r": "\r", "t": "\t", "v": "\v"}


def _ansi(escape: str) -> str:
    """What bash reads for one backslash escape inside $'...'."""
    head, digits = escape[0], escape[1:]
    if head in "xuU":
        return chr(min(int(digits, 16), 0x10FFFF))
    if head.isdigit():
        return chr(int(escape, 8) & 0xFF)
    if head == "c":
        return chr(ord(digits.upper()) & 0x1F)
    return _ANSI_LETTERS.get(head, escape if head not in "\\'\"?" else head)


# --- writing ------------------------------------------------------------------------------

# Written as themselves outside quotes. `=`, `:` and `@` end a word for readline, but TAB
# finds what was typed before them (completion.py), and bash reads them as themselves.
_PLAIN = re.compile(r"[A-Za-z0-9_%+,./:=@-]")


def invisible(ch: str) -> bool:
    """A character written as an escape: controls (newline, tab), format marks (bidi overrides,
    zero-width spaces), separators but the space; never shown or read as itself."""
    return ch != " " and unicodedata.category(ch)[0] in "CZ"


def _code(ch: str) -> str:
    """The character as an escape of $'...': \\x0a, \\u202e (bash writes \\x80 up as a byte)."""
    n = ord(ch)
    return f"\\x{n:02x}" if n < 0x80 else f"\\u{n:04x}" if n <= 0xFFFF else f"\\U{n:08x}"


def plain(ch: str) -> bool:
    """Whether the character is written as itself outside quotes."""
    return bool(_PLAIN.match(ch)) or (ord(ch) > 0x7F and not invisible(ch))


def _bare(ch: str) -> str:
    if invisible(ch):
        return f"$'{_code(ch)}'"
    return ch if plain(ch) else "\\" + ch


def _single(ch: str) -> str:
    if invisible(ch):
        return f"'$'{_code(ch)}''"
    return "'\\''" if ch == "'" else ch


def _double(ch: str) -> str:
    if invisible(ch):
        return f"\"$'{_code(ch)}'\""
    if ch == "!":  # history expansion happens inside double quotes, and keeps a backslash
        return '"\\!"'
    return "\\" + ch if ch in '"$`\\' else ch


def _in_ansi(ch: str) -> str:
    return _code(ch) if invisible(ch) or ch in "'!" else "\\\\" if ch == "\\" else ch


_WRITERS = {NONE: _bare, SINGLE: _single, DOUBLE: _double, ANSI: _in_ansi}


def quoted(value: str, quote: str, whole: bool = True) -> str:
    """VALUE written to follow QUOTE, left open on the line, so that bash reads back VALUE.

    Each character is written alone, so what is written for a value begins with what is
    written for any of its prefixes. whole: the text ends the value, and readline will close
    the quote after it, unless it ends with the quote character: then it is closed here.
    """
    written = "".join(map(_WRITERS[quote], value))
    if whole and quote in (SINGLE, DOUBLE) and written.endswith(quote):
        written += quote
    return written


def escaped(value: str) -> str:
    """VALUE on one line, as zsh's ${(g::)...} reads it back: backslashes doubled, the
    invisible escaped."""
    return "".join(_code(ch) if invisible(ch) else "\\\\" if ch == "\\" else ch for ch in value)
