"""Every problem points at the line of what it is about, whatever the strings before it hold.

Through load(), on fact files whose strings are full of brackets, quotes, hashes and lines
that look like headers: a field's problem at the field, a term's at the term or its field,
a record's at its header. A property test writes records in varied layouts, knowing the
line of every key, puts one problem in, and asks for exactly its line.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcli import positions
from factcli.load import FactBaseError, load
from tests.conftest import write_base
from tests.test_load import problems

DATE = "(expected YYYY, YYYY-MM or YYYY-MM-DD)"
ORG = '[[org]]\nid = "o"\nname = "O"\ncategory = "c { [[org]] }"\nsources = ["s"]\n'


def test_a_bad_until_in_a_multi_line_array_of_terms(tmp_path: Path) -> None:
    terms = (
        "terms = [  # { the ties ]\n"
        '  { role = "member", since = "2001", note = "} ]" },\n'
        "  # { role = 'x' }\n"
        '  { role = "former",\n'
        '    since = "2002",\n'
        '    until = "2003-13" },\n'
        "]\n"
    )
    base = write_base(tmp_path / "b", {"o.toml": ORG + terms})
    assert problems(base) == [f"o.toml:11: org 'o': term 2: 'until': invalid date '2003-13' {DATE}"]


def test_an_unknown_field_after_a_summary_that_holds_a_header(tmp_path: Path) -> None:
    event = (
        '[[event]]\nid = "e"\ndate = "2001"\ntitle = "t"\n'
        'summary = """\nIt quotes a header:\n[[event]]\nid = "x"\n"""\n'
        "sources = ['s']\ntittle = \"x\"\n"
    )
    base = write_base(tmp_path / "b", {"e.toml": event})
    assert problems(base) == [
        "e.toml:11: event 'e': unknown field 'tittle' (did you mean 'title'?) "
        "in the record at e.toml:1"
    ]


BRACES = 'title = "{ [ \\" ] } = #"\nsummary = \'}}}} [[event]] \'\nsources = ["s]", "{"]\n'


def test_a_duplicate_id_after_strings_full_of_braces(tmp_path: Path) -> None:
    event = '[[event]]\n{}id = "a"\ndate = "2001"\n\n'
    base = write_base(tmp_path / "b", {"e.toml": event.format(BRACES) * 2})
    assert problems(base) == ["e.toml:12: event 'a': duplicate event id 'a' (first at e.toml:1)"]


def test_an_unknown_country_after_strings_full_of_braces(small: Path) -> None:
    event = f'[[event]]\nid = "a"\ndate = "2001"\n{BRACES}countries = ["Japan", "Atlantis"]\n'
    base = write_base(small, {"zz.toml": event})
    assert problems(base) == [
        "zz.toml:7: event 'a': unknown country 'Atlantis': add a [[country]] for it"
    ]


TERMS = {
    "a missing role: the term": (
        '  { since = "2001" },\n  { role = "member",\n    since = "2002" },\n',
        "o.toml:7: org 'o': term 1: missing required field 'role'"),
    "an unknown key: its line": (
        '  { role = "member",\n    snce = "2001" },\n',
        "o.toml:8: org 'o': term 1: unknown field 'snce' (did you mean 'since'?)"),
    "no since on term 2: the term": (
        '  { role = "member", since = "2001" },\n  { role = "observer" },\n',
        "o.toml:8: org 'o': term 2: 'since' is needed on every term but the first"),
    "out of order: its since": (
        '  { role = "member", since = "2001" },\n  { role = "observer",\n    since = "1999" },\n',
        "o.toml:9: org 'o': term 2: starts 1999, before term 1 (2001)"),
    "until before since: its until": (
        '  { role = "member", since = "2001",\n    until = "1999" },\n',
        "o.toml:8: org 'o': term 1: 'until' 1999 is before 'since' 2001"),
    "an end not on the last: its end": (
        '  { role = "member", since = "2001", until = "2002",\n    end = "left" },\n'
        '  { role = "observer", since = "2003" },\n',
        "o.toml:8: org 'o': term 1: 'end' closes only the last term"),
    "former without until: its role": (
        '  { since = "2001",\n    role = "former" },\n',
        "o.toml:8: org 'o': term 1: role 'former' needs 'until'"),
}  # fmt: skip


@pytest.mark.parametrize(("terms", "expected"), TERMS.values(), ids=TERMS)
def test_a_term_s_problem_points_at_its_field_or_at_the_term(
    tmp_path: Path, terms: str, expected: str
) -> None:
    base = write_base(tmp_path / "b", {"o.toml": f"{ORG}terms = [\n{terms}]\n"})
    assert problems(base) == [expected]


def test_terms_written_as_sub_tables(tmp_path: Path) -> None:
    terms = '\n[[org.terms]]\nrole = "member"\n\n[[org.terms]]  # the second\nrole = "x"\n'
    base = write_base(tmp_path / "b", {"o.toml": ORG + terms})
    assert problems(base) == [
        "o.toml:11: org 'o': term 2: 'role': invalid value 'x' "
        "(expected member | observer | partner | participant | suspended | former)",
    ]


def test_a_sound_fact_base_never_scans_for_lines(
    small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(text: str) -> positions.Index:
        raise AssertionError("scanned")

    monkeypatch.setattr(positions, "Index", never)
    load(small)


# --- the property: one problem, put in at a line the writer knows ----------------------------

# Strings that hold what a scanner may take for TOML: brackets, quotes, escapes, headers.
TRICKY = st.lists(
    st.text(alphabet="{}[]\"'\\#= \nab", max_size=8)
    | st.sampled_from(["[[event]]", "\n[[org]]\n", '\nid = "x"\n', "terms = [", "{ until = 1 }"]),
    max_size=4,
).map(lambda parts: "x" + "".join(parts))
COMMENTS = st.sampled_from(["", "  # a { comment [", " #]} '\""])

At = tuple[str, int, str | None, int | None, str | None]  # Index.line()'s arguments
Fields = list[tuple[str, str | None]]  # a key and its value as written; None: a tricky string


def toml_string(text: str, style: int) -> str:
    """A TOML string for text, written one of four ways when it can be."""
    if style == 1 and "'" not in text and "\n" not in text:
        return f"'{text}'"
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    if style == 2:
        return f'"""\n{escaped}"""'
    if style == 3 and "'''" not in text:
        return f"'''\n{text}'''"
    return '"' + escaped.replace("\n", "\\n") + '"'


def inside(where: At, key: str) -> At:
    """Where a key is: in the record, or in the term, that `where` is."""
    table, nth, field, item, _ = where
    return (table, nth, key, None, None) if field is None else (table, nth, field, item, key)


class Writer:
    """A fact file as it is written, and the line of each record, key and term in it."""

    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw
        self.text = ""
        self.lines: dict[At, int] = {}

    def put(self, text: str, at: At | None = None) -> None:
        if at is not None:
            self.lines[at] = self.text.count("\n") + 1
        self.text += text

    def key(self, key: str, value: str | None) -> str:
        """`key = value`, the key bare or quoted; a tricky string when value is None."""
        key = self.draw(st.sampled_from([key, f'"{key}"', f"'{key}'"]))
        if value is None:
            value = toml_string(self.draw(TRICKY), self.draw(st.integers(0, 3)))
        return key + self.draw(st.sampled_from([" = ", "=", " \t=  "])) + value

    def record(self, where: At, fields: Fields, header: str) -> None:
        """A header and fields on lines of their own, some with comments around them."""
        self.put("\n" if self.draw(st.booleans()) else "")
        self.put(f"{header}{self.draw(COMMENTS)}\n", where)
        for key, value in self.draw(st.permutations(fields)):
            if self.draw(st.booleans()):
                self.put("# " + self.draw(TRICKY).replace("\n", " ") + "\n")
            self.put(self.key(key, value) + self.draw(COMMENTS) + "\n", inside(where, key))

    def array(self, key: str, at: At | None, tables: list[tuple[At, Fields]]) -> None:
        """`key = [...]` of inline tables, on one line, one a line, or each over several."""
        layout = self.draw(st.sampled_from(["one line", "one a line", "split"]))
        one_line = layout == "one line"
        self.put(f"{key} = [" + ("" if one_line else f"{self.draw(COMMENTS)}\n"), at)
        for where, fields in tables:
            self.put("{ " if one_line else "  { ", where)
            for i, (name, value) in enumerate(self.draw(st.permutations(fields))):
                if i:
                    self.put(f",{self.draw(COMMENTS)}\n    " if layout == "split" else ", ")
                self.put(self.key(name, value), inside(where, name))
            self.put(" }, " if one_line else f" }},{self.draw(COMMENTS)}\n")
        self.put("]\n")

    def terms(self, where: At, terms: list[Fields]) -> None:
        """An org's terms: an array of inline tables, or [[org.terms]] tables."""
        each: list[tuple[At, Fields]] = [
            ((*where[:2], "terms", n, None), term) for n, term in enumerate(terms)
        ]
        if self.draw(st.booleans()):
            self.array("terms", inside(where, "terms"), each)
        else:
            for at, term in each:
                self.record(at, term, "[[org.terms]]")


