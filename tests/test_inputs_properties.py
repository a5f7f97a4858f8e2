"""Java .properties read as java.util.Properties.load reads them: keys, decoded texts, and the
line and column where each value starts; malformed escapes are one InputError line."""

from __future__ import annotations

from typing import List, Tuple

import pytest

from aligner.errors import InputError
from aligner.inputs.keyed import KeyedString
from aligner.inputs.properties import parse_properties

PATH = "app.properties"


def parse(text: str) -> List[Tuple[str, str, int, int]]:
    return [(s.key, s.text, s.line, s.column) for s in parse_properties(PATH, text)]


def test_ordinary_entries_with_positions():
    strings = parse_properties(PATH, "app.title=My App\nerrors.network=No connection.\n")
    assert strings == [KeyedString("app.title", "My App", 1, 11),
                       KeyedString("errors.network", "No connection.", 2, 16)]


@pytest.mark.parametrize("line, column", [
    ("key=value", 5),
    ("key:value", 5),
    ("key value", 5),
    ("key\tvalue", 5),
    ("key\fvalue", 5),
    ("key = value", 7),
    ("key  :\t value", 9),
    ("   key=value", 8),  # indented entry
])
def test_separators(line, column):
    assert parse(line + "\n") == [("key", "value", 1, column)]


def test_only_the_first_separator_separates():
    assert parse("a==b\nc = :d\ne : = f\n") == [("a", "=b", 1, 3), ("c", ":d", 2, 5), ("e", "= f", 3, 5)]


def test_value_keeps_trailing_whitespace_and_inner_separators():
    assert parse("url = http://x.org/?a=1  \n") == [("url", "http://x.org/?a=1  ", 1, 7)]


def test_empty_values_are_returned_positioned_after_the_separator():
    assert parse("a=\nb = \nc:\nd\ne   \n") == [
        ("a", "", 1, 3), ("b", "", 2, 4), ("c", "", 3, 3), ("d", "", 4, 2), ("e", "", 5, 2)]


def test_comments_and_blank_lines():
    text = "# a comment\n! another\n   # indented comment\n\n  \t \nkey=value # not a comment\n"
    assert parse(text) == [("key", "value # not a comment", 6, 5)]


def test_comment_line_never_continues():
    assert parse("# comment \\\nkey=value\n") == [("key", "value", 2, 5)]


@pytest.mark.parametrize("escaped, decoded", [
    ("\\t", "\t"), ("\\n", "\n"), ("\\r", "\r"), ("\\f", "\f"),
    ("\\u00e9", "é"), ("\\u00C9", "É"), ("\\ud83d\\ude00", "😀"),
    ("\\=", "="), ("\\:", ":"), ("\\ ", " "), ("\\\\", "\\"), ("\\#", "#"), ("\\!", "!"), ("\\q", "q"),
])
def test_escapes_in_values(escaped, decoded):
    assert parse(f"k=<{escaped}>\n") == [("k", f"<{decoded}>", 1, 3)]


def test_escaped_leading_space_is_part_of_the_value():
    assert parse("k = \\  two spaces\n") == [("k", "  two spaces", 1, 5)]


def test_keys_are_unescaped():
    assert parse("a\\ b\\=c\\:d=1\n\\u00e9t\\u00e9 summer\n") == [("a b=c:d", "1", 1, 12), ("été", "summer", 2, 15)]


def test_continuation_lines():
    text = "msg = one, \\\n      two, \\\n\tthree\nnext=4\n"
    assert parse(text) == [("msg", "one, two, three", 1, 7), ("next", "4", 4, 6)]


def test_value_starting_on_a_continuation_line_is_positioned_there():
    assert parse("greeting = \\\n    Hello\n") == [("greeting", "Hello", 2, 5)]


def test_continued_key_and_escape():
    assert parse("long\\\n  key=caf\\u00\\\n  e9\n") == [("longkey", "café", 2, 7)]


def test_even_backslashes_do_not_continue():
    assert parse("path=C:\\\\\nnext=1\n") == [("path", "C:\\", 1, 6), ("next", "1", 2, 6)]


def test_continuation_line_starting_with_hash_is_text():
    assert parse("k=a\\\n  #b\n") == [("k", "a#b", 1, 3)]


def test_continuation_into_a_blank_line_and_at_the_end_of_the_file():
    assert parse("a=1\\\n\nb=2\\") == [("a", "1", 1, 3), ("b", "2", 3, 3)]


def test_crlf_line_ends():
    assert parse("a=1\r\nb=x \\\r\n  y\r\n") == [("a", "1", 1, 3), ("b", "x y", 2, 3)]


def test_columns_count_code_points():
    assert parse("été=ünïcode\n") == [("été", "ünïcode", 1, 5)]


def test_a_key_defined_twice_is_returned_twice_in_file_order():
    assert parse("k=1\nk=2\n") == [("k", "1", 1, 3), ("k", "2", 2, 3)]


@pytest.mark.parametrize("text", ["", "\n\n", "# only\n! comments\n"])
def test_empty_or_comment_only_file(text):
    assert parse_properties(PATH, text) == []


@pytest.mark.parametrize("text, line, shown", [
    ("k=\\u00g9\n", 1, "\\u00g9"),
    ("a=1\n\nk=caf\\u0e\n", 3, "\\u0e"),
    ("a=1\nk\\uXYZW=v\n", 2, "\\uXYZW"),
    ("k=one \\\n  two \\u12 three\n", 2, "\\u12"),
])
def test_invalid_unicode_escape(text, line, shown):
    with pytest.raises(InputError) as caught:
        parse_properties(PATH, text)
    assert str(caught.value) == (f"{PATH} line {line}: invalid escape {shown} (\\u takes 4 hex digits); "
                                 "write \\u00e9 for é, or \\\\u for a backslash and u")


def test_half_a_surrogate_pair():
    with pytest.raises(InputError) as caught:
        parse_properties(PATH, "a=1\nk=\\ud83d!\n")
    assert str(caught.value).startswith(f"{PATH} line 2: a \\u escape is half of a surrogate pair; ")
    assert "\n" not in str(caught.value)
