"""Names, aliases and ISO codes -> one country, or the candidates a user may have meant."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import NamedTuple

from factcli.model import Country, fold


class UnknownCountry(LookupError):
    """No country of the fact base, nor any ISO 3166 country, goes by this name."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        super().__init__(name)
        self.name = name
        self.suggestions = suggestions

    def __str__(self) -> str:
        hint = f" Did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        return f"unknown country '{self.name}'.{hint}"


class AmbiguousCountry(LookupError):
    """The name fits several countries of the fact base."""

    def __init__(self, name: str, candidates: list[str]) -> None:
        super().__init__(name)
        self.name = name
        self.candidates = candidates

    def __str__(self) -> str:
        return f"'{self.name}' is ambiguous: {', '.join(self.candidates)}"


# A named tuple, not a dataclass: making a dataclass costs a millisecond of every run.
class OutsideCountry(NamedTuple):
    """A real ISO 3166 country that the fact base says nothing about."""

    name: str
    iso2: str
    iso3: str

    def as_country(self) -> Country:
        return Country(name=self.name, iso2=self.iso2, iso3=self.iso3, sources=())


def name_key(name: str) -> str:
    """The form of a name that lookups compare: folded, spaces trimmed and single."""
    # Spaces too: a fact file's " Japan" or "United  Kingdom" is still found as typed.
    return " ".join(fold(name).split())


def keys_of(country: Country) -> list[str]:
    """Every name a country goes by, as keys: its name, aliases and ISO codes."""
    names = [country.name, *country.aliases, country.iso2 or "", country.iso3 or ""]
    return [name_key(n) for n in names if n]


class CountryIndex:
    """Looks countries up by any of their names, in any letter case and without accents."""

    def __init__(self, countries: Iterable[Country]) -> None:
        self.countries = tuple(countries)
        self._by_key: dict[str, list[Country]] = {}
        for country in self.countries:
            for key in dict.fromkeys(keys_of(country)):
                self._by_key.setdefault(key, []).append(country)

    def exact(self, name: str) -> list[Country]:
        """The countries that have exactly this name, alias or code (folded)."""
        return list(self._by_key.get(name_key(name), ()))

    def suggest(self, name: str) -> list[str]:
        """Canonical names close to a misspelt one."""
        by_key = {key: found[0].name for key, found in self._by_key.items()}
        close = difflib.get_close_matches(name_key(name), list(by_key), n=3, cutoff=0.75)
        return list(dict.fromkeys(by_key[key] for key in close))

    def resolve(self, name: str) -> Country | OutsideCountry:
        """One country for a user's name; raise UnknownCountry or AmbiguousCountry."""
        found = self.exact(name)
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise AmbiguousCountry(name, sorted(c.name for c in found))
        words = fold(name).split()
        partial = [c for c in self.countries if words and _has_words(c, words)]
        if len(partial) == 1:
            return partial[0]
        if len(partial) > 1:
            raise AmbiguousCountry(name, sorted(c.name for c in partial))
        outside = iso_country(name)
        if outside is not None:
            # "Russian Federation" or "Viet Nam": an ISO name for a country we know by another.
            known = [c for c in self.countries if c.iso2 == outside.iso2]
            return known[0] if known else outside
        raise UnknownCountry(name, self.suggest(name))


def _has_words(country: Country, words: list[str]) -> bool:
    """Whether every word appears as a whole word in one of the country's names."""
    return any(all(word in key.split() for word in words) for key in keys_of(country))


def iso_country(name: str) -> OutsideCountry | None:
    """The ISO 3166 country of this name or code, if there is one."""
    # pycountry reads its JSON database on first use (tens of milliseconds): only
    # names that are not in the fact base come here.
    import pycountry

    try:
        found = pycountry.countries.lookup(name.strip())
    except LookupError:
        return None
    common = getattr(found, "common_name", None) or found.name
    return OutsideCountry(name=common, iso2=found.alpha_2, iso3=found.alpha_3)
