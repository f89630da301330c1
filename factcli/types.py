"""The field types: each declared once, with what every layer makes of it.

A record's field names its Type (model.py). For each Type this registry gives how the
loader checks a fact file's value (values.py), what the JSON Schema says of it, its value
in JSON, its cells in the SQLite export, and how the cache stores it and gives it back.
check.py, schema.py, export.py, codec.py and model.as_dict all read it here, so a new
type is one entry, and no layer switches on Types of its own.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import Field, fields
from enum import StrEnum
from typing import Any, NamedTuple

from factcli import values
from factcli.dates import DATE_PATTERN, Note, PartialDate
from factcli.declare import Type, declared, required

Check = Callable[[object], Any]
Restore = Callable[[Any], Any]


class Miss(Exception):
    """A value the cache holds is not one a field can have."""


class FieldType(NamedTuple):
    """What one Type of field is, to each layer. A None value is never passed to these."""

    check: Callable[[Field[Any]], Check]  # a fact file's TOML value -> the record's value
    # its JSON Schema; the second argument gives a term class's (schema.table)
    schema: Callable[[Field[Any], Callable[[type[Any]], dict[str, Any]]], dict[str, Any]]
    plain: Callable[[Any], Any]  # the record's value -> its JSON value
    store: Callable[[Any], Any]  # the record's value -> what the cache keeps (JSON-like)
    restore: Callable[[Field[Any], dict[Any, PartialDate]], Restore]  # and back, checked
    columns: tuple[str, ...] = ("",)  # its SQLite columns, as suffixes of the field's name
    cells: Callable[[Any], tuple[Any, ...]] = lambda v: (str(v),)  # their values
    listed: bool = False  # an array: never NULL in SQLite, [] when empty


TEXT_SCHEMA = {"type": "string", "pattern": r"\S"}
DATE_SCHEMA = {
    "type": "string",
    "pattern": f"^{DATE_PATTERN}$",
    "description": 'YYYY, YYYY-MM or YYYY-MM-DD (a TOML date too): "2007", "2007-12-11".',
}
NOTE_SCHEMA = {
    "anyOf": [
        TEXT_SCHEMA,
        {
            "type": "object",
            "properties": {"text": TEXT_SCHEMA, "date": DATE_SCHEMA},
            "required": ["text", "date"],
            "additionalProperties": False,
        },
    ],
    "description": 'A note, or a dated one: { text = "...", date = "2009-08-18" }.',
}


def _same(value: Any) -> Any:
    return value


def _text(value: Any) -> Any:
    if type(value) is str:
        return value
    raise Miss


def _texts(value: Any) -> tuple[str, ...]:
    if type(value) is not list or not all(type(s) is str for s in value):
        raise Miss
    return tuple(value)


def _date(dates: dict[Any, PartialDate]) -> Restore:
    def restore(value: Any) -> PartialDate:
        # Checked before the lookup: a list inside ([[2001], 1, 1]) cannot be a dict key.
        if type(value) is not list or len(value) != 3 or not all(type(n) is int for n in value):
            raise Miss
        ymd = tuple(value)
        found = dates.get(ymd)
        if found is None:
            try:
                found = PartialDate.parse(str(PartialDate(*ymd)))  # a real calendar date
            except ValueError:
                raise Miss from None
            if found != PartialDate(*ymd):
                raise Miss
            dates[ymd] = found  # equal dates shared, as they are frozen
        return found

    return restore


def _ymd(date: PartialDate) -> list[int]:
    return [date.year, date.month, date.day]


def _note_plain(note: str) -> Any:
    return {"text": str(note), "date": str(note.date)} if isinstance(note, Note) else note


def _note_store(note: str) -> Any:
    """A note as the cache keeps it: its text, or [text, [year, month, day]] if dated."""
    return [str(note), _ymd(note.date)] if isinstance(note, Note) else note


def _note(dates: dict[Any, PartialDate]) -> Restore:
    dated = _date(dates)

    def restore(value: Any) -> str:
        if type(value) is list and len(value) == 2 and type(value[0]) is str:
            return Note(value[0], dated(value[1]))
        return _text(value)  # type: ignore[no-any-return]

    return restore


def _notes(dates: dict[Any, PartialDate]) -> Restore:
    note = _note(dates)

    def restore(value: Any) -> tuple[str, ...]:
        if type(value) is not list:
            raise Miss
        return tuple(map(note, value))

    return restore


def _enum(f: Field[Any]) -> Restore:
    enum: type[StrEnum] = f.metadata["enum"]

    def restore(value: Any) -> StrEnum:
        try:
            return enum(value)
        except (ValueError, TypeError):
            raise Miss from None

    return restore


def _json(value: Any) -> tuple[str]:
    return (json.dumps(value, ensure_ascii=False),)


def _term_class(f: Field[Any]) -> type[Any]:
    term: type[Any] = f.metadata["term"]
    return term


_TEXT = FieldType(
    check=lambda f: values.text,
    schema=lambda f, table: dict(TEXT_SCHEMA),
    plain=_same,
    store=_same,
    restore=lambda f, dates: _text,
)
_TEXTS = _TEXT._replace(
    check=lambda f: values.texts,
    schema=lambda f, table: {"type": "array", "items": TEXT_SCHEMA},
    plain=list,
    store=list,
    restore=lambda f, dates: _texts,
    cells=lambda v: _json(list(v)),
    listed=True,
)


def _code(n: int) -> FieldType:
    return _TEXT._replace(
        check=lambda f: values.code(n),
        schema=lambda f, table: {"type": "string", "pattern": f"^[A-Z]{{{n}}}$"},
    )


TYPES: dict[Type, FieldType] = {
    Type.TEXT: _TEXT,
    Type.TEXTS: _TEXTS,
    Type.SOURCES: _TEXTS._replace(
        check=lambda f: values.sources,
        schema=lambda f, table: {"type": "array", "items": TEXT_SCHEMA, "minItems": 1},
    ),
    Type.ID: _TEXT._replace(
        check=lambda f: values.ident,
        schema=lambda f, table: {"type": "string", "pattern": f"^{values.ID.pattern}$"},
    ),
    Type.ISO2: _code(2),
    Type.ISO3: _code(3),
    Type.DATE: _TEXT._replace(
        check=lambda f: values.date,
        schema=lambda f, table: dict(DATE_SCHEMA),
        plain=str,
        store=_ymd,
        restore=lambda f, dates: _date(dates),
    ),
    Type.ENUM: _TEXT._replace(
        check=lambda f: values.choice(f.metadata["enum"]),
        schema=lambda f, table: {"enum": [e.value for e in f.metadata["enum"]]},
        plain=lambda v: v.value,
        store=lambda v: v.value,
        restore=lambda f, dates: _enum(f),
    ),
    Type.NOTE: _TEXT._replace(
        check=lambda f: values.note,
        schema=lambda f, table: dict(NOTE_SCHEMA),
        plain=_note_plain,
        store=_note_store,
        restore=lambda f, dates: _note(dates),
        columns=("", "_date"),  # a dated note's date beside its text
        cells=lambda v: (str(v), str(v.date) if isinstance(v, Note) else None),
    ),
    Type.NOTES: _TEXTS._replace(
        check=lambda f: values.notes,
        schema=lambda f, table: {"type": "array", "items": NOTE_SCHEMA},
        plain=lambda v: [_note_plain(n) for n in v],
        store=lambda v: [_note_store(n) for n in v],
        restore=lambda f, dates: _notes(dates),
        cells=lambda v: _json([_note_plain(n) for n in v]),
    ),
    # A history: an array of terms, each a record of the field's term class. The export
    # gives it a table of its own (no columns here); the schema and the cache recurse.
    Type.TERMS: _TEXTS._replace(
        check=lambda f: values.tables,  # each term is checked by terms.history(), by line
        schema=lambda f, table: {"type": "array", "items": table(_term_class(f)), "minItems": 1},
        plain=lambda v: [plain_record(t) for t in v],
        store=lambda v: [store_record(t) for t in v],
        restore=lambda f, dates: _terms(_term_class(f), dates),
        columns=(),
    ),
}


def field_type(f: Field[Any]) -> FieldType:
    return TYPES[f.metadata["type"]]


def plain_record(record: Any) -> dict[str, Any]:
    """A term (or any record) as JSON holds it: each field's plain value, None as null."""
    return {f.name: plain(f, getattr(record, f.name)) for f in declared(type(record))}


