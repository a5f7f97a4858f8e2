"""Score aligner.align against gold sentence alignments and print a Markdown table.

    .venv/bin/python bench/align_gold.py                 # tuned defaults
    .venv/bin/python bench/align_gold.py --no-margin     # ablations, see --help
    .venv/bin/python bench/align_gold.py --timing        # also time a ~2,400-sentence pair

Corpora (read-only, never copied into the project):
  Text+Berg de-fr, 7 documents: dev split 001-003 (the one the defaults were tuned on),
  held-out 004-007, and all 7; ParIce en-is, 10 documents, never tuned on.

Each sentence is embedded once (the project's encoder, aligner.embed.load_encoder, with its disk
cache), exactly as `aligner align --presplit` reads it. Merged sides the
aligner asks for through embed_merged are embedded too and counted: the "embedded/sent" column
is all texts embedded for a corpus divided by its sentences (1.00 = each sentence once).
--all-overlaps is the Bertalign-style upper bound: every run of up to 4 consecutive sentences
on each side is embedded up front and used for the merged beads.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from aligner.align import AlignParams, Bead, align  # noqa: E402
from aligner.split import split_lines  # noqa: E402  (the CLI's --presplit reading)

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"  # ../shared beside the clone
TEXTBERG = EVAL / "align/textberg_de_fr"
PARICE = EVAL / "align/parice_en_is"
OVERLAP_RUN = 4  # --all-overlaps: longest run of consecutive sentences embedded up front


@dataclasses.dataclass
class GoldDocument:
    name: str
    source: List[str]
    target: List[str]


def presplit_sentences(text: str) -> List[str]:
    """The sentences `aligner align --presplit` reads from this text (one per line, stripped),
    so that the bench and the CLI align exactly the same strings."""
    return [text[a:b] for a, b in split_lines(text)]


def read_textberg(names: Sequence[str]) -> List[GoldDocument]:
    def lines(path: Path) -> List[str]:
        return presplit_sentences(path.read_text(encoding="utf-8"))
    return [GoldDocument(n, lines(TEXTBERG / "de" / n), lines(TEXTBERG / "fr" / n)) for n in names]


def read_parice() -> List[GoldDocument]:
    def lines(path: Path) -> List[str]:  # "index<TAB>sentence"
        text = "\n".join(line.split("\t", 1)[1] for line in path.read_text(encoding="utf-8").splitlines())
        return presplit_sentences(text)
    return [GoldDocument(p.name, lines(PARICE / "eng" / p.name), lines(PARICE / "isl" / p.name))
            for p in sorted((PARICE / "gold").iterdir())]


class CountingEncoder:
    """The project's encoder (with its disk cache), remembering vectors in memory and counting
    how many texts the aligner asked for (the "embedded/sent" column)."""

    def __init__(self) -> None:
        from aligner.embed import load_encoder

        self._encoder = load_encoder()
        self.name = self._encoder.name
        self._vectors: Dict[str, np.ndarray] = {}
        self.texts_requested = 0

    @staticmethod
    def _key(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def encode(self, texts: List[str]) -> np.ndarray:
        self.texts_requested += len(texts)
        missing = sorted({self._key(t): t for t in texts if self._key(t) not in self._vectors}.items())
        if missing:
            vectors = self._encoder.encode([t for _, t in missing])
            for (key, _), vector in zip(missing, vectors):
                self._vectors[key] = np.asarray(vector, dtype=np.float32)
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self._vectors[self._key(t)] for t in texts])


def join(sentences: List[str], indices: Sequence[int]) -> str:
    return " ".join(sentences[i].strip() for i in indices)


def align_document(doc: GoldDocument, encoder: CountingEncoder, params: AlignParams,
                   reembed: bool, all_overlaps: bool) -> Tuple[List[Bead], float]:
    """Align one document; returns the beads and the seconds spent in align() itself, not
    counting the time embed_merged spends embedding."""
    source_vectors = encoder.encode(doc.source)
    target_vectors = encoder.encode(doc.target)
    sides = {"source": doc.source, "target": doc.target}

    def embed_merged(requests: List[Tuple[str, Tuple[int, ...]]]) -> np.ndarray:
        return encoder.encode([join(sides[side], indices) for side, indices in requests])

    if all_overlaps:
        # Upper bound: embed every run of 2..OVERLAP_RUN sentences now (counted), so that the
        # aligner's requests for merged sides are all answered from these vectors.
        for side in ("source", "target"):
            texts = sides[side]
            runs = [tuple(range(i, i + k)) for k in range(2, OVERLAP_RUN + 1)
                    for i in range(len(texts) - k + 1)]
            encoder.encode([join(texts, r) for r in runs])
        known = encoder._vectors

        def embed_merged(requests):  # noqa: F811 - the upper-bound variant of the callback
            vectors = []
            for side, indices in requests:
                key = encoder._key(join(sides[side], indices))
                vectors.append(known[key] if key in known else embed_merged_fallback(side, indices))
            return np.stack(vectors)

        def embed_merged_fallback(side, indices):  # runs longer than OVERLAP_RUN: sum of vectors
            rows = encoder.encode([sides[side][i] for i in indices]).sum(axis=0)
            return rows / max(np.linalg.norm(rows), 1e-12)
        params = dataclasses.replace(params, reembed_every_merge=True)

    embedding_seconds = 0.0

    def timed_embed_merged(requests):
        nonlocal embedding_seconds
        started = time.perf_counter()
        vectors = embed_merged(requests)
        embedding_seconds += time.perf_counter() - started
        return vectors

    started = time.perf_counter()
    beads = align(source_vectors, target_vectors,
                  [len(s) for s in doc.source], [len(t) for t in doc.target],
                  params, timed_embed_merged if (reembed or all_overlaps) else None)
    return beads, time.perf_counter() - started - embedding_seconds


def write_beads(path: Path, beads: List[Bead]) -> None:
    def side(indices):
        return "[" + ",".join(str(i) for i in indices) + "]"
    path.write_text("".join(f"{side(b.source)}:{side(b.target)}:{b.score:.4f}\n" for b in beads),
                    encoding="utf-8")


def score(gold_dir: Path, names: Sequence[str], hyp_dir: Path) -> dict:
    """Runs the shared scorer on the named documents only (it scores every file in GOLD_DIR)."""
    with tempfile.TemporaryDirectory() as subset:
        for name in names:
            (Path(subset) / name).write_bytes((gold_dir / name).read_bytes())
        out = subprocess.run([sys.executable, str(EVAL / "score.py"), "align", subset, str(hyp_dir), "--json"],
                             check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def run_corpus(label: str, gold_dir: Path, docs: List[GoldDocument], encoder: CountingEncoder,
               params: AlignParams, reembed: bool, all_overlaps: bool) -> dict:
    sentences = sum(len(d.source) + len(d.target) for d in docs)
    encoder.encode([s for d in docs for s in d.source + d.target])  # warm the cache; not counted
    encoder.texts_requested = 0
    seconds = 0.0
    with tempfile.TemporaryDirectory() as hyp:
        for doc in docs:
            beads, spent = align_document(doc, encoder, params, reembed, all_overlaps)
            seconds += spent
            write_beads(Path(hyp) / doc.name, beads)
        result = score(gold_dir, [d.name for d in docs], Path(hyp))
    result.update(label=label, embedded_per_sentence=encoder.texts_requested / sentences, seconds=seconds)
    return result


def markdown_row(r: dict) -> str:
    s, lax, null = r["strict"], r["lax"], r["null_beads"]
    return (f"| {r['label']} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | {lax['f1']:.3f} "
            f"| {null['precision']:.3f} | {null['recall']:.3f} | {null['f1']:.3f} ({null['gold']}) "
            f"| {r['embedded_per_sentence']:.2f} | {r['seconds']:.2f} |")


def time_long_pair(params: AlignParams, encoder: CountingEncoder) -> str:
    """Text+Berg and ParIce documents concatenated (twice over) into one 2,400-sentence pair."""
    docs = 2 * (read_textberg([f"{i:03d}" for i in range(1, 8)]) + read_parice())
    source = [s for d in docs for s in d.source][:2400]
    target = [t for d in docs for t in d.target][:2400]
    source_vectors, target_vectors = encoder.encode(source), encoder.encode(target)
    started = time.perf_counter()
    align(source_vectors, target_vectors, [len(s) for s in source], [len(t) for t in target], params)
    return f"{len(source)} x {len(target)} sentences aligned in {time.perf_counter() - started:.2f} s (no re-embedding)"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-margin", action="store_true", help="raw cosine: no neighbourhood normalisation, no merge-inflation correction")
    parser.add_argument("--no-length", action="store_true", help="no length-ratio term")
    parser.add_argument("--no-reembed", action="store_true", help="never call embed_merged (sums only)")
    parser.add_argument("--all-overlaps", action="store_true",
                        help=f"upper bound: embed every run of up to {OVERLAP_RUN} sentences (Bertalign-style)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="override an AlignParams field, e.g. --set skip_quantile=0.2")
    parser.add_argument("--dev-only", action="store_true", help="score the tuning split (001-003) only")
    parser.add_argument("--timing", action="store_true", help="also time one long concatenated pair")
    args = parser.parse_args(argv)

    overrides = {}
    if args.no_margin:
        overrides["margin_neighbours"] = 0
    if args.no_length:
        overrides["length_weight"] = 0.0
    for item in args.set:
        name, value = item.split("=", 1)
        field_type = type(getattr(AlignParams(), name))
        overrides[name] = value.lower() in ("1", "true", "yes") if field_type is bool else field_type(value)
    params = dataclasses.replace(AlignParams(), **overrides)
    encoder = CountingEncoder()
    reembed = not args.no_reembed

    rows = []
    splits = [("Text+Berg dev 001-003", ["001", "002", "003"]),
              ("Text+Berg held-out 004-007", ["004", "005", "006", "007"]),
              ("Text+Berg all 7", [f"{i:03d}" for i in range(1, 8)])]
    if args.dev_only:
        splits = splits[:1]
    for label, names in splits:
        rows.append(run_corpus(label, TEXTBERG / "gold", read_textberg(names), encoder, params,
                               reembed, args.all_overlaps))
    if not args.dev_only:
        rows.append(run_corpus("ParIce en-is (10)", PARICE / "gold", read_parice(), encoder, params,
                               reembed, args.all_overlaps))

    print(f"encoder: {encoder.name}; params: {params}\n")
    print("| corpus | strict P | strict R | strict F1 | lax F1 | null P | null R | null F1 (gold) "
          "| embedded/sent | align s (excl. embedding) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(markdown_row(r))
    if args.timing:
        print("\n" + time_long_pair(params, encoder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
