"""How bash, zsh and fish are told what TAB offers: the scripts they run, the replies.

Typer's own classes insert "United Kingdom" in bash as two words, quote nothing, and render
help for zsh and fish through Rich, which costs more to import (~180 ms) than a TAB.
"""

from __future__ import annotations

import os
import sys

from factcli import framework, render, shellwords
from factcli.completion import Alias, Offer, fields, shared
from factcli.framework import (
    BashComplete,
    CompletionItem,
    FishComplete,
    Parameter,
    ShellComplete,
    ZshComplete,
)
from factcli.model import fold

PATHS = {"file": "\x1eFILES", "dir": "\x1eDIRS"}  # never a value: starts with a control char


class _Values(ShellComplete):
    """Completion of the values Typer has no callback for, and of the word being completed."""

    word = ""  # the word at the cursor, as the command will receive it
    value_at = 0  # where the value completed begins in it: after "--country="

    def get_completions(self, args: list[str], incomplete: str) -> list[CompletionItem]:
        ctx, obj, value = framework.completing(self, args, incomplete)
        self.word, self.value_at = incomplete, len(incomplete) - len(value)
        if isinstance(obj, Parameter) and obj.name == "fields":
            return [CompletionItem(Offer(f)) for f in fields(ctx.info_name or "", value)]
        if isinstance(obj, Parameter) and obj.type.name in ("path", "file", "directory"):
            kind = "dir" if obj.type.name == "directory" else "file"
            return [CompletionItem(value, type=kind)]
        return obj.shell_complete(ctx, value)

    def offered(self, items: list[CompletionItem], lone_alias: bool) -> list[tuple[str, str]]:
        """Each item as the whole word it completes, and its help; lone_alias: as its name."""
        if lone_alias and len(items) == 1 and isinstance(items[0].value, Alias):
            items = [CompletionItem(items[0].value.name)]
        head = self.word[: self.value_at]
        return list(dict.fromkeys((head + str(i.value), i.help or "") for i in items))


# The bash script factcli installs. Typer's passes bash's words, which bash splits at = and :
# (`--country=jap` is three), and has `complete -o default`, which offers file names
# whenever no value is (`events --since <TAB>`). This one passes the line up to the cursor
# and the text that readline replaces ($2), and reads the reply without expanding `*` in it.
BASH_SCRIPT = """
%(complete_func)s() {
    local -
    local IFS=$'\\n'
    set -o noglob
    COMPREPLY=( $( env COMP_WORDS="${COMP_WORDS[*]}" COMP_CWORD="$COMP_CWORD" \\
                   _FACTCLI_COMPLETE_LINE="${COMP_LINE:0:COMP_POINT}" COMP_TYPE="$COMP_TYPE" \\
                   _FACTCLI_COMPLETE_WORD="$2" _FACTCLI_COMPLETE_PATHS=1 \\
                   %(autocomplete_var)s=complete_bash $1 ) )
    case "${COMPREPLY[*]}" in
        $'\\x1eFILES') COMPREPLY=(); compopt -o default ;;
        $'\\x1eDIRS') COMPREPLY=(); compopt -o dirnames ;;
    esac
    return 0
}

complete -F %(complete_func)s %(prog_name)s
"""
_LIST, _TAB = "63", "9"  # COMP_TYPE: list the candidates (TAB TAB), or complete (TAB)


class _Bash(_Values, BashComplete):
    source_template = BASH_SCRIPT
    at = shellwords.Word("", "", shellwords.NONE)  # the word at the cursor, as typed
    typed = ""  # the end of it that readline replaces: after its last = or :, or open quote

    def get_completion_args(self) -> tuple[list[str], str]:
        env = os.environ
        if env.get("_FACTCLI_COMPLETE_LINE") and "_FACTCLI_COMPLETE_WORD" in env:
            words = shellwords.split(env["_FACTCLI_COMPLETE_LINE"])  # the line up to the cursor
            self.typed = env["_FACTCLI_COMPLETE_WORD"]
        else:  # a script installed by an older factcli: bash's words, one a line
            words = shellwords.split(env.get("COMP_WORDS", ""))
            words = words[: int(env.get("COMP_CWORD") or len(words) - 1) + 1]
            self.typed = words[-1].raw.removeprefix("$")[1:] if words[-1].quote else words[-1].raw
        self.at = words[-1]
        return [w.text for w in words[1:-1]], words[-1].text

    def complete(self) -> str:
        args, incomplete = self.get_completion_args()
        items = self.get_completions(args, incomplete)
        if any(i.type in PATHS for i in items):
            # A script installed by an older factcli still has -o default: it gets nothing.
            return PATHS[items[0].type] if os.environ.get("_FACTCLI_COMPLETE_PATHS") else ""
        # readline keeps the word up to the text it replaces: "--country=", an opened quote.
        raw, typed = self.at.raw, self.typed
        kept = shellwords.split(raw[: len(raw) - len(typed)] if raw.endswith(typed) else "")[-1]
        words = [w for w, _ in self.offered(items, lone_alias=True)]
        words = [w for w in words if fold(w[: len(kept.text)]) == fold(kept.text)]
        mode = os.environ.get("COMP_TYPE")
        if mode == _LIST:  # shown, never inserted: the values as they are, controls spelt out
            return "\n".join(render.label(w[self.value_at :]) for w in words)

        def written(word: str, whole: bool = True) -> str:
            return shellwords.quoted(word[len(kept.text) :], kept.quote, whole)

        if mode == _TAB and len(words) > 1:
            # bash inserts what the candidates begin with: say it, or say nothing to leave the
            # word as it is, and TAB TAB lists them ("uk" stays, not "U" of "UK", "Ukraine").
            common = shared(words, self.word)
            if common is None:
                return ""
            longer = next(w for w in words if w != common)
            return f"{written(common, whole=False)}\n{written(longer)}"
        return "\n".join(map(written, words))


