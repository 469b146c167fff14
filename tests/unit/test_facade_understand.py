"""``goals.understand`` / ``to_markdown``: what a finished job's artifact can go wrong with, and
what a stopped job means (respx; sync and async)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import respx
from facade_helpers import call, goal_job

from convilyn import ConvilynError, GoalArtifactUnusableError, UnderstandUnavailableError

pytestmark = pytest.mark.anyio

JOB = "/api/v1/jobs/goal/job_1"
STORAGE = "https://storage.example.com/b/out?sig=1"
CAP = 8 * 1024 * 1024
SCHEMA = {"type": "object"}


def _artifact(art_id: str, mime: str, size: int = 10, primary: bool = True) -> dict[str, Any]:
    return {
        "artifactId": art_id,
        "fileName": f"{art_id}.out",
        "mimeType": mime,
        "sizeBytes": size,
        "isPrimary": primary,
        "description": "",
    }


def _chain(
    mock: respx.MockRouter,
    artifacts: list[dict[str, Any]],
    content: bytes,
    *,
    status: str = "completed",
    created: str = "analyzing",
) -> dict[str, respx.Route]:
    routes = {
        "create": mock.post("/api/v1/jobs/goal").mock(
            return_value=httpx.Response(201, json=goal_job(status=created))
        ),
        "status": mock.get(f"{JOB}/status").mock(return_value=httpx.Response(404)),
        "job": mock.get(JOB).mock(return_value=httpx.Response(200, json=goal_job(status=status))),
        "artifacts": mock.get(f"{JOB}/artifacts").mock(
            return_value=httpx.Response(200, json={"artifacts": artifacts, "total": len(artifacts)})
        ),
        "storage": mock.get(STORAGE).mock(return_value=httpx.Response(200, content=content)),
    }
    for art in artifacts:
        mock.get(f"{JOB}/artifacts/{art['artifactId']}/download").mock(
            return_value=httpx.Response(
                200,
                json={
                    "downloadUrl": STORAGE,
                    "fileName": art["fileName"],
                    "sizeBytes": art["sizeBytes"],
                    "mimeType": art["mimeType"],
                    "expiresAt": "2026-07-12T13:00:00Z",
                },
            )
        )
    return routes


async def test_the_primary_json_artifact_is_the_one_returned(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    arts = [
        _artifact("a_md", "text/markdown"),
        _artifact("a_side", "application/json", primary=False),
        _artifact("a_main", "application/json; charset=utf-8"),
    ]
    _chain(mock, arts, b'{"ok": true}')
    client = make_client(kind)
    result = await call(client.goals.understand(["file_1"], schema=SCHEMA))
    assert result == {"ok": True}
    presigned = [c.request.url.path for c in mock.calls if "download" in c.request.url.path]
    assert presigned == [f"{JOB}/artifacts/a_main/download"]


async def test_exactly_at_the_cap_is_read(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    body = b'"' + b"x" * (CAP - 2) + b'"'
    _chain(mock, [_artifact("a1", "application/json", size=CAP)], body)
    client = make_client(kind)
    assert len(await call(client.goals.understand(["file_1"], schema=SCHEMA))) == CAP - 2


async def test_one_byte_over_the_cap_is_refused_before_the_download(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    routes = _chain(mock, [_artifact("a1", "application/json", size=CAP + 1)], b"{}")
    client = make_client(kind)
    with pytest.raises(GoalArtifactUnusableError) as info:
        await call(client.goals.understand(["file_1"], schema=SCHEMA))
    assert not routes["storage"].called
    err = info.value
    assert (err.reason, err.artifact_id, err.size_bytes, err.max_bytes) == (
        "too_large",
        "a1",
        CAP + 1,
        CAP,
    )
    assert "goals.download_artifact_to('job_1', 'a1', to=...)" in str(err)


async def test_an_artifact_bigger_than_it_said_is_refused_too(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    _chain(mock, [_artifact("a1", "text/markdown", size=5)], b"#" * (CAP + 1))
    client = make_client(kind)
    with pytest.raises(GoalArtifactUnusableError) as info:
        await call(client.goals.to_markdown(["file_1"]))
    assert (info.value.reason, info.value.kind, info.value.size_bytes) == (
        "too_large",
        "markdown",
        CAP + 1,
    )


@pytest.mark.parametrize(
    ("method", "mime", "content"),
    [
        ("understand", "application/json", b"{not json"),
        ("understand", "application/json", b"\xff\xfe{}"),
        ("to_markdown", "text/markdown", b"\xff\xfe# t"),
    ],
    ids=["json-syntax", "json-not-utf8", "markdown-not-utf8"],
)
async def test_an_unreadable_artifact_is_unparsable_not_a_builtin(
    kind: str,
    make_client: Callable[..., Any],
    mock: respx.MockRouter,
    method: str,
    mime: str,
    content: bytes,
) -> None:
    _chain(mock, [_artifact("a1", mime)], content)
    client = make_client(kind)
    goals = client.goals
    run = getattr(goals, method)
    kwargs: dict[str, Any] = {"schema": SCHEMA} if method == "understand" else {}
    with pytest.raises(GoalArtifactUnusableError) as info:
        await call(run(["file_1"], **kwargs))
    assert info.value.reason == "unparsable"
    assert info.value.detail
    assert not isinstance(info.value, ValueError)


async def test_a_partial_run_without_json_says_it_was_partial(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    _chain(mock, [_artifact("a1", "text/plain")], b"", status="partial")
    client = make_client(kind)
    with pytest.raises(GoalArtifactUnusableError) as info:
        await call(client.goals.understand(["file_1"], schema=SCHEMA))
    assert (info.value.reason, info.value.job_status) == ("missing", "partial")
    assert "Job status: partial." in str(info.value)


async def test_a_job_that_stops_to_ask_is_the_wrong_method_a_value_error(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    slot = {
        "slotId": "which",
        "slotType": "text",
        "question": "Which page?",
        "required": True,
        "isDisambiguation": False,
    }
    mock.post("/api/v1/jobs/goal").mock(return_value=httpx.Response(201, json=goal_job()))
    mock.get(f"{JOB}/status").mock(return_value=httpx.Response(404))
    mock.get(JOB).mock(
        return_value=httpx.Response(200, json=goal_job(status="slots_pending", pendingSlots=[slot]))
    )
    client = make_client(kind)
    with pytest.raises(ValueError, match="single-step") as info:
        await call(client.goals.understand(["file_1"], schema=SCHEMA))
    assert not isinstance(info.value, ConvilynError)


async def test_the_refusal_carries_status_code_and_request_id(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    route = mock.post("/api/v1/jobs/goal").mock(
        return_value=httpx.Response(
            422, json={"detail": "outputSchema is not a schema"}, headers={"X-Request-Id": "req_9"}
        )
    )
    client = make_client(kind)
    with pytest.raises(UnderstandUnavailableError) as info:
        await call(client.goals.understand(["file_1"], schema={"x": 1}, instructions="all"))
    err = info.value
    assert (err.status_code, err.request_id) == (422, "req_9")
    assert str(err) == "outputSchema is not a schema (request id req_9)"
    sent = json.loads(route.calls[0].request.content)
    assert sent == {"fileIds": ["file_1"], "outputSchema": {"x": 1}, "instructions": "all"}


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        ({"reason": "missing"}, "no JSON artifact"),
        (
            {"reason": "too_large", "artifact_id": "a", "size_bytes": 9, "max_bytes": 8},
            "in-memory cap",
        ),
        (
            {"reason": "too_large", "artifact_id": "a", "size_bytes": 9, "max_bytes": 8},
            "'job_x', 'a'",
        ),
        ({"reason": "unparsable", "artifact_id": "a", "detail": "boom"}, "not valid JSON: boom"),
        ({"reason": "some_future_reason"}, "job_x"),
    ],
)
def test_the_message_keeps_what_4x_callers_match_on(kwargs: dict[str, Any], needle: str) -> None:
    """The substrings the vendor's 4.1 tests ``match=`` on; constructing never raises."""
    exc = GoalArtifactUnusableError(job_spec_id="job_x", kind="json", **kwargs)
    assert needle in str(exc)
    assert isinstance(exc, ConvilynError)
    assert not isinstance(exc, ValueError)
