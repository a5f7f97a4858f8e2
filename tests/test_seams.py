"""The seam of a German run-on (aligner/checks/seams.py) and what partial-omission makes of a bare
one, on hand-built documents: a bag-of-words encoder and one-hot word vectors, no model loaded."""

from __future__ import annotations

from dataclasses import replace

import pytest

from aligner.checks import seams
from aligner.checks.partial_omission import find_candidates
from aligner.embed.word_states import WordEvidence
from test_checks import SOURCE, context
from word_stand_ins import StandInStates

FIRST = "The workers repaired the damaged tunnel roof."
SECOND = "Officials in Hamburg said on Friday that the tunnel would reopen in spring."


@pytest.mark.parametrize("german, k, joined", [
    ("Er kam spät , und sie ging", 4, True),  # a comma
    ("Er kam spät und sie ging", 3, True),  # "und" joins two main clauses without one
    ("sie gingen – das Werk schloss", 2, True),  # a dash standing alone
    ("angeschlossen habe Washington bei der Ausrichtung", 2, False),  # the seed's swallowed head
    ("angeschlossen habe", 0, True),  # the text's ends count as joined
    ("-s Datei\n   speichert die Umgebung", 2, True),  # a line break sets them apart
])
def test_has_joint(german, k, joined):
    assert seams.has_joint(german, k) is joined


def run_on(german: str):
    """Two English sentences and one German one (English words, so that the one-hot word vectors
    match), after two faithful pairs; the bead of the run-on is the last."""
    ctx = context(SOURCE[:2] + [FIRST, SECOND], SOURCE[:2] + [german], [((0,), (0,)), ((1,), (1,)), ((2, 3), (2,))])
    return replace(ctx, words=WordEvidence(StandInStates(), None)), ctx.beads[-1]


def test_the_word_vectors_guess_where_the_second_sentence_starts():
    ctx, bead = run_on("The workers repaired the damaged tunnel roof the tunnel would reopen in spring.")
    assert seams.seam_pairs(ctx, ctx.beads) == [bead]
    guess = seams.guess_seams(ctx, [bead])[bead]
    words = ctx.target_text(bead).split()
    # "the" belongs to both sentences, so the boundary before it or after it serves alike.
    assert words[guess - 1:guess + 1] in (["roof", "the"], ["the", "tunnel"])


def test_a_seam_without_a_joint_is_bare_and_one_with_a_comma_and_und_is_not():
    bare, bead = run_on("The workers repaired the damaged tunnel roof the tunnel would reopen in spring.")
    assert seams.bare_seam(bare, bare.embed, bead, seams.guess_seams(bare, [bead])[bead])
    joined, bead = run_on("The workers repaired the damaged tunnel roof, and the tunnel would reopen in spring.")
    assert not seams.bare_seam(joined, joined.embed, bead, seams.guess_seams(joined, [bead])[bead])
    assert not seams.bare_seam(joined, joined.embed, bead, None)  # no guess, no seam


def test_without_word_evidence_no_seam_is_guessed():
    ctx, bead = run_on("The workers repaired the damaged tunnel roof the tunnel would reopen in spring.")
    assert seams.guess_seams(replace(ctx, words=None), [bead]) == {}


def second_sentence_candidates(ctx, bead):
    second = ctx.source.sentences[bead.source[1]]
    return [c for c in find_candidates(ctx) if c.bead == bead and second[0] <= c.span[0] < second[1]]


def test_a_bare_seam_gives_the_second_sentence_a_candidate_that_carries_it():
    # The German renders the second sentence's tail, so leaving out no clause of it helps: only
    # the bare seam speaks for its swallowed head.
    ctx, bead = run_on("The workers repaired the damaged tunnel roof Hamburg said on Friday that the tunnel would "
                       "reopen in spring.")
    [candidate] = second_sentence_candidates(ctx, bead)
    assert candidate.bare_seam and candidate.located
    start, end = candidate.span
    assert ctx.source.text[start:end].startswith("Officials in Hamburg")
    joined = ctx.target_text(bead).replace("roof Hamburg", "roof, and Hamburg")
    ctx, bead = run_on(joined)
    assert all(not c.bare_seam for c in second_sentence_candidates(ctx, bead))


def test_an_english_sentence_without_an_end_needs_no_joint_in_the_german():
    # A manual page's option above its description: the English sets them apart by layout alone.
    ctx = context(SOURCE[:2] + ["-s save-file", "Save the environment to save-file on exit."],
                  SOURCE[:2] + ["-s Datei speichert die Umgebung beim Beenden in Datei."],
                  [((0,), (0,)), ((1,), (1,)), ((2, 3), (2,))])
    assert seams.seam_pairs(ctx, ctx.beads) == []
