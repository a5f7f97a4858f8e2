"""Fit the evidence weights of negation-mismatch (aligner/checks/negation.py) on the dev sets only.

Every candidate the check considers (an aligned pair whose negation counts differ, with its best
deletion) is labelled by whether its surplus negation word overlaps, on its side, a planted
mistranslation (synthetic/dev.jsonl: inserted negations) or a major accuracy error of the MQM
raters (mqm/dev.jsonl). A logistic regression per direction (added, lost) over the deletion gain
and the word gap gives the weights: added negations are fitted on synthetic/dev.jsonl, where they
were planted, lost ones on mqm/dev.jsonl, the only set that has them. 5-fold cross-validation by
document reports how they rank held-out candidates of each set, beside the gain alone.

    python bench/fit_negation.py --shared ../shared [--reuse]   # prints ADDED_/LOST_ WEIGHTS and BIAS
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from fit_omission import auc, dev_contexts, fit_logistic, overlaps_marked_error  # noqa: E402


TABLE = Path(os.environ.get("TMPDIR", "/tmp")) / "aligner-negation-candidates.npz"


def collect(shared: Path, table: Path = TABLE, more_features=lambda ctx, candidate: (), contexts=None) -> None:
    """Every candidate with word evidence on the dev sets, its features (and `more_features` of
    it, for an experiment), labelled, saved to `table`. `contexts` replaces the dev sets' own
    (set, item, CheckContext) triples, for an experiment that changes them."""
    from aligner.checks.negation import find_candidates

    rows, labels, groups, sets, added = [], [], [], [], []
    for set_id, item, ctx in (dev_contexts(shared) if contexts is None else contexts):
        for c in find_candidates(ctx):
            if c.word_gap is None:
                continue
            document, indices, side = ((ctx.target, c.bead.target, "target") if c.added
                                       else (ctx.source, c.bead.source, "source"))
            start = document.offset_of(indices, c.word.start())
            rows.append((*c.features(), *more_features(ctx, c)))
            labels.append(overlaps_marked_error(item, side, (start, start + len(c.word.group()))))
            groups.append(f"{set_id}:{item['id']}")
            sets.append(set_id)
            added.append(c.added)
    np.savez(table, X=np.array(rows), y=np.array(labels), groups=np.array(groups), sets=np.array(sets),
             added=np.array(added))


def held_out_by_document(X, y, groups, fit_on, seed: int = 0) -> np.ndarray:
    """Each candidate's probability from a model fitted on the `fit_on` candidates of the other
    four of five folds drawn (with `seed`) by document."""
    unique = np.unique(groups)
    fold_of = dict(zip(unique, np.random.default_rng(seed).integers(0, 5, len(unique))))
    folds = np.array([fold_of[g] for g in groups])
    held_out = np.zeros(len(y))
    for k in range(5):
        train = (folds != k) & fit_on
        w = fit_logistic(X[train], y[train])
        held_out[folds == k] = 1 / (1 + np.exp(-(w[0] + X[folds == k] @ w[1:])))
    return held_out


def table_cells(held_out, y, sets, thresholds=(0.3, 0.4)):
    """The experiments' table cells: CV AUC on synthetic and on MQM, then flagged/right per set at
    each threshold."""
    cells = [f"{auc(held_out[sets == 0], y[sets == 0]):.3f}", f"{auc(held_out[sets == 1], y[sets == 1]):.3f}"]
    for t in thresholds:
        for s in (0, 1):
            flagged = (held_out >= t) & (sets == s)
            cells.append(f"{int(flagged.sum())}/{int((flagged & y).sum())}")
    return cells


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--reuse", action="store_true", help="refit from the saved candidate table")
    args = parser.parse_args()
    if not args.reuse or not TABLE.exists():
        collect(args.shared)
    data = np.load(TABLE)
    for direction in (True, False):
        keep = data["added"] == direction
        X, y, groups, sets = data["X"][keep], data["y"][keep].astype(bool), data["groups"][keep], data["sets"][keep]
        name = "ADDED" if direction else "LOST"
        # Added negations are fitted where they were planted (synthetic); MQM shows how the fit does
        # on real machine translation. Lost ones were never planted: MQM alone has them.
        fit_on = sets == 0 if direction else np.ones(len(y), dtype=bool)
        print(f"{name}: {len(y)} candidates, {int(y.sum())} right "
              f"({int(y[sets == 0].sum())} of {int((sets == 0).sum())} synthetic); fitted on "
              f"{'synthetic' if direction else 'both'}")
        for columns, label in (([0], "gain alone"), ([0, 1], "gain and word gap")):
            held_out = held_out_by_document(X[:, columns], y, groups, fit_on)
            print(f"  {label}: cross-validated AUC synthetic {auc(held_out[sets == 0], y[sets == 0]):.3f}, "
                  f"MQM {auc(held_out[sets == 1], y[sets == 1]):.3f}")
            for t in (0.3, 0.4, 0.5):
                print(f"    at {t}: " + "; ".join(
                    f"{set_name} {int((held_out[sets == s] >= t).sum())} flagged, "
                    f"{int(((held_out[sets == s] >= t) & y[sets == s]).sum())} right"
                    for s, set_name in ((0, "synthetic"), (1, "MQM"))))
        w = fit_logistic(X[fit_on], y[fit_on])
        print(f"{name}_WEIGHTS = ({w[1]:.3f}, {w[2]:.3f})")
        print(f"{name}_BIAS = {w[0]:.3f}")


if __name__ == "__main__":
    main()
