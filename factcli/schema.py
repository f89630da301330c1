"""The JSON Schema (draft 2020-12) of one fact file, derived from the records' fields."""

from __future__ import annotations

from typing import Any

from factcli.kinds import TABLES, declared, histories, needed, required, type_of
from factcli.model import Type

_TEXT = {"type": "string", "pattern": r"\S"}
_DATE = {
    "type": "string",
    "pattern": r"^(?!0000)[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$",
    "description": 'YYYY, YYYY-MM or YYYY-MM-DD (a TOML date too): "2007", "2007-12-11".',
}


_NOTE = {
    "anyOf": [
        _TEXT,
        {
            "type": "object",
            "properties": {"text": _TEXT, "date": _DATE},
            "required": ["text", "date"],
            "additionalProperties": False,
        },
    ],
    "description": 'A note, or a dated one: { text = "...", date = "2009-08-18" }.',
}


def _value(f: Any) -> dict[str, Any]:
    match type_of(f):
        case Type.TEXT:
            return dict(_TEXT)
        case Type.TEXTS:
            return {"type": "array", "items": _TEXT}
        case Type.SOURCES:
            return {"type": "array", "items": _TEXT, "minItems": 1}
        case Type.DATE:
            return dict(_DATE)
        case Type.ID:
            return {"type": "string", "pattern": "^[a-z0-9-]+$"}
        case Type.ISO2:
            return {"type": "string", "pattern": "^[A-Za-z]{2}$"}
        case Type.ISO3:
            return {"type": "string", "pattern": "^[A-Za-z]{3}$"}
        case Type.ENUM:
            return {"enum": [e.value for e in f.metadata["enum"]]}
        case Type.NOTE:
            return dict(_NOTE)
        case Type.NOTES:
            return {"type": "array", "items": _NOTE}
        case Type.TERMS:
            return {"type": "array", "items": table(f.metadata["term"]), "minItems": 1}
    raise AssertionError(f.name)  # pragma: no cover


def table(cls: type[Any]) -> dict[str, Any]:
    """The schema of one record's table."""
    properties = {}
    for f in declared(cls):
        value = _value(f)
        if f.metadata["doc"]:
            value["description"] = f.metadata["doc"]
        properties[f.name] = value
    found = {
        "type": "object",
        "properties": properties,
        "required": [f.name for f in declared(cls) if required(f)],
        "additionalProperties": False,
    }
    for key, given in histories(cls).items():
        # Either the history, or the single values it gives (the first of them required
        # where the record cannot do without it), never both.
        must = [f.name for f in declared(cls) if f.name in given and needed(f)]
        found["anyOf"] = [{"required": [key]}, {"required": must}] if must else [{}]
        found["not"] = {"required": [key, given[0]]}
    return found


def fact_file_schema() -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for name, cls in TABLES.items():
        one = table(cls)
        properties[name] = one if name == "meta" else {"type": "array", "items": one}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "factcli fact file",
        "description": "A factcli fact file: [meta], [[country]], [[org]], [[dispute]], [[event]].",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
