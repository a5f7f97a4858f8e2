"""tag-mismatch: an inline code (tag) of a bilingual file's segment that the translation drops or adds.

XLIFF and TMX keep the formatting and the placeholders of the original document as inline codes
(<x id="2"/>, <g id="1">…</g>, <ph>, <bpt>/<ept>, <pc>, <sc>/<ec>). The reader leaves them out of
the text it checks (they are not words) but keeps them per segment (TextPair.inline_codes). A
code that the translation loses breaks the document that is built back from the file: a link
that goes nowhere, bold that never ends, a value never shown. Codes may move (German word order
differs), so each segment's codes are compared as a multiset: by their pairing attribute (XLIFF
id, TMX x), else by their native code.

A code has no place in the checked text, so a finding spans the whole segment on both sides.
"""

from __future__ import annotations

from typing import Iterator

from aligner.checks.base import Check, RuleDoc
from aligner.checks.context import CheckContext
from aligner.checks.text import quote, surplus
from aligner.findings import Finding, Kind

TAG_MISMATCH = RuleDoc(
    id="tag-mismatch",
    kind=Kind.MISTRANSLATION,
    title="An inline tag of the source is missing from the translation, or one is added",
    checks="In bilingual files (XLIFF 1.2 and 2.x, TMX), compares the inline codes of each "
    "segment's source and translation, in any order: <x/>, <g>, <ph>, <bx/>/<ex/>, <bpt>/<ept>, "
    "<it>, <pc>, <sc/>/<ec/>, matched by their id (TMX: x) or else by their native code. Fires "
    "for each code of the source the translation lacks and each one it adds. Annotations (<mrk>, "
    "<sm/>/<em/>) are not compared.",
    why="Inline codes carry the original document's formatting, links and placeholders: a "
    "translation that loses one produces a broken page or message when the file is merged back, "
    "and one it adds may break the file for the tool that reads it.",
    example_source='Click <g id="1">Delete</g> to remove <x id="2"/>the file.',
    example_target="Löschen klicken, um die Datei zu entfernen.",
    fix="Copy every inline code of the source into the translation (a CAT tool's tag insertion "
    "does this), around or at the words German word order puts them.",
)

# A lost or added code is a fact of the file, not a judgement about meaning, so the rule is sure
# of it; there are no tags in the dev data to calibrate this against (BENCHMARKS.md).
CONFIDENCE = 0.9


def find_tag_mismatches(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.inline_codes is None or not ctx.source.sentences or not ctx.target.sentences:
        return
    source_codes, target_codes = ctx.inline_codes
    source_span = ctx.source.span_of(range(len(ctx.source.sentences)))
    target_span = ctx.target.span_of(range(len(ctx.target.sentences)))
    target_text = quote(ctx.target.text[target_span[0]:target_span[1]])
    source_text = quote(ctx.source.text[source_span[0]:source_span[1]])
    for code in surplus(source_codes, target_codes):
        yield TAG_MISMATCH.finding(confidence=CONFIDENCE, source_span=source_span, target_span=target_span,
                                   message=f"Inline code {code} of the source is missing from the translation "
                                   f"{target_text}.")
    for code in surplus(target_codes, source_codes):
        yield TAG_MISMATCH.finding(confidence=CONFIDENCE, source_span=source_span, target_span=target_span,
                                   message=f"The translation adds inline code {code}, which the source "
                                   f"{source_text} does not have.")


CHECK = Check(name="inline-codes", rules=(TAG_MISMATCH,), run=find_tag_mismatches)
