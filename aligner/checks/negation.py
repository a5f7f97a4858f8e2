"""negation-mismatch: a negation the translation adds, or one it loses.

Counting negation words alone is too weak: good translations move negation around ("persisted"
-> "gaben nicht auf", "unintentional" -> "nicht absichtlich"). So a pair whose counts differ is
put to a contrastive test: delete the surplus negation word and embed the sentence again. If the
rest matches the other side clearly better, the negation is what made the two disagree.
"""

from __future__ import annotations

import re
from typing import Iterator, List, Sequence

import numpy as np

from aligner.align import Bead
from aligner.checks.base import Check, RuleDoc
from aligner.checks.context import CheckContext
from aligner.checks.severity import logistic
from aligner.checks.text import quote
from aligner.findings import Finding, Kind

NEGATION_MISMATCH = RuleDoc(
    id="negation-mismatch",
    kind=Kind.MISTRANSLATION,
    title="The translation adds or loses a negation",
    checks="Counts negation words (not, n't, never, no, nothing, without … / nicht, kein, nie, "
    "nichts, ohne …) on both sides of each aligned pair. Where the counts differ, deletes each "
    "surplus negation word in turn and embeds the sentence again: fires when the sentence without "
    "it matches the other side clearly better than with it. Off by default (right a third of the "
    "time on the dev data); turn it on by giving it a severity in the configuration.",
    why="A lost or added negation reverses the meaning of a sentence that still reads fluently, "
    "so a reviewer who reads only the translation cannot notice it.",
    example_source="The minister was one of those who voted for the bill.",
    example_target="Der Minister war nicht einer jener, die für das Gesetz stimmten.",
    fix="Compare the polarity of the two sentences and restore the source's meaning.",
)

NEGATION_WORDS = {
    "en": r"not|no|never|nothing|nobody|none|neither|nor|nowhere|without|cannot|\w+n['’]t",
    "de": r"nicht|kein|keine|keinen|keinem|keiner|keines|keinerlei|nie|niemals|nichts|niemand"
          r"|niemanden|niemandem|weder|nirgends|nirgendwo|ohne",
}
# Similarity gain from deleting the surplus word at which a defect becomes more likely than not;
# chosen on synthetic/dev.jsonl and mqm/dev.jsonl (see BENCHMARKS.md). e5 moves by about 0.01
# for a one-word change that matters.
GAIN_AT_HALF = 0.014
GAIN_WIDTH = 0.004
MIN_CONFIDENCE = 0.1  # below this, nothing is reported


def negations(text: str, lang: str) -> List[re.Match]:
    pattern = NEGATION_WORDS.get(lang)
    return list(re.finditer(rf"\b(?:{pattern})\b", text, re.IGNORECASE)) if pattern else []


def find_negation_mismatches(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.embed is None:
        return
    for bead in ctx.linked_beads():
        source_text, target_text = ctx.source_text(bead), ctx.target_text(bead)
        in_source = negations(source_text, ctx.source.lang)
        in_target = negations(target_text, ctx.target.lang)
        if len(in_target) > len(in_source):
            yield from _test_surplus(ctx, bead, target_text, source_text, in_target, added=True)
        elif len(in_source) > len(in_target):
            yield from _test_surplus(ctx, bead, source_text, target_text, in_source, added=False)


def _test_surplus(ctx: CheckContext, bead: Bead, text: str, other: str, words: Sequence[re.Match],
                  added: bool) -> Iterator[Finding]:
    """Delete each negation word of `text` in turn; the best deletion is the suspect."""
    variants = [" ".join((text[:m.start()] + text[m.end():]).split()) for m in words]
    vectors = ctx.embed([text, other, *variants])
    baseline = float(vectors[0] @ vectors[1])
    gains = vectors[2:] @ vectors[1] - baseline
    best = int(np.argmax(gains))
    confidence = logistic(float(gains[best]), GAIN_AT_HALF, GAIN_WIDTH)
    if confidence < MIN_CONFIDENCE:
        return
    word = words[best]
    if added:
        start = ctx.target.offset_of(bead.target, word.start())
        yield NEGATION_MISMATCH.finding(
            confidence=confidence,
            source_span=ctx.source_span(bead),
            target_span=(start, start + len(word.group())),
            message=f"The translation adds the negation “{word.group()}”: {quote(text)} "
            f"(source {quote(other)}).",
        )
    else:
        start = ctx.source.offset_of(bead.source, word.start())
        yield NEGATION_MISMATCH.finding(
            confidence=confidence,
            source_span=(start, start + len(word.group())),
            target_span=ctx.target_span(bead),
            message=f"The translation {quote(other)} loses the negation “{word.group()}” of "
            f"{quote(text)}.",
        )


CHECK = Check(name="negation", rules=(NEGATION_MISMATCH,), run=find_negation_mismatches)
