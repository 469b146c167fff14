"""Code written for the vendor's 4.1 SDK runs on ours: its keywords, retry protocol, module
paths, error class, login file and auto-throttle (sync and async, respx-mocked)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
from facade_helpers import BASE, KEY, FakeTime, call, file_record

import convilyn
import convilyn.config
import convilyn.errors
import convilyn.exceptions
import convilyn.types
from convilyn import (
    AsyncConvilyn,
    AutoThrottleConfig,
    ConfigurationError,
    Convilyn,
    ExponentialBackoffRetry,
    InternalServerError,
    NotFoundError,
    PlanRequiredError,
    QuotaExceededError,
    RateLimitError,
    RetryExhaustedError,
    RetryPolicy,
)
from convilyn._throttle import quota_wait, resolve_auto_throttle

pytestmark = pytest.mark.anyio

STORAGE = "https://storage.test/bucket"
PRESIGN = {
    "uploadUrl": STORAGE,
    "fields": {"key": "uploads/abc"},
    "fileId": "file_1",
    "s3Key": "uploads/abc",
    "expiresIn": 900,
}
CONVERT_DONE: dict[str, Any] = {
    "jobId": "cj_1",
    "status": "completed",
    "processorType": "document_conversion",
    "progress": 100,
    "params": {},
    "resultFiles": [
        {"filename": "out.pdf", "size": 4, "mimetype": "application/pdf", "url": STORAGE + "/o"}
    ],
    "warnings": [],
    "error": None,
    "retryCount": 0,
    "createdAt": "2026-01-01T00:00:00Z",
    "updatedAt": "2026-01-01T00:00:00Z",
}
FILES = {"files": [], "usage": {"used_bytes": 0, "free_bytes": 10, "over_quota": False}}
COST = "/api/v1/workflows/cost-preview"
ESTIMATE = {"estimatedMicroU": 1, "estimatedUsd": 0.0, "tools": []}


def quota(**details: Any) -> httpx.Response:
    body = {"detail": {"code": "QUOTA_EXCEEDED", "message": "Monthly cap", "details": details}}
    return httpx.Response(402, json=body)


def _upload_routes(mock: respx.MockRouter) -> respx.Route:
    presign = mock.post("/api/v1/upload/presign").mock(
        return_value=httpx.Response(200, json=PRESIGN)
    )
    mock.post(STORAGE).mock(return_value=httpx.Response(204))
    mock.post("/api/v1/upload/confirm").mock(return_value=httpx.Response(200, json=file_record()))
    return presign


# -- item 1: files.upload(path=/content=), convert.download_to(to_dir=) ---------------------


async def test_upload_takes_41_keywords(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, tmp_path: Path
) -> None:
    presign = _upload_routes(mock)
    (tmp_path / "doc.pdf").write_bytes(b"%PDF-1")
    client = make_client(kind)
    await call(client.files.upload(path=tmp_path / "doc.pdf"))
    await call(client.files.upload(content=b"hello", filename="a.txt", content_type="text/x"))
    sent = [json.loads(c.request.content) for c in presign.calls]
    assert [s["fileName"] for s in sent] == ["doc.pdf", "a.txt"]
    assert sent[1]["contentType"] == "text/x"
    assert sent[1]["fileSize"] == 5


async def test_upload_refuses_two_inputs_before_any_request(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, tmp_path: Path
) -> None:
    presign = _upload_routes(mock)
    client = make_client(kind)
    with pytest.raises(TypeError, match="content="):
        await call(client.files.upload(b"x", content=b"y"))
    with pytest.raises(TypeError, match="path="):
        await call(client.files.upload())
    assert not presign.called


async def test_download_to_dir_creates_it_and_keeps_the_server_name(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, tmp_path: Path
) -> None:
    mock.get("/api/v1/jobs/cj_1").mock(return_value=httpx.Response(200, json=CONVERT_DONE))
    mock.get(STORAGE + "/o").mock(return_value=httpx.Response(200, content=b"%PDF"))
    client = make_client(kind)
    path = await call(client.convert.download_to("cj_1", to_dir=tmp_path / "out"))
    assert path == tmp_path / "out" / "out.pdf"
    assert path.read_bytes() == b"%PDF"
    with pytest.raises(TypeError, match="to_dir="):
        await call(client.convert.download_to("cj_1", to=tmp_path / "x", to_dir=tmp_path))


async def test_convert_wait_takes_job_id(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    mock.get("/api/v1/jobs/cj_1").mock(return_value=httpx.Response(200, json=CONVERT_DONE))
    client = make_client(kind)
    job = await call(client.convert.wait(job_id="cj_1", poll_interval=0.1))
    assert job.job_id == "cj_1"
    with pytest.raises(TypeError, match="job_id="):
        await call(client.convert.wait("cj_1", job_id="cj_1"))


def test_41_type_names_are_top_level() -> None:
    for name in ("PlanTier", "QuotaState", "StorageUsage", "StoredFile"):
        assert getattr(convilyn, name) is getattr(convilyn.types, name)


async def test_a_zip_package_is_not_written_under_another_name(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, tmp_path: Path
) -> None:
    zipped = {"filename": "report.zip", "size": 4, "mimetype": "application/zip"}
    done = {**CONVERT_DONE, "resultFiles": [{**zipped, "url": STORAGE + "/o"}]}
    mock.get("/api/v1/jobs/cj_1").mock(return_value=httpx.Response(200, json=done))
    download = mock.get(STORAGE + "/o").mock(return_value=httpx.Response(200, content=b"PK"))
    client = make_client(kind)
    with pytest.raises(convilyn.UnsafeDownloadError, match="to_dir="):
        await call(client.convert.download_to("cj_1", to=tmp_path / "report.md"))
    assert not download.called
    path = await call(client.convert.download_to("cj_1", to_dir=tmp_path))
    assert path.name == "report.zip"


# -- item 2: retry policies of 4.1 --------------------------------------------------------------


async def test_exponential_backoff_takes_41_names(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, fake_time: FakeTime
) -> None:
    route = mock.get("/api/v1/files").mock(return_value=httpx.Response(503))
    policy = ExponentialBackoffRetry(
        max_attempts=2, base_delay=1.0, max_delay=30.0, jitter=0.0, retryable_statuses={503}
    )
    assert (policy.max_attempts, policy.base_delay, policy.retryable_statuses) == (
        2,
        1.0,
        frozenset({503}),
    )
    client = make_client(kind, retry_policy=policy)
    with pytest.raises(InternalServerError):
        await call(client.files.list())
    assert route.call_count == 3  # max_attempts counts retries in 4.1 too
    assert fake_time.sleeps == [1.0, 2.0]


def test_exponential_backoff_refuses_both_spellings() -> None:
    with pytest.raises(ConfigurationError, match="max_attempts"):
        ExponentialBackoffRetry(max_retries=1, max_attempts=2)


class CountingPolicy(RetryPolicy):
    """A policy written to 4.1's protocol, as its tests write one."""

    def __init__(self) -> None:
        self.seen: list[tuple[int | None, bool, int]] = []

    def should_retry(
        self, response: httpx.Response | None, exc: BaseException | None, attempt: int
    ) -> bool:
        status = response.status_code if response is not None else None
        self.seen.append((status, exc is not None, attempt))
        return attempt < 2

    def next_delay(self, response: httpx.Response | None, attempt: int) -> float:
        return 10.0 + attempt


