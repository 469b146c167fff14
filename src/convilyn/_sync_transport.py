"""The synchronous client's transport: socket operations that end at the attempt's deadline.

A blocking read cannot be cancelled from outside, and httpx's read timeout restarts with every
byte: a server that trickles its status line and headers one byte at a time would hold a
synchronous call for as long as it likes. So the SDK's own synchronous client connects through
a network backend whose streams cut every connect, read and write to what is left of the
deadline that :func:`time_limit` sets for the attempt (``ReadTimeout`` once it has passed),
wherever httpcore is waiting: the headers, the body, the TLS handshake.
"""

from __future__ import annotations

import contextlib
import contextvars
import ssl
import time
from collections.abc import Iterable, Iterator
from typing import Any

import httpcore
import httpx

__all__ = ["deadline_transport", "time_limit"]

# (when the attempt ends on the monotonic clock, its bound in seconds)
_Limit = tuple[float, float]

# What ``httpx.Client()`` sizes its pool to (``httpx.Limits()`` itself means no limit at all).
HTTPX_DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20)
_limit: contextvars.ContextVar[_Limit | None] = contextvars.ContextVar(
    "convilyn_limit", default=None
)


class _TimeLimit:
    # A class, not a generator context manager: it wraps every request.
    __slots__ = ("_seconds", "_token")

    def __init__(self, seconds: float | None) -> None:
        self._seconds = seconds
        self._token: contextvars.Token[_Limit | None] | None = None

    def __enter__(self) -> None:
        if self._seconds is None:
            return
        limit = (time.monotonic() + max(0.0, self._seconds), self._seconds)
        outer = _limit.get()
        self._token = _limit.set(limit if outer is None else min(limit, outer))

    def __exit__(self, *exc: object) -> None:
        if self._token is not None:
            _limit.reset(self._token)


def time_limit(seconds: float | None) -> contextlib.AbstractContextManager[None]:
    """Socket operations of the deadline transport inside end ``seconds`` from now."""
    return _TimeLimit(seconds)


def _cut(timeout: float | None, error: type[Exception]) -> float | None:
    """``timeout`` cut to what is left of the attempt; ``error`` once nothing is."""
    limit = _limit.get()
    if limit is None:
        return timeout
    left = limit[0] - time.monotonic()
    if left <= 0:
        raise _time_up(error, limit)
    return left if timeout is None else min(timeout, left)


def _time_up(error: type[Exception], limit: _Limit) -> Exception:
    return error(f"no complete answer within {limit[1]:g}s")


@contextlib.contextmanager
def _timeouts_named(error: type[Exception]) -> Iterator[None]:
    """A socket timeout that the attempt's bound caused says so, as the async client does."""
    try:
        yield
    except error:
        limit = _limit.get()
        if limit is not None and time.monotonic() >= limit[0]:
            raise _time_up(error, limit) from None
        raise


class _Stream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        with _timeouts_named(httpcore.ReadTimeout):
            return self._stream.read(max_bytes, _cut(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        with _timeouts_named(httpcore.WriteTimeout):
            self._stream.write(buffer, _cut(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        tls = self._stream.start_tls(
            ssl_context, server_hostname, _cut(timeout, httpcore.ConnectTimeout)
        )
        return _Stream(tls)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _Backend(httpcore.SyncBackend):
    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        timeout = _cut(timeout, httpcore.ConnectTimeout)
        return _Stream(super().connect_tcp(host, port, timeout, local_address, socket_options))

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        timeout = _cut(timeout, httpcore.ConnectTimeout)
        return _Stream(super().connect_unix_socket(path, timeout, socket_options))


def deadline_transport() -> httpx.HTTPTransport:
    """httpx's default transport, connecting through the deadline-aware backend.

    httpx takes no network backend, so its connection pool is replaced by one built with the
    same settings as the default plus the backend (and the same TLS context, loaded once).
    """
    tls = httpx.create_ssl_context()
    transport = httpx.HTTPTransport(verify=tls, limits=HTTPX_DEFAULT_LIMITS)
    transport._pool = httpcore.ConnectionPool(
        ssl_context=tls,
        max_connections=HTTPX_DEFAULT_LIMITS.max_connections,
        max_keepalive_connections=HTTPX_DEFAULT_LIMITS.max_keepalive_connections,
        keepalive_expiry=HTTPX_DEFAULT_LIMITS.keepalive_expiry,
        network_backend=_Backend(),
    )
    return transport
