"""Treaties, the fifth kind: the shipped ones through the query layer and the command line."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import tomllib
from pathlib import Path

import jsonschema
import pytest

from factcli import query, searching
from factcli.dates import PartialDate
from factcli.load import FactBaseError, load
from factcli.model import FactBase, TreatyStatus
from factcli.schema import fact_file_schema
from tests.conftest import SMALL, Cli, write_base

SHIPPED = Path(__file__).parents[1] / "facts"


@pytest.fixture(scope="module")
def base() -> FactBase:
    return load(SHIPPED)


def status(base: FactBase, treaty: str, when: str) -> TreatyStatus | None:
    found = [t for t in query.treaties(base, as_of=PartialDate.parse(when)) if t.id == treaty]
    return found[0].status if found else None


def test_the_cfe_treaty_was_suspended_in_2010_and_left_by_2024(base: FactBase) -> None:
    assert status(base, "cfe", "2006") is TreatyStatus.IN_FORCE
    assert status(base, "cfe", "2010") is TreatyStatus.SUSPENDED
    assert status(base, "cfe", "2024") is TreatyStatus.WITHDRAWN


def test_the_friendship_treaty_with_ukraine_held_in_2000(base: FactBase) -> None:
    assert status(base, "ukraine-friendship-treaty", "2000") is TreatyStatus.IN_FORCE
    assert status(base, "ukraine-friendship-treaty", "1998") is TreatyStatus.SIGNED
    assert status(base, "ukraine-friendship-treaty", "2020") is TreatyStatus.TERMINATED
    assert status(base, "ukraine-friendship-treaty", "1996") is None  # not yet signed


def test_the_treaties_with_estonia(base: FactBase, cli: Cli) -> None:
    found = {t.id for t in query.treaties(base, countries=["Estonia"])}
    assert {"estonia-border-treaty", "tartu-peace-treaty"} <= found
    out = json.loads(cli("treaties", "--country", "EE", "--json", facts=SHIPPED).stdout)
    assert {t["id"] for t in out} == found
    assert all("Estonia" in t["countries"] for t in out)


def test_the_table_says_how_each_stood(cli: Cli) -> None:
    table = cli("treaties", "cfe", "--as-of", "2024", facts=SHIPPED).stdout
    assert "suspended from 2007-12-12" in table  # no longer: withdrawn after
    assert "withdrawn 2023-11-07" in table
    earlier = cli("treaties", "cfe", "--as-of", "2010", facts=SHIPPED).stdout
    assert "suspended since 2007-12-12" in earlier
    assert "withdrawn" not in earlier  # what came later is not told


def test_status_and_limit(cli: Cli, base: FactBase) -> None:
    out = json.loads(cli("treaties", "--status", "in force", "--json", facts=SHIPPED).stdout)
    assert out
    assert {t["status"] for t in out} == {"in force"}
    every = len(base.treaties)
    table = cli("treaties", "--limit", "2", facts=SHIPPED).stdout
    assert f"treaties (2 of {every})" in table.splitlines()[0]


def test_search_finds_treaties(base: FactBase, cli: Cli) -> None:
    assert "cfe" in {r.id for r in searching.search(base, "conventional armed forces")}
    out = json.loads(
        cli("search", "friendship", "--kind", "treaty", "--json", facts=SHIPPED).stdout
    )
    assert "ukraine-friendship-treaty" in {r["id"] for r in out}
    assert {r["kind"] for r in out} == {"treaty"}


def test_a_country_page_lists_its_treaties(cli: Cli) -> None:
    page = json.loads(cli("country", "Ukraine", "--as-of", "2000", "--json", facts=SHIPPED).stdout)
    assert list(page)[-3:] == ["disputes", "treaties", "events"]
    friendship = next(t for t in page["treaties"] if t["id"] == "ukraine-friendship-treaty")
    assert friendship["status"] == "in force"
    assert "Treaties (" in cli("country", "Ukraine", facts=SHIPPED).stdout


def test_events_name_the_treaties_they_concern(base: FactBase) -> None:
    suspension = next(e for e in base.events if e.id == "cfe-suspension")
    assert "cfe" in suspension.treaties
    ids = {t.id for t in base.treaties}
    assert all(set(e.treaties) <= ids for e in base.events)


def test_an_unknown_treaty_is_a_problem_with_a_hint(tmp_path: Path) -> None:
    facts = {**SMALL, "events.toml": SMALL["events.toml"] + '\n        treaties = ["cfee"]\n'}
    facts["t.toml"] = """
        [[treaty]]
        id = "cfe"
        name = "CFE Treaty"
        summary = "s"
        terms = [{ status = "in force", since = "1992-11-09" }]
        sources = ["s"]
        """
    with pytest.raises(FactBaseError) as e:
        load(write_base(tmp_path / "f", facts))
    said = [str(p) for p in e.value.problems]
    assert any("unknown treaty 'cfee' (did you mean 'cfe'?)" in s for s in said), said


def test_the_export_has_treaties_and_their_terms(base: FactBase, tmp_path: Path) -> None:
    from factcli.export import write_sqlite

    target = tmp_path / "facts.db"
    write_sqlite(base, target)
    with contextlib.closing(sqlite3.connect(target)) as db:
        (n,) = db.execute("SELECT count(*) FROM treaties").fetchone()
        terms = db.execute(
            "SELECT status, since FROM treaty_terms WHERE treaty_id = 'cfe' ORDER BY seq"
        ).fetchall()
        linked = db.execute("SELECT treaty_id FROM event_treaties").fetchall()
    assert n == len(base.treaties)
    assert terms[-2:] == [("suspended", "2007-12-12"), ("withdrawn", "2023-11-07")]
    assert ("cfe",) in linked


def as_json(value: object) -> object:
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value.isoformat() if hasattr(value, "isoformat") else value


def test_the_schema_validates_treaty_records() -> None:
    validator = jsonschema.Draft202012Validator(fact_file_schema())
    doc = as_json(tomllib.loads((SHIPPED / "treaties.toml").read_text(encoding="utf-8")))
    assert list(validator.iter_errors(doc)) == []
    bad = {"treaty": [{"id": "x", "name": "n", "summary": "s", "sources": ["s"],
                       "terms": [{"status": "ratifed"}]}]}  # fmt: skip
    assert list(validator.iter_errors(bad))


def test_limit_0_says_how_many_there_were(cli: Cli, base: FactBase) -> None:
    result = cli("treaties", "--limit", "0", facts=SHIPPED)
    said = f"No treaties shown (--limit 0 of {len(base.treaties)} matching treaties).\n"
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", said)
