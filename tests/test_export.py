"""export --sqlite: the fact base as tables that answer the same questions as the commands."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcli import export, publish
from factcli.kinds import summary
from factcli.load import load
from tests.conftest import SMALL, Cli, Main, write_base

SHIPPED = Path(__file__).parents[1] / "facts"

JAPAN_EVENTS = """
    SELECT e.id FROM events e
    JOIN event_countries ec ON ec.event_id = e.id
    JOIN countries c ON c.id = ec.country_id
    WHERE c.name = 'Japan'
    ORDER BY e.date, e.id
"""


@contextlib.contextmanager
def opened(path: Path) -> Iterator[sqlite3.Connection]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        yield db


@pytest.fixture(params=["small", "shipped"])
def facts(request: pytest.FixtureRequest, small: Path) -> Path:
    return small if request.param == "small" else SHIPPED


def test_the_database_answers_as_the_commands_do(cli: Cli, facts: Path, tmp_path: Path) -> None:
    target = tmp_path / "facts.db"
    result = cli("export", "--sqlite", str(target), facts=facts)
    base = load(facts)
    said = f"wrote {summary(base)} to {target}\n"
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", said)
    events = json.loads(cli("events", "--json", facts=facts).stdout)
    japan = json.loads(cli("events", "--country", "Japan", "--json", facts=facts).stdout)
    with opened(target) as db:
        assert db.execute("SELECT count(*) FROM events").fetchone() == (len(events),)
        assert [i for (i,) in db.execute(JAPAN_EVENTS)] == [e["id"] for e in japan]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_every_kind_every_field(cli: Cli, small: Path, tmp_path: Path) -> None:
    target = tmp_path / "facts.db"
    assert cli("export", "--sqlite", str(target)).exit_code == 0
    with opened(target) as db:
        db.row_factory = sqlite3.Row
        row = db.execute("SELECT * FROM countries WHERE id = 'united-kingdom'").fetchone()
        assert dict(row) == {
            "id": "united-kingdom", "name": "United Kingdom", "iso2": "GB", "iso3": "GBR",
            "aliases": '["UK", "Britain"]', "relation": None, "notes": "[]",
            "sources": '["Vladimir Putin\'s policies"]',
        }  # fmt: skip
        row = db.execute("SELECT * FROM orgs WHERE id = 'coe'").fetchone()
        assert dict(row) == {
            "id": "coe", "name": "Council of Europe", "abbr": None, "role": "former",
            "category": "political", "founded": None, "dissolved": None, "since": "1996-02-28",
            "until": "2022-03-16", "end": None, "notes": None, "notes_date": None,
            "sources": '["International membership"]',
        }  # fmt: skip
        row = db.execute("SELECT * FROM org_terms WHERE org_id = 'coe'").fetchone()
        assert dict(row) == {
            "org_id": "coe", "seq": 1, "role": "former", "since": "1996-02-28",
            "until": "2022-03-16", "end": None, "note": None, "note_date": None,
        }  # fmt: skip
        row = db.execute("SELECT * FROM disputes WHERE id = 'kuril-islands'").fetchone()
        assert json.loads(row["territories"]) == [
            "Iturup", "Kunashir", "Shikotan", "Habomai islands",
        ]  # fmt: skip
        assert (row["status"], row["since"], row["resolved_on"]) == ("unresolved", "1945", None)
        row = db.execute("SELECT * FROM events WHERE id = 'munich-speech'").fetchone()
        assert dict(row) == {
            "id": "munich-speech", "date": "2007-02", "title": "Putin's Munich speech",
            "summary": "Criticised the United States' monopolistic dominance.",
            "sources": '["Vladimir Putin\'s policies"]',
        }  # fmt: skip
        links = {
            table: sorted(tuple(r) for r in db.execute(f"SELECT * FROM {table}"))
            for table in ("dispute_countries", "event_countries", "event_orgs", "event_tags")
        }
        assert links == {
            "dispute_countries": [("estonia-border", "estonia"), ("kuril-islands", "japan")],
            "event_countries": [
                ("border-treaty", "estonia"), ("uk-expulsions", "united-kingdom"),
                ("year-2007", "japan"), ("year-2007", "united-kingdom"),
            ],
            "event_orgs": [("border-treaty", "coe")],
            "event_tags": [
                ("border-treaty", "border"), ("border-treaty", "treaty"),
                ("munich-speech", "speech"), ("uk-expulsions", "diplomacy"),
                ("uk-expulsions", "espionage"),
            ],
        }  # fmt: skip
        meta = db.execute("SELECT * FROM meta").fetchone()
        assert tuple(meta) == ("Russia", "Foreign relations of Russia", "2014", None, None, None)


def test_keys_make_the_joins_discoverable(small: Path, tmp_path: Path) -> None:
    """Datasette and sqlite-utils follow declared foreign keys: every link table has them."""
    target = tmp_path / "facts.db"
    export.write_sqlite(load(small), target)
    with opened(target) as db:

        def references(table: str) -> set[tuple[str, str, str]]:
            rows = db.execute(f"PRAGMA foreign_key_list({table})").fetchall()
            return {(r[3], r[2], r[4]) for r in rows}  # (column, table, its column)

        assert references("event_countries") == {
            ("event_id", "events", "id"), ("country_id", "countries", "id"),
        }  # fmt: skip
        assert references("event_orgs") == {("event_id", "events", "id"), ("org_id", "orgs", "id")}
        assert references("dispute_countries") == {
            ("dispute_id", "disputes", "id"), ("country_id", "countries", "id"),
        }  # fmt: skip
        assert references("event_tags") == {("event_id", "events", "id")}
        for table in ("countries", "orgs", "disputes", "events"):
            columns = db.execute(f"PRAGMA table_info({table})").fetchall()
            assert [c[1] for c in columns if c[5]] == ["id"], table  # the primary key


def test_an_existing_file_is_kept_without_force(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "facts.db"
    target.write_text("precious")
    result = cli("export", "--sqlite", str(target))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: {target} already exists; use --force to overwrite it\n"
    assert target.read_text() == "precious"


def test_force_replaces_it(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "facts.db"
    target.write_text("old")
    assert cli("export", "--sqlite", str(target), "--force").exit_code == 0
    with opened(target) as db:
        assert db.execute("SELECT count(*) FROM events").fetchone() == (4,)
    assert sorted(os.listdir(tmp_path)) == ["facts.db", "small"]  # no temporary file beside it


def test_a_missing_directory_is_one_line_and_74(cli: Cli, tmp_path: Path) -> None:
    """The OS refused to write the output: 74, as for a full disk (it was 2, a usage error)."""
    target = tmp_path / "nowhere" / "facts.db"
    result = cli("export", "--sqlite", str(target))
    assert (result.exit_code, result.stdout) == (74, "")
    assert result.stderr == f"Error: cannot write {target}: No such file or directory\n"


def test_a_broken_fact_base_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    broken = write_base(tmp_path / "broken", {**SMALL, "bad.toml": "[[event]\n"})
    target = tmp_path / "out" / "facts.db"
    target.parent.mkdir()
    result = cli("export", "--sqlite", str(target), facts=broken)
    assert result.exit_code == 1
    assert os.listdir(target.parent) == []


def test_a_failure_while_writing_leaves_no_file(
    small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(db: sqlite3.Connection, base: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(export, "_fill", fail)
    target = tmp_path / "facts.db"
    with pytest.raises(export.ExportError) as raised:
        export.write_sqlite(load(small), target)
    assert str(raised.value) == f"cannot write {target}: disk I/O error"
    assert os.listdir(tmp_path) == ["small"]


def test_the_file_is_not_private(small: Path, tmp_path: Path) -> None:
    target = tmp_path / "facts.db"
    mask = os.umask(0o022)
    try:
        export.write_sqlite(load(small), target)
    finally:
        os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("special", ["/dev/null", "fifo"])
def test_force_never_replaces_a_device_or_a_fifo(cli: Cli, tmp_path: Path, special: str) -> None:
    """As root, --force replaced /dev/null with a regular file."""
    target = Path(special) if special.startswith("/") else tmp_path / special
    if special == "fifo":
        os.mkfifo(target)
    kind = stat.S_IFMT(target.stat().st_mode)
    result = cli("export", "--sqlite", str(target), "--force")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"Error: {target} is not a regular file; --force replaces only files\n",
    )
    assert stat.S_IFMT(os.lstat(target).st_mode) == kind
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert not [f for f in os.listdir(target.parent) if f.endswith((".tmp", "-journal"))]


def test_force_replaces_a_symlink_and_never_writes_through_it(cli: Cli, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.db"
    elsewhere.write_text("not yours to overwrite")
    target = tmp_path / "facts.db"
    target.symlink_to(elsewhere)
    refused = cli("export", "--sqlite", str(target))
    assert (refused.exit_code, refused.stderr) == (
        2,
        f"Error: {target} already exists; use --force to overwrite it\n",
    )
    assert cli("export", "--sqlite", str(target), "--force").exit_code == 0
    assert not target.is_symlink()
    assert elsewhere.read_text() == "not yours to overwrite"
    with opened(target) as db:
        assert db.execute("SELECT count(*) FROM events").fetchone() == (4,)


@pytest.mark.parametrize("to", ["/dev/null", "fifo", "directory"])
def test_force_never_replaces_a_link_to_what_is_not_a_file(
    cli: Cli, tmp_path: Path, to: str
) -> None:
    """A link that names a device, a FIFO or a directory is refused as what it names, and
    the hint never says to use --force."""
    pointed = Path(to) if to.startswith("/") else tmp_path / to
    if to == "fifo":
        os.mkfifo(pointed)
    elif to == "directory":
        pointed.mkdir()
    target = tmp_path / "facts.db"
    target.symlink_to(pointed)
    message = (
        f"Error: {target} is a directory; give a file name\n"
        if to == "directory"
        else f"Error: {target} is not a regular file; --force replaces only files\n"
    )
    for force in ([], ["--force"]):
        result = cli("export", "--sqlite", str(target), *force)
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)
        assert os.readlink(target) == str(pointed)
    assert not [f for f in os.listdir(tmp_path) if f.endswith((".tmp", "-journal"))]


@pytest.mark.parametrize("stdout", ["file", "pipe"])
def test_dev_stdout_is_never_replaced(small: Path, tmp_path: Path, stdout: str) -> None:
    """/dev/stdout is a link to /proc/self/fd/1: as root, `export --sqlite /dev/stdout
    --force` replaced it with a database, for every later process. Here a link like it:
    refused whether standard output is a file (`> out.db`) or a pipe."""
    target = tmp_path / "stdout"
    target.symlink_to("/proc/self/fd/1")
    out = tmp_path / "out.db"
    command = [sys.executable, "-m", "factcli", "--facts-dir", str(small)]
    command += ["export", "--sqlite", str(target), "--force"]
    with out.open("w") as file:
        result = subprocess.run(
            command, stdout=file if stdout == "file" else subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, check=False,
        )  # fmt: skip
    message = (
        "--sqlite needs a file name; a database cannot go to standard output"
        if stdout == "file"
        else f"{target} is not a regular file; --force replaces only files"
    )
    assert (result.returncode, result.stderr) == (2, f"Error: {message}\n")
    assert os.readlink(target) == "/proc/self/fd/1"
    assert out.read_bytes() == b""
    assert sorted(os.listdir(tmp_path)) == ["out.db", "small", "stdout"]


def test_force_replaces_a_link_to_nothing(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "facts.db"
    target.symlink_to(tmp_path / "nowhere")
    assert cli("export", "--sqlite", str(target), "--force").exit_code == 0
    assert not target.is_symlink()
    with opened(target) as db:
        assert db.execute("SELECT count(*) FROM events").fetchone() == (4,)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-", "--sqlite needs a file name; a database cannot go to standard output"),
        ("", "--sqlite needs a file name; a database cannot go to standard output"),
        ("newdir/", "newdir/ names a directory; give a file name"),
        ("newdir/.", "newdir/. names a directory; give a file name"),
        ("somedir", "somedir is a directory; give a file name"),
        ("somedir/", "somedir/ names a directory; give a file name"),
    ],
    ids=["dash", "empty", "new-dir-slash", "new-dir-dot", "existing-dir", "existing-dir-slash"],
)
def test_what_is_not_a_file_name_is_refused(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed: str, message: str
) -> None:
    """`--sqlite newdir/` wrote a file named newdir: the "/" was lost on the way."""
    work = tmp_path / "work"
    (work / "somedir").mkdir(parents=True)
    monkeypatch.chdir(work)
    for force in ([], ["--force"]):
        result = cli("export", "--sqlite", typed, *force)
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"Error: {message}\n")
    assert os.listdir(work) == ["somedir"]
    assert os.listdir(work / "somedir") == []


def test_a_file_that_appears_during_the_export_is_kept(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check at the start is not enough: the publish itself never overwrites."""
    target = tmp_path / "facts.db"
    fill = export._fill

    def meanwhile(db: sqlite3.Connection, base: object) -> None:
        fill(db, base)  # type: ignore[arg-type]
        target.write_text("written by another export")

    monkeypatch.setattr(export, "_fill", meanwhile)
    result = cli("export", "--sqlite", str(target))
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"Error: {target} already exists; use --force to overwrite it\n",
    )
    assert target.read_text() == "written by another export"
    assert sorted(os.listdir(tmp_path)) == ["facts.db", "small"]  # no temporary file left


