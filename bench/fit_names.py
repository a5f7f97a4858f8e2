"""Fit what name-mismatch (aligner/checks/names.py) reads, on the dev sets only.

1. `--classifier`: the linear model that tells, from a word's vector in the bundled encoder's 6th
   layer, whether translations keep the word verbatim (and, for English, the same from the word's
   input embedding alone, "en-input"). Every capitalised mid-sentence word of
   mqm/dev.jsonl (English sources, German translations) is labelled by whether the other side of
   its item has it unchanged; a logistic regression per language gives models/e5-small-names.json.
   Reported: its ROC-AUC on words whose spelling it never saw (a quarter of the distinct words held
   out), so that a name's identity does not flatter it.
2. Without `--classifier`: the rule's own candidates on synthetic/dev.jsonl, labelled by whether
   the new word overlaps a planted mistranslation, give the rule's evidence weights (printed, for
   names.py); 5-fold cross-validation by document reports how they rank held-out candidates, and
   the fitted weights, applied to the candidates of mqm/dev.jsonl, how often the rule would fire
   there and how often on a word the raters marked as a major accuracy error.

    python bench/fit_names.py --shared ../shared --classifier   # writes models/e5-small-names.json
    python bench/fit_names.py --shared ../shared [--reuse]      # prints WEIGHTS and BIAS
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from fit_omission import auc, dev_contexts, fit_logistic, overlaps_marked_error  # noqa: E402

MODEL_FILE = ROOT / "models" / "e5-small-names.json"


def classifier_words(shared: Path):
    """(language, word, vector, kept verbatim) for the capitalised mid-sentence words of mqm/dev."""
    from aligner.checks.names import _contains_word, name_like
    from aligner.checks.word_match import word_at
    from aligner.embed.word_states import WordStates

    states = WordStates.load()
    items = [json.loads(line) for line in open(shared / "eval" / "mqm" / "dev.jsonl", encoding="utf-8")]
    for n in range(0, len(items), 16):
        chunk = items[n:n + 16]
        words = states.words([text for item in chunk for text in (item["source"], item["target"])])
        for k, item in enumerate(chunk):
            for lang, text, other, (spans, vectors) in (("en", item["source"], item["target"], words[2 * k]),
                                                        ("de", item["target"], item["source"], words[2 * k + 1])):
                for m in name_like(text):
                    i = word_at(spans, m.start())
                    if i is not None:
                        yield lang, m.group(), vectors[i], _contains_word(other, m.group())
        if n % 400 == 0:
            print(f"mqm/dev.jsonl: {n}/{len(items)}", file=sys.stderr)


def fit_classifier(shared: Path) -> None:
    from aligner.embed.word_states import WordStates

    by_lang = {}
    for lang, word, vector, kept in classifier_words(shared):
        by_lang.setdefault(lang, []).append((word, vector, kept))
    # The same question asked of the English word out of context (its input embedding): cheap
    # enough to choose, in a long document, which pairs get the full test.
    states = WordStates.load()
    by_lang["en-input"] = [(w, v, k) for (w, _, k), v in
                           zip(by_lang["en"], states.input_vectors([w for w, _, _ in by_lang["en"]]))]
    out = {"fitted_by": "bench/fit_names.py --classifier", "data": "mqm/dev.jsonl",
           "layer": 6, "what": "P(a capitalised mid-sentence word appears unchanged in the translation); "
           "en-input: from the English word's input embedding instead of its 6th-layer vector",
           "languages": {}}
    rng = np.random.default_rng(0)
    for lang, rows in sorted(by_lang.items()):
        words = np.array([w for w, _, _ in rows])
        X = np.array([v for _, v, _ in rows], dtype=float)
        y = np.array([k for _, _, k in rows], dtype=float)
        distinct = np.unique(words)
        unseen = np.isin(words, rng.choice(distinct, len(distinct) // 4, replace=False))
        w = fit_logistic(X[~unseen], y[~unseen])
        held_out = auc(w[0] + X[unseen] @ w[1:], y[unseen].astype(bool))
        w = fit_logistic(X, y)
        print(f"{lang}: {len(y)} words ({int(y.sum())} kept verbatim), {len(distinct)} distinct; "
              f"ROC-AUC on unseen words {held_out:.3f}")
        out["languages"][lang] = {"words": len(y), "kept": int(y.sum()), "auc_unseen_words": round(held_out, 4),
                                  "bias": round(float(w[0]), 5), "weights": [round(float(v), 5) for v in w[1:]]}
    MODEL_FILE.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_FILE.relative_to(ROOT)}")


TABLE = Path(os.environ.get("TMPDIR", "/tmp")) / "aligner-name-candidates.npz"


def collect(shared: Path) -> None:
    from aligner.checks.names import find_candidates

    rows, labels, groups, sets, examples = [], [], [], [], []
    for set_id, item, ctx in dev_contexts(shared):
        for c in find_candidates(ctx):
            rows.append(c.features())
            labels.append(overlaps_marked_error(item, "target", c.target_span))
            groups.append(f"{set_id}:{item['id']}")
            sets.append(set_id)
            examples.append(f"{c.source_word} -> {c.target_word}")
    np.savez(TABLE, X=np.array(rows, dtype=float), y=np.array(labels), groups=np.array(groups), sets=np.array(sets),
             examples=np.array(examples))


def fit_rule(shared: Path, reuse: bool) -> None:
    """Fit on the synthetic candidates, whose labels say "a name was swapped"; an MQM label says only
    that a rater marked some accuracy error on the word, most often a mistranslated noun, so MQM
    shows how often the fitted rule fires on real machine translation and how often it is right."""
    from aligner.checks.names import FEATURES

    if not reuse or not TABLE.exists():
        collect(shared)
    data = np.load(TABLE)
    X, y, groups, sets = data["X"], data["y"].astype(bool), data["groups"], data["sets"]
    synthetic = sets == 0
    print(f"{len(y)} candidates: synthetic {int(synthetic.sum())} ({int(y[synthetic].sum())} right), "
          f"MQM {int((~synthetic).sum())} ({int(y[~synthetic].sum())} on a marked accuracy error)")
    Xs, ys, gs = X[synthetic], y[synthetic], groups[synthetic]
    unique = np.unique(gs)
    fold_of = dict(zip(unique, np.random.default_rng(0).integers(0, 5, len(unique))))
    folds = np.array([fold_of[g] for g in gs])
    held_out = np.zeros(len(ys))
    for k in range(5):
        w = fit_logistic(Xs[folds != k], ys[folds != k])
        held_out[folds == k] = 1 / (1 + np.exp(-(w[0] + Xs[folds == k] @ w[1:])))
    w = fit_logistic(Xs, ys)
    on_mqm = 1 / (1 + np.exp(-(w[0] + X[~synthetic] @ w[1:])))
    print(f"synthetic, cross-validated candidate AUC {auc(held_out, ys):.3f}")
    for threshold in (0.2, 0.3, 0.4, 0.5, 0.6):
        flagged, mqm_flagged = held_out >= threshold, on_mqm >= threshold
        print(f"  at {threshold}: synthetic {int(flagged.sum())} flagged, {int((flagged & ys).sum())} right; "
              f"MQM {int(mqm_flagged.sum())} flagged, {int((mqm_flagged & y[~synthetic]).sum())} on a marked error")
    print("BIAS =", round(float(w[0]), 3))
    print("WEIGHTS = (" + ", ".join(f"{v:.3f}" for v in w[1:]) + ")  # " + ", ".join(FEATURES))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--classifier", action="store_true", help="fit models/e5-small-names.json")
    parser.add_argument("--reuse", action="store_true", help="refit from the saved candidate table")
    args = parser.parse_args()
    if args.classifier:
        fit_classifier(args.shared)
    else:
        fit_rule(args.shared, args.reuse)


if __name__ == "__main__":
    main()
