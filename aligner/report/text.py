"""The terminal report a translator reads: aligned pairs, problem parts marked, findings below.

Colour only when asked (the CLI decides from the TTY and NO_COLOR); without colour the flagged
parts are bracketed ⟦like this⟧ so the report still shows them in a log or a pipe.

A corpus (many pairs, files or segments) is written as it is checked: each item that has
something to show, and at the end one tally (CorpusTally) with the signature, so that ten
thousand clean segments do not print ten thousand headers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

from aligner.align import Bead
from aligner.document import Document
from aligner.findings import Finding, Kind, Severity, Span
from aligner.report.locate import position_in_file
from aligner.result import Origin, Report

RESET = "\x1b[0m"
STYLE = {
    Severity.ERROR: "\x1b[1;31m",  # bold red
    Severity.WARNING: "\x1b[33m",  # yellow
    Severity.INFO: "\x1b[36m",  # cyan
}
DIM = "\x1b[2m"
BOLD = "\x1b[1m"


def _paint(text: str, style: str, color: bool) -> str:
    return f"{style}{text}{RESET}" if color and text else text


def _side_label(doc: Document, side: Sequence[int], lang: str, first_line: int) -> str:
    """"EN 2–3 (line 14)": the pair's sentences, and the file line where the first one starts (a
    segment of a bilingual file starts at `first_line` of its file)."""
    if not side:
        return f"no {lang.upper()}"
    numbers = f"{side[0] + 1}" if len(side) == 1 else f"{side[0] + 1}–{side[-1] + 1}"
    line = position_in_file(doc.text, doc.sentences[side[0]][0], first_line).line
    return f"{lang.upper()} {numbers} (line {line})"


def _mark(doc: Document, index: int, marks: List[Tuple[Span, Severity]], color: bool) -> str:
    """The sentence with each flagged span painted (or bracketed), clipped to the sentence."""
    start, end = doc.sentences[index]
    cuts = []
    for (a, b), severity in marks:
        a, b = max(a, start), min(b, end)
        if a < b:
            cuts.append((a, b, severity))
    cuts.sort()
    out, pos = [], start
    for a, b, severity in cuts:
        if a < pos:  # overlapping marks: paint the rest of the later one only
            a = pos
            if a >= b:
                continue
        out.append(doc.text[pos:a])
        piece = doc.text[a:b]
        out.append(_paint(piece, STYLE[severity], True) if color else f"⟦{piece}⟧")
        pos = b
    out.append(doc.text[pos:end])
    return "".join(out).replace("\n", " ")


def _overlaps(span: Optional[Span], doc: Document, side: Sequence[int]) -> bool:
    if not span or not side:
        return False
    start, end = doc.span_of(side)
    return span[0] < end and start < span[1] or (span[0] == span[1] and start <= span[0] <= end)


def _bead_of(finding: Finding, report: Report) -> int:
    for k, bead in enumerate(report.beads):
        if _overlaps(finding.source_span, report.source, bead.source) or _overlaps(
            finding.target_span, report.target, bead.target
        ):
            return k
    return len(report.beads) - 1


def _summary(findings: Sequence[Finding]) -> str:
    if not findings:
        return "no findings"
    noun = "finding" if len(findings) == 1 else "findings"
    return f"{len(findings)} {noun} ({_by_severity(Counter(f.severity for f in findings))})"


def _by_severity(counts: Counter) -> str:
    """"1 error, 2 warnings, 5 infos", the worst first."""
    return ", ".join(f"{counts[s]} {s.label}{'s' if counts[s] != 1 else ''}" for s in sorted(counts, reverse=True))


def render_text(
    report: Report,
    source_name: str = "source",
    target_name: str = "target",
    color: bool = False,
    show_all: bool = False,
    in_corpus: bool = False,
) -> str:
    """One report. `in_corpus`: an item of many, which says nothing when it has nothing to show
    and leaves the hidden hints and the signature to the corpus tally."""
    # Info findings are hints below the flagging threshold: shown only when every pair is.
    shown = [f for f in report.findings if show_all or f.severity > Severity.INFO]
    if in_corpus and not shown and not show_all:
        return ""
    by_bead: Dict[int, List[Finding]] = {}
    for finding in shown:
        by_bead.setdefault(_bead_of(finding, report), []).append(finding)

    title = report.id if report.id is not None else f"{source_name} → {target_name}"
    lines = [
        _paint(title, BOLD, color)
        + f": {len(report.source)} {report.source.lang.upper()} and {len(report.target)} "
        f"{report.target.lang.upper()} sentences in {len(report.beads)} pairs; {_summary(report.findings)}",
        "",
    ]
    src_lang, tgt_lang = report.source.lang, report.target.lang
    for k, bead in enumerate(report.beads):
        findings = by_bead.get(k, [])
        if not findings and not show_all:
            continue
        lines.extend(_render_bead(k, bead, findings, report, color, src_lang, tgt_lang))
    if not in_corpus:
        lines.extend(_footer(len(report.findings) - len(shown), str(report.signature), color))
    return "\n".join(lines) + "\n"


def _footer(hidden: int, signature: str, color: bool) -> List[str]:
    lines = []
    if hidden:
        lines.append(_paint(f"{hidden} info finding{'s' if hidden != 1 else ''} not shown (--show all shows them)",
                            DIM, color))
    lines.append(_paint(signature, DIM, color))
    return lines


@dataclass
class CorpusTally:
    """What a corpus's text report says once, at its end: how many items were checked, how many
    have findings, the findings by severity, the info findings not shown, and the signature."""

    show_all: bool = False
    items: int = 0
    with_findings: int = 0
    severities: Counter = field(default_factory=Counter)
    hidden: int = 0
    signature: str = ""

    def add(self, report: Report) -> None:
        findings = [f for f in report.findings if self.show_all or not f.faint]  # as render_check counts them
        self.items += 1
        self.with_findings += bool(findings)
        self.severities.update(f.severity for f in findings)
        self.hidden += sum(not self.show_all and f.severity <= Severity.INFO for f in findings)
        self.signature = str(report.signature)


def render_text_tally(tally: CorpusTally, color: bool = False) -> str:
    """The corpus's closing lines: "14 items checked; 3 findings in 2 of them (1 warning, 2 infos)"."""
    if not tally.items:
        return ""
    total = sum(tally.severities.values())
    head = f"{tally.items} item{'s' if tally.items != 1 else ''} checked"
    if total:
        where = "it" if tally.items == 1 else f"{tally.with_findings} of them"
        head += f"; {total} finding{'s' if total != 1 else ''} in {where} ({_by_severity(tally.severities)})"
    else:
        head += "; no findings"
    return "\n".join([_paint(head, BOLD, color), *_footer(tally.hidden, tally.signature, color)]) + "\n"


