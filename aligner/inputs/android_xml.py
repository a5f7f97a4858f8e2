"""Android string resources (res/values/strings.xml, res/values-de/strings.xml): the root is
<resources>, and each string is a keyed string.

- `<string name="k">` is key "k"; the items of `<string-array name="a">` are "a[0]", "a[1]", ...;
  those of `<plurals name="p">` are "p[one]", "p[other]", ... (by their quantity attribute).
- translatable="false" on a string, string-array or plurals skips it: it is not meant to be
  translated, so its translation is neither expected nor checked. Other elements (colors,
  dimensions, ...) are ignored, and so are the tools: attributes.
- The text is the element's content with the inline markup (<b>, <i>, <u>, <xliff:g>) left out
  but the text inside it kept: the content of an <xliff:g> is the placeholder ("%1$s") the
  translation must keep too. CDATA is text.
- Then Android's own rules, as aapt applies them (simplified):
  - a value wholly in double quotes ("  Hello  ") loses the quotes and keeps its whitespace;
    any other value has its runs of whitespace (space, tab, newline) turned into one space and
    its ends trimmed; quotes inside a value are kept as they are (aapt drops them);
  - then the escapes: \\n (newline), \\t (tab), \\uXXXX (that character); \\', \\", \\\\, \\@, \\?
    and any other escaped character stand for the character itself.
- A string's line and column are where its content starts: just after the `>` of its start tag.
"""

from __future__ import annotations

import re
from typing import List

from aligner.errors import InputError
from aligner.inputs.keyed import KeyedString
from aligner.inputs.xmlfile import children, local_name, parse_xml_text

# aapt's whitespace is C isspace(); a no-break space is text (French puts one before "!").
_WHITESPACE = re.compile(r"[ \t\r\n]+")
# `\u` needs four hex digits; a `\u` without them is left as written.
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|[^u])", re.S)
_ESCAPED = {"n": "\n", "t": "\t"}


def parse_android_strings(path: str, text: str) -> List[KeyedString]:
    xml = parse_xml_text(path, text, "an Android string resource file", "a res/values*/strings.xml file",
                         "resources")
    root = xml.root
    strings: List[KeyedString] = []
    for element in (child for child in root if isinstance(child.tag, str)):  # elements, not comments
        kind = local_name(element)
        if kind not in ("string", "string-array", "plurals") or element.get("translatable", "").lower() == "false":
            continue
        name = _attribute(path, element, "name")
        if kind == "string":
            keyed = [(name, element)]
        elif kind == "string-array":
            keyed = [(f"{name}[{number}]", item) for number, item in enumerate(children(element, "item"))]
        else:
            keyed = [(f"{name}[{_attribute(path, item, 'quantity')}]", item) for item in children(element, "item")]
        for key, holder in keyed:
            strings.append(KeyedString(key, _android_text(_content(holder)), *xml.content_start(holder)))
    return strings


def _attribute(path: str, element, attribute: str) -> str:
    value = element.get(attribute)
    if not value:
        raise InputError(f"{path} line {element.sourceline}: <{local_name(element)}> has no {attribute}; "
                         f"add a {attribute}=\"...\" attribute")
    return value


def _content(element) -> str:
    """The text inside the element and inside its inline markup; comments and processing
    instructions are left out (their tails are text)."""
    pieces = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            pieces.append(_content(child))
        pieces.append(child.tail or "")
    return "".join(pieces)


def _android_text(raw: str) -> str:
    value = raw.strip(" \t\r\n")
    if _wholly_quoted(value):
        value = value[1:-1]
    else:
        value = _WHITESPACE.sub(" ", value)
    return _ESCAPE.sub(lambda found: _unescape(found.group(1)), value)


def _wholly_quoted(value: str) -> bool:
    """Opens with `"` and closes with a `"` that is not escaped (not after an odd number of `\\`)."""
    if len(value) < 2 or value[0] != '"' or value[-1] != '"':
        return False
    backslashes = len(value[1:-1]) - len(value[1:-1].rstrip("\\"))
    return backslashes % 2 == 0


def _unescape(escaped: str) -> str:
    return chr(int(escaped[1:], 16)) if escaped[0] == "u" else _ESCAPED.get(escaped, escaped)

