"""The sandbox soak, bounded (about 20 s): under the CI-like mix every store stays bounded
(benchmarks/sandbox_soak.py; `make soak-sandbox` runs it for 10 minutes and judges memory and
latency too, which this test does not: it asserts sizes, not times)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "sandbox_soak.py"


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads RSS from /proc")
def test_store_sizes_stay_bounded_under_the_mix() -> None:
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--seconds", "20", "--retention", "3", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.stdout, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["failures"] == {}, result["failures"]
    assert sum(result["calls"].values()) > 0
    steady = [s for s in result["samples"] if s["t"] > result["warmup"]]
    assert len(steady) >= 3, result["samples"]
    # each store's largest size in the last third within 1.5x (+20) of the first third's
    assert result["verdict"]["grown"] == {}, result["verdict"]
