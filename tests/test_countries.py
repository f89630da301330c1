"""Country resolution: names, aliases and ISO codes in any case; suggestions; ambiguity."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcli.countries import AmbiguousCountry, CountryIndex, OutsideCountry, UnknownCountry
from factcli.load import load


@pytest.fixture
def index(small: Path) -> CountryIndex:
    return CountryIndex(load(small).countries)


@pytest.mark.parametrize(
    "name", ["Japan", "japan", "JP", "jp", "JPN", "Nippon", "NIPPON", " japan "]
)
def test_every_name_of_japan(index: CountryIndex, name: str) -> None:
    found = index.resolve(name)
    assert not isinstance(found, OutsideCountry)
    assert found.name == "Japan"


@pytest.mark.parametrize(
    "name", ["UK", "GB", "gbr", "Britain", "united kingdom", "the United Kingdom"]
)
def test_every_name_of_the_united_kingdom(index: CountryIndex, name: str) -> None:
    assert index.resolve(name).name == "United Kingdom"


def test_a_misspelt_name_gets_a_suggestion(index: CountryIndex) -> None:
    with pytest.raises(UnknownCountry) as caught:
        index.resolve("Japn")
    assert str(caught.value) == "unknown country 'Japn'. Did you mean: Japan?"


def test_a_name_with_nothing_close(index: CountryIndex) -> None:
    with pytest.raises(UnknownCountry) as caught:
        index.resolve("Atlantis")
    assert str(caught.value) == "unknown country 'Atlantis'."


def test_a_shared_word_is_ambiguous(index: CountryIndex) -> None:
    with pytest.raises(AmbiguousCountry) as caught:
        index.resolve("Korea")
    assert str(caught.value) == "'Korea' is ambiguous: North Korea, South Korea"


def test_a_real_country_without_facts(index: CountryIndex) -> None:
    assert index.resolve("Peru") == OutsideCountry(name="Peru", iso2="PE", iso3="PER")
    assert index.resolve("per") == OutsideCountry(name="Peru", iso2="PE", iso3="PER")


def test_an_iso_name_of_a_known_country_finds_it(index: CountryIndex) -> None:
    found = index.resolve("Korea, Republic of")
    assert not isinstance(found, OutsideCountry)
    assert found.name == "South Korea"
