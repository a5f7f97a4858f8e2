"""The CI and review formats of `aligner check`: sarif, junit, github, markdown, html.

Golden files pin each format's output for hand-made reports (no model needed); structural tests
check what their consumers rely on. Regenerate the golden files after an intended change with:
UPDATE_GOLDEN=1 pytest tests/test_render_formats.py
"""

from __future__ import annotations

import html
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import List, Tuple

import pytest

from aligner.align import Bead
from aligner.checks.registry import all_rules
from aligner.document import Document
from aligner.findings import FAINT_BELOW, Finding, Kind, Severity
from aligner.report import CHECK_FORMATS, STREAMING_FORMATS, render_check
from aligner.report.github import escape_data, escape_property
from aligner.report.locate import FilePosition, locate_finding, position_in_file
from aligner.report.markdown import escape as md_escape
from aligner.result import Origin, Report, Signature

GOLDEN = Path(__file__).resolve().parent / "golden"
SIGNATURE = Signature(tool="0.0.0-test", model="test-model", splitter="punkt-en/de",
                      thresholds={"error_at": 0.75, "warning_at": 0.5}, align={"max_bead": 8})
NAMES = [("en.txt", "de.txt")]


def span(text: str, part: str, start: int = 0) -> Tuple[int, int]:
    """The offsets of `part` in `text`, so that no test hard-codes a number it could get wrong."""
    at = text.index(part, start)
    return (at, at + len(part))


def sentences(text: str, parts: List[str]) -> Tuple[Tuple[int, int], ...]:
    out, pos = [], 0
    for part in parts:
        a, b = span(text, part, pos)
        out.append((a, b))
        pos = b
    return tuple(out)


# A plain file pair (no origin): every kind of finding, one of each severity.
FILE_SOURCE = ("The council met on Tuesday. It approved 1,250,000 euros.\n"
               "The mayor was pleased, and the press too. Tickets go on sale on Friday.")
FILE_TARGET = ("Zusätzlich eine Einleitung.\nDer Rat tagte am Dienstag. Er bewilligte 1.520.000 Euro.\n"
               "Der Bürgermeister war zufrieden. Tickets go on sale on Friday.")
FILE_SOURCE_SENTENCES = ["The council met on Tuesday.", "It approved 1,250,000 euros.",
                         "The mayor was pleased, and the press too.", "Tickets go on sale on Friday."]
FILE_TARGET_SENTENCES = ["Zusätzlich eine Einleitung.", "Der Rat tagte am Dienstag.", "Er bewilligte 1.520.000 Euro.",
                         "Der Bürgermeister war zufrieden.", "Tickets go on sale on Friday."]


def file_report(prefix: str = "") -> Report:
    """`prefix` is put before both texts, to move every offset without changing what is flagged."""
    src, tgt = prefix + FILE_SOURCE, prefix + FILE_TARGET
    lead = ["Prefix sentence."] if prefix else []
    source = Document(src, "en", sentences(src, lead + FILE_SOURCE_SENTENCES))
    target = Document(tgt, "de", sentences(tgt, lead + FILE_TARGET_SENTENCES))
    shift = len(lead)
    beads = tuple(Bead(tuple(i + shift for i in s), tuple(j + shift for j in t), score) for s, t, score in
                  [((), (0,), 0.0), ((0,), (1,), 0.9123), ((1,), (2,), 0.71), ((2,), (3,), 0.61), ((3,), (4,), 0.98)])
    if prefix:
        beads = (Bead((0,), (0,), 0.99),) + beads
    findings = (
        Finding("sentence-addition", Kind.ADDITION, Severity.ERROR, 0.93, None, span(tgt, "Zusätzlich eine Einleitung."),
                "Target sentence “Zusätzlich eine Einleitung.” has no counterpart in the source."),
        Finding("number-mismatch", Kind.MISTRANSLATION, Severity.ERROR, 0.9, span(src, "1,250,000"),
                span(tgt, "1.520.000"), "Source number “1,250,000” appears as “1.520.000” in the translation."),
        Finding("partial-omission", Kind.OMISSION, Severity.WARNING, 0.71, span(src, "and the press too"), None,
                "Source clause “and the press too” has no counterpart in the translation."),
        Finding("untranslated-sentence", Kind.UNTRANSLATED, Severity.INFO, 0.42, None,
                span(tgt, "Tickets go on sale on Friday."),
                "Target sentence “Tickets go on sale on Friday.” reads as English."),
    )
    return Report(source, target, beads, findings, SIGNATURE)


