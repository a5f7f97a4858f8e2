"""name-mismatch: a name of the source that the translation replaces with another name.

Names are the words a translation keeps as they are ("Biden", "Infosys", "Kowalski"), and a
name that changes on the way (a person, place or company swapped for another) reads as fluently
as the right one. Counting capitalised words cannot find it in German, which capitalises every
noun: "Platoon" -> "Zug" and "Council" -> "Rat" are translations, "Sydney" -> "Hamburg" is not.

So the check asks the encoder's middle layer (aligner.embed.word_states) two things. Is a word,
in its sentence, one that translations keep verbatim? A linear model over its word vector answers
that for each side (models/e5-small-names.json, fitted by bench/fit_names.py on mqm/dev.jsonl:
capitalised words that appear unchanged on the other side against those that do not). And does
the German word sit where the English name sits (their vectors match as well as the German word
matches anything in the source)? A pair whose source has a name its translation lacks, and whose
translation has, in its place, a name-like word the whole source lacks, is a candidate; a
logistic model over the evidence (fitted by the same script on the dev sets) gives its confidence.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources
from typing import Dict, FrozenSet, Iterator, List, Sequence, Tuple

import numpy as np

from aligner.align import Bead
from aligner.checks.base import Check, RuleDoc
from aligner.checks.context import CheckContext
from aligner.checks.numbers_normalise import MONTH, find_mentions
from aligner.checks.text import quote
from aligner.checks.word_match import word_at
from aligner.findings import Finding, Kind, Span

NAME_MISMATCH = RuleDoc(
    id="name-mismatch",
    kind=Kind.MISTRANSLATION,
    title="A name of the source is replaced by another name in the translation",
    checks="Looks at each aligned pair whose source has a capitalised word, mid-sentence, that the "
    "translation does not keep, while the translation has a capitalised word found nowhere in the "
    "source. From the bundled encoder's word vectors it judges whether each is a name (a word "
    "translations keep verbatim) and whether the German word stands where the English one stands; "
    "a name that a different name replaces is reported, with the source name and the word in its "
    "place. A German form that resembles the English one (Lisbon, Lissabon) counts against it, as "
    "does a word the translation uses more than once. The month of a date (2006 Apr 11) is left to "
    "number-mismatch, which compares dates. Needs the bundled encoder (with --model, the "
    "rule stays silent).",
    why="A swapped person, place or company reads as fluently as the right one, so nothing but "
    "the source shows it; it misinforms the reader and can be libellous.",
    example_source="Finance minister Robert Habeck returned from Brussels on Monday.",
    example_target="Finanzminister Robert Lindqvist kehrte am Montag aus Brüssel zurück.",
    fix="Write the name as the source has it (or its established German form).",
)

# A word: letters, with inner apostrophes or hyphens ("O'Neal", "Jean-Luc").
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# What may come right before a capitalised word that starts a sentence, a quotation, a heading or
# a tag, where capitals say nothing about names; or an underscore, which makes it part of an
# identifier ("KP_Down", a key a German catalogue labels "Runter (Nmblck)").
OPENING = re.compile(r"(?:^|[.!?:;…\"“”„«»‘'()\[\]\-–—#@/_])\s*$")
# German capitalises every noun, so there only a sentence's first word says nothing more than
# elsewhere; a name after a colon, a quotation mark or a hashtag is still a candidate.
SENTENCE_START = re.compile(r"(?:^|[.!?…])\s*$")
MIN_LETTERS = 3
# Name-like words per side kept in a pair's cached row: the ones the name model rates most
# name-like. German capitalises every noun, so a long sentence has many more ("Regierung",
# "Kürzung", "Verteidigungsausgaben" ... "Oslo"); keeping the first eight lost swaps that stood
# further on (BENCHMARKS.md, stop 19).
MAX_WORDS = 8
MIN_CONFIDENCE = 0.05  # below this, nothing is reported
# The word test runs the encoder's first layers over both sides of a pair (about 25 ms a pair
# here). A document gets it for this many candidate pairs at most: in a long one (the WMT24
# pair: 390 of 2,221 pairs are candidates), those whose lost words look most like names out of
# context. Segments, paragraphs and short documents have far fewer (at most 23 in a document of
# synthetic/dev.jsonl, 5 in an item of mqm/dev.jsonl).
MAX_PAIRS = 32

# The logistic model over a candidate's evidence (Candidate.features), fitted by bench/fit_names.py
# on synthetic/dev.jsonl (on mqm/dev.jsonl one candidate reaches 0.2, not on a marked error).
FEATURES = ("elsewhere", "repeated", "target_name", "source_name", "spelling", "slot_gap", "pair_gap", "variant")
WEIGHTS = (1.115, -1.528, 0.703, 0.522, -0.634, -0.999, 0.831, -1.917)
BIAS = -3.426
# Spelling says two opposite things. Unlike forms are what a swap gives (Sydney/Hamburg) but also
# what a translated noun gives (Platoon/Zug); alike forms are a rendering or a variant of the same
# name (Kiev/Kiewer, Mila/Milla, Eirwen/Eirwan). So beside the spelling itself, the model reads how
# far it lies above this ratio ("variant"), where a swap is rare.
VARIANT_FROM = 0.5


def name_like(text: str, opening: re.Pattern = OPENING) -> List[re.Match]:
    """The words of `text` that could be names: capitalised, not all capitals (acronyms are
    handled as text), at least MIN_LETTERS letters, and not where any word is capitalised."""
    out = []
    for m in WORD.finditer(text):
        word = m.group()
        head = re.split(r"['’]", word)[0]  # "NATO's" is an acronym, "O'Neal" a name
        if (len(word) >= MIN_LETTERS and word[0].isupper() and not (len(head) > 1 and head.isupper())
                and not opening.search(text[max(0, m.start() - 4):m.start()])):
            out.append(m)
    return out


def _contains_word(text: str, word: str) -> bool:
    """`word` starts a word of `text` (so "Trump" is kept in "Trumps", "Trump-Regierung")."""
    return re.search(r"(?<!\w)" + re.escape(word), text) is not None


def lost_names(source: str, target: str) -> List[re.Match]:
    """Name-like words of the source that the target does not keep."""
    return [m for m in name_like(source) if not _contains_word(target, m.group())]


def new_names(source: str, target: str) -> List[re.Match]:
    """Name-like words of the target that the source does not have (in any case)."""
    lowered = source.lower()
    return [m for m in name_like(target, SENTENCE_START) if m.group().lower() not in lowered]


@lru_cache(maxsize=1)
def _model_text() -> str:
    try:
        return resources.files("aligner.models").joinpath("e5-small-names.json").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return ""


@lru_cache(maxsize=1)
def name_model() -> Dict[str, Tuple[np.ndarray, float]]:
    """Per language, the weights and bias of the linear model that tells, from a word's vector in
    its sentence, whether translations keep it verbatim; "<lang>-input", the same from the word's
    input embedding (out of context). Empty without the file."""
    text = _model_text()
    if not text:
        return {}
    return {lang: (np.asarray(m["weights"], dtype=np.float32), float(m["bias"]))
            for lang, m in json.loads(text)["languages"].items()}


def _model_tag() -> str:
    """Names the model in the cache key of the rows, which hold its probabilities."""
    return hashlib.sha256(_model_text().encode("utf-8")).hexdigest()[:12]


def _probability(vector: np.ndarray, model: Tuple[np.ndarray, float]) -> float:
    weights, bias = model
    return 1.0 / (1.0 + math.exp(-(float(vector @ weights) + bias)))


ROW_WIDTH = 1 + MAX_WORDS * 3 + MAX_WORDS * 4 + MAX_WORDS * MAX_WORDS


def pair_row(source: str, target: str, source_words, target_words, langs: Tuple[str, str],
             model: Dict[str, Tuple[np.ndarray, float]]) -> np.ndarray:
    """What the check reads from a pair's word vectors, as one row: the median best match of the
    source's words in the target; each lost source name (start, end, name probability); each new
    target word (start, end, name probability, its best match in the source); the cosine of each
    lost name with each new word. Unused slots hold -1."""
    row = np.full(ROW_WIDTH, -1.0, dtype=np.float32)
    (source_spans, source_vectors), (target_spans, target_vectors) = source_words, target_words
    if not len(source_vectors) or not len(target_vectors):
        return row
    similarity = source_vectors @ target_vectors.T
    row[0] = float(np.median(similarity.max(axis=1)))
    lost = _most_name_like(lost_names(source, target), source_spans, source_vectors, model[langs[0]])
    new = _most_name_like(new_names(source, target), target_spans, target_vectors, model[langs[1]])
    at = 1
    for k, (m, _, probability) in enumerate(lost):
        row[at + 3 * k:at + 3 * k + 3] = (m.start(), m.end(), probability)
    at += 3 * MAX_WORDS
    for k, (m, j, probability) in enumerate(new):
        row[at + 4 * k:at + 4 * k + 4] = (m.start(), m.end(), probability, float(similarity[:, j].max()))
    at += 4 * MAX_WORDS
    for a, (_, i, _) in enumerate(lost):
        for b, (_, j, _) in enumerate(new):
            row[at + a * MAX_WORDS + b] = float(similarity[i, j])
    return row


def _most_name_like(matches: Sequence[re.Match], spans, vectors: np.ndarray,
                    model: Tuple[np.ndarray, float]) -> List[Tuple[re.Match, int, float]]:
    """The MAX_WORDS of `matches` most likely to be names, in text order, each with its word's
    index among `spans` and its name probability (words the encoder did not see are left out)."""
    found = []
    for m in matches:
        i = word_at(spans, m.start())
        if i is not None:
            found.append((m, i, _probability(vectors[i], model)))
    ranked = sorted(range(len(found)), key=lambda k: -found[k][2])
    return [found[k] for k in sorted(ranked[:MAX_WORDS])]


@dataclass(frozen=True)
class Candidate:
    bead: Bead
    source_span: Span  # the lost name, in the source document
    target_span: Span  # the word in its place, in the target document
    source_word: str
    target_word: str
    elsewhere: bool  # the translation writes the lost name elsewhere in the document
    repeated: bool  # the translation uses the new word more than once
    source_name: float  # probability that translations keep the source word verbatim
    target_name: float  # ... and the target word
    spelling: float  # how alike the two words are spelled (0..1): Lisbon/Lissabon is a rendering
    slot_gap: float  # the new word's best match in the source minus its match with the lost name
    pair_gap: float  # the pair's typical word match minus the new word's best match

    def features(self) -> Tuple[float, ...]:
        return (float(self.elsewhere), float(self.repeated), _logit(self.target_name), _logit(self.source_name),
                self.spelling, self.slot_gap / 0.1, self.pair_gap / 0.1,
                max(0.0, self.spelling - VARIANT_FROM) / 0.1)

    def confidence(self) -> float:
        z = BIAS + sum(w * x for w, x in zip(WEIGHTS, self.features()))
        return 1.0 / (1.0 + math.exp(-z))


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def find_candidates(ctx: CheckContext) -> Iterator[Candidate]:
    langs = (ctx.source.lang, ctx.target.lang)
    model = name_model()
    if ctx.words is None or langs[0] not in model or langs[1] not in model:
        return
    source_document = ctx.source.text.lower()
    beads, pairs = [], []
    for bead in ctx.linked_beads():
        source, target = ctx.source_text(bead), ctx.target_text(bead)
        if lost_names(source, target) and any(m.group().lower() not in source_document
                                              for m in new_names(source, target)):
            beads.append(bead)
            pairs.append((source, target))
    if not pairs:
        return
    if len(pairs) > MAX_PAIRS:
        keep = _first_look(ctx, pairs, model.get(f"{langs[0]}-input"))
        beads, pairs = [beads[k] for k in keep], [pairs[k] for k in keep]
    rows = ctx.words.rows(pairs, lambda s, t, sw, tw: pair_row(s, t, sw, tw, langs, model), "names-v3",
                          f"{langs[0]}-{langs[1]}-{_model_tag()}")
    target_words = TargetWords(ctx.target.text)
    for bead, (source, target), row in zip(beads, pairs, rows):
        yield from _candidates_of(ctx, bead, source, target, row, source_document, target_words)


def _first_look(ctx: CheckContext, pairs: Sequence[Tuple[str, str]], model) -> List[int]:
    """The MAX_PAIRS pairs (in document order) whose lost words look most like names out of
    context, from their input embeddings alone (no layer runs); the first ones without a model."""
    if model is None:
        return list(range(MAX_PAIRS))
    lost = [[m.group() for m in lost_names(source, target)] for source, target in pairs]
    words = sorted({w for ws in lost for w in ws})
    scores = dict(zip(words, ctx.words.input_vectors(words) @ model[0] + model[1]))
    best = [max(scores[w] for w in ws) for ws in lost]
    return sorted(sorted(range(len(pairs)), key=lambda k: -best[k])[:MAX_PAIRS])


class TargetWords:
    """The words of the whole translation, for the two questions asked of every candidate: does a
    word start with the lost name, and does the new word occur more than once."""

    def __init__(self, text: str):
        self.counts = Counter(m.group() for m in WORD.finditer(text))
        self.sorted = sorted(self.counts)

    def has_word_starting(self, prefix: str) -> bool:
        at = bisect.bisect_left(self.sorted, prefix)
        return at < len(self.sorted) and self.sorted[at].startswith(prefix)


def _candidates_of(ctx: CheckContext, bead: Bead, source: str, target: str, row: np.ndarray,
                   source_document: str, target_words: TargetWords) -> Iterator[Candidate]:
    median = float(row[0])
    lost = row[1:1 + 3 * MAX_WORDS].reshape(MAX_WORDS, 3)
    new = row[1 + 3 * MAX_WORDS:1 + 7 * MAX_WORDS].reshape(MAX_WORDS, 4)
    cosine = row[1 + 7 * MAX_WORDS:].reshape(MAX_WORDS, MAX_WORDS)
    # The month of a date (a manual page's footer, "2006 Apr 11" -> "2021 Jun 13") is number-mismatch's.
    source_months, target_months = _month_starts(source, ctx.source.lang), _month_starts(target, ctx.target.lang)
    lost_at = [k for k in range(MAX_WORDS) if lost[k, 0] >= 0 and int(lost[k, 0]) not in source_months]
    if not lost_at:
        return
    for b in range(MAX_WORDS):
        start, end, target_name, best = new[b]
        if start < 0 or int(start) in target_months:
            continue
        word = target[int(start):int(end)]
        if word.lower() in source_document:
            continue
        a = max(lost_at, key=lambda k: cosine[k, b])  # the lost name whose place it takes
        source_word = source[int(lost[a, 0]):int(lost[a, 1])]
        source_start = ctx.source.offset_of(bead.source, int(lost[a, 0]))
        target_start = ctx.target.offset_of(bead.target, int(start))
        yield Candidate(
            bead=bead,
            source_span=(source_start, source_start + len(source_word)),
            target_span=(target_start, target_start + len(word)),
            source_word=source_word,
            target_word=word,
            elsewhere=target_words.has_word_starting(source_word),
            repeated=target_words.counts[word] > 1,
            source_name=float(lost[a, 2]),
            target_name=float(target_name),
            spelling=SequenceMatcher(None, source_word.lower(), word.lower()).ratio(),
            slot_gap=float(best - cosine[a, b]),
            pair_gap=float(median - best),
        )


def _month_starts(text: str, lang: str) -> FrozenSet[int]:
    """Where the month names of dates begin in `text` (as number-mismatch reads them)."""
    return frozenset(m.span[0] for m in find_mentions(text, lang) if m.category == MONTH)


def find_name_mismatches(ctx: CheckContext) -> Iterator[Finding]:
    for c in find_candidates(ctx):
        confidence = c.confidence()
        if confidence < MIN_CONFIDENCE:
            continue
        yield NAME_MISMATCH.finding(
            confidence=confidence,
            source_span=c.source_span,
            target_span=c.target_span,
            message=f"The translation has “{c.target_word}” where the source has the name “{c.source_word}”: "
            f"{quote(ctx.target_text(c.bead))} (source {quote(ctx.source_text(c.bead))}).",
        )


CHECK = Check(name="names", rules=(NAME_MISMATCH,), run=find_name_mismatches)
