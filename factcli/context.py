"""What the commands share: the fact base in use, options, and failing with a message.

The one place, with cli.py, where domain errors become messages and exit codes.
"""

# No `from __future__ import annotations`: Typer reads these annotations on every run.
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

import typer

from factcli import completion, render
from factcli.countries import (
    AmbiguousCountry,
    CountryIndex,
    OutsideCountry,
    UnknownCountry,
    subject_country,
)
from factcli.load import FactBaseError, FactsDirMissing, read_and_check, toml_files
from factcli.model import Country, FactBase, PartialDate
from factcli.render import Format, count

USAGE, BROKEN = 2, 1
PROBLEMS_SHOWN = 10  # a broken base prints this many problems; `validate` prints them all


def fail(message: str, code: int = USAGE) -> NoReturn:
    render.notice(f"Error: {message}")
    raise typer.Exit(code)


def shipped_facts() -> Path:
    """The fact base that ships with factcli: inside the wheel, or beside the source tree."""
    here = Path(__file__).parent
    inside = here / "facts"
    return inside if inside.is_dir() else here.parent / "facts"


def facts_dir(ctx: typer.Context) -> Path:
    root = ctx.find_root()
    # While completing, the main callback has not run: the option is only parsed.
    given = root.obj or root.params.get("facts")
    return Path(given) if given else shipped_facts()


def cached_load(directory: Path) -> FactBase:
    """load(), through the cache: a base validated before is read back, a new one kept."""
    from factcli import cache

    files = toml_files(directory)
    base = cache.lookup(directory, files)
    if base is None:
        loaded = read_and_check(directory, files, digests=cache.directory() is not None)
        cache.store(directory, loaded.digests, loaded.base)
        base = loaded.base
    return base


def fact_base(ctx: typer.Context) -> FactBase:
    """The fact base in use, or exit: 2 when its directory is missing, 1 when it is broken."""
    try:
        return cached_load(facts_dir(ctx))
    except FactsDirMissing as e:
        fail(str(e))
    except FactBaseError as e:
        for problem in e.problems[:PROBLEMS_SHOWN]:
            render.notice(str(problem))
        more = len(e.problems) - PROBLEMS_SHOWN
        if more > 0:
            render.notice(f"... and {more} more")
        given = ctx.find_root().obj
        command = f"factcli validate {given}" if given else "factcli validate"
        fail(
            f"the fact base has {count(len(e.problems), 'problem')}; run '{command}' to list them",
            BROKEN,
        )


def about_facts(given: Path | None) -> None:
    """What --version says after the tool's version: the fact base in use, or why it cannot.

    A missing or broken fact base is a note on stderr, not a failure: the version was asked,
    and it has been given (exit 0).
    """
    from factcli.kinds import KINDS

    directory = Path(given) if given else shipped_facts()
    try:
        base = cached_load(directory)
    except FactsDirMissing as e:
        render.notice(f"Fact base: {e}")
        return
    except FactBaseError as e:
        render.notice(
            f"Fact base: '{directory}' has {count(len(e.problems), 'problem')}; "
            f"'factcli validate {directory}' lists them"
        )
        return
    meta = base.meta
    name = (meta.title if meta else None) or base.subject
    as_of = f", as of {meta.as_of}" if meta and meta.as_of else ""
    render.line(f"Fact base: {name}{as_of}")
    render.line(", ".join(count(len(getattr(base, s.plural)), s.table) for s in KINDS.values()))
    if meta and meta.attribution:
        render.line(meta.attribution)


def moment(text: str | None) -> PartialDate | None:
    """The DATE of --as-of, or exit with the date error."""
    from factcli import query

    try:
        return query.parse_date(text)
    except query.QueryError as e:
        fail(str(e))


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


def words(given: list[str] | None) -> str | None:
    return " ".join(given) if given else None


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
