"""A new kind is its dataclass and its registry entry: every layer that treats kinds alike
follows, with no other module touched. The kind here is a copy of Event named "memo"."""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from factcli import kinds
from factcli.export import write_sqlite
from factcli.kinds import Spec, as_dict, summary
from factcli.load import FactBaseError, load
from factcli.model import Event
from factcli.render import Format, data
from factcli.schema import fact_file_schema
from factcli.searching import search
from factcli.show import records
from tests.conftest import SMALL, Cli, write_base
from tests.test_cache import via_the_cache

MEMOS = """
    [[memo]]
    id = "kuril-memo"
    date = "2005-02"
    title = "A memo on the Kuril Islands"
    countries = ["Japan"]
    sources = ["Territorial disputes"]

    [[memo]]
    id = "estonia-memo"
    date = "2005-05-18"
    title = "A memo on the border treaty"
    countries = ["EE"]
    tags = ["border"]
    sources = ["Territorial disputes"]
"""


@pytest.fixture
def memo(monkeypatch: pytest.MonkeyPatch) -> type[Any]:
    """Event's fields, copied into a class of their own, and one registry entry for it."""
    copied = [
        (f.name, f.type, dataclasses.field(default=f.default, metadata=f.metadata))
        for f in dataclasses.fields(Event)
    ]
    cls = dataclasses.make_dataclass("Memo", copied, frozen=True, slots=True, kw_only=True)
    by_date = lambda m: (m.date.sort_key, m.id)  # noqa: E731
    spec = Spec("memo", cls, "memo", "memos", "memos", "id", by_date, "print_events")
    monkeypatch.setitem(kinds.KINDS, "memo", spec)
    return cls


@pytest.fixture
def facts(tmp_path: Path, memo: type[Any]) -> Path:
    return write_base(tmp_path / "facts", {**SMALL, "memos.toml": MEMOS})


def test_load_checks_and_builds_it(facts: Path, memo: type[Any]) -> None:
    base = load(facts)
    memos = base.records["memos"]
    assert [m.id for m in memos] == ["kuril-memo", "estonia-memo"]
    assert all(type(m) is memo for m in memos)
    assert memos[1].countries == ("Estonia",)  # references resolved, as for events
    (facts / "bad.toml").write_text('[[memo]]\nid = "Bad Id"\ndate = "2005"\ntitle = "t"\n')
    with pytest.raises(FactBaseError) as e:
        load(facts)
    said = [str(p) for p in e.value.problems]
    assert any("bad.toml:2: memo 'Bad Id': 'id': invalid id 'Bad Id'" in s for s in said), said
    assert any("bad.toml:1: memo 'Bad Id': missing required field 'sources'" in s for s in said), (
        said
    )


def test_search_json_and_csv_show_it(
    facts: Path, cli: Cli, capsys: pytest.CaptureFixture[str]
) -> None:
    base = load(facts)
    found = search(base, "kuril")
    assert [(kinds.kind_of(r), r.id) for r in found][-1] == ("memo", "kuril-memo")
    assert [r.id for r in search(base, "memo", "memo")] == ["kuril-memo", "estonia-memo"]
    obj = as_dict(base.records["memos"][0])
    assert (obj["kind"], obj["date"], obj["countries"]) == ("memo", "2005-02", ["Japan"])
    out = json.loads(cli("search", "memo", "--json", facts=facts).stdout)
    assert {(o["kind"], o["id"]) for o in out} == {("memo", "kuril-memo"), ("memo", "estonia-memo")}
    data([as_dict(m) for m in base.records["memos"]], Format.CSV, header=[])
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert (rows[1]["kind"], rows[1]["tags"]) == ("memo", "border")


def test_the_cache_sqlite_and_schema_carry_it(facts: Path, tmp_path: Path) -> None:
    base, again = via_the_cache(facts)
    assert again == base
    target = tmp_path / "facts.db"
    write_sqlite(base, target)
    with contextlib.closing(sqlite3.connect(target)) as db:
        got = db.execute("SELECT id, date FROM memos ORDER BY id").fetchall()
        linked = db.execute("SELECT memo_id, country_id FROM memo_countries").fetchall()
    assert got == [("estonia-memo", "2005-05-18"), ("kuril-memo", "2005-02")]
    assert ("estonia-memo", "estonia") in linked
    schema = fact_file_schema()
    assert schema["properties"]["memo"]["items"]["required"] == ["id", "date", "title", "sources"]
    assert "[[memo]]" in schema["description"]


def test_its_table_is_its_entry_s(facts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = load(facts)
    records(Format.TABLE, "memo", base, base.records["memos"], None)
    out = capsys.readouterr().out
    assert out.splitlines()[0].strip() == "Russia — memos (2)"
    assert "A memo on the Kuril Islands" in out


def test_the_summaries_count_it(facts: Path, cli: Cli, tmp_path: Path) -> None:
    assert summary(load(facts)).endswith(", 2 memos")
    said = cli("validate", facts=facts).stdout
    assert said == "OK: 5 files, 5 countries, 3 orgs, 2 disputes, 0 treaties, 4 events, 2 memos\n"
    target = tmp_path / "x.db"
    exported = cli("export", "--sqlite", str(target), facts=facts)
    assert (exported.exit_code, exported.stderr) == (
        0,
        f"wrote {summary(load(facts))} to {target}\n",
    )
