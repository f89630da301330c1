"""A fact directory -> a FactBase, or every Problem found in it (file:line); it writes nothing."""

from __future__ import annotations

import difflib
import os
import stat
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import Any, NamedTuple

from factcli.build import build
from factcli.check import AT, Problems, Records, Where
from factcli.files import BOM, NotAFactFile, digest, read_regular
from factcli.kinds import KINDS
from factcli.model import FactBase
from factcli.values import shown


class FactsDirMissing(Exception):
    """The facts directory does not exist or is not a directory (a usage error)."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a fact base, and where."""

    path: str
    line: int | None
    record: str | None  # "event 'cfe-suspension'"
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return (
            f"{where}: {self.record}: {self.message}" if self.record else f"{where}: {self.message}"
        )


class FactBaseError(Exception):
    """The fact base has problems; all of them, sorted by file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


class Loaded(NamedTuple):
    """A fact base, and for the cache the digest of each file's bytes and its document."""

    base: FactBase
    digests: list[tuple[str, bytes]]
    docs: list[dict[str, Any]]


def toml_files(directory: Path) -> list[Path]:
    """The fact files of a directory, in the order they are read.

    Every `*.toml` entry is listed, whatever it is: a broken link, a FIFO or a directory
    named x.toml is reported by the reader, since skipped its facts would silently vanish.
    """
    try:
        is_dir = stat.S_ISDIR(os.stat(directory).st_mode)
    except FileNotFoundError:
        raise FactsDirMissing(f"facts directory '{directory}' does not exist") from None
    except OSError as e:  # a name too long, a loop of links, a parent that cannot be searched
        said = e.strerror or str(e)
        raise FactsDirMissing(f"facts directory '{directory}' cannot be used: {said}") from None
    if not is_dir:
        raise FactsDirMissing(f"facts directory '{directory}' is not a directory")
    try:
        names = os.listdir(directory)
    except OSError as e:
        said = f"cannot list the directory: {e.strerror or e}"
        raise FactBaseError([Problem(str(directory), None, None, said)]) from None
    # Hidden names are not fact files: an editor's lock link (.#events.toml) or backup.
    return sorted(directory / n for n in names if n.endswith(".toml") and not n.startswith("."))


def load(directory: Path) -> FactBase:
    """Read and check every fact file; raise FactBaseError with every problem found."""
    return read_and_check(directory, toml_files(directory), digests=False).base


def read_and_check(directory: Path, files: list[Path], *, digests: bool = True) -> Loaded:
    """load(), for these files, also giving what the cache keeps: digests and documents."""
    reader = _Reader(digests)
    if not files:
        reader.problems.add(Where(str(directory)), None, "no fact files (*.toml) in this directory")
    read: list[Records] = []
    docs = []
    for path in files:
        doc = reader.read(path)
        if doc is not None:
            read += reader.tables(str(path), doc)
            docs.append(doc)
    base = build(reader.problems, read, tuple(str(p) for p in files))
    if reader.problems:
        raise FactBaseError(reader.locate())
    return Loaded(base, reader.digests, docs if digests else [])


def rebuild(files: list[Path], docs: list[dict[str, Any]]) -> FactBase | None:
    """The fact base of these files from documents read from them before (the cache's),
    checked exactly as read_and_check() checks what it reads; None if it has a problem."""
    if not files:  # read_and_check()'s problem: no fact files
        return None
    reader = _Reader(False)
    read: list[Records] = []
    for path, doc in zip(files, docs, strict=True):
        read += reader.tables(str(path), doc)
    base = build(reader.problems, read, tuple(str(p) for p in files))
    return None if reader.problems else base


