"""End-to-end tests of the facade against the real sandbox (loopback, speed 0)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _no_user_config(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never read the developer's own ``convilyn login`` file: point at an empty directory."""
    monkeypatch.setenv("CONVILYN_CONFIG_DIR", str(tmp_path_factory.mktemp("convilyn-config")))


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    (tmp_path / "resume.docx").write_bytes(b"PK\x03\x04 resume " * 64)
    (tmp_path / "job.pdf").write_bytes(b"%PDF-1.7 job description " * 32)
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 256)
    (tmp_path / "out").mkdir()
    return tmp_path
