"""Fixtures for the facade's unit tests (respx-mocked HTTP, injected clock and sleep)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import respx
from facade_helpers import BASE, KEY, FakeTime

from convilyn import AsyncConvilyn, Convilyn


@pytest.fixture(autouse=True)
def _no_user_config(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never read the developer's own ``convilyn login`` file: point at an empty directory."""
    monkeypatch.setenv("CONVILYN_CONFIG_DIR", str(tmp_path_factory.mktemp("convilyn-config")))


@pytest.fixture(autouse=True)
def _public_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Storage hosts in these tests are made up: resolve them to a public address, offline."""
    monkeypatch.setattr("convilyn._files._resolve", lambda host, port: ["93.184.216.34"])


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def mock() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        yield router


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def make_client(fake_time: FakeTime) -> Callable[..., Any]:
    def factory(kind: str = "sync", **kwargs: Any) -> Any:
        kwargs.setdefault("api_key", KEY)
        kwargs.setdefault("base_url", BASE)
        cls = AsyncConvilyn if kind == "async" else Convilyn
        kwargs.setdefault(
            "time_source", fake_time.async_source() if kind == "async" else fake_time.sync_source()
        )
        return cls(**kwargs)

    return factory
