"""Markdown for a pull-request comment: totals first, then each report's findings.

Quoted text is the translator's, so it is escaped: a `|` would break the table, `*` or `_`
would turn into emphasis, `<` into HTML, and an `@name` would notify a GitHub user.
Long lists fold into <details>, and the whole comment stays well under GitHub's 65,536
characters by listing at most `limit` findings.
"""

from __future__ import annotations

from collections import Counter
from typing import List, Sequence

from aligner.findings import Kind, Severity
from aligner.report.locate import Names, locate_finding, names_for, report_title
from aligner.result import Report

FOLD_AFTER = 5  # a report with more findings than this shows them inside <details>
LIMIT = 300  # findings listed in all; the comment says how many more there are
_SPECIAL = "\\`*_[]{}|~#@!"


def escape(text: str) -> str:
    """Text that renders as itself in a GitHub Markdown table cell, on one line."""
    text = " ".join(text.splitlines()) if ("\n" in text or "\r" in text) else text
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "".join("\\" + ch if ch in _SPECIAL else ch for ch in text)


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _severity_counts(counts: Counter) -> str:
    parts = [f"{counts[s]} {s.label}{'s' if counts[s] != 1 else ''}" for s in sorted(counts, reverse=True)]
    return ", ".join(parts)


def _headline(reports: Sequence[Report], fail_on: Severity) -> List[str]:
    findings = [f for r in reports for f in r.findings]
    failing = sum(f.severity >= fail_on for f in findings)
    if not findings:
        return ["### aligner: no findings", "", f"Checked {_plural(len(reports), 'report')}; nothing to report."]
    verdict = (f"**{failing} at or above {fail_on.label}**: the check fails" if failing
               else f"none at or above {fail_on.label}: the check passes")
    return [f"### aligner: {_plural(len(findings), 'finding')}", "",
            (f"{_plural(len(findings), 'finding')} ({_severity_counts(Counter(f.severity for f in findings))}) "
             f"in {_plural(len(reports), 'report')}; {verdict}.")]


def _count_table(reports: Sequence[Report]) -> List[str]:
    severities = sorted(Severity, reverse=True)
    counts = Counter((f.kind, f.severity) for r in reports for f in r.findings)
    lines = ["| kind | " + " | ".join(s.label for s in severities) + " | total |",
             "|:--" + "|--:" * (len(severities) + 1) + "|"]
    for kind in Kind:
        row = [counts[(kind, s)] for s in severities]
        lines.append(f"| {kind.value} | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
    totals = [sum(counts[(k, s)] for k in Kind) for s in severities]
    lines.append("| **total** | " + " | ".join(f"**{n}**" for n in totals) + f" | **{sum(totals)}** |")
    return lines


def _findings_table(report: Report, names: Names, budget: int) -> List[str]:
    lines = ["| severity | rule | location | message |", "|---|---|---|---|"]
    for finding in list(report.findings)[:budget]:
        location = locate_finding(report, finding, names)
        lines.append(f"| {finding.severity.label} | `{finding.rule}` | {escape(location.label)} | "
                     f"{escape(finding.message)} |")
    return lines


def render_markdown(reports: Sequence[Report], names: Sequence[Names] = (), fail_on: Severity = Severity.WARNING,
                    limit: int = LIMIT) -> str:
    lines = _headline(reports, fail_on)
    if any(r.findings for r in reports):
        lines += [""] + _count_table(reports)
    budget = limit
    clean = 0
    for k, report in enumerate(reports):
        if not report.findings:
            clean += 1
            continue
        n = len(report.findings)
        lines += ["", f"#### {escape(report_title(report, names_for(names, k)))}: {_plural(n, 'finding')}", ""]
        if budget <= 0:
            lines.append(f"_{_plural(n, 'finding')} not listed; see the full report._")
            continue
        table = _findings_table(report, names_for(names, k), budget)
        shown = min(n, budget)
        budget -= shown
        if n > FOLD_AFTER:
            lines += [f"<details><summary>{_plural(n, 'finding')}</summary>", ""] + table + ["", "</details>"]
        else:
            lines += table
        if shown < n:
            lines += ["", f"_… and {n - shown} more; see the full report._"]
    if clean and len(reports) > 1:
        lines += ["", f"{_plural(clean, 'report')} without findings."]
    signatures = list(dict.fromkeys(str(r.signature) for r in reports))
    if signatures:
        lines += ["", "---", "<sub>" + "<br>".join(escape(s) for s in signatures) + "</sub>"]
    return "\n".join(lines) + "\n"
