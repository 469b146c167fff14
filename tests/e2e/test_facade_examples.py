"""The scripts in examples/ run against the sandbox (as CI runs them)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SCRIPTS = sorted(p.name for p in EXAMPLES.glob("*.py"))


def test_there_are_examples() -> None:
    assert {
        "upload_and_convert.py",
        "goal_with_slots_and_checkpoint.py",
        "async_concurrent_jobs.py",
        "marketplace_paging.py",
        "builder_to_run.py",
    } <= set(SCRIPTS)


@pytest.mark.parametrize("script", SCRIPTS)
def test_example_runs(script: str, convilyn_sandbox: Any) -> None:
    env = {
        **os.environ,
        "CONVILYN_API_KEY": convilyn_sandbox.api_key,
        "CONVILYN_BASE_URL": convilyn_sandbox.base_url,
    }
    proc = subprocess.run(
        [sys.executable, str(EXAMPLES / script)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip()
