"""The cache of validated fact bases: used only for the very bytes it was built from."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from factcli import cache
from factcli.factbase import cached_load
from factcli.load import FactBaseError, load
from factcli.model import FactBase
from tests.conftest import SMALL, Cli, write_base


def cached(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("*.bin"))


def via_the_cache(facts: Path) -> tuple[FactBase, FactBase]:
    """The fact base as its files give it, and as the cache's codec gives it back."""
    from factcli import codec
    from factcli.load import read_and_check, toml_files

    files = toml_files(facts)
    loaded = read_and_check(facts, files)
    return loaded.base, codec.decode(codec.encode(loaded.docs), files)


def fresh(facts: Path, monkeypatch: pytest.MonkeyPatch) -> FactBase:
    """The base loaded from its files, with the cache off."""
    with monkeypatch.context() as m:
        m.setenv("FACTCLI_NO_CACHE", "1")
        return load(facts)


def spy(monkeypatch: pytest.MonkeyPatch) -> list[FactBase | None]:
    """What every cache lookup returns from now on."""
    answers: list[FactBase | None] = []
    lookup = cache.lookup

    def recorded(facts: Path, files: list[Path]) -> FactBase | None:
        answers.append(lookup(facts, files))
        return answers[-1]

    monkeypatch.setattr(cache, "lookup", recorded)
    return answers


