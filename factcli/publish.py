"""A new file made beside its target and given the target's name whole, or not at all.

The export writes into a temporary file in the target's directory, `.NAME.factcli-XXXXXXXX.tmp`
(NAME cut so that the name and SQLite's `-journal` beside it fit the file-name limit),
locked with flock() for as long as the run lives. A run killed outright (SIGKILL, a
power cut) cannot clean up; its file is then unlocked, and the next export to that
directory removes it: a file is removed only when its name is of that pattern, it is a
regular file of the user's, empty or a database, and its lock can be taken, which no live
run allows.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not Unix: no lock, so nothing is ever taken for stale
    fcntl = None  # type: ignore[assignment]

NAME_MAX = 255  # bytes in a file name, where the directory does not say (os.pathconf)
_MARK = ".factcli-"
_SUFFIX = ".tmp"
_JOURNAL = "-journal"  # SQLite's rollback journal, beside the database while it writes
_RANDOM = 8  # hex digits
# What a name of ours looks like; a journal's name is one of these and _JOURNAL.
_TEMPORARY = re.compile(r"\..*\.factcli-[0-9a-f]{8}\.tmp", re.DOTALL)
_ASIDE = ".old"  # where --force moves the old file while it checks what it is
_SQLITE = b"SQLite format 3\x00"  # how a database file begins

# renameat2(2)'s flags (Linux 3.15, glibc 2.28): replace nothing; swap two names.
_NOREPLACE = 1
_EXCHANGE = 2
_AT_FDCWD = -100


class Refused(Exception):
    """What is at the target must not be replaced: it exists (without force), or is no file."""


# --- the temporary file ------------------------------------------------------------------


def temporary_name(target: Path, limit: int | None = None) -> str:
    """A new temporary name for the target: `.NAME.factcli-XXXXXXXX.tmp`, fitting the limit.

    limit: the file-name limit in bytes; the directory's own when not given. NAME is the
    target's name, cut (at a character) so that the name with SQLite's `-journal` fits:
    a 240-character target made a temporary name of 254 and a journal of 262, which the
    file system refused, for a target name that fits.
    """
    if limit is None:
        limit = _name_max(target.parent)
    room = limit - len(f".{_MARK}{'0' * _RANDOM}{_SUFFIX}{_JOURNAL}")
    stem = target.name
    while stem and len(os.fsencode(stem)) > room:
        stem = stem[:-1]
    return f".{stem}{_MARK}{os.urandom(_RANDOM // 2).hex()}{_SUFFIX}"


def _name_max(directory: Path) -> int:
    try:
        return os.pathconf(directory, "PC_NAME_MAX")
    except (OSError, ValueError):
        return NAME_MAX


def journal(temp: Path) -> Path:
    return temp.with_name(temp.name + _JOURNAL)


@contextlib.contextmanager
def temporary(target: Path) -> Iterator[Path]:
    """A new empty file beside the target, private and locked; gone, with its journal, after.

    However the block ends (an error, Ctrl-C, SIGTERM), the file goes unless it was given
    the target's name. Stale ones that killed runs left in the directory go first.
    """
    sweep(target.parent)
    fd, temp = _create(target)
    try:
        yield temp
    finally:
        # What cannot be removed stays, unlocked once this run ends: the next export's.
        with contextlib.suppress(OSError):
            os.unlink(journal(temp))
        with contextlib.suppress(OSError):
            if _same(temp, os.fstat(fd)):  # never what came to have its name (put()'s swap)
                os.unlink(temp)
        os.close(fd)  # and the lock with it, once the name is gone


def _create(target: Path) -> tuple[int, Path]:
    """Create and lock a temporary file; never one that a sweep is removing meanwhile."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        temp = target.with_name(temporary_name(target))
        try:
            fd = os.open(temp, flags, 0o600)
        except FileExistsError:
            continue
        # Locked, and still under its name: else a sweep took it for stale before it was
        # locked, and removes it (or has); another name is tried.
        if _lock(fd) and _same(temp, os.fstat(fd)):
            return fd, temp
        os.close(fd)
    raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target))


def _lock(fd: int) -> bool:
    """Take the file's lock, if nobody holds it."""
    if fcntl is None:  # pragma: no cover - not Unix
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _same(path: Path, st: os.stat_result) -> bool:
    """Whether the name is, now, the file of this stat (never through a link)."""
    try:
        now = os.lstat(path)
    except FileNotFoundError:
        return False
    return (now.st_dev, now.st_ino) == (st.st_dev, st.st_ino)


def sweep(directory: Path) -> None:
    """Remove the temporary files, and their journals, that killed exports left here.

    A file is removed only when its name is one of ours, it is a regular file of the
    user's, empty or a database, and its lock can be taken: a live export holds it for as
    long as it runs.
    Anything amiss (a directory that cannot be listed) leaves everything as it is.
    """
    if fcntl is None:  # pragma: no cover - not Unix: a live export cannot be told apart
        return
    with contextlib.suppress(OSError):
        for entry in os.scandir(directory):
            if _TEMPORARY.fullmatch(entry.name):
                with contextlib.suppress(OSError):
                    _remove_if_stale(Path(entry.path))


