"""Stand-ins for aligner.embed.word_states.WordStates in tests: a text's words are its whitespace
tokens, each with a vector the test chooses (no model is loaded)."""

from __future__ import annotations

import numpy as np


class StandInStates:
    """Words are whitespace tokens; `vector(key)` gives each one's vector, keyed by the word in
    lower case without its trailing punctuation."""

    def __init__(self):
        self.calls = 0  # how often words() ran: what a cache saves
        self.vocabulary = {}  # one for every call: the evidence keeps a text's words between calls

    def vector(self, key: str) -> np.ndarray:
        """One-hot by word: a source word matches a target word only when they are the same word."""
        row = np.zeros(64, dtype=np.float32)
        row[self.vocabulary.setdefault(key, len(self.vocabulary))] = 1.0
        return row

    def words(self, texts):
        self.calls += 1
        out = []
        for text in texts:
            spans, rows, at = [], [], 0
            for word in text.split():
                start = text.index(word, at)
                at = start + len(word)
                spans.append((start, at))
                rows.append(self.vector(word.strip(".,").lower()))
            out.append((spans, np.array(rows, dtype=np.float32)))
        return out
