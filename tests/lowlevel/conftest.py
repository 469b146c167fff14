"""Fixtures for the generated low-level client.

`generated` builds tests/lowlevel/fixtures/defects.yaml twice per session, with the stock
openapi-python-client templates and with ours (overrides/templates), using the same config and
command line as codegen/generate.py, so each defect test can show the stock output failing and
ours passing.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_SPEC = ROOT / "tests" / "lowlevel" / "fixtures" / "defects.yaml"
CONFIG = ROOT / "overrides" / "openapi-python-client.yaml"
TEMPLATES = ROOT / "overrides" / "templates"

# flavour -> package name the fixture client is generated as
PACKAGES = {"stock": "defects_stock_client", "ours": "defects_our_client"}

Loader = Callable[[str, str], ModuleType]


def generate(spec: Path, output: Path, *, custom_templates: bool) -> None:
    """Run openapi-python-client exactly as codegen/generate.py does (ruff from this venv)."""
    command = [
        sys.executable,
        "-m",
        "openapi_python_client",
        "generate",
        "--path",
        str(spec),
        "--config",
        str(CONFIG),
        "--meta",
        "none",
        "--output-path",
        str(output),
        "--overwrite",
        "--fail-on-warning",
        *(["--custom-template-path", str(TEMPLATES)] if custom_templates else []),
    ]
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"generation failed:\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Loader]:
    """load(flavour, module) imports e.g. load("stock", "api.things.get_thing")."""
    root = tmp_path_factory.mktemp("generated")
    for flavour, package in PACKAGES.items():
        generate(FIXTURE_SPEC, root / package, custom_templates=flavour == "ours")
    sys.path.insert(0, str(root))

    def load(flavour: str, module: str = "") -> ModuleType:
        name = PACKAGES[flavour] + (f".{module}" if module else "")
        return importlib.import_module(name)

    yield load
    sys.path.remove(str(root))


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
