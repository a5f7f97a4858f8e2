"""YAML i18n files (Rails, Symfony, Hugo): keys as for i18n JSON, decoded strings, the line and
column where each string's text starts, and one InputError line for a file that cannot be used."""

from __future__ import annotations

from typing import List, Tuple

import pytest

from aligner.errors import InputError
from aligner.inputs.keyed import KeyedString
from aligner.inputs.resource_yaml import parse_resource_yaml

PATH = "config/locales/en.yml"
NOT_A_MAPPING = (f"{PATH}: is YAML but not a mapping of strings; give an i18n file such as "
                 'en: {hello: "Hello"}, or pass --input-format text to check it as text')


def parse(text: str) -> List[Tuple[str, str, int, int]]:
    return [(s.key, s.text, s.line, s.column) for s in parse_resource_yaml(PATH, text)]


def test_nested_keys_are_joined_with_dots():
    text = "app:\n  title: My App\n  errors:\n    network: No connection.\nfooter: Bye\n"
    assert parse_resource_yaml(PATH, text) == [KeyedString("app.title", "My App", 2, 10),
                                               KeyedString("app.errors.network", "No connection.", 4, 14),
                                               KeyedString("footer", "Bye", 5, 9)]


def test_list_items_are_numbered():
    text = "steps:\n  - Open\n  - label: Save\n  - [Close, Quit]\ndays: [Mon, Tue]\n"
    assert parse(text) == [("steps[0]", "Open", 2, 5), ("steps[1].label", "Save", 3, 12),
                           ("steps[2][0]", "Close", 4, 6), ("steps[2][1]", "Quit", 4, 13),
                           ("days[0]", "Mon", 5, 8), ("days[1]", "Tue", 5, 13)]


def test_plain_scalars_that_are_not_strings_are_left_out():
    text = ("count: 42\nratio: 3.5\nenabled: true\nlegacy: yes\noff_switch: off\nnothing: ~\nempty:\n"
            "date: 2024-01-31\ntext: Hello\n")
    assert parse(text) == [("text", "Hello", 9, 7)]


def test_quoted_and_tagged_scalars_are_strings():
    text = 'count: "42"\nflag: \'yes\'\nnull_word: "null"\ntagged: !!str 7\nforced: !!int "8"\n'
    assert parse(text) == [("count", "42", 1, 9), ("flag", "yes", 2, 8), ("null_word", "null", 3, 13),
                           ("tagged", "7", 4, 15)]


def test_anchor_and_tag_before_the_string_are_skipped():
    text = 'a: &q "quoted"\nb: !!str &p plain\nc: &blk !!str |\n  block\nd: &n # why\n  next line\ne: *q\n'
    assert parse(text) == [("a", "quoted", 1, 8), ("b", "plain", 2, 13), ("c", "block\n", 4, 3),
                           ("d", "next line", 6, 3), ("e", "quoted", 1, 8)]


def test_double_quoted_escapes_are_decoded_and_located_after_the_quote():
    text = 'greeting: "Tab\\there, caf\\u00e9, \\"quoted\\", back\\\\slash"\n'
    assert parse(text) == [("greeting", 'Tab\there, caf\u00e9, "quoted", back\\slash', 1, 12)]


def test_single_quoted_doubled_quote_is_one_quote():
    assert parse("  # comment\nmsg: 'It''s done'\n") == [("msg", "It's done", 2, 7)]


def test_multi_line_strings():
    text = 'plain: first\n  second\nquoted: "one\n  two"\n'
    assert parse(text) == [("plain", "first second", 1, 8), ("quoted", "one two", 3, 10)]


def test_literal_block_starts_on_its_first_content_line():
    text = "intro: |\n  Line one.\n  Line two.\nnext: x\n"
    assert parse(text) == [("intro", "Line one.\nLine two.\n", 2, 3), ("next", "x", 4, 7)]


def test_folded_block_with_chomping_comment_and_leading_blank_line():
    text = "page:\n  body: >-  # a comment\n\n      Folded\n      text.\n"
    assert parse(text) == [("page.body", "\nFolded text.", 4, 7)]


def test_empty_block_is_located_at_its_indicator():
    assert parse("a: |\nb: c\n") == [("a", "", 1, 4), ("b", "c", 2, 4)]


def test_crlf_line_ends():
    text = 'a: one\r\nb: |\r\n  two\r\n  three\r\nc: "four"\r\n'
    assert parse(text) == [("a", "one", 1, 4), ("b", "two\nthree\n", 3, 3), ("c", "four", 5, 5)]


@pytest.mark.parametrize("locale", ["en", "de", "pt-BR", "de_CH", "es-419", "zh-Hans", "fil-PH"])
def test_rails_locale_root_is_dropped(locale):
    text = f"{locale}:\n  hello: Hello\n  nav:\n    home: Home\n"
    assert parse(text) == [("hello", "Hello", 2, 10), ("nav.home", "Home", 4, 11)]


def test_source_and_translation_keys_match_across_locales():
    source = parse_resource_yaml("en.yml", "en:\n  hello: Hello\n")
    target = parse_resource_yaml("de.yml", "de:\n  hello: Hallo\n")
    assert [s.key for s in source] == [s.key for s in target] == ["hello"]


