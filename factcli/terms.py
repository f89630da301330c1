"""Histories as fact files write them: terms checked one by one, in order and apart, within
the life of what they are about; or a history made from the single-value fields."""

from __future__ import annotations

import datetime as dt
from typing import Any

from factcli.check import Problems, Raw, Where, fields
from factcli.kinds import declared, needed
from factcli.model import DisputeTerm, PartialDate, Role, Status


def history(
    problems: Problems,
    raw: Raw,
    values: dict[str, Any],
    cls: type[Any],
    history: dict[str, tuple[str, ...]],
) -> bool:
    """Terms in place of the single-value fields they give, or a history of one term made
    from those fields; whether all was sound."""
    ok = True
    for key, shown_by in history.items():
        term_cls = next(f.metadata["term"] for f in declared(cls) if f.name == key)
        if key not in raw.data:
            single = {n: values[n] for n in term_names(term_cls) if n in values}
            value = term_names(term_cls)[0]
            if value in values:
                values[key] = _resolved(values) or (term_cls(**single),)
            elif value not in raw.data and any(f.name == value for f in declared(cls) if needed(f)):
                problems.add(raw.where, raw.label, f"missing required field '{value}' (or '{key}')")
                ok = False
            continue
        both = [n for n in shown_by if n in raw.data]
        if both:
            gives = ", ".join(repr(n) for n in shown_by)
            said = f"'{key}' gives {gives}: write {both[0]!r} in a term"
            problems.add(raw.at(both[0]), raw.label, said)
            ok = False
        terms = _terms(problems, raw, key, values.get(key), term_cls)
        if terms is None:
            ok = False
            values.pop(key, None)
            continue
        values[key] = terms
        last = terms[-1]
        for name in shown_by:
            values[name] = getattr(last, name, None)
        own = {f.name for f in declared(cls)}
        if "since" in own and "since" not in shown_by and "since" not in values:
            values["since"] = terms[0].since  # the record began when its history did
    return ok


def _resolved(values: dict[str, Any]) -> tuple[DisputeTerm, ...]:
    """The history of a dispute written as resolved with `resolved_on`: not resolved from its
    beginning (whose date may be unknown), then resolved from that day on."""
    if values.get("status") is not Status.RESOLVED or values.get("resolved_on") is None:
        return ()
    return (
        DisputeTerm(status=Status.UNRESOLVED, since=values.get("since")),
        DisputeTerm(status=Status.RESOLVED, since=values["resolved_on"]),
    )


def term_names(term_cls: type[Any]) -> tuple[str, ...]:
    return tuple(f.name for f in declared(term_cls))


def _terms(
    problems: Problems, raw: Raw, key: str, items: list[dict[str, Any]] | None, term_cls: type[Any]
) -> tuple[Any, ...] | None:
    """The terms of a history, each checked, in order and apart; None if any is wrong."""
    if items is None:
        return None  # not an array of tables: said already
    terms: list[Any] = []
    ok = True
    for n, item in enumerate(items, 1):
        at = raw.where._replace(key=key, item=n - 1)
        here = Raw(at, raw.kind, raw.data)
        values, sound = fields(problems, here, term_cls, item, f"term {n}: ")
        if not sound:
            ok = False
            continue
        since, until = values.get("since"), values.get("until")
        if since is not None and until is not None and until.end < since.start:
            said = f"term {n}: 'until' {until} is before 'since' {since}"
            problems.add(at._replace(field="until"), raw.label, said)
            ok = False
        if values.get("end") is not None:
            if n != len(items):
                said = f"term {n}: 'end' closes only the last term"
                problems.add(at._replace(field="end"), raw.label, said)
                ok = False
            elif until is None:
                problems.add(at._replace(field="end"), raw.label, f"term {n}: 'end' needs 'until'")
                ok = False
        if terms and ok:
            ok = _follows(problems, at, raw.label, n, terms[-1], since)
        if ok:
            terms.append(term_cls(**values))
    return tuple(terms) if ok else None


def _follows(
    problems: Problems, at: Where, label: str, n: int, before: Any, since: PartialDate | None
) -> bool:
    """Whether term n starts after the one before it has started and ended."""
    if since is None:
        problems.add(at, label, f"term {n}: 'since' is needed on every term but the first")
        return False
    at = at._replace(field="since")
    if before.since is not None and since.start < before.since.start:
        problems.add(at, label, f"term {n}: starts {since}, before term {n - 1} ({before.since})")
        return False
    if before.until is not None and before.until.end > since.start:
        said = f"term {n}: starts {since}, before term {n - 1} ends ({before.until})"
        problems.add(at, label, said)
        return False
    return True


def lifespan(problems: Problems, raw: Raw, values: dict[str, Any]) -> None:
    """A history within the life of what it is about: an org's founding and dissolution, a
    dispute's beginning; and a 'former' tie that has ended."""
    terms = values.get("terms")
    if not terms:
        return
    founded, dissolved = values.get("founded"), values.get("dissolved")
    if founded is not None and dissolved is not None and dissolved.end < founded.start:
        said = f"'dissolved' {dissolved} is before 'founded' {founded}"
        problems.add(raw.at("dissolved"), raw.label, said)
        return
    written = "terms" in raw.data
    began, what = founded, "the org was founded"
    if raw.kind == "dispute" and "since" in raw.data and written:  # else: _rules() says it
        began, what = values.get("since"), "the dispute began"
    today = dt.date.today()
    for n, term in enumerate(terms, 1):
        since, until = term.since, term.until
        former = getattr(term, "role", None) is Role.FORMER
        if began is not None and since is not None and since.end < began.start:
            key, said = "since", f"starts {since}, before {what} ({began})"
        elif dissolved is not None and until is not None and until.start > dissolved.end:
            key, said = "until", f"lasts until {until}, after the org was dissolved ({dissolved})"
        elif dissolved is not None and until is None and n == len(terms):
            key, said = "role", f"the org was dissolved ({dissolved}): give the tie's 'until'"
        elif former and written and until is None:
            key, said = "role", "role 'former' needs 'until'"
        elif former and until is not None and until.end >= today:
            said = (
                f"role 'former' is an ended tie, but 'until' {until} runs to {until.end}: not past"
            )
            key = "until"
        else:
            continue
        if written:  # at the line of the term's field, or of the term when it is not written
            at = raw.where._replace(key="terms", item=n - 1, field=key)
            problems.add(at, raw.label, f"term {n}: {said}")
        else:
            problems.add(raw.at(key if key in raw.data else "role"), raw.label, said)
