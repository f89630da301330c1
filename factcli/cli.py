"""The Typer app: each command parses options, calls query, calls render.

This is the one place where domain errors become messages and exit codes.
"""

# No `from __future__ import annotations` here: Typer reads every command's signature on
# every run, and string annotations make it compile and evaluate each one (about 12 ms).
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from factcli import __version__, completion, query, render
from factcli.countries import AmbiguousCountry, CountryIndex, OutsideCountry, UnknownCountry
from factcli.load import FactBaseError, FactsDirMissing, load
from factcli.model import Country, Event, FactBase, Kind, Record, Role, Status, as_dict, fold
from factcli.render import Format

USAGE, BROKEN = 2, 1
PROBLEMS_SHOWN = 10  # a broken base prints this many problems; `validate` prints them all

app = typer.Typer(
    name="factcli",
    no_args_is_help=True,
    rich_markup_mode=None,  # plain help and plain one-line errors, without importing Rich
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def shipped_facts() -> Path:
    """The fact base that ships with factcli: inside the wheel, or beside the source tree."""
    here = Path(__file__).parent
    inside = here / "facts"
    return inside if inside.is_dir() else here.parent / "facts"


def fail(message: str, code: int = USAGE) -> NoReturn:
    render.notice(f"Error: {message}")
    raise typer.Exit(code)


def facts_dir(ctx: typer.Context) -> Path:
    root = ctx.find_root()
    # While completing, the main callback has not run: the option is only parsed.
    given = root.obj or root.params.get("facts")
    return Path(given) if given else shipped_facts()


def fact_base(ctx: typer.Context) -> FactBase:
    """The fact base in use, or exit: 2 when its directory is missing, 1 when it is broken."""
    try:
        return load(facts_dir(ctx))
    except FactsDirMissing as e:
        fail(str(e))
    except FactBaseError as e:
        for problem in e.problems[:PROBLEMS_SHOWN]:
            render.notice(str(problem))
        more = len(e.problems) - PROBLEMS_SHOWN
        if more > 0:
            render.notice(f"... and {more} more")
        fail(
            f"the fact base has {_count(len(e.problems), 'problem')}; "
            "run 'factcli validate' to list them",
            BROKEN,
        )


def resolve(base: FactBase, name: str) -> Country | OutsideCountry:
    try:
        return CountryIndex(base.countries).resolve(name)
    except (UnknownCountry, AmbiguousCountry) as e:
        fail(str(e))


def output_format(fmt: Format, as_json: bool) -> Format:
    if as_json and fmt not in (Format.TABLE, Format.JSON):
        fail(f"--json and --format {fmt.value} contradict each other")
    return Format.JSON if as_json else fmt


def chosen_fields(given: str | None, available: Sequence[str]) -> list[str] | None:
    """The fields named by --fields, in order; exit when one is not a field of this output."""
    if given is None:
        return None
    fields = list(dict.fromkeys(f.strip() for f in given.split(",") if f.strip()))
    for field in fields or [given]:
        if field not in available:
            fail(f"unknown field '{field}'; available: {', '.join(available)}")
    return fields


def _words(words: list[str] | None) -> str | None:
    return " ".join(words) if words else None


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _completer(
    candidates: Callable[[FactBase, str], completion.Candidates],
) -> Callable[[typer.Context, str], completion.Offers]:
    """A shell-completion callback offering values from the fact base in use."""

    def complete(ctx: typer.Context, incomplete: str) -> completion.Offers:
        try:
            base = load(facts_dir(ctx))
        except Exception:  # a TAB offers nothing rather than errors on a broken fact base
            return []
        return completion.offers(candidates(base, incomplete))

    return complete


def _version(value: bool) -> None:
    if value:
        print(f"factcli {__version__}")
        raise typer.Exit()


FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", case_sensitive=False, help="Output format.")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Same as --format json.")]
CountryOpt = Annotated[
    str | None,
    typer.Option(
        "--country",
        "-c",
        metavar="NAME",
        help="A name, alias or ISO code: Japan, JP, JPN, Nippon.",
        autocompletion=_completer(completion.countries),
    ),
]
FieldsOpt = Annotated[
    str | None,
    typer.Option(
        "--fields",
        metavar="FIELD,...",
        help="Only these fields, in this order (columns in a table), e.g. id,name.",
    ),
]
QueryArg = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="[QUERY]...", help="Words that must all appear (any case, accents optional)."
    ),
]


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
            autocompletion=_completer(completion.categories),
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
    chosen = chosen_fields(fields, render.FIELDS["org"])
    base = fact_base(ctx)
    if category is not None:
        _known("category", category, query.known_categories(base))
    found = query.orgs(base, _words(text), role, category)
    _list(
        fmt,
        "org",
        found,
        lambda: render.orgs_table(base.subject, found),
        "organizations",
        subject=base.subject,
        fields=chosen,
    )


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
    chosen = chosen_fields(fields, render.FIELDS["dispute"])
    base = fact_base(ctx)
    name = resolve(base, country).name if country else None
    found = query.disputes(base, _words(text), name, status)
    _list(
        fmt,
        "dispute",
        found,
        lambda: render.print_disputes(base.subject, found),
        "disputes",
        subject=base.subject,
        fields=chosen,
    )


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
            autocompletion=_completer(completion.orgs),
        ),
    ] = None,
    tag: Annotated[
        str | None,
        typer.Option(
            metavar="TAG", help="A tag, e.g. treaty.", autocompletion=_completer(completion.tags)
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
    chosen = chosen_fields(fields, list(YEAR_FIELDS) if by_year else render.FIELDS["event"])
    try:
        period = query.Period.of(since, until, year)
    except query.QueryError as e:
        fail(str(e))
    base = fact_base(ctx)
    name = resolve(base, country).name if country else None
    if org is not None:
        org = _known("org", org, sorted(o.id for o in base.orgs))
    if tag is not None:
        _known("tag", tag, query.known_tags(base))
    found = query.events(base, _words(text), name, org, tag, period, limit)
    if by_year:
        _timeline(fmt, base.subject, found, chosen)
        return
    _list(
        fmt,
        "event",
        found,
        lambda: render.print_events(base.subject, found),
        "events",
        subject=base.subject,
        fields=chosen,
    )


@app.command()
def country(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            help="A name, alias or ISO code; without it, every country.",
            autocompletion=_completer(completion.countries),
        ),
    ] = None,
    fields: FieldsOpt = None,
    fmt: FormatOpt = Format.TABLE,
    as_json: JsonOpt = False,
) -> None:
    """One country's relations, disputes and events; or every country.

    Example: factcli country Georgia
    """
    fmt = output_format(fmt, as_json)
    extra = ["dispute_count", "event_count"] if name is None else ["disputes", "events"]
    chosen = chosen_fields(fields, [*render.FIELDS["country"], *extra])
    base = fact_base(ctx)
    if name is None:
        rows = query.country_counts(base)
        objects = [
            {**as_dict(r.country), "dispute_count": r.disputes, "event_count": r.events}
            for r in rows
        ]
        if fmt is not Format.TABLE:
            render.data(objects, fmt, "country", chosen)
        elif chosen:
            render.fields_table(f"{base.subject} — countries ({len(rows)})", objects, chosen)
        else:
            render.countries_table(base.subject, [(r.country, r.disputes, r.events) for r in rows])
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
    if fmt is not Format.TABLE:
        render.one(profile, fmt, chosen)
    elif isinstance(found, OutsideCountry):
        render.notice(f"No facts about {found.name} in the fact base.")
    elif chosen:
        render.fields_table(f"{base.subject} — {subject.name}", [profile], chosen)
    else:
        render.country_profile(base.subject, subject, its_disputes, its_events)


