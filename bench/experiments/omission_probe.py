"""Tried at stop 16, not kept: a linear probe on e5-small pair vectors that says whether the
German of a 1-1 pair lacks part of the English, trained on omissions made for the purpose.

Training pairs come from mqm/dev.jsonl only (its 1-1 pairs as the checker aligns them, German of
8 words or more): each pair as it is, and the same pair with a random stretch of 25-50 % of the
German words cut out. Features of a pair with unit vectors u (English) and v (German): u * v,
|u - v| and their cosine; a logistic regression with an L2 penalty on standardised features.
It is judged on held-back training pairs (the second half) and on the 1-1 pairs of
synthetic/dev.jsonl, where a pair is positive when its English overlaps a planted omission;
beside it, the pair's cosine alone.

    python bench/experiments/omission_probe.py --shared ../shared
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from fit_omission import auc, dev_contexts  # noqa: E402


def pairs_of(shared: Path):
    rng = random.Random(0)
    train, test = [], []  # (English, German, label)
    for set_id, item, ctx in dev_contexts(shared):
        for bead in ctx.beads:
            if len(bead.source) != 1 or len(bead.target) != 1:
                continue
            english, german = ctx.source_text(bead), ctx.target_text(bead)
            if set_id == 1:
                words = german.split()
                if len(words) < 8:
                    continue
                cut = rng.randint(max(3, len(words) // 4), max(3, len(words) // 2))
                at = rng.randint(0, len(words) - cut)
                train += [(english, german, False), (english, " ".join(words[:at] + words[at + cut:]), True)]
            else:
                span = ctx.source_span(bead)
                test.append((english, german, any(
                    d["kind"] == "omission" and d["side"] == "source" and d["start"] < span[1]
                    and span[0] < max(d["end"], d["start"] + 1) for d in item["defects"])))
    return train, test


def fit(X: np.ndarray, y: np.ndarray, l2: float) -> np.ndarray:
    X = np.hstack([X, np.ones((len(X), 1))])
    w = np.zeros(X.shape[1])
    penalty = l2 * np.eye(X.shape[1])
    penalty[-1, -1] = 0
    for _ in range(30):
        p = 1 / (1 + np.exp(-np.clip(X @ w, -30, 30)))
        w -= np.linalg.solve((X * (p * (1 - p))[:, None]).T @ X + penalty, X.T @ (p - y) + penalty @ w)
    return w


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    from aligner.embed import load_encoder

    encode = load_encoder(None).encode

    def features(pairs):
        u, v = encode([p[0] for p in pairs]), encode([p[1] for p in pairs])
        return np.hstack([u * v, np.abs(u - v), (u * v).sum(axis=1, keepdims=True)])

    train, test = pairs_of(args.shared)
    X, y = features(train), np.array([p[2] for p in train])
    T, t = features(test), np.array([p[2] for p in test])
    mean, spread = X.mean(axis=0), X.std(axis=0) + 1e-6
    X, T = (X - mean) / spread, (T - (mean)) / spread
    half = len(X) // 2 // 2 * 2  # pairs stay together: each original is followed by its cut copy
    print(f"training pairs {len(train)} (mqm/dev), synthetic/dev 1-1 pairs {len(test)}, {int(t.sum())} positive")
    for l2 in (1.0, 10.0, 100.0, 1000.0):
        w = fit(X[:half], y[:half], l2)
        inside = np.hstack([X[half:], np.ones((len(X) - half, 1))]) @ w
        w = fit(X, y, l2)
        outside = np.hstack([T, np.ones((len(T), 1))]) @ w
        print(f"L2 {l2:g}: AUC on held-back training pairs {auc(inside, y[half:]):.3f}, "
              f"on synthetic/dev 1-1 pairs {auc(outside, t):.3f}")
    cosine = np.array([p for p in features(test)[:, -1]])
    print(f"the pair's cosine alone (lower first): {auc(-cosine, t):.3f}")


if __name__ == "__main__":
    main()
