"""Cell text as lines: its longest word or line, and its lines wrapped as Rich's Text.wrap
wraps them, in time linear in its length. The standard library only."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, partial
from itertools import chain, pairwise

# Characters one cell wide in terminals and in Rich's own tables, of which only " " is a
# space: printable ASCII, Latin-1, Latin Extended and Latin Extended Additional (Vietnamese),
# Greek, Cyrillic, Armenian, Hebrew, Arabic and Georgian letters, and the dashes, quotes
# and bullets of General Punctuation. In text of these alone (and newlines) a line's width
# is its length.
ONE_CELL = ((0x20, 0x7E), (0xA1, 0xAC), (0xAE, 0x2FF), (0x370, 0x482), (0x48A, 0x52F),
            (0x531, 0x556), (0x561, 0x587), (0x5D0, 0x5EA), (0x621, 0x64A), (0x660, 0x669),
            (0x10D0, 0x10FA), (0x1E00, 0x1EFF), (0x2010, 0x2027))  # fmt: skip
# And more of them, two cells wide: Chinese, Japanese and Korean letters and punctuation,
# the fullwidth forms. A text of both kinds, with tabs and newlines, is wrapped here as if
# each wide character were two of width one (see _wide); text with combining marks, emoji
# or other characters is wrapped by Rich. tests/test_wide.py checks each against every
# Unicode version Rich knows, and that none is a space.
WIDE = ((0x3001, 0x3029), (0x3030, 0x303E), (0x3041, 0x3096), (0x309B, 0x30FF),
        (0x3131, 0x3163), (0x3400, 0x4DB5), (0x4E00, 0x9FBB), (0xAC00, 0xD7A3),
        (0xFF01, 0xFF60), (0xFFE0, 0xFFE6), (0x20000, 0x2A6D6))  # fmt: skip


def _class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(f"{chr(a)}-{chr(b)}" for a, b in ranges)


_NARROW = re.compile("[^\n" + _class(ONE_CELL) + "]")
_KNOWN = re.compile("[^\n\t" + _class(ONE_CELL) + _class(WIDE) + "]")
_WIDE = re.compile("[" + _class(WIDE) + "]+")
# The second cell of a wide character, while a line is wrapped: no cell holds it (safe()
# spells out every control character).
_HALF = "\x00"
_SPACES = re.compile(" *")


def longest(cells: list[str], by_words: bool) -> int:
    """The length of the longest word (or line) in any of the cells."""
    split = str.split if by_words else partial(str.split, sep="\n")
    return max(map(len, chain.from_iterable(map(split, _pieces(cells, by_words)))), default=0)


# A long cell is measured a piece at a time, cut where a word (or a line) ends: its words
# are never all in memory at once (a 4 MB cell made 28 MB of them).
_PIECE = 1 << 16
_ENDS = {True: re.compile(r"\s"), False: re.compile("\n")}


def _pieces(cells: list[str], by_words: bool) -> Iterator[str]:
    for text in cells:
        start = 0
        while len(text) - start > _PIECE and (end := _ENDS[by_words].search(text, start + _PIECE)):
            yield text[start : end.start()]
            start = end.start()
        yield text[start:] if start else text


def narrow(text: str) -> bool:
    """Whether every character of the text is one cell wide (or a newline): wrap() wraps it."""
    return not _NARROW.search(text)


def wrap(
    text: str, width: int, *, right: bool = False, no_wrap: bool = False, tab_size: int = 8
) -> list[str] | None:
    """The lines of a cell as Rich's Text.wrap gives them (overflow "fold"), each `width`
    cells wide; None for text with characters of other widths (Rich wraps those)."""
    lines = wrapping(text, width, right=right, no_wrap=no_wrap, tab_size=tab_size)
    return None if lines is None else list(lines)


def wrapping(
    text: str, width: int, *, right: bool = False, no_wrap: bool = False, tab_size: int = 8
) -> Iterator[str] | None:
    """wrap()'s lines one at a time: a cell of millions of short lines, each padded to the
    width, is never all in memory (4 million took 660 MB)."""
    if width < 1:
        return None
    if narrow(text):
        return _wrapping(text, width, right, no_wrap)
    if width < 2 or _KNOWN.search(text):  # at 1, Rich gives a wide character a line of its own
        return None
    return _wide(text, width, right, no_wrap, tab_size)


def _wrapping(text: str, width: int, right: bool, no_wrap: bool) -> Iterator[str]:
    for part in _parts(text):
        cuts = [0] if no_wrap or len(part) <= width else _divide(part, width)
        pieces = (part[a:b] for a, b in pairwise([*cuts, len(part)]))
        if right:
            yield from (piece.rstrip()[:width].rjust(width) for piece in pieces)
        else:
            yield from (piece[:width].ljust(width) for piece in pieces)


def _wide(text: str, width: int, right: bool, no_wrap: bool, tab_size: int) -> Iterator[str]:
    """Text with wide characters or tabs, wrapped as Rich wraps it, a line at a time.

    Each wide character is followed by a _HALF: then a line's width is its length, and it is
    wrapped as text one cell wide, except that a word too wide for a line is never cut
    between the halves of a character (Rich's chop_cells starts the next line with it), and
    a line cut short within one ends with a space there (Rich's set_cell_size). Tabs are
    expanded to the next multiple of tab_size cells, as Rich's expand_tabs does each line.
    """
    for line in _parts(text):
        part = line.translate(_HALVED)
        if "\t" in part:
            part = _expand_tabs(part, tab_size)
        halves = _HALF in part
        cuts = [0] if no_wrap or len(part) <= width else _divide(part, width, halves)
        for a, b in pairwise([*cuts, len(part)]):
            piece = part[a:b].rstrip() if right else part[a:b]
            if len(piece) > width:
                piece = piece[: width - 1] + " " if piece[width] == _HALF else piece[:width]
            piece = piece.rjust(width) if right else piece.ljust(width)
            yield piece.replace(_HALF, "") if halves else piece


class _Halved(dict[int, str]):
    """For str.translate: a wide character followed by a _HALF, any other as it is; each
    looked up once (a substitution cost a call in Python for each run of wide ones)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        self[code] = shown = char + _HALF if _WIDE.match(char) else char
        return shown


_HALVED = _Halved()


def cells(text: str) -> int | None:
    """How many cells wide a line of text is, where wrap() knows; else None."""
    if narrow(text):
        return len(text)
    if "\t" in text or _KNOWN.search(text):
        return None
    return 2 * len(text) - len(_WIDE.sub("", text))


def _expand_tabs(text: str, tab_size: int) -> str:
    """Each tab a space, then spaces up to the next multiple of tab_size."""
    parts = text.split("\t")
    position = 0
    for i, part in enumerate(parts[:-1]):
        position += len(part) + 1
        spaces = -position % tab_size
        parts[i] = part + " " * (1 + spaces)
        position += spaces
    return "".join(parts)


def _parts(text: str) -> Iterator[str]:
    """The text's lines, split at "\n" one at a time."""
    start = 0
    while (end := text.find("\n", start)) >= 0:
        yield text[start:end]
        start = end + 1
    yield text[start:] if start else text


def _divide(text: str, width: int, halves: bool = False) -> list[int]:
    """Where each line of the text starts, when Rich's divide_line cuts it: found a line at
    a time.

    Rich's rule, word by word (a word holds the spaces after it; the first, those before it
    too): a word joins the line while the line up to the word's last letter fits the width;
    else a word wider than the width is cut into pieces of the width, the last of which
    starts the next line; else the word starts the next line. So a line ends after the last
    word whose last letter is within `width` of where the line starts.
    """
    end = len(text.rstrip(" "))  # after the last letter
    starts = [0]
    base = 0  # where the line's width is counted from
    word = 0  # the next word to place: at a letter, or at 0 with the spaces before one
    fitting = _fitting(width)
    while base + width < end:
        if word == base:  # a line that starts with a word: what fits is one match
            if line := fitting.match(text, word):
                word = line.end()  # the first word that does not fit
        else:  # a line that starts with the last piece of a cut word
            space = text.rfind(" ", word, base + width + 1)
            if space > word and (last := len(text[word:space].rstrip(" "))):
                word = _past_spaces(text, word + last)
        stop = text.find(" ", word if word else _past_spaces(text, 0))
        stop = len(text) if stop < 0 else stop
        if stop - word <= width:  # it starts the next line
            starts.append(word)
            base = word
            continue
        after = _past_spaces(text, stop)  # too wide for any line: cut into pieces
        pieces = _chop(text, word, after, width) if halves else range(word, after, width)
        starts += [p for p in pieces if p]
        base, word = pieces[-1], after
    return starts


def _chop(text: str, start: int, end: int, width: int) -> list[int]:
    """Where each piece of a word too wide for a line starts: `width` apart, or one less
    where that would cut a wide character in two."""
    pieces = [start]
    while pieces[-1] + width < end:
        cut = pieces[-1] + width
        pieces.append(cut - 1 if text[cut] == _HALF else cut)
    return pieces


@cache
def _fitting(width: int) -> re.Pattern[str]:
    """The words that fit on a line: up to the last letter within `width` of where the match
    starts (greedy, then back to a word's end), and the spaces after it."""
    return re.compile(f".{{0,{width - 1}}}[^ ](?= |\\Z) *")


def _past_spaces(text: str, i: int) -> int:
    match = _SPACES.match(text, i)
    assert match is not None  # " *" matches anywhere
    return match.end()
