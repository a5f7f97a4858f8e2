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
(BENCHMARKS.md, stop 15).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterator, List, Tuple

import numpy as np

from aligner.align import Bead
from aligner.checks.base import Check, RuleDoc
from aligner.checks.context import CheckContext
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
    "sentences of a split, or an invented clause. It is surer the longer the run and the further "
    "its words lie from every source word. Needs the bundled encoder (with --model, the rule "
    "stays silent).",
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

# Evidence weights of a logistic model: confidence = 1 / (1 + exp(-(BIAS + WEIGHTS · features))).
# Fitted by bench/fit_added_words.py on the dev sets; see BENCHMARKS.md.
FEATURES = ("run", "depth")
WEIGHTS = (0.640, 1.042)
BIAS = -6.046
MIN_CONFIDENCE = 0.01  # below this, nothing is reported


@dataclass(frozen=True)
class Candidate:
    bead: Bead
    span: Span  # first to last word of the run, in the target document
    run: int  # content words in the run
    depth: float  # mean distance of the run's best cosines below UNRENDERED_BELOW, in DEPTH_UNITs

    def features(self) -> Tuple[float, ...]:
        return (float(min(self.run, MAX_RUN)), self.depth)

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


def find_candidates(ctx: CheckContext) -> Iterator[Candidate]:
    for bead, pair in word_matches(ctx, side="target").items():
        run = longest_unrendered_run(pair)
        if len(run) >= MIN_RUN:
            yield Candidate(bead, span=(run[0][0][0], run[-1][0][1]), run=len(run),
                            depth=float(np.mean([UNRENDERED_BELOW - best for _, best in run])) / DEPTH_UNIT)


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
