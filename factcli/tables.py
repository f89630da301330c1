"""The tables of each kind, the search results and the bar chart."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from factcli.history import in_force, today
from factcli.kinds import as_dict, kind_of
from factcli.layout import cell, emit, joined, new_table
from factcli.model import (
    Dispute,
    Event,
    Org,
    PartialDate,
    Record,
    Status,
)
from factcli.render import safe, term_text, write

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text


def _date(value: object) -> str:
    return "" if value is None else str(value)


def _span(since: object, until: object) -> str:
    """A period as people write it: "2001 – 2022-03-16", "since 2001", "until 2022"."""
    if since and until:
        return f"{since} – {until}"
    if since:
        return f"since {since}"
    return f"until {until}" if until else ""


def orgs_table(title: str, orgs: Sequence[Org], moment: PartialDate | None = None) -> None:
    table = new_table(
        title,
        [
            ("Name", {"max_width": 28}),
            ("Role", {}),
            ("Category", {}),
            ("Held", {"max_width": 27}),  # "participant from 1993-08-24"
            ("Notes", {"ratio": 1}),
        ],
    )
    for o in orgs:
        name = cell(o.name)
        if o.abbr:
            name.append_text(cell(f" ({o.abbr})"))
        table.add_row(name, cell(o.role.value), cell(o.category), _held(o), cell(o.notes))
    emit(table)


def _status(d: Dispute) -> str:
    """A dispute's state as a phrase: "1944 – resolved 2008-07-21", "unresolved since 1945"."""
    if d.resolved_on:
        return f"{d.since} – resolved {d.resolved_on}" if d.since else f"resolved {d.resolved_on}"
    return f"{d.status.value} since {d.since}" if d.since else d.status.value


def disputes_table(
    title: str, disputes: Sequence[Dispute], moment: PartialDate | None = None
) -> Table:
    table = new_table(
        title,
        [
            ("Name", {"max_width": 22}),
            ("Countries", {"max_width": 14}),
            ("Territories", {"max_width": 18}),
            ("Status", {"no_wrap": True}),  # a line a change of status, never wrapped
            ("Summary", {"ratio": 1}),
        ],
    )
    for d in disputes:
        table.add_row(
            cell(d.name),
            joined(d.countries),
            joined(d.territories),
            _timeline(d, moment),
            cell(d.summary),
        )
    return table


def events_table(title: str, events: Sequence[Event]) -> Table:
    table = new_table(
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
            cell(str(e.date)),
            _event_text(e),
            joined(e.countries),
            joined(e.orgs),
            joined(e.tags),
        )
    return table


def _event_text(e: Event) -> Text:
    """The title in bold, then the summary in plain text (the bold stops at the title)."""
    text = cell("")
    text.append_text(cell(e.title, "bold"))
    if e.summary:
        text.append("\n")
        text.append_text(cell(e.summary))
    return text


def print_disputes(
    title: str, disputes: Sequence[Dispute], moment: PartialDate | None = None
) -> None:
    emit(disputes_table(title, disputes, moment))


def print_events(title: str, events: Sequence[Event], moment: PartialDate | None = None) -> None:
    emit(events_table(title, events))


def _marked(text: str, words: Sequence[str]) -> Text:
    """Fact text with the query words that start its words in bold (matched without accents)."""
    from factcli.model import fold
    from factcli.query import word_start

    marked = cell(text)
    # Fold character by character so that offsets in the folded text are offsets in text.
    folded, where = "", []
    for i, ch in enumerate(marked.plain):
        f = fold(ch)
        folded += f
        where += [i] * len(f)
    where.append(len(marked.plain))
    for word in words:
        for m in word_start(word).finditer(folded):
            marked.stylize("bold", where[m.start()], where[m.end() - 1] + 1)
    return marked


def _why(record: Record, words: Sequence[str]) -> Text:
    """The fields a search matched in (not the name or id, shown beside), words in bold."""
    from factcli.query import match_fields

    d = as_dict(record)
    text = cell("")
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
        text.append_text(cell(str(details)))
    return text


def search_table(subject: str, text: str, records: Sequence[Record]) -> None:
    """Search results, each with the fields it matched in and the matching words in bold."""
    from factcli.query import words as query_words

    words = query_words(text)
    table = new_table(
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
        # An event's date is when it happened; an org's or a dispute's, when it began.
        date = d.get("date") or (f"since {d['since']}" if d.get("since") else "")
        table.add_row(
            cell(kind_of(r)),
            _marked(d["id"], words),
            _marked(name, words),
            cell(str(date)),
            _why(r, words),
        )
    emit(table)


def fields_table(title: str, objects: Sequence[dict[str, Any]], fields: Sequence[str]) -> None:
    """A table of the chosen fields, one column each, named as the field is."""
    table = new_table(title, [(f, {}) for f in fields])
    for o in objects:
        table.add_row(*(cell(_cell(o.get(f))) for f in fields))
    emit(table)


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
    """When a tie held: "from 1997-06", "suspended 2014-03-24"; a history up to the term shown,
    a line a term, so that no later term reads as the start ("member from 1992-03"). A first
    term without `since` starts at the org's founding."""
    now = (org.role, org.since, org.until)
    last = max((i for i, t in enumerate(org.terms) if (t.role, t.since, t.until) == now), default=0)
    shown = org.terms[: last + 1]
    starts = [t.since or (org.founded if i == 0 else None) for i, t in enumerate(shown)]
    if len(shown) <= 1:
        parts = [f"from {starts[0]}" if starts and starts[0] else ""]
    else:
        pairs = zip(shown, starts, strict=True)
        parts = [f"{t.role.value} from {d}" if d else t.role.value for t, d in pairs]
    if org.until:
        parts.append(f"{org.end.value if org.end else 'until'} {org.until}")
    return cell("\n".join(p for p in parts if p))


def _timeline(dispute: Dispute, moment: PartialDate | None) -> Text:
    """A dispute's status over time up to the moment, a line a change: "unresolved since
    1991", "resolved 1997-05-31". Terms that only add a note to the same status are one line."""
    terms = dispute.terms
    if moment is not None and (now := in_force(terms, moment, dispute.since, today().start)):
        terms = terms[: terms.index(now) + 1]
    if len(terms) <= 1:
        return cell(_status(dispute))
    lines: list[str] = []
    shown = None
    for term in terms:
        if term.status is shown:
            continue
        shown = term.status
        if term.since is None:
            lines.append(term.status.value)
        elif term.status is Status.RESOLVED:
            lines.append(f"resolved {term.since}")
        else:
            lines.append(f"{term.status.value} since {term.since}")
    return cell("\n".join(lines))
