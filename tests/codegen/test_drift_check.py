"""`make check-generated` catches a spec change until `make generate` is run."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _copy_project(dest: Path) -> None:
    for folder in ("codegen", "openapi", "overrides"):
        shutil.copytree(ROOT / folder, dest / folder)
    package = ROOT / "src" / "convilyn"
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(package, dest / "src" / "convilyn", ignore=ignore)


def _generate(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    script = project / "codegen" / "generate.py"
    return subprocess.run(
        [sys.executable, str(script), *args], capture_output=True, text=True, check=False
    )


def test_new_schema_field_fails_the_check_until_regenerated(tmp_path: Path) -> None:
    _copy_project(tmp_path)
    assert _generate(tmp_path, "--check").returncode == 0

    spec = tmp_path / "openapi" / "convilyn.yaml"
    text = spec.read_text()
    start = text.index("    HealthStatus:")
    props = text.index("properties:", start) + len("properties:")
    spec.write_text(text[:props] + "\n        region: {type: string}" + text[props:])

    stale = _generate(tmp_path, "--check")
    assert stale.returncode == 1
    assert "lowlevel/models/health_status.py" in stale.stderr
    assert "models/_generated/health_status.py" in stale.stderr

    assert _generate(tmp_path).returncode == 0
    assert _generate(tmp_path, "--check").returncode == 0
    assert "region" in (tmp_path / "src/convilyn/lowlevel/models/health_status.py").read_text()


def test_an_untracked_generated_file_fails_the_check(tmp_path: Path) -> None:
    _copy_project(tmp_path)
    (tmp_path / "src/convilyn/lowlevel/api/health/stray.py").write_text("")
    result = _generate(tmp_path, "--check")
    assert result.returncode == 1
    assert "stray.py (not generated)" in result.stderr
