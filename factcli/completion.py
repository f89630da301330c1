"""What the shell offers on TAB: the fact base's countries, org ids, tags and categories."""

# The shell runs factcli on every TAB, so nothing here imports Rich or pycountry.

from __future__ import annotations

from collections.abc import Iterable, Sequence

from factcli import query
from factcli.model import FactBase, fold

Candidates = Sequence[str | tuple[str, str]]  # a value, or a value and its help


class Offer(str):
    """A value already matched against what was typed."""

    __slots__ = ()

    # Typer keeps only the values that start with the typed text, case-sensitively; ours
    # are matched by folded prefix and by alias ("brit" offers "Britain"), so stay.
    def startswith(self, *_: object) -> bool:
        return True


class Alias(Offer):
    """A country's alias or code, offered for it: a lone one completes to the name."""

    name: str

    def __new__(cls, text: str, name: str) -> Alias:
        alias = super().__new__(cls, text)
        alias.name = name
        return alias


Offers = list[Offer | tuple[Offer, str]]


def offers(candidates: Candidates) -> Offers:
    """Candidates in the shape Typer's autocompletion callbacks return."""
    return [(_offer(c[0]), c[1]) if isinstance(c, tuple) else _offer(c) for c in candidates]


def _offer(value: str) -> Offer:
    return value if isinstance(value, Offer) else Offer(value)


def matching(values: Iterable[str], typed: str) -> list[str]:
    """The values that start with the typed text, in any case and without accents."""
    prefix = fold(typed)
    return sorted({v for v in values if fold(v).startswith(prefix)}, key=fold)


def countries(base: FactBase, typed: str) -> list[str | tuple[str, str]]:
    """The countries a name, alias or whole code of which starts with the text; the subject too.

    Each is its name when the name matched, else the alias or code that did, with the name
    as its help ("brit": Britain, United Kingdom): each in its own case. A whole name that
    several countries share ("Congo") completes to none of them, as it names none.
    """
    from factcli.country_names import APOSTROPHES, SHARED, name_key

    if name_key(typed).removeprefix("the ") in SHARED:
        return []  # "Congo" would become the Congo the fact base has, whichever was meant
    prefix = fold(typed.translate(APOSTROPHES))  # "cote d’" finds "Côte d'Ivoire"
    known = [(c.name, (c.name, *c.aliases), (c.iso2, c.iso3)) for c in base.countries]
    if base.meta is not None and all(fold(c.name) != fold(base.subject) for c in base.countries):
        # Not one of its own countries, and named all the same: `--country Russia` keeps all.
        known.append((base.subject, (base.subject,), (None, None)))
    found: dict[str, str] = {}
    for name, names, codes in known:
        # Codes only whole: "k" would otherwise offer Cambodia (KH) among the K names.
        matched = [n for n in names if fold(n.translate(APOSTROPHES)).startswith(prefix)]
        matched += [c for c in codes if c and fold(c) == prefix]
        if matched:
            found[name] = matched[0]
    offered = [n if m == n else (Alias(m, n), n) for n, m in found.items()]
    return sorted(offered, key=lambda c: fold(c if isinstance(c, str) else c[0]))


def orgs(base: FactBase, typed: str) -> list[tuple[str, str]]:
    """Org ids that start with the text, each with its name for shells that show help."""
    names = {o.id: o.name for o in base.orgs}
    return [(i, names[i]) for i in matching(names, typed)]


def tags(base: FactBase, typed: str) -> list[str]:
    return matching(query.known_tags(base), typed)


def categories(base: FactBase, typed: str) -> list[str]:
    return matching(query.known_categories(base), typed)


def fields(command: str, typed: str) -> list[str]:
    """Field names for --fields a,b,<TAB>: each offered after what was typed before the comma."""
    from factcli.kinds import KINDS, output_fields

    kinds = {s.plural: s.kind for s in KINDS.values()} | {"country": "country"}  # command: kind
    if command in kinds:
        available = output_fields(kinds[command])
        if command == "country":
            available += ["disputes", "treaties", "events", "dispute_count", "event_count"]
    else:  # search: every kind's
        available = list(dict.fromkeys(f for k in KINDS for f in output_fields(k)))
    done, _, last = typed.rpartition(",")
    head = f"{done}," if done else ""
    chosen = set(done.split(","))
    return [head + f for f in available if f.startswith(last) and f not in chosen]


def shared(words: Sequence[str], typed: str) -> str | None:
    """What the words have in common, in their own case, if it keeps every letter typed."""
    same = 0
    for letters in zip(*words, strict=False):
        if any(c != letters[0] for c in letters):
            break
        same += 1
    common = words[0][:same]
    return common if fold(common[: len(typed)]) == fold(typed) else None
