"""A fact file's bytes and its TOML: regular files only, read with a bound, parsed fast."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

from factcli.kinds import TABLES

try:  # hashlib would also load OpenSSL: 4 ms of every run, for a hash it takes from here
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - not CPython
    from hashlib import blake2b

KINDS = tuple(t for t in TABLES if t != "meta")


def digest(data: bytes | memoryview) -> bytes:
    return blake2b(data, digest_size=32).digest()


BOM = b"\xef\xbb\xbf"
# No fact file comes near this (the 100,000-event benchmark base is 40 MB); a bound keeps
# a file that never ends, or a mistake of gigabytes, from exhausting memory.
MAX_BYTES = 256 * 1024 * 1024


class NotAFactFile(Exception):
    """A *.toml that is not a regular file, or too large to be one: a problem, never read."""


_SPECIAL = {
    stat.S_IFDIR: "is a directory, not a fact file",
    stat.S_IFIFO: "is a named pipe (FIFO), not a regular file; it is not read",
    stat.S_IFCHR: "is a device, not a regular file; it is not read",
    stat.S_IFBLK: "is a device, not a regular file; it is not read",
    stat.S_IFSOCK: "is a socket, not a regular file; it is not read",
}


def read_regular(path: Path, limit: int = MAX_BYTES) -> bytes:
    """A regular file's bytes (through a link), never opening anything else or waiting.

    stat first, so that a FIFO or device is never opened; O_NONBLOCK, so that one swapped
    in meanwhile cannot make open() wait; fstat again on what was opened; and a bound.
    """
    _check_regular(os.stat(path), limit)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    with open(fd, "rb") as f:
        size = _check_regular(os.fstat(fd), limit)
        data = f.read(size + 1)  # one read of the whole file, and a byte to see it grew
        while len(data) > size:
            more = f.read(1 << 20)
            if not more:
                break
            data += more
            if len(data) > limit:
                raise NotAFactFile(_too_large(limit))
    return data


def _check_regular(st: os.stat_result, limit: int) -> int:
    if not stat.S_ISREG(st.st_mode):
        raise NotAFactFile(_SPECIAL.get(stat.S_IFMT(st.st_mode), "is not a regular file"))
    if st.st_size > limit:
        raise NotAFactFile(_too_large(limit))
    return st.st_size


def _too_large(limit: int) -> str:
    return f"too large: a fact file may hold at most {limit // (1024 * 1024)} MB"


def parse(text: str) -> dict[str, Any] | None:
    """A TOML document parsed by rtoml a piece at a time, or None where that cannot be sure.

    rtoml (Rust) parses a few MB of facts in a third of tomli's time, and that is most of a
    first run's time; but on a whole 40 MB file it holds fifteen times the text in memory.
    So a long file is parsed in pieces of about CHUNK bytes, each starting at a record's
    `[[kind]]` header line, and the pieces' arrays of records are joined. Where that could
    differ from parsing the whole (a piece rtoml refuses, a header inside a multi-line
    string, a key that is not an array of records written in two pieces), this returns
    None and tomli reads the file: tomli decides what is valid TOML and says where it is
    not, so every message keeps its line and column.
    """
    try:
        import rtoml
    except ImportError:  # pragma: no cover - a platform without rtoml's wheels
        return None
    starts = [0]
    at = text.find("\n[[", CHUNK)  # a jump to the next header from each piece's end, not
    while at != -1:  # a search of every line (a tenth of a first run's parsing time)
        header = _RECORD_HEADER.match(text, at + 1)
        if header is None:
            at = text.find("\n[[", at + 1)
            continue
        starts.append(at + 1)
        at = text.find("\n[[", at + 1 + CHUNK)
    doc: dict[str, Any] = {}
    records: set[str] = set()  # the keys that have held arrays of records in every piece
    for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
        try:
            piece = rtoml.loads(text[start:end])
        except Exception:  # rtoml.TomlParsingError, or anything else: tomli will tell
            return None
        for key, value in piece.items():
            whole = key in KINDS and _records(value)
            if key not in doc:
                doc[key] = value
                if whole:
                    records.add(key)
            elif whole and key in records:
                doc[key] += value
            else:
                return None  # the same table in two pieces: only the whole can say
    return doc


CHUNK = 1 << 19
_RECORD_HEADER = re.compile(rf"^\[\[({'|'.join(KINDS)})\]\][ \t]*(?:#[^\n]*)?$", re.M)


def _records(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)
