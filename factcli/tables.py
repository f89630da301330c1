"""Tables, the profile and the bar chart: the only module that touches Rich."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from factcli.model import Country, Dispute, Event, Org, Record, as_dict, kind_of
from factcli.render import safe, term_text, write

if TYPE_CHECKING:  # Rich costs tens of milliseconds to import: only table mode pays for it.
    from rich.console import Console, RenderableType
    from rich.table import Table
    from rich.text import Text


# --- tables ----------------------------------------------------------------------------------


def _console() -> Console:
    from rich.console import Console

    # Not a terminal: no colour, and Rich reads the width from COLUMNS (else 80).
    return Console(highlight=False, emoji=False, markup=False)


def _text(value: str | None, style: str = "") -> Text:
    """A cell: fact text is data, never markup, and no control character reaches the terminal."""
    from rich.text import Text

    return Text(safe(value or ""), style=style)


def _joined(values: Sequence[str]) -> Text:
    return _text(", ".join(values))


def _table(title: str, columns: list[tuple[str, dict[str, Any]]]) -> Table:
    """A table whose columns with a "ratio" share the width; the others fit their text."""
    from rich import box
    from rich.table import Table

    table = Table(
        title=_text(title, "bold"),
        box=box.SIMPLE_HEAD,
        show_lines=False,
        title_justify="left",
        expand=True,
    )
    for header, options in columns:
        table.add_column(header, overflow="fold", **options)
    return table


FLEX_MIN = 24  # the narrowest a column of prose is let shrink to before short columns wrap


def _fit(table: Table, width: int) -> None:
    """Size the short columns to their text so that the prose columns (those with a ratio)
    get the rest of the line.

    Rich alone narrows the widest columns to one width, which squeezes a paragraph to
    the width of a list of tags. Each short column gets the width of its longest line
    (up to its max_width), shrunk in proportion when the prose would get less than
    FLEX_MIN. On a terminal too narrow even for that, Rich's own sizing is kept: it may
    wrap words, but it never drops a column.
    """
    from rich.text import Text

    fixed = [c for c in table.columns if c.ratio is None]
    flexible = len(table.columns) - len(fixed)
    natural, floors = [], []
    for column in fixed:
        cells = [c.plain for c in column.cells if isinstance(c, Text)] + [str(column.header)]
        longest = max(len(line) for c in cells for line in c.split("\n"))
        natural.append(min(longest, column.max_width or longest))
        floors.append(max(len(word) for c in cells for word in [*c.split(), ""]))
    # Each column costs its padding and a separator besides its text.
    room = width - 3 * len(table.columns) - 1 - FLEX_MIN * flexible
    total = sum(natural)
    if total > room:
        floors = [min(f, n) for f, n in zip(floors, natural, strict=True)]
        if sum(floors) > room:
            table.expand = False
            for column in table.columns:
                column.ratio = None
            return
        spare = room - sum(floors)
        wanted = total - sum(floors)
        natural = [f + (n - f) * spare // wanted for f, n in zip(floors, natural, strict=True)]
    for column, w in zip(fixed, natural, strict=True):
        column.width = w


def _print(*renderables: RenderableType) -> None:
    from rich.table import Table

    console = _console()
    for r in renderables:
        if isinstance(r, Table):
            _fit(r, console.width)
        console.print(r)


def _date(value: object) -> str:
    return "" if value is None else str(value)


def _lines(*parts: tuple[str, object]) -> Text:
    """A cell of labelled lines, e.g. "since 2001" then "until 2022-03-16"; empty parts left out."""
    return _text("\n".join(f"{label}{value}" for label, value in parts if value))


def orgs_table(subject: str, orgs: Sequence[Org]) -> None:
    table = _table(
        f"{subject} — international organizations ({len(orgs)})",
        [("Name", {"max_width": 28}), ("Role", {}), ("Held", {}), ("Notes", {"ratio": 1})],
    )
    for o in orgs:
        name = _text(o.name)
        if o.abbr:
            name.append_text(_text(f" ({o.abbr})"))
        role = _text(o.role.value)
        role.append_text(_text(f"\n{o.category}", "dim"))
        table.add_row(name, role, _held(o), _text(o.notes))
    _print(table)


def disputes_table(title: str, disputes: Sequence[Dispute]) -> Table:
    table = _table(
        title,
        [
            ("Name", {"max_width": 22}),
            ("Countries", {"max_width": 14}),
            ("Territories", {"max_width": 18}),
            ("Status", {}),
            ("Summary", {"ratio": 1}),
        ],
    )
    for d in disputes:
        table.add_row(
            _text(d.name),
            _joined(d.countries),
            _joined(d.territories),
            _timeline(d),
            _text(d.summary),
        )
    return table


def events_table(title: str, events: Sequence[Event]) -> Table:
    table = _table(
        title,
        [
            ("Date", {"no_wrap": True}),
            ("Event", {"ratio": 1}),
            ("Countries", {"max_width": 20}),
            ("Orgs", {"max_width": 12}),
            ("Tags", {"max_width": 16}),
        ],
    )
    for e in events:
        table.add_row(
            _text(str(e.date)),
            _event_text(e),
            _joined(e.countries),
            _joined(e.orgs),
            _joined(e.tags),
        )
    return table


def _event_text(e: Event) -> Text:
    text = _text(e.title, "bold")
    if e.summary:
        text.append("\n")
        text.append_text(_text(e.summary))
    return text


def print_disputes(subject: str, disputes: Sequence[Dispute]) -> None:
    _print(disputes_table(f"{subject} — territorial disputes ({len(disputes)})", disputes))


def print_events(subject: str, events: Sequence[Event]) -> None:
    _print(events_table(f"{subject} — events ({len(events)})", events))


def countries_table(subject: str, rows: Sequence[tuple[Country, int, int]]) -> None:
    table = _table(
        f"{subject} — countries ({len(rows)})",
        [
            ("Country", {"max_width": 24}),
            ("ISO", {"no_wrap": True}),
            ("Relation", {"ratio": 1}),
            ("Disputes", {"justify": "right"}),
            ("Events", {"justify": "right"}),
        ],
    )
    for c, n_disputes, n_events in rows:
        iso = "/".join(code for code in (c.iso2, c.iso3) if code)
        table.add_row(
            _text(c.name),
            _text(iso),
            _text(c.relation),
            _text(str(n_disputes)),
            _text(str(n_events)),
        )
    _print(table)


def country_profile(
    subject: str, country: Country, disputes: Sequence[Dispute], events: Sequence[Event]
) -> None:
    """Everything about one country: its line, notes, disputes and events."""
    from rich.text import Text

    head = Text()
    head.append_text(_text(f"{subject} — {country.name}", "bold"))
    codes = "/".join(code for code in (country.iso2, country.iso3) if code)
    fields = [
        ("ISO", codes),
        ("Also", ", ".join(country.aliases)),
        ("Relation", country.relation or ""),
        ("Sources", "; ".join(country.sources)),
    ]
    for label, value in fields:
        if value:
            head.append(f"\n{label}: ", style="dim")
            head.append_text(_text(value))
    for note in country.notes:
        head.append("\n• ")
        head.append_text(_text(note))
    parts: list[RenderableType] = [head]
    if disputes:
        parts.append(disputes_table(f"Territorial disputes ({len(disputes)})", disputes))
    if events:
        parts.append(events_table(f"Events ({len(events)})", events))
    _print(*parts)


def search_table(subject: str, text: str, records: Sequence[Record]) -> None:
    table = _table(
        f"{subject} — search '{text}' ({len(records)})",
        [
            ("Kind", {"no_wrap": True}),
            ("Id", {"max_width": 22}),
            ("Name", {"ratio": 1}),
            ("Date", {"no_wrap": True}),
            ("Details", {"ratio": 2}),
        ],
    )
    for r in records:
        d = as_dict(r)
        name = d.get("name") or d.get("title")
        date = d.get("date") or d.get("since") or ""
        details = d.get("summary") or d.get("relation") or d.get("notes") or ""
        if isinstance(details, list):
            details = "; ".join(details)
        table.add_row(
            _text(kind_of(r).value), _text(d["id"]), _text(name), _text(date), _text(details)
        )
    _print(table)


def fields_table(title: str, objects: Sequence[dict[str, Any]], fields: Sequence[str]) -> None:
    """A table of the chosen fields, one column each, named as the field is."""
    table = _table(title, [(f, {}) for f in fields])
    for o in objects:
        table.add_row(*(_text(_cell(o.get(f))) for f in fields))
    _print(table)


def _cell(value: Any) -> str:
    """A field as a cell: lists joined, nested records (a country's events) by id."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return str(value["id"]) if "id" in value else term_text(value)
    return str(value)


# --- events --by-year: a bar chart in plain text ------------------------------------------

_EIGHTHS = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]


