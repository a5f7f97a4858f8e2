"""sentence-addition: a target sentence the aligner could pair with nothing in the source."""

from __future__ import annotations

from typing import Iterator

from aligner.checks.base import Check, RuleDoc
from aligner.checks.context import CheckContext
from aligner.checks.null_beads import find_unaligned
from aligner.findings import Finding, Kind

SENTENCE_ADDITION = RuleDoc(
    id="sentence-addition",
    kind=Kind.ADDITION,
    title="A target sentence has no counterpart in the source",
    checks="Fires for every target sentence the alignment leaves unpaired (a 0-1 bead) that "
    "contains a word. Confidence is lower for short fragments and when a neighbouring source "
    "sentence is similar to it. A short line whose options, paths, identifiers and placeholders all "
    "stand in a neighbouring source sentence is one the alignment failed to merge, and is left out.",
    why="The translation says something the author did not: an invented lede, a translator's "
    "comment, or text pasted from another document.",
    example_source="The museum reopens on Monday.",
    example_target="Gute Nachrichten für Kunstfreunde. Das Museum öffnet am Montag wieder.",
    fix="Delete the sentence, or add it to the source if it belongs there.",
)


def find_sentence_additions(ctx: CheckContext) -> Iterator[Finding]:
    return find_unaligned(ctx, "target", SENTENCE_ADDITION, "Target sentence {quote} has no counterpart in the source.")


CHECK = Check(name="addition", rules=(SENTENCE_ADDITION,), run=find_sentence_additions)
