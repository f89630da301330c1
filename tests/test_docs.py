"""docs/cli.md is generated from the app; it must say what the app does today."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from factcli.cli import app

DOCS = Path(__file__).parents[1] / "docs" / "cli.md"
REGENERATE = "typer factcli.cli utils docs --name factcli --output docs/cli.md"


def test_the_cli_reference_is_up_to_date(tmp_path: Path) -> None:
    fresh = tmp_path / "cli.md"
    subprocess.run(
        [sys.executable, "-m", "typer", "factcli.cli", "utils", "docs", "--name", "factcli",
         "--output", str(fresh)],
        check=True, capture_output=True, cwd=DOCS.parents[1],
    )  # fmt: skip
    assert DOCS.read_text(encoding="utf-8") == fresh.read_text(encoding="utf-8"), (
        f"docs/cli.md is out of date; regenerate it with: {REGENERATE}"
    )


def test_every_command_has_a_section() -> None:
    commands = [c.name or getattr(c.callback, "__name__", "") for c in app.registered_commands]
    documented = re.findall(r"^## `factcli (\w+)`$", DOCS.read_text(encoding="utf-8"), re.M)
    assert documented == commands
    assert "export" in documented
