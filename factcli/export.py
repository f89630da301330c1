"""The fact base as a SQLite database: one table per kind, link tables for the references."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from factcli.model import FactBase, PartialDate, slug

# Lists that are references become link tables; the other lists are JSON text, which
# Datasette and sqlite-utils show as arrays and SQLite's json_each() can open.
SCHEMA = """
CREATE TABLE meta (
    subject TEXT NOT NULL,
    title TEXT,
    as_of TEXT
);
CREATE TABLE countries (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    iso2 TEXT,
    iso3 TEXT,
    aliases TEXT NOT NULL,
    relation TEXT,
    notes TEXT NOT NULL,
    sources TEXT NOT NULL
);
CREATE TABLE orgs (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    abbr TEXT,
    role TEXT NOT NULL,
    category TEXT NOT NULL,
    since TEXT,
    until TEXT,
    notes TEXT,
    sources TEXT NOT NULL
);
CREATE TABLE disputes (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    territories TEXT NOT NULL,
    status TEXT NOT NULL,
    since TEXT,
    resolved_on TEXT,
    summary TEXT NOT NULL,
    notes TEXT,
    sources TEXT NOT NULL
);
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    date TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT,
    sources TEXT NOT NULL
);
CREATE TABLE dispute_countries (
    dispute_id TEXT NOT NULL REFERENCES disputes(id),
    country_id TEXT NOT NULL REFERENCES countries(id),
    PRIMARY KEY (dispute_id, country_id)
);
CREATE TABLE event_countries (
    event_id TEXT NOT NULL REFERENCES events(id),
    country_id TEXT NOT NULL REFERENCES countries(id),
    PRIMARY KEY (event_id, country_id)
);
CREATE TABLE event_orgs (
    event_id TEXT NOT NULL REFERENCES events(id),
    org_id TEXT NOT NULL REFERENCES orgs(id),
    PRIMARY KEY (event_id, org_id)
);
CREATE TABLE event_tags (
    event_id TEXT NOT NULL REFERENCES events(id),
    tag TEXT NOT NULL,
    PRIMARY KEY (event_id, tag)
);
CREATE INDEX event_countries_country ON event_countries(country_id);
CREATE INDEX event_orgs_org ON event_orgs(org_id);
CREATE INDEX event_tags_tag ON event_tags(tag);
CREATE INDEX dispute_countries_country ON dispute_countries(country_id);
"""


class ExportError(Exception):
    """The file cannot be written: it exists (without force), or the OS refused."""


def write_sqlite(base: FactBase, target: Path, *, force: bool = False) -> None:
    """Write the fact base to a new SQLite file; it appears whole or not at all."""
    if target.exists() and not force:
        raise ExportError(f"{target} already exists; use --force to overwrite it")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as e:
        raise ExportError(f"cannot write {target}: {e.strerror}") from None
    os.close(fd)
    temp = Path(name)
    try:
        with contextlib.closing(sqlite3.connect(temp)) as db:
            _fill(db, base)
        temp.chmod(0o666 & ~_umask())  # mkstemp made it private; the export is a normal file
        os.replace(temp, target)
    except OSError as e:
        raise ExportError(f"cannot write {target}: {e.strerror}") from None
    except sqlite3.Error as e:
        raise ExportError(f"cannot write {target}: {e}") from None
    finally:
        temp.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fill(db: sqlite3.Connection, base: FactBase) -> None:
    db.execute("PRAGMA foreign_keys = ON")  # a reference the loader let through fails here
    with db:
        db.executescript(SCHEMA)
        if base.meta is not None:
            m = base.meta
            db.execute("INSERT INTO meta VALUES (?, ?, ?)", (m.subject, m.title, _date(m.as_of)))
        db.executemany(
            "INSERT INTO countries VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (c.id, c.name, c.iso2, c.iso3, _json(c.aliases), c.relation, _json(c.notes),
                 _json(c.sources))
                for c in base.countries
            ),
        )  # fmt: skip
        db.executemany(
            "INSERT INTO orgs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (o.id, o.name, o.abbr, o.role.value, o.category, _date(o.since), _date(o.until),
                 o.notes, _json(o.sources))
                for o in base.orgs
            ),
        )  # fmt: skip
        db.executemany(
            "INSERT INTO disputes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (d.id, d.name, _json(d.territories), d.status.value, _date(d.since),
                 _date(d.resolved_on), d.summary, d.notes, _json(d.sources))
                for d in base.disputes
            ),
        )  # fmt: skip
        db.executemany(
            "INSERT INTO events VALUES (?, ?, ?, ?, ?)",
            ((e.id, str(e.date), e.title, e.summary, _json(e.sources)) for e in base.events),
        )
        _link(
            db, "dispute_countries", ((d.id, slug(c)) for d in base.disputes for c in d.countries)
        )
        _link(db, "event_countries", ((e.id, slug(c)) for e in base.events for c in e.countries))
        _link(db, "event_orgs", ((e.id, o) for e in base.events for o in e.orgs))
        _link(db, "event_tags", ((e.id, t) for e in base.events for t in e.tags))


def _link(db: sqlite3.Connection, table: str, pairs: Iterable[tuple[str, str]]) -> None:
    # OR IGNORE: a list that names one country twice ("UK", "Britain") is one link.
    db.executemany(f"INSERT OR IGNORE INTO {table} VALUES (?, ?)", pairs)


def _json(values: Sequence[str]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _date(value: PartialDate | None) -> str | None:
    return None if value is None else str(value)
