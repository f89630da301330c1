"""A FactBase as plain JSON values and back, derived from the fields' Types; for the cache.

A record is the list of its field values in declared order: dates as [year, month, day],
enums as their values. Decoding checks every value's type, so that an entry that is well
formed but wrong (a title of 42, a month of 13) is a Miss, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields as _fields
from typing import Any

from factcli.kinds import KINDS, declared, required, type_of
from factcli.model import FactBase, Meta, Note, PartialDate, Type


class Miss(Exception):
    """The stored values are not those of a fact base."""


_KINDS = [s.plural for s in KINDS.values()]


def encode(base: FactBase) -> list[Any]:
    meta = None if base.meta is None else _encoder(Meta)(base.meta)
    return [meta, *([_encoder(s.cls)(r) for r in getattr(base, s.plural)] for s in KINDS.values())]


def _encoder(cls: type[Any]) -> Callable[[Any], list[Any]]:
    names = [(f.name, type_of(f)) for f in declared(cls)]
    terms = {f.name: _encoder(f.metadata["term"]) for f in declared(cls) if f.metadata["term"]}

    def encode_(record: Any) -> list[Any]:
        out = []
        for name, kind in names:
            value = getattr(record, name)
            if value is not None and kind is Type.DATE:
                value = [value.year, value.month, value.day]
            elif kind is Type.TERMS:
                value = [terms[name](t) for t in value]
            elif kind is Type.NOTE:
                value = _note(value)
            elif kind is Type.NOTES:
                value = [_note(n) for n in value]
            out.append(value)
        return out

    return encode_


def _note(note: str | None) -> Any:
    """A note as stored: its text, or [text, [year, month, day]] for a dated one."""
    if isinstance(note, Note):
        return [str(note), [note.date.year, note.date.month, note.date.day]]
    return note


def decode(data: Any, files: tuple[str, ...]) -> FactBase:
    if not isinstance(data, list) or len(data) != 1 + len(_KINDS):
        raise Miss
    dates: dict[tuple[int, ...], PartialDate] = {}  # equal dates shared, as they are frozen
    meta, *kinds = data
    records = {}
    for spec, rows in zip(KINDS.values(), kinds, strict=True):
        if not isinstance(rows, list):
            raise Miss
        records[spec.plural] = tuple(map(_decoder(spec.cls, dates), rows))
    return FactBase(
        meta=None if meta is None else _decoder(Meta, dates)(meta), **records, files=files
    )


def _decoder(cls: type[Any], dates: dict[tuple[int, ...], PartialDate]) -> Callable[[Any], Any]:
    fields = declared(cls)
    names = tuple(f.name for f in fields)
    checks = tuple(_check(f, dates) for f in fields)
    if len(fields) != len(_fields(cls)):
        raise AssertionError(cls)  # pragma: no cover - every field of a record is declared

    def decode_(values: Any) -> Any:
        if type(values) is not list or len(values) != len(names):
            raise Miss
        return cls(**{n: c(v) for n, c, v in zip(names, checks, values, strict=True)})

    return decode_


def _check(f: Any, dates: dict[tuple[int, ...], PartialDate]) -> Callable[[Any], Any]:
    optional = not required(f)
    kind = type_of(f)

    def text(v: Any) -> Any:
        if type(v) is str or (v is None and optional):
            return v
        raise Miss

    def texts(v: Any) -> tuple[str, ...]:
        if type(v) is not list or not all(type(s) is str for s in v):
            raise Miss
        return tuple(v)

    def date(v: Any) -> PartialDate | None:
        if v is None and optional:
            return None
        return dated(v)

    def dated(v: Any) -> PartialDate:
        # Checked before the lookup: a list inside ([[2001], 1, 1]) cannot be a dict key.
        if type(v) is not list or len(v) != 3 or not all(type(n) is int for n in v):
            raise Miss
        ymd = tuple(v)
        found = dates.get(ymd)
        if found is None:
            try:
                found = PartialDate.parse(str(PartialDate(*ymd)))  # a real calendar date
            except ValueError:
                raise Miss from None
            if found != PartialDate(*ymd):
                raise Miss
            dates[ymd] = found
        return found

    def enum(v: Any) -> Any:
        if v is None and optional:
            return None
        try:
            return f.metadata["enum"](v)
        except (ValueError, TypeError):
            raise Miss from None

    def note(v: Any) -> Any:
        if type(v) is list and len(v) == 2 and type(v[0]) is str:
            return Note(v[0], dated(v[1]))
        return text(v)

    def notes(v: Any) -> tuple[str, ...]:
        if type(v) is not list or None in v:
            raise Miss
        return tuple(map(note, v))

    def terms(v: Any) -> tuple[Any, ...]:
        if type(v) is not list:
            raise Miss
        return tuple(map(term, v))

    match kind:
        case Type.TERMS:
            term = _decoder(f.metadata["term"], dates)
            return terms
        case Type.DATE:
            return date
        case Type.TEXTS | Type.SOURCES:
            return texts
        case Type.NOTE:
            return note
        case Type.NOTES:
            return notes
        case Type.ENUM:
            return enum
        case _:
            return text
