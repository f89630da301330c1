"""The records of a fact base: frozen, slotted dataclasses, their enums and PartialDate."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")  # not \d, which takes "٢٠٠٧"


class Role(StrEnum):
    MEMBER = "member"
    OBSERVER = "observer"
    PARTNER = "partner"
    PARTICIPANT = "participant"
    FORMER = "former"


class Status(StrEnum):
    UNRESOLVED = "unresolved"
    PARTIALLY_RESOLVED = "partially resolved"
    RESOLVED = "resolved"


class Kind(StrEnum):
    ORG = "org"
    DISPUTE = "dispute"
    EVENT = "event"
    COUNTRY = "country"


@dataclass(frozen=True, slots=True, order=False)
class PartialDate:
    """A year, a month or a day; it stands for the whole period it names."""

    year: int
    month: int = 0  # 0: the whole year
    day: int = 0  # 0: the whole month (or year)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD"; ValueError when it is not a real date."""
        m = _DATE.fullmatch(text)
        year, month, day = (int(m[1]), int(m[2] or 0), int(m[3] or 0)) if m else (0, 0, 0)
        if m is None or year < 1 or (m[2] is not None and not 1 <= month <= 12):
            raise ValueError(f"invalid date '{text}'")
        if m[3] is not None:
            try:
                dt.date(year, month, day)
            except ValueError:  # 2007-02-30
                raise ValueError(f"invalid date '{text}'") from None
        return cls(year, month, day)

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> dt.date:
        if self.day:
            return self.start
        if not self.month:
            return dt.date(self.year, 12, 31)
        # monthrange, not "first of next month minus a day": that fails for 9999-12.
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def sort_key(self) -> tuple[int, int]:
        """Earliest start first; a period before the more precise dates inside it."""
        precision = 2 if self.day else 1 if self.month else 0
        return self.start.toordinal(), precision

    def __str__(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


def slug(name: str) -> str:
    """The id of a country: 'United Kingdom' -> 'united-kingdom', 'Curaçao' -> 'curacao'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


def fold(text: str) -> str:
    """Case- and accent-insensitive form of text, for matching."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True, slots=True, kw_only=True)
class Meta:
    subject: str
    title: str | None = None
    as_of: PartialDate | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Country:
    name: str
    iso2: str | None = None
    iso3: str | None = None
    aliases: tuple[str, ...] = ()
    relation: str | None = None
    notes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return slug(self.name)


@dataclass(frozen=True, slots=True, kw_only=True)
class Org:
    id: str
    name: str
    abbr: str | None = None
    role: Role
    category: str
    since: PartialDate | None = None
    until: PartialDate | None = None
    notes: str | None = None
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Dispute:
    id: str
    name: str
    countries: tuple[str, ...]
    territories: tuple[str, ...]
    status: Status
    since: PartialDate | None = None
    resolved_on: PartialDate | None = None
    summary: str
    notes: str | None = None
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    id: str
    date: PartialDate
    title: str
    summary: str | None = None
    countries: tuple[str, ...] = ()
    orgs: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    sources: tuple[str, ...]


Record = Org | Dispute | Event | Country


@dataclass(frozen=True, slots=True, kw_only=True)
class FactBase:
    """A validated fact base: country references hold canonical names, org references exist."""

    meta: Meta | None = None
    countries: tuple[Country, ...] = ()
    orgs: tuple[Org, ...] = ()
    disputes: tuple[Dispute, ...] = ()
    events: tuple[Event, ...] = ()
    files: tuple[str, ...] = field(default=())

    @property
    def subject(self) -> str:
        return self.meta.subject if self.meta else "Fact base"


def kind_of(record: Record) -> Kind:
    match record:
        case Org():
            return Kind.ORG
        case Dispute():
            return Kind.DISPUTE
        case Event():
            return Kind.EVENT
        case Country():
            return Kind.COUNTRY
    raise TypeError(record)  # pragma: no cover


def _date(value: PartialDate | None) -> str | None:
    return None if value is None else str(value)


def as_dict(record: Record) -> dict[str, Any]:
    """The JSON object of a record, with the fields in the order of the contract."""
    match record:
        case Org():
            return {
                "id": record.id,
                "kind": "org",
                "name": record.name,
                "abbr": record.abbr,
                "role": record.role.value,
                "category": record.category,
                "since": _date(record.since),
                "until": _date(record.until),
                "notes": record.notes,
                "sources": list(record.sources),
            }
        case Dispute():
            return {
                "id": record.id,
                "kind": "dispute",
                "name": record.name,
                "countries": list(record.countries),
                "territories": list(record.territories),
                "status": record.status.value,
                "since": _date(record.since),
                "resolved_on": _date(record.resolved_on),
                "summary": record.summary,
                "notes": record.notes,
                "sources": list(record.sources),
            }
        case Event():
            return {
                "id": record.id,
                "kind": "event",
                "date": str(record.date),
                "title": record.title,
                "summary": record.summary,
                "countries": list(record.countries),
                "orgs": list(record.orgs),
                "tags": list(record.tags),
                "sources": list(record.sources),
            }
        case Country():
            return {
                "id": record.id,
                "kind": "country",
                "name": record.name,
                "iso2": record.iso2,
                "iso3": record.iso3,
                "aliases": list(record.aliases),
                "relation": record.relation,
                "notes": list(record.notes),
                "sources": list(record.sources),
            }
    raise TypeError(record)  # pragma: no cover
