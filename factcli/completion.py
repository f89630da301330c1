"""What the shell offers on TAB: the fact base's countries, org ids, tags and categories."""

# The shell runs factcli on every TAB, so nothing here imports Rich or pycountry.

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence

from factcli import framework, query
from factcli.framework import (
    BashComplete,
    CompletionItem,
    FishComplete,
    Parameter,
    ShellComplete,
    ZshComplete,
)
from factcli.model import FactBase, fold

Candidates = Sequence[str | tuple[str, str]]  # a value, or a value and its help


class Offer(str):
    """A value already matched against what was typed."""

    __slots__ = ()

    # Typer keeps only the values that start with the typed text, case-sensitively; ours
    # are matched by folded prefix and by alias ("brit" offers "United Kingdom"), so stay.
    def startswith(self, *_: object) -> bool:
        return True


Offers = list[Offer | tuple[Offer, str]]


def offers(candidates: Candidates) -> Offers:
    """Candidates in the shape Typer's autocompletion callbacks return."""
    return [(Offer(c[0]), c[1]) if isinstance(c, tuple) else Offer(c) for c in candidates]


def matching(values: Iterable[str], typed: str) -> list[str]:
    """The values that start with the typed text, in any case and without accents."""
    prefix = fold(typed)
    return sorted({v for v in values if fold(v).startswith(prefix)}, key=fold)


def countries(base: FactBase, typed: str) -> list[str]:
    """What TAB offers for a country: never less than was typed.

    One country whose name or alias starts with the text, or whose code it is: its
    canonical name ("brit" -> "United Kingdom"). Several: for each, its name or else
    the alias that matched, beginning with the text as typed, so that the shell's
    common prefix of them never drops a letter ("uk" offers "uk" and "ukraine", not
    "UK" and "Ukraine", whose common prefix "U" would replace "uk").
    """
    # Codes only whole: "k" would otherwise offer Cambodia (KH) among the K names.
    prefix = fold(typed)
    found: dict[str, str] = {}
    for c in base.countries:
        names = [n for n in (c.name, *c.aliases) if fold(n).startswith(prefix)]
        if names:
            found[c.name] = names[0]
        elif prefix in {fold(code) for code in (c.iso2, c.iso3) if code}:
            found[c.name] = typed
    if len(found) == 1:
        return list(found)
    offered = {_as_typed(value, typed) for value in found.values()}
    return sorted(offered, key=fold)


def _as_typed(value: str, typed: str) -> str:
    """The value with its first letters as they were typed: "ukraine" for "uk"."""
    n = len(typed)
    return typed + value[n:] if fold(value[:n]) == fold(typed) else value


def orgs(base: FactBase, typed: str) -> list[tuple[str, str]]:
    """Org ids that start with the text, each with its name for shells that show help."""
    names = {o.id: o.name for o in base.orgs}
    return [(i, names[i]) for i in matching(names, typed)]


def tags(base: FactBase, typed: str) -> list[str]:
    return matching(query.known_tags(base), typed)


def categories(base: FactBase, typed: str) -> list[str]:
    return matching(query.known_categories(base), typed)


def fields(command: str, typed: str) -> list[str]:
    """Field names for --fields a,b,<TAB>: each offered after what was typed before the comma."""
    from factcli.kinds import KINDS, output_fields

    kinds = {s.plural: s.kind for s in KINDS.values()} | {"country": "country"}  # command: kind
    if command in kinds:
        available = output_fields(kinds[command])
        if command == "country":
            available += ["disputes", "treaties", "events", "dispute_count", "event_count"]
    else:  # search: every kind's
        available = list(dict.fromkeys(f for k in KINDS for f in output_fields(k)))
    done, _, last = typed.rpartition(",")
    head = f"{done}," if done else ""
    chosen = set(done.split(","))
    return [head + f for f in available if f.startswith(last) and f not in chosen]


# --- the shells -----------------------------------------------------------------------------
# Typer's own classes insert "United Kingdom" in bash as two words, and render help text for
# zsh and fish through Rich, which costs more to import (~180 ms) than the rest of a TAB.

_BASH_SPECIAL = re.compile(r"([^\w@%+=:,./-])")
_IN_DOUBLE_QUOTES = re.compile(r'(["$`\\])')
_SPACE = re.compile(r"\s")


