"""Apple .strings (Localizable.strings): keys, decoded texts, and the line and column just after
each value's opening quote; each syntax error is one InputError line naming the line."""

from __future__ import annotations

from typing import List, Tuple

import pytest

from aligner.errors import InputError
from aligner.inputs.apple_strings import parse_apple_strings
from aligner.inputs.keyed import KeyedString

PATH = "Localizable.strings"


def parse(text: str) -> List[Tuple[str, str, int, int]]:
    return [(s.key, s.text, s.line, s.column) for s in parse_apple_strings(PATH, text)]


def error(text: str) -> str:
    with pytest.raises(InputError) as caught:
        parse_apple_strings(PATH, text)
    assert "\n" not in str(caught.value)
    return str(caught.value)


def test_ordinary_entries_with_positions():
    text = '"app.title" = "My App";\n"errors.network" = "No connection.";\n'
    assert parse_apple_strings(PATH, text) == [KeyedString("app.title", "My App", 1, 16),
                                               KeyedString("errors.network", "No connection.", 2, 21)]


def test_whitespace_anywhere_between_tokens():
    text = '  "a"="1";"b"\t=\t"2" ;\n\n"c"\n  =\n    "3"\n;'
    assert parse(text) == [("a", "1", 1, 8), ("b", "2", 1, 18), ("c", "3", 5, 6)]


def test_comments_of_both_kinds():
    text = ('/* Title of the main window.\n   Shown in the title bar. */\n"title" = "Main";\n'
            '// A line comment "with" = "quotes";\n"ok" /* between */ = // to the end\n "OK"; // after\n')
    assert parse(text) == [("title", "Main", 3, 12), ("ok", "OK", 6, 3)]


def test_comment_markers_inside_strings_are_text():
    assert parse('"url" = "http://x.org/*";') == [("url", "http://x.org/*", 1, 10)]


def test_string_spanning_lines():
    assert parse('"k" = "one\ntwo";\n"n" = "x";') == [("k", "one\ntwo", 1, 8), ("n", "x", 3, 8)]


@pytest.mark.parametrize("escaped, decoded", [
    ('\\"', '"'), ("\\\\", "\\"), ("\\n", "\n"), ("\\t", "\t"), ("\\r", "\r"), ("\\0", "\0"),
    ("\\U00E9", "é"), ("\\u00e9", "é"), ("\\UD83D\\UDE00", "😀"), ("\\'", "'"), ("\\q", "q"),
])
def test_escapes(escaped, decoded):
    assert parse(f'"k" = "<{escaped}>";') == [("k", f"<{decoded}>", 1, 8)]


def test_keys_are_unescaped():
    assert parse('"say \\"hi\\"\\n" = "Hallo";') == [('say "hi"\n', "Hallo", 1, 19)]


def test_unquoted_key():
    assert parse('menu.file-open_2 = "Open";\nOK="OK";') == [("menu.file-open_2", "Open", 1, 21), ("OK", "OK", 2, 5)]


def test_empty_key_and_value():
    assert parse('"" = "";') == [("", "", 1, 7)]


def test_columns_count_code_points():
    assert parse('"été" = "ünï";') == [("été", "ünï", 1, 10)]


def test_a_key_defined_twice_is_returned_twice_in_file_order():
    assert parse('"k" = "1";\n"k" = "2";') == [("k", "1", 1, 8), ("k", "2", 2, 8)]


@pytest.mark.parametrize("text", ["", "\n  \n", "/* only */\n// comments\n"])
def test_empty_or_comment_only_file(text):
    assert parse_apple_strings(PATH, text) == []


def test_missing_equals():
    assert error('"a" = "1";\n"b" "2";') == (f"{PATH} line 2: expected '=' after the key, found '\"'; "
                                               'write each entry as "key" = "value";')


def test_missing_semicolon_names_the_line_of_the_value():
    assert error('"a" = "1";\n"b" = "2"\n"c" = "3";') == (f"{PATH} line 2: expected ';' after the value, found '\"'; "
                                                            'end each entry with "key" = "value";')


def test_missing_semicolon_at_the_end_of_the_file():
    assert error('"a" = "1";\n"b" = "2"\n') == (f"{PATH} line 2: expected ';' after the value, found the end of the "
                                                  'file; end each entry with "key" = "value";')


def test_missing_value():
    assert error('"a" = "1";\n"b" =\n') == (f"{PATH} line 3: expected the value in double quotes after '=', found the "
                                              'end of the file; write each entry as "key" = "value";')


def test_unquoted_value():
    assert error('"a" = hello;') == (f"{PATH} line 1: expected the value in double quotes after '=', found 'h'; "
                                     'write each entry as "key" = "value";')


def test_unexpected_character_at_the_start_of_an_entry():
    assert error('"a" = "1";\n\n; "b" = "2";') == (f"{PATH} line 3: expected a key in double quotes at the start "
                                                     "of an entry, found ';'; write each entry as \"key\" = \"value\";")


def test_lone_slash_is_unexpected():
    assert error('"a" = "1"; / "b" = "2";').startswith(f"{PATH} line 1: expected a key in double quotes at the start "
                                                       "of an entry, found '/'; ")


def test_unterminated_string_names_the_line_it_opens_on():
    assert error('"a" = "1";\n"b" = "two\nlines;\n') == f'{PATH} line 2: unterminated string; close it with "'


def test_unterminated_string_ending_in_a_backslash():
    assert error('"a" = "1\\') == f'{PATH} line 1: unterminated string; close it with "'


def test_unterminated_comment_names_the_line_it_opens_on():
    assert error('"a" = "1";\n/* note\n"b" = "2";\n') == f"{PATH} line 2: unterminated /* comment; close it with */"


@pytest.mark.parametrize("text, shown", [('"k" = "\\U00G9";', "\\U00G9"), ('"k" = "\\u12";', "\\u12")])
def test_invalid_unicode_escape(text, shown):
    escape = shown[:2]
    assert error("\n" + text) == (f"{PATH} line 2: invalid escape {shown} ({escape} takes 4 hex digits); "
                                  "write \\U00E9 for é")


def test_half_a_surrogate_pair():
    message = error('"a" = "1";\n"k" = "\\UD83D!";')
    assert message.startswith(f"{PATH} line 2: a \\U escape is half of a surrogate pair; ")
