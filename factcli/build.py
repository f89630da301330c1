"""Checked tables -> records: references resolved, ids unique, one [meta]."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import fields as dataclass_fields
from functools import partial
from itertools import chain
from typing import Any

from factcli import terms
from factcli.check import Problems, Raw, Records, Where, at_once, fields
from factcli.countries import CountryIndex, name_key
from factcli.declare import declared, maker
from factcli.kinds import KINDS, TABLES, histories, refs
from factcli.model import Country, FactBase, Kind, Meta, Role, Status
from factcli.values import shown

Checked = list[tuple[Raw, dict[str, Any], bool]]


def build(problems: Problems, read: list[Records], files: tuple[str, ...]) -> FactBase:
    """Check every record and the references between them."""
    # Every record's references are checked, even when another of its fields is wrong,
    # so that one run of `validate` reports everything; only sound records are built.
    mark = len(problems)
    base = _build(problems, read, files, _alone())
    if base is None:  # a record checked at once has a problem: each one, to place every one
        del problems[mark:]
        base = _build(problems, read, files, set())
    assert base is not None
    return base


def _build(
    problems: Problems, read: list[Records], files: tuple[str, ...], alone: set[str]
) -> FactBase | None:
    """build(), the kinds of records that stand alone checked at once; None if one of
    their records has a problem (said nowhere)."""
    checked: dict[str, Checked] = {table: [] for table in TABLES}
    for tables in read:  # one record at a time and in order, its problems placed
        if tables.kind not in alone:
            cls = TABLES[tables.kind]
            checked[tables.kind] += [(r, *fields(problems, r, cls)) for r in tables.raws()]

    history = histories(Country)
    for i, (raw, values, _) in enumerate(checked["country"]):
        if not terms.history(problems, raw, values, Country, history):
            checked["country"][i] = (raw, values, False)
    countries = _countries(problems, [(r, v) for r, v, ok in checked["country"] if ok])
    resolve = _References(problems, countries, {v["id"] for _, v, _ in checked["org"] if "id" in v})
    records: dict[Kind, tuple[Any, ...]] = {Kind.COUNTRY: countries}
    for spec in KINDS.values():
        if spec.kind is Kind.COUNTRY:
            continue
        if spec.table in alone:
            data = [d for tables in read if tables.kind == spec.table for d in tables.data]
            found = _at_once(resolve, spec.cls, data)
            if found is None:
                return None
            records[spec.kind] = found
        else:
            records[spec.kind] = _one_by_one(problems, resolve, spec.cls, checked[spec.table])
    return FactBase(
        meta=_meta(problems, checked["meta"]),
        **{spec.plural: records[spec.kind] for spec in KINDS.values()},
        files=files,
    )


def _alone() -> set[str]:
    """The kinds of records that stand alone, nearly all of a big fact base, to be checked
    at once: no history, no rule between their fields, an id, every field declared (made
    with maker()), and no other record refers to them."""
    referred = {f.metadata["ref"] for spec in KINDS.values() for f in declared(spec.cls)}
    found = set()
    for spec in KINDS.values():
        names = [f.name for f in declared(spec.cls)]
        if spec.table in referred or histories(spec.cls) or "id" not in names:
            continue
        if "terms" not in names and len(names) == len(dataclass_fields(spec.cls)):
            found.add(spec.table)
    return found


# Records checked a few hundred at a time: each field of all of them in turn, while their
# values are still in the CPU's cache.
_CHUNK = 256


def _at_once(
    resolve: _References, cls: type[Any], data: list[dict[str, Any]]
) -> tuple[Any, ...] | None:
    """The records of a class, each field checked at_once(), when every one is sound, as
    are the names they refer by and their ids; None when one is not."""
    make = maker(cls)
    made: list[Any] = []
    ids: set[str] = set()
    for start in range(0, len(data), _CHUNK):
        columns = at_once(cls, data[start : start + _CHUNK])
        if columns is None:
            return None
        for name in refs(cls, "country"):
            canonical = resolve.every_country(columns[name])
            if canonical is None:
                return None
            columns[name] = canonical
        for name in refs(cls, "org"):
            if not resolve.org_ids.issuperset(chain.from_iterable(columns[name])):
                return None
        ids.update(columns["id"])
        if len(ids) < start + len(columns["id"]):
            return None  # an id given twice
        made += map(make, *columns.values())
    return tuple(made)


def _one_by_one(
    problems: Problems, resolve: _References, cls: type[Any], checked: Checked
) -> tuple[Any, ...]:
    """The records of a class, each checked against the others and its own history."""
    country_fields, org_fields = refs(cls, "country"), refs(cls, "org")
    history = histories(cls)
    for i, (raw, values, _) in enumerate(checked):
        if history and not terms.history(problems, raw, values, cls, history):
            checked[i] = (raw, values, False)
        for name in country_fields:
            values[name] = resolve.countries(raw, values.get(name, ()))
        for name in org_fields:
            resolve.orgs(raw, values.get(name, ()))
        if history:  # the rules between fields are all about the single-value fields
            _rules(problems, raw, values)
            terms.lifespan(problems, raw, values)
    return _unique(problems, checked, cls)


def _meta(problems: Problems, checked: Checked) -> Meta | None:
    meta, first = None, None
    for raw, values, ok in checked:
        if first is None:  # the first [meta], sound or not: any other is one too many
            first = raw.where
            meta = Meta(**values) if ok else None
        else:
            problems.add(raw.where, None, "a second [meta]: a fact base has at most one", first)
    return meta


def _rules(problems: Problems, raw: Raw, values: dict[str, Any]) -> None:
    """The rules between fields of one record."""
    if values.get("role") is Role.FORMER and "until" not in raw.data and "terms" not in raw.data:
        problems.add(raw.at("role"), raw.label, "role 'former' needs 'until'")
    if values.get("status") is Status.RESOLVED and not ({"resolved_on", "terms"} & raw.data.keys()):
        problems.add(raw.at("status"), raw.label, "status 'resolved' needs 'resolved_on'")
    for first, then in (("since", "until"), ("since", "resolved_on")):
        a, b = values.get(first), values.get(then)
        if a is not None and b is not None and b.end < a.start:
            problems.add(raw.at(then), raw.label, f"'{then}' {b} is before '{first}' {a}")


class _References:
    """Resolves the countries and orgs that records name, reporting the unknown ones."""

    def __init__(self, problems: Problems, countries: tuple[Country, ...], orgs: set[str]) -> None:
        self.problems = problems
        self.index = CountryIndex(countries)
        self.org_ids = orgs
        # A name is looked up once, however often it is used, and a misspelt one is matched
        # against every name once: a base that misspells a name in each of 100,000 events
        # took more than twice as long to report it as to load.
        self.known: dict[str, list[Country]] = {}
        self.canonical: dict[str, str] = {}  # a name -> the one country it names
        self.close_to: dict[str, str] = {}

    def countries(self, raw: Raw, names: tuple[str, ...]) -> tuple[str, ...]:
        """The canonical names of the countries named."""
        try:  # the way of nearly every record: names known already
            return tuple([self.canonical[name] for name in names])
        except KeyError:
            pass
        canonical = []
        for name in names:
            found = self.known.get(name)
            if found is None:
                found = self.known[name] = self.index.exact(name)
            if len(found) == 1:
                canonical.append(found[0].name)
                self.canonical[name] = found[0].name
            elif found:
                names_ = ", ".join(sorted(c.name for c in found))
                said = f"country '{shown(name)}' is ambiguous: {names_}"
                self.problems.add(raw.at("countries"), raw.label, said)
            else:
                hint = self._hint(name, partial(self.index.suggest, name), "{}")
                said = f"unknown country '{shown(name)}'{hint}: add a [[country]] for it"
                self.problems.add(raw.at("countries"), raw.label, said)
        return tuple(canonical)

    def every_country(self, names: list[tuple[str, ...]]) -> list[tuple[str, ...]] | None:
        """countries() of many records at once, when each name names one country."""
        get = self.canonical.__getitem__
        try:  # the way of nearly every record: names known already
            return [tuple(map(get, given)) for given in names]
        except KeyError:
            pass
        for name in set(chain.from_iterable(names)) - self.canonical.keys():
            found = self.known.get(name)
            if found is None:
                found = self.known[name] = self.index.exact(name)
            if len(found) != 1:
                return None
            self.canonical[name] = found[0].name
        return [tuple(map(get, given)) for given in names]

    def orgs(self, raw: Raw, ids: tuple[str, ...]) -> None:
        for org_id in ids:
            if org_id not in self.org_ids:
                hint = self._hint(
                    f"org {org_id}",
                    partial(difflib.get_close_matches, org_id, sorted(self.org_ids), 1),
                    "'{}'",
                )
                self.problems.add(raw.at("orgs"), raw.label, f"unknown org '{shown(org_id)}'{hint}")

    def _hint(self, key: str, close: Callable[[], list[str]], form: str) -> str:
        hint = self.close_to.get(key)
        if hint is None:
            found = close()
            said = ", ".join(form.format(c) for c in found)
            hint = self.close_to[key] = f" (did you mean {said}?)" if found else ""
        return hint


def _unique(problems: Problems, checked: Checked, make: Callable[..., Any]) -> tuple[Any, ...]:
    """Records made from sound values, reporting any whose id was taken before."""
    first: dict[str, Where] = {}
    records = []
    for raw, values, ok in checked:
        record_id = values.get("id")
        if record_id in first:
            said = f"duplicate {raw.kind} id '{shown(record_id)}'"
            problems.add(raw.at("id"), raw.label, said, first[record_id])
        elif record_id is not None:
            first[record_id] = raw.where
            if ok:
                record = make(**values)
                if "terms" in raw.data:  # shown as its last term: resolved_on, say, comes from it
                    record = record.at(record.terms[-1])
                records.append(record)
    return tuple(records)


def _countries(
    problems: Problems, checked: list[tuple[Raw, dict[str, Any]]]
) -> tuple[Country, ...]:
    """Countries, reporting any name, alias, code or id that another country already has."""
    owner: dict[str, str] = {}
    countries = []
    for raw, values in checked:
        country = Country(**values)
        names = [("name", country.name), *(("alias", a) for a in country.aliases),
                 ("iso2", country.iso2), ("iso3", country.iso3)]  # fmt: skip
        keys = {name_key(name): (field, name) for field, name in names if name}
        keys.setdefault(country.id, ("id", country.id))  # a clash of names says so
        clashes = [k for k in keys if owner.get(k, country.name) != country.name]
        for key in clashes:
            field, name = keys[key]
            said = f"{field} '{shown(name)}' already names country '{shown(owner[key])}'"
            at = {"alias": "aliases", "id": "name"}.get(field, field)
            problems.add(raw.at(at), raw.label, said)
        if not clashes:
            owner.update(dict.fromkeys(keys, country.name))
            countries.append(country)
    return tuple(countries)
