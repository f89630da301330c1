"""Dates as fact files write them (a year, a month or a day), dated notes, and the spans
filters keep."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import NamedTuple

from factcli.declare import maker

# "YYYY", "YYYY-MM" or "YYYY-MM-DD", the JSON Schema's pattern too; not \d, which takes "٢٠٠٧".
# A day the month lacks (2007-02-30) is refused by parse(), which no pattern can say.
DATE_PATTERN = r"(?!0000)([0-9]{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12][0-9]|3[01]))?)?"
_DATE = re.compile(DATE_PATTERN)


@dataclass(frozen=True, slots=True, order=False)
class PartialDate:
    """A year, a month or a day; it stands for the whole period it names."""

    year: int
    month: int = 0  # 0: the whole year
    day: int = 0  # 0: the whole month (or year)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD"; ValueError when it is not a real date."""
        make = maker(cls)
        if len(text) == 10 and text[4] == "-" == text[7] and text.isascii():
            # A day, as most dates are. In this form, YYYY-MM-DD of ASCII digits that is a
            # real day is exactly what the pattern takes and the calendar has.
            try:
                day = dt.date.fromisoformat(text)
            except ValueError:
                pass  # not a real day, or not of the pattern: the pattern says which
            else:
                return make(day.year, day.month, day.day)
        m = _DATE.fullmatch(text)  # which also refuses year 0000 and months 00 and 13
        if m is None or m.lastindex == 3:  # none, or a day the month lacks (2007-02-30)
            raise ValueError(f"invalid date '{text}'")
        if m.lastindex == 2:  # a month
            return make(int(text[:4]), int(text[5:]), 0)
        return make(int(text), 0, 0)

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        return maker(cls)(value.year, value.month, value.day)

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> dt.date:
        if self.day:
            return self.start
        if not self.month:
            return dt.date(self.year, 12, 31)
        # The day before the next month starts; December ends on the 31st (so 9999-12 does
        # too, where there is no next month). Not calendar.monthrange: 1 ms of every run.
        if self.month == 12:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, self.month + 1, 1) - dt.timedelta(days=1)

    @property
    def sort_key(self) -> tuple[int, int]:
        """Earliest start first; a period before the more precise dates inside it."""
        precision = 2 if self.day else 1 if self.month else 0
        return self.start.toordinal(), precision

    def __str__(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


class Note(str):
    """A dated note: its text is the string itself, so that it reads wherever a note does,
    and `date` is when the fact it states happened (an undated note is a plain str)."""

    date: PartialDate

    def __new__(cls, text: str, date: PartialDate) -> Note:
        note = super().__new__(cls, text)
        note.date = date
        return note

    def __repr__(self) -> str:
        return f"Note({str(self)!r}, {self.date})"


def noted_by(note: str, moment: PartialDate) -> bool:
    """Whether a note may be shown as of a moment: undated, or dated no later than it."""
    return not isinstance(note, Note) or note.date.start <= moment.end


class QueryError(ValueError):
    """A filter value that cannot be right (a usage error)."""


# A named tuple, not a dataclass: making a dataclass costs half a millisecond of every run.
class Period(NamedTuple):
    """The inclusive span of days that --since / --until / --year keep."""

    since: PartialDate | None = None
    until: PartialDate | None = None

    @classmethod
    def of(cls, since: str | None, until: str | None, year: str | None) -> Period:
        """Parse the options; raise QueryError for bad dates or an empty span."""
        start, end = parse_date(since), parse_date(until)
        first, last = "--since", "--until"  # the options that set each end, for the message
        if year is not None:
            y = parse_year(year)
            if start is None or y.start > start.start:
                start, first = y, "--year"
            if end is None or y.end < end.end:
                end, last = y, "--year"
        if start is not None and end is not None and start.start > end.end:
            raise QueryError(f"{first} {start} is after {last} {end}")
        return cls(start, end)

    def keeps(self, date: PartialDate | None) -> bool:
        """Whether a fact's period overlaps this one (a fact with no date never does)."""
        since, until = self
        if since is None and until is None:
            return True
        if date is None:
            return False
        # Days as (year, month, day), without making dates: a period's last day as the
        # 31st, which orders it against any real day exactly as its real last day does.
        first = (date.year, date.month or 1, date.day or 1)
        last = (date.year, date.month or 12, date.day or 31)
        if since is not None and last < (since.year, since.month or 1, since.day or 1):
            return False
        return until is None or first <= (until.year, until.month or 12, until.day or 31)


def parse_year(text: str) -> PartialDate:
    try:
        year = PartialDate.parse(text.strip())
    except ValueError:
        year = None
    if year is None or year.month:
        raise QueryError(f"invalid year '{text}' (expected YYYY)")
    return year


def parse_date(text: str | None) -> PartialDate | None:
    if text is None:
        return None
    try:
        return PartialDate.parse(text.strip())
    except ValueError:
        raise QueryError(f"invalid date '{text}' (expected YYYY, YYYY-MM or YYYY-MM-DD)") from None
