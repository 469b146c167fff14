"""Slow or half-open clients give their connection back: a header timeout and a body timeout.

uvicorn's keep-alive timer stops at a connection's first byte and nothing times the rest, so a
client that sends half a request line, or headers and then never the body, would hold its
socket (and a file descriptor) for as long as it likes. Here the request headers must be
complete ``header_timeout`` seconds after the connection opens or the previous response ends,
and a body read waits at most ``body_timeout`` seconds for its next chunk.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import h11
from starlette.requests import ClientDisconnect, Request
from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT = 10.0  # longer than uvicorn's keep-alive (5 s): an idle connection closes first
BODY_TIMEOUT = 30.0  # nginx's client_body_timeout is 60 s; a sandbox client is on loopback


class BodyTimeout(ClientDisconnect):
    """No body bytes for ``body_timeout`` seconds: handled as a client gone (408, not 499)."""


async def body_chunks(request: Request, chunk_wait: float) -> AsyncIterator[bytes]:
    """``request.stream()``, each chunk awaited ``chunk_wait`` seconds at most."""
    chunks = request.stream()
    try:
        while True:
            try:
                chunk = await asyncio.wait_for(anext(chunks), chunk_wait)
            except StopAsyncIteration:
                return
            except TimeoutError:
                raise BodyTimeout from None
            yield chunk
    finally:
        await chunks.aclose()


class HeaderTimeoutH11(H11Protocol):
    """uvicorn's h11 protocol that closes a connection whose request headers are late."""

    header_timeout = HEADER_TIMEOUT
    _header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: Any) -> None:
        super().connection_made(transport)
        self._arm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
        self._header_timer = self.loop.call_later(self.header_timeout, self._late)

    def _late(self) -> None:
        # IDLE: the next request's headers have not all arrived (a request being served, or
        # its body being read, is in SEND_BODY or DONE and is the body timeout's business)
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()


def h11_protocol(header_timeout: float) -> type[HeaderTimeoutH11]:
    """The protocol class for uvicorn's ``http=``, with this sandbox's header timeout."""
    return type("SandboxH11", (HeaderTimeoutH11,), {"header_timeout": header_timeout})
