"""A text and its sentences, kept as offsets into the original string."""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Sequence

from aligner.findings import Span


@dataclass(frozen=True)
class Document:
    text: str  # exactly as given: offsets everywhere count code points into this string
    lang: str  # "en", "de", ...
    sentences: Sequence[Span]  # in order, non-overlapping, stripped of surrounding white space

    def sentence(self, i: int) -> str:
        start, end = self.sentences[i]
        return self.text[start:end]

    def sentence_texts(self) -> List[str]:
        return [self.text[a:b] for a, b in self.sentences]

    def joined(self, indices: Sequence[int]) -> str:
        """These sentences as one text, as the aligner embeds a merged side and the checks quote it
        (one definition, so both ask the embedding cache for the same string)."""
        return " ".join(self.sentence(i) for i in indices)

    def offset_of(self, indices: Sequence[int], offset: int) -> int:
        """The document offset of `offset` in `joined(indices)` (an offset at a joining space maps
        to the end of the sentence before it)."""
        for i in indices:
            start, end = self.sentences[i]
            if offset <= end - start:
                return start + offset
            offset -= end - start + 1
        return self.sentences[indices[-1]][1]

    def span_of(self, indices: Sequence[int]) -> Span:
        """The span from the first to the last of these sentences (indices in order)."""
        return (self.sentences[indices[0]][0], self.sentences[indices[-1]][1])

    def __len__(self) -> int:
        return len(self.sentences)
