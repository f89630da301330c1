"""json / jsonl / csv and plain lines: the standard library only (tables are in tables.py)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import Any, TextIO, assert_never, cast

from factcli.kinds import KINDS, output_fields


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"


# Fields of each kind, in the order of the contract: the csv header when nothing matched.
FIELDS = {s.kind.value: output_fields(s.kind) for s in KINDS.values()}
HEADINGS = {s.kind.value: s.heading for s in KINDS.values()}

# What must never reach a terminal: C0 controls but newline and tab, DEL, C1 controls, and
# the bidirectional overrides and isolates that can reorder what a reader sees.
_UNSAFE = [
    *range(0x00, 0x09),
    *range(0x0B, 0x20),
    *range(0x7F, 0xA0),
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
]
_ESCAPES = {c: (f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}") for c in _UNSAFE}
_ONE_LINE = {**_ESCAPES, ord("\n"): "\\n"}  # a value with a newline must not start a line


def safe(text: str) -> str:
    """Text with every control character spelt out as an escape, e.g. ESC as '\\x1b'."""
    return text.translate(_ESCAPES)


def write(text: str) -> None:
    sys.stdout.write(text)


def line(text: str) -> None:
    """One line of plain text on stdout, e.g. a problem that `validate` found."""
    sys.stdout.write(text.translate(_ONE_LINE) + "\n")


def notice(message: str) -> None:
    """A one-line message for a person, on stderr."""
    sys.stderr.write(message.translate(_ONE_LINE) + "\n")


class _Spelt:
    """A text stream that spells out control characters, and is otherwise the one it wraps."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(safe(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def guard_stderr() -> None:
    """Keep control characters off stderr, whoever writes there.

    Click's usage errors quote the command line as typed ("No such option: ..."), so text
    a script passes on, an ESC included, would reach the terminal through them.
    """
    if not isinstance(sys.stderr, _Spelt):
        sys.stderr = cast(TextIO, _Spelt(sys.stderr))


# --- json, jsonl, csv: the standard library only ------------------------------------------


def data(
    objects: Sequence[dict[str, Any]],
    fmt: Format,
    fields: Sequence[str] | None = None,
    header: Sequence[str] = (),
) -> None:
    """A list of records as json, jsonl or csv; header is the csv header when none match."""
    if fields:
        objects = select(objects, fields)
    match fmt:
        case Format.JSON:
            write(json.dumps(list(objects), ensure_ascii=False, indent=2) + "\n")
        case Format.JSONL:
            write(
                "".join(
                    json.dumps(o, ensure_ascii=False, separators=(",", ":")) + "\n" for o in objects
                )
            )
        case Format.CSV:
            write_csv(objects, list(fields or header))
        case Format.TABLE:
            raise ValueError("table mode is drawn by the table functions")
        case _:
            assert_never(fmt)


def one(obj: dict[str, Any], fmt: Format, fields: Sequence[str] | None = None) -> None:
    """A single object (country NAME) as json, jsonl or csv."""
    if fields:
        obj = select([obj], fields)[0]
    if fmt is Format.JSON:
        write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
    elif fmt is Format.CSV and not fields:
        write_csv([{k: v for k, v in obj.items() if k not in ("disputes", "events")}], [])
    else:
        data([obj], fmt)


def write_csv(objects: Sequence[dict[str, Any]], header: list[str]) -> None:
    columns = list(dict.fromkeys(k for o in objects for k in o)) or header
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(columns)
    for o in objects:
        out.writerow([_csv_value(o.get(c)) for c in columns])


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_csv_value(v) for v in value)
    if isinstance(value, dict):  # a record inside a record (country NAME's events): its id
        return str(value["id"]) if "id" in value else term_text(value)
    return str(value)


def term_text(term: dict[str, Any]) -> str:
    """A term as a reader says it: 'member 1997-06–2014-03-24 (suspended)'."""
    value = next(iter(term.values()))
    since, until = term.get("since"), term.get("until")
    span = f"{since or ''}–{until or ''}" if since or until else ""
    end = f" ({term['end']})" if term.get("end") else ""
    return " ".join(p for p in (str(value), span) if p) + end


# --- --fields: the chosen fields, in the chosen order -------------------------------------


def select(objects: Sequence[dict[str, Any]], fields: Sequence[str]) -> list[dict[str, Any]]:
    """Each object with only these fields, in this order (null where a record has none)."""
    return [{f: o.get(f) for f in fields} for o in objects]