def test_the_shipped_export_credits_its_source(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "facts.db"
    assert cli("export", "--sqlite", str(target), facts=SHIPPED).exit_code == 0
    meta = load(SHIPPED).meta
    assert meta is not None
    with opened(target) as db:
        got = db.execute("SELECT title, as_of, source, license, attribution FROM meta").fetchall()
    assert got == [(meta.title, "2014", meta.source, "CC BY-SA 4.0", meta.attribution)]


def test_schema_version_and_the_index_on_dates(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "facts.db"
    assert cli("export", "--sqlite", str(target)).exit_code == 0
    with opened(target) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (3,)
        indexes = db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'"
        ).fetchall()
        assert ("events_date", "CREATE INDEX events_date ON events(date)") in indexes
        plan = db.execute("EXPLAIN QUERY PLAN SELECT id FROM events WHERE date >= '2007'")
        assert "USING INDEX events_date" in " ".join(row[-1] for row in plan)


def test_the_summary_line_of_the_entry_point(main: Main, small: Path, tmp_path: Path) -> None:
    target = tmp_path / "facts.db"
    ran = main("--facts-dir", str(small), "export", "--sqlite", str(target))
    assert (ran.code, ran.stdout, ran.stderr) == (
        0,
        "",
        f"wrote 5 countries, 3 orgs, 2 disputes, 0 treaties, 4 events to {target}\n",
    )


# --- the race for the target's name ----------------------------------------------------------


def plant(target: Path, kind: str = "fifo") -> None:
    """Put a FIFO (or a directory) where the target is, as another process could at any moment."""
    if os.path.lexists(target):
        target.unlink()
    if kind == "fifo":
        os.mkfifo(target)
    else:
        target.mkdir()


@pytest.mark.parametrize("before", ["a-file", "nothing"])
def test_force_never_replaces_a_fifo_that_appears_during_the_export(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, before: str
) -> None:
    """--force looked at the target when the export began, and replaced whatever was there
    when it ended: a FIFO put there meanwhile was replaced, against "never a FIFO"."""
    target = tmp_path / "facts.db"
    if before == "a-file":
        target.write_text("old")
    fill = export._fill

    def meanwhile(db: sqlite3.Connection, base: object) -> None:
        fill(db, base)  # type: ignore[arg-type]
        plant(target)

    monkeypatch.setattr(export, "_fill", meanwhile)
    result = cli("export", "--sqlite", str(target), "--force")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", f"Error: {target} is not a regular file; --force replaces only files\n",
    )  # fmt: skip
    assert stat.S_ISFIFO(os.lstat(target).st_mode)
    assert sorted(os.listdir(tmp_path)) == ["facts.db", "small"]  # no temporary file left


