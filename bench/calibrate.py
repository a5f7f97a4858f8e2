"""Fit the per-rule confidence calibration (aligner/checks/calibration.json) and choose the
severity thresholds, on the dev sets only.

1. Check synthetic/dev.jsonl and mqm/dev.jsonl with calibration off, keeping every finding.
2. Label each finding: it is right when it overlaps, on its side, a planted defect of its kind
   (synthetic) or a major MQM error of the matching category (omission, addition, source
   language fragment for untranslated, any accuracy error for mistranslation).
3. Per rule, fit a Platt mapping confidence = sigmoid(a * logit(raw) + b) to those labels.
4. With the calibrated confidences, score warning thresholds with ../shared/eval/score.py and
   print the figures the thresholds in severity.py were chosen from.

    python bench/calibrate.py --shared ../shared           # fit, write calibration.json, print the sweep
    python bench/calibrate.py --shared ../shared --dry-run # print only
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import pickle
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Dict, List

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from aligner.checks.calibration import calibrate, logit  # noqa: E402 - the mapping and clipping the checks apply

MIN_POSITIVES_TO_BALANCE = 20
SHRINK = 5.0
MIN_SLOPE = 0.05  # strength of the pull toward the identity mapping, in units of findings
# Rules whose scores were set against the MQM scorer's own unit (the item) with caps chosen on
# dev (untranslated.py): span-overlap labels would punish a right item for a neighbouring span.
OWN_SCALE = {"untranslated-fragment"}
RAW_DIR = Path(os.environ.get("TMPDIR", "/tmp")) / "aligner-calibration"

MQM_KINDS = {
    "omission": {"accuracy/omission"},
    "addition": {"accuracy/addition"},
    "untranslated": {"accuracy/source language fragment"},
    "mistranslation": {"accuracy/mistranslation", "accuracy/creative reinterpretation",
                       "accuracy/source language fragment"},
}


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_spans(item: dict, kind: str, side: str):
    if "defects" in item:
        return [(d["start"], max(d["end"], d["start"] + 1)) for d in item["defects"]
                if d["kind"] == kind and d["side"] == side]
    return [(e["start"], e["end"]) for e in item["errors"]
            if e["category"] in MQM_KINDS[kind] and e["severity"] == "major" and e["side"] == side]


def run_raw(shared: Path, name: str):
    """Reports of one dev set with calibration off and every rule on, the ones off by default
    included (they need a mapping for when a configuration turns them on): (items, reports)."""
    from aligner.checks import calibration
    from aligner.checks.registry import OFF_BY_DEFAULT
    from aligner.embed import load_encoder
    from aligner.inputs import TextPair
    from aligner.pipeline import CheckOptions, check_many

    calibration.ENABLED = False
    items = [json.loads(line) for line in open(shared / "eval" / name, encoding="utf-8")]
    encoder = load_encoder(None)
    pairs = [TextPair(str(i["id"]), i["source"], i["target"]) for i in items]
    reports = []
    from aligner.embed.cache import default_cache_dir

    options = CheckOptions(enabled_rules=tuple(sorted(OFF_BY_DEFAULT)), word_cache_dir=str(default_cache_dir()))
    for pair, report, err in check_many(pairs, encoder.encode, encoder.name, options):
        if err is not None:
            raise err
        reports.append(report)
    calibration.ENABLED = True
    return items, reports


def label(item: dict, finding) -> bool:
    side = "source" if finding.kind.value == "omission" else "target"
    span = finding.source_span if side == "source" else finding.target_span
    if span is None:
        return False
    return any(a < span[1] and span[0] < b for a, b in gold_spans(item, finding.kind.value, side))


def fit_platt(raw: np.ndarray, y: np.ndarray, sets: np.ndarray):
    """Platt scaling, shrunk toward the identity (a = 1, b = 0) so that a rule with few findings
    keeps close to its own scale instead of being bent by a handful of labels. The two dev sets
    weigh alike (fit_omission.balanced_weights) where both hold enough right findings."""
    from fit_omission import balanced_weights

    x = np.array([logit(float(r)) for r in raw])
    enough = len(np.unique(sets)) > 1 and all(y[sets == s].sum() >= MIN_POSITIVES_TO_BALANCE
                                              for s in np.unique(sets))
    weights = balanced_weights(y, sets) if enough else np.ones(len(y))
    weights = weights * len(y) / weights.sum()
    theta = np.array([1.0, 0.0])  # (a, b)
    prior = np.array([1.0, 0.0])
    A = np.stack([x, np.ones(len(x))], axis=1)

    def loss(t):  # the penalised, weighted negative log-likelihood that Newton's steps descend
        z = np.clip(A @ t, -30, 30)
        return float((weights * (np.logaddexp(0, z) - y * z)).sum() + SHRINK / 2 * ((t - prior) ** 2).sum())

    for _ in range(100):
        p = 1 / (1 + np.exp(-np.clip(A @ theta, -30, 30)))
        gradient = A.T @ (weights * (p - y)) + SHRINK * (theta - prior)
        hessian = (A * (weights * p * (1 - p))[:, None]).T @ A + SHRINK * np.eye(2)
        step = np.linalg.solve(hessian, gradient)
        # Halve a step that does not lower the loss: where the raw scores bunch together (most of
        # sentence-omission's sit at the 0.99 clip) a full Newton step overshoots, and undamped the
        # iteration swung between a = -28 and a = 79 until stop 16 and left a clipped a = 3.
        while loss(theta - step) > loss(theta) and np.abs(step).max() > 1e-12:
            step = step / 2
        theta -= step
        if np.abs(step).max() < 1e-9:
            break
    if theta[0] <= MIN_SLOPE:
        # The raw score does not rank this rule's findings at all: every finding gets the rule's
        # observed rate of being right, with the least slope that keeps their order.
        rate = float((weights * y).sum() / weights.sum())
        return MIN_SLOPE, math.log(rate / (1 - rate)) - MIN_SLOPE * float(np.average(x, weights=weights))
    a = min(max(float(theta[0]), MIN_SLOPE), 3.0)  # a > 0: never reorders a rule's findings
    b = float(theta[1])
    if a != theta[0]:  # the slope hit its bounds (separable labels): refit the offset alone
        for _ in range(100):
            p = 1 / (1 + np.exp(-np.clip(a * x + b, -30, 30)))
            step = ((weights * (p - y)).sum() + SHRINK * b) / ((weights * p * (1 - p)).sum() + SHRINK)
            b -= step
            if abs(step) < 1e-9:
                break
    return a, b


def fitted(table: dict, rule: str, raw: float) -> float:
    """The calibrated confidence under the mapping just fitted (calibration.json may be unwritten:
    --dry-run); rules that keep their own scale go through the checks' own calibration."""
    if rule not in table:
        return calibrate(rule, raw)
    return sigmoid(table[rule]["a"] * logit(raw) + table[rule]["b"])