class _Reader:
    __slots__ = ("digests", "hashing", "problems", "texts")

    def __init__(self, digests: bool) -> None:
        self.hashing = digests  # only a cache needs them: hashing 40 MB takes 40 ms
        self.problems = Problems()
        self.texts: dict[str, str] = {}
        self.digests: list[tuple[str, bytes]] = []  # of the bytes that were read

    def read(self, path: Path) -> dict[str, Any] | None:
        """One file's TOML document, or None after recording why it cannot be read."""
        name = str(path)
        try:
            data = read_regular(path)
        except NotAFactFile as e:
            self.problems.add(Where(name), None, str(e))
            return None
        except OSError as e:
            self.problems.add(Where(name), None, f"cannot read the file: {e.strerror or e}")
            return None
        if data.startswith(BOM):
            said = "starts with a UTF-8 byte order mark (BOM); save the file without it"
            self.problems.add(Where(name, line=1), None, said)
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            line = data.count(b"\n", 0, e.start) + 1
            column = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
            message = f"not UTF-8: byte 0x{data[e.start]:02x} at line {line}, column {column}"
            self.problems.add(Where(name, line=line), None, message)
            return None
        hashed = digest(data) if self.hashing else b""
        del data  # the text holds it now: a 40 MB file is not kept twice while it is parsed
        # One parser decides: a file is valid exactly when tomli reads it, whatever its size.
        import tomli  # only when the fact base is not cached: 3 ms of every cached run

        try:
            doc = tomli.loads(text)
        except tomli.TOMLDecodeError as e:
            at_line, at_column = getattr(e, "lineno", None), getattr(e, "colno", None)
            message = getattr(e, "msg", str(e))
            self.problems.add(
                Where(name, line=at_line),
                None,
                f"invalid TOML at line {at_line}, column {at_column}: {message}",
            )
            return None
        except RecursionError as e:  # tomli's limits on nesting and on a key's parts
            limit = str(e).removeprefix("TOML ") if str(e).startswith("TOML ") else ""
            self.problems.add(Where(name), None, f"invalid TOML: {limit or 'nesting is too deep'}")
            return None
        self.texts[name] = text
        self.digests.append((path.name, hashed))
        return doc

    def tables(self, name: str, doc: dict[str, Any]) -> list[Records]:
        """The records of one document, by kind."""
        found: list[Records] = []
        kinds = [s.table for s in KINDS.values()]
        for key, value in doc.items():
            if key == "meta":
                if isinstance(value, dict):
                    found.append(Records(name, "meta", [value]))
                else:
                    self.problems.add(Where(name, key), None, "'meta' must be one table: [meta]")
            elif key in kinds:
                if isinstance(value, list) and all(map(isinstance, value, repeat(dict))):
                    found.append(Records(name, key, value))
                else:
                    said = f"'{key}' must be an array of tables: [[{key}]]"
                    self.problems.add(Where(name, key), None, said)
            else:
                close = difflib.get_close_matches(key, [*kinds, "meta"], n=1)
                header = "[meta]" if close == ["meta"] else f"[[{close[0]}]]" if close else ""
                hint = f" (did you mean '{header}'?)" if close else ""
                headers = ", ".join(f"[[{k}]]" for k in kinds)
                said = f"unknown table '{shown(key)}'{hint}; a fact file holds [meta], {headers}"
                self.problems.add(Where(name, key), None, said)
        return found

    def locate(self) -> list[Problem]:
        """Give every problem its line: that of its field, else of its record's table header."""
        from factcli.positions import Index  # a sound fact base never needs it

        indexes: dict[str, Index] = {}  # each file's, read when one of its problems needs it

        def line_of(where: Where) -> int | None:
            if where.line is not None or where.table is None or where.path not in self.texts:
                return where.line
            index = indexes.get(where.path)
            if index is None:
                index = indexes[where.path] = Index(self.texts[where.path])
            return index.line(where.table, where.nth, where.key, where.item, where.field)

        problems = []
        for where, record, message, also in self.problems:
            said = message
            if also is not None:
                line = line_of(also)
                place = f"{also.path}:{line}" if line else also.path
                said = said.replace(AT, place) if AT in said else f"{said} (first at {place})"
            problems.append(Problem(where.path, line_of(where), record, said))
        return sorted(problems, key=lambda p: (p.path, p.line or 0))
