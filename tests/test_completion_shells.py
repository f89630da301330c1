"""TAB in the shells themselves: the scripts factcli gives them, run by bash, zsh and fish.

A fact base may hold anything in a name, an alias, a category or a tag: `$(...)`, quotes,
a newline. What TAB puts on the command line must come back, when the line runs, as that
value and nothing else. Without the shell a test skips.
"""

from __future__ import annotations

import ast
import json
import os
import pty
import re
import select
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcli import query, shellwords
from factcli.load import load
from tests.conftest import SMALL, write_base

TAGS = [
    "line\n$(touch PWNED)", "`touch PWNED`", "semi;touch PWNED", "quote'$(touch PWNED)'",
    'dq"$(touch PWNED)"', "bang!ls", "back\\slash\\", "dollar$HOME", "esc\x1b[31mred",
    "bidi\u202eevil", "tab\tx", "sp ace", "star*", "~tilde", "#hash", "a:colon", "a=eq",
    "dup'x$(touch PWNED)1", "dup'x$(touch PWNED)2", "end'", 'end"', "end!", "end\\",
    "zz\\", "zz); touch PWNED; #",  # a line that zsh evaluated: the backslash left the quote
]  # fmt: skip
HOSTILE = "Hostile $(touch PWNED) land"
ORG_NAME = "Org $(touch PWNED)\n\x1b[31m"
CATEGORY = "cat$(touch PWNED)'\""
HOSTILE_TOML = f"""
    [[country]]
    name = {json.dumps(HOSTILE)}
    aliases = {json.dumps(["Hos`touch PWNED`tile", "O'Hostile"])}
    sources = ["s"]

    [[country]]
    name = "Ukraine"
    iso2 = "UA"
    sources = ["s"]

    [[org]]
    id = "evil"
    name = {json.dumps(ORG_NAME)}
    role = "member"
    category = {json.dumps(CATEGORY)}
    sources = ["s"]

    [[event]]
    id = "hostile"
    date = "2001"
    title = "t"
    tags = {json.dumps(TAGS)}
    sources = ["s"]
    """

needs_bash = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    return write_base(tmp_path / "facts", {**SMALL, "hostile.toml": HOSTILE_TOML})


