"""How the checker reads real translated documentation: the German manual pages of this machine
(/usr/share/man/de/man1) against their English originals (/usr/share/man/man1).

  python bench/manpages.py [--keep DIR] [--sample N]

Each page with both languages is rendered to plain text with groff (one paragraph a line, no
hyphenation) and the two trees are checked as a directory pair, `aligner check en/ de/ --format
jsonl`. There is no gold: the table counts the warnings and errors per rule, and `--sample N`
prints N of them, drawn at random with a fixed seed, to be read by hand (BENCHMARKS.md says what
the reading found). These translations are community work of varying age: some pages are partly
untranslated, some older than their English page.

Skipped, with a note, when groff or the German pages are missing (another machine).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ENGLISH = Path("/usr/share/man/man1")
GERMAN = Path("/usr/share/man/de/man1")


def render(page: Path, out: Path) -> None:
    """A man page as plain text: lines 400 columns wide, so that a paragraph stays on one line."""
    troff = gzip.decompress(page.read_bytes()) if page.suffix == ".gz" else page.read_bytes()
    text = subprocess.run(["groff", "-k", "-Tutf8", "-man", "-rLL=400n", "-rcR=1", "-P-cbou"], input=troff,
                          capture_output=True).stdout.decode("utf-8", errors="replace")
    out.write_text("\n".join(line.rstrip() for line in text.splitlines()) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", help="write the rendered pages and the report to this folder")
    parser.add_argument("--sample", type=int, default=0, help="print this many flags, drawn at random")
    args = parser.parse_args()
    print("## German manual pages (`python bench/manpages.py`)\n")
    if not shutil.which("groff") or not GERMAN.is_dir():
        print(f"Skipped: needs groff and the German manual pages in {GERMAN}.\n")
        return
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="aligner-manpages-"))
    for side in ("en", "de"):
        (folder / side).mkdir(parents=True, exist_ok=True)
    pages = sorted(page for page in GERMAN.glob("*.1.gz") if (ENGLISH / page.name).exists())
    for page in pages:
        name = page.name[:-len(".1.gz")] + ".txt"
        render(ENGLISH / page.name, folder / "en" / name)
        render(page, folder / "de" / name)
    aligner = Path(sys.executable).parent / "aligner"
    started = time.perf_counter()
    result = subprocess.run([str(aligner), "check", str(folder / "en"), str(folder / "de"), "--format", "jsonl"],
                            capture_output=True, text=True)
    seconds = time.perf_counter() - started
    (folder / "report.jsonl").write_text(result.stdout, encoding="utf-8")
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    sentences = sum(len(r["source"]["sentences"]) + len(r["target"]["sentences"]) for r in reports)
    flags = [(r["id"], f) for r in reports for f in r["findings"] if f["severity"] in ("warning", "error")]
    by_rule = Counter(f["rule"] for _, f in flags)
    print(f"{len(reports)} page pairs, {sentences} sentences, checked in {seconds:.0f} s: {len(flags)} warnings "
          f"and errors.\n")
    print("| rule | flags |\n|---|---|")
    for rule, count in by_rule.most_common():
        print(f"| {rule} | {count} |")
    print()
    if args.sample:
        for k, (page, finding) in enumerate(random.Random(13).sample(flags, min(args.sample, len(flags))), 1):
            print(f"{k}. {page} {finding['rule']} {finding['severity']} {finding['confidence']:.2f}: "
                  f"{finding['message'][:200]}")
        print()


if __name__ == "__main__":
    main()
