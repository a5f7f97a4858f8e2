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
    from calibrate import gold_spans  # the labels the calibration is fitted to

    return gold_spans(item, "omission", "source")


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

    save_candidates(shared, TABLE, find_candidates, gold_omissions)


class FeatureRow:
    """A candidate as save_candidates reads one: its span and its feature values (what the
    experiments that add features to a check's candidates yield)."""

    def __init__(self, span, values):
        self.span = span
        self._values = tuple(values)

    def features(self):
        return self._values


def save_candidates(shared: Path, table: Path, find_candidates, gold_spans) -> None:
    """Every candidate `find_candidates(ctx)` gives on the dev sets (its `features()` and `span`),
    labelled by whether the span overlaps one of `gold_spans(item)`, saved as a feature table."""
    X, y, groups, sets = candidate_rows(dev_contexts(shared), find_candidates, gold_spans)
    np.savez(table, X=X, y=y, groups=groups, sets=sets)


def candidate_rows(contexts, find_candidates, gold_spans):
    """The feature table of save_candidates over (set, item, CheckContext) triples: (X, y, groups,
    sets)."""
    rows, labels, groups, sets = [], [], [], []
    for set_id, item, ctx in contexts:
        gold = gold_spans(item)
        for c in find_candidates(ctx):
            rows.append(c.features())
            labels.append(any(a < c.span[1] and c.span[0] < b for a, b in gold))
            groups.append(f"{set_id}:{item['id']}")
            sets.append(set_id)
    return np.array(rows, dtype=float), np.array(labels), np.array(groups), np.array(sets)


def fit_logistic(X, y, l2=1.0, iterations=50, sample_weight=None):
    """Newton's method on the (weighted) L2-penalised log-likelihood (the bias is not penalised)."""
    A = np.hstack([np.ones((len(X), 1)), X])
    sw = np.ones(len(X)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    w = np.zeros(A.shape[1])
    penalty = np.full(A.shape[1], l2)
    penalty[0] = 0.0

    def loss(v):
        z = np.clip(A @ v, -30, 30)
        return float((sw * (np.logaddexp(0, z) - y * z)).sum() + (penalty * v * v).sum() / 2)

    for _ in range(iterations):
        p = 1 / (1 + np.exp(-np.clip(A @ w, -30, 30)))
        gradient = A.T @ (sw * (p - y)) + penalty * w
        hessian = (A * (sw * p * (1 - p))[:, None]).T @ A + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        while loss(w - step) > loss(w) and np.abs(step).max() > 1e-12:  # no overshooting step
            step = step / 2
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


def cross_validated(X, y, groups, weights, folds: int = 5) -> np.ndarray:
    """Each candidate's probability from a model fitted without its document: `folds` folds drawn
    by document (`groups`), so candidates of one document never sit on both sides."""
    unique = np.unique(groups)
    fold_of = dict(zip(unique, np.random.default_rng(0).integers(0, folds, len(unique))))
    fold = np.array([fold_of[g] for g in groups])
    held_out = np.zeros(len(y))
    for k in range(folds):
        w = fit_logistic(X[fold != k], y[fold != k], sample_weight=weights[fold != k])
        held_out[fold == k] = 1 / (1 + np.exp(-(w[0] + X[fold == k] @ w[1:])))
    return held_out


def feature_table(description: str, table: Path, collect_into):
    """The command line the fit scripts share (--shared, --reuse) and their saved feature table,
    collected anew (`collect_into(shared)` writes `table`) unless --reuse finds one:
    (X, y, groups, sets)."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--reuse", action="store_true", help="refit from the saved feature table")
    args = parser.parse_args()
    if not args.reuse or not table.exists():
        collect_into(args.shared)
    data = np.load(table)
    return data["X"], data["y"].astype(bool), data["groups"], data["sets"]


def table_row(label: str, held_out: np.ndarray, y: np.ndarray, sets: np.ndarray, columns=()) -> str:
    """One row of the experiments' Markdown tables: cross-validated AUC overall, on synthetic (set
    0) and on MQM (set 1), then `columns` (more cells), then flagged/right per set at 0.5 and 0.75."""
    cells = [f"{auc(held_out, y):.4f}"] + [f"{auc(held_out[sets == s], y[sets == s]):.4f}" for s in (0, 1)]
    cells += list(columns)
    for threshold in (0.5, 0.75):
        for s in (0, 1):
            flagged = (held_out >= threshold) & (sets == s)
            cells.append(f"{int(flagged.sum())}/{int((flagged & y).sum())}")
    return f"| {label} | " + " | ".join(cells) + " |"


def print_variant_table(variants: dict, y: np.ndarray, groups: np.ndarray, sets: np.ndarray, extra=()) -> None:
    """The experiments' Markdown table: for each named feature matrix of `variants`, its candidates'
    cross-validated probabilities (balanced as the fit scripts weigh the two dev sets) as a
    table_row; `extra` holds (header, cell(probabilities)) pairs for more columns."""
    weights = balanced_weights(y, sets)
    headers = ["features", "CV AUC", "synthetic", "MQM", *(header for header, _ in extra),
               "at 0.5: synthetic flagged/right", "MQM", "at 0.75: synthetic", "MQM"]
    print("| " + " | ".join(headers) + " |")
    print("|" + "---|" * len(headers))
    for label, F in variants.items():
        held_out = cross_validated(F, y, groups, weights)
        print(table_row(label, held_out, y, sets, [cell(held_out) for _, cell in extra]))


def print_weights(w: np.ndarray, features, suffix: str = "") -> None:
    """A fitted model as the constants a check module holds (bias first)."""
    print(f"BIAS{suffix} =", round(float(w[0]), 3))
    print(f"WEIGHTS{suffix} = (" + ", ".join(f"{v:.3f}" for v in w[1:]) + ")  # " + ", ".join(features))


def main() -> None:
    X, y, groups, sets = feature_table(__doc__, TABLE, collect)
    from aligner.checks.partial_omission import FEATURES

    print(f"{len(y)} candidates, {int(y.sum())} positive")
    weights = balanced_weights(y, sets)
    held_out = cross_validated(X, y, groups, weights)
    print(f"cross-validated candidate AUC {auc(held_out, y):.3f} (synthetic {auc(held_out[sets == 0], y[sets == 0]):.3f}, "
          f"MQM {auc(held_out[sets == 1], y[sets == 1]):.3f})")
    for threshold in (0.5, 0.75):
        flagged = held_out >= threshold
        precision = (flagged & y).sum() / max(1, flagged.sum())
        print(f"  at {threshold}: {int(flagged.sum())} flagged, precision {precision:.3f}, "
              f"recall of positive candidates {(flagged & y).sum() / max(1, y.sum()):.3f}")
    print_weights(fit_logistic(X, y, sample_weight=weights), FEATURES)
    # The same candidates as a pair without word evidence would have them: the sentence-level
    # features alone, and neither word-only candidates nor those a bare seam alone gave (the seam
    # is located with the word vectors; such a candidate has no gain).
    from aligner.checks.partial_omission import SENTENCE_FEATURES

    seam_only = (X[:, FEATURES.index("bare_seam")] > 0) & (X[:, FEATURES.index("gain")] == 0)
    sentence_level = (X[:, FEATURES.index("word_only")] == 0) & ~seam_only
    w = fit_logistic(X[sentence_level, :SENTENCE_FEATURES], y[sentence_level], sample_weight=weights[sentence_level])
    print_weights(w, FEATURES[:SENTENCE_FEATURES], "_WITHOUT_WORDS")


if __name__ == "__main__":
    main()
