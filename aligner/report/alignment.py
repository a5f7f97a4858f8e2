"""Renderers for `aligner align`: the bead list alone, as beads, TSV or JSON."""

from __future__ import annotations

from aligner.result import Report


def _indices(side) -> str:
    return "[" + ",".join(str(i) for i in side) + "]"


def render_beads(report: Report) -> str:
    """One bead per line, `[0]:[0,1]:0.8734`, in document order (the scorer's format)."""
    return "".join(f"{_indices(b.source)}:{_indices(b.target)}:{b.score:.4f}\n" for b in report.beads)


def render_tsv(report: Report) -> str:
    """score, source text, target text: a bitext a person or a spreadsheet reads."""

    def joined(doc, side) -> str:
        return doc.joined(side).replace("\t", " ").replace("\n", " ")

    lines = [f"{b.score:.4f}\t{joined(report.source, b.source)}\t{joined(report.target, b.target)}\n" for b in report.beads]
    return "".join(lines)


def render_alignment_json(report: Report) -> str:
    from aligner.report.json_report import dumps_readable, report_to_dict

    out = report_to_dict(report)
    del out["findings"]
    return dumps_readable(out)
