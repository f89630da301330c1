"""Countries: one as a page (its relation line, notes, sources, disputes and events), or all
of them as a table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from factcli.history import in_force, today
from factcli.layout import Labelled, cell, emit, new_table
from factcli.model import Country, Dispute, Event, PartialDate, RelationTerm, Treaty, codes
from factcli.tables import disputes_table, events_table, treaty_table

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text


def _labelled(rows: Sequence[tuple[str, Text | str]], indent: int = 0) -> Labelled:
    """Label and value lines; a long value wraps under itself (a hanging indent)."""
    return Labelled(
        [
            (label, cell(value) if isinstance(value, str) else value)
            for label, value in rows
            if value
        ],
        indent,
    )


def _section(heading: str, marks: Sequence[str], items: Sequence[str]) -> list[RenderableType]:
    """A heading, then one item a line behind its mark ("•", "1."), wrapped under itself."""
    if not items:
        return []
    rows = [(mark, cell(item)) for mark, item in zip(marks, items, strict=True)]
    return [cell(""), cell(heading, "bold"), _labelled(rows, indent=2)]


def _relation(country: Country, moment: PartialDate | None) -> str:
    """The relation line shown, with when it held: "… controversy (since 2006-09-27)", or
    "… (2005-11-22 – 2021-12-08)" for a line that has ended."""
    term = relation_term(country, moment)
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
    as_of: PartialDate | None = None,
    treaties: Sequence[Treaty] = (),
) -> None:
    """Everything about one country: its line, notes, sources, disputes, treaties, events."""
    moment = f", as of {as_of}" if as_of is not None else ""
    parts: list[RenderableType] = [
        _labelled(
            [
                ("ISO", codes(country)),
                ("Also", ", ".join(country.aliases)),
                ("Relation", _relation(country, as_of)),
            ]
        ),
    ]
    parts += _section("Notes", ["•"] * len(country.notes), country.notes)
    numbers = [f"{i}." for i in range(1, len(country.sources) + 1)]
    parts += _section("Sources", numbers, country.sources)
    if disputes:
        parts += [
            cell(""),
            disputes_table(f"Territorial disputes ({len(disputes)})", disputes, as_of),
        ]
    if treaties:
        parts += [] if disputes else [cell("")]  # a table ends with a blank line of its own
        parts += [treaty_table(f"Treaties ({len(treaties)})", treaties)]
    if events:
        parts += [] if disputes or treaties else [cell("")]
        parts += [events_table(f"Events ({len(events)})", events)]
    emit(*parts, title=f"{subject} — {country.name}{moment}")


def subject_profile(
    subject: str, me: Country, orgs: int, disputes: int, treaties: int, events: int
) -> None:
    """country NAME for the fact base's own subject: what it is, and where its facts are."""
    parts: list[RenderableType] = [
        _labelled([("ISO", codes(me)), ("Also", ", ".join(me.aliases))]),
        cell(""),
        cell(f"Every record here is about {subject}'s foreign relations:"),
        _labelled(
            [
                ("  factcli orgs", f"{orgs} international organizations"),
                ("  factcli disputes", f"{disputes} territorial disputes"),
                ("  factcli treaties", f"{treaties} treaties"),
                ("  factcli events", f"{events} events"),
            ]
        ),
    ]
    emit(*parts, title=f"{me.name} — the subject of this fact base")


def relation_term(country: Country, moment: PartialDate | None = None) -> RelationTerm | None:
    """The term of the relation line a country is shown with: its latest, or the one in
    force at the moment (a line can be written twice, in two terms)."""
    if moment is not None:
        return in_force(country.relations, moment, None, today().start)
    last = country.relations[-1] if country.relations else None
    return last if last is not None and last.relation == country.relation else None


def countries_table(
    title: str, rows: Sequence[tuple[Country, int, int]], moment: PartialDate | None = None
) -> None:
    table = new_table(
        title,
        [
            ("Country", {"max_width": 24}),
            ("ISO", {"no_wrap": True}),
            ("Relation", {"ratio": 1}),
            ("Disputes", {"justify": "right"}),
            ("Events", {"justify": "right"}),
        ],
    )
    for c, n_disputes, n_events in rows:
        table.add_row(
            cell(c.name),
            cell(codes(c)),
            cell(_ended(c, moment)),
            cell(str(n_disputes)),
            cell(str(n_events)),
        )
    emit(table)


def _ended(country: Country, moment: PartialDate | None) -> str | None:
    """A relation line, saying so when it has ended: "… (until 2021-12-08)"."""
    term = relation_term(country, moment)
    if country.relation and term is not None and term.until is not None:
        return f"{country.relation} (until {term.until})"
    return country.relation
