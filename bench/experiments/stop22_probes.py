"""Stop 22's probe: seams inside German sentences that render three or more English sentences
(BENCHMARKS.md, stop 22). Not kept.

    python bench/experiments/stop22_probes.py --shared ../shared

partial-omission's seams (aligner/checks/seams.py) look only at pairs of two English sentences and
one German one. This counts the same test at every seam of longer pairs: after each English
sentence of the pair that ends with punctuation, the English before it and after it are the two
halves; the word vectors guess where the German passes from one to the other, the German's head
and tail are embedded at the boundaries beside the guess where they disagree about a joint, and
the seam is bare when no punctuation, conjunction or line break lies within a word of it. Counted
by whether the English sentence after the seam holds a marked omission (a planted one in
synthetic/dev.jsonl, a major MQM one in mqm/dev.jsonl), for 2:1 pairs (the checker's) and for
longer ones.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from fit_omission import dev_contexts, gold_omissions  # noqa: E402


def halves(ctx, bead, after: int):
    sentences = [ctx.source.sentence(i) for i in bead.source]
    return " ".join(sentences[:after + 1]), " ".join(sentences[after + 1:])


def guess(ctx, bead, after: int):
    """The German word that starts the second half's rendering, by the word vectors (or None)."""
    from aligner.checks import seams

    first, second = halves(ctx, bead, after)
    source, target = f"{first}\n{second}", ctx.target_text(bead)
    row = ctx.words.rows([(source, target)], lambda s, _t, sw, tw: seams._seam_row(sw, tw, len(first)),
                         "seams-v1", f"{ctx.source.lang}-{ctx.target.lang}")[0]
    return None if row[0] < 0 else len(target[:int(row[0])].split())


def bare(ctx, bead, after: int, k: int) -> bool:
    """The checker's refinement (seams.bare_seam) with the two halves in place of two sentences."""
    from aligner.checks import seams

    target = ctx.target_text(bead)
    words = target.split()
    boundaries = [b for b in range(k - seams.REFINE, k + seams.REFINE + 1) if 0 < b < len(words)]
    if not boundaries:
        return False
    if len({seams.bare_at(target, b) for b in boundaries}) > 1:
        vectors = ctx.embed(list(halves(ctx, bead, after)) + [" ".join(words[:b]) for b in boundaries]
                            + [" ".join(words[b:]) for b in boundaries])
        n = len(boundaries)
        k = boundaries[int(np.argmax(vectors[2:2 + n] @ vectors[0] + vectors[2 + n:] @ vectors[1]))]
    else:
        k = boundaries[0]
    return seams.bare_at(target, k)


def main() -> None:
    from aligner.checks import seams

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    counts = {}  # (set, longer, marked) -> [seams, bare]
    for set_id, item, ctx in dev_contexts(args.shared):
        if ctx.words is None:
            continue
        marked_spans = gold_omissions(item)
        for bead in ctx.linked_beads():
            if len(bead.source) < 2 or len(bead.target) != 1 or len(ctx.target_text(bead).split()) < seams.MIN_WORDS:
                continue
            for after in range(len(bead.source) - 1):
                if seams.SENTENCE_END.search(ctx.source.sentence(bead.source[after]).rstrip()) is None:
                    continue
                start, end = ctx.source.sentences[bead.source[after + 1]]
                marked = any(a < end and start < b for a, b in marked_spans)
                k = guess(ctx, bead, after)
                cell = counts.setdefault((set_id, len(bead.source) > 2, marked), [0, 0])
                cell[0] += 1
                cell[1] += k is not None and bare(ctx, bead, after, k)
    print("| pairs | synthetic: bare where marked | bare elsewhere | MQM: bare where marked | bare elsewhere |")
    print("|---|---|---|---|---|")
    for longer, name in ((False, "two English sentences, one German (the checker's)"),
                         (True, "three or more English sentences, one German")):
        cells = [f"{counts.get((s, longer, m), [0, 0])[1]}/{counts.get((s, longer, m), [0, 0])[0]}"
                 for s in (0, 1) for m in (True, False)]
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
