"""What every check reads: both documents, their sentence vectors and the alignment."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, List, Optional, Sequence, Tuple

import numpy as np

from aligner.align import Bead
from aligner.document import Document
from aligner.findings import Span

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
    allow_terms: Tuple[str, ...] = ()  # terms that legitimately stay as they are (product names, ...)

    def source_text(self, bead: Bead) -> str:
        return self.source.joined(bead.source)

    def target_text(self, bead: Bead) -> str:
        return self.target.joined(bead.target)

    def source_span(self, bead: Bead) -> Span:
        return self.source.span_of(bead.source)

    def target_span(self, bead: Bead) -> Span:
        return self.target.span_of(bead.target)

    def linked_beads(self) -> List[Bead]:
        """The beads with a sentence on both sides."""
        return [bead for bead in self.beads if bead.source and bead.target]

    def median_length_ratio(self) -> float:
        """The document's own target/source length ratio (characters), over its linked beads.

        German runs about 10-20% longer than English, but each translator and text type has its
        own ratio, so checks compare a bead against this rather than against a constant.
        """
        ratios = [len(self.target_text(b)) / max(1, len(self.source_text(b))) for b in self.linked_beads()]
        return float(np.median(ratios)) if ratios else 1.0
