"""A TOML value -> a field's value, or Bad saying why it cannot be one: each field type's check."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from enum import StrEnum
from itertools import chain, repeat
from typing import Any

from factcli.dates import Note, PartialDate

ID = re.compile(r"[a-z0-9-]+")  # a record's id; the JSON Schema says the same
DATE_HINT = "expected YYYY, YYYY-MM or YYYY-MM-DD"


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
    # Big fact bases repeat their dates, and a PartialDate is immutable: equal ones are
    # shared, keyed by the value as tomli gives it (a str, or a TOML local date).
    shared = type(value) is str or type(value) is dt.date
    if shared and (found := _DATES.get(value)) is not None:
        return found
    found = _date(value)
    if shared:
        if len(_DATES) >= _DATES_KEPT:
            _DATES.clear()
        _DATES[value] = found
    return found


_DATES: dict[object, PartialDate] = {}
_DATES_KEPT = 1 << 16  # then it starts again: as many dates as a base writes are not kept


def _date(value: object) -> PartialDate:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return PartialDate.from_date(value)
    if not isinstance(value, str):
        hint = f': write "{value}"' if type(value) is int else ""  # date = 2007
        raise Bad(f"must be a date string, not {type_name(value)}{hint}")
    try:
        return PartialDate.parse(value)
    except ValueError:
        raise Bad(f"invalid date '{shown(value)}' ({DATE_HINT})") from None


def ident(value: object) -> str:
    found = text(value)
    if not ID.fullmatch(found):
        raise Bad(f"invalid id '{shown(found)}' (use lowercase letters, digits and '-')")
    return found


def code(length: int) -> Callable[[object], str]:
    """An ISO 3166-1 alpha-2 or alpha-3 code, as ISO writes it: "JP", "JPN"."""

    def check(value: object) -> str:
        found = text(value)
        from factcli import iso  # only when a fact base is checked, not on a cached run

        if not iso.known(found, length):
            close = iso.meant(found, length)
            hint = f" (did you mean '{close}'?)" if close else ""
            raise Bad(f"'{shown(found)}' is not an ISO 3166 alpha-{length} code{hint}")
        return found

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


def tables(value: object) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise Bad("must be an array of tables: [{ ... }, ...]")
    if not value:
        raise Bad("must hold at least one term")
    return value


# --- many values at once ------------------------------------------------------------------
# A fact base writes each field thousands of times. These check a column of values, one
# field of many records, mostly in C: each gives exactly what its check gives for every
# value, and raises Bad (or TypeError) with no message when any value would fail; its
# check then finds which, and says why.


def column(check: Callable[[object], Any]) -> Callable[[list[Any]], list[Any]]:
    """The check of a column of values for a field's check."""
    found = _COLUMNS.get(check)
    return found if found is not None else lambda values: list(map(check, values))


def _text_column(values: list[Any]) -> list[Any]:
    if not all(map(str.strip, values)):  # str.strip: a TypeError for what is not a string
        raise Bad
    return values


def _ident_column(values: list[Any]) -> list[Any]:
    _text_column(values)
    # Every character of every id is one that ID takes: stripping those leaves nothing.
    if "".join(values).strip(_ID_CHARACTERS):
        raise Bad
    return values


def _texts_column(values: list[Any]) -> list[Any]:
    if not all(map(isinstance, values, repeat(list))):
        raise Bad
    if not all(map(str.strip, chain.from_iterable(values))):
        raise Bad
    return list(map(tuple, values))


def _sources_column(values: list[Any]) -> list[Any]:
    if not all(values):  # an empty array
        raise Bad
    return _texts_column(values)


def _date_column(values: list[Any]) -> list[Any]:
    found = list(map(_DATES.get, values))  # a TypeError for an array or a table: no date
    if not all(found):  # a date not seen before (a PartialDate is never false)
        found = [known or date(value) for known, value in zip(found, values, strict=True)]
    return found


_ID_CHARACTERS = "".join(c for c in map(chr, range(128)) if ID.fullmatch(c))  # what ID takes
_COLUMNS: dict[Callable[[object], Any], Callable[[list[Any]], list[Any]]] = {
    text: _text_column,
    ident: _ident_column,
    texts: _texts_column,
    sources: _sources_column,
    date: _date_column,
}
