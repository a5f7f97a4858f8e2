"""SARIF 2.1.0: the format GitHub code scanning (and other static-analysis dashboards) ingest.

One run for all reports. Every rule is listed with its documentation (from the RuleDoc, so
`aligner explain` and SARIF say the same); each finding becomes a result whose region points
into the file the user has: omissions into the source file, everything else into the target file.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from typing import Dict, List, Mapping, Optional, Sequence
from urllib.parse import quote

from aligner.checks.base import RuleDoc
from aligner.findings import Finding, Severity
from aligner.report.locate import FindingLocation, Names, locate_finding, names_for
from aligner.result import Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# A rule's severity follows each finding's confidence, so no rule has a level of its own; results
# always carry theirs, and the default only matters to viewers that show rules without results.
DEFAULT_LEVEL = "warning"
FINGERPRINT_KEY = "alignerFinding/v1"


def rule_help_markdown(rule: RuleDoc) -> str:
    """The RuleDoc as Markdown: what it checks, why it matters, an example, how to fix."""
    return (f"**{rule.title}** ({rule.kind.value})\n\n"
            f"**What it checks.** {rule.checks}\n\n"
            f"**Why it matters.** {rule.why}\n\n"
            f"**Example.**\n\n"
            f"| EN | DE |\n|---|---|\n| {_cell(rule.example_source)} | {_cell(rule.example_target)} |\n\n"
            f"**How to fix.** {rule.fix}\n")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _rule_name(rule_id: str) -> str:
    # SARIF wants a name that is an identifier, distinct from the id: sentence-omission → SentenceOmission.
    return "".join(part.capitalize() for part in rule_id.split("-"))


def _rule_descriptor(rule: RuleDoc) -> dict:
    return {
        "id": rule.id,
        "name": _rule_name(rule.id),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.checks},
        "help": {"text": rule.explain(), "markdown": rule_help_markdown(rule)},
        "defaultConfiguration": {"level": DEFAULT_LEVEL},
        "properties": {"kind": rule.kind.value, "tags": ["translation", rule.kind.value]},
    }


def artifact_uri(path: str) -> str:
    """A relative path stays relative (code scanning resolves it against the repository root);
    an absolute one becomes a file: URI. Either is percent-encoded as a URI must be."""
    path = path.replace("\\", "/")
    if path.startswith("/"):
        return "file://" + quote(path)
    if re.match(r"[A-Za-z]:/", path):  # a Windows drive
        return "file:///" + quote(path, safe="/:")
    return quote(path)


def fingerprint(rule: str, report_key: str, quoted: str, occurrence: int) -> str:
    """Stable across runs as long as the flagged text is: no offsets, white space normalised, and
    an occurrence number so that the same sentence flagged twice keeps two identities."""
    text = " ".join(quoted.split())
    digest = hashlib.sha256("\x1f".join((rule, report_key, text)).encode("utf-8")).hexdigest()[:32]
    return f"{digest}:{occurrence}"


def _region(location: FindingLocation) -> dict:
    region = {
        "startLine": location.start.line,
        "startColumn": location.start.column,
        "endLine": location.end.line,
        "endColumn": location.end.column,
    }
    if location.whole_file:  # a segment's offsets are not offsets into its file
        region["charOffset"] = location.span[0]
        region["charLength"] = location.span[1] - location.span[0]
    region["snippet"] = {"text": location.quoted}
    return region


def _result(finding: Finding, location: FindingLocation, rule_index: Optional[int], finding_print: str) -> dict:
    result: dict = {"ruleId": finding.rule}
    if rule_index is not None:
        result["ruleIndex"] = rule_index
    result["level"] = LEVELS[finding.severity]
    result["message"] = {"text": finding.message}
    physical = {"artifactLocation": {"uri": artifact_uri(location.path)}, "region": _region(location)}
    place: dict = {"physicalLocation": physical}
    if location.segment_id is not None:
        place["logicalLocations"] = [{"name": location.segment_id,
                                      "fullyQualifiedName": f"{location.path}#{location.segment_id}"}]
    result["locations"] = [place]
    result["partialFingerprints"] = {FINGERPRINT_KEY: finding_print}
    result["properties"] = {"kind": finding.kind.value, "confidence": round(float(finding.confidence), 4),
                            "side": location.side}
    return result


def _signatures(reports: Sequence[Report]) -> dict:
    distinct: List[dict] = []
    for report in reports:
        signature = report.signature.to_dict()
        if signature not in distinct:
            distinct.append(signature)
    if not distinct:
        return {}
    if len(distinct) == 1:
        return {"signature": distinct[0], "signatureText": str(reports[0].signature)}
    return {"signatures": distinct}


def render_sarif(reports: Sequence[Report], names: Sequence[Names] = (),
                 rules: Optional[Mapping[str, RuleDoc]] = None) -> str:
    if rules is None:
        from aligner.checks.registry import all_rules

        rules = all_rules()
    from aligner import __version__

    rule_index: Dict[str, int] = {rule_id: k for k, rule_id in enumerate(rules)}
    results = []
    for k, report in enumerate(reports):
        seen: Counter = Counter()
        for finding in report.findings:
            location = locate_finding(report, finding, names_for(names, k))
            report_key = report.id or location.segment_id or location.path
            key = (finding.rule, " ".join(location.quoted.split()))
            seen[key] += 1
            finding_print = fingerprint(finding.rule, report_key, location.quoted, seen[key])
            results.append(_result(finding, location, rule_index.get(finding.rule), finding_print))
    version = reports[0].signature.tool if reports else __version__
    run = {
        "tool": {"driver": {"name": "aligner", "version": version,
                            "rules": [_rule_descriptor(rule) for rule in rules.values()]}},
        "columnKind": "unicodeCodePoints",  # columns count code points, not UTF-16 units
        "results": results,
        "properties": _signatures(reports),
    }
    sarif = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"
