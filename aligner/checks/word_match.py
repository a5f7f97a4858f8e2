"""Word-level evidence for omissions: which source words of a pair its translation renders worst.

Most omissions a reviewer marks in machine translation are one or two words ("Unit", "again",
"had to"), which move a sentence embedding by less than its noise. ctx.words.matches gives, for
each English content word of a pair, its best cosine with any German word of the pair, from the
encoder's middle layer (aligner.embed.word_states), where a German word lies close to the English
word it renders. partial-omission weighs two things from it: how much worse a candidate clause's
words are rendered than the pair's others (coverage_gap), and, for a pair with no other evidence,
its worst-rendered word (BENCHMARKS.md: alone, that word's cosine ranks the MQM dev items with a
marked omission at ROC-AUC 0.80, as well as the length ratio does, and in 111 of 187 the marked
words include it).
"""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from aligner.align import Bead
from aligner.checks.context import CheckContext
from aligner.findings import Span

# Function words: a translation renders them by word order and inflection as often as by a word.
STOPWORDS = {
    "en": frozenset("""a an the and or but if of to in on at by for with from as is are was were be been being am do
        does did have has had it its this that these those there here i me my we our us you your he him his she her
        they them their what which who whom when where why how so than too very can could will would shall should
        may might must just also about into over then all any both each some such own same not no nor only out up
        s t don now""".split()),
}


# The mean best cosine of a pair's content words with the words of a good translation, in e5-small's
# 6th layer (about 0.65 on the dev sets): what a span covering the whole pair is compared with.
TYPICAL_MATCH = 0.65
# The word test runs the encoder's first layers once more over both sides of a pair, about half the
# cost of embedding them. A document gets it for this many pairs at most, the ones whose sentence
# similarity is lowest: every pair of a segment or a paragraph (the MQM items have at most 18), the
# loosest pairs of a long document, whose own length and similarity norms speak for the rest.
MAX_PAIRS = 24


WordMatches = List[Tuple[Span, float]]  # each counted source word: document span, best cosine


def word_matches(ctx: CheckContext) -> Dict[Bead, WordMatches]:
    """For each linked pair (up to MAX_PAIRS, the loosest), every source content word with its best
    match in the translation; no entry for a pair without word-level evidence."""
    beads = sorted(ctx.linked_beads(), key=lambda b: b.score)[:MAX_PAIRS]
    if ctx.words is None or not beads:
        return {}
    stop = STOPWORDS.get(ctx.source.lang, frozenset())
    found = ctx.words.matches([(ctx.source_text(b), ctx.target_text(b)) for b in beads],
                             lambda word: _is_content(word, stop), f"{ctx.source.lang}-{ctx.target.lang}")
    return {bead: [((ctx.source.offset_of(bead.source, a), ctx.source.offset_of(bead.source, b)), best)
                   for (a, b), best in matches]
            for bead, matches in zip(beads, found)}


def weakest(matches: WordMatches) -> Optional[Tuple[Span, float]]:
    """The word the translation renders worst."""
    return min(matches, key=lambda m: m[1]) if matches else None


def coverage_gap(matches: WordMatches, span: Span) -> Optional[float]:
    """How much worse the translation renders the words inside `span` than the pair's other words
    (mean best cosine outside minus inside; TYPICAL_MATCH stands in for the outside when the span
    holds every word); None when no counted word lies inside."""
    inside = _inside(matches, span)
    if not inside:
        return None
    outside = [best for (a, b), best in matches if not (span[0] <= a and b <= span[1])]
    reference = float(np.mean(outside)) if outside else TYPICAL_MATCH
    return reference - float(np.mean(inside))


# A content word whose best cosine with every word of the translation stays below this is taken
# as unrendered: about 0.15 below a good translation's typical word (TYPICAL_MATCH).
UNRENDERED_BELOW = 0.5


def unrendered(matches: WordMatches, span: Span) -> Tuple[int, float]:
    """How many of the content words inside `span` the translation leaves unrendered, and their
    share of the span's content words ((0, 0.0) when none lies inside)."""
    inside = _inside(matches, span)
    missing = sum(best < UNRENDERED_BELOW for best in inside)
    return missing, missing / len(inside) if inside else 0.0


def _inside(matches: WordMatches, span: Span) -> List[float]:
    """The best cosines of the counted words that lie inside `span`."""
    return [best for (a, b), best in matches if span[0] <= a and b <= span[1]]


def word_at(spans: Sequence[Span], offset: int) -> Optional[int]:
    """The index of the word (by its span in the text) that holds `offset`, or None."""
    return next((i for i, (a, b) in enumerate(spans) if a <= offset < b), None)


def _is_content(word: str, stop) -> bool:
    bare = re.sub(r"[^\w]", "", word.lower())
    return any(ch.isalpha() for ch in bare) and bare not in stop
