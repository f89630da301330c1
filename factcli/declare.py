"""How a record's field is declared: its Type and what each layer needs to know of it.

Every field a fact file may write is declared once, on its dataclass in model.py, with
`fact(...)`; the layers ask the questions below of `dataclasses.fields()`, and look the
field's Type up in the registry of types (types.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, Field, dataclass, field, fields
from enum import StrEnum
from types import MemberDescriptorType
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")


class Type(StrEnum):
    """What a field holds, as a fact file writes it: what loader, cache, export and schema read."""

    TEXT = "text"  # a non-empty string
    TEXTS = "texts"  # an array of non-empty strings
    SOURCES = "sources"  # an array of at least one non-empty string
    DATE = "date"  # "YYYY", "YYYY-MM", "YYYY-MM-DD" or a TOML date
    ID = "id"  # lowercase letters, digits and "-" (values.ID)
    ISO2 = "iso2"  # an ISO 3166-1 alpha-2 code, as ISO writes it ("JP")
    ISO3 = "iso3"  # an ISO 3166-1 alpha-3 code ("JPN")
    ENUM = "enum"  # one value of the field's enum
    TERMS = "terms"  # an array of inline tables, each a term of the field's term class
    NOTE = "note"  # a non-empty string, or a dated note { text = "...", date = "..." }
    NOTES = "notes"  # an array of notes


def fact(
    type_: Type,
    *,
    default: Any = MISSING,
    enum: type[StrEnum] | None = None,
    search: bool = False,
    ref: str | None = None,
    link: str | None = None,
    term: type[Any] | None = None,
    history: str | None = None,
    doc: str = "",
) -> Any:
    """A field of a record, with what every layer needs to know about it.

    search: QUERY words are looked for in it. ref: it names records of that kind ("country",
    "org"), which the loader resolves. link: the export keeps it as a link table with this
    column ("country_id", "tag"). term: the class of a TERMS field's items. history: the
    TERMS field that gives this one instead (the term shown): required only without it.
    doc: one line for the JSON Schema.
    """
    metadata = {"type": type_, "enum": enum, "search": search, "ref": ref, "link": link,
                "term": term, "history": history, "doc": doc}  # fmt: skip
    return field(default=default, metadata=metadata)


def declared(cls: type[Any]) -> tuple[Field[Any], ...]:
    """The fields a fact file may write for a class, in the order they are declared."""
    # Asked hundreds of times a run, by the checks of every record with terms; a class's
    # fields never change once it is made.
    found = _DECLARED.get(cls)
    if found is None:
        found = _DECLARED[cls] = tuple(f for f in fields(cls) if "type" in f.metadata)
    return found


_DECLARED: dict[type[Any], tuple[Field[Any], ...]] = {}


def required(f: Field[Any]) -> bool:
    """Whether a fact file must write the field (one that terms can give is checked apart)."""
    return needed(f) and not f.metadata["history"]


def needed(f: Field[Any]) -> bool:
    """Whether a record cannot be made without the field: it has no default."""
    return f.default is MISSING and f.default_factory is MISSING


def maker(cls: type[T]) -> Callable[..., T]:
    """cls(**values), given every field's value in declared order: the same frozen, slotted
    record, made without the object.__setattr__ that a frozen dataclass's __init__ calls
    for each field (half of the time of making a record). Made once per class."""
    found = _MAKERS.get(cls)
    if found is None:
        every = fields(cls)  # type: ignore[arg-type]  # a dataclass's
        if hasattr(cls, "__post_init__") or not all(f.init for f in every):
            raise TypeError(f"{cls.__name__} is not made from its fields alone")
        # Each field is a slot: its member descriptor sets it, as object.__setattr__ does.
        slots = {name: slot for c in reversed(cls.__mro__) for name, slot in vars(c).items()}
        env: dict[str, Any] = {"new": object.__new__, "cls": cls}
        for i, f in enumerate(every):
            if not isinstance(slots.get(f.name), MemberDescriptorType):
                raise TypeError(f"{cls.__name__}.{f.name} is not a slot")
            env[f"set{i}"] = slots[f.name].__set__
        args = ", ".join(f"v{i}" for i in range(len(every)))
        sets = "".join(f"    set{i}(record, v{i})\n" for i in range(len(every)))
        exec(f"def make({args}):\n    record = new(cls)\n{sets}    return record\n", env)
        found = _MAKERS[cls] = env["make"]
    return found


_MAKERS: dict[type[Any], Callable[..., Any]] = {}


@dataclass_transform(frozen_default=True, kw_only_default=True, field_specifiers=(fact,))
def record(cls: type[T]) -> type[T]:
    """A record class: a frozen, slotted, keyword-only dataclass. Its repr is one function
    for every record instead of one generated for each class: making a class's repr is a
    third of making the class, and every run makes the records' classes at start-up."""
    made = dataclass(frozen=True, slots=True, kw_only=True, repr=False)(cls)
    made.__repr__ = _repr  # type: ignore[method-assign]
    return made


def _repr(self: Any) -> str:
    values = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self))
    return f"{type(self).__name__}({values})"
