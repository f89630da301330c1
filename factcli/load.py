"""A fact directory -> a FactBase, or every Problem found in it (file:line)."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import gc
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from factcli import cache
from factcli.countries import CountryIndex, name_key
from factcli.model import (
    Country,
    Dispute,
    Event,
    FactBase,
    Meta,
    Org,
    PartialDate,
    Role,
    Status,
)

T = TypeVar("T")
KINDS = ("country", "org", "dispute", "event")
_ID = re.compile(r"[a-z0-9-]+")
_DATE_HINT = "expected YYYY, YYYY-MM or YYYY-MM-DD"


class FactsDirMissing(Exception):
    """The facts directory does not exist or is not a directory (a usage error)."""


# The loader's own helpers are named tuples and a plain class, not dataclasses: making a
# dataclass costs about a millisecond at import, which every run would pay, cached or not.


class Where(NamedTuple):
    """A place in a fact file: a file, or the n-th table of a kind in it."""

    path: str
    table: str | None = None  # "event", "meta", or an unknown key
    nth: int = 0  # the n-th table of its kind in the file (`index` is a tuple method)
    line: int | None = None  # known up front for syntax errors


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a fact base, and where."""

    path: str
    line: int | None
    record: str | None  # "event 'cfe-suspension'"
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return (
            f"{where}: {self.record}: {self.message}" if self.record else f"{where}: {self.message}"
        )


