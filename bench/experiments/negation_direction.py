"""Tried at stop 16, not kept: a negation direction in e5-small's sentence space as evidence for
negation-mismatch.

1. Directions, from mqm/dev.jsonl only: for sentences with exactly one negation word (German
   targets, English sources), the mean of vector(sentence) - vector(sentence without the word);
   as a control, the same for German sentences without negation that lose a random word.
2. Each negation-mismatch candidate of the dev sets (negation.find_candidates, labelled as
   bench/fit_negation.py labels them) gets its projection on the direction: (vector of the side
   with the surplus word - vector of the other side) . direction, and the other side's own.
3. 5-fold cross-validation by document (three fold seeds) of the added-negation model, fitted on
   synthetic/dev.jsonl as the checker's is, with and without the projections.

    python bench/experiments/negation_direction.py --shared ../shared
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from fit_omission import auc, dev_contexts, fit_logistic, overlaps_marked_error  # noqa: E402

SENTENCES_PER_DIRECTION = 600


def unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v)


def deletion_pairs(shared: Path):
    """(sentence, sentence without its one negation word) per language, and the control."""
    from aligner.checks.negation import negations
    from aligner.pipeline import split_document

    rng = random.Random(0)
    pairs = {"de": [], "en": [], "control": []}
    seen = set()
    for line in open(shared / "eval" / "mqm" / "dev.jsonl", encoding="utf-8"):
        item = json.loads(line)
        for lang, text in (("en", item["source"]), ("de", item["target"])):
            document = split_document(text, lang, False)
            for i in range(len(document.sentences)):
                sentence = document.sentence(i)
                words = list(re.finditer(r"\w+", sentence))
                if sentence in seen or not 5 <= len(words) <= 40:
                    continue
                seen.add(sentence)
                found = negations(sentence, lang)
                if len(found) == 1:
                    m = found[0]
                    pairs[lang].append((sentence, " ".join((sentence[:m.start()] + sentence[m.end():]).split())))
                elif not found and lang == "de":
                    m = rng.choice(words)
                    pairs["control"].append((sentence, " ".join((sentence[:m.start()] + sentence[m.end():]).split())))
    return {k: v[:SENTENCES_PER_DIRECTION] for k, v in pairs.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    from aligner.checks.negation import find_candidates
    from aligner.embed import load_encoder

    encode = load_encoder(None).encode
    means = {}
    for name, pairs in deletion_pairs(args.shared).items():
        diff = encode([a for a, _ in pairs]) - encode([b for _, b in pairs])
        means[name] = diff.mean(axis=0)
        print(f"{name}: {len(pairs)} sentences, |mean difference| {np.linalg.norm(means[name]):.3f}, "
              f"mean |difference| {np.linalg.norm(diff, axis=1).mean():.3f}")
    print(f"cos(German, English) {unit(means['de']) @ unit(means['en']):.3f}; "
          f"cos(control, German) {unit(means['control']) @ unit(means['de']):.3f}")
    direction = unit(unit(means["de"]) + unit(means["en"]))

    rows = []
    for set_id, item, ctx in dev_contexts(args.shared):
        for c in find_candidates(ctx):
            if not c.added or c.word_gap is None:
                continue
            document, indices = ctx.target, c.bead.target
            start = document.offset_of(indices, c.word.start())
            rows.append((set_id, str(item["id"]), c.text, c.other, c.gain, c.word_gap,
                         overlaps_marked_error(item, "target", (start, start + len(c.word.group())))))
    surplus, other = encode([r[2] for r in rows]), encode([r[3] for r in rows])
    sets = np.array([r[0] for r in rows])
    y = np.array([bool(r[6]) for r in rows])
    columns = {"gain": np.array([r[4] for r in rows]) / 0.01, "word gap": np.array([r[5] for r in rows]) / 0.1,
               "projection": (surplus - other) @ direction / 0.01, "other side's projection": other @ direction / 0.01}
    print(f"\nadded-negation candidates: {len(rows)}, right {int(y.sum())} ({int(y[sets == 0].sum())} synthetic)")
    for name, x in columns.items():
        print(f"  {name} alone: AUC synthetic {auc(x[sets == 0], y[sets == 0]):.3f}, "
              f"MQM {auc(x[sets == 1], y[sets == 1]):.3f}")
    groups = np.array([f"{r[0]}:{r[1]}" for r in rows])
    unique = np.unique(groups)
    for features in (["gain", "word gap"], ["gain", "word gap", "projection"],
                     ["gain", "word gap", "other side's projection"]):
        X = np.column_stack([columns[f] for f in features])
        for seed in range(3):
            fold_of = dict(zip(unique, np.random.default_rng(seed).integers(0, 5, len(unique))))
            folds = np.array([fold_of[g] for g in groups])
            held_out = np.zeros(len(y))
            for k in range(5):
                train = (folds != k) & (sets == 0)
                w = fit_logistic(X[train], y[train])
                held_out[folds == k] = 1 / (1 + np.exp(-(w[0] + X[folds == k] @ w[1:])))
            flagged = held_out[sets == 0] >= 0.3
            print(f"  {' + '.join(features)}, folds {seed}: cross-validated AUC synthetic "
                  f"{auc(held_out[sets == 0], y[sets == 0]):.3f}, MQM {auc(held_out[sets == 1], y[sets == 1]):.3f}; "
                  f"synthetic at 0.3: {int(flagged.sum())} flagged, {int((flagged & y[sets == 0]).sum())} right")


if __name__ == "__main__":
    main()
