"""Fixtures of the MCP server tests: a workspace, an empty config directory."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def config_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("convilyn-config")


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / "resume.md").write_text("# Jane Doe\nSenior Engineer, Tech Lead.\n" * 20)
    (root / "job.md").write_text("# Staff Engineer\nWe want a staff engineer.\n" * 10)
    (root / ".env").write_text("SECRET=1\n")
    return root
