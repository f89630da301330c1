"""table / json / jsonl / csv: the only module that touches Rich."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any, assert_never

from factcli.model import Country, Dispute, Event, Org, Record, as_dict, kind_of

if TYPE_CHECKING:  # Rich costs tens of milliseconds to import: only table mode pays for it.
    from rich.console import Console, RenderableType
    from rich.table import Table
    from rich.text import Text


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"


# Fields of each kind, in the order of the contract: the csv header when nothing matched.
FIELDS = {
    "org": ["id", "kind", "name", "abbr", "role", "category", "since", "until", "notes", "sources"],
    "dispute": [
        "id",
        "kind",
        "name",
        "countries",
        "territories",
        "status",
        "since",
        "resolved_on",
        "summary",
        "notes",
        "sources",
    ],
    "event": ["id", "kind", "date", "title", "summary", "countries", "orgs", "tags", "sources"],
    "country": ["id", "kind", "name", "iso2", "iso3", "aliases", "relation", "notes", "sources"],
}

# What must never reach a terminal: C0 controls but newline and tab, DEL, C1 controls, and
# the bidirectional overrides and isolates that can reorder what a reader sees.
_UNSAFE = [
    *range(0x00, 0x09),
    *range(0x0B, 0x20),
    *range(0x7F, 0xA0),
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
]
_ESCAPES = {c: (f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}") for c in _UNSAFE}


def safe(text: str) -> str:
    """Text with every control character spelt out as an escape, e.g. ESC as '\\x1b'."""
    return text.translate(_ESCAPES)


def write(text: str) -> None:
    sys.stdout.write(text)


def notice(message: str) -> None:
    """A one-line message for a person, on stderr."""
    sys.stderr.write(safe(message) + "\n")


# --- json, jsonl, csv: the standard library only ------------------------------------------


def data(objects: Sequence[dict[str, Any]], fmt: Format, kind: str | None = None) -> None:
    """A list of records as json, jsonl or csv; kind names the csv header when empty."""
    match fmt:
        case Format.JSON:
            write(json.dumps(list(objects), ensure_ascii=False, indent=2) + "\n")
        case Format.JSONL:
            write(
                "".join(
                    json.dumps(o, ensure_ascii=False, separators=(",", ":")) + "\n" for o in objects
                )
            )
        case Format.CSV:
            write_csv(objects, FIELDS.get(kind or "", []))
        case Format.TABLE:
            raise ValueError("table mode is drawn by the table functions")
        case _:
            assert_never(fmt)


def one(obj: dict[str, Any], fmt: Format) -> None:
    """A single object (country NAME) as json, jsonl or csv."""
    if fmt is Format.JSON:
        write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
    elif fmt is Format.CSV:
        write_csv([{k: v for k, v in obj.items() if k not in ("disputes", "events")}], [])
    else:
        data([obj], fmt)


def write_csv(objects: Sequence[dict[str, Any]], header: list[str]) -> None:
    columns = list(dict.fromkeys(k for o in objects for k in o)) or header
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(columns)
    for o in objects:
        out.writerow([_csv_value(o.get(c)) for c in columns])


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_csv_value(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


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
    from rich import box
    from rich.table import Table

    table = Table(
        title=_text(title, "bold"),
        box=box.SIMPLE_HEAD,
        show_lines=False,
        title_justify="left",
        expand=False,
    )
    for header, options in columns:
        table.add_column(header, overflow="fold", **options)
    return table


def _print(*renderables: RenderableType) -> None:
    console = _console()
    for r in renderables:
        console.print(r)


def _date(value: object) -> str:
    return "" if value is None else str(value)


def orgs_table(subject: str, orgs: Sequence[Org]) -> None:
    table = _table(
        f"{subject} — international organizations ({len(orgs)})",
        [
            ("Name", {"ratio": 3}),
            ("Abbr", {}),
            ("Role", {}),
            ("Category", {}),
            ("Since", {"no_wrap": True}),
            ("Until", {"no_wrap": True}),
            ("Notes", {"ratio": 3}),
        ],
    )
    for o in orgs:
        table.add_row(
            _text(o.name),
            _text(o.abbr),
            _text(o.role.value),
            _text(o.category),
            _text(_date(o.since)),
            _text(_date(o.until)),
            _text(o.notes),
        )
    _print(table)


def disputes_table(title: str, disputes: Sequence[Dispute]) -> Table:
    table = _table(
        title,
        [
            ("Name", {"ratio": 2}),
            ("Countries", {}),
            ("Territories", {"ratio": 2}),
            ("Status", {}),
            ("Since", {"no_wrap": True}),
            ("Resolved", {"no_wrap": True}),
            ("Summary", {"ratio": 4}),
        ],
    )
    for d in disputes:
        table.add_row(
            _text(d.name),
            _joined(d.countries),
            _joined(d.territories),
            _text(d.status.value),
            _text(_date(d.since)),
            _text(_date(d.resolved_on)),
            _text(d.summary),
        )
    return table


def events_table(title: str, events: Sequence[Event]) -> Table:
    table = _table(
        title,
        [
            ("Date", {"no_wrap": True}),
            ("Event", {"ratio": 3}),
            ("Countries", {"ratio": 1}),
            ("Orgs", {}),
            ("Tags", {}),
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
            ("Country", {}),
            ("ISO", {"no_wrap": True}),
            ("Relation", {"ratio": 3}),
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
            ("Kind", {}),
            ("Id", {}),
            ("Name", {"ratio": 2}),
            ("Date", {"no_wrap": True}),
            ("Details", {"ratio": 4}),
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
