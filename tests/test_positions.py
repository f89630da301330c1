"""The lines of records, fields and terms, read from TOML text that tomli has accepted."""

from __future__ import annotations

import textwrap
import time

import pytest
import tomli
from hypothesis import given, settings
from hypothesis import strategies as st

from factcli.positions import Index


def index(text: str) -> Index:
    """The index of a text, which must be valid TOML: the scanner is given nothing else."""
    text = textwrap.dedent(text).lstrip("\n")
    tomli.loads(text)
    return Index(text)


def test_brackets_quotes_and_hashes_in_strings_move_no_field() -> None:
    found = index(r"""
        [[event]]
        id = "a{b}[c]=d#e\"f'g\\"
        title = 'x{ [ = # "\'
        summary = "}]] \" [[event]] \\\" { x = 1"
        notes = ["{", '}', "[[event]]", "\"]", 'a"b']
        tittle = "x"  # { a comment [
        date = "2001"
        """)
    assert [found.line("event", 0, k) for k in ("id", "title", "tittle", "date")] == [2, 3, 6, 7]
    assert found.line("event", 1) is None


def test_headers_and_ids_in_multi_line_strings_are_text() -> None:
    lines = [
        "[[event]]",
        'id = "a"',
        'summary = """',
        "[[event]]",
        'id = "x" \\""" "" \\',  # an escaped quote, two quotes, a line-ending backslash
        "    tittle = 1",
        '""""',  # a quote of the text, then the end
        "notes = '''",
        "[[event]]",
        "id = \"y\" '' ''''",
        'date = "2001"',
        "",
        "[[event]]   # the second",
        'id = "b"',
    ]
    found = index("\n".join(lines))
    assert found.line("event", 0, "date") == 11
    assert found.line("event", 0, "tittle") == 1  # not written: the record's own line
    assert (found.line("event", 1), found.line("event", 1, "id")) == (13, 14)
    assert found.line("event", 2) is None


def test_terms_in_a_multi_line_array_with_comments() -> None:
    found = index("""
        [[org]]
        id = "o"
        terms = [ # the ties, oldest first
          { role = "member", since = "2001" },  # first
          # between the two: { role = "x" }
          { role = "former",
            since = "2002",   # comments and newlines: TOML 1.1
            "until" = "2003",
          },
        ]
        name = "x"
        """)
    line = found.line
    assert [line("org", 0, "terms"), line("org", 0, "terms", 0), line("org", 0, "terms", 1)] == [
        3, 4, 6,
    ]  # fmt: skip
    assert line("org", 0, "terms", 0, "since") == 4
    assert [line("org", 0, "terms", 1, k) for k in ("role", "since", "until")] == [6, 7, 8]
    assert line("org", 0, "terms", 1, "end") == 6  # not written: the term's line
    assert line("org", 0, "terms", 5) == 3  # no such term: the field's line
    assert line("org", 0, "name") == 11


def test_crlf_lines_are_counted_as_lf_ones() -> None:
    text = (
        '[[org]]\nid = "o"\nsummary = """a\nb"""\nterms = [\n  { role = "x",\n  until = 1 },\n]\n'
    )
    lf, crlf = index(text), index(text.replace("\n", "\r\n"))
    for found in (lf, crlf):
        assert found.line("org", 0, "id") == 2
        assert found.line("org", 0, "terms", 0) == 6
        assert found.line("org", 0, "terms", 0, "until") == 7


def test_quoted_and_dotted_keys() -> None:
    found = index(r"""
        meta.subject = "x"
        meta . "as of" = "2001"

        [[ "event" ]]  # a quoted header
        "id" = "a"
        'title' = "t"
        "\u0074itle2" = 1
        place.city = "a"
        place . "country" = "b"
        "a.b" = 1
        [[ 'event' ]]
        id = "b"
        """)
    assert (found.line("meta"), found.line("meta", 0, "as of")) == (1, 2)
    assert [found.line("event", 0, k) for k in ("id", "title", "title2", "place", "a.b")] == [
        5, 6, 7, 8, 10,
    ]  # fmt: skip
    assert found.line("event", 1, "id") == 12