async def test_a_41_policy_drives_the_pipeline(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, fake_time: FakeTime
) -> None:
    mock.get("/api/v1/files").mock(
        side_effect=[httpx.Response(500), httpx.ConnectError("down"), httpx.Response(418)]
    )
    policy = CountingPolicy()
    client = make_client(kind, retry_policy=policy)
    with pytest.raises(convilyn.APIError) as info:
        await call(client.files.list())
    assert info.value.status_code == 418
    assert policy.seen == [(500, False, 0), (None, True, 1), (418, False, 2)]
    assert fake_time.sleeps == [10.0, 11.0]


class DuckPolicy:
    """Not a subclass: 4.1's RetryPolicy is a Protocol, so any object with the two methods."""

    def should_retry(self, response: Any, exc: Any, attempt: int) -> bool:
        return response is not None and response.status_code == 409 and attempt == 0

    def next_delay(self, response: Any, attempt: int) -> float:
        return 0.5


async def test_a_duck_typed_41_policy_is_accepted(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, fake_time: FakeTime
) -> None:
    route = mock.get("/api/v1/files").mock(
        side_effect=[httpx.Response(409), httpx.Response(200, json=FILES)]
    )
    client = make_client(kind, retry_policy=DuckPolicy())
    await call(client.files.list())
    assert route.call_count == 2
    assert fake_time.sleeps == [0.5]


class NeverTransport(ExponentialBackoffRetry):
    """4.1's documented way to change one rule: subclass and override should_retry."""

    def should_retry(self, response: Any, exc: Any, attempt: int) -> bool:
        return exc is None and super().should_retry(response, exc, attempt)


