"""The registry: one entry per kind of record, which every layer reads.

A kind is its dataclass (model.py), its entry here, its table (tables.py) and its
command (cli.py). Loading, the cache, search, JSON, CSV, the SQLite export, the JSON
Schema and the summaries of `validate`, `export` and `--version` go over this registry,
and a field, declared once on its dataclass with `fact(...)`, reaches all of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import Any, NamedTuple

from factcli.declare import declared as declared
from factcli.declare import needed as needed
from factcli.declare import required as required
from factcli.model import (
    Country,
    Dispute,
    Event,
    FactBase,
    Kind,
    Meta,
    Org,
    PartialDate,
    Treaty,
    fold,
)
from factcli.types import field_type


class Spec(NamedTuple):
    """What the layers need to know about one kind of record."""

    kind: str  # a Kind: the "kind" of its JSON objects, and what `search --kind` takes
    cls: type[Any]
    table: str  # [[org]]: the TOML table, the kind's name in messages
    plural: str  # the FactBase attribute, and the SQLite table
    heading: str  # "international organizations": table titles
    label: str  # the field that names a record in a message: "id", or a country's "name"
    sort_key: Callable[[Any], Any]  # the order of its listings and of search results
    # The function of tables.py that lays out a listing of its records, as of a moment:
    # table_of(title, records, moment). Named, since Rich is imported for tables only.
    table_of: str = ""
    # When a record's history can have begun and ended, whatever its terms say: an org's
    # founding and dissolution, a dispute's start (history.in_force's began and ended).
    began: Callable[[Any], PartialDate | None] = lambda r: None
    ended: Callable[[Any], PartialDate | None] = lambda r: None


# In the order a fact base is checked: countries first, as the others refer to them.
KINDS: dict[str, Spec] = {
    Kind.COUNTRY: Spec(
        Kind.COUNTRY, Country, "country", "countries", "countries", "name",
        lambda c: (fold(c.name),),
    ),
    Kind.ORG: Spec(
        Kind.ORG, Org, "org", "orgs", "international organizations", "id",
        lambda o: (fold(o.name), o.id), "orgs_table",
        began=lambda o: o.founded, ended=lambda o: o.dissolved,
    ),
    Kind.DISPUTE: Spec(
        Kind.DISPUTE, Dispute, "dispute", "disputes", "territorial disputes", "id",
        lambda d: (fold(d.name), d.id), "print_disputes", began=lambda d: d.since,
    ),
    Kind.TREATY: Spec(
        Kind.TREATY, Treaty, "treaty", "treaties", "treaties", "id",
        lambda t: (fold(t.name), t.id), "treaties_table",
    ),
    Kind.EVENT: Spec(
        Kind.EVENT, Event, "event", "events", "events", "id",
        lambda e: (e.date.sort_key, e.id), "print_events",
    ),
}  # fmt: skip


def tables() -> dict[str, type[Any]]:
    """The tables a fact file may hold, each with the class of its records."""
    return {"meta": Meta, **{s.table: s.cls for s in KINDS.values()}}


def spec(kind: str) -> Spec:
    return KINDS[kind]


def spec_of(record: Any) -> Spec:
    """The entry of a record's kind (a subclass of a kind's class is of that kind)."""
    found = _BY_CLASS.get(type(record))
    if found is None:
        exact = [s for s in KINDS.values() if type(record) is s.cls]
        found = exact[0] if exact else next(s for s in KINDS.values() if isinstance(record, s.cls))
        _BY_CLASS[type(record)] = found
    return found


_BY_CLASS: dict[type, Spec] = {}


def kind_of(record: Any) -> str:
    return spec_of(record).kind


def records(base: FactBase, kind: Spec) -> tuple[Any, ...]:
    """A kind's records in a fact base."""
    return base.records.get(kind.plural, ())


def summary(base: FactBase) -> str:
    """How many records of each kind: "63 countries, 77 orgs, 7 disputes, 89 events"."""
    counts = ((len(records(base, s)), s) for s in KINDS.values())
    return ", ".join(f"{n} {s.table if n == 1 else s.plural}" for n, s in counts)


def as_dict(record: Any) -> dict[str, Any]:
    """The JSON object of a record: id, kind, then its fields in the order they are declared."""
    steps = _STEPS.get(type(record))
    if steps is None:
        steps = tuple((f.name, field_type(f).plain) for f in fields(record) if f.name != "id")
        _STEPS[type(record)] = steps
    obj: dict[str, Any] = {"id": record.id, "kind": str(kind_of(record))}
    for name, plain in steps:
        value = getattr(record, name)
        obj[name] = value if value is None or type(value) is str else plain(value)
    return obj


_STEPS: dict[type, tuple[tuple[str, Callable[[Any], Any]], ...]] = {}


def histories(cls: type[Any]) -> dict[str, tuple[str, ...]]:
    """Each TERMS field of a class, with the fields its last term gives the record."""
    found: dict[str, list[str]] = {}
    for f in declared(cls):
        if f.metadata["history"]:
            found.setdefault(f.metadata["history"], []).append(f.name)
    return {k: tuple(v) for k, v in found.items()}


def output_fields(kind: Kind | str) -> list[str]:
    """The fields of a kind's JSON objects and CSV columns, in order: id, kind, the rest."""
    return ["id", "kind", *(f.name for f in declared(spec(kind).cls) if f.name != "id")]


def searched(cls: type[Any]) -> tuple[str, ...]:
    """The fields whose text QUERY words are looked for in."""
    return tuple(f.name for f in declared(cls) if f.metadata["search"])
