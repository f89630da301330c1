"""Answers about a moment are right or say that they cannot know: founded and dissolved,
unknown starts, dated notes, and the rules a fact author can rely on."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from factcli import query
from factcli.load import load
from factcli.model import Note, PartialDate
from factcli.schema import fact_file_schema
from tests.conftest import SMALL, Cli, write_base
from tests.test_cache import via_the_cache
from tests.test_load import problems

NEXT_YEAR = str(dt.date.today().year + 1)
NOT_PAST = (
    f"role 'former' is an ended tie, but 'until' {NEXT_YEAR} runs to {NEXT_YEAR}-12-31: not past"
)

ORGS = f"""
    [[org]]
    id = "sco"
    name = "Shanghai Cooperation Organisation"
    category = "regional"
    founded = "2001-06-15"
    terms = [{{ role = "member" }}]
    notes = {{ text = "Expanded to India and Pakistan.", date = "2017-06-09" }}
    sources = ["International membership"]

    [[org]]
    id = "mystery"
    name = "An organization of unknown age"
    category = "regional"
    terms = [{{ role = "member" }}]
    sources = ["International membership"]

    [[org]]
    id = "unomig"
    name = "UN Observer Mission in Georgia"
    category = "un-mission"
    founded = "1993-08-24"
    dissolved = "2009-06-15"
    terms = [
      {{ role = "participant", since = "1993-08-24", until = "2009-06-15", end = "dissolved" }},
    ]
    sources = ["International membership"]

    [[org]]
    id = "pact"
    name = "A pact that lasts a while longer"
    category = "security"
    founded = "2000"
    terms = [{{ role = "member", since = "2000", until = "{NEXT_YEAR}" }}]
    sources = ["International membership"]
