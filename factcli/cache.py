"""The validated fact base, kept between runs and served only for the very bytes it came from.

Parsing 40 MB of TOML takes seconds; reading and hashing it takes tens of milliseconds.
So after a fact base passes every check, what tomli read of its files is stored here, to
be checked again instead of parsed again, keyed by factcli's version and code, Python's
version, the directory's absolute path and each file's name and BLAKE2b digest of its
content. A cached base is used only when all of
that matches what is on disk now (a changed byte changes its digest, whatever its size or
mtime). A base with problems is never stored, and only files factcli wrote are ever
removed from the directory. Anything amiss with the cache (missing,
unreadable, corrupt, unwritable) means "not cached": the facts are loaded from the files.

Trust: an entry is used only from a directory that belongs to the user and that nobody
else can write, and only when the entry itself is a regular file of the user's. Its key is
compared before anything else in it is read, then a checksum of the rest, which finds any
damage. What it holds is the files' TOML documents as JSON (which no bytes can turn into a
crash, unlike marshal), made into a fact base by the loader's own checks (codec.py):
anything they refuse is a miss. What the cache cannot promise is that an entry rebuilt on
purpose, by someone who can write the user's files, answers as the files do: it can hold
any fact base that passes `validate`. Such a writer could as well change the fact files or
factcli itself.

Where: $FACTCLI_CACHE_DIR (absolute; a relative one turns the cache off), else
$XDG_CACHE_HOME/factcli, else ~/.cache/factcli. FACTCLI_NO_CACHE=1 (or true, yes) turns it off.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from factcli import __version__
from factcli.codec import decode, encode
from factcli.model import FactBase

try:  # hashlib would also load OpenSSL: 4 ms of every run, for a hash it takes from here
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - not CPython
    from hashlib import blake2b

_MAGIC = b"factcli-cache-3\n"  # 3: the files' documents, checked again on every use
_DIGEST = 32
# Fact bases kept, one file each; the least recently used go first. Every temporary
# directory a script points factcli at gets an entry, so the cache must not grow forever.
KEEP = 16
STALE = 60.0  # seconds after which a ".tmp-" file is a write that was killed, not one going on


def directory() -> Path | None:
    """Where the cache lives, or None when it is turned off."""
    if os.environ.get("FACTCLI_NO_CACHE", "").strip().lower() in ("1", "true", "yes"):
        return None
    given = os.environ.get("FACTCLI_CACHE_DIR")
    if given:
        # A relative path would put the cache wherever the command happens to run.
        return Path(given) if os.path.isabs(given) else None
    xdg = os.environ.get("XDG_CACHE_HOME")
    # The XDG spec says to ignore a relative path.
    root = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return root / "factcli"


def _trusted(where: Path) -> bool:
    """Whether a directory is the user's own and nobody else can write in it."""
    try:
        st = os.stat(where)
    except OSError:
        return False
    return (
        stat.S_ISDIR(st.st_mode)
        and st.st_uid == os.geteuid()
        and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )


def file_digest(path: Path) -> bytes:
    """The digest of a file's content, read a piece at a time: 40 MB are never all in memory.

    Only a regular file is read (OSError otherwise, a miss): a FIFO must not make a lookup
    wait, nor /dev/zero make it read forever. The loader then reports what the file is.
    """
    hashed = blake2b(digest_size=_DIGEST)
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise OSError(f"not a regular file: {path}")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with open(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"not a regular file: {path}")
        while piece := f.read(1 << 20):
            hashed.update(piece)
    return hashed.digest()


def key(facts: Path, digests: Iterable[tuple[str, bytes]]) -> bytes:
    """What a cached base must have been built from: this code, these files, these bytes."""
    parts = [
        __version__,
        sys.version,
        _code(),
        str(facts.resolve()),
        [[n, d.hex()] for n, d in digests],
    ]
    return json.dumps(parts, ensure_ascii=True).encode() + b"\n"


