"""Detection quality from the outside: `aligner check --pairs … --format jsonl`, scored by score.py.

  python bench/detect_gold.py [--shared ../shared] [--sets synthetic-dev mqm-dev mqm-test seed heldout-newstest heldout-newstest-2]
                              [--cli PATH/TO/aligner] [--disable RULE ...]

Prints, per data set, a Markdown table of the scorer's figures and the sentences per second of
the run (sentences counted by the report's own splitting). `--disable` runs an ablation (the
rule is turned off through the CLI's own `--disable`). mqm/test.jsonl is for reporting only:
nothing is tuned on it. `heldout-newstest` is built on the fly by bench/heldout_set.py (corrupt.py
on newstest2021) and is for reporting only too; `heldout-newstest-2` plants defects in the same
references with other seeds (a second sample, to see how much the figure moves with it).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = {
    "synthetic-dev": ("synthetic/dev.jsonl", "defects"),
    "mqm-dev": ("mqm/dev.jsonl", "mqm"),
    "mqm-test": ("mqm/test.jsonl", "mqm"),
    "seed": (None, "defects"),
    "heldout-newstest": ("heldout", "defects"),
    "heldout-newstest-2": ("heldout-2", "defects"),  # the same references, defects planted with other seeds
}


def check_set(cli, shared: Path, name: str, disabled, tmp: Path):
    """Run the checker on one data set: (gold path, reports path, seconds). `tmp` holds what is built."""
    relative, _ = SETS[name]
    if relative is None:  # the seed pair, as one --pairs line with the scorer's id
        gold = shared / "seeds" / "expected.jsonl"
        pairs = tmp / "seed.jsonl"
        pairs.write_text(json.dumps({"id": "seed", "source": (ROOT / "seeds/en.txt").read_text(encoding="utf-8"),
                                     "target": (ROOT / "seeds/de.txt").read_text(encoding="utf-8")}) + "\n",
                         encoding="utf-8")
    elif relative.startswith("heldout"):
        from heldout_set import build
        draw = 2 if relative == "heldout-2" else 1
        gold = pairs = build(shared, tmp / f"{relative}.jsonl", draw)
    else:
        gold = pairs = shared / "eval" / relative
    reports = tmp / f"{name}.reports.jsonl"
    flags = [a for rule in disabled for a in ("--disable", rule)]
    started = time.perf_counter()
    with reports.open("w", encoding="utf-8") as out:
        done = subprocess.run([*cli, "check", "--pairs", str(pairs), "--format", "jsonl", *flags],
                              stdout=out, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    seconds = time.perf_counter() - started
    if done.returncode == 2:
        sys.exit(f"aligner failed on {pairs}: {done.stderr.strip()[-500:]}")
    return gold, reports, seconds


def run(cli, shared: Path, name: str, disabled) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        gold, reports, seconds = check_set(cli, shared, name, disabled, Path(tmp))
        sentences = sum(len(r["source"]["sentences"]) + len(r["target"]["sentences"])
                        for r in map(json.loads, reports.read_text(encoding="utf-8").splitlines()))
        scored = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), SETS[name][1], str(gold),
                                 str(reports), "--json"], capture_output=True, text=True, check=True)
        result = json.loads(scored.stdout)
        result["_speed"] = {"seconds": round(seconds, 1), "sentences": sentences,
                            "sentences_per_second": round(sentences / seconds, 1)}
        return result


def print_defects(name: str, result: dict) -> None:
    print(f"### {name}\n")
    print("| defect type | found |\n|---|---|")
    for kind, found in result["recall_by_type"].items():
        print(f"| {kind} | {found} |")
    print("\n| kind | precision | recall | F1 | flagged | defects |\n|---|---|---|---|---|---|")
    for kind, row in result["by_kind"].items():
        print(f"| {kind} | {row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f} | {row['flagged']} | {row['defects']} |")
    overall = result["overall"]
    print(f"| **overall** | {overall['precision']:.3f} | {overall['recall']:.3f} | **{overall['f1']:.3f}** | | |\n")
    print(f"Flags per clean document: {result['findings_per_clean_document']} "
          f"({result['clean_documents']} clean documents).\n")


def print_mqm(name: str, result: dict) -> None:
    print(f"### {name}\n")
    print("| task | positives | ROC-AUC | precision | recall | F1 | flagged |\n|---|---|---|---|---|---|---|")
    for task in ("omission", "untranslated", "any_accuracy"):
        row = result[task]
        print(f"| {task} | {row['positives']} | {row['auc']:.3f} | {row['precision']:.3f} | {row['recall']:.3f} | "
              f"{row['f1']:.3f} | {row['flagged']} |")
    spans = result["omission_span_chars"]
    print(f"\nOmission spans, character level: precision {spans['precision']:.3f}, recall {spans['recall']:.3f}, "
          f"F1 {spans['f1']:.3f}.\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--sets", nargs="*", default=["seed", "synthetic-dev", "mqm-dev", "mqm-test", "heldout-newstest"], choices=SETS)
    parser.add_argument("--cli", default=None, help="the aligner command to judge (default: this checkout)")
    parser.add_argument("--disable", nargs="*", default=[], metavar="RULE")
    args = parser.parse_args()
    cli = [args.cli] if args.cli else [sys.executable, "-m", "aligner"]
    print("## Detection (`python bench/detect_gold.py" + (f" --disable {' '.join(args.disable)}" if args.disable else "")
          + "`)\n")
    for name in args.sets:
        result = run(cli, args.shared, name, args.disable)
        (print_defects if SETS[name][1] == "defects" else print_mqm)(name, result)
        speed = result["_speed"]
        print(f"Run: {speed['sentences']} sentences in {speed['seconds']} s, "
              f"{speed['sentences_per_second']} sentences/s (warm or cold cache as found).\n", flush=True)


if __name__ == "__main__":
    main()
