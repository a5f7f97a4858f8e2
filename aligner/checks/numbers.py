"""number-mismatch: a number, date or time that differs between a sentence and its translation."""

from __future__ import annotations

import re
from typing import Iterator, List, Tuple

from aligner.align import Bead
from aligner.checks.base import Check, RuleDoc
from aligner.checks.context import CheckContext
from aligner.checks.null_beads import typical_pair_similarity
from aligner.checks.numbers_normalise import NUMBER, Mention, find_mentions
from aligner.checks.text import quote
from aligner.findings import Finding, Kind

NUMBER_MISMATCH = RuleDoc(
    id="number-mismatch",
    kind=Kind.MISTRANSLATION,
    title="A number, date or time differs between source and translation",
    checks="Compares the numbers, clock times and month names of each aligned pair after locale "
    "normalisation (1,250,000 = 1.250.000, 3.5 = 3,5, 5% = 5 Prozent, 2nd = 2., $5 million = "
    "5 Millionen Dollar, February 21 = 21. Februar, 6-8 p.m. = 18 bis 20 Uhr = 6 bis 8 Uhr "
    "abends, 5/11/2022 = 11.05.2022, the 1970s = die 70er, 1981-87 = 1981 bis 1987, 14 lakh = 1,4 "
    "Millionen), and takes a converted imperial unit for the same figure when it is within 10% of "
    "the exact conversion (350 yards = 300 Meter, 90 degrees = 30 Grad Celsius, 5'5\" = "
    "1,65 m); 137m may be metres unless a currency sign comes before it. A spelled number on one "
    "side (fifteen, zwei, six million, im dritten Quartal) vouches for the digit on the other. A figure that changed is "
    "an error; a figure present on one side only, or a number word that changed (nine -> zehn, "
    "but also two decades -> zwanzig Jahre), is reported with low confidence, as translations "
    "rephrase them; a number word on one side only is not reported. So is a figure that changed "
    "inside an example on both sides ((e.g., 12/31/99) -> (z. B. 18.11.2005)): software "
    "documentation localises its examples. A figure whose digits stay while its scale word "
    "changes (2 billion -> 2 Billionen) is an error too, and the message says why: an English "
    "billion is a German Milliarde, a German Billion an English trillion.",
    why="Wrong figures, dates and times mislead the reader while the sentence still reads well, "
    "so they survive proofreading.",
    example_source="The company sold 1,250 cars on March 3.",
    example_target="Das Unternehmen verkaufte am 3. März 1.520 Autos.",
    fix="Copy the figure from the source, converting only its notation.",
)

CHANGED = 0.9  # both sides have a number the other lacks: most likely one became the other
ONE_SIDED = 0.3  # a number on one side only: often a rephrasing ("2022" -> "im vergangenen Jahr")
MISALIGNED_PENALTY = 0.4  # taken off in full when the pair is 0.1 below a typical pair's similarity

# An example's figures are the translator's to localise: GNU coreutils' "(e.g., 12/31/99)" is
# "(z. B. 18.11.2005)", "-0400" a German time zone "+0100" (15 of the 57 warnings and errors on ten
# of Debian's German catalogues, BENCHMARKS.md, stop 14). A figure counts as one when an example
# marker precedes it within EXAMPLE_REACH characters, with no closing bracket, semicolon or line
# break in between. Not "like", "such as", "etwa": prose gives real figures after them.
EXAMPLE_MARKERS = {
    "en": re.compile(r"\b(?:e\.\s?g\.|for (?:example|instance)|examples?:)", re.IGNORECASE),
    "de": re.compile(r"\b(?:z\.\s?B\.|zum Beispiel|beispielsweise|Beispiele?:)", re.IGNORECASE),
}
EXAMPLE_REACH = 80


def unmatched(ours: List[Mention], theirs: List[Mention]) -> List[Mention]:
    """Our reportable mentions that no mention on the other side accounts for (one-to-one): digits,
    dates and times, and the number words that mean nothing but their number (Mention.cardinal).

    Matching pairs are taken nearest first, by their relative places in the two lists: in
    "sections 1 to 6" -> "Abschnitte 6 bis 6" the source's 6 is the second 6, and the first 6 is
    the one that changed (in either direction of the comparison). Pairs that write the same digits
    go before pairs that match only through a reading: in "27-foot (8.2-meter)" -> "8,2 Meter (27
    Fuß)" the 27 feet also read as 8.2 metres, but the German 8,2 is the source's 8.2."""
    def place(rank: int, length: int) -> float:
        return rank / max(1, length - 1)

    pairs = sorted((_digits(mention) != _digits(other), abs(place(i, len(ours)) - place(k, len(theirs))), i, k)
                   for i, mention in enumerate(ours) for k, other in enumerate(theirs) if mention.matches(other))
    matched, taken = set(), set()
    for _, _, i, k in pairs:
        if i not in matched and k not in taken:
            matched.add(i)
            taken.add(k)
    return [mention for i, mention in enumerate(ours)
            if i not in matched and (mention.cardinal or not mention.spelled)]


