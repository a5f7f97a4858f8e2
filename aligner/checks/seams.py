"""The seam of a German run-on: where one German sentence passes from rendering the first of two
English sentences to rendering the second, and whether anything joins the two there.

German sets two main clauses apart with a comma (or a semicolon, a colon, a dash) unless "und"
or "oder" joins them, so a translator who runs two sentences together leaves a joint at the seam:
"…, und", "…; ", "… – ". A run-on that swallowed the head of the second sentence leaves none, as
in the seed: "… US-Sanktionen gegen das Land angeschlossen habe Washington bei der Ausrichtung
seiner Waffenprogramme." partial-omission weighs a bare seam as one feature of the candidates
in the second sentence, and gives that sentence a candidate of its own when none of its clauses
stands out.

Finding the seam takes two steps. The encoder's word vectors (ctx.words) give a first guess for
free: the German word boundary before which the words lean to the first sentence's words and
after which to the second's. Where the boundaries beside the guess disagree about a joint,
embedding the German's head and tail at each picks the one where both match their sentences
best. On synthetic/dev.jsonl, 2:1 pairs whose second English sentence holds a planted omission
then have a bare seam 20 times in 34, the others 10 times in 97; on mqm/dev.jsonl, 9 in 33
against 34 in 181 (BENCHMARKS.md, stop 21). Embedding every boundary locates it no better (bare in
13 of the 97 others) and made a cold check of the WMT24 pair 1.65 times the time of embedding it once
(the budget is 1.3); the word vectors alone miss more (17 in 34, and 3 in 33 on MQM).
"""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from aligner.align import Bead
from aligner.checks.context import CheckContext, EmbedFn

# Word ends that join what follows: punctuation (and quotes and brackets around a clause).
JOINT_END = re.compile(r"[,;:–—\-)\"“”»«„.!?…]$")
# Words that join two clauses without a comma, and dashes standing alone.
CONJUNCTIONS = frozenset("und oder sowie aber sondern denn doch jedoch bzw. beziehungsweise also sowohl noch "
                         "– — -".split())
OPENERS = ("(", "„", '"', "“", "»")
WORD = re.compile(r"\S+")
# An English sentence that ends so is set apart from the next; one that does not (a manual page's
# "-s save-file" above its description) needs no joint in the German either.
SENTENCE_END = re.compile(r"[.!?…:;\"”’)»]$")
MIN_WORDS = 4  # a shorter German sentence has no seam worth locating
REFINE = 1  # boundaries either side of the word vectors' guess that may be embedded
NEAR = 1  # a joint this many boundaries from the seam still joins it (the seam is located only so well)


def has_joint(text: str, k: int) -> bool:
    """Whether the boundary before the k-th whitespace word of `text` is punctuated, joined by a
    conjunction or a line break (a layout that sets the two apart, as a manual page's option
    list does); the text's ends count as joined."""
    spans = [m.span() for m in WORD.finditer(text)]
    if k <= 0 or k >= len(spans):
        return True
    before, after = text[spans[k - 1][0]:spans[k - 1][1]], text[spans[k][0]:spans[k][1]]
    return (JOINT_END.search(before) is not None or after.lower() in CONJUNCTIONS or after.startswith(OPENERS)
            or "\n" in text[spans[k - 1][1]:spans[k][0]])


def seam_pairs(ctx: CheckContext, beads: Sequence[Bead]) -> List[Bead]:
    """The pairs that have a seam to look at: two English sentences, the first ended by
    punctuation, and one German one."""
    return [b for b in beads if len(b.source) == 2 and len(b.target) == 1
            and SENTENCE_END.search(ctx.source.sentence(b.source[0]).rstrip()) is not None
            and len(ctx.target_text(b).split()) >= MIN_WORDS]


def guess_seams(ctx: CheckContext, beads: Sequence[Bead]) -> Dict[Bead, int]:
    """For each pair of `seam_pairs`, the German word (an index into its whitespace words) that
    starts the second sentence's rendering, by the word vectors; empty without word evidence."""
    if ctx.words is None or not beads:
        return {}
    # The two sentences are joined by a line break, not the usual space: the row depends on where
    # the first ends, so that is part of the text the cache keys it by.
    first_ends = {}
    pairs = []
    for bead in beads:
        first, second = (ctx.source.sentence(i) for i in bead.source)
        source = f"{first}\n{second}"
        first_ends[source] = len(first)
        pairs.append((source, ctx.target_text(bead)))
    rows = ctx.words.rows(pairs, lambda source, _t, sw, tw: _seam_row(sw, tw, first_ends[source]), "seams-v1",
                          f"{ctx.source.lang}-{ctx.target.lang}")
    guesses = {}
    for bead, (_, target), row in zip(beads, pairs, rows):
        if row[0] >= 0:
            guesses[bead] = len(target[:int(row[0])].split())
    return guesses


def _seam_row(source_words, target_words, first_end: int) -> np.ndarray:
    """The character offset, in the German, of the word that starts the second sentence's
    rendering (-1 when there is no such word): each German word leans to the English sentence
    whose words it matches best, and the boundary leaves the most lean on the right side."""
    (source_spans, source_vectors), (target_spans, target_vectors) = source_words, target_words
    in_first = np.array([end <= first_end for _, end in source_spans], dtype=bool)
    if len(target_spans) < 2 or in_first.all() or not in_first.any():
        return np.array([-1.0], dtype=np.float32)
    similarity = target_vectors @ source_vectors.T
    lean = similarity[:, in_first].max(axis=1) - similarity[:, ~in_first].max(axis=1)
    # Before boundary k the words should lean to the first sentence, from k on to the second.
    before = np.cumsum(lean)[:-1]
    after = lean.sum() - before
    k = int(np.argmax(before - after)) + 1
    return np.array([float(target_spans[k][0])], dtype=np.float32)


def seam_requests(ctx: CheckContext, bead: Bead, guess: int) -> Tuple[List[str], List[int]]:
    """What locating the seam embeds: the two English sentences, then the German's head and tail
    at each boundary near the guess; and those boundaries."""
    target = ctx.target_text(bead)
    words = target.split()
    boundaries = [k for k in range(guess - REFINE, guess + REFINE + 1) if 0 < k < len(words)]
    if len({bare_at(target, k) for k in boundaries}) < 2:  # every boundary near the guess says the same
        return [], boundaries
    texts = [ctx.source.sentence(i) for i in bead.source]
    texts += [" ".join(words[:k]) for k in boundaries] + [" ".join(words[k:]) for k in boundaries]
    return texts, boundaries


def bare_seam(ctx: CheckContext, embed: EmbedFn, bead: Bead, guess: Optional[int]) -> bool:
    """Whether the German of a 2:1 pair passes from its first English sentence to its second at a
    boundary with no joint near it (False when the seam cannot be located)."""
    if guess is None:
        return False
    texts, boundaries = seam_requests(ctx, bead, guess)
    if not boundaries:
        return False
    k = boundaries[0]
    if texts:
        vectors = embed(texts)
        n = len(boundaries)
        heads, tails = vectors[2:2 + n], vectors[2 + n:]
        # How well head and tail render their English sentences, summed: the seam is where it peaks.
        k = boundaries[int(np.argmax(heads @ vectors[0] + tails @ vectors[1]))]
    return bare_at(ctx.target_text(bead), k)


def bare_at(text: str, k: int) -> bool:
    """No joint within NEAR boundaries of the boundary before the k-th whitespace word of `text`."""
    return not any(has_joint(text, j) for j in range(k - NEAR, k + NEAR + 1))
