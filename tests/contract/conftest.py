"""Fixtures of the contract tests: no user config, made-up storage hosts resolve offline."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_user_config(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never read the developer's own ``convilyn login`` file: point at an empty directory."""
    monkeypatch.setenv("CONVILYN_CONFIG_DIR", str(tmp_path_factory.mktemp("convilyn-config")))
    for name in ("CONVILYN_API_KEY", "CONVILYN_BASE_URL", "CONVILYN_WS_URL", "CONVILYN_STRICT"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def _public_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    """The recorded storage hosts (example-bucket.s3.amazonaws.com, storage.example.com) are
    never looked up: they resolve to a public address, offline."""
    monkeypatch.setattr("convilyn._files._resolve", lambda host, port: ["93.184.216.34"])