def _render_bead(k: int, bead: Bead, findings: List[Finding], report: Report, color: bool,
                 src_lang: str, tgt_lang: str) -> List[str]:
    # Mark where the problem is: the missing source text of an omission, the target text of the
    # other kinds (an omission's target span only says where the content should have gone).
    source_marks = [(f.source_span, f.severity) for f in findings if f.source_span and f.kind is not Kind.ADDITION
                    and f.kind is not Kind.UNTRANSLATED]
    target_marks = [(f.target_span, f.severity) for f in findings if f.target_span and f.kind is not Kind.OMISSION]
    similarity = f" · similarity {bead.score:.2f}" if bead.source and bead.target else ""
    origin = report.origin or Origin()
    header = (f"── pair {k + 1} · {_side_label(report.source, bead.source, src_lang, origin.source_line)} ↔ "
              f"{_side_label(report.target, bead.target, tgt_lang, origin.target_line)}{similarity}")
    out = [_paint(header, DIM, color)]
    for i in bead.source:
        out.append(f"  {src_lang.upper()}  {_mark(report.source, i, source_marks, color)}")
    for j in bead.target:
        out.append(f"  {tgt_lang.upper()}  {_mark(report.target, j, target_marks, color)}")
    for f in sorted(findings, key=lambda f: -f.severity):
        label = _paint(f"{f.severity.label:<7}", STYLE[f.severity], color)
        out.append(f"  {label} {f.kind.value}/{f.rule} ({f.confidence:.2f}): {f.message}")
    out.append("")
    return out
