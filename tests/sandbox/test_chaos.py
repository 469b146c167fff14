"""Chaos: every fault injected at least once, counted, reproducible from a seed."""

from __future__ import annotations

import time

import httpx
import pytest

from convilyn.sandbox import ChaosConfig, Sandbox
from convilyn.sandbox.chaos import ChaosEngine

from .conftest import Api


@pytest.mark.parametrize(
    ("fault", "status"), [("500", 500), ("502", 502), ("503", 503), ("429", 429)]
)
def test_error_faults(api: Api, sb: Sandbox, fault: str, status: int) -> None:
    sb.inject(fault)
    r = api.get("/files")
    assert r.status_code == status
    assert r.headers["X-Request-Id"]
    if fault == "502":
        assert r.headers["content-type"].startswith("text/html")
    else:
        assert r.json()["details"]["chaos"] is True
    if fault in ("429", "503"):
        assert r.headers["Retry-After"] == "1"
    assert api.get("/files").status_code == 200  # only the next request
    assert sb.stats()["chaos"]["injected"][fault] == 1


def test_the_quota_fault_is_the_live_cost_cap_refusal(api: Api, sb: Sandbox) -> None:
    from datetime import datetime

    sb.inject("quota", path="/api/v1/jobs/goal")
    assert api.get("/files").status_code == 200  # another path: untouched
    before = time.time()
    r = api.post("/jobs/goal", json={})
    assert r.status_code == 402
    envelope = r.json()["detail"]
    assert envelope["code"] == "QUOTA_EXCEEDED"
    details = envelope["details"]
    assert details["retry_after_seconds"] == 1
    reset = datetime.fromisoformat(details["reset_at"].replace("Z", "+00:00")).timestamp()
    assert before < reset < time.time() + 2
    assert {"estimatedMicroU", "thresholdMicroU", "upgradeUrl"} <= set(details)
    assert sb.stats()["chaos"]["injected"]["quota"] == 1
    with pytest.raises(ValueError, match="unknown option 'quota'"):
        ChaosConfig.parse("quota=0.5")  # forced only: an account's state, not a random fault


def test_reset_before_processing_has_no_effect(api: Api, sb: Sandbox) -> None:
    sb.inject("reset_before", path="/api/v1/upload")
    with pytest.raises(httpx.TransportError):
        api.post("/upload", files={"file": ("a.txt", b"abc")})
    assert api.get("/files").json()["files"] == []
    assert sb.stats()["chaos"]["injected"]["reset_before"] == 1


def test_reset_after_processing_keeps_the_effect(api: Api, sb: Sandbox) -> None:
    sb.inject("reset_after", path="/api/v1/upload")
    with pytest.raises(httpx.TransportError):
        api.post("/upload", files={"file": ("a.txt", b"abc")})
    assert len(api.get("/files").json()["files"]) == 1
    assert sb.stats()["chaos"]["injected"]["reset_after"] == 1


def test_latency(api: Api, sb: Sandbox, convilyn_sandbox_factory) -> None:  # type: ignore[no-untyped-def]
    slow: Sandbox = convilyn_sandbox_factory(chaos="latency=1,latency_ms=200")
    client = httpx.Client(
        base_url=slow.base_url, headers={"Authorization": f"Bearer {slow.api_key}"}
    )
    start = time.perf_counter()
    assert client.get("/api/v1/files").status_code == 200
    assert time.perf_counter() - start >= 0.2
    assert slow.stats()["chaos"]["injected"]["latency"] == 1
    client.close()


def test_429_storm_and_seeded_probabilities(convilyn_sandbox_factory) -> None:  # type: ignore[no-untyped-def]
    def run(seed: int) -> list[int]:
        sandbox: Sandbox = convilyn_sandbox_factory(
            chaos="429=0.2,storm=3,500=0.1,503=0.1", seed=seed
        )
        with httpx.Client(
            base_url=sandbox.base_url, headers={"Authorization": f"Bearer {sandbox.api_key}"}
        ) as c:
            statuses = [c.get("/api/v1/credits/balance").status_code for _ in range(60)]
        stats = sandbox.stats()["chaos"]["injected"]
        assert stats["429"] == statuses.count(429)
        assert stats["500"] == statuses.count(500)
        assert stats["503"] == statuses.count(503)
        return statuses

    first, again, other = run(7), run(7), run(8)
    assert first == again
    assert first != other
    assert 429 in first
    assert 200 in first
    # a storm: every 429 run is at least 3 long (unless cut off by the end)
    runs, current = [], 0
    for s in first:
        if s == 429:
            current += 1
        elif current:
            runs.append(current)
            current = 0
    assert runs
    assert min(runs) >= 3


