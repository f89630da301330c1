"""The validated fact base, kept between runs and served only for the very bytes it came from.

Parsing and checking 40 MB of TOML takes seconds; reading and hashing it takes tens of
milliseconds. So after a fact base passes every check, load stores it here, keyed by
factcli's version and code, Python's version, the directory's absolute path and each
file's name and BLAKE2b digest of its content. A cached base is used only when all of
that matches what is on disk now (a changed byte changes its digest, whatever its size or
mtime). A base with problems is never stored. Anything amiss with the cache (missing,
unreadable, corrupt, unwritable) means "not cached": the facts are loaded from the files.

Where: $FACTCLI_CACHE_DIR, else $XDG_CACHE_HOME/factcli, else ~/.cache/factcli.
FACTCLI_NO_CACHE=1 turns the cache off.
"""

import contextlib
import marshal
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import fields
from operator import attrgetter
from pathlib import Path
from typing import Any

from factcli import __version__
from factcli.model import Country, Dispute, Event, FactBase, Meta, Org, PartialDate, Role, Status

try:  # hashlib would also load OpenSSL: 4 ms of every run, for a hash it takes from here
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - not CPython
    from hashlib import blake2b

_MAGIC = b"factcli-cache-1\n"
_DIGEST = 32
_DATES = frozenset({"date", "since", "until", "resolved_on", "as_of"})
_ENUMS: dict[str, type[Role] | type[Status]] = {"role": Role, "status": Status}
_KINDS = ("countries", "orgs", "disputes", "events")
# Fact bases kept, one file each; the least recently used go first. Every temporary
# directory a script points factcli at gets an entry, so the cache must not grow forever.
KEEP = 16

Key = tuple[Any, ...]


def directory() -> Path | None:
    """Where the cache lives, or None when it is turned off."""
    if os.environ.get("FACTCLI_NO_CACHE"):
        return None
    given = os.environ.get("FACTCLI_CACHE_DIR")
    if given:
        return Path(given)
    xdg = os.environ.get("XDG_CACHE_HOME")
    # The XDG spec says to ignore a relative path.
    root = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return root / "factcli"


def digest(data: bytes | memoryview) -> bytes:
    return blake2b(data, digest_size=_DIGEST).digest()


def _file_digest(path: Path) -> bytes:
    """The digest of a file's content, read a piece at a time: 40 MB are never all in memory."""
    hashed = blake2b(digest_size=_DIGEST)
    with path.open("rb") as f:
        while piece := f.read(1 << 20):
            hashed.update(piece)
    return hashed.digest()


def key(facts: Path, digests: Iterable[tuple[str, bytes]]) -> Key:
    """What a cached base must have been built from: this code, these files, these bytes."""
    return (__version__, sys.version, _code(), str(facts.resolve()), tuple(digests))


def _code() -> tuple[tuple[int, int], ...]:
    """When the code that parses and checks facts last changed: a new tomli, an edited loader."""
    from importlib.util import find_spec

    from factcli import countries, load, model

    tomli = find_spec("tomli")  # where it is, without paying for importing it on a hit
    paths = [m.__file__ or "" for m in (sys.modules[__name__], load, model, countries)]
    paths.append((tomli.origin or "") if tomli else "")
    stats = [os.stat(path) for path in paths]
    return tuple((s.st_mtime_ns, s.st_size) for s in stats)


def _file_for(facts: Path) -> Path | None:
    where = directory()
    if where is None:
        return None
    name = blake2b(str(facts.resolve()).encode(errors="surrogateescape"), digest_size=16)
    return where / f"{name.hexdigest()}.bin"


def lookup(facts: Path, files: list[Path]) -> FactBase | None:
    """The cached base of these files, if there is one and it was built from their bytes."""
    try:
        cache_file = _file_for(facts)
        if cache_file is None:
            return None
        blob = cache_file.read_bytes()
        if not blob.startswith(_MAGIC):
            return None
        payload = memoryview(blob)[len(_MAGIC) + _DIGEST :]
        if digest(payload) != blob[len(_MAGIC) : len(_MAGIC) + _DIGEST]:
            return None
        stored_key, data = marshal.loads(payload)
        del blob, payload
        digests = [(p.name, _file_digest(p)) for p in files]
        if stored_key != key(facts, digests):
            return None
        base = _decode(data, tuple(str(p) for p in files))
    except Exception:  # a cache that cannot be used is a cache miss
        return None
    with contextlib.suppress(OSError):
        os.utime(cache_file)  # recently used: the last to be evicted
    return base


