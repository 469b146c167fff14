"""goals.events() over the WebSocket, in-process (httpx-ws's ASGI transport, no network).

respx cannot speak WebSocket; httpx-ws's ``ASGIWebSocketTransport`` can, and because the SDK
hands its own httpx client to httpx-ws, the stream is tested exactly as it runs: same client,
same headers. A small raw-ASGI app plays the server, one script per connection.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
from facade_helpers import KEY, FakeTime, goal_job

from convilyn import (
    APIConnectionError,
    AsyncConvilyn,
    ExponentialBackoffRetry,
    NoRetry,
    PermissionDeniedError,
    ResponseValidationError,
    RetryPolicy,
)

httpx_ws_transport = pytest.importorskip("httpx_ws.transport")

pytestmark = pytest.mark.anyio

BASE = "http://127.0.0.1:8765"
Script = list[dict[str, Any]] | str  # frames to send then close, or "refuse" / "garbage"


def frame(seq: int, type_: str = "progress", **data: Any) -> dict[str, Any]:
    return {
        "type": type_,
        "schemaVersion": 1,
        "jobSpecId": "job_1",
        "emittedAt": "2026-01-01T00:00:00Z",
        "seq": seq,
        "data": data,
    }


class FakeEventServer:
    """Serves ``/api/v1/jobs/goal/job_1/events`` (WebSocket) and the two polling endpoints."""

    def __init__(self, scripts: list[Script], final_status: str = "completed") -> None:
        self.scripts = list(scripts)
        self.final_status = final_status
        self.handshakes: list[tuple[str, dict[str, str]]] = []

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            await self._http(scope, send)
            return
        assert scope["type"] == "websocket"
        assert scope["path"] == "/api/v1/jobs/goal/job_1/events"
        headers = {k.decode(): v.decode() for k, v in scope["headers"]}
        self.handshakes.append((scope["query_string"].decode(), headers))
        assert (await receive())["type"] == "websocket.connect"
        script = self.scripts.pop(0)
        if script == "refuse":
            await send({"type": "websocket.http.response.start", "status": 403, "headers": []})
            await send({"type": "websocket.http.response.body", "body": b""})
            return
        await send({"type": "websocket.accept"})
        if script == "garbage":
            await send({"type": "websocket.send", "text": "<html>not json</html>"})
        else:
            for item in script:
                await send({"type": "websocket.send", "text": json.dumps(item)})
        await send({"type": "websocket.close", "code": 1000, "reason": ""})

    async def _http(self, scope: dict[str, Any], send: Any) -> None:
        status = self.final_status
        if scope["path"].endswith("/status"):
            body: Any = {"status": status, "progress": 100, "itemVersion": 3}
        else:
            body = goal_job(status=status, progress=100, itemVersion=3)
        payload = json.dumps(body).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": payload})


@pytest.fixture
def serve(fake_time: FakeTime) -> Callable[..., Any]:
    @contextlib.asynccontextmanager
    async def factory(
        server: FakeEventServer, retry_policy: RetryPolicy = STEADY
    ) -> AsyncIterator[AsyncConvilyn]:
        transport = httpx_ws_transport.ASGIWebSocketTransport(server)
        async with httpx.AsyncClient(transport=transport) as http:
            yield AsyncConvilyn(
                api_key=KEY,
                base_url=BASE,
                http_client=http,
                time_source=fake_time.async_source(),
                retry_policy=retry_policy,
            )

    return factory


# Reconnects back off as the client's retry policy says: here without jitter, to read the sleeps.
STEADY = ExponentialBackoffRetry(initial_delay=0.25, jitter=0)


async def events(client: AsyncConvilyn, **kwargs: Any) -> list[Any]:
    async with contextlib.aclosing(client.goals.events("job_1", **kwargs)) as stream:
        return [event async for event in stream]


async def test_a_dropped_stream_resumes_after_the_last_seq(
    serve: Callable[..., Any], fake_time: FakeTime
) -> None:
    server = FakeEventServer(
        [
            [frame(1, "status", status="executing"), frame(2, progress=40)],  # then drops
            [frame(2, progress=40), frame(3, progress=80), frame(4, "completed")],  # replays 2
        ]
    )
    async with serve(server) as client:
        got = await events(client, transport="websocket")
    assert [(e.seq, str(e.type)) for e in got] == [
        (1, "status"),
        (2, "progress"),
        (3, "progress"),
        (4, "completed"),
    ]
    assert [query for query, _ in server.handshakes] == ["", "afterSeq=2"]
    for _, headers in server.handshakes:
        assert headers["authorization"] == f"Bearer {KEY}"  # the header, never the URL
    assert all(KEY not in query for query, _ in server.handshakes)
    assert fake_time.sleeps == [0.25]  # one reconnect, after the policy's first backoff


async def test_after_seq_is_sent_on_the_first_handshake(serve: Callable[..., Any]) -> None:
    server = FakeEventServer([[frame(8, progress=90), frame(9, "completed")]])
    async with serve(server) as client:
        got = await events(client, after_seq=7, transport="websocket")
    assert [e.seq for e in got] == [8, 9]
    assert server.handshakes[0][0] == "afterSeq=7"


async def test_reconnects_are_bounded_with_backoff(
    serve: Callable[..., Any], fake_time: FakeTime
) -> None:
    server = FakeEventServer([[frame(1)], [], [], []])
    async with serve(server) as client:
        with pytest.raises(APIConnectionError, match="kept dropping"):
            await events(client, transport="websocket", max_reconnects=2)
    assert len(server.handshakes) == 3
    assert fake_time.sleeps == [0.25, 0.5]
    assert server.handshakes[-1][0] == "afterSeq=1"


async def test_a_client_that_does_not_retry_does_not_reconnect(
    serve: Callable[..., Any], fake_time: FakeTime
) -> None:
    server = FakeEventServer([[frame(1)], [frame(2, "completed")]])
    async with serve(server, retry_policy=NoRetry()) as client:
        with pytest.raises(APIConnectionError, match="kept dropping"):
            await events(client, transport="websocket")
    assert len(server.handshakes) == 1
    assert fake_time.sleeps == []


async def test_auto_falls_back_to_polling_after_unstable_stream(
    serve: Callable[..., Any],
) -> None:
    server = FakeEventServer([[frame(1, "status", status="executing")], []])
    async with serve(server) as client:
        got = await events(client, max_reconnects=1)
    assert got[0].seq == 1
    # Polling continues the numbering after the last streamed seq and ends at the terminal.
    assert [e.seq for e in got[1:]] == list(range(2, 2 + len(got) - 1))
    assert str(got[-1].type) == "completed"
    assert got[-1].data["source"] == "poll"


async def test_refused_handshake(serve: Callable[..., Any]) -> None:
    server = FakeEventServer(["refuse", "refuse"])
    async with serve(server) as client:
        with pytest.raises(PermissionDeniedError):
            await events(client, transport="websocket")
        got = await events(client)  # auto: the refusal switches to polling at once
    assert str(got[-1].type) == "completed"
    assert len(server.handshakes) == 2


async def test_a_frame_that_is_not_json_is_a_typed_error(serve: Callable[..., Any]) -> None:
    async with serve(FakeEventServer(["garbage"])) as client:
        with pytest.raises(ResponseValidationError, match="not JSON"):
            await events(client, transport="websocket")


async def test_leaving_early_closes_the_stream_cleanly(serve: Callable[..., Any]) -> None:
    server = FakeEventServer([[frame(1), frame(2), frame(3, "completed")]])
    async with (
        serve(server) as client,
        contextlib.aclosing(client.goals.events("job_1")) as stream,
    ):
        async for event in stream:
            assert event.seq == 1
            break


async def test_polled_events_are_numbered_from_1_like_the_stream(
    serve: Callable[..., Any],
) -> None:
    async with serve(FakeEventServer([])) as client:
        got = await events(client, transport="poll")
    assert [e.seq for e in got] == list(range(1, 1 + len(got)))


async def test_a_cancelled_job_ends_its_stream_with_its_status_event(
    serve: Callable[..., Any], fake_time: FakeTime
) -> None:
    # A cancel has no closing event of its own: the stream's last frame is the status event
    # (the spec's "a status event with a terminal status"), then the server closes.
    server = FakeEventServer(
        [[frame(1, "status", status="executing"), frame(2, "status", status="cancelled")]],
        final_status="cancelled",
    )
    async with serve(server) as client:
        got = await events(client, transport="websocket")
    assert [(e.seq, str(e.type), e.data["status"]) for e in got] == [
        (1, "status", "executing"),
        (2, "status", "cancelled"),
    ]
    assert len(server.handshakes) == 1  # ended, not dropped: no reconnect
    assert fake_time.sleeps == []


async def test_a_completed_jobs_status_event_does_not_end_the_stream_before_its_event(
    serve: Callable[..., Any],
) -> None:
    server = FakeEventServer(
        [[frame(1, "status", status="completed"), frame(2, "completed", status="completed")]]
    )
    async with serve(server) as client:
        got = await events(client, transport="websocket")
    assert [str(e.type) for e in got] == ["status", "completed"]


def test_the_event_deriver_explains_successive_snapshots_as_the_stream_would() -> None:
    from convilyn import GoalEventDeriver
    from convilyn.types import GoalJob

    deriver = GoalEventDeriver("job_1", next_seq=5)
    seen = []
    for status, progress in [
        ("executing", 10),
        ("executing", 10),
        ("executing", 60),
        ("completed", 100),
    ]:
        job = GoalJob.model_validate(goal_job(status=status, progress=progress))
        seen += [
            (e.seq, str(e.type), e.data.get("status", e.data.get("progress")))
            for e in deriver.observe(job)
        ]
    assert seen == [
        (5, "status", "executing"),
        (6, "progress", 10),
        (7, "progress", 60),
        (8, "status", "completed"),
        (9, "progress", 100),
        (10, "completed", "completed"),
    ]
    assert deriver.observe(job) == []  # nothing new
