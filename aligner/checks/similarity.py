"""low-similarity: an aligned pair whose meanings agree far less than the document's other pairs."""

from __future__ import annotations

from typing import Iterator, Optional, Tuple

import numpy as np

from aligner.checks.base import Check, RuleDoc
from aligner.checks.context import CheckContext
from aligner.checks.severity import logistic
from aligner.checks.text import quote
from aligner.findings import Finding, Kind

LOW_SIMILARITY = RuleDoc(
    id="low-similarity",
    kind=Kind.MISTRANSLATION,
    title="An aligned pair means something different",
    checks="Compares each aligned pair's similarity with the document's own pairs (median and "
    "median absolute deviation, so a few bad pairs do not shift the norm) and fires when a pair "
    "lies far below them. In a short document (a segment of a bilingual file) the norm leans on "
    "what the model gives a typical translation pair. Pairs of very short sentences are "
    "skipped: their vectors are unreliable.",
    why="A pair that the aligner could only place by position, not by meaning, is usually a "
    "mistranslation, a wrong segment, or text from elsewhere.",
    example_source="The bridge will be closed for repairs until May.",
    example_target="Die Brücke ist seit Mai für den Verkehr freigegeben.",
    fix="Compare the two sentences and retranslate the source.",
)

MIN_PAIRS = 5  # fewer pairs give no norm of their own to compare with
PRIOR_PAIRS = 5  # with a model's typical pair similarity, it weighs as much as this many pairs
MIN_WORDS = 4
MIN_SPREAD = 0.02  # floor on the spread: in a uniform document every pair would otherwise be an outlier
ROBUST_Z_AT_HALF = 4.0  # this many spreads below the median is where a defect becomes likely
ROBUST_Z_WIDTH = 0.8
REPORT_FLOOR = 0.1  # below this a pair is not worth reporting, even as info


def find_low_similarity(ctx: CheckContext) -> Iterator[Finding]:
    pairs = [b for b in ctx.linked_beads()
             if min(len(ctx.source_text(b).split()), len(ctx.target_text(b).split())) >= MIN_WORDS]
    median, spread = similarity_norm(np.array([b.score for b in pairs]), ctx.similarity_prior)
    if median is None:
        return
    for bead in pairs:
        robust_z = (median - bead.score) / spread
        confidence = logistic(robust_z, ROBUST_Z_AT_HALF, ROBUST_Z_WIDTH)
        if confidence < REPORT_FLOOR:
            continue
        yield LOW_SIMILARITY.finding(
            confidence=confidence,
            source_span=ctx.source_span(bead),
            target_span=ctx.target_span(bead),
            message=f"Translation {quote(ctx.target_text(bead))} matches its source "
            f"{quote(ctx.source_text(bead))} much less than the other pairs do "
            f"(similarity {bead.score:.2f}, document median {median:.2f}).",
        )


def similarity_norm(scores: np.ndarray, prior: Optional[Tuple[float, float]]):
    """(median, spread) that a pair's similarity is judged against, or (None, None) when there is
    no norm: the document's own robust statistics, pulled toward the model's typical pair
    (`prior`) by weight PRIOR_PAIRS / (pairs + PRIOR_PAIRS). Without a prior a document needs
    MIN_PAIRS pairs of its own."""
    if len(scores) == 0 or (prior is None and len(scores) < MIN_PAIRS):
        return None, None
    median = float(np.median(scores))
    spread = 1.4826 * float(np.median(np.abs(scores - median)))
    if prior is not None:
        weight = len(scores) / (len(scores) + PRIOR_PAIRS)
        median = weight * median + (1 - weight) * prior[0]
        spread = weight * spread + (1 - weight) * prior[1]
    return median, max(spread, MIN_SPREAD)


CHECK = Check(name="similarity", rules=(LOW_SIMILARITY,), run=find_low_similarity)
