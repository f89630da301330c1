"""Names, aliases and ISO codes -> one country, or the candidates a user may have meant.

A name resolves whole or not at all, first found of: a name, alias or code of the fact
base's own countries; a name that several countries share (ambiguous); a name people use
that ISO 3166 does not give (country_names.py); an ISO 3166-1 alpha-2 or alpha-3 code, or
ISO's name, official name or common name. Case, accents and the kind of apostrophe do not
matter. A word that is only part of names ("the", "South", "Kingdom") names nothing.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import cache
from typing import NamedTuple

from factcli.country_names import ALIASES, NOT_COUNTRIES, SHARED, SHORT_NAMES
from factcli.country_names import OutsideCountry as OutsideCountry
from factcli.country_names import name_key as name_key
from factcli.model import Country


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


def typed_key(name: str) -> str:
    """The key of a name as people type it: without "the" ("Republic of the Sudan" is
    "Republic of Sudan"), hyphens as spaces, and "St" or "St." at its start as "Saint"."""
    words = [w for w in name_key(name.replace("-", " ")).split() if w != "the"]
    if words[:1] in (["st"], ["st."]) and len(words) > 1:
        words[0] = "saint"  # "St Lucia"
    return " ".join(words)


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

    def suggest(self, name: str, everywhere: bool = False) -> list[str]:
        """Names close to a misspelt one: the fact base's names and aliases, never codes;
        everywhere: also the names of ISO 3166 and those people use."""
        # Codes are too short to be close to anything ("EU" is one letter from "DEU"), and
        # a cutoff of 0.8 keeps one slip in a short name ("Japn") but drops "Narnia" ->
        # "Armenia" (0.77).
        key = name_key(name)
        if len(key) < 3:
            return []
        found: dict[str, Country | OutsideCountry] = {
            name_key(n): c for c in self.countries for n in (c.name, *c.aliases) if n
        }
        if everywhere:
            for other, country in (*ALIASES.items(), *_iso().names.items()):
                found.setdefault(other, country)
        # The same words in another order first: "Korea, South" is South Korea.
        words = sorted(_WORDS.findall(key))
        close = [k for k in found if k != key and sorted(_WORDS.findall(k)) == words]
        close += difflib.get_close_matches(key, list(found), n=max(len(found), 1), cutoff=0.8)
        close = [k for k in dict.fromkeys(close) if _apart_alike(key, k)][:3]
        return list(dict.fromkeys(self._known(found[k]).name for k in close))

    def _known(self, country: Country | OutsideCountry) -> Country | OutsideCountry:
        """The fact base's record of a country named from outside it, if it has one."""
        if isinstance(country, Country):
            return country
        for c in self.countries:
            if (country.iso2 and c.iso2 == country.iso2) or name_key(c.name) == name_key(
                country.name
            ):
                return c
        return country

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
        outside = iso_country(name)
        if outside is not None:  # "Russian Federation", "Viet Nam": ISO's, for a known one
            return self._known(outside)
        raise UnknownCountry(name, self.suggest(name, everywhere=True))


def names_another(name: str, codes: set[str], alias: bool) -> str | None:
    """What is wrong with a fact base giving its country with these ISO codes this name or
    alias: another country's, or several countries' (said after the name), or None.

    A fact base's own names are looked up first: "Korea" or "CN" given to one country would
    be that country for --country, whatever the user meant.
    """
    from factcli.iso import ALPHA2, ALPHA3

    key = typed_key(name)
    if key in SHARED:
        return f"names several countries: {', '.join(SHARED[key])}"
    other = ALIASES.get(key)
    if other is not None and other.iso2 and codes and other.iso2 not in codes:
        return f"is another country's name: {other.name} ({other.iso2})"
    code = name.strip().upper()
    if alias and (code in ALPHA3 or code in ALPHA2) and code not in codes:
        return "is another country's ISO 3166 code"
    return None


def _apart_alike(typed: str, known: str) -> bool:
    """Whether two names close by their letters are close by the words that tell them apart.

    The words that names share make them look alike: "Republic of Ireland" is 0.87 of
    "Republic of Poland", "North Sudan" 0.82 of "South Sudan", and neither is meant. A name
    whose words all lie in the other ("Turks and Caicos") is close to it.
    """
    words, others = (set(_WORDS.findall(k)) for k in (typed, known))
    mine, theirs = " ".join(sorted(words - others)), " ".join(sorted(others - words))
    return not mine or not theirs or difflib.SequenceMatcher(None, mine, theirs).ratio() >= 0.8


_WORDS = re.compile(r"[^\s,()]+")


def outside_country(name: str) -> OutsideCountry | None:
    """The one real country a name means outside any fact base: one people use, or ISO's."""
    key = typed_key(name)
    if key in SHARED or key in NOT_COUNTRIES:
        return None
    return ALIASES.get(key) or iso_country(name)


def iso_country(name: str) -> OutsideCountry | None:
    """The ISO 3166 country of this alpha-2 or alpha-3 code, or ISO name, if there is one."""
    iso = _iso()
    key = typed_key(name)
    if key in SHARED:  # "Congo" is ISO's name for one of the two
        return None
    return iso.codes.get(key) or iso.names.get(name_key(name)) or iso.names.get(key)


class _Iso(NamedTuple):
    """ISO 3166-1, as lookups need it."""

    codes: dict[str, OutsideCountry]  # alpha-2 and alpha-3, folded
    names: dict[str, OutsideCountry]  # names, official and common names, as name_key()s
    own_names: dict[str, str]  # alpha-2 -> ISO's name ("RU": "Russian Federation")


@cache
def _iso() -> _Iso:
    # pycountry takes tens of milliseconds to import, and a millisecond or two to read its
    # table: only names that are not in the fact base come here.
    import pycountry

    iso, clashes = _Iso({}, {}, {}), set()
    for c in pycountry.countries:
        common = getattr(c, "common_name", None)
        official = getattr(c, "official_name", None)
        # ISO's name turned about ("Virgin Islands, British") is shown as the official one.
        shown = official if official and "," in c.name else c.name
        country = OutsideCountry(
            SHORT_NAMES.get(c.alpha_2) or common or shown, c.alpha_2, c.alpha_3
        )
        iso.own_names[c.alpha_2] = c.name
        iso.codes.update({c.alpha_2.lower(): country, c.alpha_3.lower(): country})
        for written in filter(None, (c.name, official, common)):
            for key in (name_key(written), typed_key(written)):
                if iso.names.setdefault(key, country) != country:
                    clashes.add(key)
    # Whole names and letter codes only: pycountry's own lookup() also takes the numeric
    # code ("392" is Japan) and the flag. A name of two countries names neither.
    for key in (*SHARED, *clashes):
        iso.names.pop(key, None)
    return iso


def subject_country(countries: Iterable[Country], subject: str, name: str) -> Country | None:
    """The fact base's subject as a country record, when NAME names it (by name or code)."""
    key = typed_key(name)
    if CountryIndex(countries).exact(name) or key in NOT_COUNTRIES or key in SHARED:
        return None
    mine = outside_country(subject)
    if key != typed_key(subject):
        theirs = outside_country(name)
        if mine is None or theirs is None or not mine.iso2 or theirs.iso2 != mine.iso2:
            return None
    if mine is None or not mine.iso2:
        return Country(name=subject, sources=())
    own = _iso().own_names.get(mine.iso2, mine.name)  # "Russian Federation"
    aliases = (own,) if own != subject else ()
    return Country(name=subject, iso2=mine.iso2, iso3=mine.iso3, aliases=aliases, sources=())
