"""GitHub Actions workflow commands: one `::error file=…,line=…::message` line per finding, which
the runner turns into annotations on the pull request's changed files.

Escaping follows @actions/core (toolkit/packages/core/src/command.ts): in the message `%`, CR
and LF are percent-encoded; property values additionally encode `:` and `,`, which would end
the value. Each line stands alone, so reports can be written as they are checked (streaming).
"""

from __future__ import annotations

from typing import List, Sequence

from aligner.findings import Severity
from aligner.report.locate import Names, locate_finding, names_for
from aligner.result import Report

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(reports: Sequence[Report], names: Sequence[Names] = ()) -> str:
    lines: List[str] = []
    for k, report in enumerate(reports):
        for finding in report.findings:
            where = locate_finding(report, finding, names_for(names, k))
            properties = [("file", where.path), ("line", where.start.line)]
            # GitHub accepts columns only for an annotation on a single line. endColumn is the
            # column after the span, as in SARIF, so both formats mark the same characters.
            if where.start.line == where.end.line:
                properties.append(("col", where.start.column))
                properties += [("endLine", where.end.line), ("endColumn", where.end.column)]
            else:
                properties.append(("endLine", where.end.line))
            properties.append(("title", f"aligner {finding.rule}"))
            # The annotation is shown on a file line; a segment id tells which unit of the file it is.
            message = f"[{where.segment_id}] {finding.message}" if where.segment_id else finding.message
            props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties)
            lines.append(f"::{COMMANDS[finding.severity]} {props}::{escape_data(message)}")
    return "".join(line + "\n" for line in lines)
