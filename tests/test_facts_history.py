"""Histories in the shipped fact base: org ties and dispute statuses over time (SPEC §5 "History").

Most tests read facts/orgs.toml and facts/disputes.toml with tomllib, so they check the records as
written. The tests at the end run the CLI and check what it prints per SPEC §3 (`terms`, `end`,
`--as-of`, `--ended`); they need the loader that understands terms.
"""

from __future__ import annotations

import json
import re
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from .conftest import Cli
from .test_facts_reconciled import note_texts

FACTS = Path(__file__).parents[1] / "facts"
PUBLIC_RECORD = "Public record: "

ROLES = {"member", "observer", "partner", "participant", "suspended"}
ENDS = {"left", "suspended", "expelled", "completed", "dissolved", "replaced"}
STATUSES = {"unresolved", "partially resolved", "resolved"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

UN_MISSIONS = {
    "unamsil", "unikom", "unmibh", "unoci", "unmee", "unmop", "unomig", "untaet", "untso",
    "minurso", "monuc",
}  # fmt: skip

# The six observer roles the article names.
ARTICLE_OBSERVERS = {"cern", "iom", "laia", "nam", "oas", "oic"}

Record = dict[str, Any]


def read(name: str) -> dict[str, Any]:
    with (FACTS / name).open("rb") as f:
        return tomllib.load(f)


@pytest.fixture(scope="module")
def orgs() -> dict[str, Record]:
    return {o["id"]: o for o in read("orgs.toml")["org"]}


@pytest.fixture(scope="module")
def disputes() -> dict[str, Record]:
    return {d["id"]: d for d in read("disputes.toml")["dispute"]}


def start(text: str) -> date:
    parts = [int(p) for p in text.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def end(text: str) -> date:
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        year, month = parts
        following = date(year + month // 12, month % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)
    return date(parts[0], 12, 31)


def term_as_of(terms: list[Record], when: str) -> Record | None:
    """The latest term whose period overlaps `when` (SPEC §1 Time), or None."""
    found = None
    for i, t in enumerate(terms):
        t_start = start(t["since"]) if "since" in t else date.min
        if "until" in t:
            t_end = end(t["until"])
        elif i + 1 < len(terms):
            t_end = date.fromordinal(start(terms[i + 1]["since"]).toordinal() - 1)
        else:
            t_end = date.max
        if t_start <= end(when) and t_end >= start(when):
            found = t
    return found


def held(terms: list[Record], when: str) -> Record:
    """The term in force at `when`; there must be one."""
    term = term_as_of(terms, when)
    assert term is not None, when
    return term


def has_public_record(record: Record) -> bool:
    return any(s.startswith(PUBLIC_RECORD) for s in record["sources"])


def check_terms(
    label: str, terms: list[Record], value: str, allowed: set[str], keys: set[str]
) -> None:
    assert isinstance(terms, list), label
    assert terms, label
    for i, t in enumerate(terms):
        assert set(t) <= keys, (label, t)
        assert t.get(value) in allowed, (label, t)
        for k in ("since", "until"):
            if k in t:
                assert DATE.match(t[k]), (label, t)
        if "since" in t and "until" in t:
            assert start(t["until"]) >= start(t["since"]), (label, t)
        if i > 0:
            prev = terms[i - 1]
            assert "since" in t, f"{label}: only the first term may lack since"
            if "since" in prev:
                assert start(t["since"]) >= start(prev["since"]), f"{label}: terms out of order"
            if "until" in prev:
                assert start(t["since"]) >= end(prev["until"]), f"{label}: terms overlap"


# --- every record in the v2 form ------------------------------------------------------------


def test_every_org_gives_its_history_as_terms(orgs: dict[str, Record]) -> None:
    for org in orgs.values():
        assert "terms" in org, org["id"]
        assert not {"role", "since", "until"} & set(org), org["id"]
        check_terms(
            f"org {org['id']}",
            org["terms"],
            "role",
            ROLES,
            {"role", "since", "until", "end", "note"},
        )
        for t in org["terms"][:-1]:
            assert "end" not in t, f"org {org['id']}: end only on the last term"
        last = org["terms"][-1]
        if "end" in last:
            assert last["end"] in ENDS, org["id"]
            assert "until" in last, org["id"]


def test_no_org_is_former(orgs: dict[str, Record]) -> None:
    assert not [o["id"] for o in orgs.values() for t in o["terms"] if t["role"] == "former"]


def test_every_ended_tie_says_how_and_cites_the_record(orgs: dict[str, Record]) -> None:
    for org in orgs.values():
        last = org["terms"][-1]
        if "until" in last:
            assert "end" in last, f"{org['id']}: a tie that ended says how"
            assert org.get("notes"), org["id"]
            assert has_public_record(org), org["id"]


def test_every_dispute_gives_its_status_as_terms(disputes: dict[str, Record]) -> None:
    for dispute in disputes.values():
        assert "terms" in dispute, dispute["id"]
        assert not {"status", "since", "resolved_on"} & set(dispute), dispute["id"]
        check_terms(
            f"dispute {dispute['id']}",
            dispute["terms"],
            "status",
            STATUSES,
            {"status", "since", "until", "note"},
        )


def test_terms_are_one_per_line() -> None:
    for name in ("orgs.toml", "disputes.toml"):
        for line in (FACTS / name).read_text(encoding="utf-8").splitlines():
            if line.startswith("  { "):
                assert line.count("{ ") == 1, line
                assert line.endswith(" },"), line
            if line.startswith("terms = [{"):
                assert line.endswith("}]"), line


# --- org histories --------------------------------------------------------------------------


def test_g8_from_denver_until_suspended(orgs: dict[str, Record]) -> None:
    g8 = orgs["g8"]
    assert g8["terms"] == [
        {
            "role": "member",
            "since": "1997-06",
            "until": "2014-03-24",
            "end": "suspended",
            "note": g8["terms"][0]["note"],
        }
    ]
    assert "denver" in note_texts(g8["notes"]).lower()
    assert any("Hague Declaration" in s for s in g8["sources"])
    assert held(g8["terms"], "2010")["role"] == "member"
    assert term_as_of(g8["terms"], "2015") is None


def test_council_of_europe_membership_ended_by_expulsion(orgs: dict[str, Record]) -> None:
    joined, term = orgs["coe"]["terms"]
    assert (joined["role"], joined["since"]) == ("member", "1996-02-28")
    # The suspension of 25 February 2022 is a term of its own, closed by the expulsion.
    assert (term["role"], term["since"], term["until"], term["end"]) == (
        "suspended",
        "2022-02-25",
        "2022-03-16",
        "expelled",
    )
    assert term["note"].startswith("Suspended")
    # Russia had notified its withdrawal, but the Committee of Ministers ended the membership.
    assert "Article 8" in term["note"]
    assert "withdrawal" in term["note"]
    assert any("CM/Res(2022)2" in s for s in orgs["coe"]["sources"])


def test_observers_now_and_before(orgs: dict[str, Record]) -> None:
    for org_id in ARTICLE_OBSERVERS:
        assert any(t["role"] == "observer" for t in orgs[org_id]["terms"]), org_id
    current = {
        o["id"]
        for o in orgs.values()
        if o["terms"][-1]["role"] == "observer" and "until" not in o["terms"][-1]
    }
    assert current == {"laia", "nam", "oic"}
    for org_id, until in [("cern", "2022-03-08"), ("oas", "2022-04-21")]:
        last = orgs[org_id]["terms"][-1]
        assert (last["role"], last["until"], last["end"]) == ("observer", until, "suspended")
        assert "observer" in note_texts(orgs[org_id]["notes"]).lower()


def test_iom_observer_then_member(orgs: dict[str, Record]) -> None:
    terms = orgs["iom"]["terms"]
    assert [t["role"] for t in terms] == ["observer", "member"]
    assert terms[0]["since"].startswith("1992")
    assert terms[1]["since"] == "2021-04-19"
    assert "until" not in terms[1]
    assert held(terms, "2010")["role"] == "observer"
    assert held(terms, "2022")["role"] == "member"
    assert has_public_record(orgs["iom"])


def test_nacc_replaced_by_the_eapc(orgs: dict[str, Record]) -> None:
    (nacc,) = orgs["nacc"]["terms"]
    assert (nacc["role"], nacc["until"], nacc["end"]) == ("member", "1997-05-30", "replaced")
    assert orgs["eapc"]["terms"][0]["since"] == nacc["until"]
    assert "euro-atlantic partnership council" in note_texts(orgs["nacc"]["notes"]).lower()


ENDED = {
    # id: (until, end) of the last term
    "g8": ("2014-03-24", "suspended"),
    "coe": ("2022-03-16", "expelled"),
    "cern": ("2022-03-08", "suspended"),
    "oas": ("2022-04-21", "suspended"),
    "cbss": ("2022-05-17", "left"),
    "unwto": ("2022-06", "left"),
    "ioc": ("2023-10-12", "suspended"),
    "nacc": ("1997-05-30", "replaced"),
    "sfor": ("2003-06-14", "left"),
    "unamsil": ("2005-12-31", "completed"),
    "unikom": ("2003-10-06", "completed"),
    "unmibh": ("2002-12-31", "completed"),
    "unoci": ("2017-06-30", "completed"),
    "unmee": ("2008-07-31", "dissolved"),
    "unmop": ("2002-12-15", "completed"),
    "unomig": ("2009-06-15", "dissolved"),
    "untaet": ("2002-05-20", "completed"),
    "monuc": ("2010-06-30", "replaced"),
}


def test_the_ended_ties(orgs: dict[str, Record]) -> None:
    lasts = {o["id"]: o["terms"][-1] for o in orgs.values()}
    ended = {i: (t["until"], t["end"]) for i, t in lasts.items() if "end" in t}
    assert ended == ENDED


def test_un_missions(orgs: dict[str, Record]) -> None:
    missions = {o["id"] for o in orgs.values() if o["category"] == "un-mission"}
    assert missions == UN_MISSIONS
    for org_id in UN_MISSIONS:
        assert all(t["role"] == "participant" for t in orgs[org_id]["terms"]), org_id
    # Every mission that ended completed its mandate, except MONUC, which the Security Council
    # renamed, and UNOMIG and UNMEE, which ended without completing theirs.
    ended_otherwise = {"monuc": "replaced", "unomig": "dissolved", "unmee": "dissolved"}
    for org_id in UN_MISSIONS - {"untso", "minurso"}:
        last = orgs[org_id]["terms"][-1]
        assert "until" in last, org_id
        assert last["end"] == ended_otherwise.get(org_id, "completed"), org_id
        assert orgs[org_id]["dissolved"] == last["until"], org_id
        records = [s for s in orgs[org_id]["sources"] if s.startswith(PUBLIC_RECORD)]
        assert any(org_id.upper() in s for s in records), org_id
    assert "MONUSCO" in orgs["monuc"]["terms"][-1]["note"]
    assert "veto" in orgs["unomig"]["terms"][-1]["note"]
    for org_id in ("untso", "minurso"):
        assert "until" not in orgs[org_id]["terms"][-1], org_id


def test_ioc_suspended_twice(orgs: dict[str, Record]) -> None:
    terms = orgs["ioc"]["terms"]
    # The suspension of 2017-18 is a term of its own; the one of 2023 ends the tie.
    assert [t["since"] for t in terms] == ["1992-09", "2017-12-05", "2018-02-28"]
    assert held(terms, "2018-01")["note"].startswith("Suspended")
    assert terms[-1]["until"] == "2023-10-12"
    assert held(terms, "2020")["role"] == "member"


def test_orgs_as_of_2010(orgs: dict[str, Record]) -> None:
    in_2010 = {o["id"]: term_as_of(o["terms"], "2010") for o in orgs.values()}
    roles = {org_id: t["role"] for org_id, t in in_2010.items() if t is not None}
    assert roles["g8"] == "member"
    assert roles["coe"] == "member"
    assert roles["iom"] == "observer"
    assert roles["monuc"] == "participant"
    assert "nacc" not in roles
    assert "wto" not in roles  # a member from 2012
    assert "unomig" not in roles  # ended in 2009
    assert "nam" not in roles  # an observer only from 2021, though the article lists it


def test_nam_observer_only_from_2021(orgs: dict[str, Record]) -> None:
    (term,) = orgs["nam"]["terms"]
    assert (term["role"], term["since"]) == ("observer", "2021-07-14")
    assert "until" not in term
    assert "the article" in note_texts(orgs["nam"]["notes"]).lower()
    assert any("2021" in s for s in orgs["nam"]["sources"] if s.startswith(PUBLIC_RECORD))


# --- categories -----------------------------------------------------------------------------

UN_SPECIALIZED_AGENCIES = {
    "fao", "icao", "ilo", "imo", "itu", "unesco", "unido", "unwto", "upu", "who", "wipo", "wmo",
    "imf", "ibrd", "ida", "ifc",
}  # fmt: skip
UN_BODIES = {"un", "unga", "unsc", "unctad", "unhcr", "unece", "escap", "unitar"}
UN_RELATED = {"iaea", "iom", "wto"}


def test_categories_used_one_way(orgs: dict[str, Record]) -> None:
    un_system = {o["id"] for o in orgs.values() if o["category"] == "un-system"}
    assert un_system == UN_SPECIALIZED_AGENCIES | UN_BODIES | UN_RELATED
    assert {o["id"] for o in orgs.values() if o["category"] == "financial"} == {"bis", "ebrd"}
    header = (FACTS / "orgs.toml").read_text(encoding="utf-8").split("[[org]]")[0]
    assert "Chief Executives Board" in header
    for category in {o["category"] for o in orgs.values()}:
        assert category in header, category


# --- disputes -------------------------------------------------------------------------------


def test_china_border_before_and_after_its_settlement(disputes: dict[str, Record]) -> None:
    terms = disputes["china-border"]["terms"]
    assert terms[0]["status"] == "unresolved"
    assert terms[-1] == {"status": "resolved", "since": "2008-07-21", "note": terms[-1]["note"]}
    assert held(terms, "2005")["status"] == "partially resolved"
    assert held(terms, "1990")["status"] == "unresolved"
    assert [t.get("since") for t in terms] == [None, "1991-05-16", "2008-07-21"]


def test_estonia_border_over_time(disputes: dict[str, Record]) -> None:
    terms = disputes["estonia-border"]["terms"]
    assert {t["status"] for t in terms} == {"unresolved"}
    assert [t.get("since") for t in terms] == ["1991", "2005-05-18", "2005-09-06", "2014-02-18"]
    assert "not in force" in terms[-1]["note"]
    assert has_public_record(disputes["estonia-border"])


def test_crimea_settled_in_1997_and_open_again_in_2014(disputes: dict[str, Record]) -> None:
    terms = disputes["crimea"]["terms"]
    assert [(t["status"], t["since"]) for t in terms] == [
        ("unresolved", "1991"),
        ("resolved", "1997-05-31"),
        ("unresolved", "2014-03-18"),
    ]
    assert held(terms, "2005")["status"] == "resolved"


def test_caspian_partially_resolved_since_2003(disputes: dict[str, Record]) -> None:
    terms = disputes["caspian-sea"]["terms"]
    assert held(terms, "2000")["status"] == "unresolved"
    assert held(terms, "2010")["status"] == "partially resolved"
    assert terms[-1]["status"] == "partially resolved"


def test_latest_statuses(disputes: dict[str, Record]) -> None:
    latest = {d["id"]: d["terms"][-1]["status"] for d in disputes.values()}
    assert latest == {
        "kuril-islands": "unresolved",
        "china-border": "resolved",
        "caspian-sea": "partially resolved",
        "estonia-border": "unresolved",
        "antarctica": "unresolved",
        "abkhazia-south-ossetia": "unresolved",
        "crimea": "unresolved",
    }


def test_dispute_parties_are_those_disputing_with_russia(disputes: dict[str, Record]) -> None:
    georgia = disputes["abkhazia-south-ossetia"]
    assert georgia["countries"] == ["Georgia"]
    assert georgia["terms"][0]["since"] == "2008-08-26"
    for dispute in disputes.values():
        # A territory in dispute is not a party to it.
        assert not set(dispute["countries"]) & set(dispute["territories"]), dispute["id"]
        assert "Russia" not in dispute["countries"], dispute["id"]
    # The recognition did not make Georgia leave the CIS: that followed the war.
    summary = georgia["summary"]
    assert "led Georgia to sever all diplomatic relations with Russia and to leave" not in summary


# --- the CLI's answers (need the loader that understands terms) ------------------------------


def cli_json(cli: Cli, *args: str) -> Any:
    result = cli(*args, "--json", facts=FACTS)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_cli_orgs_json_gives_the_latest_term_and_the_history(cli: Cli) -> None:
    by_id = {o["id"]: o for o in cli_json(cli, "orgs")}
    g8 = by_id["g8"]
    assert (g8["role"], g8["since"], g8["until"], g8["end"]) == (
        "member",
        "1997-06",
        "2014-03-24",
        "suspended",
    )
    assert [t["role"] for t in by_id["iom"]["terms"]] == ["observer", "member"]
    assert set(by_id["iom"]["terms"][0]) == {"role", "since", "until", "end", "note"}
    assert not [o["id"] for o in by_id.values() if o["role"] == "former"]


def test_cli_orgs_as_of_2010(cli: Cli) -> None:
    by_id = {o["id"]: o for o in cli_json(cli, "orgs", "--as-of", "2010")}
    assert by_id["g8"]["role"] == "member"
    assert by_id["iom"]["role"] == "observer"
    assert "nacc" not in by_id
    assert "wto" not in by_id


def test_cli_orgs_ended(cli: Cli) -> None:
    ended = {o["id"]: (o["until"], o["end"]) for o in cli_json(cli, "orgs", "--ended")}
    assert ended == ENDED


def test_cli_current_observers(cli: Cli) -> None:
    observers = cli_json(cli, "orgs", "--role", "observer", "--current")
    assert {o["id"] for o in observers} == {"laia", "nam", "oic"}


def test_cli_disputes_as_of(cli: Cli) -> None:
    by_id = {d["id"]: d for d in cli_json(cli, "disputes", "--as-of", "2005")}
    assert by_id["china-border"]["status"] == "partially resolved"
    assert by_id["crimea"]["status"] == "resolved"
    assert "abkhazia-south-ossetia" not in by_id
    latest = {d["id"]: d for d in cli_json(cli, "disputes")}
    assert latest["china-border"]["status"] == "resolved"
    assert latest["china-border"]["resolved_on"] == "2008-07-21"
    assert [t["status"] for t in latest["crimea"]["terms"]] == [
        "unresolved",
        "resolved",
        "unresolved",
    ]
    resolved = cli_json(cli, "disputes", "--status", "resolved")
    assert [d["id"] for d in resolved] == ["china-border"]
