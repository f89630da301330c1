"""The registry: a field declared once reaches every layer; the schema agrees with the loader."""

from __future__ import annotations

import ast
import contextlib
import dataclasses
import json
import sqlite3
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from factcli import kinds, model
from factcli.cache import lookup, store
from factcli.export import write_sqlite
from factcli.factbase import cached_load
from factcli.kinds import as_dict
from factcli.load import load
from factcli.model import Event, Kind, PartialDate, Type, fact
from factcli.render import Format, data
from factcli.schema import fact_file_schema
from tests.conftest import SMALL, write_base
from tests.test_cache import via_the_cache

PACKAGE = Path(model.__file__).parent
DATA = Path(__file__).parent / "data"


@pytest.fixture
def event_with_ended(monkeypatch: pytest.MonkeyPatch) -> type[Any]:
    """Event with one more optional field, declared once, and nothing else changed."""

    @dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
    class Ended(Event):
        ended: PartialDate | None = fact(Type.DATE, default=None, doc="When it ended.")

    spec = kinds.KINDS[Kind.EVENT]._replace(cls=Ended)
    monkeypatch.setitem(kinds.KINDS, Kind.EVENT, spec)
    return Ended


def test_a_field_declared_once_reaches_every_layer(
    event_with_ended: type[Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = SMALL["events.toml"].replace(
        'date = "2007-07-16"', 'date = "2007-07-16"\n        ended = "2007-08"'
    )
    base = load(write_base(tmp_path / "f", {**SMALL, "events.toml": text}))
    event = next(e for e in base.events if e.id == "uk-expulsions")
    assert event.ended == PartialDate(2007, 8)  # type: ignore[attr-defined]
    assert as_dict(event)["ended"] == "2007-08"  # json
    data([as_dict(event)], Format.CSV, header=[])
    assert "ended" in capsys.readouterr().out.splitlines()[0].split(",")  # csv
    files, again = via_the_cache(tmp_path / "f")
    assert again == files == base  # the cache's codec
    target = tmp_path / "x.db"
    write_sqlite(base, target)
    with contextlib.closing(sqlite3.connect(target)) as db:  # export
        got = db.execute("SELECT ended FROM events WHERE id = 'uk-expulsions'").fetchone()
    assert got == ("2007-08",)
    schema = fact_file_schema()["properties"]["event"]["items"]["properties"]
    assert schema["ended"]["description"] == "When it ended."  # schema


def test_the_cache_round_trip_keeps_every_field(small: Path) -> None:
    base = cached_load(small)
    from factcli.load import read_and_check, toml_files

    files = toml_files(small)
    loaded = read_and_check(small, files)
    store(small, loaded.digests, loaded.docs)
    assert lookup(small, files) == base


def test_the_registry_is_the_only_list_of_fields() -> None:
    """No module of factcli spells out a kind's field list apart from model.py."""
    fields = {f.name for s in kinds.KINDS.values() for f in kinds.declared(s.cls)}
    for path in PACKAGE.glob("*.py"):
        if path.name == "model.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.List | ast.Tuple | ast.Set):
                names = {e.value for e in node.elts if isinstance(e, ast.Constant)}
                assert len(names & fields) < 4, f"{path.name}:{node.lineno} lists fields"


def _imports(path: Path, own: bool = False) -> set[str]:
    """The modules of factcli that a module imports, and (unless own) the top-level packages
    it uses."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("factcli."):
                found.add(node.module.removeprefix("factcli."))
            elif node.module == "factcli":
                found |= {a.name for a in node.names}
            elif not own:
                found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import) and not own:
            found |= {a.name.removeprefix("factcli.").split(".")[0] for a in node.names}
    return found


def test_no_import_cycle_and_no_long_module() -> None:
    modules = {path.stem for path in PACKAGE.glob("*.py")}
    # factcli's own modules only: `from types import ...` is the standard library's.
    imports = {path.stem: _imports(path, own=True) & modules for path in PACKAGE.glob("*.py")}
    for path in PACKAGE.glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 320, path.name

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in imports.get(start, ()):
            if nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})):
                return True
        return False

    assert [m for m in imports if reaches(m, m, {m})] == []
    assert "load" not in imports["cache"]


# The command layer: what may refuse what was typed and end the run with an exit code.
COMMAND_LAYER = {"cli", "answers", "errors", "factbase", "options", "typer"}


@pytest.mark.parametrize("module", ["show", "tables", "profile", "layout", "render"])
def test_showing_takes_what_was_queried_and_never_exits(module: str) -> None:
    """The modules that show a result import no command layer, so none can exit the run."""
    assert _imports(PACKAGE / f"{module}.py") & COMMAND_LAYER == set()


def test_show_neither_queries_nor_resolves_a_name() -> None:
    assert _imports(PACKAGE / "show.py") & {"query", "countries"} == set()


def test_only_process_changes_the_process() -> None:
    """Signals, gc, the standard streams and os._exit: in process.py, which __main__ alone uses."""
    found = set()
    for path in PACKAGE.glob("*.py"):
        if path.name == "process.py":
            continue
        assert "process" not in _imports(path) or path.name == "__main__.py", path.name
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and ast.unparse(node.value) in ("signal", "gc"):
                found.add(f"{path.name}: {ast.unparse(node)}")
            elif isinstance(node, ast.Attribute) and ast.unparse(node) == "os._exit":
                found.add(f"{path.name}: os._exit")
            elif isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                changed = {ast.unparse(t) for t in targets} & {"sys.stdout", "sys.stderr"}
                found |= {f"{path.name}: {name} =" for name in changed}
    assert found == set()


def _private_typer(node: ast.AST) -> str | None:
    """What a node reaches of Typer beyond its public names: a submodule, or a _name."""
    import types

    import typer

    def private(name: str) -> bool:
        return name.startswith("_") or isinstance(getattr(typer, name, None), types.ModuleType)

    if isinstance(node, ast.Import):
        return next((a.name for a in node.names if a.name.startswith("typer.")), None)
    if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        if node.module.startswith("typer."):
            return node.module
        if node.module == "typer":
            return next((f"typer.{a.name}" for a in node.names if private(a.name)), None)
    if isinstance(node, ast.Attribute) and ast.unparse(node.value) == "typer":
        return f"typer.{node.attr}" if private(node.attr) else None
    return None


def test_only_framework_reaches_typer_internals() -> None:
    """Typer's private modules (typer._click, typer.core, typer.main, ...) behind one door."""
    found = {
        f"{path.name}:{getattr(node, 'lineno', 0)}: {name}"
        for path in PACKAGE.glob("*.py")
        if path.name != "framework.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if (name := _private_typer(node))
    }
    assert found == set()
    framework = ast.parse((PACKAGE / "framework.py").read_text(encoding="utf-8"))
    assert any(_private_typer(node) for node in ast.walk(framework))  # the test sees them


def test_load_does_not_import_the_cache() -> None:
    code = "import sys, factcli.load; print('factcli.cache' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "False\n"


# --- the JSON Schema -----------------------------------------------------------------------


def as_json(value: Any) -> Any:
    """A tomllib document as JSON holds it (TOML dates become their ISO text)."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def validator() -> jsonschema.Draft202012Validator:
    schema = fact_file_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize(
    "path",
    [*sorted((DATA / "valid").glob("*.toml")), *sorted((PACKAGE.parent / "facts").glob("*.toml"))],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_valid_files_and_the_shipped_facts_pass_the_schema(path: Path) -> None:
    doc = as_json(tomllib.loads(path.read_text(encoding="utf-8")))
    assert list(validator().iter_errors(doc)) == []


SCHEMA_BREAKS = {
    "unknown-field.toml": "unknown field",
    "types.toml": "wrong type",
}


@pytest.mark.parametrize(
    "text",
    [
        '[[event]]\nid = "e"\ndate = "2001"\ntittle = "t"\nsources = ["s"]\n',  # unknown field
        '[[event]]\nid = "e"\ndate = "2001"\ntitle = 42\nsources = ["s"]\n',  # wrong type
        '[[org]]\nid = "o"\nname = "n"\nrole = "emperor"\ncategory = "c"\nsources = ["s"]\n',
        '[[event]]\nid = "e"\ndate = "2001"\nsources = ["s"]\n',  # missing title
        '[[org]]\nid = "o"\nname = "n"\ncategory = "c"\nsources = ["s"]\n',  # no role, no terms
        '[[org]]\nid = "o"\nname = "n"\ncategory = "c"\nsources = ["s"]\n'
        'terms = [{ role = "member", end = "quit" }]\n',
        '[[event]]\nid = "Bad Id"\ndate = "2001"\ntitle = "t"\nsources = ["s"]\n',
        '[[event]]\nid = "e"\ndate = "2001-13"\ntitle = "t"\nsources = []\n',
    ],
)
def test_schema_level_errors_are_rejected_by_the_schema(text: str) -> None:
    assert list(validator().iter_errors(as_json(tomllib.loads(text)))) != []


@pytest.mark.parametrize("name", ["unknown-field.toml", "types.toml", "dates.toml", "rules.toml"])
def test_golden_invalid_files_break_the_schema_too(name: str) -> None:
    doc = as_json(tomllib.loads((DATA / "invalid" / name).read_text(encoding="utf-8")))
    assert list(validator().iter_errors(doc)) != []


def test_schema_command_prints_it(cli: Any) -> None:
    result = cli("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == fact_file_schema()
    assert json.loads(result.stdout)["$schema"].endswith("/draft/2020-12/schema")
