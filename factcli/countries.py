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


class NotACountry(UnknownCountry):
    """A name people type for something that is not (or no longer) a country: says what it is."""

    def __init__(self, name: str, what: str) -> None:
        super().__init__(name, [])
        self.what = what

    def __str__(self) -> str:
        return f"'{self.name}' {self.what}"


# A named tuple, not a dataclass: making a dataclass costs a millisecond of every run.
class OutsideCountry(NamedTuple):
    """A real ISO 3166 country that the fact base says nothing about."""

    name: str
    iso2: str
    iso3: str

    def as_country(self) -> Country:
        return Country(name=self.name, iso2=self.iso2 or None, iso3=self.iso3 or None, sources=())


# Names people type that are not the ISO 3166 names, aliases or codes of one country.
# Sources: ISO 3166-1 (the codes and official names), ISO 3166-1's user-assigned code XK
# used for Kosovo by the European Commission and the IMF, and the UN's M49 list; the rest
# is common English usage (England for the United Kingdom, Macedonia before its 2019
# renaming, DPRK as North Korea names itself).
ALIASES: dict[str, OutsideCountry] = {
    "england": OutsideCountry("United Kingdom", "GB", "GBR"),
    "holy see": OutsideCountry("Vatican City", "VA", "VAT"),
    "vatican": OutsideCountry("Vatican City", "VA", "VAT"),
    "vatican city": OutsideCountry("Vatican City", "VA", "VAT"),
    "palestine": OutsideCountry("Palestine", "PS", "PSE"),
    "state of palestine": OutsideCountry("Palestine", "PS", "PSE"),
    "dprk": OutsideCountry("North Korea", "KP", "PRK"),
    "north korea": OutsideCountry("North Korea", "KP", "PRK"),
    "south korea": OutsideCountry("South Korea", "KR", "KOR"),
    "macedonia": OutsideCountry("North Macedonia", "MK", "MKD"),
    "xk": OutsideCountry("Kosovo", "XK", "XKX"),
    "xkx": OutsideCountry("Kosovo", "XK", "XKX"),
    "kosovo": OutsideCountry("Kosovo", "XK", "XKX"),
    "nagorno karabakh": OutsideCountry("Nagorno-Karabakh", "", ""),
    "karabakh": OutsideCountry("Nagorno-Karabakh", "", ""),
}
# Names that several real countries share (SPEC: ambiguous even when the base has one).
SHARED = {
    "korea": ["North Korea", "South Korea"],
    "congo": ["Democratic Republic of the Congo", "Republic of the Congo"],
}
# Names of something that is not a country of ISO 3166, said in one line.
_SOVIET = "is a former state (the Soviet Union, dissolved 1991); its continuator is Russia"
NOT_COUNTRIES = {
    "ussr": _SOVIET,
    "u.s.s.r.": _SOVIET,
    "soviet union": _SOVIET,
    "karabakh": "is not a country: Nagorno-Karabakh is a region internationally recognized"
    " as part of Azerbaijan; try Azerbaijan or Armenia",
}
NOT_COUNTRIES["nagorno karabakh"] = NOT_COUNTRIES["karabakh"]


def name_key(name: str) -> str:
    """The form of a name that lookups compare: folded, spaces trimmed and single."""
    # Spaces too: a fact file's " Japan" or "United  Kingdom" is still found as typed.
    return " ".join(fold(name).split())


def typed_key(name: str) -> str:
    """The key of a name as people type it: without a leading "the", hyphens as spaces."""
    key = name_key(name.replace("-", " "))
    return key[4:] if key.startswith("the ") else key


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
        """Canonical names close to a misspelt one: names and aliases only, never codes."""
        # Codes are too short to be close to anything ("EU" is one letter from "DEU"), and
        # a cutoff of 0.8 keeps one slip in a short name ("Japn") but drops "Narnia" ->
        # "Armenia" (0.77).
        key = name_key(name)
        if len(key) < 3:
            return []
        by_key = {name_key(n): c.name for c in self.countries for n in (c.name, *c.aliases) if n}
        close = difflib.get_close_matches(key, list(by_key), n=3, cutoff=0.8)
        return list(dict.fromkeys(by_key[k] for k in close))

    def _known(self, outside: OutsideCountry) -> Country | OutsideCountry:
        """The fact base's record of a country named from outside it, if it has one."""
        for c in self.countries:
            if (outside.iso2 and c.iso2 == outside.iso2) or name_key(c.name) == name_key(
                outside.name
            ):
                return c
        return outside

    def resolve(self, name: str) -> Country | OutsideCountry:
        """One country for a user's name; raise UnknownCountry or AmbiguousCountry."""
        found = self.exact(name) or self.exact(typed_key(name))
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise AmbiguousCountry(name, sorted(c.name for c in found))
        key = typed_key(name)
        if key in SHARED:
            raise AmbiguousCountry(name, SHARED[key])
        if key in ALIASES:
            entity = self._known(ALIASES[key])
            if isinstance(entity, Country) or key not in NOT_COUNTRIES:
                return entity
        if key in NOT_COUNTRIES:
            raise NotACountry(name, NOT_COUNTRIES[key])
        words = fold(name).split()
        partial = [c for c in self.countries if words and _has_words(c, words)]
        if len(partial) == 1:
            return partial[0]
        if len(partial) > 1:
            raise AmbiguousCountry(name, sorted(c.name for c in partial))
        outside = iso_country(name) or (iso_country(key) if key != name_key(name) else None)
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


def subject_country(countries: Iterable[Country], subject: str, name: str) -> Country | None:
    """The fact base's subject as a country record, when NAME names it (by name or code)."""
    key = typed_key(name)
    if CountryIndex(countries).exact(name) or key in NOT_COUNTRIES or key in SHARED:
        return None
    mine = _iso_subject(subject)
    if key != name_key(subject):
        theirs = iso_country(name) or iso_country(key)
        if mine is None or theirs is None or theirs.iso2 != mine.iso2:
            return None
    if mine is None:
        return Country(name=subject, sources=())
    aliases = (mine.name,) if mine.name != subject else ()
    return Country(name=subject, iso2=mine.iso2, iso3=mine.iso3, aliases=aliases, sources=())


def _iso_subject(subject: str) -> OutsideCountry | None:
    """The ISO 3166 country that a subject's common name stands for ("Russia": RU)."""
    import pycountry

    found = iso_country(subject)
    if found is not None:
        return found
    try:
        # "Russia" is ISO's "Russian Federation": a name that begins with the subject's.
        candidates = pycountry.countries.search_fuzzy(subject)
    except LookupError:
        return None
    for c in candidates:
        if name_key(c.name).startswith(name_key(subject)):
            return OutsideCountry(name=c.name, iso2=c.alpha_2, iso3=c.alpha_3)
    return None