class FactBaseError(Exception):
    """The fact base has problems; all of them, sorted by file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


def _shown(text: str) -> str:
    """A value as a message quotes it: a long one is cut, so that the message stays readable."""
    return text if len(text) <= 60 else text[:59] + "…"


# A field's checker turns a TOML value into the record's value, or raises _Bad.
class _Bad(Exception):
    pass


def _type_name(value: object) -> str:
    names = {
        str: "a string",
        bool: "a boolean",
        int: "an integer",
        float: "a float",
        list: "an array",
        dict: "a table",
        dt.datetime: "a datetime",
        dt.date: "a date",
        dt.time: "a time",
    }
    return names.get(type(value), type(value).__name__)


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise _Bad(f"must be a string, not {_type_name(value)}")
    if not value.strip():
        raise _Bad("must not be empty")
    return value


def _texts(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise _Bad(f"must be an array of strings, not {_type_name(value)}")
    for item in value:
        if not isinstance(item, str):
            raise _Bad(f"must hold only strings, not {_type_name(item)}")
        if not item.strip():
            raise _Bad("must not hold empty strings")
    return tuple(value)


def _sources(value: object) -> tuple[str, ...]:
    sources = _texts(value)
    if not sources:
        raise _Bad("must name at least one source")
    return sources


def _date(value: object) -> PartialDate:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return PartialDate.from_date(value)
    if not isinstance(value, str):
        hint = f': write "{value}"' if type(value) is int else ""  # date = 2007
        raise _Bad(f"must be a date string, not {_type_name(value)}{hint}")
    try:
        return _parse_date(value)
    except ValueError:
        raise _Bad(f"invalid date '{_shown(value)}' ({_DATE_HINT})") from None


# Big fact bases repeat their dates; a PartialDate is immutable, so equal ones can be shared.
_parse_date = functools.lru_cache(maxsize=4096)(PartialDate.parse)


def _id(value: object) -> str:
    text = _text(value)
    if not _ID.fullmatch(text):
        raise _Bad(f"invalid id '{_shown(text)}' (use lowercase letters, digits and '-')")
    return text


def _code(length: int) -> Callable[[object], str]:
    def check(value: object) -> str:
        text = _text(value)
        if not (len(text) == length and text.isascii() and text.isalpha()):
            raise _Bad(f"must be {length} letters, not '{_shown(text)}'")
        return text.upper()

    return check


def _choice(enum: type[Role] | type[Status]) -> Callable[[object], Role | Status]:
    def check(value: object) -> Role | Status:
        text = _text(value)
        try:
            return enum(text)
        except ValueError:
            allowed = " | ".join(e.value for e in enum)
            raise _Bad(f"invalid value '{_shown(text)}' (expected {allowed})") from None

    return check


Schema = dict[str, tuple[Callable[[object], Any], bool]]  # field -> (checker, required)

SCHEMAS: dict[str, Schema] = {
    "meta": {"subject": (_text, True), "title": (_text, False), "as_of": (_date, False)},
    "country": {
        "name": (_text, True),
        "iso2": (_code(2), False),
        "iso3": (_code(3), False),
        "aliases": (_texts, False),
        "relation": (_text, False),
        "notes": (_texts, False),
        "sources": (_sources, True),
    },
    "org": {
        "id": (_id, True),
        "name": (_text, True),
        "abbr": (_text, False),
        "role": (_choice(Role), True),
        "category": (_text, True),
        "since": (_date, False),
        "until": (_date, False),
        "notes": (_text, False),
        "sources": (_sources, True),
    },
    "dispute": {
        "id": (_id, True),
        "name": (_text, True),
        "countries": (_texts, True),
        "territories": (_texts, True),
        "status": (_choice(Status), True),
        "since": (_date, False),
        "resolved_on": (_date, False),
        "summary": (_text, True),
        "notes": (_text, False),
        "sources": (_sources, True),
    },
    "event": {
        "id": (_id, True),
        "date": (_date, True),
        "title": (_text, True),
        "summary": (_text, False),
        "countries": (_texts, False),
        "orgs": (_texts, False),
        "tags": (_texts, False),
        "sources": (_sources, True),
    },
}


class _Raw(NamedTuple):
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
            return f"{self.kind} '{_shown(value)}'"
        return f"{self.kind} #{self.where.nth + 1}"


class _Loader:
    __slots__ = ("digests", "problems", "texts")

    def __init__(self) -> None:
        self.problems: list[tuple[Where, str | None, str, Where | None]] = []
        self.texts: dict[str, str] = {}
        self.digests: list[tuple[str, bytes]] = []  # of the bytes that were read

    def problem(
        self, where: Where, record: str | None, message: str, also: Where | None = None
    ) -> None:
        """Record a problem; `also` is a second place the message points at."""
        self.problems.append((where, record, message, also))

    def read(self, path: Path) -> dict[str, Any] | None:
        """One file's TOML document, or None after recording why it cannot be read."""
        name = str(path)
        try:
            data = path.read_bytes()
        except OSError as e:
            self.problem(Where(name), None, f"cannot read the file: {e.strerror or e}")
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            line = data.count(b"\n", 0, e.start) + 1
            column = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
            message = f"not UTF-8: byte 0x{data[e.start]:02x} at line {line}, column {column}"
            self.problem(Where(name, line=line), None, message)
            return None
        import tomli  # only when the fact base is not cached: 3 ms of every cached run

        try:
            doc = tomli.loads(text)
        except tomli.TOMLDecodeError as e:
            at_line, at_column = getattr(e, "lineno", None), getattr(e, "colno", None)
            message = getattr(e, "msg", str(e))
            self.problem(
                Where(name, line=at_line),
                None,
                f"invalid TOML at line {at_line}, column {at_column}: {message}",
            )
            return None
        except RecursionError as e:  # tomli's limits on nesting and on a key's parts
            limit = str(e).removeprefix("TOML ") if str(e).startswith("TOML ") else ""
            self.problem(Where(name), None, f"invalid TOML: {limit or 'nesting is too deep'}")
            return None
        self.texts[name] = text
        self.digests.append((path.name, cache.digest(data)))
        return doc

    def tables(self, name: str, doc: dict[str, Any]) -> list[_Raw]:
        """The records of one document, each with where it stands."""
        raws: list[_Raw] = []
        for key, value in doc.items():
            if key == "meta":
                if isinstance(value, dict):
                    raws.append(_Raw(Where(name, "meta"), "meta", value))
                else:
                    self.problem(Where(name, key), None, "'meta' must be one table: [meta]")
            elif key in KINDS:
                if isinstance(value, list) and all(isinstance(v, dict) for v in value):
                    raws += [_Raw(Where(name, key, i), key, v) for i, v in enumerate(value)]
                else:
                    self.problem(
                        Where(name, key), None, f"'{key}' must be an array of tables: [[{key}]]"
                    )
            else:
                close = difflib.get_close_matches(key, [*KINDS, "meta"], n=1)
                header = "[meta]" if close == ["meta"] else f"[[{close[0]}]]" if close else ""
                hint = f" (did you mean '{header}'?)" if close else ""
                kinds = ", ".join(f"[[{k}]]" for k in KINDS)
                self.problem(
                    Where(name, key),
                    None,
                    f"unknown table '{_shown(key)}'{hint}; a fact file holds [meta], {kinds}",
                )
        return raws

    def fields(self, raw: _Raw) -> tuple[dict[str, Any], bool]:
        """The values of a record's fields that check out, and whether all of them did."""
        schema = SCHEMAS[raw.kind]
        values: dict[str, Any] = {}
        ok = True
        for key, value in raw.data.items():
            if key not in schema:
                close = difflib.get_close_matches(key, list(schema), n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                self.problem(raw.where, raw.label, f"unknown field '{_shown(key)}'{hint}")
                ok = False
                continue
            try:
                values[key] = schema[key][0](value)
            except _Bad as e:
                self.problem(raw.where, raw.label, f"'{key}': {e}")
                ok = False
        for key, (_, required) in schema.items():
            if required and key not in raw.data:
                self.problem(raw.where, raw.label, f"missing required field '{key}'")
                ok = False
        return values, ok

    def locate(self) -> list[Problem]:
        """Give every problem its line: the line of its record's table header."""
        headers: dict[tuple[str, str], list[int]] = {}

        def line_of(where: Where) -> int | None:
            if where.line is not None or where.table is None or where.path not in self.texts:
                return where.line
            key = (where.path, where.table)
            if key not in headers:
                headers[key] = _header_lines(self.texts[where.path], where.table)
            lines = headers[key]
            if len(lines) == 1:  # [[event]] once, or `event = [...]`: every record is there
                return lines[0]
            return lines[where.nth] if where.nth < len(lines) else None

        problems = []
        for where, record, message, also in self.problems:
            said = message
            if also is not None:
                line = line_of(also)
                said += f" (first at {also.path}:{line})" if line else f" (first in {also.path})"
            problems.append(Problem(where.path, line_of(where), record, said))
        return sorted(problems, key=lambda p: (p.path, p.line or 0))


def _header_lines(text: str, table: str) -> list[int]:
    """Line numbers of the headers ([[table]], [table] or `table =`) of one table name."""
    name = re.escape(table)
    quoted = rf'(?:{name}|"{name}"|\'{name}\')'
    pattern = re.compile(rf"^[ \t]*(?:\[\[?[ \t]*{quoted}[ \t]*\]\]?|{quoted}[ \t]*=)", re.M)
    lines, line, pos = [], 1, 0
    for m in pattern.finditer(text):
        line += text.count("\n", pos, m.start())  # one pass over the text, not one per match
        pos = m.start()
        lines.append(line)
    return lines


def toml_files(directory: Path) -> list[Path]:
    """The fact files of a directory, in the order they are read."""
    if not directory.is_dir():
        why = "is not a directory" if directory.exists() else "does not exist"
        raise FactsDirMissing(f"facts directory '{directory}' {why}")
    # A broken link is listed, to be reported as unreadable: skipped, its facts would vanish.
    return sorted(p for p in directory.glob("*.toml") if p.is_file() or p.is_symlink())


def load(directory: Path) -> FactBase:
    """Read and check every fact file; raise FactBaseError with every problem found."""
    # Loading builds trees of dicts, lists and records without a cycle among them, which
    # the cycle collector would only scan, again and again as they grow: it took a third
    # of the time of loading 100,000 events. Reference counting still frees everything.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load(directory)
    finally:
        if collecting:
            gc.enable()


def _load(directory: Path) -> FactBase:
    files = toml_files(directory)
    cached = cache.lookup(directory, files)
    if cached is not None:
        return cached
    loader = _Loader()
    if not files:
        loader.problem(Where(str(directory)), None, "no fact files (*.toml) in this directory")
    raws: list[_Raw] = []
    for path in files:
        doc = loader.read(path)
        if doc is not None:
            raws += loader.tables(str(path), doc)
    base = _build(loader, raws, tuple(str(p) for p in files))
    if loader.problems:
        raise FactBaseError(loader.locate())
    cache.store(directory, loader.digests, base)
    return base


def _build(loader: _Loader, raws: list[_Raw], files: tuple[str, ...]) -> FactBase:
    """Check every record and the references between them."""
    # Every record's references are checked, even when another of its fields is wrong,
    # so that one run of `validate` reports everything; only sound records are built.
    checked: dict[str, list[tuple[_Raw, dict[str, Any], bool]]] = {k: [] for k in (*KINDS, "meta")}
    for raw in raws:
        checked[raw.kind].append((raw, *loader.fields(raw)))

    meta = None
    first_meta: Where | None = None
    for raw, values, ok in checked["meta"]:
        if first_meta is None:  # the first [meta], sound or not: any other is one too many
            first_meta = raw.where
            meta = Meta(**values) if ok else None
        else:
            said = "a second [meta]: a fact base has at most one"
            loader.problem(raw.where, None, said, first_meta)

    countries = _countries(loader, [(r, v) for r, v, ok in checked["country"] if ok])
    index = CountryIndex(countries)
    org_ids = {v["id"] for _, v, _ in checked["org"] if "id" in v}

    known: dict[str, list[Country]] = {}  # a name is looked up once, however often it is used
    # and a misspelt one is matched against every name once: a base that misspells a name in
    # each of 100,000 events took more than twice as long to report it as to load.
    close_to: dict[str, str] = {}

    def country_refs(raw: _Raw, names: tuple[str, ...]) -> tuple[str, ...]:
        canonical = []
        for name in names:
            found = known.get(name)
            if found is None:
                found = known[name] = index.exact(name)
            if len(found) == 1:
                canonical.append(found[0].name)
            elif found:
                names_ = ", ".join(sorted(c.name for c in found))
                said = f"country '{_shown(name)}' is ambiguous: {names_}"
                loader.problem(raw.where, raw.label, said)
            else:
                hint = close_to.get(name)
                if hint is None:
                    close = index.suggest(name)
                    hint = close_to[name] = f" (did you mean {', '.join(close)}?)" if close else ""
                loader.problem(
                    raw.where,
                    raw.label,
                    f"unknown country '{_shown(name)}'{hint}: add a [[country]] for it",
                )
        return tuple(canonical)

    def org_refs(raw: _Raw, ids: tuple[str, ...]) -> None:
        for org_id in ids:
            if org_id not in org_ids:
                hint = close_to.get(f"org {org_id}")
                if hint is None:
                    close = difflib.get_close_matches(org_id, sorted(org_ids), n=1)
                    hint = f" (did you mean '{close[0]}'?)" if close else ""
                    close_to[f"org {org_id}"] = hint
                loader.problem(raw.where, raw.label, f"unknown org '{_shown(org_id)}'{hint}")

    for raw, values, _ in checked["org"]:
        if values.get("role") is Role.FORMER and "until" not in raw.data:
            loader.problem(raw.where, raw.label, "role 'former' needs 'until'")
        _check_order(loader, raw, values, "since", "until")
    for raw, values, _ in checked["dispute"]:
        values["countries"] = country_refs(raw, values.get("countries", ()))
        if values.get("status") is Status.RESOLVED and "resolved_on" not in raw.data:
            loader.problem(raw.where, raw.label, "status 'resolved' needs 'resolved_on'")
        _check_order(loader, raw, values, "since", "resolved_on")
    for raw, values, _ in checked["event"]:
        values["countries"] = country_refs(raw, values.get("countries", ()))
        org_refs(raw, values.get("orgs", ()))

    return FactBase(
        meta=meta,
        countries=countries,
        orgs=_unique(loader, checked["org"], Org),
        disputes=_unique(loader, checked["dispute"], Dispute),
        events=_unique(loader, checked["event"], Event),
        files=files,
    )


def _check_order(loader: _Loader, raw: _Raw, values: dict[str, Any], a: str, b: str) -> None:
    first, then = values.get(a), values.get(b)
    if first is not None and then is not None and then.end < first.start:
        loader.problem(raw.where, raw.label, f"'{b}' {then} is before '{a}' {first}")


def _unique(
    loader: _Loader, checked: list[tuple[_Raw, dict[str, Any], bool]], make: Callable[..., T]
) -> tuple[T, ...]:
    """Records made from sound values, reporting any whose id was taken before."""
    first: dict[str, Where] = {}
    records = []
    for raw, values, ok in checked:
        record_id = values.get("id")
        if record_id in first:
            loader.problem(
                raw.where,
                raw.label,
                f"duplicate {raw.kind} id '{_shown(record_id)}'",
                first[record_id],
            )
        elif record_id is not None:
            first[record_id] = raw.where
            if ok:
                records.append(make(**values))
    return tuple(records)


def _countries(loader: _Loader, checked: list[tuple[_Raw, dict[str, Any]]]) -> tuple[Country, ...]:
    """Countries, reporting any name, alias, code or id that another country already has."""
    owner: dict[str, str] = {}
    countries = []
    for raw, values in checked:
        country = Country(**values)
        names = [("name", country.name), *(("alias", a) for a in country.aliases),
                 ("iso2", country.iso2), ("iso3", country.iso3)]  # fmt: skip
        keys = {name_key(name): f"{field} '{_shown(name)}'" for field, name in names if name}
        keys.setdefault(country.id, f"id '{_shown(country.id)}'")  # a clash of names says so
        clashes = [
            (k, said) for k, said in keys.items() if owner.get(k, country.name) != country.name
        ]
        for key, said in clashes:
            other = _shown(owner[key])
            loader.problem(raw.where, raw.label, f"{said} already names country '{other}'")
        if not clashes:
            owner.update(dict.fromkeys(keys, country.name))
            countries.append(country)
    return tuple(countries)
