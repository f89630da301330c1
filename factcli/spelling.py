"""US and British spellings of a query word, so that "defense" finds "defence" and back.

The rules are the regular differences between the two, not a dictionary: -ise/-ize and
-yse/-yze, -our/-or, -re/-er (centre, fibre), -ence/-ense (defence, offence, licence,
pretence), -ogue/-og, -gramme/-gram, -lled/-led (travelled), -dgement/-dgment.

`spelled` rewrites a folded word into one spelling (US, but -ise) and `variants` gives
every spelling the rules make of that one, the word as typed first: a query looks for each
in the text as it is written. Only the query is respelled, so searching costs a look for
one or two words more, not a rewriting of every record; and a word begun ("centr") still
finds what it found ("centre"). A rule may respell a word that has no other spelling
("actor", "actour"); no text holds the made-up one, and the letters a rule wants before
its ending keep two real words apart ("four" is not "for", "filled" not "filed").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

Replacement = str | Callable[[re.Match[str]], str]

# The other spelling to one spelling, each rule with words it is for and words it must
# leave alone.
_RULES: tuple[tuple[str, Replacement], ...] = (
    # organize, organization, recognized, analyzing; not "size", "seize", "prize"
    (r"z(?<=\w{3}[iy]z)(?=e[ds]?\b|ing\b|ers?\b|ation)", "s"),
    # labour, honourable, favourite, neighbours; not "four", "hour", "your", "tour"
    (r"our(?<=\w{3}our)", "or"),
    # centre, centres, theatre, fibre; centred; not "acre", "ogre"
    (r"re(?<=\w{2}[bt]re)(?=(d)?\b|s\b)", lambda m: "ere" if m[1] else "er"),
    # defence, offence, licence, pretence, self-defence
    (r"ence(?:(?<=\bdefence)|(?<=\boffence)|(?<=\blicence)|(?<=\bpretence))", "ense"),
    # catalogue, dialogues, demagogue; not "rogue", "vogue"
    (r"ogue(?=s?\b)(?<=\w[lg]ogue)", "og"),
    # programme, programmes
    (r"gramme(?=s?\b)", "gram"),
    # travelled, cancelled, fuelled, labelling; not "called", "filled", "killed", "yelled"
    (r"ll(?<=\w{2}[ae]ll)(?=ed\b|ing\b|ers?\b)", "l"),
    # judgement, acknowledgement
    (r"dgement", "dgment"),
)
# Where a word in the one spelling may be spelt the other way, and how: the rules undone.
_PLACES: tuple[tuple[str, str], ...] = (
    (r"s(?<=\w{3}[iy]s)(?=e[ds]?\b|ing\b|ers?\b|ation)", "z"),
    (r"or(?<=\w{3}or)", "our"),
    (r"er(?<=\w{2}[bt]er)(?=s?\b)", "re"),
    (r"ered\b(?<=\w{2}[bt]ered)", "red"),
    (r"ense(?:(?<=\bdefense)|(?<=\boffense)|(?<=\blicense)|(?<=\bpretense))", "ence"),
    (r"og(?=s?\b)(?<=\w[lg]og)", "ogue"),
    (r"gram(?=s?\b)", "gramme"),
    (r"l(?<=\w{2}[ae]l)(?=ed\b|ing\b|ers?\b)", "ll"),
    (r"dgment", "dgement"),
)
_MOST = 16  # spellings of one word: a word with more than four places to respell is rare


@cache
def _compiled() -> tuple[tuple[re.Pattern[str], Replacement], ...]:
    """The rules, compiled on the first search: most runs search nothing."""
    return tuple((re.compile(p), to) for p, to in _RULES)


@cache
def _places() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(p), back) for p, back in _PLACES)


def spelled(folded: str) -> str:
    """Folded text with each word in the one spelling of it that the rules choose."""
    for pattern, replacement in _compiled():
        folded = pattern.sub(replacement, folded)
    return folded


@cache
def variants(word: str) -> tuple[str, ...]:
    """A folded query word as typed, then its other spellings: "defence", "defense"."""
    one = spelled(word)
    places = sorted(
        ((m.start(), m.end(), back) for at, back in _places() for m in at.finditer(one)),
        reverse=True,  # from the last, so that respelling one leaves the offsets before it
    )
    found, before = [one], len(one)
    for start, end, back in places:
        if end > before:  # overlaps the place after it, respelled already
            continue
        before = start
        found += [f[:start] + back + f[end:] for f in found][: _MOST - len(found)]
    return tuple(dict.fromkeys([word, *(f for f in found if spelled(f) == one)]))
