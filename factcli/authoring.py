"""The commands for fact authors: validate, export and schema (registered by cli.py)."""

# No `from __future__ import annotations`: Typer reads these annotations on every run.
import typer

from factcli import render
from factcli.errors import BROKEN, fail
from factcli.factbase import fact_base, facts_dir
from factcli.kinds import summary
from factcli.load import FactBaseError, FactsDirMissing, load
from factcli.options import DirArg, ForceOpt, SqliteOpt
from factcli.render import count


def validate(
    ctx: typer.Context,
    directory: DirArg = None,
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
    render.write(f"OK: {count(len(base.files), 'file')}, {summary(base)}\n")


def export(
    ctx: typer.Context,
    sqlite: SqliteOpt,
    force: ForceOpt = False,
) -> None:
    """Write the fact base to a SQLite database.

    A table per kind and link tables for references, for SQL joins, Datasette or sqlite-utils.

    Example: factcli export --sqlite facts.db
    """
    from factcli import export  # sqlite3 only for this command

    base = fact_base(ctx)
    # The name as typed: Typer's Path drops a trailing "/", which says "a directory".
    typed = ctx.params.get("sqlite", sqlite)
    try:
        said = export.write_sqlite(base, typed, force=force)
    except export.ExportError as e:
        fail(str(e), e.code)
    render.notice(said)


def schema() -> None:
    """Print the JSON Schema of a fact file, for TOML editors (taplo, tombi).

    Example: factcli schema > factcli.schema.json
    """
    from factcli.schema import fact_file_schema

    render.write(render.dumps(fact_file_schema()) + "\n")
