"""partial-omission: a clause of a source sentence that its aligned translation does not render.

Where to look. Embedding clauses is costly, so only two kinds of pair are examined: pairs where
the translation merges more source sentences than it has sentences (a German run-on that may
have swallowed the head of the next sentence), and pairs whose translation is much shorter than
the document's own length ratio predicts.

How to find the clause: contrastive deletion. Split the source side into clause pieces
(text.clause_pieces) and embed the source with one piece left out at a time. A piece the
translation renders is missed when it is left out (similarity to the translation drops); a
piece the translation lacks is noise, and leaving it out raises the similarity. The best piece
of each source sentence grows into its neighbours while that keeps raising the similarity, so
a dropped run of pieces is reported as one span.

How sure: the similarity gain is combined with independent evidence: the translation is
shorter than expected by about the window's length, the pair is a run-on merge, and the window
holds a name or number that nothing in the translation resembles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Callable, FrozenSet, Iterator, List, Sequence, Tuple

import numpy as np

from aligner.align import Bead
from aligner.checks.base import Check, RuleDoc
from aligner.checks.context import CheckContext
from aligner.checks.numbers_normalise import find_mentions
from aligner.checks.severity import logistic
from aligner.checks.text import clause_pieces, quote
from aligner.findings import Finding, Kind, Span

PARTIAL_OMISSION = RuleDoc(
    id="partial-omission",
    kind=Kind.OMISSION,
    title="Part of a source sentence is missing from its translation",
    checks="In pairs whose translation is shorter than the document's length ratio predicts, "
    "and in German run-on sentences that render several English sentences, leaves out one "
    "clause of the source at a time and measures whether the rest matches the translation "
    "better. Fires for the clause (or run of clauses) whose removal helps most, more "
    "confidently when the length shortfall, the run-on and names or numbers missing from the "
    "translation agree.",
    why="Run-on sentences and long clauses are where translators and machine translation lose "
    "content without anyone noticing: the German still reads as a whole sentence.",
    example_source="Ukraine cut ties with North Korea on Wednesday, after Pyongyang recognized "
    "the two republics.",
    example_target="Pjöngjang erkannte die beiden Republiken an.",
    fix="Translate the missing clause, or split the run-on sentence into the sentences of the source.",
)

MIN_SHORTFALL = 0.15  # a 1-1 pair whose target is 15% shorter than the norm predicts gets a look
GAIN_UNIT = 0.01  # similarity gain worth one unit of evidence (e5: typical pairs differ by ~0.02)
LENGTH_WEIGHT = 10.0  # evidence per unit of source fraction explained by the length shortfall
RUN_ON_EVIDENCE = 1.0  # a translation sentence that renders several source sentences
ANCHOR_EVIDENCE = 1.0  # the window names something (name, number) the translation lacks
EVIDENCE_AT_HALF = 3.3  # total evidence where confidence is 0.5 (a warning)
EVIDENCE_WIDTH = 1.0
MAX_GROWTH_STEPS = 4


@dataclass(frozen=True)
class Piece:
    span: Span
    sentence: int  # index of the source sentence it belongs to


@dataclass(frozen=True)
class DocumentWords:
    """What missing_anchors needs from the whole documents, read once per check run."""

    source_names: FrozenSet[str]  # capitalised words the source writes mid-sentence
    target_words: Sequence[str]  # every word of the translation, lower case


def find_partial_omissions(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.embed is None:
        return
    median_ratio = ctx.median_length_ratio()
    words = None
    for bead in ctx.linked_beads():
        shortfall = length_shortfall(ctx, bead, median_ratio)
        run_on = len(bead.source) > len(bead.target)
        if run_on or shortfall >= MIN_SHORTFALL:
            if words is None:
                words = DocumentWords(mid_sentence_capitalised(ctx.source.text), _lower_words(ctx.target.text))
            yield from examine(ctx, bead, shortfall, run_on, words)


def length_shortfall(ctx: CheckContext, bead: Bead, median_ratio: float) -> float:
    """The fraction of the source that the target's length leaves unaccounted for (0 if none)."""
    source_length = len(ctx.source_text(bead))
    expected = median_ratio * source_length
    return max(0.0, 1.0 - len(ctx.target_text(bead)) / expected) if expected else 0.0


