"""Every Python snippet in README.md runs against the sandbox, so the docs cannot drift from the code.

Plain snippets run as scripts (credentials from the environment, as the README tells users);
a snippet marked ``<!-- readme-test: pytest -->`` is a test module and runs under pytest.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()
BLOCK = re.compile(r"(<!-- readme-test: (?P<mode>\w+) -->\n)?```python\n(?P<code>.*?)```", re.S)
SNIPPETS = [
    pytest.param(
        m["code"], m["mode"] or "script", id=f"line{README.count(chr(10), 0, m.start()) + 1}"
    )
    for m in BLOCK.finditer(README)
]


def test_readme_has_snippets() -> None:
    assert len(SNIPPETS) >= 6


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "demo" / "resume.md", tmp_path / "resume.md")
    shutil.copy(ROOT / "demo" / "job_description.md", tmp_path / "job_description.md")
    (tmp_path / "report.docx").write_bytes(b"PK\x03\x04 quarterly report " * 64)
    return tmp_path


@pytest.mark.parametrize(("code", "mode"), SNIPPETS)
def test_snippet_runs(code: str, mode: str, workdir: Path, convilyn_sandbox: Any) -> None:
    _run_snippet(code, mode, workdir, convilyn_sandbox)


# Snippets that drive a goal job step by step: at speed 0 every status change is instant, which
# hides a call made before the job is ready for it; users run the sandbox at speed 1.
STEPWISE = [p for p in SNIPPETS if "goals.confirm(" in str(p.values[0])]


def test_stepwise_snippets_exist() -> None:
    assert len(STEPWISE) >= 2


@pytest.mark.parametrize(("code", "mode"), STEPWISE)
def test_stepwise_snippet_runs_when_jobs_take_time(
    code: str, mode: str, workdir: Path, convilyn_sandbox_factory: Any
) -> None:
    _run_snippet(code, mode, workdir, convilyn_sandbox_factory(speed=5))


def _run_snippet(code: str, mode: str, workdir: Path, sandbox: Any) -> None:
    env = {
        **os.environ,
        "CONVILYN_API_KEY": sandbox.api_key,
        "CONVILYN_BASE_URL": sandbox.base_url,
        "CONVILYN_CONFIG_DIR": str(workdir / "config"),
    }
    if mode == "pytest":
        (workdir / "test_snippet.py").write_text(code)
        cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_snippet.py"]
    else:
        (workdir / "snippet.py").write_text(code)
        cmd = [sys.executable, "snippet.py"]
    result = subprocess.run(
        cmd, cwd=workdir, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"


WALKTHROUGH = re.compile(r"<!-- readme-test: walkthrough -->\n```sh\n(?P<code>.*?)```", re.S)


def test_the_newcomer_walkthrough_runs_from_a_clone(tmp_path: Path) -> None:
    """The walkthrough, line by line, in a fresh clone of this repository. Two lines stand in
    for what a test cannot do: the clone is of this checkout (not the network), and its
    .venv is this test's environment (``make demo`` then finds it installed, as it would the
    second time; the wheel test covers a first install)."""
    (match,) = WALKTHROUGH.finditer(README)
    lines = match["code"].strip().splitlines()
    assert lines[0].startswith("git clone ")
    assert lines[0].endswith("&& cd convilyn")
    clone = tmp_path / "convilyn"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True, timeout=120)
    venv = Path(sys.prefix)
    (clone / ".venv").symlink_to(venv)
    # Installed from this very pyproject.toml: make must not see the clone's copy as newer.
    stamp = (venv / ".installed-stamp").stat().st_mtime
    os.utime(clone / "pyproject.toml", (stamp - 1, stamp - 1))
    script = "\n".join([f"cd {clone}", *lines[1:]])
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CONVILYN_", "VIRTUAL_ENV"))}
    env.update(DEMO_SPEED="5", CONVILYN_CONFIG_DIR=str(tmp_path / "config"))
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "goal job js_" in output
    assert list((clone / "results").glob("js_*.zip"))
    assert (clone / "converted" / "resume.html").is_file()
