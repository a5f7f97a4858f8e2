"""sentence-omission: a source sentence the aligner could pair with nothing in the translation."""

from __future__ import annotations

from typing import Iterator

from aligner.checks.base import Check, RuleDoc
from aligner.checks.context import CheckContext
from aligner.checks.null_beads import find_unaligned
from aligner.findings import Finding, Kind

SENTENCE_OMISSION = RuleDoc(
    id="sentence-omission",
    kind=Kind.OMISSION,
    title="A source sentence has no counterpart in the translation",
    checks="Fires for every source sentence the alignment leaves unpaired (a 1-0 bead). Confidence "
    "is lower for short fragments and when a neighbouring target sentence is similar to it. A short "
    "line whose options, paths, identifiers and placeholders all stand in a neighbouring target "
    "sentence is one the alignment failed to merge, and is left out.",
    why="A reader of the translation never learns what the sentence says; whole sentences are "
    "dropped when a translator skips a line or a tool loses a segment.",
    example_source="The vote was postponed. Officials gave no reason. A new date was not set.",
    example_target="Die Abstimmung wurde verschoben. Ein neuer Termin wurde nicht festgelegt.",
    fix="Translate the sentence, or confirm that leaving it out was intended.",
)


def find_sentence_omissions(ctx: CheckContext) -> Iterator[Finding]:
    return find_unaligned(ctx, "source", SENTENCE_OMISSION,
                          "Source sentence {quote} has no counterpart in the translation.")


CHECK = Check(name="omission", rules=(SENTENCE_OMISSION,), run=find_sentence_omissions)
