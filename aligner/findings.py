"""What a check reports: plain frozen dataclasses, shared by every check and every renderer."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Optional, Tuple

Span = Tuple[int, int]
"""A half-open [start, end) range of code-point offsets into the text exactly as it was given."""


class Severity(enum.IntEnum):
    """Ordered, so that `--fail-on warning` means `severity >= Severity.WARNING`."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, label: str) -> "Severity":
        return cls[label.upper()]


class Kind(str, enum.Enum):
    """The four kinds of the JSON contract (../shared/eval/CONTRACT.md)."""

    OMISSION = "omission"  # source content missing from the target: source_span required
    ADDITION = "addition"  # target content with no source: target_span required
    MISTRANSLATION = "mistranslation"  # content rendered wrongly: target_span required
    UNTRANSLATED = "untranslated"  # target text left in the source language: target_span required


# Info findings less likely than this to be right are faint: kept in the data formats (JSON,
# JSONL), where their confidence still ranks pairs by how likely something is wrong (the MQM
# scorer's ROC-AUC reads it), but left out of what a person reads (text, Markdown, HTML, GitHub
# annotations, SARIF, JUnit) unless `--show all`, and never a reason to fail a check.
FAINT_BELOW = 0.02


@dataclass(frozen=True)
class Finding:
    rule: str  # stable id of the check that fired, e.g. "sentence-omission"
    kind: Kind
    severity: Severity
    confidence: float  # in [0, 1]; ranks findings, comparable across documents
    source_span: Optional[Span]
    target_span: Optional[Span]
    message: str  # quotes the text it is about

    @property
    def faint(self) -> bool:
        return self.severity == Severity.INFO and self.confidence < FAINT_BELOW

    def to_dict(self) -> dict:
        return {
            "kind": self.kind.value,
            "rule": self.rule,
            "severity": self.severity.label,
            "confidence": round(float(self.confidence), 4),
            "source_span": list(self.source_span) if self.source_span else None,
            "target_span": list(self.target_span) if self.target_span else None,
            "message": self.message,
        }
