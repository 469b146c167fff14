"""The request pipeline: retries, backoff timing, Retry-After, idempotency keys, rate limits."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
from facade_helpers import BASE, KEY, FakeTime, call, goal_job

from convilyn import (
    APIConnectionError,
    APITimeoutError,
    BadRequestError,
    ClientClosedError,
    ExponentialBackoffRetry,
    GoalJob,
    InternalServerError,
    NoRetry,
    QuotaSoftLimitWarning,
    RateLimitError,
)
from convilyn._retry import RetryContext

pytestmark = pytest.mark.anyio

JOB = "/api/v1/jobs/goal/job_1"
ZERO_JITTER = ExponentialBackoffRetry(rng=lambda: 0.0)


async def test_retries_5xx_then_succeeds_with_exact_backoff(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, fake_time: FakeTime
) -> None:
    route = mock.get(JOB).mock(
        side_effect=[
            httpx.Response(503),
            httpx.Response(502, text="<html>bad gateway</html>"),
            httpx.Response(500, json={"code": "INTERNAL", "message": "oops"}),
            httpx.Response(200, json=goal_job()),
        ]
    )
    client = make_client(kind, retry_policy=ZERO_JITTER)
    job = await call(client.goals.retrieve("job_1"))
    assert isinstance(job, GoalJob)
    assert route.call_count == 4
    assert fake_time.sleeps == [0.5, 1.0, 2.0]


async def test_jitter_shortens_backoff_within_bounds(fake_time: FakeTime) -> None:
    policy = ExponentialBackoffRetry(max_retries=5, rng=lambda: 1.0, jitter=0.25, max_delay=1.5)
    delays = [
        policy.decide(RetryContext(attempt=n, method="GET", status_code=503)).delay
        for n in (1, 2, 3, 4)
    ]
    assert delays == [0.375, 0.75, 1.125, 1.125]


async def test_gives_up_after_max_retries(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, fake_time: FakeTime
) -> None:
    route = mock.get(JOB).mock(return_value=httpx.Response(503, headers={"X-Request-Id": "r9"}))
    client = make_client(kind, retry_policy=ExponentialBackoffRetry(max_retries=2, rng=lambda: 0))
    with pytest.raises(InternalServerError) as info:
        await call(client.goals.retrieve("job_1"))
    assert route.call_count == 3
    assert info.value.request_id == "r9"
    assert fake_time.sleeps == [0.5, 1.0]


async def test_no_retry_policy(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, fake_time: FakeTime
) -> None:
    route = mock.get(JOB).mock(return_value=httpx.Response(503))
    client = make_client(kind, retry_policy=NoRetry())
    with pytest.raises(InternalServerError):
        await call(client.goals.retrieve("job_1"))
    assert route.call_count == 1
    assert fake_time.sleeps == []


async def test_4xx_is_not_retried(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    route = mock.get(JOB).mock(
        return_value=httpx.Response(400, json={"code": "BAD", "message": "no"})
    )
    client = make_client(kind)
    with pytest.raises(BadRequestError):
        await call(client.goals.retrieve("job_1"))
    assert route.call_count == 1


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Retry-After": "7"}, 7.0),
        ({"Retry-After": "Tue, 14 Nov 2023 22:13:30 GMT"}, 10.0),  # fake now = 22:13:20
        ({"X-RateLimit-Reset": "1700000004"}, 4.0),
        ({"Retry-After": "-5"}, 0.5),  # garbage: exponential backoff instead
        ({"Retry-After": "later"}, 0.5),
        ({"Retry-After": "3", "X-RateLimit-Reset": "1700000030"}, 3.0),  # Retry-After wins
    ],
)
async def test_429_honours_server_wait(
    kind: str,
    make_client: Callable[..., Any],
    mock: respx.MockRouter,
    fake_time: FakeTime,
    headers: dict[str, str],
    expected: float,
) -> None:
    mock.get(JOB).mock(
        side_effect=[httpx.Response(429, headers=headers), httpx.Response(200, json=goal_job())]
    )
    client = make_client(kind, retry_policy=ZERO_JITTER)
    await call(client.goals.retrieve("job_1"))
    assert fake_time.sleeps == [pytest.approx(expected)]


async def test_429_with_a_long_wait_raises_at_once(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, fake_time: FakeTime
) -> None:
    route = mock.get(JOB).mock(
        return_value=httpx.Response(
            429, headers={"Retry-After": "3600"}, json={"code": "RATE", "message": "slow down"}
        )
    )
    client = make_client(kind)
    with pytest.raises(RateLimitError) as info:
        await call(client.goals.retrieve("job_1"))
    assert info.value.retry_after == 3600.0
    assert route.call_count == 1
    assert fake_time.sleeps == []


async def test_idempotency_key_is_reused_across_retries(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    route = mock.post("/api/v1/jobs/goal/job_1/cancel").mock(
        side_effect=[
            httpx.Response(503),
            httpx.ConnectError("reset"),
            httpx.Response(202, json={"jobSpecId": "job_1", "status": "cancelled"}),
        ]
    )
    mock.get(JOB).mock(return_value=httpx.Response(200, json=goal_job(status="cancelled")))
    client = make_client(kind, retry_policy=ZERO_JITTER)
    await call(client.goals.cancel("job_1"))
    keys = [c.request.headers.get("Idempotency-Key") for c in route.calls]
    assert len(keys) == 3
    assert keys[0]
    assert len(set(keys)) == 1
    # a second logical call gets a new key
    route.side_effect = None
    route.return_value = httpx.Response(202, json={"jobSpecId": "job_1", "status": "cancelled"})
    await call(client.goals.cancel("job_1"))
    assert route.calls[-1].request.headers["Idempotency-Key"] != keys[0]


async def test_get_requests_have_no_idempotency_key_and_send_sdk_headers(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    route = mock.get(JOB).mock(return_value=httpx.Response(200, json=goal_job()))
    client = make_client(kind, default_headers={"X-Team": "a"})
    await call(client.goals.retrieve("job_1"))
    headers = route.calls[0].request.headers
    assert "idempotency-key" not in headers
    assert headers["authorization"] == f"Bearer {KEY}"
    assert headers["user-agent"].startswith("convilyn-python/")
    assert headers["accept"] == "application/json"
    assert headers["x-convilyn-client"] == "python-sdk"
    assert headers["x-team"] == "a"


async def test_an_injected_http_client_sends_the_sdk_headers_too(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    route = mock.get(JOB).mock(return_value=httpx.Response(200, json=goal_job()))
    http: Any = httpx.AsyncClient() if kind == "async" else httpx.Client()
    client = make_client(kind, http_client=http)
    await call(client.goals.retrieve("job_1"))
    headers = route.calls[0].request.headers
    assert headers["authorization"] == f"Bearer {KEY}"
    assert headers["user-agent"].startswith("convilyn-python/")
    assert headers["accept"] == "application/json"
    assert headers["x-convilyn-client"] == "python-sdk"
    await call(http.aclose() if kind == "async" else http.close())


async def test_connection_errors_are_retried_then_typed(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, fake_time: FakeTime
) -> None:
    route = mock.get(JOB).mock(side_effect=httpx.ConnectError("refused"))
    client = make_client(kind, retry_policy=ExponentialBackoffRetry(max_retries=2, rng=lambda: 0))
    with pytest.raises(APIConnectionError) as info:
        await call(client.goals.retrieve("job_1"))
    assert not isinstance(info.value, APITimeoutError)
    assert route.call_count == 3
    assert isinstance(info.value.__cause__, httpx.ConnectError) or info.value.__cause__ is None


async def test_timeouts_become_api_timeout_error(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    mock.get(JOB).mock(side_effect=httpx.ReadTimeout("slow"))
    client = make_client(kind, retry_policy=NoRetry())
    with pytest.raises(APITimeoutError):
        await call(client.goals.retrieve("job_1"))


async def test_last_rate_limit_is_recorded(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    mock.get(JOB).mock(
        return_value=httpx.Response(
            200,
            json=goal_job(),
            headers={
                "X-RateLimit-Limit": "60",
                "X-RateLimit-Remaining": "59",
                "X-RateLimit-Reset": "1700000060",
            },
        )
    )
    client = make_client(kind)
    assert client.last_rate_limit is None
    await call(client.goals.retrieve("job_1"))
    info = client.last_rate_limit
    assert info is not None
    assert (info.limit, info.remaining, info.reset) == (60, 59, 1700000060.0)
    # with_options copies share what was observed
    assert client.with_options(timeout=3).last_rate_limit == info


async def test_soft_limit_warns(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    mock.get(JOB).mock(
        return_value=httpx.Response(200, json=goal_job(), headers={"X-Quota-State": "soft_limit"})
    )
    client = make_client(kind)
    with pytest.warns(QuotaSoftLimitWarning) as seen:
        await call(client.goals.retrieve("job_1"))
    # Attributed to the resource method that made the call, not to the pipeline's insides.
    assert Path(seen[0].filename).name == "goals.py", seen[0].filename
    assert client.last_rate_limit.quota_state == "soft_limit"


async def test_escape_hatch_uses_the_same_pipeline(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, fake_time: FakeTime
) -> None:
    route = mock.post("/api/v1/custom").mock(
        side_effect=[
            httpx.Response(503, headers={"Retry-After": "1"}),
            httpx.Response(200, json={"ok": True}),
        ]
    )
    mock.get("/api/v1/files").mock(return_value=httpx.Response(200, json={"files": []}))
    client = make_client(kind, retry_policy=ZERO_JITTER)
    assert await call(client.api.post("/api/v1/custom", json={"a": 1})) == {"ok": True}
    keys = {c.request.headers["Idempotency-Key"] for c in route.calls}
    assert len(keys) == 1
    assert route.calls[0].request.headers["Authorization"] == f"Bearer {KEY}"
    assert await call(client.api.get("api/v1/files")) == {"files": []}
    assert fake_time.sleeps == [1.0]


async def test_escape_hatch_prefixes_api_v1_to_short_paths(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    route = mock.get("/api/v1/credits/balance").mock(
        return_value=httpx.Response(200, json={"balanceCredits": 5})
    )
    client = make_client(kind)
    assert await call(client.api.get("/credits/balance")) == {"balanceCredits": 5}
    assert await call(client.api.get("credits/balance")) == {"balanceCredits": 5}
    assert await call(client.api.get("/api/v1/credits/balance")) == {"balanceCredits": 5}
    assert [c.request.url.path for c in route.calls] == ["/api/v1/credits/balance"] * 3


async def test_escape_hatch_refuses_other_hosts(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    from convilyn import ConfigurationError

    client = make_client(kind)
    with pytest.raises(ConfigurationError):
        await call(client.api.get("https://evil.example.com/steal"))


async def test_with_options_timeout_is_sent(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    route = mock.get(JOB).mock(return_value=httpx.Response(200, json=goal_job()))
    client = make_client(kind)
    await call(client.with_options(timeout=42).goals.retrieve("job_1"))
    assert route.calls[0].request.extensions["timeout"]["read"] == 42.0


def test_injected_sync_http_client_gets_auth_per_request_and_is_left_open(
    mock: respx.MockRouter,
) -> None:
    from convilyn import Convilyn

    route = mock.get(JOB).mock(return_value=httpx.Response(200, json=goal_job()))
    sync_http = httpx.Client(headers={"X-Proxy-Token": "p"})
    client = Convilyn(api_key=KEY, base_url=BASE, http_client=sync_http)
    client.goals.retrieve("job_1")
    client.close()
    assert not sync_http.is_closed
    assert route.calls[0].request.headers["authorization"] == f"Bearer {KEY}"
    assert route.calls[0].request.headers["x-proxy-token"] == "p"
    assert "authorization" not in sync_http.headers
    sync_http.close()


async def test_injected_async_http_client_is_left_open(mock: respx.MockRouter) -> None:
    from convilyn import AsyncConvilyn

    mock.get(JOB).mock(return_value=httpx.Response(200, json=goal_job()))
    async_http = httpx.AsyncClient()
    aclient = AsyncConvilyn(api_key=KEY, base_url=BASE, http_client=async_http)
    await aclient.goals.retrieve("job_1")
    await aclient.aclose()
    assert not async_http.is_closed
    await async_http.aclose()


async def test_logs_are_redacted(
    kind: str,
    make_client: Callable[..., Any],
    mock: respx.MockRouter,
    caplog: pytest.LogCaptureFixture,
) -> None:
    mock.get(JOB).mock(return_value=httpx.Response(200, json=goal_job()))
    client = make_client(kind)
    caplog.set_level(logging.DEBUG, logger="convilyn")
    await call(client.goals.retrieve("job_1"))
    logging.getLogger("convilyn").debug("config %s / key %s", client, KEY)
    text = caplog.text
    assert "job_1" in text or "get_goal_job" in text
    assert KEY not in text
    assert "[REDACTED]" in text


async def test_closed_client_refuses(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    client = make_client(kind)
    await call(client.aclose() if kind == "async" else client.close())
    with pytest.raises(ClientClosedError, match="closed; nothing was sent") as caught:
        await call(client.goals.retrieve("job_1"))
    assert not isinstance(caught.value, APIConnectionError)  # no retry loop mends it


async def test_closed_client_names_a_storage_url_without_its_signature(
    kind: str, make_client: Callable[..., Any], tmp_path: Path
) -> None:
    client = make_client(kind)
    await call(client.aclose() if kind == "async" else client.close())
    url = "https://storage.example.com/bucket/out.pdf?X-Amz-Signature=s3cr3t&X-Amz-Credential=c"
    with pytest.raises(ClientClosedError) as caught:
        await call(client._pipeline.download(url, tmp_path / "out.pdf", overwrite=False))
    assert "https://storage.example.com/bucket/out.pdf" in str(caught.value)
    assert "s3cr3t" not in str(caught.value)
    assert "X-Amz" not in str(caught.value)


def test_convilyn_log_env_turns_on_redacted_debug_logs() -> None:
    import os
    import subprocess
    import sys

    code = (
        "import httpx, respx\n"
        "from convilyn import Convilyn\n"
        f"with respx.mock(base_url={BASE!r}) as r:\n"
        "    r.get('/api/v1/files').mock(return_value=httpx.Response(200, json={'k': 1}))\n"
        f"    c = Convilyn(api_key={KEY!r}, base_url={BASE!r})\n"
        "    c.api.get('/api/v1/files')\n"
        f"    import logging; logging.getLogger('convilyn').debug('leak? %s', {KEY!r})\n"
    )
    env = {**os.environ, "CONVILYN_LOG": "debug"}
    proc = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert "/api/v1/files -> 200" in proc.stderr
    assert KEY not in proc.stderr
    assert "leak? [REDACTED]" in proc.stderr


async def test_a_connection_error_names_the_request_not_an_internal_label(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    # A user reads this line when the API is down: it names the method and the URL called.
    mock.get(JOB).mock(side_effect=httpx.ConnectError("refused"))
    client = make_client(kind, retry_policy=NoRetry())
    with pytest.raises(APIConnectionError) as info:
        await call(client.goals.retrieve("job_1"))
    assert "CALL" not in str(info.value)
    assert f"GET {BASE}{JOB} failed" in str(info.value)
    assert info.value.url == f"{BASE}{JOB}"