def test_sub_tables_of_a_record_belong_to_it() -> None:
    found = index("""
        [[org]]
        id = "o"

        [[org.terms]]
        role = "member"
        [[org.terms]]  # the second term
        role = "former"
        until = "2001"
        [org.terms.note]
        text = "x"
        [org.extra]
        a = 1

        [[org]]
        id = "p"
        """)
    line = found.line
    assert [line("org", 0, "terms", n) for n in (0, 1)] == [4, 6]
    assert [line("org", 0, "terms", 1, k) for k in ("role", "until", "note")] == [7, 8, 9]
    assert (line("org", 0, "extra"), line("org", 1), line("org", 1, "id")) == (11, 14, 15)


def test_records_in_an_inline_array() -> None:
    found = index("""
        meta = { subject = "x",
                 title = "t" }
        event = [
          { id = "a" },
          { id = "b",
            date = "x", terms = [{ since = 1 },
                                 { until = 2 }] },
        ]
        """)
    assert (found.line("meta"), found.line("meta", 0, "title")) == (1, 2)
    assert [found.line("event", n) for n in (0, 1, 2)] == [4, 5, None]
    assert found.line("event", 1, "date") == 6
    assert found.line("event", 1, "terms", 1, "until") == 7


def test_a_table_written_in_the_wrong_form_is_one_record_at_its_key() -> None:
    found = index("""
        country = [1, { name = "x" }]
        event.id = "a"
        [treaty]
        id = "t"
        [evnet.x]
        [org]
        """)
    assert [found.line(t) for t in ("country", "event", "treaty", "evnet", "org")] == [
        1, 2, 3, 5, 6,
    ]  # fmt: skip
    assert found.line("dispute") is None


def test_values_of_every_kind_before_a_field() -> None:
    found = index("""
        [[event]]
        a = 1979-05-27 07:32:00 # a date and a time
        b = [1979-05-27T07:32:00Z, 07:32, -inf, nan, +1_000.5e-3, 0xff, true]
        c = [[1, [2]], { x = { y = [3, "]"] } }, [], {}]
        d = 'C:\\path\\'
        e = { }
        tittle = "x"
        """)
    assert found.line("event", 0, "tittle") == 7
    assert found.line("event", 0, "c", 1) == 4


def test_deep_nesting_is_scanned_without_recursion() -> None:
    level = "[{" + "a." * 99 + "b = "
    text = f'[[event]]\nid = "e"\ntags = {level * 200}1{"}]" * 200}\nnotes = 1\n'
    assert index(text).line("event", 0, "notes") == 4


@pytest.mark.parametrize(
    "text",
    ["[[event]", '[[event]]\nid = "', "a = [1, 2", "a = {", 'a = """x', "a = '''x", "= 1",
     "a b = 1", "a = \"\\u\"", 'a."\\UFFFFFFFF" = 1', "\r"],
)  # fmt: skip
def test_text_that_is_not_toml_gives_no_line_and_no_error(text: str) -> None:
    assert Index(text).line("event", 0, "id") is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="[]{}\"'\\#=,. \t\r\nabe1-:u", max_size=60))
def test_any_text_ends_and_never_raises(text: str) -> None:
    found = Index(text)
    for line in (found.line("a"), found.line("a", 0, "b"), found.line("a", 1, "b", 0, "e")):
        assert line is None or 1 <= line <= text.count("\n") + 1


def test_a_string_that_never_ends_is_given_up_at_once() -> None:
    """Up to a megabyte each, read in linear time: backtracking into them would take hours."""
    start = time.perf_counter()
    for text in ['a = """' + '"" \\"' * 200_000, "a = '''" + "x'' " * 250_000,
                 'a = "' + "x" * 10**6, "a = '" + "x" * 10**6, "a = [" * 20_000]:  # fmt: skip
        assert Index(text).line("a") is None
    assert time.perf_counter() - start < 10
