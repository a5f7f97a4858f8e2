"""Java .properties: `key=value` a line, read as java.util.Properties.load reads it.

- Lines starting with `#` or `!` (after leading whitespace) are comments; blank lines are skipped.
- The key ends at its first unescaped `=`, `:` or whitespace; whitespace around that separator is
  dropped, and one `=` or `:` after whitespace is part of the separator (`key = value`, `key value`).
  The value keeps its trailing whitespace. A key with no value is a string of its own, text "".
- A line ending in an odd number of backslashes continues on the next line, whose leading
  whitespace is dropped (a `#` there is text, not a comment). A comment line never continues.
- Escapes, in keys and values: \\t \\n \\r \\f, \\uXXXX (exactly 4 hex digits; a surrogate pair
  makes one character), and a backslash before any other character is that character
  (\\= \\: \\  \\\\ \\#).
- Lines end at "\\n" or "\\r\\n" (a lone "\\r", which Java also takes as a line end, is text here).
- Whitespace is space, tab and form feed, as for Java.

A string's line and column are where its value starts: its first character after the separator,
or, for an empty value, just after the `=` or `:` (just after the key when there is neither).
"""

from __future__ import annotations

import re
from typing import Iterator, List, Optional, Tuple

from aligner.errors import InputError
from aligner.inputs.keyed import KeyedString
from aligner.inputs.positions import LineIndex

_SPACE = " \t\f"
_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "f": "\f"}
_HEX = set("0123456789abcdefABCDEF")


def parse_properties(path: str, text: str) -> List[KeyedString]:
    index = LineIndex(text)
    strings = []
    for line, offsets in _logical_lines(text):
        key_end = _key_end(line)
        value_start, separator = _value_start(line, key_end)
        if value_start < len(line):
            where = offsets[value_start]
        else:  # empty value: just after the separator, or after the key when there is none
            where = offsets[separator if separator is not None else key_end - 1] + 1
        key_line = index.locate(offsets[0])[0]
        value_line, column = index.locate(where)
        strings.append(KeyedString(_unescape(path, index, line, offsets, 0, key_end, key_line),
                                   _unescape(path, index, line, offsets, value_start, len(line), value_line),
                                   value_line, column))
    return strings


def _logical_lines(text: str) -> Iterator[Tuple[str, List[int]]]:
    """Each entry's logical line (continuations joined, their backslash and indentation dropped)
    and, for each of its characters, the offset in `text` it came from."""
    chars: List[str] = []
    offsets: List[int] = []
    continuing = False
    start = 0
    for raw in text.split("\n"):
        line_start, start = start, start + len(raw) + 1
        line = raw.removesuffix("\r")
        indent = len(line) - len(line.lstrip(_SPACE))
        if not continuing and (indent == len(line) or line[indent] in "#!"):
            continue  # blank or comment
        body = line[indent:]
        continuing = (len(body) - len(body.rstrip("\\"))) % 2 == 1
        if continuing:
            body = body[:-1]
        chars.append(body)
        offsets.extend(range(line_start + indent, line_start + indent + len(body)))
        if not continuing:
            if offsets:  # empty when a continued line runs into a blank one: nothing to read
                yield "".join(chars), offsets
            chars, offsets = [], []
    if offsets:  # the file ends in a continued line: Java drops the backslash
        yield "".join(chars), offsets


def _key_end(line: str) -> int:
    """Index of the key's first unescaped `=`, `:` or whitespace (or the line's end)."""
    position = 0
    while position < len(line) and line[position] not in "=:" + _SPACE:
        position += 2 if line[position] == "\\" else 1
    return min(position, len(line))


def _value_start(line: str, key_end: int) -> Tuple[int, Optional[int]]:
    """Where the value starts, and the index of the `=` or `:` separating it from the key (None
    when only whitespace does)."""
    position = _skip_space(line, key_end)
    separator = None
    if position < len(line) and line[position] in "=:":
        separator = position
        position = _skip_space(line, position + 1)
    return position, separator


def _skip_space(line: str, position: int) -> int:
    while position < len(line) and line[position] in _SPACE:
        position += 1
    return position


def _unescape(path: str, index: LineIndex, line: str, offsets: List[int], start: int, end: int,
              text_line: int) -> str:
    decoded = []
    position = start
    while position < end:
        char = line[position]
        if char != "\\" or position + 1 >= end:
            decoded.append(char)
            position += 1
            continue
        escaped = line[position + 1]
        if escaped != "u":
            decoded.append(_ESCAPES.get(escaped, escaped))
            position += 2
            continue
        digits = line[position + 2:min(position + 6, end)]
        if len(digits) < 4 or not set(digits) <= _HEX:
            shown = re.match(r"\w{0,4}", digits).group()
            raise InputError(f"{path} line {index.locate(offsets[position])[0]}: invalid escape \\u{shown} "
                             "(\\u takes 4 hex digits); write \\u00e9 for é, or \\\\u for a backslash and u")
        decoded.append(chr(int(digits, 16)))
        position += 6
    try:  # "\ud83d\ude00", Java's UTF-16 for one emoji, becomes one character
        return "".join(decoded).encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    except UnicodeDecodeError:
        raise InputError(f"{path} line {text_line}: a \\u escape is half of a surrogate pair; write both "
                         "halves (\\ud83d\\ude00) or the character itself") from None
