"""Properties, checked with hypothesis: dates, date filters, country names, and the loader.

The loader properties write generated TOML with the small writer below rather than
tomli_w: it is twenty lines, it can also write what no TOML library would (the
documents are hostile on purpose), and test_the_writer_round_trips keeps it honest.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import tomli
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from factcli.check import schema
from factcli.countries import CountryIndex, names_another, typed_key
from factcli.country_names import ALIASES
from factcli.iso import ALPHA3
from factcli.kinds import KINDS, tables
from factcli.load import FactBaseError, load
from factcli.model import Country, FactBase, PartialDate, fold, slug
from factcli.query import Period, QueryError

# Modest example counts keep the whole file to a few seconds. SLOW: examples that are
# costly to draw (country lists, TOML documents) or to check (fact files written and
# loaded); 40 a run still reach every shape the strategies make, and each run draws anew.
QUICK = settings(max_examples=150, deadline=None)
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- dates -----------------------------------------------------------------------------------


@st.composite
def partial_dates(draw: st.DrawFn, years: tuple[int, int] = (1, 9999)) -> PartialDate:
    day = draw(st.dates(dt.date(years[0], 1, 1), dt.date(years[1], 12, 31)))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return PartialDate(day.year)
    if precision == "month":
        return PartialDate(day.year, day.month)
    return PartialDate.from_date(day)


def days(first: dt.date, last: dt.date) -> set[dt.date]:
    return {first + dt.timedelta(n) for n in range((last - first).days + 1)}


@QUICK
@given(partial_dates())
@example(PartialDate(9999, 12))
@example(PartialDate(2008, 2))
def test_a_date_prints_as_it_parses(date: PartialDate) -> None:
    assert PartialDate.parse(str(date)) == date
    assert date.start <= date.end
    # The period is exactly the days whose own text starts with the date's text.
    assert str(PartialDate.from_date(date.start)).startswith(str(date))
    assert str(PartialDate.from_date(date.end)).startswith(str(date))
    if date.end < dt.date.max:
        assert not str(PartialDate.from_date(date.end + dt.timedelta(1))).startswith(str(date))


@QUICK
@given(st.text(alphabet="0123456789-٠١٢٣٤٥٦٧٨٩０１２ x", max_size=12))
@example("2007-02-29")
@example("٢٠٠٧")
def test_whatever_parses_prints_back_exactly(text: str) -> None:
    try:
        date = PartialDate.parse(text)
    except ValueError as e:
        error = str(e)
    else:
        assert str(date) == text
        return
    assert error == f"invalid date '{text}'"


@QUICK
@given(partial_dates(), partial_dates())
def test_sorting_puts_the_earlier_start_first_and_a_period_before_its_days(
    a: PartialDate, b: PartialDate
) -> None:
    if a.start != b.start:
        assert (a.sort_key < b.sort_key) == (a.start < b.start)
    elif a != b:
        # Same first day: the one that covers more days comes first.
        wider = a if a.end > b.end else b
        assert min(a, b, key=lambda d: d.sort_key) == wider
    else:
        assert a.sort_key == b.sort_key


WINDOW = (2006, 2008)  # a few years, so that overlaps are common and days are few


@QUICK
@given(
    partial_dates(WINDOW),
    st.none() | partial_dates(WINDOW),
    st.none() | partial_dates(WINDOW),
)
def test_the_date_filter_keeps_exactly_what_overlaps_day_by_day(
    fact: PartialDate, since: PartialDate | None, until: PartialDate | None
) -> None:
    try:
        period = Period.of(
            None if since is None else str(since), None if until is None else str(until), None
        )
    except QueryError as e:
        error = str(e)
    else:
        first = since.start if since else dt.date(WINDOW[0] - 1, 1, 1)
        last = until.end if until else dt.date(WINDOW[1] + 1, 12, 31)
        assert period.keeps(fact) == bool(days(first, last) & days(fact.start, fact.end))
        return
    assert since is not None
    assert until is not None
    assert since.start > until.end
    assert error == f"--since {since} is after --until {until}"


@QUICK
@given(partial_dates(WINDOW), st.integers(WINDOW[0], WINDOW[1]))
def test_year_is_since_and_until_that_year(fact: PartialDate, year: int) -> None:
    keeps = Period.of(None, None, str(year)).keeps(fact)
    assert keeps == Period.of(str(year), str(year), None).keeps(fact)
    assert keeps == (fact.start.year <= year <= fact.end.year)


# --- country names ---------------------------------------------------------------------------

# Letters that have one upper and one lower case form, accented ones included: a name in any
# letter case is the same name. (Turkish dotless i has no such pair, and no country uses it.)
LETTERS = "abcdefghijklmnopqrstuvwxyzéèüöçñåø"
# Names of no real country: a fact base may not give its country another's ("uk", "korea").
names = st.text(alphabet=LETTERS + " -'", min_size=1, max_size=20).filter(
    lambda s: any(c.isalpha() for c in s) and names_another(s, set(), alias=True) is None
    and typed_key(s) not in ALIASES
)  # fmt: skip
codes = st.sampled_from(sorted(ALPHA3.items()))  # ISO 3166-1: alpha-2 and alpha-3 of one


def key(name: str) -> str:
    return " ".join(fold(name).split())


@st.composite
def country_lists(draw: st.DrawFn) -> list[Country]:
    """Countries whose names, aliases and codes are all different (as the loader demands)."""
    taken: set[str] = set()

    def fresh(strategy: st.SearchStrategy[str]) -> str:
        value = draw(strategy.filter(lambda s: key(s) not in taken))
        taken.add(key(value))
        return value

    def fresh_codes() -> tuple[str, str]:
        pair = draw(codes.filter(lambda p: not {key(p[0]), key(p[1])} & taken))
        taken.update(map(key, pair))
        return pair

    def fresh_name() -> str:  # its slug is the country's id, which no other name may be
        value = draw(names.filter(lambda s: not {key(s), slug(s)} & taken))
        taken.update((key(value), slug(value)))
        return value

    countries = []
    for _ in range(draw(st.integers(1, 6))):
        name, (iso2, iso3) = fresh_name(), fresh_codes()
        countries.append(
            Country(
                name=name,
                iso2=iso2,
                iso3=iso3,
                aliases=tuple(fresh(names) for _ in range(draw(st.integers(0, 3)))),
                sources=("s",),
            )
        )
    return countries


def any_case(data: st.DataObject, text: str) -> str:
    flips = data.draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    return "".join(c.upper() if up else c.lower() for c, up in zip(text, flips, strict=True))


@SLOW
@given(country_lists(), st.data())
@example(
    [Country(name=" Japan", iso2="JP", iso3="JPN", aliases=("Nip  pon",), sources=("s",))],
    None,
).via("a name with stray spaces")
def test_every_name_alias_and_code_finds_its_country_in_any_case(
    countries: list[Country], data: st.DataObject | None
) -> None:
    index = CountryIndex(countries)
    for country in countries:
        for name in (country.name, *country.aliases, country.iso2 or "", country.iso3 or ""):
            typed = any_case(data, name) if data else name.upper()
            assert index.resolve(typed) == country
            assert index.resolve(f" {typed} ") == country


@SLOW
@given(country_lists())
def test_the_loader_accepts_every_generated_country_list(countries: list[Country]) -> None:
    """What the index resolves, the loader must accept: references by any name load."""
    docs = {
        "country": [
            {"name": c.name, "iso2": c.iso2, "iso3": c.iso3, "aliases": list(c.aliases),
             "sources": ["s"]}
            for c in countries
        ],
        "event": [
            {"id": f"e{i}", "date": "2001", "title": "t", "countries": [ref], "sources": ["s"]}
            for i, ref in enumerate(
                ref
                for c in countries
                for ref in [c.name.upper(), *(a.lower() for a in c.aliases), c.iso3 or ""]
            )
        ],
    }  # fmt: skip
    found = load_or_problems({"facts.toml": toml(docs).encode()})
    assert isinstance(found, FactBase), "\n".join(map(str, found.problems))
    base = found
    assert [c.name for c in base.countries] == [c.name for c in countries]
    by_name = {c.name for c in countries}
    assert all(e.countries[0] in by_name for e in base.events)


# --- the loader on hostile documents ---------------------------------------------------------

BARE = re.compile(r"[A-Za-z0-9_-]+")


def toml_key(k: str) -> str:
    return k if BARE.fullmatch(k) else toml_string(k)


def toml_string(s: str) -> str:
    def char(c: str) -> str:
        if c in '"\\':
            return "\\" + c
        return f"\\u{ord(c):04x}" if ord(c) < 0x20 or ord(c) == 0x7F else c

    return '"' + "".join(char(c) for c in s) + '"'


def toml_value(v: Any) -> str:
    """One TOML value, inline."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return toml_string(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v) or math.isinf(v):
            return "nan" if math.isnan(v) else "inf" if v > 0 else "-inf"
        return repr(v)
    if isinstance(v, dt.date | dt.time):
        return v.isoformat()
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    assert isinstance(v, dict)
    return "{" + ", ".join(f"{toml_key(k)} = {toml_value(x)}" for k, x in v.items()) + "}"


