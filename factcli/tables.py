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


FLEX_MIN = 24  # the width a column of prose is given before short columns wrap
PROSE_MIN = 20  # narrower than this, prose is unreadable: one block per record instead


def help_width() -> int:
    """The width help text wraps at: the terminal's (or COLUMNS), at most 80."""
    import shutil

    # Click's own default never goes below 50, which overflows a 40-column screen.
    return max(20, min(shutil.get_terminal_size().columns, 80) - 2)


def _longest(cells: list[str], by_words: bool) -> int:
    parts = [p for c in cells for p in (c.split() if by_words else c.split("\n"))]
    return max((len(p) for p in parts), default=0)


def _fit(table: Table, width: int) -> bool:
    """Size the columns so that no header, word or id is split; False when the width
    cannot hold the table (print blocks instead).

    Rich alone narrows the widest columns to one width, which squeezes a paragraph to
    the width of a list of tags. Each short column gets the width of its longest line
    (up to its max_width), shrunk toward its longest word when the prose columns (those
    with a ratio) would get less than FLEX_MIN; the prose gets the rest.
    """
    from rich.text import Text

    fixed = [c for c in table.columns if c.ratio is None]
    flexible = [c for c in table.columns if c.ratio is not None]
    natural, floors = [], []
    for column in fixed:
        cells = [c.plain for c in column.cells if isinstance(c, Text)] + [str(column.header)]
        longest = _longest(cells, by_words=False)
        floor = longest if column.no_wrap else _longest(cells, by_words=True)
        natural.append(max(floor, min(longest, column.max_width or longest)))
        floors.append(floor)
    prose_floors = []
    for column in flexible:
        cells = [c.plain for c in column.cells if isinstance(c, Text)] + [str(column.header)]
        column.min_width = _longest(cells, by_words=True)
        prose_floors.append(max(PROSE_MIN, column.min_width))
    # Each column costs its padding and a separator besides its text.
    pad = 3 * len(table.columns) + 1
    room = width - pad - sum(max(FLEX_MIN, f) for f in prose_floors)
    if sum(floors) > room:
        room = width - pad - sum(prose_floors)
    if sum(floors) > room:
        return False
    total = sum(natural)
    if total > room:
        spare, wanted = room - sum(floors), total - sum(floors)
        natural = [f + (n - f) * spare // wanted for f, n in zip(floors, natural, strict=True)]
    for column, w in zip(fixed, natural, strict=True):
        column.width = w
        column.max_width = None
    if not flexible:
        table.expand = False
    return True


def _drop_empty_columns(table: Table) -> None:
    """Columns with nothing in any row take no space."""
    from rich.text import Text

    if not table.row_count:
        return
    kept = [c for c in table.columns if any(not isinstance(t, Text) or t.plain for t in c.cells)]
    for i, column in enumerate(kept):
        column._index = i
    table.columns[:] = kept


def _blocks(table: Table, width: int) -> list[RenderableType]:
    """A table as one block per record: "Header: value" lines with a hanging indent."""
    from rich.table import Table as Grid
    from rich.text import Text

    labels = [f"{c.header}:" for c in table.columns]
    label_width = max(len(label) for label in labels)
    grid = Grid.grid(padding=(0, 1), expand=False)
    grid.add_column(width=label_width, no_wrap=True, style="dim")
    grid.add_column(width=max(1, width - label_width - 1), overflow="fold")
    rows = [list(c.cells) for c in table.columns]
    for i in range(table.row_count):
        if i:
            grid.add_row("", "")
        for label, cells in zip(labels, rows, strict=True):
            cell = cells[i]
            if not isinstance(cell, Text) or cell.plain:
                grid.add_row(label, cell)
    return [Text(""), grid] if table.row_count else []


def _print(*renderables: RenderableType) -> None:
    from rich.table import Table

    console = _console()
    width = console.width
    shown: list[RenderableType] = []
    for r in renderables:
        if isinstance(r, Table) and r.title is not None:
            _drop_empty_columns(r)
            # The title on a line of its own: a table narrower than its title would wrap it.
            title, r.title = r.title, None
            shown += [title, *_blocks(r, width)] if not _fit(r, width) else [title, r]
            continue
        shown.append(r)
    if console.is_terminal:
        for r in shown:
            console.print(r)
        return
    # Piped: Rich pads every line to the width; a file or a pipe gets no trailing spaces.
    with console.capture() as captured:
        for r in shown:
            console.print(r)
    write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))


