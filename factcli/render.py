"""table / json / jsonl / csv: the only module that touches Rich."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TextIO, assert_never, cast

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
_ONE_LINE = {**_ESCAPES, ord("\n"): "\\n"}  # a value with a newline must not start a line


def safe(text: str) -> str:
    """Text with every control character spelt out as an escape, e.g. ESC as '\\x1b'."""
    return text.translate(_ESCAPES)


def write(text: str) -> None:
    sys.stdout.write(text)


def line(text: str) -> None:
    """One line of plain text on stdout, e.g. a problem that `validate` found."""
    sys.stdout.write(text.translate(_ONE_LINE) + "\n")


def notice(message: str) -> None:
    """A one-line message for a person, on stderr."""
    sys.stderr.write(message.translate(_ONE_LINE) + "\n")


class _Spelt:
    """A text stream that spells out control characters, and is otherwise the one it wraps."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(safe(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def guard_stderr() -> None:
    """Keep control characters off stderr, whoever writes there.

    Click's usage errors quote the command line as typed ("No such option: ..."), so text
    a script passes on, an ESC included, would reach the terminal through them.
    """
    if not isinstance(sys.stderr, _Spelt):
        sys.stderr = cast(TextIO, _Spelt(sys.stderr))


# --- json, jsonl, csv: the standard library only ------------------------------------------


def data(
    objects: Sequence[dict[str, Any]],
    fmt: Format,
    kind: str | None = None,
    fields: Sequence[str] | None = None,
) -> None:
    """A list of records as json, jsonl or csv; kind names the csv header when empty."""
    if fields:
        objects = select(objects, fields)
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
            write_csv(objects, list(fields or FIELDS.get(kind or "", [])))
        case Format.TABLE:
            raise ValueError("table mode is drawn by the table functions")
        case _:
            assert_never(fmt)


def one(obj: dict[str, Any], fmt: Format, fields: Sequence[str] | None = None) -> None:
    """A single object (country NAME) as json, jsonl or csv."""
    if fields:
        obj = select([obj], fields)[0]
    if fmt is Format.JSON:
        write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
    elif fmt is Format.CSV and not fields:
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
    if isinstance(value, dict):  # a record inside a record (country NAME's events): its id
        return str(value.get("id", ""))
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
        [("Name", {"max_width": 28}), ("Role", {}), ("Dates", {}), ("Notes", {"ratio": 1})],
    )
    for o in orgs:
        name = _text(o.name)
        if o.abbr:
            name.append_text(_text(f" ({o.abbr})"))
        role = _text(o.role.value)
        role.append_text(_text(f"\n{o.category}", "dim"))
        table.add_row(name, role, _lines(("", o.since), ("– ", o.until)), _text(o.notes))
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
            _lines(("", d.status.value), ("since ", d.since), ("on ", d.resolved_on)),
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


# --- --fields: the chosen fields, in the chosen order -------------------------------------

HEADINGS = {
    "org": "international organizations",
    "dispute": "territorial disputes",
    "event": "events",
    "country": "countries",
}


def select(objects: Sequence[dict[str, Any]], fields: Sequence[str]) -> list[dict[str, Any]]:
    """Each object with only these fields, in this order (null where a record has none)."""
    return [{f: o.get(f) for f in fields} for o in objects]


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
        return str(value.get("id", ""))
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
