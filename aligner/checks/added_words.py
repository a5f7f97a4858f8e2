"""added-words: a stretch of the translation whose words render nothing in the source of the pair.

A sentence pasted into a translation from elsewhere, or an invented detail, usually ends up inside
an aligned pair: glued onto a sentence whose full stop went missing ("… was mir nicht ganz
einleuchtet So weit das Auge reicht …"), or beside the sentences a translator split one source
sentence into. A sentence embedding of the whole pair barely moves for it, and sentence-addition
sees only sentences the aligner leaves unpaired.

Words do show it. ctx.words gives each German content word of a pair its best cosine with any
English word of the pair, in the encoder's middle layer (aligner.embed.word_states), where a German
word lies close to the English word it renders. A translation's words are rendered one by one or
nearly so; a run of consecutive content words none of which comes near any English word
(word_match.UNRENDERED_BELOW) is text with no source. How sure: a logistic model over the run's
length and how far below the threshold its words stay, fitted by bench/fit_added_words.py on the
dev sets (the planted insertions of synthetic/dev.jsonl and the major additions of mqm/dev.jsonl).
The run's share of the pair's words, the pair's looseness against the document's other pairs and
its shape (split or merged sentences) were tried as features too and ranked no better
(BENCHMARKS.md, stop 15). One sentence-level question does help (stop 20): in a pair with several
German sentences, how far the sentence holding the run lies below the document's typical pair in
its similarity to the pair's source. A sentence pasted in from elsewhere shares nothing with that
source; one a translator split off still renders part of it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterator, List, Tuple

import numpy as np

from aligner.align import Bead
from aligner.checks.base import Check, RuleDoc
from aligner.checks.context import CheckContext
from aligner.checks.null_beads import typical_pair_similarity
from aligner.checks.text import quote
from aligner.checks.word_match import UNRENDERED_BELOW, WordMatches, word_matches
from aligner.findings import Finding, Kind, Span

ADDED_WORDS = RuleDoc(
    id="added-words",
    kind=Kind.ADDITION,
    title="A run of words in the translation renders nothing in the source",
    checks="In each aligned pair (the loosest pairs of a long document), compares every content "
    "word of the translation with the words of its source in the bundled encoder's word vectors, "
    "and fires for the longest run of consecutive words none of which resembles a source word: "
    "a sentence pasted in from elsewhere, glued to a translated one or slipped between the "
    "sentences of a split, or an invented clause. It is surer the longer the run, the further "
    "its words lie from every source word and, in a pair with several German sentences, the less "
    "the sentence holding the run resembles the pair's source. Needs the bundled encoder (with "
    "--model, the rule stays silent).",
    why="Text with no source tells the reader something the author never said, and inside an "
    "otherwise faithful sentence nobody notices it.",
    example_source="Jochen Kopelke, head of Germany's police union, warned of unrest.",
    example_target="Um ehrlich zu sein, das Bier war verdammt geil Jochen Kopelke, Chef der "
    "Polizeigewerkschaft, warnte vor Unruhen.",
    fix="Delete the added words, or restore the sentence break and the source text they replaced.",
)

MIN_RUN = 3  # shorter runs are the ordinary slack of a free translation (an idiom, a particle)
MAX_RUN = 10  # longer runs add no evidence
DEPTH_UNIT = 0.1  # of best cosine: how far below UNRENDERED_BELOW the run's words stay, in these units
SIMILARITY_UNIT = 0.01  # of sentence cosine: the unit of sentence_gap

# Evidence weights of a logistic model: confidence = 1 / (1 + exp(-(BIAS + WEIGHTS · features))).
# Fitted by bench/fit_added_words.py on the dev sets; see BENCHMARKS.md.
FEATURES = ("run", "depth", "sentence_gap")
WEIGHTS = (0.582, 1.157, 0.139)
BIAS = -6.12
MIN_CONFIDENCE = 0.01  # below this, nothing is reported


@dataclass(frozen=True)
class Candidate:
    bead: Bead
    span: Span  # first to last word of the run, in the target document
    run: int  # content words in the run
    depth: float  # mean distance of the run's best cosines below UNRENDERED_BELOW, in DEPTH_UNITs
    # In a pair with several German sentences: how far the one holding the run lies below the
    # document's median pair in its similarity to the pair's source, in SIMILARITY_UNITs (0 otherwise).
    sentence_gap: float = 0.0

    def features(self) -> Tuple[float, ...]:
        return (float(min(self.run, MAX_RUN)), self.depth, self.sentence_gap)

    def confidence(self) -> float:
        z = BIAS + sum(w * x for w, x in zip(WEIGHTS, self.features()))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def longest_unrendered_run(matches: WordMatches) -> List[Tuple[Span, float]]:
    """The longest stretch of consecutive counted words that all stay below UNRENDERED_BELOW (the
    first one on a tie); function words are not counted, so they neither break nor lengthen it."""
    best: List[Tuple[Span, float]] = []
    current: List[Tuple[Span, float]] = []
    for match in matches:
        if match[1] < UNRENDERED_BELOW:
            current.append(match)
            if len(current) > len(best):
                best = list(current)
        else:
            current = []
    return best


def sentence_gap(ctx: CheckContext, bead: Bead, span: Span, typical: float) -> float:
    """How far the German sentence of `bead` that holds most of `span` lies below `typical` in its
    cosine with the pair's source (the mean of the source sentences' vectors), in SIMILARITY_UNITs;
    0 for a pair with one German sentence."""
    if len(bead.target) < 2 or not bead.source:
        return 0.0
    source = ctx.source_vectors[list(bead.source)].mean(axis=0)
    source = source / max(float(np.linalg.norm(source)), 1e-12)
    overlap = [min(span[1], ctx.target.sentences[j][1]) - max(span[0], ctx.target.sentences[j][0])
               for j in bead.target]
    holder = bead.target[int(np.argmax(overlap))]
    return (typical - float(ctx.target_vectors[holder] @ source)) / SIMILARITY_UNIT


def find_candidates(ctx: CheckContext) -> Iterator[Candidate]:
    typical = typical_pair_similarity(ctx)
    for bead, pair in word_matches(ctx, side="target").items():
        run = longest_unrendered_run(pair)
        if len(run) >= MIN_RUN:
            span = (run[0][0][0], run[-1][0][1])
            yield Candidate(bead, span=span, run=len(run),
                            depth=float(np.mean([UNRENDERED_BELOW - best for _, best in run])) / DEPTH_UNIT,
                            sentence_gap=sentence_gap(ctx, bead, span, typical))


def find_added_words(ctx: CheckContext) -> Iterator[Finding]:
    for candidate in find_candidates(ctx):
        confidence = candidate.confidence()
        if confidence < MIN_CONFIDENCE:
            continue
        added = ctx.target.text[candidate.span[0]:candidate.span[1]]
        yield ADDED_WORDS.finding(
            confidence=confidence,
            source_span=ctx.source_span(candidate.bead),
            target_span=candidate.span,
            message=f"Translation text {quote(added)} has no counterpart in the source "
            f"{quote(ctx.source_text(candidate.bead))}: none of its {candidate.run} content words resembles a "
            "source word.",
        )


CHECK = Check(name="added-words", rules=(ADDED_WORDS,), run=find_added_words)
