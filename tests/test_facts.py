"""The shipped fact base answers what a reader of "Foreign relations of Russia" would check.

These tests read facts/ as shipped: the loader must accept it, and the records must say what
the article says, corrected where the article is wrong or out of date (the article's claim kept
in the notes or summary, the correction citing a "Public record: ..." source).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcli.load import load
from factcli.model import (
    Country,
    Dispute,
    End,
    Event,
    FactBase,
    Org,
    PartialDate,
    Record,
    Role,
    Status,
    fold,
)

from .conftest import Cli

FACTS = Path(__file__).parents[1] / "facts"

SECTIONS = {
    "NATO and the European Union",
    "Former Soviet Republics",
    "Mediation in international conflicts",
    "Territorial disputes",
    "International membership",
    "Vladimir Putin's policies",
    "Current issues",
}
PUBLIC_RECORD = "Public record: "


@pytest.fixture(scope="module")
def base() -> FactBase:
    return load(FACTS)


@pytest.fixture(scope="module")
def orgs(base: FactBase) -> dict[str, Org]:
    return {o.id: o for o in base.orgs}


@pytest.fixture(scope="module")
def events(base: FactBase) -> dict[str, Event]:
    return {e.id: e for e in base.events}


@pytest.fixture(scope="module")
def disputes(base: FactBase) -> dict[str, Dispute]:
    return {d.id: d for d in base.disputes}


@pytest.fixture(scope="module")
def countries(base: FactBase) -> dict[str, Country]:
    return {c.name: c for c in base.countries}


def d(text: str) -> PartialDate:
    return PartialDate.parse(text)


def has_public_record(record: Record) -> bool:
    return any(s.startswith(PUBLIC_RECORD) for s in record.sources)


# --- the fact base as a whole ---------------------------------------------------------------


def test_validate_accepts_the_shipped_fact_base(cli: Cli) -> None:
    result = cli("validate", facts=FACTS)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("OK")


def test_meta_names_russia_and_the_article(base: FactBase) -> None:
    assert base.meta is not None
    assert base.meta.subject == "Russia"
    assert base.meta.title == "Foreign relations of Russia"
    assert base.meta.as_of == d("2014")


ARTICLE = "https://en.wikipedia.org/wiki/Foreign_relations_of_Russia"
BY_SA = "https://creativecommons.org/licenses/by-sa/4.0/"


def test_meta_credits_the_article_as_its_licence_asks(base: FactBase) -> None:
    """CC BY-SA 4.0: the title, the authors, the licence and its link, the source, the changes."""
    assert base.meta is not None
    assert (base.meta.source, base.meta.license) == (ARTICLE, "CC BY-SA 4.0")
    line = base.meta.attribution or ""
    for part in ('"Foreign relations of Russia"', "Wikipedia contributors", ARTICLE,
                 "CC BY-SA 4.0", BY_SA, "changed"):  # fmt: skip
        assert part in line
    assert "\n" not in line


def test_the_data_licence_says_the_same() -> None:
    text = (FACTS / "LICENSE").read_text(encoding="utf-8")
    for part in ('"Foreign relations of Russia" by', "Wikipedia contributors", ARTICLE,
                 "CC BY-SA 4.0", BY_SA, "adaptation"):  # fmt: skip
        assert part in " ".join(text.split())


def test_minimum_counts(base: FactBase) -> None:
    assert len(base.orgs) >= 75
    assert len(base.disputes) == 7
    assert len(base.events) > 60
    assert len(base.countries) >= 45


def test_every_record_cites_an_article_section(base: FactBase) -> None:
    records: list[Record] = [*base.orgs, *base.disputes, *base.events, *base.countries]
    for record in records:
        assert record.sources, record
        for source in record.sources:
            assert source in SECTIONS or source.startswith(PUBLIC_RECORD), (record, source)
            assert source.strip() == source
            assert source != PUBLIC_RECORD.strip()
        # A public record corrects or completes what the article says; it never stands alone.
        assert any(s in SECTIONS for s in record.sources), record


def test_every_section_of_the_article_is_cited(base: FactBase) -> None:
    records: list[Record] = [*base.orgs, *base.disputes, *base.events, *base.countries]
    cited = {s for r in records for s in r.sources}
    assert cited >= SECTIONS


def test_event_and_dispute_references_are_canonical(base: FactBase) -> None:
    names = {c.name for c in base.countries}
    org_ids = {o.id for o in base.orgs}
    for e in base.events:
        assert set(e.countries) <= names, e.id
        assert set(e.orgs) <= org_ids, e.id
        assert len(set(e.countries)) == len(e.countries), e.id
        assert e.title, e.id
        assert e.tags, e.id
    for dispute in base.disputes:
        assert dispute.countries, dispute.id
        assert set(dispute.countries) <= names, dispute.id
        assert dispute.territories, dispute.id


def test_ids_and_names_are_unique(base: FactBase) -> None:
    for kind in (base.orgs, base.disputes, base.events):
        ids = [r.id for r in kind]
        assert len(ids) == len(set(ids))
    names = [fold(o.name) for o in base.orgs]
    assert len(names) == len(set(names)), "an organization the article names twice is one record"
    abbrs = [o.abbr for o in base.orgs if o.abbr]
    assert len(abbrs) == len(set(abbrs))


def test_no_event_outside_the_story(base: FactBase) -> None:
    for e in base.events:
        assert d("1943").start <= e.date.start, e.id
        assert e.date.end <= d("2014").end, e.id


# --- organizations --------------------------------------------------------------------------

ARTICLE_ORGS = {
    # NATO and the European Union
    "cis", "union-state", "osce", "nacc", "pfp", "nato", "nrc", "eu",
    # Mediation in international conflicts
    "contact-group", "g8", "apec", "sfor", "un",
    # International membership: UN system
    "unga", "unsc", "fao", "unctad", "unesco", "unhcr", "unido", "unece",
    # International membership: the listed UN missions
    "unamsil", "unikom", "unitar", "unmibh", "unoci", "unmee", "unmop", "unomig", "untaet",
    "untso", "minurso", "monuc",
    # International membership: the other memberships
    "bis", "bsec", "cbss", "coe", "cern", "csto", "eapc", "ebrd", "escap", "g20", "iaea", "ibrd",
    "icao", "red-cross", "ida", "ifc", "iho", "ilo", "imf", "imo", "imso", "interpol", "ioc",
    "iom", "iso", "itu", "laia", "nam", "nsg", "oas", "oic", "opcw", "opec", "pca", "sco",
    "unwto", "upu", "wco", "wftu", "who", "wipo", "wmo", "wto", "zangger-committee",
}  # fmt: skip

UN_MISSIONS = {
    "unamsil", "unikom", "unmibh", "unoci", "unmee", "unmop", "unomig", "untaet", "untso",
    "minurso", "monuc",
}  # fmt: skip


def test_every_organization_the_article_names_is_there(orgs: dict[str, Org]) -> None:
    assert set(orgs) >= ARTICLE_ORGS


def test_orgs_by_name(orgs: dict[str, Org]) -> None:
    by_name = {fold(o.name): o.id for o in orgs.values()}
    for name, org_id in [
        ("Shanghai Cooperation Organisation", "sco"),
        ("Collective Security Treaty Organization", "csto"),
        ("Organization for Security and Co-operation in Europe", "osce"),
        ("International Red Cross and Red Crescent Movement", "red-cross"),
        ("United Nations Operation in Côte d'Ivoire", "unoci"),
        ("Zangger Committee", "zangger-committee"),
    ]:
        assert by_name[fold(name)] == org_id


def test_security_council_seat_is_permanent_with_a_veto(orgs: dict[str, Org]) -> None:
    unsc = orgs["unsc"]
    assert unsc.role is Role.MEMBER
    notes = fold(unsc.notes or "")
    assert "permanent" in notes
    assert "veto" in notes
    assert "soviet" in fold(orgs["un"].notes or "")


def test_un_missions(orgs: dict[str, Org]) -> None:
    for org_id in UN_MISSIONS:
        assert orgs[org_id].category == "un-mission", org_id
        assert orgs[org_id].role is Role.PARTICIPANT, org_id
    # The article lists UNITAR among the missions, but it is a training institute.
    assert orgs["unitar"].category != "un-mission"
    assert "not a mission" in fold(orgs["unitar"].notes or "")
    # Ended missions say when; the two still running do not.
    assert orgs["unomig"].until == d("2009-06-15")
    assert orgs["unikom"].until == d("2003-10-06")
    assert orgs["untso"].until is None
    assert orgs["minurso"].until is None
    assert {o.id for o in orgs.values() if o.category == "un-mission"} == UN_MISSIONS


def test_observers_the_article_names(orgs: dict[str, Org]) -> None:
    for org_id in ("laia", "nam", "oic"):
        assert orgs[org_id].role is Role.OBSERVER, org_id
    # Observer status the article gives, since suspended or upgraded: the field is corrected,
    # the article's word is kept, and the public record is named.
    for org_id, role, date in [
        ("cern", Role.OBSERVER, "2022-03-08"),
        ("oas", Role.OBSERVER, "2022-04-21"),
        ("iom", Role.MEMBER, "2021-04-19"),
    ]:
        org = orgs[org_id]
        assert org.role is role, org_id
        if org_id == "iom":
            assert [t.role for t in org.terms] == [Role.OBSERVER, Role.MEMBER]
            assert org.since == d(date)
        else:
            assert (org.until, org.end) == (d(date), End.SUSPENDED), org_id
        assert "observer" in fold(org.notes or ""), org_id
        assert has_public_record(org), org_id
    observers = {o.id for o in orgs.values() if o.role is Role.OBSERVER and o.until is None}
    assert observers == {"laia", "nam", "oic"}


def test_opec_is_not_a_membership(orgs: dict[str, Org]) -> None:
    opec = orgs["opec"]
    assert opec.role is not Role.MEMBER
    assert opec.role is Role.PARTNER
    assert opec.since == d("2016-12-10")
    notes = fold(opec.notes or "")
    assert "not an opec member" in notes
    assert "declaration of cooperation" in notes
    assert has_public_record(opec)


def test_council_of_europe_membership_ended(orgs: dict[str, Org]) -> None:
    coe = orgs["coe"]
    assert (coe.role, coe.end) == (Role.SUSPENDED, End.EXPELLED)
    # Joined on 28 February 1996; suspended on 25 February 2022, then expelled.
    assert [t.since for t in coe.terms] == [d("1996-02-28"), d("2022-02-25")]
    assert (coe.terms[-1].note or "").startswith("Suspended")
    assert coe.until == d("2022-03-16")
    assert has_public_record(coe)


def test_g8_membership_from_denver_until_suspended(orgs: dict[str, Org]) -> None:
    g8 = orgs["g8"]
    assert (g8.role, g8.end) == (Role.MEMBER, End.SUSPENDED)
    assert g8.since == d("1997-06")
    assert g8.until == d("2014-03-24")
    assert "denver" in fold(g8.notes or "")
    assert "suspended" in fold(g8.notes or "")
    assert has_public_record(g8)


def test_wto_accession(orgs: dict[str, Org]) -> None:
    assert orgs["wto"].role is Role.MEMBER
    assert orgs["wto"].since == d("2012-08-22")


def test_nato_bodies(orgs: dict[str, Org]) -> None:
    # Not a member: a partner, whose mission Russia suspended from 1 November 2021.
    assert [t.role for t in orgs["nato"].terms] == [Role.PARTNER, Role.PARTNER, Role.SUSPENDED]
    assert orgs["pfp"].terms[0].since == d("1994-06-22")
    # the Rome Declaration, as event nato-russia-council
    assert orgs["nrc"].terms[0].since == d("2002-05-28")
    # The NACC was replaced by the EAPC at Sintra on 30 May 1997.
    assert orgs["nacc"].end is End.REPLACED
    assert orgs["nacc"].until == d("1997-05-30")
    assert orgs["eapc"].terms[0].since == d("1997-05-30")
    # NATO's suspension of practical cooperation (1 April 2014) and the closing of Russia's
    # mission to NATO (1 November 2021) are terms of every NATO partnership.
    for org_id in ("nato", "pfp", "nrc", "eapc"):
        later = [(t.since, (t.note or "")[:9]) for t in orgs[org_id].terms[1:]]
        assert later == [(d("2014-04-01"), "Suspended"), (d("2021-11-01"), "Suspended")]
    nrc = fold(orgs["nrc"].notes or "")
    assert "27 may 1997" in nrc
    assert "paris" in nrc


def test_dated_memberships(orgs: dict[str, Org]) -> None:
    assert orgs["cis"].since == d("1991-12-08")
    assert orgs["eu"].since == d("1994-06-24")
    assert orgs["apec"].since == d("1998-11")
    assert "georgia" in fold(orgs["cis"].notes or "")


def test_every_former_role_says_when(orgs: dict[str, Org]) -> None:
    for org in orgs.values():
        if org.role is Role.FORMER:
            assert org.until is not None, org.id
            assert org.notes, org.id


def test_orgs_role_observer_on_the_command_line(cli: Cli) -> None:
    result = cli("orgs", "--role", "observer", "--current", "--json", facts=FACTS)
    assert result.exit_code == 0
    assert {o["id"] for o in json.loads(result.stdout)} == {"laia", "nam", "oic"}


# --- territorial disputes -------------------------------------------------------------------


def test_the_seven_disputes(disputes: dict[str, Dispute]) -> None:
    assert set(disputes) == {
        "kuril-islands",
        "china-border",
        "caspian-sea",
        "estonia-border",
        "antarctica",
        "abkhazia-south-ossetia",
        "crimea",
    }


def test_kuril_islands(disputes: dict[str, Dispute]) -> None:
    kuril = disputes["kuril-islands"]
    assert kuril.countries == ("Japan",)
    assert kuril.status is Status.UNRESOLVED
    assert kuril.since == d("1945")
    territories = fold(" ".join(kuril.territories))
    for island in ("iturup", "kunashir", "shikotan", "habomai"):
        assert island in territories
    summary = fold(kuril.summary)
    for spelling in ("khabomai", "etorofu", "northern territories", "yalta"):
        assert spelling in summary
    # The article's account of the Russo-Japanese War is kept, and corrected.
    assert "russo-japanese war" in fold(kuril.notes or "")
    assert has_public_record(kuril)


def test_china_border_settlement(disputes: dict[str, Dispute]) -> None:
    china = disputes["china-border"]
    assert china.countries == ("China",)
    assert china.status is Status.RESOLVED
    assert china.resolved_on == d("2008-07-21")
    assert {"Tarabarov Island", "Bolshoy Ussuriysky Island"} <= set(china.territories)
    summary = fold(china.summary)
    for fact in ("174 km", "beijing", "lavrov", "40 years", "4,300 km"):
        assert fact in summary
    notes = fold(china.notes or "")
    for fact in ("li zhaoxing", "2 june 2005", "vladivostok", "16 july 2001"):
        assert fact in notes


def test_caspian_sea(disputes: dict[str, Dispute]) -> None:
    caspian = disputes["caspian-sea"]
    assert set(caspian.countries) == {"Azerbaijan", "Kazakhstan", "Turkmenistan", "Iran"}
    assert caspian.status is Status.PARTIALLY_RESOLVED
    assert "2003" in caspian.summary


def test_estonia_border(disputes: dict[str, Dispute]) -> None:
    estonia = disputes["estonia-border"]
    assert estonia.countries == ("Estonia",)
    assert estonia.status is Status.UNRESOLVED
    summary = fold(estonia.summary)
    for fact in ("december 1996", "1999", "18 may 2005", "paet", "lavrov", "riigikogu",
                 "ruutel", "tartu", "31 august 2005", "6 september 2005"):  # fmt: skip
        assert fact in summary
    assert any("Narva" in t for t in estonia.territories)


def test_antarctica(disputes: dict[str, Dispute]) -> None:
    antarctica = disputes["antarctica"]
    assert antarctica.territories == ("Antarctica",)
    assert "no territorial claim" in fold(antarctica.summary)
    # The article's "signed in 1960" is corrected: signed on 1 December 1959.
    assert "1960" in (antarctica.notes or "")
    assert "1 December 1959" in (antarctica.notes or "")


def test_georgia_abkhazia_south_ossetia(disputes: dict[str, Dispute]) -> None:
    georgia = disputes["abkhazia-south-ossetia"]
    assert "Georgia" in georgia.countries
    assert set(georgia.territories) == {"Abkhazia", "South Ossetia"}
    assert georgia.since == d("2008-08-26")
    assert georgia.status is Status.UNRESOLVED


def test_crimea_is_not_closed_by_the_1997_treaty(disputes: dict[str, Dispute]) -> None:
    crimea = disputes["crimea"]
    assert crimea.countries == ("Ukraine",)
    assert set(crimea.territories) == {"Crimea", "Sevastopol"}
    assert crimea.status is Status.UNRESOLVED
    assert "2014" in crimea.summary
    assert "68/262" in crimea.summary
    notes = crimea.notes or ""
    assert "31 May 1997" in notes
    assert "relinquished" in notes
    assert has_public_record(crimea)


def test_disputes_by_country_on_the_command_line(cli: Cli) -> None:
    result = cli("disputes", "--country", "JP", "--json", facts=FACTS)
    assert result.exit_code == 0
    assert [x["id"] for x in json.loads(result.stdout)] == ["kuril-islands"]
    result = cli("disputes", "khabomai", "--json", facts=FACTS)
    assert [x["id"] for x in json.loads(result.stdout)] == ["kuril-islands"]
    result = cli("disputes", "--status", "resolved", "--json", facts=FACTS)
    assert [x["id"] for x in json.loads(result.stdout)] == ["china-border"]


# --- events ---------------------------------------------------------------------------------

# (id, date, countries it must name, orgs it must name): every dated happening of the article.
ARTICLE_EVENTS = [
    # NATO and the European Union
    ("pfp-signed", "1994-06-22", [], ["pfp"]),
    ("nato-russia-founding-act", "1997-05-27", ["France"], ["nato"]),  # article: 20 May
    ("nato-russia-council", "2002-05-28", ["Italy", "Iceland"], ["nrc"]),
    ("eu-russia-pca", "1994-06-24", [], ["eu"]),
    # Former Soviet Republics
    ("cis-founded", "1991-12-08", ["Ukraine", "Belarus"], ["cis"]),
    ("baltic-states-join-nato", "2004-03-29", ["Estonia", "Latvia", "Lithuania"], ["nato"]),
    ("baltic-states-join-eu", "2004-05-01", ["Estonia", "Latvia", "Lithuania"], ["eu"]),
    ("south-ossetia-war", "2008-08", ["Georgia"], ["cis"]),
    ("georgia-leaves-cis", "2009-08-18", ["Georgia"], ["cis"]),
    # Mediation in international conflicts
    ("lavrov-kosovo-force-claim", "2008-02-25", ["Kosovo"], ["nato", "eu"]),
    ("kosovo-independence", "2008-02-17", ["Kosovo", "Serbia"], []),
    ("g8-denver-summit", "1997-06", ["United States"], ["g8"]),
    ("apec-accession", "1998-11", [], ["apec"]),
    ("unsc-resolution-1757", "2007-05-30", ["Lebanon"], ["unsc"]),  # article: supported, 16 May
    # Territorial disputes
    ("yalta-conference", "1945-02", ["Japan"], []),
    ("china-border-agreement", "2008-07-21", ["China"], []),
    ("china-border-ratifications-exchanged", "2005-06-02", ["China"], []),
    ("caspian-settlement", "2003", ["Azerbaijan", "Kazakhstan", "Turkmenistan", "Iran"], []),
    ("estonia-technical-border-agreement", "1996-12", ["Estonia"], []),
    ("estonia-border-treaty-initialled", "1999", ["Estonia"], []),
    ("estonia-border-treaties-signed", "2005-05-18", ["Estonia"], []),
    ("riigikogu-ratifies-border-treaties", "2005-06-20", ["Estonia"], []),
    ("ruutel-proclaims-border-treaties", "2005-06-22", ["Estonia"], []),
    ("putin-orders-estonia-treaty-withdrawal", "2005-08-31", ["Estonia"], []),
    ("russia-withdraws-estonia-border-treaties", "2005-09-06", ["Estonia"], []),
    ("antarctic-treaty-signed", "1959-12-01", [], []),  # article: 1960
    ("russia-recognizes-abkhazia-south-ossetia", "2008-08-26", ["Georgia"], []),
    # Vladimir Putin's policies
    ("putin-presidency-ends", "2008-05-07", [], []),
    ("putin-presidency-returns", "2012-05-07", [], []),
    ("munich-speech", "2007-02-10", ["United States"], []),
    ("putin-multipolar-interview", "2007-01", [], []),
    ("september-11-attacks", "2001-09-11", ["United States"], []),
    ("nord-stream-agreed", "2005", ["Germany"], []),
    ("schroeder-putin-birthday", "2005", ["Germany"], []),
    ("ukraine-election-2004", "2004", ["Ukraine"], []),
    ("bronze-soldier", "2007-04", ["Estonia"], []),
    ("canonical-communion", "2007-05-17", [], []),
    ("cfe-moratorium-announced", "2007-04-26", [], ["nato"]),
    ("istanbul-commitments", "1999-11", ["Moldova", "Georgia"], []),
    ("cfe-suspension", "2007-12-11", [], []),
    ("us-regrets-cfe-suspension", "2007-12-12", ["United States"], []),
    ("putin-new-targets-in-europe", "2007-06-04", ["Poland", "Czech Republic"], ["g8"]),
    ("gabala-radar-proposal", "2007-06-07", ["Azerbaijan", "United States"], []),
    ("uk-expels-russian-diplomats", "2007-07-16", ["United Kingdom"], []),  # article: 20 July
    ("uk-russia-spy-expulsions-1996", "1996", ["United Kingdom"], []),
    ("berezovsky-asylum", "2003", ["United Kingdom"], []),
    ("british-council-offices", "2007-12-12", ["United Kingdom"], []),  # article: 10 December
    ("bomber-patrols-resumed", "2007-08-17", [], ["sco", "nato"]),
    ("bomber-patrols-suspended", "1992", [], []),
    ("mediterranean-sortie-announced", "2007-12-05", [], []),
    ("indonesia-visit", "2007-09", ["Indonesia"], []),
    ("apec-sydney", "2007-09", ["Australia"], ["apec"]),
    ("caspian-summit-tehran", "2007-10-16", ["Iran", "Azerbaijan", "Kazakhstan"], []),
    ("tehran-conference-1943", "1943", ["Iran"], []),
    ("russia-eu-summit-portugal", "2007-10-26", ["Portugal"], ["eu"]),
    ("kagan-essay", "2008-02", [], []),
    ("sochi-summit", "2008-04-06", ["United States", "Poland", "Czech Republic"], []),
    ("nato-bucharest-summit", "2008-04-02", ["Romania", "Ukraine", "Georgia"], ["nato"]),
    ("putin-ambassadors-address", "2012-07", [], []),
    # Current issues
    ("us-cancels-summit-2013", "2013-08-07", ["United States"], []),
    ("snowden-asylum", "2013-08-01", ["United States"], []),
    ("us-soviet-summit-cancelled-1960", "1960-05", ["United States"], []),
]  # fmt: skip


@pytest.mark.parametrize(("event_id", "date", "countries", "org_ids"), ARTICLE_EVENTS)
def test_article_event(
    events: dict[str, Event], event_id: str, date: str, countries: list[str], org_ids: list[str]
) -> None:
    event = events[event_id]
    assert str(event.date) == date
    assert set(countries) <= set(event.countries)
    assert set(org_ids) <= set(event.orgs)


def test_corrected_dates_keep_the_article_claim(events: dict[str, Event]) -> None:
    for event_id, claim in [
        ("nato-russia-founding-act", "20 May 1997"),
        ("uk-expels-russian-diplomats", "20 July 2007"),
        ("antarctic-treaty-signed", "1960"),
        ("putin-presidency-begins", "January 2000"),
        ("gabala-radar-in-service", "1986"),
        ("unsc-resolution-1757", "16 May 2007"),
        ("british-council-offices", "10 December 2007"),
    ]:
        event = events[event_id]
        assert claim in (event.summary or ""), event_id
        assert has_public_record(event), event_id


def test_founding_act_in_paris(events: dict[str, Event]) -> None:
    act = events["nato-russia-founding-act"]
    assert act.date == d("1997-05-27")
    assert "Paris" in (act.summary or "")


def test_munich_speech(events: dict[str, Event]) -> None:
    munich = events["munich-speech"]
    assert munich.date.year == 2007
    assert munich.date.month == 2
    assert "monopolistic dominance" in (munich.summary or "")


def test_cfe_suspension(events: dict[str, Event]) -> None:
    cfe = events["cfe-suspension"]
    assert cfe.date == d("2007-12-11")
    assert "arms control" in cfe.tags
    assert "midnight moscow time" in fold(cfe.summary or "")


def test_every_event_has_a_usable_summary(base: FactBase) -> None:
    for e in base.events:
        assert e.summary, e.id
        assert len(e.summary) > 40, e.id


def test_events_in_2007_on_the_command_line(cli: Cli) -> None:
    result = cli("events", "--year", "2007", "--json", facts=FACTS)
    assert result.exit_code == 0
    found = json.loads(result.stdout)
    assert all(e["date"].startswith("2007") for e in found)
    ids = [e["id"] for e in found]
    for event_id in ("munich-speech", "cfe-suspension", "bronze-soldier", "caspian-summit-tehran"):
        assert event_id in ids
    assert ids.index("bronze-soldier") < ids.index("cfe-suspension")
    assert len(found) >= 24  # one record a happening: 4 June and the Hariri tribunal merged


def test_events_by_org_on_the_command_line(cli: Cli) -> None:
    result = cli("events", "--org", "nato", "--json", facts=FACTS)
    ids = [e["id"] for e in json.loads(result.stdout)]
    assert ids[0] == "pfp-signed"
    assert "nato-russia-founding-act" in ids
    assert "nato-bucharest-summit" in ids


# --- countries ------------------------------------------------------------------------------

ARTICLE_COUNTRIES = {
    "Afghanistan", "Angola", "Armenia", "Australia", "Azerbaijan", "Belarus",
    "Bosnia and Herzegovina", "Brazil", "Cambodia", "China", "Cuba", "Czech Republic",
    "Democratic Republic of the Congo", "East Timor", "Eritrea", "Estonia", "Ethiopia", "France",
    "Georgia", "Germany", "Haiti", "India", "Indonesia", "Iran", "Iraq", "Italy", "Ivory Coast",
    "Japan", "Kazakhstan", "Kosovo", "Kuwait", "Kyrgyzstan", "Latvia", "Lebanon", "Lithuania",
    "Moldova", "Myanmar", "Nagorno-Karabakh", "Poland", "Portugal", "Romania", "Sierra Leone",
    "South Ossetia", "Abkhazia", "Syria", "Tajikistan", "Turkey", "Turkmenistan", "Ukraine",
    "United Kingdom", "United States", "Venezuela", "Western Sahara",
}  # fmt: skip

WITHOUT_ISO = {"Abkhazia", "Kosovo", "Nagorno-Karabakh", "South Ossetia", "Transnistria"}


def test_every_country_the_article_names(countries: dict[str, Country]) -> None:
    assert set(countries) >= ARTICLE_COUNTRIES
    assert "Russia" not in countries  # the subject, not a partner


def test_iso_codes_are_real_and_consistent(countries: dict[str, Country]) -> None:
    import pycountry

    for name, country in countries.items():
        if name in WITHOUT_ISO:
            assert country.iso2 is None, name
            assert country.iso3 is None, name
            continue
        iso = pycountry.countries.get(alpha_2=country.iso2 or "")
        assert iso is not None, name
        assert iso.alpha_3 == country.iso3, name


def test_aliases_are_unambiguous(countries: dict[str, Country]) -> None:
    seen: dict[str, str] = {}
    for country in countries.values():
        keys = [country.name, *country.aliases, country.iso2 or "", country.iso3 or ""]
        for key in {fold(k) for k in keys if k}:
            assert key not in seen, (key, seen.get(key), country.name)
            seen[key] = country.name


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("UK", "United Kingdom"),
        ("Britain", "United Kingdom"),
        ("GB", "United Kingdom"),
        ("gbr", "United Kingdom"),
        ("Great Britain", "United Kingdom"),
        ("US", "United States"),
        ("USA", "United States"),
        ("America", "United States"),
        ("japan", "Japan"),
        ("JP", "Japan"),
        ("JPN", "Japan"),
        ("Nippon", "Japan"),
        ("Burma", "Myanmar"),
        ("Czechia", "Czech Republic"),
        ("Cote d'Ivoire", "Ivory Coast"),
        ("Timor-Leste", "East Timor"),
        ("PRC", "China"),
        ("DRC", "Democratic Republic of the Congo"),
    ],
)
def test_country_names_people_type(cli: Cli, typed: str, name: str) -> None:
    result = cli("country", typed, "--json", facts=FACTS)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["name"] == name


def test_events_by_country_alias(cli: Cli) -> None:
    by_alias = cli("events", "--country", "Britain", "--json", facts=FACTS)
    by_code = cli("events", "--country", "GB", "--json", facts=FACTS)
    assert by_alias.exit_code == 0
    assert by_alias.stdout == by_code.stdout
    ids = [e["id"] for e in json.loads(by_alias.stdout)]
    assert "uk-expels-russian-diplomats" in ids
    assert "litvinenko-death" in ids


@pytest.mark.parametrize(
    "name", ["Armenia", "Belarus", "Kyrgyzstan", "Moldova", "Tajikistan", "Ukraine"]
)
def test_russian_military_bases(countries: dict[str, Country], name: str) -> None:
    assert "military base" in fold(" ".join(countries[name].notes)), name


def test_relation_lines_where_the_article_characterizes_the_relationship(
    countries: dict[str, Country],
) -> None:
    for name in ("Georgia", "United Kingdom", "United States", "Japan", "China", "India",
                 "Germany", "Estonia", "Latvia", "Lithuania", "Belarus", "Ukraine", "Moldova",
                 "Iran", "Syria", "Cuba", "Venezuela"):  # fmt: skip
        assert countries[name].relation, name
    assert "lowest point" in fold(countries["Georgia"].relation or "")
    assert "litvinenko" in fold(countries["United Kingdom"].relation or "")
    assert "kuril" in fold(countries["Japan"].relation or "")


def test_georgia_left_the_cis(countries: dict[str, Country], events: dict[str, Event]) -> None:
    notes = fold(" ".join(countries["Georgia"].notes))
    assert "commonwealth of independent states" in notes
    assert "2009" in notes
    assert events["georgia-leaves-cis"].date == d("2009-08-18")


def test_country_page_on_the_command_line(cli: Cli) -> None:
    result = cli("country", "Japan", "--json", facts=FACTS)
    assert result.exit_code == 0
    page = json.loads(result.stdout)
    assert page["iso2"] == "JP"
    assert "Nippon" in page["aliases"]
    assert [x["id"] for x in page["disputes"]] == ["kuril-islands"]
    assert "yalta-conference" in [x["id"] for x in page["events"]]


def test_country_list_counts(cli: Cli, base: FactBase) -> None:
    result = cli("country", "--json", facts=FACTS)
    assert result.exit_code == 0
    listed = {c["name"]: c for c in json.loads(result.stdout)}
    assert len(listed) == len(base.countries)
    assert listed["Japan"]["dispute_count"] == 1
    assert listed["Estonia"]["dispute_count"] == 1
    assert listed["Estonia"]["event_count"] >= 8
