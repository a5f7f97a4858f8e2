"""partial-addition and negation-mismatch on hand-built documents and the fake bag-of-words encoder."""

from __future__ import annotations

import pytest

from test_checks import SOURCE, context, flagged
from word_stand_ins import StandInStates

from aligner.checks.negation import negations
from aligner.checks.registry import run_checks
from aligner.findings import Kind


pytestmark = pytest.mark.usefixtures("raw_confidences")  # each check's own evidence, uncalibrated


def test_a_sentence_slipped_into_a_one_to_two_pair_is_a_partial_addition():
    stray = "The cyclists crossed the old bridge in heavy rain yesterday."
    target = SOURCE[:3] + [SOURCE[3], stray]
    ctx = context(SOURCE, target, [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3, 4))])
    findings = flagged(run_checks(ctx, enabled=["partial-addition"]), "partial-addition")
    assert [ctx.target.text[slice(*f.target_span)] for f in findings] == [stray]
    # Off by default: it runs only when a configuration turns it on.
    assert flagged(run_checks(ctx), "partial-addition") == []


def test_faithful_pairs_give_no_partial_addition():
    ctx = context(SOURCE, SOURCE, [((i,), (i,)) for i in range(4)])
    assert flagged(run_checks(ctx, enabled=["partial-addition"]), "partial-addition") == []


def test_an_added_negation_is_reported_on_the_negation_word():
    # The target side is German to the check: its negation words are German ones.
    target = SOURCE[:3] + ["A final vote is nicht expected next month."]
    ctx = context(SOURCE, target, [((i,), (i,)) for i in range(4)])
    findings = [f for f in run_checks(ctx, enabled=["negation-mismatch"]) if f.rule == "negation-mismatch"]
    assert len(findings) == 1
    assert ctx.target.text[slice(*findings[0].target_span)] == "nicht"
    assert findings[0].kind is Kind.MISTRANSLATION


def test_a_lost_negation_points_at_the_source_word():
    source = SOURCE[:3] + ["A final vote is never expected next month."]
    ctx = context(source, SOURCE, [((i,), (i,)) for i in range(4)])
    findings = [f for f in run_checks(ctx, enabled=["negation-mismatch"]) if f.rule == "negation-mismatch"]
    assert len(findings) == 1
    assert ctx.source.text[slice(*findings[0].source_span)] == "never"
    assert findings[0].target_span == ctx.target.sentences[3]


def test_matching_negations_give_no_finding_and_the_word_lists_know_both_languages():
    source = SOURCE[:3] + ["A final vote is not expected next month."]
    target = SOURCE[:3] + ["A final vote is nicht expected next month."]
    ctx = context(source, target, [((i,), (i,)) for i in range(4)])
    assert [f for f in run_checks(ctx, enabled=["negation-mismatch"]) if f.rule == "negation-mismatch"] == []
    assert [m.group() for m in negations("Das ist nicht gut, keine Frage, nie.", "de")] == ["nicht", "keine", "nie"]
    assert [m.group() for m in negations("It isn't there and never was.", "en")] == ["isn't", "never"]


class OneHotStates(StandInStates):
    """One-hot word vectors, except the pairs in SAME, which share one ("stalled" renders "nicht")."""

    SAME = {"nicht": "stalled"}

    def vector(self, key):
        return super().vector(self.SAME.get(key, key))


@pytest.mark.parametrize("source, target", [
    ("Unmatched [ or [=", "Kein Gegenstück für [ oder [="),
    ("The port attribute is missing or malformed.", "Das Port-Attribut fehlt oder ist nicht korrekt."),
    ("Use at most four threads.", "Nicht mehr als vier Threads verwenden."),
    ("The vote failed.", "Die Abstimmung kam nicht zustande."),
    ("Fatal or unrecoverable error.", "Fataler oder nicht behebbarer Fehler."),
    ("mismatch on package when removing it", "Keine Übereinstimmung mit Paket beim Entfernen"),
])
def test_a_german_negation_that_renders_an_english_one_without_a_negation_word_is_no_candidate(source, target):
    from aligner.checks.negation import find_candidates

    assert find_candidates(context([source], [target], [((0,), (0,))])) == []


