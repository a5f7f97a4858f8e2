"""The on-disk embedding cache, driven by a fake deterministic encoder (fast, no model)."""

import hashlib
import multiprocessing
import time
from pathlib import Path

import numpy as np
import pytest

from aligner.embed.cache import MAX_SMALL_BLOBS, CachedEncoder, default_cache_dir, model_cache_dir


def fake_vector(text: str, dim: int) -> np.ndarray:
    """A unit vector that depends only on the text."""
    seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")
    vector = np.random.default_rng(seed).standard_normal(dim).astype(np.float32)
    return vector / np.linalg.norm(vector)


class FakeEncoder:
    """Deterministic stand-in for a model; records every text it is asked to embed."""

    def __init__(self, dim: int = 8) -> None:
        self.name = "fake"
        self.dim = dim
        self.embedded = []

    def encode(self, texts):
        self.embedded.extend(texts)
        return np.array([fake_vector(text, self.dim) for text in texts], dtype=np.float32).reshape(-1, self.dim)


def cached(root: Path, fingerprint: str = "v1", dim: int = 8):
    inner = FakeEncoder(dim)
    return CachedEncoder(inner, root, fingerprint), inner


def expected(texts, dim: int = 8) -> np.ndarray:
    return np.array([fake_vector(text, dim) for text in texts], dtype=np.float32)


def blob_files(root: Path):
    return sorted(root.glob("*/*/*.npz"))


def test_second_run_embeds_nothing(tmp_path):
    texts = ["One sentence.", "Another one.", "Ein Satz."]
    first, first_inner = cached(tmp_path)
    np.testing.assert_array_equal(first.encode(texts), expected(texts))
    assert first_inner.embedded == texts

    second, second_inner = cached(tmp_path)  # a new run: nothing in memory, all on disk
    vectors = second.encode(texts)
    assert second_inner.embedded == []
    np.testing.assert_array_equal(vectors, expected(texts))
    assert vectors.dtype == np.float32


def test_only_misses_are_embedded_and_each_once(tmp_path):
    first, _ = cached(tmp_path)
    first.encode(["a", "b"])

    second, inner = cached(tmp_path)
    texts = ["a", "c", "b", "c", "d", "a"]
    np.testing.assert_array_equal(second.encode(texts), expected(texts))
    assert inner.embedded == ["c", "d"]

    second.encode(["c", "d", "a"])  # seen this run: not embedded again
    assert inner.embedded == ["c", "d"]


def test_empty_input_gives_zero_rows(tmp_path):
    encoder, _ = cached(tmp_path)
    assert encoder.encode([]).shape == (0, 8)


def test_other_model_version_does_not_share_vectors(tmp_path):
    cached(tmp_path, fingerprint="v1")[0].encode(["a"])
    encoder, inner = cached(tmp_path, fingerprint="v2")
    encoder.encode(["a"])
    assert inner.embedded == ["a"]


class ProgressFakeEncoder(FakeEncoder):
    """Reports progress after each text, as the real encoders do after each batch."""

    def encode(self, texts, progress=None):
        rows = []
        for done, text in enumerate(texts, start=1):
            rows.append(super().encode([text]))
            progress(done, len(texts))
        return np.concatenate(rows)


