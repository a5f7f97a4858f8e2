"""What a check produces: the two documents, the alignment, the findings and a signature."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Dict, Optional, Sequence

from aligner.align import Bead
from aligner.document import Document
from aligner.findings import Finding


@dataclass(frozen=True)
class Signature:
    """What produced a report, so that two reports can be compared (as sacrebleu signs scores)."""

    tool: str
    model: str
    splitter: str
    thresholds: Dict[str, float]  # confidence at which a finding becomes an error or a warning
    align: Dict[str, object]  # every aligner parameter

    def to_dict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        limits = " ".join(f"{k}={v}" for k, v in self.thresholds.items())
        return (f"aligner {self.tool} · model {self.model} · split {self.splitter} · {limits} · "
                f"max_bead={self.align.get('max_bead')}")


@dataclass(frozen=True)
class Origin:
    """Where a report's two texts came from, so that renderers (SARIF, GitHub annotations, HTML) can
    point into the files: a whole file pair, or one segment of a segment-based file (TMX, XLIFF,
    PO, JSONL, TSV), whose text starts at a known line and column of its file."""

    source_path: Optional[str] = None
    target_path: Optional[str] = None
    segment_id: Optional[str] = None  # the unit's id in a segment-based file; None for whole files
    source_line: int = 1  # 1-based line of the file on which the source text starts
    source_column: int = 1  # 1-based column of that line where it starts
    target_line: int = 1
    target_column: int = 1


@dataclass(frozen=True)
class Report:
    source: Document
    target: Document
    beads: Sequence[Bead]
    findings: Sequence[Finding]
    signature: Signature
    id: Optional[str] = None
    origin: Optional[Origin] = None
