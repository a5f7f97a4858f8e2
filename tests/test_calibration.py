"""The per-rule calibration table: present for the rules, monotone, inside (0, 1)."""

from __future__ import annotations

import pytest

from aligner.checks import calibration
from aligner.checks.registry import all_rules


def test_every_fitted_rule_exists_and_keeps_the_order_of_its_findings():
    mappings = calibration.mappings()
    assert mappings, "calibration.json is missing or empty"
    assert set(mappings) <= set(all_rules())
    for rule, (a, b) in mappings.items():
        assert a > 0, rule
        values = [calibration.calibrate(rule, raw) for raw in (0.05, 0.2, 0.5, 0.8, 0.95)]
        assert values == sorted(values), rule
        assert all(0.0 < v < 1.0 for v in values), rule


def test_a_rule_without_a_mapping_keeps_its_raw_score(monkeypatch):
    assert calibration.calibrate("no-such-rule", 0.42) == 0.42
    monkeypatch.setattr(calibration, "ENABLED", False)
    rule = next(iter(calibration.mappings()))
    assert calibration.calibrate(rule, 0.42) == 0.42


@pytest.mark.parametrize("raw", [0.0, 1.0])
def test_extreme_raw_scores_stay_finite(raw):
    for rule in calibration.mappings():
        assert 0.0 < calibration.calibrate(rule, raw) < 1.0
