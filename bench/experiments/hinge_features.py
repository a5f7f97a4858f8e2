"""Tried at stop 16, not kept: is the evidence of partial-omission or negation-mismatch bent, as
name-mismatch's spelling is (bench/fit_names.py: a hinge above 0.5 moved its fit)?

For each continuous feature of the partial-omission model, a hinge max(0, x - t) at its median and
at its 90th percentile is added and the model cross-validated by document as
bench/fit_omission.py does. For the added-negation model, hinges on the gain and the word gap at
their quartiles, and their product, cross-validated on synthetic/dev.jsonl as bench/fit_negation.py
does (five fold draws, averaged). Both read the fit scripts' saved candidate tables and collect
them first when missing.

    python bench/experiments/hinge_features.py --shared ../shared
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import fit_negation  # noqa: E402
import fit_omission  # noqa: E402
from fit_omission import auc, balanced_weights, cross_validated  # noqa: E402


def omission(shared: Path) -> None:
    from aligner.checks.partial_omission import FEATURES

    if not fit_omission.TABLE.exists():
        fit_omission.collect(shared)
    data = np.load(fit_omission.TABLE)
    X, y, groups, sets = data["X"], data["y"].astype(bool), data["groups"], data["sets"]
    weights = balanced_weights(y, sets)

    def report(name: str, features: np.ndarray) -> None:
        held_out = cross_validated(features, y, groups, weights)
        counts = "; ".join(f"at {t}: synthetic {int(((held_out >= t) & (sets == 0)).sum())}/"
                           f"{int(((held_out >= t) & (sets == 0) & y).sum())}, "
                           f"MQM {int(((held_out >= t) & (sets == 1)).sum())}/"
                           f"{int(((held_out >= t) & (sets == 1) & y).sum())}" for t in (0.35, 0.5))
        print(f"  {name}: AUC {auc(held_out, y):.4f} (synthetic {auc(held_out[sets == 0], y[sets == 0]):.4f}, "
              f"MQM {auc(held_out[sets == 1], y[sets == 1]):.4f}); flagged/right {counts}")

    print(f"partial-omission, {len(y)} candidates, {int(y.sum())} right")
    report("as fitted", X)
    for j, name in enumerate(FEATURES):
        column = X[:, j]
        if len(np.unique(column)) < 5:
            continue
        for q in (0.5, 0.9):
            t = float(np.quantile(column, q))
            report(f"+ {name} above {t:.2f}", np.column_stack([X, np.maximum(0, column - t)]))


def negation(shared: Path) -> None:
    if not fit_negation.TABLE.exists():
        fit_negation.collect(shared)
    data = np.load(fit_negation.TABLE)
    keep = data["added"]
    X, y, groups, sets = data["X"][keep], data["y"][keep].astype(bool), data["groups"][keep], data["sets"][keep]
    synthetic = sets == 0

    def report(name: str, features: np.ndarray) -> None:
        rows = []
        for seed in range(5):
            held_out = fit_negation.held_out_by_document(features, y, groups, synthetic, seed)
            rows.append((auc(held_out[synthetic], y[synthetic]),
                         ((held_out >= 0.3) & synthetic).sum(), ((held_out >= 0.3) & synthetic & y).sum()))
        mean = np.mean(rows, axis=0)
        print(f"  {name}: synthetic AUC {mean[0]:.3f}; at 0.3 {mean[1]:.1f} flagged, {mean[2]:.1f} right")

    print(f"added negations, {len(y)} candidates, {int(y[synthetic].sum())} right on synthetic")
    gain, gap = X[:, 0], X[:, 1]
    report("as fitted", X)
    for name, column in (("gain", gain), ("word gap", gap)):
        for t in np.quantile(column, [0.25, 0.5, 0.75]):
            report(f"+ {name} above {t:.2f}", np.column_stack([X, np.maximum(0, column - t)]))
    report("+ gain x word gap", np.column_stack([X, gain * gap]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    omission(args.shared)
    negation(args.shared)


if __name__ == "__main__":
    main()
