# mypy: disable-error-code="no-any-return,operator,assignment,union-attr"
"""The reconciled fact base: what a reader checking it against the article would check.

No fact the article states is missing, no two records state one fact differently, tags say
what their events were about in the summaries' own words, events name the countries involved,
and relations carry their history. The fact files are read with tomllib directly (the country
`relations` histories are read here as written), so these tests do not depend on the loader.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import tomllib
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

FACTS = Path(__file__).parents[1] / "facts"
PUBLIC_RECORD = "Public record: "


def load_kind(kind: str) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for path in sorted(FACTS.glob("*.toml")):
        with path.open("rb") as f:
            records.extend(tomllib.load(f).get(kind, []))
    return records


EVENTS = {e["id"]: e for e in load_kind("event")}
ORGS = {o["id"]: o for o in load_kind("org")}
DISPUTES = {d["id"]: d for d in load_kind("dispute")}
COUNTRIES = {c["name"]: c for c in load_kind("country")}


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def period(text: str | None, *, end: bool) -> dt.date | None:
    """First (or last) day of a "YYYY", "YYYY-MM" or "YYYY-MM-DD" date."""
    if text is None:
        return None
    parts = [int(p) for p in str(text).split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        y, m = parts
        return dt.date(y, m, calendar.monthrange(y, m)[1] if end else 1)
    return dt.date(parts[0], 12, 31) if end else dt.date(parts[0], 1, 1)


def relations(country: dict[str, Any]) -> list[dict[str, Any]]:
    """A country's relation history, oldest first (a v1 line is a history of one term)."""
    if "relations" in country:
        return country["relations"]
    if "relation" in country:
        return [{"relation": country["relation"]}]
    return []


def relation_as_of(country: dict[str, Any], when: str) -> str | None:
    """The relation line in force during `when`: the latest term whose period overlaps it."""
    terms = relations(country)
    lo, hi = period(when, end=False), period(when, end=True)
    found = None
    for i, t in enumerate(terms):
        start = period(t.get("since"), end=False) or dt.date.min
        stop = period(t.get("until"), end=True)
        if stop is None and i + 1 < len(terms):
            stop = period(terms[i + 1]["since"], end=False) - dt.timedelta(days=1)
        stop = stop or dt.date.max
        if start <= hi and stop >= lo:
            found = t["relation"]
    return found


def note_texts(notes: Any) -> str:
    """The text of a note or a list of notes, each a string or a dated {text, date} table."""
    if notes is None:
        return ""
    if isinstance(notes, str | dict):
        notes = [notes]
    return " ".join(n["text"] if isinstance(n, dict) else n for n in notes)


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)


# --- facts the article states that used to have no record -----------------------------------


@pytest.mark.parametrize(
    ("event_id", "date", "phrases"),
    [
        # the dissolution of the Soviet Union, "late 1991"
        ("soviet-union-dissolved", "1991-12-26", ["late 1991", "Ukraine", "Belarus"]),
        # what the Caspian states declared
        ("caspian-summit-tehran", "2007-10-16", ["peaceful nuclear programmes", "Ahmadinejad"]),
        # NATO's concern after the CFE suspension
        ("cfe-suspension", "2007-12-11", ["NATO", "Northern Caucasus"]),
        # why Russia froze counter-terrorism cooperation with Britain
        ("russia-expels-uk-diplomats", "2007-07-19",
         ["counter-terrorism", "suspending contacts", "Federal Security Service", "Shokhin"]),
        # the extradition ban behind the 2007 expulsions, and the exchange that followed
        ("uk-expels-russian-diplomats", "2007-07-16",
         ["constitution prohibits the extradition", "Miliband", "fix their heads", "VCIOM"]),
        # Putin's reasons for the CFE moratorium
        ("cfe-moratorium-announced", "2007-04-26", ["new NATO members", "Istanbul", "Lavrov"]),
        # why Russia opposes NATO membership for Ukraine and Georgia
        ("nato-bucharest-summit", "2008-04-02", ["influence over its neighbours"]),
        # the European involvement Putin proposed for the Gabala radar
        ("gabala-radar-proposal", "2007-06-07", ["European countries", "modernize"]),
        # the CIS agreements that were not fulfilled
        ("cis-founded", "1991-12-08", ["not fulfilled", "drift away"]),
        # what the naval sortie was for
        ("mediterranean-sortie-announced", "2007-12-05", ["regular Russian naval patrols"]),
        # the SCO is no military alliance, said Putin and Baluyevsky
        ("bomber-patrols-resumed", "2007-08-17", ["inappropriate", "Baluyevsky"]),
    ],
)  # fmt: skip
def test_the_article_facts_are_held(event_id: str, date: str, phrases: list[str]) -> None:
    event = EVENTS[event_id]
    assert event["date"] == date
    for phrase in phrases:
        assert phrase in event["summary"], (event_id, phrase)


