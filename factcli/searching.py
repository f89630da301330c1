"""search: every kind at once, and why each record matched."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from factcli.kinds import KINDS, records, searched
from factcli.matching import forms, matches, word_start, words
from factcli.model import FactBase, Record
from factcli.spelling import variants


def search(base: FactBase, text: str, kind: str | None = None) -> list[Record]:
    """Records of every kind (or one) that match all words, kind by kind in the registry's
    order (countries, orgs, disputes, events), each kind in the order of its listings."""
    ws = words(text)
    return [
        r
        for spec in KINDS.values()
        if kind in (None, spec.kind)
        for r in sorted(records(base, spec), key=spec.sort_key)
        if matches(r, ws)
    ]


def match_fields(record: Record, words: Sequence[str]) -> list[str]:
    """The fields (id included) in which any word of a query, in a spelling of it, starts a
    word, in field order."""
    patterns = [word_start(v) for w in words for v in variants(w)]
    found = []
    for name in dict.fromkeys(("id", *searched(type(record)))):
        value = getattr(record, name)
        texts = value if isinstance(value, tuple) else (value,)
        folded = [f for t in texts if isinstance(t, str) for f in forms(t)]
        if any(p.search(f) for f in folded for p in patterns):
            found.append(name)
    return found


def named(obj: dict[str, Any]) -> dict[str, Any]:
    """A record's object where name and title stand in for each other (search --fields)."""
    name, title = obj.get("name"), obj.get("title")
    return {**obj, "name": name or title, "title": title or name}
