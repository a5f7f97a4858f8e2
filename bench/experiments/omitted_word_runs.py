"""Tried at stop 18, not kept: a run of English words the German leaves unrendered as an omission
candidate of its own (added-words, mirrored onto the source side).

Stop 15 counted such runs and found them rare among the omissions the checker misses. This fits
them: for each aligned pair with word evidence, the longest run of consecutive English content
words none of which comes near a German word (word_match.UNRENDERED_BELOW) is a candidate, with
the run's length and depth (as added-words has them), the pair's length shortfall against the
document's own ratio, the run's share of the pair's content words, whether the pair is a run-on
(more English sentences than German) and the pair's alignment score. Labelled by the omissions of
the dev sets (bench/fit_omission.py's labels), cross-validated by item; then every synthetic/dev
candidate the fitted model puts at 0.3 or more is checked against a kept report of the checker:
does it find a defect the checker misses?

    aligner check --pairs ../shared/eval/synthetic/dev.jsonl --format jsonl > synthetic.jsonl
    aligner check --pairs ../shared/eval/mqm/dev.jsonl --format jsonl > mqm.jsonl
    python bench/experiments/omitted_word_runs.py --shared ../shared --synthetic-reports synthetic.jsonl --mqm-reports mqm.jsonl
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import fit_omission  # noqa: E402
from fit_omission import (FeatureRow, auc, balanced_weights, cross_validated, fit_logistic,  # noqa: E402
                          gold_omissions)

from aligner.checks.added_words import DEPTH_UNIT, MAX_RUN, longest_unrendered_run  # noqa: E402
from aligner.checks.word_match import UNRENDERED_BELOW, word_matches  # noqa: E402

FEATURES = ("run", "depth", "shortfall", "share", "run_on", "pair_score")
MIN_RUN = 2
FLAGGING = {"warning", "error"}


def runs(ctx):
    ratio = ctx.expected_length_ratio()
    for bead, matches in word_matches(ctx, side="source").items():
        run = longest_unrendered_run(matches)
        if len(run) < MIN_RUN:
            continue
        source, target = len(ctx.source.joined(bead.source)), len(ctx.target.joined(bead.target))
        shortfall = max(0.0, 1 - target / (ratio * source)) if ratio and source else 0.0
        depth = float(np.mean([UNRENDERED_BELOW - best for _, best in run])) / DEPTH_UNIT
        yield FeatureRow((run[0][0][0], run[-1][0][1]),
                  (float(min(len(run), MAX_RUN)), depth, shortfall, len(run) / len(matches),
                   float(len(bead.source) > len(bead.target)), float(bead.score)))


def flags_omission(report: dict, start: int, end: int) -> bool:
    return any(f["kind"] == "omission" and f["severity"] in FLAGGING and f.get("source_span")
               and f["source_span"][0] < end and start < f["source_span"][1] for f in report["findings"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--synthetic-reports", type=Path, required=True)
    parser.add_argument("--mqm-reports", type=Path, required=True)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        table = Path(tmp) / "runs.npz"
        fit_omission.save_candidates(args.shared, table, runs, gold_omissions)
        data = np.load(table)
    X, y, groups, sets = data["X"], data["y"].astype(bool), data["groups"], data["sets"]
    print(f"{len(y)} runs of {MIN_RUN}+ unrendered English words, {int(y.sum())} on an omission "
          f"(synthetic {int(y[sets == 0].sum())} of {int((sets == 0).sum())}, MQM {int(y[sets == 1].sum())})")
    weights = balanced_weights(y, sets)
    print("| features | CV AUC | synthetic | MQM | at 0.34: synthetic flagged/right | MQM |")
    print("|---|---|---|---|---|---|")
    for used in (FEATURES[:2], FEATURES[:3], FEATURES[:4], FEATURES):
        columns = [FEATURES.index(f) for f in used]
        held_out = cross_validated(X[:, columns], y, groups, weights)
        cells = [f"{auc(held_out, y):.3f}"] + [f"{auc(held_out[sets == s], y[sets == s]):.3f}" for s in (0, 1)]
        for s in (0, 1):
            flagged = (held_out >= 0.34) & (sets == s)
            cells.append(f"{int(flagged.sum())}/{int((flagged & y).sum())}")
        print(f"| {', '.join(used)} | " + " | ".join(cells) + " |")

    # Against the checker, all features: what would the runs add?
    w = fit_logistic(X, y, sample_weight=weights)
    print("weights (bias first):", ", ".join(f"{v:.3f}" for v in w))
    held_out = cross_validated(X, y, groups, weights)
    mqm = [json.loads(line) for line in (args.shared / "eval/mqm/dev.jsonl").open(encoding="utf-8")]
    mqm_reports = {str(r["id"]): r for r in map(json.loads, args.mqm_reports.open(encoding="utf-8"))}
    run_score = {}
    for group, p, s in zip(groups, held_out, sets):
        if s == 1:
            key = group.split(":", 1)[1]
            run_score[key] = max(run_score.get(key, 0.0), p)
    labels = np.array([any(e["category"] == "accuracy/omission" and e["severity"] == "major" for e in it["errors"])
                       for it in mqm])
    checker = np.array([max((f["confidence"] for f in mqm_reports[str(it["id"])]["findings"] if f["kind"] == "omission"),
                            default=0.0) for it in mqm])
    runs_only = np.array([run_score.get(str(it["id"]), 0.0) for it in mqm])
    either = (checker >= 0.34) | (runs_only >= 0.34)
    print(f"mqm/dev items: omission AUC checker {auc(checker, labels):.3f}, runs {auc(runs_only, labels):.3f}, "
          f"the higher of both {auc(np.maximum(checker, runs_only), labels):.3f}; flagged at 0.34: checker "
          f"{int((checker >= 0.34).sum())} ({int(((checker >= 0.34) & labels).sum())} right), either "
          f"{int(either.sum())} ({int((either & labels).sum())} right)")

    reports = {str(r["id"]): r for r in map(json.loads, args.synthetic_reports.open(encoding="utf-8"))}
    fit_omission.DEV_SETS = ("synthetic/dev.jsonl",)
    print("\nsynthetic/dev runs at 0.3 or more (in-sample weights):")
    for _, item, ctx in fit_omission.dev_contexts(args.shared):
        report = reports[str(item["id"])]
        for run in runs(ctx):
            p = 1 / (1 + math.exp(-(w[0] + w[1:] @ np.array(run.features()))))
            if p < 0.3:
                continue
            hit = [d for d in item["defects"] if d["side"] == "source" and d["kind"] == "omission"
                   and d["start"] < run.span[1] and run.span[0] < d["end"]]
            verdict = ", ".join(f"{d['type']} ({'found' if flags_omission(report, d['start'], d['end']) else 'NEW'})"
                                for d in hit) or ("wrong, clean document" if not item["defects"] else "wrong")
            print(f"  {p:.2f} {item['source'][run.span[0]:run.span[1]]!r}: {verdict}")


if __name__ == "__main__":
    main()
