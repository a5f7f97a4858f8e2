"""What every check reads: both documents, their sentence vectors and the alignment."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, List, Optional, Sequence

import numpy as np

from aligner.align import Bead
from aligner.document import Document

EmbedFn = Callable[[List[str]], np.ndarray]
"""Texts in, unit-length float32 rows out (the encoder's one call)."""


@dataclass(frozen=True)
class CheckContext:
    source: Document
    target: Document
    source_vectors: np.ndarray  # (len(source), dim) unit rows, one per sentence
    target_vectors: np.ndarray  # (len(target), dim) unit rows, one per sentence
    beads: Sequence[Bead]  # in document order, covering every sentence of both sides once
    embed: Optional[EmbedFn] = None  # for checks that embed clauses or merges; may be None in tests