@pytest.mark.parametrize("kind", ["fifo", "directory"])
@pytest.mark.parametrize("swap", ["exchange", "aside"])
def test_force_never_replaces_a_fifo_put_there_at_the_last_moment(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, swap: str, kind: str
) -> None:
    """The FIFO appears inside the replacement itself, after any look at the target: what
    was replaced is looked at afterwards, and put back. `aside`: where names cannot be
    swapped in one step (not Linux, an old kernel, a file system without it)."""
    target = tmp_path / "facts.db"
    target.write_text("old")
    renameat2, rename = publish._renameat2, publish._rename
    planted: list[Path] = []

    def exchange(source: Path, destination: Path, flags: int) -> None:
        if flags == publish._EXCHANGE and swap == "aside":
            raise OSError(errno.ENOSYS, os.strerror(errno.ENOSYS))
        if not planted:
            plant(destination, kind)
            planted.append(destination)
        renameat2(source, destination, flags)

    def aside(source: Path, destination: Path) -> None:
        if not planted:
            plant(source, kind)
            planted.append(source)
        rename(source, destination)

    monkeypatch.setattr(publish, "_renameat2", exchange)
    monkeypatch.setattr(publish, "_rename", aside)
    result = cli("export", "--sqlite", str(target), "--force")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", f"Error: {target} is not a regular file; --force replaces only files\n",
    )  # fmt: skip
    assert planted
    assert stat.S_ISFIFO(os.lstat(target).st_mode) == (kind == "fifo")
    assert stat.S_ISDIR(os.lstat(target).st_mode) == (kind == "directory")
    assert sorted(os.listdir(tmp_path)) == ["facts.db", "small"]


