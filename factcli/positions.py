"""Where a fact file writes its records, their fields and their terms: the lines of problems.

A small scanner of TOML text that knows its strings, comments, keys, table headers, arrays
and inline tables, and notes the line each value is written on. It runs only when a fact
base has problems, and only on text that tomli has read: it may take the text as valid
TOML, but on anything it does not expect it gives up and finds no line, never a wrong one.
"""

from __future__ import annotations

import re

# Possessive quantifiers (*+, ++) never backtrack: a string that does not end fails at once.
_BASIC = r'"(?:[^"\\\n]++|\\.)*+"'
_STRING = re.compile(
    r'"""(?:[^"\\]++|\\[\s\S]|"(?!""))*+"""(?:""|")?'  # up to two quotes end its text
    r"|'''(?:[^']++|'(?!''))*+'''(?:''|')?"
    rf"|{_BASIC}|'[^'\n]*+'"
)
# A number, boolean, date or time; a date and a time may be apart: 1979-05-27 07:32:00.
_SCALAR = re.compile(r"[^ \t\n,\]}#]++(?: [0-9]{2}:[^ \t\n,\]}#]*+)?")
_BLANK = re.compile(r"[ \t]*+(?:#[^\n]*+)?")  # to the end of the line
_BLANKS = re.compile(r"(?:[ \t\n]++|#[^\n]*+)*+")  # in arrays and inline tables, lines too
_KEY_PART = re.compile(
    r'[ \t]*+(?:([A-Za-z0-9_-]++)|"((?:[^"\\\n]++|\\.)*+)"|\'([^\'\n]*+)\')[ \t]*+(\.)?'
)
# A line that is one bare key and a one-line string, other single value or array of strings
# (whose items are all on its line): nearly every line of a fact file.
_SIMPLE = re.compile(
    rf"[ \t]*+([A-Za-z0-9_-]++)[ \t]*+=[ \t]*+"
    rf"(?:{_BASIC}|[^ \t\n,\]}}#\[{{\"'=]++|\[[ \t]*+(?:{_BASIC}[ \t]*+,?[ \t]*+)*+\])"
    r"[ \t]*+(?:#[^\n]*+)?\n"
)
_EQUALS = re.compile(r"[ \t]*+=[ \t]*+")
_HEADER_END = re.compile(r"[ \t]*+\]")
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|x([0-9A-Fa-f]{2})|(.))")
_ESCAPED = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", "e": "\x1b", '"': '"'}


class Spot:
    """Where one value is written, and where the values it holds are."""

    __slots__ = ("items", "keys", "line")

    def __init__(
        self, line: int, keys: dict[str, Spot] | None = None, items: list[Spot] | None = None
    ) -> None:
        self.line = line  # of its key, of its header, or where it starts in an array
        self.keys = keys  # a table's values
        self.items = items  # an array's values


class Index:
    """The lines of a fact file's records, of their fields and of the terms in them."""

    def __init__(self, text: str) -> None:
        try:
            self.root = _Scanner(text.replace("\r\n", "\n")).document()  # as tomli reads it
        except (_Unexpected, IndexError, ValueError):
            self.root = Spot(0)  # not TOML as tomli reads it, after all: no line rather
        self.found: dict[str, list[Spot]] = {}  # each table name's records, once asked for

    def line(
        self,
        table: str,
        nth: int = 0,
        key: str | None = None,
        item: int | None = None,
        field: str | None = None,
    ) -> int | None:
        """The line of the nth record of a table; of its field `key`; of the item-th value of
        that field's array (a term); of the key `field` in that item. Where one is not
        written, the line of what would hold it."""
        records = self._records(table)
        if nth >= len(records):
            return None
        record = records[nth]
        value = (record.keys or {}).get(key) if key is not None else None
        if value is None:
            return record.line
        if item is None or value.items is None or item >= len(value.items):
            return value.line
        term = value.items[item]
        found = (term.keys or {}).get(field) if field is not None else None
        return (found or term).line

    def _records(self, table: str) -> list[Spot]:
        """The records of a table name: each [[table]] or inline table of `table = [...]`;
        else what the name holds, as one (a [meta], or a table written in the wrong form)."""
        found = self.found.get(table)
        if found is None:
            spot = (self.root.keys or {}).get(table)
            if spot is None:
                found = []
            elif spot.items and all(s.keys is not None for s in spot.items):
                found = spot.items
            else:
                found = [spot]
            self.found[table] = found
        return found


class _Unexpected(Exception):
    """Text the scanner does not read as TOML."""


