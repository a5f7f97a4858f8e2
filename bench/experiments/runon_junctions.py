"""Tried and not kept: word windows at the seam of a run-on pair as deletion candidates.

    python bench/experiments/runon_junctions.py [--shared ../shared] [--in-checker]

A German run-on that swallows the head of the next English sentence loses material next to the
seam between the two English sentences, and the seam of clause punctuation need not be there
("They support reuse recycling systems already in place in many countries, he said."). For every
pair of synthetic/dev.jsonl that renders more English sentences than it has German ones, this
embeds the English without the first or last quarter, half or three quarters of the words on
either side of each seam, keeps the window whose removal raises the similarity to the German the
most, and counts how such gains fall in pairs with a planted omission and in clean documents.

--in-checker puts the windows into partial-omission (a sentence's window replaces its clause
candidate when its removal gains more), refits the rule's model (bench/fit_omission.py), runs
`bench/calibrate.py --dry-run` and prints the seed's omission confidences. BENCHMARKS.md has the
outcome.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

FRACTIONS = (0.25, 0.5, 0.75)


def seam_windows(text: str, doc, indices):
    """(start, end) document spans: heads of every sentence after the first, tails of every
    sentence before the last."""
    spans = []
    for k, i in enumerate(indices):
        start, end = doc.sentences[i]
        words = list(re.finditer(r"\S+", text[start:end]))
        if len(words) < 4:
            continue
        for fraction in FRACTIONS:
            n = max(1, round(len(words) * fraction))
            if k > 0:
                spans.append((start, start + words[n - 1].end()))
            if k < len(indices) - 1:
                spans.append((start + words[len(words) - n].start(), end))
    return spans


def in_checker(shared: Path) -> None:
    from dataclasses import replace

    import fit_omission
    from aligner.checks import partial_omission as po
    from aligner.checks.anchors import missing_anchors
    from aligner.embed import load_encoder
    from aligner.pipeline import check_pair

    original = po.examine

    def examine(embed, bead, view, pieces, shortfall, run_on, words, drop):
        found = list(original(embed, bead, view, pieces, shortfall, run_on, words, drop))
        if not run_on or view.side != "source":
            yield from found
            return
        doc = view.doc
        german = embed([view.other.joined(view.other_indices)])[0]
        whole = float(embed([doc.joined(view.indices)])[0] @ german)
        windows = seam_windows(doc.text, doc, view.indices)
        gains = (embed([" ".join((doc.text[doc.sentences[view.indices[0]][0]:a] + " " +
                                      doc.text[b:doc.sentences[view.indices[-1]][1]]).split()) for a, b in windows])
                 @ german - whole) if windows else []
        located = [c for c in found if c.located]
        length = len(doc.joined(view.indices))
        for i in view.indices:
            start, end = doc.sentences[i]
            own = [c for c in located if start <= c.span[0] < end]
            options = [(float(g), w) for g, w in zip(gains, windows) if start <= w[0] < end and g > 0]
            best = max(options, default=None)
            if best and (not own or best[0] > own[0].gain):
                template = own[0] if own else po.Candidate(bead, best[1], 0.0, shortfall, 0.0, run_on, (),
                                                           located=True, similarity_drop=drop)
                window = doc.text[best[1][0]:best[1][1]]
                anchors = missing_anchors(window, view.other.joined(view.other_indices), words,
                                          doc.lang, view.other.lang)
                located = [c for c in located if c not in own] + [replace(
                    template, span=best[1], gain=best[0], window_fraction=(best[1][1] - best[1][0]) / length,
                    anchors=tuple(anchors), whole_sentence=best[1] == doc.sentences[i])]
        yield from (sorted(located, key=lambda c: c.span) if located else found)

    po.examine = examine
    fit_omission.collect(shared)
    data = np.load(fit_omission.TABLE)
    X, y, sets = data["X"], data["y"].astype(bool), data["sets"]
    w = fit_omission.fit_logistic(X, y, sample_weight=fit_omission.balanced_weights(y, sets))
    po.BIAS, po.WEIGHTS = float(w[0]), tuple(float(v) for v in w[1:])
    print(f"refitted: BIAS {po.BIAS:.3f}, WEIGHTS {tuple(round(v, 3) for v in po.WEIGHTS)}")
    import runpy
    import tempfile

    from aligner.checks import calibration

    # Calibrate for real, into a copy of the table, so that the seed below is scored with it.
    calibration.TABLE = Path(tempfile.mkdtemp()) / "calibration.json"
    sys.argv = ["calibrate.py", "--shared", str(shared), "--warning-at", "0.31", "0.32"]
    runpy.run_path(str(ROOT / "bench" / "calibrate.py"), run_name="__main__")
    calibration.mappings.cache_clear()
    encoder = load_encoder(None)
    report = check_pair((ROOT / "seeds" / "en.txt").read_text(encoding="utf-8"),
                        (ROOT / "seeds" / "de.txt").read_text(encoding="utf-8"), encoder.encode, encoder.name)
    print("seed omission findings, calibrated with the table just fitted:")
    for f in report.findings:
        if f.kind.value == "omission":
            print(f"  {f.confidence:.3f} {f.message[:90]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--in-checker", action="store_true")
    args = parser.parse_args()
    if args.in_checker:
        sys.path.insert(0, str(ROOT / "bench"))
        in_checker(args.shared)
        return
    from aligner.embed import load_encoder
    from aligner.pipeline import CheckOptions, align_documents, split_document

    encoder = load_encoder(None)
    rows = []  # (best gain, label)
    for line in open(args.shared / "eval" / "synthetic" / "dev.jsonl", encoding="utf-8"):
        item = json.loads(line)
        source = split_document(item["source"], "en", False)
        target = split_document(item["target"], "de", False)
        beads, _, _ = align_documents(source, target, encoder.encode, CheckOptions().align_params)
        omissions = [(d["start"], d["end"]) for d in item["defects"] if d["kind"] == "omission"]
        for bead in beads:
            if not bead.target or len(bead.source) <= len(bead.target):
                continue
            windows = seam_windows(item["source"], source, bead.source)
            if not windows:
                continue
            first, last = source.sentences[bead.source[0]][0], source.sentences[bead.source[-1]][1]
            german = encoder.encode([target.joined(bead.target)])[0]
            whole = float(encoder.encode([source.joined(bead.source)])[0] @ german)
            texts = [" ".join((item["source"][first:a] + " " + item["source"][b:last]).split()) for a, b in windows]
            gains = encoder.encode(texts) @ german - whole
            best = windows[int(np.argmax(gains))]
            if any(a < best[1] and best[0] < b for a, b in omissions):
                label = "window on a planted omission"
            elif not item["defects"]:
                label = "clean document"
            else:
                label = "elsewhere"
            rows.append((float(gains.max()), label))
    for label in ("window on a planted omission", "clean document", "elsewhere"):
        gains = np.array([g for g, l in rows if l == label])
        above = ", ".join(f"≥{t}: {int((gains >= t).sum())}" for t in (0.01, 0.015, 0.02))
        print(f"{label}: {len(gains)} run-on pairs, best gain median {np.median(gains):.4f}; {above}")


if __name__ == "__main__":
    main()
