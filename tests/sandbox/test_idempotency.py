"""Idempotency-Key: replay, mismatch, and survival of faults."""

from __future__ import annotations

import uuid

import httpx
import pytest

from convilyn.sandbox import Sandbox

from .conftest import Api


def test_same_key_same_body_replays_and_creates_nothing(api: Api, sb: Sandbox) -> None:
    files = [api.upload("a.pdf"), api.upload("b.pdf")]
    key = str(uuid.uuid4())
    body = {"workflowId": "goal_lane.cover_letter", "fileIds": files}
    first = api.post("/jobs/goal", json=body, headers={"Idempotency-Key": key})
    # key order does not matter: same JSON value
    second = api.post(
        "/jobs/goal",
        json={"fileIds": files, "workflowId": "goal_lane.cover_letter"},
        headers={"Idempotency-Key": key},
    )
    assert first.status_code == second.status_code == 201
    assert first.content == second.content
    assert second.headers["Idempotent-Replayed"] == "true"
    assert second.headers["X-RateLimit-Limit"] == first.headers["X-RateLimit-Limit"]
    assert second.headers["X-Request-Id"] != first.headers["X-Request-Id"]
    stats = sb.stats()
    assert stats["idempotency"]["replays"] == 1
    assert stats["created"]["goalJobs"] == 1


def test_same_key_different_body_is_422(api: Api) -> None:
    key = str(uuid.uuid4())
    assert (
        api.post(
            "/workflows/cost-preview", json={"toolNames": ["a"]}, headers={"Idempotency-Key": key}
        ).status_code
        == 200
    )
    r = api.post(
        "/workflows/cost-preview", json={"toolNames": ["b"]}, headers={"Idempotency-Key": key}
    )
    assert r.status_code == 422
    assert r.json()["code"] == "IDEMPOTENCY_KEY_REUSED"


def test_keys_are_per_api_key(api: Api, make_api) -> None:  # type: ignore[no-untyped-def]
    other: Api = make_api("pro")
    key = str(uuid.uuid4())
    a = api.post(
        "/workflows/fork",
        json={"sourceSpecId": "goal_lane.translate"},
        headers={"Idempotency-Key": key},
    )
    b = other.post(
        "/workflows/fork",
        json={"sourceSpecId": "goal_lane.translate"},
        headers={"Idempotency-Key": key},
    )
    assert a.status_code == b.status_code == 201
    assert a.json()["workflowId"] != b.json()["workflowId"]


def test_malformed_key_is_422(api: Api) -> None:
    r = api.post(
        "/workflows/cost-preview",
        json={"toolNames": ["a"]},
        headers={"Idempotency-Key": "not-a-uuid"},
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["header", "Idempotency-Key"]


def test_validation_failures_and_server_errors_are_not_stored(api: Api, sb: Sandbox) -> None:
    key = str(uuid.uuid4())
    bad = api.post(
        "/workflows/cost-preview", json={"toolNames": "a"}, headers={"Idempotency-Key": key}
    )
    assert bad.status_code == 422
    good = api.post(
        "/workflows/cost-preview", json={"toolNames": ["a"]}, headers={"Idempotency-Key": key}
    )
    assert good.status_code == 200
    key2 = str(uuid.uuid4())
    sb.inject("503", path="/api/v1/workflows/fork")
    assert (
        api.post(
            "/workflows/fork",
            json={"sourceSpecId": "goal_lane.translate"},
            headers={"Idempotency-Key": key2},
        ).status_code
        == 503
    )
    retry = api.post(
        "/workflows/fork",
        json={"sourceSpecId": "goal_lane.translate"},
        headers={"Idempotency-Key": key2},
    )
    assert retry.status_code == 201
    assert "Idempotent-Replayed" not in retry.headers


def test_processed_then_reset_then_retry_replays(api: Api, sb: Sandbox) -> None:
    """The nastiest fault: the job was created, the response lost; the retry must not duplicate it."""
    files = [api.upload("a.pdf"), api.upload("b.pdf")]
    key = str(uuid.uuid4())
    body = {"workflowId": "goal_lane.cover_letter", "fileIds": files}
    sb.inject("reset_after", path="/api/v1/jobs/goal")
    with pytest.raises(httpx.TransportError):
        api.post("/jobs/goal", json=body, headers={"Idempotency-Key": key})
    assert sb.stats()["created"]["goalJobs"] == 1  # it was processed
    retry = api.post("/jobs/goal", json=body, headers={"Idempotency-Key": key})
    assert retry.status_code == 201
    assert retry.headers["Idempotent-Replayed"] == "true"
    stats = sb.stats()
    assert stats["created"]["goalJobs"] == 1
    assert stats["chaos"]["injected"]["reset_after"] == 1
    assert len(api.get("/files").json()["files"]) == 2
