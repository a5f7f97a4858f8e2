"""The baseline: today's findings, recorded so that later runs fail only on new ones.

`aligner baseline …` writes every finding's fingerprint to a JSON file (default
.aligner-baseline.json); `aligner check --baseline FILE …` drops the findings whose fingerprint
is in it before anything is rendered or the exit status is decided.

A fingerprint must survive edits elsewhere in the file, so it is built from what the finding is
about, never from offsets:

    sha256( rule · where · source quote · target quote · occurrence )[:20 hex digits]

  where       the report's files (relative to the baseline file's folder, so the baseline works
              from any directory) and its id (the --pairs id, the segment id), if any
  quote       the text of the finding's source and target span, white space collapsed to single
              spaces ("" for a side without a span)
  occurrence  0 for the first finding with this rule, place and quotes in the report, 1 for the
              second, ...: the same clause dropped twice is two findings, and fixing one of them
              leaves the other suppressed

Editing the quoted text itself makes the finding new again, which is intended: the reviewer
looks at the changed sentence once more.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Dict, FrozenSet, Iterable, List, Tuple

from aligner.errors import InputError

DEFAULT_BASELINE = ".aligner-baseline.json"
FORMAT = "aligner-baseline"
VERSION = 1
FINGERPRINT_HEX_DIGITS = 20  # 80 bits: no accidental collisions among a corpus's findings


def quote(text: str, span) -> str:
    return " ".join(text[span[0]:span[1]].split()) if span else ""


def report_place(report, base: Path) -> str:
    """Which report a finding belongs to: its files, relative to `base`, and its id."""
    origin = report.origin
    files = []
    if origin is not None:
        for path in dict.fromkeys(p for p in (origin.source_path, origin.target_path) if p):
            files.append(Path(os.path.relpath(os.path.abspath(path), base)).as_posix())
    parts = [" -> ".join(files)] if files else []
    if report.id is not None:
        parts.append(f"#{report.id}")
    return " ".join(parts)


def fingerprints(report, base: Path) -> List[str]:
    """One fingerprint per finding of the report, in the report's order."""
    place = report_place(report, base)
    seen: Counter = Counter()
    prints = []
    for finding in report.findings:
        identity = (finding.rule, place, quote(report.source.text, finding.source_span),
                    quote(report.target.text, finding.target_span))
        occurrence = seen[identity]
        seen[identity] += 1
        digest = hashlib.sha256("\x1f".join((*identity, str(occurrence))).encode("utf-8", "surrogatepass"))
        prints.append(digest.hexdigest()[:FINGERPRINT_HEX_DIGITS])
    return prints


# ----------------------------------------------------------------- writing and reading the file


def baseline_entries(report, base: Path) -> List[Dict[str, str]]:
    """What the file records per finding: the fingerprint, plus rule, place and text for a reader
    of the file (a reviewer sees in the diff what was accepted)."""
    place = report_place(report, base)
    entries = []
    for finding, fingerprint in zip(report.findings, fingerprints(report, base)):
        span_text = quote(report.source.text, finding.source_span) or quote(report.target.text, finding.target_span)
        entries.append({"fingerprint": fingerprint, "rule": finding.rule, "where": place,
                        "text": span_text if len(span_text) <= 100 else span_text[:99] + "…"})
    return entries


def write_baseline(path: Path, entries: Iterable[Dict[str, str]]) -> int:
    """Write the baseline file (atomically: a run reading it never sees half a file); returns the count."""
    from aligner import __version__

    entries = list(entries)
    data = {"format": FORMAT, "version": VERSION, "tool": __version__, "findings": entries}
    temporary = path.with_name(path.name + ".tmp")
    try:
        temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        os.replace(temporary, path)
    except OSError as err:
        raise InputError(f"{path}: cannot write the baseline ({err.strerror}); choose another --output") from None
    return len(entries)


@dataclass(frozen=True)
class Baseline:
    path: Path
    fingerprints: FrozenSet[str]

    @property
    def base(self) -> Path:
        """Report paths in the file are relative to the file's folder."""
        return self.path.resolve().parent


def load_baseline(path: str) -> Baseline:
    """Read a baseline file; a missing or damaged one is an InputError naming the fix."""
    file = Path(path)
    fix = "re-create it with `aligner baseline` (same inputs as `aligner check`)"
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such baseline file; create it with `aligner baseline` "
                         "(same inputs as `aligner check`)") from None
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: cannot read the baseline ({err}); {fix}") from None
    except json.JSONDecodeError as err:
        raise InputError(f"{path}: damaged baseline (not JSON: {err.msg} at line {err.lineno}); {fix}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("findings"), list):
        raise InputError(f"{path}: not an aligner baseline file; {fix}")
    if data.get("version") != VERSION:
        raise InputError(f"{path}: baseline version {data.get('version')!r}, this aligner reads {VERSION}; {fix}")
    prints = [entry.get("fingerprint") if isinstance(entry, dict) else None for entry in data["findings"]]
    if not all(isinstance(p, str) for p in prints):
        raise InputError(f"{path}: damaged baseline (an entry has no fingerprint); {fix}")
    return Baseline(file, frozenset(prints))


def suppress(report, baseline: Baseline) -> Tuple[object, int, FrozenSet[str]]:
    """The report without the findings in the baseline: (report, how many dropped, fingerprints matched)."""
    kept = []
    matched = set()
    for finding, fingerprint in zip(report.findings, fingerprints(report, baseline.base)):
        if fingerprint in baseline.fingerprints:
            matched.add(fingerprint)
        else:
            kept.append(finding)
    dropped = len(report.findings) - len(kept)
    return (replace(report, findings=kept) if dropped else report), dropped, frozenset(matched)
