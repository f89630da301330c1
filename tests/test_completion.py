"""Shell completion through the protocol the shells use: factcli run with _FACTCLI_COMPLETE.

The protocol runs through the entry point in this process (the `main` fixture); bash
itself, with the script factcli shows, and the cost of a TAB run in real processes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from factcli import completion
from factcli.load import load
from tests.conftest import SMALL, Main, write_base

IVORY = """
    [[country]]
    name = "Côte d'Ivoire"
    iso2 = "CI"
    iso3 = "CIV"
    aliases = ["Ivory Coast"]
    sources = ["Current issues"]
    """


def bash(main: Main, line: str, facts: Path | None = None, **env: str) -> str:
    """What bash gets for the line, TAB pressed at its end; asserts a quiet exit."""
    if facts is not None:
        line = line.replace("factcli", f"factcli --facts-dir {facts}", 1)
    words = line.split(" ")
    ran = main(
        env={
            "_FACTCLI_COMPLETE": "complete_bash",
            "COMP_WORDS": line,
            "COMP_CWORD": str(len(words) - 1),
            **env,
        }
    )
    assert (ran.code, ran.stderr) == (0, "")
    return ran.stdout


def zsh(main: Main, line: str, facts: Path) -> str:
    ran = main(
        env={
            "_FACTCLI_COMPLETE": "complete_zsh",
            "_TYPER_COMPLETE_ARGS": line.replace("factcli", f"factcli --facts-dir {facts}", 1),
        }
    )
    assert (ran.code, ran.stderr) == (0, "")
    return ran.stdout


def fish(main: Main, line: str, facts: Path) -> str:
    ran = main(
        env={
            "_FACTCLI_COMPLETE": "complete_fish",
            "_TYPER_COMPLETE_FISH_ACTION": "get-args",
            "_TYPER_COMPLETE_ARGS": line.replace("factcli", f"factcli --facts-dir {facts}", 1),
        }
    )
    assert (ran.code, ran.stderr) == (0, "")
    return ran.stdout


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


def test_country_option_completes_to_the_name(main: Main, base_dir: Path) -> None:
    assert bash(main, "factcli events --country Ja", base_dir) == "Japan\n"
    assert bash(main, "factcli disputes -c ja", base_dir) == "Japan\n"


def test_country_argument_completes_an_alias_to_the_canonical_name(
    main: Main, base_dir: Path
) -> None:
    # bash inserts the value as it is: the space must be escaped to stay one argument.
    assert bash(main, "factcli country Brit", base_dir) == "United\\ Kingdom\n"
    assert bash(main, "factcli country united", base_dir) == "United\\ Kingdom\n"
    assert bash(main, "factcli country cote", base_dir) == "Côte\\ d\\'Ivoire\n"


def test_several_candidates_one_a_line(main: Main, base_dir: Path) -> None:
    assert bash(main, "factcli country ", base_dir).splitlines() == [
        "Côte\\ d\\'Ivoire", "Estonia", "Japan", "North\\ Korea", "South\\ Korea",
        "United\\ Kingdom",
    ]  # fmt: skip


def test_org_tag_category_role_status_values(main: Main, base_dir: Path) -> None:
    assert bash(main, "factcli events --org s", base_dir) == "sco\n"
    assert bash(main, "factcli events --org ", base_dir) == "asean\ncoe\nsco\n"
    assert bash(main, "factcli events --tag Es", base_dir) == "espionage\n"
    assert bash(main, "factcli orgs --category re", base_dir) == "regional\n"
    assert bash(main, "factcli orgs --role ob", base_dir) == "observer\n"
    assert bash(main, "factcli disputes --status p", base_dir) == "partially\\ resolved\n"
    assert bash(main, "factcli search x --kind d", base_dir) == "dispute\n"


def test_subcommands_and_options(main: Main, base_dir: Path) -> None:
    assert bash(main, "factcli e", base_dir) == "events\nexport\n"
    assert bash(main, "factcli events --c", base_dir) == "--country\n--csv-safe\n"
    assert bash(main, "factcli events --co", base_dir) == "--country\n"
    assert bash(main, "factcli events --by", base_dir) == "--by-year\n"


def test_the_fact_base_comes_from_the_environment(main: Main, base_dir: Path) -> None:
    assert (
        bash(main, "factcli country Brit", FACTCLI_FACTS_DIR=str(base_dir)) == "United\\ Kingdom\n"
    )


def test_the_shipped_fact_base_by_default(main: Main) -> None:
    assert bash(main, "factcli country Ja") == "Japan\n"


def test_a_broken_or_missing_fact_base_completes_nothing_quietly(
    main: Main, tmp_path: Path
) -> None:
    broken = write_base(tmp_path / "broken", {**SMALL, "bad.toml": "[[event]\n"})
    assert bash(main, "factcli country J", broken) == "\n"
    assert bash(main, "factcli events --org ", tmp_path / "nowhere") == "\n"


def test_tab_never_removes_what_was_typed(main: Main, base_dir: Path) -> None:
    # "UK" (United Kingdom's alias) and "Ukraine" would share only "U": offered as typed.
    ukraine = write_base(base_dir, {"ukraine.toml": UKRAINE})
    assert bash(main, "factcli country uk", ukraine) == "uk\nukraine\n"
    assert bash(main, "factcli country gb", ukraine) == "United\\ Kingdom\n"  # one: its name


def test_an_opened_quote_is_kept_and_nothing_is_escaped(main: Main, base_dir: Path) -> None:
    assert bash(main, 'factcli country "Unit', base_dir) == '"United Kingdom\n'
    assert bash(main, "factcli country 'cote", base_dir) == "'Côte d'\\''Ivoire\n"


@pytest.mark.parametrize("option", ["--since", "--until", "--year"])
def test_dates_offer_nothing(main: Main, base_dir: Path, option: str) -> None:
    assert bash(main, f"factcli events {option} ", base_dir) == "\n"


def test_paths_ask_bash_for_file_names(main: Main, base_dir: Path) -> None:
    assert bash(main, "factcli --facts-dir f", _FACTCLI_COMPLETE_PATHS="1") == "\x1eDIRS\n"
    assert bash(main, "factcli export --sqlite f", _FACTCLI_COMPLETE_PATHS="1") == "\x1eFILES\n"
    assert bash(main, "factcli --facts-dir f") == "\n"  # an older script: -o default does it


def test_fields_are_offered_after_the_ones_typed(main: Main, base_dir: Path) -> None:
    assert bash(main, "factcli events --fields id,da", base_dir) == "id,date\n"
    assert bash(main, "factcli orgs --fields id,ro", base_dir) == "id,role\n"
    assert bash(main, "factcli country Japan --fields na", base_dir) == "name\n"
    assert bash(main, "factcli search x --fields id,ti", base_dir) == "id,title\n"


# --- zsh and fish ---------------------------------------------------------------------------


def test_zsh_gets_names_whole_and_org_names_as_help(main: Main, base_dir: Path) -> None:
    assert (
        zsh(main, "factcli country Brit", base_dir) == "_arguments '*: :((\"United Kingdom\"))'\n"
    )
    assert zsh(main, "factcli events --org s", base_dir) == (
        '_arguments \'*: :(("sco":"Shanghai Cooperation Organisation"))\'\n'
    )
    assert zsh(main, "factcli e", base_dir) == (
        '_arguments \'*: :(("events":"Dated events, earliest first."\n'
        '"export":"Write the fact base to a SQLite database."))\'\n'
    )


def test_fish_gets_names_whole_and_org_names_as_help(main: Main, base_dir: Path) -> None:
    assert fish(main, "factcli events --country ja", base_dir) == "Japan\n"
    assert fish(main, "factcli country Brit", base_dir) == "United Kingdom\n"
    assert (
        fish(main, "factcli events --org s", base_dir) == "sco\tShanghai Cooperation Organisation\n"
    )


# --- cost: every TAB runs factcli --------------------------------------------------------------

TABS = [
    {"_FACTCLI_COMPLETE": "complete_bash", "COMP_WORDS": "factcli country Ja", "COMP_CWORD": "2"},
    {"_FACTCLI_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "factcli e"},
    {
        "_FACTCLI_COMPLETE": "complete_fish",
        "_TYPER_COMPLETE_FISH_ACTION": "get-args",
        "_TYPER_COMPLETE_ARGS": "factcli events --org n",
    },
]

# A TAB in each shell's protocol, one after another in one process; then what it imported.
EVERY_SHELL = """
import json, os, sys
from factcli import __main__ as entry

