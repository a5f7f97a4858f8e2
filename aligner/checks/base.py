"""What a check is: a function from a CheckContext to Findings, plus the documentation of its rules.

Rule documentation is data kept next to the check that implements it, so that `aligner explain
RULE`, the HTML report and SARIF all print the same text.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Callable, Iterable, Optional, Tuple

from aligner.checks.calibration import calibrate
from aligner.checks.context import CheckContext
from aligner.checks.severity import severity_for
from aligner.findings import Finding, Kind, Span


@dataclass(frozen=True)
class RuleDoc:
    id: str  # stable: reports, suppressions and `--disable` refer to it
    kind: Kind
    title: str  # one line
    checks: str  # what the rule looks at and when it fires
    why: str  # why it matters to a reader of the translation
    example_source: str  # an English text that triggers the rule ...
    example_target: str  # ... with its faulty German translation
    fix: str  # what the translator should do

    def finding(self, confidence: float, source_span: Optional[Span], target_span: Optional[Span],
                message: str) -> Finding:
        """A finding of this rule. `confidence` is the check's raw score; it is calibrated into a
        probability (calibration.py) and the severity follows from that (severity.py)."""
        confidence = calibrate(self.id, confidence)
        return Finding(self.id, self.kind, severity_for(confidence), confidence, source_span, target_span, message)

    def explain(self) -> str:
        """The rule as `aligner explain RULE` prints it."""
        def paragraph(text: str) -> str:
            return textwrap.fill(text, width=78, initial_indent="  ", subsequent_indent="  ")

        return (
            f"{self.id} ({self.kind.value}): {self.title}\n\n"
            f"What it checks\n{paragraph(self.checks)}\n\n"
            f"Why it matters\n{paragraph(self.why)}\n\n"
            f"Example\n{paragraph('EN: ' + self.example_source)}\n{paragraph('DE: ' + self.example_target)}\n\n"
            f"How to fix\n{paragraph(self.fix)}\n"
        )


@dataclass(frozen=True)
class Check:
    name: str
    rules: Tuple[RuleDoc, ...]  # every rule id the check can emit
    run: Callable[[CheckContext], Iterable[Finding]]
