"""Pure filtering and ordering over a FactBase."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from enum import StrEnum
from typing import Any, NamedTuple

from factcli.dates import Period as Period
from factcli.dates import QueryError as QueryError
from factcli.dates import parse_date as parse_date
from factcli.dates import parse_year as parse_year
from factcli.history import in_force as in_force
from factcli.history import today as today
from factcli.history import unplaced as unplaced
from factcli.kinds import KINDS
from factcli.matching import matches as matches
from factcli.matching import words as words
from factcli.model import (
    Country,
    Dispute,
    Event,
    FactBase,
    Kind,
    Org,
    PartialDate,
    Role,
    Status,
    Treaty,
    TreatyStatus,
    fold,
    noted_by,
)


class Time(StrEnum):
    """Which ties `orgs` keeps by when they held."""

    CURRENT = "current"  # in force now: the latest term has no `until`
    ENDED = "ended"  # no longer in force


def _folded(values: Sequence[str]) -> set[str]:
    return {fold(v) for v in values}


def orgs(
    base: FactBase,
    query: str | None = None,
    roles: Sequence[Role] = (),
    categories: Sequence[str] = (),
    as_of: PartialDate | None = None,
    time: Time | None = None,
    unknown: list[Org] | None = None,
) -> list[Org]:
    """Organizations by name, each shown with its latest term or the one in force as_of.

    unknown: given, it gets the ties of the category and words asked for that could not be
    placed as_of, as no start is recorded for them (`unplaced`).
    """
    ws = words(query)
    cats = _folded(categories)
    now = today()
    shown: list[Org] = []
    for o in base.orgs:
        if cats and fold(o.category) not in cats:
            continue
        if as_of is not None or time is Time.CURRENT:
            moment = now if as_of is None else as_of
            term = in_force(o.terms, moment, o.founded, now.start, o.dissolved)
            if term is None:
                asked = not roles or o.terms[0].role in roles
                _unknown(unknown, o, o.terms, moment, o.founded, asked, ws)
                continue
            o = replace(o.at(term), notes=_note(o.notes, moment))  # noqa: PLW2901
        elif time is Time.ENDED and (o.until is None or o.until.end >= now.start):
            continue
        if not roles or o.role in roles:
            shown.append(o)
    return sorted((o for o in shown if matches(o, ws)), key=KINDS[Kind.ORG].sort_key)


def _unknown(
    found: list[Any] | None,
    record: Org | Dispute | Treaty,
    terms: Sequence[Any],
    moment: PartialDate,
    began: PartialDate | None,
    asked: bool,
    ws: Sequence[str],
) -> None:
    """Keep in found a record that the filters ask for and that cannot be placed at all."""
    if found is not None and asked and unplaced(terms, moment, began) and matches(record, ws):
        found.append(record)


def _note(note: str | None, moment: PartialDate) -> str | None:
    """A record's note as of a moment: none if it is dated after it."""
    return note if note is None or noted_by(note, moment) else None


def disputes(
    base: FactBase,
    query: str | None = None,
    countries: Sequence[str] = (),
    statuses: Sequence[Status] = (),
    as_of: PartialDate | None = None,
    unknown: list[Dispute] | None = None,
) -> list[Dispute]:
    """Territorial disputes by name; countries are canonical names. as_of: those begun by
    then, each with its status then (unknown: as for orgs())."""
    ws = words(query)
    now = today().start
    shown: list[Dispute] = []
    for d in base.disputes:
        if countries and not any(c in d.countries for c in countries):
            continue
        if as_of is not None:
            if d.since is not None and d.since.start > as_of.end:
                continue
            term = in_force(d.terms, as_of, d.since, now)
            if term is None:
                asked = not statuses or d.terms[0].status in statuses
                _unknown(unknown, d, d.terms, as_of, d.since, asked, ws)
                continue
            d = replace(d.at(term), notes=_note(d.notes, as_of))  # noqa: PLW2901
        if not statuses or d.status in statuses:
            shown.append(d)
    return sorted((d for d in shown if matches(d, ws)), key=KINDS[Kind.DISPUTE].sort_key)


