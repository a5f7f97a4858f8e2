"""Stop 20: number-mismatch's comparison on professional translations, line by line.

The WMT24 paragraphs (two German references) and the newstest2021 sentences (three) under
../shared/eval/parallel are careful human translations: a figure one side has and the other lacks
is mostly a rendering (161 feet (49 meters) -> 49 Meter), rarely an error. This runs the rule's
own comparison (find_mentions, then unmatched, both ways) on every line pair, without alignment
or an encoder, and prints each line with an unmatched mention and the count. Run it against
another checkout to see what a change moves:

    python bench/experiments/number_lines.py --shared ../shared
    PYTHONPATH=<a checkout of 5066c23> python bench/experiments/number_lines.py --shared ../shared
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))  # after PYTHONPATH, so that another checkout can be measured

from aligner.checks.numbers import unmatched  # noqa: E402
from aligner.checks.numbers_normalise import find_mentions  # noqa: E402


def line_pairs(shared: Path):
    folder = shared / "eval" / "parallel"
    english = (folder / "wmt24_en_de" / "en-de.txt").read_text(encoding="utf-8").split("\n")[1:]  # line 1: canary
    for reference in "AB":
        german = (folder / "wmt24_en_de" / f"en-de.ref{reference}.txt").read_text(encoding="utf-8").split("\n")[1:]
        for k, (en, de) in enumerate(zip(english, german)):
            yield f"wmt24 ref{reference} {k + 2}", en, de
    english = (folder / "newstest2021_en_de" / "newstest2021.en-de.src.en").read_text(encoding="utf-8").split("\n")
    for reference in "ACD":
        path = folder / "newstest2021_en_de" / f"newstest2021.en-de.ref.{reference}.de"
        for k, (en, de) in enumerate(zip(english, path.read_text(encoding="utf-8").split("\n"))):
            yield f"newstest2021 ref{reference} {k + 1}", en, de


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    lines = pairs = 0
    for where, en, de in line_pairs(args.shared):
        pairs += 1
        source, target = find_mentions(en, "en"), find_mentions(de, "de")
        source_only, target_only = unmatched(source, target), unmatched(target, source)
        if source_only or target_only:
            lines += 1
            print(f"{where}: source only {[m.text for m in source_only]}, translation only {[m.text for m in target_only]}")
    print(f"{lines} of {pairs} line pairs have a figure the other side lacks")


if __name__ == "__main__":
    main()
