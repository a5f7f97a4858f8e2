""".NET resource files (aligner.inputs.resx): keys, texts kept exactly as .NET reads them, where
each text starts, the entries that are not strings, and the files that cannot be read."""

from __future__ import annotations

from typing import Dict

import pytest

from aligner.errors import InputError
from aligner.inputs import xmlfile
from aligner.inputs.keyed import KeyedString
from aligner.inputs.resx import parse_resx

MSDATA = "urn:schemas-microsoft-com:xml-msdata"
WINFORMS = "System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089"
# What Visual Studio writes at the top of a new Resources.resx (its long explanatory comment shortened).
HEADER = f"""<?xml version="1.0" encoding="utf-8"?>
<root>
  <!--
    Microsoft ResX Schema

    Version 2.0

    Example:

    <resheader name="resmimetype">text/microsoft-resx</resheader>
    <data name="Name1"><value>this is my long string</value><comment>this is a comment</comment></data>
    <data name="Color1" type="System.Drawing.Color, System.Drawing">Blue</data>
  -->
  <xsd:schema id="root" xmlns="" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:msdata="{MSDATA}">
    <xsd:import namespace="http://www.w3.org/XML/1998/namespace" />
    <xsd:element name="root" msdata:IsDataSet="true">
      <xsd:complexType>
        <xsd:choice maxOccurs="unbounded">
          <xsd:element name="metadata">
            <xsd:complexType>
              <xsd:sequence>
                <xsd:element name="value" type="xsd:string" minOccurs="0" />
              </xsd:sequence>
              <xsd:attribute name="name" use="required" type="xsd:string" />
              <xsd:attribute name="type" type="xsd:string" />
              <xsd:attribute name="mimetype" type="xsd:string" />
              <xsd:attribute ref="xml:space" />
            </xsd:complexType>
          </xsd:element>
          <xsd:element name="assembly">
            <xsd:complexType>
              <xsd:attribute name="alias" type="xsd:string" />
              <xsd:attribute name="name" type="xsd:string" />
            </xsd:complexType>
          </xsd:element>
          <xsd:element name="data">
            <xsd:complexType>
              <xsd:sequence>
                <xsd:element name="value" type="xsd:string" minOccurs="0" msdata:Ordinal="1" />
                <xsd:element name="comment" type="xsd:string" minOccurs="0" msdata:Ordinal="2" />
              </xsd:sequence>
              <xsd:attribute name="name" type="xsd:string" use="required" msdata:Ordinal="1" />
              <xsd:attribute name="type" type="xsd:string" msdata:Ordinal="3" />
              <xsd:attribute name="mimetype" type="xsd:string" msdata:Ordinal="4" />
              <xsd:attribute ref="xml:space" />
            </xsd:complexType>
          </xsd:element>
          <xsd:element name="resheader">
            <xsd:complexType>
              <xsd:sequence>
                <xsd:element name="value" type="xsd:string" minOccurs="1" msdata:Ordinal="1" />
              </xsd:sequence>
              <xsd:attribute name="name" type="xsd:string" use="required" />
            </xsd:complexType>
          </xsd:element>
        </xsd:choice>
      </xsd:complexType>
    </xsd:element>
  </xsd:schema>
  <resheader name="resmimetype">
    <value>text/microsoft-resx</value>
  </resheader>
  <resheader name="version">
    <value>2.0</value>
  </resheader>
  <resheader name="reader">
    <value>System.Resources.ResXResourceReader, {WINFORMS}</value>
  </resheader>
  <resheader name="writer">
    <value>System.Resources.ResXResourceWriter, {WINFORMS}</value>
  </resheader>
"""

HEADER_LINES = 71  # the body after HEADER starts on line 72


def resx_file(body: str) -> str:
    return HEADER + body + "</root>\n"


def texts(body: str) -> Dict[str, str]:
    """key → text of the strings in <root>body</root>."""
    return {string.key: string.text for string in parse_resx("Resources.resx", f"<root>{body}</root>")}


def error(text: str) -> str:
    with pytest.raises(InputError) as raised:
        parse_resx("Properties/Resources.de.resx", text)
    return str(raised.value)


def test_the_visual_studio_header_is_ignored_and_strings_come_in_file_order_with_positions():
    assert HEADER.count("\n") == HEADER_LINES
    body = ('  <data name="Greeting" xml:space="preserve">\n'
            "    <value>Hello, {0}!</value>\n"
            "    <comment>{0} is the user's name</comment>\n"
            "  </data>\n"
            '  <data name="Farewell" xml:space="preserve">\n'
            "    <value>Goodbye</value>\n"
            "  </data>\n")
    assert parse_resx("Resources.resx", resx_file(body)) == [
        KeyedString("Greeting", "Hello, {0}!", 73, 12),
        KeyedString("Farewell", "Goodbye", 77, 12),
    ]


def test_position_is_just_after_the_value_start_tag_even_with_several_on_a_line_or_a_tag_over_lines():
    xml = ('<root><data name="a"><value>A</value></data><data name="b"><value>B</value></data>\n'
           '<data name="c"><value\n    xml:space="preserve"\n    >C</value></data></root>')
    assert [(s.key, s.line, s.column) for s in parse_resx("Resources.resx", xml)] == [
        ("a", 1, 29), ("b", 1, 67), ("c", 4, 6)]


def test_position_counts_code_points_and_crlf_line_ends():
    xml = ('<root>\r\n<data name="ü"><value>x</value></data>\r\n'
           '<data name="€€">  <value>y</value></data>\r\n</root>')
    assert [(s.key, s.line, s.column) for s in parse_resx("Resources.resx", xml)] == [
        ("ü", 2, 23), ("€€", 3, 26)]