def treaties(
    base: FactBase,
    query: str | None = None,
    countries: Sequence[str] = (),
    statuses: Sequence[TreatyStatus] = (),
    as_of: PartialDate | None = None,
    unknown: list[Treaty] | None = None,
) -> list[Treaty]:
    """Treaties by name; countries are canonical names. as_of: each with its status then,
    and the notes dated by then (unknown: as for orgs())."""
    ws = words(query)
    now = today()
    shown: list[Treaty] = []
    for t in base.treaties:
        if countries and not any(c in t.countries for c in countries):
            continue
        if as_of is not None:
            term = in_force(t.terms, as_of, None, now.start)
            if term is None:
                asked = not statuses or t.terms[0].status in statuses
                _unknown(unknown, t, t.terms, as_of, None, asked, ws)
                continue
            notes = tuple(n for n in t.notes if noted_by(n, as_of))
            t = replace(t.at(term), notes=notes)  # noqa: PLW2901
        if not statuses or t.status in statuses:
            shown.append(t)
    return sorted((t for t in shown if matches(t, ws)), key=KINDS[Kind.TREATY].sort_key)


def events(
    base: FactBase,
    query: str | None = None,
    countries: Sequence[str] = (),
    orgs: Sequence[str] = (),
    tags: Sequence[str] = (),
    period: Period | None = None,
    limit: int | None = None,
) -> list[Event]:
    """Events by date, ties by id; countries are canonical names."""
    ws = words(query)
    tags_ = _folded(tags)
    found = [
        e
        for e in base.events
        if (not countries or any(c in e.countries for c in countries))
        and (not orgs or any(o in e.orgs for o in orgs))
        and (not tags_ or any(fold(t) in tags_ for t in e.tags))
        and (period is None or period.keeps(e.date))
        and matches(e, ws)
    ]
    found.sort(key=KINDS[Kind.EVENT].sort_key)
    return found if limit is None else found[:limit]


def as_of(country: Country, moment: PartialDate | None) -> Country:
    """A country with the relation line in force at the moment and the notes dated by then
    (None: its latest line and every note)."""
    if moment is None:
        return country
    line = in_force(country.relations, moment, None, today().start)
    notes = tuple(n for n in country.notes if noted_by(n, moment))
    return replace(country.at(line), notes=notes)


def countries(base: FactBase, query: str | None = None) -> list[Country]:
    ws = words(query)
    return sorted((c for c in base.countries if matches(c, ws)), key=KINDS[Kind.COUNTRY].sort_key)


# A named tuple, not a dataclass: making a dataclass costs a millisecond of every run.
class CountryCount(NamedTuple):
    country: Country
    disputes: int
    events: int


def country_counts(base: FactBase, moment: PartialDate | None = None) -> list[CountryCount]:
    """Every country with how many disputes and events name it; as of a moment if given: the
    relation line then, the disputes begun and the events dated by then (as `country NAME`)."""
    disputes_of: dict[str, int] = {}
    events_of: dict[str, int] = {}
    for d in base.disputes if moment is None else disputes(base, as_of=moment):
        for name in d.countries:
            disputes_of[name] = disputes_of.get(name, 0) + 1
    for e in base.events if moment is None else events(base, period=Period(until=moment)):
        for name in e.countries:
            events_of[name] = events_of.get(name, 0) + 1
    return [
        CountryCount(as_of(c, moment), disputes_of.get(c.name, 0), events_of.get(c.name, 0))
        for c in countries(base)
    ]


def known_tags(base: FactBase) -> list[str]:
    return sorted({t for e in base.events for t in e.tags}, key=fold)


def known_categories(base: FactBase) -> list[str]:
    return sorted({o.category for o in base.orgs}, key=fold)


class YearCount(NamedTuple):
    year: int
    events: int  # not `count`, which a tuple has already


def per_year(events: Iterable[Event], period: Period | None = None) -> list[YearCount]:
    """How many events fall in each year, earliest first, a day counting in its year.

    Every year of the period is there, none left out for having no events: from the year of
    its start (else the first event's) to that of its end (else the last event's). No
    events: no years, as nothing matched.
    """
    counts: dict[int, int] = {}
    for e in events:
        counts[e.date.year] = counts.get(e.date.year, 0) + 1
    if not counts:
        return []
    since, until = period or Period()
    first = min(counts) if since is None else min(since.year, *counts)
    last = max(counts) if until is None else max(until.year, *counts)
    return [YearCount(year, counts.get(year, 0)) for year in range(first, last + 1)]
