"""Tried at stop 16, not kept: does an added-words run that covers a whole German sentence of a
pair with several German sentences (an inserted sentence the aligner merged into a 1-2 pair) mark
an addition more surely?

Each added-words candidate of the dev sets gets two more features: the largest share of one of its
pair's German sentences' content words that lie inside the run (0 in a pair with one German
sentence), and whether the pair has several German sentences. Cross-validated by document as
bench/fit_added_words.py does, with and without them.

    python bench/experiments/added_words_cover.py --shared ../shared
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from fit_added_words import gold_additions  # noqa: E402
from fit_omission import auc, balanced_weights, cross_validated, save_candidates  # noqa: E402


class Covered:
    """An added-words candidate with the two extra features."""

    def __init__(self, candidate, cover: float, sentences: int):
        self.candidate, self.span, self.cover, self.sentences = candidate, candidate.span, cover, sentences

    def features(self):
        return (*self.candidate.features(), self.cover, float(self.sentences > 1))


def find_candidates(ctx):
    from aligner.checks.added_words import find_candidates as added_words_candidates
    from aligner.checks.word_match import word_matches

    matches = word_matches(ctx, side="target")
    for c in added_words_candidates(ctx):
        cover = 0.0
        if len(c.bead.target) > 1:
            for i in c.bead.target:
                start, end = ctx.target.sentences[i]
                inside = [m for m in matches[c.bead] if start <= m[0][0] < end]
                if inside:
                    in_run = [m for m in inside if c.span[0] <= m[0][0] and m[0][1] <= c.span[1]]
                    cover = max(cover, len(in_run) / len(inside))
        yield Covered(c, cover, len(c.bead.target))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        table = Path(tmp) / "table.npz"
        save_candidates(args.shared, table, find_candidates, gold_additions)
        data = np.load(table)
    X, y, groups, sets = data["X"], data["y"].astype(bool), data["groups"], data["sets"]
    covered = X[:, 2] > 0.8
    print(f"{len(y)} candidates, {int(y.sum())} right; covering 80 % or more of a German sentence: "
          f"{int(covered.sum())}, {int((covered & y).sum())} right (synthetic {int((covered & (sets == 0)).sum())}, "
          f"{int((covered & y & (sets == 0)).sum())} right)")
    weights = balanced_weights(y, sets)
    for columns, name in (([0, 1], "run, depth"), ([0, 1, 2], "+ cover"), ([0, 1, 3], "+ several sentences"),
                          ([0, 1, 2, 3], "+ both")):
        held_out = cross_validated(X[:, columns], y, groups, weights)
        counts = "; ".join(f"at {t}: synthetic {int(((held_out >= t) & (sets == 0)).sum())} flagged, "
                           f"{int(((held_out >= t) & (sets == 0) & y).sum())} right, MQM "
                           f"{int(((held_out >= t) & (sets == 1)).sum())}, "
                           f"{int(((held_out >= t) & (sets == 1) & y).sum())}"
                           for t in (0.35, 0.5))
        print(f"{name}: cross-validated AUC {auc(held_out, y):.3f} "
              f"(synthetic {auc(held_out[sets == 0], y[sets == 0]):.3f}, "
              f"MQM {auc(held_out[sets == 1], y[sets == 1]):.3f}); {counts}")


if __name__ == "__main__":
    main()
