"""Shell completion through the protocol the shells use: factcli run with _FACTCLI_COMPLETE."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from factcli import completion
from factcli.load import load
from tests.conftest import SMALL, write_base

IVORY = """
    [[country]]
    name = "Côte d'Ivoire"
    iso2 = "CI"
    iso3 = "CIV"
    aliases = ["Ivory Coast"]
    sources = ["Current issues"]
    """


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """factcli as a shell runs it on TAB (python -m factcli, so no install is needed)."""
    clean = {k: v for k, v in os.environ.items() if k != "FACTCLI_FACTS_DIR"}
    return subprocess.run(
        [sys.executable, *args, "-m", "factcli"],
        env={**clean, **env},
        capture_output=True, text=True, encoding="utf-8", check=False,
    )  # fmt: skip


def bash(line: str, facts: Path | None = None, **env: str) -> str:
    """What bash gets for the line, TAB pressed at its end; asserts a quiet exit."""
    if facts is not None:
        line = line.replace("factcli", f"factcli --facts-dir {facts}", 1)
    words = line.split(" ")
    result = run(
        {
            "_FACTCLI_COMPLETE": "complete_bash",
            "COMP_WORDS": line,
            "COMP_CWORD": str(len(words) - 1),
            **env,
        }
    )
    assert (result.returncode, result.stderr) == (0, "")
    return result.stdout


def zsh(line: str, facts: Path) -> str:
    result = run(
        {
            "_FACTCLI_COMPLETE": "complete_zsh",
            "_TYPER_COMPLETE_ARGS": line.replace("factcli", f"factcli --facts-dir {facts}", 1),
        }
    )
    assert (result.returncode, result.stderr) == (0, "")
    return result.stdout


def fish(line: str, facts: Path) -> str:
    result = run(
        {
            "_FACTCLI_COMPLETE": "complete_fish",
            "_TYPER_COMPLETE_FISH_ACTION": "get-args",
            "_TYPER_COMPLETE_ARGS": line.replace("factcli", f"factcli --facts-dir {facts}", 1),
        }
    )
    assert (result.returncode, result.stderr) == (0, "")
    return result.stdout


UKRAINE = """
    [[country]]
    name = "Ukraine"
    iso2 = "UA"
    iso3 = "UKR"
    sources = ["Current issues"]
    """


@pytest.fixture
def base_dir(tmp_path: Path) -> Path:
    """The small fact base and a country whose name has an accent and an apostrophe."""
    return write_base(tmp_path / "facts", {**SMALL, "ivory.toml": IVORY})


# --- the values, one layer down ---------------------------------------------------------------


def test_countries_by_prefix_of_name_or_alias_any_case_no_accents(base_dir: Path) -> None:
    base = load(base_dir)
    assert completion.countries(base, "Ja") == ["Japan"]
    assert completion.countries(base, "ja") == ["Japan"]
    assert completion.countries(base, "Brit") == ["United Kingdom"]
    assert completion.countries(base, "nip") == ["Japan"]
    assert completion.countries(base, "cote") == ["Côte d'Ivoire"]
    assert completion.countries(base, "ivory") == ["Côte d'Ivoire"]
    assert completion.countries(base, "") == [
        "Côte d'Ivoire", "Estonia", "Japan", "North Korea", "South Korea", "United Kingdom",
    ]  # fmt: skip


def test_country_codes_complete_only_whole(base_dir: Path) -> None:
    base = load(base_dir)
    assert completion.countries(base, "gb") == ["United Kingdom"]
    assert completion.countries(base, "PRK") == ["North Korea"]
    assert completion.countries(base, "k") == []  # not KP, KR: no name starts with K


def test_orgs_tags_categories(base_dir: Path) -> None:
    base = load(base_dir)
    assert completion.orgs(base, "") == [
        ("asean", "Association of Southeast Asian Nations"),
        ("coe", "Council of Europe"),
        ("sco", "Shanghai Cooperation Organisation"),
    ]
    assert completion.orgs(base, "S") == [("sco", "Shanghai Cooperation Organisation")]
    assert completion.tags(base, "") == ["border", "diplomacy", "espionage", "speech", "treaty"]
    assert completion.tags(base, "ESP") == ["espionage"]
    assert completion.categories(base, "") == ["political", "regional"]


# --- through the protocol, as bash runs it ------------------------------------------------------


def test_country_option_completes_to_the_name(base_dir: Path) -> None:
    assert bash("factcli events --country Ja", base_dir) == "Japan\n"
    assert bash("factcli disputes -c ja", base_dir) == "Japan\n"


def test_country_argument_completes_an_alias_to_the_canonical_name(base_dir: Path) -> None:
    # bash inserts the value as it is: the space must be escaped to stay one argument.
    assert bash("factcli country Brit", base_dir) == "United\\ Kingdom\n"
    assert bash("factcli country united", base_dir) == "United\\ Kingdom\n"
    assert bash("factcli country cote", base_dir) == "Côte\\ d\\'Ivoire\n"


def test_several_candidates_one_a_line(base_dir: Path) -> None:
    assert bash("factcli country ", base_dir).splitlines() == [
        "Côte\\ d\\'Ivoire", "Estonia", "Japan", "North\\ Korea", "South\\ Korea",
        "United\\ Kingdom",
    ]  # fmt: skip


def test_org_tag_category_role_status_values(base_dir: Path) -> None:
    assert bash("factcli events --org s", base_dir) == "sco\n"
    assert bash("factcli events --org ", base_dir) == "asean\ncoe\nsco\n"
    assert bash("factcli events --tag Es", base_dir) == "espionage\n"
    assert bash("factcli orgs --category re", base_dir) == "regional\n"
    assert bash("factcli orgs --role ob", base_dir) == "observer\n"
    assert bash("factcli disputes --status p", base_dir) == "partially\\ resolved\n"
    assert bash("factcli search x --kind d", base_dir) == "dispute\n"


def test_subcommands_and_options(base_dir: Path) -> None:
    assert bash("factcli e", base_dir) == "events\nexport\n"
    assert bash("factcli events --c", base_dir) == "--country\n--csv-safe\n"
    assert bash("factcli events --co", base_dir) == "--country\n"
    assert bash("factcli events --by", base_dir) == "--by-year\n"


def test_the_fact_base_comes_from_the_environment(base_dir: Path) -> None:
    assert bash("factcli country Brit", FACTCLI_FACTS_DIR=str(base_dir)) == "United\\ Kingdom\n"


def test_the_shipped_fact_base_by_default() -> None:
    assert bash("factcli country Ja") == "Japan\n"


def test_a_broken_or_missing_fact_base_completes_nothing_quietly(tmp_path: Path) -> None:
    broken = write_base(tmp_path / "broken", {**SMALL, "bad.toml": "[[event]\n"})
    assert bash("factcli country J", broken) == "\n"
    assert bash("factcli events --org ", tmp_path / "nowhere") == "\n"


def test_tab_never_removes_what_was_typed(base_dir: Path) -> None:
    # "UK" (United Kingdom's alias) and "Ukraine" would share only "U": offered as typed.
    ukraine = write_base(base_dir, {"ukraine.toml": UKRAINE})
    assert bash("factcli country uk", ukraine) == "uk\nukraine\n"
    assert bash("factcli country gb", ukraine) == "United\\ Kingdom\n"  # one: its name


def test_an_opened_quote_is_kept_and_nothing_is_escaped(base_dir: Path) -> None:
    assert bash('factcli country "Unit', base_dir) == '"United Kingdom\n'
    assert bash("factcli country 'cote", base_dir) == "'Côte d'\\''Ivoire\n"


@pytest.mark.parametrize("option", ["--since", "--until", "--year"])
def test_dates_offer_nothing(base_dir: Path, option: str) -> None:
    assert bash(f"factcli events {option} ", base_dir) == "\n"


def test_paths_ask_bash_for_file_names(base_dir: Path) -> None:
    assert bash("factcli --facts-dir f", _FACTCLI_COMPLETE_PATHS="1") == "\x1eDIRS\n"
    assert bash("factcli export --sqlite f", _FACTCLI_COMPLETE_PATHS="1") == "\x1eFILES\n"
    assert bash("factcli --facts-dir f") == "\n"  # an older script: -o default does it


def test_fields_are_offered_after_the_ones_typed(base_dir: Path) -> None:
    assert bash("factcli events --fields id,da", base_dir) == "id,date\n"
    assert bash("factcli orgs --fields id,ro", base_dir) == "id,role\n"
    assert bash("factcli country Japan --fields na", base_dir) == "name\n"
    assert bash("factcli search x --fields id,ti", base_dir) == "id,title\n"


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_in_bash_a_date_offers_no_file_names(base_dir: Path, tmp_path: Path) -> None:
    """bash itself: an empty reply to --since stays empty (no -o default fallback)."""
    (tmp_path / "somefile").write_text("")
    script = 'eval "$(python -m factcli --show-completion bash)"\ncomplete -p factcli\n'
    env = {**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    result = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", script.replace("python", sys.executable)],
        env=env, capture_output=True, text=True, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert result.stdout == "complete -F _factcli_completion factcli\n", result.stderr


# --- zsh and fish ---------------------------------------------------------------------------


def test_zsh_gets_names_whole_and_org_names_as_help(base_dir: Path) -> None:
    assert zsh("factcli country Brit", base_dir) == "_arguments '*: :((\"United Kingdom\"))'\n"
    assert zsh("factcli events --org s", base_dir) == (
        '_arguments \'*: :(("sco":"Shanghai Cooperation Organisation"))\'\n'
    )
    assert zsh("factcli e", base_dir) == (
        '_arguments \'*: :(("events":"Dated events, earliest first."\n'
        '"export":"Write the fact base to a SQLite database."))\'\n'
    )


def test_fish_gets_names_whole_and_org_names_as_help(base_dir: Path) -> None:
    assert fish("factcli events --country ja", base_dir) == "Japan\n"
    assert fish("factcli country Brit", base_dir) == "United Kingdom\n"
    assert fish("factcli events --org s", base_dir) == "sco\tShanghai Cooperation Organisation\n"


# --- cost: every TAB runs factcli --------------------------------------------------------------


@pytest.mark.parametrize(
    "env",
    [
        {
            "_FACTCLI_COMPLETE": "complete_bash",
            "COMP_WORDS": "factcli country Ja",
            "COMP_CWORD": "2",
        },
        {"_FACTCLI_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "factcli e"},
        {
            "_FACTCLI_COMPLETE": "complete_fish",
            "_TYPER_COMPLETE_FISH_ACTION": "get-args",
            "_TYPER_COMPLETE_ARGS": "factcli events --org n",
        },
    ],
)
def test_completion_imports_neither_rich_nor_pycountry(env: dict[str, str]) -> None:
    result = run(env, "-X", "importtime")
    assert result.returncode == 0
    assert result.stdout.strip()
    modules = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines()}
    assert {"typer", "factcli"} <= modules
    assert not {"rich", "pycountry"} & modules


# --- the scripts the shells source --------------------------------------------------------------


def test_the_bash_script_names_factcli_even_under_python_m() -> None:
    shown = subprocess.run(
        [sys.executable, "-m", "factcli", "--show-completion", "bash"],
        env={**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    assert "_FACTCLI_COMPLETE=complete_bash $1" in shown.stdout
    # Without -o default: a date or a query word offers nothing, not the file names here.
    assert shown.stdout.rstrip().endswith("complete -F _factcli_completion factcli")


@pytest.mark.skipif(
    shutil.which("bash") is None or not (Path(sys.executable).parent / "factcli").exists(),
    reason="needs bash and the installed factcli script",
)
def test_in_bash_itself(base_dir: Path) -> None:
    """Source the script factcli shows, press TAB through its function, read COMPREPLY."""
    script = (
        'eval "$(factcli --show-completion bash)"\n'
        "COMP_WORDS=(factcli country Brit); COMP_CWORD=2\n"
        "_factcli_completion factcli\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "FACTCLI_FACTS_DIR": str(base_dir),
        "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1",
    }
    result = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", script],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert (result.returncode, result.stdout) == (0, "United\\ Kingdom\n"), result.stderr
