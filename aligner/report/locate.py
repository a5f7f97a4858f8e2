"""Where a finding is in the files a user has: offsets into a report's texts → file, line and column.

Findings carry code-point offsets into the text that was checked. That text is a whole file (a
plain file pair) or one segment that starts somewhere inside its file (XLIFF, TMX, PO, JSONL),
as the report's Origin says. SARIF, GitHub annotations, JUnit, Markdown and HTML all point at
the same place through this module, so they never disagree about a line.

Lines and columns are 1-based and count code points; a line break is CR LF, LF or CR (as SARIF
defines it). For a segment, the first line's columns are shifted by the column at which the
segment starts; later lines of a segment that contains newlines start at column 1.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Sequence, Tuple

from aligner.findings import Finding, Kind, Span
from aligner.result import Origin, Report

Names = Tuple[str, str]  # (source name, target name) as the user gave them
DEFAULT_NAMES: Names = ("source", "target")

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class FilePosition:
    line: int  # 1-based
    column: int  # 1-based, in code points


@dataclass(frozen=True)
class FindingLocation:
    """The one place a finding points at: an omission at the source text that went missing, every
    other kind at the target text that is wrong."""

    side: str  # "source" or "target"
    path: str  # the file (or, without an origin, the name the user gave)
    segment_id: Optional[str]  # the unit's id inside a segment-based file
    span: Span  # offsets into that side's text
    start: FilePosition
    end: FilePosition  # the position just after the last character (exclusive, as SARIF's end)
    whole_file: bool  # the text is the whole file, so the offsets are file offsets too
    quoted: str  # the text the span covers

    @property
    def label(self) -> str:
        """`de.txt:3:7`, or `ui.xlf:12:5 (save)` for a segment: what a person types into an editor."""
        where = f"{self.path}:{self.start.line}:{self.start.column}"
        return f"{where} ({self.segment_id})" if self.segment_id else where


@lru_cache(maxsize=16)
def _line_starts(text: str) -> Tuple[int, ...]:
    # Cached because every finding of a report asks about the same two texts.
    return (0,) + tuple(m.end() for m in _LINE_BREAK.finditer(text))


def position_in_file(text: str, offset: int, first_line: int = 1, first_column: int = 1) -> FilePosition:
    """The file position of `offset` into `text`, a text that starts at (first_line, first_column)."""
    offset = max(0, min(offset, len(text)))
    starts = _line_starts(text)
    k = bisect_right(starts, offset) - 1
    if k == 0:
        return FilePosition(first_line, first_column + offset)
    return FilePosition(first_line + k, offset - starts[k] + 1)


def names_for(names: Sequence[Names], index: int) -> Names:
    """The display names of report `index`; render_check's `names` may be shorter than the reports."""
    if index < len(names):
        return (names[index][0], names[index][1])
    return DEFAULT_NAMES


def file_paths(report: Report, names: Names = DEFAULT_NAMES) -> Names:
    """(source path, target path): the origin's files, else the names given, else source/target."""
    origin = report.origin or Origin()
    return (origin.source_path or names[0], origin.target_path or names[1])


def segment_id(report: Report) -> Optional[str]:
    """The unit's id in its file; a report of a --pairs line has an id even without an origin."""
    if report.origin is not None and report.origin.segment_id is not None:
        return report.origin.segment_id
    return report.id


def is_whole_file(report: Report) -> bool:
    origin = report.origin
    if origin is None:
        return True
    return (origin.segment_id is None and (origin.source_line, origin.source_column) == (1, 1)
            and (origin.target_line, origin.target_column) == (1, 1))


def report_title(report: Report, names: Names = DEFAULT_NAMES) -> str:
    """What a report is called in every format: its id, else `source → target`."""
    if report.id is not None:
        return report.id
    source, target = file_paths(report, names)
    return f"{source} → {target}"


def finding_side(finding: Finding) -> str:
    """Omissions are about source text (the target has nothing to point at); the rest about target text."""
    preferred = "source" if finding.kind is Kind.OMISSION else "target"
    spans = {"source": finding.source_span, "target": finding.target_span}
    if spans[preferred] is None:
        other = "target" if preferred == "source" else "source"
        if spans[other] is not None:
            return other
    return preferred


def locate_finding(report: Report, finding: Finding, names: Names = DEFAULT_NAMES) -> FindingLocation:
    side = finding_side(finding)
    document = report.source if side == "source" else report.target
    span = (finding.source_span if side == "source" else finding.target_span) or (0, 0)
    start, end = (max(0, min(x, len(document.text))) for x in span)
    origin = report.origin or Origin()
    first_line, first_column = ((origin.source_line, origin.source_column) if side == "source"
                                else (origin.target_line, origin.target_column))
    source_path, target_path = file_paths(report, names)
    return FindingLocation(
        side=side,
        path=source_path if side == "source" else target_path,
        segment_id=segment_id(report),
        span=(start, end),
        start=position_in_file(document.text, start, first_line, first_column),
        end=position_in_file(document.text, end, first_line, first_column),
        whole_file=is_whole_file(report),
        quoted=document.text[start:end],
    )


def _touches(span: Optional[Span], bounds: Span) -> bool:
    if not span:
        return False
    if span[0] == span[1]:  # an insertion point: inside or at either edge
        return bounds[0] <= span[0] <= bounds[1]
    return span[0] < bounds[1] and bounds[0] < span[1]


def bead_of_finding(report: Report, finding: Finding) -> int:
    """The index of the aligned pair a finding belongs to (the first it overlaps on either side)."""
    for k, bead in enumerate(report.beads):
        if bead.source and _touches(finding.source_span, report.source.span_of(bead.source)):
            return k
        if bead.target and _touches(finding.target_span, report.target.span_of(bead.target)):
            return k
    return max(len(report.beads) - 1, 0)