# One segment of an XLIFF file whose source text starts at line 7, column 5 and whose target text
# starts at line 12, column 9; both texts hold a newline, so a later sentence is on the next file line.
SEGMENT_SOURCE = "The vote was postponed. Officials gave no reason.\nA new date was not set."
SEGMENT_TARGET = "Die Abstimmung wurde verschoben.\nA new date was not set."


def segment_report() -> Report:
    source = Document(SEGMENT_SOURCE, "en", sentences(SEGMENT_SOURCE, [
        "The vote was postponed.", "Officials gave no reason.", "A new date was not set."]))
    target = Document(SEGMENT_TARGET, "de", sentences(SEGMENT_TARGET, [
        "Die Abstimmung wurde verschoben.", "A new date was not set."]))
    beads = (Bead((0,), (0,), 0.93), Bead((1,), (), 0.0), Bead((2,), (1,), 0.97))
    findings = (
        Finding("sentence-omission", Kind.OMISSION, Severity.ERROR, 0.88, span(SEGMENT_SOURCE, "Officials gave no reason."),
                None, "Source sentence “Officials gave no reason.” has no counterpart in the translation."),
        Finding("untranslated-sentence", Kind.UNTRANSLATED, Severity.WARNING, 0.66, None,
                span(SEGMENT_TARGET, "A new date was not set."),
                "Target sentence “A new date was not set.” reads as English."),
    )
    origin = Origin(source_path="locale/ui.xlf", target_path="locale/ui.xlf", segment_id="vote-2",
                    source_line=7, source_column=5, target_line=12, target_column=9)
    return Report(source, target, beads, findings, SIGNATURE, id="vote-2", origin=origin)


# Text that must be escaped in every format: markup, table pipes, mentions, percent signs.
HOSTILE_SOURCE = "Press Save | 100% done, @team: ok."
HOSTILE_TARGET = "Drücke <script>alert('x')</script> & weiter | 100% fertig, @team: ok."


def hostile_report() -> Report:
    source = Document(HOSTILE_SOURCE, "en", ((0, len(HOSTILE_SOURCE)),))
    target = Document(HOSTILE_TARGET, "de", ((0, len(HOSTILE_TARGET)),))
    findings = (Finding("low-similarity", Kind.MISTRANSLATION, Severity.WARNING, 0.6, None,
                        span(HOSTILE_TARGET, "<script>alert('x')</script>"),
                        "Pair “<script>alert('x')</script> & weiter | 100% fertig,\r\n@team: *ok*” means something else."),)
    origin = Origin(source_path="dir/a,b:c.txt", target_path="dir/d,e:f.txt")
    return Report(source, target, (Bead((0,), (0,), 0.41),), findings, SIGNATURE, origin=origin)


def golden_reports() -> List[Report]:
    return [file_report(), segment_report()]


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def finding_of(report: Report, rule: str) -> Finding:
    return next(f for f in report.findings if f.rule == rule)


# --- the formats as a whole ------------------------------------------------------------------------

def test_every_new_format_is_offered_and_the_streaming_ones_concatenate():
    assert set(CHECK_FORMATS) >= {"text", "json", "jsonl", "sarif", "junit", "github", "markdown", "html"}
    assert STREAMING_FORMATS == ("text", "jsonl", "github")
    reports = golden_reports()
    for fmt in ("jsonl", "github"):  # one report at a time gives the same output as all at once
        one_by_one = "".join(render_check(fmt, [r], names=NAMES[k:k + 1]) for k, r in enumerate(reports))
        assert one_by_one == render_check(fmt, reports, names=NAMES)


