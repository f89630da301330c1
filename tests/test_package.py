"""The wheel as a package index would ship it: both licences, the facts, the metadata."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from factcli import __version__

ROOT = Path(__file__).parents[1]


@pytest.mark.slow
def test_the_wheel_carries_both_licences_and_the_facts(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir",
         str(tmp_path), str(ROOT)],
        check=True, capture_output=True,
    )  # fmt: skip
    info = f"factcli-{__version__}.dist-info"
    with zipfile.ZipFile(tmp_path / f"factcli-{__version__}-py3-none-any.whl") as wheel:
        names = set(wheel.namelist())
        assert wheel.read("factcli/facts/LICENSE") == (ROOT / "facts" / "LICENSE").read_bytes()
        assert wheel.read(f"{info}/licenses/LICENSE") == (ROOT / "LICENSE").read_bytes()
        assert f"{info}/licenses/facts/LICENSE" in names
        metadata = wheel.read(f"{info}/METADATA").decode().splitlines()
    facts = {p.name for p in (ROOT / "facts").glob("*.toml")}
    assert {n.removeprefix("factcli/facts/") for n in names if n.endswith(".toml")} == facts
    assert "License-Expression: MIT" in metadata
    assert not [line for line in metadata if line.startswith("Classifier: License ::")]
    for minor in (11, 12, 13):
        assert f"Classifier: Programming Language :: Python :: 3.{minor}" in metadata
