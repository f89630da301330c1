"""The Typer app: each command parses options, calls query, calls render.

This is, with context.py, the one place where domain errors become messages and exit codes.
"""

# No `from __future__ import annotations` here: Typer reads every command's signature on
# every run, and string annotations make it compile and evaluate each one (about 12 ms).
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any, assert_never

import typer

from factcli import __version__, completion, query, render
from factcli.context import (
    BROKEN,
    CountryOpt,
    FieldsOpt,
    FormatOpt,
    JsonOpt,
    QueryArg,
    chosen_fields,
    completer,
    count,
    fact_base,
    facts_dir,
    fail,
    output_format,
    resolve,
    words,
)
from factcli.countries import OutsideCountry, subject_country
from factcli.load import FactBaseError, FactsDirMissing, load
from factcli.model import FactBase, Kind, Record, Role, Status, as_dict
from factcli.render import FIELDS, HEADINGS, Format
from factcli.tables import help_width

app = typer.Typer(
    name="factcli",
    no_args_is_help=True,
    rich_markup_mode=None,  # plain help and plain one-line errors, without importing Rich
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"], "terminal_width": help_width()},
)


def _version(value: bool) -> None:
    if value:
        print(f"factcli {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    facts: Annotated[
        Path | None,
        typer.Option(
            "--facts-dir",
            envvar="FACTCLI_FACTS_DIR",
            metavar="DIR",
            file_okay=False,
            help="Read the fact base from this directory instead of the shipped one.",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Answer questions about a country's foreign relations from a fact base of TOML files.

    Example: factcli disputes --country Japan
    """
    ctx.obj = facts


def _show(
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


def _list(
    fmt: Format, kind: Kind, base: FactBase, records: Sequence[Record], fields: list[str] | None
) -> None:
    """A list command's output."""
    from factcli import tables

    draw = {
        Kind.ORG: tables.orgs_table,
        Kind.DISPUTE: tables.print_disputes,
        Kind.EVENT: tables.print_events,
    }[kind]
    _show(
        fmt,
        FIELDS[kind],
        lambda: [as_dict(r) for r in records],
        lambda: draw(base.subject, records),  # type: ignore[operator]
        empty=None if records else f"No {HEADINGS[kind].split()[-1]} match.",
        title=f"{base.subject} — {HEADINGS[kind]} ({len(records)})",
        fields=fields,
    )


def _checked(base: FactBase, what: str, value: str | None, known: list[str]) -> str | None:
    try:
        return None if value is None else query.known(what, value, known)
    except query.QueryError as e:
        fail(str(e))


@app.command()
def orgs(
    ctx: typer.Context,
    text: QueryArg = None,
    role: Annotated[
        Role | None, typer.Option(case_sensitive=False, help="Membership role.")
    ] = None,
    category: Annotated[
        str | None,
        typer.Option(
            metavar="CATEGORY",
            help="Category, e.g. un-mission.",
            autocompletion=completer(completion.categories),
        ),
    ] = None,
    fields: FieldsOpt = None,
    fmt: FormatOpt = Format.TABLE,
    as_json: JsonOpt = False,
) -> None:
    """International organizations, by name.

    Example: factcli orgs --role observer
    """
    fmt = output_format(fmt, as_json)
    chosen = chosen_fields(fields, FIELDS[Kind.ORG])
    base = fact_base(ctx)
    _checked(base, "category", category, query.known_categories(base))
    _list(fmt, Kind.ORG, base, query.orgs(base, words(text), role, category), chosen)


@app.command()
def disputes(
    ctx: typer.Context,
    text: QueryArg = None,
    country: CountryOpt = None,
    status: Annotated[
        Status | None, typer.Option(case_sensitive=False, help="Dispute status.")
    ] = None,
    fields: FieldsOpt = None,
    fmt: FormatOpt = Format.TABLE,
    as_json: JsonOpt = False,
) -> None:
    """Territorial disputes, by name.

    Example: factcli disputes --country Japan
    """
    fmt = output_format(fmt, as_json)
    chosen = chosen_fields(fields, FIELDS[Kind.DISPUTE])
    base = fact_base(ctx)
    name = resolve(base, country).name if country else None
    _list(fmt, Kind.DISPUTE, base, query.disputes(base, words(text), name, status), chosen)


@app.command()
def events(
    ctx: typer.Context,
    text: QueryArg = None,
    country: CountryOpt = None,
    org: Annotated[
        str | None,
        typer.Option(
            metavar="ID",
            help="An organization id, e.g. nato.",
            autocompletion=completer(completion.orgs),
        ),
    ] = None,
    tag: Annotated[
        str | None,
        typer.Option(
            metavar="TAG", help="A tag, e.g. treaty.", autocompletion=completer(completion.tags)
        ),
    ] = None,
    year: Annotated[str | None, typer.Option(metavar="YYYY", help="Events in this year.")] = None,
    since: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="Events that end on or after DATE (YYYY[-MM[-DD]])."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="Events that start on or before DATE."),
    ] = None,
    limit: Annotated[int | None, typer.Option(min=0, metavar="N", help="Keep the first N.")] = None,
    by_year: Annotated[
        bool, typer.Option("--by-year", help="Count the events of each year: a bar chart.")
    ] = False,
    fields: FieldsOpt = None,
    fmt: FormatOpt = Format.TABLE,
    as_json: JsonOpt = False,
) -> None:
    """Dated events, earliest first.

    Example: factcli events --year 2007
    """
    fmt = output_format(fmt, as_json)
    chosen = chosen_fields(fields, list(YEAR_FIELDS) if by_year else FIELDS[Kind.EVENT])
    try:
        period = query.Period.of(since, until, year)
    except query.QueryError as e:
        fail(str(e))
    base = fact_base(ctx)
    name = resolve(base, country).name if country else None
    org = _checked(base, "org", org, sorted(o.id for o in base.orgs))
    _checked(base, "tag", tag, query.known_tags(base))
    found = query.events(base, words(text), name, org, tag, period, limit)
    if by_year:
        _timeline(fmt, base.subject, found, chosen)
    else:
        _list(fmt, Kind.EVENT, base, found, chosen)


