"""Ambiguous writes: a request whose outcome a failure left unknown is re-sent only where a
repeat cannot do the work twice (``x-convilyn-replay`` in the spec), or where the client
trusts the server to honour ``Idempotency-Key``; otherwise ``AmbiguousWriteError`` carries
the key. Failures where the request was not processed are retried as always."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
import respx
from facade_helpers import call, goal_job

from convilyn import (
    AmbiguousWriteError,
    APITimeoutError,
    BadRequestError,
    ExponentialBackoffRetry,
    InternalServerError,
)
from convilyn.lowlevel import api as lowlevel_api
from convilyn.lowlevel.operations import OPERATIONS

pytestmark = pytest.mark.anyio

CREATE = "/api/v1/jobs/goal"
JOB = "/api/v1/jobs/goal/job_1"
FAST = ExponentialBackoffRetry(rng=lambda: 0.0, initial_delay=0.0)


def created() -> httpx.Response:
    return httpx.Response(201, json=goal_job())


def start(client: Any) -> Any:
    return client.goals.start(workflow_id="goal_lane.x", files=["file_1"])


@pytest.mark.parametrize(
    "failure",
    [
        httpx.ReadTimeout("read"),
        httpx.RemoteProtocolError("reset after sending"),
        httpx.Response(500),
        httpx.Response(502),
        httpx.Response(504),
        httpx.Response(503),
    ],
    ids=["read-timeout", "reset", "500", "502", "504", "503-without-retry-after"],
)
async def test_an_ambiguous_create_is_not_re_sent(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, failure: Any
) -> None:
    route = mock.post(CREATE).mock(side_effect=[failure, created()])
    with pytest.raises(AmbiguousWriteError) as info:
        await call(start(make_client(kind, retry_policy=FAST)))
    assert route.call_count == 1
    err = info.value
    assert err.operation == "createGoalJob"
    assert (err.method, err.path) == ("POST", CREATE)
    assert err.idempotency_key == route.calls[0].request.headers["Idempotency-Key"]
    assert str(err.idempotency_key) in str(err)
    assert "trust_idempotency_keys" in str(err)
    if isinstance(failure, httpx.Response):
        assert isinstance(err.cause, InternalServerError)
        assert err.status_code == failure.status_code
    else:
        assert err.status_code is None


@pytest.mark.parametrize(
    "failure",
    [
        httpx.ConnectError("refused"),
        httpx.ConnectTimeout("connect"),
        httpx.Response(408),
        httpx.Response(429, headers={"Retry-After": "0"}),
        httpx.Response(503, headers={"Retry-After": "0"}),
    ],
    ids=["connect-error", "connect-timeout", "408", "429", "503-with-retry-after"],
)
async def test_a_create_that_was_not_processed_is_retried(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter, failure: Any
) -> None:
    route = mock.post(CREATE).mock(side_effect=[failure, created()])
    job = await call(start(make_client(kind, retry_policy=FAST)))
    assert job.job_spec_id == "job_1"
    keys = {c.request.headers["Idempotency-Key"] for c in route.calls}
    assert route.call_count == 2
    assert len(keys) == 1


async def test_trusting_the_key_re_sends_an_ambiguous_create_with_the_same_key(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    route = mock.post(CREATE).mock(side_effect=[httpx.ReadTimeout("read"), created()])
    client = make_client(kind, retry_policy=FAST, trust_idempotency_keys=True)
    assert (await call(start(client))).job_spec_id == "job_1"
    assert len({c.request.headers["Idempotency-Key"] for c in route.calls}) == 1
    assert route.call_count == 2


async def test_a_guarded_write_is_re_sent_and_a_refused_repeat_is_settled_by_state(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    # The first confirm went through, its answer was lost; the repeat is refused (400,
    # no longer confirmable): the job is re-read and found confirmed, so confirm succeeded.
    confirm = mock.post(JOB + "/confirm").mock(
        side_effect=[
            httpx.Response(502),
            httpx.Response(400, json={"code": "INVALID_STATE", "message": "not confirmable"}),
        ]
    )
    mock.get(JOB).mock(return_value=httpx.Response(200, json=goal_job(status="queued")))
    job = await call(make_client(kind, retry_policy=FAST).goals.confirm("job_1"))
    assert job.status == "queued"
    assert confirm.call_count == 2


async def test_a_refusal_without_a_replay_is_still_raised(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    mock.post(JOB + "/confirm").mock(
        return_value=httpx.Response(400, json={"code": "INVALID_STATE", "message": "no"})
    )
    mock.get(JOB).mock(return_value=httpx.Response(200, json=goal_job(status="queued")))
    with pytest.raises(BadRequestError):
        await call(make_client(kind, retry_policy=FAST).goals.confirm("job_1"))


async def test_a_replayed_cancel_refused_as_terminal_is_settled_when_cancelled(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    mock.post(JOB + "/cancel").mock(
        side_effect=[
            httpx.ReadTimeout("read"),
            httpx.Response(409, json={"code": "INVALID_STATE", "message": "terminal"}),
        ]
    )
    mock.get(JOB).mock(return_value=httpx.Response(200, json=goal_job(status="cancelled")))
    job = await call(make_client(kind, retry_policy=FAST).goals.cancel("job_1"))
    assert job.status == "cancelled"


async def test_raw_requests_follow_the_declared_replay_class(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    jobs = mock.post("/api/v1/jobs").mock(side_effect=[httpx.Response(500), created()])
    custom = mock.post("/api/v1/custom").mock(side_effect=[httpx.Response(502), created()])
    read = mock.get("/api/v1/files").mock(
        side_effect=[httpx.ReadTimeout("read"), httpx.Response(200, json={"files": []})]
    )
    client = make_client(kind, retry_policy=FAST)
    with pytest.raises(AmbiguousWriteError) as info:
        await call(client.api.post("/jobs", json={"processor_type": "x"}))
    assert info.value.operation == "createConvertJob"
    with pytest.raises(AmbiguousWriteError):  # undeclared: assume the worst
        await call(client.api.post("/custom", json={}))
    assert await call(client.api.get("/files")) == {"files": []}
    assert (jobs.call_count, custom.call_count, read.call_count) == (1, 1, 2)


async def test_a_read_timeout_on_a_read_is_retried_and_typed_when_exhausted(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    route = mock.get(JOB).mock(side_effect=httpx.ReadTimeout("read"))
    with pytest.raises(APITimeoutError):
        await call(
            make_client(kind, retry_policy=ExponentialBackoffRetry(max_retries=2)).goals.retrieve(
                "job_1"
            )
        )
    assert route.call_count == 3


def test_every_endpoint_module_has_a_declared_replay_class() -> None:
    import pkgutil

    modules = {
        name
        for tag in pkgutil.iter_modules(lowlevel_api.__path__)
        for _, name, _ in pkgutil.iter_modules([f"{lowlevel_api.__path__[0]}/{tag.name}"])
    }
    assert modules == set(OPERATIONS)
    assert {op.replay for op in OPERATIONS.values()} == {"safe", "guarded", "keyed"}
    assert OPERATIONS["create_convert_job"].replay == "keyed"  # the vendor: key ignored


async def test_a_501_create_is_a_plain_error_not_an_ambiguous_one(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    """501 Not Implemented: the server does not do this request at all, so nothing happened
    (``goals.understand`` turns it into ``UnderstandUnavailableError``)."""
    route = mock.post(CREATE).mock(side_effect=[httpx.Response(501), created()])
    with pytest.raises(InternalServerError) as info:
        await call(start(make_client(kind, retry_policy=FAST)))
    assert not isinstance(info.value, AmbiguousWriteError)
    assert (info.value.status_code, route.call_count) == (501, 1)
