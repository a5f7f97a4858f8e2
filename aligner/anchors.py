"""Lexical anchors: language-independent tokens that a sentence and its translation share.

Numbers, names and other identical strings ("1988", "Chamonix", "Vivant amici montium") are
copied unchanged into a translation. The sentence encoder sees them only faintly; this module
turns each sentence into a small vector of such anchors so that the aligner can add their
cosine to the encoder's (aligner.align: AlignParams.anchor_weight). The aligner never sees text:
it gets these vectors, one row per sentence, as it gets the sentence embeddings.

Features of a sentence (see `features`):
  #123     every run of digits ("4.45" -> #4, #45; "1'200" and "1 200" -> #1, #200), leading
           zeros dropped, so that number formats of different languages still meet;
  word     every word of at least MIN_WORD_CHARS letters, lower-cased with diacritics folded.

Only features found in both documents count (a German noun that never occurs in the French text
is no anchor), each weighted down by how often it occurs (see anchor_vectors): a number found
once on each side pins a pair down, a name that recurs throughout says little. A sentence with
no shared feature gets a zero row: it then gains nothing from anchors, and its similarity to
every candidate is the encoder's alone.

Measured on Text+Berg dev (bench/align_gold.py --set anchor_weight=W) the anchors did not help
(strict F1 0.906 at W=0, 0.902 at 0.05, 0.899 at 0.1, 0.887 at 0.2), so the default weight is 0
and the pipeline builds no anchors unless the weight is set.
"""

from __future__ import annotations

import re
from collections import Counter
import unicodedata
from typing import Dict, List, Sequence, Tuple

import numpy as np

FREQUENCY_POWER = 0.25  # see anchor_vectors: a feature's weight falls with how often it occurs
MIN_WORD_CHARS = 4  # shorter words are mostly function words that happen to coincide
_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"[^\W\d_]+")


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def features(sentence: str) -> List[str]:
    """The anchor features of one sentence, with repeats (see the module docstring)."""
    found = ["#" + (run.lstrip("0") or "0") for run in _DIGITS.findall(sentence)]
    found += [_fold(w) for w in _WORD.findall(sentence) if len(w) >= MIN_WORD_CHARS]
    return found


def anchor_vectors(source: Sequence[str], target: Sequence[str]) -> Tuple[np.ndarray, np.ndarray]:
    """One row per sentence on each side, over the features both sides share; rows have norm
    at most 1 (zero for a sentence with no shared feature).

    A feature found in ds source and dt target sentences weighs (ds * dt) ** -FREQUENCY_POWER
    in every sentence that has it, so two sentences sharing only a feature that occurs once on
    each side (a number, a rare name) have anchor similarity 1, and two sharing only a name
    that recurs throughout both texts have little. A row is divided by its norm only when that
    exceeds 1: several rare shared features count fully, common ones stay weak."""
    source_features = [set(features(s)) for s in source]
    target_features = [set(features(t)) for t in target]
    source_frequency = Counter(f for fs in source_features for f in fs)
    target_frequency = Counter(f for fs in target_features for f in fs)
    shared = sorted(set(source_frequency) & set(target_frequency))
    column: Dict[str, int] = {f: i for i, f in enumerate(shared)}
    weight = np.array([(source_frequency[f] * target_frequency[f]) ** -FREQUENCY_POWER for f in shared])

    def rows(all_features: List[set]) -> np.ndarray:
        matrix = np.zeros((len(all_features), len(shared)))
        for i, fs in enumerate(all_features):
            for f in fs:
                if f in column:
                    matrix[i, column[f]] = weight[column[f]]
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        return matrix / np.maximum(norms, 1.0)

    return rows(source_features), rows(target_features)