def test_root_is_kept_with_two_top_level_keys():
    assert parse("en:\n  hello: Hello\nde:\n  hello: Hallo\n") == [("en.hello", "Hello", 2, 10),
                                                                     ("de.hello", "Hallo", 4, 10)]


@pytest.mark.parametrize("root", ["app", "messages", "EN", "fil", "english"])
def test_root_is_kept_when_it_is_not_a_locale_code(root):
    assert parse(f"{root}:\n  hello: Hello\n") == [(f"{root}.hello", "Hello", 2, 10)]


def test_single_locale_key_with_a_string_is_kept():
    assert parse("en: Hello\n") == [("en", "Hello", 1, 5)]


def test_keys_are_taken_as_written():
    # YAML 1.1 reads `no` as false, `yes`/`on` as true and `1` as a number: Rails' Norwegian locale.
    text = 'no: "Nei"\nyes: Ja\non: Paa\n1: one\n3.0: three\n~: tilde\n"quoted key": q\n'
    assert parse(text) == [("no", "Nei", 1, 6), ("yes", "Ja", 2, 6), ("on", "Paa", 3, 5), ("1", "one", 4, 4),
                           ("3.0", "three", 5, 6), ("~", "tilde", 6, 4), ("quoted key", "q", 7, 15)]


def test_norwegian_rails_root_is_dropped():
    assert parse("no:\n  hello: Hei\n") == [("hello", "Hei", 2, 10)]


def test_merge_keys_bring_the_anchors_strings_located_at_the_anchor():
    text = ("defaults: &defaults\n  ok: OK\n  cancel: Cancel\n"
            "dialog:\n  <<: *defaults\n  ok: Fine\n"
            "copy: *defaults\n")
    assert parse(text) == [("defaults.ok", "OK", 2, 7), ("defaults.cancel", "Cancel", 3, 11),
                           # merged strings first, then the mapping's own, which win (the last one of a key does)
                           ("dialog.ok", "OK", 2, 7), ("dialog.cancel", "Cancel", 3, 11), ("dialog.ok", "Fine", 6, 7),
                           ("copy.ok", "OK", 2, 7), ("copy.cancel", "Cancel", 3, 11)]


def test_merge_of_a_list_of_mappings_the_first_wins():
    text = "a: &a {x: A}\nb: &b {x: B, y: B}\nc:\n  <<: [*a, *b]\n"
    # PyYAML before 6.0.4 lists c.x twice (B, then A), 6.0.4 once; either way the last of a key is A.
    merged = {key: (value, line, column) for key, value, line, column in parse(text)[3:]}
    assert merged == {"c.x": ("A", 1, 11), "c.y": ("B", 2, 17)}


def test_merge_at_the_top_level_counts_for_the_locale_root():
    assert parse("base: &base\n  hi: Hi\nen:\n  <<: *base\n") == [("base.hi", "Hi", 2, 7), ("en.hi", "Hi", 2, 7)]


@pytest.mark.parametrize("text, line, problem", [
    ("a: b\n  c: d\n", 2, "mapping values are not allowed here"),
    ("ok: fine\nmsg: \"unterminated\nnext: x", 3, "found unexpected end of stream"),
    ("a:\n\tb: c\n", 2, "found character '\\t' that cannot start any token"),
    ("a: x\nb: *nope\n", 2, "found undefined alias 'nope'"),
    ("a: 1\nb:\n  <<: 3\n", 3, "expected a mapping or list of mappings for merging, but found scalar"),
    ('a: "x\x01"\n', 1, "character U+0001 is not allowed"),
])
def test_syntax_error_names_the_line(text, line, problem):
    with pytest.raises(InputError) as err:
        parse_resource_yaml(PATH, text)
    assert str(err.value) == f"{PATH} line {line}: not valid YAML ({problem}); fix the file"


@pytest.mark.parametrize("text", ["- one\n- two\n", "just text\n", '"quoted"\n', "~\n", "a: 1\n---\nb: 2\n"])
def test_not_a_single_mapping(text):
    with pytest.raises(InputError) as err:
        parse_resource_yaml(PATH, text)
    assert str(err.value) == NOT_A_MAPPING


def test_key_that_is_a_collection():
    with pytest.raises(InputError) as err:
        parse_resource_yaml(PATH, "ok: fine\n? [a, b]\n: value\n")
    assert str(err.value) == f"{PATH} line 2: a key is a list or mapping; write each key as text"


def test_alias_inside_its_own_anchor():
    with pytest.raises(InputError) as err:
        parse_resource_yaml(PATH, "a: x\nloop: &loop\n  - *loop\n")
    assert str(err.value) == (f"{PATH} line 2: the mapping or list anchored here holds an alias to itself; "
                              "give the strings without the loop")


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n  # and another\n", "---\n", "--- # empty\n...\n"])
def test_empty_file_has_no_strings(text):
    assert parse(text) == []


def test_empty_documents_around_the_mapping_are_ignored():
    assert parse("---\nen:\n  hi: Hi\n---\n") == [("hi", "Hi", 3, 7)]


def test_empty_locale_has_no_strings():
    assert parse("en:\n") == []
