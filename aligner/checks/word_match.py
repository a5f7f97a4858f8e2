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

import hashlib
import re
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from aligner.align import Bead
from aligner.checks.context import CheckContext
from aligner.findings import Span

# Function words: a translation renders them by word order and inflection as often as by a word.
# German's list serves added-words, which asks what in the source each German word renders.
STOPWORDS = {
    "en": frozenset("""a an the and or but if of to in on at by for with from as is are was were be been being am do
        does did have has had it its this that these those there here i me my we our us you your he him his she her
        they them their what which who whom when where why how so than too very can could will would shall should
        may might must just also about into over then all any both each some such own same not no nor only out up
        s t don now""".split()),
    "de": frozenset("""der die das den dem des ein eine einen einem einer eines und oder aber wenn weil dass als wie
        so zu im in am an auf aus bei mit nach von vor für über unter um bis durch ist sind war waren wird werden
        wurde wurden hat haben hatte hatten sein bin bist es er sie wir ihr ich du man sich nicht auch noch schon
        nur sehr mehr dann da hier dort was wer wo diese dieser dieses diesen diesem jede jeder jedes kein keine
        mein dein ihm ihn ihnen uns euch mich dich mir dir doch ja nein ob also denn sondern zum zur vom beim ins
        ans kann können muss müssen soll sollte würde würden""".split()),
}
STOPWORD_DIGESTS = {lang: hashlib.sha256(" ".join(sorted(words)).encode("utf-8")).hexdigest()[:8]
                    for lang, words in STOPWORDS.items()}


# The mean best cosine of a pair's content words with the words of a good translation, in e5-small's
# 6th layer (about 0.65 on the dev sets): what a span covering the whole pair is compared with.
TYPICAL_MATCH = 0.65
# The word test runs the encoder's first layers once more over both sides of a pair, about half the
# cost of embedding them. A document gets it for this many pairs, the ones whose sentence
# similarity is lowest: every pair of a segment or a paragraph (the MQM items have at most 18), the
# loosest pairs of a long document, whose own length and similarity norms speak for the rest; and
# for as many more as a check asks for (partial-omission: the pairs its clause test examines).
MAX_PAIRS = 24


WordMatches = List[Tuple[Span, float]]  # each counted source word: document span, best cosine


def word_matches(ctx: CheckContext, side: str = "source", also: Sequence[Bead] = ()) -> Dict[Bead, WordMatches]:
    """For each linked pair (up to MAX_PAIRS, the loosest, and up to MAX_PAIRS more of `also`, in
    its order), every content word of `side` with its best match on the other side of the pair; no
    entry for a pair without word-level evidence. "source" asks how well the translation renders
    each source word (omissions), "target" what in the source each translation word renders
    (additions)."""
    loosest = sorted(ctx.linked_beads(), key=lambda b: b.score)[:MAX_PAIRS]
    chosen = set(loosest)
    beads = loosest + [b for b in also if b not in chosen][:MAX_PAIRS]
    if ctx.words is None or not beads:
        return {}
    this, other = (ctx.source, ctx.target) if side == "source" else (ctx.target, ctx.source)
    stop = STOPWORDS.get(this.lang, frozenset())
    indices = [(b.source, b.target) if side == "source" else (b.target, b.source) for b in beads]
    # The tag keys the cached rows: the direction and the function-word list, so a changed list
    # never reads rows counted with the old one.
    tag = f"{this.lang}-{other.lang}-{STOPWORD_DIGESTS.get(this.lang, 'none')}"
    found = ctx.words.matches([(this.joined(mine), other.joined(theirs)) for mine, theirs in indices],
                             lambda word: _is_content(word, stop), tag)
    return {bead: [((this.offset_of(mine, a), this.offset_of(mine, b)), best) for (a, b), best in matches]
            for bead, (mine, _), matches in zip(beads, indices, found)}



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
