"""placeholder-mismatch: a format placeholder that the translation drops, adds or changes.

Software strings (gettext PO, XLIFF, TMX from a localisation project) carry placeholders that a
program fills in at run time: printf-style (%s, %d, %1$s, %(count)d, %.2f, %ld, iOS's %@),
Qt-style (%1, %L1, and %n, the count of a plural message), brace-style ({0}, {name}, {{count}},
${user}, Ruby's %{count}), empty Python braces ({}) and Chrome's $USER$. A translation that
drops or alters one shows the user a broken message or crashes the program, so a mismatch is
reported with high confidence. Placeholders may move (German word order differs), so each pair's
placeholders are compared as a multiset, not in order.

Markup tags (<b>, <br/>) are left alone: in the prose this tool also reads they are more often
transcription or HTML residue that translators rightly drop (the MQM dev data: 38 items where
tags differ, 9 of them with any major accuracy error). The inline tags of XLIFF and TMX never
reach the text; tag-mismatch (inline_codes.py) compares those.
"""

from __future__ import annotations

import re
from typing import Dict, Iterator, List, Tuple

from aligner.align import Bead
from aligner.checks.base import Check, RuleDoc
from aligner.checks.context import CheckContext
from aligner.checks.text import quote, surplus
from aligner.document import Document
from aligner.findings import Finding, Kind, Span

PLACEHOLDER_MISMATCH = RuleDoc(
    id="placeholder-mismatch",
    kind=Kind.MISTRANSLATION,
    title="A format placeholder is missing, added or changed in the translation",
    checks="Compares the format placeholders of each aligned pair, in any order: printf-style "
    "(%s, %d, %1$s, %(count)d, %.2f, %ld, %@), Qt-style (%1, %L1, %n), brace-style ({0}, {name}, {{count}}, "
    "${user}, %{count}), empty braces ({}) and $NAME$ (Chrome extensions). Fires for a placeholder "
    "of the source that the translation lacks, one the translation adds, or one it changes "
    "({name} → {Name}, %d → %s). Markup tags are not compared.",
    why="A program fills placeholders in at run time: a missing or altered one shows the user a "
    "broken message, drops a value, or makes the program fail.",
    example_source="Deleted {count} files from {folder}.",
    example_target="{count} Dateien wurden gelöscht.",
    fix="Copy every placeholder of the source into the translation exactly, in the place German "
    "word order needs. In documentation that writes its metavariables in braces (vim's manual: "
    "-u {vimrc}), translating them is right: --disable placeholder-mismatch for such documents.",
)

PLACEHOLDER = re.compile(
    # printf: %s %1$d %(n)s %.2f, with a length (%ld, %lld, %zu) and Objective-C's object (%@, %1$@)
    r"%(?:\(\w+\))?(?:\d+\$)?[-+0#]*\d*(?:\.\d+)?(?:hh|h|ll|l|L|q|j|z|t)?[sdifuxXcegp@](?![A-Za-z])"
    r"|(?<![\d%])%L?\d+(?!\d)(?![A-Za-z])"  # Qt: %1, %L1 (not 50%1, not %%1)
    r"|(?<![\w%])%L?n(?![A-Za-z])"  # Qt's plural count: %n, %Ln
    r"|%\{[\w.-]{1,40}\}"  # Ruby i18n: %{count}
    r"|\$[A-Za-z_]\w{0,40}\$"  # Chrome extensions' messages.json: $USER$
    r"|\{\{\s*[\w.-]{1,40}\s*\}\}"  # {{count}}
    r"|\$\{[\w.-]{1,40}\}"  # ${user}
    r"|\{(?:[\w-][\w.-]{0,39})?\}"  # {0} {name} {}, not an elided "{...}"
)
# An ICU MessageFormat argument that picks a message: "{count, plural, one {# file} other {# files}}".
_ICU_ARGUMENT = re.compile(r"\{\s*[\w.-]+\s*,\s*(?:plural|select|selectordinal)\s*,")
_ICU_SELECTOR = re.compile(r"(?:offset:\d+\s*)?(?:=\d+|[\w-]+)\s*(?=\{)")


