""".NET resource files (Resources.resx, Resources.de.resx): the root is <root>, and each string is
a keyed string.

- `<data name="k">` is key "k"; its text is the content of its `<value>` child. A <data> that is
  not a string is skipped: one with a type attribute (a ResXFileRef, a System.Drawing.Bitmap, ...)
  or a mimetype attribute (a serialized object), and the WinForms designer's bookkeeping, whose
  names start with ">>" (">>button1.Name", ">>button1.Type", ...: metadata, not text). The form's
  own strings ("$this.Text", its title) are text; its other properties have a type attribute.
- The <comment> of a <data> is a note to the translator, not text. <resheader>, <metadata>,
  <assembly> and the xsd:schema Visual Studio writes at the top are ignored.
- The text is the <value>'s text exactly, as .NET reads it: no whitespace collapsed or trimmed
  (xml:space="preserve" is the norm), entities and CDATA decoded; it ends where markup (a comment,
  an element) starts. A <data> without a <value>, or with an empty one, is the empty string.
- A string's line and column are where its content starts: just after the `>` of the <value>
  start tag (of the <data> start tag when it has no <value>).
"""

from __future__ import annotations

from typing import List

from aligner.errors import InputError
from aligner.inputs.keyed import KeyedString
from aligner.inputs.xmlfile import children, parse_xml_text

# The WinForms designer's bookkeeping: ">>button1.Name", ">>button1.Parent", ">>$this.Type", ...
_DESIGNER_PREFIX = ">>"


def parse_resx(path: str, text: str) -> List[KeyedString]:
    xml = parse_xml_text(path, text, "a .NET resource file", "a .resx file", "root")
    root = xml.root
    strings: List[KeyedString] = []
    for data in children(root, "data"):
        name = data.get("name")
        if not name:
            raise InputError(f"{path} line {data.sourceline}: <data> has no name; add a name=\"...\" attribute")
        if data.get("type") is not None or data.get("mimetype") is not None or name.startswith(_DESIGNER_PREFIX):
            continue
        values = children(data, "value")
        if values:  # .NET reads the value's text up to the first markup: lxml's .text, CDATA included
            strings.append(KeyedString(name, values[0].text or "", *xml.content_start(values[0])))
        else:
            strings.append(KeyedString(name, "", *xml.content_start(data)))
    return strings

