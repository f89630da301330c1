"""The names that records give other records, resolved: countries by any of their names,
the records of other kinds by id; each unknown one reported, with the close one if any."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from functools import partial
from itertools import chain

from factcli.check import Problems, Raw
from factcli.countries import CountryIndex, outside_country, typed_key
from factcli.country_names import NOT_COUNTRIES, SHARED
from factcli.model import Country
from factcli.values import shown


class References:
    """Resolves the countries and the records of other kinds that records name, reporting
    the unknown ones."""

    def __init__(
        self, problems: Problems, countries: tuple[Country, ...], ids: dict[str, set[str]]
    ) -> None:
        self.problems = problems
        self.index = CountryIndex(countries)
        self.known_ids = ids  # of each kind's records
        # A name is looked up once, however often it is used, and a misspelt one is matched
        # against every name once: a base that misspells a name in each of 100,000 events
        # took more than twice as long to report it as to load.
        self.known: dict[str, list[Country]] = {}
        self.canonical: dict[str, str] = {}  # a name -> the one country it names
        self.close_to: dict[str, str] = {}
        self.unknown: dict[str, str] = {}  # a name no country has -> what is wrong with it

    def countries(self, raw: Raw, key: str, names: tuple[str, ...]) -> tuple[str, ...]:
        """The canonical names of the countries named."""
        try:  # the way of nearly every record: names known already
            return tuple(dict.fromkeys([self.canonical[name] for name in names]))
        except KeyError:
            pass
        canonical = []
        for name in names:
            found = self.known.get(name)
            if found is None:
                found = self.known[name] = self.index.exact(name)
            if len(found) == 1:
                canonical.append(found[0].name)
                self.canonical[name] = found[0].name
            elif found:
                names_ = ", ".join(sorted(c.name for c in found))
                said = f"country '{shown(name)}' is ambiguous: {names_}"
                self.problems.add(raw.at(key), raw.label, said)
            else:
                self.problems.add(raw.at(key), raw.label, self._unknown(name))
        return tuple(dict.fromkeys(canonical))  # "JP" and "Japan" name one country once

    def ids(self, raw: Raw, key: str, kind: str, ids: tuple[str, ...]) -> None:
        """Report each id that no record of the kind has ("unknown org 'nato'")."""
        known = self.known_ids[kind]
        for id_ in ids:
            if id_ not in known:
                # 0.75: one slip in a short id ("apek": apec), never another id that
                # merely shares letters ("wto" is not "who": 0.67).
                close = partial(difflib.get_close_matches, id_, sorted(known), 1, 0.75)
                hint = self._hint(f"{kind} {id_}", close)
                self.problems.add(raw.at(key), raw.label, f"unknown {kind} '{shown(id_)}'{hint}")

    def every_country(self, names: list[tuple[str, ...]]) -> list[tuple[str, ...]] | None:
        """countries() of many records at once, when each name names one country."""
        get = self.canonical.__getitem__
        try:  # the way of nearly every record: names known already
            return [tuple(dict.fromkeys(map(get, given))) for given in names]
        except KeyError:
            pass
        for name in set(chain.from_iterable(names)) - self.canonical.keys():
            found = self.known.get(name)
            if found is None:
                found = self.known[name] = self.index.exact(name)
            if len(found) != 1:
                return None
            self.canonical[name] = found[0].name
        return [tuple(dict.fromkeys(map(get, given))) for given in names]

    def _unknown(self, name: str) -> str:
        """What is wrong with a name that no country of the fact base has: one that names
        several countries, or what is no country, or a country it has by another name, is
        no country to add."""
        said = self.unknown.get(name)
        if said is None:
            key = typed_key(name)
            outside = None if key in SHARED or key in NOT_COUNTRIES else outside_country(name)
            here = [c.name for c in self.index.countries if outside and c.iso2 == outside.iso2]
            if key in SHARED:
                said = f"country '{shown(name)}' is ambiguous: {', '.join(SHARED[key])}"
            elif key in NOT_COUNTRIES:
                said = f"country '{shown(name)}' {NOT_COUNTRIES[key]}"
            elif outside and outside.iso2 and here:  # "Holland" for its "Netherlands"
                said = f"unknown country '{shown(name)}' (did you mean '{shown(here[0])}'?)"
            else:
                # A close name is the likelier mistake; else a country the base lacks.
                hint = self._hint(name, partial(self.index.suggest, name))
                said = f"unknown country '{shown(name)}'" + (hint or ": add a [[country]] for it")
            self.unknown[name] = said
        return said

    def _hint(self, key: str, close: Callable[[], list[str]]) -> str:
        hint = self.close_to.get(key)
        if hint is None:
            found = close()
            said = ", ".join(f"'{shown(c)}'" for c in found)
            hint = self.close_to[key] = f" (did you mean {said}?)" if found else ""
        return hint
