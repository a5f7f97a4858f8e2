"""Sentence alignment by dynamic programming over beads.

A bead pairs a run of consecutive source sentences with a run of consecutive target sentences
(1-1, 2-1, 1-2, 2-2, ... up to AlignParams.max_bead sentences in all); a 1-0 or 0-1 bead is a
sentence with no counterpart, which the checks report as an omission or an addition. The
aligner only sees one unit vector per sentence and the sentences' character lengths.

How a bead is scored (higher is better; the DP maximises the sum over the path):

  merged side  a side of several sentences gets the normalised length-weighted sum of its
               sentence vectors, so each sentence is embedded once. Optionally the merged sides
               the first pass chooses (or nearly chooses) are embedded as one text through
               `embed_merged` and the path recomputed.
  support      each sentence of the bead is compared with the merged other side: cos(x, other).
               A sentence that does not belong (an omission hidden inside a 2-1 bead) has low
               support even when the merged cosine barely drops.
  margin       per sentence: support minus the sentence's neighbourhood, its mean cosine to its
               k nearest sentences on the other side (LASER/Vecalign-style normalisation: a
               sentence that resembles everything gains nothing from resembling its partner),
               minus the other side's merge inflation (a sum of vectors resembles everything a
               little more than its parts do).
  link score   a log-linear score, in log-odds units, of three terms (Gale & Church's model with
               a similarity term added, as hunalign and Bertalign add one):
                 similarity_weight * sum over the bead's sentences of (margin - skip threshold)
                 + prior_weight * log P(bead type)        (counts of the tuning split's gold)
                 - length_weight * delta^2 / 2            (Gale-Church: delta is how far the
                   target length strays from the document's ratio times the source length,
                   in standard deviations; variance proportional to the length)
               The skip threshold is calibrated per document from its own margins (the worst
               best-match margin, less an offset).
  null bead    prior_weight * log P(null): a fixed price for leaving a sentence unaligned,
               whatever its length. (Gale-Church's length term for nulls, which makes long
               unaligned sentences dear, suits Text+Berg's OCR fragments but hid planted
               sentence omissions and insertions in EN-DE documents: BENCHMARKS.md.)

The score reported on a Bead is plain: the cosine of its two merged sides, clipped to [0, 1].

Speed: the DP runs in a band around a path found on a copy of the document with pairs of
consecutive sentences merged (recursively, as Vecalign does), so time and memory grow about
linearly with document length. The one quadratic step is the nearest-neighbour search for the
margin, a chunked matrix product (fractions of a second at a few thousand sentences).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np

Span = Tuple[str, int, int]  # (side "source"/"target", first sentence, number of sentences)
EmbedMerged = Callable[[List[Tuple[str, Tuple[int, ...]]]], np.ndarray]

# How often each bead type occurs in the gold alignments of the tuning split (Text+Berg
# 001-003), for the log-prior of a bead's type. The two null types are pooled: which side has
# the unaligned sentences depends on the document, not on the language.
BEAD_TYPE_COUNTS = {(1, 1): 340, (2, 1): 52, (1, 2): 23, (3, 1): 10, (2, 2): 8, (1, 3): 4, (1, 4): 2,
                    (1, 0): 23, (0, 1): 23}
PRIOR_SMOOTHING = 0.5  # added to every type's count, so unseen types (2-3, 1-5, ...) stay possible


@dataclass(frozen=True)
class Bead:
    source: Tuple[int, ...]  # consecutive source sentence indices, () for a 0-1 bead
    target: Tuple[int, ...]  # consecutive target sentence indices, () for a 1-0 bead
    score: float  # similarity of the two sides in [0, 1]; 0.0 for a null bead


@dataclass(frozen=True)
class AlignParams:
    """Defaults tuned on Text+Berg 001-003 (de-fr) with multilingual-e5-small; see bench/align_gold.py."""
    max_bead: int = 8  # most sentences in one bead, both sides together (a 2-1 bead has 3)
    margin_neighbours: int = 2  # k of the margin: nearest candidates averaged; 0 = raw cosine
    merge_inflation: float = 1.0  # share of the merge-inflation correction applied (_Side.inflation)
    merge_length_exponent: float = 1.0  # merged side vector = sum of length^this * sentence vector
    skip_quantile: float = 0.0  # skip threshold = this quantile of the sentences' best 1-1 margins ...
    skip_offset: float = 0.05  # ... minus this: how far below it a link still beats leaving sentences unaligned
    similarity_weight: float = 220.0  # log-odds per unit of margin above the threshold (a logistic fit on dev: 118)
    prior_weight: float = 0.5  # weight of log P(bead type), BEAD_TYPE_COUNTS
    length_weight: float = 1.25  # weight of the Gale-Church term -delta^2/2; 0 = off
    length_variance: float = 3.4  # Gale-Church s^2: variance of target chars per source char (dev gold beads)
    null_full_length: float = 10.0  # sentences shorter than this (chars) are cheaper to leave unaligned
    full_dp_sentences: int = 300  # documents up to this many sentences per side get the full DP
    band_width: int = 10  # half-width (in sentences) of the band around the coarser level's path
    reembed_gap: float = 0.0  # also re-embed merged sides of beads scoring within this of the chosen one
    reembed_every_merge: bool = False  # re-embed every merged side of up to 4 sentences (bench upper bound)


def align(source_vectors: np.ndarray, target_vectors: np.ndarray,
          source_lengths: Sequence[int], target_lengths: Sequence[int],
          params: AlignParams = AlignParams(), embed_merged: Optional[EmbedMerged] = None) -> List[Bead]:
    """Beads in document order covering every source and target sentence exactly once."""
    n, m = len(source_lengths), len(target_lengths)
    if n == 0 or m == 0:
        return ([Bead((i,), (), 0.0) for i in range(n)] + [Bead((), (j,), 0.0) for j in range(m)])
    source_vectors = np.asarray(source_vectors, dtype=np.float64)
    target_vectors = np.asarray(target_vectors, dtype=np.float64)
    source = _Side(source_vectors, source_lengths, params)
    target = _Side(target_vectors, target_lengths, params)
    band = _band_for(source, target, params)
    lattice = _Lattice(source, target, band, params)
    path = lattice.best_path()
    if embed_merged is not None:
        spans = lattice.merged_spans(path) if not params.reembed_every_merge else lattice.every_merged_span(4)
        if spans:
            vectors = embed_merged([(side, tuple(range(start, start + size))) for side, start, size in spans])
            lattice.override(dict(zip(spans, np.asarray(vectors, dtype=np.float64))))
            path = lattice.best_path()
    return lattice.beads(path)


class _Side:
    """One side's sentence vectors and lengths, with prefix sums so that any run of consecutive
    sentences (a span) has its merged vector, length and neighbourhood similarity cheaply."""

    def __init__(self, vectors: np.ndarray, lengths: Sequence[int], params: AlignParams):
        self.vectors = vectors
        self.lengths = np.asarray(lengths, dtype=np.float64)
        # Longer sentences weigh more in a merged side's vector: they carry more of its meaning.
        self.weights = np.maximum(self.lengths, 1.0) ** params.merge_length_exponent
        self.inflation_share = params.merge_inflation
        self.weighted_prefix = _prefix(vectors * self.weights[:, None])
        self.vector_prefix = _prefix(vectors)
        self.length_prefix = _prefix(self.lengths)
        self.weight_prefix = _prefix(self.weights)
        self._norms: Dict[int, np.ndarray] = {}
        self.other_mean = np.zeros(vectors.shape[1])  # mean sentence vector of the other side
        self.neighbourhood_prefix = _prefix(np.zeros(len(self.lengths)))
        self.mean_similarity_prefix = _prefix(np.zeros(len(self.lengths)))
        self.merged_mean_similarity: Dict[int, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self.lengths)

    def merged(self, start: np.ndarray, size: int) -> np.ndarray:
        """Unnormalised weighted sums of the sentence vectors of spans [start, start+size)."""
        return self.weighted_prefix[start + size] - self.weighted_prefix[start]

    def summed(self, start: np.ndarray, size: int) -> np.ndarray:
        """Plain sums of the sentence vectors of spans (dotted with a vector: the members' cosines)."""
        return self.vector_prefix[start + size] - self.vector_prefix[start]

    def merged_norm(self, size: int) -> np.ndarray:
        """Norm of the merged vector of every span of this size, by its first sentence."""
        if size not in self._norms:
            self._norms[size] = np.linalg.norm(self.merged(np.arange(len(self) - size + 1), size), axis=1)
        return self._norms[size]

    def span_length(self, start: np.ndarray, size: int) -> np.ndarray:
        return self.length_prefix[start + size] - self.length_prefix[start]

    def neighbourhood_sum(self, start: np.ndarray, size: int) -> np.ndarray:
        """Sum over the span's sentences of their mean cosine to their k nearest on the other side."""
        return self.neighbourhood_prefix[start + size] - self.neighbourhood_prefix[start]

    def inflation(self, start: np.ndarray, size: int) -> np.ndarray:
        """How much merging alone raises a span's cosine to anything on the other side.

        A sum of vectors shares more with everything than its parts do, so a sentence compared
        with a merged side looks better than with any single sentence. Measured as the merged
        vector's cosine to the other side's mean vector minus its sentences' (weighted) mean
        cosine to it; scaled by AlignParams.merge_inflation."""
        if size == 1 or not self.inflation_share:
            return np.zeros(np.shape(start))
        if size not in self.merged_mean_similarity:
            every = np.arange(len(self) - size + 1)
            self.merged_mean_similarity[size] = (self.merged(every, size) @ self.other_mean
                                                 / np.maximum(self.merged_norm(size), 1e-12))
        parts = ((self.mean_similarity_prefix[start + size] - self.mean_similarity_prefix[start])
                 / (self.weight_prefix[start + size] - self.weight_prefix[start]))
        return self.inflation_share * (self.merged_mean_similarity[size][start] - parts)

    def set_neighbourhood(self, nearest_mean: np.ndarray, other_mean: np.ndarray) -> None:
        self.other_mean = other_mean
        self.neighbourhood_prefix = _prefix(nearest_mean)
        self.mean_similarity_prefix = _prefix(self.vectors @ other_mean * self.weights)
        self.merged_mean_similarity = {}

    def override_mean_similarity(self, start: int, size: int, vector: np.ndarray) -> None:
        """A merged span was embedded as one text: its own cosine to the other side's mean."""
        self.inflation(np.array([start]), size)  # fills merged_mean_similarity[size]
        if size in self.merged_mean_similarity:
            self.merged_mean_similarity[size][start] = vector @ self.other_mean

    def downsampled(self, params: AlignParams) -> "_Side":
        """Pairs of consecutive sentences merged into one (the last may stay single)."""
        pairs = self.weighted_prefix[np.append(np.arange(0, len(self), 2), len(self))]
        vectors = _normalise(np.diff(pairs, axis=0))
        lengths = np.add.reduceat(self.lengths, np.arange(0, len(self), 2))
        return _Side(vectors, lengths, params)


def _prefix(values: np.ndarray) -> np.ndarray:
    return np.concatenate([np.zeros((1,) + values.shape[1:]), np.cumsum(values, axis=0)])


def _normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def _log_prior(a: int, b: int) -> float:
    """log P(bead type (a, b)), from BEAD_TYPE_COUNTS smoothed over every type up to 8 sentences."""
    types = 28 + 2  # link types of up to 8 sentences, and the two null types
    total = sum(BEAD_TYPE_COUNTS.values()) + PRIOR_SMOOTHING * types
    return float(np.log((BEAD_TYPE_COUNTS.get((a, b), 0) + PRIOR_SMOOTHING) / total))


def _set_margins(source: _Side, target: _Side, k: int) -> None:
    """Each sentence's mean cosine to its k most similar sentences on the other side."""
    source_mean, target_mean = source.vectors.mean(axis=0), target.vectors.mean(axis=0)
    if k <= 0:  # raw cosine: no neighbourhood at all
        source.set_neighbourhood(np.zeros(len(source)), np.zeros_like(target_mean))
        target.set_neighbourhood(np.zeros(len(target)), np.zeros_like(source_mean))
        return
    src_top = np.empty(len(source))
    tgt_best = np.full((len(target), min(k, len(source))), -np.inf)
    rows_per_chunk = max(1, 4_000_000 // max(len(target), 1))
    for start in range(0, len(source), rows_per_chunk):
        sims = source.vectors[start:start + rows_per_chunk] @ target.vectors.T
        kk = min(k, sims.shape[1])
        src_top[start:start + rows_per_chunk] = -np.partition(-sims, kk - 1, axis=1)[:, :kk].mean(axis=1)
        both = np.concatenate([tgt_best, sims.T], axis=1)
        tgt_best = -np.partition(-both, tgt_best.shape[1] - 1, axis=1)[:, :tgt_best.shape[1]]
    source.set_neighbourhood(src_top, target_mean)
    target.set_neighbourhood(tgt_best.mean(axis=1), source_mean)


# A band is, for each lattice row i (i source sentences consumed), the half-open range of
# lattice columns [low[i], high[i]) the path may pass through. Both bounds never decrease.
Band = Tuple[np.ndarray, np.ndarray]


def _band_for(source: _Side, target: _Side, params: AlignParams) -> Band:
    """Full band for small documents; else the band around the path of the halved document."""
    n, m = len(source), len(target)
    if max(n, m) <= params.full_dp_sentences:
        return np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m + 1, dtype=np.int64)
    coarse_source, coarse_target = source.downsampled(params), target.downsampled(params)
    coarse_params = replace(params, max_bead=min(params.max_bead, 4))  # coarse sentences are pairs already
    coarse = _Lattice(coarse_source, coarse_target, _band_for(coarse_source, coarse_target, coarse_params),
                      coarse_params)
    return _project(coarse.best_path(), n, m, params.band_width)


def _project(coarse_path: List[Tuple[int, int]], n: int, m: int, width: int) -> Band:
    """The band around a coarse path scaled up to the full document, widened by `width`."""
    coarse_rows = (n + 1) // 2 + 1
    col_min = np.full(coarse_rows, np.iinfo(np.int64).max)
    col_max = np.zeros(coarse_rows, dtype=np.int64)
    previous = (0, 0)
    for point in coarse_path:
        rows = slice(previous[0], point[0] + 1)
        col_min[rows] = np.minimum(col_min[rows], previous[1])
        col_max[rows] = np.maximum(col_max[rows], point[1])
        previous = point
    fine_rows = np.arange(n + 1)
    below, above = fine_rows // 2, np.minimum((fine_rows + 1) // 2, coarse_rows - 1)
    low = 2 * np.minimum(col_min[below], col_min[above]) - width
    high = 2 * np.maximum(col_max[below], col_max[above]) + width + 1
    low = np.minimum.accumulate(np.clip(low, 0, m)[::-1])[::-1]
    high = np.maximum.accumulate(np.clip(high, 1, m + 1))
    low[0], high[-1] = 0, m + 1  # the path starts at (0, 0) and ends at (n, m)
    return low, high


class _Lattice:
    """The DP over lattice points (i, j) = (source sentences consumed, target consumed), in a band.

    Scores are held densely per row: row i covers columns low[i] .. low[i] + width - 1."""

    def __init__(self, source: _Side, target: _Side, band: Band, params: AlignParams):
        self.source, self.target, self.params = source, target, params
        self.low, self.high = band
        self.width = int((self.high - self.low).max())
        n = len(source)
        _set_margins(source, target, params.margin_neighbours)
        # Bead types (a, b): a source and b target sentences. Null beads are (1, 0) and (0, 1).
        self.types = [(a, b) for a in range(1, params.max_bead) for b in range(1, params.max_bead - a + 1)]
        self.types.append((1, 0))
        self.rows = np.arange(n + 1)[:, None]
        self.columns = self.low[:, None] + np.arange(self.width)[None, :]
        self.inside = self.columns < self.high[:, None]
        self.document_ratio = target.lengths.sum() / max(source.lengths.sum(), 1.0)
        self.type_sources = np.array([a for a, _ in self.types])
        self.type_targets = np.array([b for _, b in self.types])
        # Real embeddings of merged spans, per (side, size): one row per span start (rows not
        # overridden hold the normalised sum), and which rows are real.
        self.overrides: Dict[Tuple[str, int], np.ndarray] = {}
        self.overridden: Dict[Tuple[str, int], np.ndarray] = {}
        self._similarities()
        self.threshold = self._skip_threshold()

    # ------------------------------------------------------------- scores

    def _similarities(self) -> None:
        """For each link bead type (a, b) ending at each band cell, from merged sentence vectors:

        cosine[(a, b)]   cosine of the two merged sides (the bead's reported score);
        support[(a, b)]  the sum over the bead's a + b sentences of each one's cosine to the
                         merged other side: how well every member is explained by its partner.

        Both are sums over the block of sentence-pair cosines the bead spans, with the two
        sides' sentence weights or not; sums over target runs come from per-source-row prefix
        sums of one window of sentence cosines, so each sentence pair is multiplied once."""
        source, target, params = self.source, self.target, self.params
        n, m = len(source), len(target)
        longest = params.max_bead - 1
        # Window of target sentences each source sentence r can meet in a bead: the columns of
        # lattice rows r+1 .. r+longest, reaching `longest` sentences back.
        ends = np.minimum(np.arange(n) + longest, n)
        window_low = np.maximum(self.low[1:] - longest, 0)
        window = int(max((np.minimum(self.high[ends], m) - window_low).max(), 1))
        window_columns = window_low[:, None] + np.arange(window)[None, :]
        outside = window_columns >= m
        window_columns = np.minimum(window_columns, m - 1)
        pair_cosines = np.empty(window_columns.shape)
        for first in range(0, n, 64):  # rows in chunks: one matrix product over the chunk's columns
            rows = slice(first, first + 64)
            lowest = int(window_low[rows].min())
            block = source.vectors[rows] @ target.vectors[lowest:int(window_columns[rows].max()) + 1].T
            pair_cosines[rows] = np.take_along_axis(block, window_columns[rows] - lowest, axis=1)
        pair_cosines[outside] = 0.0

        def row_prefix(values: np.ndarray) -> np.ndarray:
            return np.concatenate([np.zeros((n, 1)), np.cumsum(values, axis=1)], axis=1)
        target_weighted = pair_cosines * target.weights[window_columns]
        both_weighted = row_prefix(target_weighted * source.weights[:, None])
        target_weighted = row_prefix(target_weighted)
        source_weighted = row_prefix(pair_cosines * source.weights[:, None])

        def block_row(prefix: np.ndarray, r: np.ndarray, b: int) -> np.ndarray:
            """Sum of one source sentence's window entries with targets [column - b, column)."""
            r_clip = np.clip(r, 0, n - 1)
            last = np.clip(self.columns - window_low[r_clip], 0, window)
            first = np.clip(self.columns - b - window_low[r_clip], 0, window)
            return prefix[r_clip, last] - prefix[r_clip, first]

        self.cosine, self.support = {}, {}
        for b in range(1, min(longest, m) + 1):
            target_norm = target.merged_norm(b)[np.clip(self.columns - b, 0, m - b)]
            dot = np.zeros(self.columns.shape)  # merged source . merged target
            members_source = np.zeros(self.columns.shape)  # sum of source sentences . merged target
            members_target = np.zeros(self.columns.shape)  # merged source . sum of target sentences
            for a in range(1, min(params.max_bead - b, n) + 1):
                r = self.rows - a
                dot += block_row(both_weighted, r, b)
                members_source += block_row(target_weighted, r, b)
                members_target += block_row(source_weighted, r, b)
                source_norm = source.merged_norm(a)[np.clip(self.rows - a, 0, n - a)]
                self.cosine[(a, b)] = dot / np.maximum(source_norm * target_norm, 1e-12)
                self.support[(a, b)] = (members_source / np.maximum(target_norm, 1e-12)
                                        + members_target / np.maximum(source_norm, 1e-12))

    def _skip_threshold(self) -> float:
        """The per-sentence margin below which linking a sentence is worth less than leaving it
        unaligned: a low quantile of the best 1-1 margin each sentence reaches, minus an offset."""
        margin = np.where(self._valid(1, 1), self._margin(1, 1) / 2, -np.inf)
        best_source = margin.max(axis=1)[1:]
        best_target = np.full(len(self.target), -np.inf)
        np.maximum.at(best_target, np.clip(self.columns - 1, 0, len(self.target) - 1).ravel(), margin.ravel())
        best = np.concatenate([best_source, best_target])
        return float(np.quantile(best[np.isfinite(best)], self.params.skip_quantile)) - self.params.skip_offset

    def _valid(self, a: int, b: int) -> np.ndarray:
        """Band cells where a bead (a, b) can end: it must start inside the document."""
        return self.inside & (self.rows >= a) & (self.columns >= b) & (self.columns <= len(self.target))

    def _margin(self, a: int, b: int) -> np.ndarray:
        """Sum over the bead's sentences of: cosine to the merged other side, minus the
        sentence's own neighbourhood (mean cosine to its k nearest), minus the other side's
        merge inflation. About 0 for a sentence with a typical partner, higher for a good one."""
        n, m = len(self.source), len(self.target)
        source_start = np.clip(self.rows - a, 0, n - a)
        target_start = np.clip(self.columns - b, 0, m - b)
        return (self.support[(a, b)]
                - self.source.neighbourhood_sum(source_start, a) - self.target.neighbourhood_sum(target_start, b)
                - a * self.target.inflation(target_start, b) - b * self.source.inflation(source_start, a))

    def _link_score(self, a: int, b: int) -> np.ndarray:
        """DP score of an (a, b) bead ending at each band cell; -inf where it cannot end.

        Each sentence earns its margin minus the skip threshold, so a sentence joins a bead
        only if its partner explains it better than a typical mismatch; the bead type's prior
        and the Gale-Church length fit add what similarity cannot see (module docstring)."""
        params, n, m = self.params, len(self.source), len(self.target)
        score = params.similarity_weight * (self._margin(a, b) - (a + b) * self.threshold)
        score += params.prior_weight * _log_prior(a, b)
        if params.length_weight:
            source_chars = self.source.span_length(np.clip(self.rows - a, 0, n - a), a)
            target_chars = self.target.span_length(np.clip(self.columns - b, 0, m - b), b)
            score -= params.length_weight * self._length_delta2(source_chars, target_chars) / 2
        return np.where(self._valid(a, b), score, -np.inf)

    def _length_delta2(self, source_chars: np.ndarray, target_chars: np.ndarray) -> np.ndarray:
        """Gale-Church delta squared: the target length's deviation from ratio * source length,
        in standard deviations, the variance growing with the length."""
        expected = self.document_ratio * source_chars
        return (target_chars - expected) ** 2 / (self.params.length_variance
                                                 * np.maximum((expected + target_chars) / 2, 1.0))

    def override(self, vectors: Dict[Span, np.ndarray]) -> None:
        """Use real embeddings for these merged spans and recompute the scores they touch."""
        n, m = len(self.source), len(self.target)
        for (side, start, size), vector in vectors.items():
            sentences = self.source if side == "source" else self.target
            if (side, size) not in self.overrides:
                self.overrides[(side, size)] = _normalise(sentences.merged(np.arange(len(sentences) - size + 1), size))
                self.overridden[(side, size)] = np.zeros(len(sentences) - size + 1, dtype=bool)
            unit = vector / max(np.linalg.norm(vector), 1e-12)
            self.overrides[(side, size)][start] = unit
            self.overridden[(side, size)][start] = True
            sentences.override_mean_similarity(start, size, unit)
        none = np.zeros(max(n, m) + 1, dtype=bool)
        for (a, b), cosine in self.cosine.items():
            source_start = np.clip(self.rows - a, 0, n - a)
            target_start = np.clip(self.columns - b, 0, m - b)
            touched = self._valid(a, b) & (self.overridden.get(("source", a), none)[source_start]
                                           | self.overridden.get(("target", b), none)[target_start])
            if touched.any():
                # Only the few touched cells change: recompute their products directly, one
                # pair of span vectors per cell (a whole-band product here cost seconds).
                cells = np.nonzero(touched)
                first_source = source_start[cells[0], 0] if source_start.shape[1] == 1 else source_start[cells]
                first_target = target_start[cells]
                left = self._span_vectors("source", first_source, a)
                right = self._span_vectors("target", first_target, b)
                cosine[cells] = np.einsum("ij,ij->i", left, right)
                self.support[(a, b)][cells] = (
                    np.einsum("ij,ij->i", self.source.summed(first_source, a), right)
                    + np.einsum("ij,ij->i", left, self.target.summed(first_target, b)))

    def _span_vectors(self, side: str, starts: np.ndarray, size: int) -> np.ndarray:
        if (side, size) in self.overrides:
            return self.overrides[(side, size)][starts]
        sentences = self.source if side == "source" else self.target
        return _normalise(sentences.merged(starts, size))

    # ------------------------------------------------------------- search

    def _candidates(self, i: int) -> np.ndarray:
        """Path score of reaching each cell of row i by each bead type with a >= 1 (types x width)."""
        previous_rows = i - self.type_sources
        index = self.columns[i][None, :] - self.type_targets[:, None] - self.low[np.maximum(previous_rows, 0)][:, None]
        ok = (previous_rows[:, None] >= 0) & (index >= 0) & (index < self.width)
        reached = self.best[np.maximum(previous_rows, 0)[:, None], np.clip(index, 0, self.width - 1)]
        return np.where(ok, reached + self.scores[:, i, :], -np.inf)

    def best_path(self) -> List[Tuple[int, int]]:
        """Lattice points after each bead of the best-scoring path from (0, 0) to (n, m)."""
        n = len(self.source)
        source_null = np.concatenate([[0.0], self._null_cost(self.source)])[self.rows]  # of sentence i-1 at row i
        self.scores = np.stack([self._link_score(a, b) if (a, b) in self.cosine
                                else np.where(self._valid(a, b) & (b == 0), -source_null, -np.inf)
                                for a, b in self.types])  # a 1-0 bead costs its null cost; longer than a side: never
        # Cumulative null cost of target sentences before each lattice column (0-1 beads).
        target_null = np.concatenate([[0.0], np.cumsum(self._null_cost(self.target)), [np.inf]])
        self.best = np.full((n + 1, self.width), -np.inf)
        choice = np.full((n + 1, self.width), -1, dtype=np.int64)  # type index; len(types) = 0-1
        for i in range(n + 1):
            candidates = self._candidates(i)
            row_best = candidates.max(axis=0)
            row_choice = candidates.argmax(axis=0)
            if i == 0:
                row_best[0] = 0.0  # the start point (0, 0); low[0] == 0
            # 0-1 beads (unaligned target sentences, each costing its null cost) chain along the
            # row: the best score at w is the best row_best[k] less the null costs of targets
            # k .. w-1, for k <= w (through 0-1 beads where k < w).
            row_best = np.where(self.inside[i], row_best, -np.inf)
            before = np.where(self.inside[i], target_null[np.minimum(self.columns[i], len(target_null) - 1)], 0.0)
            reach = np.maximum.accumulate(np.where(self.inside[i], row_best + before, -np.inf)) - before
            reach = np.where(self.inside[i], reach, -np.inf)
            from_left = np.concatenate([[False], reach[1:] > row_best[1:] + 1e-9])  # not rounding noise
            reach = np.where(from_left, reach, row_best)
            self.best[i] = reach
            choice[i] = np.where(from_left, len(self.types), row_choice)
        return self._trace(choice)

    def _null_cost(self, side: _Side) -> np.ndarray:
        """What leaving each sentence unaligned costs: minus a null bead's score (its prior),
        scaled down for fragments shorter than null_full_length characters ("V", "10 fr .")."""
        share = np.minimum(side.lengths / max(self.params.null_full_length, 1.0), 1.0)
        return -self.params.prior_weight * _log_prior(1, 0) * share

    def _trace(self, choice: np.ndarray) -> List[Tuple[int, int]]:
        i, j = len(self.source), len(self.target)
        points = []
        while (i, j) != (0, 0):
            points.append((i, j))
            t = choice[i, j - self.low[i]]
            a, b = self.types[t] if t < len(self.types) else (0, 1)
            i, j = i - a, j - b
        return points[::-1]

    # ------------------------------------------------------------- results

    def _steps(self, path: List[Tuple[int, int]]):
        previous = (0, 0)
        for point in path:
            yield previous, point
            previous = point

    def beads(self, path: List[Tuple[int, int]]) -> List[Bead]:
        beads = []
        for (i0, j0), (i1, j1) in self._steps(path):
            source, target = tuple(range(i0, i1)), tuple(range(j0, j1))
            score = 0.0
            if source and target:
                cosine = self.cosine[(i1 - i0, j1 - j0)][i1, j1 - self.low[i1]]
                score = float(np.clip(cosine, 0.0, 1.0))
            beads.append(Bead(source, target, score))
        return beads

    def merged_spans(self, path: List[Tuple[int, int]]) -> List[Span]:
        """Merged sides worth re-embedding: those of the chosen path's beads and of any bead that
        ends at a path point with a path score within reembed_gap of the chosen one."""
        spans = set()
        for (i0, j0), (i1, j1) in self._steps(path):
            candidates = self._candidates(i1)[:, j1 - self.low[i1]]
            chosen = self.best[i1, j1 - self.low[i1]]
            for t in np.nonzero(np.isfinite(candidates) & (candidates >= chosen - self.params.reembed_gap))[0]:
                a, b = self.types[t]
                spans.update(self._sides(i1 - a, a, j1 - b, b))
            spans.update(self._sides(i0, i1 - i0, j0, j1 - j0))
        return sorted(spans)

    @staticmethod
    def _sides(source_start: int, a: int, target_start: int, b: int) -> List[Span]:
        sides = []
        if a > 1 and b > 0:
            sides.append(("source", source_start, a))
        if b > 1 and a > 0:
            sides.append(("target", target_start, b))
        return sides

    def every_merged_span(self, longest: int) -> List[Span]:
        spans = [("source", s, a) for a in range(2, longest + 1) for s in range(len(self.source) - a + 1)]
        spans += [("target", s, b) for b in range(2, longest + 1) for s in range(len(self.target) - b + 1)]
        return spans
