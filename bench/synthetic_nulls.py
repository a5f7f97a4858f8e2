"""Do planted whole-sentence omissions and insertions end up in null beads? (alignment only)

  python bench/synthetic_nulls.py [--set NAME=VALUE ...]

Reads ../shared/eval/synthetic/dev.jsonl (a dev set: WMT24 documents with planted defects).
Counts the planted `insert`, `drop_sentence` and `drop_paragraph` defects that overlap a
null bead on their side, and the null beads in the clean documents (each one would become a
false omission or addition). This is what the checker needs from the aligner, besides
Text+Berg's bead accuracy; the two pull the null cost in opposite directions (BENCHMARKS.md).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from aligner.align import AlignParams  # noqa: E402
from aligner.embed import load_encoder  # noqa: E402
from aligner.pipeline import align_documents, split_document  # noqa: E402

SENTENCE_DEFECTS = ("insert", "drop_sentence", "drop_paragraph")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="override an AlignParams field")
    args = parser.parse_args()
    overrides = {}
    for item in args.set:
        name, value = item.split("=", 1)
        overrides[name] = type(getattr(AlignParams(), name))(value)
    params = dataclasses.replace(AlignParams(), **overrides)
    encoder = load_encoder()
    found = planted = clean_nulls = clean_docs = 0
    for line in open(Path(args.shared) / "eval" / "synthetic" / "dev.jsonl", encoding="utf-8"):
        doc = json.loads(line)
        defects = [d for d in doc["defects"] if d["type"] in SENTENCE_DEFECTS]
        if doc["defects"] and not defects:
            continue
        source = split_document(doc["source"], "en", False)
        target = split_document(doc["target"], "de", False)
        beads, _, _ = align_documents(source, target, encoder.encode, params)
        nulls = [("source", source.span_of(b.source)) for b in beads if b.source and not b.target]
        nulls += [("target", target.span_of(b.target)) for b in beads if b.target and not b.source]
        if not doc["defects"]:
            clean_docs += 1
            clean_nulls += len(nulls)
            continue
        for d in defects:
            planted += 1
            found += any(side == d["side"] and span[0] < d["end"] and d["start"] < span[1] for side, span in nulls)
    print(f"planted sentence omissions/insertions in a null bead: {found}/{planted}; "
          f"null beads in {clean_docs} clean documents: {clean_nulls}")


if __name__ == "__main__":
    main()
