"""Fit the evidence weights of added-words (aligner/checks/added_words.py) on dev data.

Every candidate the check considers (the longest run of unrendered German words of a pair) is
labelled by whether it overlaps an addition a reader marked on the target side: the planted
insertions of synthetic/dev.jsonl and the major additions of the MQM raters in mqm/dev.jsonl. A
logistic regression over the candidates' features gives the weights; 5-fold cross-validation by
document reports how well they rank held-out candidates.

    python bench/fit_added_words.py --shared ../shared            # collect features, fit, print weights
    python bench/fit_added_words.py --shared ../shared --reuse    # refit from the saved feature table

Only dev sets are read: mqm/test.jsonl is for reporting.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fit_omission import (auc, balanced_weights, cross_validated, feature_table, fit_logistic,  # noqa: E402
                          print_weights, save_candidates)

TABLE = Path(os.environ.get("TMPDIR", "/tmp")) / "aligner-added-words-features.npz"


def gold_additions(item: dict):
    from calibrate import gold_spans  # the labels the calibration is fitted to

    return gold_spans(item, "addition", "target")


def collect(shared: Path) -> None:
    from aligner.checks.added_words import find_candidates

    save_candidates(shared, TABLE, find_candidates, gold_additions)


def main() -> None:
    X, y, groups, sets = feature_table(__doc__, TABLE, collect)
    from aligner.checks.added_words import FEATURES

    print(f"{len(y)} candidates, {int(y.sum())} positive (synthetic {int(y[sets == 0].sum())}, "
          f"MQM {int(y[sets == 1].sum())})")
    weights = balanced_weights(y, sets)
    held_out = cross_validated(X, y, groups, weights)
    print(f"cross-validated candidate AUC {auc(held_out, y):.3f} "
          f"(synthetic {auc(held_out[sets == 0], y[sets == 0]):.3f}, MQM {auc(held_out[sets == 1], y[sets == 1]):.3f}); "
          f"the run length alone {auc(X[:, 0], y):.3f}")
    for threshold in (0.2, 0.35, 0.5):
        for set_id, name in ((0, "synthetic"), (1, "MQM")):
            flagged = (held_out >= threshold) & (sets == set_id)
            print(f"  at {threshold}, {name}: {int(flagged.sum())} flagged, {int((flagged & y).sum())} right")
    print_weights(fit_logistic(X, y, sample_weight=weights), FEATURES)


if __name__ == "__main__":
    main()
