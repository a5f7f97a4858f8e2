"""i18n JSON resource files (i18next, vue-i18n, ngx-translate, Flutter ARB, Chrome messages.json):
one object whose string values, however deeply nested, are the strings to translate.

- A nested string's key is its path joined with dots ("app.errors.network"); an array's items
  are numbered ("steps[0]").
- Numbers, booleans and null are not text and are left out.
- Keys that start with "@" are metadata (ARB's "@title": {"description": …}, "@@locale"), not text.
- An object with a string "message" is one string, as in Chrome's messages.json
  ({"message": "…", "description": "…"}): the description is a note to the translator.

Where each string starts in the file is found by inputs.json_positions, so a line and column point
at the character after the opening quote.
"""

from __future__ import annotations

from typing import Iterator, List, Tuple

from aligner.errors import InputError
from aligner.inputs.json_positions import JsonNode, parse_json
from aligner.inputs.keyed import KeyedString
from aligner.inputs.positions import LineIndex


def parse_resource_json(path: str, text: str) -> List[KeyedString]:
    root = parse_json(path, text)
    if not isinstance(root.value, dict):
        raise InputError(f"{path}: is JSON but not an object of strings; give an i18n file such as "
                         '{"app": {"title": "…"}}, or pass --input-format text to check it as text')
    lines = LineIndex(text)
    return [KeyedString(key, string.value, *lines.locate(string.offset)) for key, string in _strings(root, "")]


def _strings(node: JsonNode, key: str) -> Iterator[Tuple[str, JsonNode]]:
    """(dotted key, string node) of every string to translate, in file order."""
    if isinstance(node.value, str):
        yield key, node
    elif isinstance(node.value, dict):
        message = node.get("message")
        if message is not None and isinstance(message.value, str):
            yield key, message
            return
        for name, child in node.value.items():
            if not name.startswith("@"):
                yield from _strings(child, f"{key}.{name}" if key else name)
    elif isinstance(node.value, list):
        for number, child in enumerate(node.value):
            yield from _strings(child, f"{key}[{number}]")
