"""sentence-omission: a source sentence the aligner could pair with nothing in the translation."""

from __future__ import annotations

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

SENTENCE_OMISSION = RuleDoc(
    id="sentence-omission",
    kind=Kind.OMISSION,
    title="A source sentence has no counterpart in the translation",
    checks="Fires for every source sentence the alignment leaves unpaired (a 1-0 bead). Confidence "
    "is lower for short fragments and when a neighbouring target sentence is similar to it.",
    why="A reader of the translation never learns what the sentence says; whole sentences are "
    "dropped when a translator skips a line or a tool loses a segment.",
    example_source="The vote was postponed. Officials gave no reason. A new date was not set.",
    example_target="Die Abstimmung wurde verschoben. Ein neuer Termin wurde nicht festgelegt.",
    fix="Translate the sentence, or confirm that leaving it out was intended.",
)


def find_sentence_omissions(ctx: CheckContext) -> Iterator[Finding]:
    typical = typical_pair_similarity(ctx)
    for k, bead in enumerate(ctx.beads):
        if bead.target:
            continue
        neighbours = neighbouring_sentences(ctx, k, "target")
        for i in bead.source:
            text = ctx.source.sentence(i)
            covered = neighbour_similarity(ctx.source_vectors[i], ctx.target_vectors, neighbours)
            confidence = null_sentence_confidence(len(text.split()), covered, typical)
            yield Finding(
                rule=SENTENCE_OMISSION.id,
                kind=Kind.OMISSION,
                severity=severity_for(confidence),
                confidence=confidence,
                source_span=ctx.source.sentences[i],
                target_span=None,
                message=f"Source sentence {quote(text)} has no counterpart in the translation.",
            )


CHECK = Check(name="omission", rules=(SENTENCE_OMISSION,), run=find_sentence_omissions)
