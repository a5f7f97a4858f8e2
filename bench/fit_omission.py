"""Fit the evidence weights of partial-omission (aligner/checks/partial_omission.py) on dev data.

Every candidate the check considers is labelled by whether its source span overlaps an omission a
reader marked: the planted omissions of synthetic/dev.jsonl and the major omissions of the MQM
raters in mqm/dev.jsonl. A logistic regression over the candidates' features gives the weights;
5-fold cross-validation by document reports how well they rank held-out candidates.

    python bench/fit_omission.py --shared ../shared            # collect features, fit, print weights
    python bench/fit_omission.py --shared ../shared --reuse    # refit from the saved feature table

Only dev sets are read: mqm/test.jsonl is for reporting.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TABLE = Path(os.environ.get("TMPDIR", "/tmp")) / "aligner-omission-features.npz"


def gold_omissions(item: dict):
    if "defects" in item:  # synthetic
        return [(d["start"], max(d["end"], d["start"] + 1)) for d in item["defects"] if d["kind"] == "omission"]
    return [(e["start"], e["end"]) for e in item["errors"]
            if e["category"] == "accuracy/omission" and e["severity"] == "major" and e["side"] == "source"]


def overlaps_marked_error(item: dict, side: str, span) -> bool:
    """Whether `span` of `side` overlaps a planted mistranslation (synthetic) or a major accuracy
    error of the MQM raters: what name-mismatch and negation-mismatch are fitted against."""
    a, b = span
    if "defects" in item:
        return any(d["kind"] == "mistranslation" and d["side"] == side and d["start"] < b and a < d["end"]
                   for d in item["defects"])
    return any(e["severity"] == "major" and e["category"].startswith("accuracy/") and e["side"] == side
               and e["start"] < b and a < e["end"] for e in item["errors"])


DEV_SETS = ("synthetic/dev.jsonl", "mqm/dev.jsonl")


def dev_contexts(shared: Path):
    """(set number, item, CheckContext) for every item of the two dev sets, aligned as the CLI
    aligns them (the checks' own candidates are then collected from the context)."""
    from aligner.checks.context import CheckContext
    from aligner.embed import default_cache_dir, load_encoder
    from aligner.embed.word_states import word_evidence
    from aligner.pipeline import CheckOptions, align_documents, split_document

    encoder = load_encoder(None)
    options = CheckOptions()
    words = word_evidence(encoder.name, str(default_cache_dir()))
    for set_id, name in enumerate(DEV_SETS):
        items = [json.loads(line) for line in open(shared / "eval" / name, encoding="utf-8")]
        for n, item in enumerate(items):
            source = split_document(item["source"], "en", False)
            target = split_document(item["target"], "de", False)
            beads, sv, tv = align_documents(source, target, encoder.encode, options.align_params)
            yield set_id, item, CheckContext(source, target, sv, tv, beads, encoder.encode,
                                             words=words)
            if n % 200 == 0:
                print(f"{name}: {n}/{len(items)}", file=sys.stderr)


def collect(shared: Path):
    from aligner.checks.partial_omission import find_candidates

    rows, labels, groups, sets = [], [], [], []
    for set_id, item, ctx in dev_contexts(shared):
        gold = gold_omissions(item)
        for c in find_candidates(ctx):
            rows.append(c.features())
            labels.append(any(a < c.span[1] and c.span[0] < b for a, b in gold))
            groups.append(f"{set_id}:{item['id']}")
            sets.append(set_id)
    np.savez(TABLE, X=np.array(rows, dtype=float), y=np.array(labels), groups=np.array(groups),
             sets=np.array(sets))


def fit_logistic(X, y, l2=1.0, iterations=50, sample_weight=None):
    """Newton's method on the (weighted) L2-penalised log-likelihood (the bias is not penalised)."""
    A = np.hstack([np.ones((len(X), 1)), X])
    sw = np.ones(len(X)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    w = np.zeros(A.shape[1])
    penalty = np.full(A.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-np.clip(A @ w, -30, 30)))
        gradient = A.T @ (sw * (p - y)) + penalty * w
        hessian = (A * (sw * p * (1 - p))[:, None]).T @ A + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def balanced_weights(y, sets):
    """Weigh each data set by the inverse of its positives, so both count alike: the synthetic
    set holds the clause drops and run-ons this rule is built for (as in the seed), MQM the
    real machine-translation omissions, which are more numerous but mostly single words."""
    weights = np.ones(len(y))
    positives = {s: max(1, int(y[sets == s].sum())) for s in np.unique(sets)}
    most = max(positives.values())
    for s, n in positives.items():
        weights[sets == s] = most / n
    return weights


def auc(scores, labels):
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    pos = labels.sum()
    neg = len(labels) - pos
    return (ranks[labels].sum() - pos * (pos + 1) / 2) / (pos * neg) if pos and neg else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--reuse", action="store_true", help="refit from the saved feature table")
    args = parser.parse_args()
    if not args.reuse or not TABLE.exists():
        collect(args.shared)
    from aligner.checks.partial_omission import FEATURES

    data = np.load(TABLE)
    X, y, groups, sets = data["X"], data["y"].astype(bool), data["groups"], data["sets"]
    print(f"{len(y)} candidates, {int(y.sum())} positive")
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
          f"MQM {auc(held_out[sets == 1], y[sets == 1]):.3f})")
    for threshold in (0.5, 0.75):
        flagged = held_out >= threshold
        precision = (flagged & y).sum() / max(1, flagged.sum())
        print(f"  at {threshold}: {int(flagged.sum())} flagged, precision {precision:.3f}, "
              f"recall of positive candidates {(flagged & y).sum() / max(1, y.sum()):.3f}")
    w = fit_logistic(X, y, sample_weight=weights)
    print("BIAS =", round(float(w[0]), 3))
    print("WEIGHTS = (" + ", ".join(f"{v:.3f}" for v in w[1:]) + ")  # " + ", ".join(FEATURES))
    # The same candidates as a pair without word evidence would have them: no word-only candidates,
    # the sentence-level features alone.
    from aligner.checks.partial_omission import SENTENCE_FEATURES

    sentence_level = X[:, FEATURES.index("word_only")] == 0
    w = fit_logistic(X[sentence_level, :SENTENCE_FEATURES], y[sentence_level], sample_weight=weights[sentence_level])
    print("BIAS_WITHOUT_WORDS =", round(float(w[0]), 3))
    print("WEIGHTS_WITHOUT_WORDS = (" + ", ".join(f"{v:.3f}" for v in w[1:]) + ")  # "
          + ", ".join(FEATURES[:SENTENCE_FEATURES]))


if __name__ == "__main__":
    main()
