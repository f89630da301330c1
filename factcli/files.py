"""A fact file's bytes: regular files only, read with a bound."""

from __future__ import annotations

import os
import stat
from pathlib import Path

try:  # hashlib would also load OpenSSL: 4 ms of every run, for a hash it takes from here
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - not CPython
    from hashlib import blake2b


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
