"""What the shell offers on TAB: the fact base's countries, org ids, tags and categories."""

# The shell runs factcli on every TAB, so nothing here imports Rich or pycountry.

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# Typer's shell classes are not public API; pyproject.toml pins typer below 0.29, and
# tests/test_completion.py runs each shell's protocol, so a change shows up there.
from typer._click.shell_completion import CompletionItem, add_completion_class
from typer._completion_classes import BashComplete, FishComplete, ZshComplete

from factcli import query
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
    """Names of the countries whose name or alias starts with the text, or whose code it is."""
    # Codes only whole: "k" would otherwise offer Cambodia (KH) among the K names.
    prefix = fold(typed)
    found = {
        c.name
        for c in base.countries
        if any(fold(n).startswith(prefix) for n in (c.name, *c.aliases))
        or prefix in {fold(code) for code in (c.iso2, c.iso3) if code}
    }
    return sorted(found, key=fold)


def orgs(base: FactBase, typed: str) -> list[tuple[str, str]]:
    """Org ids that start with the text, each with its name for shells that show help."""
    names = {o.id: o.name for o in base.orgs}
    return [(i, names[i]) for i in matching(names, typed)]


def tags(base: FactBase, typed: str) -> list[str]:
    return matching(query.known_tags(base), typed)


def categories(base: FactBase, typed: str) -> list[str]:
    return matching(query.known_categories(base), typed)


# --- the shells -----------------------------------------------------------------------------
# Typer's own classes insert "United Kingdom" in bash as two words, and render help text for
# zsh and fish through Rich, which costs more to import (~180 ms) than the rest of a TAB.

_BASH_SPECIAL = re.compile(r"([^\w@%+=:,./-])")
_SPACE = re.compile(r"\s")


class _Bash(BashComplete):
    def format_completion(self, item: CompletionItem) -> str:
        """The value escaped as bash would type it: 'United\\ Kingdom'."""
        return _BASH_SPECIAL.sub(r"\\\1", str(item.value))


def _bare(text: str) -> CompletionItem:
    return CompletionItem(text)


class _Zsh(ZshComplete):
    def format_completion(self, item: CompletionItem) -> str:
        """'"value":"help"', both escaped the way Typer escapes a value."""
        value = super().format_completion(_bare(item.value))
        if not item.help:
            return value
        return f"{value}:{super().format_completion(_bare(item.help))}"


class _Fish(FishComplete):
    def format_completion(self, item: CompletionItem) -> str:
        if not item.help:
            return str(item.value)
        return f"{item.value}\t{_SPACE.sub(' ', item.help)}"


def use_factcli_shells() -> None:
    """Register factcli's bash, zsh and fish formats (after Typer has registered its own)."""
    add_completion_class(_Bash, "bash")
    add_completion_class(_Zsh, "zsh")
    add_completion_class(_Fish, "fish")