def store(facts: Path, digests: list[tuple[str, bytes]], base: FactBase) -> None:
    """Keep a validated base, written atomically; never fail the command over it."""
    import tempfile  # not on the way of a cache hit: it imports random, shutil and more

    try:
        cache_file = _file_for(facts)
        if cache_file is None:
            return
        payload = marshal.dumps((key(facts, digests), _encode(base)))
        cache_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=cache_file.parent, prefix=".tmp-", suffix=".bin")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(_MAGIC)
                out.write(digest(payload))
                out.write(payload)
            os.replace(temp, cache_file)
        except BaseException:
            os.unlink(temp)
            raise
        _evict(cache_file.parent)
    except Exception:  # a cache that cannot be written is no cache
        pass


def _evict(where: Path) -> None:
    """Remove all but the KEEP most recently used entries."""
    entries = []
    for entry in os.scandir(where):
        if entry.name.endswith(".bin"):
            entries.append((entry.stat().st_mtime_ns, entry.path))
    for _, path in sorted(entries, reverse=True)[KEEP:]:
        with contextlib.suppress(OSError):  # another factcli may have removed it first
            os.unlink(path)


# A record is stored as the tuple of its field values: dates as (year, month, day),
# enums as their values. marshal is built in (no import) and the fastest to read back.


def _encode(base: FactBase) -> tuple[Any, ...]:
    meta = None if base.meta is None else _encoder(Meta)(base.meta)
    kinds = zip(_KINDS, (Country, Org, Dispute, Event), strict=True)
    return (meta, *(tuple(map(_encoder(cls), getattr(base, kind))) for kind, cls in kinds))


def _encoder(cls: type[Any]) -> Callable[[Any], tuple[Any, ...]]:
    names = [f.name for f in fields(cls)]
    values_of = attrgetter(*names)  # several names: a tuple of their values
    special = [
        (i, name in _DATES) for i, name in enumerate(names) if name in _DATES or name in _ENUMS
    ]

    def encode(record: Any) -> tuple[Any, ...]:
        values = list(values_of(record))
        for i, is_date in special:
            value = values[i]
            if value is not None:
                values[i] = (value.year, value.month, value.day) if is_date else value.value
        return tuple(values)

    return encode


def _decode(data: tuple[Any, ...], files: tuple[str, ...]) -> FactBase:
    dates: dict[tuple[int, int, int], PartialDate] = {}  # equal dates shared, as they are frozen
    meta, countries, orgs, disputes, events = data
    return FactBase(
        meta=None if meta is None else _decoder(Meta, dates)(meta),
        countries=tuple(map(_decoder(Country, dates), countries)),
        orgs=tuple(map(_decoder(Org, dates), orgs)),
        disputes=tuple(map(_decoder(Dispute, dates), disputes)),
        events=tuple(map(_decoder(Event, dates), events)),
        files=files,
    )


def _decoder(
    cls: type[Any], dates: dict[tuple[int, int, int], PartialDate]
) -> Callable[[tuple[Any, ...]], Any]:
    names = tuple(f.name for f in fields(cls))
    date_fields = [n for n in names if n in _DATES]
    enum_fields = [(n, _ENUMS[n]) for n in names if n in _ENUMS]

    def decode(values: tuple[Any, ...]) -> Any:
        kwargs = dict(zip(names, values, strict=True))
        for name in date_fields:
            ymd = kwargs[name]
            if ymd is not None:
                found = dates.get(ymd)
                if found is None:
                    found = dates[ymd] = PartialDate(*ymd)
                kwargs[name] = found
        for name, enum in enum_fields:
            kwargs[name] = enum(kwargs[name])
        return cls(**kwargs)

    return decode
