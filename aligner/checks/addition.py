"""sentence-addition: a target sentence the aligner could pair with nothing in the source."""

from __future__ import annotations

import re
from typing import Iterator

from aligner.checks.base import Check, RuleDoc
from aligner.checks.context import CheckContext
from aligner.checks.null_beads import (
    neighbour_similarity,
    neighbouring_sentences,
    null_sentence_confidence,
    typical_pair_similarity,
)
from aligner.checks.severity import severity_for
from aligner.checks.text import quote
from aligner.findings import Finding, Kind

SENTENCE_ADDITION = RuleDoc(
    id="sentence-addition",
    kind=Kind.ADDITION,
    title="A target sentence has no counterpart in the source",
    checks="Fires for every target sentence the alignment leaves unpaired (a 0-1 bead) that "
    "contains a word. Confidence is lower for short fragments and when a neighbouring source "
    "sentence is similar to it.",
    why="The translation says something the author did not: an invented lede, a translator's "
    "comment, or text pasted from another document.",
    example_source="The museum reopens on Monday.",
    example_target="Gute Nachrichten für Kunstfreunde. Das Museum öffnet am Montag wieder.",
    fix="Delete the sentence, or add it to the source if it belongs there.",
)


def find_sentence_additions(ctx: CheckContext) -> Iterator[Finding]:
    typical = typical_pair_similarity(ctx)
    for k, bead in enumerate(ctx.beads):
        if bead.source:
            continue
        neighbours = neighbouring_sentences(ctx, k, "source")
        for j in bead.target:
            text = ctx.target.sentence(j)
            if not re.search(r"[^\W\d_]", text):  # stray punctuation or a bare number: nothing to translate
                continue
            covered = neighbour_similarity(ctx.target_vectors[j], ctx.source_vectors, neighbours)
            confidence = null_sentence_confidence(len(text.split()), covered, typical)
            yield Finding(
                rule=SENTENCE_ADDITION.id,
                kind=Kind.ADDITION,
                severity=severity_for(confidence),
                confidence=confidence,
                source_span=None,
                target_span=ctx.target.sentences[j],
                message=f"Target sentence {quote(text)} has no counterpart in the source.",
            )


CHECK = Check(name="addition", rules=(SENTENCE_ADDITION,), run=find_sentence_additions)
