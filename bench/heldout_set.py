"""A held-out set of planted defects in other real translations: ../shared/eval/corrupt.py run on
newstest2021 (WMT21 news, three professional German references), not on the WMT24 documents of
synthetic/dev.jsonl.

newstest2021 ships one sentence per line without document boundaries, so every DOC_LINES
consecutive lines make one pseudo-document (one line, one paragraph). Each reference gets its own
seed. Nothing is tuned on this set: it estimates how the synthetic/dev figures carry over to
documents the checker's weights never saw (the issue's own held-out set is not available here).

    python bench/heldout_set.py --shared ../shared [--draw 2] OUT.jsonl
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC_LINES = 12
REFERENCES = (("A", 11), ("C", 12), ("D", 13))  # reference, corrupt.py seed
# A second draw of defects planted in the same references, with other seeds (bench/uncertainty.py:
# how much the figure moves with the sample of defects alone). Draw 1 is the set every stop reported.
SEED_OFFSET = {1: 0, 2: 10}


def build(shared: Path, out: Path, draw: int = 1) -> Path:
    folder = shared / "eval" / "parallel" / "newstest2021_en_de"
    source = folder / "newstest2021.en-de.src.en"
    lines = source.read_text(encoding="utf-8").split("\n")[:-1]
    with tempfile.TemporaryDirectory() as tmp, out.open("w", encoding="utf-8") as joined:
        docs = Path(tmp) / "docs"
        docs.write_text("".join(f"news\tnt21-{k // DOC_LINES:03d}\n" for k in range(len(lines))), encoding="utf-8")
        for reference, seed in REFERENCES:
            seed += SEED_OFFSET[draw]
            part = Path(tmp) / f"{reference}.jsonl"
            subprocess.run([sys.executable, str(shared / "eval" / "corrupt.py"), "--source", str(source),
                            "--target", str(folder / f"newstest2021.en-de.ref.{reference}.de"), "--docs", str(docs),
                            "--seed", str(seed), "--out", str(part)], check=True)
            for line in part.read_text(encoding="utf-8").splitlines():
                # ids must be unique over the three references
                joined.write(line.replace('"id": "nt21-', f'"id": "ref{reference}-nt21-', 1) + "\n")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--draw", type=int, choices=sorted(SEED_OFFSET), default=1,
                        help="1: the held-out set every stop reported; 2: other seeds on the same references")
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    build(args.shared, args.out, args.draw)


if __name__ == "__main__":
    main()
