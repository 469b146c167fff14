"""The goal-job WebSocket stream: 13 event types, monotonic seq, keepalives, auth, resume."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from httpx_ws import WebSocketDisconnect, WebSocketSession, WebSocketUpgradeError, connect_ws

from convilyn.models import GoalEvent
from convilyn.sandbox import Sandbox

from .conftest import Api


def ws_url(sb: Sandbox, jid: str, query: str = "") -> str:
    return sb.base_url.replace("http://", "ws://") + f"/api/v1/jobs/goal/{jid}/events" + query


def read_all(api: Api, jid: str, query: str = "", limit: int = 500) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    code = None
    with connect_ws(
        ws_url(api.sandbox, jid, query), api.http, session_class=WebSocketSession
    ) as ws:
        try:
            for _ in range(limit):
                events.append(ws.receive_json(timeout=10))
        except WebSocketDisconnect as closed:
            code = closed.code
    assert code == 1000  # a clean close after the terminal event
    return events


def test_stream_to_a_terminal_event(api: Api) -> None:
    job = api.goal(
        "goal_lane.resume_tailor",
        files=[api.upload("cv.pdf")],
        slotAnswers=[
            {"slotId": "target_role", "value": "CTO"},
            {"slotId": "tone", "value": "bold"},
        ],
    )
    jid = job["jobSpecId"]
    api.confirm(jid)
    api.patch(
        f"/jobs/goal/{jid}/slots",
        json={"answers": [{"slotId": "confirmed_titles", "value": "CTO"}]},
    )
    api.confirm(jid)
    events = read_all(api, jid)
    for e in events:
        GoalEvent.model_validate(e)
        assert e["jobSpecId"] == jid
        assert e["schemaVersion"] == 1
    seqs = [e["seq"] for e in events]
    assert seqs == list(range(1, len(events) + 1))
    types = {e["type"] for e in events}
    assert types >= {
        "status",
        "orchestration_transition",
        "agent_step_started",
        "agent_step_finished",
        "tool_started",
        "tool_finished",
        "agent_text",
        "agent_text_done",
        "progress",
        "slot_needed",
        "completed",
    }
    assert events[-1]["type"] == "completed"
    slot = next(e for e in events if e["type"] == "slot_needed" and "checkpointId" in e["data"])
    assert slot["data"]["checkpointId"] == "profile_review"
    statuses = [e["data"]["status"] for e in events if e["type"] == "status"]
    assert statuses[0] == "created"
    assert statuses[-1] == "completed"
    # resume after seq N
    tail = read_all(api, jid, f"?afterSeq={seqs[-5]}")
    assert [e["seq"] for e in tail] == seqs[-4:]


def test_failed_event(api: Api) -> None:
    job = api.goal(files=[api.upload("x__fail__.pdf"), api.upload("y.pdf")])
    api.confirm(job["jobSpecId"])
    events = read_all(api, job["jobSpecId"])
    assert events[-1]["type"] == "failed"
    assert events[-1]["data"]["errorCode"] == "TOOL_ERROR"


def test_live_stream_with_keepalives(convilyn_sandbox_factory, make_api) -> None:  # type: ignore[no-untyped-def]
    sandbox: Sandbox = convilyn_sandbox_factory(speed=0, keepalive_seconds=0.05)
    api: Api = make_api("pro", sandbox)
    job = api.goal(
        "goal_lane.document_summary", files=[api.upload("a.pdf")]
    )  # waits in slots_pending
    jid = job["jobSpecId"]
    with connect_ws(ws_url(sandbox, jid), api.http, session_class=WebSocketSession) as ws:
        got = [ws.receive_json(timeout=5)]
        while got[-1]["type"] != "keepalive" and len(got) < 50:
            got.append(ws.receive_json(timeout=5))
        assert got[-1]["type"] == "keepalive"
        assert got[-2]["type"] == "slot_needed"
        assert got[-1]["seq"] == max(e["seq"] for e in got)  # keepalives repeat the last seq
        api.patch(
            f"/jobs/goal/{jid}/slots", json={"answers": [{"slotId": "length", "value": "short"}]}
        )
        api.confirm(jid)
        rest: list[dict[str, Any]] = []

        def drain() -> None:
            while True:
                rest.append(ws.receive_json(timeout=5))

        with pytest.raises(WebSocketDisconnect):
            drain()
    real = [e for e in got + rest if e["type"] != "keepalive"]
    assert [e["seq"] for e in real] == list(range(1, len(real) + 1))
    assert real[-1]["type"] == "completed"


def test_cancel_ends_the_stream_with_a_terminal_status(api: Api) -> None:
    job = api.goal("goal_lane.document_summary", files=[api.upload("a.pdf")])
    api.post(f"/jobs/goal/{job['jobSpecId']}/cancel")
    events = read_all(api, job["jobSpecId"])
    assert events[-1]["type"] == "status"
    assert events[-1]["data"]["status"] == "cancelled"


@pytest.mark.parametrize(
    ("query", "headers", "status", "code"),
    [
        ("?api_key=KEY", {}, 401, "KEY_IN_URL"),
        ("?token=KEY", {"Authorization": "Bearer KEY"}, 401, "KEY_IN_URL"),
        ("?x=KEY&x=1", {"Authorization": "Bearer KEY"}, 401, "KEY_IN_URL"),  # not only the last
        ("", {}, 401, "UNAUTHORIZED"),
        ("", {"Authorization": "Bearer OTHER"}, 404, "JOB_NOT_FOUND"),
        ("?afterSeq=-1", {"Authorization": "Bearer KEY"}, 422, "VALIDATION_ERROR"),
        ("?afterSeq=%C2%B2", {"Authorization": "Bearer KEY"}, 422, "VALIDATION_ERROR"),  # "²"
        ("?afterSeq=" + "9" * 5000, {"Authorization": "Bearer KEY"}, 422, "VALIDATION_ERROR"),
    ],
)
def test_handshake_refusals_are_json(
    api: Api, query: str, headers: dict[str, str], status: int, code: str
) -> None:
    jid = api.goal()["jobSpecId"]
    other = api.sandbox.new_key()
    query = query.replace("KEY", api.key)
    headers = {k: v.replace("OTHER", other).replace("KEY", api.key) for k, v in headers.items()}
    with (
        httpx.Client() as client,
        pytest.raises(WebSocketUpgradeError) as err,
        connect_ws(ws_url(api.sandbox, jid, query), client, headers=headers),
    ):
        pass
    assert err.value.response.status_code == status
    # the same handshake by hand, to read the JSON denial body
    upgrade = {
        "Connection": "Upgrade",
        "Upgrade": "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    }
    raw = httpx.get(
        f"{api.sandbox.base_url}/api/v1/jobs/goal/{jid}/events{query}",
        headers={**upgrade, **headers},
    )
    assert raw.status_code == status
    assert raw.headers["content-type"] == "application/json"
    assert raw.json()["code"] == code
    assert raw.headers["X-Request-Id"]


def test_stats_count_connections(api: Api, sb: Sandbox) -> None:
    job = api.goal()
    api.confirm(job["jobSpecId"])
    events = read_all(api, job["jobSpecId"])
    ws = sb.stats()["websockets"]
    assert ws["connections"] == 1
    assert ws["eventsSent"] == len(events)