@pytest.mark.parametrize("source, target", [
    ("Greg, why don't you tell us about the video?", "Greg, erzähl uns etwas über das Video."),
    ("Why not advertise with me?", "Werben Sie doch bei mir!"),
])
def test_a_suggestion_asked_as_a_negative_question_is_no_negation_a_german_imperative_loses(source, target):
    from aligner.checks.negation import find_candidates

    assert find_candidates(context([source], [target], [((0,), (0,))])) == []


def test_a_negation_beside_a_suggestion_is_still_counted():
    from aligner.checks.negation import find_candidates

    [candidate] = find_candidates(context(["Why don't you ask him? He never lies."],
                                          ["Frag ihn doch. Er lügt."], [((0,), (0,))]))
    assert not candidate.added and candidate.word.group() in ("don't", "never")
    # A German "warum nicht" that keeps the suggestion's negation is matched as usual: no added one.
    assert find_candidates(context(["Why not ask him?"], ["Warum fragst du ihn nicht?"], [((0,), (0,))])) == []


def test_an_english_word_that_only_looks_negative_does_not_excuse_an_added_negation():
    from aligner.checks.negation import find_candidates, implicit_negations

    assert implicit_negations("The United States under the union") == 0
    [candidate] = find_candidates(context(["The United States voted."], ["Die Vereinigten Staaten stimmten nicht ab."],
                                          [((0,), (0,))]))
    assert candidate.added and candidate.word.group() == "nicht"


def test_a_negation_word_with_a_counterpart_in_the_source_weighs_less_than_one_without():
    from dataclasses import replace

    from aligner.checks.negation import find_candidates
    from aligner.embed.word_states import WordEvidence

    evidence = WordEvidence(OneHotStates(), None)
    added = ["A final vote is nicht expected next month."]
    unmatched = replace(context(["A final vote is expected next month."], added, [((0,), (0,))]), words=evidence)
    rendered = replace(context(["A final vote stalled next month."], added, [((0,), (0,))]), words=evidence)
    [lonely], [counterpart] = find_candidates(unmatched), find_candidates(rendered)
    assert lonely.added and lonely.word.group() == "nicht"
    assert lonely.word_gap == pytest.approx(1.0)  # the typical word matches (1.0), "nicht" nothing (0.0)
    assert counterpart.word_gap == pytest.approx(0.0)  # "nicht" renders "stalled"
    assert lonely.confidence() > counterpart.confidence()
    # without word evidence, the gain alone decides
    assert find_candidates(replace(unmatched, words=None))[0].word_gap is None


def with_words(ctx):
    from dataclasses import replace

    from aligner.embed.word_states import WordEvidence

    return replace(ctx, words=WordEvidence(StandInStates(), None))


def test_words_glued_into_a_pair_without_a_source_are_reported_as_added_words():
    stray = "cyclists crossed an old bridge in heavy rain yesterday"
    target = SOURCE[:3] + [f"A final vote is {stray} expected next month."]
    ctx = with_words(context(SOURCE, target, [((i,), (i,)) for i in range(4)]))
    [finding] = flagged(run_checks(ctx), "added-words")
    assert ctx.target.text[slice(*finding.target_span)] == stray
    assert finding.source_span == ctx.source.sentences[3]
    assert finding.kind is Kind.ADDITION
    assert "none of its 7 content words" in finding.message  # "an", "in" are function words


def test_a_faithful_pair_and_a_short_free_rendering_give_no_added_words():
    free = SOURCE[:3] + ["A final vote is surely coming expected next month."]  # two words of its own
    for target in (SOURCE, free):
        ctx = with_words(context(SOURCE, target, [((i,), (i,)) for i in range(4)]))
        assert [f for f in run_checks(ctx) if f.rule == "added-words"] == []


def test_added_words_need_word_evidence():
    target = SOURCE[:3] + ["A final vote is cyclists crossed an old bridge in heavy rain expected next month."]
    ctx = context(SOURCE, target, [((i,), (i,)) for i in range(4)])  # no ctx.words: another encoder
    assert [f for f in run_checks(ctx) if f.rule == "added-words"] == []


