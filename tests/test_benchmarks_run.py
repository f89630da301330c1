"""The benchmark's TAB cases are TABs: each, run as it runs them, completes what it says."""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
from pathlib import Path

RUN = Path(__file__).parent.parent / "benchmarks" / "run.py"


def test_each_tab_case_completes() -> None:
    tab_cases = runpy.run_path(str(RUN))["tab_cases"]
    env = {k: v for k, v in os.environ.items() if k != "FACTCLI_FACTS_DIR"}
    said = {
        name: subprocess.run(argv, env=env, capture_output=True, text=True, check=True).stdout
        for name, argv, budgeted in tab_cases([sys.executable, "-m", "factcli"], None)
        if budgeted
    }
    assert said["factcli country Rus<TAB>"] == "Russia\n"
    assert said["factcli events --country=jap<TAB>"] == "Japan\n"
    assert "treaty\n" in said["factcli events --tag <TAB><TAB>"].splitlines(keepends=True)
    assert said["factcli e<TAB>"] == "e\nevents\n"  # for bash to write what both begin with
