"""JSON and JSON Lines: the machine interface of ../shared/eval/CONTRACT.md, extended with a signature."""

from __future__ import annotations

import json
import re
from typing import Iterable

from aligner.result import Report


def report_to_dict(report: Report) -> dict:
    out: dict = {}
    if report.id is not None:
        out["id"] = report.id
    out["source"] = {"lang": report.source.lang, "sentences": [list(s) for s in report.source.sentences]}
    out["target"] = {"lang": report.target.lang, "sentences": [list(s) for s in report.target.sentences]}
    out["alignment"] = [
        {"source": list(b.source), "target": list(b.target), "score": round(float(b.score), 4)}
        for b in report.beads
    ]
    out["findings"] = [f.to_dict() for f in report.findings]
    out["signature"] = report.signature.to_dict()
    return out


_NUMBER_LIST = re.compile(r"\[\s*(-?[\d.]+(?:,\s*-?[\d.]+)*)\s*\]")


def dumps_readable(data) -> str:
    """Indented JSON, with lists of numbers (spans, sentence indices) kept on one line."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _NUMBER_LIST.sub(lambda m: "[" + re.sub(r",\s+", ", ", m.group(1)) + "]", text) + "\n"


def render_json(report: Report) -> str:
    return dumps_readable(report_to_dict(report))


def render_jsonl(reports: Iterable[Report]) -> str:
    return "".join(json.dumps(report_to_dict(r), ensure_ascii=False) + "\n" for r in reports)
