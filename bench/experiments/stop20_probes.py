"""Tried at stop 20, not kept: seven probes of more evidence for the rules' models, each
cross-validated by document as the rule's own fit script does (BENCHMARKS.md, stop 20).

    python bench/experiments/stop20_probes.py --shared ../shared PROBE [--reuse]

PROBE is one of:

- stacking SYN_REPORTS MQM_REPORTS: among the findings of `aligner check --pairs
  ../shared/eval/synthetic/dev.jsonl --format jsonl` (and of mqm/dev.jsonl) between 0.15 and the
  warning threshold, how often each is right when another finding lies on an overlapping span
  (of its own kind or another), when many do, and when the document reads noisy (findings per
  sentence above the band's median); labels as bench/calibrate.py gives them.
- omission-length: partial-omission's gain times the source pair's length in tens of words, and the
  log of that length, beside the rule's features.
- omission-source-gap: in pairs with several English sentences, how far the sentence holding the
  candidate lies below the document's median pair in its similarity to the pair's German (the
  mirror of added-words' sentence_gap), and the best other sentence's; also only for candidates
  that are a whole sentence.
- names-looseness: name-mismatch with the pair's similarity below the document's median (and
  that times the German pair's length).
- negation-looseness: the same for added negations.
- negation-best: an added negation word's best cosine with any English word, and its sentence's
  median, beside the gain and the word gap.
- added-words-edge: whether an added-words run starts at the pair's first German content word or
  ends at its last, and the run's share of the pair's content words.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from fit_omission import (FeatureRow, auc, dev_contexts, fit_logistic, gold_omissions,  # noqa: E402
                          overlaps_marked_error, print_variant_table, save_candidates)

TMP = Path(os.environ.get("TMPDIR", "/tmp"))


def typical_similarity(ctx) -> float:
    linked = ctx.linked_beads()
    return float(np.median([b.score for b in linked])) if linked else 0.0


def folds_of(groups: np.ndarray) -> np.ndarray:
    unique = np.unique(groups)
    fold_of = dict(zip(unique, np.random.default_rng(0).integers(0, 5, len(unique))))
    return np.array([fold_of[g] for g in groups])


def held_out_plain(F: np.ndarray, y: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Cross-validated probabilities of an unweighted logistic model (as fit_names and
    fit_negation fit theirs)."""
    folds, out = folds_of(groups), np.zeros(len(y))
    for k in range(5):
        w = fit_logistic(F[folds != k], y[folds != k])
        out[folds == k] = 1 / (1 + np.exp(-(w[0] + F[folds == k] @ w[1:])))
    return out


def counts(p: np.ndarray, y: np.ndarray, thresholds=(0.3, 0.34, 0.4, 0.5)) -> str:
    return ", ".join(f"at {t}: {int((p >= t).sum())} flagged, {int(((p >= t) & y).sum())} right" for t in thresholds)


def table(path: Path, reuse: bool, collect) -> dict:
    if not reuse or not path.exists():
        collect()
    return dict(np.load(path))


# ----------------------------------------------------------------- stacking

def stacking(shared: Path, syn_reports: Path, mqm_reports: Path) -> None:
    from calibrate import gold_spans
    from aligner.checks.severity import WARNING_AT

    def overlap(a, b):
        return bool(a) and bool(b) and a[0] < b[1] and b[0] < a[1]

    for name, gold_path, report_path in (("synthetic/dev", shared / "eval/synthetic/dev.jsonl", syn_reports),
                                         ("mqm/dev", shared / "eval/mqm/dev.jsonl", mqm_reports)):
        reports = {str(json.loads(line)["id"]): json.loads(line) for line in open(report_path, encoding="utf-8")}
        rows = []  # (right, same kind near, other kind near, findings near, findings per sentence)
        for line in open(gold_path, encoding="utf-8"):
            item = json.loads(line)
            findings = reports[str(item["id"])]["findings"]
            sentences = max(1, item["source"].count(". ") + item["source"].count("\n") + 1)
            for f in findings:
                if not 0.15 < f["confidence"] < WARNING_AT:
                    continue
                side = "source" if f["kind"] == "omission" else "target"
                span = f.get(f"{side}_span")
                right = bool(span) and any(a < span[1] and span[0] < b for a, b in gold_spans(item, f["kind"], side))
                near = [g for g in findings if g is not f and (overlap(g.get("source_span"), f.get("source_span"))
                                                               or overlap(g.get("target_span"), f.get("target_span")))]
                evident = [g for g in near if g["confidence"] > 0.1]
                rows.append((right, any(g["kind"] == f["kind"] and g["rule"] != f["rule"] for g in evident),
                             any(g["kind"] != f["kind"] for g in evident),
                             math.log1p(len(near)), len(findings) / sentences))
        R = np.array(rows, dtype=float)
        right = R[:, 0] > 0
        print(f"{name}: {len(R)} findings between 0.15 and {WARNING_AT}, {int(right.sum())} right")
        for label, mask in (("another finding of its kind nearby", R[:, 1] > 0),
                            ("a finding of another kind nearby", R[:, 2] > 0),
                            ("more findings nearby than the median", R[:, 3] > np.median(R[:, 3])),
                            ("a noisier document than the median", R[:, 4] > np.median(R[:, 4]))):
            print(f"  {label}: {int((mask & right).sum())} right of {int(mask.sum())}; "
                  f"otherwise {int((~mask & right).sum())} of {int((~mask).sum())}")