def toml(doc: dict[str, Any]) -> str:
    """A document: tables and arrays of tables get headers, like a hand-written fact file."""

    def body(table: dict[str, Any]) -> list[str]:
        return [f"{toml_key(k)} = {toml_value(v)}" for k, v in table.items()]

    def tables(v: Any) -> bool:
        return isinstance(v, list) and bool(v) and all(isinstance(x, dict) for x in v)

    lines = body({k: v for k, v in doc.items() if not isinstance(v, dict) and not tables(v)})
    for k, v in doc.items():
        if isinstance(v, dict):
            lines += ["", f"[{toml_key(k)}]", *body(v)]
        elif tables(v):
            for table in v:
                lines += ["", f"[[{toml_key(k)}]]", *body(table)]
    return "\n".join(lines) + "\n"


# Keys and values that a fact file holds, mixed with ones it must not.
FIELDS = sorted({f for cls in tables().values() for f in schema(cls)})
keys = st.sampled_from([*FIELDS, "tittle", "Name", "ids"]) | st.text(max_size=8)
plausible = st.sampled_from(
    ["Japan", "JP", "jpn", "Nippon", "Atlantis", "2007", "2007-02", "2007-02-30", "1997-05-27",
     "member", "former", "resolved", "unresolved", "sco", "nato", "e1", "Has Spaces", "", " ",
     "\x1b[31m", "[bold]x[/]", "\u202e", "9999-12", "0000"]
)  # fmt: skip
scalars = (
    plausible
    | st.text(max_size=10)
    | st.integers()
    | st.floats()
    | st.booleans()
    | st.dates()
    | st.datetimes()
    | st.times()
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
    max_leaves=6,
)
records = st.dictionaries(keys, values | st.lists(plausible, max_size=3), max_size=9)
documents = st.dictionaries(
    st.sampled_from([*(s.table for s in KINDS.values()), "meta", "evnet"]) | st.text(max_size=6),
    st.lists(records, max_size=3) | records | values,
    max_size=5,
)


