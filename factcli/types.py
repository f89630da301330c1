"""The field types: each declared once, with what every layer makes of it.

A record's field names its Type (model.py). For each Type this registry gives how the
loader checks a fact file's value (values.py), what the JSON Schema says of it, its value
in JSON and its cells in the SQLite export. check.py, schema.py, export.py and
model.as_dict all read it here, so a new type is one entry, and no layer switches on
Types of its own. (The cache keeps the files' documents, which the loader checks again.)
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import Field
from typing import Any, NamedTuple

from factcli import values
from factcli.dates import DATE_PATTERN, Note
from factcli.declare import Type, declared

Check = Callable[[object], Any]


class FieldType(NamedTuple):
    """What one Type of field is, to each layer. A None value is never passed to these."""

    check: Callable[[Field[Any]], Check]  # a fact file's TOML value -> the record's value
    # its JSON Schema; the second argument gives a term class's (schema.table)
    schema: Callable[[Field[Any], Callable[[type[Any]], dict[str, Any]]], dict[str, Any]]
    plain: Callable[[Any], Any]  # the record's value -> its JSON value
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


def _note_plain(note: str) -> Any:
    return {"text": str(note), "date": str(note.date)} if isinstance(note, Note) else note


def _json(value: Any) -> tuple[str]:
    return (json.dumps(value, ensure_ascii=False),)


def _term_class(f: Field[Any]) -> type[Any]:
    term: type[Any] = f.metadata["term"]
    return term


_TEXT = FieldType(
    check=lambda f: values.text,
    schema=lambda f, table: dict(TEXT_SCHEMA),
    plain=_same,
)
_TEXTS = _TEXT._replace(
    check=lambda f: values.texts,
    schema=lambda f, table: {"type": "array", "items": TEXT_SCHEMA},
    plain=list,
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
    ),
    Type.ENUM: _TEXT._replace(
        check=lambda f: values.choice(f.metadata["enum"]),
        schema=lambda f, table: {"enum": [e.value for e in f.metadata["enum"]]},
        plain=lambda v: v.value,
    ),
    Type.NOTE: _TEXT._replace(
        check=lambda f: values.note,
        schema=lambda f, table: dict(NOTE_SCHEMA),
        plain=_note_plain,
        columns=("", "_date"),  # a dated note's date beside its text
        cells=lambda v: (str(v), str(v.date) if isinstance(v, Note) else None),
    ),
    Type.NOTES: _TEXTS._replace(
        check=lambda f: values.notes,
        schema=lambda f, table: {"type": "array", "items": NOTE_SCHEMA},
        plain=lambda v: [_note_plain(n) for n in v],
        cells=lambda v: _json([_note_plain(n) for n in v]),
    ),
    # A history: an array of terms, each a record of the field's term class. The export
    # gives it a table of its own (no columns here); the schema and the cache recurse.
    Type.TERMS: _TEXTS._replace(
        check=lambda f: values.tables,  # each term is checked by terms.history(), by line
        schema=lambda f, table: {"type": "array", "items": table(_term_class(f)), "minItems": 1},
        plain=lambda v: [plain_record(t) for t in v],
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
