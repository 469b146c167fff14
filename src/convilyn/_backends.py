"""The few primitives that differ between the async source and its generated sync twin.

``codegen/unasync_facade.py`` renames ``async_sleep`` → ``sync_sleep``,
``async_maybe_await`` → ``sync_maybe_await``, ``async_off_loop`` → ``sync_off_loop``,
``async_time_limit`` → ``sync_time_limit``, ``async_http_client`` → ``sync_http_client`` and ``AsyncTimeSource`` → ``TimeSource`` when it
writes ``_sync/`` from ``_async/``.
"""

from __future__ import annotations

import contextlib
import inspect
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import anyio
import httpx

__all__ = [
    "AsyncEndpoint",
    "AsyncInFlight",
    "AsyncProbe",
    "AsyncSend",
    "AsyncSleep",
    "AsyncTimeSource",
    "Endpoint",
    "InFlight",
    "Probe",
    "Send",
    "Sleep",
    "TimeSource",
    "async_http_client",
    "async_maybe_await",
    "async_off_loop",
    "async_sleep",
    "async_time_limit",
    "sync_http_client",
    "sync_maybe_await",
    "sync_off_loop",
    "sync_sleep",
    "sync_time_limit",
]

T = TypeVar("T")

# Callable types whose async and sync forms differ by more than a name: the async source uses
# the Async* alias, which the generated sync twin spells without the prefix.
AsyncEndpoint = Callable[..., Awaitable[httpx.Response]]
Endpoint = Callable[..., httpx.Response]
AsyncSend = Callable[[], Awaitable[httpx.Response]]
Send = Callable[[], httpx.Response]
AsyncSleep = Callable[[float], Awaitable[None]]
Sleep = Callable[[float], None]


async def async_sleep(seconds: float) -> None:
    await anyio.sleep(seconds)


def sync_sleep(seconds: float) -> None:
    time.sleep(seconds)


_wall_time, _monotonic = time.time, time.monotonic  # the field named ``time`` hides the module


@dataclass(frozen=True)
class AsyncTimeSource:
    """Where a client reads the time and sleeps (retry backoff, polling, deadlines).

    Pass a fake one as ``time_source=`` to test code that polls without waiting for real.
    """

    time: Callable[[], float] = _wall_time
    monotonic: Callable[[], float] = _monotonic
    sleep: AsyncSleep = async_sleep


@dataclass(frozen=True)
class TimeSource:
    """The synchronous client's :class:`AsyncTimeSource`."""

    time: Callable[[], float] = _wall_time
    monotonic: Callable[[], float] = _monotonic
    sleep: Sleep = sync_sleep


async def async_maybe_await(value: Any) -> Any:
    """A callback's result, awaited when the callback was a coroutine function."""
    if inspect.isawaitable(value):
        return await value
    return value


def sync_maybe_await(value: Any) -> Any:
    if inspect.isawaitable(value):
        close = getattr(value, "close", None)
        if callable(close):
            close()  # no "coroutine was never awaited" warning
        raise TypeError(
            "An async callback was given to the synchronous client. Use a plain function, "
            "or use AsyncConvilyn."
        )
    return value


async def async_off_loop(fn: Callable[[], T]) -> T:
    """Run blocking work (a DNS lookup) in a worker thread, so the event loop keeps running."""
    return await anyio.to_thread.run_sync(fn)


def sync_off_loop(fn: Callable[[], T]) -> T:
    return fn()


def async_time_limit(seconds: float | None) -> contextlib.AbstractContextManager[Any]:
    """Cancel what runs inside after ``seconds`` (``TimeoutError``), wherever it waits."""
    if seconds is None:
        return contextlib.nullcontext()
    return anyio.fail_after(max(0.0, seconds))


def sync_time_limit(seconds: float | None) -> contextlib.AbstractContextManager[None]:
    """Blocking code cannot be cancelled from outside: the SDK's own synchronous client ends
    each socket operation at the limit instead (:mod:`convilyn._sync_transport`); one given as
    ``http_client=`` is checked between the chunks it reads."""
    from convilyn import _sync_transport  # httpcore's backends: loaded with the first client

    return _sync_transport.time_limit(seconds)


def async_http_client(timeout: httpx.Timeout, headers: dict[str, str]) -> httpx.AsyncClient:
    """The HTTP client a pipeline makes when it is given none; ``headers`` are its defaults."""
    return httpx.AsyncClient(timeout=timeout, follow_redirects=False, headers=headers)


def sync_http_client(timeout: httpx.Timeout, headers: dict[str, str]) -> httpx.Client:
    from convilyn import _sync_transport

    return httpx.Client(
        timeout=timeout,
        follow_redirects=False,
        headers=headers,
        transport=_sync_transport.deadline_transport(),
    )


class AsyncProbe:
    """One caller asks whether the server has an operation; callers meanwhile wait for its
    answer instead of each asking (and each paying a 404) too."""

    def __init__(self) -> None:
        self._answered = anyio.Event()

    @property
    def is_answered(self) -> bool:
        return self._answered.is_set()

    async def wait(self) -> None:
        await self._answered.wait()

    def answered(self) -> None:
        self._answered.set()


class Probe:
    """The synchronous client's :class:`AsyncProbe` (its calls may run in threads)."""

    def __init__(self) -> None:
        self._answered = threading.Event()

    @property
    def is_answered(self) -> bool:
        return self._answered.is_set()

    def wait(self) -> None:
        self._answered.wait()

    def answered(self) -> None:
        self._answered.set()


class AsyncInFlight:
    """The exchanges a client has on the wire, so that closing it can wait for them: a pool
    closed under a request that is still connecting leaves that connection open."""

    def __init__(self) -> None:
        self.count = 0
        self._idle: anyio.Event | None = None

    def __enter__(self) -> None:
        self.count += 1

    def __exit__(self, *exc: object) -> None:
        self.count -= 1
        if self.count == 0 and self._idle is not None:
            self._idle.set()

    async def wait_idle(self, grace: float) -> bool:
        """Whether every exchange ended within ``grace`` seconds."""
        if self.count == 0:
            return True
        self._idle = anyio.Event()
        with anyio.move_on_after(grace):
            await self._idle.wait()
        return self.count == 0


class InFlight:
    """The synchronous client's :class:`AsyncInFlight` (its calls may run in threads)."""

    def __init__(self) -> None:
        self.count = 0
        self._changed = threading.Condition()

    def __enter__(self) -> None:
        with self._changed:
            self.count += 1

    def __exit__(self, *exc: object) -> None:
        with self._changed:
            self.count -= 1
            self._changed.notify_all()

    def wait_idle(self, grace: float) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: self.count == 0, grace)
