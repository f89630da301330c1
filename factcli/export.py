"""The fact base as a SQLite database: one table per kind, link tables for the references."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from factcli.declare import declared, required
from factcli.kinds import KINDS, records, summary
from factcli.model import FactBase, Meta, slug
from factcli.types import field_type

# PRAGMA user_version: raised whenever a table or column changes. 2: orgs' founded and
# dissolved; a note's date beside it ("notes_date"); lists of notes hold dated ones as
# objects; meta's source, license and attribution. 3: treaties, their terms and links,
# and events' treaties.
SCHEMA_VERSION = 3

# Lists that are references (and tags) become link tables; the other lists are JSON text,
# which Datasette and sqlite-utils show as arrays and SQLite's json_each() can open.


USAGE = 2  # what was typed names what must not be written over
CANNOT_WRITE = 74  # EX_IOERR: the OS refused (a full disk, a directory that cannot be written)


class ExportError(Exception):
    """The file cannot be written: it exists (without force), is not a file, or the OS refused."""

    def __init__(self, message: str, code: int = USAGE) -> None:
        super().__init__(message)
        self.code = code


def _columns(cls: type[Any]) -> list[Any]:
    """The fields kept in a kind's own table: not links, not histories (their own tables)."""
    return [f for f in declared(cls) if not f.metadata["link"] and not f.metadata["term"]]


def _histories(cls: type[Any]) -> list[Any]:
    return [f for f in declared(cls) if f.metadata["term"]]


def schema() -> str:
    """The CREATE statements, derived from the records' fields."""
    statements = [_create("meta", _columns(Meta), key=None)]
    for spec in KINDS.values():
        statements.append(_create(spec.plural, _columns(spec.cls), key="id"))
    for spec in KINDS.values():
        for f in declared(spec.cls):
            column = f.metadata["link"]
            if column:
                owner = f"{spec.table}_id"
                to = f.metadata["ref"]  # a link to records of a kind: country_id, org_id
                refers = f" REFERENCES {KINDS[to].plural}(id)" if to else ""
                name = f"{spec.table}_{f.name}"
                statements.append(
                    f"CREATE TABLE {name} (\n"
                    f"    {owner} TEXT NOT NULL REFERENCES {spec.plural}(id),\n"
                    f"    {column} TEXT NOT NULL{refers},\n"
                    f"    PRIMARY KEY ({owner}, {column})\n)"
                )
                statements.append(f"CREATE INDEX {name}_{column} ON {name}({column})")
    for spec in KINDS.values():
        for f in _histories(spec.cls):
            owner = f"{spec.table}_id"
            columns = [f"    \"{name}\" TEXT{' NOT NULL' if required(t) else ''}"
                       for t in declared(f.metadata["term"]) for name in _names(t)]  # fmt: skip
            statements.append(
                f"CREATE TABLE {spec.table}_{f.name} (\n"
                f"    {owner} TEXT NOT NULL REFERENCES {spec.plural}(id),\n"
                "    seq INTEGER NOT NULL,\n" + ",\n".join(columns) + ",\n"
                f"    PRIMARY KEY ({owner}, seq)\n)"
            )
    statements.append("CREATE INDEX events_date ON events(date)")
    return ";\n".join(statements) + ";\n"


def _create(table: str, fields: list[Any], key: str | None) -> str:
    lines = [f"    {key} TEXT PRIMARY KEY"] if key else []
    for f in fields:
        if f.name == key:
            continue
        null = " NOT NULL" if required(f) or field_type(f).listed else ""
        for name in _names(f):  # quoted: "end" is an SQL keyword
            lines.append(f'    "{name}" TEXT{null if name == f.name else ""}')
    return f"CREATE TABLE {table} (\n" + ",\n".join(lines) + "\n)"


def _names(f: Any) -> list[str]:
    """The columns of a field: its own, and for a note the date of a dated one."""
    return [f.name + suffix for suffix in field_type(f).columns]


def _cells(f: Any, value: Any) -> tuple[Any, ...]:
    """A field's value in its columns (_names)."""
    if value is None:
        return (None,) * len(field_type(f).columns)
    return field_type(f).cells(value)


def _rows(records: tuple[Any, ...], fields: list[Any], key: bool) -> Iterator[tuple[Any, ...]]:
    kept = [f for f in fields if not (key and f.name == "id")]
    for r in records:
        row = [cell for f in kept for cell in _cells(f, getattr(r, f.name))]
        yield (r.id, *row) if key else tuple(row)


def _width(fields: list[Any]) -> int:
    return sum(len(_names(f)) for f in fields)


