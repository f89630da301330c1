"""What the commands ask of the fact base before show.py shows it.

The countries and filter values named, in the fact base's spelling, and the queries of the
`country` command: a part of the command layer, so it may refuse what was typed and exit (2).
"""

from collections.abc import Sequence
from typing import Any, TypeVar

from factcli import query, render, show
from factcli.countries import (
    AmbiguousCountry,
    CountryIndex,
    OutsideCountry,
    UnknownCountry,
    subject_country,
)
from factcli.dates import Period
from factcli.errors import fail
from factcli.model import Country, Dispute, FactBase, Kind, PartialDate, Treaty
from factcli.render import Format, count
from factcli.vocabulary import spelling

T = TypeVar("T")


def countries(base: FactBase, names: list[str] | None) -> list[str]:
    """The canonical names of the countries named by --country (none: no filter).

    Every record is about the subject, so naming it (`--country Russia`, `RU`) keeps every
    record, as `country Russia` lists them all; given with others, it still widens to all.
    """
    names = names or []
    if any(subject_country(base.countries, base.subject, n) for n in names):
        return []
    return list(dict.fromkeys(resolve(base, n).name for n in names))


def resolve(base: FactBase, name: str) -> Country | OutsideCountry:
    """The country a name, alias or code names; exit when it names none, or several."""
    try:
        return CountryIndex(base.countries).resolve(name)
    except (UnknownCountry, AmbiguousCountry) as e:
        fail(str(e))


def checked(
    what: str, values: list[str] | None, known: list[str], listed: str | None = None
) -> list[str]:
    """The fact base's spelling of each filter value given; exit on one it does not know
    (listed: where the values are listed, when there are too many to name)."""
    try:
        return [spelling(what, value, known, listed) for value in values or ()]
    except query.QueryError as e:
        fail(str(e))


def first(found: Sequence[T], limit: int | None) -> tuple[list[T], int | None]:
    """What --limit keeps of what matched, and how many matched when it kept fewer."""
    if limit is None or limit >= len(found):
        return list(found), None
    return list(found[:limit]), len(found)


def search(
    fmt: Format,
    base: FactBase,
    said: str,
    kind: Kind | None,
    limit: int | None,
    chosen: list[str] | None,
    csv_safe: bool,
) -> None:
    """search: the records of every kind (or one) that hold every word, the first N if asked."""
    from factcli import searching
    from factcli.kinds import as_dict, output_fields

    found, total = first(searching.search(base, said, kind), limit)

    def table() -> None:
        from factcli import tables

        tables.search_table(title, said, found)

    title = show.title(base.subject, f"search '{said}'", len(found), total)
    empty = show.nothing("records", total) if total else f"Nothing matches '{said}'."
    show.show(
        fmt,
        output_fields(kind) if kind else ["id", "kind"],
        lambda: [searching.named(as_dict(r)) if chosen else as_dict(r) for r in found],
        table,
        empty=None if found else empty,
        title=title,
        fields=chosen,
        csv_safe=csv_safe,
    )


def every_country(
    fmt: Format, base: FactBase, when: PartialDate | None, chosen: list[str] | None, csv_safe: bool
) -> None:
    """country without NAME: every country with its counts, as of a moment if given."""
    show.countries(fmt, base.subject, query.country_counts(base, when), when, chosen, csv_safe)
    if when is not None:
        lines = sum(query.unplaced(c.relations, when) for c in base.countries)
        show.unplaced(lines, "relation line", when)
        unknown: list[Dispute] = []
        query.disputes(base, as_of=when, unknown=unknown)
        show.unplaced(len(unknown), "dispute", when)


def one_country(
    fmt: Format,
    base: FactBase,
    name: str,
    when: PartialDate | None,
    chosen: list[str] | None,
    csv_safe: bool,
) -> None:
    """country NAME: the country named, as of a moment if given, with its disputes and events."""
    if (me := subject_country(base.countries, base.subject, name)) is not None:
        show.subject_page(fmt, base, me, chosen, csv_safe)  # the fact base's own subject
        return
    found = resolve(base, name)
    country = found.as_country() if isinstance(found, OutsideCountry) else found
    line_unknown = when is not None and query.unplaced(country.relations, when)
    country = query.as_of(country, when)
    unknown: list[Dispute] = []
    disputes = query.disputes(base, countries=[country.name], as_of=when, unknown=unknown)
    events = query.events(base, countries=[country.name], period=query.Period(until=when))
    pacts: list[Treaty] = []
    treaties = query.treaties(base, countries=[country.name], as_of=when, unknown=pacts)
    show.unplaced(int(line_unknown), "relation line", when)
    show.unplaced(len(unknown), "dispute", when)
    show.unplaced(len(pacts), "treaty", when)
    known = not isinstance(found, OutsideCountry)
    show.country_page(
        fmt, base.subject, country, disputes, events, when, chosen, csv_safe,
        known=known, treaties=treaties,
    )  # fmt: skip


def changes(
    fmt: Format,
    base: FactBase,
    period: Period,
    names: list[str] | None,
    kinds: list[Kind] | None,
    with_events: bool,
    chosen: list[str] | None,
    csv_safe: bool,
) -> None:
    """changes: what changed in the period, with the period's events if asked, in date order."""
    from factcli.changes import Change
    from factcli.changes import changes as changed

    countries_ = countries(base, names)
    wanted = [str(k) for k in kinds or ()]
    unknown: list[Change] = []
    found: list[Any] = changed(base, period, countries_, wanted, unknown)
    if (with_events and not wanted) or Kind.EVENT in wanted:  # --kind org: no events
        events = query.events(base, countries=countries_, period=period)
        found = sorted([*found, *events], key=lambda r: r.date.sort_key)  # stable: changes first
    show.changes(fmt, base.subject, found, period, chosen, csv_safe)
    if unknown:
        said = "has" if len(unknown) == 1 else "have"
        render.notice(
            f"Note: {count(len(unknown), 'change')} {said} no recorded date and could not be "
            "placed; not listed."
        )
