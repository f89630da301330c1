"""A TOML value -> a record's value, or why it cannot be one; each derived from the field's Type."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from collections.abc import Callable
from dataclasses import Field
from enum import StrEnum
from typing import Any, NamedTuple

from factcli.kinds import declared, required, type_of
from factcli.model import Note, PartialDate, Type

_ID = re.compile(r"[a-z0-9-]+")
DATE_HINT = "expected YYYY, YYYY-MM or YYYY-MM-DD"


AT = "\x00at\x00"  # in a message: where the record starts, filled in with its line


class Bad(Exception):
    """A value that a field cannot take; the message says why."""


def shown(text: str) -> str:
    """A value as a message quotes it: a long one is cut, so that the message stays readable."""
    return text if len(text) <= 60 else text[:59] + "…"


def type_name(value: object) -> str:
    names = {
        str: "a string",
        bool: "a boolean",
        int: "an integer",
        float: "a float",
        list: "an array",
        dict: "a table",
        dt.datetime: "a datetime",
        dt.date: "a date",
        dt.time: "a time",
    }
    return names.get(type(value), type(value).__name__)


def text(value: object) -> str:
    if not isinstance(value, str):
        raise Bad(f"must be a string, not {type_name(value)}")
    if not value.strip():
        raise Bad("must not be empty")
    return value


def texts(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise Bad(f"must be an array of strings, not {type_name(value)}")
    for item in value:
        if not isinstance(item, str):
            raise Bad(f"must hold only strings, not {type_name(item)}")
        if not item.strip():
            raise Bad("must not hold empty strings")
    return tuple(value)


def sources(value: object) -> tuple[str, ...]:
    found = texts(value)
    if not found:
        raise Bad("must name at least one source")
    return found


def note(value: object) -> str:
    """A note: a string, or a dated one written { text = "...", date = "YYYY-MM-DD" }."""
    if not isinstance(value, dict):
        if not isinstance(value, str):
            form = '{ text = "...", date = "..." }'
            raise Bad(f"must be a string or {form}, not {type_name(value)}")
        return text(value)
    unknown = sorted(set(value) - {"text", "date"})
    if unknown:
        close = difflib.get_close_matches(unknown[0], ["text", "date"], n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise Bad(f"unknown field '{shown(unknown[0])}' in a note{hint}")
    if "text" not in value or "date" not in value:
        raise Bad("a dated note needs both 'text' and 'date'")
    for key, check in (("text", text), ("date", date)):
        try:
            check(value[key])
        except Bad as e:
            raise Bad(f"the note's '{key}': {e}") from None
    return Note(value["text"], date(value["date"]))


def notes(value: object) -> tuple[str, ...]:
    """An array of notes; every bad one is named by its place ("note 2: ...")."""
    if not isinstance(value, list):
        raise Bad(f"must be an array of notes, not {type_name(value)}")
    found, bad = [], []
    for n, item in enumerate(value, 1):
        try:
            found.append(note(item))
        except Bad as e:
            bad.append(f"note {n}: {e}")
    if bad:
        raise Bad("; ".join(bad))
    return tuple(found)


def date(value: object) -> PartialDate:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return PartialDate.from_date(value)
    if not isinstance(value, str):
        hint = f': write "{value}"' if type(value) is int else ""  # date = 2007
        raise Bad(f"must be a date string, not {type_name(value)}{hint}")
    try:
        return _parse_date(value)
    except ValueError:
        raise Bad(f"invalid date '{shown(value)}' ({DATE_HINT})") from None


# Big fact bases repeat their dates; a PartialDate is immutable, so equal ones can be shared.
_parse_date = functools.lru_cache(maxsize=4096)(PartialDate.parse)


def ident(value: object) -> str:
    found = text(value)
    if not _ID.fullmatch(found):
        raise Bad(f"invalid id '{shown(found)}' (use lowercase letters, digits and '-')")
    return found


def code(length: int) -> Callable[[object], str]:
    def check(value: object) -> str:
        found = text(value)
        if not (len(found) == length and found.isascii() and found.isalpha()):
            raise Bad(f"must be {length} letters, not '{shown(found)}'")
        return found.upper()

    return check


def choice(enum: type[StrEnum]) -> Callable[[object], StrEnum]:
    def check(value: object) -> StrEnum:
        found = text(value)
        try:
            return enum(found)
        except ValueError:
            allowed = " | ".join(e.value for e in enum)
            raise Bad(f"invalid value '{shown(found)}' (expected {allowed})") from None

    return check


def checker(f: Field[Any]) -> Callable[[object], Any]:
    """How a field's TOML value is checked and turned into the record's value."""
    match type_of(f):
        case Type.TEXT:
            return text
        case Type.TEXTS:
            return texts
        case Type.SOURCES:
            return sources
        case Type.DATE:
            return date
        case Type.ID:
            return ident
        case Type.ISO2:
            return code(2)
        case Type.ISO3:
            return code(3)
        case Type.ENUM:
            return choice(f.metadata["enum"])
        case Type.NOTE:
            return note
        case Type.NOTES:
            return notes
        case Type.TERMS:
            return _tables  # each term is checked by build.terms(), which knows its line
    raise AssertionError(f.name)  # pragma: no cover


def _tables(value: object) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise Bad("must be an array of tables: [{ ... }, ...]")
    if not value:
        raise Bad("must hold at least one term")
    return value


Schema = dict[str, tuple[Callable[[object], Any], bool]]  # field -> (checker, required)


_SCHEMAS: dict[type[Any], Schema] = {}


def schema(cls: type[Any]) -> Schema:
    """The checker of every field a fact file may write for a class, and whether it must."""
    found = _SCHEMAS.get(cls)
    if found is None:
        found = _SCHEMAS[cls] = {f.name: (checker(f), required(f)) for f in declared(cls)}
    return found


class Where(NamedTuple):
    """A place in a fact file: a file, or the n-th table of a kind in it."""

    path: str
    table: str | None = None  # "event", "meta", or an unknown key
    nth: int = 0  # the n-th table of its kind in the file (`index` is a tuple method)
    line: int | None = None  # known up front for syntax errors
    key: str | None = None  # the field the problem is about, to point at its line
    item: int | None = None  # the n-th inline table of that field (a term)
    field: str | None = None  # the key in that table the problem is about (the term's until)


class Raw(NamedTuple):
    """One table read from a fact file, before it is checked."""

    where: Where
    kind: str
    data: dict[str, Any]

    @property
    def label(self) -> str:
        if self.kind == "meta":
            return "[meta]"
        key = "name" if self.kind == "country" else "id"
        value = self.data.get(key)
        if isinstance(value, str) and value.strip():
            return f"{self.kind} '{shown(value)}'"
        return f"{self.kind} #{self.where.nth + 1}"

    def at(self, key: str) -> Where:
        """Where one of this record's fields is written."""
        return self.where._replace(key=key)


