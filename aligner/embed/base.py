"""What every encoder shares: the Encoder protocol, ModelError, and batching/normalising helpers."""

from __future__ import annotations

from typing import Callable, List, Optional, Protocol

import numpy as np

ProgressFn = Callable[[int, int], None]
"""Called as progress(texts_done, texts_total) after each batch an encoder embeds."""

BATCH_SIZE = 64
"""Texts per call into the model: small enough to report progress often, large enough to stay fast."""


class Encoder(Protocol):
    name: str  # what the user asked for (preset name, model id or path); goes into the report signature

    def encode(self, texts: List[str]) -> np.ndarray:
        """(len(texts), dim) float32, each row unit length; [] -> (0, dim)."""
        ...


class ModelError(Exception):
    """A model cannot be loaded or used. The message is one line for the user: the model and the fix."""


def encode_in_batches(
    texts: List[str],
    embed_batch: Callable[[List[str]], np.ndarray],
    dim: int,
    progress: Optional[ProgressFn] = None,
) -> np.ndarray:
    """Run embed_batch over texts BATCH_SIZE at a time; return unit float32 rows."""
    rows = np.empty((len(texts), dim), dtype=np.float32)
    for start in range(0, len(texts), BATCH_SIZE):
        batch = texts[start : start + BATCH_SIZE]
        rows[start : start + len(batch)] = embed_batch(batch)
        if progress is not None:
            progress(start + len(batch), len(texts))
    return unit_rows(rows)


def unit_rows(rows: np.ndarray) -> np.ndarray:
    """Rescale each row to length 1 (models already normalise; this guards the invariant).

    A row of all zeros cannot be normalised and stays zero rather than becoming NaN.
    Neither backend produces one: both embed the empty string like any other text.
    """
    rows = np.asarray(rows, dtype=np.float32)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.where(norms > 0, norms, 1.0).astype(np.float32)