def test_the_dissolution_of_the_soviet_union() -> None:
    event = EVENTS["soviet-union-dissolved"]
    assert any(s.startswith(PUBLIC_RECORD) for s in event["sources"])
    assert "Former Soviet Republics" in event["sources"]
    assert "dissolution" in event["tags"]


# --- precision and clarity -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("event_id", "date", "claim"),
    [
        ("putin-presidency-begins", "1999-12-31", "January 2000"),
        ("putin-presidency-ends", "2008-05-07", "May 2008"),
        ("putin-presidency-returns", "2012-05-07", "2012"),
        ("nato-russia-council", "2002-05-28", "May 2002"),
        ("us-soviet-summit-cancelled-1960", "1960-05", "1960"),
    ],
)
def test_dates_as_precise_as_the_cited_record(event_id: str, date: str, claim: str) -> None:
    event = EVENTS[event_id]
    assert event["date"] == date
    assert claim in event["summary"]
    if len(date) > 7:
        assert any(s.startswith(PUBLIC_RECORD) for s in event["sources"]), event_id


def test_titles_say_what_happened() -> None:
    assert "acting president" in EVENTS["putin-presidency-begins"]["title"]
    assert "extradite" in EVENTS["uk-expels-russian-diplomats"]["title"]
    assert "U-2" in EVENTS["us-soviet-summit-cancelled-1960"]["title"]


def test_events_file_is_in_date_order() -> None:
    events = load_kind("event")  # file order
    keys = [(period(e["date"], end=False), len(e["date"]), e["id"]) for e in events]
    assert keys == sorted(keys)


# --- records that state one fact agree --------------------------------------------------------


def test_uk_expulsions_dated_16_july_2007_in_every_record() -> None:
    assert EVENTS["uk-expels-russian-diplomats"]["date"] == "2007-07-16"
    uk = COUNTRIES["United Kingdom"]
    notes = note_texts(uk["notes"])
    assert "16 July 2007" in notes
    assert any(t.get("since") == "2007-07-16" for t in relations(uk))
    mentioning = 0
    for kind in ("event", "org", "dispute", "country"):
        for record in load_kind(kind):
            for text in strings({k: v for k, v in record.items() if k != "sources"}):
                if "Lugovoi" in text and "expel" in text:
                    mentioning += 1
                    if "20 July" in text:
                        assert "article" in text, (kind, text)
                        assert "16 July" in text, (kind, text)
    assert mentioning >= 3


# (the article's claim, the corrected fact): wherever a record repeats the claim it says that it
# is the article's and states the correction next to it.
CORRECTED_CLAIMS = [
    ("20 July 2007", "16 July 2007"),
    ("20 May 1997", "27 May 1997"),
    ("since 1986", "1985"),
    ("January 2000", "31 December 1999"),
    ("signed the Antarctic Treaty in 1960", "1 December 1959"),
    ("10 December 2007", "12 December 2007"),
]


@pytest.mark.parametrize(("claim", "fact"), CORRECTED_CLAIMS)
def test_a_corrected_claim_never_stands_alone(claim: str, fact: str) -> None:
    for kind in ("event", "org", "dispute", "country"):
        for record in load_kind(kind):
            body = {k: v for k, v in record.items() if k != "sources"}
            text = " ".join(strings(body))
            if claim not in text:
                continue
            rid = record.get("id", record.get("name"))
            assert "article" in text, (rid, claim)
            d = record.get("date")
            fact_as_date = d is not None and period(d, end=False).strftime("%-d %B %Y") == fact
            assert fact in text or fact_as_date or fact in " ".join(record["sources"]), (rid, fact)


