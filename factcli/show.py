"""One way to show a result in any format: records as data, or a table or a notice."""

from collections.abc import Callable, Sequence
from typing import Any, assert_never

from factcli import query, render
from factcli.context import count, fail, resolve
from factcli.countries import OutsideCountry, subject_country
from factcli.kinds import as_dict
from factcli.model import Dispute, FactBase, Kind, PartialDate, Record
from factcli.render import FIELDS, HEADINGS, Format


def show(
    fmt: Format,
    header: Sequence[str],
    objects: Callable[[], list[dict[str, Any]]],
    table: Callable[[], None],
    *,
    empty: str | None,
    title: str,
    fields: list[str] | None,
    csv_safe: bool = False,
) -> None:
    """A result in the chosen format: records as data, or a table (a notice when empty).

    header: the csv columns when nothing matched and no --fields were given.
    """
    match fmt:
        case Format.JSON | Format.JSONL | Format.CSV:
            render.data(objects(), fmt, fields, header, csv_safe=csv_safe)
        case Format.TABLE:
            if empty is not None:
                render.notice(empty)
            elif fields:
                from factcli import tables

                tables.fields_table(title, objects(), fields)
            else:
                table()
        case _:
            assert_never(fmt)


def records(
    fmt: Format,
    kind: Kind,
    base: FactBase,
    records: Sequence[Record],
    fields: list[str] | None,
    csv_safe: bool = False,
    moment: PartialDate | None = None,
) -> None:
    """A list command's output; moment: the --as-of it answers, for the histories shown."""

    def table() -> None:
        from factcli import tables  # table mode only: JSON never imports the table modules

        match kind:
            case Kind.DISPUTE:
                tables.print_disputes(base.subject, records, moment)  # type: ignore[arg-type]
            case Kind.ORG:
                tables.orgs_table(base.subject, records)  # type: ignore[arg-type]
            case _:
                tables.print_events(base.subject, records)  # type: ignore[arg-type]

    show(
        fmt,
        FIELDS[kind],
        lambda: [as_dict(r) for r in records],
        table,
        empty=None if records else f"No {HEADINGS[kind].split()[-1]} match.",
        title=f"{base.subject} — {HEADINGS[kind]} ({len(records)})",
        fields=fields,
        csv_safe=csv_safe,
    )


def unplaced(n: int, what: str, when: PartialDate | None) -> None:
    """Say how many records --as-of left out because no start is recorded for them."""
    if n and when is not None:
        said = "has" if n == 1 else "have"
        render.notice(
            f"Note: {count(n, what)} {said} no recorded start and could not be placed "
            f"as of {when}; not listed."
        )


def checked(what: str, values: list[str] | None, known: list[str]) -> list[str]:
    """The fact base's spelling of each filter value given; exit on one it does not know."""
    try:
        return [query.known(what, value, known) for value in values or ()]
    except query.QueryError as e:
        fail(str(e))


YEAR_FIELDS = ("year", "count")


def timeline(
    fmt: Format,
    subject: str,
    events: Sequence[Any],
    fields: list[str] | None,
    csv_safe: bool = False,
) -> None:
    """events --by-year: a bar chart of the events per year, else the counts as data."""
    from factcli import tables

    years = query.per_year(events)
    title = f"{subject} — events per year ({count(len(events), 'event')})"
    show(
        fmt,
        YEAR_FIELDS,
        lambda: [{"year": y.year, "count": y.events} for y in years],
        lambda: tables.year_chart(title, [(y.year, y.events) for y in years]),
        empty=None if years else "No events match.",
        title=title,
        fields=fields,
        csv_safe=csv_safe,
    )


def countries(
    fmt: Format,
    base: FactBase,
    when: PartialDate | None,
    chosen: list[str] | None,
    csv_safe: bool = False,
) -> None:
    """country without NAME: every country with its counts, as of a moment if given."""
    from factcli import profile  # table mode only: JSON never imports the table modules

    rows = query.country_counts(base, when)
    title = f"{base.subject} — countries ({len(rows)}){f', as of {when}' if when else ''}"
    show(
        fmt,
        [*FIELDS[Kind.COUNTRY], "dispute_count", "event_count"],
        lambda: [
            {**as_dict(r.country), "dispute_count": r.disputes, "event_count": r.events}
            for r in rows
        ],
        lambda: profile.countries_table(
            title, [(r.country, r.disputes, r.events) for r in rows], when
        ),
        empty=None,
        title=title,
        fields=chosen,
        csv_safe=csv_safe,
    )
    if when is not None:
        unplaced(
            sum(query.unplaced(c.relations, when) for c in base.countries), "relation line", when
        )
        unknown: list[Dispute] = []
        query.disputes(base, as_of=when, unknown=unknown)
        unplaced(len(unknown), "dispute", when)


def country_page(
    fmt: Format,
    base: FactBase,
    name: str,
    when: PartialDate | None,
    chosen: list[str] | None,
    csv_safe: bool = False,
) -> None:
    """country NAME: the relation line, notes, disputes and events, as of a moment if given."""
    from factcli import profile, tables

    if (me := subject_country(base.countries, base.subject, name)) is not None:
        subject_page(fmt, base, me, chosen, csv_safe)  # the fact base's own subject: not an error
        return
    found = resolve(base, name)
    subject = found.as_country() if isinstance(found, OutsideCountry) else found
    line_unknown = when is not None and query.unplaced(subject.relations, when)
    subject = query.as_of(subject, when)
    unknown: list[Dispute] = []
    its_disputes = query.disputes(base, countries=[subject.name], as_of=when, unknown=unknown)
    its_events = query.events(base, countries=[subject.name], period=query.Period(until=when))
    page = {
        **as_dict(subject),
        "disputes": [as_dict(d) for d in its_disputes],
        "events": [as_dict(e) for e in its_events],
    }
    unplaced(int(line_unknown), "relation line", when)
    unplaced(len(unknown), "dispute", when)
    if fmt is Format.CSV and not chosen:
        render.notice("Note: disputes and events are left out of csv; use --format json or jsonl.")
    if fmt is not Format.TABLE:
        render.one(page, fmt, chosen, csv_safe=csv_safe)
    elif isinstance(found, OutsideCountry):
        render.notice(f"No facts about {found.name} in the fact base.")
    elif chosen:
        tables.fields_table(f"{base.subject} — {subject.name}", [page], chosen)
    else:
        profile.country_profile(base.subject, subject, its_disputes, its_events, when)


def subject_page(
    fmt: Format, base: FactBase, me: Any, chosen: list[str] | None, csv_safe: bool = False
) -> None:
    """country NAME for the fact base's subject: what it is, and where its facts are."""
    from factcli import profile, tables

    every = [as_dict(d) for d in base.disputes], [as_dict(e) for e in base.events]
    page = {**as_dict(me), "subject": True, "disputes": every[0], "events": every[1]}
    if fmt is not Format.TABLE:
        render.one(page, fmt, chosen, csv_safe=csv_safe)
    elif chosen:
        tables.fields_table(f"{base.subject} — {me.name}", [page], chosen)
    else:
        counts = len(base.orgs), len(base.disputes), len(base.events)
        profile.subject_profile(base.subject, me, *counts)
