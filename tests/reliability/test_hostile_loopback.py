"""Real sockets, hostile answers: small servers of our own on 127.0.0.1 that trickle, never
end, bomb or redirect. Whatever they do, a call ends, within its bounds, in a typed error.

Each server thread writes what its scenario says until the client hangs up (or 60 s pass),
so a client that never gives up would hold the test until then; the ``within`` bound (far
above what a correct client takes) turns that into a failure instead of a hang.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
import traceback
import zlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from convilyn import (
    APITimeoutError,
    AsyncConvilyn,
    Convilyn,
    RedirectError,
    ResponseTooLargeError,
    ResponseValidationError,
)

KEY = "ck_test_hostile_0123456789"
SERVER_LIFETIME = 60.0
Scenario = Callable[[socket.socket], None]


def _drip(conn: socket.socket, data: bytes, every: float) -> None:
    ends = time.monotonic() + SERVER_LIFETIME
    for byte in data:
        if time.monotonic() > ends:
            return
        conn.sendall(bytes([byte]))
        time.sleep(every)


def trickled_headers(conn: socket.socket) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\n")
    _drip(conn, b"X-Slow: " + b"a" * 10_000 + b"\r\n\r\n", 0.05)


def trickled_body(conn: socket.socket) -> None:
    conn.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 9999\r\n\r\n"
    )
    _drip(conn, b'{"jobSpecId": "' + b"a" * 9_000, 0.05)


def endless_body(conn: socket.socket) -> None:
    conn.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    chunk = b"%x\r\n%s\r\n" % (1 << 20, b" " * (1 << 20))
    ends = time.monotonic() + SERVER_LIFETIME
    while time.monotonic() < ends:
        conn.sendall(chunk)


def _gzip_of_zeros(size: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: the gzip container
    block = b"0" * (1 << 20)
    return b"".join(packer.compress(block) for _ in range(size >> 20)) + packer.flush()


BOMB = _gzip_of_zeros(256 << 20)  # 256 MiB of JSON-ish digits in about 250 KB


def gzip_bomb(conn: socket.socket) -> None:
    conn.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
        b"Content-Length: %d\r\n\r\n" % len(BOMB)
    )
    conn.sendall(BOMB)


def redirect(conn: socket.socket) -> None:
    conn.sendall(
        b"HTTP/1.1 307 Temporary Redirect\r\nLocation: https://elsewhere.test/x?sig=s\r\n"
        b"Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
    )


def echoing_the_key(conn: socket.socket) -> None:
    """A proxy's debug page: 200, text, the request's own Authorization header in it."""
    body = b"debug: Authorization: Bearer " + KEY.encode() + b"\n"
    conn.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n" % len(body)
    )
    conn.sendall(body)


def nested_too_deep(conn: socket.socket) -> None:
    body = b"[" * 100_000 + b"]" * 100_000
    conn.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
        % len(body)
    )
    conn.sendall(body)


@contextlib.contextmanager
def serving(scenario: Scenario) -> Iterator[str]:
    """A server on an ephemeral loopback port that plays ``scenario`` on every connection."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()

    def handle(conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):
            conn.recv(65536)  # the request (small: a GET)
            scenario(conn)

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=handle, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(5)
        listener.close()


def _sync_call(base: str, **options: Any) -> BaseException | None:
    with Convilyn(api_key=KEY, base_url=base, **{"max_retries": 0, **options}) as client:
        try:
            client.goals.retrieve("job_1")
        except Exception as exc:
            return exc
    return None


async def _async_call(base: str, **options: Any) -> BaseException | None:
    async with AsyncConvilyn(api_key=KEY, base_url=base, **{"max_retries": 0, **options}) as client:
        try:
            await client.goals.retrieve("job_1")
        except Exception as exc:
            return exc
    return None


async def _aiohttp_call(base: str, **options: Any) -> BaseException | None:
    """The async client on the other transport the SDK ships (``convilyn.aiohttp``)."""
    import convilyn.aiohttp

    async with convilyn.aiohttp.client() as http:
        return await _async_call(base, http_client=http, **options)


# Every hostile answer is met alike by the sync client, the async one on httpx's transport and
# the async one on convilyn.aiohttp's.
KINDS = pytest.mark.parametrize("kind", ["sync", "async", "aiohttp"])


def within(seconds: float, kind: str, base: str, **options: Any) -> BaseException | None:
    """The error the call ended in; fails the test if it had not ended after ``seconds``."""
    if kind in ("async", "aiohttp"):
        call = _async_call if kind == "async" else _aiohttp_call

        async def bounded() -> BaseException | None:
            return await asyncio.wait_for(call(base, **options), seconds)

        return asyncio.run(bounded())
    box: list[BaseException | None] = []
    worker = threading.Thread(target=lambda: box.append(_sync_call(base, **options)))
    worker.start()
    worker.join(seconds)
    assert box, f"the sync call was still running after {seconds}s"
    return box[0]


@KINDS
def test_a_trickled_body_ends_within_the_timeout(kind: str) -> None:
    with serving(trickled_body) as base:
        error = within(20, kind, base, timeout=1.0)
    assert isinstance(error, APITimeoutError), error
    assert "still arriving after 1s" in str(error) or "within 1s" in str(error)


@KINDS
def test_trickled_headers_end_within_the_timeout(kind: str) -> None:
    # Every byte arrives well within the read timeout, so only a bound on the whole attempt
    # ends it: inside httpcore's header read, where the sync client cannot be interrupted.
    with serving(trickled_headers) as base:
        error = within(20, kind, base, timeout=1.0)
    assert isinstance(error, APITimeoutError), error
    assert str(error).startswith("GET "), error  # the request, not the SDK's "CALL"


@KINDS
def test_a_deadline_bounds_the_whole_call_across_retries(kind: str) -> None:
    # Six attempts of 2 s each, and the backoff between them, would take over 12 s.
    with serving(trickled_body) as base:
        error = within(10, kind, base, timeout=2.0, max_retries=5, deadline=3.0)
    assert isinstance(error, APITimeoutError), error


@KINDS
@pytest.mark.parametrize("scenario", [endless_body, gzip_bomb], ids=["endless", "gzip-bomb"])
def test_an_answer_past_the_size_cap_is_refused(kind: str, scenario: Scenario) -> None:
    with serving(scenario) as base:
        error = within(30, kind, base)
    assert isinstance(error, ResponseTooLargeError), error
    assert error.limit == 64 * 1024 * 1024


@KINDS
def test_a_redirect_over_real_sockets_is_refused(kind: str) -> None:
    with serving(redirect) as base:
        error = within(20, kind, base)
    assert isinstance(error, RedirectError), error
    assert error.location_host == "elsewhere.test"
    assert "sig=" not in str(error)


@KINDS
def test_a_body_echoing_the_key_never_shows_it(kind: str) -> None:
    with serving(echoing_the_key) as base:
        error = within(20, kind, base)
    assert isinstance(error, ResponseValidationError), error
    shown = "\n".join([str(error), repr(error), *traceback.format_exception(error)])
    assert "Bearer [REDACTED]" in shown
    assert KEY not in shown


@KINDS
def test_json_nested_past_reading_is_a_typed_error(kind: str) -> None:
    with serving(nested_too_deep) as base:
        error = within(20, kind, base)
    assert isinstance(error, ResponseValidationError), error
    assert "nested too deep" in str(error)
