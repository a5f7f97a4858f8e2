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


def _fit_platt():
    """bench/calibrate.py's fit, which writes calibration.json (bench/ is scripts, not a package)."""
    import sys
    from pathlib import Path

    bench = str(Path(__file__).resolve().parents[1] / "bench")
    if bench not in sys.path:
        sys.path.insert(0, bench)
    from calibrate import fit_platt

    return fit_platt


def test_the_fit_reaches_the_least_loss_when_raw_scores_bunch_at_the_clip():
    """sentence-omission's raw scores sit mostly at the 0.99 clip; undamped Newton steps swung
    between slopes of -28 and 79 there and the fit kept a clipped slope of 3, which called 95 %
    of dropped sentences right where the dev sets found 77 %."""
    import numpy as np

    from aligner.checks.calibration import logit

    fit_platt = _fit_platt()
    raw = np.array([0.99] * 100 + [0.75] * 20 + [0.7] * 10)
    y = np.array([1] * 72 + [0] * 28 + [1] * 12 + [0] * 8 + [1] * 5 + [0] * 5, dtype=float)
    sets = np.zeros(len(y), dtype=int)
    a, b = fit_platt(raw, y, sets)
    x = np.array([logit(r) for r in raw])

    def loss(a_, b_):  # the loss fit_platt minimises: weighted log-loss plus its pull toward (1, 0)
        z = a_ * x + b_
        return float((np.logaddexp(0, z) - y * z).sum() + 5.0 / 2 * ((a_ - 1) ** 2 + b_ ** 2))

    best = min(loss(a_, b_) for a_ in np.linspace(0.05, 3, 60) for b_ in np.linspace(-5, 5, 101))
    assert loss(a, b) <= best + 1e-6
    mean = np.mean([1 / (1 + np.exp(-(a * v + b))) for v in x])
    assert abs(mean - y.mean()) < 0.05  # calibrated on average, not pushed toward certainty
