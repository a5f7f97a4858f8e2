"""What every check reads: both documents, their sentence vectors and the alignment."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, List, Optional, Sequence, Tuple

import numpy as np

from aligner.align import Bead
from aligner.document import Document
from aligner.findings import Span

if TYPE_CHECKING:
    from aligner.embed.word_states import WordEvidence

EmbedFn = Callable[[List[str]], np.ndarray]
"""Texts in, unit-length float32 rows out (the encoder's one call)."""


def prefetched(embed: EmbedFn, texts: Sequence[str]) -> EmbedFn:
    """`embed`, with `texts` embedded ahead in one call and kept for this check's run. A check
    that asks for texts pair by pair gets the ones it knows in advance this way: the encoder
    takes one large call faster than many small ones (about 15 % for single texts)."""
    known = {}

    def remember(batch: Sequence[str]) -> None:
        missing = list(dict.fromkeys(text for text in batch if text not in known))
        if missing:
            known.update(zip(missing, embed(missing)))

    def embed_known_first(batch: List[str]) -> np.ndarray:
        remember(batch)
        return np.stack([known[text] for text in batch]) if batch else embed([])

    remember(texts)
    return embed_known_first


@dataclass(frozen=True)
class CheckContext:
    source: Document
    target: Document
    source_vectors: np.ndarray  # (len(source), dim) unit rows, one per sentence
    target_vectors: np.ndarray  # (len(target), dim) unit rows, one per sentence
    beads: Sequence[Bead]  # in document order, covering every sentence of both sides once
    embed: Optional[EmbedFn] = None  # for checks that embed clauses or merges; may be None in tests
    allow_terms: Tuple[str, ...] = ()  # terms that legitimately stay as they are (product names, ...)
    # The encoder's typical similarity of a translation pair and its spread (models/presets.toml),
    # or None when the model does not record them: checks then judge pairs by the document alone.
    similarity_prior: Optional[Tuple[float, float]] = None
    # The inline codes (tags) of the source and the translation when they come from one segment of
    # a bilingual file (XLIFF, TMX): labels that are equal for a code and its counterpart. None
    # for inputs without such codes; the documents' text never holds them.
    inline_codes: Optional[Tuple[Tuple[str, ...], Tuple[str, ...]]] = None
    # Word-level evidence from the same encoder, for checks that compare words (None: it has none):
    # aligner.embed.word_states.WordEvidence, or a stand-in with its two calls (matches, rows).
    words: Optional["WordEvidence"] = None

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

    def expected_length_ratio(self) -> float:
        """The target/source length ratio a pair of this document should have: the document's own
        median, pulled toward the language pair's typical ratio in proportion to how few pairs
        the document has. A one-sentence document's own median is its only pair's ratio, against
        which that pair can never look short; with many pairs the document's own ratio wins."""
        typical = TYPICAL_LENGTH_RATIO.get((self.source.lang, self.target.lang), 1.0)
        pairs = len(self.linked_beads())
        if not pairs:
            return typical
        weight = pairs / (pairs + PRIOR_PAIRS)
        return float(np.exp(weight * np.log(self.median_length_ratio()) + (1 - weight) * np.log(typical)))


# Characters of translation per character of source in professional translations: English to
# German, the median pair of newstest2021's three references is 1.17-1.19 and of WMT24's two 1.17
# (BENCHMARKS.md, "a length prior for short documents"). Unknown language pairs get 1.0 and lean on
# the document.
TYPICAL_LENGTH_RATIO = {("en", "de"): 1.18, ("de", "en"): 1 / 1.18}
# How many pairs of the document's own evidence weigh as much as the typical ratio (chosen on the
# dev sets among 1, 3 and 6, BENCHMARKS.md).
PRIOR_PAIRS = 3
