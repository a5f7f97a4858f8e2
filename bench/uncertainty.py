"""How far the detection figures would move on another sample of the same kind of text: a
bootstrap over documents, on the reports of `aligner check --pairs … --format jsonl`.

  python bench/uncertainty.py --shared ../shared [--sets synthetic-dev heldout-newstest heldout-newstest-2 mqm-dev mqm-test]
                              [--resamples 2000] [--reports-dir DIR]

A figure such as synthetic/dev's F1 is measured on 282 documents with 222 planted defects, so one
or two defects found more or fewer move it by about 0.005. The bootstrap draws as many documents
as the set has, with replacement, scores the draw the way ../shared/eval/score.py scores the whole
set, and repeats; the 2.5th and 97.5th percentiles of the figure over the draws make its 95 %
interval. Documents are drawn, not defects: defects of one document share its translator, its
text and the checker's alignment of it. MQM items are drawn by their source document (`doc`), the
unit the raters read.

The per-document counts are computed here, not by score.py (which reads whole files); the script
checks that over the whole set they give exactly score.py's figures before it draws anything.
Reports are made with the CLI (as bench/detect_gold.py makes them) unless `--reports-dir` holds a
`<set>.reports.jsonl` from an earlier run. Nothing is tuned here.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Dict, Sequence

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from detect_gold import ROOT, SETS, check_set  # noqa: E402
from untranslated_dev import load_scorer, read_jsonl  # noqa: E402

FLAGGING = ("error", "warning")


def _overlaps(span, start: int, end: int) -> bool:
    return bool(span) and span[0] is not None and span[0] < end and start < span[1]


# ------------------------------------------------------------------------------ planted defects

DEFECT_COLUMNS = ("found", "defects", "correct", "flagged", "clean", "clean_flags")


def defect_counts(gold: Sequence[dict], reports: Dict[str, dict]) -> np.ndarray:
    """One row per document: defects found, defects, flags that are right, flags, whether the
    document is clean, flags on it if so (score.py's rules: a flag is an error or warning; it
    matches a defect of its kind when its span on the defect's side overlaps the defect)."""
    rows = []
    for doc in gold:
        findings = [f for f in reports.get(str(doc["id"]), {}).get("findings", []) if f.get("severity") in FLAGGING]
        defects = [(d["kind"], d["side"], d["start"], max(d["end"], d["start"] + 1)) for d in doc["defects"]]

        def matches(f, defect) -> bool:
            kind, side, start, end = defect
            return f.get("kind") == kind and _overlaps(f.get(f"{side}_span"), start, end)

        found = sum(any(matches(f, d) for f in findings) for d in defects)
        correct = sum(any(matches(f, d) for d in defects) for f in findings)
        clean = not defects
        rows.append((found, len(defects), correct, len(findings), clean, len(findings) if clean else 0))
    return np.array(rows, dtype=float)


def defect_figures(totals: np.ndarray) -> Dict[str, float]:
    found, defects, correct, flagged, clean, clean_flags = totals
    precision = correct / flagged if flagged else 0.0
    recall = found / defects if defects else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": f1, "precision": precision, "recall": recall,
            "flags_per_clean_document": clean_flags / clean if clean else 0.0}


def check_defects_against_scorer(scorer, gold_path: Path, reports_path: Path, counts: np.ndarray) -> None:
    official = scorer.score_defects(str(gold_path), str(reports_path))
    mine = defect_figures(counts.sum(axis=0))
    expected = {"f1": official["overall"]["f1"], "precision": official["overall"]["precision"],
                "recall": official["overall"]["recall"],
                "flags_per_clean_document": official["findings_per_clean_document"]}
    for name, value in expected.items():
        if abs(round(mine[name], 4 if name != "flags_per_clean_document" else 3) - value) > 1e-9:
            sys.exit(f"uncertainty.py counts {name} = {mine[name]:.4f}, score.py {value}: the scorer changed")


# ------------------------------------------------------------------------------ MQM