def test_a_loaded_base_is_served_from_the_cache_next_time(
    small: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = cached_load(small)
    assert len(cached(cache_dir)) == 1
    answers = spy(monkeypatch)
    assert cached_load(small) == first == fresh(small, monkeypatch)
    assert answers[0] == first


def test_files_are_named_as_given_now_not_as_when_cached(
    small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cached_load(small)
    monkeypatch.chdir(small)
    answers = spy(monkeypatch)
    base = cached_load(Path("."))
    assert answers[0] is not None
    assert base.files == tuple(sorted(SMALL))


def test_a_changed_byte_of_the_same_size_and_mtime_is_noticed(
    small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cached_load(small)
    path = small / "events.toml"
    text = path.read_text(encoding="utf-8")
    before = path.stat()
    changed = text.replace("Putin's Munich speech", "Putin's Munich spEech")
    assert len(changed) == len(text)
    assert changed != text
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    answers = spy(monkeypatch)
    titles = [e.title for e in cached_load(small).events]
    assert answers == [None]
    assert "Putin's Munich spEech" in titles


@pytest.mark.parametrize("change", ["add", "remove", "rename"])
def test_a_file_added_removed_or_renamed_is_noticed(
    small: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    cached_load(small)
    match change:
        case "add":
            extra = '[[event]]\nid = "extra"\ndate = "2008"\ntitle = "Extra"\nsources = ["S"]\n'
            (small / "more.toml").write_text(extra, encoding="utf-8")
        case "remove":
            (small / "orgs.toml").unlink()
            (small / "events.toml").write_text(
                SMALL["events.toml"].replace('orgs = ["coe"]', ""), encoding="utf-8"
            )
        case "rename":
            (small / "orgs.toml").rename(small / "z-orgs.toml")
    answers = spy(monkeypatch)
    base = cached_load(small)
    assert answers == [None]
    assert base == fresh(small, monkeypatch)


def test_the_same_files_in_another_directory_have_their_own_entry(
    tmp_path: Path, cache_dir: Path
) -> None:
    one = cached_load(write_base(tmp_path / "one", SMALL))
    two = cached_load(write_base(tmp_path / "two", SMALL))
    assert len(cached(cache_dir)) == 2
    assert one.files != two.files


def test_load_itself_writes_nothing(small: Path, cache_dir: Path) -> None:
    load(small)
    load(small)
    assert not cache_dir.exists() or list(cache_dir.iterdir()) == []


def test_a_broken_base_is_never_cached(tmp_path: Path, cache_dir: Path) -> None:
    broken = write_base(tmp_path / "broken", {**SMALL, "orgs.toml": "[[org]]\nid = 1\n"})
    for _ in range(2):
        with pytest.raises(FactBaseError):
            cached_load(broken)
    assert cached(cache_dir) == []


def test_a_base_broken_after_it_was_cached_is_reported(
    small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cached_load(small)
    (small / "orgs.toml").write_text('[[org]]\nid = "sco"\n', encoding="utf-8")
    with pytest.raises(FactBaseError):
        cached_load(small)


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: b"",
        lambda blob: blob[: len(blob) // 2],
        lambda blob: blob[:-1] + bytes([blob[-1] ^ 1]),  # a flipped bit in the facts
        lambda blob: b"not a cache at all",
    ],
    ids=["empty", "truncated", "flipped-bit", "garbage"],
)
def test_a_damaged_cache_file_falls_back_to_the_files(
    small: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, damage: object
) -> None:
    expected = cached_load(small)
    [entry] = cached(cache_dir)
    assert callable(damage)
    entry.write_bytes(damage(entry.read_bytes()))
    answers = spy(monkeypatch)
    assert cached_load(small) == expected
    assert answers == [None]
    answers.clear()
    assert cached_load(small) == expected  # and the entry was written again
    assert answers == [expected]


def test_an_unwritable_cache_does_not_fail_the_command(
    small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("FACTCLI_CACHE_DIR", str(blocker / "cache"))
    assert cached_load(small) == fresh(small, monkeypatch)


def test_no_cache_turns_it_off(
    small: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTCLI_NO_CACHE", "1")
    cached_load(small)
    assert cached(cache_dir) == []


def test_where_the_cache_lives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FACTCLI_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.directory() == tmp_path / "xdg" / "factcli"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/is/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.directory() == tmp_path / "home" / ".cache" / "factcli"
    monkeypatch.setenv("FACTCLI_CACHE_DIR", str(tmp_path / "mine"))
    assert cache.directory() == tmp_path / "mine"
    monkeypatch.setenv("FACTCLI_NO_CACHE", "1")
    assert cache.directory() is None


def test_a_new_factcli_does_not_trust_an_old_entry(
    small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cached_load(small)
    monkeypatch.setattr(cache, "__version__", "0.0.0-other")
    answers = spy(monkeypatch)
    cached_load(small)
    assert answers == [None]


def test_only_the_most_recently_used_bases_are_kept(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "KEEP", 2)
    one, two, three = (write_base(tmp_path / name, SMALL) for name in ("one", "two", "three"))
    cached_load(one)
    cached_load(two)
    [first, _] = sorted(cached(cache_dir), key=lambda p: p.stat().st_mtime_ns)
    os.utime(first, ns=(0, 0))  # "one" was used long ago ...
    cached_load(one)  # ... and now again: a hit, which makes it the most recent
    cached_load(three)
    assert len(cached(cache_dir)) == 2
    answers = spy(monkeypatch)
    cached_load(one)
    cached_load(two)
    assert answers[0] is not None
    assert answers[1] is None


def test_only_its_own_files_are_removed_from_the_cache_directory(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Eviction removed any file named *.bin beyond the 16 most recent, and any .tmp-*.bin
    older than a minute: FACTCLI_CACHE_DIR set to a directory of the user's (or, through a
    link, one that someone else chose) lost its files. Only an entry factcli wrote goes."""
    monkeypatch.setattr(cache, "KEEP", 1)
    theirs = [cache_dir / f"firmware{i}.bin" for i in range(3)]
    theirs += [cache_dir / ".tmp-backup.bin", cache_dir / f"{'0' * 32}.bin"]
    for path in theirs:
        path.write_text("not the cache's")
        os.utime(path, ns=(0, 0))
    killed = cache_dir / ".tmp-abcd1234.bin"  # a write of factcli's that was killed
    killed.write_bytes(b"")
    os.utime(killed, ns=(0, 0))
    cached_load(write_base(tmp_path / "one", SMALL))
    cached_load(write_base(tmp_path / "two", SMALL))
    assert [path.read_text() for path in theirs] == ["not the cache's"] * len(theirs)
    assert not killed.exists()
    assert len(cached(cache_dir)) == len(theirs) + 1  # and the most recent entry


# --- entries rebuilt on purpose ----------------------------------------------------------------


def rebuilt(entry: Path, old: bytes, new: bytes) -> None:
    """The entry with one value changed and its checksum made right again, as one who can
    write the cache directory could make it."""
    from hashlib import blake2b

    from factcli.cache import _DIGEST

    blob = entry.read_bytes()
    key_end = blob.index(b"\n", blob.index(b"\n") + 1) + 1  # the magic line, the key line
    payload = blob[key_end + _DIGEST :]
    assert payload.count(old) == 1, old
    payload = payload.replace(old, new)
    entry.write_bytes(blob[:key_end] + blake2b(payload, digest_size=_DIGEST).digest() + payload)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b'"munich-speech"', b'"Munich Speech!"'),
        (b'"uk-expulsions"', b'"munich-speech"'),
        (b'["coe"]', b'["nato"]'),
        (b'"2007-07-16"', b'"2007-13-16"'),
        (b"\"Putin's Munich speech\"", b"42"),
        (b"\"Putin's Munich speech\"", b'" "'),
        (b"\"Putin's Munich speech\"", b'"\\ud800"'),
        (b'["speech"]', b'[null]'),
        (b'"tags":["speech"]', b'"tag":["speech"]'),
    ],
    ids=["bad-id", "same-id-twice", "dangling-reference", "bad-date", "wrong-type",
         "blank-title", "lone-surrogate", "null", "unknown-field"],
)  # fmt: skip
def test_a_rebuilt_entry_the_loader_would_refuse_is_not_used(
    cli: Cli, small: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, old: bytes, new: bytes
) -> None:
    """An entry with a right checksum is checked as the files are: an id, a date, a
    reference or a type that `validate` refuses never reaches an answer. A bad id and a
    reference to nothing did: decoding checked only each value's type."""
    expected = cli("events", "--json")
    [entry] = cached(cache_dir)
    rebuilt(entry, old, new)
    answers = spy(monkeypatch)
    result = cli("events", "--json")
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected.stdout, "")
    assert answers == [None]


def test_a_backslash_before_u_d800_in_the_text_is_still_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only an escaped surrogate is refused, not the text that spells one out."""
    events = SMALL["events.toml"].replace("Putin's Munich speech", "Not \\\\ud800 but text")
    facts = write_base(tmp_path / "f", {**SMALL, "events.toml": events})
    first = cached_load(facts)
    assert "Not \\ud800 but text" in [e.title for e in first.events]
    answers = spy(monkeypatch)
    assert cached_load(facts) == first
    assert answers == [first]


def test_an_entry_for_a_directory_without_fact_files_is_not_used(
    cli: Cli, tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An empty directory is a broken fact base, whatever an entry planted for it holds."""
    from hashlib import blake2b

    empty = tmp_path / "empty"
    empty.mkdir()
    payload = b"[]"
    key = cache._MAGIC + cache.key(empty, [])
    entry = cache._file_for(cache_dir, empty)
    entry.write_bytes(key + blake2b(payload, digest_size=cache._DIGEST).digest() + payload)
    answers = spy(monkeypatch)
    result = cli("events", "--json", facts=empty)
    assert (result.exit_code, result.stdout) == (1, "")
    assert answers == [None]
