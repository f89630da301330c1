"""The records of a fact base: frozen, slotted dataclasses, their enums and PartialDate."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import field, replace
from enum import StrEnum
from typing import Any

from factcli.dates import Note as Note  # a dated note, re-exported
from factcli.dates import PartialDate as PartialDate  # the records' dates, re-exported
from factcli.dates import noted_by as noted_by
from factcli.declare import Type as Type  # a field's type, re-exported
from factcli.declare import fact as fact
from factcli.declare import record


class Role(StrEnum):
    MEMBER = "member"
    OBSERVER = "observer"
    PARTNER = "partner"
    PARTICIPANT = "participant"
    SUSPENDED = (
        "suspended"  # a tie whose rights or working were suspended, before it resumed or ended
    )
    FORMER = "former"


class Status(StrEnum):
    UNRESOLVED = "unresolved"
    PARTIALLY_RESOLVED = "partially resolved"
    RESOLVED = "resolved"


class End(StrEnum):
    """How a tie ended."""

    LEFT = "left"
    SUSPENDED = "suspended"
    EXPELLED = "expelled"
    COMPLETED = "completed"
    DISSOLVED = "dissolved"
    REPLACED = "replaced"


class TreatyStatus(StrEnum):
    """Where a treaty stands for the subject."""

    SIGNED = "signed"
    RATIFIED = "ratified"
    IN_FORCE = "in force"
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"
    TERMINATED = "terminated"
    EXPIRED = "expired"
    NOT_IN_FORCE = "not in force"  # signed, but never in force: a signature withdrawn


class Kind(StrEnum):
    ORG = "org"
    DISPUTE = "dispute"
    EVENT = "event"
    COUNTRY = "country"
    TREATY = "treaty"


def slug(name: str) -> str:
    """The id of a country: 'United Kingdom' -> 'united-kingdom', 'Curaçao' -> 'curacao'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or _script_id(name)


def codes(country: Country) -> str:
    """A country's ISO codes as one cell: 'JP/JPN'."""
    return "/".join(code for code in (country.iso2, country.iso3) if code)


def _script_id(name: str) -> str:
    """The id of a name with no Latin letters or digits ('日本', 'Россия'): its folded letters."""
    return "-".join("".join(c for c in word if c.isalnum()) for word in fold(name).split()) or "-"


