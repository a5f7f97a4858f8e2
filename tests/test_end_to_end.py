"""The whole pipeline on the demo pair, with the real bundled encoder (shared, loaded once).

The expected defects are the ones a careful reader finds in seeds/ (listed in
../shared/seeds/expected.jsonl): three English passages the German drops, one German lede with
no English source. Each must be found by a flagged finding of its kind whose span overlaps it,
and flagged findings must not pile up elsewhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.findings import Kind, Severity
from aligner.pipeline import check_pair

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# (kind, side, first words of the passage) for each defect a reader finds in the seed pair
EXPECTED = [
    (Kind.OMISSION, "source", "In a statement released by the DPRK’s state media on Friday"),
    (Kind.OMISSION, "source", "Ukraine has no right to “raise issue or dispute"),
    (Kind.OMISSION, "source", "On Wednesday, Ukraine’s Foreign Ministry issued a statement"),
    (Kind.ADDITION, "target", "Anfang dieser Woche erkannte Pjöngjang"),
]


@pytest.fixture(scope="module")
def seed_report(private_cache_dir):
    from aligner.embed import load_encoder

    e5_encoder = load_encoder("e5-small", cache_dir=private_cache_dir)  # the CLI tests reuse its vectors
    source = (SEEDS / "en.txt").read_text(encoding="utf-8")
    target = (SEEDS / "de.txt").read_text(encoding="utf-8")
    return check_pair(source, target, e5_encoder.encode, e5_encoder.name)


def _span_of(text: str, beginning: str) -> tuple:
    start = text.index(beginning)
    return start, start + len(beginning)


def _overlaps(a, b) -> bool:
    return a is not None and a[0] < b[1] and b[0] < a[1]


@pytest.mark.model
@pytest.mark.parametrize("kind, side, beginning", EXPECTED)
def test_seed_defect_is_flagged(seed_report, kind, side, beginning):
    doc = seed_report.source if side == "source" else seed_report.target
    defect = _span_of(doc.text, beginning)
    flagged = [f for f in seed_report.findings if f.severity >= Severity.WARNING and f.kind is kind]
    assert any(_overlaps(getattr(f, f"{side}_span"), defect) for f in flagged), [f.message for f in flagged]


@pytest.mark.model
def test_seed_flags_little_else(seed_report):
    defects = [(kind, side, _span_of((seed_report.source if side == "source" else seed_report.target).text, b))
               for kind, side, b in EXPECTED]
    flagged = [f for f in seed_report.findings if f.severity >= Severity.WARNING]
    stray = [f for f in flagged
             if not any(f.kind is kind and _overlaps(getattr(f, f"{side}_span"), span) for kind, side, span in defects)]
    assert len(stray) <= 1, [f.message for f in stray]


@pytest.mark.model
def test_seed_stray_colon_line_is_not_a_sentence_or_finding(seed_report):
    target = seed_report.target
    colon = target.text.rindex(":")
    assert all(not (a <= colon < b) for a, b in target.sentences)
    assert all(f.target_span is None or f.target_span[1] <= colon for f in seed_report.findings)


@pytest.mark.model
def test_seed_alignment_covers_every_sentence_once(seed_report):
    sources = [i for bead in seed_report.beads for i in bead.source]
    targets = [j for bead in seed_report.beads for j in bead.target]
    assert sources == list(range(len(seed_report.source)))
    assert targets == list(range(len(seed_report.target)))


@pytest.mark.model
def test_every_finding_quotes_its_text(seed_report):
    for f in seed_report.findings:
        span = f.source_span if f.kind is Kind.OMISSION else f.target_span
        doc = seed_report.source if f.kind is Kind.OMISSION else seed_report.target
        quoted = doc.text[span[0]:span[1]][:20]
        assert quoted in f.message
        assert 0.0 <= f.confidence <= 1.0
