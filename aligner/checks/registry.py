"""Every check, in one explicit list, and the one call that runs them."""

from __future__ import annotations

from typing import Dict, Iterable, List, Tuple

from aligner.checks import (added_words, addition, inline_codes, names, negation, numbers, omission,
                            partial_omission, placeholders, similarity, untranslated)
from aligner.checks.base import Check, RuleDoc
from aligner.checks.context import CheckContext
from aligner.findings import Finding

CHECKS: Tuple[Check, ...] = (
    omission.CHECK,
    partial_omission.CHECK,
    addition.CHECK,
    partial_omission.ADDITION_CHECK,
    added_words.CHECK,
    numbers.CHECK,
    names.CHECK,
    placeholders.CHECK,
    inline_codes.CHECK,
    negation.CHECK,
    similarity.CHECK,
    untranslated.CHECK,
)


# Rules that run only when a configuration turns them on (`[tool.aligner.severity]` names them
# with a severity). partial-addition embeds every clause of each 1:n pair: on the WMT24 pair it
# nearly doubled the cost of a cold check (bench/check_speed.py) for no gain in F1 (BENCHMARKS.md,
# ablations). negation-mismatch is on since its word evidence (stop 9) made it right about half
# the time at a warning.
OFF_BY_DEFAULT = frozenset({"partial-addition"})


def all_rules() -> Dict[str, RuleDoc]:
    return {rule.id: rule for check in CHECKS for rule in check.rules}


def run_checks(ctx: CheckContext, disabled: Iterable[str] = (), enabled: Iterable[str] = ()) -> List[Finding]:
    """All findings of the rules that run (every rule not `disabled`, and the OFF_BY_DEFAULT ones
    only when `enabled`), in document order: by source position where the finding has a source
    span, else by target position."""
    disabled = set(disabled) | (OFF_BY_DEFAULT - set(enabled))
    findings: List[Finding] = []
    for check in CHECKS:
        if all(rule.id in disabled for rule in check.rules):
            continue
        findings.extend(f for f in check.run(ctx) if f.rule not in disabled)
    return sorted(findings, key=_position)


def _position(finding: Finding) -> Tuple:
    """Sort key: document position first, then enough of the finding that equal positions
    still come out in one order on every run (reports are diffed and compared in CI)."""
    spans = (finding.source_span or (-1, -1), finding.target_span or (-1, -1))
    if finding.source_span is not None:
        return (0, finding.source_span[0], spans, finding.rule, finding.message)
    return (1, spans[1][0], spans, finding.rule, finding.message)
