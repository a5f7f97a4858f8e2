"""Renderers against golden files, and the JSON report against the contract's shape.

Regenerate the golden files after an intended change with: UPDATE_GOLDEN=1 pytest tests/test_report.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from aligner.align import Bead
from aligner.document import Document
from aligner.findings import Finding, Kind, Severity
from aligner.result import Origin, Report, Signature
from aligner.report import render_alignment, render_check, render_corpus_end
from aligner.report.text import CorpusTally

GOLDEN = Path(__file__).resolve().parent / "golden"

SOURCE = "The council met on Tuesday. It approved 1,250,000 euros.\nThe mayor was pleased, and the press too."
TARGET = "Zusätzlich eine Einleitung\nDer Rat tagte am Dienstag. Er bewilligte 1.250.000 Euro.\nDer Bürgermeister war zufrieden."


def sample_report(report_id=None) -> Report:
    source = Document(SOURCE, "en", ((0, 27), (28, 56), (57, 98)))
    target = Document(TARGET, "de", ((0, 26), (27, 53), (54, 83), (84, 116)))
    beads = (Bead((), (0,), 0.0), Bead((0,), (1,), 0.9123), Bead((1,), (2,), 0.88), Bead((2,), (3,), 0.61))
    findings = (
        Finding("sentence-addition", Kind.ADDITION, Severity.ERROR, 0.93, None, (0, 26),
                "Target sentence “Zusätzlich eine Einleitung” has no counterpart in the source."),
        Finding("partial-omission", Kind.OMISSION, Severity.WARNING, 0.71, (80, 97), None,
                "Source clause “and the press too” has no counterpart in the translation."),
    )
    signature = Signature(tool="0.0.0-test", model="test-model", splitter="punkt-en/de",
                          thresholds={"error_at": 0.75, "warning_at": 0.5}, align={"max_bead": 8})
    return Report(source, target, beads, findings, signature, id=report_id)


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_sample_spans_are_what_they_say():
    report = sample_report()
    assert report.source.sentence(2) == "The mayor was pleased, and the press too."
    assert SOURCE[80:97] == "and the press too"
    assert report.target.sentence(0) == "Zusätzlich eine Einleitung"


def test_text_report_without_colour_matches_golden():
    check_golden("report.txt", render_check("text", [sample_report()], names=[("en.txt", "de.txt")]))


def test_text_report_with_colour_matches_golden():
    text = render_check("text", [sample_report()], names=[("en.txt", "de.txt")], color=True)
    assert "\x1b[1;31m" in text  # the error is painted red
    check_golden("report-color.txt", text)


def test_text_report_show_all_includes_clean_pairs():
    problems = render_check("text", [sample_report()])
    everything = render_check("text", [sample_report()], show_all=True)
    assert "Der Rat tagte am Dienstag." not in problems
    assert "Der Rat tagte am Dienstag." in everything


def quiet_report(report_id: str, findings=()) -> Report:
    """The sample pair with other findings: none, or only info hints."""
    from dataclasses import replace

    return replace(sample_report(report_id), findings=tuple(findings))


def test_a_text_corpus_shows_its_items_with_problems_and_one_tally_at_the_end():
    hint = Finding("partial-omission", Kind.OMISSION, Severity.INFO, 0.05, (80, 97), None, "A hint.")
    faint = Finding("partial-omission", Kind.OMISSION, Severity.INFO, 0.005, (57, 79), None, "A faint hint.")
    reports = [quiet_report("clean"), sample_report("seg-7"), quiet_report("hinted", [hint, faint])]
    tally = CorpusTally()
    items = []
    for report in reports:  # as the CLI streams them, one at a time
        items.append(render_check("text", [report], as_list=True))
        tally.add(report)
    assert items[0] == items[2] == ""  # nothing to show
    assert items[1].startswith("seg-7: ") and "test-model" not in items[1]  # no signature per item
    end = render_corpus_end("text", tally)
    assert end.splitlines() == [
        "3 items checked; 3 findings in 2 of them (1 error, 1 warning, 1 info)",  # the faint one not counted
        "1 info finding not shown (--show all shows them)",
        str(sample_report().signature),
    ]
    assert render_corpus_end("jsonl", tally) == ""


def test_a_text_corpus_with_show_all_shows_every_item_and_hides_nothing():
    tally = CorpusTally(show_all=True)
    tally.add(quiet_report("clean"))
    assert render_check("text", [quiet_report("clean")], as_list=True, show_all=True).startswith("clean: ")
    assert render_corpus_end("text", tally).splitlines()[0] == "1 item checked; no findings"
    assert "not shown" not in render_corpus_end("text", tally)


def test_a_segments_text_report_gives_the_lines_of_its_file():
    from dataclasses import replace

    segment = replace(sample_report("seg-7"), origin=Origin("ui.xlf", "ui.xlf", "seg-7", 12, 5, 20, 9))
    headers = [line for line in render_check("text", [segment], show_all=True).splitlines() if line.startswith("──")]
    assert headers[0].startswith("── pair 1 · no EN ↔ DE 1 (line 20)")
    assert headers[1].startswith("── pair 2 · EN 1 (line 12) ↔ DE 2 (line 21)")  # the target's second line


def test_json_report_matches_golden_and_contract_shape():
    text = render_check("json", [sample_report()])
    check_golden("report.json", text)
    report = json.loads(text)
    assert "id" not in report  # only in --pairs mode
    assert report["source"] == {"lang": "en", "sentences": [[0, 27], [28, 56], [57, 98]]}
    assert report["alignment"][0] == {"source": [], "target": [0], "score": 0.0}
    finding = report["findings"][1]
    assert set(finding) == {"kind", "rule", "severity", "confidence", "source_span", "target_span", "message"}
    assert finding["kind"] == "omission" and finding["source_span"] == [80, 97] and finding["target_span"] is None
    assert report["signature"]["model"] == "test-model"


def test_jsonl_carries_ids_one_report_per_line():
    text = render_check("jsonl", [sample_report("a"), sample_report("b")])
    lines = text.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["a", "b"]


@pytest.mark.parametrize("fmt", ["beads", "tsv", "json"])
def test_alignment_formats_match_golden(fmt):
    check_golden(f"alignment.{fmt}", render_alignment(fmt, sample_report()))


def test_beads_format_is_the_scorers():
    assert render_alignment("beads", sample_report()).splitlines() == [
        "[]:[0]:0.0000", "[0]:[1]:0.9123", "[1]:[2]:0.8800", "[2]:[3]:0.6100"]
