"""`orgs --as-of` on the shipped fact base answers what the public record says held then.

The lists below are written by hand from the public record (founding acts, accession dates,
Security Council resolutions), not computed from facts/: they are the check on the data. A
moment is a period, and a tie is in force during it when their periods overlap (SPEC §1 Time):
a tie begun in December 1995 is in force during 1995, one ended in June 2003 during 2003.

LAIA is on none of the lists: the date Russia became an observer is not recorded, so its tie
is never placed in the past.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcli import query
from factcli.load import load
from factcli.model import Dispute, FactBase, Org, PartialDate, Role

from .conftest import Cli

FACTS = Path(__file__).parents[1] / "facts"

# Ties the Soviet Union held, which the Russian Federation continues from 24 December 1991:
# the UN, its organs, agencies and bodies, UN missions begun before then, and other bodies.
SOVIET = {
    "un", "unga", "unsc", "unctad", "unesco", "unhcr", "unido", "unece", "escap", "unitar",
    "iaea", "icao", "ilo", "imo", "itu", "upu", "who", "wipo", "wmo", "unwto",
    "iho", "imso", "interpol", "iso", "nsg", "zangger-committee", "osce", "pca", "red-cross",
    "wftu", "ebrd", "untso", "minurso", "unikom",
}  # fmt: skip

IN_1992 = SOVIET | {
    "cis",  # founded 8 December 1991
    "nacc",  # 20 December 1991 until replaced by the EAPC on 30 May 1997
    "nato",  # a partner from the NACC's first meeting, 20 December 1991
    "cern",  # observer status granted in 1991
    "cbss",  # founded at Copenhagen, March 1992
    "bsec",  # Istanbul declaration, 25 June 1992
    "imf",  # 1 June 1992
    "ibrd",  # 16 June 1992
    "ida",  # 16 June 1992
    "iom",  # observer from 27 May 1992
    "ioc",  # Russian Olympic Committee recognized in September 1992
    "oas",  # permanent observer from 1992
    "wco",  # as the USSR's successor, from 1992
}

IN_1995 = SOVIET | {
    "cis", "nacc", "nato", "cern", "cbss", "bsec", "imf", "ibrd", "ida", "iom", "ioc", "oas",
    "wco",
    "ifc",  # 1993
    "unomig",  # resolution 858, 24 August 1993
    "contact-group",  # April 1994
    "pfp",  # 22 June 1994
    "eu",  # partnership and cooperation agreement, 24 June 1994
    "unmibh",  # resolution 1035, 21 December 1995
}  # fmt: skip

IN_2000 = SOVIET | {
    "cis", "nato", "cern", "cbss", "bsec", "imf", "ibrd", "ida", "iom", "ioc", "oas", "wco",
    "ifc", "unomig", "contact-group", "pfp", "eu", "unmibh",
    "coe",  # 28 February 1996
    "unmop",  # resolution 1038, 15 January 1996
    "bis",  # 1996
    "sfor",  # 20 December 1996 to 14 June 2003
    "g8",  # Denver, June 1997
    "eapc",  # 30 May 1997
    "opcw",  # 5 December 1997
    "apec",  # November 1998
    "unamsil",  # resolution 1270, 22 October 1999
    "untaet",  # resolution 1272, 25 October 1999
    "monuc",  # resolution 1279, 30 November 1999
    "union-state",  # 8 December 1999
    "g20",  # Berlin, 15-16 December 1999
    "unmee",  # resolution 1312, 31 July 2000
}  # fmt: skip

# UNIKOM ended on 6 October 2003.
IN_2008 = (SOVIET - {"unikom"}) | {
    "cis", "nato", "cern", "cbss", "bsec", "imf", "ibrd", "ida", "iom", "ioc", "oas", "wco",
    "ifc", "unomig", "contact-group", "pfp", "eu", "coe", "bis", "g8", "eapc", "opcw", "apec",
    "monuc", "union-state", "g20",
    "unmee",  # terminated on 31 July 2008
    "sco",  # 15 June 2001
    "nrc",  # 28 May 2002
    "csto",  # 7 October 2002
    "unoci",  # from 4 April 2004
    "oic",  # observer from 30 June 2005
    "fao",  # April 2006
}  # fmt: skip

IN_2015 = (SOVIET - {"unikom"}) | {
    "cis", "nato", "cern", "cbss", "bsec", "imf", "ibrd", "ida", "iom", "ioc", "oas", "wco",
    "ifc", "contact-group", "pfp", "eu", "coe", "bis", "eapc", "opcw", "apec", "union-state",
    "g20", "sco", "nrc", "csto", "unoci", "oic", "fao",
    "wto",  # 22 August 2012
}  # fmt: skip

IN_FORCE = {"1992": IN_1992, "1995": IN_1995, "2000": IN_2000, "2008": IN_2008, "2015": IN_2015}

# What each list leaves out on purpose, so that a mistake in either direction shows.
NOT_IN_FORCE = {
    "1995": {"sco", "g20", "opcw", "unamsil", "unmee", "untaet", "monuc", "unoci", "g8", "wto"},
    "2000": {"nacc", "sco", "unoci", "wto", "fao", "oic", "nrc"},
    "2008": {"unikom", "sfor", "unmop", "unmibh", "untaet", "unamsil", "wto", "nam"},
    "2015": {"g8", "unomig", "unmee", "monuc", "nam", "opec"},
}


@pytest.fixture(scope="module")
def base() -> FactBase:
    return load(FACTS)


@pytest.fixture(scope="module")
def orgs(base: FactBase) -> dict[str, Org]:
    return {o.id: o for o in base.orgs}


def in_force(base: FactBase, when: str) -> set[str]:
    return {o.id for o in query.orgs(base, as_of=PartialDate.parse(when))}


def cli_in_force(cli: Cli, when: str) -> set[str]:
    result = cli("orgs", "--as-of", when, "--json", facts=FACTS)
    assert result.exit_code == 0, result.output
    return {o["id"] for o in json.loads(result.stdout)}


def test_the_lists_name_real_orgs(orgs: dict[str, Org]) -> None:
    for when, ids in IN_FORCE.items():
        assert ids <= set(orgs), (when, sorted(ids - set(orgs)))
    for when, ids in NOT_IN_FORCE.items():
        assert not ids & IN_FORCE[when], when


@pytest.mark.parametrize("when", sorted(IN_FORCE))
def test_orgs_in_force_through_the_query_layer(base: FactBase, when: str) -> None:
    found = in_force(base, when)
    assert found == IN_FORCE[when], (
        f"listed but not in force: {sorted(found - IN_FORCE[when])}; "
        f"in force but not listed: {sorted(IN_FORCE[when] - found)}"
    )


@pytest.mark.parametrize("when", sorted(IN_FORCE))
def test_orgs_in_force_on_the_command_line(cli: Cli, when: str) -> None:
    assert cli_in_force(cli, when) == IN_FORCE[when]


@pytest.mark.parametrize("when", sorted(NOT_IN_FORCE))
def test_ties_not_yet_begun_or_already_ended_are_left_out(base: FactBase, when: str) -> None:
    assert not in_force(base, when) & NOT_IN_FORCE[when]


def test_nothing_is_in_force_in_1900(base: FactBase, cli: Cli) -> None:
    # The Russian Federation held no tie then; unknown starts are not read as "always".
    assert in_force(base, "1900") == set()
    assert cli_in_force(cli, "1900") == set()


def test_the_1995_answer_of_the_issue(base: FactBase) -> None:
    # The issue: SCO (2001), G20 (1999), OPCW (1997) and five missions of 1999-2004 were
    # listed as in force in 1995.
    then = in_force(base, "1995")
    for org_id in ("sco", "g20", "opcw", "unamsil", "untaet", "monuc", "unmee", "unoci"):
        assert org_id not in then, org_id


def test_every_org_gives_its_founding(orgs: dict[str, Org]) -> None:
    # LAIA gives none: its first term has no known start, which would be read as the founding.
    assert [o.id for o in orgs.values() if o.founded is None] == ["laia"]


def test_every_first_term_gives_its_start(orgs: dict[str, Org]) -> None:
    assert [o.id for o in orgs.values() if o.terms[0].since is None] == ["laia"]


def test_no_tie_before_its_org_was_founded(orgs: dict[str, Org]) -> None:
    for org in orgs.values():
        if org.founded is None:
            continue
        for term in org.terms:
            assert term.since is not None, org.id
            assert term.since.start >= org.founded.start, (org.id, str(term.since))


def test_no_tie_in_force_the_year_before_its_org_was_founded(
    base: FactBase, orgs: dict[str, Org]
) -> None:
    for org in orgs.values():
        if org.founded is not None:
            before = PartialDate(org.founded.start.year - 1)
            assert org.id not in {o.id for o in query.orgs(base, as_of=before)}, org.id


def test_no_tie_outlasts_its_org(base: FactBase, orgs: dict[str, Org]) -> None:
    dissolved = [o for o in orgs.values() if o.dissolved is not None]
    assert {o.id for o in dissolved} == {
        "nacc", "sfor", "unamsil", "unikom", "unmibh", "unoci", "unmee", "unmop", "unomig",
        "untaet", "monuc",
    }  # fmt: skip
    for org in dissolved:
        last = org.terms[-1]
        assert last.until is not None, org.id
        assert last.end is not None, org.id
        assert org.dissolved is not None
        assert last.until.end <= org.dissolved.end, org.id
        after = PartialDate(org.dissolved.start.year + 1)
        assert org.id not in {o.id for o in query.orgs(base, as_of=after)}, org.id


# Suspensions that came before an exit: (id, suspended on, ended on, how).
SUSPENDED_THEN_OUT = [
    ("cbss", "2022-03-03", "2022-05-17", "left"),
    ("coe", "2022-02-25", "2022-03-16", "expelled"),
    ("unwto", "2022-04-27", "2022-06", "left"),
]


@pytest.mark.parametrize(("org_id", "suspended", "until", "end"), SUSPENDED_THEN_OUT)
def test_a_suspension_before_an_exit_is_a_term_of_its_own(
    base: FactBase, orgs: dict[str, Org], org_id: str, suspended: str, until: str, end: str
) -> None:
    *before, last = orgs[org_id].terms
    assert before, org_id
    assert (before[-1].role, last.role) == (Role.MEMBER, Role.SUSPENDED)
    assert (str(last.since), str(last.until), str(last.end)) == (suspended, until, end)
    assert (last.note or "").startswith("Suspended"), org_id
    # During the suspension the tie is shown as the suspended term.
    shown = {o.id: o for o in query.orgs(base, as_of=PartialDate.parse(suspended))}
    assert shown[org_id].since == last.since


def test_every_suspended_term_follows_a_term_of_the_tie(orgs: dict[str, Org]) -> None:
    suspensions = []
    for org in orgs.values():
        for i, term in enumerate(org.terms):
            if term.role is Role.SUSPENDED:
                assert i > 0, org.id
                assert org.terms[i - 1].role is not Role.SUSPENDED, org.id
                assert (term.note or "").startswith("Suspended"), org.id
                suspensions.append(org.id)
    assert set(suspensions) == {"cbss", "coe", "unwto", "ioc", "nato", "pfp", "nrc", "eapc"}


def test_ended_ties_say_how(orgs: dict[str, Org]) -> None:
    for org in orgs.values():
        for term in org.terms[:-1]:
            assert term.end is None, org.id
        last = org.terms[-1]
        assert (last.end is None) == (last.until is None), org.id


def test_unomig_lapsed_after_a_veto(orgs: dict[str, Org]) -> None:
    unomig = orgs["unomig"]
    assert str(unomig.end) == "dissolved"
    assert str(unomig.until) == str(unomig.dissolved) == "2009-06-15"
    assert "veto" in (unomig.terms[-1].note or "")
    assert "veto" in (unomig.notes or "")


def test_every_dispute_starts_where_the_russian_federation_met_it(base: FactBase) -> None:
    """No dispute is left out of an answer about 1992-2000 for want of a start."""
    for year in ("1992", "1995", "2000"):
        unknown: list[Dispute] = []
        query.disputes(base, as_of=PartialDate.parse(year), unknown=unknown)
        assert unknown == [], year
    starts = {d.id: str(d.terms[0].since) for d in base.disputes}
    assert (starts["antarctica"], starts["caspian-sea"], starts["estonia-border"]) == (
        "1991-12-24", "1991-12-26", "1991",
    )  # fmt: skip
