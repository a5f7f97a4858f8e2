"""What the input-format tests share: reading inputs, sorting what comes back, and where a text
starts in its file."""

from __future__ import annotations

from pathlib import Path
from typing import List, Tuple, Union

import pytest

from aligner.errors import InputError
from aligner.inputs import InputNote, InputProblem, TextPair, iter_inputs


def read(*paths: Union[str, Path], **options) -> list:
    return list(iter_inputs([str(path) for path in paths], **options))


def pairs(items: list) -> List[TextPair]:
    return [item for item in items if isinstance(item, TextPair)]


def problems(items: list) -> List[InputProblem]:
    return [item for item in items if isinstance(item, InputProblem) and not isinstance(item, InputNote)]


def notes(items: list) -> List[InputNote]:
    return [item for item in items if isinstance(item, InputNote)]


def position(path: Union[str, Path], needle: str, occurrence: int = 0) -> Tuple[int, int]:
    """1-based line and column of the n-th occurrence of needle in the (UTF-8) file."""
    text = Path(path).read_text(encoding="utf-8")
    offset = -1
    for _ in range(occurrence + 1):
        offset = text.index(needle, offset + 1)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def starts(pair: TextPair) -> Tuple[Tuple[int, int], Tuple[int, int]]:
    o = pair.origin
    return (o.source_line, o.source_column), (o.target_line, o.target_column)


def input_error(*paths: Union[str, Path], **options) -> str:
    """The InputError reading these paths raises: one line, no surrounding space."""
    with pytest.raises(InputError) as caught:
        read(*paths, **options)
    message = str(caught.value)
    assert "\n" not in message and message.strip() == message
    return message
