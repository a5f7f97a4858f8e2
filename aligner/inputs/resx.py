""".NET resource files (Resources.resx, Resources.de.resx): the root is <root>, and each string is
a keyed string.

- `<data name="k">` is key "k"; its text is the content of its `<value>` child. A <data> that is
  not a string is skipped: one with a type attribute (a ResXFileRef, a System.Drawing.Bitmap, ...)
  or a mimetype attribute (a serialized object), and the WinForms designer's entries, whose names
  start with ">>" or "$this." (control names, positions, ...: metadata, not text).
- The <comment> of a <data> is a note to the translator, not text. <resheader>, <metadata>,
  <assembly> and the xsd:schema Visual Studio writes at the top are ignored.
- The text is the <value>'s text exactly, as .NET reads it: no whitespace collapsed or trimmed
  (xml:space="preserve" is the norm), entities and CDATA decoded; it ends where markup (a comment,
  an element) starts. A <data> without a <value>, or with an empty one, is the empty string.
- A string's line and column are where its content starts: just after the `>` of the <value>
  start tag (of the <data> start tag when it has no <value>).
"""

from __future__ import annotations

from typing import List, Tuple

from aligner.errors import InputError
from aligner.inputs.keyed import KeyedString
from aligner.inputs.positions import LineIndex, physical_lines
from aligner.inputs.xmlfile import children, element_spans, local_name, syntax_message

# Names the WinForms designer gives its own entries: ">>button1.Name", "$this.Text", ...
_DESIGNER_PREFIXES = (">>", "$this.")


def parse_resx(path: str, text: str) -> List[KeyedString]:
    from lxml import etree

    # The text is already decoded: lxml reads it as UTF-8 bytes, whatever the XML declaration says
    # (lxml refuses a str that has an encoding declaration). Same safe settings as xmlfile.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             encoding="utf-8")
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as err:
        raise InputError(syntax_message(path, err, "utf-8", "a .NET .resx file")) from None
    if local_name(root) != "root":
        raise InputError(f"{path}: not a .NET resource file (root <{local_name(root)}>); "
                         "give a .resx file, whose root is <root>")
    located = _Locator(root, text)
    strings: List[KeyedString] = []
    for data in children(root, "data"):
        name = data.get("name")
        if not name:
            raise InputError(f"{path} line {data.sourceline}: <data> has no name; add a name=\"...\" attribute")
        if data.get("type") is not None or data.get("mimetype") is not None or name.startswith(_DESIGNER_PREFIXES):
            continue
        values = children(data, "value")
        if values:  # .NET reads the value's text up to the first markup: lxml's .text, CDATA included
            strings.append(KeyedString(name, values[0].text or "", *located(values[0])))
        else:
            strings.append(KeyedString(name, "", *located(data)))
    return strings


class _Locator:
    """Line and column just after the `>` of an element's start tag."""

    def __init__(self, root, text: str) -> None:
        self._text = text
        self._index = LineIndex(text)
        self._spans = element_spans(root, text)  # the exact offsets, from xmlfile's scan of the tags

    def __call__(self, element) -> Tuple[int, int]:
        if self._spans is not None and element in self._spans:
            return self._index.locate(self._spans[element][0])
        # The scan failed (a construct it does not know): lxml's line, which is where the start tag
        # ends, and the first `>` on it. An approximation: right unless another tag ends on that line
        # before this one does.
        line = element.sourceline or 1
        lines = physical_lines(self._text)
        end = lines[line - 1].find(">") if line <= len(lines) else -1
        return line, end + 2 if end >= 0 else 1
