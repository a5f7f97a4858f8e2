"""Checks every segment-based reader shares: is there text on both sides, does a language code match."""

from __future__ import annotations

from typing import Optional

from aligner.errors import InputError
from aligner.inputs.base import InputNote, InputProblem


def has_text(text: str) -> bool:
    """Whitespace, punctuation or placeholders alone are nothing to check (as in aligner.read)."""
    return any(ch.isalnum() for ch in text)


def empty_side_problem(where: str, source: str, target: str) -> Optional[InputProblem]:
    """None when both sides have text. An untranslated segment is common in a file in progress: it
    is a problem the user sees, and the other segments are still checked. A source of codes or
    punctuation only ("%s:", "{0}") is normal in software strings: a note, not a problem."""
    if not has_text(source):
        if not source.strip() and has_text(target):
            return InputProblem(where, "no source text; give the source text or remove the segment")
        return InputNote(where, "nothing to check: the source has no words or numbers")
    if not has_text(target):
        return InputProblem(where, "untranslated segment: no target text; translate it or remove the segment")
    return None


def lang_matches(declared: str, wanted: str) -> bool:
    """"en-US" and "en_GB" match "en", "de" matches "de-CH", "en-US" does not match "en-GB":
    case-insensitive, and one code may be a prefix of the other at a subtag boundary."""
    a = declared.strip().lower().replace("_", "-")
    b = wanted.strip().lower().replace("_", "-")
    return a == b or a.startswith(b + "-") or b.startswith(a + "-")


def require_lang(path: str, attribute: str, declared: Optional[str], wanted: str, option: str) -> None:
    """A language a bilingual file declares (XLIFF's target-language, a .ts file's language) must
    be the one asked for: checking a French file as German would give nonsense findings."""
    if declared and not lang_matches(declared, wanted):
        raise InputError(f"{path}: {attribute} is {declared!r}, but {option} is {wanted!r}; "
                         f"pass {option} {declared} or give the file in {wanted!r}")


def short_id(text: str) -> str:
    """An id or a source text as a message quotes it: at most 40 characters."""
    return text if len(text) <= 40 else text[:39] + "…"