def test_progress_counts_cached_texts_too(tmp_path):
    cached(tmp_path)[0].encode(["a", "b"])
    calls = []
    encoder = CachedEncoder(ProgressFakeEncoder(), tmp_path, "v1")
    encoder.encode(["a", "b", "c", "d"], progress=lambda done, total: calls.append((done, total)))
    assert calls == [(3, 4), (4, 4)]


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty", "wrong shapes"])
def test_damaged_blob_is_recomputed_and_replaced(tmp_path, damage):
    texts = [f"sentence {i}" for i in range(20)]
    cached(tmp_path)[0].encode(texts)
    (blob,) = blob_files(tmp_path)
    if damage == "truncate":
        blob.write_bytes(blob.read_bytes()[: blob.stat().st_size // 2])
    elif damage == "garbage":
        blob.write_bytes(b"\x00garbage" * 100)
    elif damage == "empty":
        blob.write_bytes(b"")
    else:
        np.savez(blob, keys=np.zeros((3, 5), np.uint8), vectors=np.zeros((2, 8), np.float32))

    encoder, inner = cached(tmp_path)
    np.testing.assert_array_equal(encoder.encode(texts), expected(texts))
    assert inner.embedded == texts

    healed, healed_inner = cached(tmp_path)
    np.testing.assert_array_equal(healed.encode(texts), expected(texts))
    assert healed_inner.embedded == []


def test_many_small_calls_are_merged_into_few_files(tmp_path):
    encoder, _ = cached(tmp_path)
    texts = [f"merged sentence {i}" for i in range(3 * MAX_SMALL_BLOBS)]
    for text in texts:
        encoder.encode([text])
    assert len(blob_files(tmp_path)) <= MAX_SMALL_BLOBS + 1

    fresh, inner = cached(tmp_path)
    np.testing.assert_array_equal(fresh.encode(texts), expected(texts))
    assert inner.embedded == []


def _hammer_cache(args):
    """One of several processes sharing a cache folder: many small, overlapping calls."""
    root, worker = args
    rng = np.random.default_rng(worker)
    encoder = CachedEncoder(FakeEncoder(), Path(root), "v1")
    wrong_rows = 0
    for _ in range(80):
        texts = [f"shared {i}" for i in rng.choice(150, size=int(rng.integers(1, 6)), replace=False)]
        wrong_rows += int((encoder.encode(texts) != expected(texts)).any(axis=1).sum())
    return wrong_rows


def test_concurrent_writers_never_see_partial_or_wrong_vectors(tmp_path):
    with multiprocessing.get_context("fork").Pool(4) as pool:
        assert pool.map(_hammer_cache, [(str(tmp_path), worker) for worker in range(4)]) == [0, 0, 0, 0]

    folder = model_cache_dir(tmp_path, "fake", "v1")
    assert not list(folder.glob(".tmp-*")), "temporary files left behind"
    texts = [f"shared {i}" for i in range(150)]
    fresh, inner = cached(tmp_path)
    vectors = fresh.encode(texts)
    np.testing.assert_array_equal(vectors, expected(texts))
    assert len(inner.embedded) < len(texts)  # most were cached by the workers


def test_unwritable_cache_warns_once_and_still_works(tmp_path, capsys):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("in the way")
    encoder, inner = cached(not_a_folder / "cache")
    np.testing.assert_array_equal(encoder.encode(["a", "b"]), expected(["a", "b"]))
    np.testing.assert_array_equal(encoder.encode(["c"]), expected(["c"]))
    warnings = [line for line in capsys.readouterr().err.splitlines() if "warning" in line]
    assert len(warnings) == 1
    assert "cannot write" in warnings[0]


def test_warm_load_of_a_long_document_is_fast(tmp_path):
    texts = [f"Sentence number {i} of a long document, with some words." for i in range(2400)]
    cached(tmp_path, dim=384)[0].encode(texts)

    encoder, inner = cached(tmp_path, dim=384)
    started = time.perf_counter()
    vectors = encoder.encode(texts)
    elapsed = time.perf_counter() - started
    assert inner.embedded == []
    assert vectors.shape == (2400, 384)
    assert elapsed < 1.0, f"warm load took {elapsed:.2f}s"


def test_cache_location_follows_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("ALIGNER_CACHE_DIR", str(tmp_path / "explicit"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "explicit"
    monkeypatch.delenv("ALIGNER_CACHE_DIR")
    assert default_cache_dir() == tmp_path / "xdg" / "aligner"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_cache_dir() == Path.home() / ".cache" / "aligner"
