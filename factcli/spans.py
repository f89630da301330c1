"""How a history reads in a table's cell: a tie's period, a dispute's or a treaty's statuses
up to the term shown, a line each.

Each line says plainly whether what it names holds: "in force since 1999-04-01" holds at
the time the table speaks of (today, or the --as-of asked); "in force from 1992-11-09"
held until the next line's date; "member 1990–1995" held between the two; a status that
is done on a day ("signed 1990-11-19", "resolved 2008-07-21", "suspended 2014-03-24" for
how a tie ended) is that day's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcli.history import in_force, today
from factcli.layout import cell
from factcli.model import Dispute, Org, PartialDate, Status, Treaty

if TYPE_CHECKING:
    from rich.text import Text


def _span(
    since: PartialDate | None,
    until: PartialDate | None,
    last: bool,
    then: PartialDate | None = None,
) -> str:
    """When a state held, as a line of a history says it (see the module's docstring); then:
    when the next line began, which ends one whose start is unknown ("until 1991-05-16")."""
    if since is None:
        end = until or then
        return f"until {end}" if end else ""
    if until is not None:
        return f"{since}–{until}"
    return f"since {since}" if last else f"from {since}"


def held(org: Org) -> Text:
    """When a tie held: "since 1998-11"; "from 1997-06", then "suspended 2014-03-24"; a
    history up to the term shown, a line a term ("member from 1992-03"). A first term
    without `since` starts at the org's founding."""
    now = (org.role, org.since, org.until)
    last = max((i for i, t in enumerate(org.terms) if (t.role, t.since, t.until) == now), default=0)
    shown = org.terms[: last + 1]
    starts = [t.since or (org.founded if i == 0 else None) for i, t in enumerate(shown)]
    lines = []
    for i, (term, since) in enumerate(zip(shown, starts, strict=True)):
        final = i == len(shown) - 1
        # The shown term's end is a line of its own, that says how it ended.
        then = None if final else starts[i + 1]
        span = _span(since, None if final else term.until, final and org.until is None, then)
        role = term.role.value if len(shown) > 1 else ""  # one term: the Role column says it
        lines.append(" ".join(p for p in (role, span) if p))
    if org.until:
        lines.append(f"{org.end.value if org.end else 'until'} {org.until}")
    return cell("\n".join(line for line in lines if line))


def timeline(dispute: Dispute, moment: PartialDate | None) -> Text:
    """A dispute's status over time up to the moment, a line a change: "unresolved from
    1991", "resolved 1997-05-31", "unresolved since 2014-03-18". Terms that only add a note
    to the same status are one line."""
    terms = dispute.terms
    if moment is not None and (now := in_force(terms, moment, dispute.since, today().start)):
        terms = terms[: terms.index(now) + 1]
    if len(terms) <= 1:
        return cell(status(dispute))
    changes: list[tuple[Status, PartialDate | None, PartialDate | None]] = []
    for term in terms:
        if changes and term.status is changes[-1][0]:
            changes[-1] = (term.status, changes[-1][1], term.until)
        else:
            changes.append((term.status, term.since, term.until))
    lines = []
    for i, (state, since, until) in enumerate(changes):
        if state is Status.RESOLVED and since is not None:
            lines.append(f"resolved {since}")  # settled on a day
        else:
            then = changes[i + 1][1] if i + 1 < len(changes) else None
            span = _span(since, until, i == len(changes) - 1, then)
            lines.append(f"{state.value} {span}".rstrip())
    return cell("\n".join(lines))


def status(d: Dispute) -> str:
    """A dispute's state as a phrase: "1944 – resolved 2008-07-21", "unresolved since 1945"."""
    if d.resolved_on:
        return f"{d.since} – resolved {d.resolved_on}" if d.since else f"resolved {d.resolved_on}"
    return f"{d.status.value} since {d.since}" if d.since else d.status.value


# Statuses that are something done on a day ("signed 1990-11-19"); the others are states
# that last ("in force since 1992-11-09").
_DONE = {"signed", "ratified", "withdrawn", "terminated", "expired"}


def treaty_history(treaty: Treaty) -> Text:
    """A treaty's statuses up to the one shown, a line each: "signed 1997-05-31", "in force
    from 1999-04-01", "terminated 2019-04-01"; "in force since 1999-04-01" while it holds."""
    now = (treaty.status, treaty.since, treaty.until)
    last = max((i for i, t in enumerate(treaty.terms) if (t.status, t.since, t.until) == now),
               default=len(treaty.terms) - 1)  # fmt: skip
    shown = treaty.terms[: last + 1]
    lines = []
    for i, term in enumerate(shown):
        status = term.status.value
        if status in _DONE and term.since is not None:
            lines.append(f"{status} {term.since}")
        else:
            then = shown[i + 1].since if i + 1 < len(shown) else None
            span = _span(term.since, term.until, i == len(shown) - 1, then)
            lines.append(f"{status} {span}".rstrip())
    return cell("\n".join(lines))
