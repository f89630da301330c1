"""json / jsonl / csv and plain lines: the standard library only (tables are in tables.py)."""

from __future__ import annotations

import csv
import functools
import json
import re
import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import Any, TextIO, assert_never


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"


# What must never reach a terminal, as ranges: C0 controls but tab and newline, DEL, C1
# controls, and every format character (Unicode's category Cf: the soft hyphen, the Arabic
# letter mark and the other bidirectional marks, embeddings, overrides and isolates that can
# reorder what a reader sees, zero-width spaces and joiners, the word joiner and invisible
# operators, the byte order mark, interlinear annotation marks, the tag characters), and the
# line and paragraph separators, which split a line where none shows. The whole tag block
# is here, its unassigned code points too. tests/test_invisible.py checks the list against
# Python's own character database.
INVISIBLE = (
    (0x00, 0x08), (0x0B, 0x1F), (0x7F, 0x9F), (0xAD, 0xAD),
    (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD), (0x070F, 0x070F),
    (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E),
    (0x200B, 0x200F), (0x2028, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F),
    (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD),
    (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0000, 0xE007F),
)  # fmt: skip


def _spelt(c: int) -> str:
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}" if c < 0x10000 else f"\\U{c:08x}"


ESCAPES = {c: _spelt(c) for first, last in INVISIBLE for c in range(first, last + 1)}
_ONE_LINE = {**ESCAPES, ord("\n"): "\\n"}  # a value with a newline must not start a line
_LABEL = {**_ONE_LINE, ord("\t"): "\\t"}  # and a label's width is its characters'


def safe(text: str) -> str:
    """Text with every control and invisible character spelt out, e.g. ESC as '\\x1b'."""
    # Every character to spell out is one that str.isprintable() refuses: most text needs
    # no translation, and is returned as it is; so is text whose only such characters are
    # newlines and tabs (a scan in C, where a translation looks up every character).
    if text.isprintable() or text.replace("\n", "").replace("\t", "").isprintable():
        return text
    return text.translate(ESCAPES)


def label(text: str) -> str:
    """Text as one line of known width: controls, newlines and tabs spelt out."""
    return text.translate(_LABEL)


# Where a title may break: after "—" or a comma, and before "(count)"; so that "as of 2010"
# and "2 of 87" stay whole on a narrow screen.
_SEAMS = r"(?<=[—,]) | (?=\()"


def title_lines(title: str, width: int) -> list[str]:
    """A title wrapped to the width at its seams; a part too long for a line at its words."""
    import textwrap

    lines: list[str] = []
    for part in re.split(_SEAMS, title):
        if lines and len(lines[-1]) + 1 + len(part) <= width:
            lines[-1] += " " + part
        elif len(part) > width:  # broken at its words anyway: from where the line stands
            head = lines.pop() + " " if lines else ""
            lines += textwrap.wrap(
                head + part, width, break_long_words=False, break_on_hyphens=False
            )
        else:
            lines.append(part)
    return lines or [""]


def write(text: str) -> None:
    sys.stdout.write(text)


def line(text: str) -> None:
    """One line of plain text on stdout, e.g. a problem that `validate` found."""
    sys.stdout.write(text.translate(_ONE_LINE) + "\n")


def notice(message: str) -> None:
    """A one-line message for a person, on stderr."""
    sys.stderr.write(message.translate(_ONE_LINE) + "\n")


def count(n: int, word: str) -> str:
    """A number of things as said: "1 country", "3 countries"."""
    plural = word[:-1] + "ies" if word.endswith("y") else word + "s"
    return f"{n} {word}" if n == 1 else f"{n} {plural}"


# --- json, jsonl, csv: the standard library only ------------------------------------------


def dumps(obj: Any) -> str:
    """JSON as the json module writes it, indented by 2, UTF-8, with what must not reach a
    terminal written as escapes (see visible)."""
    return visible(json.dumps(obj, ensure_ascii=False, indent=2))


def visible(text: str) -> str:
    """JSON text with every character of INVISIBLE written as a \\uXXXX escape, as json
    writes C0 (DEL, C1 and the format characters it leaves as they are): the data read back
    is the same. Only strings can hold them, and an escape is valid anywhere in a string."""
    if text.isascii():  # a flag Python keeps: no scan
        return text.replace("\x7f", "\\u007f") if "\x7f" in text else text
    # Every one of them is a character that str.isprintable() refuses: a scan in C.
    if text.replace("\n", "").isprintable():
        return text
    return _invisible().sub(_escape, text)


@functools.cache
def _invisible() -> re.Pattern[str]:
    return re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in INVISIBLE) + "]")


def _escape(match: re.Match[str]) -> str:
    c = ord(match.group())
    if c < 0x10000:
        return f"\\u{c:04x}"
    c -= 0x10000  # a surrogate pair, as json writes a character beyond the BMP
    return f"\\u{0xD800 + (c >> 10):04x}\\u{0xDC00 + (c & 0x3FF):04x}"