async def test_an_overridden_should_retry_is_honoured(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    route = mock.get("/api/v1/files").mock(side_effect=httpx.ConnectError("down"))
    client = make_client(kind, retry_policy=NeverTransport())
    with pytest.raises(convilyn.APIConnectionError):
        await call(client.files.list())
    assert route.call_count == 1  # ours would retry a connect error; the override says no


def test_something_else_is_refused_as_a_policy() -> None:
    with pytest.raises(ConfigurationError, match="should_retry"):
        Convilyn(api_key=KEY, base_url=BASE, retry_policy=object())  # type: ignore[arg-type]


# -- item 3: RetryExhaustedError next to the per-status class -----------------------------------


async def test_an_error_that_outlived_retries_is_both_classes(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    mock.get("/api/v1/files").mock(return_value=httpx.Response(429, json={"code": "RATE"}))
    client = make_client(kind, max_retries=2)
    with pytest.raises(RateLimitError) as info:
        await call(client.files.list())
    err = info.value
    assert isinstance(err, RetryExhaustedError)
    assert isinstance(err, convilyn.exceptions.RetryExhaustedError)
    assert err.attempt_count == 3
    assert type(err).__name__ == "RateLimitError"
    assert err.code == "RATE"
    assert err.status_code == 429


def test_41_error_constructors() -> None:
    err = QuotaExceededError(402, "QUOTA_EXCEEDED", "over", {"retry_after_seconds": 5})
    assert (err.status_code, err.code, err.message, err.retry_after_seconds) == (
        402,
        "QUOTA_EXCEEDED",
        "over",
        5.0,
    )
    assert isinstance(RateLimitError(429, "RATE", "slow"), RateLimitError)
    exhausted = RetryExhaustedError(503, "X", "x", None, attempt_count=3)
    assert (exhausted.attempt_count, exhausted.status_code) == (3, 503)
    assert convilyn.APIError("m", status_code=400).code == "HTTP_400"
    with pytest.raises(TypeError, match="status_code"):
        convilyn.APIError("m")
    with pytest.raises(TypeError, match=r"4\.1"):
        convilyn.APIError(402, "only a code")


def test_errors_survive_pickling_with_both_classes() -> None:
    import copy
    import pickle

    from convilyn._error_decoding import mark_exhausted

    plain = NotFoundError("gone", status_code=404, code="NF", request_id="req_1")
    again = pickle.loads(pickle.dumps(plain))
    assert type(again) is NotFoundError
    assert (again.status_code, again.code, str(again)) == (404, "NF", str(plain))
    marked = mark_exhausted(RateLimitError("slow", status_code=429, retry_after=2.0), 4)
    for twin in (pickle.loads(pickle.dumps(marked)), copy.copy(marked)):
        assert isinstance(twin, RateLimitError)
        assert isinstance(twin, RetryExhaustedError)
        assert (twin.attempt_count, twin.retry_after) == (4, 2.0)
    bare = mark_exhausted(convilyn.APIError("x", status_code=418), 2)
    assert type(pickle.loads(pickle.dumps(bare))) is RetryExhaustedError


async def test_the_last_answer_decides_the_class(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    mock.get("/api/v1/files").mock(side_effect=[httpx.Response(503), httpx.Response(404)])
    client = make_client(kind)
    with pytest.raises(RetryExhaustedError) as info:
        await call(client.files.list())
    assert isinstance(info.value, NotFoundError)
    assert info.value.attempt_count == 2


async def test_a_first_answer_is_not_retry_exhausted(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    mock.get("/api/v1/files").mock(return_value=httpx.Response(404))
    client = make_client(kind)
    with pytest.raises(NotFoundError) as info:
        await call(client.files.list())
    assert not isinstance(info.value, RetryExhaustedError)


def test_exceptions_and_config_module_paths() -> None:
    assert convilyn.exceptions.__all__ == convilyn.errors.__all__
    for name in convilyn.exceptions.__all__:
        assert getattr(convilyn.exceptions, name) is getattr(convilyn.errors, name)
    for name in ("AutoThrottleConfig", "ExponentialBackoffRetry", "NoRetry", "RetryPolicy"):
        assert getattr(convilyn.config, name) is getattr(convilyn, name)


# -- item 2: auth=, disable_idempotency=, async_client -----------------------------------------


class Strategy:
    """4.1's AuthStrategy protocol."""

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {KEY}", "X-Tenant": "t1"}

    def bearer_token(self) -> str:
        return KEY


async def test_auth_strategy_headers_on_each_request(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    route = mock.get("/api/v1/files").mock(return_value=httpx.Response(200, json=FILES))
    client = make_client(kind, api_key=None, auth=Strategy())
    await call(client.files.list())
    sent = route.calls[0].request.headers
    assert (sent["authorization"], sent["x-tenant"]) == (f"Bearer {KEY}", "t1")


def test_auth_without_the_protocol_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="bearer_token"):
        Convilyn(base_url=BASE, auth="ck_x")


async def test_disable_idempotency_sends_no_key(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    presign = _upload_routes(mock)
    raw = mock.post("/api/v1/test").mock(return_value=httpx.Response(200, json={}))
    client = make_client(kind, disable_idempotency=True)
    await call(client.files.upload(b"abc", filename="a.txt"))
    await call(client.api.post("/test", json={}))
    assert "idempotency-key" not in presign.calls[0].request.headers
    assert "idempotency-key" not in raw.calls[0].request.headers
    # An explicit key is still sent.
    await call(client.api.post("/test", json={}, idempotency_key="mine"))
    assert raw.calls[1].request.headers["idempotency-key"] == "mine"


def test_disable_idempotency_contradicts_trusting_keys() -> None:
    with pytest.raises(ConfigurationError, match="disable_idempotency"):
        Convilyn(api_key=KEY, base_url=BASE, disable_idempotency=True, trust_idempotency_keys=True)


async def test_sync_async_client_has_the_same_settings(mock: respx.MockRouter) -> None:
    route = mock.get("/api/v1/files").mock(return_value=httpx.Response(200, json=FILES))
    client = Convilyn(api_key=KEY, base_url=BASE, max_retries=1, auto_throttle=True)
    twin = client.async_client
    assert isinstance(twin, AsyncConvilyn)
    assert twin is client.async_client
    assert (twin.base_url, twin.max_retries, twin.auto_throttle) == (BASE, 1, AutoThrottleConfig())
    await twin.files.list()
    assert route.calls[0].request.headers["authorization"] == f"Bearer {KEY}"
    await twin.aclose()
    assert client.async_client is not twin  # a closed twin is made again
    await client.async_client.aclose()
    client.close()


# -- item 4: 4.1's credentials.json --------------------------------------------------------------


def _config_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("CONVILYN_CONFIG_DIR", str(tmp_path))
    monkeypatch.delenv("CONVILYN_API_KEY", raising=False)
    return tmp_path


def test_credentials_json_is_read_last(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    folder = _config_dir(monkeypatch, tmp_path)
    creds = {"api_key": "ck_from_setup_123456", "created_at": "2026-01-01", "source": "setup"}
    (folder / "credentials.json").write_text(json.dumps(creds))
    settings = convilyn.config.resolve_settings()
    assert settings.api_key.value == "ck_from_setup_123456"
    assert settings.api_key.origin == str(folder / "credentials.json")
    (folder / "config.toml").write_text('api_key = "ck_from_login_123456"\n')
    assert convilyn.config.resolve_settings().api_key.value == "ck_from_login_123456"
    monkeypatch.setenv("CONVILYN_API_KEY", "ck_from_env_1234567")
    assert convilyn.config.resolve_settings().api_key.value == "ck_from_env_1234567"
    client = Convilyn(api_key="ck_argument_1234567")
    assert "4567" in repr(client)
    client.close()


def test_a_broken_credentials_file_is_skipped(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = _config_dir(monkeypatch, tmp_path)
    (folder / "credentials.json").write_text("{not json")
    settings = convilyn.config.resolve_settings()
    assert settings.api_key.source == "none"
    with pytest.raises(convilyn.AuthError, match="No Convilyn API key"):
        Convilyn()


# -- item 5: auto_throttle -----------------------------------------------------------------------


async def test_auto_throttle_waits_as_told_and_sends_again(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, fake_time: FakeTime
) -> None:
    route = mock.post(COST).mock(
        side_effect=[quota(retry_after_seconds=7), httpx.Response(200, json=ESTIMATE)]
    )
    client = make_client(kind, max_retries=0, auto_throttle=True)
    await call(client.api.post(COST, json={"toolNames": []}))
    assert route.call_count == 2
    assert fake_time.sleeps == [7.0]
    keys = [c.request.headers["idempotency-key"] for c in route.calls]
    assert keys[0] != keys[1]  # a new call: the refusal did nothing


async def test_auto_throttle_reads_reset_at_then_falls_back(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, fake_time: FakeTime
) -> None:
    reset = "2023-11-14T22:13:40Z"  # fake_time.now (1_700_000_000) + 20 s
    route = mock.get("/api/v1/files").mock(
        side_effect=[
            quota(reset_at=reset),
            quota(),
            httpx.Response(200, json=FILES),
        ]
    )
    client = make_client(kind, auto_throttle={"max_retries": 2, "fallback_sleep": 3})
    await call(client.files.list())
    assert route.call_count == 3
    assert fake_time.sleeps == [20.0, 3.0]


async def test_auto_throttle_gives_up_past_max_sleep_and_after_max_retries(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, fake_time: FakeTime
) -> None:
    route = mock.get("/api/v1/files").mock(return_value=quota(retry_after_seconds=999))
    client = make_client(kind, auto_throttle=AutoThrottleConfig(max_sleep=5))
    with pytest.raises(QuotaExceededError) as info:
        await call(client.files.list())
    assert route.call_count == 1
    assert fake_time.sleeps == []
    assert info.value.retry_after_seconds == 999
    route.side_effect = None
    route.return_value = quota(retry_after_seconds=1)
    with pytest.raises(QuotaExceededError):
        await call(client.files.list())
    assert route.call_count == 3  # one refusal, one re-send (max_retries=1), then raised


async def test_auto_throttle_is_off_by_default_and_only_for_quota(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    route = mock.get("/api/v1/files").mock(return_value=quota(retry_after_seconds=1))
    with pytest.raises(QuotaExceededError):
        await call(make_client(kind).files.list())
    assert route.call_count == 1
    plan = {"detail": {"code": "PRO_TIER_REQUIRED", "message": "Upgrade"}}
    route.return_value = httpx.Response(402, json=plan)
    with pytest.raises(PlanRequiredError):
        await call(make_client(kind, auto_throttle=True).files.list())
    assert route.call_count == 2


async def test_with_options_turns_auto_throttle_on_and_off(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    route = mock.get("/api/v1/files").mock(return_value=quota(retry_after_seconds=1))
    client = make_client(kind)
    throttled = client.with_options(auto_throttle=True)
    assert throttled.auto_throttle == AutoThrottleConfig()
    assert client.auto_throttle is None
    assert throttled.with_options(timeout=5).auto_throttle == AutoThrottleConfig()
    with pytest.raises(QuotaExceededError):
        await call(throttled.files.list())
    assert route.call_count == 2
    with pytest.raises(QuotaExceededError):
        await call(throttled.with_options(auto_throttle=False).files.list())
    assert route.call_count == 3


async def test_auto_throttle_keeps_to_the_deadline(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, fake_time: FakeTime
) -> None:
    route = mock.get("/api/v1/files").mock(return_value=quota(retry_after_seconds=30))
    client = make_client(kind, auto_throttle=True, deadline=10)
    with pytest.raises(QuotaExceededError):
        await call(client.files.list())
    assert route.call_count == 1
    assert fake_time.sleeps == []


def test_quota_wait_decisions() -> None:
    cfg = AutoThrottleConfig()
    now = 1_700_000_000.0
    assert quota_wait({"retry_after_seconds": "2.5"}, cfg, now=now) == 2.5
    assert quota_wait({"retryAfterSeconds": 4}, cfg, now=now) == 4.0
    assert quota_wait({"reset_at": "2023-11-14T22:13:30+00:00"}, cfg, now=now) == 10.0
    assert quota_wait({"reset_at": "2000-01-01T00:00:00Z"}, cfg, now=now) == 0.0
    assert quota_wait({"reset_at": "soon"}, cfg, now=now) == 5.0
    assert quota_wait({}, cfg, now=now) == 5.0
    assert quota_wait({"retry_after_seconds": 61}, cfg, now=now) is None


def test_auto_throttle_arguments() -> None:
    assert resolve_auto_throttle(None) is None
    assert resolve_auto_throttle(False) is None
    assert resolve_auto_throttle(True) == AutoThrottleConfig()
    assert resolve_auto_throttle({"max_retries": 3}) == AutoThrottleConfig(max_retries=3)
    with pytest.raises(ConfigurationError, match="max_wait"):
        resolve_auto_throttle({"max_wait": 3})
    with pytest.raises(ConfigurationError, match="auto_throttle must be"):
        resolve_auto_throttle(3)  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="max_sleep"):
        AutoThrottleConfig(max_sleep=0)
    with pytest.raises(ValueError, match="max_retries"):
        AutoThrottleConfig(max_retries=-1)