YEAR_FIELDS = ("year", "count")


def _timeline(fmt: Format, subject: str, events: Sequence[Any], fields: list[str] | None) -> None:
    """events --by-year: a bar chart of the events per year, else the counts as data."""
    from factcli import tables

    years = query.per_year(events)
    title = f"{subject} — events per year ({count(len(events), 'event')})"
    _show(
        fmt,
        YEAR_FIELDS,
        lambda: [{"year": y.year, "count": y.count} for y in years],
        lambda: tables.year_chart(title, [(y.year, y.count) for y in years]),
        empty=None if years else "No events match.",
        title=title,
        fields=fields,
    )


@app.command()
def country(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            help="A name, alias or ISO code; without it, every country.",
            autocompletion=completer(completion.countries),
        ),
    ] = None,
    fields: FieldsOpt = None,
    fmt: FormatOpt = Format.TABLE,
    as_json: JsonOpt = False,
) -> None:
    """One country's relations, disputes and events; or every country.

    Example: factcli country Georgia
    """
    from factcli import tables

    fmt = output_format(fmt, as_json)
    extra = ["dispute_count", "event_count"] if name is None else ["disputes", "events"]
    chosen = chosen_fields(fields, [*FIELDS[Kind.COUNTRY], *extra])
    base = fact_base(ctx)
    if name is None:
        rows = query.country_counts(base)
        _show(
            fmt,
            [*FIELDS[Kind.COUNTRY], "dispute_count", "event_count"],
            lambda: [
                {**as_dict(r.country), "dispute_count": r.disputes, "event_count": r.events}
                for r in rows
            ],
            lambda: tables.countries_table(
                base.subject, [(r.country, r.disputes, r.events) for r in rows]
            ),
            empty=None,
            title=f"{base.subject} — countries ({len(rows)})",
            fields=chosen,
        )
        return
    if (me := subject_country(base.countries, base.subject, name)) is not None:
        _the_subject(fmt, base, me, chosen)  # the fact base's own subject: not an error
        return
    found = resolve(base, name)
    subject = found.as_country() if isinstance(found, OutsideCountry) else found
    its_disputes = query.disputes(base, country=subject.name)
    its_events = query.events(base, country=subject.name)
    profile = {
        **as_dict(subject),
        "disputes": [as_dict(d) for d in its_disputes],
        "events": [as_dict(e) for e in its_events],
    }
    if fmt is Format.CSV and not chosen:
        render.notice("Note: disputes and events are left out of csv; use --format json or jsonl.")
    if fmt is not Format.TABLE:
        render.one(profile, fmt, chosen)
    elif isinstance(found, OutsideCountry):
        render.notice(f"No facts about {found.name} in the fact base.")
    elif chosen:
        tables.fields_table(f"{base.subject} — {subject.name}", [profile], chosen)
    else:
        tables.country_profile(base.subject, subject, its_disputes, its_events)


