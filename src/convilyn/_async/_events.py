# unasync: skip-file  (goal events are streamed by AsyncConvilyn only)
"""``AsyncConvilyn.goals.events()``: the WebSocket stream, with resume and a polling fallback.

Why httpx-ws and not ``websockets``: httpx-ws performs the handshake with the SDK's own
``httpx.AsyncClient``, so the stream gets exactly what every API call gets (the Authorization
header, an injected client's proxies, transport and certificates) with no second network stack
to configure, and it runs in-process against an ASGI app in tests. ``websockets`` is faster at
high frame rates, but goal events arrive a few per second; one consistent stack wins. httpx-ws
is the optional ``convilyn[events]`` extra: without it, events come from polling.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncGenerator
from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlencode, urlsplit, urlunsplit

import httpx

from convilyn._error_decoding import error_from_response
from convilyn._goal_events import GoalEventDeriver
from convilyn._goal_status import goal_phase
from convilyn._logging import logger
from convilyn._parse import parse_model
from convilyn._polling import PollSchedule
from convilyn._retry import RetryContext
from convilyn.errors import (
    APIConnectionError,
    ConfigurationError,
    ResponseValidationError,
)
from convilyn.types import GoalEvent

if TYPE_CHECKING:
    from convilyn._async._client import AsyncConvilyn

__all__ = ["goal_events"]

_REFUSED = {401, 403, 404, 405, 426, 501}


class _Refused(Exception):
    def __init__(self, status: int, response: httpx.Response | None) -> None:
        super().__init__(f"handshake refused with {status}")
        self.status = status
        self.response = response


def _on_asyncio() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def _ws_http_url(ws_root: str, job_spec_id: str, after_seq: int | None) -> str:
    parts = urlsplit(ws_root)
    scheme = {"wss": "https", "ws": "http"}.get(parts.scheme, parts.scheme)
    path = f"{parts.path.rstrip('/')}/api/v1/jobs/goal/{job_spec_id}/events"
    query = urlencode({"afterSeq": after_seq}) if after_seq is not None else ""
    return urlunsplit((scheme, parts.netloc, path, query, ""))


async def _websocket_events(
    client: AsyncConvilyn, job_spec_id: str, after_seq: int | None
) -> AsyncGenerator[GoalEvent, None]:
    import httpx_ws

    pipe = client._pipeline
    url = _ws_http_url(pipe.config.ws_url, job_spec_id, after_seq)
    headers = {**pipe.base_headers(), **pipe.config.default_headers, **pipe.auth_headers()}
    # The session lives in a task of its own: httpx-ws holds an anyio task group (a cancel
    # scope) for as long as it is open, and a consumer that leaves ``async for`` without
    # aclosing has this generator finalized later, by the event loop, in another task; exiting
    # the scope there would cancel the consumer's task. Cancelling the pump is safe anywhere.
    frames: asyncio.Queue[tuple[str, object]] = asyncio.Queue(maxsize=1)

    async def pump() -> None:
        connection: AbstractAsyncContextManager[httpx_ws.AsyncWebSocketSession] = (
            httpx_ws.aconnect_ws(
                url, pipe.http_client, headers=headers, keepalive_ping_interval_seconds=None
            )
        )
        try:
            async with connection as ws:
                while True:
                    try:
                        frame = await ws.receive_json()
                    except httpx_ws.WebSocketDisconnect:
                        await frames.put(("end", None))
                        return
                    except Exception as exc:  # handed over here: not wrapped in a group
                        await frames.put(("error", exc))
                        return
                    await frames.put(("frame", frame))
        except httpx_ws.WebSocketUpgradeError as exc:
            response = getattr(exc, "response", None)
            status = response.status_code if response is not None else 0
            await frames.put(("error", _Refused(status, response)))
        except Exception as exc:
            await frames.put(("error", exc))

    task = asyncio.get_running_loop().create_task(pump())
    try:
        while True:
            kind, item = await frames.get()
            if kind == "end":
                return
            if kind == "error":
                if isinstance(item, ValueError):  # a text frame that is not JSON: a server bug
                    raise ResponseValidationError(
                        f"The event stream of {job_spec_id} sent a frame that is not JSON: {item}",
                        model="GoalEvent",
                    ) from None
                assert isinstance(item, Exception)
                raise item
            event = parse_model(GoalEvent, item)
            yield event
            if event.is_terminal:
                return
    finally:
        task.cancel()
        await asyncio.wait([task])


async def _poll_events(
    client: AsyncConvilyn,
    job_spec_id: str,
    *,
    next_seq: int,
    poll_interval: float | None,
) -> AsyncGenerator[GoalEvent, None]:
    goals = client.goals
    clock = client._pipeline.time
    schedule = PollSchedule(started_at=clock.monotonic(), timeout=None, poll_interval=poll_interval)
    deriver = GoalEventDeriver(job_spec_id, next_seq=next_seq)
    while True:
        snap = await goals.status(job_spec_id)
        now = clock.monotonic()
        for event in deriver.observe(snap):
            yield event
        current = deriver.last
        assert current is not None
        schedule.observe(
            (current.status, current.progress, current.item_version, str(current.checkpoint)),
            now=now,
            hint_ms=snap.suggested_poll_interval_ms,
        )
        if goal_phase(current.status).is_terminal:
            return
        await clock.sleep(schedule.next_delay(now))


def _websocket_wanted(transport: str) -> bool:
    """Whether to try the stream: asked for, httpx-ws installed, and running on asyncio."""
    if transport not in {"auto", "websocket", "poll"}:
        raise ValueError("transport must be 'auto', 'websocket' or 'poll'")
    if transport == "poll":
        return False
    try:
        import httpx_ws  # noqa: F401, RUF100
    except ImportError:
        if transport == "websocket":
            raise ConfigurationError(
                "goals.events(transport='websocket') needs httpx-ws: pip install 'convilyn[events]'"
            ) from None
        logger.info("httpx-ws is not installed: goal events come from polling")
        return False
    if not _on_asyncio():
        # The stream runs in an asyncio task of its own (see _websocket_events).
        if transport == "websocket":
            raise ConfigurationError("goals.events(transport='websocket') needs asyncio")
        return False
    return True


def _is_drop(exc: Exception) -> bool:
    """A stream that broke (worth resuming), as opposed to a bug."""
    if isinstance(exc, httpx.HTTPError | OSError):
        return True
    import httpx_ws

    return isinstance(exc, httpx_ws.HTTPXWSException)


def _refusal(refused: _Refused, transport: str) -> Exception | None:
    """The error to raise for a refused handshake, or ``None`` to fall back to polling."""
    if transport == "websocket":
        response = refused.response
        headers = response.headers if response is not None else {}
        return error_from_response(refused.status, headers, b"")
    if refused.status in _REFUSED:
        logger.info("event stream refused (%s); events derived from polling", refused.status)
    else:
        logger.info("event stream handshake failed (%s); polling", refused.status)
    return None


class _Stream:
    """The WebSocket leg of ``goal_events``: resumes after the last ``seq`` seen, reconnecting
    as the client's retry policy allows (capped by ``max_reconnects`` when given)."""

    def __init__(
        self, client: AsyncConvilyn, job_spec_id: str, after_seq: int | None, cap: int | None
    ) -> None:
        self.client = client
        self.job_spec_id = job_spec_id
        self.last_seq = after_seq
        self.cap = cap
        self.failures = 0
        self.finished = False  # a terminal event was yielded

    async def events(self) -> AsyncGenerator[GoalEvent, None]:
        # aclosing: the stream's task group must be closed in this task, not by the GC.
        async with contextlib.aclosing(
            _websocket_events(self.client, self.job_spec_id, self.last_seq)
        ) as stream:
            async for event in stream:
                self.failures = 0
                if self.last_seq is not None and event.seq <= self.last_seq:
                    continue  # replayed after a resume
                self.last_seq = event.seq
                yield event
                if event.is_terminal:
                    self.finished = True
                    return

    async def may_resume(self, reason: object) -> bool:
        """Count a drop; sleep the backoff and say yes, or say the stream is given up."""
        self.failures += 1
        logger.info("event stream dropped (%s); resuming after seq %s", reason, self.last_seq)
        pipeline = self.client._pipeline
        decision = pipeline.retry_policy.decide(
            RetryContext(
                attempt=self.failures, method="GET", failure="network", now=pipeline.time.time()
            )
        )
        if not decision.retry or (self.cap is not None and self.failures > self.cap):
            return False
        await pipeline.time.sleep(decision.delay)
        return True


