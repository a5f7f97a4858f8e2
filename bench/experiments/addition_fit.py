"""Tried and not kept: a model of its own for partial-addition, with 1-1 pairs examined too.

    python bench/experiments/addition_fit.py [--shared ../shared]

partial-addition scores its candidates with partial-omission's weights and looks only at pairs
where several German sentences render one English sentence. This collects the target-side
candidates of both dev sets, from those pairs and from 1-1 pairs whose translation is 20 % longer
than expected, labels each by overlap with a planted insertion (synthetic/dev.jsonl) or a major
MQM accuracy/addition error (mqm/dev.jsonl), and fits partial-omission's features to them
(bench/fit_omission.py's logistic regression, 5-fold cross-validated). BENCHMARKS.md has the
outcome.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def gold_additions(item: dict):
    if "defects" in item:
        return [(d["start"], max(d["end"], d["start"] + 1)) for d in item["defects"] if d["kind"] == "addition"]
    return [(e["start"], e["end"]) for e in item["errors"]
            if e["category"] == "accuracy/addition" and e["severity"] == "major" and e["side"] == "target"]


def candidates(ctx):
    """Target-side candidates: partial-addition's own, plus those of 1-1 pairs with a long translation."""
    from aligner.checks import partial_omission as po
    from aligner.checks.anchors import DocumentWords

    yield from po.find_candidates(ctx, side="target")
    ratio = ctx.expected_length_ratio()
    words = DocumentWords.of(ctx.source.text, ctx.target.text)
    for bead in ctx.linked_beads():
        view = po.SideView.of(ctx, bead, "target")
        if len(view.indices) > len(view.other_indices):
            continue  # find_candidates has these
        excess = po.length_shortfall(view, 1.0 / ratio)
        if excess >= po.MIN_SHORTFALL:
            yield from po.examine(ctx.embed, bead, view, po.clause_pieces_of(view), excess, False, words, 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    from fit_omission import auc, balanced_weights, dev_contexts, fit_logistic

    from aligner.checks.partial_omission import FEATURES

    rows, labels, sets, run_on = [], [], [], []
    for set_id, item, ctx in dev_contexts(args.shared):
        gold = gold_additions(item)
        for c in candidates(ctx):
            rows.append(c.features())
            labels.append(any(a < c.span[1] and c.span[0] < b for a, b in gold))
            sets.append(set_id)
            run_on.append(c.run_on)
    X, y, sets, run_on = np.array(rows, dtype=float), np.array(labels), np.array(sets), np.array(run_on)
    for s, name in enumerate(("synthetic", "MQM")):
        for kind, mask in (("1:n pairs", run_on), ("1-1 pairs", ~run_on)):
            m = (sets == s) & mask
            print(f"{name} {kind}: {m.sum()} candidates, {int(y[m].sum())} overlap an addition")
    weights = balanced_weights(y, sets)
    fold = np.random.default_rng(0).integers(0, 5, len(y))
    predicted = np.zeros(len(y))
    for k in range(5):
        w = fit_logistic(X[fold != k], y[fold != k], sample_weight=weights[fold != k])
        predicted[fold == k] = np.hstack([np.ones(((fold == k).sum(), 1)), X[fold == k]]) @ w
    print(f"cross-validated candidate AUC {auc(predicted, y):.3f} "
          f"(synthetic {auc(predicted[sets == 0], y[sets == 0]):.3f}, MQM {auc(predicted[sets == 1], y[sets == 1]):.3f})")
    w = fit_logistic(X, y, sample_weight=weights)
    p = 1 / (1 + np.exp(-(np.hstack([np.ones((len(y), 1)), X]) @ w)))
    print("weights:", dict(zip(("bias", *FEATURES), np.round(w, 3))))
    for threshold in (0.2, 0.3, 0.5):
        for s, name in enumerate(("synthetic", "MQM")):
            m = (sets == s) & (p >= threshold)
            print(f"fitted probability >= {threshold}: {name} {m.sum()} candidates, {int((m & y).sum())} right")


if __name__ == "__main__":
    main()
