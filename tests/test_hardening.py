"""What an attacker or an accident can put in the way: the cache, special files, csv, text."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import stat
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from factcli import cache, codec, render
from factcli.factbase import cached_load
from factcli.files import MAX_BYTES, NotAFactFile, read_regular
from factcli.load import FactBaseError, load
from factcli.model import FactBase
from factcli.query import words
from tests.conftest import Cli

OTHER_UID = 65534  # nobody
# The cache fuzz tests: FACTCLI_FUZZ_ENTRIES=5000 tries more entries, FACTCLI_FUZZ_SEED
# another series.
ENTRIES = int(os.environ.get("FACTCLI_FUZZ_ENTRIES", "300"))
SEED = int(os.environ.get("FACTCLI_FUZZ_SEED", "1729"))


def entry(cache_dir: Path) -> Path:
    (found,) = cache_dir.glob("*.bin")
    return found


# --- the cache ----------------------------------------------------------------------------


def test_crafted_bytes_as_an_entry_are_a_miss_not_a_crash(cli: Cli, cache_dir: Path) -> None:
    expected = cli("events", "--json")
    target = entry(cache_dir)
    # The 12 bytes that made marshal.loads segfault, after the magic line and a checksum.
    crafted = b"factcli-cache-2\n" + bytes(32) + bytes.fromhex("a9013c010000007200000000")
    for blob in (crafted, b"", b"\x00" * 100, os.urandom(5000), target.read_bytes()[:-7]):
        target.write_bytes(blob)
        result = cli("events", "--json")
        assert (result.exit_code, result.stdout, result.stderr) == (0, expected.stdout, "")


def test_random_and_mutated_entries_never_give_another_answer(
    small: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A seeded fuzz of the lookup: random bytes, and real entries with bytes changed."""
    truth = cached_load(small)
    target = entry(cache_dir)
    real = target.read_bytes()
    rng = random.Random(SEED)
    files = sorted(small.glob("*.toml"))
    for n in range(ENTRIES):
        if n % 3 == 0:
            blob = rng.randbytes(rng.randrange(0, 2000))
        else:
            changed = bytearray(real)
            for _ in range(rng.randrange(1, 8)):
                changed[rng.randrange(len(changed))] = rng.randrange(256)
            blob = bytes(changed)
        target.write_bytes(blob)
        got = cache.lookup(small, files)
        assert got is None or got == truth


# Entries with a right key and checksum whose JSON was changed: what reaches the decoder.
ODD_VALUES: list[Any] = [
    None, True, 0, -1, 2**64, 1.5, "", " ", "x", "X Y!", "member", "resolved", "2007-13",
    "2001-02-30", "0000", "2007-02", "Atlantis", "UK", "coe", "nowhere", [], {}, {"a": 1},
    [[1]], [None], ["x"], [""], ["UK", "Japan"], ["coe", "coe"], {"text": "x"},
    {"text": "x", "date": "2007"}, [{"status": "resolved"}], [[[[[]]]]],
]  # fmt: skip


def _mutant(tree: Any, rng: random.Random) -> Any:
    """The JSON value with one node replaced, removed or doubled."""
    if not isinstance(tree, list | dict) or not tree or rng.random() < 0.15:
        return rng.choice(ODD_VALUES)
    if isinstance(tree, dict):
        tree = dict(tree)
        key = rng.choice(list(tree))
        match rng.randrange(6):
            case 0:
                del tree[key]
            case 1:
                tree[key + "s"] = tree[key]  # a field misspelt, or another field
            case _:
                tree[key] = _mutant(tree[key], rng)
        return tree
    tree = list(tree)
    i = rng.randrange(len(tree))
    match rng.randrange(6):
        case 0:
            del tree[i]
        case 1:
            tree.insert(i, tree[i])
        case _:
            tree[i] = _mutant(tree[i], rng)
    return tree


def _toml(value: Any) -> str:
    """A JSON value as TOML (inline tables, basic strings); ValueError where TOML has none."""
    if value is None:
        raise ValueError("TOML has no null")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        if any(0xD800 <= ord(c) <= 0xDFFF for c in value):
            raise ValueError("UTF-8 has no lone surrogate")
        escaped = (c if c >= " " and c not in '"\\\x7f' else f"\\u{ord(c):04x}" for c in value)
        return '"' + "".join(escaped) + '"'
    if isinstance(value, list):
        return "[" + ", ".join(map(_toml, value)) + "]"
    return "{" + ", ".join(f"{_toml(k)} = {_toml(v)}" for k, v in value.items()) + "}"


