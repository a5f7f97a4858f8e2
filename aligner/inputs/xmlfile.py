"""Parsing an XML input (TMX, XLIFF) safely, and reading a segment's text with the line and column
where that text starts in the file.

lxml gives each element only the line on which its start tag ends, no column and no position for
text after an inline tag. So the file is also scanned once for its tags (comments, CDATA, the
DOCTYPE skipped): the n-th start tag in the file is the n-th element of the tree, which gives the
offset where every element's content starts and where it ends (its tail text starts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple
from xml.sax.saxutils import escape

from aligner.errors import InputError
from aligner.inputs.files import read_bytes
from aligner.inputs.positions import LineIndex, physical_lines
from aligner.read import decode_text

# Inline elements that stand for formatting codes or placeholders (XLIFF 1.2 x, bx, ex, ph, bpt,
# ept, it; XLIFF 2 ph, sc, ec, sm, em; TMX bpt, ept, ph, it, ut). They are dropped with their
# content: the content is native code ("<b>", "{0}", "%s"), not text a translator writes, and
# keeping it would make the checks compare markup. A <sub> (translatable text inside a code) goes
# with its code. Wrapping elements (XLIFF g, pc, mrk; TMX hi) keep their text.
CODE_ELEMENTS = frozenset({"x", "bx", "ex", "ph", "bpt", "ept", "it", "ut", "sc", "ec", "sm", "em", "sub"})
# What a translation must keep of those: every code and every wrapping code (XLIFF g, pc), each
# matched to the source's by the attribute that pairs them across languages (XLIFF id, or startRef
# for an XLIFF 2 <ec>; TMX x), else by its native code ("<b>"). Annotations (mrk, sm, em, TMX hi)
# mark up the text for translators; a translation may well drop them.
WRAPPING_CODES = frozenset({"g", "pc"})
ANNOTATIONS = frozenset({"mrk", "sm", "em", "hi", "sub"})
CODE_KEYS = ("id", "startRef", "x")

_MARKUP = re.compile(
    r"""(?P<skip> <!--.*?-->
              | <!\[CDATA\[.*?\]\]>
              | <\?.*?\?>
              | <!DOCTYPE(?:[^\[>]|\[.*?\])*> )
      | (?P<close> </[^>]*> )
      | (?P<open> <[^\s/>!?][^\s/>]*(?:[^>"'/]|"[^"]*"|'[^']*'|/(?!>))*(?P<empty>/?)> )""",
    re.S | re.X,
)


@dataclass
class XmlFile:
    path: str
    root: object  # lxml.etree._Element
    _index: LineIndex
    _raw: str
    _spans: Optional[Dict[object, Tuple[int, int]]]  # element -> (content start, end); None if unknown

    def text_of(self, element) -> Tuple[str, int, int]:
        """The human text of a segment element (inline codes dropped, ends stripped) and the line
        and column where its first character is in the file."""
        pieces: List[Tuple[str, Optional[int]]] = []
        self._collect(element, pieces)
        text = "".join(p for p, _ in pieces)
        line, column = element.sourceline or 1, 1
        for piece, offset in pieces:
            if piece.strip():
                if offset is not None:
                    while offset < len(self._raw) and self._raw[offset].isspace():
                        offset += 1
                    line, column = self._index.locate(offset)
                break
        return text.strip(), line, column

    def codes_of(self, element) -> Tuple[str, ...]:
        """The inline codes of a segment element, in file order, each as a label that is equal for
        a code of the source and its counterpart in the translation: `<x id="2"/>`, `<g id="1">`,
        `<ph>%s</ph>` (a code with no pairing attribute, by its native code)."""
        labels: List[str] = []
        for child in element:
            if not isinstance(child.tag, str):
                continue
            name = local_name(child)
            if name in CODE_ELEMENTS and name not in ANNOTATIONS:
                labels.append(_code_label(child, name))
            else:
                if name in WRAPPING_CODES:
                    labels.append(_code_label(child, name))
                labels.extend(self.codes_of(child))
        return tuple(labels)

    def _collect(self, element, pieces: List[Tuple[str, Optional[int]]]) -> None:
        if element.text:
            pieces.append((element.text, self._start(element)))
        for child in element:
            if isinstance(child.tag, str):  # comments, processing instructions and entities have no text
                name = local_name(child)
                if name == "cp":  # XLIFF 2: a character XML cannot hold, given as a code point
                    pieces.append((_code_point(child.get("hex", "")), self._start(child)))
                elif name not in CODE_ELEMENTS:
                    self._collect(child, pieces)
            if child.tail:
                pieces.append((child.tail, self._end(child) if isinstance(child.tag, str) else None))

    def content_start(self, element) -> Tuple[int, int]:
        """Line and column just after the `>` of the element's start tag. Should the scan of the
        tags have failed, lxml's line (where the start tag ends) and the first `>` on it: right
        unless another tag ends on that line before this one does."""
        start = self._start(element)
        if start is not None:
            return self._index.locate(start)
        line = element.sourceline or 1
        lines = physical_lines(self._raw)
        end = lines[line - 1].find(">") if line <= len(lines) else -1
        return line, end + 2 if end >= 0 else 1

    def _start(self, element) -> Optional[int]:
        return self._spans[element][0] if self._spans and element in self._spans else None

    def _end(self, element) -> Optional[int]:
        return self._spans[element][1] if self._spans and element in self._spans else None


def _code_label(element, name: str) -> str:
    """A code by its pairing attribute, `<x id="2"/>` (`<g id="1">` for a wrapping code, whose
    content is text), or, with none, by the whole element: `<bpt>&lt;b&gt;</bpt>`."""
    for key in CODE_KEYS:
        value = element.get(key)
        if value is not None:
            return f'<{name} {key}="{escape(value)}"{"" if name in WRAPPING_CODES else "/"}>'
    native = " ".join("".join(element.itertext()).split())
    return f"<{name}>{escape(native[:40])}</{name}>" if native else f"<{name}/>"


def local_name(element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def children(element, name: str) -> list:
    """Direct child elements with this local name, in any namespace (or none)."""
    return [child for child in element if local_name(child) == name]


def first_child(element, name: str):
    """The first direct child element with this local name, or None."""
    found = children(element, name)
    return found[0] if found else None


def parse_xml(path: str, encoding: Optional[str] = None) -> XmlFile:
    """Parse without resolving entities, loading a DTD or touching the network (an input file may
    come from anyone). Anything that is not well-formed XML is an InputError of one line."""
    from lxml import etree

    data = read_bytes(path)
    if encoding is not None:
        # The user's encoding overrides the declared one. Python decodes (libxml2 knows fewer codec
        # names, e.g. not "latin-1"); lxml then reads UTF-8, whatever the declaration says.
        data = decode_text(data, path, encoding).encode("utf-8")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             encoding="utf-8" if encoding is not None else None)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise InputError(syntax_message(path, err, encoding)) from None
    if root is None:
        raise InputError(f"{path}: holds no XML element; give a TMX or XLIFF file")
    declared = "utf-8" if encoding is not None else (root.getroottree().docinfo.encoding or "utf-8")
    codec = "utf-8-sig" if declared.lower().replace("_", "-") in ("utf-8", "utf8") else declared
    try:
        raw = data.decode(codec, errors="replace")
    except LookupError:
        raw = data.decode("utf-8", errors="replace")
    return XmlFile(path, root, LineIndex(raw), raw, element_spans(root, raw))


def parse_xml_text(path: str, text: str, kind: str, example: str, root_name: str) -> XmlFile:
    """An already decoded XML file (a resource file, read by aligner.read like any text file),
    parsed as parse_xml parses, whose root element must be `root_name`; `kind` ("a .NET resource
    file") and `example` (a file to give instead) word the refusals."""
    from lxml import etree

    # lxml refuses a str that declares an encoding: it reads the text as UTF-8 bytes instead.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             encoding="utf-8")
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as err:
        raise InputError(syntax_message(path, err, "utf-8", kind)) from None
    if local_name(root) != root_name:
        raise InputError(f"{path}: not {kind} (root <{local_name(root)}>); give {example}, whose root is "
                         f"<{root_name}>")
    return XmlFile(path, root, LineIndex(text), text, element_spans(root, text))


def syntax_message(path: str, err, encoding: Optional[str], expected: str = "a TMX or XLIFF file") -> str:
    """lxml's syntax error as one line naming the file, the line and the fix; `expected` is what
    to give instead of a file that is not XML at all."""
    message = (err.msg or str(err)).splitlines()[0].strip().rstrip(" !")
    line = getattr(err, "lineno", None)
    at = f" line {line}" if line else ""
    if "not proper UTF-8" in message or "encoding" in message.lower():
        how = "check the --encoding" if encoding else (
            "convert it to UTF-8, declare its encoding (<?xml version=\"1.0\" encoding=\"...\"?>) "
            "or pass --encoding")
        return f"{path}{at}: cannot be decoded ({message}); {how}"
    if "Document is empty" in message or "Start tag expected" in message:
        return f"{path}: is not XML ({message}); give {expected}"
    return f"{path}{at}: not well-formed XML ({message}); fix the markup"


def element_spans(root, raw: str) -> Optional[Dict[object, Tuple[int, int]]]:
    """Each element's offsets in the raw text: just after its start tag and just after its end tag,
    from one scan of the tags (lxml gives lines only). None when the scan and lxml count the
    elements differently: a construct the scan does not know."""
    from lxml import etree

    spans: List[List[int]] = []
    open_tags: List[int] = []
    for match in _MARKUP.finditer(raw):
        kind = match.lastgroup
        if kind == "open":
            end = match.end()
            spans.append([end, end])
            if not match.group("empty"):
                open_tags.append(len(spans) - 1)
        elif kind == "close" and open_tags:
            spans[open_tags.pop()][1] = match.end()
    elements = list(root.iter(etree.Element))
    if len(elements) != len(spans):  # a construct the scan does not know: lines only, from lxml
        return None
    return {element: (start, end) for element, (start, end) in zip(elements, spans)}


def _code_point(hex_value: str) -> str:
    try:
        return chr(int(hex_value, 16))
    except (ValueError, OverflowError):
        return ""
