"""Shared by sentence-omission and sentence-addition: how sure are we that an unaligned sentence
really has no counterpart?

The aligner leaves a sentence unaligned (a 1-0 or 0-1 bead) when pairing it costs more than
skipping it. Two things make that a real defect rather than an alignment artefact: the sentence
carries content (a bare "(AP)" or "Foto:" may be dropped on purpose), and no neighbouring
sentence on the other side says the same thing (else the aligner only failed to merge it).
"""

from __future__ import annotations

import re
from typing import Iterator, Sequence

import numpy as np

from aligner.checks.base import RuleDoc
from aligner.checks.context import CheckContext
from aligner.checks.text import quote
from aligner.findings import Finding

FULL_WORDS = 8  # a sentence this long carries content for sure
# What a translation copies as it is in technical text: command-line options (-f, --show), paths
# (/var/run/utmp), identifiers (LOGIN_RETRIES) and placeholders ({file}, <format>). An unaligned
# line whose every such token stands in a neighbouring sentence of the other side is one the
# aligner failed to merge ("-f Foreground." beside "-f Vordergrund: Bei der GUI-Version …"), not
# one the translation lacks. Only lines shorter than FULL_WORDS: a full sentence says more than
# its tokens.
CODE_TOKEN = re.compile(r"(?<![\w-])(?:--?[A-Za-z][\w-]*"  # -f, --startuptime
                        r"|(?:~|\.{1,2})?/[\w./-]+"  # /var/run/utmp, ~/.vimrc
                        r"|[A-Za-z0-9]*_\w+"  # LOGIN_RETRIES
                        r"|\{[^{}\s]+\}|<[^<>\s]+>)")  # {file}, <format>
UNRELATED_MARGIN = 0.08  # e5 similarity this far below a typical pair means "not the same content"


def typical_pair_similarity(ctx: CheckContext) -> float:
    scores = [b.score for b in ctx.linked_beads()]
    return float(np.median(scores)) if scores else 0.85


def null_sentence_confidence(words: int, neighbour_similarity: float, typical_similarity: float) -> float:
    """0.3 for a one-word fragment that a neighbour may cover, up to 1.0 for a full sentence
    whose content no neighbour on the other side carries."""
    content = min(1.0, words / FULL_WORDS)
    uncovered = float(np.clip((typical_similarity - neighbour_similarity) / UNRELATED_MARGIN, 0.0, 1.0))
    return 0.3 + 0.35 * content + 0.35 * uncovered


def neighbour_similarity(vector: np.ndarray, others: np.ndarray, indices: Sequence[int]) -> float:
    """The best similarity of `vector` to the rows `indices` of `others` (0 when there are none)."""
    valid = [i for i in indices if 0 <= i < len(others)]
    return float(max(others[valid] @ vector)) if valid else 0.0


def code_tokens(text: str) -> list:
    return [m.group().rstrip(".").casefold() for m in CODE_TOKEN.finditer(text)]


def carried_by_neighbours(text: str, neighbours: str) -> bool:
    """`text` has code tokens and a neighbouring sentence of the other side shows every one."""
    tokens = code_tokens(text)
    shown = neighbours.casefold()
    return bool(tokens) and all(token in shown for token in tokens)


def neighbouring_sentences(ctx: CheckContext, bead_index: int, side: str) -> list:
    """The `side` sentences of the beads just before and after bead `bead_index`."""
    out = []
    for k in (bead_index - 1, bead_index + 1):
        if 0 <= k < len(ctx.beads):
            out.extend(getattr(ctx.beads[k], side))
    return out


def find_unaligned(ctx: CheckContext, side: str, rule: RuleDoc, message: str) -> Iterator[Finding]:
    """A finding for each `side` sentence of a null bead that holds a word. `message` is a
    format string with a {quote} field for the sentence."""
    other = "target" if side == "source" else "source"
    document, vectors = getattr(ctx, side), getattr(ctx, f"{side}_vectors")
    typical = typical_pair_similarity(ctx)
    for k, bead in enumerate(ctx.beads):
        if getattr(bead, other):
            continue
        neighbours = neighbouring_sentences(ctx, k, other)
        neighbour_text = " ".join(getattr(ctx, other).sentence(j) for j in neighbours)
        for i in getattr(bead, side):
            text = document.sentence(i)
            if not re.search(r"[^\W\d_]", text):  # stray punctuation or a bare number: nothing to translate
                continue
            if len(text.split()) < FULL_WORDS and carried_by_neighbours(text, neighbour_text):
                continue
            covered = neighbour_similarity(vectors[i], getattr(ctx, f"{other}_vectors"), neighbours)
            confidence = null_sentence_confidence(len(text.split()), covered, typical)
            span = document.sentences[i]
            yield rule.finding(
                confidence=confidence,
                source_span=span if side == "source" else None,
                target_span=span if side == "target" else None,
                message=message.format(quote=quote(text)),
            )
