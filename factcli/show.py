"""One way to show a result in any format: records as data, or a table or a notice."""

from collections.abc import Callable, Sequence
from typing import Any, assert_never

from factcli import query, render
from factcli.context import count, fail
from factcli.model import FactBase, Kind, Record, as_dict
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
) -> None:
    """A result in the chosen format: records as data, or a table (a notice when empty).

    header: the csv columns when nothing matched and no --fields were given.
    """
    match fmt:
        case Format.JSON | Format.JSONL | Format.CSV:
            render.data(objects(), fmt, fields, header)
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
    fmt: Format, kind: Kind, base: FactBase, records: Sequence[Record], fields: list[str] | None
) -> None:
    """A list command's output."""
    from factcli import tables

    draw = {
        Kind.ORG: tables.orgs_table,
        Kind.DISPUTE: tables.print_disputes,
        Kind.EVENT: tables.print_events,
    }[kind]
    show(
        fmt,
        FIELDS[kind],
        lambda: [as_dict(r) for r in records],
        lambda: draw(base.subject, records),  # type: ignore[operator]
        empty=None if records else f"No {HEADINGS[kind].split()[-1]} match.",
        title=f"{base.subject} — {HEADINGS[kind]} ({len(records)})",
        fields=fields,
    )


def checked(what: str, values: list[str] | None, known: list[str]) -> list[str]:
    """The fact base's spelling of each filter value given; exit on one it does not know."""
    try:
        return [query.known(what, value, known) for value in values or ()]
    except query.QueryError as e:
        fail(str(e))


YEAR_FIELDS = ("year", "count")


def timeline(fmt: Format, subject: str, events: Sequence[Any], fields: list[str] | None) -> None:
    """events --by-year: a bar chart of the events per year, else the counts as data."""
    from factcli import tables

    years = query.per_year(events)
    title = f"{subject} — events per year ({count(len(events), 'event')})"
    show(
        fmt,
        YEAR_FIELDS,
        lambda: [{"year": y.year, "count": y.count} for y in years],
        lambda: tables.year_chart(title, [(y.year, y.count) for y in years]),
        empty=None if years else "No events match.",
        title=title,
        fields=fields,
    )