for env in json.loads(sys.argv[1]):
    os.environ.update(env)
    try:
        entry.main()
    except SystemExit as ended:
        assert ended.code == 0, ended.code
    print("--", flush=True)
    for name in env:
        del os.environ[name]
print(" ".join(sorted({m.split(".")[0] for m in sys.modules} & set(sys.argv[2:]))))
"""


def test_completion_imports_neither_rich_nor_pycountry() -> None:
    env = {k: v for k, v in os.environ.items() if k != "FACTCLI_FACTS_DIR"}
    modules = ["factcli", "typer", "rich", "pycountry"]
    result = subprocess.run(
        [sys.executable, "-c", EVERY_SHELL, json.dumps(TABS), *modules],
        env=env, capture_output=True, text=True, encoding="utf-8", check=False,
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (0, "")
    *replies, imported = result.stdout.split("--\n")
    assert [bool(reply.strip()) for reply in replies] == [True, True, True]
    assert imported == "factcli typer\n"


# --- the scripts the shells source --------------------------------------------------------------


def test_the_bash_script_names_factcli_even_under_python_m(main: Main) -> None:
    shown = main(
        "--show-completion", "bash", env={"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    )
    assert (shown.code, shown.stderr) == (0, "")
    assert "_FACTCLI_COMPLETE=complete_bash $1" in shown.stdout
    # Without -o default: a date or a query word offers nothing, not the file names here.
    assert shown.stdout.rstrip().endswith("complete -F _factcli_completion factcli")


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_in_bash_itself(base_dir: Path, tmp_path: Path) -> None:
    """Source the script factcli shows, press TAB through its function, read COMPREPLY.

    bash registers the function without -o default: an empty reply (to --since) stays
    empty instead of offering the file names in the directory.
    """
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "factcli").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m factcli "$@"\n')
    (bin_dir / "factcli").chmod(0o755)
    (tmp_path / "somefile").write_text("")
    script = (
        'eval "$(factcli --show-completion bash)"\n'
        "complete -p factcli\n"
        "COMP_WORDS=(factcli country Brit); COMP_CWORD=2\n"
        "_factcli_completion factcli\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "FACTCLI_FACTS_DIR": str(base_dir),
        "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1",
    }
    result = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", script],
        env=env, capture_output=True, text=True, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert (result.returncode, result.stdout) == (
        0, "complete -F _factcli_completion factcli\nUnited\\ Kingdom\n",
    ), result.stderr  # fmt: skip
