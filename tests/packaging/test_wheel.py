"""The wheel users install: it builds, carries the spec and the type marker, and imports."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(out)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("convilyn-*.whl")
    return built


def test_the_wheel_carries_every_layer_and_no_tests(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "convilyn/__init__.py",
        "convilyn/py.typed",
        "convilyn/openapi.yaml",
        "convilyn/lowlevel/client.py",
        "convilyn/models/_generated/__init__.py",
        "convilyn/models/_generated/goal_job.py",
        "convilyn/_sync/_client.py",
        "convilyn/cli/__init__.py",
        "convilyn/sandbox/pytest_plugin.py",
        "convilyn/mcp/server.py",
        "convilyn/mcp/install.py",
    ):
        assert required in names
    assert not any(name.startswith("tests/") for name in names)
    metadata = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    entry_points = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "convilyn = convilyn.cli:main" in entry_points
    assert "convilyn_sandbox = convilyn.sandbox.pytest_plugin" in entry_points


def test_the_packaged_spec_is_the_spec(wheel: Path) -> None:
    code = (
        "import importlib.resources, convilyn; "
        "print(importlib.resources.files('convilyn').joinpath('openapi.yaml').read_text(), end='')"
    )
    # A pure-Python wheel is importable as a zip: no install needed to read it back.
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": str(wheel)},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert result.stdout == (ROOT / "openapi" / "convilyn.yaml").read_text()


def test_the_wheel_says_it_is_the_successor_of_4x(wheel: Path) -> None:
    """Same distribution name as the vendor's 4.x, a version above it, and the metadata to say
    so: pip must see an upgrade, not another package."""
    assert wheel.name.startswith("convilyn-5.0.0.dev0-")
    archive = zipfile.ZipFile(wheel)
    metadata = archive.read(next(n for n in archive.namelist() if n.endswith("/METADATA")))
    text = metadata.decode()
    assert "\nName: convilyn\n" in text
    assert "\nVersion: 5.0.0.dev0\n" in text
    assert "successor of convilyn 4.x" in text
