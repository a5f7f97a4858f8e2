"""Judge the tool from the outside, as the issue's author does: run the real CLI, score with score.py.

  python bench/cli_gold.py [--shared ../shared] [--only textberg|parice|seed]

Text+Berg and ParIce: `aligner align --presplit --format beads` per document, then
`score.py align`. Seed: `aligner check --format json`, then `score.py defects`. Prints one
Markdown table per data set. Nothing from ../shared is written into the project.
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
ALIGNER = [sys.executable, "-m", "aligner"]
MODEL_ARGS: list = []  # ["--model", NAME] when --model is given


def run_aligner(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*ALIGNER, *args, *MODEL_ARGS], capture_output=True, text=True, cwd=ROOT)


def score(shared: Path, mode: str, gold: Path, hyp: Path) -> dict:
    out = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), mode, str(gold), str(hyp), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def align_set(name: str, src_dir: Path, tgt_dir: Path, gold_dir: Path, strip_index: bool) -> dict:
    """Align every document of a gold set through the CLI and score it."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "hyp").mkdir()
        sentences = 0
        started = time.perf_counter()
        for gold in sorted(p for p in gold_dir.iterdir() if p.is_file()):
            files = []
            for side_dir in (src_dir, tgt_dir):
                lines = (side_dir / gold.name).read_text(encoding="utf-8").splitlines()
                if strip_index:  # ParIce lines are `index<TAB>sentence`
                    lines = [line.split("\t", 1)[1] if "\t" in line else line for line in lines]
                sentences += len(lines)
                path = tmp / f"{side_dir.name}-{gold.name}"
                path.write_text("\n".join(lines) + "\n", encoding="utf-8")
                files.append(str(path))
            result = run_aligner("align", *files, "--presplit", "--format", "beads")
            if result.returncode != 0:
                raise SystemExit(f"{name} {gold.name}: aligner failed: {result.stderr.strip()}")
            (tmp / "hyp" / gold.name).write_text(result.stdout, encoding="utf-8")
        seconds = time.perf_counter() - started
        figures = score(SHARED, "align", gold_dir, tmp / "hyp")
    figures["sentences"] = sentences
    figures["seconds"] = round(seconds, 1)
    return figures


def print_align_table(rows: dict) -> None:
    print("| data set | strict P | strict R | strict F1 | lax F1 | null P | null R | null F1 | sentences | s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, f in rows.items():
        s, n = f["strict"], f["null_beads"]
        print(f"| {name} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | {f['lax']['f1']:.3f} | "
              f"{n['precision']:.3f} | {n['recall']:.3f} | {n['f1']:.3f} | {f['sentences']} | {f['seconds']} |")


def seed_defects() -> dict:
    seeds = SHARED / "seeds"
    result = run_aligner("check", str(seeds / "en.txt"), str(seeds / "de.txt"), "--format", "json")
    if result.returncode not in (0, 1):
        raise SystemExit(f"seed: aligner failed: {result.stderr.strip()}")
    report = json.loads(result.stdout)
    report["id"] = "seed"
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        f.write(json.dumps(report, ensure_ascii=False) + "\n")
    return score(SHARED, "defects", seeds / "expected.jsonl", Path(f.name))


def main() -> None:
    global SHARED
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--only", choices=["textberg", "parice", "seed"])
    parser.add_argument("--model", help="an encoder preset, local model folder or downloaded model id "
                                         "(default: the bundled e5-small)")
    args = parser.parse_args()
    if args.model:
        MODEL_ARGS.extend(["--model", args.model])
    SHARED = Path(args.shared).resolve()
    align_root = SHARED / "eval" / "align"
    if args.only in (None, "textberg", "parice"):
        rows = {}
        if args.only in (None, "textberg"):
            tb = align_root / "textberg_de_fr"
            rows["Text+Berg de–fr (7 docs)"] = align_set("textberg", tb / "de", tb / "fr", tb / "gold", False)
        if args.only in (None, "parice"):
            pi = align_root / "parice_en_is"
            rows["ParIce en–is (10 docs)"] = align_set("parice", pi / "eng", pi / "isl", pi / "gold", True)
        print("## Sentence alignment through the CLI (`aligner align --presplit --format beads`)\n")
        print_align_table(rows)
        print()
    if args.only in (None, "seed"):
        figures = seed_defects()
        overall = figures["overall"]
        print("## Seed pair (`aligner check seeds/en.txt seeds/de.txt --format json`, score.py defects)\n")
        print(f"found {figures['recall_by_type']}; precision {overall['precision']}, recall {overall['recall']}, "
              f"F1 {overall['f1']}")
        print()


SHARED = ROOT.parent / "shared"

if __name__ == "__main__":
    main()
