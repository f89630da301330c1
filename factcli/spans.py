"""How a history reads in a table's cell: a tie's period, a dispute's or a treaty's statuses
up to the term shown, a line each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcli.history import in_force, today
from factcli.layout import cell
from factcli.model import Dispute, Org, PartialDate, Status, Treaty

if TYPE_CHECKING:
    from rich.text import Text


def held(org: Org) -> Text:
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


def timeline(dispute: Dispute, moment: PartialDate | None) -> Text:
    """A dispute's status over time up to the moment, a line a change: "unresolved since
    1991", "resolved 1997-05-31". Terms that only add a note to the same status are one line."""
    terms = dispute.terms
    if moment is not None and (now := in_force(terms, moment, dispute.since, today().start)):
        terms = terms[: terms.index(now) + 1]
    if len(terms) <= 1:
        return cell(status(dispute))
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


def status(d: Dispute) -> str:
    """A dispute's state as a phrase: "1944 – resolved 2008-07-21", "unresolved since 1945"."""
    if d.resolved_on:
        return f"{d.since} – resolved {d.resolved_on}" if d.since else f"resolved {d.resolved_on}"
    return f"{d.status.value} since {d.since}" if d.since else d.status.value


# Statuses that are something done on a day ("signed 1990-11-19"); the others are states
# that last ("in force since 1992-11-09").
_DONE = {"signed", "ratified", "withdrawn", "terminated", "expired"}


def treaty_history(treaty: Treaty) -> Text:
    """A treaty's statuses up to the one shown, a line each: "in force since 1999-04-01",
    "withdrawn 2023-11-07"."""
    now = (treaty.status, treaty.since, treaty.until)
    last = max((i for i, t in enumerate(treaty.terms) if (t.status, t.since, t.until) == now),
               default=len(treaty.terms) - 1)  # fmt: skip
    lines = []
    for term in treaty.terms[: last + 1]:
        status = term.status.value
        when = (
            ""
            if term.since is None
            else f" {term.since}"
            if status in _DONE
            else f" since {term.since}"
        )
        until = f" until {term.until}" if term.until else ""
        lines.append(f"{status}{when}{until}")
    return cell("\n".join(lines))
