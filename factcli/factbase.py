"""The fact base a command uses: where it is, read through the cache; or exit, saying why.

load.py reads and checks a directory and never prints; this is the caller that keeps what
it read in the cache and turns a missing or broken fact base into messages and exit codes.
"""

from pathlib import Path

import typer

from factcli import render
from factcli.errors import BROKEN, fail
from factcli.load import FactBaseError, FactsDirMissing, read_and_check, toml_files
from factcli.model import FactBase
from factcli.render import count

PROBLEMS_SHOWN = 10  # a broken base prints this many problems; `validate` prints them all


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
        cache.store(directory, loaded.digests, loaded.docs)
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
    from factcli.kinds import summary

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
    render.line(summary(base))
    if meta and meta.attribution:
        render.line(meta.attribution)