def test_health_is_never_faulted(convilyn_sandbox_factory) -> None:  # type: ignore[no-untyped-def]
    sandbox: Sandbox = convilyn_sandbox_factory(chaos="500=1")
    assert httpx.get(sandbox.base_url + "/api/v1/health").status_code == 200
    assert (
        httpx.get(
            sandbox.base_url + "/api/v1/files",
            headers={"Authorization": f"Bearer {sandbox.api_key}"},
        ).status_code
        == 500
    )


def test_chaos_spec_parsing() -> None:
    cfg = ChaosConfig.parse(
        "500=0.1, 502=0.05;reset_after=0.01,latency=0.5,latency_ms=20,retry_after=0"
    )
    assert (cfg.p500, cfg.p502, cfg.reset_after, cfg.latency, cfg.latency_ms, cfg.retry_after) == (
        0.1,
        0.05,
        0.01,
        0.5,
        20,
        0,
    )
    assert ChaosConfig.parse({"429": 0.2, "storm": 5}).storm == 5
    assert ChaosConfig.parse("all=0.6").p500 == pytest.approx(0.1)
    with pytest.raises(ValueError, match="unknown"):
        ChaosConfig.parse("teapot=0.1")
    with pytest.raises(ValueError, match="at most 1"):
        ChaosConfig.parse("500=0.7,502=0.7")
    with pytest.raises(ValueError, match="name=value"):
        ChaosConfig.parse("500")
    with pytest.raises(ValueError, match="chaos: 500 must be a number, got 'abc'"):
        ChaosConfig.parse("500=abc")
    with pytest.raises(ValueError, match="chaos: storm must be a whole number, got 'x'"):
        ChaosConfig.parse("storm=x")
    for bad in ("500=nan", "latency=nan", "all=nan", "latency_ms=-5", "retry_after=-1", "storm=-1"):
        with pytest.raises(ValueError, match="chaos"):
            ChaosConfig.parse(bad)


def test_forced_faults_need_a_positive_count(sb: Sandbox) -> None:
    for times in (0, -3):
        with pytest.raises(ValueError, match="times"):
            sb.inject("500", times=times)
    assert sb.stats()["chaos"]["pendingForced"] == []
    with pytest.raises(ValueError, match="unknown fault 'teapot'"):
        sb.inject("teapot")


def test_engine_forced_faults_match_paths() -> None:
    engine = ChaosEngine(ChaosConfig(), seed=1)
    engine.inject("503", times=2, path="/api/v1/jobs", method="post")
    assert engine.decide("GET", "/api/v1/jobs/x") == (None, False)
    assert engine.decide("POST", "/api/v1/jobs") == ("503", False)
    assert engine.decide("POST", "/api/v1/jobs/goal") == ("503", False)
    assert engine.decide("POST", "/api/v1/jobs") == (None, False)


def test_survive_everything_with_retries(convilyn_sandbox_factory) -> None:  # type: ignore[no-untyped-def]
    """A naive retrying client gets through heavy chaos, and the stats show what it survived."""
    import uuid

    sandbox: Sandbox = convilyn_sandbox_factory(
        chaos="500=0.1,502=0.1,503=0.1,429=0.05,storm=2,reset_before=0.05,reset_after=0.05,retry_after=0",
        seed=3,
    )
    client = httpx.Client(
        base_url=sandbox.base_url, headers={"Authorization": f"Bearer {sandbox.api_key}"}
    )

    def call(method: str, path: str, **kw: object) -> httpx.Response:
        key = str(uuid.uuid4())
        for _ in range(50):
            try:
                r = client.request(method, "/api/v1" + path, headers={"Idempotency-Key": key}, **kw)  # type: ignore[arg-type]
            except httpx.TransportError:
                continue
            if r.status_code < 500 and r.status_code != 429:
                return r
        raise AssertionError("never got through")

    files = [
        call("POST", "/upload", files={"file": (f"f{i}.pdf", b"x")}).json()["fileId"]
        for i in range(2)
    ]
    job = call(
        "POST", "/jobs/goal", json={"workflowId": "goal_lane.cover_letter", "fileIds": files}
    ).json()
    call("POST", f"/jobs/goal/{job['jobSpecId']}/confirm", json={})
    assert call("GET", f"/jobs/goal/{job['jobSpecId']}").json()["status"] == "completed"
    stats = sandbox.stats()
    assert stats["created"]["goalJobs"] == 1
    assert stats["created"]["files"] == 2
    assert stats["chaos"]["total"] > 0
    client.close()
