"""examples/from_4x/: scripts written as the vendor's 4.1 docs use the SDK, run unchanged against
the sandbox, configured the way 4.1 users configure it (CONVILYN_API_KEY, CONVILYN_BASE_URL)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

FROM_4X = Path(__file__).resolve().parents[2] / "examples" / "from_4x"
SCRIPTS = sorted(p.name for p in FROM_4X.glob("*.py"))


def test_the_4x_scripts_are_there() -> None:
    assert len(SCRIPTS) >= 7


@pytest.mark.parametrize("script", SCRIPTS)
def test_4x_script_runs_unchanged(script: str, convilyn_sandbox: Any, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "CONVILYN_API_KEY": convilyn_sandbox.api_key,
        "CONVILYN_BASE_URL": convilyn_sandbox.base_url,
        "CONVILYN_CONFIG_DIR": str(tmp_path),
    }
    proc = subprocess.run(
        [sys.executable, str(FROM_4X / script)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip()
    assert "Traceback" not in proc.stderr