def _as_files(docs: Any, files: list[Path], where: Path) -> FactBase | None:
    """What the loader makes of the documents written as fact files; None if it refuses."""
    if not isinstance(docs, list) or len(docs) != len(files):
        return None
    where.mkdir()
    try:
        for path, doc in zip(files, docs, strict=True):
            if not isinstance(doc, dict):
                return None
            lines = (f"{_toml(key)} = {_toml(value)}\n" for key, value in doc.items())
            (where / path.name).write_text("".join(lines), encoding="utf-8")
        return load(where)
    except (ValueError, FactBaseError):
        return None


def test_changed_documents_behind_a_right_checksum_answer_as_those_files_would(
    small: Path, cache_dir: Path, tmp_path: Path
) -> None:
    """The decoder sees any JSON a planted entry holds. It gives a miss, or the fact base
    that the loader makes of the same documents written as fact files: a value the loader
    refuses (an id, a date, a reference, a type) is never an answer, and nothing is an
    error. Before, checked types let through an id or a reference the loader refuses."""
    from hashlib import blake2b

    from factcli.cache import _DIGEST

    cached_load(small)
    blob = entry(cache_dir).read_bytes()
    key_end = blob.index(b"\n", blob.index(b"\n") + 1) + 1
    real = json.loads(blob[key_end + _DIGEST :])
    files = sorted(small.glob("*.toml"))
    rng = random.Random(SEED)
    answered = refused = 0
    for n in range(ENTRIES):
        tree = real
        for _ in range(rng.randrange(1, 4)):
            tree = _mutant(tree, rng)
        payload = json.dumps(tree, ensure_ascii=False).encode()
        try:
            decoded = codec.decode(payload, files)
        except codec.Miss:
            decoded = None
        checksum = blake2b(payload, digest_size=_DIGEST).digest()
        entry(cache_dir).write_bytes(blob[:key_end] + checksum + payload)
        got = cache.lookup(small, files)
        expected = _as_files(tree, files, tmp_path / f"files-{n}")
        same = (got.meta, got.records) if got else None
        assert same == ((expected.meta, expected.records) if expected else None), tree
        assert (got is None) == (decoded is None), tree
        answered += got is not None
        refused += got is None and tree != real
    assert answered  # both kinds were tried
    assert refused