# A date stated by an event and by the history of a country, org or dispute.
SAME_DATE = [
    ("uk-expels-russian-diplomats", "country", "United Kingdom", "2007-07-16"),
    ("litvinenko-death", "country", "United Kingdom", "2006-11-23"),
    ("georgia-espionage-controversy", "country", "Georgia", "2006-09-27"),
    ("georgia-severs-relations", "country", "Georgia", "2008-08-29"),
    ("russia-recognizes-abkhazia-south-ossetia", "country", "Abkhazia", "2008-08-26"),
    ("russia-recognizes-abkhazia-south-ossetia", "country", "South Ossetia", "2008-08-26"),
    ("russia-recognizes-abkhazia-south-ossetia", "dispute", "abkhazia-south-ossetia", "2008-08-26"),
    ("crimea-annexation", "country", "Ukraine", "2014-03-18"),
    ("crimea-annexation", "dispute", "crimea", "2014-03-18"),
    ("ukraine-friendship-treaty", "dispute", "crimea", "1997-05-31"),
    ("china-border-agreement", "country", "China", "2008-07-21"),
    ("china-border-agreement", "dispute", "china-border", "2008-07-21"),
    ("russia-withdraws-estonia-border-treaties", "country", "Estonia", "2005-09-06"),
    ("russia-withdraws-estonia-border-treaties", "dispute", "estonia-border", "2005-09-06"),
    ("estonia-border-treaties-signed", "dispute", "estonia-border", "2005-05-18"),
    ("estonia-border-treaties-resigned", "dispute", "estonia-border", "2014-02-18"),
    ("bronze-soldier", "country", "Estonia", "2007-04"),
    ("us-cancels-summit-2013", "country", "United States", "2013-08-07"),
    ("cis-founded", "org", "cis", "1991-12-08"),
    ("nato-russia-council", "org", "nrc", "2002-05-28"),
    ("pfp-signed", "org", "pfp", "1994-06-22"),
    ("eu-russia-pca", "org", "eu", "1994-06-24"),
    ("g8-denver-summit", "org", "g8", "1997-06"),
    ("g8-suspension", "org", "g8", "2014-03-24"),
    ("apec-accession", "org", "apec", "1998-11"),
    ("wto-accession", "org", "wto", "2012-08-22"),
]  # fmt: skip


def history_dates(kind: str, key: str) -> set[str]:
    if kind == "country":
        terms = relations(COUNTRIES[key])
    else:
        record = (ORGS if kind == "org" else DISPUTES)[key]
        terms = record.get("terms") or [record]
    dates = set()
    for t in terms:
        for field in ("since", "until", "resolved_on"):
            if t.get(field) is not None:
                dates.add(str(t[field]))
    return dates


@pytest.mark.parametrize(("event_id", "kind", "key", "date"), SAME_DATE)
def test_an_event_and_a_history_agree_on_its_date(
    event_id: str, kind: str, key: str, date: str
) -> None:
    assert EVENTS[event_id]["date"] == date
    assert date in history_dates(kind, key), (kind, key, sorted(history_dates(kind, key)))


def test_the_georgian_cis_withdrawal_is_dated_alike() -> None:
    assert EVENTS["georgia-leaves-cis"]["date"] == "2009-08-18"
    for text in (note_texts(COUNTRIES["Georgia"]["notes"]), note_texts(ORGS["cis"]["notes"])):
        assert "18 August 2009" in text


def test_the_gabala_radar_dated_alike() -> None:
    assert EVENTS["gabala-radar-in-service"]["date"] == "1985"
    assert "1985" in note_texts(COUNTRIES["Azerbaijan"]["notes"])


# Dates the article does not give, with the record that states each: a "Public record: …"
# source on that same record names the day.
PUBLIC_RECORD_DATES = [
    ("country", "Ukraine", "18 March 2014"),  # its second relation term
    ("event", "crimea-annexation", "18 March 2014"),
    ("event", "september-11-attacks", "11 September 2001"),  # the article gives no year
    ("org", "nrc", "28 May 2002"),  # the article says May 2002
]  # fmt: skip


