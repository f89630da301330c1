"""What records name: one mistake in a record is one problem, however many records name it,
and a name or id that no record has gets the close one as a hint, never a distant one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import SMALL, Cli, write_base

SHIPPED = Path(__file__).parents[1] / "facts"


def problems(cli: Cli, base: Path) -> tuple[int, list[str]]:
    result = cli("validate", facts=base)
    assert result.stderr == ""
    return result.exit_code, result.stdout.replace(f"{base}/", "").splitlines()


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('iso2 = "JP"', 'iso2 = "JX"', "'iso2': 'JX' is not an ISO 3166 alpha-2 code"),
        ('iso2 = "JP"', 'iso2 = "jp"',
         "'iso2': 'jp' is not an ISO 3166 alpha-2 code (did you mean 'JP'?)"),
        ('iso3 = "JPN"', 'iso3 = "CHN"',
         "iso2 'JP' and iso3 'CHN' are codes of two countries: JP is JPN, CHN is CN"),
    ],
    ids=["a code ISO lacks", "lower case", "codes of two countries"],
)  # fmt: skip
def test_a_country_with_a_bad_code_is_one_problem(
    cli: Cli, tmp_path: Path, old: str, new: str, problem: str
) -> None:
    # Japan is named by disputes, treaties and events of the shipped base: each used to
    # say "unknown country 'Japan'" as well.
    base = tmp_path / "facts"
    shutil.copytree(SHIPPED, base)
    countries = base / "countries.toml"
    lines = countries.read_text(encoding="utf-8").splitlines(keepends=True)
    line = lines.index(f"{old}\n") + 1
    lines[line - 1] = f"{new}\n"
    countries.write_text("".join(lines), encoding="utf-8")
    said = f"countries.toml:{line}: country 'Japan': {problem}"
    assert problems(cli, base) == (1, [said, "1 problem in 1 file"])


def small_with(tmp_path: Path, old: str, new: str) -> Path:
    """The small fact base with one change to its countries.toml."""
    assert SMALL["countries.toml"].count(old) == 1
    countries = SMALL["countries.toml"].replace(old, new)
    return write_base(tmp_path / "b", {**SMALL, "countries.toml": countries})


def test_a_code_in_lower_case_still_names_its_country(cli: Cli, tmp_path: Path) -> None:
    # A dispute names Japan as "JP": the code that 'jp' was meant as.
    base = small_with(tmp_path, 'iso2 = "JP"', 'iso2 = "jp"')
    assert problems(cli, base) == (1, [
        "countries.toml:8: country 'Japan': 'iso2': 'jp' is not an ISO 3166 alpha-2 code "
        "(did you mean 'JP'?)",
        "1 problem in 1 file",
    ])  # fmt: skip


def test_a_country_with_a_bad_field_is_still_named(cli: Cli, tmp_path: Path) -> None:
    # Estonia is named as "estonia" by a dispute and as "EST" by an event.
    base = small_with(tmp_path, 'sources = ["Territorial disputes"]', "sources = []")
    assert problems(cli, base) == (1, [
        "countries.toml:26: country 'Estonia': 'sources': must name at least one source",
        "1 problem in 1 file",
    ])  # fmt: skip


def test_a_country_given_twice_is_one_problem_not_an_ambiguity(cli: Cli, tmp_path: Path) -> None:
    again = '[[country]]\nname = "Japan"\nsources = ["s"]\n'
    base = write_base(tmp_path / "b", {**SMALL, "zz.toml": again})
    assert problems(cli, base) == (1, [
        "zz.toml:2: country 'Japan': name 'Japan' already names country 'Japan'",
        "1 problem in 1 file",
    ])  # fmt: skip


def test_an_org_with_a_bad_date_is_still_named(cli: Cli, small: Path) -> None:
    orgs = SMALL["orgs.toml"].replace('since = "1996-02-28"', 'since = "1996-02-30"')
    base = write_base(small.parent / "b", {**SMALL, "orgs.toml": orgs})  # an event names coe
    assert problems(cli, base) == (1, [
        "orgs.toml:23: org 'coe': 'since': invalid date '1996-02-30' "
        "(expected YYYY, YYYY-MM or YYYY-MM-DD)",
        "1 problem in 1 file",
    ])  # fmt: skip


NAMED = """\
[[org]]
id = "apec"
name = "Asia-Pacific Economic Cooperation"
role = "member"
category = "economic"
sources = ["s"]

[[org]]
id = "opec"
name = "Organization of the Petroleum Exporting Countries"
role = "observer"
category = "economic"
sources = ["s"]

[[org]]
id = "who"
name = "World Health Organization"
role = "member"
category = "un"
sources = ["s"]

[[treaty]]
id = "cfe"
name = "Treaty on Conventional Armed Forces in Europe"
status = "suspended"
summary = "s"
sources = ["s"]

