"""Every error path of SPEC §4, with its exact message and exit code.

Usage errors exit 2 with one message on stderr (Click's own carry its usage lines); a fact
base with problems exits 1: a query prints the first problems and points at `validate`,
which prints every problem, sorted by file and line, and a count.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SMALL, Cli, write_base


def click(usage: str, error: str) -> str:
    """What Click prints for a usage error of `factcli COMMAND`."""
    first = usage.split(maxsplit=1)[0]
    try_ = "factcli -h" if first == "[OPTIONS]" else f"factcli {first} -h"
    return f"Usage: factcli {usage}\nTry '{try_}' for help.\n\nError: {error}\n"


EVENTS = "events [OPTIONS] [QUERY]..."
USAGE_ERRORS = {
    "unknown country, suggested": (
        ["country", "Japn"], "Error: unknown country 'Japn'. Did you mean: Japan?\n"),
    "unknown --country, suggested": (
        ["events", "--country", "estnia"],
        "Error: unknown country 'estnia'. Did you mean: Estonia?\n"),
    "unknown country, nothing close": (
        ["disputes", "--country", "Atlantis"], "Error: unknown country 'Atlantis'.\n"),
    "ambiguous country": (
        ["country", "Korea"], "Error: 'Korea' is ambiguous: North Korea, South Korea\n"),
    "ambiguous --country": (
        ["events", "--country", "korea"],
        "Error: 'korea' is ambiguous: North Korea, South Korea\n"),
    "invalid month": (
        ["events", "--since", "2007-13"],
        "Error: invalid date '2007-13' (expected YYYY, YYYY-MM or YYYY-MM-DD)\n"),
    "invalid day": (
        ["events", "--until", "2007-02-30"],
        "Error: invalid date '2007-02-30' (expected YYYY, YYYY-MM or YYYY-MM-DD)\n"),
    "not a date": (
        ["events", "--since", "soon"],
        "Error: invalid date 'soon' (expected YYYY, YYYY-MM or YYYY-MM-DD)\n"),
    "invalid year": (
        ["events", "--year", "20077"], "Error: invalid year '20077' (expected YYYY)\n"),
    "a month for a year": (
        ["events", "--year", "2007-02"], "Error: invalid year '2007-02' (expected YYYY)\n"),
    "--since after --until": (
        ["events", "--since", "2009", "--until", "2001"],
        "Error: --since 2009 is after --until 2001\n"),
    "--since after --year": (
        ["events", "--since", "2009-05", "--year", "2009", "--until", "2009-03"],
        "Error: --since 2009-05 is after --until 2009-03\n"),
    "--year after --until": (
        ["events", "--year", "2009", "--until", "2001"],
        "Error: --year 2009 is after --until 2001\n"),
    "unknown org, suggested": (
        ["events", "--org", "coee"], "Error: unknown org 'coee'. Did you mean: coe?\n"),
    "unknown org": (
        ["events", "--org", "warsaw-pact"],
        "Error: unknown org 'warsaw-pact' (expected asean, coe or sco)\n"),
    "unknown tag, suggested": (
        ["events", "--tag", "treaties"], "Error: unknown tag 'treaties'. Did you mean: treaty?\n"),
    "unknown category, suggested": (
        ["orgs", "--category", "regionl"],
        "Error: unknown category 'regionl'. Did you mean: regional?\n"),
    "--json against --format": (
        ["events", "--json", "--format", "csv"],
        "Error: --json and --format csv contradict each other\n"),
    "unknown option": (
        ["events", "--colour"],
        click(EVENTS, "No such option: --colour (Possible options: --country, --org)")),
    "negative limit": (
        ["events", "--limit", "-1"],
        click(EVENTS, "Invalid value for '--limit': -1 is not in the range x>=0.")),
    "missing text": (
        ["search"], click("search [OPTIONS] {TEXT...}", "Missing argument 'TEXT...'.")),
    "unknown command": (
        ["pacts"], click("[OPTIONS] COMMAND [ARGS]...", "No such command 'pacts'.")),
}  # fmt: skip


@pytest.mark.parametrize(("args", "stderr"), USAGE_ERRORS.values(), ids=USAGE_ERRORS)
def test_usage_errors_exit_2(cli: Cli, args: list[str], stderr: str) -> None:
    result = cli(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", stderr)


def test_a_real_country_without_facts_is_not_an_error(cli: Cli) -> None:
    result = cli("country", "Peru")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "", "No facts about Peru in the fact base.\n",
    )  # fmt: skip


def test_a_missing_facts_dir(cli: Cli, small: Path) -> None:
    nowhere = small.parent / "nowhere"
    for args in (["events"], ["validate"], ["validate", str(nowhere)]):
        result = cli(*args, facts=nowhere)
        assert (result.exit_code, result.stdout, result.stderr) == (
            2, "", f"Error: facts directory '{nowhere}' does not exist\n",
        )  # fmt: skip


def test_a_facts_dir_that_is_a_file(cli: Cli, small: Path) -> None:
    result = cli("validate", str(small / "events.toml"))
    assert (result.exit_code, result.stderr) == (
        2, f"Error: facts directory '{small / 'events.toml'}' is not a directory\n",
    )  # fmt: skip
    result = cli("events", facts=small / "events.toml")
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (
        2, f"Error: Invalid value for '--facts-dir' (env var: 'FACTCLI_FACTS_DIR'): "
           f"Directory '{small / 'events.toml'}' is a file.",
    )  # fmt: skip


# --- a fact base with problems ----------------------------------------------------------------

PROBLEMS = {
    "TOML syntax, with line and column": (
        '[[event]]\nid = "e"\ntitle = "x\n',
        ["zz.toml:3: invalid TOML at line 3, column 11: Illegal character '\\n'"]),
    "a key twice": (
        '[[event]]\nid = "e"\nid = "f"\n',
        ["zz.toml:3: invalid TOML at line 3, column 9: Cannot overwrite a value"]),
    "not UTF-8": (
        b'[[event]]\nid = "l"\ndate = "2001"\ntitle = "R\xfc\xfctel"\nsources = ["s"]\n',
        ["zz.toml:4: not UTF-8: byte 0xfc at line 4, column 11"]),
    "unknown field, suggested": (
        '[[event]]\nid = "cfe-suspension"\ndate = "2007-12-11"\n'
        'tittle = "Russia suspends the CFE Treaty"\nsources = ["s"]\n',
        ["zz.toml:4: event 'cfe-suspension': unknown field 'tittle' (did you mean 'title'?) "
         "in the record at zz.toml:1"]),
    "missing fields": (
        '[[event]]\nid = "e"\n',
        ["zz.toml:1: event 'e': missing required field 'date'",
         "zz.toml:1: event 'e': missing required field 'title'",
         "zz.toml:1: event 'e': missing required field 'sources'"]),
    "a record without an id": (
        '[[org]]\nname = "O"\nrole = "member"\ncategory = "c"\nsources = ["s"]\n',
        ["zz.toml:1: org #1: missing required field 'id'"]),
    "wrong types": (
        '[[event]]\nid = "e"\ndate = 2007\ntitle = ["t"]\ncountries = "Japan"\ntags = [1]\n'
        'sources = []\n',
        ["zz.toml:3: event 'e': 'date': must be a date string, not an integer: write \"2007\"",
         "zz.toml:4: event 'e': 'title': must be a string, not an array",
         "zz.toml:5: event 'e': 'countries': must be an array of strings, not a string",
         "zz.toml:6: event 'e': 'tags': must hold only strings, not an integer",
         "zz.toml:7: event 'e': 'sources': must name at least one source"]),
    "invalid dates": (
        '[[event]]\nid = "e"\ndate = "2007-13"\ntitle = "t"\nsources = ["s"]\n\n'
        '[[org]]\nid = "o"\nname = "O"\nrole = "member"\ncategory = "c"\nsince = "2010"\n'
        'until = "2001"\nsources = ["s"]\n',
        ["zz.toml:3: event 'e': 'date': invalid date '2007-13' "
         "(expected YYYY, YYYY-MM or YYYY-MM-DD)",
         "zz.toml:13: org 'o': 'until' 2001 is before 'since' 2010"]),
    "invalid id, role and status": (
        '[[org]]\nid = "Bad Id"\nname = "O"\nrole = "emperor"\ncategory = "c"\n'
        'sources = ["s"]\n\n[[dispute]]\nid = "d"\nname = "D"\ncountries = ["Japan"]\n'
        'territories = ["T"]\nstatus = "maybe"\nsummary = "S"\nsources = ["s"]\n',
        ["zz.toml:2: org 'Bad Id': 'id': invalid id 'Bad Id' "
         "(use lowercase letters, digits and '-')",
         "zz.toml:4: org 'Bad Id': 'role': invalid value 'emperor' "
         "(expected member | observer | partner | participant | suspended | former)",
         "zz.toml:13: dispute 'd': 'status': invalid value 'maybe' "
         "(expected unresolved | partially resolved | resolved)"]),
    "role former without until": (
        '[[org]]\nid = "g8"\nname = "G8"\nrole = "former"\ncategory = "c"\nsources = ["s"]\n',
        ["zz.toml:4: org 'g8': role 'former' needs 'until'"]),
    "resolved without resolved_on": (
        '[[dispute]]\nid = "d"\nname = "D"\ncountries = ["Japan"]\nterritories = ["T"]\n'
        'status = "resolved"\nsummary = "S"\nsources = ["s"]\n',
        ["zz.toml:6: dispute 'd': status 'resolved' needs 'resolved_on'"]),
    "unknown country and org references": (
        '[[event]]\nid = "e"\ndate = "2001"\ntitle = "t"\n'
        'countries = ["Japn", "Atlantis"]\norgs = ["scoo", "warsaw-pact"]\nsources = ["s"]\n',
        ["zz.toml:5: event 'e': unknown country 'Japn' (did you mean 'Japan'?)",
         "zz.toml:5: event 'e': unknown country 'Atlantis': add a [[country]] for it",
         "zz.toml:6: event 'e': unknown org 'scoo' (did you mean 'sco'?)",
         "zz.toml:6: event 'e': unknown org 'warsaw-pact'"]),
    "duplicate id": (
        '[[event]]\nid = "munich-speech"\ndate = "2001"\ntitle = "t"\nsources = ["s"]\n',
        ["zz.toml:2: event 'munich-speech': duplicate event id 'munich-speech' "
         "(first at events.toml:1)"]),
    "country codes and a name taken": (
        '[[country]]\nname = "Nippon"\niso2 = "JPN"\niso3 = "XX1"\nsources = ["s"]\n\n'
        '[[country]]\nname = "japan"\nsources = ["s"]\n',
        ["zz.toml:2: country 'Nippon': name 'Nippon' already names country 'Japan'",
         "zz.toml:3: country 'Nippon': 'iso2': 'JPN' is not an ISO 3166 alpha-2 code "
         "(did you mean 'JP'?)",
         "zz.toml:4: country 'Nippon': 'iso3': 'XX1' is not an ISO 3166 alpha-3 code",
         "zz.toml:8: country 'japan': name 'japan' already names country 'Japan'"]),
    "unknown tables": (
        '[[pact]]\nid = "t"\n\n[evnet]\nid = "e"\n\n[meat]\nx = 1\n\n[event]\nid = "e"\n',
        ["zz.toml:1: unknown table 'pact'; a fact file holds [meta], [[country]], [[org]], "
         "[[dispute]], [[treaty]], [[event]]",
         "zz.toml:4: unknown table 'evnet' (did you mean '[[event]]'?); a fact file holds "
         "[meta], [[country]], [[org]], [[dispute]], [[treaty]], [[event]]",
         "zz.toml:7: unknown table 'meat' (did you mean '[meta]'?); a fact file holds [meta], "
         "[[country]], [[org]], [[dispute]], [[treaty]], [[event]]",
         "zz.toml:10: 'event' must be an array of tables: [[event]]"]),
    "records in an inline array": (
        'event = [\n  { id = "a", date = "2001", title = "t", sources = ["s"] },\n'
        '  { id = "b", date = "2001-13", title = "t", sources = ["s"] },\n]\n',
        ["zz.toml:3: event 'b': 'date': invalid date '2001-13' "
         "(expected YYYY, YYYY-MM or YYYY-MM-DD)"]),
    "a second, broken [meta]": (
        '[meta]\ntitle = "No subject"\n',
        ["zz.toml:1: [meta]: missing required field 'subject'",
         "zz.toml:1: a second [meta]: a fact base has at most one (first at countries.toml:1)"]),
}  # fmt: skip


def problems_of(output: str, base: Path) -> list[str]:
    return output.replace(f"{base}/", "").splitlines()


def count(n: int, files: int = 1) -> str:
    return f"{n} problem{'s' if n != 1 else ''} in {files} file{'s' if files != 1 else ''}"


@pytest.mark.parametrize(("text", "expected"), PROBLEMS.values(), ids=PROBLEMS)
def test_validate_reports_every_problem_and_counts_them(
    cli: Cli, small: Path, text: str | bytes, expected: list[str]
) -> None:
    base = write_base(small.parent / "bad", {**SMALL, "zz.toml": text})
    result = cli("validate", facts=base)
    assert (result.exit_code, problems_of(result.stdout, base), result.stderr) == (
        1, [*expected, count(len(expected))], "",
    )  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), PROBLEMS.values(), ids=PROBLEMS)
def test_a_query_on_a_broken_base_exits_1_and_points_at_validate(
    cli: Cli, small: Path, text: str | bytes, expected: list[str]
) -> None:
    base = write_base(small.parent / "bad", {**SMALL, "zz.toml": text})
    result = cli("events", "--json", facts=base)
    n = f"{len(expected)} problem{'s' if len(expected) != 1 else ''}"
    said = f"Error: the fact base has {n}; run 'factcli validate {base}' to list them"
    assert (result.exit_code, result.stdout, problems_of(result.stderr, base)) == (
        1, "", [*expected, said],
    )  # fmt: skip


def test_problems_are_sorted_by_file_and_line_across_files(cli: Cli, small: Path) -> None:
    event = '[[event]]\nid = "{0}"\ndate = "{1}"\ntitle = "t"\nsources = ["s"]\n\n'
    base = write_base(
        small.parent / "bad",
        {
            **SMALL,
            "b.toml": event.format("b1", "2001") + event.format("b2", "soon"),
            "a.toml": event.format("a1", "2001-13") + event.format("a2", "2001"),
            "c.toml": b"\xff",
        },
    )
    result = cli("validate", facts=base)
    assert (result.exit_code, problems_of(result.stdout, base)) == (1, [
        "a.toml:3: event 'a1': 'date': invalid date '2001-13' (expected YYYY, YYYY-MM or "
        "YYYY-MM-DD)",
        "b.toml:9: event 'b2': 'date': invalid date 'soon' (expected YYYY, YYYY-MM or "
        "YYYY-MM-DD)",
        "c.toml:1: not UTF-8: byte 0xff at line 1, column 1",
        "3 problems in 3 files",
    ])  # fmt: skip


def test_a_query_shows_ten_problems_and_how_many_more(cli: Cli, small: Path) -> None:
    event = '[[event]]\nid = "e{0}"\ndate = "2001"\ntitle = "t"\nsources = []\n\n'
    base = write_base(
        small.parent / "bad", {**SMALL, "zz.toml": "".join(map(event.format, range(12)))}
    )
    lines = problems_of(cli("events", facts=base).stderr, base)
    assert lines[0] == "zz.toml:5: event 'e0': 'sources': must name at least one source"
    assert lines[9] == "zz.toml:59: event 'e9': 'sources': must name at least one source"
    assert lines[10:] == [
        "... and 2 more",
        f"Error: the fact base has 12 problems; run 'factcli validate {base}' to list them",
    ]
    assert len(problems_of(cli("validate", facts=base).stdout, base)) == 13


def test_an_empty_directory(cli: Cli, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli("events", facts=empty)
    assert (result.exit_code, result.stderr.splitlines()) == (1, [
        f"{empty}: no fact files (*.toml) in this directory",
        f"Error: the fact base has 1 problem; run 'factcli validate {empty}' to list them",
    ])  # fmt: skip


def test_a_broken_link_is_a_file_that_cannot_be_read(cli: Cli, small: Path) -> None:
    (small / "moved.toml").symlink_to(small / "nowhere.toml")
    result = cli("validate", facts=small)
    assert (result.exit_code, problems_of(result.stdout, small)) == (1, [
        "moved.toml: cannot read the file: No such file or directory",
        "1 problem in 1 file",
    ])  # fmt: skip


def test_an_unreadable_file(cli: Cli, small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open

    def denied(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:  # root ignores chmod 0
        if Path(path).name == "events.toml":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    result = cli("validate", facts=small)
    assert (result.exit_code, problems_of(result.stdout, small)) == (1, [
        "events.toml: cannot read the file: Permission denied",
        "1 problem in 1 file",
    ])  # fmt: skip
