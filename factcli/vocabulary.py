"""The values an option takes from a closed list, and the words for one it does not take.

The lists are the program's own (--role, --status, --kind, --format) or the fact base's
(--tag, --category, --org); a value is matched in any case and with or without accents.
An unknown value is a usage error, and its message helps to type the right one: the
values it begins, or that it nearly spells, and when none is close, every value there
is, or, if there are too many for a line, how many and where they are listed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from enum import StrEnum

from factcli.dates import QueryError
from factcli.framework import Choice
from factcli.model import Role, fold
from factcli.render import count

LISTED = 30  # the most values a message lists (the shipped fact base has 25 tags, 77 orgs)
CLOSE = 5  # the most it suggests
# How like a value a typo must be to suggest it: "treaties" is 0.71 like "treaty"; "emperor",
# 0.62 like "member", is better answered with the list of roles.
NEAR = 0.7


def spelling(what: str, value: str, known: Sequence[str], listed: str | None = None) -> str:
    """The list's own spelling of a value; QueryError that says what it could have been."""
    for k in known:
        if fold(k) == fold(value):
            return k
    raise QueryError(unknown(what, value, known, listed))


def unknown(what: str, value: str, known: Sequence[str], listed: str | None = None) -> str:
    """The message for a value that is not in the list: "unknown tag 'x'" and what helps.

    listed: where a list too long to give is listed, e.g. "factcli orgs lists them".
    """
    said = f"unknown {what} '{value}'"
    if close := _close(value, known):
        return f"{said}. Did you mean: {', '.join(close)}?"
    if not known:
        return f"{said}: there are none"
    if len(known) <= LISTED:
        return f"{said} (expected {_either(known)})"
    where = f"; {listed}" if listed else ""
    return f"{said}: none of the {count(len(known), what)} is close{where}"


# The words of an on/off environment variable (FACTCLI_CSV_SAFE), as the README gives them.
# Click's booleans take "t", "y", "f" and "n" as well, and said so in a message.
SWITCH = {"1": True, "true": True, "yes": True, "on": True}
SWITCH |= {"0": False, "false": False, "no": False, "off": False}


def switch(name: str, said: str) -> bool:
    """An on/off environment variable's value, in any case; QueryError that lists the words."""
    if (on := SWITCH.get(said.strip().casefold())) is None:
        raise QueryError(f"{name} is '{said}'; it takes 1, true, yes or on, or 0, false, no or off")
    return on


def closed(what: str, values: Iterable[StrEnum]) -> Choice:
    """An Enum's values as an option's choice, an unknown one worded as an unknown tag is."""
    return Choice([v.value for v in values], lambda v, k: unknown(what, v, k))


def roles() -> Choice:
    """--role: the roles a tie holds. A v1 fact file may say "former" of a tie that ended,
    of a kind not recorded; --ended lists it with every other tie that ended, so --role
    neither offers "former" nor takes it, and says so."""

    def refused(value: str, known: Sequence[str]) -> str:
        if fold(value) == Role.FORMER:
            return "'former' is no role to filter by: --ended lists the ties that ended, and how"
        return unknown("role", value, known)

    return Choice([r.value for r in Role if r is not Role.FORMER], refused)


def _close(value: str, known: Sequence[str]) -> list[str]:
    """The values the value begins ("resolv": resolved), then those with a word it begins
    ("un": un-mission), then those it nearly spells ("regionl": regional); each once, in
    the list's order, at most CLOSE."""
    typed = fold(value).strip()
    if not typed:
        return []
    folded = {fold(k): k for k in known}
    begun = [k for f, k in folded.items() if f.startswith(typed)]
    if len(begun) < CLOSE:  # a word inside: "defence" begins the second of "missile defence"
        begun += [k for f, k in folded.items() if any(w.startswith(typed) for w in _words(f))]
    near = difflib.get_close_matches(typed, list(folded), n=3, cutoff=NEAR)
    return list(dict.fromkeys([*begun, *(folded[f] for f in near)]))[:CLOSE]


def _words(folded: str) -> list[str]:
    """The words of a value after its first: "missile defence": "defence"."""
    return re.split(r"[\s_-]+", folded)[1:]


def _either(values: Sequence[str]) -> str:
    """The values as a sentence says them: "a, b or c"."""
    return values[0] if len(values) == 1 else f"{', '.join(values[:-1])} or {values[-1]}"
