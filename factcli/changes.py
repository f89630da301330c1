"""What changed between two dates: every change of state that a history records.

A history (an org tie's terms, a dispute's, a treaty's, a country's relation line) is a
series of states, each from its `since`. Its changes are: the first state, begun; each
later state, changed from the one before; and an `until` that no next term follows at
once, ended (with how, where the term says). The kinds and their histories come from the
registry, so a kind with a history has its changes listed without a word here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from factcli.dates import PartialDate, Period
from factcli.declare import declared
from factcli.kinds import KINDS, Spec, histories, records
from factcli.model import FactBase


class Change(NamedTuple):
    """One change of state of one record's history."""

    date: PartialDate | None  # None only for a first state whose start is recorded nowhere
    kind: str
    id: str
    name: str
    field: str  # the state that changed: "role", "status", "relation"
    old: str | None  # None: the history had not begun (or had ended)
    new: str | None  # None: it ended
    end: str | None  # how it ended, where the term says ("left", "expelled")
    countries: tuple[str, ...]  # the countries it concerns, for --country

    def as_dict(self) -> dict[str, Any]:
        return {"date": str(self.date), "kind": self.kind, "id": self.id, "name": self.name,
                "field": self.field, "from": self.old, "to": self.new, "end": self.end}  # fmt: skip


# The keys of a change's object: its own fields, but "from" and "to" for old and new.
FIELDS = [*Change._fields[:5], "from", "to", "end"]


def history_kinds() -> list[str]:
    """The kinds whose records have a history, in the registry's order."""
    return [s.kind for s in KINDS.values() if histories(s.cls)]


def changes(
    base: FactBase,
    period: Period | None = None,
    countries: Sequence[str] = (),
    kinds: Sequence[str] = (),
    unknown: list[Change] | None = None,
) -> list[Change]:
    """Every change in the period (all: none given), in date order, then kind and id.

    countries: keep changes of records that concern one of these (canonical names); a
    country's relation line concerns that country. kinds: keep only these kinds.
    unknown: given a list, the first states whose start is recorded nowhere are added to
    it; they cannot be placed in time, so they are never listed.
    """
    found = []
    wanted = set(countries)
    for spec in KINDS.values():
        if kinds and spec.kind not in kinds:
            continue
        for record in records(base, spec):
            concerns = _concerns(record)
            if wanted and not wanted & set(concerns):
                continue
            for change in _of(spec, record, concerns):
                if change.date is None:
                    if unknown is not None:
                        unknown.append(change)
                elif period is None or period.keeps(change.date):
                    found.append(change)
    order = {s.kind: i for i, s in enumerate(KINDS.values())}
    found.sort(key=lambda c: (c.date.sort_key if c.date else (0, 0), order[c.kind], c.id, c.field))
    return found


def _concerns(record: Any) -> tuple[str, ...]:
    if hasattr(record, "countries"):
        return tuple(record.countries)
    return (record.name,) if hasattr(record, "relations") else ()


def _of(spec: Spec, record: Any, concerns: tuple[str, ...]) -> Iterator[Change]:
    """The changes of every history of one record, oldest first."""
    for key in histories(spec.cls):
        terms = getattr(record, key)
        if not terms:
            continue
        state = declared(type(terms[0]))[0].name  # role, status, relation: a term's first field
        began, ended = spec.began(record), spec.ended(record)
        same = (spec.kind, record.id, record.name, state)
        before: Any = None  # the state in force just before this term, if any
        for i, term in enumerate(terms):
            now = getattr(term, state)
            if now != before:
                since = term.since or (began if i == 0 else None)
                yield Change(since, *same, _text(before), _text(now), None, concerns)
            before = now
            until = term.until or (ended if i == len(terms) - 1 else None)
            following = terms[i + 1].since if i + 1 < len(terms) else None
            if until is not None and not _next_day(until, following):
                how = _text(getattr(term, "end", None))
                yield Change(until, *same, _text(now), None, how, concerns)
                before = None


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _next_day(until: PartialDate, following: PartialDate | None) -> bool:
    """Whether the next term starts the day after `until` ends (or sooner): no gap between."""
    return following is not None and following.start <= until.end + dt.timedelta(days=1)
