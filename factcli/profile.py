"""country NAME as a page: the relation line, notes, sources, disputes and events."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from factcli.layout import cell, emit
from factcli.model import Country, Dispute, Event, codes
from factcli.tables import disputes_table, events_table, relation_term

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table
    from rich.text import Text


def _labelled(rows: Sequence[tuple[str, Text | str]]) -> Table:
    """Label and value lines; a long value wraps under itself (a hanging indent)."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="dim")
    grid.add_column(overflow="fold")
    for label, value in rows:
        if value:
            grid.add_row(label, value if not isinstance(value, str) else cell(value))
    return grid


def _section(heading: str, marks: Sequence[str], items: Sequence[str]) -> list[RenderableType]:
    """A heading, then one item a line behind its mark ("•", "1."), wrapped under itself."""
    from rich.padding import Padding

    if not items:
        return []
    rows = [(mark, cell(item)) for mark, item in zip(marks, items, strict=True)]
    return [cell(""), cell(heading, "bold"), Padding(_labelled(rows), (0, 0, 0, 2))]


def _relation(country: Country) -> str:
    """The relation line shown, with when it held: "… controversy (since 2006-09-27)", or
    "… (2005-11-22 – 2021-12-08)" for a line that has ended."""
    term = relation_term(country)
    line = country.relation or ""
    if not line or term is None or (term.since is None and term.until is None):
        return line
    if term.until is None:
        return f"{line} (since {term.since})"
    return f"{line} ({term.since or '?'} – {term.until})"


def country_profile(
    subject: str,
    country: Country,
    disputes: Sequence[Dispute],
    events: Sequence[Event],
    as_of: object = None,
) -> None:
    """Everything about one country: its line, notes, sources, disputes and events."""
    moment = f", as of {as_of}" if as_of is not None else ""
    parts: list[RenderableType] = [
        cell(f"{subject} — {country.name}{moment}", "bold"),
        _labelled(
            [
                ("ISO", codes(country)),
                ("Also", ", ".join(country.aliases)),
                ("Relation", _relation(country)),
            ]
        ),
    ]
    parts += _section("Notes", ["•"] * len(country.notes), country.notes)
    numbers = [f"{i}." for i in range(1, len(country.sources) + 1)]
    parts += _section("Sources", numbers, country.sources)
    if disputes:
        parts += [cell(""), disputes_table(f"Territorial disputes ({len(disputes)})", disputes)]
    if events:
        parts += [] if disputes else [cell("")]  # a table ends with a blank line of its own
        parts += [events_table(f"Events ({len(events)})", events)]
    emit(*parts)


def subject_profile(subject: str, me: Country, orgs: int, disputes: int, events: int) -> None:
    """country NAME for the fact base's own subject: what it is, and where its facts are."""
    parts: list[RenderableType] = [
        cell(f"{me.name} — the subject of this fact base", "bold"),
        _labelled([("ISO", codes(me)), ("Also", ", ".join(me.aliases))]),
        cell(""),
        cell(f"Every record here is about {subject}'s foreign relations:"),
        _labelled(
            [
                ("  factcli orgs", f"{orgs} international organizations"),
                ("  factcli disputes", f"{disputes} territorial disputes"),
                ("  factcli events", f"{events} events"),
            ]
        ),
    ]
    emit(*parts)
