"""Names -> one country, whole or not at all: the shipped fact base's countries, ISO 3166's
names and codes, the names people use that ISO lacks, and words that name nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcli.countries import (
    CountryIndex,
    OutsideCountry,
    iso_country,
    name_key,
    subject_country,
    typed_key,
)
from factcli.country_names import ALIASES, NOT_COUNTRIES, SHARED
from factcli.load import load
from tests.conftest import Cli, write_base

SHIPPED = Path(__file__).parents[1] / "facts"


@pytest.fixture(scope="module")
def shipped() -> CountryIndex:
    return CountryIndex(load(SHIPPED).countries)


def said(index: CountryIndex, name: str) -> str:
    """What resolving a name gives: a canonical name ("+" when the base lacks the country),
    or the error's text."""
    try:
        found = index.resolve(name)
    except LookupError as e:
        return f"Error: {e}"
    return f"+{found.name}" if isinstance(found, OutsideCountry) else found.name


# (name typed, what it resolves to on the shipped base: its canonical name; "+Name" for a
# real country the base lacks; "Error: ..." for the error)
NAMES = {
    "the base's name, aliases, codes": [
        ("Japan", "Japan"), ("japan", "Japan"), ("JAPAN", "Japan"), ("Nippon", "Japan"),
        ("JP", "Japan"), ("jp", "Japan"), ("JPN", "Japan"), ("jpn", "Japan"),
        ("UK", "United Kingdom"), ("gb", "United Kingdom"), ("Britain", "United Kingdom"),
        ("the United Kingdom", "United Kingdom"), ("US", "United States"),
        ("usa", "United States"), ("America", "United States"),
        ("New Zealand", "New Zealand"), ("new zealand", "New Zealand"), ("NZ", "New Zealand"),
        ("Bosnia-Herzegovina", "Bosnia and Herzegovina"), ("South Ossetia", "South Ossetia"),
        ("Republic of South Ossetia", "South Ossetia"), ("the Ukraine", "Ukraine"),
    ],
    "ISO's names, official and common names": [
        ("United Kingdom of Great Britain and Northern Ireland", "United Kingdom"),
        ("United States of America", "United States"), ("Kingdom of Spain", "Spain"),
        ("Czechia", "Czech Republic"), ("Syrian Arab Republic", "Syria"),
        ("Iran, Islamic Republic of", "Iran"), ("Moldova, Republic of", "Moldova"),
        ("Bolivarian Republic of Venezuela", "Venezuela"),
        ("Congo, The Democratic Republic of the", "Democratic Republic of the Congo"),
        ("Democratic Republic of Timor-Leste", "East Timor"), ("Timor Leste", "East Timor"),
        ("Republic of Myanmar", "Myanmar"), ("Korea, Republic of", "+South Korea"),
        ("Korea, Democratic People's Republic of", "+North Korea"),
        ("Lao People's Democratic Republic", "+Laos"), ("Viet Nam", "+Vietnam"),
        ("Brunei Darussalam", "+Brunei"), ("Republic of the Congo", "+Republic of the Congo"),
        ("Peru", "+Peru"), ("per", "+Peru"), ("CG", "+Republic of the Congo"),
        ("cog", "+Republic of the Congo"), ("Guinea", "+Guinea"),
        ("Guinea-Bissau", "+Guinea-Bissau"), ("Guinea Bissau", "+Guinea-Bissau"),
        ("Papua New Guinea", "+Papua New Guinea"), ("the Gambia", "+Gambia"),
    ],
    "accents and apostrophes": [
        ("Côte d'Ivoire", "Ivory Coast"), ("cote d'ivoire", "Ivory Coast"),
        ("Cote d’Ivoire", "Ivory Coast"), ("COTE D`IVOIRE", "Ivory Coast"),
        ("Republic of Côte d'Ivoire", "Ivory Coast"), ("Curaçao", "+Curaçao"),
        ("curacao", "+Curaçao"),
    ],
    "renamed countries and names ISO lacks": [
        ("Türkiye", "Turkey"), ("turkiye", "Turkey"), ("Republic of Türkiye", "Turkey"),
        ("Burma", "Myanmar"), ("Zaire", "Democratic Republic of the Congo"),
        ("DRC", "Democratic Republic of the Congo"),
        ("Democratic Republic of Congo", "Democratic Republic of the Congo"),
        ("Congo-Kinshasa", "Democratic Republic of the Congo"),
        ("Republic of Congo", "+Republic of the Congo"),
        ("Congo Republic", "+Republic of the Congo"),
        ("Congo-Brazzaville", "+Republic of the Congo"), ("Swaziland", "+Eswatini"),
        ("Eswatini", "+Eswatini"), ("Cape Verde", "+Cabo Verde"), ("Holland", "+Netherlands"),
        ("UAE", "+United Arab Emirates"), ("Macedonia", "+North Macedonia"),
        ("Republic of Korea", "+South Korea"), ("DPRK", "+North Korea"),
        ("Vatican", "+Vatican City"), ("England", "United Kingdom"), ("XK", "Kosovo"),
        ("Republic of Ireland", "+Ireland"), ("Eire", "+Ireland"), ("Éire", "+Ireland"),
        ("Republic of Georgia", "Georgia"), ("Republic of China", "+Taiwan"),
        ("Western Samoa", "+Samoa"), ("Ceylon", "+Sri Lanka"), ("Siam", "+Thailand"),
        ("Dahomey", "+Benin"), ("Upper Volta", "+Burkina Faso"), ("Persia", "Iran"),
        ("US Virgin Islands", "+United States Virgin Islands"),
        ("Virgin Islands, U.S.", "+United States Virgin Islands"),
        ("British Virgin Islands", "+British Virgin Islands"),
        ("Federated States of Micronesia", "+Federated States of Micronesia"),
        ("Republic of Sudan", "+Sudan"), ("Republic of Niger", "+Niger"),
        ("St Lucia", "+Saint Lucia"), ("St. Kitts and Nevis", "+Saint Kitts and Nevis"),
    ],
    "shared words name nothing": [
        ("the", "Error: unknown country 'the'."), ("The", "Error: unknown country 'The'."),
        ("South", "Error: unknown country 'South'."),
        ("Kingdom", "Error: unknown country 'Kingdom'."),
        ("New", "Error: unknown country 'New'."), ("East", "Error: unknown country 'East'."),
        ("Republic", "Error: unknown country 'Republic'."),
        ("United", "Error: unknown country 'United'."),
        ("Island", "Error: unknown country 'Island'."),
        ("Ossetia", "Error: unknown country 'Ossetia'."),
        ("Korea", "Error: 'Korea' is ambiguous: North Korea, South Korea"),
        ("Congo", "Error: 'Congo' is ambiguous: Democratic Republic of the Congo, "
                  "Republic of the Congo"),
        ("the Congo", "Error: 'the Congo' is ambiguous: Democratic Republic of the Congo, "
                      "Republic of the Congo"),
        ("Virgin Islands", "Error: 'Virgin Islands' is ambiguous: British Virgin Islands, "
                           "United States Virgin Islands"),
        ("St Martin", "Error: 'St Martin' is ambiguous: Saint Martin (French part), "
                      "Sint Maarten"),
        ("Sint Maarten", "+Sint Maarten"), ("Saint Martin (French part)", "+Saint Martin "
                                            "(French part)"),
    ],
    "codes ISO does not have": [
        ("392", "Error: unknown country '392'."), ("EU", "Error: unknown country 'EU'."),
        ("XX", "Error: unknown country 'XX'."), ("🇯🇵", "Error: unknown country '🇯🇵'."),
    ],
    "typos": [
        ("Japn", "Error: unknown country 'Japn'. Did you mean: Japan?"),
        ("Ukrain", "Error: unknown country 'Ukrain'. Did you mean: Ukraine?"),
        ("Swizerland", "Error: unknown country 'Swizerland'. Did you mean: Switzerland?"),
        ("Narnia", "Error: unknown country 'Narnia'."),
        ("USSR", "Error: 'USSR' is a former state (the Soviet Union, dissolved 1991); its "
                 "continuator is Russia"),
    ],
    "parts of a country, and former states": [
        ("Scotland", "United Kingdom"), ("wales", "United Kingdom"),
        ("Northern Ireland", "United Kingdom"),
        ("Czechoslovakia", "Error: 'Czechoslovakia' is a former state (Czechoslovakia, "
                           "dissolved 1993); try the Czech Republic or Slovakia"),
        ("Yugoslavia", "Error: 'Yugoslavia' is a former state (Yugoslavia, broken up "
                       "1991–2006); try Serbia, Montenegro, Croatia, Slovenia, Bosnia and "
                       "Herzegovina or North Macedonia"),
        ("Serbia and Montenegro", "Error: 'Serbia and Montenegro' is a former state (split "
                                  "in 2006); try Serbia or Montenegro"),
        ("East Germany", "Error: 'East Germany' is a former state (it joined the Federal "
                         "Republic in 1990); try Germany"),
        ("West Germany", "Error: 'West Germany' is Germany as it was before its "
                         "reunification in 1990; try Germany"),
        ("Federal Republic of Germany", "Germany"),
    ],
}  # fmt: skip
CASES = [case for cases in NAMES.values() for case in cases]