@app.command()
def search(
    ctx: typer.Context,
    words: Annotated[
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
    fmt = output_format(fmt, as_json)
    kinds = [kind.value] if kind else list(render.FIELDS)
    chosen = chosen_fields(fields, list(dict.fromkeys(f for k in kinds for f in render.FIELDS[k])))
    base = fact_base(ctx)
    text = " ".join(words)
    found = query.search(base, text, kind)
    if fmt is not Format.TABLE:
        render.data([as_dict(r) for r in found], fmt, kind.value if kind else None, chosen)
    elif not found:
        render.notice(f"Nothing matches '{text}'.")
    elif chosen:
        title = f"{base.subject} — search '{text}' ({len(found)})"
        render.fields_table(title, [as_dict(r) for r in found], chosen)
    else:
        render.search_table(base.subject, text, found)


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
        base = load(where)
    except FactsDirMissing as e:
        fail(str(e))
    except FactBaseError as e:
        files = {p.path for p in e.problems}
        for problem in e.problems:
            render.line(str(problem))
        render.write(f"{_count(len(e.problems), 'problem')} in {_count(len(files), 'file')}\n")
        raise typer.Exit(BROKEN) from None
    counts = [
        _count(len(base.countries), "country").replace("countrys", "countries"),
        _count(len(base.orgs), "org"),
        _count(len(base.disputes), "dispute"),
        _count(len(base.events), "event"),
    ]
    render.write(f"OK: {_count(len(base.files), 'file')}, {', '.join(counts)}\n")


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
        export.write_sqlite(base, sqlite, force=force)
    except export.ExportError as e:
        fail(str(e))


def _known(what: str, value: str, known: list[str]) -> str:
    """The fact base's spelling of a filter value; exit with a suggestion when it has none."""
    for k in known:
        if fold(k) == fold(value):
            return k
    import difflib

    close = difflib.get_close_matches(value, known, n=3)
    hint = f". Did you mean: {', '.join(close)}?" if close else ""
    fail(f"unknown {what} '{value}'{hint}")


def _list(
    fmt: Format,
    kind: str,
    records: Sequence[Record],
    table: Callable[[], None],
    plural: str,
    *,
    subject: str,
    fields: list[str] | None,
) -> None:
    """A list command's output: a table (or a notice when empty), else the records as data."""
    if fmt is not Format.TABLE:
        render.data([as_dict(r) for r in records], fmt, kind, fields)
    elif not records:
        render.notice(f"No {plural} match.")
    elif fields:
        title = f"{subject} — {render.HEADINGS[kind]} ({len(records)})"
        render.fields_table(title, [as_dict(r) for r in records], fields)
    else:
        table()


YEAR_FIELDS = ("year", "count")


def _timeline(fmt: Format, subject: str, events: Sequence[Event], fields: list[str] | None) -> None:
    """events --by-year: a bar chart of the events per year, else the counts as data."""
    years = query.per_year(events)
    if fmt is not Format.TABLE:
        counts = [{"year": y.year, "count": y.count} for y in years]
        render.data(counts, fmt, fields=fields or YEAR_FIELDS)
    elif not years:
        render.notice("No events match.")
    else:
        title = f"{subject} — events per year ({_count(len(events), 'event')})"
        render.year_chart(title, [(y.year, y.count) for y in years])


def run() -> None:
    """The console entry point: Ctrl-C ends with exit 130, a closed pipe quietly."""
    render.guard_stderr()
    try:
        command = typer.main.get_command(app)
        completion.use_factcli_shells()  # after get_command, which registers Typer's own
        # The name, not "python -m factcli": it names the completion variable, _FACTCLI_COMPLETE.
        command.main(prog_name="factcli")  # always ends in SystemExit
    except KeyboardInterrupt:  # outside Typer's own handler, e.g. while importing
        os._exit(130)
    except SystemExit as e:
        # Typer turns Ctrl-C into exit 130: stop now, rather than wait to flush output into
        # a pipe nobody reads. Otherwise flush here, where a reader that has gone can be
        # handled, not at shutdown, where Python would report it.
        if e.code == 130:
            os._exit(130)
        try:
            sys.stdout.flush()
        except KeyboardInterrupt:
            os._exit(130)
        except BrokenPipeError:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # drop the rest
            sys.exit(1)  # as Typer does for a pipe closed while it writes
        raise
