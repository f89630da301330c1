"""Time you can trust in the shipped fact base: countries, disputes and events.

What a user sees through the query layer and the CLI: a relation line of an era that is over
ends and is not shown as today's; notes dated after a moment are left out of what is shown as
of it, and nothing shown as of a moment speaks of a later year; corrected dates; the events
added for the article's undated initiatives; events that name their parties, one record a
happening; disputes whose statuses keep to their dates.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factcli import query
from factcli.cli import app
from factcli.load import load
from factcli.model import Country, Event, FactBase, Note, PartialDate, Status, fold

from .conftest import Cli

FACTS = Path(__file__).parents[1] / "facts"
PUBLIC_RECORD = "Public record: "
TODAY = dt.date.today()


@pytest.fixture(scope="module")
def base() -> FactBase:
    return load(FACTS)


def country(base: FactBase, name: str) -> Country:
    return next(c for c in base.countries if c.name == name)


def events_by_id(base: FactBase) -> dict[str, Event]:
    return {e.id: e for e in base.events}


def page(cli: Cli, *args: str) -> Any:
    result = cli(*args, "--json", facts=FACTS)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def table(*args: str, columns: int = 200) -> str:
    """The table the CLI prints for the shipped fact base at a terminal width."""
    env = {"COLUMNS": str(columns), "NO_COLOR": "1", "FACTCLI_FACTS_DIR": None}
    result = CliRunner().invoke(app, ["--facts-dir", str(FACTS), *args], env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def relation_row(output: str) -> str:
    """The Relation line of a country page, its wrapped lines joined."""
    head = output.split("\n\n", maxsplit=1)[0]
    found = re.search(r"^Relation\s+(.*)", head, re.M | re.S)
    return " ".join(found.group(1).split()) if found else ""


def texts(notes: list[Any]) -> list[str]:
    return [n["text"] if isinstance(n, dict) else n for n in notes]


def dates(notes: list[Any]) -> list[str]:
    return [n["date"] for n in notes if isinstance(n, dict)]


def start(text: str) -> dt.date:
    return PartialDate.parse(text).start


# --- relation lines of an era that is over ----------------------------------------------------


def test_merkel_line_ends_on_8_december_2021_and_is_not_today_s(cli: Cli, base: FactBase) -> None:
    germany = country(base, "Germany")
    merkel = [t for t in germany.relations if "Merkel" in t.relation]
    assert len(merkel) == 1
    assert (str(merkel[0].since), str(merkel[0].until)) == ("2005-11-22", "2021-12-08")

    today = page(cli, "country", "Germany")
    assert "Merkel" not in today["relation"]
    assert "Nord Stream 2" in today["relation"]
    assert {"since": "2005-11-22", "until": "2021-12-08"}.items() <= next(
        t for t in today["relations"] if "Merkel" in t["relation"]
    ).items()
    shown = relation_row(table("country", "Germany"))
    assert "Merkel" not in shown
    assert shown.endswith("(since 2022-02-22)")

    in_2010 = page(cli, "country", "Germany", "--as-of", "2010")
    assert "Merkel" in in_2010["relation"]
    assert "(2005-11-22 – 2021-12-08)" in relation_row(
        table("country", "Germany", "--as-of", "2010")
    )
    assert "Schröder" in page(cli, "country", "Germany", "--as-of", "2003")["relation"]


# (country, leader, a moment of the era, a moment after it, the era's first day, its last day)
ERAS = [
    ("France", "Chirac", "2003", "2008", "1999-12-31", "2007-05-16"),
    ("Brazil", "Lula", "2006", "2011", "2003-01-01", "2010-12-31"),
    ("Italy", "Berlusconi", "2004", "2012", "2001-06-11", "2011-11-16"),
    ("United States", "Bush", "2005", "2010", "2001-01-20", "2009-01-20"),
    ("Germany", "Merkel", "2010", "2023", "2005-11-22", "2021-12-08"),
]


@pytest.mark.parametrize(("name", "leader", "during", "after", "first", "last"), ERAS)
def test_a_leader_s_era_is_bounded_by_the_leader_s_time_in_office(
    cli: Cli, name: str, leader: str, during: str, after: str, first: str, last: str
) -> None:
    terms = [t for t in page(cli, "country", name)["relations"] if leader in t["relation"]]
    assert terms[0]["since"] == first
    assert terms[-1]["until"] == last
    assert leader in page(cli, "country", name, "--as-of", during)["relation"]
    assert leader not in (page(cli, "country", name, "--as-of", after)["relation"] or "")


def test_italy_between_berlusconi_s_governments(cli: Cli) -> None:
    assert page(cli, "country", "Italy", "--as-of", "2007")["relation"] is None
    shown = relation_row(table("country", "Italy", "--as-of", "2004"))
    assert shown.endswith("(2001-06-11 – 2006-05-17)")  # the term of 2004, not the later one


def test_a_line_that_has_ended_is_shown_with_its_end(base: FactBase) -> None:
    """Every country whose latest line has ended shows that line with its span, never as
    "since": the eras, the missile-defence and Iraq lines, the Central Asian line."""
    ended = [c for c in base.countries if c.relations and c.relations[-1].until is not None]
    names = {c.name for c in ended}
    assert {"France", "Brazil", "Italy", "Iraq", "Poland", "Czech Republic", "Turkey"} <= names
    assert {"Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"} <= names
    for c in ended:
        until = c.relations[-1].until
        assert until is not None, c.name
        assert until.end < TODAY, c.name
        shown = relation_row(table("country", c.name))
        assert shown.endswith(f"– {until})"), (c.name, shown)
        assert "(since" not in shown, c.name
    listing = table("country")
    assert "(until 2007-05-16)" in listing  # France in the list of countries


def test_lines_of_a_leader_or_government_end(base: FactBase) -> None:
    office = re.compile(r"\b(President|Chancellor|Prime Minister)\b")
    for c in base.countries:
        for i, term in enumerate(c.relations):
            if office.search(term.relation):
                ends = term.until is not None or i + 1 < len(c.relations)
                assert ends, (c.name, term.relation)


def test_the_missile_defence_and_central_asian_lines_end(cli: Cli) -> None:
    for name in ("Poland", "Czech Republic", "Turkey"):
        terms = page(cli, "country", name)["relations"]
        assert terms[-1]["until"] == "2009-09-17", name
        assert page(cli, "country", name, "--as-of", "2008")["relation"], name
        assert page(cli, "country", name, "--as-of", "2010")["relation"] is None, name
    for name in ("Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"):
        assert page(cli, "country", name, "--as-of", "2014")["relation"], name
        assert page(cli, "country", name, "--as-of", "2022")["relation"] is None, name
    iraq = page(cli, "country", "Iraq")["relations"][-1]
    assert (iraq["since"], iraq["until"]) == ("2002", "2003-05-22")


def test_the_terms_of_a_country_read_apart(base: FactBase) -> None:
    """The country page finds the term it shows by its text: no two terms share one."""
    for c in base.countries:
        lines = [t.relation for t in c.relations]
        assert len(lines) == len(set(lines)), c.name


# --- dated notes ----------------------------------------------------------------------------


def test_georgia_as_of_2007_speaks_of_nothing_later(cli: Cli) -> None:
    georgia = page(cli, "country", "Georgia", "--as-of", "2007")
    assert "espionage" in georgia["relation"]
    assert all(start(d) <= dt.date(2007, 12, 31) for d in dates(georgia["notes"]))
    for text in texts(georgia["notes"]):
        assert "2008" not in text, text
        assert "2009" not in text, text
    assert all(e["date"] < "2008" for e in georgia["events"])
    assert georgia["disputes"] == []
    shown = table("country", "Georgia", "--as-of", "2007")
    assert "2008" not in shown.split("Sources")[0]
    assert "2009" not in shown.split("Sources")[0]
    # today's page still has them, dated
    latest = {n["date"] for n in page(cli, "country", "Georgia")["notes"] if isinstance(n, dict)}
    assert {"2008-08-29", "2009-08-18"} <= latest


def test_notes_as_of_a_day(cli: Cli) -> None:
    ukraine = texts(page(cli, "country", "Ukraine", "--as-of", "2014-03-20")["notes"])
    assert any("18 March 2014" in t for t in ukraine)
    assert not any("68/262" in t for t in ukraine)  # 27 March 2014
    assert not any("2022" in t for t in ukraine)


# Years a note or line may name before they happen, and why.
NAMED_EARLY = {
    ("Azerbaijan", 1986): "the article's date for the Gabala radar, next to the correction (1985)",
}
YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?![\ds])")  # "1970s" names a decade, not a year


def years_in(text: str) -> set[int]:
    return {int(y) for y in YEAR.findall(text)}


def test_nothing_shown_as_of_a_year_names_a_later_year(base: FactBase) -> None:
    problems = []
    for year in range(1940, TODAY.year + 1):
        moment = PartialDate.parse(str(year))
        for c in base.countries:
            shown = query.as_of(c, moment)
            for text in [shown.relation or "", *shown.notes]:
                later = {y for y in years_in(text) if y > year} - {
                    y for (name, y) in NAMED_EARLY if name == c.name
                }
                if later:
                    problems.append((year, c.name, text))
        for d in query.disputes(base, as_of=moment):
            if d.notes and any(y > year for y in years_in(d.notes)):
                problems.append((year, d.id, d.notes))
        for o in query.orgs(base, as_of=moment):
            if o.notes and any(y > year for y in years_in(o.notes)):
                problems.append((year, o.id, o.notes))
    assert not problems, problems[:5]
    for name, year in NAMED_EARLY:  # no stale exception
        assert any(year in years_in(n) for n in country(base, name).notes), name


def test_a_note_that_names_a_year_is_dated(base: FactBase) -> None:
    notes = [(c.name, n) for c in base.countries for n in c.notes]
    notes += [(d.id, d.notes) for d in base.disputes if d.notes]
    undated = [(who, n) for who, n in notes if years_in(n) and not isinstance(n, Note)]
    assert not undated, undated
    for who, n in notes:
        if isinstance(n, Note):
            assert n.date.start.year <= max(years_in(n) | {n.date.start.year}), (who, n)


def test_dispute_notes_are_left_out_before_their_date(cli: Cli) -> None:
    for d in page(cli, "disputes", "--as-of", "2010"):
        note = d["notes"]
        assert note is None or start(note["date"]) <= dt.date(2010, 12, 31), d["id"]
    latest = {d["id"]: d for d in page(cli, "disputes")}
    assert latest["caspian-sea"]["notes"]["date"] == "2018-08-12"
    assert latest["crimea"]["notes"]["date"] == "1999-04-01"
    assert "relinquished" in latest["crimea"]["notes"]["text"]
    in_2005 = {d["id"]: d for d in page(cli, "disputes", "--as-of", "2005")}
    assert "31 May 1997" in in_2005["crimea"]["notes"]["text"]
    assert "2014" not in in_2005["crimea"]["notes"]["text"]
    assert in_2005["caspian-sea"]["notes"] is None


# --- corrected dates --------------------------------------------------------------------------


def test_british_council_order_dated_12_december_2007(cli: Cli) -> None:
    found = page(cli, "events", "british", "council")
    assert [(e["id"], e["date"]) for e in found] == [("british-council-offices", "2007-12-12")]
    assert "10 December 2007" in found[0]["summary"]  # the article's date, kept
    assert any(s.startswith(PUBLIC_RECORD) and "12 December 2007" in s for s in found[0]["sources"])
    assert page(cli, "events", "british", "council", "--until", "2007-12-11") == []
    uk = page(cli, "country", "UK")["notes"]
    order = [n for n in uk if isinstance(n, dict) and "British Council" in n["text"]]
    assert [n["date"] for n in order] == ["2007-12-12"]


# --- events ---------------------------------------------------------------------------------

# (id, date, countries, orgs): events for the article's undated initiatives, public-record dates
INITIATIVES = [
    ("madrid-peace-conference", "1991-10-30", ["United States", "Spain"], []),
    ("middle-east-quartet", "2002-04", ["United States", "Spain"], ["eu", "un"]),
    ("uranium-enrichment-centres-proposed", "2006-01-25", [], []),
    ("angarsk-enrichment-centre", "2007", ["Kazakhstan"], []),
    ("ppwt-draft-submitted", "2008-02-12", ["China"], []),
]


@pytest.mark.parametrize(("event_id", "date", "countries", "orgs"), INITIATIVES)
def test_the_article_s_initiatives_have_dated_events(
    cli: Cli, event_id: str, date: str, countries: list[str], orgs: list[str]
) -> None:
    found = {e["id"]: e for e in page(cli, "events", "--year", date[:4])}
    event = found[event_id]
    assert event["date"] == date
    assert event["countries"] == countries
    assert event["orgs"] == orgs
    sections = [s for s in event["sources"] if not s.startswith(PUBLIC_RECORD)]
    assert sections in (["Mediation in international conflicts"], ["Vladimir Putin's policies"])
    assert any(s.startswith(PUBLIC_RECORD) for s in event["sources"])
    if event_id != "angarsk-enrichment-centre":  # the centre is the initiative's sequel
        assert "article" in event["summary"]  # says what the article states, undated


def test_the_initiatives_answer_the_questions_people_ask(cli: Cli) -> None:
    def ids(*args: str) -> list[str]:
        return [e["id"] for e in page(cli, "events", *args)]

    assert ids("--country", "Spain") == ["madrid-peace-conference", "middle-east-quartet"]
    assert "uranium-enrichment-centres-proposed" in ids("uranium")
    assert "angarsk-enrichment-centre" in ids("--country", "Kazakhstan", "--year", "2007")
    assert ids("outer", "space") == ["ppwt-draft-submitted"]


@pytest.mark.parametrize(
    ("args", "event_id"),
    [
        (("--country", "Iran"), "caspian-settlement"),
        (("--country", "Turkmenistan"), "caspian-settlement"),
        (("--country", "Abkhazia"), "georgia-severs-relations"),
        (("--country", "South Ossetia"), "georgia-severs-relations"),
        (("--country", "Iceland"), "nato-russia-council"),
        (("--org", "cis"), "south-ossetia-war"),
        (("--org", "nato"), "bomber-patrols-resumed"),
    ],
)
def test_an_event_is_found_by_each_party_it_names(
    cli: Cli, args: tuple[str, ...], event_id: str
) -> None:
    assert event_id in [e["id"] for e in page(cli, "events", *args)]


# An org an event's title or summary names that is not one of its parties, and why.
ORG_NAMED_NOT_PARTY = {
    ("baltic-states-join-eu", "nato"): "the same year's NATO accession, an event of its own",
}


def org_names(base: FactBase, org_id: str) -> list[str]:
    org = next(o for o in base.orgs if o.id == org_id)
    return [org.name, *([org.abbr] if org.abbr else [])]


def test_every_org_an_event_names_is_listed(base: FactBase) -> None:
    problems = []
    for event in base.events:
        text = f"{event.title} {event.summary or ''}"
        for listed in event.orgs:  # "UN Security Council" names the listed organ, not the UN
            for name in org_names(base, listed):
                text = text.replace(name, " ").replace(name.replace("United Nations", "UN"), " ")
        for org in base.orgs:
            if org.id in event.orgs or (event.id, org.id) in ORG_NAMED_NOT_PARTY:
                continue
            names = org_names(base, org.id)
            named = [n for n in names if re.search(rf"(?<![\w-]){n}(?![\w-])", text)]
            if named:
                problems.append((event.id, org.id, named))
    assert not problems, problems
    for event_id, org_id in ORG_NAMED_NOT_PARTY:  # no stale exception
        event = events_by_id(base)[event_id]
        assert org_id not in event.orgs
        assert any(n in f"{event.title} {event.summary}" for n in org_names(base, org_id))


# --- one record a happening ---------------------------------------------------------------------

# Pairs of events that look alike by the check below but are two happenings, and why.
TWO_HAPPENINGS = {
    ("nord-stream-agreed", "schroeder-putin-birthday"): "Schröder in 2005: a pipeline, a birthday",
}
STOP = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "its", "of", "on", "or"}
STOP |= {"over", "the", "to", "with"}
EVERYWHERE = {"russia", "russian", "putin", "soviet", "moscow"}  # words of most titles


def title_words(event: Event, party_words: set[str]) -> set[str]:
    words = set(re.findall(r"\w+", fold(event.title).replace("'s", ""))) - STOP - EVERYWHERE
    return {w[:5] for w in words if len(w) > 2} - party_words


def test_no_two_events_record_one_happening(base: FactBase) -> None:
    """Two events whose dates overlap, that share a party (or both name none), and whose
    titles share a word beyond their parties' names, or that fall on the same day, are
    suspected of recording one happening twice."""
    party_words = set()
    for c in base.countries:
        for name in (c.name, *c.aliases):
            party_words |= {w[:5] for w in re.findall(r"\w+", fold(name))}
    party_words |= {fold(o.abbr)[:5] for o in base.orgs if o.abbr}
    suspects = []
    for a, b in itertools.combinations(base.events, 2):
        if a.date.start > b.date.end or b.date.start > a.date.end:
            continue
        parties_a, parties_b = {*a.countries, *a.orgs}, {*b.countries, *b.orgs}
        if (parties_a or parties_b) and not parties_a & parties_b:
            continue
        same_day = a.date == b.date and len(str(a.date)) == 10
        if same_day or title_words(a, party_words) & title_words(b, party_words):
            pair = tuple(sorted((a.id, b.id)))
            if pair not in TWO_HAPPENINGS:
                suspects.append(pair)
    assert not suspects, suspects
    ids = {e.id for e in base.events}
    for pair in TWO_HAPPENINGS:  # no stale exception
        assert set(pair) <= ids


def test_merged_events_keep_what_both_said(base: FactBase) -> None:
    events = events_by_id(base)
    for gone in ("putin-no-confrontation", "hariri-tribunal-stance", "gates-one-cold-war"):
        assert gone not in events
    interview = events["putin-new-targets-in-europe"]
    assert "new targets in Europe" in (interview.summary or "")
    assert "confrontation" in (interview.summary or "")
    assert "g8" in interview.orgs
    tribunal = events["unsc-resolution-1757"]
    assert str(tribunal.date) == "2007-05-30"
    assert "16 May 2007" in (tribunal.summary or "")  # the article's claim, kept
    munich = events["munich-speech"]
    assert "One Cold War was quite enough" in (munich.summary or "")
    assert "monopolistic dominance" in (munich.summary or "")


# --- disputes -------------------------------------------------------------------------------


@pytest.mark.parametrize("columns", [80, 200])
def test_crimea_shows_its_status_since_2014(columns: int) -> None:
    shown = table("disputes", "crimea", columns=columns)
    assert "unresolved since 2014-03-18" in shown
    assert "resolved 1997-05-31" in shown


def test_crimea_as_data(cli: Cli) -> None:
    [crimea] = page(cli, "disputes", "crimea")
    assert (crimea["status"], crimea["since"], crimea["resolved_on"]) == (
        "unresolved",
        "1991",
        None,
    )
    assert (crimea["terms"][-1]["status"], crimea["terms"][-1]["since"]) == (
        "unresolved",
        "2014-03-18",
    )
    [then] = page(cli, "disputes", "crimea", "--as-of", "2005")
    assert (then["status"], then["resolved_on"]) == ("resolved", "1997-05-31")


def test_no_dispute_is_resolved_before_it_began(base: FactBase) -> None:
    for d in base.disputes:
        began = d.since.start if d.since else dt.date.min
        for term in d.terms:
            if term.since is not None:
                assert term.since.start >= began, d.id
            if term.status is Status.RESOLVED:
                assert term.since is not None, d.id
                assert term.since.start >= began, d.id
        if d.resolved_on is not None:
            assert d.resolved_on.start >= began, d.id


@pytest.mark.parametrize(
    ("name", "year", "words"),
    [
        ("Kyrgyzstan", "2000", "Kant"), ("Belarus", "1992", "Union State"),
        ("Georgia", "1992", "UNOMIG"), ("Croatia", "1995", "UNMOP"),
        ("Tajikistan", "2003", "201st"),
    ],
)  # fmt: skip
def test_no_note_speaks_of_what_came_later(
    base: FactBase, name: str, year: str, words: str
) -> None:
    then = query.as_of(country(base, name), PartialDate.parse(year))
    assert not [n for n in then.notes if words in n]
    now = country(base, name)
    assert [n for n in now.notes if words in n]


def test_an_org_note_is_dated_by_the_latest_fact_it_states(base: FactBase) -> None:
    cis = {o.id: o for o in query.orgs(base, as_of=PartialDate.parse("1992"))}["cis"]
    assert cis.notes is None  # it speaks of Georgia's withdrawal in 2009
    cis = {o.id: o for o in query.orgs(base, as_of=PartialDate.parse("2009-08-18"))}["cis"]
    assert cis.notes is not None
    assert "18 August 2009" in cis.notes
