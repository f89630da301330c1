"""A record's TOML table -> its checked values, each field by its type's check; problems placed."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import MISSING
from typing import Any, NamedTuple

from factcli.declare import declared, required
from factcli.types import field_type
from factcli.values import Bad, column, shown

AT = "\x00at\x00"  # in a message: where the record starts, filled in with its line


Schema = dict[str, tuple[Callable[[object], Any], bool]]  # field -> (checker, required)


_SCHEMAS: dict[type[Any], Schema] = {}


def schema(cls: type[Any]) -> Schema:
    """The checker of every field a fact file may write for a class, and whether it must."""
    found = _SCHEMAS.get(cls)
    if found is None:
        found = {f.name: (field_type(f).check(f), required(f)) for f in declared(cls)}
        _SCHEMAS[cls] = found
    return found


class Where(NamedTuple):
    """A place in a fact file: a file, or the n-th table of a kind in it."""

    path: str
    table: str | None = None  # "event", "meta", or an unknown key
    nth: int = 0  # the n-th table of its kind in the file (`index` is a tuple method)
    line: int | None = None  # known up front for syntax errors
    key: str | None = None  # the field the problem is about, to point at its line
    item: int | None = None  # the n-th inline table of that field (a term)


class Raw(NamedTuple):
    """One table read from a fact file, before it is checked."""

    where: Where
    kind: str
    data: dict[str, Any]

    @property
    def label(self) -> str:
        if self.kind == "meta":
            return "[meta]"
        key = "name" if self.kind == "country" else "id"
        value = self.data.get(key)
        if isinstance(value, str) and value.strip():
            return f"{self.kind} '{shown(value)}'"
        return f"{self.kind} #{self.where.nth + 1}"

    def at(self, key: str) -> Where:
        """Where one of this record's fields is written."""
        return self.where._replace(key=key)


class Records(NamedTuple):
    """The tables of one kind that one fact file writes ([[event]], or one [meta])."""

    path: str
    kind: str
    data: list[dict[str, Any]]

    def raws(self) -> list[Raw]:
        """Each table, with where it stands, to be checked on its own."""
        return [Raw(Where(self.path, self.kind, i), self.kind, d) for i, d in enumerate(self.data)]


# A problem as first found: where, the record it is about, the message, and a second place
# the message points at ("first at ..."); load turns each into a Problem with its line.
Found = tuple[Where, str | None, str, Where | None]


class Problems(list[Found]):
    """The problems found so far."""

    def add(
        self, where: Where, record: str | None, message: str, also: Where | None = None
    ) -> None:
        self.append((where, record, message, also))


def fields(
    problems: Problems, raw: Raw, cls: type[Any], data: dict[str, Any] | None = None, item: str = ""
) -> tuple[dict[str, Any], bool]:
    """The values of a record's fields that check out, and whether all of them did.

    data and item: the fields of one term of the record instead, named in messages by item.
    """
    rules = schema(cls)
    checks = _checks(cls, rules)
    given = raw.data if data is None else data
    try:  # the way of a sound record, which is nearly every one: no problem to place
        values = {key: checks[key](value) for key, value in given.items()}
    except (KeyError, Bad):
        return _with_problems(problems, raw, rules, given, data is not None, item)
    for key in _required(cls, rules):
        if key not in given:
            return _with_problems(problems, raw, rules, given, data is not None, item)
    return values, True


def _checks(cls: type[Any], rules: Schema) -> dict[str, Callable[[object], Any]]:
    found = _CHECKS.get(cls)
    if found is None:
        found = _CHECKS[cls] = {key: check for key, (check, _) in rules.items()}
    return found


_CHECKS: dict[type[Any], dict[str, Callable[[object], Any]]] = {}


def _required(cls: type[Any], rules: Schema) -> tuple[str, ...]:
    found = _REQUIRED.get(cls)
    if found is None:
        found = _REQUIRED[cls] = tuple(k for k, (_, must) in rules.items() if must)
    return found


_REQUIRED: dict[type[Any], tuple[str, ...]] = {}


def at_once(cls: type[Any], records: list[dict[str, Any]]) -> dict[str, list[Any]] | None:
    """fields() of many records of a class, when every field of every one checks out, which
    is nearly always: a field at a time, mostly in C. Each field's values in declared
    order, one a record (its default where not written); None when any record has a
    problem: fields() then checks each one, and places its problems."""
    rules = schema(cls)
    every = declared(cls)
    names = tuple(f.name for f in every)
    absent = (_NOT_WRITTEN,) * len(names)
    rows = [tuple(map(record.get, names, absent)) for record in records]  # each looked at once
    fields_given = list(zip(*rows, strict=True)) if rows else [()] * len(names)
    columns: dict[str, list[Any]] = {}
    known = 0  # the fields of its class that the records write, all told
    try:
        for f, given in zip(every, fields_given, strict=True):
            check, must = rules[f.name]
            written = [value for value in given if value is not _NOT_WRITTEN]
            known += len(written)
            if len(written) == len(given):
                columns[f.name] = column(check)(written)
            elif must or f.default is MISSING:  # not written, or a default_factory
                return None
            else:  # its default where it is not written
                values = iter(column(check)(written))
                columns[f.name] = [f.default if v is _NOT_WRITTEN else next(values) for v in given]
    except (Bad, TypeError):
        return None
    return columns if known == sum(map(len, records)) else None  # else an unknown field


_NOT_WRITTEN = object()


def _with_problems(
    problems: Problems, raw: Raw, rules: Schema, given: dict[str, Any], term: bool, item: str
) -> tuple[dict[str, Any], bool]:
    """fields() for a record with a problem: every value checked, every problem placed."""
    at = (lambda _: raw.where) if term else raw.at
    values: dict[str, Any] = {}
    meant = set()  # fields that an unknown one was taken for: not reported missing as well
    for key, value in given.items():
        rule = rules.get(key)
        if rule is None:
            close = difflib.get_close_matches(key, list(rules), n=1)
            meant.update(close)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            said = f"{item}unknown field '{shown(key)}'{hint}"
            if not term:  # the record's own line too: a misspelling may be anywhere in it
                problems.add(at(key), raw.label, f"{said} in the record at {AT}", raw.where)
            else:
                problems.add(at(key), raw.label, said)
            continue
        try:
            values[key] = rule[0](value)
        except Bad as e:
            problems.add(at(key), raw.label, f"{item}'{key}': {e}")
    for key, (_, must) in rules.items():
        if must and key not in given and key not in meant:
            problems.add(raw.where, raw.label, f"{item}missing required field '{key}'")
    return values, False
