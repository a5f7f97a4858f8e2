"""A JSON file read with where each value is: the JSON readers (i18n JSON resource files, Xcode
string catalogs) report a finding at the line and column of its string in the file.

The file is first read by the json module, whose error is the one-line refusal of a file that is
not JSON; then the text, now known to be valid, is walked with the json module's own string
scanner, so that a string's offset is that of the character after its opening quote.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from json.decoder import scanstring
from typing import Optional, Tuple

from aligner.errors import InputError

_WHITESPACE = " \t\n\r"
_DECODER = json.JSONDecoder()


@dataclass
class JsonNode:
    """A JSON value and where it is: a string's offset is just after its opening quote; an object
    member's key_offset just after its key's (-1 for the root and array items)."""

    value: object  # str, number, bool or None; Dict[str, JsonNode]; List[JsonNode]
    offset: int
    key_offset: int = -1

    def get(self, name: str) -> Optional["JsonNode"]:
        return self.value.get(name) if isinstance(self.value, dict) else None

    def text(self, name: str) -> Optional[str]:
        """The member `name` if it is a string, else None."""
        found = self.get(name)
        return found.value if found is not None and isinstance(found.value, str) else None


def parse_json(path: str, text: str) -> JsonNode:
    """The document's root value; a file that is not JSON is an InputError of one line."""
    try:
        json.loads(text)  # the json module's own error message, if the file is not JSON
    except json.JSONDecodeError as err:
        raise InputError(f"{path} line {err.lineno}: not valid JSON ({err.msg} at column {err.colno}); "
                         "fix the file") from None
    return _node(text, _skip_space(text, 0))[0]


def _node(text: str, index: int, key_offset: int = -1) -> Tuple[JsonNode, int]:
    """The value starting at `index` (no whitespace before it) and the offset just after it. The
    text is known to be valid JSON, so the walk only has to follow it."""
    char = text[index]
    if char == '"':
        value, end = scanstring(text, index + 1)
        return JsonNode(value, index + 1, key_offset), end
    if char in "{[":
        start, members, items = index, {}, []
        index = _skip_space(text, index + 1)
        while text[index] not in "}]":
            if char == "{":
                key_at = index + 1
                key, index = scanstring(text, key_at)
                index = _skip_space(text, _skip_space(text, index) + 1)  # past the colon
                members[key], index = _node(text, index, key_at)  # a repeated key: the last wins, as in json.loads
            else:
                item, index = _node(text, index)
                items.append(item)
            index = _skip_space(text, index)
            index = _skip_space(text, index + 1) if text[index] == "," else index
        return JsonNode(members if char == "{" else items, start, key_offset), index + 1
    value, end = _DECODER.raw_decode(text, index)
    return JsonNode(value, index, key_offset), end


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in _WHITESPACE:
        index += 1
    return index
