"""Small text helpers shared by the checks: quoting for messages, clause pieces, words."""

from __future__ import annotations

import re
from collections import Counter
from typing import Callable, Hashable, List, Sequence, TypeVar

from aligner.findings import Span

T = TypeVar("T")

QUOTE_LIMIT = 80


def quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """The text in curly quotes for a message, cut at a word boundary with an ellipsis."""
    text = " ".join(text.split())
    if len(text) > limit:
        cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
        text = cut.rstrip(",;:") + " …"
    return f"“{text}”"


# Where a clause may start: after , ; : and dashes, or before a word that opens a clause or a
# long prepositional phrase. Omissions inside sentences tend to follow these seams. A dropped
# stretch often starts at so, with, for, as, how, what, than ("… is to show you | how to use the
# app"); "to" is no seam: it cut stretches that run across it ("has no right | to raise issue").
# BENCHMARKS.md, stop 11, has the figures of both.
_PUNCTUATION_SEAM = re.compile(r"[,;:–—](?=\s)")
_OPENER_SEAM = {
    "en": re.compile(
        r"(?<=\s)(?:after|before|by|which|who|whom|whose|that|when|while|because|although|though|but"
        r"|and|or|since|until|unless|if|where|whereas|including|so|with|for|as|how|what|than)\b"),
    "de": re.compile(
        r"(?<=\s)(?:nachdem|bevor|weil|da|dass|als|wenn|während|obwohl|aber|sondern|und|oder|seit"
        r"|bis|falls|wo|wobei|einschließlich|damit|indem)\b"),
}
MIN_PIECE_WORDS = 3  # shorter pieces say too little to be embedded on their own


def clause_pieces(text: str, offset: int = 0, lang: str = "en") -> List[Span]:
    """Split one sentence into clause-like pieces, as spans shifted by `offset`.

    Pieces are stripped of white space. A piece shorter than MIN_PIECE_WORDS joins the next one,
    so "On Monday," stays with the clause it introduces, unless it ends in , ; or : after another
    piece: then it closes that one ("When Ivory came out | as nonbinary,"). The last one joins
    the previous.
    """
    cuts = {0, len(text)}
    cuts.update(m.end() for m in _PUNCTUATION_SEAM.finditer(text))
    opener = _OPENER_SEAM.get(lang)
    if opener is not None:
        cuts.update(m.start() for m in opener.finditer(text))
    bounds = sorted(cuts)
    raw = []
    for start, end in zip(bounds, bounds[1:]):
        piece = text[start:end]
        left = start + len(piece) - len(piece.lstrip())
        right = start + len(piece.rstrip())
        if right > left:
            raw.append((left, right))
    pieces: List[Span] = []
    pending_start = None
    for start, end in raw:
        start = start if pending_start is None else pending_start
        if len(text[start:end].split()) < MIN_PIECE_WORDS:
            if pieces and pending_start is None and text[end - 1] in ",;:":
                pieces[-1] = (pieces[-1][0], end)  # "… came out | as nonbinary," closes the clause before it
                continue
            pending_start = start
            continue
        pieces.append((start, end))
        pending_start = None
    if pending_start is not None:
        if pieces:
            pieces[-1] = (pieces[-1][0], raw[-1][1])
        else:
            pieces.append((pending_start, raw[-1][1]))
    return [(start + offset, end + offset) for start, end in pieces]


def surplus(ours: Sequence[T], theirs: Sequence[T], key: Callable[[T], Hashable] = lambda item: item) -> List[T]:
    """Our items that the other side does not have as many times as we do (compared by `key`, in
    any order), in our order: the placeholders or tags one side of a pair lacks."""
    left = Counter(key(item) for item in theirs)
    unmatched = []
    for item in ours:
        if left[key(item)]:
            left[key(item)] -= 1
        else:
            unmatched.append(item)
    return unmatched
