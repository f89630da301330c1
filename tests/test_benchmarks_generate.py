"""The benchmark's generated fact bases are valid, varied and the same every time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from factcli.load import load

GENERATE = Path(__file__).parent.parent / "benchmarks" / "generate.py"


def generate(n: int, directory: Path) -> Path:
    subprocess.run([sys.executable, str(GENERATE), str(n), str(directory)], check=True)
    return directory


def test_a_generated_base_is_valid_and_varied(tmp_path: Path) -> None:
    base = load(generate(300, tmp_path / "facts"))
    assert len(base.events) == 300
    assert base.meta is not None
    assert (len(base.countries), len(base.orgs), len(base.disputes)) == (20, 10, 6)
    dates = [str(e.date) for e in base.events]
    assert {len(d) for d in dates} == {4, 7, 10}  # years, months and days
    assert any(d.startswith("2007") for d in dates)
    assert any(e.orgs for e in base.events)
    assert all(e.countries for e in base.events)
    assert all(e.tags for e in base.events)


def test_generating_twice_writes_the_same_bytes(tmp_path: Path) -> None:
    one, two = generate(50, tmp_path / "one"), generate(50, tmp_path / "two")
    names = sorted(p.name for p in one.iterdir())
    assert names == ["countries.toml", "disputes.toml", "events.toml", "orgs.toml"]
    assert sorted(p.name for p in two.iterdir()) == names
    assert all((one / n).read_bytes() == (two / n).read_bytes() for n in names)


def test_a_base_of_one_long_summary(tmp_path: Path) -> None:
    directory = tmp_path / "long"
    args = [sys.executable, str(GENERATE), "0", str(directory), "--summary-bytes", "100000"]
    subprocess.run(args, check=True)
    (event,) = load(directory).events
    assert event.summary is not None
    assert 99_000 < len(event.summary) <= 100_001
    assert max(map(len, event.summary.split())) < 20  # words, not one long one