def test_the_table_is_big_enough() -> None:
    assert len(CASES) >= 60
    assert len({name for name, _ in CASES}) == len(CASES)  # no name given twice


@pytest.mark.parametrize(("name", "expected"), CASES, ids=[name for name, _ in CASES])
def test_a_name_resolves_whole_or_not_at_all(
    shipped: CountryIndex, name: str, expected: str
) -> None:
    assert said(shipped, name) == expected


CONGOS = """
    [[country]]
    name = "Democratic Republic of the Congo"
    iso2 = "CD"
    iso3 = "COD"
    sources = ["s"]

    [[country]]
    name = "Republic of the Congo"
    iso2 = "CG"
    iso3 = "COG"
    sources = ["s"]
    """


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Republic of the Congo", "Republic of the Congo"),
        ("republic of the congo", "Republic of the Congo"),
        ("Republic of Congo", "Republic of the Congo"),
        ("Congo Republic", "Republic of the Congo"),
        ("Congo-Brazzaville", "Republic of the Congo"),
        ("COG", "Republic of the Congo"),
        ("Democratic Republic of the Congo", "Democratic Republic of the Congo"),
        ("DR Congo", "Democratic Republic of the Congo"),
        ("Congo-Kinshasa", "Democratic Republic of the Congo"),
        ("cd", "Democratic Republic of the Congo"),
        ("Congo", "Error: 'Congo' is ambiguous: Democratic Republic of the Congo, "
                  "Republic of the Congo"),
        ("Republic", "Error: unknown country 'Republic'."),
        ("the", "Error: unknown country 'the'."),
    ],
)  # fmt: skip
def test_both_congos_in_one_base(tmp_path: Path, name: str, expected: str) -> None:
    index = CountryIndex(load(write_base(tmp_path / "congos", {"c.toml": CONGOS})).countries)
    assert said(index, name) == expected


