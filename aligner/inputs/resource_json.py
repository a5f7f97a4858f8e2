"""i18n JSON resource files (i18next, vue-i18n, ngx-translate, Flutter ARB, Chrome messages.json):
one object whose string values, however deeply nested, are the strings to translate.

- A nested string's key is its path joined with dots ("app.errors.network"); an array's items
  are numbered ("steps[0]").
- Numbers, booleans and null are not text and are left out.
- Keys that start with "@" are metadata (ARB's "@title": {"description": …}, "@@locale"), not text.
- An object with a string "message" is one string, as in Chrome's messages.json
  ({"message": "…", "description": "…"}): the description is a note to the translator.

Where each string starts in the file is found by walking the JSON text with the json module's own
string scanner, so a line and column point at the character after the opening quote.
"""

from __future__ import annotations

import json
from json.decoder import scanstring
from typing import Dict, Iterator, List, Tuple, Union

from aligner.errors import InputError
from aligner.inputs.keyed import KeyedString
from aligner.inputs.positions import LineIndex

_WHITESPACE = " \t\n\r"


class _String:
    """A string value of the document and the offset just after its opening quote."""

    def __init__(self, text: str, offset: int) -> None:
        self.text, self.offset = text, offset


Node = Union[_String, Dict[str, "Node"], List["Node"], None]  # None: a number, boolean or null


def parse_resource_json(path: str, text: str) -> List[KeyedString]:
    try:
        json.loads(text)  # the json module's own error message, if the file is not JSON
    except json.JSONDecodeError as err:
        raise InputError(f"{path} line {err.lineno}: not valid JSON ({err.msg} at column {err.colno}); "
                         "fix the file") from None
    start = _skip_space(text, 0)
    if not text.startswith("{", start):
        raise InputError(f"{path}: is JSON but not an object of strings; give an i18n file such as "
                         '{"app": {"title": "…"}}, or pass --input-format text to check it as text')
    root, _ = _node(text, start)
    lines = LineIndex(text)
    return [KeyedString(key, string.text, *lines.locate(string.offset)) for key, string in _strings(root, "")]


def _node(text: str, index: int) -> Tuple[Node, int]:
    """The value starting at `index` (no whitespace before it) and the offset just after it. The
    text is known to be valid JSON, so the walk only has to follow it."""
    char = text[index]
    if char == '"':
        value, end = scanstring(text, index + 1)
        return _String(value, index + 1), end
    if char == "{":
        members: Dict[str, Node] = {}
        index = _skip_space(text, index + 1)
        while text[index] != "}":
            key, index = scanstring(text, index + 1)
            index = _skip_space(text, _skip_space(text, index) + 1)  # past the colon
            members[key], index = _node(text, index)  # a repeated key: the last wins, as in json.loads
            index = _after_item(text, index)
        return members, index + 1
    if char == "[":
        items: List[Node] = []
        index = _skip_space(text, index + 1)
        while text[index] != "]":
            item, index = _node(text, index)
            items.append(item)
            index = _after_item(text, index)
        return items, index + 1
    _, end = json.JSONDecoder().raw_decode(text, index)
    return None, end


def _after_item(text: str, index: int) -> int:
    """Past the whitespace and the comma after an object member or array item."""
    index = _skip_space(text, index)
    return _skip_space(text, index + 1) if text[index] == "," else index


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in _WHITESPACE:
        index += 1
    return index


def _strings(node: Node, key: str) -> Iterator[Tuple[str, _String]]:
    if isinstance(node, _String):
        yield key, node
    elif isinstance(node, dict):
        if isinstance(node.get("message"), _String):
            yield key, node["message"]
            return
        for name, child in node.items():
            if not name.startswith("@"):
                yield from _strings(child, f"{key}.{name}" if key else name)
    elif isinstance(node, list):
        for number, child in enumerate(node):
            yield from _strings(child, f"{key}[{number}]")