def _code() -> list[list[Any]]:
    """When the code that parses and checks facts last changed: a new tomli, an edited loader."""
    paths = sorted(Path(__file__).parent.glob("*.py"))
    # Where each parser is, without importing it or importlib.util (2 ms of every run).
    found = (Path(p or ".") / "tomli" / "__init__.py" for p in sys.path)
    paths += [next((f for f in found if f.is_file()), Path(__file__))]
    stats = [os.stat(path) for path in paths]
    return [[p.name, s.st_mtime_ns, s.st_size] for p, s in zip(paths, stats, strict=True)]


def _file_for(where: Path, facts: Path) -> Path:
    name = blake2b(str(facts.resolve()).encode(errors="surrogateescape"), digest_size=16)
    return where / f"{name.hexdigest()}.bin"


def lookup(facts: Path, files: list[Path]) -> FactBase | None:
    """The cached base of these files, if there is one and it was built from their bytes."""
    try:
        where = directory()
        if where is None or not _trusted(where):
            return None
        entry = _file_for(where, facts)
        blob = _read_own(entry)
        if blob is None:
            return None
        expected = _MAGIC + key(facts, [(p.name, file_digest(p)) for p in files])
        if not blob.startswith(expected):  # the key, before anything else is looked at
            return None
        body = memoryview(blob)[len(expected) :]
        checksum, payload = body[:_DIGEST], body[_DIGEST:]
        if blake2b(payload, digest_size=_DIGEST).digest() != checksum:
            return None
        base = decode(bytes(payload), files)
    except Exception:
        # A cache that cannot be used is a cache miss, whatever the entry holds: an
        # oversight of the checks on a value no TOML file can hold (JSON's null) must not
        # end every run until the entry is replaced (the fuzz tests call decode itself).
        return None
    with contextlib.suppress(OSError):
        os.utime(entry)  # recently used: the last to be evicted
    return base


def _read_own(entry: Path | str, size: int = -1) -> bytes | None:
    """An entry's bytes (its first `size`), if it is a regular file of the user's (never
    through a link)."""
    try:
        fd = os.open(
            entry, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        )
    except OSError:
        return None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid():
            return None
        return f.read(size)


def store(facts: Path, digests: list[tuple[str, bytes]], docs: list[dict[str, Any]]) -> None:
    """Keep the documents of a validated base, written atomically; never fail the command."""
    try:
        where = directory()
        if where is None:
            return
        import tempfile  # not on the way of a hit, nor when off: it imports random and more

        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _trusted(where):
            return
        payload = encode(docs)
        fd, temp = tempfile.mkstemp(dir=where, prefix=".tmp-", suffix=".bin")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(_MAGIC + key(facts, digests))
                out.write(blake2b(payload, digest_size=_DIGEST).digest())
                out.write(payload)
            os.replace(temp, _file_for(where, facts))
        except BaseException:
            os.unlink(temp)
            raise
        _evict(where)
    except Exception:  # a cache that cannot be written is no cache
        pass


def _evict(where: Path) -> None:
    """Remove all but the KEEP most recently used entries, and writes that were killed;
    never a file that factcli did not write, whatever the directory holds."""
    entries = []
    now = time.time()
    for entry in os.scandir(where):
        if not entry.is_file(follow_symlinks=False) or not _ours(entry.name, entry.path):
            continue
        mtime = entry.stat(follow_symlinks=False).st_mtime
        if entry.name.startswith(".tmp-"):
            if now - mtime > STALE:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
        else:
            entries.append((mtime, entry.path))
    for _, path in sorted(entries, reverse=True)[KEEP:]:
        with contextlib.suppress(OSError):  # another factcli may have removed it first
            os.unlink(path)


_HEX = frozenset("0123456789abcdef")


def _ours(name: str, path: str) -> bool:
    """Whether a file is an entry or a write of factcli's: by its name (_file_for's, or
    mkstemp's in store()), and by what it starts with: the magic line of any version, or
    nothing yet (a write killed at once)."""
    entry = len(name) == 36 and name.endswith(".bin") and _HEX.issuperset(name[:32])
    if not (entry or (name.startswith(".tmp-") and name.endswith(".bin"))):
        return False
    head = _read_own(path, len(_MAGIC))
    return head is not None and (head == b"" or head.startswith(_MAGIC[:-2]))  # any version