@pytest.mark.parametrize(("kind", "key", "day"), PUBLIC_RECORD_DATES)
def test_a_public_record_date_cites_its_source(kind: str, key: str, day: str) -> None:
    table = {"country": COUNTRIES, "event": EVENTS, "org": ORGS, "dispute": DISPUTES}[kind]
    sources = [s for s in table[key]["sources"] if s.startswith(PUBLIC_RECORD)]
    assert any(day in s for s in sources), (kind, key, day)


# --- one vocabulary -----------------------------------------------------------------------------

# Tags naming a field rather than a word the summaries use, with the words that show it.
TAG_EVIDENCE = {
    "energy": ("gas", "uranium", "oil", "pipeline"),  # the pipeline and uranium deals
    "religion": ("church",),  # the Act of Canonical Communion
    "commentary": ("wrote",),  # opinion pieces by Kagan and Applebaum
}


def stem(word: str) -> str:
    return word[:6]


def uses(text: str, tag: str) -> bool:
    """Whether every word of `tag` starts a word of `text` (inflection aside, same spelling)."""
    words = set(re.findall(r"[a-z0-9]+", fold(text)))
    return all(any(w.startswith(stem(t)) for w in words) for t in fold(tag).split())


def test_every_tag_is_a_word_its_events_use() -> None:
    tags = {t for e in EVENTS.values() for t in e["tags"]}
    for tag in sorted(tags):
        texts = [f"{e['title']} {e['summary']}" for e in EVENTS.values() if tag in e["tags"]]
        if tag in TAG_EVIDENCE:
            assert any(w in fold(t) for t in texts for w in TAG_EVIDENCE[tag]), tag
        else:
            assert any(uses(t, tag) for t in texts), (
                f"no title or summary of a {tag!r} event says it"
            )


def test_british_spelling_in_tags_and_text() -> None:
    tags = {t for e in EVENTS.values() for t in e["tags"]}
    assert "missile defence" in tags
    assert "missile defense" not in tags
    for e in EVENTS.values():
        text = f"{e['title']} {e['summary']}"
        # "Secretary of Defense" is the US office's name.
        assert "defense" not in text.lower().replace("secretary of defense", ""), e["id"]


def test_tags_say_what_the_event_was_about() -> None:
    for event_id in ("uk-expels-russian-diplomats", "russia-expels-uk-diplomats"):
        tags = EVENTS[event_id]["tags"]
        assert "extradition" in tags, event_id
        assert "espionage" not in tags, event_id
    assert "asylum" in EVENTS["snowden-asylum"]["tags"]
    assert "asylum" in EVENTS["berezovsky-asylum"]["tags"]
    assert "espionage" in EVENTS["georgia-espionage-controversy"]["tags"]
    assert "presidency" in EVENTS["putin-presidency-begins"]["tags"]


def test_the_header_lists_the_tags_in_use() -> None:
    header = (FACTS / "events.toml").read_text(encoding="utf-8").split("\n[[event]]\n")[0]
    listed = re.search(r"# Tags: (.*?)\.\n", header, re.S)
    assert listed is not None
    names = {t.strip() for t in re.sub(r"\n#\s*", " ", listed.group(1)).split(",")}
    assert names == {t for e in EVENTS.values() for t in e["tags"]}


# --- events name their countries and orgs -------------------------------------------------------