def test_position_falls_back_to_the_first_start_tag_end_on_lxmls_line(monkeypatch):
    monkeypatch.setattr(xmlfile, "element_spans", lambda root, text: None)
    xml = ('<root>\n  <data name="a">\n    <value>A</value>\n  </data>\n'
           '<data name="b"><value\n>B</value></data>\n</root>')
    assert [(s.key, s.line, s.column) for s in parse_resx("Resources.resx", xml)] == [
        ("a", 3, 12), ("b", 6, 2)]


def test_whitespace_and_newlines_are_kept_exactly():
    assert texts('<data name="spaces" xml:space="preserve"><value>  two  spaces,\ta tab  </value></data>'
                 '<data name="lines" xml:space="preserve"><value>\n    Line one\n    Line two\n  </value></data>'
                 '<data name="crlf"><value>one\r\ntwo</value></data>'
                 '<data name="blank"><value>   </value></data>') == {
        "spaces": "  two  spaces,\ta tab  ", "lines": "\n    Line one\n    Line two\n  ",
        "crlf": "one\ntwo",  # XML turns a CRLF into a newline, for .NET too
        "blank": "   "}


def test_entities_and_cdata_are_decoded():
    assert texts('<data name="s"><value>Save &amp; close &lt;b&gt; &quot;x&quot; &#233;&#x20AC;</value></data>'
                 '<data name="c"><value><![CDATA[Tap <b>here</b>]]> now</value></data>') == {
        "s": 'Save & close <b> "x" é€', "c": "Tap <b>here</b> now"}


def test_entries_that_are_not_strings_are_skipped():
    body = (f'<assembly alias="System.Windows.Forms" name="{WINFORMS}" />'
            '<data name="Logo" type="System.Resources.ResXFileRef, System.Windows.Forms">'
            "<value>..\\Resources\\logo.png;System.Drawing.Bitmap, System.Drawing</value></data>"
            '<data name="Icon" type="System.Drawing.Bitmap, System.Drawing" '
            'mimetype="application/x-microsoft.net.object.bytearray.base64"><value>iVBORw0KGgo=</value></data>'
            '<data name="Blob" mimetype="application/x-microsoft.net.object.binary.base64">'
            "<value>AAEAAAD/////</value></data>"
            '<data name="button1.Location" type="System.Drawing.Point, System.Drawing"><value>12, 12</value></data>'
            '<data name="button1.Text" xml:space="preserve"><value>OK</value></data>'
            '<data name="&gt;&gt;button1.Name" xml:space="preserve"><value>button1</value></data>'
            '<data name="&gt;&gt;button1.Type" xml:space="preserve"><value>System.Windows.Forms.Button</value></data>'
            '<data name="&gt;&gt;button1.Parent" xml:space="preserve"><value>$this</value></data>'
            '<data name="$this.ClientSize" type="System.Drawing.Size, System.Drawing"><value>284, 261</value></data>'
            '<data name="$this.Text" xml:space="preserve"><value>Settings</value></data>'
            '<data name="&gt;&gt;$this.Type" xml:space="preserve"><value>System.Windows.Forms.Form</value></data>'
            '<metadata name="$this.Localizable" type="System.Boolean, mscorlib"><value>True</value></metadata>'
            '<resheader name="version"><value>2.0</value></resheader>'
            '<!-- <data name="old"><value>Old</value></data> -->')
    assert texts(body) == {"button1.Text": "OK", "$this.Text": "Settings"}


def test_the_comment_is_a_note_not_text():
    assert texts('<data name="before"><comment>Shown on the login page</comment><value>Sign in</value></data>'
                 '<data name="only"><comment>No value yet</comment></data>') == {"before": "Sign in", "only": ""}


def test_the_text_ends_where_markup_starts_as_dotnet_reads_it():
    assert texts('<data name="s"><value>Before<!-- a note -->after</value></data>') == {"s": "Before"}


def test_an_empty_or_missing_value_is_the_empty_string_placed_after_its_start_tag():
    xml = ('<root>\n<data name="empty"><value></value></data>\n<data name="closed"><value /></data>\n'
           '<data name="none" xml:space="preserve">\n</data>\n</root>')
    assert parse_resx("Resources.resx", xml) == [
        KeyedString("empty", "", 2, 27), KeyedString("closed", "", 3, 30), KeyedString("none", "", 4, 40)]


def test_wrong_root():
    assert error('<resources><string name="s">S</string></resources>') == (
        "Properties/Resources.de.resx: not a .NET resource file (root <resources>); "
        "give a .resx file, whose root is <root>")


def test_malformed_xml_names_the_path_and_the_line():
    message = error('<root>\n  <data name="a"><value>A</value></data>\n  <data name="b"><value>B</data>\n</root>\n')
    assert message.startswith(
        "Properties/Resources.de.resx line 3: not well-formed XML (Opening and ending tag mismatch")
    assert message.endswith("; fix the markup")
    assert "\n" not in message


def test_undefined_entity_is_a_syntax_error():
    assert error('<root>\n<data name="a"><value>&nbsp;</value></data></root>').startswith(
        "Properties/Resources.de.resx line 2: not well-formed XML (Entity 'nbsp' not defined")


def test_not_xml_at_all():
    assert error("Greeting=Hello") == (
        "Properties/Resources.de.resx: is not XML (Start tag expected, '<' not found, line 1, column 1); "
        "give a .NET resource file")


def test_a_data_without_a_name():
    message = 'Properties/Resources.de.resx line 3: <data> has no name; add a name="..." attribute'
    assert error('<root>\n<data name="a"><value>A</value></data>\n<data><value>B</value></data></root>') == message
    assert error('<root>\n\n<data name="" type="System.Int32, mscorlib"><value>1</value></data></root>') == message