def data(
    objects: Sequence[dict[str, Any]],
    fmt: Format,
    fields: Sequence[str] | None = None,
    header: Sequence[str] = (),
    *,
    csv_safe: bool = False,
) -> None:
    """A list of records as json, jsonl or csv; header is the csv header when none match.

    csv_safe: start a csv cell that a spreadsheet would run as a formula with "'".
    """
    if fields:
        objects = select(objects, fields)
    match fmt:
        case Format.JSON:
            write(dumps(list(objects)) + "\n")
        case Format.JSONL:
            compact = (",", ":")
            lines = "".join(
                json.dumps(o, ensure_ascii=False, separators=compact) + "\n" for o in objects
            )
            write(visible(lines))
        case Format.CSV:
            write_csv(objects, list(fields or header), csv_safe=csv_safe)
        case Format.TABLE:
            raise ValueError("table mode is drawn by the table functions")
        case _:
            assert_never(fmt)


def one(
    obj: dict[str, Any],
    fmt: Format,
    fields: Sequence[str] | None = None,
    *,
    csv_safe: bool = False,
) -> None:
    """A single object (country NAME) as json, jsonl or csv."""
    if fields:
        obj = select([obj], fields)[0]
    if fmt is Format.JSON:
        write(dumps(obj) + "\n")
    elif fmt is Format.CSV and not fields:
        row = {k: v for k, v in obj.items() if k not in ("disputes", "treaties", "events")}
        write_csv([row], [], csv_safe=csv_safe)
    else:
        data([obj], fmt, csv_safe=csv_safe)


def write_csv(
    objects: Sequence[dict[str, Any]], header: list[str], *, csv_safe: bool = False
) -> None:
    """CSV as RFC 4180 quotes it, with Unix line ends (see _Rows)."""
    columns = list(dict.fromkeys(k for o in objects for k in o)) or header
    cell = _csv_value
    if sys.stdout.isatty():  # a person reads it: no escape sequence reaches the terminal
        cell = _spelt_cell
    if csv_safe:
        cell = _formula_safe(cell)
    out = csv.writer(_Rows(sys.stdout), lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    out.writerow(columns)
    for o in objects:
        out.writerow([cell(o.get(c)) for c in columns])


class _Rows:
    """Where csv.writer puts a row (one write() each): the row, ending in "\n", not "\r\n".

    The csv module quotes a field holding a character of the line terminator; with "\n"
    alone a bare "\r" went out unquoted and read back as two rows. Writing with "\r\n"
    quotes both, and a line ends as every Unix tool expects.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, row: str) -> int:
        return self._stream.write(row[:-2] + "\n")


def _csv_value(value: Any) -> str:
    """A value as a csv cell: null empty, a boolean as JSON writes it, a list "a; b"."""
    if value is None:
        return ""
    if isinstance(value, bool):  # never Python's "True"
        return "true" if value else "false"
    if isinstance(value, list):
        if value and all(is_term(v) for v in value):
            return "; ".join(history(value))
        return "; ".join(_csv_value(v) for v in value)
    if isinstance(value, dict):  # a record inside a record (country NAME's events): its id
        if "id" in value:
            return str(value["id"])
        if value.keys() == {"text", "date"}:  # a dated note
            return f"{value['text']} ({value['date']})"
        return history([value])[0]
    return str(value)


def is_term(value: Any) -> bool:
    """Whether a value is a term of a history (`terms`, `relations`)."""
    return isinstance(value, dict) and "until" in value and "id" not in value


def history(terms: Sequence[dict[str, Any]]) -> list[str]:
    """A history as a reader says it, a phrase a term, each plainly closed or open: held
    "member 1997-06–2014-03-24 (suspended)", or until the next began "observer
    1992–2021-04-19"; holding still "member since 2021-04-19"; begun at a time unknown
    "unresolved until 1991-05-16"; begun and ended within a period "suspended 2022"."""
    said = []
    for i, term in enumerate(terms):
        value = next(iter(term.values()))
        since, until = term.get("since"), term.get("until")
        if until is None and i + 1 < len(terms):
            until = terms[i + 1].get("since")  # it lasted until the next term began
        if since and until:
            span = f"{since}–{until}" if since != until else str(since)
        elif until:
            span = f"until {until}"
        elif since:  # the last term, or one whose end nobody recorded
            span = f"since {since}" if i + 1 == len(terms) else f"from {since}"
        else:
            span = ""
        end = f" ({term['end']})" if term.get("end") else ""
        said.append(" ".join(p for p in (str(value), span) if p) + end)
    return said


def _spelt_cell(value: Any) -> str:
    return safe(_csv_value(value))


# What a spreadsheet runs as a formula when a cell starts with it (OWASP's CSV injection).
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _formula_safe(cell: Any) -> Any:
    def guarded(value: Any) -> str:
        text: str = cell(value)
        return "'" + text if text.startswith(_FORMULA) else text

    return guarded


# --- --fields: the chosen fields, in the chosen order -------------------------------------


def select(objects: Sequence[dict[str, Any]], fields: Sequence[str]) -> list[dict[str, Any]]:
    """Each object with only these fields, in this order (null where a record has none)."""
    return [{f: o.get(f) for f in fields} for o in objects]