@pytest.fixture
def env(tmp_path: Path, hostile: Path) -> dict[str, str]:
    """A factcli command on PATH, the hostile fact base, a home of its own, no user settings."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "factcli").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m factcli "$@"\n')
    (bin_dir / "factcli").chmod(0o755)
    (tmp_path / "cwd").mkdir()
    (tmp_path / "home").mkdir()
    return {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "FACTCLI_FACTS_DIR": str(hostile),
        "HOME": str(tmp_path / "home"),
        "INPUTRC": os.devnull,
        "HISTFILE": os.devnull,
        "TERM": "dumb",
        "PS1": "$ ",
    }


def run_bash(script: str, env: dict[str, str], cwd: Path) -> str:
    result = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", script],
        env=env, cwd=cwd, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    return result.stdout


# As bash calls the function: its words split at = and : too, the line, the cursor, the kind
# of completion, and $2, the text that readline replaces.
TAB_AS_BASH_DOES = """
eval "$(_FACTCLI_COMPLETE=source_bash factcli)"
tab() {  # tab COMP_TYPE LINE TEXT WORD...
    COMP_TYPE=$1 COMP_LINE=$2 COMP_POINT=${#2}
    local text=$3
    shift 3
    COMP_WORDS=("$@") COMP_CWORD=$(( $# - 1 ))
    _factcli_completion factcli "$text" "${COMP_WORDS[COMP_CWORD-1]}"
    printf '%s\\0' "${#COMPREPLY[@]}" "${COMPREPLY[@]}"
}
"""


@needs_bash
def test_equals_completes_as_bash_splits_it(env: dict[str, str], tmp_path: Path) -> None:
    # bash gives `--country=jap` as three words, and replaces "jap" with what it gets.
    script = TAB_AS_BASH_DOES + (
        "tab 9 'factcli events --country=jap' jap factcli events --country = jap\n"
        "tab 9 'factcli events --country=Unit' Unit factcli events --country = Unit\n"
        'tab 9 "factcli events --country=\'jap" jap factcli events --country = "\'jap"\n'
    )
    replies = run_bash(script, env, tmp_path / "cwd")
    assert replies.split("\0") == ["1", "Japan", "1", "United\\ Kingdom", "1", "Japan", ""]


@needs_bash
def test_the_script_has_no_default_file_names(env: dict[str, str], tmp_path: Path) -> None:
    """Registered without -o default: an empty reply (to --since) stays empty, instead of
    offering the file names in the directory."""
    (tmp_path / "cwd" / "somefile").write_text("")
    script = TAB_AS_BASH_DOES + (
        "complete -p factcli\n"
        "tab 9 'factcli events --since ' '' factcli events --since ''\n"
        "tab 9 'factcli country Brit' Brit factcli country Brit\n"
    )
    assert run_bash(script, env, tmp_path / "cwd").split("\0") == [
        "complete -F _factcli_completion factcli\n0", "1", "United\\ Kingdom", "",
    ]  # fmt: skip


def as_bash_splits(line: str) -> str:
    """COMP_WORDS for the line, written for bash: split at spaces and at =."""
    return " ".join(shlex.quote(w) for w in line.replace("=", " = ").split(" "))


def cases() -> list[tuple[str, str, str, str]]:
    """(kind, line, text, quote): in each quote, every value shown, and TAB on a few."""
    found = []
    for quote in (shellwords.NONE, shellwords.SINGLE, shellwords.DOUBLE, shellwords.ANSI):
        found += [(EVERY, f"factcli events --tag {quote}", "", quote)]
        found += [(EVERY, f"factcli orgs --category={quote}", "", quote)]
        found += [(EVERY, f"factcli country {quote}", "", quote)]
        # One country by its name, by an alias; a tag with a newline; two that share a start.
        for line in ("country h", "country O", "events --tag li", "events --tag dup"):
            before, _, start = line.rpartition(" ")
            found.append((TAB, f"factcli {before} {quote}{start}", start, quote))
    return found


TAB, EVERY = "9", "33"  # COMP_TYPE: TAB; TAB with show-all-if-ambiguous, which lists them all


@needs_bash
def test_every_candidate_reads_back_as_its_value(
    env: dict[str, str], tmp_path: Path, hostile: Path
) -> None:
    """Each reply bash gets, put on the line as readline puts it, then read by bash."""
    cwd = tmp_path / "cwd"
    script = TAB_AS_BASH_DOES + "".join(
        f"tab {kind} {shlex.quote(line)} {shlex.quote(text)} {as_bash_splits(line)}\n"
        for kind, line, text, _ in cases()
    )
    replies = run_bash(script, env, cwd).split("\0")
    words, counts = [], []
    for kind, line, text, quote in cases():
        count, replies = int(replies[0]), replies[1:]
        got, replies = replies[:count], replies[count:]
        kept = line[: len(line) - len(text)]
        counts += [str(len(f"{kept}x".split()))] * (1 if kind == TAB else count)
        if kind == TAB and count == 2:  # readline inserts what both begin with: the first
            assert got[1].startswith(got[0]), got
            words.append(kept + got[0] + quote[-1:])  # and the user closes the quote
            continue
        assert got, (kind, line)
        for reply in got:  # readline closes the quote after one, unless it ends with it
            words.append(kept + reply + ("" if reply.endswith(quote[-1:]) else quote[-1:]))
    read = run_bash(
        "".join(f"set -- {w}; printf '%s\\0' $# \"${{!#}}\"\n" for w in words), env, cwd
    )
    assert not (cwd / "PWNED").exists()
    said = read.split("\0")[:-1]
    assert said[0::2] == counts  # each value one argument
    values = {v.removeprefix("--category=") for v in said[1::2]}
    base = load(hostile)
    names = {base.subject, *(n for c in base.countries for n in (c.name, *c.aliases))}
    known = names | set(query.known_tags(base)) | set(query.known_categories(base))
    shared = {"dup'x$(touch PWNED)"}  # what two begin with: TAB writes that
    assert values - known == shared
    assert {*TAGS, CATEGORY, HOSTILE, "Russia"} < values


# --- the shells at a terminal ---------------------------------------------------------------

# Run as the shell's child: a terminal of its own, as a login has.
LOGIN = "import os, sys; os.login_tty(0); os.execvp(sys.argv[1], sys.argv[1:])"
SHOW = f"{sys.executable} -c 'import sys; print(\"ARGS\" + ascii(sys.argv[1:]))'"


class Terminal:
    """An interactive shell in a pseudo-terminal: keys typed into it, what it writes read."""

    def __init__(self, shell: str, argv: list[str], env: dict[str, str], cwd: Path) -> None:
        self.shell = shell
        self.fd, slave = pty.openpty()
        self.process = subprocess.Popen(
            [sys.executable, "-c", LOGIN, *argv],
            stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd,
        )  # fmt: skip
        os.close(slave)
        self.seen = ""

    def type(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def expect(self, pattern: str, timeout: float = 60) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while not (found := re.search(pattern, self.seen)):
            ready, _, _ = select.select([self.fd], [], [], max(0, deadline - time.monotonic()))
            data = os.read(self.fd, 65536) if ready else b""
            assert data, f"no {pattern!r} in {self.seen[-1000:]!r}"
            self.seen += data.decode(errors="replace")
        self.seen = self.seen[found.end() :]
        return found

    def args(self, line: str) -> list[str]:
        """The arguments factcli gets for the line, typed with <TAB> as the key, then Enter."""
        self.type("\x15" + line.replace("<TAB>", "\t") + "\n")  # Ctrl-U: an empty line first
        return list(ast.literal_eval(self.expect(r"ARGS(\[.*?\])\r?\n").group(1)))

    def close(self) -> None:
        self.process.kill()
        self.process.wait()
        os.close(self.fd)


SHELLS = {
    # The command, what sets TAB up and makes `factcli` at the prompt print its arguments
    # (TAB runs the real one, through env).
    "bash": (
        ["bash", "--norc", "--noprofile", "-i"],
        ['eval "$(_FACTCLI_COMPLETE=source_bash factcli)"', f'factcli() {{ {SHOW} "$@"; }}'],
    ),
    "zsh": (
        ["zsh", "-f", "-i"],
        [
            "autoload -Uz compinit && compinit -u",
            'eval "$(_FACTCLI_COMPLETE=source_zsh factcli)"',
            f'factcli() {{ {SHOW} "$@"; }}',
        ],
    ),
    "fish": (
        ["fish", "--no-config", "-i"],
        ["_FACTCLI_COMPLETE=source_fish factcli | source", f"function factcli; {SHOW} $argv; end"],
    ),
}


@pytest.fixture(params=list(SHELLS))
def terminal(
    request: pytest.FixtureRequest, env: dict[str, str], tmp_path: Path
) -> Iterator[Terminal]:
    shell = request.param
    if shutil.which(shell) is None:
        pytest.skip(f"needs {shell}")
    argv, setup = SHELLS[shell]
    term = Terminal(shell, argv, env, tmp_path / "cwd")
    try:
        term.type("".join(f"{command}\n" for command in [*setup, "echo READY"]))
        term.expect(r"\nREADY")
        yield term
    finally:
        term.close()


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_what_tab_puts_on_the_line(terminal: Terminal, tmp_path: Path) -> None:
    tag = ["events", "--tag"]
    assert terminal.args("factcli events --country=jap<TAB>") == ["events", "--country=Japan"]
    assert terminal.args("factcli country Rus<TAB>") == ["country", "Russia"]
    assert terminal.args("factcli country 'Unit<TAB>") == ["country", "United Kingdom"]
    assert terminal.args("factcli events --tag se<TAB>") == [*tag, "semi;touch PWNED"]
    assert terminal.args("factcli events --tag 'qu<TAB>") == [*tag, "quote'$(touch PWNED)'"]
    assert terminal.args('factcli events --tag "ban<TAB>') == [*tag, "bang!ls"]
    assert terminal.args("factcli events --tag dq<TAB>") == [*tag, 'dq"$(touch PWNED)"']
    assert terminal.args('factcli events --tag "end\\"<TAB>') == [*tag, 'end"']
    assert terminal.args("factcli events --tag 'dup<TAB>2'") == [*tag, "dup'x$(touch PWNED)2"]
    assert terminal.args("factcli orgs --category=ca<TAB>") == [
        "orgs", "--category=cat$(touch PWNED)'\"",
    ]  # fmt: skip
    if terminal.shell == "bash":
        assert terminal.args("factcli events --tag $'bac<TAB>") == [*tag, "back\\slash\\"]
    if terminal.shell != "fish":
        # fish's completions are a line each, a tab before the help: these are left out.
        assert terminal.args("factcli events --tag li<TAB>") == [*tag, "line\n$(touch PWNED)"]
        assert terminal.args("factcli events --tag 'esc<TAB>") == [*tag, "esc\x1b[31mred"]
    assert terminal.args("factcli events --tag zz<TAB>") == [*tag, "zz"]  # both begin so
    assert terminal.args("factcli country uk<TAB>") == ["country", "uk"]
    assert not (tmp_path / "cwd" / "PWNED").exists()