PROBLEMS = ["bad date", "bad id", "unknown field", "term date", "term role", "term key"]


@st.composite
def fact_files(draw: st.DrawFn) -> tuple[str, At, str, dict[At, int]]:
    """A fact file with one problem: its text, where the problem is, how its message begins,
    and the line of every record, key and term written."""
    problem = draw(st.sampled_from(PROBLEMS))
    kind = "org" if problem.startswith("term") else draw(st.sampled_from(["event", "org"]))
    events, orgs = draw(st.integers(0, 3)), draw(st.integers(0, 3))
    events, orgs = (max(events, 1), orgs) if kind == "event" else (events, max(orgs, 1))
    nth = draw(st.integers(0, (events if kind == "event" else orgs) - 1))
    file, where, said = Writer(draw), None, ""
    records: list[tuple[At, Fields]] = []
    for n in range(events):
        fields: Fields = [("id", f'"e{n}"'), ("date", '"2001"'), ("title", None),
                          ("summary", None), ("sources", '["s"]')]  # fmt: skip
        if kind == "event" and n == nth:
            where, said = broken(draw, fields, problem, ("event", n, None, None, None))
        records.append((("event", n, None, None, None), fields))
    if draw(st.booleans()):
        file.array("event", None, records)  # before any header: it is a key of the file
    else:
        for at, fields in records:
            file.record(at, fields, "[[event]]")
    for n in range(orgs):
        fields = [("id", f'"o{n}"'), ("name", None), ("category", None), ("sources", '["s"]'),
                  ("founded", '"1980"')]  # fmt: skip
        count = draw(st.integers(1, 3))
        terms: list[Fields] = [
            [("role", '"member"'), ("since", f'"{1990 + 2 * t}"'), ("note", None)]
            + ([("until", f'"{1991 + 2 * t}"')] if t < count - 1 else [])
            for t in range(count)
        ]
        if kind == "org" and n == nth and problem.startswith("term"):
            t = draw(st.integers(0, count - 1))
            where, said = broken(draw, terms[t], problem, ("org", n, "terms", t, None))
            said = f"term {t + 1}: {said}"
        elif kind == "org" and n == nth:
            where, said = broken(draw, fields, problem, ("org", n, None, None, None))
        file.record(("org", n, None, None, None), fields, "[[org]]")
        file.terms(("org", n, None, None, None), terms)
    assert where is not None
    return file.text, where, said, file.lines