def test_the_longest_unrendered_run_skips_function_words_and_keeps_the_first_of_equals():
    from aligner.checks.added_words import longest_unrendered_run

    # (span, best cosine) of the counted words in order; function words are never in the list
    words = [((0, 1), 0.9), ((2, 3), 0.1), ((4, 5), 0.2), ((6, 7), 0.8), ((8, 9), 0.3), ((10, 11), 0.4)]
    assert [span for span, _ in longest_unrendered_run(words)] == [(2, 3), (4, 5)]
    assert longest_unrendered_run([((0, 1), 0.7)]) == []


def test_a_longer_and_deeper_run_is_surer():
    from aligner.align import Bead
    from aligner.checks.added_words import Candidate

    bead = Bead((0,), (0,), 0.9)

    def confidence(run: int, depth: float) -> float:
        return Candidate(bead, (0, 9), run=run, depth=depth).confidence()

    assert confidence(6, 3.0) > confidence(4, 3.0)
    assert confidence(4, 4.0) > confidence(4, 1.0)


def test_an_added_negation_weighs_its_gain_by_the_length_of_its_sentence():
    """Deleting one word moves a long sentence's embedding less: the same gain in a sentence twice
    as long is twice the evidence of an added negation. A lost one keeps its raw gain."""
    import re

    from aligner.align import Bead
    from aligner.checks.negation import Candidate

    def candidate(text: str, added: bool) -> Candidate:
        word = re.search(r"nicht|not", text)
        return Candidate(Bead((0,), (0,), 0.9), added, word, 0, text, "other side", gain=0.01, word_gap=0.5)

    short = "Die Abstimmung wird nicht im Mai erwartet."  # 7 words
    long = short[:-1] + ", sagte der Sprecher am Montag in einer kurzen Mitteilung."  # 7 + 9 words
    assert candidate(short, True).features() == pytest.approx((0.7, 5.0))
    assert candidate(long, True).features() == pytest.approx((1.6, 5.0))
    assert candidate(long, True).confidence() > candidate(short, True).confidence()
    lost_short, lost_long = candidate("The vote is not expected.", False), candidate("The vote is not expected " + "soon " * 10, False)
    assert lost_short.features() == lost_long.features() == pytest.approx((1.0, 5.0))


def test_a_german_sentence_that_shares_nothing_with_its_pairs_source_is_surer_added():
    """In a 1-2 pair, the sentence holding the run is compared with the pair's source: a sentence
    pasted in from elsewhere lies far below the document's typical pair, one a translator split
    off does not. A 1-1 pair has no such sentence (0)."""
    from aligner.checks.added_words import Candidate, sentence_gap

    split = "The mayor presented a plan."  # renders part of SOURCE[1]
    pasted = "Cyclists crossed the old bridge in heavy rain yesterday."
    for second, expected in ((split, False), (pasted, True)):
        target = SOURCE[:1] + ["The mayor presented", second] + SOURCE[2:]
        ctx = context(SOURCE, target, [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,)), ((3,), (4,))])
        typical = sorted(b.score for b in ctx.beads)[len(ctx.beads) // 2]
        gap = sentence_gap(ctx, ctx.beads[1], ctx.target.sentences[2], typical)
        assert (gap > 30) is expected, gap
    assert sentence_gap(ctx, ctx.beads[0], ctx.target.sentences[0], typical) == 0.0
    bead = ctx.beads[1]
    assert (Candidate(bead, (0, 9), run=5, depth=2.0, sentence_gap=40.0).confidence()
            > Candidate(bead, (0, 9), run=5, depth=2.0, sentence_gap=0.0).confidence())


@pytest.mark.parametrize("source, target", [
    ("They couldn't be more wrong.", "Damit lagen sie ganz falsch."),
    ("I couldn't agree more.", "Ich stimme voll und ganz zu."),
    ("We can't wait to see it.", "Wir freuen uns schon darauf."),
    ("Nyssi couldn't help but ask.", "Nyssi musste einfach fragen."),
])
def test_a_negation_that_only_intensifies_is_no_negation_the_german_loses(source, target):
    from aligner.checks.negation import find_candidates

    assert find_candidates(context([source], [target], [((0,), (0,))])) == []


def test_an_intensifying_negation_does_not_excuse_a_lost_denial():
    from aligner.checks.negation import find_candidates

    [candidate] = find_candidates(context(["I can't wait, but he never came."], ["Ich freue mich, und er kam."],
                                          [((0,), (0,))]))
    assert not candidate.added and candidate.word.group() in ("can't", "never")
