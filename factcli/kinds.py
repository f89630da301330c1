"""The registry: one entry per kind of record, which every layer reads.

A field is declared once, on its dataclass in model.py, with `fact(...)`; what the loader
checks, what JSON and CSV show, what the cache stores, what the export's tables hold and
what the JSON Schema says are all derived from `dataclasses.fields()` of these classes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from factcli.declare import declared as declared
from factcli.declare import needed as needed
from factcli.declare import required as required
from factcli.model import Country, Dispute, Event, Kind, Meta, Org, fold


class Spec(NamedTuple):
    """What the layers need to know about one kind of record."""

    kind: Kind
    cls: type[Any]
    table: str  # [[org]]: the TOML table, the kind's name in messages
    plural: str  # the FactBase attribute, and the SQLite table
    heading: str  # "international organizations": table titles
    label: str  # the field that names a record in a message: "id", or a country's "name"
    sort_key: Callable[[Any], Any]


# In the order a fact base is checked: countries first, as the others refer to them.
KINDS: dict[Kind, Spec] = {
    Kind.COUNTRY: Spec(
        Kind.COUNTRY, Country, "country", "countries", "countries", "name",
        lambda c: (fold(c.name),),
    ),
    Kind.ORG: Spec(
        Kind.ORG, Org, "org", "orgs", "international organizations", "id",
        lambda o: (fold(o.name), o.id),
    ),
    Kind.DISPUTE: Spec(
        Kind.DISPUTE, Dispute, "dispute", "disputes", "territorial disputes", "id",
        lambda d: (fold(d.name), d.id),
    ),
    Kind.EVENT: Spec(
        Kind.EVENT, Event, "event", "events", "events", "id",
        lambda e: (e.date.sort_key, e.id),
    ),
}  # fmt: skip

TABLES: dict[str, type[Any]] = {"meta": Meta, **{s.table: s.cls for s in KINDS.values()}}


def spec(kind: Kind | str) -> Spec:
    return KINDS[Kind(kind)]


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


def refs(cls: type[Any], to: str) -> tuple[str, ...]:
    """The fields that name records of another kind ("country", "org")."""
    return tuple(f.name for f in declared(cls) if f.metadata["ref"] == to)