def _links(spec: Any, f: Any, records: tuple[Any, ...]) -> Iterator[tuple[str, str]]:
    to_id = slug if f.metadata["link"] == "country_id" else str
    for r in records:
        for value in getattr(r, f.name):
            yield r.id, to_id(value)


def write_sqlite(base: FactBase, name: str | os.PathLike[str], *, force: bool = False) -> str:
    """Write the fact base to a new SQLite file, whole or not at all; say what was written.

    name: as the user typed it, where a trailing "/" still says "a directory".
    """
    from factcli import publish

    _check_target(os.fspath(name), force)
    target = Path(name)
    try:
        with publish.temporary(target) as temp:
            with contextlib.closing(sqlite3.connect(temp)) as db:
                _fill(db, base)
            temp.chmod(0o666 & ~_umask())  # made private; the export is a normal file
            publish.put(temp, target, force=force)
    except publish.Refused as e:
        raise ExportError(str(e)) from None
    except OSError as e:
        raise ExportError(f"cannot write {target}: {e.strerror}", CANNOT_WRITE) from None
    except sqlite3.IntegrityError:
        raise  # a reference the loader let through: a bug, not the disk
    except sqlite3.Error as e:
        raise ExportError(f"cannot write {target}: {e}", CANNOT_WRITE) from None
    return f"wrote {summary(base)} to {target}"


_TO_STDOUT = "--sqlite needs a file name; a database cannot go to standard output"


def _check_target(name: str, force: bool) -> None:
    """Refuse what must not be written over: anything but a regular file, or a symlink to
    one or to nothing; and standard output, by any name."""
    if name in ("", "-"):
        raise ExportError(_TO_STDOUT)
    if name.endswith(("/", os.sep)) or os.path.basename(name) in (".", ".."):
        raise ExportError(f"{name} names a directory; give a file name")
    try:
        st = os.lstat(name)
    except FileNotFoundError:
        return
    except OSError as e:  # a name too long, a directory on the way that cannot be searched
        raise ExportError(f"cannot write {name}: {e.strerror}", CANNOT_WRITE) from None
    if stat.S_ISLNK(st.st_mode):
        # A link is replaced, never written through; but one that names a device, a FIFO
        # or a directory (/dev/stdout is a link to /proc/self/fd/1) is refused as what it
        # names: as root, --force replaced /dev/stdout itself.
        with contextlib.suppress(OSError):  # a link to nothing names no file
            st = os.stat(name)
    if stat.S_ISDIR(st.st_mode):
        raise ExportError(f"{name} is a directory; give a file name")
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISLNK(st.st_mode)):
        raise ExportError(f"{name} is not a regular file; --force replaces only files")
    if _is_stdout(st):  # `--sqlite /dev/stdout > out.db`
        raise ExportError(_TO_STDOUT)
    if not force:
        raise ExportError(f"{name} already exists; use --force to overwrite it")


def _is_stdout(st: os.stat_result) -> bool:
    try:
        out = os.fstat(1)
    except OSError:  # closed
        return False
    return (st.st_dev, st.st_ino) == (out.st_dev, out.st_ino)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fill(db: sqlite3.Connection, base: FactBase) -> None:
    db.execute("PRAGMA foreign_keys = ON")  # a reference the loader let through fails here
    with db:
        db.executescript(schema())
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        if base.meta is not None:
            columns = _columns(Meta)
            marks = ", ".join("?" * _width(columns))
            db.executemany(
                f"INSERT INTO meta VALUES ({marks})", _rows((base.meta,), columns, False)
            )
        for spec in KINDS.values():
            columns = _columns(spec.cls)
            width = _width(columns) + (0 if any(f.name == "id" for f in columns) else 1)
            marks = ", ".join("?" * width)
            rows = records(base, spec)
            db.executemany(
                f"INSERT INTO {spec.plural} VALUES ({marks})", _rows(rows, columns, True)
            )
        for spec in KINDS.values():
            for f in _histories(spec.cls):
                parts = declared(f.metadata["term"])
                marks = ", ".join("?" * (_width(list(parts)) + 2))
                db.executemany(
                    f"INSERT INTO {spec.table}_{f.name} VALUES ({marks})",
                    (
                        (r.id, seq, *(c for p in parts for c in _cells(p, getattr(t, p.name))))
                        for r in records(base, spec)
                        for seq, t in enumerate(getattr(r, f.name), 1)
                    ),
                )
            for f in declared(spec.cls):
                if f.metadata["link"]:
                    # OR IGNORE: a list that names one country twice ("UK", "Britain") is one link.
                    db.executemany(
                        f"INSERT OR IGNORE INTO {spec.table}_{f.name} VALUES (?, ?)",
                        _links(spec, f, records(base, spec)),
                    )