"""

COUNTRIES = (
    SMALL["countries.toml"]
    .replace(
        'notes = ["Border treaty announced by President Arnold Rüütel"]',
        """notes = [
      "Border treaty announced by President Arnold Rüütel",
      { text = "Russia withdrew its signature.", date = "2005-09-06" },
    ]""",
    )
    .replace(
        'relation = "Strained over the Kuril Islands"',
        """relations = [
      { relation = "Cool", since = "1991" },
      { relation = "Warm under a leader now gone", since = "2000-05-07", until = "2008-05-07" },
    ]""",
    )
)

EVENTS = SMALL["events.toml"].replace('orgs = ["coe"]', "")  # the orgs here are others
BASE = {**SMALL, "orgs.toml": ORGS, "countries.toml": COUNTRIES, "events.toml": EVENTS}


@pytest.fixture
def timed(tmp_path: Path) -> Path:
    return write_base(tmp_path / "timed", BASE)


def ids(found: list[Any]) -> list[str]:
    return [r.id for r in found]


def json_of(cli: Cli, facts: Path, *args: str) -> Any:
    result = cli(*args, "--json", facts=facts)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# --- the query layer -----------------------------------------------------------------------


def test_a_first_term_without_since_starts_at_founding(timed: Path) -> None:
    base = load(timed)
    assert "sco" not in ids(query.orgs(base, as_of=PartialDate.parse("2000")))
    assert "sco" in ids(query.orgs(base, as_of=PartialDate.parse("2001-06-15")))
    assert "sco" not in ids(query.orgs(base, as_of=PartialDate.parse("2001-06-14")))


def test_an_unknown_start_is_never_always(timed: Path) -> None:
    base = load(timed)
    unknown: list[Any] = []
    found = query.orgs(base, as_of=PartialDate.parse("1995"), unknown=unknown)
    assert ids(found) == ["unomig"]
    assert ids(unknown) == ["mystery"]
    # Today is the one moment at which an open tie of unknown start is known to hold.
    assert "mystery" in ids(query.orgs(base, as_of=query.today()))
    assert "mystery" in ids(query.orgs(base, time=query.Time.CURRENT))


def test_an_until_still_to_come_is_current_never_ended(timed: Path) -> None:
    base = load(timed)
    assert "pact" in ids(query.orgs(base, time=query.Time.CURRENT))
    assert "pact" not in ids(query.orgs(base, time=query.Time.ENDED))
    assert "pact" in ids(query.orgs(base, as_of=query.today()))


def test_current_ended_and_as_of_today_agree(timed: Path) -> None:
    base = load(timed)
    current = set(ids(query.orgs(base, time=query.Time.CURRENT)))
    ended = set(ids(query.orgs(base, time=query.Time.ENDED)))
    assert current == set(ids(query.orgs(base, as_of=query.today())))
    assert current.isdisjoint(ended)
    assert ended == {"unomig"}


def test_notes_dated_after_the_moment_are_left_out(timed: Path) -> None:
    base = load(timed)
    sco = next(o for o in query.orgs(base, as_of=PartialDate.parse("2010")) if o.id == "sco")
    assert sco.notes is None
    sco = next(o for o in query.orgs(base, as_of=PartialDate.parse("2017")) if o.id == "sco")
    assert sco.notes == "Expanded to India and Pakistan."
    estonia = next(c for c in base.countries if c.name == "Estonia")
    assert query.as_of(estonia, PartialDate.parse("2005-08")).notes == (
        "Border treaty announced by President Arnold Rüütel",
    )
    assert len(query.as_of(estonia, PartialDate.parse("2005-09")).notes) == 2


def test_counts_as_of_a_moment(timed: Path) -> None:
    base = load(timed)
    now = {r.country.name: r for r in query.country_counts(base)}
    then = {r.country.name: r for r in query.country_counts(base, PartialDate.parse("2006"))}
    assert (now["Japan"].events, then["Japan"].events) == (1, 0)
    assert then["Japan"].country.relation == "Warm under a leader now gone"
    assert now["Estonia"].disputes == then["Estonia"].disputes == 1


def test_dated_notes_survive_the_cache_codec(timed: Path) -> None:
    base, again = via_the_cache(timed)
    sco = next(o for o in again.orgs if o.id == "sco")
    assert isinstance(sco.notes, Note)
    assert str(sco.notes.date) == "2017-06-09"
    assert again == base


# --- the command line ----------------------------------------------------------------------


def test_as_of_says_what_it_could_not_place(cli: Cli, timed: Path) -> None:
    result = cli("orgs", "--as-of", "1995", "--json", facts=timed)
    assert (result.exit_code, [o["id"] for o in json.loads(result.stdout)]) == (0, ["unomig"])
    assert result.stderr == (
        "Note: 1 tie has no recorded start and could not be placed as of 1995; not listed.\n"
    )
    assert cli("orgs", "--as-of", "2005", facts=timed).stderr.startswith("Note: 1 tie has")
    assert cli("orgs", facts=timed).stderr == ""


def test_orgs_json_gives_founded_and_dissolved(cli: Cli, timed: Path) -> None:
    unomig = next(o for o in json_of(cli, timed, "orgs") if o["id"] == "unomig")
    assert (unomig["founded"], unomig["dissolved"]) == ("1993-08-24", "2009-06-15")


def test_dated_notes_in_json_csv_and_as_of(cli: Cli, timed: Path) -> None:
    sco = next(o for o in json_of(cli, timed, "orgs") if o["id"] == "sco")
    assert sco["notes"] == {"text": "Expanded to India and Pakistan.", "date": "2017-06-09"}
    estonia = json_of(cli, timed, "country", "Estonia")
    assert estonia["notes"][1] == {"text": "Russia withdrew its signature.", "date": "2005-09-06"}
    before = json_of(cli, timed, "country", "Estonia", "--as-of", "2005-08")
    assert before["notes"] == ["Border treaty announced by President Arnold Rüütel"]
    csv = cli("orgs", "sco", "--format", "csv", "--fields", "id,notes", facts=timed).stdout
    assert csv.splitlines()[1] == "sco,Expanded to India and Pakistan. (2017-06-09)"


def test_an_ended_relation_line_shows_its_span(cli: Cli, timed: Path) -> None:
    page = cli("country", "Japan", facts=timed).stdout
    assert "Warm under a leader now gone (2000-05-07 – 2008-05-07)" in page
    listing = cli("country", facts=timed).stdout
    assert "(until 2008-05-07)" in listing


def test_country_as_of_without_a_name(cli: Cli, timed: Path) -> None:
    rows = {r["name"]: r for r in json_of(cli, timed, "country", "--as-of", "2006")}
    assert rows["Japan"]["relation"] == "Warm under a leader now gone"
    assert rows["Japan"]["event_count"] == 0
    assert rows["United Kingdom"]["event_count"] == 0
    later = {r["name"]: r for r in json_of(cli, timed, "country", "--as-of", "2007")}
    assert later["United Kingdom"]["event_count"] == 2
    table = cli("country", "--as-of", "2006", facts=timed).stdout
    assert table.splitlines()[0] == "Russia — countries, as of 2006 (5)"


# --- what validate tells a fact author ------------------------------------------------------


def broken(tmp_path: Path, orgs: str) -> Path:
    return write_base(tmp_path / "broken", {**SMALL, "orgs.toml": orgs, "events.toml": EVENTS})


def test_a_term_before_founding_is_a_problem_at_its_line(tmp_path: Path) -> None:
    orgs = """
        [[org]]
        id = "sco"
        name = "Shanghai Cooperation Organisation"
        category = "regional"
        founded = "2001-06-15"
        terms = [
          { role = "observer", since = "1996" },
          { role = "member", since = "2001-06-15" },
        ]
        sources = ["International membership"]
        """
    assert problems(broken(tmp_path, orgs)) == [
        "orgs.toml:7: org 'sco': term 1: starts 1996, before the org was founded (2001-06-15)"
    ]


def test_a_tie_cannot_outlast_its_org(tmp_path: Path) -> None:
    orgs = """
        [[org]]
        id = "a"
        name = "A"
        category = "un-mission"
        founded = "1993"
        dissolved = "2009-06-15"
        terms = [{ role = "participant", since = "1993", until = "2010" }]
        sources = ["x"]

        [[org]]
        id = "b"
        name = "B"
        category = "un-mission"
        founded = "1993"
        dissolved = "2009-06-15"
        terms = [{ role = "participant", since = "1993" }]
        sources = ["x"]

        [[org]]
        id = "c"
        name = "C"
        category = "un-mission"
        founded = "2009"
        dissolved = "1993"
        role = "member"
        sources = ["x"]
        """
    assert problems(broken(tmp_path, orgs)) == [
        "orgs.toml:7: org 'a': term 1: lasts until 2010, after the org was dissolved (2009-06-15)",
        "orgs.toml:16: org 'b': term 1: the org was dissolved (2009-06-15): give the tie's 'until'",
        "orgs.toml:24: org 'c': 'dissolved' 1993 is before 'founded' 2009",
    ]


def test_a_former_role_has_ended(tmp_path: Path) -> None:
    orgs = f"""
        [[org]]
        id = "a"
        name = "A"
        category = "political"
        terms = [{{ role = "member", since = "1990" }}, {{ role = "former", since = "2000" }}]
        sources = ["x"]

        [[org]]
        id = "b"
        name = "B"
        category = "political"
        role = "former"
        since = "1990"
        until = "{NEXT_YEAR}"
        sources = ["x"]
        """
    assert problems(broken(tmp_path, orgs)) == [
        "orgs.toml:5: org 'a': term 2: role 'former' needs 'until'",
        f"orgs.toml:14: org 'b': {NOT_PAST}",
    ]


def test_a_dispute_cannot_be_resolved_before_it_began(tmp_path: Path) -> None:
    disputes = """
        [[dispute]]
        id = "d"
        name = "D"
        countries = ["Japan"]
        territories = ["T"]
        since = "1991"
        terms = [{ status = "unresolved", since = "1991" }, { status = "resolved", since = "1990" }]
        summary = "S"
        sources = ["x"]

        [[dispute]]
        id = "e"
        name = "E"
        countries = ["Japan"]
        territories = ["T"]
        since = "1991"
        terms = [{ status = "resolved", since = "1985" }]
        summary = "S"
        sources = ["x"]
        """
    found = problems(write_base(tmp_path / "d", {**SMALL, "disputes.toml": disputes}))
    assert found == [
        "disputes.toml:7: dispute 'd': term 2: starts 1990, before term 1 (1991)",
        "disputes.toml:17: dispute 'e': term 1: starts 1985, before the dispute began (1991)",
    ]


@pytest.mark.parametrize(
    ("note", "message"),
    [
        ('{ text = "x" }', "a dated note needs both 'text' and 'date'"),
        ('{ text = "x", date = "2009-13" }',
         "the note's 'date': invalid date '2009-13' (expected YYYY, YYYY-MM or YYYY-MM-DD)"),
        ('{ text = "", date = "2009" }', "the note's 'text': must not be empty"),
        ('{ txt = "x", date = "2009" }', "unknown field 'txt' in a note (did you mean 'text'?)"),
        ("42", 'must be a string or { text = "...", date = "..." }, not an integer'),
    ],
)  # fmt: skip
def test_a_bad_note_is_a_problem_at_its_line(tmp_path: Path, note: str, message: str) -> None:
    orgs = f"""
        [[org]]
        id = "a"
        name = "A"
        category = "political"
        role = "member"
        notes = {note}
        sources = ["x"]
        """
    assert problems(broken(tmp_path, orgs)) == [f"orgs.toml:6: org 'a': 'notes': {message}"]


def test_the_schema_takes_dated_notes_and_founding_dates() -> None:
    schema = fact_file_schema()
    org = {"id": "a", "name": "A", "category": "x", "role": "member", "sources": ["x"],
           "founded": "2001-06-15", "notes": {"text": "t", "date": "2017"}}  # fmt: skip
    jsonschema.validate({"org": [org]}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"org": [{**org, "notes": {"text": "t"}}]}, schema)
    country = {"name": "Japan", "sources": ["x"], "notes": ["a", {"text": "b", "date": "2009"}]}
    jsonschema.validate({"country": [country]}, schema)


# --- no date that validate accepts crashes a command ---------------------------------------

EDGES = {
    **SMALL,
    "events.toml": EVENTS,
    "orgs.toml": """
        [[org]]
        id = "old"
        name = "Old"
        category = "regional"
        founded = "0001"
        terms = [{ role = "member", since = "0001" }, { role = "observer", since = "0001-01-02" }]
        notes = { text = "n", date = "0001" }
        sources = ["x"]

        [[org]]
        id = "late"
        name = "Late"
        category = "regional"
        founded = "9999-12"
        terms = [{ role = "member", since = "9999-12-31", until = "9999-12-31", end = "left" }]
        sources = ["x"]
        """,
}


@pytest.mark.parametrize(
    "args",
    [
        ("orgs", "--as-of", "0001"), ("orgs", "--as-of", "9999"), ("orgs", "--current"),
        ("orgs", "--ended"), ("orgs",), ("disputes", "--as-of", "0001"),
        ("country", "--as-of", "0001"), ("country", "Japan", "--as-of", "0001"),
        ("events", "--since", "0001", "--until", "9999-12-31"), ("search", "old"),
    ],
)  # fmt: skip
def test_dates_at_the_edges_of_the_calendar(cli: Cli, tmp_path: Path, args: tuple[str]) -> None:
    facts = write_base(tmp_path / "edges", EDGES)
    for fmt in ("--json", "--format=table", "--format=csv"):
        result = cli(*args, fmt, facts=facts)
        assert result.exit_code == 0, (fmt, result.output)


# --- the same rules through the command line ----------------------------------------------


def test_validate_reports_the_time_rules(cli: Cli, tmp_path: Path) -> None:
    orgs = f"""
        [[org]]
        id = "sco"
        name = "Shanghai Cooperation Organisation"
        category = "regional"
        founded = "2001-06-15"
        terms = [{{ role = "observer", since = "1996" }}]
        sources = ["x"]

        [[org]]
        id = "b"
        name = "B"
        category = "political"
        role = "former"
        since = "1990"
        until = "{NEXT_YEAR}"
        sources = ["x"]
        """
    facts = broken(tmp_path, orgs)
    result = cli("validate", str(facts), facts=facts)
    assert result.exit_code == 1
    assert result.stdout.replace(f"{facts}/", "").splitlines()[:2] == [
        "orgs.toml:6: org 'sco': term 1: starts 1996, before the org was founded (2001-06-15)",
        f"orgs.toml:15: org 'b': {NOT_PAST}",
    ]


def test_current_ended_and_as_of_today_agree_on_the_command_line(cli: Cli, timed: Path) -> None:
    today = str(dt.date.today())
    current = {o["id"] for o in json_of(cli, timed, "orgs", "--current")}
    ended = {o["id"] for o in json_of(cli, timed, "orgs", "--ended")}
    assert current == {o["id"] for o in json_of(cli, timed, "orgs", "--as-of", today)}
    assert (current, ended) == ({"sco", "mystery", "pact"}, {"unomig"})


def test_disputes_and_relation_lines_of_unknown_start(cli: Cli, timed: Path) -> None:
    result = cli("disputes", "--as-of", "2000", "--json", facts=timed)
    assert [d["id"] for d in json.loads(result.stdout)] == ["kuril-islands"]
    assert result.stderr == (
        "Note: 1 dispute has no recorded start and could not be placed as of 2000; not listed.\n"
    )
    # Before 2005-05-18 the Estonian dispute was not yet resolved.
    assert json_of(cli, timed, "disputes", "--as-of", "2005-05-17", "estonia") == []
    resolved = json_of(cli, timed, "disputes", "--as-of", "2005-05-18", "estonia")
    assert [(d["status"], d["resolved_on"]) for d in resolved] == [("resolved", "2005-05-18")]
    page = cli("country", "United Kingdom", "--as-of", "2000", facts=timed)
    assert page.exit_code == 0
    assert page.stderr == ""  # no relation line at all: nothing to place


SUSPENDED = """
    [[org]]
    id = "cbss"
    name = "Council of the Baltic Sea States"
    category = "regional"
    founded = "1992-03"
    terms = [
      { role = "member", since = "1992-03" },
      { role = "suspended", since = "2022-03-03", until = "2022-05-17", end = "left" },
    ]
    sources = ["International membership"]
