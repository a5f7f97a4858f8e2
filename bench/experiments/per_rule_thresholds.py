"""How far could thresholds alone go on synthetic/dev.jsonl? (Stop 16; an upper bound, not a choice.)

Checks synthetic/dev.jsonl through the CLI, keeps every finding with its confidence, and scores
it as ../shared/eval/score.py does (a flag is right when it overlaps, on its side, a planted defect
of its kind). Prints the wrong flags per rule and the missed defects per type at the shipped
thresholds, F1 at a few global warning thresholds, and then a warning threshold per rule chosen
by coordinate ascent on this same set (two passes over the rules, in-sample: it flatters).

    python bench/experiments/per_rule_thresholds.py --shared ../shared
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

CANDIDATE_THRESHOLDS = (0.2, 0.25, 0.3, 0.34, 0.4, 0.45, 0.5, 0.6, 0.8, 1.01)  # 1.01: the rule never flags


def overlaps(span, defect) -> bool:
    return bool(span) and span[0] < max(defect["end"], defect["start"] + 1) and defect["start"] < span[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    from aligner.checks.severity import WARNING_AT

    gold_path = args.shared / "eval" / "synthetic" / "dev.jsonl"
    done = subprocess.run([sys.executable, "-m", "aligner", "check", "--pairs", str(gold_path), "--format", "jsonl"],
                          capture_output=True, text=True, cwd=ROOT)
    reports = {r["id"]: r for r in map(json.loads, done.stdout.splitlines())}
    findings, defects = [], []  # (kind, rule, confidence, right, clean document); (type, [(rule, confidence)])
    for doc in map(json.loads, gold_path.read_text(encoding="utf-8").splitlines()):
        found = reports[doc["id"]]["findings"]
        for f in found:
            right = any(f["kind"] == d["kind"] and overlaps(f.get(d["side"] + "_span"), d) for d in doc["defects"])
            findings.append((f["kind"], f["rule"], f["confidence"], right, not doc["defects"]))
        for d in doc["defects"]:
            defects.append((d["type"], [(f["rule"], f["confidence"]) for f in found
                                        if f["kind"] == d["kind"] and overlaps(f.get(d["side"] + "_span"), d)]))
    clean = sum(1 for doc in map(json.loads, gold_path.read_text(encoding="utf-8").splitlines()) if not doc["defects"])

    def score(thresholds):
        at = lambda rule: thresholds.get(rule, thresholds["*"])  # noqa: E731
        flagged = [f for f in findings if f[2] >= at(f[1])]
        right = sum(f[3] for f in flagged)
        found = sum(any(c >= at(rule) for rule, c in matches) for _, matches in defects)
        precision, recall = right / len(flagged), found / len(defects)
        return 2 * precision * recall / (precision + recall), precision, recall, sum(f[4] for f in flagged) / clean

    shipped = {"*": WARNING_AT}
    print(f"At the shipped threshold ({WARNING_AT}): wrong flags per rule "
          f"{dict(Counter(f[1] for f in findings if f[2] >= WARNING_AT and not f[3]))}; missed per type "
          f"{dict(Counter(t for t, m in defects if not any(c >= WARNING_AT for _, c in m)))}")
    for t in (0.25, 0.3, 0.34, 0.4, 0.45):
        print("  global %.2f: F1 %.3f (P %.3f, R %.3f), %.3f flags per clean document" % (t, *score({"*": t})))
    best = dict(shipped)
    for _ in range(2):
        for rule in sorted({f[1] for f in findings}):
            best[rule] = max(CANDIDATE_THRESHOLDS, key=lambda t: score({**best, rule: t})[0])
    print("per rule, in-sample: F1 %.3f (P %.3f, R %.3f), %.3f flags per clean document" % score(best))
    print("  thresholds:", {rule: t for rule, t in sorted(best.items())})


if __name__ == "__main__":
    main()