@contextmanager
def fact_dir(files: dict[str, bytes]) -> Iterator[Path]:
    # hypothesis runs many examples per test: a fresh directory for each, not tmp_path.
    root = Path(tempfile.mkdtemp(prefix="factcli-prop-"))
    try:
        for name, data in files.items():
            (root / name).write_bytes(data)
        yield root
    finally:
        shutil.rmtree(root)


def load_or_problems(files: dict[str, bytes]) -> FactBase | FactBaseError:
    """load() must give a FactBase or a FactBaseError; any other exception fails the test."""
    with fact_dir(files) as directory:
        try:
            return load(directory)
        except FactBaseError as e:
            error = e
        for p in error.problems:
            assert p.path.startswith(str(directory))
            text = files[Path(p.path).name] if p.path != str(directory) else b""
            assert p.line is None or 1 <= p.line <= text.count(b"\n") + 1
            assert p.line is not None or p.record is None, f"no line for {p}"
            assert p.message
        assert error.problems
        assert [p.path for p in error.problems] == sorted(p.path for p in error.problems)
        return error


@SLOW
@given(documents)
def test_the_writer_round_trips(doc: dict[str, Any]) -> None:
    def same(a: Any, b: Any) -> bool:  # nan is not equal to itself
        if isinstance(a, float) and isinstance(b, float):
            return a == b or (math.isnan(a) and math.isnan(b))
        if isinstance(a, list) and isinstance(b, list):
            return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
        if isinstance(a, dict) and isinstance(b, dict):
            return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
        return type(a) is type(b) and a == b

    assume(not any(k == "" for k in doc))  # "" is a valid key but headers [""] read oddly
    assert same(tomli.loads(toml(doc)), doc)


@SLOW
@given(st.lists(documents, min_size=1, max_size=3))
def test_any_toml_document_loads_or_gives_problems(docs: list[dict[str, Any]]) -> None:
    load_or_problems({f"f{i}.toml": toml(doc).encode() for i, doc in enumerate(docs)})


@SLOW
@given(st.binary(max_size=300), st.sampled_from([b"", b'[[event]]\nid = "x"\n', b"[meta]\n"]))
def test_any_bytes_load_or_give_problems(data: bytes, prefix: bytes) -> None:
    load_or_problems({"a.toml": prefix + data})


@SLOW
@given(st.text(max_size=300))
def test_any_text_loads_or_gives_problems(text: str) -> None:
    load_or_problems({"a.toml": text.encode("utf-8", "surrogatepass")})