@pytest.mark.parametrize("fmt, name", [("sarif", "report.sarif"), ("junit", "report.junit.xml"),
                                       ("github", "report.github"), ("markdown", "report.md"),
                                       ("html", "report.html")])
def test_format_matches_golden(fmt, name):
    check_golden(name, render_check(fmt, golden_reports(), names=NAMES))


@pytest.mark.parametrize("fmt", ["sarif", "junit", "github", "markdown", "html"])
def test_no_reports_and_clean_reports_render(fmt):
    empty = render_check(fmt, [])
    clean = Report(Document("Hello.", "en", ((0, 6),)), Document("Hallo.", "de", ((0, 6),)),
                   (Bead((0,), (0,), 0.95),), (), SIGNATURE)
    assert isinstance(empty, str)
    assert isinstance(render_check(fmt, [clean], names=NAMES), str)


def with_faint_hint(report: Report) -> Tuple[Report, Finding]:
    """The report plus a faint length hint (findings.FAINT_BELOW) on its last pair."""
    hint = Finding("partial-omission", Kind.OMISSION, Severity.INFO, FAINT_BELOW / 2,
                   report.source.sentences[-1], report.target.sentences[-1],
                   "The translation “FAINT HINT” is 8% shorter than the document's own length ratio predicts.")
    return Report(report.source, report.target, report.beads, report.findings + (hint,), report.signature), hint


@pytest.mark.parametrize("fmt", CHECK_FORMATS)
def test_faint_findings_reach_the_data_formats_only_unless_show_all(fmt):
    report, hint = with_faint_hint(file_report())
    assert hint.faint and not finding_of(report, "untranslated-sentence").faint  # info, but 0.42 likely
    shown = render_check(fmt, [report], names=NAMES)
    everything = render_check(fmt, [report], names=NAMES, show_all=True)
    assert "FAINT HINT" in everything
    assert ("FAINT HINT" in shown) == (fmt in ("json", "jsonl"))
    assert "1,250,000" in shown  # the other findings are untouched


# --- locating a finding in its file ------------------------------------------------------------

def test_position_in_file_counts_code_points_from_the_segment_start():
    text = "Größe: ä\nzweite Zeile\r\ndritte\rvierte"
    assert position_in_file(text, 0) == FilePosition(1, 1)
    assert position_in_file(text, text.index("ä")) == FilePosition(1, 8)  # code points, not bytes
    assert position_in_file(text, text.index("ä"), 7, 5) == FilePosition(7, 12)  # first line: shifted
    assert position_in_file(text, text.index("zweite"), 7, 5) == FilePosition(8, 1)  # later lines: not
    assert position_in_file(text, text.index("Zeile"), 7, 5) == FilePosition(8, 8)
    assert position_in_file(text, text.index("dritte")) == FilePosition(3, 1)  # CR LF is one break
    assert position_in_file(text, text.index("vierte")) == FilePosition(4, 1)  # a lone CR is a break
    assert position_in_file(text, len(text)) == FilePosition(4, 7)


def test_locations_fall_back_to_the_given_names_then_source_and_target():
    report = file_report()
    omission = finding_of(report, "partial-omission")
    assert locate_finding(report, omission, NAMES[0]).path == "en.txt"
    assert locate_finding(report, omission).path == "source"
    assert locate_finding(report, finding_of(report, "sentence-addition")).path == "target"


# --- sarif -------------------------------------------------------------------------------------------

def sarif_of(reports, names=NAMES) -> dict:
    return json.loads(render_check("sarif", reports, names=names))


def region_of(result: dict) -> dict:
    return result["locations"][0]["physicalLocation"]["region"]


