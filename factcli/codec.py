"""The fact files as the cache keeps them, and back: each file's TOML document as JSON.

An entry holds what tomli read from each file, not the records made of it, and a cached
base is made on every use by the loader's own checks (load.rebuild): ids, dates, enums,
references, terms, everything `validate` checks. So no entry, however it was made, gives
a record that the loader would refuse. What the cache saves is the parse, which is most
of a first run's time; the checks cost less than decoding records did (benchmarks/run.py).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from factcli.load import rebuild
from factcli.model import FactBase

# A \u escape of a surrogate (D800-DFFF), after an even number of backslashes (after an
# odd one it is text: a backslash, then "ud800"). encode() writes none, as it writes each
# character as it is: one is a lone surrogate, which no UTF-8 fact file can hold, or a
# pair a planted entry spelt out; a miss either way.
_SURROGATE = re.compile(rb"(?<!\\)(?:\\\\)*\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


class Miss(Exception):
    """An entry that is not a fact base the loader accepts from these files."""


def encode(docs: list[dict[str, Any]]) -> bytes:
    """The documents as JSON; a TOML date as its ISO text, which a date field reads alike."""
    return json.dumps(docs, ensure_ascii=False, separators=(",", ":"), default=_date).encode()


def _date(value: object) -> str:
    # A date is the only TOML value that JSON lacks and a sound fact base holds: a date
    # field takes "1997-05-27" and 1997-05-27 alike, and no other field takes a date.
    if type(value) is dt.date:
        return value.isoformat()
    raise TypeError(f"not kept in the cache: {type(value).__name__}")  # a base never stored


def decode(payload: bytes, files: list[Path]) -> FactBase:
    """The fact base of these files from their documents, checked as load() checks them."""
    if b"\\u" in payload and _SURROGATE.search(payload):
        raise Miss
    docs = json.loads(payload)
    if type(docs) is not list or len(docs) != len(files):
        raise Miss
    if not all(type(doc) is dict for doc in docs):
        raise Miss
    base = rebuild(files, docs)
    if base is None:
        raise Miss
    return base
