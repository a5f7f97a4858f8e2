"""Output formats: each is one function from Reports to text, and this is the one place that picks it.

Renderers see Reports and plain options only, never command-line objects. Each lives in its own
module, imported only when its format is asked for, so that `aligner --help` stays instant.
"""

from __future__ import annotations

from typing import Sequence

from aligner.findings import Severity  # an enum and two dataclasses: cheap, unlike the renderers

CHECK_FORMATS = ("text", "json", "jsonl", "sarif", "junit", "github", "markdown", "html")
# Formats whose output for several reports is the concatenation of each report's output, so a
# corpus can be written as it is checked. The others (one JSON array, one SARIF run, one XML
# document, one page) need every report before they can be written.
STREAMING_FORMATS = ("text", "jsonl", "github")
ALIGN_FORMATS = ("beads", "tsv", "json")
# Formats that carry every finding, for programs to filter and rank; the others are read by people.
DATA_FORMATS = ("json", "jsonl")


def without_faint(report):
    """The report without its faint findings (findings.FAINT_BELOW)."""
    from dataclasses import replace

    kept = [f for f in report.findings if not f.faint]
    return report if len(kept) == len(report.findings) else replace(report, findings=kept)


def render_check(fmt: str, reports: Sequence, *, names: Sequence[tuple] = (), color: bool = False,
                 show_all: bool = False, as_list: bool = False, fail_on: Severity = Severity.WARNING,
                 disabled_rules: Sequence[str] = ()) -> str:
    """Render the reports of `aligner check`. `names` holds (source, target) display names per report,
    used where a report has no Origin; `as_list` marks the reports as items of a corpus (--pairs,
    directories, a bilingual file): json is then an array even for one report, and text leaves out
    the items with nothing to show and the per-item signature (render_corpus_end closes it);
    `fail_on` is the severity that fails the check (junit failures, the markdown verdict);
    `disabled_rules` did not run, so junit gives them no test case. Faint findings (findings.py)
    reach only the data formats, json and jsonl, unless `show_all`."""
    if fmt not in DATA_FORMATS and not show_all:
        reports = [without_faint(r) for r in reports]
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
        rendered = (render_text(r, *n, color=color, show_all=show_all, in_corpus=as_list)
                    for r, n in zip(reports, names))
        return "\n".join(text for text in rendered if text)
    if fmt == "sarif":
        from aligner.report.sarif import render_sarif

        return render_sarif(reports, names)
    if fmt == "junit":
        from aligner.report.junit import render_junit

        return render_junit(reports, names, fail_on=fail_on, disabled=disabled_rules)
    if fmt == "github":
        from aligner.report.github import render_github

        return render_github(reports, names)
    if fmt == "markdown":
        from aligner.report.markdown import render_markdown

        return render_markdown(reports, names, fail_on=fail_on)
    if fmt == "html":
        from aligner.report.html import render_html

        return render_html(reports, names)
    raise ValueError(f"unknown format {fmt!r}")


def render_corpus_end(fmt: str, tally, color: bool = False) -> str:
    """What a streamed corpus report prints after its last item: the text format's tally
    (report.text.CorpusTally) and signature; nothing for the other streaming formats."""
    if fmt != "text":
        return ""
    from aligner.report.text import render_text_tally

    return render_text_tally(tally, color=color)


def render_alignment(fmt: str, report) -> str:
    from aligner.report import alignment

    renderers = {"beads": alignment.render_beads, "tsv": alignment.render_tsv, "json": alignment.render_alignment_json}
    return renderers[fmt](report)