def test_sarif_is_2_1_0_with_every_rule_documented():
    sarif = sarif_of(golden_reports())
    assert sarif["version"] == "2.1.0" and "sarif-2.1.0" in sarif["$schema"]
    assert len(sarif["runs"]) == 1
    driver = sarif["runs"][0]["tool"]["driver"]
    assert driver["name"] == "aligner" and driver["version"] == "0.0.0-test"
    rules = all_rules()
    assert [r["id"] for r in driver["rules"]] == list(rules)
    for descriptor in driver["rules"]:
        doc = rules[descriptor["id"]]
        assert descriptor["shortDescription"]["text"] == doc.title
        assert descriptor["fullDescription"]["text"] == doc.checks
        assert descriptor["help"]["text"] == doc.explain()
        for part in (doc.why, doc.fix, doc.example_source):
            assert part in descriptor["help"]["markdown"]
        assert descriptor["defaultConfiguration"]["level"] in {"error", "warning", "note", "none"}
    assert sarif["runs"][0]["properties"]["signature"] == SIGNATURE.to_dict()


def test_sarif_results_name_known_rules_with_levels_from_severity():
    sarif = sarif_of(golden_reports())
    run = sarif["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    results = run["results"]
    assert len(results) == 6
    levels = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    findings = [f for r in golden_reports() for f in r.findings]
    for result, finding in zip(results, findings):
        assert result["ruleId"] in rule_ids and rule_ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] == levels[finding.severity]
        assert result["message"]["text"] == finding.message
        assert result["properties"] == {"kind": finding.kind.value, "confidence": finding.confidence,
                                        "side": "source" if finding.kind is Kind.OMISSION else "target"}
        assert set(result["partialFingerprints"]) == {"alignerFinding/v1"}


