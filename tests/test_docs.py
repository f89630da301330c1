"""docs/cli.md is generated from the app; it must say what the app does today."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from factcli.cli import app
from factcli.factbase import shipped_facts
from tests.conftest import Main

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


README = DOCS.parents[1] / "README.md"


def _error_examples() -> list[tuple[list[str], list[str]]]:
    """The README's examples of errors: each command after `$ factcli`, and its lines."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("### Exit codes") :]
    start = section.index("```console\n") + 11
    block = section[start : section.index("\n```", start)]
    examples: list[tuple[list[str], list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ factcli "):
            examples.append((shlex.split(line.removeprefix("$ factcli "), comments=True), []))
        else:
            examples[-1][1].append(line)
    return examples


def test_the_readme_shows_errors_as_factcli_prints_them(
    main: Main, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from a directory holding a copy of the shipped facts, with one field misspelt."""
    facts = tmp_path / "facts"
    shutil.copytree(shipped_facts(), facts)
    events = facts / "events.toml"
    text = events.read_text(encoding="utf-8")
    at = text.index('id = "cfe-suspension"')
    title = text.index("\ntitle = ", at)
    events.write_text(text[:title] + "\ntittle = " + text[title + 9 :], encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    examples = _error_examples()
    assert len(examples) >= 8
    for args, lines in examples:
        ran = main(*args)
        code = 1 if "--facts-dir" in args else 2
        assert (ran.code, ran.stdout, ran.stderr.splitlines()) == (code, "", lines), args
