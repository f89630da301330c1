"""A FactBase as plain JSON values and back, for the cache; each value as its type stores it.

A record is the list of its field values in declared order (types.store_record): dates as
[year, month, day], enums as their values. Decoding checks every value's type, so that an
entry that is well formed but wrong (a title of 42, a month of 13) is a Miss, never a
traceback.
"""

from __future__ import annotations

from typing import Any

from factcli.kinds import KINDS, records
from factcli.model import FactBase, Meta, PartialDate
from factcli.types import Miss as Miss  # what decode() raises, re-exported
from factcli.types import restorer, store_record


def encode(base: FactBase) -> list[Any]:
    meta = None if base.meta is None else store_record(base.meta)
    every = ([store_record(r) for r in records(base, s)] for s in KINDS.values())
    return [meta, *every]


def decode(data: Any, files: tuple[str, ...]) -> FactBase:
    if not isinstance(data, list) or len(data) != 1 + len(KINDS):
        raise Miss
    dates: dict[Any, PartialDate] = {}  # equal dates shared, as they are frozen
    meta, *kinds = data
    found = {}
    for spec, rows in zip(KINDS.values(), kinds, strict=True):
        if not isinstance(rows, list):
            raise Miss
        found[spec.plural] = tuple(map(restorer(spec.cls, dates), rows))
    meta = None if meta is None else restorer(Meta, dates)(meta)
    return FactBase(meta=meta, records=found, files=files)
