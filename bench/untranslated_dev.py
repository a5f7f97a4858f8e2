"""Re-run only the untranslated check over the alignments of existing reports, and score it.

  python bench/untranslated_dev.py [--shared ../shared] [--mqm MQM_REPORTS.jsonl]
                                   [--synthetic SYNTHETIC_REPORTS.jsonl] [--show N] [--raw]

A full `aligner check --pairs` run over mqm/dev (3,068 items) and synthetic/dev (282 documents)
takes minutes; the untranslated check needs only the texts, the sentence spans and the
alignment, which every report carries. So: run the full check once,

  aligner check --pairs ../shared/eval/mqm/dev.jsonl --format jsonl > /tmp/untr/mqm.jsonl
  aligner check --pairs ../shared/eval/synthetic/dev.jsonl --format jsonl > /tmp/untr/syn.jsonl

then iterate on aligner/checks/untranslated.py with this script, which rebuilds each
CheckContext from a report (no encoder: the check reads no vectors), replaces the report's
untranslated findings with fresh ones and scores the result with ../shared/eval/score.py:

- mqm: the `untranslated` task (items with a major "accuracy/source language fragment" error),
  precision/recall/F1 of flagged items and ROC-AUC of the highest confidence.
- synthetic: recall of the planted `untranslated` defects, precision of the flagged
  untranslated findings, and flags per clean document from the untranslated rules alone.

--show N prints the N most confident false and the missed positives of the mqm task, and the
figures had the flagging threshold been t, for reading. --raw scores the check's own confidences,
before the per-rule calibration (aligner/checks/calibration.json) maps them. Tune on dev files
only.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Dict, Iterator, List, Tuple

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aligner.align import Bead  # noqa: E402
from aligner.checks import untranslated  # noqa: E402
from aligner.checks.context import CheckContext  # noqa: E402
from aligner.document import Document  # noqa: E402

RULES = {rule.id for rule in untranslated.CHECK.rules}


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_jsonl(path: Path) -> List[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def contexts(pairs_path: Path, reports_path: Path) -> Iterator[Tuple[dict, dict, CheckContext]]:
    """(pair, report, context) for every report whose pair is in the pairs file."""
    pairs = {str(p["id"]): p for p in read_jsonl(pairs_path)}
    for report in read_jsonl(reports_path):
        pair = pairs[str(report["id"])]
        source = Document(pair["source"], "en", tuple(tuple(s) for s in report["source"]["sentences"]))
        target = Document(pair["target"], "de", tuple(tuple(s) for s in report["target"]["sentences"]))
        beads = [Bead(tuple(b["source"]), tuple(b["target"]), float(b["score"])) for b in report["alignment"]]
        empty = np.zeros((0, 0), dtype=np.float32)
        yield pair, report, CheckContext(source, target, empty, empty, beads)


def rerun(pairs_path: Path, reports_path: Path) -> Tuple[List[dict], float, int]:
    """The reports with their untranslated findings replaced by a fresh run of the check; the
    seconds the check took and the number of target sentences it read."""
    out, seconds, sentences = [], 0.0, 0
    for _, report, ctx in contexts(pairs_path, reports_path):
        started = time.perf_counter()
        fresh = [f.to_dict() for f in untranslated.CHECK.run(ctx)]
        seconds += time.perf_counter() - started
        sentences += len(ctx.target)
        kept = [f for f in report["findings"] if f["rule"] not in RULES and f["kind"] != "untranslated"]
        out.append({**report, "findings": kept + fresh})
    return out, seconds, sentences


def scored(scorer, mode: str, gold: Path, reports: List[dict]) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for report in reports:
            f.write(json.dumps(report, ensure_ascii=False) + "\n")
    try:
        return {"mqm": scorer.score_mqm, "defects": scorer.score_defects}[mode](str(gold), f.name)
    finally:
        Path(f.name).unlink()


def own_flags_per_clean_document(gold: Path, reports: List[dict]) -> float:
    clean = {str(d["id"]) for d in read_jsonl(gold) if not d["defects"]}
    flags = sum(1 for r in reports if str(r["id"]) in clean for f in r["findings"]
                if f["rule"] in RULES and f["severity"] in ("error", "warning"))
    return flags / max(1, len(clean))


def show_mqm(gold: Path, reports: List[dict], n: int) -> None:
    items = {str(i["id"]): i for i in read_jsonl(gold)}
    rows = []
    for r in reports:
        item = items[str(r["id"])]
        label = any(e["category"] == "accuracy/source language fragment" and e["severity"] == "major"
                    for e in item["errors"])
        mine = [f for f in r["findings"] if f["kind"] == "untranslated"]
        best = max(mine, key=lambda f: f["confidence"], default=None)
        rows.append((best["confidence"] if best else 0.0, label, item, best))
    rows.sort(key=lambda row: -row[0])
    print(f"\n-- top {n} false positives (item not labelled)")
    for confidence, label, item, best in [row for row in rows if not row[1]][:n]:
        span = best["target_span"]
        print(f"{confidence:.3f} {best['rule']:22} {item['id']:22} {item['target'][span[0]:span[1]][:90]!r}")
    print("\n-- positives, by confidence (gold fragments in brackets)")
    for confidence, label, item, best in [row for row in rows if row[1]]:
        gold_spans = [item["target"][e["start"]:e["end"]] for e in item["errors"]
                      if e["category"] == "accuracy/source language fragment" and e["severity"] == "major"]
        found = item["target"][best["target_span"][0]:best["target_span"][1]][:60] if best else ""
        print(f"{confidence:.3f} {item['id']:22} {gold_spans} -> {found!r}")


def show_synthetic(gold: Path, reports: List[dict], n: int) -> None:
    docs = {str(d["id"]): d for d in read_jsonl(gold)}
    rows = []
    for r in reports:
        doc = docs[str(r["id"])]
        defects = [(d["start"], d["end"]) for d in doc["defects"] if d["kind"] == "untranslated"]
        for f in r["findings"]:
            if f["rule"] in RULES and f["severity"] in ("error", "warning"):
                a, b = f["target_span"]
                if not any(a < e and s < b for s, e in defects):
                    rows.append((f["confidence"], f["rule"], doc["id"], doc["target"][a:b]))
    print(f"\n-- synthetic: {len(rows)} flagged untranslated findings on no planted defect")
    for confidence, rule, doc_id, text in sorted(rows, reverse=True)[:n]:
        print(f"{confidence:.3f} {rule:22} {doc_id[:40]:40} {text[:80]!r}")


def curve(gold: Path, reports: List[dict]) -> List[dict]:
    """Precision, recall and F1 of the mqm untranslated task had the flagging threshold been t."""
    items = {str(i["id"]): i for i in read_jsonl(gold)}
    rows = []
    for r in reports:
        label = any(e["category"] == "accuracy/source language fragment" and e["severity"] == "major"
                    for e in items[str(r["id"])]["errors"])
        best = max((f["confidence"] for f in r["findings"] if f["kind"] == "untranslated"), default=0.0)
        rows.append((best, label))
    positives = sum(label for _, label in rows)
    out = []
    for t in (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9):
        tp = sum(1 for c, label in rows if c >= t and label)
        flagged = sum(1 for c, _ in rows if c >= t)
        p, r = tp / max(1, flagged), tp / max(1, positives)
        out.append({"t": t, "flagged": flagged, "p": round(p, 3), "r": round(r, 3),
                    "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0})
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--mqm", type=Path, default=Path("/tmp/untr/mqm.jsonl"))
    parser.add_argument("--synthetic", type=Path, default=Path("/tmp/untr/syn.jsonl"))
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--raw", action="store_true",
                        help="score the check's raw confidences (aligner/checks/calibration.py off)")
    args = parser.parse_args(argv)
    if args.raw:
        from aligner.checks import calibration

        calibration.ENABLED = False
    scorer = load_scorer(args.shared)
    figures: Dict[str, object] = {}
    total_seconds, total_sentences = 0.0, 0

    if args.synthetic.exists():
        gold = args.shared / "eval" / "synthetic" / "dev.jsonl"
        reports, seconds, sentences = rerun(gold, args.synthetic)
        total_seconds, total_sentences = total_seconds + seconds, total_sentences + sentences
        result = scored(scorer, "defects", gold, reports)
        if args.show:
            show_synthetic(gold, reports, args.show)
        figures["synthetic"] = {
            "untranslated_found": result["recall_by_type"].get("untranslated"),
            "untranslated": result["by_kind"].get("untranslated"),
            "own_flags_per_clean_document": round(own_flags_per_clean_document(gold, reports), 3),
        }
    if args.mqm.exists():
        gold = args.shared / "eval" / "mqm" / "dev.jsonl"
        reports, seconds, sentences = rerun(gold, args.mqm)
        total_seconds, total_sentences = total_seconds + seconds, total_sentences + sentences
        result = scored(scorer, "mqm", gold, reports)
        figures["mqm"] = result["untranslated"]
        rules = Counter(f["rule"] for r in reports for f in r["findings"]
                        if f["rule"] in RULES and f["severity"] in ("error", "warning"))
        figures["mqm_flags_by_rule"] = dict(rules)
        if args.show:
            show_mqm(gold, reports, args.show)
            for row in curve(gold, reports):
                print(row)
    figures["check_ms_per_target_sentence"] = round(1000 * total_seconds / max(1, total_sentences), 3)
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