def fold(text: str) -> str:
    """Case- and accent-insensitive form of text, for matching."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@record
class Meta:
    """What a fact base is about, and the source it is adapted from: its [meta]."""

    subject: str = fact(Type.TEXT, doc="Whose foreign relations these are.")
    title: str | None = fact(Type.TEXT, default=None, doc="The title of the source.")
    as_of: PartialDate | None = fact(Type.DATE, default=None, doc="The vintage of the source.")
    source: str | None = fact(Type.TEXT, default=None, doc="Where the source can be read.")
    license: str | None = fact(
        Type.TEXT, default=None, doc="The licence of the source, e.g. CC BY-SA 4.0."
    )
    attribution: str | None = fact(
        Type.TEXT, default=None, doc="One line crediting the source, as its licence asks."
    )


@record
class OrgTerm:
    """A period of one kind of tie to an organization."""

    role: Role = fact(Type.ENUM, enum=Role)
    since: PartialDate | None = fact(Type.DATE, default=None)
    until: PartialDate | None = fact(Type.DATE, default=None)
    end: End | None = fact(Type.ENUM, enum=End, default=None, doc="How the tie ended.")
    note: str | None = fact(Type.NOTE, default=None)


@record
class DisputeTerm:
    """A period during which a dispute stood one way."""

    status: Status = fact(Type.ENUM, enum=Status)
    since: PartialDate | None = fact(Type.DATE, default=None)
    until: PartialDate | None = fact(Type.DATE, default=None)
    note: str | None = fact(Type.NOTE, default=None)


@record
class RelationTerm:
    """A period during which relations with a country stood one way."""

    relation: str = fact(Type.TEXT)
    since: PartialDate | None = fact(Type.DATE, default=None)
    until: PartialDate | None = fact(Type.DATE, default=None)
    note: str | None = fact(Type.NOTE, default=None)


@record
class TreatyTerm:
    """A period during which a treaty stood one way for the subject."""

    status: TreatyStatus = fact(Type.ENUM, enum=TreatyStatus)
    since: PartialDate | None = fact(Type.DATE, default=None)
    until: PartialDate | None = fact(Type.DATE, default=None)
    note: str | None = fact(Type.NOTE, default=None)


Term = OrgTerm | DisputeTerm | RelationTerm | TreatyTerm


@record
class Country:
    """A country the subject has relations with: a [[country]]."""

    name: str = fact(Type.TEXT, search=True, doc="Common English short name; unique.")
    iso2: str | None = fact(Type.ISO2, default=None, search=True, doc="ISO 3166 alpha-2 code.")
    iso3: str | None = fact(Type.ISO3, default=None, search=True, doc="ISO 3166 alpha-3 code.")
    aliases: tuple[str, ...] = fact(Type.TEXTS, default=(), search=True, doc="Other names.")
    relation: str | None = fact(
        Type.TEXT, default=None, search=True, history="relations", doc="One-line state."
    )
    notes: tuple[str, ...] = fact(Type.NOTES, default=(), search=True)
    sources: tuple[str, ...] = fact(Type.SOURCES, doc="Article sections or public references.")
    relations: tuple[RelationTerm, ...] = fact(
        Type.TERMS, term=RelationTerm, default=(), doc="The relation line over time, oldest first."
    )

    @property
    def id(self) -> str:
        return slug(self.name)

    def at(self, term: RelationTerm | None) -> Country:
        """This country as it stood during one of its relation terms (None: no line then)."""
        return replace(self, relation=term.relation if term else None)


@record
class Org:
    """The subject's tie to an international organization: an [[org]]."""

    id: str = fact(Type.ID, search=True, doc="Unique among orgs.")
    name: str = fact(Type.TEXT, search=True)
    abbr: str | None = fact(Type.TEXT, default=None, search=True)
    role: Role = fact(Type.ENUM, enum=Role, history="terms")
    category: str = fact(Type.TEXT, doc='A free label; UN missions use "un-mission".')
    founded: PartialDate | None = fact(
        Type.DATE, default=None, doc="When the organization itself was founded."
    )
    dissolved: PartialDate | None = fact(
        Type.DATE, default=None, doc="When the organization itself ceased to exist."
    )
    since: PartialDate | None = fact(Type.DATE, default=None, history="terms")
    until: PartialDate | None = fact(Type.DATE, default=None, history="terms")
    end: End | None = fact(
        Type.ENUM, enum=End, default=None, history="terms", doc="How the tie ended."
    )
    notes: str | None = fact(Type.NOTE, default=None, search=True)
    sources: tuple[str, ...] = fact(Type.SOURCES)
    terms: tuple[OrgTerm, ...] = fact(
        Type.TERMS, term=OrgTerm, default=(), doc="The tie over time, oldest first."
    )

    def at(self, term: OrgTerm) -> Org:
        """This tie as it stood during one of its terms."""
        return replace(self, role=term.role, since=term.since, until=term.until, end=term.end)