class _Values(ShellComplete):
    """Completion of the values Typer has no callback for: --fields and file names."""

    def get_completions(self, args: list[str], incomplete: str) -> list[CompletionItem]:
        ctx, obj, incomplete = framework.completing(self, args, incomplete)
        if isinstance(obj, Parameter) and obj.name == "fields":
            return [CompletionItem(Offer(f)) for f in fields(ctx.info_name or "", incomplete)]
        if isinstance(obj, Parameter) and obj.type.name in ("path", "file", "directory"):
            kind = "dir" if obj.type.name == "directory" else "file"
            return [CompletionItem(incomplete, type=kind)]
        return obj.shell_complete(ctx, incomplete)


def _open_quote(line: str) -> str:
    """The quote a command line leaves open at its end ('"' or "'"), else ''."""
    quote, escaped = "", False
    for ch in line:
        if escaped:
            escaped = False
        elif ch == "\\" and quote != "'":
            escaped = True
        elif quote and ch == quote:
            quote = ""
        elif not quote and ch in "\"'":
            quote = ch
    return quote


# The bash script factcli installs: Typer's, without `complete -o default`, which offers
# file names whenever no value is offered (`events --since <TAB>`). File names are
# offered where an option takes a path: factcli answers a line FILES or DIRS for them.
BASH_SCRIPT = """
%(complete_func)s() {
    local IFS=$'\\n'
    COMPREPLY=( $( env COMP_WORDS="${COMP_WORDS[*]}" \\
                   COMP_CWORD=$COMP_CWORD \\
                   _FACTCLI_COMPLETE_PATHS=1 \\
                   %(autocomplete_var)s=complete_bash $1 ) )
    case "${COMPREPLY[*]}" in
        $'\\x1eFILES') COMPREPLY=(); compopt -o default ;;
        $'\\x1eDIRS') COMPREPLY=(); compopt -o dirnames ;;
    esac
    return 0
}

complete -F %(complete_func)s %(prog_name)s
"""
PATHS = {"file": "\x1eFILES", "dir": "\x1eDIRS"}  # never a value: starts with a control char


class _Bash(_Values, BashComplete):
    source_template = BASH_SCRIPT

    def complete(self) -> str:
        args, incomplete = self.get_completion_args()
        quote = _open_quote(os.environ.get("COMP_WORDS", ""))
        items = self.get_completions(args, incomplete)
        if any(i.type in PATHS for i in items):
            # A script installed by an older factcli still has -o default: it gets nothing.
            return PATHS[items[0].type] if os.environ.get("_FACTCLI_COMPLETE_PATHS") else ""
        return "\n".join(self.format_value(str(i.value), quote) for i in items)

    @staticmethod
    def format_value(value: str, quote: str) -> str:
        """The value as bash should insert it: escaped, or inside the quote the user opened."""
        if quote == '"':
            return quote + _IN_DOUBLE_QUOTES.sub(r"\\\1", value)
        if quote == "'":
            return quote + value.replace("'", "'\\''")
        return _BASH_SPECIAL.sub(r"\\\1", value)

    def format_completion(self, item: CompletionItem) -> str:
        """The value escaped as bash would type it: 'United\\ Kingdom'."""
        return self.format_value(str(item.value), "")


def _bare(text: str) -> CompletionItem:
    return CompletionItem(text)


class _Zsh(_Values, ZshComplete):
    def format_completion(self, item: CompletionItem) -> str:
        """'"value":"help"', both escaped the way Typer escapes a value."""
        value = super().format_completion(_bare(item.value))
        if not item.help:
            return value
        return f"{value}:{super().format_completion(_bare(item.help))}"


class _Fish(_Values, FishComplete):
    def format_completion(self, item: CompletionItem) -> str:
        if not item.help:
            return str(item.value)
        return f"{item.value}\t{_SPACE.sub(' ', item.help)}"


def use_factcli_shells() -> None:
    """Register factcli's bash, zsh and fish formats (after Typer has registered its own)."""
    framework.use_shell("bash", _Bash, BASH_SCRIPT)
    framework.use_shell("zsh", _Zsh)
    framework.use_shell("fish", _Fish)