def rank_auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """ROC-AUC by the rank-sum formula with ties sharing their mean rank (as score.auc)."""
    positives = int(labels.sum())
    negatives = len(labels) - positives
    if not positives or not negatives:
        return 0.0
    # every member of a run of equal scores gets the run's mean rank (1-based)
    _, run_of, run_sizes = np.unique(scores, return_inverse=True, return_counts=True)
    run_ends = np.cumsum(run_sizes)
    ranks = (run_ends - (run_sizes - 1) / 2)[run_of]
    return float((ranks[labels].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def omission_rows(items: Sequence[dict], reports: Dict[str, dict]):
    """Per item: its highest omission confidence, whether a rater marked a major omission, whether
    an omission was flagged; and the item's source document."""
    scores, labels, flags, documents = [], [], [], []
    for item in items:
        findings = [f for f in reports.get(str(item["id"]), {}).get("findings", []) if f.get("kind") == "omission"]
        scores.append(max((float(f.get("confidence", 0.0)) for f in findings), default=0.0))
        labels.append(any(e["category"] == "accuracy/omission" and e["severity"] == "major" for e in item["errors"]))
        flags.append(any(f.get("severity") in FLAGGING for f in findings))
        documents.append(item.get("doc", item["id"]))
    return np.array(scores), np.array(labels, dtype=bool), np.array(flags, dtype=bool), documents


def omission_figures(scores: np.ndarray, labels: np.ndarray, flags: np.ndarray) -> Dict[str, float]:
    flagged = int(flags.sum())
    right = int((flags & labels).sum())
    return {"auc": rank_auc(scores, labels), "precision": right / flagged if flagged else 0.0,
            "recall": right / int(labels.sum()) if labels.any() else 0.0}


# ------------------------------------------------------------------------------ the bootstrap

def bootstrap(groups: int, figure, resamples: int, seed: int = 0) -> Dict[str, tuple]:
    """`figure(indices)` -> {name: value} for a draw of group indices; the 95 % interval of each."""
    rng = np.random.default_rng(seed)
    draws = defaultdict(list)
    for _ in range(resamples):
        for name, value in figure(rng.integers(0, groups, groups)).items():
            draws[name].append(value)
    return {name: tuple(np.percentile(values, [2.5, 97.5])) for name, values in draws.items()}


def reports_for(cli, shared: Path, name: str, reports_dir, tmp: Path):
    if reports_dir and (Path(reports_dir) / f"{name}.reports.jsonl").exists():
        relative = SETS[name][0]
        if relative is None or relative.startswith("heldout"):
            sys.exit(f"--reports-dir serves only sets read from ../shared/eval, not {name}")
        return shared / "eval" / relative, Path(reports_dir) / f"{name}.reports.jsonl"
    gold, reports, _ = check_set(cli, shared, name, (), tmp)
    if reports_dir:
        Path(reports_dir).mkdir(parents=True, exist_ok=True)
        (Path(reports_dir) / f"{name}.reports.jsonl").write_bytes(reports.read_bytes())
    return gold, reports


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--sets", nargs="+", default=["synthetic-dev", "heldout-newstest", "heldout-newstest-2",
                                                       "mqm-dev", "mqm-test"], choices=[s for s in SETS if s != "seed"])
    parser.add_argument("--resamples", type=int, default=2000)
    parser.add_argument("--cli", default=None, help="the aligner command to judge (default: this checkout)")
    parser.add_argument("--reports-dir", help="keep the reports here, and reuse those of ../shared/eval sets")
    args = parser.parse_args()
    scorer = load_scorer(args.shared)
    print(f"{args.resamples} draws of documents with replacement; 95 % intervals.\n")
    print("| set | documents | figure | measured | 95 % interval |\n|---|---|---|---|---|")
    for name in args.sets:
        with tempfile.TemporaryDirectory() as tmp:
            cli = [args.cli] if args.cli else [sys.executable, "-m", "aligner"]
            gold_path, reports_path = reports_for(cli, args.shared, name, args.reports_dir, Path(tmp))
            gold = read_jsonl(gold_path)
            reports = {str(r.get("id")): r for r in read_jsonl(reports_path)}
            if SETS[name][1] == "defects":
                counts = defect_counts(gold, reports)
                check_defects_against_scorer(scorer, gold_path, reports_path, counts)
                measured = defect_figures(counts.sum(axis=0))
                intervals = bootstrap(len(counts), lambda draw: defect_figures(counts[draw].sum(axis=0)),
                                      args.resamples)
                groups = len(counts)
            else:
                scores, labels, flags, documents = omission_rows(gold, reports)
                official = scorer.score_mqm(str(gold_path), str(reports_path))["omission"]
                measured = omission_figures(scores, labels, flags)
                if abs(round(measured["auc"], 4) - official["auc"]) > 1e-9 or \
                        abs(round(measured["precision"], 4) - official["precision"]) > 1e-9:
                    sys.exit(f"uncertainty.py's omission figures {measured} differ from score.py's {official}")
                by_document = defaultdict(list)
                for k, document in enumerate(documents):
                    by_document[document].append(k)
                members = list(by_document.values())
                groups = len(members)

                def figure(draw, members=members, scores=scores, labels=labels, flags=flags):
                    rows = np.concatenate([members[g] for g in draw])
                    return omission_figures(scores[rows], labels[rows], flags[rows])

                intervals = bootstrap(groups, figure, args.resamples)
            for figure_name, (low, high) in intervals.items():
                print(f"| {name} | {groups} | {figure_name} | {measured[figure_name]:.3f} | {low:.3f} – {high:.3f} |")


if __name__ == "__main__":
    main()
