"""Output formats: each is one function from Reports to text, and this is the one place that picks it.

Renderers see Reports and plain options only, never command-line objects.
"""

from __future__ import annotations

from typing import Sequence

CHECK_FORMATS = ("text", "json", "jsonl")
ALIGN_FORMATS = ("beads", "tsv", "json")


def render_check(fmt: str, reports: Sequence, *, names: Sequence[tuple] = (), color: bool = False,
                 show_all: bool = False, as_list: bool = False) -> str:
    """Render the reports of `aligner check`. `names` holds (source, target) display names per report;
    `as_list` makes json an array even for one report (the --pairs mode)."""
    if fmt == "json":
        from aligner.report.json_report import dumps_readable, render_json, report_to_dict

        if len(reports) == 1 and not as_list:
            return render_json(reports[0])
        return dumps_readable([report_to_dict(r) for r in reports])
    if fmt == "jsonl":
        from aligner.report.json_report import render_jsonl

        return render_jsonl(reports)
    if fmt == "text":
        from aligner.report.text import render_text

        names = list(names) or [("source", "target")] * len(reports)
        return "\n".join(render_text(r, *n, color=color, show_all=show_all) for r, n in zip(reports, names))
    raise ValueError(f"unknown format {fmt!r}")


def render_alignment(fmt: str, report) -> str:
    from aligner.report import alignment

    renderers = {"beads": alignment.render_beads, "tsv": alignment.render_tsv, "json": alignment.render_alignment_json}
    return renderers[fmt](report)