@record
class Dispute:
    """A territorial dispute: a [[dispute]]."""

    id: str = fact(Type.ID, search=True, doc="Unique among disputes.")
    name: str = fact(Type.TEXT, search=True)
    countries: tuple[str, ...] = fact(
        Type.TEXTS, ref="country", link="country_id", doc="The parties, besides the subject."
    )
    territories: tuple[str, ...] = fact(Type.TEXTS, search=True)
    status: Status = fact(Type.ENUM, enum=Status, history="terms")
    since: PartialDate | None = fact(Type.DATE, default=None, doc="When the dispute began.")
    resolved_on: PartialDate | None = fact(Type.DATE, default=None, history="terms")
    summary: str = fact(Type.TEXT, search=True)
    notes: str | None = fact(Type.NOTE, default=None, search=True)
    sources: tuple[str, ...] = fact(Type.SOURCES)
    terms: tuple[DisputeTerm, ...] = fact(
        Type.TERMS, term=DisputeTerm, default=(), doc="The status over time, oldest first."
    )

    def at(self, term: DisputeTerm) -> Dispute:
        """This dispute as it stood during one of its terms."""
        resolved = term.since if term.status is Status.RESOLVED else None
        return replace(self, status=term.status, resolved_on=resolved)


@record
class Event:
    """Something that happened, on a date: an [[event]]."""

    id: str = fact(Type.ID, search=True, doc="Unique among events.")
    date: PartialDate = fact(Type.DATE)
    title: str = fact(Type.TEXT, search=True)
    summary: str | None = fact(Type.TEXT, default=None, search=True)
    countries: tuple[str, ...] = fact(Type.TEXTS, default=(), ref="country", link="country_id")
    orgs: tuple[str, ...] = fact(Type.TEXTS, default=(), ref="org", link="org_id")
    tags: tuple[str, ...] = fact(Type.TEXTS, default=(), link="tag", search=True)
    sources: tuple[str, ...] = fact(Type.SOURCES)
    # Last, so that the columns that scripts of earlier versions read keep their places.
    treaties: tuple[str, ...] = fact(
        Type.TEXTS, default=(), ref="treaty", link="treaty_id", doc="Treaties it concerns (ids)."
    )


@record
class Treaty:
    id: str = fact(Type.ID, search=True, doc="Unique among treaties.")
    name: str = fact(Type.TEXT, search=True)
    abbr: str | None = fact(Type.TEXT, default=None, search=True)
    countries: tuple[str, ...] = fact(
        Type.TEXTS, default=(), ref="country", link="country_id", doc="The other parties named."
    )
    orgs: tuple[str, ...] = fact(Type.TEXTS, default=(), ref="org", link="org_id")
    status: TreatyStatus = fact(Type.ENUM, enum=TreatyStatus, history="terms")
    since: PartialDate | None = fact(Type.DATE, default=None, history="terms")
    until: PartialDate | None = fact(Type.DATE, default=None, history="terms")
    summary: str = fact(Type.TEXT, search=True)
    notes: tuple[str, ...] = fact(Type.NOTES, default=(), search=True)
    sources: tuple[str, ...] = fact(Type.SOURCES)
    terms: tuple[TreatyTerm, ...] = fact(
        Type.TERMS, term=TreatyTerm, default=(), doc="The status over time, oldest first."
    )

    def at(self, term: TreatyTerm) -> Treaty:
        """This treaty as it stood during one of its terms."""
        return replace(self, status=term.status, since=term.since, until=term.until)


Record = Org | Dispute | Event | Country | Treaty


@record
class FactBase:
    """A validated fact base: country references hold canonical names, org references exist.

    records: each kind's records, under its plural (kinds.py), which the layers that treat
    every kind alike read; the properties name the kinds that the commands ask about.
    """

    meta: Meta | None = None
    records: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    files: tuple[str, ...] = field(default=())

    @property
    def subject(self) -> str:
        return self.meta.subject if self.meta else "Fact base"

    @property
    def countries(self) -> tuple[Country, ...]:
        return self.records.get("countries", ())

    @property
    def orgs(self) -> tuple[Org, ...]:
        return self.records.get("orgs", ())

    @property
    def disputes(self) -> tuple[Dispute, ...]:
        return self.records.get("disputes", ())

    @property
    def events(self) -> tuple[Event, ...]:
        return self.records.get("events", ())

    @property
    def treaties(self) -> tuple[Treaty, ...]:
        return self.records.get("treaties", ())