def _the_subject(fmt: Format, base: FactBase, me: Any, chosen: list[str] | None) -> None:
    """country NAME for the fact base's subject: what it is, and where its facts are."""
    from factcli import tables

    every = [as_dict(d) for d in base.disputes], [as_dict(e) for e in base.events]
    profile = {**as_dict(me), "subject": True, "disputes": every[0], "events": every[1]}
    if fmt is not Format.TABLE:
        render.one(profile, fmt, chosen)
    elif chosen:
        tables.fields_table(f"{base.subject} — {me.name}", [profile], chosen)
    else:
        counts = len(base.orgs), len(base.disputes), len(base.events)
        tables.subject_profile(base.subject, me, *counts)


@app.command()
def search(
    ctx: typer.Context,
    text: Annotated[
        list[str], typer.Argument(metavar="TEXT...", help="Words that must all appear.")
    ],
    kind: Annotated[Kind | None, typer.Option(case_sensitive=False, help="Only this kind.")] = None,
    fields: FieldsOpt = None,
    fmt: FormatOpt = Format.TABLE,
    as_json: JsonOpt = False,
) -> None:
    """Search every kind of fact at once.

    Example: factcli search kuril
    """
    from factcli import tables

    fmt = output_format(fmt, as_json)
    kinds = [kind.value] if kind else list(FIELDS)
    chosen = chosen_fields(fields, list(dict.fromkeys(f for k in kinds for f in FIELDS[k])))
    base = fact_base(ctx)
    said = " ".join(text)
    found = query.search(base, said, kind)
    _show(
        fmt,
        FIELDS[kind] if kind else ["id", "kind"],
        lambda: [query.named(as_dict(r)) if chosen else as_dict(r) for r in found],
        lambda: tables.search_table(base.subject, said, found),
        empty=None if found else f"Nothing matches '{said}'.",
        title=f"{base.subject} — search '{said}' ({len(found)})",
        fields=chosen,
    )


@app.command()
def validate(
    ctx: typer.Context,
    directory: Annotated[
        Path | None,
        typer.Argument(metavar="[DIR]", help="The fact base to check (default: the one in use)."),
    ] = None,
) -> None:
    """Check a fact base and list every problem.

    Example: factcli validate my-facts/
    """
    where = directory or facts_dir(ctx)
    try:
        base = load(where)  # always the files themselves, never the cache
    except FactsDirMissing as e:
        fail(str(e))
    except FactBaseError as e:
        files = {p.path for p in e.problems}
        for problem in e.problems:
            render.line(str(problem))
        render.write(f"{count(len(e.problems), 'problem')} in {count(len(files), 'file')}\n")
        raise typer.Exit(BROKEN) from None
    counts = [
        count(len(base.countries), "country"),
        count(len(base.orgs), "org"),
        count(len(base.disputes), "dispute"),
        count(len(base.events), "event"),
    ]
    render.write(f"OK: {count(len(base.files), 'file')}, {', '.join(counts)}\n")


@app.command()
def export(
    ctx: typer.Context,
    sqlite: Annotated[
        Path,
        typer.Option(
            "--sqlite",
            metavar="FILE",
            dir_okay=False,
            help="The database file to write; it must not exist, unless --force.",
        ),
    ],
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
) -> None:
    """Write the fact base to a SQLite database.

    A table per kind and link tables for references, for SQL joins, Datasette or sqlite-utils.

    Example: factcli export --sqlite facts.db
    """
    from factcli import export  # sqlite3 only for this command

    base = fact_base(ctx)
    try:
        said = export.write_sqlite(base, sqlite, force=force)
    except export.ExportError as e:
        fail(str(e))
    render.notice(said)


@app.command()
def schema() -> None:
    """Print the JSON Schema of a fact file, for TOML editors (taplo, tombi).

    Example: factcli schema > factcli.schema.json
    """
    import json

    from factcli.schema import fact_file_schema

    render.write(json.dumps(fact_file_schema(), ensure_ascii=False, indent=2) + "\n")