# A problem as first found: where, the record it is about, the message, and a second place
# the message points at ("first at ..."); load turns each into a Problem with its line.
Found = tuple[Where, str | None, str, Where | None]


class Problems(list[Found]):
    """The problems found so far."""

    def add(
        self, where: Where, record: str | None, message: str, also: Where | None = None
    ) -> None:
        self.append((where, record, message, also))


def fields(
    problems: Problems, raw: Raw, cls: type[Any], data: dict[str, Any] | None = None, item: str = ""
) -> tuple[dict[str, Any], bool]:
    """The values of a record's fields that check out, and whether all of them did.

    data and item: the fields of one term of the record instead, named in messages by item.
    """
    rules = schema(cls)
    checks = _checks(cls, rules)
    given = raw.data if data is None else data
    try:  # the way of a sound record, which is nearly every one: no problem to place
        values = {key: checks[key](value) for key, value in given.items()}
    except (KeyError, Bad):
        return _with_problems(problems, raw, rules, given, data is not None, item)
    for key in _required(cls, rules):
        if key not in given:
            return _with_problems(problems, raw, rules, given, data is not None, item)
    return values, True


def _checks(cls: type[Any], rules: Schema) -> dict[str, Callable[[object], Any]]:
    found = _CHECKS.get(cls)
    if found is None:
        found = _CHECKS[cls] = {key: check for key, (check, _) in rules.items()}
    return found


_CHECKS: dict[type[Any], dict[str, Callable[[object], Any]]] = {}


def _required(cls: type[Any], rules: Schema) -> tuple[str, ...]:
    found = _REQUIRED.get(cls)
    if found is None:
        found = _REQUIRED[cls] = tuple(k for k, (_, must) in rules.items() if must)
    return found


_REQUIRED: dict[type[Any], tuple[str, ...]] = {}


def _with_problems(
    problems: Problems, raw: Raw, rules: Schema, given: dict[str, Any], term: bool, item: str
) -> tuple[dict[str, Any], bool]:
    """fields() for a record with a problem: every value checked, every problem placed."""
    at = (lambda key: raw.where._replace(field=key)) if term else raw.at
    values: dict[str, Any] = {}
    meant = set()  # fields that an unknown one was taken for: not reported missing as well
    for key, value in given.items():
        rule = rules.get(key)
        if rule is None:
            close = difflib.get_close_matches(key, list(rules), n=1)
            meant.update(close)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            said = f"{item}unknown field '{shown(key)}'{hint}"
            if not term:  # the record's own line too: a misspelling may be anywhere in it
                problems.add(at(key), raw.label, f"{said} in the record at {AT}", raw.where)
            else:
                problems.add(at(key), raw.label, said)
            continue
        try:
            values[key] = rule[0](value)
        except Bad as e:
            problems.add(at(key), raw.label, f"{item}'{key}': {e}")
    for key, (_, must) in rules.items():
        if must and key not in given and key not in meant:
            problems.add(raw.where, raw.label, f"{item}missing required field '{key}'")
    return values, False
