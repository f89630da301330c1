"""The Typer app: each command parses options, calls query, calls show.

This is, with errors.py, the one place where domain errors become messages and exit codes.
"""

# No `from __future__ import annotations` here: Typer reads every command's signature on
# every run, and string annotations make it compile and evaluate each one (about 12 ms).

import typer

from factcli import answers, authoring, query, show
from factcli.errors import fail
from factcli.factbase import fact_base
from factcli.helptext import Command, Group
from factcli.kinds import KINDS, output_fields
from factcli.model import Dispute, Kind, Org, Treaty
from factcli.options import (
    AsOfOpt,
    ByYearOpt,
    CategoryOpt,
    ChangeFieldsOpt,
    ChangeKindOpt,
    ChangesSinceOpt,
    ChangesUntilOpt,
    ChartOpt,
    CountryArg,
    CountryFieldsOpt,
    CountryOpt,
    CsvSafeOpt,
    CurrentOpt,
    DisputeFieldsOpt,
    EndedOpt,
    EventFieldsOpt,
    EventsOpt,
    FactsDirOpt,
    FormatOpt,
    JsonOpt,
    KindOpt,
    LimitOpt,
    OrgFieldsOpt,
    OrgOpt,
    QueryArg,
    RoleOpt,
    SearchArg,
    SearchFieldsOpt,
    SinceOpt,
    StatusOpt,
    TagOpt,
    TreatyFieldsOpt,
    TreatyStatusOpt,
    UntilOpt,
    VersionOpt,
    YearOpt,
    chosen_fields,
    moment,
    no_chart,
    output_format,
    words,
)
from factcli.render import Format

