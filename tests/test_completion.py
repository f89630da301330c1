"""Shell completion through the protocol the shells use: factcli run with _FACTCLI_COMPLETE.

The protocol runs through the entry point in this process (the `main` fixture); bash
itself, with the script factcli shows, and the cost of a TAB run in real processes.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
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


TAB, LIST, EVERY = "9", "63", "33"  # COMP_TYPE: TAB, TAB TAB, TAB with show-all-if-ambiguous


def bash(main: Main, line: str, facts: Path | None = None, kind: str = EVERY, **env: str) -> str:
    """What bash gets for the line, TAB pressed at its end as kind says; asserts a quiet exit.

    The script passes the line up to the cursor and readline's text: the word from its
    last = or : or opened quote (bash's $2).
    """
    if facts is not None:
        line = line.replace("factcli", f"factcli --facts-dir {facts}", 1)
    ran = main(
        env={
            "_FACTCLI_COMPLETE": "complete_bash",
            "_FACTCLI_COMPLETE_LINE": line,
            "_FACTCLI_COMPLETE_WORD": readline_text(line),
            "COMP_TYPE": kind,
            **env,
        }
    )
    assert (ran.code, ran.stderr) == (0, "")
    return ran.stdout


def readline_text(line: str) -> str:
    """The end of the line that readline replaces: after an open quote, or a space, = or :."""
    if line.count("'") % 2 or line.count('"') % 2:
        return line[max(line.rfind("'"), line.rfind('"')) + 1 :]
    return re.split(r"[ =:]", line)[-1]


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
    assert completion.countries(base, "cote") == ["Côte d'Ivoire"]
    # An alias is offered as it is spelt, with the name it stands for.
    assert completion.countries(base, "Brit") == [("Britain", "United Kingdom")]
    assert completion.countries(base, "nip") == [("Nippon", "Japan")]
    assert completion.countries(base, "ivory") == [("Ivory Coast", "Côte d'Ivoire")]
    assert completion.countries(base, "") == [
        "Côte d'Ivoire", "Estonia", "Japan", "North Korea", "Russia", "South Korea",
        "United Kingdom",
    ]  # fmt: skip


def test_country_codes_complete_only_whole(base_dir: Path) -> None:
    base = load(base_dir)
    assert completion.countries(base, "gb") == [("GB", "United Kingdom")]
    assert completion.countries(base, "PRK") == [("PRK", "North Korea")]
    assert completion.countries(base, "k") == []  # not KP, KR: no name starts with K


def test_the_subject_is_offered_though_not_among_its_countries(
    base_dir: Path, tmp_path: Path
) -> None:
    # `--country Russia` keeps every record of a fact base about Russia.
    assert completion.countries(load(base_dir), "Rus") == ["Russia"]
    assert completion.countries(load(base_dir), "ru") == ["Russia"]
    countries = textwrap.dedent(SMALL["countries.toml"])
    about_japan = countries.replace('subject = "Russia"', 'subject = "Japan"')  # once
    no_meta = re.sub(r"\[meta\].*?(?=\[\[country\]\])", "", countries, flags=re.DOTALL)
    five = ["Estonia", "Japan", "North Korea", "South Korea", "United Kingdom"]
    for countries_toml in (about_japan, no_meta):
        other = write_base(
            tmp_path / str(len(countries_toml)), {**SMALL, "countries.toml": countries_toml}
        )
        assert completion.countries(load(other), "") == five


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

GEORGIA_GERMANY = """
    [[country]]
    name = "Georgia"
    iso2 = "GE"
    iso3 = "GEO"
    sources = ["Current issues"]

    [[country]]
    name = "Germany"
    iso2 = "DE"
    iso3 = "DEU"
    sources = ["Current issues"]
    """


def test_country_option_completes_to_the_name(main: Main, base_dir: Path) -> None:
    assert bash(main, "factcli events --country Ja", base_dir) == "Japan\n"
    assert bash(main, "factcli disputes -c ja", base_dir) == "Japan\n"


def test_country_option_with_equals(main: Main, base_dir: Path) -> None:
    # bash replaces the text after "=" (its $2): the value alone, whatever the option.
    assert bash(main, "factcli events --country=jap", base_dir) == "Japan\n"
    assert bash(main, "factcli events --country=brit", base_dir) == "United\\ Kingdom\n"
    assert bash(main, "factcli events --country=", base_dir).splitlines()[:2] == [
        "Côte\\ d\\'Ivoire", "Estonia",
    ]  # fmt: skip
    assert bash(main, "factcli events --tag=esp", base_dir) == "espionage\n"
    assert bash(main, "factcli events --org=s", base_dir) == "sco\n"


def test_country_argument_completes_an_alias_to_the_canonical_name(
    main: Main, base_dir: Path
) -> None:
    # bash inserts the value as it is: the space must be escaped to stay one argument.
    assert bash(main, "factcli country Brit", base_dir) == "United\\ Kingdom\n"
    assert bash(main, "factcli country united", base_dir) == "United\\ Kingdom\n"
    assert bash(main, "factcli country cote", base_dir) == "Côte\\ d\\'Ivoire\n"
    assert bash(main, "factcli country gb", base_dir) == "United\\ Kingdom\n"


def test_the_subject_completes(main: Main, base_dir: Path) -> None:
    assert bash(main, "factcli country Rus", base_dir) == "Russia\n"
    assert bash(main, "factcli events --country=ru", base_dir) == "Russia\n"


def test_several_candidates_one_a_line(main: Main, base_dir: Path) -> None:
    assert bash(main, "factcli country ", base_dir).splitlines() == [
        "Côte\\ d\\'Ivoire", "Estonia", "Japan", "North\\ Korea", "Russia", "South\\ Korea",
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


def test_tab_writes_what_the_names_share_in_their_case(main: Main, base_dir: Path) -> None:
    # bash replaces the word with what its candidates begin with: factcli gives two whose
    # common part is exactly that, "Ge", and lists the names themselves on TAB TAB.
    both = write_base(base_dir, {"ge.toml": GEORGIA_GERMANY})
    assert bash(main, "factcli country GE", both, TAB) == "Ge\nGeorgia\n"
    assert bash(main, "factcli country ge", both, TAB) == "Ge\nGeorgia\n"
    assert bash(main, "factcli country GE", both, LIST) == "Georgia\nGermany\n"
    assert bash(main, "factcli country gb", both, TAB) == "United\\ Kingdom\n"  # one: its name


def test_tab_never_removes_what_was_typed(main: Main, base_dir: Path) -> None:
    # "UK" (United Kingdom's alias) and "Ukraine" share only "U": bash would replace "uk"
    # with it. TAB gives bash nothing, so the word stays; TAB TAB lists them as they are.
    ukraine = write_base(base_dir, {"ukraine.toml": UKRAINE, "ge.toml": GEORGIA_GERMANY})
    assert bash(main, "factcli country uk", ukraine, TAB) == "\n"
    assert bash(main, "factcli country uk", ukraine, LIST) == "UK\nUkraine\n"
    assert bash(main, "factcli country uk", ukraine, EVERY) == "UK\nUkraine\n"
    assert bash(main, "factcli country de", ukraine, TAB) == "Germany\n"  # by its code


def test_a_name_several_countries_share_completes_to_none(main: Main) -> None:
    # "Congo" names either Congo, and `--country Congo` says so; the shipped base has one,
    # the DRC (alias "Congo-Kinshasa"), and TAB made "Congo" that one.
    assert bash(main, "factcli events --country Congo", kind=TAB) == "\n"
    assert bash(main, "factcli country 'the congo", kind=TAB) == "\n"
    assert bash(main, "factcli events --country Congo-K", kind=TAB) == (
        "Democratic\\ Republic\\ of\\ the\\ Congo\n"
    )


def test_any_apostrophe_completes_as_it_resolves(main: Main, base_dir: Path) -> None:
    # `--country "Côte d’Ivoire"` finds the country; TAB after the same apostrophe found none.
    assert bash(main, "factcli country 'Côte d’", base_dir) == "Côte d'\\''Ivoire\n"
    assert bash(main, "factcli country 'cote d‘i", base_dir) == "Côte d'\\''Ivoire\n"


def test_an_opened_quote_is_continued(main: Main, base_dir: Path) -> None:
    # Text after the quote, written for inside it; bash closes the quote after one value.
    assert bash(main, 'factcli country "Unit', base_dir) == "United Kingdom\n"
    assert bash(main, "factcli country 'cote", base_dir) == "Côte d'\\''Ivoire\n"
    assert bash(main, "factcli country $'cote", base_dir) == "Côte d\\x27Ivoire\n"
    assert bash(main, "factcli events --country='jap", base_dir) == "Japan\n"
    assert bash(main, 'factcli country "United K', base_dir) == "United Kingdom\n"


def test_a_script_from_an_older_factcli_still_completes(main: Main, base_dir: Path) -> None:
    # It passes bash's words alone: COMP_WORDS, COMP_CWORD.
    line = f"factcli --facts-dir {base_dir} country 'Brit"
    old = {"_FACTCLI_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": "4"}
    ran = main(env=old)
    assert (ran.code, ran.stdout, ran.stderr) == (0, "United Kingdom\n", "")


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
    assert bash(main, "factcli events --fields=id,da", base_dir) == "id,date\n"


ODD_TAGS = r"""
    [[event]]
    id = "odd"
    date = "2001"
    title = "t"
    tags = ["new\nline $(x)", "esc\u001b[31m", "it's", "back\\slash"]
    sources = ["s"]
    """


def test_values_are_written_for_bash_to_read_back(main: Main, base_dir: Path) -> None:
    # Each on one line, a newline or an escape written as bash reads it back in $'...'.
    odd = write_base(base_dir, {"odd.toml": ODD_TAGS})
    assert bash(main, "factcli events --tag ", odd).splitlines() == [
        "back\\\\slash", "border", "diplomacy", "esc$'\\x1b'\\[31m", "espionage", "it\\'s",
        "new$'\\x0a'line\\ \\$\\(x\\)", "speech", "treaty",
    ]  # fmt: skip
    assert bash(main, "factcli events --tag 'n", odd) == "new'$'\\x0a''line $(x)\n"
    assert bash(main, 'factcli events --tag "n', odd) == "new\"$'\\x0a'\"line \\$(x)\n"


def test_what_bash_lists_is_shown_not_run(main: Main, base_dir: Path) -> None:
    # TAB TAB only shows: the values as they are, what a terminal would act on spelt out.
    odd = write_base(base_dir, {"odd.toml": ODD_TAGS})
    assert bash(main, "factcli events --tag e", odd, LIST) == "esc\\x1b[31m\nespionage\n"
    assert bash(main, "factcli events --tag n", odd, LIST) == "new\\nline $(x)\n"


# --- zsh and fish ---------------------------------------------------------------------------


def test_zsh_gets_whole_words_and_what_to_show(main: Main, base_dir: Path) -> None:
    # A line of what to do, then each value (escaped as zsh's print reads it) and its line
    # in the list; zsh quotes what it inserts itself.
    assert zsh(main, "factcli country Brit", base_dir) == "values\nUnited Kingdom\nUnited Kingdom\n"
    assert zsh(main, "factcli events --country=jap", base_dir) == (
        "values\n--country=Japan\nJapan\n"
    )
    assert zsh(main, "factcli events --org s", base_dir) == (
        "values lines\nsco\nsco  -- Shanghai Cooperation Organisation\n"
    )
    assert zsh(main, "factcli country uk", write_base(base_dir, {"u.toml": UKRAINE})) == (
        "values keep lines\nUK\nUK       -- United Kingdom\nUkraine\nUkraine\n"
    )
    assert zsh(main, "factcli e", base_dir) == (
        "values lines\nevents\nevents  -- Dated events, earliest first.\n"
        "export\nexport  -- Write the fact base to a SQLite database.\n"
    )
    assert zsh(main, "factcli --facts-dir f", base_dir) == "dirs\n"
    assert zsh(main, "factcli events --since ", base_dir) == "values\n"


def test_fish_gets_what_it_can_match(main: Main, base_dir: Path) -> None:
    # fish keeps only values that match the word as typed: an alias stays itself.
    assert fish(main, "factcli events --country ja", base_dir) == "Japan\n"
    assert fish(main, "factcli country Brit", base_dir) == "Britain\tUnited Kingdom\n"
    assert fish(main, "factcli events --country=jap", base_dir) == "--country=Japan\n"
    assert (
        fish(main, "factcli events --org s", base_dir) == "sco\tShanghai Cooperation Organisation\n"
    )


def test_zsh_reads_each_value_back_from_one_line(main: Main, base_dir: Path) -> None:
    odd = write_base(base_dir, {"odd.toml": ODD_TAGS})
    assert zsh(main, "factcli events --tag n", odd) == (
        "values\nnew\\x0aline $(x)\nnew\\nline $(x)\n"
    )
    assert zsh(main, "factcli events --tag b", odd) == (
        "values\nback\\\\slash\nback\\slash\nborder\nborder\n"
    )


def test_zsh_keeps_the_word_when_what_it_inserts_would_end_in_an_escape(
    main: Main, base_dir: Path
) -> None:
    # zsh inserts what the values begin with as it quotes them: "a\\" for "a;x" and "a)x".
    tags = write_base(base_dir, {"t.toml": ODD_TAGS.replace("it's", "a;x").replace("esc", "a)x")})
    assert zsh(main, "factcli events --tag a", tags).splitlines()[0] == "values keep"
    assert zsh(main, "factcli events --tag b", tags).splitlines()[0] == "values"  # b, border


def test_fish_leaves_out_what_a_line_cannot_hold(main: Main, base_dir: Path) -> None:
    odd = write_base(base_dir, {"odd.toml": ODD_TAGS})
    assert fish(main, "factcli events --tag ", odd).splitlines() == [
        "back\\slash", "border", "diplomacy", "espionage", "it's", "speech", "treaty",
    ]  # fmt: skip


def test_fish_offers_file_names_for_paths_alone(main: Main, base_dir: Path) -> None:
    # fish asks first whether factcli completes the word (exit 0) or it should (exit 1).
    def asks(line: str) -> int:
        args = line.replace("factcli", f"factcli --facts-dir {base_dir}", 1)
        ran = main(
            env={
                "_FACTCLI_COMPLETE": "complete_fish",
                "_TYPER_COMPLETE_FISH_ACTION": "is-args",
                "_TYPER_COMPLETE_ARGS": args,
            }
        )
        assert (ran.stdout, ran.stderr) == ("", "")
        return ran.code

    assert asks("factcli events --since ") == 0  # nothing, and no file names
    assert asks("factcli country Ja") == 0
    assert asks("factcli export --sqlite f") == 1
    assert asks("factcli --facts-dir ") == 1


# --- cost: every TAB runs factcli --------------------------------------------------------------

TABS = [
    {
        "_FACTCLI_COMPLETE": "complete_bash",
        "_FACTCLI_COMPLETE_LINE": "factcli country Ja",
        "_FACTCLI_COMPLETE_WORD": "Ja",
        "COMP_TYPE": TAB,
    },
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
    assert '_FACTCLI_COMPLETE_WORD="$2"' in shown.stdout  # what readline replaces
    # Without -o default: a date or a query word offers nothing, not the file names here.
    assert shown.stdout.rstrip().endswith("complete -F _factcli_completion factcli")


def test_zsh_is_shown_factcli_s_script(main: Main) -> None:
    shown = main(
        "--show-completion", "zsh", env={"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    )
    assert (shown.code, shown.stderr) == (0, "")
    assert shown.stdout.startswith("#compdef factcli\n")
    assert "eval" not in shown.stdout  # what factcli says is data, never run
    assert 'values+=("${(g::)value}")' in shown.stdout