def _remove_if_stale(temp: Path) -> None:
    if not stat.S_ISREG(os.lstat(temp).st_mode):  # a FIFO or a device is never opened
        return
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(temp, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid() or not _lock(fd):
            return
        # What an export writes: an empty file, then a database (whose first page SQLite
        # may write after others: zeros until then). A file of the user's with a name like
        # ours and anything else in it is not ours to remove.
        head = os.pread(fd, len(_SQLITE), 0)
        if head != _SQLITE and head.strip(b"\x00"):
            return
        if _same(temp, st):
            ended = journal(temp)
            with contextlib.suppress(FileNotFoundError):
                if stat.S_ISREG(os.lstat(ended).st_mode):
                    os.unlink(ended)
            os.unlink(temp)
    finally:
        os.close(fd)


# --- giving it the target's name -----------------------------------------------------------


def put(temp: Path, target: Path, *, force: bool) -> None:
    """Give the temporary file the target's name, never over what must not be replaced.

    Without force nothing is replaced, even a file that appeared a moment ago. With force,
    only a regular file or a symlink to one or to nothing (the link, never what it points to).
    """
    try:
        _no_replace(temp, target)
        return
    except FileExistsError:
        if not force:
            raise Refused(f"{target} already exists; use --force to overwrite it") from None
    _replace(temp, target)


def _no_replace(source: Path, destination: Path) -> None:
    """Give the file a second name, failing (FileExistsError) if anything has it already."""
    try:
        os.link(source, destination)
    except OSError as e:
        # A file system without hard links (FAT, some network and FUSE ones).
        if e.errno not in (errno.EPERM, errno.EOPNOTSUPP):
            raise
        try:
            _renameat2(source, destination, _NOREPLACE)
        except OSError as again:
            if again.errno in (errno.ENOSYS, errno.EINVAL):
                raise e from None  # no way to name it without replacing: what link said
            raise


# Why --force swaps, then looks: rename(2) replaces whatever has the name, and no call
# replaces "only a regular file". Looking first (lstat) and renaming after leaves a moment
# in which a FIFO or a device can be put at the name, and is then replaced; an attacker
# can win that race as often as it likes. So the name is taken over first, atomically,
# and what was there is looked at afterwards, when nobody can change what it was: with
# RENAME_EXCHANGE the new file and the old one swap names in one step (readers of the
# target see the old file or the new one, never none), and a special file that turns up
# at the temporary name is swapped straight back. Where the swap is not available (not
# Linux, an old kernel, a file system without it), the old entry is renamed aside, looked
# at, and the new file linked in, which replaces nothing; for that moment the target does
# not exist. Either way a special file leaves its name only for that moment, is never
# opened, and has its name back when the export is refused.


def _replace(temp: Path, target: Path) -> None:
    try:
        _renameat2(temp, target, _EXCHANGE)
    except OSError as e:
        if e.errno not in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EPERM):
            raise
        _replace_aside(temp, target)
        return
    # The temporary name now holds what the target was; whatever happens, it goes back
    # unless it is a file --force may replace.
    replaceable = False
    try:
        replaceable = _replaceable(temp)
    except FileNotFoundError:  # gone already: another export's sweep took the old file
        return
    finally:
        if not replaceable and os.path.lexists(temp):
            _renameat2(temp, target, _EXCHANGE)
    if not replaceable:
        raise Refused(_not_a_file(target))
    with contextlib.suppress(FileNotFoundError):
        os.unlink(temp)  # the old file


def _replace_aside(temp: Path, target: Path) -> None:
    aside = target.with_name(temp.name.removesuffix(_SUFFIX) + _ASIDE)  # never swept
    _rename(target, aside)
    put_in = False
    try:
        if not _replaceable(aside):
            raise Refused(_not_a_file(target))
        _no_replace(temp, target)
        put_in = True
    except FileExistsError:  # taken again meanwhile: what took it stays, and so does the old
        raise Refused(f"{target} appeared again while it was replaced; the file it "
                      f"replaced is kept as {aside}") from None  # fmt: skip
    finally:
        if not put_in and os.path.lexists(aside):
            _restore(aside, target)
    os.unlink(aside)


def _restore(aside: Path, target: Path) -> None:
    """Put back what was moved aside, replacing nothing."""
    with contextlib.suppress(FileExistsError):  # then it stays aside, as the message says
        if not stat.S_ISDIR(os.lstat(aside).st_mode):
            _no_replace(aside, target)
            os.unlink(aside)
            return
        try:  # a directory cannot be linked
            _renameat2(aside, target, _NOREPLACE)
        except OSError as e:
            if e.errno not in (errno.ENOSYS, errno.EINVAL) or os.path.lexists(target):
                raise
            _rename(aside, target)


def _rename(source: Path, destination: Path) -> None:
    os.rename(source, destination)


def _replaceable(path: Path) -> bool:
    """A regular file, or a link to one or to nothing: never a link that names a device,
    a FIFO or a directory (/dev/stdout), which is refused as what it names."""
    st = os.lstat(path)
    if stat.S_ISLNK(st.st_mode):
        try:
            st = os.stat(path)  # what it names, looked at, never opened
        except OSError:
            return True
    return stat.S_ISREG(st.st_mode)


def _not_a_file(target: Path) -> str:
    return f"{target} is not a regular file; --force replaces only files"


def _renameat2(source: Path, destination: Path, flags: int) -> None:
    """rename(2) with flags (_NOREPLACE, _EXCHANGE); ENOSYS where there is no renameat2."""
    if not sys.platform.startswith("linux"):
        raise OSError(errno.ENOSYS, os.strerror(errno.ENOSYS))
    import ctypes  # only when the plain calls cannot do it

    call = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if call is None:  # a C library older than glibc 2.28
        raise OSError(errno.ENOSYS, os.strerror(errno.ENOSYS))
    call.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    call.restype = ctypes.c_int
    at = _AT_FDCWD
    if call(at, os.fsencode(source), at, os.fsencode(destination), flags) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(source), None, str(destination))
