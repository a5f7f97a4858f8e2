"""Tried at stop 19: does how tightly a document is translated change what a clause's evidence says?

A careful, close translation (news) leaves little room: a pair 25 % shorter than the document's
own ratio, or a clause whose removal raises the similarity, says more there than in a loose,
spoken or literary rendering, where translators shorten and paraphrase freely. partial-omission
weighs each candidate's evidence alike in every document. This adds to each candidate of the dev
sets what its document says about itself, and interactions of it with the candidate's evidence:

- tightness: the median similarity of the document's linked pairs (e5-small, sentence level);
- ratio_spread: the median absolute deviation of the pairs' log length ratios (target/source);
- shortfall × tightness, gain × tightness, shortfall × ratio_spread (centred on the dev means);

then cross-validates partial-omission's model by document (bench/fit_omission.py's fit and
folds) with and without them, and prints how many synthetic and MQM candidates the held-out
probabilities put at 0.5 and 0.75, as the stop-18 table does.

    python bench/experiments/document_tightness.py --shared ../shared
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from fit_omission import (FeatureRow, feature_table, gold_omissions, print_variant_table,  # noqa: E402
                          save_candidates)

TABLE = Path(os.environ.get("TMPDIR", "/tmp")) / "aligner-omission-tightness.npz"


def with_document_features(ctx):
    """partial-omission's candidates of one document, each with the document's own two figures."""
    from aligner.checks.partial_omission import find_candidates

    linked = ctx.linked_beads()
    tightness = float(np.median([b.score for b in linked])) if linked else 0.0
    ratios = [np.log(max(1, len(ctx.target_text(b))) / max(1, len(ctx.source_text(b)))) for b in linked]
    spread = float(np.median(np.abs(np.array(ratios) - np.median(ratios)))) if ratios else 0.0
    for c in find_candidates(ctx):
        yield FeatureRow(c.span, (*c.features(), tightness, spread))


def main() -> None:
    X, y, groups, sets = feature_table(
        __doc__, TABLE, lambda shared: save_candidates(shared, TABLE, with_document_features, gold_omissions))
    from aligner.checks.partial_omission import FEATURES

    base = X[:, :len(FEATURES)]
    tightness, spread = X[:, len(FEATURES)], X[:, len(FEATURES) + 1]
    shortfall, gain = base[:, FEATURES.index("shortfall")], base[:, FEATURES.index("gain")]
    t = (tightness - tightness.mean()) / 0.05  # per 0.05 of median similarity
    s = (spread - spread.mean()) / 0.1  # per 0.1 of log-ratio spread
    variants = {
        "the checker's": base,
        "+ tightness, ratio_spread": np.column_stack([base, t, s]),
        "+ the two and their interactions": np.column_stack([base, t, s, shortfall * t, gain * t, shortfall * s]),
    }
    print(f"{len(y)} candidates, {int(y.sum())} positive; tightness median {np.median(tightness):.3f} "
          f"(synthetic {np.median(tightness[sets == 0]):.3f}, MQM {np.median(tightness[sets == 1]):.3f})")
    print_variant_table(variants, y, groups, sets)


if __name__ == "__main__":
    main()