def _date(value: object) -> str:
    return "" if value is None else str(value)


def _span(since: object, until: object) -> str:
    """A period as people write it: "2001 – 2022-03-16", "since 2001", "until 2022"."""
    if since and until:
        return f"{since} – {until}"
    if since:
        return f"since {since}"
    return f"until {until}" if until else ""


def orgs_table(subject: str, orgs: Sequence[Org]) -> None:
    table = _table(
        f"{subject} — international organizations ({len(orgs)})",
        [
            ("Name", {"max_width": 28}),
            ("Role", {}),
            ("Category", {}),
            ("Held", {"max_width": 21}),
            ("Notes", {"ratio": 1}),
        ],
    )
    for o in orgs:
        name = _text(o.name)
        if o.abbr:
            name.append_text(_text(f" ({o.abbr})"))
        table.add_row(name, _text(o.role.value), _text(o.category), _held(o), _text(o.notes))
    _print(table)


def _status(d: Dispute) -> str:
    """A dispute's state as a phrase: "1944 – resolved 2008-07-21", "unresolved since 1945"."""
    if d.resolved_on:
        return f"{d.since} – resolved {d.resolved_on}" if d.since else f"resolved {d.resolved_on}"
    return f"{d.status.value} since {d.since}" if d.since else d.status.value


