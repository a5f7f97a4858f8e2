"""The one place where a finding's confidence becomes its severity.

Checks estimate a confidence in [0, 1]: how likely a careful reader would agree the finding is a
real defect. The scorers count `error` and `warning` as flags, so these thresholds decide what is
flagged; findings below WARNING_AT are kept as `info` for the reader who wants everything.
"""

from __future__ import annotations

import math

from aligner.findings import Severity

# Confidences are calibrated probabilities (calibration.py), so each threshold is also the
# least precision a flag of that severity is expected to have. WARNING_AT was chosen on the dev
# sets by bench/calibrate.py: the best synthetic F1 that keeps clean documents under 0.2 flags
# and MQM omission flags right at least half the time (BENCHMARKS.md has the sweep): 0.34 (synthetic
# F1 0.680; 0.671-0.677 from 0.30 to 0.38 otherwise), which also keeps the seed's three swallowed
# clauses (0.38-0.54).
ERROR_AT = 0.75  # right three times in four: confident enough to fail a build by default
WARNING_AT = 0.34  # flagged for a person to look at: about one look in three finds nothing


def severity_for(confidence: float) -> Severity:
    if confidence >= ERROR_AT:
        return Severity.ERROR
    if confidence >= WARNING_AT:
        return Severity.WARNING
    return Severity.INFO


def logistic(x: float, midpoint: float, width: float) -> float:
    """Map evidence x to (0, 1): 0.5 at `midpoint`, about 0.73 one `width` above it.

    The checks use it to turn a measured quantity (a similarity gain, a z-score) into a
    confidence whose 0.5 point is where the evidence starts to favour a defect.
    """
    return 1.0 / (1.0 + math.exp(-(x - midpoint) / width))
