"""A C locale gives the standard streams ASCII: a table still prints, its dashes spelt out."""

from __future__ import annotations

import os
import subprocess
import sys


def test_a_c_locale_prints_tables_not_an_internal_error() -> None:
    env = {**os.environ, "LC_ALL": "C", "PYTHONUTF8": "0", "COLUMNS": "80"}
    env.pop("PYTHONIOENCODING", None)
    args = [sys.executable, "-m", "factcli", "disputes", "--country", "Japan"]
    done = subprocess.run(args, env=env, capture_output=True, check=False)
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout.splitlines()[0] == b"Russia \\u2014 territorial disputes (1)"