"""


def test_a_later_term_never_reads_as_the_start_of_the_tie(cli: Cli, tmp_path: Path) -> None:
    facts = write_base(tmp_path / "s", {**BASE, "orgs.toml": SUSPENDED})
    result = cli("orgs", "--as-of", "2022-04", facts=facts)
    assert result.exit_code == 0
    lines = [line.split() for line in result.stdout.splitlines()[4:7]]
    assert [words[-2:] for words in lines] == [
        ["from", "1992-03"], ["from", "2022-03-03"], ["left", "2022-05-17"],
    ]  # fmt: skip
    assert "suspended" in lines[0]
    assert "member" in lines[0]
    # Before the suspension the tie was a membership, holding then since its start.
    before = cli("orgs", "--as-of", "2021", facts=facts).stdout
    assert "since 1992-03" in before
    assert "2022" not in before
    assert [o["role"] for o in json_of(cli, facts, "orgs", "--as-of", "2022-04")] == ["suspended"]
    assert json_of(cli, facts, "orgs", "--as-of", "2022-04", "--role", "member") == []


def test_a_line_written_twice_shows_the_dates_of_the_term_in_force(
    cli: Cli, tmp_path: Path
) -> None:
    twice = COUNTRIES.replace(
        '{ relation = "Cool", since = "1991" },',
        '{ relation = "Friendly", since = "1991", until = "1995" }, '
        '{ relation = "Cool", since = "1996", until = "1999" },\n'
        '      { relation = "Friendly", since = "2000", until = "2000-05-06" },',
    )
    facts = write_base(tmp_path / "t", {**BASE, "countries.toml": twice})
    page = cli("country", "Japan", "--as-of", "1993", facts=facts).stdout
    assert "Friendly (1991 – 1995)" in page
    listing = cli("country", "--as-of", "1993", facts=facts).stdout
    assert "Friendly (until 1995)" in listing


# --- what an outside reading found ----------------------------------------------------------


def test_a_coarse_since_never_reaches_before_founding_or_past_dissolution(tmp_path: Path) -> None:
    orgs = """
        [[org]]
        id = "a"
        name = "A"
        category = "regional"
        founded = "2001-06-15"
        terms = [{ role = "member", since = "2001" }]
        sources = ["x"]

        [[org]]
        id = "b"
        name = "B"
        category = "un-mission"
        founded = "1990"
        dissolved = "2004-03-01"
        terms = [{ role = "participant", since = "1990", until = "2004", end = "dissolved" }]
        sources = ["x"]
        """
    base = load(broken(tmp_path, orgs))
    assert ids(query.orgs(base, as_of=PartialDate.parse("2001-06-14"))) == ["b"]
    assert ids(query.orgs(base, as_of=PartialDate.parse("2001-06-15"))) == ["a", "b"]
    assert ids(query.orgs(base, as_of=PartialDate.parse("2004-03"))) == ["a", "b"]
    assert ids(query.orgs(base, as_of=PartialDate.parse("2004-06"))) == ["a"]


def test_nothing_is_known_of_the_future(timed: Path) -> None:
    base = load(timed)
    later = PartialDate(dt.date.today().year + 2)
    # Only a tie whose recorded end lies beyond the moment could be said to hold then.
    assert ids(query.orgs(base, as_of=later)) == []
    assert ids(query.orgs(base, as_of=PartialDate.parse(NEXT_YEAR))) == ["pact"]


def test_the_unplaced_note_counts_only_what_the_filters_ask_for(cli: Cli, timed: Path) -> None:
    member = cli("orgs", "--as-of", "1995", "--role", "member", "--json", facts=timed)
    assert member.stderr.startswith("Note: 1 tie has no recorded start")
    observer = cli("orgs", "--as-of", "1995", "--role", "observer", "--json", facts=timed)
    assert (observer.stdout, observer.stderr) == ("[]\n", "")


def test_a_dispute_as_of_a_moment_shows_its_history_up_to_then(cli: Cli, tmp_path: Path) -> None:
    disputes = """
        [[dispute]]
        id = "crimea"
        name = "Crimea"
        countries = ["Japan"]
        territories = ["Crimea"]
        terms = [
          { status = "unresolved", since = "1991" },
          { status = "resolved", since = "1997-05-31" },
          { status = "unresolved", since = "2014-03-18" },
        ]
        summary = "S"
        sources = ["x"]
        """
    facts = write_base(tmp_path / "d", {**BASE, "disputes.toml": disputes})
    then = cli("disputes", "--as-of", "2000", facts=facts).stdout
    assert "resolved 1997-05-31" in then
    assert "2014" not in then
    assert "unresolved since 2014-03-18" in cli("disputes", facts=facts).stdout
    page = cli("country", "Japan", "--as-of", "1995", facts=facts).stdout
    assert "unresolved since 1991" in page
    assert "1997" not in page


def test_held_starts_at_founding_and_shows_every_term(cli: Cli, timed: Path) -> None:
    table = cli("orgs", "sco", facts=timed).stdout
    assert "since 2001-06-15" in table
    twice = ORGS.replace(
        'terms = [{ role = "member" }]\n    notes',
        'terms = [{ role = "member" }, { role = "member", since = "2014-04-01" }]\n    notes',
    )
    facts = write_base(timed.parent / "n", {**BASE, "orgs.toml": twice})
    lines = cli("orgs", "sco", facts=facts).stdout
    assert "member from 2001-06-15" in lines
    assert "member since 2014-04-01" in lines


def test_every_bad_note_of_a_list_is_named(tmp_path: Path) -> None:
    countries = COUNTRIES.replace(
        '{ text = "Russia withdrew its signature.", date = "2005-09-06" },',
        '{ text = "a", date = "2005-13" }, 42, { text = "", date = "2005" },',
    )
    facts = write_base(tmp_path / "n", {**BASE, "countries.toml": countries})
    found = [p for p in problems(facts) if "'notes'" in p]
    assert len(found) == 1
    assert found[0].endswith(
        "'notes': note 2: the note's 'date': invalid date '2005-13' (expected YYYY, YYYY-MM or "
        'YYYY-MM-DD); note 3: must be a string or { text = "...", date = "..." }, not an '
        "integer; note 4: the note's 'text': must not be empty"
    )


def test_the_schema_refuses_year_zero() -> None:
    schema = fact_file_schema()
    event = {"id": "e", "date": "0000", "title": "t", "sources": ["x"]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"event": [event]}, schema)
    jsonschema.validate({"event": [{**event, "date": "0001"}]}, schema)
