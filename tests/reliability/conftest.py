"""Reliability tests: the chaos soak (CI size), contention, and bad-response fuzzing.

``benchmarks/`` holds the soak and contention drivers (``make soak`` runs them at full size);
they are put on ``sys.path`` here so these tests run the very same code at a bounded size.
The Hypothesis profile is fixed: derandomized (the same examples every run) and bounded.
"""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import HealthCheck, settings

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
if str(BENCHMARKS) not in sys.path:
    sys.path.insert(0, str(BENCHMARKS))

settings.register_profile(
    "convilyn-reliability",
    derandomize=True,
    max_examples=100,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