def test_an_entry_in_a_directory_others_can_write_is_ignored(cli: Cli, cache_dir: Path) -> None:
    cli("events")
    target = entry(cache_dir)
    target.write_bytes(_with_title(target.read_bytes(), "FORGED"))
    assert "FORGED" in cli("events", "--json").stdout  # trusted
    cache_dir.chmod(0o777)
    result = cli("events", "--json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert "FORGED" not in result.stdout
    assert "Putin's Munich speech" in result.stdout


def test_an_entry_owned_by_someone_else_is_ignored(cli: Cli, cache_dir: Path) -> None:
    cli("events")
    target = entry(cache_dir)
    target.write_bytes(_with_title(target.read_bytes(), "FORGED"))
    os.chown(target, OTHER_UID, OTHER_UID)
    result = cli("events", "--json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert "FORGED" not in result.stdout


def test_an_entry_that_is_a_link_is_ignored(cli: Cli, cache_dir: Path, tmp_path: Path) -> None:
    cli("events")
    target = entry(cache_dir)
    elsewhere = tmp_path / "planted.bin"
    elsewhere.write_bytes(_with_title(target.read_bytes(), "FORGED"))
    target.unlink()
    target.symlink_to(elsewhere)
    result = cli("events", "--json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert "FORGED" not in result.stdout


def _with_title(blob: bytes, title: str) -> bytes:
    """The entry with its first event's title changed, and its checksum recomputed."""
    from hashlib import blake2b

    from factcli.cache import _DIGEST

    key_end = blob.index(b"\n", blob.index(b"\n") + 1) + 1  # the magic line, the key line
    payload = blob[key_end + _DIGEST :].replace(b"Putin's Munich speech", title.encode())
    return blob[:key_end] + blake2b(payload, digest_size=_DIGEST).digest() + payload


def test_a_well_formed_entry_with_a_title_of_42_is_a_miss(cli: Cli, cache_dir: Path) -> None:
    cli("events")
    target = entry(cache_dir)
    blob = _with_title(target.read_bytes(), "@@TITLE@@")
    from hashlib import blake2b

    from factcli.cache import _DIGEST

    key_end = blob.index(b"\n", blob.index(b"\n") + 1) + 1
    payload = blob[key_end + _DIGEST :].replace(b'"@@TITLE@@"', b"42")
    assert json.loads(payload)  # well-formed: only the type is wrong
    target.write_bytes(blob[:key_end] + blake2b(payload, digest_size=_DIGEST).digest() + payload)
    result = cli("events", "--json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert "Putin's Munich speech" in result.stdout


def test_validate_reads_the_files_not_the_cache(cli: Cli, small: Path, cache_dir: Path) -> None:
    cli("events")
    target = entry(cache_dir)
    target.write_bytes(_with_title(target.read_bytes(), "FORGED"))
    (small / "events.toml").write_text("[[event]]\nid = 1\n")
    assert cli("validate").exit_code == 1


def test_a_killed_write_is_cleaned_up(small: Path, cache_dir: Path, tmp_path: Path) -> None:
    from factcli.cache import _MAGIC

    stale = cache_dir / ".tmp-killed.bin"
    stale.write_bytes(_MAGIC + b"x" * 1000)  # what a write killed midway leaves
    os.utime(stale, (0, 0))
    fresh = cache_dir / ".tmp-writing.bin"
    fresh.write_bytes(_MAGIC)
    cached_load(small)
    assert not stale.exists()
    assert fresh.exists()  # another factcli may be writing it now


@pytest.mark.parametrize("value", ["0", "no", "false", ""])
def test_only_1_true_or_yes_turn_the_cache_off(
    small: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("FACTCLI_NO_CACHE", value)
    cached_load(small)
    assert list(cache_dir.glob("*.bin"))


def test_an_empty_cache_dir_is_the_same_as_unset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("FACTCLI_CACHE_DIR", "")
    assert cache.directory() == tmp_path / "xdg" / "factcli"


def test_a_relative_cache_dir_turns_the_cache_off(
    small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FACTCLI_CACHE_DIR", "here")
    assert cache.directory() is None
    cached_load(small)
    assert not (tmp_path / "here").exists()


# --- files that are not files -------------------------------------------------------------


FIFO = "is a named pipe (FIFO), not a regular file; it is not read"


def link_to_a_fifo(path: Path) -> None:
    os.mkfifo(path.with_name("fifo"))
    path.symlink_to(path.with_name("fifo"))


def problems(cli: Cli, facts: Path) -> tuple[int, list[str]]:
    result = cli("validate", facts=facts)
    return result.exit_code, result.stdout.replace(f"{facts}/", "").splitlines()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (os.mkfifo, FIFO),
        (lambda p: p.mkdir(), "is a directory, not a fact file"),
        (lambda p: p.symlink_to("/dev/zero"), "is a device, not a regular file; it is not read"),
        (link_to_a_fifo, FIFO),
    ],
    ids=["fifo", "directory", "link-to-dev-zero", "link-to-fifo"],
)  # fmt: skip
def test_a_toml_that_is_not_a_file_is_a_problem_never_read(
    cli: Cli, small: Path, make: Any, message: str
) -> None:
    make(small / "x.toml")
    for _ in range(2):  # and again, with the others cached
        assert problems(cli, small) == (1, [f"x.toml: {message}", "1 problem in 1 file"])
        result = cli("events", facts=small)
        assert result.exit_code == 1


def test_a_fifo_is_not_waited_on_by_a_command(cli: Cli, small: Path) -> None:
    os.mkfifo(small / "x.toml")
    result = cli("events")  # opened without waiting for a writer, or the test would hang here
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{small}/x.toml: is a named pipe (FIFO), not a regular file; it is not read"
    )


def test_a_bom_is_named(cli: Cli, small: Path) -> None:
    (small / "events.toml").write_bytes(b"\xef\xbb\xbf" + (small / "events.toml").read_bytes())
    assert problems(cli, small) == (1, [
        "events.toml:1: starts with a UTF-8 byte order mark (BOM); save the file without it",
        "1 problem in 1 file",
    ])  # fmt: skip


def test_a_file_too_large_is_not_read(small: Path) -> None:
    with pytest.raises(NotAFactFile, match=r"^too large: a fact file may hold at most 0 MB$"):
        read_regular(small / "events.toml", limit=100)
    assert read_regular(small / "events.toml") == (small / "events.toml").read_bytes()
    assert MAX_BYTES == 256 * 1024 * 1024


def test_a_facts_dir_with_a_name_too_long_is_one_line(cli: Cli, tmp_path: Path) -> None:
    result = cli("events", facts=tmp_path / ("a" * 5000))
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"Error: facts directory '{tmp_path}/{'a' * 5000}' cannot be used: File name too long\n"
    )


def test_a_directory_that_cannot_be_listed(
    cli: Cli, small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.listdir

    def denied(path: Any = ".") -> list[str]:  # root ignores chmod 0
        if Path(path) == small:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "listdir", denied)
    result = cli("validate", facts=small)
    assert (result.exit_code, result.stdout.splitlines()) == (1, [
        f"{small}: cannot list the directory: Permission denied", "1 problem in 1 file",
    ])  # fmt: skip


# --- csv ----------------------------------------------------------------------------------


def csv_of(objects: list[dict[str, Any]], **options: Any) -> str:
    out = io.StringIO()
    saved = sys.stdout
    sys.stdout = out
    try:
        render.write_csv(objects, [], **options)
    finally:
        sys.stdout = saved
    return out.getvalue()


@given(st.lists(st.lists(st.text(), min_size=2, max_size=2), min_size=1, max_size=5))
@example([["", ""], ['"', "\r\n"], ["a,b", " \n "], ["\r", "'"]])
@settings(max_examples=100)
def test_csv_reads_back_as_written(rows: list[list[str]]) -> None:
    objects = [{"a": a, "b": b} for a, b in rows]
    back = list(csv.reader(io.StringIO(csv_of(objects), newline="")))
    assert back == [["a", "b"], *rows]


def test_a_bare_carriage_return_is_quoted() -> None:
    assert csv_of([{"title": "one\rtwo"}]) == 'title\n"one\rtwo"\n'


def test_csv_safe_marks_formulas_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    objects = [{"t": "=1+1"}, {"t": "+x"}, {"t": "-x"}, {"t": "@SUM(A1)"}, {"t": "plain"}]
    assert csv_of(objects) == "t\n=1+1\n+x\n-x\n@SUM(A1)\nplain\n"  # data, exactly
    assert csv_of(objects, csv_safe=True) == "t\n'=1+1\n'+x\n'-x\n'@SUM(A1)\nplain\n"
    monkeypatch.setenv("FACTCLI_CSV_SAFE", "1")  # the command line reads it, not render
    assert csv_of(objects) == "t\n=1+1\n+x\n-x\n@SUM(A1)\nplain\n"


def test_csv_to_a_terminal_spells_out_control_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    out = Terminal()
    monkeypatch.setattr(sys, "stdout", out)
    render.write_csv([{"t": "red\x1b[31m\u202e"}], [])
    assert out.getvalue() == "t\nred\\x1b[31m\\u202e\n"
    assert csv_of([{"t": "red\x1b[31m"}]) == "t\nred\x1b[31m\n"  # into a file: exact


# --- text that hides text -----------------------------------------------------------------


@pytest.mark.parametrize(
    "char", ["\u200b", "\u200d", "\u200f", "\u2028", "\u2029", "\u2060", "\ufeff"]
)
def test_invisible_characters_are_spelt_out(char: str) -> None:
    assert render.safe(f"a{char}b") == f"a\\u{ord(char):04x}b"


def test_a_file_name_with_controls_is_spelt_out_by_validate(cli: Cli, small: Path) -> None:
    (small / "a\x1b[31m\u202e.toml").write_text("[[event]]\nid = 1\n")
    result = cli("validate", facts=small)
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout
    assert "\u202e" not in result.stdout
    assert "a\\x1b[31m\\u202e.toml" in result.stdout


# --- search -------------------------------------------------------------------------------


def test_search_words_are_each_kept_once() -> None:
    assert words("Russia the THE rus  e") == ["russia", "the"]
    assert words(" ".join(["treaty"] * 10000)) == ["treaty"]


def test_a_search_of_thousands_of_words(cli: Cli) -> None:
    many = cli("search", *(["border"] * 5000), "treaty", "--json")
    assert (many.exit_code, many.stdout) == (0, cli("search", "border", "treaty", "--json").stdout)


def test_load_is_still_pure(small: Path, cache_dir: Path) -> None:
    load(small)
    assert not list(cache_dir.iterdir())
    assert stat.S_ISDIR(os.stat(cache_dir).st_mode)
