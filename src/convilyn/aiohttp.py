"""An ``httpx.AsyncClient`` on aiohttp's transport (``pip install 'convilyn[aiohttp]'``).

At many concurrent calls the async client spends most of its time in httpx's own transport
(see ``benchmarks/RESULTS.md``); aiohttp's is faster. httpx stays the interface, so every bound,
cap and guard of the SDK holds as with the default transport::

    import convilyn.aiohttp

    async with convilyn.aiohttp.client() as http, AsyncConvilyn(http_client=http) as client:
        ...

What the retry logic must know is kept exact: only a connection that was never made is a
connect failure (nothing was sent, a re-send is safe). httpx-aiohttp reports a server that
drops the connection after the request went out as a ``ConnectTimeout``; here it is the
``RemoteProtocolError`` it is, so a create that may have been processed is not sent again.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import httpx
from httpx_aiohttp import AiohttpTransport as _AiohttpTransport

__all__ = ["AiohttpTransport", "client"]


def _translate(exc: BaseException, request: httpx.Request) -> httpx.TransportError | None:
    """The httpx error an aiohttp failure is (None: not a transport failure)."""
    cause = exc.__cause__ if isinstance(exc, httpx.TransportError) else exc
    text = str(cause)
    if isinstance(cause, aiohttp.ConnectionTimeoutError):
        return httpx.ConnectTimeout(text, request=request)
    if isinstance(cause, aiohttp.ClientConnectorError):  # the connection was never made
        return httpx.ConnectError(text, request=request)
    if isinstance(cause, aiohttp.ServerTimeoutError):
        return httpx.ReadTimeout(text, request=request)
    if isinstance(cause, aiohttp.ClientPayloadError):
        return httpx.ReadError(text, request=request)
    if isinstance(cause, aiohttp.ClientConnectionError):  # dropped after it was sent
        return httpx.RemoteProtocolError(text, request=request)
    return exc if isinstance(exc, httpx.TransportError) else None


class _Body(httpx.AsyncByteStream):
    def __init__(self, stream: httpx.AsyncByteStream, request: httpx.Request) -> None:
        self._stream, self._request = stream, request

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self._stream:
                yield chunk
        except (httpx.TransportError, aiohttp.ClientError) as exc:
            raise (_translate(exc, self._request) or exc) from exc

    async def aclose(self) -> None:
        await self._stream.aclose()


class AiohttpTransport(_AiohttpTransport):
    """httpx-aiohttp's transport with its failures translated for the retry logic."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            response = await super().handle_async_request(request)
        except (httpx.TransportError, aiohttp.ClientError) as exc:
            raise (_translate(exc, request) or exc) from exc
        assert isinstance(response.stream, httpx.AsyncByteStream)
        response.stream = _Body(response.stream, request)
        return response


def client(**options: Any) -> httpx.AsyncClient:
    """An ``httpx.AsyncClient`` on :class:`AiohttpTransport`; ``options`` go to the client
    (``timeout=``, ``limits=`` sizes the connection pool). Close it yourself (``async with``):
    the SDK does not close a client it was given."""
    limits = options.pop("limits", httpx.Limits(max_connections=100))
    return httpx.AsyncClient(transport=AiohttpTransport(limits=limits), **options)
