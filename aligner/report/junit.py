"""JUnit XML: the test-report format every CI server shows (GitLab, Jenkins, Azure, test-reporter).

A report is a test suite and each rule that ran is a test case in it, so a CI page reads
"sentence-omission failed for de/intro.txt". A test case fails when the rule found something at
or above --fail-on; findings below it are listed in the case's <system-out>, where they are
visible without failing the build.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Dict, List, Mapping, Optional, Sequence

from aligner.checks.base import RuleDoc
from aligner.findings import Finding, Severity
from aligner.report.locate import Names, file_paths, locate_finding, names_for, report_title
from aligner.result import Report

# XML 1.0 cannot hold these code points even as character references; a text with a stray
# control character must still give a file the CI server can parse.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _finding_line(report: Report, finding: Finding, names: Names) -> str:
    location = locate_finding(report, finding, names)
    return (f"{location.label}: {finding.severity.label} {finding.kind.value} "
            f"({finding.confidence:.2f}): {finding.message}")


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _suite(report: Report, names: Names, rule_ids: Sequence[str], fail_on: Severity) -> ET.Element:
    title = report_title(report, names)
    by_rule: Dict[str, List[Finding]] = {}
    for finding in report.findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    # A rule that fired ran, even when it is not in the list given (a plugin, a renamed rule).
    ran = list(rule_ids) + [rule for rule in by_rule if rule not in rule_ids]

    suite = ET.Element("testsuite", name=_xml_text(title))
    properties = ET.SubElement(suite, "properties")
    source, target = file_paths(report, names)
    for name, value in (("source", source), ("target", target), ("signature", str(report.signature))):
        ET.SubElement(properties, "property", name=name, value=_xml_text(value))
    failures = 0
    for rule in ran:
        findings = by_rule.get(rule, [])
        case = ET.SubElement(suite, "testcase", name=rule, classname=_xml_text(title))
        failing = [f for f in findings if f.severity >= fail_on]
        passing = [f for f in findings if f.severity < fail_on]
        if failing:
            failures += 1
            failure = ET.SubElement(case, "failure", type=failing[0].kind.value,
                                    message=f"{_plural(len(failing), 'finding')} at or above {fail_on.label}")
            failure.text = _xml_text("\n".join(_finding_line(report, f, names) for f in failing))
        if passing:
            out = ET.SubElement(case, "system-out")
            out.text = _xml_text(f"below --fail-on {fail_on.label}:\n" + "\n".join(_finding_line(report, f, names) for f in passing))
    suite.set("tests", str(len(ran)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", "0")
    return suite


def render_junit(reports: Sequence[Report], names: Sequence[Names] = (), fail_on: Severity = Severity.WARNING,
                 rules: Optional[Mapping[str, RuleDoc]] = None, disabled: Sequence[str] = ()) -> str:
    """`disabled` rules did not run, so they get no test case (the Report does not record them)."""
    if rules is None:
        from aligner.checks.registry import all_rules

        rules = all_rules()
    off = set(disabled)
    rule_ids = [rule for rule in rules if rule not in off]
    root = ET.Element("testsuites", name="aligner")
    suites = [_suite(report, names_for(names, k), rule_ids, fail_on) for k, report in enumerate(reports)]
    root.set("tests", str(sum(int(s.get("tests", 0)) for s in suites)))
    root.set("failures", str(sum(int(s.get("failures", 0)) for s in suites)))
    root.set("errors", "0")
    root.extend(suites)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
