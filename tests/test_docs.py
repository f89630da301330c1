"""docs/cli.md is generated from the app; it must say what the app does today."""

from __future__ import annotations

import re
from pathlib import Path

from factcli.cli import app

DOCS = Path(__file__).parents[1] / "docs" / "cli.md"
REGENERATE = "typer factcli.cli utils docs --name factcli --output docs/cli.md"


def test_the_cli_reference_is_up_to_date(tmp_path: Path) -> None:
    """What REGENERATE writes, by the typer command's own app, in this process."""
    from typer.cli import app as typer_command
    from typer.testing import CliRunner

    fresh = tmp_path / "cli.md"
    args = ["factcli.cli", "utils", "docs", "--name", "factcli", "--output", str(fresh)]
    result = CliRunner().invoke(typer_command, args)
    assert result.exit_code == 0, result.output
    assert DOCS.read_text(encoding="utf-8") == fresh.read_text(encoding="utf-8"), (
        f"docs/cli.md is out of date; regenerate it with: {REGENERATE}"
    )


def test_every_command_has_a_section() -> None:
    commands = [c.name or getattr(c.callback, "__name__", "") for c in app.registered_commands]
    documented = re.findall(r"^## `factcli (\w+)`$", DOCS.read_text(encoding="utf-8"), re.M)
    assert documented == commands
    assert "export" in documented