async def goal_events(
    client: AsyncConvilyn,
    job_spec_id: str,
    *,
    after_seq: int | None,
    transport: Literal["auto", "websocket", "poll"],
    poll_interval: float | None,
    max_reconnects: int | None,
) -> AsyncGenerator[GoalEvent, None]:
    stream = _Stream(client, job_spec_id, after_seq, max_reconnects)
    live = _websocket_wanted(transport)
    while live:
        client._pipeline.check_open()
        try:
            async for event in stream.events():
                yield event
            if stream.finished:
                return
            reason: object = "closed before a terminal event"
        except _Refused as refused:
            error = _refusal(refused, transport)
            if error is not None:
                raise error from refused
            break
        except Exception as exc:
            if not _is_drop(exc):
                raise
            reason = exc
        live = await stream.may_resume(reason)
        if not live and transport == "websocket":
            raise APIConnectionError(
                f"The event stream of {job_spec_id} kept dropping ({stream.failures} times)."
            )
        if not live:
            logger.info("event stream unstable; falling back to polling")
    # Polling fallback: a job already terminal still yields its final events.
    last_seq = stream.last_seq
    async with contextlib.aclosing(
        _poll_events(
            client,
            job_spec_id,
            next_seq=(last_seq + 1) if last_seq is not None else 1,  # the stream starts at 1
            poll_interval=poll_interval,
        )
    ) as polled:
        async for event in polled:
            yield event
