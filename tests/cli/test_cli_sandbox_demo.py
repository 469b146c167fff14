"""``convilyn sandbox`` as a process, and ``demo/demo.sh`` (what ``make demo`` runs)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from .conftest import DEMO, clean_env, convilyn_command

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="bash and POSIX signals")


@posix_only
def test_sandbox_command_prints_its_url_first_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [*convilyn_command(), "sandbox", "--port", "0", "--speed", "0", "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=clean_env(),
    )
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        assert httpx.get(f"{url}/api/v1/health", timeout=5).status_code == 200
    finally:
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=15)
    assert code == 0


def run_demo(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(DEMO / "demo.sh")],
        cwd=tmp_path,
        env=clean_env(
            BIN=str(Path(convilyn_command()[0]).parent),
            DEMO_OUT=str(tmp_path / "demo-output"),
            DEMO_SPEED="0",
            **env,
        ),
        capture_output=True,
        text=True,
        timeout=120,
    )


@posix_only
@pytest.mark.skipif(len(convilyn_command()) > 1, reason="needs the installed console script")
@pytest.mark.parametrize("profile", ["default", "live"])
def test_demo_runs_both_lanes_and_stops_the_sandbox(tmp_path: Path, profile: str) -> None:
    proc = run_demo(tmp_path, DEMO_PROFILE=profile)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert f"profile {profile}" in output
    assert "goal job js_" in output
    assert "completed" in output
    assert "it contains 2 file(s)" in output
    assert "tailored_resume.docx" in output
    # The ZIP is named after the job, whether the server sent it (default profile) or it was
    # assembled from the artifacts (the live profile has no ZIP endpoint).
    zips = [p.name for p in (tmp_path / "demo-output").glob("*.zip")]
    assert len(zips) == 1
    assert zips[0].startswith("js_")
    assert (tmp_path / "demo-output" / "job_description.pdf").is_file()
    assert proc.stdout.rstrip().endswith("sandbox stopped")


@posix_only
@pytest.mark.skipif(len(convilyn_command()) > 1, reason="needs the installed console script")
def test_demo_fails_when_a_step_fails_and_still_stops_the_sandbox(tmp_path: Path) -> None:
    real = convilyn_command()[0]
    wrapper = tmp_path / "convilyn-failing-doctor"
    wrapper.write_text(f'#!/bin/sh\n[ "$1" = doctor ] && exit 2\nexec "{real}" "$@"\n')
    os.chmod(wrapper, 0o755)
    proc = run_demo(tmp_path, CONVILYN=str(wrapper))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "sandbox at http://127.0.0.1:" in proc.stdout
    assert "goal lane" not in proc.stdout
    assert proc.stdout.rstrip().endswith("sandbox stopped")
