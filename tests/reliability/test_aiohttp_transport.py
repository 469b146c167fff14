"""``convilyn.aiohttp``: the faster transport keeps what the retry logic must know exact.

A server on 127.0.0.1 that reads each request and closes the connection without answering
(processed, then reset). Through httpx-aiohttp's own transport that reads as a connect
timeout, "nothing was sent", and a create the server may have processed is sent again;
through ours it is a dropped connection, and the create is not re-sent.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from httpx_aiohttp import AiohttpTransport as UpstreamTransport

import convilyn.aiohttp
from convilyn import AmbiguousWriteError, AsyncConvilyn

KEY = "ck_pro_aiohttp_transport"


@contextlib.contextmanager
def dropping() -> Iterator[tuple[str, list[bytes]]]:
    """A server that reads a request, then closes the connection; it records each request."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    seen: list[bytes] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn, contextlib.suppress(OSError):
                conn.settimeout(5)
                seen.append(conn.recv(65536))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}", seen
    finally:
        stop.set()
        thread.join(5)
        listener.close()


def _create_goal_job(http: httpx.AsyncClient, base: str) -> BaseException | None:
    async def run() -> BaseException | None:
        async with http, AsyncConvilyn(api_key=KEY, base_url=base, http_client=http) as client:
            try:
                await client.goals.start(workflow_id="goal_lane.cover_letter", files=["file_1"])
            except Exception as exc:
                return exc
        return None

    return asyncio.run(asyncio.wait_for(run(), 30))


def test_a_create_dropped_after_it_was_sent_is_not_sent_again() -> None:
    with dropping() as (base, seen):
        error = _create_goal_job(convilyn.aiohttp.client(), base)
    assert isinstance(error, AmbiguousWriteError), error
    assert len([r for r in seen if r.startswith(b"POST /api/v1/jobs/goal")]) == 1


def test_httpx_aiohttp_alone_would_send_it_again() -> None:
    # The control: what the translation prevents.
    with dropping() as (base, seen):
        error = _create_goal_job(httpx.AsyncClient(transport=UpstreamTransport()), base)
    assert not isinstance(error, AmbiguousWriteError), error
    assert len([r for r in seen if r.startswith(b"POST /api/v1/jobs/goal")]) > 1


@pytest.mark.parametrize(
    ("server", "expected"),
    [("dropping", httpx.RemoteProtocolError), ("refusing", httpx.ConnectError)],
)
def test_transport_failures_are_what_happened(server: str, expected: type[Exception]) -> None:
    async def get(url: str) -> Any:
        async with convilyn.aiohttp.client() as http:
            return await http.get(url)

    if server == "refusing":
        with socket.socket() as probe:  # a port nobody listens on
            probe.bind(("127.0.0.1", 0))
            url = f"http://127.0.0.1:{probe.getsockname()[1]}/"
        with pytest.raises(expected):
            asyncio.run(get(url))
        return
    with dropping() as (base, _), pytest.raises(expected):
        asyncio.run(get(base + "/"))
