"""A 200 MiB upload and download keeps the sandbox's memory flat (benchmarks/sandbox_memory.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "sandbox_memory.py"
SIZE_MIB = os.environ.get("CONVILYN_SANDBOX_MEMORY_MIB", "200")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads RSS from /proc")
def test_large_transfer_keeps_server_memory_flat() -> None:
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--size-mib", SIZE_MIB, "--limit-mib", "40", "--json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.stdout, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["intact"], result
    assert result["growthMiB"] <= 40, result
    assert proc.returncode == 0, result
