"""The names of countries that are none of ISO 3166's, names that several countries share,
and names of what is not a country: what countries.py reads after a fact base's own names.

The keys are as countries.typed_key() makes them: folded (no case, no accents, one kind of
apostrophe), hyphens as spaces, without "the".
"""

from __future__ import annotations

from typing import NamedTuple

from factcli.model import Country, fold

# "Cote d’Ivoire" is "Cote d'Ivoire": the apostrophes that keyboards and editors put in.
APOSTROPHES = str.maketrans(dict.fromkeys("’‘ʼ`´", "'"))


def name_key(name: str) -> str:
    """The form of a name that lookups compare: folded, spaces trimmed and single."""
    # Spaces too: a fact file's " Japan" or "United  Kingdom" is still found as typed.
    return " ".join(fold(name.translate(APOSTROPHES)).split())


# A named tuple, not a dataclass: making a dataclass costs a millisecond of every run.
class OutsideCountry(NamedTuple):
    """A real country (ISO 3166, or an entity without a code) that a fact base may not know."""

    name: str
    iso2: str
    iso3: str

    def as_country(self) -> Country:
        return Country(name=self.name, iso2=self.iso2 or None, iso3=self.iso3 or None, sources=())


_GB = OutsideCountry("United Kingdom", "GB", "GBR")
_US = OutsideCountry("United States", "US", "USA")
_CD = OutsideCountry("Democratic Republic of the Congo", "CD", "COD")
_CG = OutsideCountry("Republic of the Congo", "CG", "COG")
_VA = OutsideCountry("Vatican City", "VA", "VAT")
_KOSOVO = OutsideCountry("Kosovo", "XK", "XKX")
_IE = OutsideCountry("Ireland", "IE", "IRL")
_VI = OutsideCountry("United States Virgin Islands", "VI", "VIR")
_VG = OutsideCountry("British Virgin Islands", "VG", "VGB")
_KARABAKH = OutsideCountry("Nagorno-Karabakh", "", "")

