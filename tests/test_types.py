"""The registry of field types: each type declared once, and no layer switching on its own."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from factcli import model, values
from factcli.dates import PartialDate
from factcli.declare import Type
from factcli.schema import fact_file_schema
from factcli.types import DATE_SCHEMA, TYPES, FieldType

PACKAGE = Path(model.__file__).parent
REGISTRY = {"declare.py", "types.py", "model.py"}  # where Types are declared, looked up, used


def test_every_type_has_one_entry() -> None:
    assert set(TYPES) == set(Type)
    assert all(isinstance(entry, FieldType) for entry in TYPES.values())


def test_no_other_module_switches_on_types() -> None:
    for path in PACKAGE.glob("*.py"):
        if path.name in REGISTRY:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                assert node.value.id != "Type", f"{path.name}:{node.lineno} uses Type.{node.attr}"


def test_the_id_and_date_patterns_are_written_once() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.glob("*.py"))
    assert source.count("a-z0-9-") == 1
    assert source.count("[0-9]{4}") == 1


def ecma(pattern: str) -> re.Pattern[str]:
    """A JSON Schema pattern as JSON Schema reads it: `$` is the end, not a final newline."""
    return re.compile(pattern.replace("$", r"\Z"))


EVENT = fact_file_schema()["properties"]["event"]["items"]["properties"]
ID_SCHEMA = ecma(EVENT["id"]["pattern"])


@given(st.text(alphabet="az09-_A .\n", max_size=6))
def test_the_loader_and_the_schema_agree_on_ids(text: str) -> None:
    try:
        values.ident(text)
        loader = True
    except values.Bad:
        loader = False
    assert loader == bool(ID_SCHEMA.search(text))


@given(st.from_regex(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", fullmatch=True) | st.text(max_size=12))
def test_every_date_the_loader_takes_the_schema_takes(text: str) -> None:
    try:
        PartialDate.parse(text)
    except ValueError:
        return
    assert ecma(str(DATE_SCHEMA["pattern"])).search(text)
