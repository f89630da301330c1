"""The options and arguments of the commands, declared once for Typer to read; what their
values become (or the usage error they are), and what TAB offers for them."""

# No `from __future__ import annotations`: Typer reads these annotations on every run.
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from factcli import __version__, completion, render
from factcli.dates import QueryError
from factcli.errors import fail
from factcli.factbase import about_facts, cached_load, facts_dir
from factcli.model import FactBase, Kind, PartialDate, Role, Status, TreatyStatus
from factcli.render import Format
from factcli.vocabulary import closed, roles, switch

_VERSION = "factcli.version"  # ctx.meta: --version was given, the fact base is still to say


def _version(ctx: typer.Context, value: bool) -> None:
    """--version: the tool's version at once, whatever follows; the fact base's after it."""
    if value and not ctx.resilient_parsing:
        render.write(f"factcli {__version__}\n")
        ctx.meta[_VERSION] = True


def _facts_dir(ctx: typer.Context, value: Path | None) -> Path | None:
    """--facts-dir, and where --version says what the fact base is."""
    # Click calls the callbacks of eager options (--version) before any other's, given or
    # not: here the fact base is known, from --facts-dir or FACTCLI_FACTS_DIR, in any order.
    if ctx.meta.get(_VERSION):
        about_facts(value)
        raise typer.Exit()
    return value


def _csv_safe(ctx: typer.Context, value: bool) -> bool:
    """--csv-safe, or else FACTCLI_CSV_SAFE (set but empty is unset, as Click has it)."""
    said = os.environ.get("FACTCLI_CSV_SAFE", "")
    if value or ctx.resilient_parsing or not said:
        return value
    try:
        return switch("FACTCLI_CSV_SAFE", said)
    except QueryError as e:
        fail(str(e))


def completer(
    candidates: Callable[[FactBase, str], completion.Candidates],
) -> Callable[[typer.Context, str], completion.Offers]:
    """A shell-completion callback offering values from the fact base in use."""

    def complete(ctx: typer.Context, incomplete: str) -> completion.Offers:
        try:
            base = cached_load(facts_dir(ctx))
        except Exception:  # a TAB offers nothing rather than errors on a broken fact base
            return []
        return completion.offers(candidates(base, incomplete))

    return complete


FactsDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--facts-dir",
        envvar="FACTCLI_FACTS_DIR",
        metavar="DIR",
        file_okay=False,
        callback=_facts_dir,
        help="Read the fact base from this directory instead of the shipped one.",
    ),
]

VersionOpt = Annotated[
    bool,
    typer.Option(
        "--version",
        callback=_version,
        is_eager=True,
        help="Print the version and the fact base's title, size and source.",
    ),
]

RoleOpt = Annotated[
    list[Role] | None,
    typer.Option(click_type=roles(), help="Membership role; repeat for any of several."),
]

CategoryOpt = Annotated[
    list[str] | None,
    typer.Option(
        metavar="CATEGORY",
        help="Category, e.g. un-mission; repeat for any of several.",
        autocompletion=completer(completion.categories),
    ),
]

CurrentOpt = Annotated[bool, typer.Option("--current", help="Only ties in force now.")]

EndedOpt = Annotated[
    bool, typer.Option("--ended", help="Only ties that ended, with how they ended.")
]

StatusOpt = Annotated[
    list[Status] | None,
    typer.Option(
        click_type=closed("status", Status), help="Dispute status; repeat for any of several."
    ),
]

TreatyStatusOpt = Annotated[
    list[TreatyStatus] | None,
    typer.Option(
        "--status",
        click_type=closed("status", TreatyStatus),
        help="Treaty status; repeat for any of several.",
    ),
]

ChartOpt = Annotated[
    bool,
    typer.Option("--chart", help="Each history as a line across the years (table mode only)."),
]

ChangesSinceOpt = Annotated[
    str | None,
    typer.Option("--since", metavar="DATE", help="Changes on or after DATE (YYYY[-MM[-DD]])."),
]

ChangesUntilOpt = Annotated[
    str | None,
    typer.Option("--until", metavar="DATE", help="Changes on or before DATE."),
]

ChangeKindOpt = Annotated[
    list[Kind] | None,
    typer.Option(
        "--kind",
        click_type=closed("kind", Kind),
        help="Changes of this kind; repeat for any of several.",
    ),
]

EventsOpt = Annotated[bool, typer.Option("--events", help="List the period's events too.")]

