"""--chart: a line per tie or treaty across the years, fitted to the width, with a legend."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from factcli.cli import app

SHIPPED = Path(__file__).parents[1] / "facts"


def run(columns: int, *args: str) -> Result:
    env = {"COLUMNS": str(columns), "NO_COLOR": "1", "FACTCLI_FACTS_DIR": None}
    return CliRunner().invoke(app, ["--facts-dir", str(SHIPPED), *args], env=env)


def names(*args: str) -> list[str]:
    """The labels a chart gives its records: the abbreviation, else the name."""
    records = json.loads(run(200, *args, "--json").stdout)
    return [r.get("abbr") or r["name"] for r in records]


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
    labels = names(*args)
    heading = "international organizations" if args[0] == "orgs" else "treaties"
    title = textwrap.wrap(f"Russia — {heading} ({len(labels)})", columns)
    assert lines[: len(title)] == title
    rows = lines[len(title) : len(title) + len(labels)]
    assert len(rows) == len(labels)
    for label, row in zip(labels, rows, strict=True):  # each whole, or cut to the room there is
        cut = row.split("…")[0] if "…" in row[: len(label)] else None
        assert row.startswith(f"{label} ") if cut is None else label.startswith(cut), (label, row)


def test_the_legend_says_what_each_mark_means() -> None:
    out = run(80, "treaties", "--chart").stdout
    legend = out.splitlines()[-1]
    for state in ("signed", "in force", "suspended"):
        assert state in legend
    assert "█ in force" in legend
    assert "withdrawn" not in legend  # nothing is drawn after a withdrawal


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