@pytest.mark.parametrize("swap", ["exchange", "aside"])
def test_force_never_replaces_a_link_to_a_device_put_there_at_the_last_moment(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, swap: str
) -> None:
    """A link to /dev/null, put at the target inside the replacement itself: what it names
    is looked at afterwards, and the link put back."""
    target = tmp_path / "facts.db"
    target.write_text("old")
    renameat2, rename = publish._renameat2, publish._rename
    planted: list[Path] = []

    def link(path: Path) -> None:
        if not planted:
            path.unlink()
            path.symlink_to("/dev/null")
            planted.append(path)

    def exchange(source: Path, destination: Path, flags: int) -> None:
        if flags == publish._EXCHANGE and swap == "aside":
            raise OSError(errno.ENOSYS, os.strerror(errno.ENOSYS))
        link(destination)
        renameat2(source, destination, flags)

    def aside(source: Path, destination: Path) -> None:
        link(source)
        rename(source, destination)

    monkeypatch.setattr(publish, "_renameat2", exchange)
    monkeypatch.setattr(publish, "_rename", aside)
    result = cli("export", "--sqlite", str(target), "--force")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", f"Error: {target} is not a regular file; --force replaces only files\n",
    )  # fmt: skip
    assert planted
    assert os.readlink(target) == "/dev/null"
    assert sorted(os.listdir(tmp_path)) == ["facts.db", "small"]