OrgOpt = Annotated[
    list[str] | None,
    typer.Option(
        metavar="ID",
        help="An organization id, e.g. nato; repeat for any of several.",
        autocompletion=completer(completion.orgs),
    ),
]

TagOpt = Annotated[
    list[str] | None,
    typer.Option(
        metavar="TAG",
        help="A tag, e.g. treaty; repeat for any of several.",
        autocompletion=completer(completion.tags),
    ),
]

YearOpt = Annotated[str | None, typer.Option(metavar="YYYY", help="Events in this year.")]

SinceOpt = Annotated[
    str | None,
    typer.Option(metavar="DATE", help="Events that end on or after DATE (YYYY[-MM[-DD]])."),
]

UntilOpt = Annotated[
    str | None,
    typer.Option(metavar="DATE", help="Events that start on or before DATE."),
]

LimitOpt = Annotated[int | None, typer.Option(min=0, metavar="N", help="Keep the first N.")]

ByYearOpt = Annotated[
    bool, typer.Option("--by-year", help="Count the events of each year: a bar chart.")
]

CountryArg = Annotated[
    str | None,
    typer.Argument(
        help="A name, alias or ISO code; without it, every country.",
        autocompletion=completer(completion.countries),
    ),
]

SearchArg = Annotated[
    list[str], typer.Argument(metavar="TEXT...", help="Words that must all appear.")
]

KindOpt = Annotated[
    Kind | None, typer.Option(click_type=closed("kind", Kind), help="Only this kind.")
]

DirArg = Annotated[
    Path | None,
    typer.Argument(metavar="[DIR]", help="The fact base to check (default: the one in use)."),
]

SqliteOpt = Annotated[
    Path,
    typer.Option(
        "--sqlite",
        metavar="FILE",  # a directory is refused by export, in the words of its other refusals
        help="The database file to write; it must not exist, unless --force.",
    ),
]

ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")]


FormatOpt = Annotated[
    Format,
    typer.Option("--format", "-f", click_type=closed("format", Format), help="Output format."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Same as --format json.")]
# Only csv has cells a spreadsheet runs; other formats ignore it, so the variable can be
# set once for a shell without breaking json.
CsvSafeOpt = Annotated[
    bool,
    typer.Option(
        "--csv-safe",
        callback=_csv_safe,  # or FACTCLI_CSV_SAFE, read there
        help="In csv, start a cell beginning with = + - @ with ' (text, not a formula). "
        "Also FACTCLI_CSV_SAFE=1.",
    ),
]
CountryOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--country",
        "-c",
        metavar="NAME",
        help="A name, alias or ISO code: Japan, JP, JPN, Nippon. Repeat for any of several.",
        autocompletion=completer(completion.countries),
    ),
]


def _fields(example: str) -> Any:  # typer.Option is typed Any, for defaults
    """--fields, its help with an example of the command's own fields."""
    return typer.Option(
        "--fields",
        metavar="FIELD,...",
        help=f"Only these fields, in this order (columns in a table), e.g. {example}.",
    )


OrgFieldsOpt = Annotated[str | None, _fields("id,role,until,end")]
DisputeFieldsOpt = Annotated[str | None, _fields("name,status,since")]
TreatyFieldsOpt = Annotated[str | None, _fields("id,status,since")]
EventFieldsOpt = Annotated[str | None, _fields("date,title; with --by-year, year,count")]
ChangeFieldsOpt = Annotated[str | None, _fields("date,kind,name,to")]
CountryFieldsOpt = Annotated[str | None, _fields("name,relation")]
SearchFieldsOpt = Annotated[str | None, _fields("kind,id")]  # whatever --kind is
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="As things stood during DATE (YYYY[-MM[-DD]]): the term in force then.",
    ),
]
QueryArg = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="[QUERY]...", help="Words that must all appear (any case, accents optional)."
    ),
]


# --- what the values become -----------------------------------------------------------------


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


def moment(text: str | None) -> PartialDate | None:
    """The DATE of --as-of, or exit with the date error."""
    from factcli import query

    try:
        return query.parse_date(text)
    except query.QueryError as e:
        fail(str(e))


def words(given: list[str] | None) -> str | None:
    return " ".join(given) if given else None


def no_chart(chart: bool, fmt: Format, chosen: list[str] | None) -> None:
    """--chart draws: with a data format or --fields it is a usage error that says so."""
    if chart and fmt is not Format.TABLE:
        fail(f"--chart draws a chart in table mode; it cannot be --format {fmt.value}")
    if chart and chosen:
        fail("--chart draws a chart of the histories; it takes no --fields")