[[event]]
id = "e"
date = "2001"
title = "t"
countries = ["Japan", "Japn", "Nipon", "Narnia"]
orgs = ["apec", "opek", "apek", "wto", "unesko"]
treaties = ["cfee", "inf"]
sources = ["s"]
"""


def test_an_unknown_name_or_id_gets_the_close_one(cli: Cli, small: Path) -> None:
    base = write_base(small.parent / "b", {**SMALL, "zz.toml": NAMED})
    # apec is known: no word about it. wto is one letter from who, but another org: a
    # hint only for one slip in a name (difflib's ratio of 0.75 or more).
    assert problems(cli, base) == (1, [
        "zz.toml:33: event 'e': unknown country 'Japn' (did you mean 'Japan'?)",
        "zz.toml:33: event 'e': unknown country 'Nipon' (did you mean 'Japan'?)",
        "zz.toml:33: event 'e': unknown country 'Narnia': add a [[country]] for it",
        "zz.toml:34: event 'e': unknown org 'opek' (did you mean 'opec'?)",
        "zz.toml:34: event 'e': unknown org 'apek' (did you mean 'apec'?)",
        "zz.toml:34: event 'e': unknown org 'wto'",
        "zz.toml:34: event 'e': unknown org 'unesko'",
        "zz.toml:35: event 'e': unknown treaty 'cfee' (did you mean 'cfe'?)",
        "zz.toml:35: event 'e': unknown treaty 'inf'",
        "9 problems in 1 file",
    ])  # fmt: skip


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('aliases = ["Nippon"]', 'aliases = ["Nippon", "Korea"]',
         "countries.toml:10: country 'Japan': alias 'Korea' names several countries: North "
         "Korea, South Korea"),
        ('aliases = ["Nippon"]', 'aliases = ["Nippon", "cn"]',
         "countries.toml:10: country 'Japan': alias 'cn' is another country's ISO 3166 code"),
        ('aliases = ["Nippon"]', 'aliases = ["Nippon", "Holland"]',
         "countries.toml:10: country 'Japan': alias 'Holland' is another country's name: "
         "Netherlands (NL)"),
        ('name = "South Korea"', 'name = "Korea"',
         "countries.toml:35: country 'Korea': name 'Korea' names several countries: North "
         "Korea, South Korea"),
        # The code is written wrong: that is the one problem, not the alias of its country.
        ('iso2 = "JP"', 'iso2 = "jp"\naliases = ["JP", "Nippon"]',
         "countries.toml:8: country 'Japan': 'iso2': 'jp' is not an ISO 3166 alpha-2 code "
         "(did you mean 'JP'?)"),
    ],
    ids=["shared", "a code", "a name people use", "a shared name", "its own code"],
)  # fmt: skip
def test_a_country_is_never_given_another_countrys_name(
    cli: Cli, tmp_path: Path, old: str, new: str, problem: str
) -> None:
    # The fact base's names are looked up first: `--country Korea` or `--country CN` would
    # have been Japan, whichever country was meant.
    if "\n" in new:  # a second `aliases` line would be TOML's problem, not this one
        base = small_with(tmp_path, 'aliases = ["Nippon"]\n', "")
        countries = (base / "countries.toml").read_text(encoding="utf-8")
        (base / "countries.toml").write_text(countries.replace(old, new), encoding="utf-8")
    else:
        base = small_with(tmp_path, old, new)
    assert problems(cli, base) == (1, [problem, "1 problem in 1 file"])


def test_an_alias_of_another_real_country_stays_that_countrys(cli: Cli, tmp_path: Path) -> None:
    # "Burma" given to Japan too is Japan's mistake alone: Myanmar keeps its alias.
    myanmar = '[[country]]\nname = "Myanmar"\niso2 = "MM"\niso3 = "MMR"\naliases = ["Burma"]\n'
    base = small_with(tmp_path, 'aliases = ["Nippon"]', 'aliases = ["Nippon", "Burma"]')
    (base / "zz.toml").write_text(myanmar + 'sources = ["s"]\n', encoding="utf-8")
    assert problems(cli, base) == (1, [
        "countries.toml:10: country 'Japan': alias 'Burma' is another country's name: Myanmar "
        "(MM)",
        "1 problem in 1 file",
    ])  # fmt: skip


def test_a_reference_to_no_country_to_add_says_what_it_is(cli: Cli, tmp_path: Path) -> None:
    # "add a [[country]] for it" was the advice for each: a second Japan, a "Korea".
    event = '[[event]]\nid = "e"\ndate = "2001"\ntitle = "t"\nsources = ["s"]\ncountries = '
    named = '["Korea", "USSR", "Democratic People\'s Republic of Korea", "Peru"]\n'
    base = write_base(tmp_path / "b", {**SMALL, "zz.toml": event + named})
    assert problems(cli, base) == (1, [
        "zz.toml:6: event 'e': country 'Korea' is ambiguous: North Korea, South Korea",
        "zz.toml:6: event 'e': country 'USSR' is a former state (the Soviet Union, dissolved "
        "1991); its continuator is Russia",
        "zz.toml:6: event 'e': unknown country 'Democratic People's Republic of Korea' "
        "(did you mean 'North Korea'?)",
        "zz.toml:6: event 'e': unknown country 'Peru': add a [[country]] for it",
        "4 problems in 1 file",
    ])  # fmt: skip
