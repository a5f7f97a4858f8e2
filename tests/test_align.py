"""aligner.align on hand-built vectors (no model): fast and deterministic."""

from dataclasses import replace

import numpy as np
import pytest

from aligner.align import AlignParams, Bead, align


def unit_rows(rows: np.ndarray) -> np.ndarray:
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def document(n: int, dim: int = 64, seed: int = 0) -> np.ndarray:
    """n sentence vectors that resemble one another as real sentence embeddings do (a shared
    component, so unrelated sentences have cosine about 0.5), but are clearly distinct."""
    rng = np.random.default_rng(seed)
    return unit_rows(rng.normal(size=dim) * 1.0 + rng.normal(size=(n, dim)))


def translate(vectors: np.ndarray, seed: int = 1, noise: float = 0.15) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return unit_rows(vectors + noise * rng.normal(size=vectors.shape))


def pairs(beads):
    return [(b.source, b.target) for b in beads]


def check_coverage(beads, n, m):
    """Every sentence of both sides exactly once, in document order."""
    assert [i for b in beads for i in b.source] == list(range(n))
    assert [j for b in beads for j in b.target] == list(range(m))
    assert all(b.source or b.target for b in beads)


def test_identity_is_one_to_one():
    source = document(30)
    beads = align(source, source, [40] * 30, [40] * 30)
    assert pairs(beads) == [((i,), (i,)) for i in range(30)]
    assert all(b.score == pytest.approx(1.0) for b in beads)


def test_deleted_source_sentence_is_a_1_0_bead():
    source = document(30)
    target = np.delete(translate(source), 12, axis=0)
    beads = align(source, target, [40] * 30, [44] * 29)
    assert Bead((12,), (), 0.0) in beads
    assert ((11,), (11,)) in pairs(beads) and ((13,), (12,)) in pairs(beads)


def test_inserted_target_sentence_is_a_0_1_bead():
    source = document(30)
    extra = document(1, seed=7)
    target = np.vstack([translate(source)[:20], extra, translate(source)[20:]])
    beads = align(source, target, [40] * 30, [44] * 31)
    assert ((), (20,)) in pairs(beads)
    assert ((20,), (21,)) in pairs(beads)


def test_two_to_one_merge_is_found():
    source = document(30)
    merged = unit_rows((source[10] + source[11])[None, :])
    target = np.vstack([translate(source)[:10], merged, translate(source)[12:]])
    beads = align(source, target, [40] * 30, [44] * 10 + [88] + [44] * 18)
    assert ((10, 11), (10,)) in pairs(beads)
    assert ((12,), (11,)) in pairs(beads)


@pytest.mark.parametrize("seed", range(5))
def test_coverage_on_random_inputs(seed):
    rng = np.random.default_rng(seed)
    n, m = rng.integers(1, 60, size=2)
    source = unit_rows(rng.normal(size=(n, 16)))
    target = unit_rows(rng.normal(size=(m, 16)))
    beads = align(source, target, rng.integers(1, 200, n), rng.integers(1, 200, m))
    check_coverage(beads, n, m)
    assert all(0.0 <= b.score <= 1.0 for b in beads)
    assert all(b.score == 0.0 for b in beads if not (b.source and b.target))


def test_zero_vector_sentence_is_covered():
    source = document(10)
    source[4] = 0.0  # an empty sentence
    beads = align(source, translate(source), [40] * 4 + [0] + [40] * 5, [44] * 10)
    check_coverage(beads, 10, 10)


@pytest.mark.parametrize("n, m", [(0, 0), (0, 3), (4, 0)])
def test_empty_inputs_give_null_beads(n, m):
    beads = align(np.zeros((n, 8)), np.zeros((m, 8)), [10] * n, [10] * m)
    check_coverage(beads, n, m)
    assert all(not (b.source and b.target) and b.score == 0.0 for b in beads)


def test_max_bead_is_respected():
    source = document(12)
    # One target sentence that is the sum of all source sentences: the best bead would be 12-1.
    target = unit_rows(source.sum(axis=0, keepdims=True))
    for max_bead in (2, 3, 5):
        beads = align(source, target, [40] * 12, [480], replace(AlignParams(), max_bead=max_bead))
        check_coverage(beads, 12, 1)
        assert all(len(b.source) + len(b.target) <= max_bead for b in beads)


def test_embed_merged_is_asked_for_few_merges_and_used():
    source = document(40)
    merged = unit_rows((source[10] + source[11])[None, :])
    target = np.vstack([translate(source)[:10], merged, translate(source)[12:]])
    requests = []

    def embed_merged(spans):
        requests.extend(spans)
        # A "real" embedding of the merged text: exactly the target's vector for the true merge,
        # and something unrelated for any other merge.
        return np.stack([merged[0] if span == ("source", (10, 11)) else document(1, seed=99)[0]
                         for span in spans])

    beads = align(source, target, [40] * 40, [44] * 10 + [88] + [44] * 28, embed_merged=embed_merged)
    assert ("source", (10, 11)) in requests
    assert len(requests) <= 10  # a few candidates, not every run of sentences
    assert all(side in ("source", "target") and len(indices) >= 2 for side, indices in requests)
    bead = next(b for b in beads if b.source == (10, 11))
    assert bead.target == (10,) and bead.score == pytest.approx(1.0)  # the re-embedded vector was used


def test_banded_search_matches_full_dp():
    source = document(120, seed=3)
    target = translate(source, seed=4)
    target = np.vstack([target[:30], document(2, seed=5), target[30:70], target[71:]])  # insert 2, drop 1
    source_lengths = list(np.random.default_rng(6).integers(20, 120, 120))
    target_lengths = source_lengths[:30] + [50, 50] + source_lengths[30:70] + source_lengths[71:]
    full = align(source, target, source_lengths, target_lengths, replace(AlignParams(), full_dp_sentences=1000))
    banded = align(source, target, source_lengths, target_lengths, replace(AlignParams(), full_dp_sentences=20))
    assert pairs(banded) == pairs(full)
    assert ((), (30,)) in pairs(full) and ((70,), ()) in pairs(full)


def test_short_fragments_are_cheaper_to_leave_unaligned():
    source = document(20)
    target = translate(source)
    # A 2-character target fragment (an OCR "V") that faintly resembles its neighbour.
    fragment = unit_rows((target[4] + 2.0 * document(1, seed=12)[0])[None, :])
    target = np.vstack([target[:5], fragment, target[5:]])
    source_lengths, target_lengths = [40] * 20, [40] * 5 + [2] + [40] * 15
    no_discount = replace(AlignParams(), null_full_length=1.0)
    assert ((4,), (4, 5)) in pairs(align(source, target, source_lengths, target_lengths, no_discount))
    beads = align(source, target, source_lengths, target_lengths)  # default: fragments under 10 chars cost less
    check_coverage(beads, 20, 21)
    assert ((), (5,)) in pairs(beads) and ((4,), (4,)) in pairs(beads)


def test_bead_type_prior_prefers_common_types():
    from aligner.align import _log_prior

    assert _log_prior(1, 1) > _log_prior(2, 1) > _log_prior(2, 2) > _log_prior(3, 3)
    assert _log_prior(1, 0) == _log_prior(0, 1)  # which side is unaligned is the document's, not the language's
    assert _log_prior(2, 5) < _log_prior(1, 4)  # unseen types stay possible, but least likely
