"""Cell text as lines: its longest word or line, and its lines wrapped as Rich's Text.wrap
wraps them, in time linear in its length. The standard library only."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, partial
from itertools import chain, pairwise

# Characters one cell wide in terminals and in Rich's own tables, of which only " " is a
# space: printable ASCII, Latin-1 and Latin Extended, Greek and Cyrillic letters, and the
# dashes, quotes and bullets of General Punctuation. In text of these alone (and newlines)
# a line's width is its length; text with tabs, wide, combining or other characters is
# wrapped by Rich. tests/test_draw.py checks each against Rich.
ONE_CELL = ((0x20, 0x7E), (0xA1, 0xAC), (0xAE, 0x2FF), (0x370, 0x482), (0x48A, 0x4FF),
            (0x2010, 0x2027))  # fmt: skip
_NARROW = re.compile("[^\n" + "".join(f"{chr(a)}-{chr(b)}" for a, b in ONE_CELL) + "]")
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


def wrap(text: str, width: int, *, right: bool = False, no_wrap: bool = False) -> list[str] | None:
    """The lines of a cell as Rich's Text.wrap gives them (overflow "fold"), each `width`
    long; None for text of characters whose width is not their length (Rich wraps those)."""
    lines = wrapping(text, width, right=right, no_wrap=no_wrap)
    return None if lines is None else list(lines)


def wrapping(
    text: str, width: int, *, right: bool = False, no_wrap: bool = False
) -> Iterator[str] | None:
    """wrap()'s lines one at a time: a cell of millions of short lines, each padded to the
    width, is never all in memory (4 million took 660 MB)."""
    if width < 1 or not narrow(text):
        return None
    return _wrapping(text, width, right, no_wrap)


def _wrapping(text: str, width: int, right: bool, no_wrap: bool) -> Iterator[str]:
    for part in _parts(text):
        cuts = [0] if no_wrap or len(part) <= width else _divide(part, width)
        pieces = (part[a:b] for a, b in pairwise([*cuts, len(part)]))
        if right:
            yield from (piece.rstrip()[:width].rjust(width) for piece in pieces)
        else:
            yield from (piece[:width].ljust(width) for piece in pieces)


def _parts(text: str) -> Iterator[str]:
    """The text's lines, split at "\n" one at a time."""
    start = 0
    while (end := text.find("\n", start)) >= 0:
        yield text[start:end]
        start = end + 1
    yield text[start:] if start else text


def _divide(text: str, width: int) -> list[int]:
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
        pieces = range(word, after, width)
        starts += [p for p in pieces if p]
        base, word = pieces[-1], after
    return starts


@cache
def _fitting(width: int) -> re.Pattern[str]:
    """The words that fit on a line: up to the last letter within `width` of where the match
    starts (greedy, then back to a word's end), and the spaces after it."""
    return re.compile(f".{{0,{width - 1}}}[^ ](?= |\\Z) *")


def _past_spaces(text: str, i: int) -> int:
    match = _SPACES.match(text, i)
    assert match is not None  # " *" matches anywhere
    return match.end()
