"""Tried at stop 19: where does a German run-on stop rendering one English sentence and start the next?

partial-omission's length evidence for a run-on pair is the shortfall of the whole pair: two
English sentences against one German one. A run-on that swallowed the head of the second sentence
(as the seed's do) is short on that sentence alone, and a long first sentence hides it. This finds,
for each pair of two English sentences and one German sentence, the German word boundary that
best renders each English sentence on its side (the split k maximising cos(e1, g[:k]) + cos(e2,
g[k:]), every boundary embedded), and gives each partial-omission candidate of such a pair three
more features: the length shortfall of its own English sentence against the German part that
renders it (the document's length ratio, as the check's own shortfall), that part's similarity
to the sentence, and the other sentence's shortfall. Cross-validated by document as
bench/fit_omission.py does, with and without them.

    python bench/experiments/runon_split.py --shared ../shared
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from fit_omission import (FeatureRow, auc, feature_table, gold_omissions, print_variant_table,  # noqa: E402
                          save_candidates)

TABLE = Path(os.environ.get("TMPDIR", "/tmp")) / "aligner-omission-runon-split.npz"


def split_of(ctx, bead, ratio):
    """For a pair of two English sentences and one German sentence: per English sentence, (its
    span, its shortfall against its German part, that part's cosine with it); None otherwise."""
    if len(bead.source) != 2 or len(bead.target) != 1:
        return None
    s1, s2 = (ctx.source.sentence(i) for i in bead.source)
    g = ctx.target.sentence(bead.target[0])
    bounds = [m.start() for m in re.finditer(r"\s+", g)]
    if len(bounds) < 2:
        return None
    heads, tails = [g[:b].strip() for b in bounds], [g[b:].strip() for b in bounds]
    vectors = ctx.embed([s1, s2] + heads + tails)
    v1, v2 = vectors[0], vectors[1]
    H, T = vectors[2:2 + len(bounds)], vectors[2 + len(bounds):]
    k = int(np.argmax(H @ v1 + T @ v2))
    out = []
    for index, english, part, vector, v in ((bead.source[0], s1, heads[k], H[k], v1), (bead.source[1], s2, tails[k], T[k], v2)):
        shortfall = 1 - len(part) / (ratio * len(english)) if ratio else 0.0
        out.append((ctx.source.sentences[index], shortfall, float(vector @ v)))
    return out


def with_split_features(ctx):
    from aligner.checks.partial_omission import find_candidates

    ratio = ctx.expected_length_ratio()
    splits = {}
    for c in find_candidates(ctx):
        if c.bead not in splits:
            splits[c.bead] = split_of(ctx, c.bead, ratio)
        split = splits[c.bead]
        extra = (0.0, 0.0, 0.0, 0.0)
        if split:
            mine = max(range(2), key=lambda i: _overlap(split[i][0], c.span))
            other = 1 - mine
            extra = (1.0, split[mine][1], split[mine][2], split[other][1])
        yield FeatureRow(c.span, (*c.features(), *extra))


def _overlap(a, b):
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def main() -> None:
    X, y, groups, sets = feature_table(
        __doc__, TABLE, lambda shared: save_candidates(shared, TABLE, with_split_features, gold_omissions))
    from aligner.checks.partial_omission import FEATURES

    n = len(FEATURES)
    base, split, own, sim, other = X[:, :n], X[:, n], X[:, n + 1], X[:, n + 2], X[:, n + 3]
    # A similarity only means something where there was a split: centre it on the split pairs' mean.
    sim_c = np.where(split > 0, (sim - sim[split > 0].mean()) / 0.05, 0.0) if (split > 0).any() else sim
    variants = {
        "the checker's": base,
        "+ own sentence's shortfall": np.column_stack([base, own]),
        "+ own shortfall, its similarity": np.column_stack([base, own, sim_c]),
        "+ own, similarity, other's shortfall": np.column_stack([base, own, sim_c, other]),
    }
    print(f"{len(y)} candidates, {int(y.sum())} positive; {int((split > 0).sum())} in split pairs "
          f"({int(y[split > 0].sum())} positive)")
    print_variant_table(variants, y, groups, sets,
                        extra=[("split pairs", lambda p: f"{auc(p[split > 0], y[split > 0]):.4f}")])


if __name__ == "__main__":
    main()
