"""The two things every reader yields: a pair of texts to check, or a problem naming what is unusable."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Tuple

from aligner.result import Origin


@dataclass(frozen=True)
class TextPair:
    """One unit of checking: a whole document pair, or one segment of a bilingual file."""

    id: Optional[str]  # reported as the report's id; None for a single plain-text pair
    source: str
    target: str
    origin: Origin = field(default_factory=Origin)
    # The inline codes (tags) of a bilingual file's segment, source and target, as labels that are
    # equal for a code and its counterpart (xmlfile.XmlFile.codes_of); None where the input has no
    # such codes (plain text, PO, JSONL, TSV). The text above holds no trace of them.
    inline_codes: Optional[Tuple[Tuple[str, ...], Tuple[str, ...]]] = None


@dataclass(frozen=True)
class InputProblem:
    """A part of the input that cannot be checked; the rest still is (exit status 2 at the end)."""

    where: str  # "corpus.jsonl line 3", "de/intro.txt", "ui.xlf unit 'save'"
    reason: str  # what is wrong and how to fix it, one line

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass(frozen=True)
class InputNote(InputProblem):
    """A part of the input left unchecked on purpose (a fuzzy or untranslated PO entry): shown to
    the user for information; unlike other InputProblems it does not make the exit status 2.

    A subclass, so that a consumer that only knows InputProblem still shows it (just more strictly);
    one that knows notes tests `isinstance(item, InputNote)` first."""
