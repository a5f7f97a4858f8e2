"""Android string resources (aligner.inputs.android_xml): keys, texts under Android's escape and
whitespace rules, where each text starts, and the files that cannot be read."""

from __future__ import annotations

from typing import Dict

import pytest

from aligner.errors import InputError
from aligner.inputs import xmlfile
from aligner.inputs.android_xml import parse_android_strings
from aligner.inputs.keyed import KeyedString

XLIFF = 'xmlns:xliff="urn:oasis:names:tc:xliff:document:1.2"'
TOOLS = 'xmlns:tools="http://schemas.android.com/tools"'


def texts(body: str) -> Dict[str, str]:
    """key → text of the strings in <resources>body</resources>."""
    xml = f"<resources {XLIFF} {TOOLS}>{body}</resources>"
    return {string.key: string.text for string in parse_android_strings("strings.xml", xml)}


def error(text: str) -> str:
    with pytest.raises(InputError) as raised:
        parse_android_strings("res/values/strings.xml", text)
    return str(raised.value)


def test_strings_arrays_and_plurals_in_file_order_with_positions():
    xml = ('<?xml version="1.0" encoding="utf-8"?>\n'
           "<resources>\n"
           '    <string name="app_name">Notes</string>\n'
           '    <string-array name="planets">\n'
           "        <item>Mercury</item>\n"
           "        <item>Venus</item>\n"
           "    </string-array>\n"
           '    <plurals name="songs">\n'
           '        <item quantity="one">%d song</item>\n'
           '        <item quantity="other">%d songs</item>\n'
           "    </plurals>\n"
           "</resources>\n")
    assert parse_android_strings("strings.xml", xml) == [
        KeyedString("app_name", "Notes", 3, 29),
        KeyedString("planets[0]", "Mercury", 5, 15),
        KeyedString("planets[1]", "Venus", 6, 15),
        KeyedString("songs[one]", "%d song", 9, 30),
        KeyedString("songs[other]", "%d songs", 10, 32),
    ]


def test_position_is_just_after_the_start_tag_even_with_several_on_a_line_or_a_tag_over_lines():
    xml = ('<resources><string name="a">A</string><string-array name="b"><item>B0</item><item>B1</item>'
           '</string-array>\n<string\n    name="c"\n    >C</string><string name="d"/></resources>')
    assert [(s.key, s.line, s.column) for s in parse_android_strings("strings.xml", xml)] == [
        ("a", 1, 29), ("b[0]", 1, 68), ("b[1]", 1, 83), ("c", 4, 6), ("d", 4, 34)]


def test_position_falls_back_to_the_first_start_tag_end_on_lxmls_line(monkeypatch):
    monkeypatch.setattr(xmlfile, "element_spans", lambda root, text: None)
    xml = '<resources>\n  <string name="a">A</string>\n<string\n name="b">B</string>\n</resources>'
    assert [(s.key, s.line, s.column) for s in parse_android_strings("strings.xml", xml)] == [
        ("a", 2, 20), ("b", 4, 11)]


def test_position_counts_code_points_and_crlf_line_ends():
    xml = '<resources>\r\n<string name="ü">x</string>\r\n<string name="€€">y</string>\r\n</resources>'
    assert [(s.key, s.line, s.column) for s in parse_android_strings("strings.xml", xml)] == [
        ("ü", 2, 18), ("€€", 3, 19)]


def test_translatable_false_is_skipped_on_strings_arrays_and_plurals():
    assert texts('<string name="url" translatable="false">https://example.com</string>'
                 '<string-array name="codes" translatable="false"><item>DE</item></string-array>'
                 '<plurals name="n" translatable="false"><item quantity="other">x</item></plurals>'
                 '<string name="kept" translatable="true">Kept</string>'
                 '<string name="hint" tools:ignore="MissingTranslation">Hint</string>') == {
        "kept": "Kept", "hint": "Hint"}


def test_other_resources_are_ignored():
    assert texts('<color name="red">#f00</color><dimen name="pad">4dp</dimen><bool name="b">true</bool>'
                 '<string name="s">S</string><!-- <string name="old">Old</string> -->') == {"s": "S"}


