"""Tried at stop 20, kept as added-words' third feature: does the German sentence an added-words run
lies in match the pair's source at all?

An inserted sentence (from another document) that the aligner merged into a pair shares no content
with the pair's source; a sentence a translator split off renders part of it. The sentence vectors
are already computed, so this costs nothing: for each added-words candidate, the German sentence
holding most of the run, its cosine with the pair's source (the mean of the source sentences'
vectors, renormalised) and how far that lies below the document's median pair similarity
(`sentence_gap`, in units of 0.01; 0 for a pair with one German sentence), and the same for the
pair's other German sentences (`rest_gap`: the best of them, so a run in a split pair whose other
half matches well stands out). Cross-validated by document as bench/fit_added_words.py does.

    python bench/experiments/added_sentence_similarity.py --shared ../shared [--reuse]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from fit_added_words import gold_additions  # noqa: E402
from fit_omission import FeatureRow, feature_table, print_variant_table, save_candidates  # noqa: E402

TABLE = Path(os.environ.get("TMPDIR", "/tmp")) / "aligner-added-sentence-similarity.npz"


def find_candidates(ctx):
    from aligner.checks.added_words import find_candidates as added_words_candidates

    linked = ctx.linked_beads()
    median = float(np.median([b.score for b in linked])) if linked else 0.0
    for c in added_words_candidates(ctx):
        sentence_gap = rest_gap = 0.0
        if len(c.bead.target) > 1 and c.bead.source:
            source = ctx.source_vectors[list(c.bead.source)].mean(axis=0)
            source /= np.linalg.norm(source)
            overlap = [min(c.span[1], ctx.target.sentences[j][1]) - max(c.span[0], ctx.target.sentences[j][0])
                       for j in c.bead.target]
            holder = c.bead.target[int(np.argmax(overlap))]
            sentence_gap = (median - float(ctx.target_vectors[holder] @ source)) / 0.01
            rest_gap = min((median - float(ctx.target_vectors[j] @ source)) / 0.01
                           for j in c.bead.target if j != holder)
        run, depth = c.features()[:2]  # the checker's first two features (its third is sentence_gap)
        yield FeatureRow(c.span, (run, depth, sentence_gap, rest_gap, float(len(c.bead.target) > 1)))


def main() -> None:
    X, y, groups, sets = feature_table(
        __doc__, TABLE, lambda shared: save_candidates(shared, TABLE, find_candidates, gold_additions))
    split = X[:, 4] > 0
    print(f"{len(y)} candidates, {int(y.sum())} right; in a pair with several German sentences {int(split.sum())}, "
          f"{int((split & y).sum())} right")
    for name, rows in (("right", split & y), ("wrong", split & ~y)):
        print(f"  sentence_gap of the {name} ones: " + ", ".join(f"{v:.1f}" for v in sorted(X[rows, 2])))
    columns = {"run, depth (stop 15)": [0, 1], "+ sentence_gap (kept)": [0, 1, 2],
               "+ sentence_gap, rest_gap": [0, 1, 2, 3]}
    variants = {label: X[:, c] for label, c in columns.items()}
    variants["+ sentence_gap - rest_gap"] = np.column_stack([X[:, :2], X[:, 2] - X[:, 3]])
    print_variant_table(variants, y, groups, sets)

if __name__ == "__main__":
    main()