# ----------------------------------------------------------------- partial-omission

def omission_probe(shared: Path, reuse: bool, name: str) -> None:
    from aligner.checks.partial_omission import FEATURES, find_candidates

    path = TMP / f"aligner-stop20-{name}.npz"

    def rows(ctx):
        typical = typical_similarity(ctx)
        for c in find_candidates(ctx):
            gap = other = 0.0
            b = c.bead
            if len(b.source) > 1 and b.target:
                target = ctx.target_vectors[list(b.target)].mean(axis=0)
                target = target / np.linalg.norm(target)
                overlaps = [min(c.span[1], ctx.source.sentences[i][1]) - max(c.span[0], ctx.source.sentences[i][0])
                            for i in b.source]
                holder = b.source[int(np.argmax(overlaps))]
                gap = (typical - float(ctx.source_vectors[holder] @ target)) / 0.01
                other = min((typical - float(ctx.source_vectors[i] @ target)) / 0.01 for i in b.source if i != holder)
            yield FeatureRow(c.span, (*c.features(), len(ctx.source_text(b).split()) / 10, float(c.gain), gap, other))

    data = table(path, reuse, lambda: save_candidates(shared, path, rows, gold_omissions))
    X, y, groups, sets = data["X"], data["y"].astype(bool), data["groups"], data["sets"]
    n = len(FEATURES)
    base, length, gain = X[:, :n], X[:, n], np.minimum(X[:, n + 1], 0.06) / 0.01
    gap, other, whole = X[:, n + 2], X[:, n + 3], X[:, FEATURES.index("whole_sentence")]
    if name == "omission-length":
        variants = {"the checker's": base, "+ gain x length": np.column_stack([base, gain * length]),
                    "+ log length": np.column_stack([base, np.log(length)])}
    else:
        variants = {"the checker's": base, "+ source sentence's gap": np.column_stack([base, gap]),
                    "+ its gap, the best other's": np.column_stack([base, gap, other]),
                    "+ gap x whole sentence": np.column_stack([base, gap * whole])}
    print_variant_table(variants, y, groups, sets)


# ----------------------------------------------------------------- name-mismatch, negation-mismatch

def names_looseness(shared: Path, reuse: bool) -> None:
    from aligner.checks.names import FEATURES, find_candidates

    path = TMP / "aligner-stop20-names.npz"

    def collect():
        rows, labels, groups, sets = [], [], [], []
        for set_id, item, ctx in dev_contexts(shared):
            typical = typical_similarity(ctx)
            for c in find_candidates(ctx):
                rows.append((*c.features(), (typical - c.bead.score) / 0.01, len(ctx.target_text(c.bead).split()) / 10))
                labels.append(overlaps_marked_error(item, "target", c.target_span))
                groups.append(f"{set_id}:{item['id']}")
                sets.append(set_id)
        np.savez(path, X=np.array(rows), y=np.array(labels), groups=np.array(groups), sets=np.array(sets))

    data = table(path, reuse, collect)
    synthetic = data["sets"] == 0  # fitted on synthetic/dev, as bench/fit_names.py fits the rule
    X, y, groups = data["X"][synthetic], data["y"][synthetic].astype(bool), data["groups"][synthetic]
    n = len(FEATURES)
    for label, F in (("the checker's", X[:, :n]), ("+ looseness", X[:, :n + 1]),
                     ("+ looseness x length", np.column_stack([X[:, :n], X[:, n] * X[:, n + 1]]))):
        p = held_out_plain(F, y, groups)
        print(f"{label}: CV AUC {auc(p, y):.4f}; {counts(p, y, (0.2, 0.3, 0.4, 0.5))}")


