"""partial-omission and partial-addition: a clause of one side that the other side of its pair
does not render. The text below speaks of omissions; additions are the same test with the two
sides swapped (SideView).

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
shorter than expected by about the window's length, the pair is a run-on merge, the window
holds a name or number that nothing in the translation resembles, the window's words are
rendered worse than the pair's others (word_match, from the encoder's middle layer), and the
German of a run-on passes to the window's sentence with nothing joining the two (seams.py). A pair that
neither test examines still gets its worst-rendered word as a candidate when word evidence is
there: mostly a faint one, which ranks the pair in JSON.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Callable, Iterator, List, Sequence, Tuple

import numpy as np

from aligner.align import Bead
from aligner.checks.anchors import DocumentWords, missing_anchors, missing_numbers
from aligner.checks.base import Check, RuleDoc
from aligner.checks.context import CheckContext, EmbedFn, prefetched
from aligner.document import Document
from aligner.checks.seams import bare_seam, guess_seams, seam_pairs, seam_requests
from aligner.checks.text import clause_pieces, quote
from aligner.checks.word_match import coverage_gap, unrendered, weakest, word_matches
from aligner.findings import Finding, Kind, Span

PARTIAL_OMISSION = RuleDoc(
    id="partial-omission",
    kind=Kind.OMISSION,
    title="Part of a source sentence is missing from its translation",
    checks="In pairs whose translation is shorter than the document's length ratio predicts, "
    "and in German run-on sentences that render several English sentences, leaves out one "
    "clause of the source at a time and measures whether the rest matches the translation "
    "better. Fires for the clause (or run of clauses) whose removal helps most, more "
    "confidently when the length shortfall, the run-on, names or numbers missing from the "
    "translation and a poor match of the clause's words in the translation agree, and when a "
    "German run-on passes from one English sentence to the next with no comma or conjunction "
    "between them (the head of the second sentence is what such a seam swallows). With the "
    "bundled encoder, a pair with no other sign against it may also be reported for the English "
    "word that the translation renders worst (mostly at a faint confidence).",
    why="Run-on sentences and long clauses are where translators and machine translation lose "
    "content without anyone noticing: the German still reads as a whole sentence.",
    example_source="Ukraine cut ties with North Korea on Wednesday, after Pyongyang recognized "
    "the two republics.",
    example_target="Pjöngjang erkannte die beiden Republiken an.",
    fix="Translate the missing clause, or split the run-on sentence into the sentences of the source.",
)

PARTIAL_ADDITION = RuleDoc(
    id="partial-addition",
    kind=Kind.ADDITION,
    title="Part of a translation has no counterpart in the source",
    checks="The mirror of partial-omission, in pairs where several translation sentences render "
    "one source sentence: leaves out one clause of the translation at a time and fires for the "
    "clause (or whole sentence) whose removal makes the rest match the source clearly better. "
    "Off by default, as it embeds every clause of such pairs; turn it on by giving it a severity "
    "in the configuration ([tool.aligner.severity] partial-addition = \"warning\").",
    why="Text inserted into a translation (a stray sentence from another document, a "
    "translator's note, an invented detail) tells the reader something the author never said.",
    example_source="The plant employs 39 people.",
    example_target="Das Werk beschäftigt 39 Menschen. Das Bier war übrigens hervorragend.",
    fix="Delete the added text, or mark it as a translator's note if it is meant to stay.",
)

MIN_SHORTFALL = 0.20  # a 1-1 pair whose target is 20% shorter than the norm predicts gets a look (0.15: same dev figures, more embedding)
MIN_LENGTH_ONLY_SHORTFALL = 0.05  # below MIN_SHORTFALL the length alone is weighed, without embedding clauses
MAX_GROWTH_STEPS = 4
WORD_UNIT = 0.05  # of best cosine, in e5-small's 6th layer (word_match): a content word's spread is about 0.1
# A pair's worst-rendered English content word has a best cosine of about 0.43 with the German
# words of a good translation (median over the MQM dev items without a marked omission; 0.35 with one).
WEAKEST_NORM = 0.43


@dataclass(frozen=True)
class Piece:
    span: Span
    sentence: int  # index of the source sentence it belongs to


@dataclass(frozen=True)
class Candidate:
    """A stretch of source text that may be missing from its pair's translation, with the
    evidence for it. `confidence()` turns the evidence into a probability."""

    bead: Bead
    span: Span
    gain: float  # similarity gain (cosine) of source-without-span vs translation over the whole source
    shortfall: float  # fraction of the pair's source that the translation's length leaves unaccounted for
    window_fraction: float  # the span's share of the pair's source length
    run_on: bool  # the pair renders more source sentences than it has target sentences
    anchors: Tuple[str, ...]  # names and numbers of the span that nothing in the translation resembles
    located: bool  # False: no clause stood out, the span is the whole sentence and only the length speaks
    similarity_drop: float  # how far the pair's cosine lies below the document's median pair
    whole_sentence: bool = False  # the span is a whole sentence of a pair that merges several
    side: str = "source"  # where the span is: "source" (an omission) or "target" (an addition)
    word_gap: float = 0.0  # how much worse the translation renders the span's words than the pair's others,
    # in WORD_UNITs of best cosine (word_match.coverage_gap; 0 when no better, or with no word evidence)
    word_only: bool = False  # nothing but the word test speaks for this candidate (its span is one word)
    weakest_gap: float = 0.0  # how far the pair's worst-rendered content word lies below WEAKEST_NORM, in WORD_UNITs
    unrendered: int = 0  # content words of the span that nothing in the translation renders (word_match.unrendered)
    unrendered_share: float = 0.0  # ... as a share of the span's content words
    worded: bool = False  # the pair had word evidence (the bundled encoder): the word features mean something
    bare_seam: bool = False  # the span lies in the second English sentence of a 2:1 pair whose German seam
    # has no joint (seams.py; located with the word evidence, so False without it)

    def features(self) -> Tuple[float, ...]:
        explained = min(self.shortfall, self.window_fraction)
        gain = min(self.gain, MAX_GAIN)
        return (gain / GAIN_UNIT, max(0.0, gain - STRONG_GAIN) / GAIN_UNIT, explained,
                self.shortfall, float(self.run_on), float(bool(self.anchors)), self.window_fraction,
                float(self.located), self.similarity_drop / GAIN_UNIT,
                float(self.whole_sentence and self.located), self.word_gap, float(self.word_only),
                self.weakest_gap if self.word_only or not self.located else 0.0,
                min(self.unrendered, MAX_UNRENDERED), self.unrendered_share, float(self.bare_seam))


# Evidence weights of a logistic model: confidence = 1 / (1 + exp(-(BIAS + WEIGHTS · features))).
# Fitted by bench/fit_omission.py on the dev sets (synthetic/dev.jsonl and mqm/dev.jsonl), where
# a candidate is positive when its span overlaps an omission a reader marked; see BENCHMARKS.md.
GAIN_UNIT = 0.01  # similarity gain worth one unit (e5: typical pairs differ by ~0.02)
STRONG_GAIN = 0.02  # gains beyond this come from dropped content, not from the encoder's noise
MAX_GAIN = 0.06  # beyond this the evidence is saturated (the fit, with few such gains, would bend it down)
MAX_UNRENDERED = 5  # unrendered words beyond this add no evidence
FEATURES = ("gain", "strong_gain", "explained", "shortfall", "run_on", "anchors", "window_fraction",
            "located", "similarity_drop", "whole_sentence", "word_gap", "word_only", "weakest_gap",
            "unrendered", "unrendered_share", "bare_seam")
WEIGHTS = (0.601, -0.777, 1.408, 2.029, 0.798, 0.026, -0.956, 1.506, 0.032, 0.693, -0.053, -3.087, 0.555,
           0.255, 0.663, 1.307)
BIAS = -5.201


# A pair without word evidence (another encoder, or a long document's pairs beyond
# word_match.MAX_PAIRS) is judged by the sentence-level features alone, with weights fitted by the
# same script on the same candidates without their word features: the weights above lean on the
# word features and would underrate such a pair.
SENTENCE_FEATURES = FEATURES.index("word_gap")  # the features before the word features
WEIGHTS_WITHOUT_WORDS = (0.772, -0.986, 2.237, 2.888, 1.284, 0.345, -0.823, 1.155, 0.059, 0.339)
BIAS_WITHOUT_WORDS = -4.73


def confidence(candidate: Candidate) -> float:
    if candidate.worded:
        z = BIAS + sum(w * x for w, x in zip(WEIGHTS, candidate.features()))
    else:
        z = BIAS_WITHOUT_WORDS + sum(w * x for w, x in zip(WEIGHTS_WITHOUT_WORDS, candidate.features()))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


# Candidates less likely than this are not reported at all. Those above it but far below the
# warning threshold are info: hidden in the text report, kept in JSON, where they rank pairs by
# how likely something is missing (MQM dev omission ROC-AUC 0.78 with a floor of 0.02, 0.84 with
# 0.005 and the length prior of CheckContext.expected_length_ratio; 0.869 with 0.001 and the word
# evidence, which leaves no item with a marked omission unranked; BENCHMARKS.md). The calibration
# clips raw scores at the same value (calibration.RAW_RANGE): below it, nothing is told apart.
REPORT_FLOOR = 0.001


def find_partial_omissions(ctx: CheckContext) -> Iterator[Finding]:
    for candidate in find_candidates(ctx):
        if confidence(candidate) >= REPORT_FLOOR:
            yield to_finding(ctx, candidate)


def find_partial_additions(ctx: CheckContext) -> Iterator[Finding]:
    for candidate in find_candidates(ctx, side="target"):
        if confidence(candidate) >= REPORT_FLOOR:
            yield to_finding(ctx, candidate)


@dataclass(frozen=True)
class SideView:
    """A pair seen from the side whose content may have no counterpart: the source for an
    omission, the target for an addition. The same test serves both."""

    side: str  # "source" or "target"
    doc: Document
    other: Document
    indices: Sequence[int]  # the pair's sentences on this side
    other_indices: Sequence[int]

    @staticmethod
    def of(ctx: CheckContext, bead: Bead, side: str) -> "SideView":
        if side == "source":
            return SideView(side, ctx.source, ctx.target, bead.source, bead.target)
        return SideView(side, ctx.target, ctx.source, bead.target, bead.source)


def find_candidates(ctx: CheckContext, side: str = "source") -> Iterator[Candidate]:
    """Candidates for content of `side` that the other side lacks: omissions on the source side,
    additions on the target side."""
    if ctx.embed is None:
        return
    median_ratio = ctx.expected_length_ratio()
    if side == "target":
        median_ratio = 1.0 / median_ratio if median_ratio else 1.0
    linked = ctx.linked_beads()
    median_similarity = float(np.median([b.score for b in linked])) if linked else 0.0
    pairs = []
    for bead in linked:
        view = SideView.of(ctx, bead, side)
        run_on = len(view.indices) > len(view.other_indices)
        if side == "target" and not run_on:
            # Additions are looked for only where several target sentences render one source
            # sentence: on dev, translations longer than the norm were almost never padded
            # (28 of 1,038 such candidates were right), and embedding them doubled the cost.
            continue
        pairs.append((bead, view, length_shortfall(view, median_ratio), run_on))
    # The clause pieces of each pair the contrastive test examines (a run-on, or a translation
    # much shorter than the norm), and what each examination embeds first, asked for in one call:
    # the encoder takes many small calls more slowly than one large one.
    pieces_of = {bead: clause_pieces_of(view) for bead, view, shortfall, run_on in pairs
                 if run_on or shortfall >= MIN_SHORTFALL}
    # Word evidence for the loosest pairs, and for the pairs the clause test examines, the shortest
    # first: a pair that lost a clause can still be one of a long document's closer ones
    # (BENCHMARKS.md, stop 19).
    examined = [bead for bead, _, _, _ in sorted(pairs, key=lambda pair: -pair[2]) if bead in pieces_of]
    matches = word_matches(ctx, also=examined) if side == "source" else {}
    # Where a German run-on passes from one English sentence to the next (seams.py): omissions only.
    guesses = (guess_seams(ctx, seam_pairs(ctx, [b for b in examined if len(pieces_of[b]) > 1]))
               if side == "source" else {})
    embed = prefetched(ctx.embed, [text for bead, view, _, _ in pairs if len(pieces_of.get(bead, ())) > 1
                                   for text in first_requests(view, pieces_of[bead])]
                       + [text for bead, guess in guesses.items() for text in seam_requests(ctx, bead, guess)[0]])
    words = None  # read once, when the first pair needs it
    for bead, view, shortfall, run_on in pairs:
        drop = max(0.0, median_similarity - bead.score)
        pair_matches = matches.get(bead)
        if bead in pieces_of:
            if words is None:
                words = DocumentWords.of(ctx.source.text, ctx.target.text)
            bare = bead in guesses and bare_seam(ctx, embed, bead, guesses[bead])
            found = examine(embed, bead, view, pieces_of[bead], shortfall, run_on, words, drop, bare)
        elif shortfall >= MIN_LENGTH_ONLY_SHORTFALL:
            found = [length_only_candidate(bead, view, shortfall, run_on, drop)]
        elif pair_matches:  # no other evidence: the worst-rendered word is the candidate
            span = weakest(pair_matches)[0]
            fraction = (span[1] - span[0]) / max(1, len(view.doc.joined(view.indices)))
            found = [Candidate(bead, span, 0.0, shortfall, fraction, run_on, (), located=True,
                               similarity_drop=drop, word_only=True)]
        else:
            found = []
        weakest_gap = max(0.0, WEAKEST_NORM - weakest(pair_matches)[1]) / WORD_UNIT if pair_matches else 0.0
        for candidate in found:
            gap = coverage_gap(pair_matches, candidate.span) if pair_matches else None
            missing, share = unrendered(pair_matches, candidate.span) if pair_matches else (0, 0.0)
            yield replace(candidate, word_gap=max(0.0, gap or 0.0) / WORD_UNIT, weakest_gap=weakest_gap,
                          unrendered=missing, unrendered_share=share, worded=bool(pair_matches))


def to_finding(ctx: CheckContext, candidate: Candidate) -> Finding:
    if candidate.side == "target":
        return _addition_finding(ctx, candidate)
    clause = ctx.source.text[candidate.span[0]:candidate.span[1]]
    target_text = ctx.target_text(candidate.bead)
    if candidate.word_only:
        message = (f"Source word {quote(clause)} has no close counterpart in the translation "
                   f"{quote(target_text)}.")
    elif candidate.located:
        message = (f"Source clause {quote(clause)} has no counterpart in the translation "
                   f"{quote(target_text)}.")
    else:
        message = (f"The translation {quote(target_text)} is {candidate.shortfall:.0%} shorter than the "
                   f"document's own length ratio predicts for {quote(clause)}: part of it may be missing.")
    return PARTIAL_OMISSION.finding(confidence=confidence(candidate), source_span=candidate.span,
                                    target_span=ctx.target_span(candidate.bead), message=message)


def _addition_finding(ctx: CheckContext, candidate: Candidate) -> Finding:
    added = ctx.target.text[candidate.span[0]:candidate.span[1]]
    source_text = ctx.source_text(candidate.bead)
    if candidate.located:
        message = f"Translation text {quote(added)} has no counterpart in the source {quote(source_text)}."
    else:
        message = (f"The translation {quote(added)} is {candidate.shortfall:.0%} longer than the document's "
                   f"own length ratio predicts for {quote(source_text)}: it may add content.")
    return PARTIAL_ADDITION.finding(confidence=confidence(candidate), source_span=ctx.source_span(candidate.bead),
                                    target_span=candidate.span, message=message)


def length_shortfall(view: SideView, median_ratio: float) -> float:
    """The fraction of this side's text that the other side's length leaves unaccounted for
    (0 if none), given the document's own other/this length ratio."""
    length = len(view.doc.joined(view.indices))
    expected = median_ratio * length
    return max(0.0, 1.0 - len(view.other.joined(view.other_indices)) / expected) if expected else 0.0


