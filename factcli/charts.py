"""Charts in plain text, fitted to the terminal's width: events per year, and histories
(`orgs --chart`, `treaties --chart`) as one line a record across the years."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Sequence
from itertools import groupby
from typing import Any

from factcli.history import today
from factcli.kinds import spec_of
from factcli.render import label, safe, title_lines, write

_EIGHTHS = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]


def width() -> int:
    """The terminal's width; not a terminal: COLUMNS, else 80, as for the tables."""
    return shutil.get_terminal_size().columns


# This many years in a row without events, or more, are one line: "1946–1958 (no events)".
# Fewer show as years of 0, so that a gap of a year or two still reads as a gap in time.
FOLD = 3


def year_chart(title: str, rows: Sequence[tuple[int, int]]) -> None:
    """(year, count) rows, every year of the span, as bars of block characters scaled to
    the width; a run of FOLD or more years without events folded into one line."""
    top = max(n for _, n in rows)
    digits = len(str(top))
    room = max(10, width() - len("2007") - digits - 3)
    lines = title_lines(safe(title), width())
    for empty, run in groupby(rows, key=lambda row: row[1] == 0):
        years = list(run)
        if empty and len(years) >= FOLD:
            lines.append(f"{years[0][0]:04d}–{years[-1][0]:04d} (no events)")
            continue
        for year, n in years:
            eighths = max(1, round(n * room * 8 / top)) if n else 0
            bar = "█" * (eighths // 8) + _EIGHTHS[eighths % 8]
            lines.append(f"{year:04d} {n:>{digits}} {bar}".rstrip())
    write("\n".join(lines) + "\n")


# A mark for each state a history can be in: blocks for ties and treaties that hold, light
# marks for what ended and still stands (a treaty withdrawn, a tie of the v1 kind "former").
MARKS = {
    "member": "█", "participant": "▓", "partner": "▒", "observer": "░", "suspended": "╌",
    "former": "▁",
    "in force": "█", "ratified": "▓", "signed": "░", "not in force": "·",
    "withdrawn": "×", "terminated": "┄", "expired": "┈",
}  # fmt: skip
OTHER = "▪"  # a state without a mark of its own


class Bar:
    """One term of a record's history, as days: its state, first and last day."""

    def __init__(self, state: str, first: dt.date, last: dt.date) -> None:
        self.state, self.first, self.last = state, first, last


def bars(record: Any, moment: dt.date) -> list[Bar]:
    """The terms of a record's history as spans of days, up to the moment (today, or the
    --as-of asked). A first term whose start is recorded nowhere holds only at the moment."""
    kind = spec_of(record)
    began, ended = kind.began(record), kind.ended(record)
    terms = record.terms
    found = []
    for i, term in enumerate(terms):
        since = term.since or (began if i == 0 else None)
        first = since.start if since is not None else moment
        if term.until is not None:
            last = term.until.end
        elif i + 1 < len(terms) and terms[i + 1].since is not None:
            last = terms[i + 1].since.start - dt.timedelta(days=1)
        else:
            last = ended.end if ended is not None else moment
        last = min(last, moment)
        if first <= last:
            found.append(Bar(str(next(iter(_states(term)))), first, last))
    return found


def _states(term: Any) -> Sequence[Any]:
    return [getattr(term, "role", None) or getattr(term, "status", None)]


def history_chart(title: str, records: Sequence[Any], moment: dt.date | None = None) -> None:
    """One line a record: its name, then a mark for each term across the years, a legend."""
    moment = moment or today().start
    from rich.cells import cell_len  # table mode only, where Rich is loaded anyway

    full = width()
    room_for_label = max(6, full // 3)
    labels = _labels(records, room_for_label)
    rows = [(name, bars(r, moment)) for name, r in zip(labels, records, strict=True)]
    starts = [b.first.year for _, bs in rows for b in bs]
    first_year = min(starts, default=moment.year)
    last_year = moment.year
    label = min(max((cell_len(name) for name, _ in rows), default=4), room_for_label)
    room = max(10, full - label - 1)
    years = last_year - first_year + 1
    per_column = max(1.0, years / room)  # years a column stands for: at least one
    columns = min(room, years) if per_column == 1.0 else room
    lines = title_lines(safe(title), full)
    for name, spans in rows:
        line = [" "] * columns
        for bar in spans:
            mark = MARKS.get(bar.state, OTHER)
            start = int((bar.first.year - first_year) / per_column)
            end = int((bar.last.year - first_year) / per_column)
            for c in range(start, min(end, columns - 1) + 1):
                line[c] = mark
        text = _fit(name, label)
        lines.append(f"{text} {''.join(line)}".rstrip())
    lines.append(" " * (label + 1) + _axis(first_year, last_year, columns, full - label - 1))
    drawn = set("".join(lines[1:]))  # a state whose every day fell in a column of another
    states = [b.state for _, bs in rows for b in bs if MARKS.get(b.state, OTHER) in drawn]
    lines += _legend(states, full)
    write("\n".join(lines) + "\n")


def _labels(records: Sequence[Any], room: int) -> list[str]:
    """A label a record, on one line: its abbreviation, else its name; its id where that
    would not fit whole or would read as another record's label."""
    from rich.cells import cell_len

    def one(record: Any) -> str:
        name: str = getattr(record, "abbr", None) or record.name
        if cell_len(name) > room and len(record.id) < len(name):
            name = record.id
        return label(name)

    def alike(texts: list[str]) -> set[str]:
        """The texts that, cut to the room, read as another's."""
        cut = [_fit(text, room).rstrip() for text in texts]
        return {text for text, c in zip(texts, cut, strict=True) if cut.count(c) > 1}

    texts = [one(r) for r in records]
    twice = alike(texts)
    texts = [r.id if t in twice else t for r, t in zip(records, texts, strict=True)]
    twice = alike(texts)  # ids that begin alike: their ends tell them apart
    return [f"…{t[-(room - 1) :]}" if t in twice else t for t in texts]


def _fit(text: str, size: int) -> str:
    """Text cut (with '…') or padded to size columns of the terminal (wide characters
    count twice)."""
    from rich.cells import cell_len, set_cell_size

    if cell_len(text) > size:
        return set_cell_size(text, size - 1) + "…"
    return set_cell_size(text, size)


def _axis(first: int, last: int, columns: int, room: int) -> str:
    """The first and last years under the bars, the last right-aligned under its column,
    or just beyond it when the bars are too few to hold both."""
    left, right = f"{first:04d}", f"{last:04d}"
    if first == last:
        return left
    if columns >= len(left) + 1 + len(right):
        return left + right.rjust(columns - len(left))
    return left + " " + right if room >= len(left) + 1 + len(right) else left


def _legend(states: Sequence[str], full: int) -> list[str]:
    """The marks that appear, a line of "█ member  ░ observer …" wrapped to the width."""
    seen = list(dict.fromkeys(s for s in states if MARKS.get(s, OTHER)))
    items = [f"{MARKS.get(s, OTHER)} {safe(s)}" for s in seen]
    lines, line = [], ""
    for item in items:
        if line and len(line) + 2 + len(item) > full:
            lines.append(line)
            line = ""
        line = f"{line}  {item}" if line else item
    return [*lines, line] if line else lines