# Names people use for one country that ISO 3166 does not give it (as its name, official
# name or common name), each with the name a country is shown by where a fact base does not
# know it. A country's former name stays here after it was renamed (ISO 3166-1 took up
# each new name):
# - Public record: the government of Burma changed the country's English name to Myanmar
#   in 1989.
# - Public record: Côte d'Ivoire asked in 1985 that its name no longer be translated
#   ("Ivory Coast").
# - Public record: Zaire was renamed the Democratic Republic of the Congo in May 1997.
# - Public record: East Timor became independent as Timor-Leste on 20 May 2002.
# - Public record: Cape Verde asked in October 2013 to be called Cabo Verde in every language.
# - Public record: Swaziland was renamed Eswatini on 19 April 2018.
# - Public record: Macedonia was renamed North Macedonia in February 2019 (Prespa agreement).
# - Public record: the UN registered Türkiye as Turkey's name in June 2022.
# - Public record: Persia asked other countries to call it Iran from 1935; Siam took the
#   name Thailand in 1939 (for good in 1949); Ceylon became Sri Lanka in 1972; Dahomey
#   became Benin in 1975; Upper Volta became Burkina Faso in 1984; Western Samoa became
#   Samoa in 1997.
# - Public record: the Republic of Ireland Act 1948 describes the state as the Republic of
#   Ireland; Éire is its name in Irish (Article 4 of the Constitution of 1937).
# - Public record: Georgia was the Republic of Georgia from 1990 until its constitution of
#   1995; the name still tells it from the US state.
# - Public record: the Republic of China is the official name of the state that governs
#   Taiwan (ISO 3166-1: "Taiwan, Province of China"); the People's Republic is China.
# - Public record: the United States Virgin Islands (ISO: "Virgin Islands, U.S.") and the
#   British Virgin Islands (ISO: "Virgin Islands, British") are two territories.
# - Public record: the island of Saint Martin is divided between France's Saint-Martin
#   (ISO: "Saint Martin (French part)") and Sint Maarten, a country of the Kingdom of the
#   Netherlands (ISO: "Sint Maarten (Dutch part)").
# - Public record: England, Scotland, Wales and Northern Ireland are the four countries of
#   the United Kingdom, which alone is a state (ISO 3166-1 gives them no code of their own).
# The rest is common English usage: (Great) Britain for the United Kingdom
# (whose ISO 3166-1 code GB has UK exceptionally reserved beside it), America, Holland,
# UAE, DPRK and ROK (the two Koreas' own initials), Russia (ISO: Russian Federation),
# Brunei, the Falklands, the Vatican, Palestine, and the two Congos by their capitals or as
# "Congo Republic", "DR Congo", "DRC". XK and XKX: ISO 3166-1's user-assigned codes, as the
# European Commission and the IMF use them for Kosovo.
ALIASES: dict[str, OutsideCountry] = {
    "england": _GB,
    "scotland": _GB,
    "wales": _GB,
    "northern ireland": _GB,
    "britain": _GB,
    "great britain": _GB,
    "uk": _GB,
    "u.k.": _GB,
    "america": _US,
    "u.s.": _US,
    "u.s.a.": _US,
    "holland": OutsideCountry("Netherlands", "NL", "NLD"),
    "uae": OutsideCountry("United Arab Emirates", "AE", "ARE"),
    "dprk": OutsideCountry("North Korea", "KP", "PRK"),
    "rok": OutsideCountry("South Korea", "KR", "KOR"),
    "republic of korea": OutsideCountry("South Korea", "KR", "KOR"),
    "russia": OutsideCountry("Russia", "RU", "RUS"),
    "brunei": OutsideCountry("Brunei", "BN", "BRN"),
    "falkland islands": OutsideCountry("Falkland Islands", "FK", "FLK"),
    "falklands": OutsideCountry("Falkland Islands", "FK", "FLK"),
    "vatican city": _VA,
    "vatican": _VA,
    "holy see": _VA,
    "palestine": OutsideCountry("Palestine", "PS", "PSE"),
    "democratic republic of congo": _CD,  # ISO: "Congo, The Democratic Republic of the"
    "dr congo": _CD,
    "drc": _CD,
    "congo kinshasa": _CD,
    "zaire": _CD,
    "republic of congo": _CG,
    "congo republic": _CG,
    "congo brazzaville": _CG,
    "burma": OutsideCountry("Myanmar", "MM", "MMR"),
    "ivory coast": OutsideCountry("Côte d'Ivoire", "CI", "CIV"),
    "east timor": OutsideCountry("Timor-Leste", "TL", "TLS"),
    "cape verde": OutsideCountry("Cabo Verde", "CV", "CPV"),
    "swaziland": OutsideCountry("Eswatini", "SZ", "SWZ"),
    "macedonia": OutsideCountry("North Macedonia", "MK", "MKD"),
    "turkey": OutsideCountry("Türkiye", "TR", "TUR"),
    "persia": OutsideCountry("Iran", "IR", "IRN"),
    "siam": OutsideCountry("Thailand", "TH", "THA"),
    "ceylon": OutsideCountry("Sri Lanka", "LK", "LKA"),
    "dahomey": OutsideCountry("Benin", "BJ", "BEN"),
    "upper volta": OutsideCountry("Burkina Faso", "BF", "BFA"),
    "western samoa": OutsideCountry("Samoa", "WS", "WSM"),
    "republic of ireland": _IE,
    "eire": _IE,
    "republic of georgia": OutsideCountry("Georgia", "GE", "GEO"),
    "republic of china": OutsideCountry("Taiwan", "TW", "TWN"),
    "sint maarten": OutsideCountry("Sint Maarten", "SX", "SXM"),
    "us virgin islands": _VI,
    "u.s. virgin islands": _VI,
    "united states virgin islands": _VI,
    "kosovo": _KOSOVO,
    "xk": _KOSOVO,
    "xkx": _KOSOVO,
    "nagorno karabakh": _KARABAKH,
    "karabakh": _KARABAKH,
}
# How a country of ISO 3166 is shown where a fact base does not know it, when ISO's name is
# not the one people use ("Russian Federation", "Congo, The Democratic Republic of the").
SHORT_NAMES = {c.iso2: c.name for c in ALIASES.values() if c.iso2}

# Names that several real countries share (SPEC: ambiguous even when a base has one).
SHARED = {
    "korea": ["North Korea", "South Korea"],
    "congo": ["Democratic Republic of the Congo", "Republic of the Congo"],
    "virgin islands": [_VG.name, _VI.name],
    "saint martin": ["Saint Martin (French part)", "Sint Maarten"],
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
# Public record: Czechoslovakia was dissolved on 1 January 1993 into the Czech Republic and
# Slovakia; Yugoslavia broke up from 1991 (its last part, Serbia and Montenegro, split in
# 2006); the German Democratic Republic joined the Federal Republic (West Germany) on 3 October
# 1990.
_CZECHOSLOVAKIA = (
    "is a former state (Czechoslovakia, dissolved 1993); try the Czech Republic or Slovakia"
)
_YUGOSLAVIA = (
    "is a former state (Yugoslavia, broken up 1991–2006); try Serbia, Montenegro, Croatia,"
    " Slovenia, Bosnia and Herzegovina or North Macedonia"
)
_EAST_GERMANY = "is a former state (it joined the Federal Republic in 1990); try Germany"
_WEST_GERMANY = "is Germany as it was before its reunification in 1990; try Germany"
NOT_COUNTRIES |= {
    "czechoslovakia": _CZECHOSLOVAKIA,
    "yugoslavia": _YUGOSLAVIA,
    "serbia and montenegro": "is a former state (split in 2006); try Serbia or Montenegro",
    "east germany": _EAST_GERMANY,
    "gdr": _EAST_GERMANY,
    "german democratic republic": _EAST_GERMANY,
    "west germany": _WEST_GERMANY,
}
