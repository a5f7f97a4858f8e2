"""Character offsets in a file's text turned into the 1-based line and column an editor shows."""

from __future__ import annotations

import bisect
import re
from typing import List, Tuple


class LineIndex:
    """Lines end at "\\n" (a "\\r" before it stays at the end of its line, so columns are unaffected)."""

    def __init__(self, text: str) -> None:
        self._starts: List[int] = [0] + [m.end() for m in re.finditer("\n", text)]

    def locate(self, offset: int) -> Tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def physical_lines(text: str) -> List[str]:
    """The lines an editor numbers: split at "\\n" only (str.splitlines also splits at U+2028, form
    feeds and others, which JSON strings and TSV cells may hold), without a trailing "\\r"."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]