ARTICLE_PARTIES = [
    ("munich-speech", {"Germany", "United States"}, set()),
    ("cfe-moratorium-announced", {"Moldova", "Georgia"}, {"nato"}),
    ("cfe-suspension", {"United States"}, {"nato"}),
    ("istanbul-commitments", {"Moldova", "Georgia", "Turkey"}, {"osce", "nato"}),
    ("g8-heiligendamm-summit", {"Germany", "Estonia", "Lithuania", "Georgia", "Poland"}, {"g8"}),
    ("kagan-essay", {"Kosovo", "Ukraine", "Georgia", "Estonia", "United Kingdom"}, {"eu"}),
    ("caspian-summit-tehran", {"Iran", "Azerbaijan", "Kazakhstan", "Turkmenistan"}, set()),
    ("gabala-radar-proposal",
     {"United States", "Azerbaijan", "Poland", "Czech Republic", "Turkey", "Iraq"}, {"nato"}),
    ("sochi-summit", {"United States", "Poland", "Czech Republic"}, set()),
    ("soviet-union-dissolved", {"Ukraine", "Belarus"}, set()),
    ("antarctic-treaty-signed", {"Argentina", "Australia", "Chile", "France", "New Zealand",
                                 "Norway", "United Kingdom", "United States", "Japan"}, set()),
    ("central-asia-coalition-bases", {"United States", "Afghanistan", "Uzbekistan", "Kyrgyzstan"},
     set()),
    ("us-soviet-summit-cancelled-1960", {"United States", "France", "United Kingdom"}, set()),
    ("caspian-settlement", {"Azerbaijan", "Kazakhstan", "Turkmenistan", "Iran"}, set()),
    ("georgia-severs-relations", {"Georgia", "Abkhazia", "South Ossetia"}, set()),
    ("nato-russia-council", {"Italy", "Iceland"}, {"nato", "nrc"}),
    ("south-ossetia-war", {"Georgia", "South Ossetia", "Abkhazia"}, {"cis"}),
    ("bomber-patrols-resumed", {"United States", "China"}, {"sco", "nato"}),
]  # fmt: skip


@pytest.mark.parametrize(("event_id", "countries", "orgs"), ARTICLE_PARTIES)
def test_events_name_their_parties(event_id: str, countries: set[str], orgs: set[str]) -> None:
    event = EVENTS[event_id]
    assert countries <= set(event.get("countries", [])), event_id
    assert orgs <= set(event.get("orgs", [])), event_id


# A country named in an event's title or summary that is not one of its parties, and why.
NAMED_NOT_PARTY = {
    ("victory-day-speech", "Germany"): "Nazi Germany, the commentators' comparison",
    ("unsc-resolution-1757", "China"): "a fellow abstainer in the vote; the event is Russia's vote",
    ("unsc-resolution-1757", "Indonesia"): "a fellow abstainer; the event is Russia's vote",
    ("georgia-leaves-cis", "South Ossetia"): "in the name of the 2008 South Ossetia war",
    ("gabala-radar-in-service", "United States"): "the later offer to share the radar",
}


def names_of(country: dict[str, Any]) -> list[str]:
    return [country["name"], *country.get("aliases", [])]


def test_every_country_an_event_names_is_listed() -> None:
    problems = []
    for event in EVENTS.values():
        text = f"{event['title']} {event['summary']}"
        listed = set(event.get("countries", []))
        for country in COUNTRIES.values():
            if country["name"] in listed:
                continue
            if (event["id"], country["name"]) in NAMED_NOT_PARTY:
                continue
            if names_in(country, text):
                problems.append((event["id"], country["name"]))
    assert not problems, problems
    for event_id, name in NAMED_NOT_PARTY:  # no stale exception
        event = EVENTS[event_id]
        assert names_in(COUNTRIES[name], f"{event['title']} {event['summary']}"), (event_id, name)
        assert name not in event.get("countries", []), (event_id, name)


def names_in(country: dict[str, Any], text: str) -> bool:
    return any(
        len(name) > 3 and re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)
        for name in names_of(country)
    )


def test_events_name_existing_orgs() -> None:
    for event in EVENTS.values():
        assert set(event.get("orgs", [])) <= set(ORGS), event["id"]


# --- relation lines and their histories ---------------------------------------------------------


def test_relation_lines_where_the_article_characterizes_the_relationship() -> None:
    for name in ("Armenia", "Azerbaijan", "Poland", "Czech Republic", "Serbia", "Iraq", "Turkey",
                 "Australia", "Indonesia", "Georgia", "Ukraine", "United Kingdom",
                 "United States", "China", "Japan", "India", "Germany", "Estonia", "Latvia",
                 "Lithuania", "Belarus", "Moldova", "Iran", "Syria", "Cuba", "Venezuela",
                 "Kosovo", "Abkhazia", "South Ossetia"):  # fmt: skip
        assert relations(COUNTRIES[name]), name


