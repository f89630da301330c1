"""--chart: a line per tie or treaty across the years, fitted to the width, with a legend."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from factcli.cli import app

SHIPPED = Path(__file__).parents[1] / "facts"


def run(columns: int, *args: str) -> Result:
    env = {"COLUMNS": str(columns), "NO_COLOR": "1", "FACTCLI_FACTS_DIR": None}
    return CliRunner().invoke(app, ["--facts-dir", str(SHIPPED), *args], env=env)


def records(*args: str) -> list[dict[str, str]]:
    out: list[dict[str, str]] = json.loads(run(200, *args, "--json").stdout)
    return out


def labelled(row: str, record: dict[str, str]) -> bool:
    """Whether a chart's row begins with a label of the record: its abbreviation or name,
    else its id; whole, or cut short with "…" at its end ("Tartu Peace …") or its start
    ("…-border-2008")."""
    head = row.split("…", maxsplit=1)[0] if "…" in row else None
    tail = row[1:].split(" ", maxsplit=1)[0] if row.startswith("…") else None
    for text in (record.get("abbr") or record["name"], record["id"]):
        if row.startswith(f"{text} ") or (tail and text.endswith(tail)):
            return True
        if head and not row.startswith("…") and text.startswith(head):
            return True
    return False


@pytest.mark.parametrize("columns", [40, 80, 120])
@pytest.mark.parametrize(
    "args",
    [["orgs"], ["treaties"], ["orgs", "--category", "un-mission"], ["treaties", "--as-of", "2000"]],
    ids=" ".join,
)
def test_every_record_a_line_within_the_width(columns: int, args: list[str]) -> None:
    result = run(columns, *args, "--chart")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert all(len(line) <= columns for line in lines), max(lines, key=len)
    every = records(*args)
    heading = "international organizations" if args[0] == "orgs" else "treaties"
    when = ", as of 2000" if "--as-of" in args else ""
    title = f"Russia — {heading}{when} ({len(every)})"
    said = next(n for n in range(1, 4) if " ".join(lines[:n]) == title)  # wrapped at 40
    rows = lines[said : said + len(every)]
    assert len(rows) == len(every)
    for record, row in zip(every, rows, strict=True):
        assert labelled(row, record), (record["id"], row)
    labels = [row[: row.index(" ", 1)] for row in rows]
    assert len(set(labels)) == len(labels)  # no two records look alike


def test_the_legend_says_what_each_mark_means() -> None:
    out = run(80, "treaties", "--chart").stdout
    legend = " ".join(out.splitlines()[-2:])
    for mark, state in [("█", "in force"), ("╌", "suspended"), ("×", "withdrawn")]:
        assert f"{mark} {state}" in legend


def test_a_tie_is_drawn_over_its_years() -> None:
    out = run(80, "orgs", "g8", "--chart").stdout.splitlines()
    title, row, axis, legend = out
    assert title == "Russia — international organizations (1)"
    # A member from June 1997 until suspended on 24 March 2014: a year a column, here.
    assert row == "G8 " + "█" * (2014 - 1997 + 1)
    assert axis.split()[0] == "1997"
    assert legend == "█ member"


@pytest.mark.parametrize("fmt", [["--json"], ["--format", "csv"], ["--fields", "id"]])
def test_a_chart_is_for_tables_only(fmt: list[str]) -> None:
    result = run(80, "treaties", "--chart", *fmt)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: --chart")


HOSTILE = {
    "base.toml": """
        [meta]
        subject = "Russia"

        [[treaty]]
        id = "two-lines"
        name = "line1\\nline2\\tTab"
        summary = "s"
        terms = [{ status = "in force", since = "1990" }]
        sources = ["s"]

        [[treaty]]
        id = "wide"
        name = "日本国との平和条約についての長い名前"
        summary = "s"
        terms = [{ status = "signed", since = "1990" }, { status = "withdrawn", since = "2000" }]
        sources = ["s"]

        [[treaty]]
        id = "marks"
        name = "Tre\\u0301aty\\u001b[31m of combining marks and escapes"
        summary = "s"
        terms = [{ status = "in force", since = "1990" }]
        sources = ["s"]
        """
}


@pytest.mark.parametrize("columns", [40, 80])
def test_hostile_names_keep_one_line_each_within_the_width(columns: int, tmp_path: Path) -> None:
    from rich.cells import cell_len

    from tests.conftest import write_base

    facts = write_base(tmp_path / "hostile", HOSTILE)
    env = {"COLUMNS": str(columns), "NO_COLOR": "1", "FACTCLI_FACTS_DIR": None}
    args = ["--facts-dir", str(facts), "treaties", "--chart"]
    out = CliRunner().invoke(app, args, env=env).stdout
    lines = out.splitlines()
    assert all(cell_len(line) <= columns for line in lines), lines
    assert "\t" not in out
    assert "\x1b" not in out
    marks = set("█░×")
    starts = [
        cell_len(row[: next(i for i, c in enumerate(row) if c in marks)]) for row in lines[1:4]
    ]
    assert len(set(starts)) == 1  # every treaty began in 1990: its bar starts in one column
    assert "line1\\nline2" in out
