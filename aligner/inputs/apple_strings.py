"""Apple .strings (Localizable.strings): `"key" = "value";` entries, as Xcode and genstrings write them.

- Whitespace (line breaks included) may stand anywhere between the tokens; `/* ... */` comments
  (across lines) and `// ...` comments (to the line's end) may stand between them too.
- Keys and values are double-quoted strings, which may span lines. Escapes: \\" \\\\ \\n \\t \\r,
  \\0 (the NUL character), \\U or \\u and 4 hex digits (a surrogate pair makes one character); a
  backslash before any other character is that character.
- A key may also be unquoted (old-style plist): letters, digits, `_`, `.` and `-`. A value may not.
- Every entry ends with `;`, the last one too. Anything else is a syntax error naming the line.

A string's line and column are where its value's text starts, just after the opening quote.
"""

from __future__ import annotations

import re
from typing import List, Tuple

from aligner.errors import InputError
from aligner.inputs.keyed import KeyedString
from aligner.inputs.positions import LineIndex

ENTRY_SHAPE = 'write each entry as "key" = "value";'
_UNQUOTED_KEY = re.compile(r"[A-Za-z0-9_.-]+")
_SPACE_OR_COMMENT = re.compile(r"(?:\s+|//[^\n]*|/\*.*?\*/)*", re.S)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0"}
_HEX = re.compile(r"[0-9A-Fa-f]{4}")
_SHOWN = re.compile(r"\w{0,4}")  # what a bad \U escape's message quotes


def parse_apple_strings(path: str, text: str) -> List[KeyedString]:
    reader = _Reader(path, text)
    strings = []
    while reader.skip() < len(text):
        key_found = _UNQUOTED_KEY.match(text, reader.position) if text[reader.position] != '"' else None
        if key_found:
            key = key_found.group()
            reader.position = key_found.end()
        else:
            key, _ = reader.quoted("a key", "at the start of an entry")
        reader.expect("=", "after the key", ENTRY_SHAPE)
        value, start = reader.quoted("the value", "after '='")
        reader.expect(";", "after the value", 'end each entry with "key" = "value";')
        line, column = reader.index.locate(start)
        strings.append(KeyedString(key, value, line, column))
    return strings


class _Reader:
    """The file's text and the position reached in it."""

    def __init__(self, path: str, text: str) -> None:
        self.path, self.text, self.index = path, text, LineIndex(text)
        self.position = 0

    def skip(self) -> int:
        """Past whitespace and comments; an unterminated /* comment is an error."""
        self.position = _SPACE_OR_COMMENT.match(self.text, self.position).end()
        if self.text.startswith("/*", self.position):
            raise self.error(self.position, "unterminated /* comment; close it with */")
        return self.position

    def expect(self, token: str, where: str, fix: str) -> None:
        after = self.position  # the line the token belongs on is the one the previous token ends on
        if self.skip() >= len(self.text) or self.text[self.position] != token:
            raise self.error(after, f"expected '{token}' {where}, found {self.found()}; {fix}")
        self.position += 1

    def quoted(self, what: str, where: str) -> Tuple[str, int]:
        """The string at the position (after whitespace and comments), decoded, and the offset
        where its text starts."""
        if self.skip() >= len(self.text) or self.text[self.position] != '"':
            raise self.error(self.position, f"expected {what} in double quotes {where}, found {self.found()}; "
                                            f"{ENTRY_SHAPE}")
        opening = self.position
        decoded = []
        position = start = opening + 1
        while position < len(self.text) and self.text[position] != '"':
            char = self.text[position]
            if char != "\\":
                decoded.append(char)
                position += 1
                continue
            escaped = self.text[position + 1:position + 2]
            if escaped in ("U", "u"):
                if not _HEX.match(self.text, position + 2):
                    shown = _SHOWN.match(self.text, position + 2).group()
                    raise self.error(position, f"invalid escape \\{escaped}{shown} (\\{escaped} takes 4 hex digits); "
                                               "write \\U00E9 for é")
                decoded.append(chr(int(self.text[position + 2:position + 6], 16)))
                position += 6
            else:
                decoded.append(_ESCAPES.get(escaped, escaped))
                position += 2
        if position >= len(self.text):
            raise self.error(opening, 'unterminated string; close it with "')
        self.position = position + 1
        try:  # "\UD83D\UDE00", UTF-16 for one emoji, becomes one character
            return "".join(decoded).encode("utf-16-le", "surrogatepass").decode("utf-16-le"), start
        except UnicodeDecodeError:
            raise self.error(opening, "a \\U escape is half of a surrogate pair; write both halves "
                                      "(\\UD83D\\UDE00) or the character itself") from None

    def found(self) -> str:
        if self.position >= len(self.text):
            return "the end of the file"
        return repr(self.text[self.position])

    def error(self, offset: int, message: str) -> InputError:
        return InputError(f"{self.path} line {self.index.locate(offset)[0]}: {message}")
