"""How many texts beyond the sentences a whole check embeds, by the module that asks for them.

    python bench/experiments/count_embedded.py [--shared ../shared]

The cold cost of a check (bench/check_speed.py) is the embedding of every sentence once plus
these texts: merged sentence runs the aligner proposes (align.py), clause deletions
(partial_omission.py), negation deletions (negation.py). Runs the WMT24 pair of check_speed.py
with a counting encoder; a text already embedded (a sentence, or an earlier request) is counted
once, as the cache would embed it once.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    from aligner.embed import load_encoder
    from aligner.pipeline import CheckOptions, check_pair

    wmt = args.shared / "eval" / "parallel" / "wmt24_en_de"
    source, target = ("\n".join((wmt / name).read_text(encoding="utf-8").splitlines()[1:]) + "\n"
                      for name in ("en-de.txt", "en-de.refA.txt"))  # line 1 is a canary
    encoder = load_encoder(None)
    seen, texts, characters = set(), Counter(), Counter()

    def counting_embed(batch):
        callers = [Path(frame.filename).name for frame in traceback.extract_stack()[:-1]
                   if "/aligner/" in frame.filename and not frame.filename.endswith("pipeline.py")]
        asker = callers[-1] if callers else "sentences"
        for text in batch:
            if text not in seen:
                seen.add(text)
                texts[asker] += 1
                characters[asker] += len(text)
        return encoder.encode(batch)

    check_pair(source, target, counting_embed, encoder.name, CheckOptions())
    print("| asked by | texts embedded | characters | share of the sentences' characters |")
    print("|---|---|---|---|")
    for asker, count in texts.most_common():
        print(f"| {asker} | {count} | {characters[asker]} | {characters[asker] / characters['sentences']:.3f} |")


if __name__ == "__main__":
    main()