# zsh: a line of what to do, then two lines per value: the value, escaped to be one line, and
# what the list shows for it. zsh quotes what it inserts for the quote the user opened.
ZSH_SCRIPT = """
#compdef %(prog_name)s

%(complete_func)s() {
    local -a reply head values shown
    local value text
    reply=("${(@f)$(env _TYPER_COMPLETE_ARGS="${words[1,$CURRENT]}" \\
                        %(autocomplete_var)s=complete_zsh %(prog_name)s)}")
    head=(${=reply[1]})
    case ${head[1]} in
        files) _files; return ;;
        dirs) _files -/; return ;;
    esac
    for value text in "${(@)reply[2,-1]}"; do
        values+=("${(g::)value}")
        shown+=("$text")
    done
    (( ${#values} )) || return 1
    if (( ${head[(I)lines]} )); then
        compadd -U -V unsorted -l -d shown -a values
    else
        compadd -U -V unsorted -d shown -a values
    fi
    # What zsh would insert for them takes letters away ("U" for "uk": UK, Ukraine) or ends
    # inside an escape: the word stays as typed.
    if (( ${head[(I)keep]} )) && [[ $compstate[insert] == *unambiguous* ]]; then
        compstate[insert]=''
    fi
    return 0
}

compdef %(complete_func)s %(prog_name)s
"""


class _Zsh(_Values, ZshComplete):
    source_template = ZSH_SCRIPT

    def inserts_well(self, words: list[str]) -> bool:
        """Whether what zsh inserts for the words keeps what was typed, and ends whole.

        zsh inserts what the words begin with as it quotes them: for "a;x" and "a)x", that
        is "a\\", the start of both escapes.
        """
        common = shared(words, self.word)
        if common is None:
            return False
        after = {w[len(common)] for w in words if len(w) > len(common)}
        return sum(not shellwords.plain(c) for c in after) < 2

    def complete(self) -> str:
        args, incomplete = self.get_completion_args()
        items = self.get_completions(args, incomplete)
        if any(i.type in PATHS for i in items):
            return "dirs" if items[0].type == "dir" else "files"
        offered = self.offered(items, lone_alias=True)
        head = ["values"]
        if len(offered) > 1 and not self.inserts_well([w for w, _ in offered]):
            head.append("keep")
        shown = [render.label(w[self.value_at :]) for w, _ in offered]
        if any(h for _, h in offered):
            head.append("lines")
            width = max(map(len, shown))
            helps = [render.label(h) for _, h in offered]
            shown = [f"{s:<{width}}  -- {h}" if h else s for s, h in zip(shown, helps, strict=True)]
        lines = [" ".join(head)]
        for (word, _), text in zip(offered, shown, strict=True):
            lines += [shellwords.escaped(word), text]
        return "\n".join(lines)


class _Fish(_Values, FishComplete):
    """fish matches what it is given against the word, and quotes what it inserts itself."""

    def complete(self) -> str:
        args, incomplete = self.get_completion_args()
        items = self.get_completions(args, incomplete)
        paths = any(i.type in PATHS for i in items)
        if os.environ.get("_TYPER_COMPLETE_FISH_ACTION") == "is-args":
            sys.exit(1 if paths else 0)  # 1: not factcli's to complete, so fish offers files
        # One line each, a tab before the help: a value that needs a control cannot be told.
        lines = [
            f"{word}\t{render.label(about)}" if about else word
            for word, about in self.offered([] if paths else items, lone_alias=False)
            if not any(map(shellwords.invisible, word))
        ]
        return "\n".join(lines)


def register() -> None:
    """Complete with these classes, and install these scripts, instead of Typer's."""
    framework.use_shell("bash", _Bash, BASH_SCRIPT)
    framework.use_shell("zsh", _Zsh, ZSH_SCRIPT)
    framework.use_shell("fish", _Fish)
