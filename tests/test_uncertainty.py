"""bench/uncertainty.py counts what score.py counts, one document at a time (bench/ is scripts,
not a package, so it is put on the path here)."""

import sys
from pathlib import Path

import numpy as np
import pytest

BENCH = str(Path(__file__).resolve().parents[1] / "bench")
if BENCH not in sys.path:
    sys.path.insert(0, BENCH)

from uncertainty import bootstrap, defect_counts, defect_figures, rank_auc  # noqa: E402


def _finding(kind, severity, source_span=None, target_span=None):
    return {"kind": kind, "severity": severity, "source_span": source_span, "target_span": target_span}


def test_defect_counts_follow_the_scorers_rules():
    gold = [
        {"id": "a", "defects": [{"kind": "omission", "side": "source", "start": 10, "end": 20},
                                {"kind": "addition", "side": "target", "start": 5, "end": 5}]},
        {"id": "b", "defects": []},
    ]
    reports = {
        "a": {"findings": [
            _finding("omission", "warning", source_span=[15, 30]),  # right: overlaps on the source side
            _finding("omission", "warning", target_span=[10, 20]),  # wrong side: no source span
            _finding("addition", "error", target_span=[4, 6]),  # right: an empty defect counts as one character
            _finding("addition", "info", target_span=[0, 50]),  # info is no flag
        ]},
        "b": {"findings": [_finding("omission", "warning", source_span=[0, 3])]},
    }
    counts = defect_counts(gold, reports)
    # found, defects, correct, flagged, clean, flags on a clean document
    assert counts.tolist() == [[2, 2, 2, 3, 0, 0], [0, 0, 0, 1, 1, 1]]
    figures = defect_figures(counts.sum(axis=0))
    assert figures["precision"] == pytest.approx(2 / 4)
    assert figures["recall"] == 1.0
    assert figures["flags_per_clean_document"] == 1.0


def test_a_missing_report_finds_nothing():
    gold = [{"id": "a", "defects": [{"kind": "omission", "side": "source", "start": 0, "end": 4}]}]
    assert defect_counts(gold, {}).tolist() == [[0, 1, 0, 0, 0, 0]]


def test_rank_auc_shares_ranks_among_ties():
    labels = np.array([True, False, True, False])
    assert rank_auc(np.array([0.9, 0.1, 0.5, 0.5]), labels) == pytest.approx(0.875)
    assert rank_auc(np.array([0.3, 0.3, 0.3, 0.3]), labels) == pytest.approx(0.5)
    assert rank_auc(np.array([0.1, 0.9, 0.2, 0.8]), labels) == 0.0
    assert rank_auc(np.array([0.1, 0.9]), np.array([False, False])) == 0.0


def test_the_bootstrap_interval_holds_the_figure_and_narrows_with_more_documents():
    rng = np.random.default_rng(1)

    def interval(documents):
        right = rng.random(documents) < 0.8

        def share(draw):
            return {"share": float(right[draw].mean())}
        low, high = bootstrap(documents, share, 500)["share"]
        assert low < right.mean() < high
        return high - low

    assert interval(2000) < interval(50) / 3