@pytest.mark.parametrize("name", ["Russia", "russia", "RU", "rus", "Russian Federation"])
def test_the_subject_by_any_of_its_names(name: str) -> None:
    me = subject_country(load(SHIPPED).countries, "Russia", name)
    assert me is not None
    assert (me.name, me.iso2, me.iso3, me.aliases) == (
        "Russia",
        "RU",
        "RUS",
        ("Russian Federation",),
    )


@pytest.mark.parametrize("name", ["Russian", "Federation", "the", "R", "Japan", "USSR"])
def test_a_part_of_the_subjects_name_is_not_the_subject(name: str) -> None:
    assert subject_country(load(SHIPPED).countries, "Russia", name) is None


# --- the tables of names ------------------------------------------------------------------


def iso_names(alpha_2: str) -> set[str]:
    import pycountry

    found = pycountry.countries.get(alpha_2=alpha_2)
    written = (getattr(found, k, None) for k in ("name", "official_name", "common_name"))
    return {typed_key(n) for n in written if n}


@pytest.mark.parametrize("key", sorted(ALIASES))
def test_each_name_people_use_is_one_iso_country(key: str) -> None:
    country = ALIASES[key]
    assert key == typed_key(key)  # as lookups make it
    if country.iso2 in ("", "XK"):  # Nagorno-Karabakh; Kosovo's user-assigned code
        return
    import pycountry

    found = pycountry.countries.get(alpha_2=country.iso2)
    assert found is not None
    assert (found.alpha_2, found.alpha_3) == (country.iso2, country.iso3)
    # Never what ISO calls another country; where ISO has the name (a newer pycountry may
    # take one up), it is the same country's.
    assert iso_country(key) in (None, country)


def test_each_country_people_name_has_one_name_to_show() -> None:
    shown: dict[str, set[str]] = {}
    for country in ALIASES.values():
        shown.setdefault(country.iso2, set()).add(country.name)
    assert {code: names for code, names in shown.items() if len(names) > 1} == {}


@pytest.mark.parametrize(
    ("old", "code", "new"),
    [("Burma", "MM", "Myanmar"), ("Ivory Coast", "CI", "Côte d'Ivoire"),
     ("Zaire", "CD", "Congo, The Democratic Republic of the"),
     ("East Timor", "TL", "Timor-Leste"), ("Cape Verde", "CV", "Cabo Verde"),
     ("Swaziland", "SZ", "Eswatini"), ("Macedonia", "MK", "North Macedonia"),
     ("Turkey", "TR", "Türkiye")],
)  # fmt: skip
def test_a_renamed_country_by_its_old_name_and_isos_new_one(old: str, code: str, new: str) -> None:
    assert typed_key(old) not in iso_names(code)  # ISO took up the new name: the old is ours
    assert typed_key(new) in iso_names(code)
    assert ALIASES[typed_key(old)] == iso_country(new) == iso_country(code)


