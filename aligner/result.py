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
class Report:
    source: Document
    target: Document
    beads: Sequence[Bead]
    findings: Sequence[Finding]
    signature: Signature
    id: Optional[str] = None
