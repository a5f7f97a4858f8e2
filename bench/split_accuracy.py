"""How well does split_sentences find sentence boundaries? Precision, recall and F1.

For each document the gold sentences (one per line in the data) are joined with a single
space, split again with aligner.split.split_sentences, and the boundaries compared. A
boundary is the character offset where a sentence starts, offset 0 excluded.

Data (read from ../shared/eval relative to the repository, never copied into it):
  - Text+Berg German (align/textberg_de_fr/de/NNN): one file per document. Tokenised OCR
    text with spaces around punctuation; its gold also breaks at ";" and ":" and has
    headlines without final punctuation, which no joined-up text can reveal.
  - newstest2021 German reference A and English source: these files carry no document
    boundaries, so consecutive blocks of 20 lines are taken as documents.

Usage:  .venv/bin/python bench/split_accuracy.py [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterator, List, Sequence, Tuple

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO.parent / "shared" / "eval"
sys.path.insert(0, str(REPO))  # run from a checkout without installing

from aligner.split import split_sentences  # noqa: E402

NEWSTEST = EVAL / "parallel" / "newstest2021_en_de"
NEWSTEST_BLOCK = 20  # lines per pseudo-document


@dataclass
class Score:
    data_set: str
    sentences: int
    true_positives: int = 0
    gold_boundaries: int = 0
    found_boundaries: int = 0

    @property
    def precision(self) -> float:
        return self.true_positives / self.found_boundaries if self.found_boundaries else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold_boundaries if self.gold_boundaries else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def textberg_documents() -> Iterator[List[str]]:
    for path in sorted((EVAL / "align" / "textberg_de_fr" / "de").iterdir()):
        yield read_sentences(path)


def newstest_documents(file_name: str) -> Iterator[List[str]]:
    sentences = read_sentences(NEWSTEST / file_name)
    for first in range(0, len(sentences), NEWSTEST_BLOCK):
        yield sentences[first:first + NEWSTEST_BLOCK]


def read_sentences(path: Path) -> List[str]:
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def join_with_boundaries(sentences: Sequence[str]) -> Tuple[str, set]:
    """The sentences joined by single spaces, and the offsets where sentences 2.. start."""
    starts, offset = set(), 0
    for sentence in sentences:
        starts.add(offset)
        offset += len(sentence) + 1
    return " ".join(sentences), starts - {0}


def score(data_set: str, documents: Iterator[List[str]], lang: str) -> Score:
    result = Score(data_set, sentences=0)
    for sentences in documents:
        text, gold = join_with_boundaries(sentences)
        found = {start for start, _ in split_sentences(text, lang)} - {0}
        result.sentences += len(sentences)
        result.true_positives += len(gold & found)
        result.gold_boundaries += len(gold)
        result.found_boundaries += len(found)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()

    scores = [
        score("Text+Berg de (7 docs)", textberg_documents(), "de"),
        score(f"newstest2021 de ref A ({NEWSTEST_BLOCK}-line blocks)",
              newstest_documents("newstest2021.en-de.ref.A.de"), "de"),
        score(f"newstest2021 en src ({NEWSTEST_BLOCK}-line blocks)",
              newstest_documents("newstest2021.en-de.src.en"), "en"),
    ]
    if args.json:
        print(json.dumps([dict(asdict(s), precision=s.precision, recall=s.recall, f1=s.f1)
                          for s in scores], indent=2))
        return
    print("| data set | sentences | P | R | F1 |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for s in scores:
        print(f"| {s.data_set} | {s.sentences} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} |")


if __name__ == "__main__":
    main()