def icu_syntax(text: str) -> List[Span]:
    """Where `text` holds ICU MessageFormat syntax rather than words: each plural or select
    argument's head ("{count, plural,") and its selectors ("one", "=0", "female"), not the
    messages in their braces."""
    spans = []
    for head in _ICU_ARGUMENT.finditer(text):
        spans.append(head.span())
        depth, at = 1, head.end()
        while at < len(text) and depth:
            selector = _ICU_SELECTOR.match(text, at) if depth == 1 else None
            if selector and selector.group().strip():
                spans.append((at, selector.end()))
                at = selector.end()
                continue
            depth += {"{": 1, "}": -1}.get(text[at], 0)
            at += 1
    return spans


# A placeholder changed on purpose is rare; one dropped or added is what breaks programs. Neither
# kind occurs in the dev data (prose), so there is nothing to calibrate these against: they are
# the checks' own estimates (BENCHMARKS.md).
CHANGED = 0.9
ONE_SIDED = 0.9

# A printf placeholder without a position ("%s", "%.250s") takes the next argument; one with a
# position ("%2$s") names it. A translation may reorder the arguments so ("%s in %s" -> "in %2$s:
# %1$s"), which gettext's own `msgfmt -c` accepts, so each is compared as the argument it takes.
_SEQUENTIAL_PRINTF = re.compile(r"%(?P<spec>[-+0#]*\d*(?:\.\d+)?(?:hh|h|ll|l|L|q|j|z|t)?[sdifuxXcegp@])")

Found = Tuple[str, Span, str]  # the placeholder as written, its document span, what it is compared as


def placeholders(doc: Document, indices, argument_of: Dict[int, str]) -> List[Found]:
    """Every placeholder of the sentences `indices` of `doc`, with its document span and the form
    it is compared in: a sequential printf placeholder numbered by its place among them in the
    whole text ("%s" is "%1$s" when it comes first), as `argument_of` (_printf_arguments) says."""
    found = []
    for i in indices:
        start = doc.sentences[i][0]
        for m in PLACEHOLDER.finditer(doc.sentence(i)):
            span = (start + m.start(), start + m.end())
            found.append((m.group(), span, argument_of.get(span[0], m.group())))
    return found


def _printf_arguments(text: str) -> Dict[int, str]:
    """Offset of each sequential printf placeholder → its positional form ("%2$.250s")."""
    numbered = {}
    for m in PLACEHOLDER.finditer(text):
        sequential = _SEQUENTIAL_PRINTF.fullmatch(m.group())
        if sequential:
            numbered[m.start()] = f"%{len(numbered) + 1}${sequential.group('spec')}"
    return numbered


def _compared(found: Found) -> str:
    return found[2]


def find_placeholder_mismatches(ctx: CheckContext) -> Iterator[Finding]:
    # Numbered once per document: each pair's placeholders look their argument up.
    source_arguments, target_arguments = _printf_arguments(ctx.source.text), _printf_arguments(ctx.target.text)
    for bead in ctx.linked_beads():
        source = placeholders(ctx.source, bead.source, source_arguments)
        target = placeholders(ctx.target, bead.target, target_arguments)
        if not source and not target:
            continue
        yield from _pair_findings(ctx, bead, surplus(source, target, _compared), surplus(target, source, _compared))


def _pair_findings(ctx: CheckContext, bead: Bead, source_only: List[Found], target_only: List[Found]):
    for (source, source_span, _), (target, target_span, _) in zip(source_only, target_only):
        yield PLACEHOLDER_MISMATCH.finding(
            confidence=CHANGED, source_span=source_span, target_span=target_span,
            message=f"Placeholder “{source}” of the source appears as “{target}” in the translation.")
    for source, source_span, _ in source_only[len(target_only):]:
        yield PLACEHOLDER_MISMATCH.finding(
            confidence=ONE_SIDED, source_span=source_span, target_span=ctx.target_span(bead),
            message=f"Placeholder “{source}” is missing from the translation {quote(ctx.target_text(bead))}.")
    for target, target_span, _ in target_only[len(source_only):]:
        yield PLACEHOLDER_MISMATCH.finding(
            confidence=ONE_SIDED, source_span=ctx.source_span(bead), target_span=target_span,
            message=f"The translation adds placeholder “{target}”, which the source "
            f"{quote(ctx.source_text(bead))} does not have.")


CHECK = Check(name="placeholders", rules=(PLACEHOLDER_MISMATCH,), run=find_placeholder_mismatches)
