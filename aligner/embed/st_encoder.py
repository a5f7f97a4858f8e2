"""Any sentence-transformers model, loaded from a local directory and never downloaded.

sentence_transformers (and torch behind it) is imported only when this backend is used:
importing it costs seconds, and `aligner --help` must stay instant.
A Hugging Face model id is resolved to its snapshot in the local Hugging Face cache before
anything heavy is imported, so a model that was never downloaded fails at once with a clear
message instead of trying the network.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import List, Optional

import numpy as np

from aligner.embed.base import ModelError, ProgressFn, encode_in_batches

INSTALL_HINT = (
    "install the optional extra: pip install 'aligner[sentence-transformers]' "
    "(and torch==2.13.0 for the CPU build)"
)


class SentenceTransformerEncoder:
    """Encoder over a sentence-transformers model directory."""

    def __init__(self, name: str, model_dir: Path, fingerprint: str) -> None:
        # Belt and braces: even a local model may name files the hub libraries would fetch.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")  # no "Loading weights" bars on stderr
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as error:
            raise ModelError(f"model '{name}' needs sentence-transformers: {INSTALL_HINT}") from error
        try:
            self._model = SentenceTransformer(str(model_dir))
        except Exception as error:  # the library raises many types for a broken model folder
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise ModelError(
                f"model '{name}': sentence-transformers could not load {model_dir} ({reason}); "
                "check that the folder holds a complete sentence-transformers model"
            ) from error
        self.name = name
        # renamed in sentence-transformers 6; the extra allows >=3.0
        dimension_of = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim: int = dimension_of()
        self.fingerprint = fingerprint

    def encode(self, texts: List[str], progress: Optional[ProgressFn] = None) -> np.ndarray:
        return encode_in_batches(list(texts), self._embed_batch, self.dim, progress)

    def _embed_batch(self, texts: List[str]) -> np.ndarray:
        return self._model.encode(
            texts, batch_size=len(texts), normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )


def directory_fingerprint(model_dir: Path) -> str:
    """Names, sizes and modification times of the folder's top-level files: changes when the weights do."""
    entries = sorted(
        f"{entry.name}:{entry.stat().st_size}:{entry.stat().st_mtime_ns}"
        for entry in model_dir.iterdir()
        if entry.is_file()
    )
    return f"dir {model_dir.resolve()} " + " ".join(entries)


def hub_cache_dirs() -> List[Path]:
    """Where sentence-transformers / huggingface_hub keep downloaded models, most specific first."""
    dirs = []
    if os.environ.get("SENTENCE_TRANSFORMERS_HOME"):
        dirs.append(Path(os.environ["SENTENCE_TRANSFORMERS_HOME"]))
    if os.environ.get("HF_HUB_CACHE"):
        dirs.append(Path(os.environ["HF_HUB_CACHE"]))
    if os.environ.get("HF_HOME"):
        dirs.append(Path(os.environ["HF_HOME"]) / "hub")
    xdg_cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    dirs.append(Path(xdg_cache) / "huggingface" / "hub")
    return dirs


def find_hub_snapshot(hub_id: str) -> Optional[Path]:
    """The downloaded snapshot folder of a hub model id, or None when it was never downloaded.

    A bare name such as "LaBSE" is also looked up as "sentence-transformers/LaBSE",
    as sentence-transformers itself does.
    """
    candidates = [hub_id] if "/" in hub_id else [hub_id, f"sentence-transformers/{hub_id}"]
    for cache_dir in hub_cache_dirs():
        for candidate in candidates:
            repo_dir = cache_dir / ("models--" + candidate.replace("/", "--"))
            snapshot = _snapshot_of(repo_dir)
            if snapshot is not None:
                return snapshot
    return None


def _snapshot_of(repo_dir: Path) -> Optional[Path]:
    """The snapshot refs/main points at, else any snapshot (a cache filled by hand may lack refs)."""
    main_ref = repo_dir / "refs" / "main"
    if main_ref.is_file():
        snapshot = repo_dir / "snapshots" / main_ref.read_text().strip()
        if (snapshot / "modules.json").is_file() or (snapshot / "config.json").is_file():
            return snapshot
    snapshots_dir = repo_dir / "snapshots"
    if snapshots_dir.is_dir():
        for snapshot in sorted(snapshots_dir.iterdir()):
            if (snapshot / "config.json").is_file():
                return snapshot
    return None
