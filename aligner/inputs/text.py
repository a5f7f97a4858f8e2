"""A plain-text pair: SOURCE and TARGET are whole documents, checked as one pair with no id."""

from __future__ import annotations

from typing import Iterator, Optional

from aligner.inputs.base import TextPair
from aligner.read import read_text
from aligner.result import Origin


def read_text_pair(source_path: str, target_path: str,
                   encoding: Optional[str] = None) -> Iterator[TextPair]:
    # Both files are read before anything is yielded: either is unusable → the whole input is.
    pair = TextPair(None, read_text(source_path, encoding), read_text(target_path, encoding),
                    Origin(source_path=source_path, target_path=target_path))
    return iter([pair])
