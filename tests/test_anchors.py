"""aligner.anchors: lexical anchor features and their vectors (no model)."""

import numpy as np
import pytest

from aligner.anchors import anchor_vectors, features


def test_features_are_digit_runs_and_folded_long_words():
    assert features("Am 9. September 1988 um 4.45 Uhr in Chamonix") == [
        "#9", "#1988", "#4", "#45", "september", "chamonix"]
    assert "#200" in features("1'200 m") and "#200" in features("1 200 m")
    assert features("Müller à Zürich") == ["muller", "zurich"]  # diacritics folded, short words dropped
    assert features("007") == ["#7"] and features("0") == ["#0"]


def test_only_shared_features_count_and_rows_are_at_most_unit():
    source, target = anchor_vectors(["Piola kletterte 1988", "Der Stiel war gebrochen"],
                                    ["Piola grimpait en 1988", "Cassé une fois", "le manche"])
    assert source.shape == (2, 2) and target.shape == (3, 2)  # "#1988" and "piola"
    assert source @ target.T == pytest.approx(np.array([[1.0, 0, 0], [0, 0, 0]]))
    assert np.all(np.linalg.norm(source, axis=1) <= 1.0 + 1e-12)
    assert not source[1].any()  # no shared feature: a zero row


def test_a_recurring_name_is_weaker_than_a_unique_number():
    source = ["Jean-Luc sichert", "Jean-Luc lacht", "Wir sind um 1430 oben", "Jean-Luc ruft"]
    target = ["Jean-Luc assure", "Jean-Luc rit", "Nous sommes au sommet à 1430", "Jean-Luc crie"]
    s, t = anchor_vectors(source, target)
    similarity = s @ t.T
    assert similarity[2, 2] == pytest.approx(1.0)
    assert 0 < similarity[0, 0] < 0.5 and similarity[0, 0] == pytest.approx(similarity[0, 3])


def test_empty_documents():
    s, t = anchor_vectors([], ["Chamonix"])
    assert s.shape == (0, 0) and t.shape == (1, 0)
