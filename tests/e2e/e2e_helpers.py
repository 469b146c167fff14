"""Helpers of the facade's end-to-end tests (tests/e2e is on sys.path)."""

from __future__ import annotations

import contextlib
import inspect
import os
from collections.abc import AsyncIterator
from typing import Any

import pytest

from convilyn import AsyncConvilyn, Convilyn, ExponentialBackoffRetry

FAST_RETRY = ExponentialBackoffRetry(initial_delay=0.01, max_delay=0.05)
# CONVILYN_TEST_TRANSPORT=aiohttp runs the async client on convilyn.aiohttp's transport
# (`make e2e-aiohttp`); the default is httpx's own.
TRANSPORT = os.environ.get("CONVILYN_TEST_TRANSPORT", "httpx")


async def call(value: Any) -> Any:
    """Await a coroutine (async client) or return a value (sync client)."""
    if inspect.isawaitable(value):
        return await value
    return value


async def collect(iterable: Any, limit: int | None = None) -> list[Any]:
    out: list[Any] = []
    if hasattr(iterable, "__aiter__"):
        async for item in iterable:
            out.append(item)
            if limit is not None and len(out) >= limit:
                break
    else:
        for item in iterable:
            out.append(item)
            if limit is not None and len(out) >= limit:
                break
    return out


@contextlib.asynccontextmanager
async def open_client(kind: str, sandbox: Any, **kwargs: Any) -> AsyncIterator[Any]:
    kwargs.setdefault("api_key", sandbox.api_key)
    kwargs.setdefault("base_url", sandbox.base_url)
    kwargs.setdefault("retry_policy", FAST_RETRY)
    # Strict: a field the sandbox sends that the spec does not declare fails the test (the
    # live profile adds one on purpose, as the live service does).
    kwargs.setdefault("strict", getattr(sandbox.config, "profile", "default") != "live")
    if kind == "async" and TRANSPORT == "aiohttp" and "http_client" not in kwargs:
        import convilyn.aiohttp

        async with (
            convilyn.aiohttp.client() as http,
            AsyncConvilyn(**kwargs, http_client=http) as a,
        ):
            yield a
    elif kind == "async":
        async with AsyncConvilyn(**kwargs) as aclient:
            yield aclient
    else:
        with Convilyn(**kwargs) as client:
            yield client


# The whole suite runs against either sandbox profile (CONVILYN_SANDBOX_PROFILE, see the
# sandbox's pytest plugin). The live profile, like the live gateway, refuses ck_ keys on the
# event stream: tests of the stream itself (resume by seq, the WebSocket transport) need the
# default profile; their polling twins run in both.
PROFILE = os.environ.get("CONVILYN_SANDBOX_PROFILE", "default")
NEEDS_EVENT_STREAM = pytest.mark.skipif(
    PROFILE == "live", reason="the live profile refuses ck_ keys on the event stream"
)
