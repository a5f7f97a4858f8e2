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

import argparse
import os
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fit_omission import auc, balanced_weights, dev_contexts, fit_logistic  # noqa: E402

TABLE = Path(os.environ.get("TMPDIR", "/tmp")) / "aligner-added-words-features.npz"


def gold_additions(item: dict):
    if "defects" in item:  # synthetic
        return [(d["start"], max(d["end"], d["start"] + 1)) for d in item["defects"] if d["kind"] == "addition"]
    return [(e["start"], e["end"]) for e in item["errors"]
            if e["category"] == "accuracy/addition" and e["severity"] == "major" and e["side"] == "target"]


def collect(shared: Path) -> None:
    from aligner.checks.added_words import find_candidates

    rows, labels, groups, sets = [], [], [], []
    for set_id, item, ctx in dev_contexts(shared):
        gold = gold_additions(item)
        for c in find_candidates(ctx):
            rows.append(c.features())
            labels.append(any(a < c.span[1] and c.span[0] < b for a, b in gold))
            groups.append(f"{set_id}:{item['id']}")
            sets.append(set_id)
    np.savez(TABLE, X=np.array(rows, dtype=float), y=np.array(labels), groups=np.array(groups),
             sets=np.array(sets))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--reuse", action="store_true", help="refit from the saved feature table")
    args = parser.parse_args()
    if not args.reuse or not TABLE.exists():
        collect(args.shared)
    from aligner.checks.added_words import FEATURES

    data = np.load(TABLE)
    X, y, groups, sets = data["X"], data["y"].astype(bool), data["groups"], data["sets"]
    print(f"{len(y)} candidates, {int(y.sum())} positive (synthetic {int(y[sets == 0].sum())}, "
          f"MQM {int(y[sets == 1].sum())})")
    weights = balanced_weights(y, sets)
    unique = np.unique(groups)
    rng = np.random.default_rng(0)
    fold_of = dict(zip(unique, rng.integers(0, 5, len(unique))))
    folds = np.array([fold_of[g] for g in groups])
    held_out = np.zeros(len(y))
    for k in range(5):
        w = fit_logistic(X[folds != k], y[folds != k], sample_weight=weights[folds != k])
        held_out[folds == k] = 1 / (1 + np.exp(-(w[0] + X[folds == k] @ w[1:])))
    print(f"cross-validated candidate AUC {auc(held_out, y):.3f} (synthetic {auc(held_out[sets == 0], y[sets == 0]):.3f}, "
          f"MQM {auc(held_out[sets == 1], y[sets == 1]):.3f}); the run length alone {auc(X[:, 0], y):.3f}")
    for threshold in (0.2, 0.35, 0.5):
        for set_id, name in ((0, "synthetic"), (1, "MQM")):
            flagged = (held_out >= threshold) & (sets == set_id)
            print(f"  at {threshold}, {name}: {int(flagged.sum())} flagged, {int((flagged & y).sum())} right")
    w = fit_logistic(X, y, sample_weight=weights)
    print("BIAS =", round(float(w[0]), 3))
    print("WEIGHTS = (" + ", ".join(f"{v:.3f}" for v in w[1:]) + ")  # " + ", ".join(FEATURES))


if __name__ == "__main__":
    main()
