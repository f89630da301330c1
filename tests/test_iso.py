"""A country's iso2 and iso3: ISO 3166-1 codes as ISO writes them, both of one country."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcli import iso
from tests.conftest import Cli, write_base


def test_the_codes_are_isos() -> None:
    import pycountry

    pairs = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    # When ISO 3166-1 changes, pycountry does: write the pairs out again from it.
    assert {**pairs, "XK": "XKX"} == iso.ALPHA3
    assert {a3: a2 for a2, a3 in iso.ALPHA3.items()} == iso.ALPHA2


@pytest.mark.parametrize(
    ("code", "length", "meant"),
    [("jp", 2, "JP"), ("Jp", 2, "JP"), ("JPN", 2, "JP"), ("jpn", 3, "JPN"), ("JP", 3, "JPN"),
     ("JX", 2, None), ("J1", 2, None), ("XKX", 2, "XK"), ("", 2, None)],
)  # fmt: skip
def test_the_code_a_wrong_one_was_meant_as(code: str, length: int, meant: str | None) -> None:
    assert not iso.known(code, length)
    assert iso.meant(code, length) == meant


def country(iso2: str | None, iso3: str | None, name: str = "Japan") -> str:
    codes = "".join(f'{k} = "{v}"\n' for k, v in (("iso2", iso2), ("iso3", iso3)) if v)
    return f'[[country]]\nname = "{name}"\n{codes}sources = ["s"]\n'


@pytest.mark.parametrize(
    ("iso2", "iso3", "problems"),
    [
        ("jp", "JPN", ["c.toml:3: country 'Japan': 'iso2': 'jp' is not an ISO 3166 alpha-2 code "
                       "(did you mean 'JP'?)"]),
        ("JP", "jpn", ["c.toml:4: country 'Japan': 'iso3': 'jpn' is not an ISO 3166 alpha-3 code "
                       "(did you mean 'JPN'?)"]),
        ("JX", None, ["c.toml:3: country 'Japan': 'iso2': 'JX' is not an ISO 3166 alpha-2 code"]),
        (None, "JP", ["c.toml:3: country 'Japan': 'iso3': 'JP' is not an ISO 3166 alpha-3 code "
                      "(did you mean 'JPN'?)"]),
        ("JPN", "JPN", ["c.toml:3: country 'Japan': 'iso2': 'JPN' is not an ISO 3166 alpha-2 "
                        "code (did you mean 'JP'?)"]),
        ("JP", "CHN", ["c.toml:4: country 'Japan': iso2 'JP' and iso3 'CHN' are codes of two "
                       "countries: JP is JPN, CHN is CN"]),
        ("XK", "SRB", ["c.toml:4: country 'Japan': iso2 'XK' and iso3 'SRB' are codes of two "
                       "countries: XK is XKX, SRB is RS"]),
    ],
)  # fmt: skip
def test_validate_says_what_is_wrong_with_a_code(
    cli: Cli, tmp_path: Path, iso2: str | None, iso3: str | None, problems: list[str]
) -> None:
    base = write_base(tmp_path / "b", {"c.toml": country(iso2, iso3)})
    result = cli("validate", facts=base)
    lines = result.stdout.replace(f"{base}/", "").splitlines()
    assert (result.exit_code, lines) == (1, [*problems, "1 problem in 1 file"])


@pytest.mark.parametrize(
    ("iso2", "iso3"), [("JP", "JPN"), ("XK", "XKX"), ("CI", None), (None, "CIV"), (None, None)]
)
def test_isos_codes_are_accepted(cli: Cli, tmp_path: Path, iso2: str, iso3: str) -> None:
    base = write_base(tmp_path / "b", {"c.toml": country(iso2, iso3, "Somewhere")})
    result = cli("validate", facts=base)
    assert (result.exit_code, result.stdout.splitlines()[-1][:3]) == (0, "OK:")


def test_the_schema_asks_for_capitals(cli: Cli) -> None:
    import json

    schema = json.loads(cli("schema").stdout)
    country = schema["properties"]["country"]["items"]["properties"]
    assert (country["iso2"]["pattern"], country["iso3"]["pattern"]) == ("^[A-Z]{2}$", "^[A-Z]{3}$")