def examine(ctx: CheckContext, bead: Bead, shortfall: float, run_on: bool,
            words: DocumentWords) -> Iterator[Finding]:
    pieces = [Piece(span, i) for i in bead.source
              for span in clause_pieces(ctx.source.sentence(i), ctx.source.sentences[i][0])]
    if len(pieces) < 2:
        return
    target_vector = ctx.embed([ctx.target_text(bead)])[0]

    def similarity_without(windows: Sequence[Tuple[int, int]]) -> np.ndarray:
        texts = [_text_without(ctx.source.text, pieces, first, last) for first, last in windows]
        return ctx.embed(texts) @ target_vector

    whole = float(ctx.embed([ctx.source_text(bead)])[0] @ target_vector)
    single_gains = similarity_without([(k, k) for k in range(len(pieces))]) - whole
    source_length = len(ctx.source_text(bead))
    target_text = ctx.target_text(bead)
    for sentence in bead.source:
        members = [k for k, piece in enumerate(pieces) if piece.sentence == sentence]
        best = max(members, key=lambda k: single_gains[k])
        if single_gains[best] <= 0:
            continue
        (first, last), gain = grow(best, float(single_gains[best]), members, run_on, similarity_without, whole)
        span = (pieces[first].span[0], pieces[last].span[1])
        window_length = span[1] - span[0]
        explained = min(shortfall * source_length, window_length) / source_length
        evidence = gain / GAIN_UNIT + LENGTH_WEIGHT * explained
        evidence += RUN_ON_EVIDENCE if run_on else 0.0
        missing = missing_anchors(ctx.source.text[span[0]:span[1]], target_text, words,
                                  ctx.source.lang, ctx.target.lang)
        evidence += ANCHOR_EVIDENCE if missing else 0.0
        confidence = logistic(evidence, EVIDENCE_AT_HALF, EVIDENCE_WIDTH)
        yield PARTIAL_OMISSION.finding(
            confidence=confidence,
            source_span=span,
            target_span=ctx.target_span(bead),
            message=f"Source clause {quote(ctx.source.text[span[0]:span[1]])} has no counterpart in "
            f"the translation {quote(target_text)}.",
        )


def grow(best: int, gain: float, members: List[int], run_on: bool,
         similarity_without: Callable[[Sequence[Tuple[int, int]]], np.ndarray], whole: float) -> Tuple[Tuple[int, int], float]:
    """Extend the window [best, best] over neighbouring pieces of the same sentence while that
    raises the similarity gain. The window never covers a whole sentence unless other sentences
    stay in the pair (a whole missing sentence in a 1-1 pair would be a misalignment)."""
    first = last = best
    lowest, highest = members[0], members[-1]
    for _ in range(MAX_GROWTH_STEPS):
        options = [(a, b) for a, b in ((first - 1, last), (first, last + 1))
                   if lowest <= a and b <= highest and (run_on or (a, b) != (lowest, highest))]
        if not options:
            break
        gains = similarity_without(options) - whole
        k = int(np.argmax(gains))
        if gains[k] <= gain:
            break
        (first, last), gain = options[k], float(gains[k])
    return (first, last), gain


def _text_without(text: str, pieces: List[Piece], first: int, last: int) -> str:
    kept = [text[p.span[0]:p.span[1]] for k, p in enumerate(pieces) if not first <= k <= last]
    return " ".join(" ".join(kept).split())


_CAPITALISED = re.compile(r"\b[A-Z][\w’'-]+")
_SENTENCE_START = re.compile(r"(?:^|[.!?:][”\"’)]?\s+)[“\"(]?$")


def mid_sentence_capitalised(document: str) -> FrozenSet[str]:
    return frozenset(m.group() for m in _CAPITALISED.finditer(document)
                     if not _SENTENCE_START.search(document[max(0, m.start() - 4):m.start()]))


def names_in(text: str, mid_sentence: FrozenSet[str]) -> List[str]:
    """Capitalised words of `text` that are names: mid-sentence, or at a sentence start when the
    document also writes them capitalised mid-sentence (`mid_sentence`, so "Ukraine has ..."
    counts, "The" not)."""
    return [m.group() for m in _CAPITALISED.finditer(text)
            if m.group() in mid_sentence or not _SENTENCE_START.search(text[max(0, m.start() - 4):m.start()])]


def missing_anchors(clause: str, target: str, words: DocumentWords,
                    source_lang: str, target_lang: str) -> List[str]:
    """Names and numbers of `clause` (a piece of the source) that nothing in `target` (its
    aligned translation) resembles. A name counts only if the translation keeps it somewhere
    else in the document (`words.target_words`): "Ukraine" stays "Ukraine", but "Foreign Ministry"
    becomes "Außenministerium" everywhere and proves nothing. Names are compared loosely, as
    translations adapt them (Kiev -> Kiew, Pyongyang -> Pjöngjang)."""
    target_words = _lower_words(target)
    missing = []
    for name in names_in(clause, words.source_names):
        stem = re.sub(r"[’']s$", "", name).lower()
        if len(stem) < 3 or not any(_resembles(stem, word) for word in words.target_words):
            continue
        if not any(_resembles(stem, word) for word in target_words):
            missing.append(name)
    target_numbers = find_mentions(target, target_lang)
    for mention in find_mentions(clause, source_lang):
        if not mention.spelled and not any(mention.matches(other) for other in target_numbers):
            missing.append(mention.text)
    return missing


def _lower_words(text: str) -> List[str]:
    return sorted({w.lower() for w in re.findall(r"[^\W\d_][\w-]*", text)})


def _resembles(name: str, word: str) -> bool:
    """Loose identity of a name and a word (both lower case): "kiev" ~ "kiew", "dprk" ~ "dvrk",
    "korea" ~ "nordkoreanische", but not "ukraine" ~ "keine"."""
    if name[:4] == word[:4] or (len(name) >= 4 and name in word):
        return True
    return name[0] == word[0] and SequenceMatcher(None, name, word).ratio() >= 0.6


CHECK = Check(name="partial-omission", rules=(PARTIAL_OMISSION,), run=find_partial_omissions)