def negation_probe(shared: Path, reuse: bool, name: str) -> None:
    from fit_negation import collect
    from aligner.checks.negation import MAX_NEGATIONS, negation_row

    path = TMP / f"aligner-stop20-{name}.npz"

    def more(ctx, c):
        langs = (ctx.source.lang, ctx.target.lang)
        [row] = ctx.words.rows([(ctx.source_text(c.bead), ctx.target_text(c.bead))],
                               lambda s, t, sw, tw: negation_row(s, t, sw, tw, langs), "negation-v1",
                               f"{langs[0]}-{langs[1]}")
        at = (1 if c.added else 0) * (1 + MAX_NEGATIONS)
        best = float(row[at + 1 + c.index]) if c.index < MAX_NEGATIONS else -1.0
        return ((typical_similarity(ctx) - c.bead.score) / 0.01, float(row[at]), best)

    data = table(path, reuse, lambda: collect(shared, path, more))
    keep = data["added"] & (data["sets"] == 0)  # added negations are fitted on synthetic/dev
    X, y, groups = data["X"][keep], data["y"][keep].astype(bool), data["groups"][keep]
    looseness, median, best = X[:, 2], X[:, 3], X[:, 4]
    if name == "negation-looseness":
        variants = {"the checker's": X[:, :2], "+ looseness": np.column_stack([X[:, :2], looseness])}
    else:
        variants = {"the checker's": X[:, :2], "+ the word's best cosine": np.column_stack([X[:, :2], best / 0.1]),
                    "+ its sentence's median": np.column_stack([X[:, :2], median / 0.1])}
    for label, F in variants.items():
        p = held_out_plain(F, y, groups)
        print(f"{label}: CV AUC {auc(p, y):.3f}; {counts(p, y)}")


# ----------------------------------------------------------------- added-words

def added_words_edge(shared: Path, reuse: bool) -> None:
    from fit_added_words import gold_additions
    from aligner.checks.added_words import find_candidates
    from aligner.checks.word_match import word_matches

    path = TMP / "aligner-stop20-added-words-edge.npz"

    def rows(ctx):
        matches = word_matches(ctx, side="target")
        for c in find_candidates(ctx):
            words = matches[c.bead]
            edge = float(c.span[0] == words[0][0][0] or c.span[1] == words[-1][0][1])
            yield FeatureRow(c.span, (*c.features(), edge, c.run / max(1, len(words))))

    data = table(path, reuse, lambda: save_candidates(shared, path, rows, gold_additions))
    X, y, groups, sets = data["X"], data["y"].astype(bool), data["groups"], data["sets"]
    columns = {"the checker's": [0, 1, 2], "+ edge": [0, 1, 2, 3], "+ edge, share": [0, 1, 2, 3, 4]}
    print_variant_table({label: X[:, c] for label, c in columns.items()}, y, groups, sets)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--reuse", action="store_true", help="reuse the probe's saved table")
    parser.add_argument("probe", choices=("stacking", "omission-length", "omission-source-gap", "names-looseness",
                                          "negation-looseness", "negation-best", "added-words-edge"))
    parser.add_argument("reports", nargs="*", type=Path, help="stacking: the synthetic/dev and mqm/dev reports")
    args = parser.parse_args()
    if args.probe == "stacking":
        stacking(args.shared, *args.reports)
    elif args.probe.startswith("omission"):
        omission_probe(args.shared, args.reuse, args.probe)
    elif args.probe == "names-looseness":
        names_looseness(args.shared, args.reuse)
    elif args.probe.startswith("negation"):
        negation_probe(args.shared, args.reuse, args.probe)
    else:
        added_words_edge(args.shared, args.reuse)


if __name__ == "__main__":
    main()
