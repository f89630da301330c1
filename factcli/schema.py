"""The JSON Schema (draft 2020-12) of one fact file, derived from the records' fields."""

from __future__ import annotations

from typing import Any

from factcli.declare import declared, needed, required
from factcli.kinds import KINDS, histories, tables
from factcli.types import field_type


def table(cls: type[Any]) -> dict[str, Any]:
    """The schema of one record's table."""
    properties = {}
    for f in declared(cls):
        value = field_type(f).schema(f, table)
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
    headers = ["[meta]", *(f"[[{s.table}]]" for s in KINDS.values())]
    for name, cls in tables().items():
        one = table(cls)
        properties[name] = one if name == "meta" else {"type": "array", "items": one}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "factcli fact file",
        "description": f"A factcli fact file: {', '.join(headers)}.",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