def bead_mismatches(ctx: CheckContext, bead: Bead) -> Tuple[List[Mention], List[Mention]]:
    """(source mentions missing from the target, target mentions missing from the source)."""
    source = [m for i in bead.source for m in find_mentions(ctx.source.sentence(i), ctx.source.lang,
                                                            ctx.source.sentences[i][0])]
    target = [m for j in bead.target for m in find_mentions(ctx.target.sentence(j), ctx.target.lang,
                                                            ctx.target.sentences[j][0])]
    return unmatched(source, target), unmatched(target, source)


def find_number_mismatches(ctx: CheckContext) -> Iterator[Finding]:
    typical = typical_pair_similarity(ctx)
    for bead in ctx.linked_beads():
        source_only, target_only = bead_mismatches(ctx, bead)
        # A pair that matches worse than usual may be misaligned: its numbers may sit next door.
        doubt = MISALIGNED_PENALTY * min(1.0, max(0.0, (typical - bead.score) / 0.1))
        for category in {m.category for m in source_only + target_only}:
            sources = [m for m in source_only if m.category == category]
            targets = [m for m in target_only if m.category == category]
            changed, sources, targets = pair_changes(sources, targets)
            for source, target in changed:
                # A number word may stand for a figure the other side writes in other words ("two
                # decades" -> "zwanzig Jahre", "half-decade" -> "fünf Jahre"): a hint, not an error.
                example = (in_example(ctx.source.text, source.span[0], ctx.source.lang)
                           and in_example(ctx.target.text, target.span[0], ctx.target.lang))
                hint = source.spelled or target.spelled or example
                confidence = ONE_SIDED - doubt / 2 if hint else CHANGED - doubt
                yield _finding(confidence, source.span, target.span,
                               f"Source {quote(source.text)} appears as {quote(target.text)} in the translation "
                               f"{quote(ctx.target_text(bead))} (source {quote(ctx.source_text(bead))})"
                               + (": an example, which translations may localise." if example
                                  else SCALE_NOTE if rescaled(source, target) else "."))
            for source in sources:
                confidence = ONE_SIDED - doubt / 2
                yield _finding(confidence, source.span, ctx.target_span(bead),
                               f"Source {quote(source.text)} is missing from the translation "
                               f"{quote(ctx.target_text(bead))}.")
            for target in targets:
                confidence = ONE_SIDED - doubt / 2
                yield _finding(confidence, ctx.source_span(bead), target.span,
                               f"Translation has {quote(target.text)}, which the source "
                               f"{quote(ctx.source_text(bead))} does not.")


# "2 billion" -> "2 Billionen" reads as the same figure to anyone who does not know that the two
# languages name large numbers differently, so the finding says why it is one.
SCALE_NOTE = (": the same digits with a scale word of another size (English “billion” is German “Milliarde”, "
              "10⁹; a German “Billion” is an English “trillion”, 10¹²).")


def _digits(mention: Mention) -> str:
    """The digits a mention writes, without separators ("1,250" and "1.250": "1250")."""
    return re.sub(r"\D", "", mention.text)


def rescaled(source: Mention, target: Mention) -> bool:
    """Whether two figures differ only in their scale words, one of them reading a thousand million
    or more ("2 billion" -> "2 Billionen", "85 million" -> "85 Milliarden"; not "$5k" -> "5")."""
    return (source.category == target.category == NUMBER and not source.spelled and not target.spelled
            and _digits(source) == _digits(target) != "" and max(source.values | target.values) >= 1e9)


def in_example(text: str, start: int, lang: str) -> bool:
    """Whether the figure at `start` of `text` is part of an example ("e.g., 12/31/99",
    "Beispiel: 10M")."""
    markers = EXAMPLE_MARKERS.get(lang.lower().replace("_", "-").split("-")[0])
    if markers is None:
        return False
    before = text[max(0, start - EXAMPLE_REACH):start]
    last = None
    for last in markers.finditer(before):
        pass
    return last is not None and not re.search(r"[);\n]", before[last.end():])


def pair_changes(sources: List[Mention], targets: List[Mention]):
    """(changed pairs, source mentions left over, target mentions left over), all unmatched.

    Figures pair up in order. A number word ("nine", "zwanzig") pairs only as the one mention
    left on its side against the one left on the other ("nine" -> "zehn", "two" -> "2,5"); a number
    word left over otherwise is not reported at all ("nine of them" -> "alle"), since translations
    rephrase them freely."""
    figures = [m for m in sources if not m.spelled], [m for m in targets if not m.spelled]
    words = [m for m in sources if m.spelled], [m for m in targets if m.spelled]
    changed = list(zip(*figures))
    left = [side[len(changed):] + spelled for side, spelled in zip(figures, words)]
    if len(left[0]) == 1 and len(left[1]) == 1:
        changed.append((left[0][0], left[1][0]))
        left = [[], []]
    return changed, [m for m in left[0] if not m.spelled], [m for m in left[1] if not m.spelled]


def _finding(confidence: float, source_span, target_span, message: str) -> Finding:
    return NUMBER_MISMATCH.finding(
        confidence=confidence,
        source_span=source_span,
        target_span=target_span,
        message=message,
    )


CHECK = Check(name="numbers", rules=(NUMBER_MISMATCH,), run=find_number_mismatches)
