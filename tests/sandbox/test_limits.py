"""Auth, rate limits per tier (headers on every response), creation and concurrency limits."""

from __future__ import annotations

import time

import httpx

from convilyn.sandbox import Sandbox

from .conftest import Api


def test_missing_malformed_and_foreign_keys_are_401(sb: Sandbox) -> None:
    url = sb.base_url + "/api/v1/files"
    for headers in (
        {},
        {"Authorization": "Bearer"},
        {"Authorization": "Basic abc"},
        {"Authorization": "Bearer ck_short"},
        {"Authorization": "Bearer cvl_abcdefghijkl"},
    ):
        r = httpx.get(url, headers=headers)
        assert r.status_code == 401, headers
        assert r.json()["code"] == "UNAUTHORIZED"
        assert r.headers["X-Request-Id"]
    assert httpx.get(sb.base_url + "/api/v1/health").status_code == 200


def test_headers_on_every_response(api: Api) -> None:
    for r in (
        api.get("/files"),
        api.get("/jobs/goal/js_nope"),
        api.post("/upload/presign", json={}),
    ):
        assert r.headers["X-Request-Id"].startswith("req_")
        assert int(r.headers["X-RateLimit-Limit"]) == 300
        assert 0 <= int(r.headers["X-RateLimit-Remaining"]) < 300
        assert int(r.headers["X-RateLimit-Reset"]) > time.time()


def _fresh_window() -> None:
    """Rate-limit windows are fixed minutes: don't start a burst just before one rolls over."""
    if 60 - time.time() % 60 < 3:
        time.sleep(3.1)


def test_free_tier_per_minute_exhaustion(make_api) -> None:  # type: ignore[no-untyped-def]
    free: Api = make_api("free")
    _fresh_window()
    remaining = []
    for _ in range(60):
        r = free.get("/credits/balance")
        assert r.status_code == 200
        remaining.append(int(r.headers["X-RateLimit-Remaining"]))
    assert remaining == list(range(59, -1, -1))
    r = free.get("/credits/balance")
    assert r.status_code == 429
    assert r.json()["code"] == "RATE_LIMITED"
    assert r.headers["X-RateLimit-Limit"] == "60"
    assert r.headers["X-RateLimit-Remaining"] == "0"
    reset = int(r.headers["X-RateLimit-Reset"])
    assert 1 <= int(r.headers["Retry-After"]) <= 60
    assert abs(reset - time.time() - int(r.headers["Retry-After"])) <= 1
    # other endpoints have their own window
    assert free.get("/files").status_code == 200
    # soft-limit warning appeared near the end of the window
    assert free.http.get("/api/v1/workflows/catalog").headers.get("X-Quota-State") is None


def test_soft_limit_header(make_api) -> None:  # type: ignore[no-untyped-def]
    free: Api = make_api("free")
    _fresh_window()
    states = [free.get("/files").headers.get("X-Quota-State") for _ in range(60)]
    assert states[0] is None
    assert states[-1] == "soft_limit"


def test_daily_creation_limit(make_api) -> None:  # type: ignore[no-untyped-def]
    free: Api = make_api("free")
    f = free.upload("a.docx")
    for i in range(10):
        r = free.post(
            "/jobs",
            json={
                "processor_type": "document_conversion",
                "params": {"source_file_id": f, "source_format": "docx", "target_format": "pdf"},
            },
        )
        assert r.status_code == 202, r.text
        assert r.headers["X-RateLimit-Limit"] == "10"
        assert r.headers["X-RateLimit-Remaining"] == str(9 - i)
    r = free.post(
        "/jobs",
        json={
            "processor_type": "document_conversion",
            "params": {"source_file_id": f, "source_format": "docx", "target_format": "pdf"},
        },
    )
    assert r.status_code == 429
    assert r.json()["details"]["window"] == "day"
    assert int(r.headers["Retry-After"]) > 0


def test_concurrent_job_limit(make_api) -> None:  # type: ignore[no-untyped-def]
    free: Api = make_api("free")
    f = free.upload("cv.pdf")
    jobs = [
        free.goal("goal_lane.document_summary", files=[f]) for _ in range(5)
    ]  # all wait in slots_pending
    r = free.post("/jobs/goal", json={"workflowId": "goal_lane.document_summary", "fileIds": [f]})
    assert r.status_code == 429
    assert r.json()["code"] == "CONCURRENT_JOB_LIMIT"
    assert r.json()["details"] == {"limit": 5, "active": 5, "retry_after_seconds": 5}
    free.post(f"/jobs/goal/{jobs[0]['jobSpecId']}/cancel")
    assert (
        free.post(
            "/jobs/goal", json={"workflowId": "goal_lane.document_summary", "fileIds": [f]}
        ).status_code
        == 201
    )


def test_rate_limits_can_be_switched_off(convilyn_sandbox_factory, make_api) -> None:  # type: ignore[no-untyped-def]
    sandbox: Sandbox = convilyn_sandbox_factory(rate_limits=False)
    free: Api = make_api("free", sandbox)
    _fresh_window()
    for _ in range(65):
        r = free.get("/files")
    assert r.status_code == 200
    assert r.headers["X-RateLimit-Remaining"] == "0"
