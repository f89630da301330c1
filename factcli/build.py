"""Checked tables -> records: references resolved, ids unique, one [meta]."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields as dataclass_fields
from itertools import chain
from typing import Any

from factcli import terms
from factcli.check import Problems, Raw, Records, Where, at_once, fields
from factcli.countries import name_key, names_another
from factcli.declare import declared, maker
from factcli.kinds import KINDS, histories, tables
from factcli.model import Country, FactBase, Kind, Meta, Role, Status
from factcli.references import References
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
    classes = tables()
    checked: dict[str, Checked] = {table: [] for table in classes}
    for found in read:  # one record at a time and in order, its problems placed
        if found.kind not in alone:
            cls = classes[found.kind]
            checked[found.kind] += [(r, *fields(problems, r, cls)) for r in found.raws()]

    history = histories(Country)
    for i, (raw, values, _) in enumerate(checked["country"]):
        if not terms.history(problems, raw, values, Country, history):
            checked["country"][i] = (raw, values, False)
    # A record with a problem is still one that others may name: its mistake is one
    # problem, not one more for each record that names it.
    countries, named = _countries(problems, checked["country"])
    ids = {s.kind: {v["id"] for _, v, _ in checked[s.table] if "id" in v} for s in KINDS.values()}
    resolve = References(problems, named, ids)
    records: dict[str, tuple[Any, ...]] = {Kind.COUNTRY: countries}
    for spec in KINDS.values():
        if spec.kind is Kind.COUNTRY:
            continue
        if spec.table in alone:
            data = [d for found in read if found.kind == spec.table for d in found.data]
            made = _at_once(resolve, spec.cls, data)
            if made is None:
                return None
            records[spec.kind] = made
        else:
            records[spec.kind] = _one_by_one(problems, resolve, spec.cls, checked[spec.table])
    return FactBase(
        meta=_meta(problems, checked["meta"]),
        records={spec.plural: records[spec.kind] for spec in KINDS.values()},
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
    resolve: References, cls: type[Any], data: list[dict[str, Any]]
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
        for name, kind in _named(cls):
            if kind == Kind.COUNTRY:
                canonical = resolve.every_country(columns[name])
                if canonical is None:
                    return None
                columns[name] = canonical
            elif not resolve.known_ids[kind].issuperset(chain.from_iterable(columns[name])):
                return None
        ids.update(columns["id"])
        if len(ids) < start + len(columns["id"]):
            return None  # an id given twice
        made += map(make, *columns.values())
    return tuple(made)


def _one_by_one(
    problems: Problems, resolve: References, cls: type[Any], checked: Checked
) -> tuple[Any, ...]:
    """The records of a class, each checked against the others and its own history."""
    history = histories(cls)
    for i, (raw, values, _) in enumerate(checked):
        if history and not terms.history(problems, raw, values, cls, history):
            checked[i] = (raw, values, False)
        for name, kind in _named(cls):
            if kind == Kind.COUNTRY:
                values[name] = resolve.countries(raw, name, values.get(name, ()))
            else:
                resolve.ids(raw, name, kind, values.get(name, ()))
        if history:  # the rules between fields are all about the single-value fields
            _rules(problems, raw, values)
            terms.lifespan(problems, raw, values)
    return _unique(problems, checked, cls)


def _named(cls: type[Any]) -> list[tuple[str, str]]:
    """The fields of a class that name records of a kind, with the kind ("country", "org")."""
    return [(f.name, f.metadata["ref"]) for f in declared(cls) if f.metadata["ref"]]


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
    problems: Problems, checked: Checked
) -> tuple[tuple[Country, ...], tuple[Country, ...]]:
    """The sound countries, and every country that references may name. One with a problem
    is named by what of it checks out, and a code written wrong by the code it was likely
    meant as ("jp": JP): its mistake is one problem, not one more for each record that names
    it. Reports any name, alias, code or id that another country already has."""
    owner: dict[str, tuple[int, str]] = {}  # a key -> the record that has it, and its name
    sound, named = [], []
    for n, (raw, values, fields_ok) in enumerate(checked):
        agree = _codes(problems, raw, values)
        if "name" not in values:
            continue  # nothing names it
        country = Country(**values) if fields_ok and agree else _named_by(values)
        names = [("name", country.name), *(("alias", a) for a in country.aliases),
                 ("iso2", country.iso2), ("iso3", country.iso3)]  # fmt: skip
        keys = {name_key(name): (field, name) for field, name in names if name}
        keys.setdefault(country.id, ("id", country.id))  # a clash of names says so
        clashes = {k for k in keys if owner.get(k, (n,))[0] != n}  # a record given twice too
        for key in sorted(clashes, key=list(keys).index):
            field, name = keys[key]
            if not agree and field in ("iso2", "iso3"):
                continue  # said: the codes are of two countries
            said = f"{field} '{shown(name)}' already names country '{shown(owner[key][1])}'"
            at = {"alias": "aliases", "id": "name"}.get(field, field)
            problems.add(raw.at(at), raw.label, said)
        # An alias of another real country's ("Burma" for Japan) stays that country's.
        clashes |= _other_names(problems, raw, [keys[k] for k in keys if k not in clashes])
        if name_key(country.name) in clashes:
            continue  # its name is another's: references name that one
        owner.update({k: (n, country.name) for k in keys if k not in clashes})
        if fields_ok and agree and not clashes:
            sound.append(country)
            named.append(country)
        else:
            meant = {f: c for f, c in _meant(raw, values).items() if name_key(c) not in owner}
            owner.update({name_key(c): (n, country.name) for c in meant.values()})
            named.append(_named_by(values | meant, clashes))
    return tuple(sound), tuple(named)


def _other_names(problems: Problems, raw: Raw, names: list[tuple[str, str]]) -> set[str]:
    """Report a name or alias that is another real country's, or several countries'
    ("Korea"), and give the keys of the aliases reported; one that another record has is
    said so already."""
    from factcli.iso import ALPHA2, ALPHA3

    # The codes as written, in any case, and their partners: a code written wrong ("jp") is
    # its own problem, not one more for each of the country's names.
    written = (raw.data.get("iso2"), raw.data.get("iso3"))
    known = {c.strip().upper() for c in written if isinstance(c, str)} & (
        ALPHA3.keys() | ALPHA2.keys()
    )
    codes = known | {ALPHA3.get(c) or ALPHA2[c] for c in known}
    reported = set()
    for field, name in names:
        if field not in ("name", "alias"):
            continue
        said = names_another(name, codes, alias=field == "alias")
        if said:
            where = raw.at("aliases" if field == "alias" else "name")
            problems.add(where, raw.label, f"{field} '{shown(name)}' {said}")
            reported.add(name_key(name) if field == "alias" else "")
    return reported - {""}


def _named_by(values: dict[str, Any], taken: set[str] | None = None) -> Country:
    """A country as references name it: by its name, aliases and codes, less those taken."""

    def mine(name: str | None) -> bool:
        return name is not None and name_key(name) not in (taken or ())

    iso2, iso3, aliases = values.get("iso2"), values.get("iso3"), values.get("aliases", ())
    return Country(
        name=values["name"], iso2=iso2 if mine(iso2) else None, iso3=iso3 if mine(iso3) else None,
        aliases=tuple(filter(mine, aliases)), sources=(),
    )  # fmt: skip


def _meant(raw: Raw, values: dict[str, Any]) -> dict[str, str]:
    """The codes of a country that are written wrong, as they were likely meant ("jp": JP)."""
    from factcli.iso import meant

    found = {}
    for field, length in (("iso2", 2), ("iso3", 3)):
        written = raw.data.get(field)
        if field not in values and isinstance(written, str) and (code := meant(written, length)):
            found[field] = code
    return found


def _codes(problems: Problems, raw: Raw, values: dict[str, Any]) -> bool:
    """Whether a country's codes, when it gives both, are those of one country."""
    from factcli.iso import ALPHA2, ALPHA3

    iso2, iso3 = values.get("iso2"), values.get("iso3")
    if iso2 is None or iso3 is None or ALPHA3[iso2] == iso3:
        return True
    said = f"iso2 '{iso2}' and iso3 '{iso3}' are codes of two countries: {iso2} is "
    problems.add(raw.at("iso3"), raw.label, f"{said}{ALPHA3[iso2]}, {iso3} is {ALPHA2[iso3]}")
    return False
