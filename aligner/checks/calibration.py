"""Calibration: turn each rule's raw evidence score into a probability that a reader agrees.

Checks measure different things (a similarity gain, a count, a z-score), and each maps its
evidence to (0, 1) in its own way. To make confidences comparable across rules and documents,
so that `--fail-on` and a ranking by confidence mean the same thing everywhere, each rule's raw
score passes through a Platt mapping fitted on the dev sets by bench/calibrate.py:

    confidence = 1 / (1 + exp(-(a * logit(raw) + b)))

The fitted (a, b) per rule live in calibration.json next to this file; a rule without an entry
keeps its raw score. `a > 0` always, so the order of one rule's findings never changes.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Dict, Tuple

TABLE = Path(__file__).with_name("calibration.json")
ENABLED = True  # bench/calibrate.py switches it off to see the raw scores it fits


@lru_cache(maxsize=1)
def mappings() -> Dict[str, Tuple[float, float]]:
    if not TABLE.exists():
        return {}
    data = json.loads(TABLE.read_text(encoding="utf-8"))
    return {rule: (float(v["a"]), float(v["b"])) for rule, v in data.get("rules", {}).items()}


# Raw scores are clipped to this range before the mapping, as bench/calibrate.py fits it: above
# 0.99 the checks' near-certainties carry no more information; below, the floor is low enough to
# keep the order of partial-omission's many faint hints (its REPORT_FLOOR is the same 0.001).
RAW_RANGE = (0.001, 0.99)


def logit(p: float) -> float:
    p = min(max(p, RAW_RANGE[0]), RAW_RANGE[1])
    return math.log(p / (1 - p))


def calibrate(rule: str, raw: float) -> float:
    if not ENABLED or rule not in mappings():
        return raw
    a, b = mappings()[rule]
    return 1.0 / (1.0 + math.exp(-(a * logit(raw) + b)))