def sigmoid(z):
    return 1 / (1 + math.exp(-max(-30, min(30, z))))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--dry-run", action="store_true", help="print only; do not write calibration.json")
    parser.add_argument("--reuse", action="store_true",
                        help="reuse the raw reports of the last run (after changing only the calibration or thresholds)")
    parser.add_argument("--warning-at", type=float, nargs="*", default=[0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6])
    args = parser.parse_args()
    from aligner.checks import calibration
    from aligner.checks.registry import OFF_BY_DEFAULT
    from aligner.checks.severity import severity_for
    from aligner.report.json_report import report_to_dict

    sets = {}
    for name in ("synthetic/dev.jsonl", "mqm/dev.jsonl"):
        saved = RAW_DIR / (name.replace("/", "-") + ".pickle")
        if args.reuse and saved.exists():
            sets[name] = pickle.loads(saved.read_bytes())
        else:
            sets[name] = run_raw(args.shared, name)
            RAW_DIR.mkdir(parents=True, exist_ok=True)
            saved.write_bytes(pickle.dumps(sets[name]))
    by_rule: Dict[str, List] = defaultdict(list)
    for set_id, (items, reports) in enumerate(sets.values()):
        for item, report in zip(items, reports):
            for f in report.findings:
                by_rule[f.rule].append((f.confidence, label(item, f), set_id))
    table = {}
    print(f"{'rule':<24}{'findings':>9}{'right':>7}   a       b      mean raw -> calibrated")
    for rule, rows in sorted(by_rule.items()):
        if rule in OWN_SCALE:
            print(f"{rule:<24}{len(rows):>9}{int(sum(l for _, l, _ in rows)):>7}   keeps its own scale")
            continue
        raw = np.array([r for r, _, _ in rows])
        y = np.array([l for _, l, _ in rows])
        a, b = fit_platt(raw, y, np.array([s for _, _, s in rows]))
        calibrated = np.array([sigmoid(a * logit(r) + b) for r in raw])
        table[rule] = {"a": round(a, 4), "b": round(b, 4), "findings": len(rows), "right": int(y.sum())}
        per_set = ", ".join(f"{name.split('/')[0]} {int(sum(l for _, l, s in rows if s == k))}/"
                            f"{sum(1 for _, _, s in rows if s == k)}" for k, name in enumerate(sets))
        print(f"{rule:<24}{len(rows):>9}{int(y.sum()):>7}  {a:6.3f} {b:7.3f}   {raw.mean():.3f} -> "
              f"{calibrated.mean():.3f} (rate right {y.mean():.3f}; right/findings {per_set})")
    if not args.dry_run:
        calibration.TABLE.write_text(json.dumps(
            {"fitted_by": "bench/calibrate.py", "data": ["synthetic/dev.jsonl", "mqm/dev.jsonl"],
             "rules": table}, indent=2) + "\n", encoding="utf-8")
        calibration.mappings.cache_clear()

    scorer = load_scorer(args.shared)
    import tempfile

    from aligner.checks import severity

    print("\nwarning threshold sweep (calibrated confidences; error threshold unchanged):")
    for warning_at in args.warning_at:
        severity.WARNING_AT = warning_at
        outputs = {}
        for name, (items, reports) in sets.items():
            path = Path(tempfile.mkstemp(suffix=".jsonl")[1])
            with path.open("w", encoding="utf-8") as out:
                for report in reports:
                    findings = []
                    for f in report.findings:
                        if f.rule in OFF_BY_DEFAULT:  # the sweep measures the default configuration
                            continue
                        conf = fitted(table, f.rule, f.confidence)
                        findings.append(replace(f, confidence=conf, severity=severity_for(conf)))
                    out.write(json.dumps(report_to_dict(replace(report, findings=findings))) + "\n")
            outputs[name] = path
        syn = scorer.score_defects(str(args.shared / "eval/synthetic/dev.jsonl"), str(outputs["synthetic/dev.jsonl"]))
        mqm = scorer.score_mqm(str(args.shared / "eval/mqm/dev.jsonl"), str(outputs["mqm/dev.jsonl"]))
        print(f"  {warning_at:.2f}: synthetic F1 {syn['overall']['f1']:.3f} (P {syn['overall']['precision']:.3f} "
              f"R {syn['overall']['recall']:.3f}), flags/clean doc {syn['findings_per_clean_document']:.3f}; "
              f"MQM omission AUC {mqm['omission']['auc']:.3f} P {mqm['omission']['precision']:.3f} "
              f"R {mqm['omission']['recall']:.3f}, any-accuracy AUC {mqm['any_accuracy']['auc']:.3f}")


if __name__ == "__main__":
    main()
