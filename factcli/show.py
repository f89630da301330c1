"""One way to show a result in any format: records as data, or a table or a notice.

Everything here is given already queried: no function filters, resolves a name or exits.
"""

from collections.abc import Callable, Sequence
from typing import Any, assert_never

from factcli import render
from factcli.dates import Period
from factcli.kinds import as_dict, output_fields, spec
from factcli.model import Country, Dispute, Event, FactBase, Kind, PartialDate, Record, Treaty
from factcli.render import Format, count


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
    kind: str,
    base: FactBase,
    records: Sequence[Record],
    fields: list[str] | None,
    csv_safe: bool = False,
    moment: PartialDate | None = None,
    *,
    total: int | None = None,
    time: str | None = None,
    chart: bool = False,
) -> None:
    """A list command's output; moment: the --as-of it answers, for the histories shown.

    total: how many matched, when --limit kept fewer ("3 of 18"). time: "current" or
    "ended", the ties `orgs` kept by when they held. chart: the histories as a chart, one
    line a record, instead of a table.
    """

    def table() -> None:
        from factcli import charts, tables  # table mode only: JSON never imports them

        if chart:
            charts.history_chart(said, records, moment.end if moment else None)
        else:
            getattr(tables, spec(kind).table_of)(said, records, moment)

    heading = spec(kind).heading
    when = f"as of {moment}" if moment is not None else f"{time} ties" if time else ""
    said = title(base.subject, heading, len(records), total, when)
    show(
        fmt,
        output_fields(kind),
        lambda: [as_dict(r) for r in records],
        table,
        empty=None if records else nothing(heading.split()[-1], total),
        title=said,
        fields=fields,
        csv_safe=csv_safe,
    )


def title(subject: str, heading: str, shown: int, total: int | None = None, when: str = "") -> str:
    """A table's title: what it lists, as of when, and how many; "2 of 18" when --limit kept
    2 of the 18 that matched ("Russia — treaties, as of 2000 (2 of 18)")."""
    n = f"{shown} of {total}" if total is not None else str(shown)
    return f"{subject} — {heading}{f', {when}' if when else ''} ({n})"


def nothing(things: str, total: int | None) -> str:
    """The notice of an empty table: none matched, or --limit 0 kept none of those that did."""
    if not total:
        return f"No {things} match."
    one = things[:-3] + "y" if things.endswith("ies") else things[:-1]
    return f"No {things} shown (--limit 0 of {total} matching {one if total == 1 else things})."


def unplaced(n: int, what: str, when: PartialDate | None) -> None:
    """Say how many records --as-of left out because no start is recorded for them."""
    if n and when is not None:
        said = "has" if n == 1 else "have"
        render.notice(
            f"Note: {count(n, what)} {said} no recorded start and could not be placed "
            f"as of {when}; not listed."
        )


YEAR_FIELDS = ("year", "count")


def timeline(
    fmt: Format,
    subject: str,
    years: Sequence[tuple[int, int]],
    fields: list[str] | None,
    csv_safe: bool = False,
    *,
    total: int | None = None,
) -> None:
    """events --by-year: a bar chart of the events per year, else the counts as data.

    total: how many events matched, when --limit kept fewer."""
    from factcli import charts  # table mode only: JSON never imports the table modules

    events = sum(n for _, n in years)
    n = count(events, "event") if total is None else f"{events} of {count(total, 'event')}"
    said = f"{subject} — events per year ({n})"
    show(
        fmt,
        YEAR_FIELDS,
        lambda: [{"year": year, "count": n} for year, n in years],
        lambda: charts.year_chart(said, years),
        empty=None if years else nothing("events", total),
        title=said,
        fields=fields,
        csv_safe=csv_safe,
    )


def countries(
    fmt: Format,
    subject: str,
    rows: Sequence[tuple[Country, int, int]],
    when: PartialDate | None,
    chosen: list[str] | None,
    csv_safe: bool = False,
) -> None:
    """country without NAME: every country with its dispute and event counts."""
    from factcli import profile  # table mode only: JSON never imports the table modules

    title_ = title(subject, "countries", len(rows), when=f"as of {when}" if when else "")
    show(
        fmt,
        [*output_fields(Kind.COUNTRY), "dispute_count", "event_count"],
        lambda: [
            {**as_dict(country), "dispute_count": disputes, "event_count": events}
            for country, disputes, events in rows
        ],
        lambda: profile.countries_table(title_, rows, when),
        empty=None,
        title=title_,
        fields=chosen,
        csv_safe=csv_safe,
    )


def country_page(
    fmt: Format,
    subject: str,
    country: Country,
    disputes: Sequence[Dispute],
    events: Sequence[Event],
    when: PartialDate | None,
    chosen: list[str] | None,
    csv_safe: bool = False,
    *,
    known: bool = True,
    treaties: Sequence[Treaty] = (),
) -> None:
    """country NAME: the relation line, notes, disputes and events, as of a moment if given.

    known: False for a real country the fact base holds nothing about.
    """
    from factcli import profile, tables

    page = {
        **as_dict(country),
        "disputes": [as_dict(d) for d in disputes],
        "treaties": [as_dict(t) for t in treaties],
        "events": [as_dict(e) for e in events],
    }
    if fmt is Format.CSV and not chosen:
        left_out()
    if fmt is not Format.TABLE:
        render.one(page, fmt, chosen, csv_safe=csv_safe)
    elif not known:
        render.notice(f"No facts about {country.name} in the fact base.")
    elif chosen:
        tables.fields_table(f"{subject} — {country.name}", [page], chosen)
    else:
        profile.country_profile(subject, country, disputes, events, when, treaties)


def left_out() -> None:
    """Say that a country's page in csv is its row alone."""
    render.notice(
        "Note: disputes, treaties and events are left out of csv; use --format json or jsonl."
    )


def subject_page(
    fmt: Format, base: FactBase, me: Country, chosen: list[str] | None, csv_safe: bool = False
) -> None:
    """country NAME for the fact base's subject: what it is, and where its facts are."""
    from factcli import profile, tables

    page = {
        **as_dict(me),
        "subject": True,
        "disputes": [as_dict(d) for d in base.disputes],
        "treaties": [as_dict(t) for t in base.treaties],
        "events": [as_dict(e) for e in base.events],
    }
    if fmt is Format.CSV and not chosen:
        left_out()
    if fmt is not Format.TABLE:
        render.one(page, fmt, chosen, csv_safe=csv_safe)
    elif chosen:
        tables.fields_table(f"{base.subject} — {me.name}", [page], chosen)
    else:
        counts = len(base.orgs), len(base.disputes), len(base.treaties), len(base.events)
        profile.subject_profile(base.subject, me, *counts)


def changes(
    fmt: Format,
    subject: str,
    rows: Sequence[Any],
    period: Period,
    fields: list[str] | None,
    csv_safe: bool = False,
) -> None:
    """changes: each change as {date, kind, id, name, field, from, to, end}, an event as its
    record; or a table, a row each."""
    from factcli.changes import FIELDS as HEADER

    if period.since is not None and period.since == period.until:
        span = f" in {period.since}"
    elif period != Period():
        span = f" from {period.since or '…'} to {period.until or '…'}"
    else:
        span = ""
    title = f"{subject} — changes{span} ({len(rows)})"

    def table() -> None:
        from factcli import tables

        tables.changes_table(title, rows)

    show(
        fmt,
        HEADER,
        lambda: [r.as_dict() if hasattr(r, "old") else as_dict(r) for r in rows],
        table,
        empty=None if rows else f"No changes{span}.",
        title=title,
        fields=fields,
        csv_safe=csv_safe,
    )
