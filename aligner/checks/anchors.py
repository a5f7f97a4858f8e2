"""Anchors: the names and numbers of a source clause that its translation should still show.

A clause the translation drops takes its names and numbers with it, and those, unlike the
clause's meaning, can be looked for directly. partial-omission counts a clause's missing
anchors as evidence beside the similarity gain of leaving the clause out.

Names are compared loosely, since translations adapt them (Kiev -> Kiew, Pyongyang ->
Pjöngjang), and count only where the translation keeps them elsewhere in the document: a name
the translator renders as a common noun everywhere ("Foreign Ministry" -> "Außenministerium")
proves nothing by its absence. Numbers are compared as numbers_normalise reads them (2.5 million
= 2,5 Millionen).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import FrozenSet, List, Sequence

from aligner.checks.numbers_normalise import find_mentions

_CAPITALISED = re.compile(r"\b[A-Z][\w’'-]+")
_SENTENCE_START = re.compile(r"(?:^|[.!?:][”\"’)]?\s+)[“\"(]?$")


@dataclass(frozen=True)
class DocumentWords:
    """What missing_anchors needs from the whole documents, read once per check run."""

    source_names: FrozenSet[str]  # capitalised words the source writes mid-sentence
    target_words: Sequence[str]  # every word of the translation, lower case

    @staticmethod
    def of(source: str, target: str) -> "DocumentWords":
        return DocumentWords(mid_sentence_capitalised(source), lower_words(target))


def mid_sentence_capitalised(document: str) -> FrozenSet[str]:
    return frozenset(m.group() for m in _CAPITALISED.finditer(document)
                     if not _SENTENCE_START.search(document[max(0, m.start() - 4):m.start()]))


def names_in(text: str, mid_sentence: FrozenSet[str]) -> List[str]:
    """Capitalised words of `text` that are names: mid-sentence, or at a sentence start when the
    document also writes them capitalised mid-sentence (`mid_sentence`, so "Ukraine has ..."
    counts, "The" not)."""
    return [m.group() for m in _CAPITALISED.finditer(text)
            if m.group() in mid_sentence or not _SENTENCE_START.search(text[max(0, m.start() - 4):m.start()])]


def missing_anchors(clause: str, target: str, words: DocumentWords,
                    source_lang: str, target_lang: str) -> List[str]:
    """Names and numbers of `clause` (a piece of the source) that nothing in `target` (its
    aligned translation) resembles. A name counts only if the translation keeps it somewhere
    else in the document (`words.target_words`)."""
    target_words = lower_words(target)
    missing = []
    for name in names_in(clause, words.source_names):
        stem = re.sub(r"[’']s$", "", name).lower()
        if len(stem) < 3 or not any(resembles(stem, word) for word in words.target_words):
            continue
        if not any(resembles(stem, word) for word in target_words):
            missing.append(name)
    return missing + missing_numbers(clause, target, source_lang, target_lang)


def missing_numbers(clause: str, other: str, lang: str, other_lang: str) -> List[str]:
    """Numbers of `clause` that no number of `other` (the other side of the pair) matches.
    Numbers written as words ("three") are left out: translations often write them as digits."""
    others = find_mentions(other, other_lang)
    return [m.text for m in find_mentions(clause, lang)
            if not m.spelled and not any(m.matches(o) for o in others)]


def lower_words(text: str) -> List[str]:
    """The distinct words of `text`, lower case, sorted."""
    return sorted({w.lower() for w in re.findall(r"[^\W\d_][\w-]*", text)})


def resembles(name: str, word: str) -> bool:
    """Loose identity of a name and a word (both lower case): "kiev" ~ "kiew", "dprk" ~ "dvrk",
    "korea" ~ "nordkoreanische", but not "ukraine" ~ "keine"."""
    if name[:4] == word[:4] or (len(name) >= 4 and name in word):
        return True
    return name[0] == word[0] and SequenceMatcher(None, name, word).ratio() >= 0.6
