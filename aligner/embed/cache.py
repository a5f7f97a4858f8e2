"""On-disk cache of sentence vectors, so a re-run does not embed the same texts again.

Layout: <root>/embeddings-v1/<model slug>-<model key>/<blob>.npz
  root       $ALIGNER_CACHE_DIR, else $XDG_CACHE_HOME/aligner, else ~/.cache/aligner
  model key  sha256 of the encoder's name and fingerprint (package version, or for a model folder
             its files' sizes and times): new weights start an empty folder, never stale vectors.
  blob       the vectors one encode() call had to compute, as two arrays: `keys` (n, 16) uint8,
             the first 16 bytes of sha256(text), and `vectors` (n, dim) float32. A document's
             sentences thus sit in one or two files: a warm run opens a few files, not thousands.

Reading: list the folder, read the small `keys` array of each blob not seen yet this run, then load
the `vectors` of the blobs holding a wanted text. Loaded rows stay in memory for the rest of the run.

Writing: blobs are immutable. Each is written under a temporary name in the same folder and then
os.replace()d to a name derived from its keys. The rename is atomic, so readers see a whole blob or
none, and two runs writing the same blob merely replace one copy with an identical one.

Many small encode() calls (merged sentences during alignment, say) leave many small blobs; once more
than MAX_SMALL_BLOBS exist, the writer merges them into one and deletes them. A concurrent reader
that loses such a blob to the merge just misses and embeds those texts again.

Damage: a blob that cannot be parsed (truncated, garbage, wrong shapes) is deleted and counted as
missing, so its texts are embedded again and written anew. Nothing in here raises on a bad cache.

Unwritable: if the folder cannot be created or written, one warning goes to stderr and the run goes
on without writing (it still reads whatever is there).
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Tuple

import numpy as np

from aligner.embed.base import Encoder, ProgressFn

LAYOUT_VERSION = "embeddings-v1"  # bump when the blob format changes; old folders are then ignored
DIGEST_BYTES = 16  # 128 bits of sha256: collisions are out of reach and keys stay small
SMALL_BLOB_BYTES = 256 * 1024  # about 170 vectors of dimension 384
MAX_SMALL_BLOBS = 32
STALE_TEMP_SECONDS = 3600  # a temporary file this old belongs to a run that died mid-write


def default_cache_dir() -> Path:
    if os.environ.get("ALIGNER_CACHE_DIR"):
        return Path(os.environ["ALIGNER_CACHE_DIR"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "aligner"


def model_cache_dir(root: Path, model_name: str, fingerprint: str) -> Path:
    key = hashlib.sha256(f"{model_name}\n{fingerprint}".encode("utf-8")).hexdigest()[:16]
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", model_name).strip("_")[-40:] or "model"
    return root / LAYOUT_VERSION / f"{slug}-{key}"


def text_digest(text: str) -> bytes:
    # surrogatepass: a text with a lone surrogate (from a badly decoded file) still gets a key
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()[:DIGEST_BYTES]


class VectorStore:
    """The blobs of one model's folder, plus the rows already loaded or computed this run."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._rows: Dict[bytes, np.ndarray] = {}  # digest -> vector, loaded or added this run
        self._blob_of: Dict[bytes, str] = {}  # digest -> blob file holding it
        self._indexed_blobs: set = set()  # blob files whose keys are in _blob_of
        self._writable = True

    def get_many(self, digests: Iterable[bytes]) -> Dict[bytes, np.ndarray]:
        """The cached vectors among digests (absent ones are simply left out)."""
        digests = list(digests)
        wanted = [digest for digest in digests if digest not in self._rows]
        if wanted:
            self._index_new_blobs()
            for blob_name in {self._blob_of[d] for d in wanted if d in self._blob_of}:
                self._load_blob(blob_name)
        return {digest: self._rows[digest] for digest in digests if digest in self._rows}

    def put_many(self, digests: List[bytes], vectors: np.ndarray) -> None:
        """Remember vectors for this run and, if the folder is writable, on disk."""
        self._rows.update(zip(digests, vectors))
        if not self._writable or not digests:
            return
        keys = np.frombuffer(b"".join(digests), dtype=np.uint8).reshape(-1, DIGEST_BYTES)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._write_blob(keys, vectors)
            self._merge_small_blobs()
        except OSError as error:
            self._writable = False
            print(
                f"aligner: warning: not caching embeddings, cannot write to {self.directory} ({error})",
                file=sys.stderr,
            )

    def _index_new_blobs(self) -> None:
        for name in self._blob_names():
            if name in self._indexed_blobs:
                continue
            blob = self._read_blob(name, with_vectors=False)
            if blob is None:
                continue
            self._indexed_blobs.add(name)
            self._blob_of.update((key.tobytes(), name) for key in blob[0])

    def _load_blob(self, name: str) -> None:
        blob = self._read_blob(name, with_vectors=True)
        if blob is None:  # deleted (merged or damaged) since it was indexed: its texts are misses
            self._indexed_blobs.discard(name)
            return
        keys, vectors = blob
        self._rows.update((key.tobytes(), row) for key, row in zip(keys, vectors))

    def _blob_names(self) -> List[str]:
        try:
            return [name for name in os.listdir(self.directory) if name.endswith(".npz")]
        except OSError:  # no folder yet (nothing cached) or not readable
            return []

    def _read_blob(self, name: str, with_vectors: bool) -> Optional[Tuple[np.ndarray, Optional[np.ndarray]]]:
        """(keys, vectors or None), or None if the blob is gone, unreadable or damaged."""
        path = self.directory / name
        try:
            with np.load(path, allow_pickle=False) as blob:
                keys = blob["keys"]
                vectors = blob["vectors"] if with_vectors else None
            _check_blob(keys, vectors)
            return keys, vectors
        except (FileNotFoundError, PermissionError):  # merged away by another run, or not ours to read
            return None
        except Exception:  # damaged: numpy and zipfile raise many types for a truncated or garbage file
            _remove_quietly(path)
            return None

    def _write_blob(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        name = hashlib.sha256(keys.tobytes()).hexdigest()[:32] + ".npz"
        descriptor, temp_path = tempfile.mkstemp(dir=self.directory, prefix=".tmp-", suffix=".part")
        try:
            with os.fdopen(descriptor, "wb") as temp_file:
                np.savez(temp_file, keys=keys, vectors=np.asarray(vectors, dtype=np.float32))
            os.replace(temp_path, self.directory / name)
        except BaseException:
            _remove_quietly(Path(temp_path))
            raise
        self._indexed_blobs.add(name)
        self._blob_of.update((key.tobytes(), name) for key in keys)

    def _merge_small_blobs(self) -> None:
        small_names = []
        for entry in os.scandir(self.directory):
            try:
                if entry.name.endswith(".npz") and entry.stat().st_size < SMALL_BLOB_BYTES:
                    small_names.append(entry.name)
                elif entry.name.endswith(".part") and time.time() - entry.stat().st_mtime > STALE_TEMP_SECONDS:
                    _remove_quietly(Path(entry.path))
            except FileNotFoundError:  # removed by a concurrent run while we looked
                continue
        if len(small_names) <= MAX_SMALL_BLOBS:
            return
        blobs = [self._read_blob(name, with_vectors=True) for name in small_names]
        blobs = [blob for blob in blobs if blob is not None]
        if not blobs:
            return
        keys = np.concatenate([keys for keys, _ in blobs])
        vectors = np.concatenate([vectors for _, vectors in blobs])
        _, first_of_each = np.unique(keys, axis=0, return_index=True)
        first_of_each.sort()
        self._write_blob(keys[first_of_each], vectors[first_of_each])
        for name in small_names:  # only after the merged blob is in place: no moment without them
            _remove_quietly(self.directory / name)


class CachedEncoder:
    """Wraps an encoder: texts seen before (this run or an earlier one) are not embedded again."""

    def __init__(self, inner: Encoder, cache_root: Path, fingerprint: str) -> None:
        self.inner = inner
        self.name = inner.name
        self.fingerprint = fingerprint
        self.store = VectorStore(model_cache_dir(Path(cache_root), inner.name, fingerprint))

    @property
    def dim(self) -> int:
        return self.inner.dim

    def encode(self, texts: List[str], progress: Optional[ProgressFn] = None) -> np.ndarray:
        """Like the inner encoder. progress, if given, counts distinct texts, cached ones included."""
        texts = list(texts)
        if not texts:
            return self.inner.encode([])
        digests = [text_digest(text) for text in texts]
        found = self.store.get_many(digests)
        missing: Dict[bytes, str] = {}  # distinct texts to embed, in document order
        for digest, text in zip(digests, texts):
            if digest not in found:
                missing.setdefault(digest, text)
        if missing:
            computed = self._encode_missing(list(missing.values()), len(found), progress)
            self.store.put_many(list(missing), computed)
            found.update(zip(missing, computed))
        elif progress is not None:
            progress(len(found), len(found))
        return np.stack([found[digest] for digest in digests]).astype(np.float32, copy=False)

    def _encode_missing(self, texts: List[str], cached_count: int, progress: Optional[ProgressFn]) -> np.ndarray:
        if progress is None:  # encoders that take no progress argument (test fakes) still work
            return self.inner.encode(texts)
        total = cached_count + len(texts)
        return self.inner.encode(texts, progress=lambda done, _: progress(cached_count + done, total))


def _check_blob(keys: np.ndarray, vectors: Optional[np.ndarray]) -> None:
    if keys.dtype != np.uint8 or keys.ndim != 2 or keys.shape[1] != DIGEST_BYTES:
        raise ValueError("bad keys array")
    if vectors is not None:
        if vectors.dtype != np.float32 or vectors.ndim != 2 or len(vectors) != len(keys):
            raise ValueError("bad vectors array")
        if not np.isfinite(vectors).all():
            raise ValueError("non-finite vectors")


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