def broken(draw: st.DrawFn, fields: Fields, problem: str, where: At) -> tuple[At, str]:
    """Put one problem in the fields; where it is, and how its message begins."""
    if problem.endswith("date"):
        dates = [k for k, _ in fields if k in ("date", "founded", "since", "until")]
        key = draw(st.sampled_from(dates))
        bad, said = '"2001-13"', f"'{key}': invalid date '2001-13'"
    elif problem in ("bad id", "term role"):
        key, bad = ("id", '"Bad Id"') if problem == "bad id" else ("role", '"emperor"')
        said = f"'{key}': invalid "
    else:
        key = "snce" if problem == "term key" else "tittle"
        fields.append((key, '"x"'))
        return inside(where, key), f"unknown field '{key}'"
    fields[:] = [(k, bad if k == key else v) for k, v in fields]
    return inside(where, key), said


@settings(max_examples=50, deadline=None)  # six problems, two kinds, a few layouts: a second
@given(fact_files(), st.booleans())
def test_the_one_problem_is_reported_at_its_line(
    file: tuple[str, At, str, dict[At, int]], crlf: bool
) -> None:
    text, where, said, lines = file
    root = Path(tempfile.mkdtemp(prefix="factcli-lines-"))
    try:
        (root / "f.toml").write_bytes((text.replace("\n", "\r\n") if crlf else text).encode())
        with pytest.raises(FactBaseError) as caught:
            load(root)
    finally:
        shutil.rmtree(root)
    [problem] = caught.value.problems
    assert (problem.line, problem.message[: len(said)]) == (lines[where], said)
    if where[3] is None and said.startswith("unknown field"):
        record = lines[(*where[:2], None, None, None)]
        assert problem.message.endswith(f"in the record at {root}/f.toml:{record}")
    index = positions.Index(text)
    assert {at: index.line(*at) for at in lines} == lines  # every other key, term and record too
