"""Query words, and where they start words of a record's text.

A word of text starts after anything but a letter, a digit, a hyphen or an apostrophe:
"base" finds "military base", not "Moscow-based". A hyphen or an apostrophe before a
capital starts a word of its own, the part of a name: "Karabakh" in "Nagorno-Karabakh",
"Pacific" in "Asia-Pacific", "Ivoire" in "Côte d'Ivoire". Every apostrophe is one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from factcli.country_names import APOSTROPHES
from factcli.kinds import searched
from factcli.model import Record, fold
from factcli.spelling import variants

_JOINER = re.compile(r"[-'](?=(.))")
# Most text has no joiner before a capital (or before any letter but a-z) and is folded
# once, as it was.
_MAYBE_APART = re.compile(r"[-'](?=[^\W\d_a-z])")
_PART = re.compile(r"[-'](\w+)")


def apart(text: str) -> str:
    """Text, every apostrophe one, with a hyphen or apostrophe before a capital as a space:
    as long as the text, so that a place in one is the place in the other."""
    return _JOINER.sub(lambda m: " " if m[1].isupper() else m[0], text.translate(APOSTROPHES))


def forms(text: str) -> list[str]:
    """The folded forms of a text that query words are looked for in: as written, and the
    parts of names that start words of their own ("karabakh" of "Nagorno-Karabakh")."""
    if any(a in text for a in "’‘ʼ`´"):
        text = text.translate(APOSTROPHES)
    if not _MAYBE_APART.search(text):
        return [fold(text)]
    # The parts alone, not the text again, so that a text is folded once: a search of
    # 10,000 events took a third longer.
    parts = [m[1] for m in _PART.finditer(text) if m[1][0].isupper()]
    return [fold(text), fold(" ".join(parts))] if parts else [fold(text)]


def haystack(record: Record) -> str:
    """The folded text that QUERY words are looked for in: its id and its searched fields."""
    parts: list[str] = [record.id]
    for name in searched(type(record)):
        value = getattr(record, name)
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, tuple):
            parts += value
    return "\n".join(forms("\n".join(parts)))


def matches(record: Record, words: Sequence[str]) -> bool:
    """Whether every word of a query appears in the record's text, in a spelling of it."""
    if not words:
        return True
    text = haystack(record)
    # Word starts, not substrings: "base" must not find "Moscow-based".
    return all(
        any(form in text and word_start(form).search(text) for form in variants(word))
        for word in words
    )


# Dashes that join nothing in a query: "NATO–Russia" looks for "nato" and "russia".
_DASHES = str.maketrans(dict.fromkeys("–—", " "))


def words(query: str | None) -> list[str]:
    """The words a record must all contain: each once, the longest first.

    A query of thousands of words (a pasted document) cost a check of every word against
    every record: 35 s on 10,000 events. A repeated word, or one inside another ("rus" in
    "russia"), adds nothing and is dropped; the longest words, the likeliest to fail, go
    first, so that a record that does not match is left after a word or two. A dash or
    other marks alone are no word: "nato - russia" looks for "nato" and "russia".
    """
    if not query:
        return []
    folded = fold(query.translate(APOSTROPHES).translate(_DASHES))
    said = {w for w in folded.split() if any(c.isalnum() for c in w)}
    unique = sorted(said, key=lambda w: (-len(w), w))
    joined = "\0".join(unique)  # a word can only lie inside a longer one, before it here
    kept, end = [], 0
    for word in unique:
        if joined.find(word, 0, end) == -1:
            kept.append(word)
        end += len(word) + 1
    return kept


def word_start(word: str) -> re.Pattern[str]:
    """A folded query word at the start of a word of text: "base" in "base", "bases", not
    in "Moscow-based" (hyphens and apostrophes join the parts of one word)."""
    return re.compile(r"(?<![\w'-])" + re.escape(word))
