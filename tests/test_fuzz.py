"""Mutation fuzzing: damaged copies of the shipped fact base never crash the command line.

Each mutant is a copy of facts/ with one to three kinds of damage: deleted, duplicated or
swapped lines, misspelt keys, values of the wrong type, invalid dates, stray table
headers, cut-off files, random bytes, invalid UTF-8, hostile text, deep nesting, missing
or extra files. The command line runs `validate` and one other command on it, and must end
with exit 0, 1 or 2, a message when it is not 0, and no traceback; `validate` and the other
command must agree on whether the fact base is broken.

The mutants are seeded: mutant N is the same on every run and every machine. They run
in-process; one also in a real process, through the entry point that turns an error into
an exit status. FACTCLI_FUZZ_MUTANTS=1000 runs more of them, and FACTCLI_FUZZ_SEED
another series.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcli.cli import app

FACTS = Path(__file__).parents[1] / "facts"
MUTANTS = int(os.environ.get("FACTCLI_FUZZ_MUTANTS", "80"))
SEED = int(os.environ.get("FACTCLI_FUZZ_SEED", "1729"))
# Of the mutants, these also run as a real `python -m factcli`: with the default seed, random
# bytes in one file and an unknown reference in another, a base with several problems.
REAL = [2]

Files = dict[str, bytes]
Lines = list[str]

# --- damage to one file's lines ---------------------------------------------------------------

KEY_LINE = re.compile(r"^(\s*)([A-Za-z_][A-Za-z0-9_-]*)(\s*=\s*)(.*)$")
STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
DATE = re.compile(r'"\d{4}(?:-\d{2}(?:-\d{2})?)?"|\b\d{4}-\d{2}-\d{2}\b')

WRONG_VALUES = [
    "42", "-1", "3.14", "nan", "true", "[]", "[1, 2]", '["a", 3]', "{}", '{ a = "b" }',
    "1979-05-27T07:32:00", "07:32:00", '""', '"  "', "[[1], [2]]", '"Atlantis"', "[\"\"]",
]  # fmt: skip
BAD_DATES = [
    '"2007-13"', '"2007-02-30"', '"soon"', '"0000"', '"20077"', '"2007-1"', '"9999-12"',
    "2007-02-30", '"2007/02/01"', '""', '"٢٠٠٧"', "1997-05-27T10:00:00",
]  # fmt: skip
HEADERS = [
    "[[treaty]]", "[meta]", "[[event]]", "[event]", "[[ country ]]", '[["org"]]', "[x.y]",
    "[[meta]]", "[[evnet]]", "[dispute.extra]", "[[event.nested]]", "[", "[[]]",
]  # fmt: skip
HOSTILE = [
    "\\u001b[2J\\u001b[31mred", "[bold]loud[/bold]", "[link=https://evil.test]x[/link]",
    "\\u202eevil\\u202c", "\\u0007bell\\u0000nul", "\\u009b31m", "\\u007f", "a\\nb\\tc",
    "x" * 5000, "\\\\", "é" * 50,
]  # fmt: skip
BAD_BYTES = [b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80", b"\x00", b"\xe2\x80"]


def _pick(rng: random.Random, lines: Lines, pattern: re.Pattern[str]) -> int | None:
    found = [i for i, line in enumerate(lines) if pattern.search(line)]
    return rng.choice(found) if found else None


def delete_line(rng: random.Random, lines: Lines) -> None:
    if lines:
        del lines[rng.randrange(len(lines))]


def duplicate_line(rng: random.Random, lines: Lines) -> None:
    if lines:
        i = rng.randrange(len(lines))
        lines.insert(rng.randrange(len(lines) + 1), lines[i])


def swap_lines(rng: random.Random, lines: Lines) -> None:
    if len(lines) > 1:
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]


def misspell_key(rng: random.Random, lines: Lines) -> None:
    i = _pick(rng, lines, KEY_LINE)
    if i is None:
        return
    m = KEY_LINE.match(lines[i])
    assert m is not None
    key = list(m[2])
    at = rng.randrange(len(key))
    match rng.randrange(4):
        case 0:
            key.insert(at, key[at])
        case 1 if len(key) > 1:
            del key[at]
        case 2:
            key[at] = key[at].upper()
        case _:
            key[at] = rng.choice("abcdefghijklmnopqrstuvwxyz")
    lines[i] = f"{m[1]}{''.join(key)}{m[3]}{m[4]}"


def wrong_type(rng: random.Random, lines: Lines) -> None:
    i = _pick(rng, lines, KEY_LINE)
    if i is not None and (m := KEY_LINE.match(lines[i])):
        lines[i] = f"{m[1]}{m[2]}{m[3]}{rng.choice(WRONG_VALUES)}"


def invalid_date(rng: random.Random, lines: Lines) -> None:
    i = _pick(rng, lines, DATE)
    if i is not None:
        bad = rng.choice(BAD_DATES)
        lines[i] = DATE.sub(lambda _: bad, lines[i], count=1)


def stray_header(rng: random.Random, lines: Lines) -> None:
    lines.insert(rng.randrange(len(lines) + 1), rng.choice(HEADERS))


def hostile_text(rng: random.Random, lines: Lines) -> None:
    i = _pick(rng, lines, STRING)
    if i is not None:
        text = rng.choice(HOSTILE)
        lines[i] = STRING.sub(lambda _: f'"{text}"', lines[i], count=1)


def duplicate_id(rng: random.Random, lines: Lines) -> None:
    ids = [i for i, line in enumerate(lines) if re.match(r'\s*(id|name)\s*=\s*"', line)]
    if len(ids) > 1:
        i, j = rng.sample(ids, 2)
        lines[i] = lines[j]


def unknown_reference(rng: random.Random, lines: Lines) -> None:
    i = _pick(rng, lines, re.compile(r"^\s*(countries|orgs)\s*="))
    if i is not None:
        name = rng.choice(["Atlantis", "Japn", "natoo", "Korea", "UK"])
        lines[i] = STRING.sub(lambda _: f'"{name}"', lines[i], count=1)


def bad_choice(rng: random.Random, lines: Lines) -> None:
    i = _pick(rng, lines, re.compile(r"^\s*(role|status)\s*="))
    if i is not None:
        value = rng.choice(["emperor", "Member", "resolved", "former", "", "partially"])
        lines[i] = lines[i].split("=")[0] + f'= "{value}"'


def deep_nesting(rng: random.Random, lines: Lines) -> None:
    i = _pick(rng, lines, KEY_LINE)
    if i is not None and (m := KEY_LINE.match(lines[i])):
        n = rng.choice([50, 500, 5000, 100_000])
        value = "[" * n + "]" * n if rng.random() < 0.5 else "{a=" * n + "1" + "}" * n
        lines[i] = f"{m[1]}{m[2]}{m[3]}{value}"


def unclosed_string(rng: random.Random, lines: Lines) -> None:
    i = _pick(rng, lines, STRING)
    if i is not None:
        lines[i] = lines[i].rstrip().rstrip('"]')


LINE_DAMAGE: list[Callable[[random.Random, Lines], None]] = [
    delete_line, duplicate_line, swap_lines, misspell_key, wrong_type, invalid_date,
    stray_header, hostile_text, duplicate_id, unknown_reference, bad_choice, deep_nesting,
    unclosed_string,
]  # fmt: skip

# --- damage to one file's bytes, and to the set of files -----------------------------------


def cut_off(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def random_bytes(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.randbytes(rng.randrange(1, 40)) + data[at:]


def invalid_utf8(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice(BAD_BYTES) + data[at:]


BYTE_DAMAGE: list[Callable[[random.Random, bytes], bytes]] = [cut_off, random_bytes, invalid_utf8]


def damage_files(rng: random.Random, files: Files) -> str:
    match rng.randrange(4):
        case 0:
            name = rng.choice(sorted(files))
            del files[name]
            return f"deleted {name}"
        case 1:
            name = rng.choice(sorted(files))
            files[name] = b""
            return f"emptied {name}"
        case 2:
            files["zz-extra.toml"] = rng.randbytes(rng.randrange(200))
            return "added a file of random bytes"
        case _:
            name = rng.choice(sorted(files))
            files[f"copy-of-{name}"] = files[name]  # every record twice: duplicate ids
            return f"copied {name}"


@dataclass(frozen=True)
class Mutant:
    number: int
    files: Files
    damage: tuple[str, ...]
    command: tuple[str, ...]


COMMANDS = [
    ("events", "--json"), ("events", "--year", "2007"), ("orgs",), ("orgs", "--format", "csv"),
    ("disputes", "--country", "Japan"), ("country", "Japan"), ("country",), ("search", "treaty"),
    ("events", "--country", "Georgia", "--format", "jsonl"), ("events", "--by-year"),
    ("country", "Georgia", "--json"), ("disputes", "--status", "resolved", "--format", "csv"),
]  # fmt: skip


def mutant(shipped: Files, number: int) -> Mutant:
    rng = random.Random(SEED * 1_000_003 + number)
    files = dict(shipped)
    damage = []
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        if not files or rng.random() < 0.08:
            damage.append(damage_files(rng, files))
            continue
        name = rng.choice(sorted(files))
        if rng.random() < 0.25:
            on_bytes = rng.choice(BYTE_DAMAGE)
            files[name] = on_bytes(rng, files[name])
            damage.append(f"{on_bytes.__name__} in {name}")
        else:
            on_lines = rng.choice(LINE_DAMAGE)
            lines = files[name].decode("utf-8", "surrogateescape").split("\n")
            on_lines(rng, lines)
            files[name] = "\n".join(lines).encode("utf-8", "surrogateescape")
            damage.append(f"{on_lines.__name__} in {name}")
    return Mutant(number, files, tuple(damage), rng.choice(COMMANDS))


# --- what every run must look like -------------------------------------------------------------

PROBLEM = re.compile(r"^(?P<path>.+?\.toml):(?P<line>\d+): ", re.M)
SUMMARY = re.compile(r"^\d+ problems? in \d+ files?$")


def complaints(
    mutant: Mutant, base: Path, args: tuple[str, ...], code: int, out: str, err: str
) -> list[str]:
    """What is wrong with one run of the command line on a mutant (nothing, ideally)."""
    said = []
    if code not in (0, 1, 2):
        said.append(f"exit {code}")
    if "Traceback" in out + err:
        said.append("a traceback")
    if code != 0 and args[0] != "validate" and not err.strip():
        said.append(f"exit {code} without a message on stderr")
    if args[0] == "validate" and code == 1 and not SUMMARY.match(out.splitlines()[-1]):
        said.append("validate did not end with its count of problems")
    for m in PROBLEM.finditer(out + err):
        path = Path(m["path"])
        if path.parent != base or path.name not in mutant.files:
            said.append(f"a problem names {path}, not a file of the fact base")
        elif int(m["line"]) > mutant.files[path.name].count(b"\n") + 1:
            said.append(f"a problem points past the end of {path.name}: {m[0]}")
    if not said:
        return []
    where = f"mutant {mutant.number} ({'; '.join(mutant.damage)}), kept in {base}"
    tail = (err or out)[-600:]
    return [f"{where}: factcli {' '.join(args)}: {', '.join(said)}\n{tail}"]


def write(base: Path, files: Files) -> Path:
    base.mkdir(parents=True)
    for name, data in files.items():
        (base / name).write_bytes(data)
    return base


@pytest.fixture(scope="module")
def shipped() -> Files:
    files = {p.name: p.read_bytes() for p in sorted(FACTS.glob("*.toml"))}
    assert len(files) >= 4, f"no shipped fact base in {FACTS}"
    return files


def test_the_mutants_are_the_same_on_every_run(shipped: Files) -> None:
    assert mutant(shipped, 7) == mutant(shipped, 7)
    assert mutant(shipped, 7) != mutant(shipped, 8)


def test_damaged_fact_bases_never_crash_in_process(shipped: Files, tmp_path: Path) -> None:
    runner = CliRunner()
    env = {"COLUMNS": "120", "NO_COLOR": "1", "FACTCLI_FACTS_DIR": None}
    failures: list[str] = []
    for number in range(MUTANTS):
        m = mutant(shipped, number)
        base = write(tmp_path / f"mutant-{number}", m.files)
        codes = []
        for args in (("validate",), m.command):
            result = runner.invoke(
                app, ["--facts-dir", str(base), *args], env=env, catch_exceptions=True
            )
            if result.exception is not None and not isinstance(result.exception, SystemExit):
                failures.append(
                    f"mutant {number} ({'; '.join(m.damage)}), kept in {base}: "
                    f"factcli {' '.join(args)} raised {result.exception!r}"
                )
                continue
            codes.append(result.exit_code)
            failures += complaints(m, base, args, result.exit_code, result.stdout, result.stderr)
        if len(codes) == 2 and (codes[0] == 1) != (codes[1] == 1):
            failures.append(
                f"mutant {number} ({'; '.join(m.damage)}), kept in {base}: validate exit "
                f"{codes[0]} but factcli {' '.join(m.command)} exit {codes[1]}"
            )
        if not failures:
            shutil.rmtree(base)
    assert not failures, f"{len(failures)} failures of {MUTANTS} mutants:\n" + "\n".join(
        failures[:10]
    )


@pytest.mark.parametrize("number", REAL)
def test_damaged_fact_bases_never_crash_a_real_process(
    shipped: Files, tmp_path: Path, number: int
) -> None:
    m = mutant(shipped, number)
    base = write(tmp_path / "mutant", m.files)
    env = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1"}
    env.pop("FACTCLI_FACTS_DIR", None)
    for args in (("validate",), m.command):
        p = subprocess.run(
            [sys.executable, "-m", "factcli", "--facts-dir", str(base), *args],
            capture_output=True, text=True, encoding="utf-8", errors="replace", env=env,
            stdin=subprocess.DEVNULL, timeout=60, check=False,
        )  # fmt: skip
        assert not complaints(m, base, args, p.returncode, p.stdout, p.stderr)