app = typer.Typer(
    name="factcli",
    no_args_is_help=True,
    rich_markup_mode=None,  # plain help and plain one-line errors, without importing Rich
    pretty_exceptions_enable=False,
    cls=Group,  # --help that fits a narrow terminal
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def main(
    ctx: typer.Context,
    facts: FactsDirOpt = None,
    version: VersionOpt = False,
) -> None:
    """Answer questions about a country's foreign relations from a fact base of TOML files.

    Example: factcli disputes --country Japan
    """
    ctx.obj = facts


@app.command(cls=Command)
def orgs(
    ctx: typer.Context,
    text: QueryArg = None,
    role: RoleOpt = None,
    category: CategoryOpt = None,
    as_of: AsOfOpt = None,
    current: CurrentOpt = False,
    ended: EndedOpt = False,
    limit: LimitOpt = None,
    chart: ChartOpt = False,
    fields: OrgFieldsOpt = None,
    fmt: FormatOpt = Format.TABLE,
    as_json: JsonOpt = False,
    csv_safe: CsvSafeOpt = False,
) -> None:
    """International organizations, by name, each with its latest term.

    Example: factcli orgs --as-of 2010
    """
    fmt = output_format(fmt, as_json)
    chosen = chosen_fields(fields, output_fields(Kind.ORG))
    no_chart(chart, fmt, chosen)
    if sum((as_of is not None, current, ended)) > 1:
        fail("--as-of, --current and --ended exclude each other; give one")
    when = moment(as_of)
    time = query.Time.CURRENT if current else query.Time.ENDED if ended else None
    base = fact_base(ctx)
    categories = answers.checked("category", category, query.known_categories(base))
    unknown: list[Org] = []
    found = query.orgs(base, words(text), role or (), categories, when, time, unknown)
    kept, total = answers.first(found, limit)
    show.records(
        fmt, Kind.ORG, base, kept, chosen, csv_safe, when, total=total, time=time, chart=chart
    )
    show.unplaced(len(unknown), "tie", when)


@app.command(cls=Command)
def disputes(
    ctx: typer.Context,
    text: QueryArg = None,
    country: CountryOpt = None,
    status: StatusOpt = None,
    as_of: AsOfOpt = None,
    fields: DisputeFieldsOpt = None,
    fmt: FormatOpt = Format.TABLE,
    as_json: JsonOpt = False,
    csv_safe: CsvSafeOpt = False,
) -> None:
    """Territorial disputes, by name, each with its latest status.

    Example: factcli disputes --country Japan
    """
    fmt = output_format(fmt, as_json)
    chosen = chosen_fields(fields, output_fields(Kind.DISPUTE))
    when = moment(as_of)
    base = fact_base(ctx)
    names = answers.countries(base, country)
    unknown: list[Dispute] = []
    found = query.disputes(base, words(text), names, status or (), when, unknown)
    show.records(fmt, Kind.DISPUTE, base, found, chosen, csv_safe, when)
    show.unplaced(len(unknown), "dispute", when)


@app.command(cls=Command)
def treaties(
    ctx: typer.Context,
    text: QueryArg = None,
    country: CountryOpt = None,
    status: TreatyStatusOpt = None,
    as_of: AsOfOpt = None,
    limit: LimitOpt = None,
    chart: ChartOpt = False,
    fields: TreatyFieldsOpt = None,
    fmt: FormatOpt = Format.TABLE,
    as_json: JsonOpt = False,
    csv_safe: CsvSafeOpt = False,
) -> None:
    """Treaties, agreements and acts, by name, each with its latest status.

    Example: factcli treaties --country Ukraine --as-of 2000
    """
    fmt = output_format(fmt, as_json)
    chosen = chosen_fields(fields, output_fields(Kind.TREATY))
    no_chart(chart, fmt, chosen)
    when = moment(as_of)
    base = fact_base(ctx)
    names = answers.countries(base, country)
    unknown: list[Treaty] = []
    found = query.treaties(base, words(text), names, status or (), when, unknown)
    kept, total = answers.first(found, limit)
    show.records(fmt, Kind.TREATY, base, kept, chosen, csv_safe, when, total=total, chart=chart)
    show.unplaced(len(unknown), "treaty", when)


@app.command(cls=Command)
def events(
    ctx: typer.Context,
    text: QueryArg = None,
    country: CountryOpt = None,
    org: OrgOpt = None,
    tag: TagOpt = None,
    year: YearOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    limit: LimitOpt = None,
    by_year: ByYearOpt = False,
    fields: EventFieldsOpt = None,
    fmt: FormatOpt = Format.TABLE,
    as_json: JsonOpt = False,
    csv_safe: CsvSafeOpt = False,
) -> None:
    """Dated events, earliest first.

    Example: factcli events --year 2007
    """
    fmt = output_format(fmt, as_json)
    chosen = chosen_fields(fields, list(show.YEAR_FIELDS) if by_year else output_fields(Kind.EVENT))
    try:
        period = query.Period.of(since, until, year)
    except query.QueryError as e:
        fail(str(e))
    base = fact_base(ctx)
    names = answers.countries(base, country)
    listed = "factcli orgs --fields id,name lists them"
    orgs_ = answers.checked("org", org, sorted(o.id for o in base.orgs), listed)
    tags = answers.checked("tag", tag, query.known_tags(base))
    found = query.events(base, words(text), names, orgs_, tags, period)
    kept, total = answers.first(found, limit)
    if by_year:
        asked = period if total is None else query.Period(period.since)  # --limit cut the end
        show.timeline(fmt, base.subject, query.per_year(kept, asked), chosen, csv_safe, total=total)
    else:
        show.records(fmt, Kind.EVENT, base, kept, chosen, csv_safe, total=total)


@app.command(cls=Command)
def changes(
    ctx: typer.Context,
    since: ChangesSinceOpt = None,
    until: ChangesUntilOpt = None,
    country: CountryOpt = None,
    kind: ChangeKindOpt = None,
    with_events: EventsOpt = False,
    fields: ChangeFieldsOpt = None,
    fmt: FormatOpt = Format.TABLE,
    as_json: JsonOpt = False,
    csv_safe: CsvSafeOpt = False,
) -> None:
    """What changed in a period: ties, disputes, relations, treaties; with --events, events.

    Example: factcli changes --since 2008 --until 2014
    """
    from factcli.changes import FIELDS  # only for this command

    fmt = output_format(fmt, as_json)
    every = dict.fromkeys([*FIELDS, *output_fields(Kind.EVENT)])  # events join with --events
    chosen = chosen_fields(fields, list(every))
    try:
        period = query.Period.of(since, until, None)
    except query.QueryError as e:
        fail(str(e))
    base = fact_base(ctx)
    answers.changes(fmt, base, period, country, kind, with_events, chosen, csv_safe)


@app.command(cls=Command)
def country(
    ctx: typer.Context,
    name: CountryArg = None,
    as_of: AsOfOpt = None,
    fields: CountryFieldsOpt = None,
    fmt: FormatOpt = Format.TABLE,
    as_json: JsonOpt = False,
    csv_safe: CsvSafeOpt = False,
) -> None:
    """One country's relations, disputes and events; or every country.

    Example: factcli country Georgia
    """
    fmt = output_format(fmt, as_json)
    extra = ["dispute_count", "event_count"] if name is None else ["disputes", "treaties", "events"]
    chosen = chosen_fields(fields, [*output_fields(Kind.COUNTRY), *extra])
    base = fact_base(ctx)
    when = moment(as_of)
    if name is None:
        answers.every_country(fmt, base, when, chosen, csv_safe)
    else:
        answers.one_country(fmt, base, name, when, chosen, csv_safe)


@app.command(cls=Command)
def search(
    ctx: typer.Context,
    text: SearchArg,
    kind: KindOpt = None,
    limit: LimitOpt = None,
    fields: SearchFieldsOpt = None,
    fmt: FormatOpt = Format.TABLE,
    as_json: JsonOpt = False,
    csv_safe: CsvSafeOpt = False,
) -> None:
    """Search every kind of fact at once.

    Example: factcli search kuril
    """
    fmt = output_format(fmt, as_json)
    kinds = [kind.value] if kind else list(KINDS)
    chosen = chosen_fields(fields, list(dict.fromkeys(f for k in kinds for f in output_fields(k))))
    said = " ".join(text)
    if not any(c.isalnum() for c in said):  # only spaces or marks: nothing to look for
        fail(f"nothing to search for in '{said}': TEXT must hold a word")
    answers.search(fmt, fact_base(ctx), said, kind, limit, chosen, csv_safe)


# After the questions, the commands for fact authors, in this order in --help.
for command in (authoring.validate, authoring.export, authoring.schema):
    app.command(cls=Command)(command)
