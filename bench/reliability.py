"""Are the confidences calibrated? For each data set: bin every finding by its confidence and
compare the bin's mean confidence with the share of its findings that are right.

A finding is right as bench/calibrate.py labels it when it fits the mappings: it overlaps, on its
side (the source for omissions, the translation otherwise), a planted defect of its kind
(synthetic/dev.jsonl, the held-out set, the seed) or a major MQM error of the matching category
(mqm/*.jsonl). The mappings were fitted on synthetic-dev and mqm-dev, so those two are in-sample;
heldout-newstest and mqm-test say whether the confidences carry over to documents nothing was
fitted on. `untranslated-fragment` keeps a scale of its own, set against the MQM scorer's item
unit, so it is left out (`--all-rules` keeps it).

    python bench/reliability.py --shared ../shared [--sets heldout-newstest mqm-test] [--floor 0.05]

Prints per set a Markdown table of the bins, the expected calibration error (ECE: the bins'
|confidence - rate of right| weighted by their findings) and the Brier score, then per rule the
findings at or above the warning threshold and how many of them are right.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from calibrate import gold_spans  # noqa: E402 - the labels the mappings were fitted to
from detect_gold import SETS, check_set  # noqa: E402

from aligner.checks.severity import WARNING_AT  # noqa: E402

OWN_SCALE = {"untranslated-fragment"}
BINS = 10


def is_right(item: dict, finding: dict) -> bool:
    side = "source" if finding["kind"] == "omission" else "target"
    span = finding.get(f"{side}_span")
    if not span:
        return False
    return any(a < span[1] and span[0] < b for a, b in gold_spans(item, finding["kind"], side))


def labelled(gold: Path, reports: Path, floor: float, all_rules: bool):
    """(rule, confidence, right) for each finding at or above `floor`."""
    items = {str(i["id"]): i for i in map(json.loads, gold.read_text(encoding="utf-8").splitlines()) if i}
    out = []
    for report in map(json.loads, reports.read_text(encoding="utf-8").splitlines()):
        item = items.get(str(report["id"]))
        if item is None:
            continue
        for f in report["findings"]:
            if f["confidence"] >= floor and (all_rules or f["rule"] not in OWN_SCALE):
                out.append((f["rule"], float(f["confidence"]), is_right(item, f)))
    return out


def summarise(rows):
    """Per bin (low, high, findings, mean confidence, rate right); ECE; Brier score."""
    bins = defaultdict(list)
    for _, confidence, right in rows:
        bins[min(int(confidence * BINS), BINS - 1)].append((confidence, right))
    table, ece = [], 0.0
    for k in sorted(bins):
        members = bins[k]
        mean = sum(c for c, _ in members) / len(members)
        rate = sum(r for _, r in members) / len(members)
        table.append((k / BINS, (k + 1) / BINS, len(members), mean, rate))
        ece += len(members) / len(rows) * abs(mean - rate)
    brier = sum((c - r) ** 2 for _, c, r in rows) / len(rows)
    return table, ece, brier


def print_set(name: str, rows, floor: float) -> None:
    print(f"### {name}\n")
    if not rows:
        print("No findings.\n")
        return
    table, ece, brier = summarise(rows)
    print("| confidence | findings | mean confidence | right |\n|---|---|---|---|")
    for low, high, n, mean, rate in table:
        print(f"| {low:.1f}–{high:.1f} | {n} | {mean:.3f} | {rate:.3f} |")
    print(f"\n{len(rows)} findings at confidence ≥ {floor}: ECE {ece:.3f}, Brier score {brier:.3f}.\n")
    print(f"| rule | flagged (≥ {WARNING_AT}) | right | mean confidence | rate right |\n|---|---|---|---|---|")
    by_rule = defaultdict(list)
    for rule, confidence, right in rows:
        if confidence >= WARNING_AT:
            by_rule[rule].append((confidence, right))
    for rule in sorted(by_rule):
        members = by_rule[rule]
        right = sum(r for _, r in members)
        print(f"| `{rule}` | {len(members)} | {right} | {sum(c for c, _ in members) / len(members):.3f} | "
              f"{right / len(members):.3f} |")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--sets", nargs="*", default=["synthetic-dev", "mqm-dev", "heldout-newstest", "mqm-test"],
                        choices=[s for s in SETS if s != "seed"])
    parser.add_argument("--cli", default=None, help="the aligner command to judge (default: this checkout)")
    parser.add_argument("--floor", type=float, default=0.05, help="leave out findings below this confidence")
    parser.add_argument("--all-rules", action="store_true", help="keep the rules with a scale of their own")
    args = parser.parse_args()
    cli = [args.cli] if args.cli else [sys.executable, "-m", "aligner"]
    print(f"## Calibration (`python bench/reliability.py --floor {args.floor}`)\n")
    for name in args.sets:
        with tempfile.TemporaryDirectory() as tmp:
            gold, reports, _ = check_set(cli, args.shared, name, [], Path(tmp))
            print_set(name, labelled(gold, reports, args.floor, args.all_rules), args.floor)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