def test_shared_names_and_non_countries_are_keys_too() -> None:
    for key in (*SHARED, *NOT_COUNTRIES):
        assert key == typed_key(key)


def test_apostrophes_and_spaces_fold() -> None:
    assert name_key(" Côte  d’Ivoire ") == name_key("cote d'ivoire") == "cote d'ivoire"


# --- through the command line: the names that picked the wrong country ---------------------


@pytest.mark.parametrize("name", ["Republic of the Congo", "Republic of Congo", "Congo Republic"])
def test_the_republic_of_the_congo_is_never_the_drc(cli: Cli, name: str) -> None:
    result = cli("country", name, facts=SHIPPED)
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "", "No facts about Republic of the Congo in the fact base.\n",
    )  # fmt: skip
    profile = json.loads(cli("country", name, "--json", facts=SHIPPED).stdout)
    assert (profile["name"], profile["iso2"], profile["events"]) == (
        "Republic of the Congo",
        "CG",
        [],
    )


@pytest.mark.parametrize(
    "args",
    [["country", "the"], ["events", "--country", "South"], ["country", "New"],
     ["country", "East"], ["country", "Kingdom"], ["disputes", "--country", "Republic"]],
    ids=" ".join,
)  # fmt: skip
def test_a_word_of_several_names_is_no_country(cli: Cli, args: list[str]) -> None:
    result = cli(*args, facts=SHIPPED)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", f"Error: unknown country '{args[-1]}'.\n",
    )  # fmt: skip


# A suggestion is close by the words that tell names apart, not by those they share: each of
# these was offered a country that was not meant ("Republic of Ireland": Iceland, Finland,
# Poland; "North Sudan": South Sudan; "US Virgin Islands": the British ones).
@pytest.mark.parametrize(
    ("name", "said"),
    [("North Sudan", ""), ("Iran Republic", ""),
     ("Western Sahra", " Did you mean: Western Sahara?"),
     ("Republic of Macedonia", " Did you mean: North Macedonia?"),
     ("People's Republic of Korea", " Did you mean: North Korea?"),
     ("Democratic Republic of Korea", " Did you mean: North Korea?"),
     ("Untied States Virgin Islands", " Did you mean: United States Virgin Islands?"),
     ("Turks and Caicos", " Did you mean: Turks and Caicos Islands?"),
     ("Korea, South", " Did you mean: South Korea?"),
     ("Korea (North)", " Did you mean: North Korea?")],
)  # fmt: skip
def test_a_suggestion_never_names_another_country(cli: Cli, name: str, said: str) -> None:
    result = cli("events", "--country", name, facts=SHIPPED)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", f"Error: unknown country '{name}'.{said}\n",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("name", "shown"),
    [("Republic of Ireland", "Ireland"), ("U.S. Virgin Islands", "United States Virgin Islands"),
     ("Republic of China", "Taiwan"), ("Micronesia, Federated States of",
     "Federated States of Micronesia"), ("Western Samoa", "Samoa"), ("St Lucia", "Saint Lucia")],
)  # fmt: skip
def test_names_people_use_find_their_country(cli: Cli, name: str, shown: str) -> None:
    result = cli("country", name, facts=SHIPPED)
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "", f"No facts about {shown} in the fact base.\n",
    )  # fmt: skip


def test_the_republic_of_georgia_is_the_country(cli: Cli) -> None:
    profile = json.loads(cli("country", "Republic of Georgia", "--json", facts=SHIPPED).stdout)
    assert (profile["name"], profile["iso2"]) == ("Georgia", "GE")


def test_a_fact_base_without_countries_names_none_close(cli: Cli, tmp_path: Path) -> None:
    # Nothing to suggest from: the reference is unknown, with no hint and no internal error.
    event = '[[event]]\nid = "e"\ndate = "2000"\ntitle = "t"\ncountries = ["Japn"]\n'
    facts = write_base(tmp_path / "facts", {"events.toml": event + 'sources = ["s"]\n'})
    result = cli("validate", str(facts), facts=facts)
    said = "event 'e': unknown country 'Japn': add a [[country]] for it"
    assert (result.exit_code, result.stdout.splitlines()[0]) == (
        1, f"{facts / 'events.toml'}:5: {said}",
    )  # fmt: skip