class _Scanner:
    """One pass over a TOML text, noting the line of every value."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.names: dict[str, str] = {}  # each key's name once, however many records use it

    def document(self) -> Spot:
        text, end, simple, names = self.text, len(self.text), _SIMPLE.match, self.names
        root: dict[str, Spot] = {}
        keys = root
        while True:
            m = simple(text, self.pos)
            if m is not None:  # an array of strings here has its items on the key's line
                keys[names.setdefault(m[1], m[1])] = Spot(self.line)
                self.pos = m.end()
                self.line += 1
                continue
            self.pos = _end(_BLANK, text, self.pos)
            if self.pos >= end:
                return Spot(1, keys=root)
            c = text[self.pos]
            if c == "\n":
                self.pos += 1
                self.line += 1
            elif c == "[":
                keys = self.header(root)
            else:
                within, name = self.key(keys)
                within[name] = self.value()

    def header(self, root: dict[str, Spot]) -> dict[str, Spot]:
        """The table a [table] or [[table]] header opens; a [[table]] adds one to an array."""
        many = self.text.startswith("[[", self.pos)
        self.pos += 2 if many else 1
        keys, name = self.key(root, header=True)
        m = _HEADER_END.match(self.text, self.pos)
        if m is None or (many and not self.text.startswith("]", m.end())):
            raise _Unexpected
        self.pos = m.end() + many
        found = keys.get(name)
        if not many and found is not None and found.keys is not None:
            return found.keys  # named before, by a [table.sub] header
        table: dict[str, Spot] = {}
        if not many:
            keys[name] = Spot(self.line, keys=table)
            return table
        if found is None:
            found = keys[name] = Spot(self.line, items=[])
        if found.items is None:
            raise _Unexpected
        found.items.append(Spot(self.line, keys=table))
        return table

    def key(self, keys: dict[str, Spot], header: bool = False) -> tuple[dict[str, Spot], str]:
        """A key, dotted or not, and a key and value's '='; the table of its last part, and
        that part. In a header, a part that names an array of tables ([[event]]) stands for
        the last of them ([event.x] is the last event's x)."""
        text, names = self.text, self.names
        parts = []
        while True:
            m = _KEY_PART.match(text, self.pos)
            if m is None:
                raise _Unexpected
            self.pos = m.end()
            bare, basic, literal, dot = m.groups()
            part = (
                bare if bare is not None else literal if literal is not None else _unescaped(basic)
            )
            parts.append(names.setdefault(part, part))
            if dot is None:
                break
        if not header:
            self.pos = _end(_EQUALS, text, self.pos)
        for part in parts[:-1]:
            found = keys.get(part)
            if found is None:
                found = keys[part] = Spot(self.line, keys={})
            if header and found.items:
                found = found.items[-1]
            if found.keys is None:
                raise _Unexpected
            keys = found.keys
        return keys, parts[-1]

    def value(self) -> Spot:
        """The value that starts here, with what it holds; the scan goes on after it."""
        top = self.one()
        inside = [top] if top.keys is not None or top.items is not None else []
        while inside:  # the arrays and inline tables the scan is in, innermost last
            self.close(inside)
            if not inside:
                break
            table, items = inside[-1].keys, inside[-1].items
            if table is not None:
                keys, name = self.key(table)
                spot = keys[name] = self.one()
            elif items is not None:
                spot = self.one()
                items.append(spot)
            if spot.keys is not None or spot.items is not None:
                inside.append(spot)
        return top

    def one(self) -> Spot:
        """A string or other single value, or the start of an array or inline table."""
        spot = Spot(self.line)
        c = self.text[self.pos]
        if c == "[":
            spot.items = []
            self.pos += 1
        elif c == "{":
            spot.keys = {}
            self.pos += 1
        else:
            end = _end(_STRING if c in "\"'" else _SCALAR, self.text, self.pos)
            self.line += self.text.count("\n", self.pos, end)
            self.pos = end
        return spot

    def close(self, inside: list[Spot]) -> None:
        """On to the next value: past blanks, a comma, and the arrays and tables that end."""
        text = self.text
        while inside:
            self.blanks()
            if text[self.pos] == ",":
                self.pos += 1
                self.blanks()
            if text[self.pos] not in "]}":
                return
            self.pos += 1
            inside.pop()

    def blanks(self) -> None:
        end = _end(_BLANKS, self.text, self.pos)
        self.line += self.text.count("\n", self.pos, end)
        self.pos = end


def _end(pattern: re.Pattern[str], text: str, pos: int) -> int:
    """Where a match of the pattern at pos ends."""
    m = pattern.match(text, pos)
    if m is None:
        raise _Unexpected
    return m.end()


def _unescaped(key: str) -> str:
    """A quoted key's text: its escapes replaced by what they stand for."""
    if "\\" not in key:
        return key
    return _ESCAPE.sub(_escape, key)


def _escape(m: re.Match[str]) -> str:
    code = m[1] or m[2] or m[3]
    if code is None:
        return _ESCAPED.get(m[4], m[4])
    return chr(int(code, 16)) if int(code, 16) <= 0x10FFFF else m[0]  # tomli allows no more
