"""The tables of each kind and the search results."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from factcli import spans
from factcli.kinds import as_dict, kind_of
from factcli.layout import cell, emit, joined, new_table
from factcli.model import (
    Dispute,
    Event,
    Org,
    PartialDate,
    Record,
    Treaty,
)
from factcli.render import history, is_term, safe

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text


def orgs_table(title: str, orgs: Sequence[Org], moment: PartialDate | None = None) -> None:
    table = new_table(
        title,
        [
            ("Name", {"max_width": 28}),
            ("Role", {}),
            ("Category", {}),
            ("Held", {"max_width": 28}),  # "participant since 1993-08-24"
            ("Notes", {"ratio": 1}),
        ],
    )
    for o in orgs:
        name = cell(o.name)
        if o.abbr:
            name.append_text(cell(f" ({o.abbr})"))
        table.add_row(name, cell(o.role.value), cell(o.category), spans.held(o), cell(o.notes))
    emit(table)


def treaties_table(
    title: str, treaties: Sequence[Treaty], moment: PartialDate | None = None
) -> None:
    emit(treaty_table(title, treaties))


def treaty_table(title: str, treaties: Sequence[Treaty]) -> Table:
    table = new_table(
        title,
        [
            ("Name", {"max_width": 28}),
            ("Status", {"no_wrap": True}),  # a line a change of status, never wrapped
            ("Parties", {"max_width": 18}),
            ("Summary", {"ratio": 1}),
        ],
    )
    for t in treaties:
        name = cell(t.name)
        if t.abbr:
            name.append_text(cell(f" ({t.abbr})"))
        parties = [*t.countries, *(o.upper() for o in t.orgs)]
        table.add_row(name, spans.treaty_history(t), joined(parties), cell(t.summary))
    return table


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
            spans.timeline(d, moment),
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
    text = cell(f"{e.title}\n{e.summary}" if e.summary else e.title)
    text.stylize("bold", 0, len(safe(e.title)))
    return text


def print_disputes(
    title: str, disputes: Sequence[Dispute], moment: PartialDate | None = None
) -> None:
    emit(disputes_table(title, disputes, moment))


def print_events(title: str, events: Sequence[Event], moment: PartialDate | None = None) -> None:
    emit(events_table(title, events))


def _marked(text: str, words: Sequence[str]) -> Text:
    """Fact text with the query words that start its words in bold (matched without accents,
    in a spelling of each: "defense" marks "defence")."""
    from factcli.matching import apart, word_start
    from factcli.spelling import variants

    marked = cell(text)
    folded, at = _folded(marked.plain)
    # The text with the parts of names apart is as long, each place the same: what it
    # changes (a hyphen, an apostrophe) folds to one character, as what it writes does.
    spaced = apart(marked.plain)
    forms = dict.fromkeys((folded, folded if spaced == marked.plain else spaced.translate(_FOLDS)))
    for word in (v for w in words for v in variants(w)):
        for form in forms:
            for m in word_start(word).finditer(form):
                marked.stylize("bold", at(m.start()), at(m.end() - 1) + 1)
    return marked


class _Folds(dict[int, str]):
    """For str.translate: each character as model.fold folds it, folded once."""

    def __missing__(self, code: int) -> str:
        from factcli import model

        self[code] = folded = model.fold(chr(code))
        return folded


_FOLDS = _Folds()


def _folded(text: str) -> tuple[str, Callable[[int], int]]:
    """The text folded a character at a time, so that a match in it can be found in the
    text; and where in the text a folded character comes from. Most characters fold to
    one; "ß" folds to two, a combining accent to none: only where those stand is kept.
    A call of fold() for each character took 1.2 s a megabyte."""
    import bisect
    import re

    folded = text.translate(_FOLDS)
    odd = [c for c in set(text) if len(_FOLDS[ord(c)]) != 1]
    if not odd:
        return folded, int
    starts, froms, sizes = [], [], []  # each odd character: in folded, in text, folded size
    shift = 0
    for m in re.finditer("|".join(map(re.escape, odd)), text):
        size = len(_FOLDS[ord(m.group())])
        starts.append(m.start() + shift)
        froms.append(m.start())
        sizes.append(size)
        shift += size - 1

    def at(i: int) -> int:
        k = bisect.bisect_right(starts, i) - 1
        if k < 0:
            return i
        inside = i - starts[k]
        return froms[k] if inside < sizes[k] else froms[k] + 1 + inside - sizes[k]

    return folded, at


def _why(record: Record, words: Sequence[str]) -> Text:
    """The fields a search matched in (not the name or id, shown beside), words in bold."""
    from factcli.searching import match_fields

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


def search_table(title: str, text: str, records: Sequence[Record]) -> None:
    """Search results, each with the fields it matched in and the matching words in bold."""
    from factcli.matching import words as query_words

    words = query_words(text)
    table = new_table(
        title,
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
    """A table of the chosen fields, one column each, headed as the other tables head them;
    a column chosen is shown even where every record leaves it empty."""
    table = new_table(title, [(heading(f), {}) for f in fields])
    for o in objects:
        table.add_row(*(cell(_cell(o.get(f))) for f in fields))
    emit(table, every_column=True)


# The headings of the kinds' own tables where a field's name in words would differ.
_HEADINGS = {"iso2": "ISO2", "iso3": "ISO3", "dispute_count": "Disputes", "event_count": "Events"}


def heading(field: str) -> str:
    """A field's column heading: "name" is "Name", "resolved_on" is "Resolved on"."""
    return _HEADINGS.get(field) or field.replace("_", " ").capitalize()


def _cell(value: Any) -> str:
    """A field as a cell: lists joined, nested records (a country's events) by id."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        if value and all(is_term(v) for v in value):
            return "\n".join(history(value))  # a history: a line a term, as in other tables
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        if "id" in value:
            return str(value["id"])
        if value.keys() == {"text", "date"}:  # a dated note, as csv writes it
            return f"{value['text']} ({value['date']})"
        return history([value])[0]
    return str(value)


def changes_table(title: str, rows: Sequence[Any]) -> None:
    """What changed, a row a change (or an event): date, kind, name, from → to."""
    table = new_table(
        title,
        [
            ("Date", {"no_wrap": True}),
            ("Kind", {}),
            ("Name", {"ratio": 1}),
            ("Change", {"ratio": 1}),
        ],
    )
    for row in rows:
        if isinstance(row, Event):
            table.add_row(cell(str(row.date)), cell("event"), cell(row.title), cell(""))
            continue
        old = row.old if row.old is not None else "—"
        new = row.new if row.new is not None else (f"ended ({row.end})" if row.end else "ended")
        table.add_row(cell(str(row.date)), cell(row.kind), cell(row.name), cell(f"{old} → {new}"))
    emit(table)
