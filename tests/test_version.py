"""--version: the tool's version on its first line, then the fact base's title, size and credit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from factcli import __version__
from factcli.cli import app
from factcli.kinds import summary
from factcli.load import load
from tests.conftest import SMALL, Main, write_base

ROOT = Path(__file__).parents[1]
SHIPPED = ROOT / "facts"
ABOUT_SMALL = [
    "Fact base: Foreign relations of Russia, as of 2014",
    "5 countries, 3 orgs, 2 disputes, 0 treaties, 4 events",
]


def run(*args: str, env: dict[str, str | None] | None = None) -> Result:
    environment = {"COLUMNS": "80", "NO_COLOR": "1", "FACTCLI_FACTS_DIR": None, **(env or {})}
    return CliRunner().invoke(app, list(args), env=environment)


def test_the_first_line_is_the_version_alone() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == f"factcli {__version__}"


@pytest.mark.parametrize(
    "args",
    [["--facts-dir", "{dir}", "--version"], ["--version", "--facts-dir", "{dir}"]],
    ids=["after", "before"],
)
def test_the_fact_base_in_use_whatever_the_order(small: Path, args: list[str]) -> None:
    result = run(*(a.format(dir=small) for a in args))
    expected = [f"factcli {__version__}", *ABOUT_SMALL]
    assert (result.exit_code, result.stdout.splitlines(), result.stderr) == (0, expected, "")


def test_the_environment_names_the_fact_base_too(small: Path) -> None:
    result = run("--version", env={"FACTCLI_FACTS_DIR": str(small)})
    assert result.stdout.splitlines()[1:] == ABOUT_SMALL


def test_the_shipped_base_says_where_it_comes_from() -> None:
    base = load(SHIPPED)
    assert base.meta is not None
    assert base.meta.attribution is not None
    expected = [
        f"factcli {__version__}",
        "Fact base: Foreign relations of Russia, as of 2014",
        summary(base),
        base.meta.attribution,
    ]
    first, cached = run("--version"), run("--version")  # the second from the cache
    assert first.stdout.splitlines() == cached.stdout.splitlines() == expected
    assert "Wikipedia contributors" in expected[-1]
    assert "CC BY-SA 4.0" in expected[-1]


def test_without_a_title_the_subject_names_it(tmp_path: Path) -> None:
    countries = SMALL["countries.toml"].replace('title = "Foreign relations of Russia"', "")
    countries = countries.replace('as_of = "2014"', "")
    base = write_base(tmp_path / "b", {**SMALL, "countries.toml": countries})
    result = run("--facts-dir", str(base), "--version")
    assert result.stdout.splitlines()[1] == "Fact base: Russia"


def test_text_from_the_fact_base_is_data(tmp_path: Path) -> None:
    meta = '[meta]\nsubject = "X"\nattribution = "By \\u001b[31mred\\u001b[0m"\n'
    base = write_base(tmp_path / "b", {"a.toml": meta + SMALL["events.toml"].split("[[event]]")[0]})
    result = run("--facts-dir", str(base), "--version")
    assert result.stdout.splitlines()[-1] == "By \\x1b[31mred\\x1b[0m"


def test_a_broken_fact_base_is_a_note_after_the_version(tmp_path: Path) -> None:
    broken = write_base(tmp_path / "broken", {"a.toml": '[[event]]\nid = "x"\n'})
    result = run("--version", "--facts-dir", str(broken))
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        f"factcli {__version__}\n",
        f"Fact base: '{broken}' has 3 problems; 'factcli validate {broken}' lists them\n",
    )


def test_a_missing_fact_base_is_a_note_after_the_version(tmp_path: Path) -> None:
    result = run("--facts-dir", str(tmp_path / "nowhere"), "--version")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        f"factcli {__version__}\n",
        f"Fact base: facts directory '{tmp_path / 'nowhere'}' does not exist\n",
    )


def test_the_entry_point_with_a_broken_base(main: Main, tmp_path: Path) -> None:
    broken = write_base(tmp_path / "broken", {"a.toml": "[[event]\n"})
    ran = main("--version", env={"FACTCLI_FACTS_DIR": str(broken)})
    note = f"Fact base: '{broken}' has 1 problem; 'factcli validate {broken}' lists them\n"
    assert (ran.code, ran.stdout, ran.stderr) == (0, f"factcli {__version__}\n", note)


def test_a_file_for_a_directory_is_still_a_usage_error_after_the_version(
    main: Main, small: Path
) -> None:
    ran = main("--version", env={"FACTCLI_FACTS_DIR": str(small / "events.toml")})
    assert (ran.code, ran.stdout, ran.stderr.splitlines()) == (2, f"factcli {__version__}\n", [
        "Error: invalid value for '--facts-dir' (env var: 'FACTCLI_FACTS_DIR'): "
        f"Directory '{small}/events.toml' is a file.",
        "Try 'factcli --help'.",
    ])  # fmt: skip


def test_the_version_is_the_changelogs_latest_release() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = re.findall(r"^## (\d+)\.(\d+)\.(\d+) - (\d{4}-\d{2}-\d{2})$", text, re.M)
    versions = [tuple(map(int, r[:3])) for r in releases]
    assert ".".join(map(str, versions[0])) == __version__
    assert versions == sorted(versions, reverse=True)
    assert [r[3] for r in releases] == sorted((r[3] for r in releases), reverse=True)
    assert re.findall(r"^## .*$", text, re.M)[0] == "## Unreleased"