def test_georgia_relation_history() -> None:
    georgia = COUNTRIES["Georgia"]
    assert "relation" not in georgia
    terms = relations(georgia)
    assert terms[-1]["since"] == "2008-08-29"
    assert "severed" in terms[-1]["relation"]
    assert "lowest point" in terms[-1]["relation"]
    in_2007 = relation_as_of(georgia, "2007")
    assert in_2007 is not None
    assert "severed" not in in_2007
    assert "espionage" in in_2007
    assert "separatist" in (relation_as_of(georgia, "2005") or "")
    assert relation_as_of(georgia, "2008-09") == terms[-1]["relation"]


def test_ukraine_relation_history() -> None:
    ukraine = COUNTRIES["Ukraine"]
    assert "links" in (relation_as_of(ukraine, "2010") or "")
    assert "Crimea" in (relation_as_of(ukraine, "2015") or "")
    assert "war" in (relation_as_of(ukraine, "2023") or "").lower()


def test_recognized_entities_only_from_the_recognition() -> None:
    for name in ("Abkhazia", "South Ossetia"):
        assert relation_as_of(COUNTRIES[name], "2007") is None, name
        assert "Recognized" in (relation_as_of(COUNTRIES[name], "2009") or ""), name


def test_personal_friendships_are_bounded_by_the_leaders_terms() -> None:
    for name, leader, began, ended in [
        ("Brazil", "Lula", "2003-01-01", "2010-12-31"),  # Rousseff took office on 1 January 2011
        ("France", "Chirac", "1999-12-31", "2007-05-16"),  # from Putin's accession
        ("Italy", "Berlusconi", "2001-06-11", "2011-11-16"),  # his governments from 2001
        ("Germany", "Merkel", "2005-11-22", "2021-12-08"),
        ("United States", "Bush", "2001-01-20", "2009-01-20"),
    ]:
        terms = [t for t in relations(COUNTRIES[name]) if leader in t["relation"]]
        assert terms, name
        assert terms[0]["since"] == began, name
        assert terms[-1]["until"] == ended, name
        # a line about a leader's era never lasts into the present
        assert "until" in terms[-1], name
        now = relation_as_of(COUNTRIES[name], "2024")
        assert now is None or leader not in now, name
    # Germany: what followed the Merkel era is stated, from the halt of Nord Stream 2
    assert "Nord Stream 2" in (relation_as_of(COUNTRIES["Germany"], "2024") or "")
    assert "Schröder" in (relation_as_of(COUNTRIES["Germany"], "2003") or "")
    # Berlusconi's governments: none between May 2006 and May 2008
    assert relation_as_of(COUNTRIES["Italy"], "2007") is None
    assert "Berlusconi" in (relation_as_of(COUNTRIES["Italy"], "2004") or "")


def test_relation_histories_are_well_formed() -> None:
    for country in COUNTRIES.values():
        assert not ("relation" in country and "relations" in country), country["name"]
        terms = country.get("relations")
        if terms is None:
            continue
        assert terms, country["name"]
        previous_start = dt.date.min
        previous_stop = None
        for i, term in enumerate(terms):
            assert set(term) <= {"relation", "since", "until", "note"}, country["name"]
            assert term["relation"].strip(), country["name"]
            if i > 0:
                assert "since" in term, (country["name"], i)
            start = period(term.get("since"), end=False) or dt.date.min
            stop = period(term.get("until"), end=True)
            assert start >= previous_start, (country["name"], i)
            if previous_stop is not None:
                assert start > previous_stop, (country["name"], i)
            if stop is not None:
                assert stop >= start, (country["name"], i)
            previous_start, previous_stop = start, stop
        public = any(s.startswith(PUBLIC_RECORD) for s in country["sources"])
        for term in terms:
            if "since" not in term and "until" not in term:
                continue
            # every date of a term says where it comes from: the article or a public record
            note = term.get("note", "").lower()
            assert "article" in note or "public record" in note, (country["name"], term)
            if "public record" in note:
                assert public, country["name"]
