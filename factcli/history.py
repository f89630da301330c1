"""Histories in time: which term of a record held at a moment, and what cannot be known."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TypeVar

from factcli.model import DisputeTerm, OrgTerm, PartialDate, RelationTerm, TreatyTerm

T = TypeVar("T", OrgTerm, DisputeTerm, RelationTerm, TreatyTerm)


def in_force(
    terms: Sequence[T],
    moment: PartialDate,
    began: PartialDate | None = None,
    today: dt.date | None = None,
    ended: PartialDate | None = None,
) -> T | None:
    """The latest term whose period overlaps the moment, or None.

    A term without `until` lasts until the next one starts; the last one until `today`
    (given: not beyond it, since nothing is known of the future). A first term without
    `since` starts when the record began (`began`: an org's founding, a dispute's start);
    where that is not known either, it is placed only at today, since all that is known is
    that it holds now: unknown is never read as "always". No term holds before `began` or
    after `ended` (an org's dissolution), however coarse its own dates.
    """
    found = None
    for i, term in enumerate(terms):
        since = term.since or (began if i == 0 else None)
        start = since.start if since is not None else today
        if began is not None and start is not None:
            start = max(start, began.start)
        if start is None or start > moment.end:
            continue
        if term.until is not None:
            end = term.until.end
        elif i + 1 < len(terms):
            following = terms[i + 1].since
            if following is not None and following.start <= max(moment.start, start):
                continue  # it ended the day before the next term began: before either
            end = dt.date.max if following is None else following.start - dt.timedelta(days=1)
        else:
            end = today or dt.date.max
        if ended is not None:
            end = min(end, ended.end)
        if end < moment.start or end < start:
            continue
        found = term
    return found


def unplaced(terms: Sequence[T], moment: PartialDate, began: PartialDate | None = None) -> bool:
    """Whether a history cannot say if it held at the moment: none of its terms is known to,
    and its first term, whose start is not known, may have."""
    if not terms or terms[0].since is not None or began is not None:
        return False
    first = terms[0]
    if first.until is not None:
        ends_before = first.until.end < moment.start
    elif len(terms) > 1 and terms[1].since is not None:
        ends_before = terms[1].since.start <= moment.start
    else:
        ends_before = False
    return not ends_before and in_force(terms, moment, began) is None


def today() -> PartialDate:
    return PartialDate.from_date(dt.date.today())
