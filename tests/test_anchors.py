"""Anchors: the names and numbers of a source clause that its translation no longer shows."""

from __future__ import annotations

import pytest

from aligner.checks.anchors import DocumentWords, missing_anchors, missing_numbers, names_in, resembles

SOURCE = "Ukraine cut ties with North Korea. Kiev said the Foreign Ministry acted."
TARGET = "Die Ukraine brach mit Nordkorea. Kiew sagte, das Außenministerium handelte."


@pytest.mark.parametrize("name, word", [("kiev", "kiew"), ("dprk", "dvrk"), ("korea", "nordkoreanische"),
                                        ("pyongyang", "pjöngjang")])
def test_adapted_names_resemble_their_german_forms(name, word):
    assert resembles(name, word)


def test_a_name_does_not_resemble_a_word_that_merely_shares_letters():
    assert not resembles("ukraine", "keine")


def test_names_are_capitalised_words_inside_a_sentence_or_known_from_inside_one():
    assert names_in("Ukraine has a plan. The plan came from Kiev.", frozenset({"Ukraine"})) == ["Ukraine", "Kiev"]


def test_document_words_keep_mid_sentence_capitals_only():
    words = DocumentWords.of(SOURCE, TARGET)
    assert words.source_names == {"North", "Korea", "Foreign", "Ministry"}
    assert "kiew" in words.target_words


def test_a_name_the_translation_keeps_elsewhere_is_missing_from_a_pair_without_it():
    words = DocumentWords.of(SOURCE, TARGET)
    assert missing_anchors("after Kiev recognized them", "nachdem sie anerkannt wurden", words, "en", "de") == ["Kiev"]
    assert missing_anchors("after Kiev recognized them", "nachdem Kiew sie anerkannte", words, "en", "de") == []


def test_a_name_the_translation_never_keeps_proves_nothing():
    words = DocumentWords.of(SOURCE, TARGET)  # "Foreign Ministry" is "Außenministerium" throughout
    assert missing_anchors("the Foreign Ministry said so", "es hieß so", words, "en", "de") == []


def test_numbers_are_compared_as_numbers():
    words = DocumentWords.of(SOURCE, TARGET)
    assert missing_anchors("2.5 million people", "2,5 Millionen Menschen", words, "en", "de") == []
    assert missing_anchors("2.5 million people", "3 Millionen Menschen", words, "en", "de") == ["2.5 million"]


def test_numbers_written_as_words_are_never_reported_missing():
    assert missing_numbers("three times", "mehrmals", "en", "de") == []
    assert missing_numbers("3 times", "mehrmals", "en", "de") == ["3"]