def test_sarif_regions_of_a_whole_file_carry_offsets_and_the_right_file():
    results = sarif_of([file_report()])["runs"][0]["results"]
    by_rule = {r["ruleId"]: r for r in results}
    omission = by_rule["partial-omission"]
    assert omission["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "en.txt"
    start, end = span(FILE_SOURCE, "and the press too")
    line2 = FILE_SOURCE.index("\n") + 1
    assert region_of(omission) == {"startLine": 2, "startColumn": start - line2 + 1, "endLine": 2,
                                   "endColumn": end - line2 + 1, "charOffset": start, "charLength": end - start,
                                   "snippet": {"text": "and the press too"}}
    addition = by_rule["sentence-addition"]
    assert addition["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "de.txt"
    assert (region_of(addition)["startLine"], region_of(addition)["startColumn"]) == (1, 1)
    assert "logicalLocations" not in addition["locations"][0]


def test_sarif_regions_inside_a_segment_start_at_its_line_and_column():
    results = sarif_of([segment_report()])["runs"][0]["results"]
    omission, untranslated = results
    # On the segment's first line: the segment's column plus the offset.
    a, b = span(SEGMENT_SOURCE, "Officials gave no reason.")
    assert region_of(omission) == {"startLine": 7, "startColumn": 5 + a, "endLine": 7, "endColumn": 5 + b,
                                   "snippet": {"text": "Officials gave no reason."}}  # no charOffset in a segment
    assert omission["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "locale/ui.xlf"
    assert omission["locations"][0]["logicalLocations"][0]["name"] == "vote-2"
    # After the newline inside the segment: the next file line, counted from column 1.
    a, b = span(SEGMENT_TARGET, "A new date was not set.")
    newline = SEGMENT_TARGET.index("\n")
    assert a == newline + 1
    region = region_of(untranslated)
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == \
        (13, 1, 13, b - newline)


def test_sarif_fingerprints_ignore_offsets_but_not_the_text():
    def prints(report):
        return [r["partialFingerprints"]["alignerFinding/v1"] for r in sarif_of([report])["runs"][0]["results"]]

    plain, shifted = prints(file_report()), prints(file_report("Prefix sentence. "))
    assert plain == shifted  # the same findings after the text moved
    assert len(set(plain)) == len(plain)


def test_sarif_uris_are_uris():
    results = sarif_of([hostile_report()])["runs"][0]["results"]
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "dir/d%2Ce%3Af.txt"


# --- junit --------------------------------------------------------------------------------------------

def test_junit_parses_with_a_failure_per_failing_rule_and_right_counts():
    root = ET.fromstring(render_check("junit", golden_reports(), names=NAMES))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["en.txt → de.txt", "vote-2"]
    n_rules = len(all_rules())
    for suite in suites:
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases) == n_rules
        assert int(suite.get("failures")) == sum(c.find("failure") is not None for c in cases)
    assert int(root.get("tests")) == 2 * n_rules
    assert int(root.get("failures")) == sum(int(s.get("failures")) for s in suites)

    first = {c.get("name"): c for c in suites[0].findall("testcase")}
    # Three rules found something at or above warning; the untranslated sentence is info only.
    failed = {name for name, c in first.items() if c.find("failure") is not None}
    assert failed == {"sentence-addition", "number-mismatch", "partial-omission"}
    assert "de.txt:2:42" in first["number-mismatch"].find("failure").text
    assert first["untranslated-sentence"].find("failure") is None
    assert "reads as English" in first["untranslated-sentence"].find("system-out").text
    second = {c.get("name"): c for c in suites[1].findall("testcase")}
    assert "locale/ui.xlf:7:29 (vote-2)" in second["sentence-omission"].find("failure").text


def test_junit_fail_on_error_moves_warnings_out_of_the_failures():
    root = ET.fromstring(render_check("junit", golden_reports(), names=NAMES, fail_on=Severity.ERROR))
    suite = root.findall("testsuite")[0]
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert suite.get("failures") == "2"
    assert cases["partial-omission"].find("failure") is None
    assert cases["partial-omission"].find("system-out") is not None


def test_junit_leaves_out_disabled_rules_and_survives_control_characters():
    report = hostile_report()
    bad = Report(report.source, report.target, report.beads,
                 (Finding("low-similarity", Kind.MISTRANSLATION, Severity.ERROR, 0.9, None, (0, 3), "bell \x07 here"),),
                 SIGNATURE)
    root = ET.fromstring(render_check("junit", [bad], disabled_rules=["number-mismatch"]))
    names = [c.get("name") for c in root.iter("testcase")]
    assert "number-mismatch" not in names and "low-similarity" in names
    assert root.get("failures") == "1"


# --- github ---------------------------------------------------------------------------------------

def test_github_annotations_one_line_per_finding():
    lines = render_check("github", golden_reports(), names=NAMES).splitlines()
    assert len(lines) == 6
    _, b = span(FILE_TARGET, "Zusätzlich eine Einleitung.")
    assert lines[0] == (f"::error file=de.txt,line=1,col=1,endLine=1,endColumn={b + 1},"
                        "title=aligner sentence-addition::Target sentence “Zusätzlich eine Einleitung.” "
                        "has no counterpart in the source.")
    assert lines[2].startswith("::warning file=en.txt,line=2,")
    assert lines[3].startswith("::notice file=de.txt,line=3,")
    assert lines[4].startswith("::error file=locale/ui.xlf,line=7,col=29,")
    assert lines[4].split("::")[2].startswith("[vote-2] ")


def test_github_escapes_data_and_properties_as_documented():
    assert escape_data("100% a\r\nb") == "100%25 a%0D%0Ab"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"
    (line,) = render_check("github", [hostile_report()]).splitlines()
    assert line.startswith("::warning file=dir/d%2Ce%3Af.txt,line=1,")
    message = line.split("::", 2)[2]
    assert "\r" not in message and "%0D%0A@team" in message and "100%25 fertig" in message


# --- markdown -------------------------------------------------------------------------------------

def test_markdown_has_totals_a_kind_table_and_escaped_findings():
    text = render_check("markdown", golden_reports(), names=NAMES)
    assert text.startswith("### aligner: 6 findings")
    assert "**5 at or above warning**" in text
    assert "| omission | 1 | 1 | 0 | 2 |" in text
    assert "| **total** | **3** | **2** | **1** | **6** |" in text
    assert "locale/ui.xlf:7:29 (vote-2)" in text
    assert "<sub>aligner 0.0.0-test" in text


def test_markdown_escapes_pipes_markup_and_mentions():
    assert md_escape("a | b *c* <x> @me") == "a \\| b \\*c\\* &lt;x&gt; \\@me"
    text = render_check("markdown", [hostile_report()])
    row = next(line for line in text.splitlines() if line.startswith("| warning |"))
    assert row.count(" | ") == 3  # the quoted pipe does not open a column
    assert "<script>" not in text and "&lt;script&gt;" in text and "\\@team" in text


def test_markdown_folds_long_lists():
    report = file_report()
    many = Report(report.source, report.target, report.beads, tuple(report.findings) * 2, SIGNATURE)
    text = render_check("markdown", [many])
    assert "<details><summary>8 findings</summary>" in text
    assert "<details>" not in render_check("markdown", [report])


# --- html -------------------------------------------------------------------------------------------

NETWORK = re.compile(r"""(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?//"""
                     r"""|url\(\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?//|@import""", re.IGNORECASE)


def test_html_is_self_contained():
    page = render_check("html", golden_reports() + [hostile_report()], names=NAMES)
    assert "http://" not in page and "https://" not in page
    assert not NETWORK.search(page)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    for attribute in re.findall(r"""(?:src|href)\s*=\s*["']([^"']*)""", page):
        assert attribute.startswith("#")  # only links inside the page


def test_html_escapes_the_texts():
    page = render_check("html", [hostile_report()])
    assert page.count("<script>") == 1  # the page's own script only
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<b>" not in page


def test_html_shows_aligned_pairs_with_marked_spans_and_findings():
    page = render_check("html", golden_reports(), names=NAMES)
    assert page.count('<tr id="r1-p') == 5 and page.count('<tr id="r2-p') == 3
    assert '<mark class="k-omission s-warning" data-kinds="omission"' in page
    assert ">and the press too</mark>" in page
    assert 'title="number-mismatch: Source number' in page
    assert page.count('<li class="finding"') == 6
    assert '<td class="none">no counterpart</td>' in page  # the added and the omitted sentence
    for kind in Kind:
        assert f'name="kind" value="{kind.value}"' in page
    assert 'id="only-flagged"' in page
    for rule_id in ("sentence-addition", "number-mismatch", "partial-omission", "sentence-omission"):
        assert f'id="rule-{rule_id}"' in page
        assert html.escape(all_rules()[rule_id].why) in page  # rule help comes from the RuleDoc


def test_html_overlapping_marks_split_into_pieces():
    report = file_report()
    a, b = span(FILE_TARGET, "Er bewilligte 1.520.000 Euro.")
    wide = Finding("low-similarity", Kind.MISTRANSLATION, Severity.WARNING, 0.6, None, (a, b), "Pair means something else.")
    both = Report(report.source, report.target, report.beads, tuple(report.findings) + (wide,), SIGNATURE)
    page = render_check("html", [both])
    assert ">Er bewilligte </mark>" in page
    assert 'title="number-mismatch: Source number “1,250,000” appears as “1.520.000” in the translation.\n' \
           'low-similarity: Pair means something else.">1.520.000</mark>' in page


def test_html_without_javascript_shows_everything():
    page = render_check("html", golden_reports(), names=NAMES)
    # Only the filters start hidden (they need the script); every row and finding is in plain view.
    assert re.findall(r"<[^>]*\bhidden\b[^>]*>", page) == ['<fieldset id="filters" hidden>']