def test_inline_markup_keeps_its_text_and_xliff_g_keeps_the_placeholder():
    assert texts('<string name="welcome">Welcome, <b><i>dear</i></b> <u>'
                 '<xliff:g id="user" example="Ann">%1$s</xliff:g></u>!<!-- not text --></string>') == {
        "welcome": "Welcome, dear %1$s!"}


def test_cdata_is_text():
    assert texts('<string name="html"><![CDATA[Tap <b>here</b>]]> now</string>') == {"html": "Tap <b>here</b> now"}


@pytest.mark.parametrize("escaped, decoded", [
    (r"It\'s", "It's"),
    (r"Say \"hi\"", 'Say "hi"'),
    (r"a\\b", "a\\b"),
    (r"one\ntwo", "one\ntwo"),
    (r"name\tvalue", "name\tvalue"),
    (r"\@string/not_a_reference", "@string/not_a_reference"),
    (r"\?attr", "?attr"),
    (r"caf\u00e9 \u20AC", "café €"),
    (r"\#1", "#1"),  # any other escaped character stands for itself
    (r"\u12 left", "\\u12 left"),  # not four hex digits: as written
])
def test_escapes(escaped, decoded):
    assert texts(f'<string name="s">{escaped}</string>') == {"s": decoded}


def test_xml_entities_are_decoded_by_the_xml_parser():
    assert texts('<string name="s">&lt;b&gt; &amp; &#233;&#x20AC;</string>') == {"s": "<b> & é€"}


def test_a_quoted_value_keeps_its_whitespace():
    assert texts('<string name="q">\n    "  two  spaces\n and a line  "\n</string>'
                 r'<string name="esc">"\"quoted\" \n"</string>'
                 '<string name="empty">""</string>') == {
        "q": "  two  spaces\n and a line  ", "esc": '"quoted" \n', "empty": ""}


def test_quotes_that_do_not_wrap_the_whole_value_are_kept():
    assert texts(r'<string name="a">"Hi" he   said</string><string name="b">"open \"</string>') == {
        "a": '"Hi" he said', "b": '"open "'}


def test_whitespace_collapses_to_one_space_and_ends_are_trimmed_but_escapes_survive():
    assert texts('<string name="s">\n    Hello,\t\t  wide\n    world!  \n</string>'
                 r'<string name="e">  a\n\n  b  \t</string>'
                 '<string name="nbsp">Bonjour\u00a0! \u00a0</string>') == {
        "s": "Hello, wide world!", "e": "a\n\n b \t", "nbsp": "Bonjour\u00a0! \u00a0"}


def test_an_encoding_declaration_in_the_already_decoded_text_is_not_in_the_way():
    for declared in ("ISO-8859-1", "UTF-16"):
        xml = (f'<?xml version="1.0" encoding="{declared}"?>\n'
               '<resources><string name="s">Größe €</string></resources>')
        assert parse_android_strings("strings.xml", xml) == [KeyedString("s", "Größe €", 2, 29)]


def test_wrong_root():
    assert error('<manifest package="a.b"><string name="s">S</string></manifest>') == (
        "res/values/strings.xml: not an Android string resource file (root <manifest>); "
        "give a res/values*/strings.xml file, whose root is <resources>")


def test_malformed_xml_names_the_path_and_the_line():
    message = error('<resources>\n  <string name="a">A</string>\n  <string name="b">B</resources>\n')
    assert message.startswith("res/values/strings.xml line 3: not well-formed XML (Opening and ending tag mismatch")
    assert message.endswith("; fix the markup")
    assert "\n" not in message


def test_undefined_entity_is_a_syntax_error():
    assert error('<resources>\n<string name="a">&nbsp;</string></resources>').startswith(
        "res/values/strings.xml line 2: not well-formed XML (Entity 'nbsp' not defined")


def test_not_xml_at_all():
    assert error('{"app_name": "Notes"}') == (
        "res/values/strings.xml: is not XML (Start tag expected, '<' not found, line 1, column 1); "
        "give an Android string resource file")


def test_a_string_without_a_name_or_a_plural_without_a_quantity():
    assert error('<resources>\n<string>S</string></resources>') == (
        'res/values/strings.xml line 2: <string> has no name; add a name="..." attribute')
    assert error('<resources>\n<plurals name="p">\n<item>x</item></plurals></resources>') == (
        'res/values/strings.xml line 3: <item> has no quantity; add a quantity="..." attribute')
