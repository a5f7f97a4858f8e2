"""untranslated-sentence: a target sentence still in English.

An honest offline language test, not a language identifier: count function words that occur in
only one of the two languages. Names, numbers and quoted titles carry no function words, so a
German sentence full of English names is not flagged. Near-identity with the aligned source
sentence is the second, independent piece of evidence.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Dict, Iterator

from aligner.checks.base import Check, RuleDoc
from aligner.checks.context import CheckContext
from aligner.checks.severity import logistic
from aligner.checks.text import quote
from aligner.findings import Finding, Kind

UNTRANSLATED_SENTENCE = RuleDoc(
    id="untranslated-sentence",
    kind=Kind.UNTRANSLATED,
    title="A target sentence is still in English",
    checks="Counts English-only and German-only function words (the, which, would / der, "
    "nicht, dass) in each target sentence, and compares the sentence with its aligned source. "
    "Fires when the sentence reads as English, more confidently when it copies its source. "
    "Sentences under four words (names, headings, COVID-19) are skipped.",
    why="Text left in the source language is unreadable for the audience of the translation and "
    "usually means a segment was skipped or a translation memory failed.",
    example_source="Tickets go on sale on Friday. The concert starts at eight.",
    example_target="Der Vorverkauf beginnt am Freitag. The concert starts at eight.",
    fix="Translate the sentence.",
)

# Words frequent in one language and absent (or rare) in the other. Left out on purpose: words
# both languages share ("in", "an", "so", "also", "will", "war", "was", "die", "man").
ENGLISH_ONLY = frozenset(
    "the and of to is are were with that this for on have has had it be by from which who "
    "they their would been he she we you its there what said not but or at as after than "
    "these those our his her them can could should about into over".split()
)
GERMAN_ONLY = frozenset(
    "der das und ist sind nicht mit von den dem des zu ein eine einen einem einer auf für sich "
    "auch dass es im wird werden hat haben nach bei aus wie sie er wir noch nur über oder "
    "aber wurde wurden vor zum zur sei seine ihre ihr diese dieser gegen am um beim vom ins".split()
)
LANGUAGE_WORDS = {"en": ENGLISH_ONLY, "de": GERMAN_ONLY}
MIN_WORDS = 4
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Addresses and markup are copied verbatim by every translator: they are no language.
NOT_PROSE = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\w+|<[^<>]*>")


def prose(text: str) -> str:
    return NOT_PROSE.sub(" ", text)


def function_word_counts(text: str, langs=("en", "de")) -> Dict[str, int]:
    words = [w.lower() for w in WORD.findall(text)]
    return {lang: sum(w in LANGUAGE_WORDS[lang] for w in words) for lang in langs}


def untranslated_confidence(target: str, aligned_source: str) -> float:
    """Probability-like evidence that `target` is English text: from its function-word profile,
    raised further when it is nearly a copy of its aligned source sentence."""
    counts = function_word_counts(target)
    english, german = counts["en"], counts["de"]
    english_share = (english + 0.5) / (english + german + 1.0)  # smoothed: 0.5 without evidence
    # A share of 0.75 is where the text turns English; three English words make it trustworthy.
    from_profile = logistic(english_share, 0.75, 0.06) * min(1.0, english / 3)
    from_copy = 0.0
    if aligned_source and english_share > 0.6:
        # Character-level identity; an English title quoted in a German sentence reaches ~0.75.
        identity = SequenceMatcher(None, target.lower(), aligned_source.lower()).ratio()
        from_copy = logistic(identity, 0.85, 0.04)
    return 1.0 - (1.0 - from_profile) * (1.0 - from_copy)


def find_untranslated(ctx: CheckContext) -> Iterator[Finding]:
    for bead in ctx.beads:
        aligned_source = prose(ctx.source_text(bead))
        for j in bead.target:
            text = ctx.target.sentence(j)
            if len(WORD.findall(prose(text))) < MIN_WORDS:
                continue
            confidence = untranslated_confidence(prose(text), aligned_source)
            if confidence < 0.1:
                continue
            yield UNTRANSLATED_SENTENCE.finding(
                confidence=confidence,
                source_span=ctx.source_span(bead) if bead.source else None,
                target_span=ctx.target.sentences[j],
                message=f"Target sentence {quote(text)} is still in English.",
            )


CHECK = Check(name="untranslated", rules=(UNTRANSLATED_SENTENCE,), run=find_untranslated)
