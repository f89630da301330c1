"""Pure filtering and ordering over a FactBase."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from factcli.kinds import KINDS, searched
from factcli.model import (
    Country,
    Dispute,
    Event,
    FactBase,
    Kind,
    Org,
    PartialDate,
    Record,
    Role,
    Status,
    fold,
)


class QueryError(ValueError):
    """A filter value that cannot be right (a usage error)."""


@dataclass(frozen=True, slots=True)
class Period:
    """The inclusive span of days that --since / --until / --year keep."""

    since: PartialDate | None = None
    until: PartialDate | None = None

    @classmethod
    def of(cls, since: str | None, until: str | None, year: str | None) -> Period:
        """Parse the options; raise QueryError for bad dates or an empty span."""
        start, end = parse_date(since), parse_date(until)
        first, last = "--since", "--until"  # the options that set each end, for the message
        if year is not None:
            y = parse_year(year)
            if start is None or y.start > start.start:
                start, first = y, "--year"
            if end is None or y.end < end.end:
                end, last = y, "--year"
        if start is not None and end is not None and start.start > end.end:
            raise QueryError(f"{first} {start} is after {last} {end}")
        return cls(start, end)

    def keeps(self, date: PartialDate | None) -> bool:
        """Whether a fact's period overlaps this one (a fact with no date never does)."""
        if self.since is None and self.until is None:
            return True
        if date is None:
            return False
        if self.since is not None and date.end < self.since.start:
            return False
        return self.until is None or date.start <= self.until.end


def parse_year(text: str) -> PartialDate:
    try:
        year = PartialDate.parse(text.strip())
    except ValueError:
        year = None
    if year is None or year.month:
        raise QueryError(f"invalid year '{text}' (expected YYYY)")
    return year


def parse_date(text: str | None) -> PartialDate | None:
    if text is None:
        return None
    try:
        return PartialDate.parse(text.strip())
    except ValueError:
        raise QueryError(f"invalid date '{text}' (expected YYYY, YYYY-MM or YYYY-MM-DD)") from None


def haystack(record: Record) -> str:
    """The folded text that QUERY words are looked for in: its id and its searched fields."""
    parts: list[str] = [record.id]
    for name in searched(type(record)):
        value = getattr(record, name)
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, tuple):
            parts += value
    return fold("\n".join(parts))


def matches(record: Record, words: Sequence[str]) -> bool:
    """Whether every word of a query appears in the record's text."""
    if not words:
        return True
    text = haystack(record)
    return all(word in text for word in words)


def words(query: str | None) -> list[str]:
    """The words a record must all contain: each once, the longest first.

    A query of thousands of words (a pasted document) cost a check of every word against
    every record: 35 s on 10,000 events. A repeated word, or one inside another ("rus" in
    "russia"), adds nothing and is dropped; the longest words, the likeliest to fail, go
    first, so that a record that does not match is left after a word or two.
    """
    if not query:
        return []
    unique = sorted(set(fold(query).split()), key=lambda w: (-len(w), w))
    joined = "\0".join(unique)  # a word can only lie inside a longer one, before it here
    kept, end = [], 0
    for word in unique:
        if joined.find(word, 0, end) == -1:
            kept.append(word)
        end += len(word) + 1
    return kept


def orgs(
    base: FactBase, query: str | None = None, role: Role | None = None, category: str | None = None
) -> list[Org]:
    """Organizations by name."""
    ws = words(query)
    cat = fold(category) if category else None
    found = [
        o
        for o in base.orgs
        if (role is None or o.role is role)
        and (cat is None or fold(o.category) == cat)
        and matches(o, ws)
    ]
    return sorted(found, key=KINDS[Kind.ORG].sort_key)


def disputes(
    base: FactBase,
    query: str | None = None,
    country: str | None = None,
    status: Status | None = None,
) -> list[Dispute]:
    """Territorial disputes by name; country is a canonical name."""
    ws = words(query)
    found = [
        d
        for d in base.disputes
        if (status is None or d.status is status)
        and (country is None or country in d.countries)
        and matches(d, ws)
    ]
    return sorted(found, key=KINDS[Kind.DISPUTE].sort_key)


def events(
    base: FactBase,
    query: str | None = None,
    country: str | None = None,
    org: str | None = None,
    tag: str | None = None,
    period: Period = Period(),
    limit: int | None = None,
) -> list[Event]:
    """Events by date, ties by id; country is a canonical name."""
    ws = words(query)
    tag_ = fold(tag) if tag else None
    found = [
        e
        for e in base.events
        if (country is None or country in e.countries)
        and (org is None or org in e.orgs)
        and (tag_ is None or any(fold(t) == tag_ for t in e.tags))
        and period.keeps(e.date)
        and matches(e, ws)
    ]
    found.sort(key=KINDS[Kind.EVENT].sort_key)
    return found if limit is None else found[:limit]


def countries(base: FactBase, query: str | None = None) -> list[Country]:
    ws = words(query)
    return sorted((c for c in base.countries if matches(c, ws)), key=KINDS[Kind.COUNTRY].sort_key)


# A named tuple, not a dataclass: making a dataclass costs a millisecond of every run.
class CountryCount(NamedTuple):
    country: Country
    disputes: int
    events: int


def country_counts(base: FactBase) -> list[CountryCount]:
    """Every country with how many disputes and events name it."""
    disputes_of: dict[str, int] = {}
    events_of: dict[str, int] = {}
    for d in base.disputes:
        for name in d.countries:
            disputes_of[name] = disputes_of.get(name, 0) + 1
    for e in base.events:
        for name in e.countries:
            events_of[name] = events_of.get(name, 0) + 1
    return [
        CountryCount(c, disputes_of.get(c.name, 0), events_of.get(c.name, 0))
        for c in countries(base)
    ]


def search(base: FactBase, text: str, kind: Kind | None = None) -> list[Record]:
    """Records of every kind (or one) that match all words: countries, orgs, disputes, events."""
    ws = words(text)
    groups: list[tuple[Kind, Sequence[Record]]] = [
        (Kind.COUNTRY, countries(base)),
        (Kind.ORG, orgs(base)),
        (Kind.DISPUTE, disputes(base)),
        (Kind.EVENT, events(base)),
    ]
    return [r for k, rs in groups if kind in (None, k) for r in rs if matches(r, ws)]


def known(what: str, value: str, known: list[str]) -> str:
    """The fact base's spelling of a filter value; QueryError with the close ones if none."""
    for k in known:
        if fold(k) == fold(value):
            return k
    close = difflib.get_close_matches(value, known, n=3)
    hint = f". Did you mean: {', '.join(close)}?" if close else ""
    raise QueryError(f"unknown {what} '{value}'{hint}")


def known_tags(base: FactBase) -> list[str]:
    return sorted({t for e in base.events for t in e.tags}, key=fold)


def known_categories(base: FactBase) -> list[str]:
    return sorted({o.category for o in base.orgs}, key=fold)


@dataclass(frozen=True, slots=True)
class YearCount:
    year: int
    count: int


def per_year(events: Iterable[Event]) -> list[YearCount]:
    """How many events fall in each year that has any, earliest first; a day counts in its year."""
    counts: dict[int, int] = {}
    for e in events:
        counts[e.date.year] = counts.get(e.date.year, 0) + 1
    return [YearCount(year, n) for year, n in sorted(counts.items())]
