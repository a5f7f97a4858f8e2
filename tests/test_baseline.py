"""The baseline: fingerprints that survive edits elsewhere, and `check --baseline` failing only on new findings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from aligner.baseline import Baseline, baseline_entries, fingerprints, load_baseline, suppress, write_baseline
from aligner.document import Document
from aligner.errors import InputError
from aligner.findings import FAINT_BELOW, Finding, Kind, Severity
from aligner.result import Origin, Report, Signature

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SIGNATURE = Signature(tool="test", model="fake", splitter="lines", thresholds={}, align={})
MISSING = "The minister resigned on Friday."
EN_DE = Origin("en.txt", "de.txt")


def shown(findings):
    """The JSON findings a person is shown: faint ones (findings.FAINT_BELOW) are there for ranking."""
    return [f for f in findings if not (f["severity"] == "info" and f["confidence"] < FAINT_BELOW)]


def report_of(source: str, target: str, *quoted_omissions: str, origin: Origin = EN_DE) -> Report:
    """A report with one omission finding per quoted source passage (offsets found in `source`)."""
    findings = []
    start = 0
    for passage in quoted_omissions:
        start = source.index(passage, start)
        findings.append(Finding("sentence-omission", Kind.OMISSION, Severity.ERROR, 0.9,
                                (start, start + len(passage)), None, f"“{passage}” is missing"))
        start += len(passage)
    return Report(source=Document(source, "en", ()), target=Document(target, "de", ()), beads=(),
                  findings=findings, signature=SIGNATURE, origin=origin)


# ----------------------------------------------------------------- fingerprints


def test_fingerprint_survives_text_inserted_before_the_finding(tmp_path):
    before = report_of(f"Hello there. {MISSING} Goodbye.", "Hallo. Tschüss.", MISSING)
    after = report_of(f"A new first paragraph.\n\nHello there.  {MISSING} Goodbye.", "Neu. Hallo. Tschüss.", MISSING)
    assert before.findings[0].source_span != after.findings[0].source_span
    assert fingerprints(before, tmp_path) == fingerprints(after, tmp_path)


def test_fingerprint_ignores_line_breaks_inside_the_quote_but_not_its_words(tmp_path):
    one_line = report_of(f"{MISSING}", "x", MISSING)
    wrapped = report_of("The minister\n   resigned on Friday.", "x", "The minister\n   resigned on Friday.")
    changed = report_of("The minister resigned on Monday.", "x", "The minister resigned on Monday.")
    assert fingerprints(one_line, tmp_path) == fingerprints(wrapped, tmp_path)
    assert fingerprints(one_line, tmp_path) != fingerprints(changed, tmp_path)


def test_the_same_finding_twice_gets_two_fingerprints(tmp_path):
    report = report_of(f"{MISSING} And again: {MISSING}", "x", MISSING, MISSING)
    first, second = fingerprints(report, tmp_path)
    assert first != second
    # Fixing one of them leaves one finding, which is the first occurrence: still in the baseline.
    fixed = report_of(f"{MISSING} And again.", "x", MISSING)
    assert fingerprints(fixed, tmp_path) == [first]


def test_fingerprint_depends_on_the_files_relative_to_the_baseline(tmp_path):
    here = report_of(MISSING, "x", MISSING, origin=Origin(str(tmp_path / "en.txt"), str(tmp_path / "de.txt")))
    relative = report_of(MISSING, "x", MISSING, origin=Origin(os.path.relpath(tmp_path / "en.txt"),
                                                               os.path.relpath(tmp_path / "de.txt")))
    other = report_of(MISSING, "x", MISSING, origin=Origin(str(tmp_path / "en2.txt"), str(tmp_path / "de2.txt")))
    assert fingerprints(here, tmp_path) == fingerprints(relative, tmp_path)  # absolute or relative: one file
    assert fingerprints(here, tmp_path) != fingerprints(other, tmp_path)


def test_suppress_drops_known_findings_and_counts_them(tmp_path):
    old = report_of(f"{MISSING} Goodbye.", "Tschüss.", MISSING)
    path = tmp_path / "baseline.json"
    write_baseline(path, baseline_entries(old, tmp_path))
    known = load_baseline(str(path))
    new = report_of(f"{MISSING} Goodbye.", "x", MISSING, "Goodbye.")
    kept, dropped, matched = suppress(new, known)
    assert dropped == 1 and len(matched) == 1
    assert [f.message for f in kept.findings] == ["“Goodbye.” is missing"]


# ----------------------------------------------------------------- the file


def test_baseline_file_is_readable_json(tmp_path):
    path = tmp_path / "b.json"
    origin = Origin(str(tmp_path / "en" / "a.txt"), str(tmp_path / "de" / "a.txt"))
    report = report_of(MISSING, "x", MISSING, origin=origin)
    write_baseline(path, baseline_entries(report, tmp_path))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "aligner-baseline" and data["version"] == 1
    entry = data["findings"][0]
    assert (entry["rule"], entry["where"], entry["text"]) == ("sentence-omission", "en/a.txt -> de/a.txt", MISSING)
    assert entry["fingerprint"] == fingerprints(report, tmp_path)[0]


@pytest.mark.parametrize("content, needle", [
    ("{not json", "damaged baseline (not JSON"),
    ('{"format": "something-else", "findings": []}', "not an aligner baseline file"),
    ('{"format": "aligner-baseline", "version": 99, "findings": []}', "baseline version 99"),
    ('{"format": "aligner-baseline", "version": 1, "findings": [{"rule": "x"}]}', "an entry has no fingerprint"),
])
def test_damaged_baseline_is_an_input_error(tmp_path, content, needle):
    path = tmp_path / "b.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as refused:
        load_baseline(str(path))
    assert needle in str(refused.value) and "aligner baseline" in str(refused.value)


def test_damaged_baseline_is_one_line_and_exit_2(tmp_path):
    path = tmp_path / "b.json"
    path.write_text("{not json", encoding="utf-8")
    result = run("check", str(SEEDS / "en.txt"), str(SEEDS / "de.txt"), "--baseline", str(path), cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"aligner: error: {path}: damaged baseline")


def test_missing_baseline_names_the_command_that_makes_one(tmp_path):
    result = run("check", str(SEEDS / "en.txt"), str(SEEDS / "de.txt"), "--baseline", "nope.json", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == ("aligner: error: nope.json: no such baseline file; create it with `aligner baseline` "
                             "(same inputs as `aligner check`)\n")


# ----------------------------------------------------------------- record, then check


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "aligner", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ}, timeout=300)


@pytest.mark.model
def test_record_then_check_fails_only_on_new_findings(tmp_path):
    (tmp_path / ".git").mkdir()  # no configuration from above
    en, de = tmp_path / "en.txt", tmp_path / "de.txt"
    en.write_text((SEEDS / "en.txt").read_text(encoding="utf-8"), encoding="utf-8")
    de.write_text((SEEDS / "de.txt").read_text(encoding="utf-8"), encoding="utf-8")

    recorded = run("baseline", "en.txt", "de.txt", cwd=tmp_path)
    assert recorded.returncode == 0, recorded.stderr
    count = len(json.loads((tmp_path / ".aligner-baseline.json").read_text(encoding="utf-8"))["findings"])
    assert count >= 4  # the seed's known defects
    assert recorded.stderr == f"aligner: recorded {count} findings in .aligner-baseline.json\n"

    clean = run("check", "en.txt", "de.txt", "--baseline", ".aligner-baseline.json", "--format", "json", cwd=tmp_path)
    assert clean.returncode == 0, clean.stderr
    assert json.loads(clean.stdout)["findings"] == []
    assert clean.stderr == f"aligner: {count} findings suppressed by the baseline .aligner-baseline.json\n"

    # Text inserted before every finding moves all offsets: the old findings stay suppressed.
    en.write_text("The weather was mild on Monday, and the markets were calm.\n" + en.read_text(encoding="utf-8"),
                  encoding="utf-8")
    de.write_text("Das Wetter war am Montag mild, und die Märkte waren ruhig.\n" + de.read_text(encoding="utf-8"),
                  encoding="utf-8")
    moved = run("check", "en.txt", "de.txt", "--baseline", ".aligner-baseline.json", "--format", "json", cwd=tmp_path)
    assert moved.returncode == 0, moved.stdout
    assert shown(json.loads(moved.stdout)["findings"]) == []  # the added pair may bring a faint hint

    # A new defect (the German drops the last sentence) still fails, and it is the only finding shown.
    dropped = " Das teilweise anerkannte Abchasien folgte später in diesem Monat und Syrien tat es Ende Juni ebenfalls."
    assert dropped in de.read_text(encoding="utf-8")
    de.write_text(de.read_text(encoding="utf-8").replace(dropped, ""), encoding="utf-8")
    (tmp_path / "aligner.toml").write_text('baseline = ".aligner-baseline.json"\n', encoding="utf-8")
    new = run("check", "en.txt", "de.txt", "--format", "json", cwd=tmp_path)  # the baseline from the configuration
    assert new.returncode == 1, new.stderr
    findings = shown(json.loads(new.stdout)["findings"])
    assert [f["rule"] for f in findings] == ["sentence-omission"]
    assert "Partially-recognized Abkhazia" in findings[0]["message"]


def test_the_cli_default_is_the_baseline_modules():
    from aligner import baseline, cli

    assert cli.DEFAULT_BASELINE == baseline.DEFAULT_BASELINE


def test_baseline_class_resolves_paths_against_its_folder(tmp_path):
    assert Baseline(tmp_path / "sub" / "b.json", frozenset()).base == (tmp_path / "sub").resolve()