def plain(f: Field[Any], value: Any) -> Any:
    return None if value is None else field_type(f).plain(value)


def store_record(record: Any) -> list[Any]:
    """A record as the cache keeps it: its fields' stored values in declared order."""
    return [
        None if (v := getattr(record, f.name)) is None else field_type(f).store(v)
        for f in declared(type(record))
    ]


def restorer(cls: type[Any], dates: dict[Any, PartialDate]) -> Restore:
    """store_record() undone, every value checked: a Miss for anything a record cannot hold."""
    every = declared(cls)
    if len(every) != len(fields(cls)):
        raise AssertionError(cls)  # pragma: no cover - every field of a record is declared
    names = tuple(f.name for f in every)
    # An array is never None: [] when empty.
    steps = tuple((field_type(f).restore(f, dates), not (required(f) or field_type(f).listed))
                  for f in every)  # fmt: skip

    def restore(stored: Any) -> Any:
        if type(stored) is not list or len(stored) != len(names):
            raise Miss
        given: dict[str, Any] = {}
        for name, (step, optional), value in zip(names, steps, stored, strict=True):
            if value is None:
                if not optional:
                    raise Miss
                given[name] = None
            else:
                given[name] = step(value)
        return cls(**given)

    return restore


def _terms(term: type[Any], dates: dict[Any, PartialDate]) -> Restore:
    one = restorer(term, dates)

    def restore(value: Any) -> tuple[Any, ...]:
        if type(value) is not list:
            raise Miss
        return tuple(map(one, value))

    return restore