def length_only_candidate(bead: Bead, view: SideView, shortfall: float, run_on: bool,
                          drop: float) -> Candidate:
    """No clause stands out (or none was looked for): the length alone speaks, for the longest
    sentence of the pair on this side."""
    longest = max(view.indices, key=lambda i: len(view.doc.sentence(i)))
    span = view.doc.sentences[longest]
    fraction = (span[1] - span[0]) / max(1, len(view.doc.joined(view.indices)))
    return Candidate(bead, span, 0.0, shortfall, fraction, run_on, (), located=False, similarity_drop=drop,
                     side=view.side)


def clause_pieces_of(view: SideView) -> List[Piece]:
    """The clause pieces of the pair's sentences on the view's side."""
    doc = view.doc
    return [Piece(span, i) for i in view.indices
            for span in clause_pieces(doc.sentence(i), doc.sentences[i][0], doc.lang)]


def first_requests(view: SideView, pieces: List[Piece]) -> List[str]:
    """What examine embeds before any growth: the other side, this side whole, and this side
    without each piece in turn."""
    doc = view.doc
    return ([view.other.joined(view.other_indices), doc.joined(view.indices)]
            + [_text_without(doc.text, pieces, k, k) for k in range(len(pieces))])


def examine(embed: EmbedFn, bead: Bead, view: SideView, pieces: List[Piece], shortfall: float, run_on: bool,
            words: DocumentWords, drop: float, bare: bool = False) -> Iterator[Candidate]:
    """The contrastive test of one pair (see the module's text). `bare`: the pair is a 2:1 run-on
    whose German seam has no joint; the second sentence then gets a candidate even when no piece of
    it gains (its first piece: the head a run-on swallows), and its candidates carry the feature."""
    side = view.side
    doc = view.doc
    length = len(doc.joined(view.indices))
    other_text = view.other.joined(view.other_indices)

    if len(pieces) < 2:
        yield length_only_candidate(bead, view, shortfall, run_on, drop)
        return
    vectors = embed(first_requests(view, pieces))
    other_vector = vectors[0]

    def similarity_without(windows: Sequence[Tuple[int, int]]) -> np.ndarray:
        texts = [_text_without(doc.text, pieces, first, last) for first, last in windows]
        return embed(texts) @ other_vector

    whole = float(vectors[1] @ other_vector)
    single_gains = vectors[2:] @ other_vector - whole
    found = False
    second = view.indices[-1] if bare else None
    for sentence in view.indices:
        members = [k for k, piece in enumerate(pieces) if piece.sentence == sentence]
        best = max(members, key=lambda k: single_gains[k])
        if single_gains[best] <= 0:
            if sentence == second:
                span = pieces[members[0]].span
                found = True
                yield Candidate(bead, span, 0.0, shortfall, (span[1] - span[0]) / length, run_on, (), located=True,
                                similarity_drop=drop, whole_sentence=span == doc.sentences[sentence], side=side,
                                bare_seam=True)
            continue
        (first, last), gain = grow(best, float(single_gains[best]), members, run_on, similarity_without, whole)
        span = (pieces[first].span[0], pieces[last].span[1])
        window = doc.text[span[0]:span[1]]
        if side == "source":
            anchors = missing_anchors(window, other_text, words, doc.lang, view.other.lang)
        else:  # German capitalises every noun, so only numbers serve as anchors there
            anchors = missing_numbers(window, other_text, doc.lang, view.other.lang)
        found = True
        yield Candidate(bead, span, gain, shortfall, (span[1] - span[0]) / length, run_on,
                        tuple(anchors), located=True, similarity_drop=drop,
                        whole_sentence=span == doc.sentences[sentence], side=side,
                        bare_seam=sentence == second)
    if not found:
        yield length_only_candidate(bead, view, shortfall, run_on, drop)


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


CHECK = Check(name="partial-omission", rules=(PARTIAL_OMISSION,), run=find_partial_omissions)
ADDITION_CHECK = Check(name="partial-addition", rules=(PARTIAL_ADDITION,), run=find_partial_additions)