@pytest.mark.parametrize("swap", ["exchange", "aside"])
@pytest.mark.parametrize("old", ["file", "symlink"])
def test_force_replaces_a_file_or_a_link_either_way(
    small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, swap: str, old: str
) -> None:
    target = tmp_path / "facts.db"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_text("not yours to overwrite")
    if old == "file":
        target.write_text("old")
    else:
        target.symlink_to(elsewhere)
    if swap == "aside":
        monkeypatch.setattr(sys, "platform", "darwin")  # no renameat2: moved aside
    export.write_sqlite(load(small), target, force=True)
    with opened(target) as db:
        assert db.execute("SELECT count(*) FROM events").fetchone() == (4,)
    assert elsewhere.read_text() == "not yours to overwrite"
    assert sorted(os.listdir(tmp_path)) == ["elsewhere", "facts.db", "small"]


def test_a_file_system_without_hard_links_still_gets_the_file(
    small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FAT and some network file systems refuse link(2): a rename that replaces nothing."""

    def no_links(source: object, destination: object) -> None:
        raise PermissionError(errno.EPERM, os.strerror(errno.EPERM))

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "facts.db"
    export.write_sqlite(load(small), target)
    with opened(target) as db:
        assert db.execute("SELECT count(*) FROM events").fetchone() == (4,)
    target.write_text("precious")
    with pytest.raises(export.ExportError, match="already exists"):
        export.write_sqlite(load(small), target)
    assert target.read_text() == "precious"


# --- temporary files -------------------------------------------------------------------------


@pytest.mark.parametrize("length", [240, 250, 255])
def test_a_name_that_fits_the_limit_gets_its_export(cli: Cli, tmp_path: Path, length: int) -> None:
    """The temporary name was the target's and 14 characters more, and its journal's 22: an
    export to a valid 240-character name failed."""
    name = "é" * ((length - 3) // 2) + "x" * ((length - 3) % 2) + ".db"  # bytes, not letters
    assert len(os.fsencode(name)) == length
    target = tmp_path / "out" / name
    target.parent.mkdir()
    result = cli("export", "--sqlite", str(target))
    assert (result.exit_code, result.stdout) == (0, "")
    assert os.listdir(target.parent) == [name]


def test_a_temporary_name_keeps_what_it_can_of_the_target() -> None:
    name = publish.temporary_name(Path("d") / ("a" * 300), limit=255)
    assert len(name) + len("-journal") == 255
    assert name.startswith("." + "a" * 225 + ".factcli-")
    assert name.endswith(".tmp")
    cut = publish.temporary_name(Path("d") / ("a" * 224 + "é"), limit=255)  # 226 bytes
    assert cut.startswith("." + "a" * 224 + ".factcli-")  # never half a character
    assert publish.temporary_name(Path("facts.db"))[:18] == ".facts.db.factcli-"


def stale(directory: Path, name: str = "facts.db") -> Path:
    """What an export that was killed leaves: its temporary database, and a journal."""
    temp = directory / publish.temporary_name(directory / name)
    temp.write_bytes(b"SQLite format 3\x00" + bytes(100))
    publish.journal(temp).write_bytes(bytes(100))
    return temp


def test_what_killed_exports_left_goes_and_nothing_else(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    left = [stale(out), stale(out, "other.db")]
    alive = stale(out, "running.db")
    others = {  # names and files that are not ours to remove
        ".facts.db.abcdefgh.tmp": "an older factcli's, or another program's",
        ".facts.db.factcli-0123abcd.old": "a file --force moved aside",
        "facts.db.factcli-0123abcd.tmp": "not hidden: not ours",
        "notes.txt": "the user's",
    }
    for name, text in others.items():
        (out / name).write_text(text)
    os.mkfifo(out / ".fifo.factcli-0123abcd.tmp")
    with open(alive, "rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # a live export holds its lock
        export.write_sqlite(load(small), out / "facts.db")
    assert not any(p.exists() or publish.journal(p).exists() for p in left)
    assert alive.exists()
    assert publish.journal(alive).exists()
    assert all((out / name).read_text() == text for name, text in others.items())
    assert stat.S_ISFIFO(os.lstat(out / ".fifo.factcli-0123abcd.tmp").st_mode)


@pytest.mark.parametrize(
    ("content", "kept"),
    [(b"my notes", True), (b"", False), (bytes(4096) + b"a page", False)],
    ids=["the user's", "empty", "first page not yet written"],
)
def test_a_file_named_like_ours_that_no_export_wrote_is_kept(
    small: Path, tmp_path: Path, content: bytes, kept: bool
) -> None:
    """A file of the user's that has a name of the pattern, unlocked, was removed whatever
    it held: only a database, or the empty file a run killed at once leaves, is taken."""
    mine = tmp_path / ".notes.factcli-0123abcd.tmp"
    mine.write_bytes(content)
    export.write_sqlite(load(small), tmp_path / "facts.db")
    assert mine.exists() == kept
    if kept:
        assert mine.read_bytes() == content


def test_a_temporary_file_of_someone_else_is_kept(small: Path, tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("only root can give a file to another user")
    temp = stale(tmp_path)
    os.chown(temp, 65534, 65534)
    export.write_sqlite(load(small), tmp_path / "facts.db")
    assert temp.exists()