def disputes_table(title: str, disputes: Sequence[Dispute]) -> Table:
    table = _table(
        title,
        [
            ("Name", {"max_width": 22}),
            ("Countries", {"max_width": 14}),
            ("Territories", {"max_width": 18}),
            ("Status", {"max_width": 14}),
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
    """The title in bold, then the summary in plain text (the bold stops at the title)."""
    text = _text("")
    text.append_text(_text(e.title, "bold"))
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
        table.add_row(
            _text(c.name),
            _text(_codes(c)),
            _text(c.relation),
            _text(str(n_disputes)),
            _text(str(n_events)),
        )
    _print(table)


def _codes(c: Country) -> str:
    return "/".join(code for code in (c.iso2, c.iso3) if code)


def _labelled(rows: Sequence[tuple[str, Text | str]]) -> Table:
    """Label and value lines; a long value wraps under itself (a hanging indent)."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="dim")
    grid.add_column(overflow="fold")
    for label, value in rows:
        if value:
            grid.add_row(label, value if not isinstance(value, str) else _text(value))
    return grid


def _section(heading: str, marks: Sequence[str], items: Sequence[str]) -> list[RenderableType]:
    """A heading, then one item a line behind its mark ("•", "1."), wrapped under itself."""
    from rich.padding import Padding

    if not items:
        return []
    rows = [(mark, _text(item)) for mark, item in zip(marks, items, strict=True)]
    return [_text(""), _text(heading, "bold"), Padding(_labelled(rows), (0, 0, 0, 2))]


def country_profile(
    subject: str, country: Country, disputes: Sequence[Dispute], events: Sequence[Event]
) -> None:
    """Everything about one country: its line, notes, sources, disputes and events."""
    parts: list[RenderableType] = [
        _text(f"{subject} — {country.name}", "bold"),
        _labelled(
            [
                ("ISO", _codes(country)),
                ("Also", ", ".join(country.aliases)),
                ("Relation", country.relation or ""),
            ]
        ),
    ]
    parts += _section("Notes", ["•"] * len(country.notes), country.notes)
    numbers = [f"{i}." for i in range(1, len(country.sources) + 1)]
    parts += _section("Sources", numbers, country.sources)
    if disputes:
        parts += [_text(""), disputes_table(f"Territorial disputes ({len(disputes)})", disputes)]
    if events:
        parts += [] if disputes else [_text("")]  # a table ends with a blank line of its own
        parts += [events_table(f"Events ({len(events)})", events)]
    _print(*parts)


def subject_profile(subject: str, me: Country, orgs: int, disputes: int, events: int) -> None:
    """country NAME for the fact base's own subject: what it is, and where its facts are."""
    parts: list[RenderableType] = [
        _text(f"{me.name} — the subject of this fact base", "bold"),
        _labelled([("ISO", _codes(me)), ("Also", ", ".join(me.aliases))]),
        _text(""),
        _text(f"Every record here is about {subject}'s foreign relations:"),
        _labelled(
            [
                ("  factcli orgs", f"{orgs} international organizations"),
                ("  factcli disputes", f"{disputes} territorial disputes"),
                ("  factcli events", f"{events} events"),
            ]
        ),
    ]
    _print(*parts)


def _marked(text: str, words: Sequence[str]) -> Text:
    """Fact text with the query words that start its words in bold (matched without accents)."""
    from factcli.model import fold
    from factcli.query import word_start

    cell = _text(text)
    # Fold character by character so that offsets in the folded text are offsets in text.
    folded, where = "", []
    for i, ch in enumerate(cell.plain):
        f = fold(ch)
        folded += f
        where += [i] * len(f)
    where.append(len(cell.plain))
    for word in words:
        for m in word_start(word).finditer(folded):
            cell.stylize("bold", where[m.start()], where[m.end() - 1] + 1)
    return cell


def _why(record: Record, words: Sequence[str]) -> Text:
    """The fields a search matched in (not the name or id, shown beside), words in bold."""
    from factcli.query import match_fields

    d = as_dict(record)
    text = _text("")
    for field in match_fields(record, words):
        if field in ("id", "name", "title"):
            continue
        value = getattr(record, field)
        items = value if isinstance(value, tuple) else (value,)
        hits = [str(v) for v in items if v and _marked(str(v), words).spans]
        if text.plain:
            text.append("\n")
        text.append(f"{field}: ", style="dim")
        text.append_text(_marked("; ".join(hits), words))
    if not text.plain:
        details = d.get("summary") or d.get("relation") or ""
        text.append_text(_text(str(details)))
    return text


def search_table(subject: str, text: str, records: Sequence[Record]) -> None:
    """Search results, each with the fields it matched in and the matching words in bold."""
    from factcli.query import words as query_words

    words = query_words(text)
    table = _table(
        f"{subject} — search '{text}' ({len(records)})",
        [
            ("Kind", {"no_wrap": True}),
            ("Id", {"no_wrap": True}),
            ("Name", {"max_width": 30}),
            ("Date", {"no_wrap": True}),
            ("Matched", {"ratio": 1}),
        ],
    )
    for r in records:
        d = as_dict(r)
        name = d.get("name") or d.get("title") or ""
        date = d.get("date") or d.get("since") or ""
        table.add_row(
            _text(kind_of(r).value),
            _marked(d["id"], words),
            _marked(name, words),
            _text(str(date)),
            _why(r, words),
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
    counts = dict(rows)
    # Years without events inside the range show as zero: a gap in the chart is a gap in time.
    rows = [(y, counts.get(y, 0)) for y in range(rows[0][0], rows[-1][0] + 1)]
    for year, n in rows:
        eighths = max(1, round(n * room * 8 / top)) if n else 0
        bar = "█" * (eighths // 8) + _EIGHTHS[eighths % 8]
        lines.append(f"{year:04d} {n:>{digits}} {bar}".rstrip())
    write("\n".join(lines) + "\n")


# --- time: a tie's period, a dispute's history ----------------------------------------------


def _held(org: Org) -> Text:
    """When a tie held, each date saying what it is: "from 1997-06", "suspended 2014-03-24"."""
    parts = [f"from {org.since}" if org.since else ""]
    if org.until:
        parts.append(f"{org.end.value if org.end else 'until'} {org.until}")
    return _text("\n".join(p for p in parts if p))


def _timeline(dispute: Dispute) -> Text:
    """A dispute's status over time, a line a term: "unresolved 1991", "resolved 2008-07-21"."""
    if len(dispute.terms) <= 1:
        return _text(_status(dispute))
    lines = []
    for term in dispute.terms:
        since = "" if term.since is None else f" {term.since}"
        lines.append(f"{term.status.value}{since}")
    return _text("\n".join(lines))