def year_chart(title: str, rows: Sequence[tuple[int, int]]) -> None:
    """(year, count) rows as horizontal bars of block characters, scaled to the width."""
    import shutil

    # Not a terminal: the width comes from COLUMNS, else 80, as for the tables.
    width = shutil.get_terminal_size().columns
    top = max(n for _, n in rows)
    digits = len(str(top))
    room = max(10, width - len("2007") - digits - 3)
    lines = [safe(title)]
    for year, n in rows:
        eighths = max(1, round(n * room * 8 / top))
        bar = "█" * (eighths // 8) + _EIGHTHS[eighths % 8]
        lines.append(f"{year:04d} {n:>{digits}} {bar}")
    write("\n".join(lines) + "\n")


# --- time: a tie's period, a dispute's history ----------------------------------------------


def _held(org: Org) -> Text:
    """When a tie held, each date saying what it is: "from 1997-06", "suspended 2014-03-24"."""
    ended = f"{org.end.value if org.end else 'until'} {org.until}" if org.until else ""
    return _lines(("from ", org.since), ("", ended))


def _timeline(dispute: Dispute) -> Text:
    """A dispute's status over time, a line a term: "unresolved 1991", "resolved 2008-07-21"."""
    if len(dispute.terms) <= 1:
        return _lines(
            ("", dispute.status.value), ("from ", dispute.since), ("on ", dispute.resolved_on)
        )
    lines = []
    for term in dispute.terms:
        since = "" if term.since is None else f" {term.since}"
        lines.append(f"{term.status.value}{since}")
    return _text("\n".join(lines))
