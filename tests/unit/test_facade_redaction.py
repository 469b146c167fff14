"""The API key never shows: not in a repr or str, not in a log record at any level (exception
tracebacks included), not in an exception's message, repr or traceback chain."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import respx
from facade_helpers import KEY, call, goal_job

from convilyn import APIConnectionError, AuthenticationError
from convilyn._logging import logger

pytestmark = pytest.mark.anyio

JOB = "/api/v1/jobs/goal/job_1"


def _everything(exc: BaseException) -> str:
    return "".join(traceback.format_exception(exc)) + repr(exc) + str(exc)


def test_repr_and_str_of_every_client_object(make_client: Callable[..., Any]) -> None:
    for kind in ("sync", "async"):
        client = make_client(kind)
        objects = [
            client,
            client.with_options(timeout=5),
            client._pipeline.config,
            client.files,
            client.goals,
            client.api,
            client.retry_policy,
        ]
        for obj in objects:
            assert KEY not in repr(obj)
            assert KEY not in str(obj)


@pytest.mark.parametrize(
    "level", [logging.DEBUG, logging.INFO, logging.WARNING, logging.ERROR, logging.CRITICAL]
)
def test_log_records_at_every_level(
    level: int, make_client: Callable[..., Any], caplog: pytest.LogCaptureFixture
) -> None:
    make_client("sync")  # registers the key as a secret
    caplog.set_level(logging.DEBUG, logger="convilyn")
    logger.log(level, "key=%s", KEY)
    logger.log(level, f"inline key={KEY}")
    assert KEY not in caplog.text
    assert caplog.text.count("[REDACTED]") == 2


def test_logged_tracebacks_are_redacted(
    make_client: Callable[..., Any], caplog: pytest.LogCaptureFixture
) -> None:
    make_client("sync")
    caplog.set_level(logging.DEBUG, logger="convilyn")
    try:
        raise RuntimeError(f"a transport echoed Bearer {KEY}")
    except RuntimeError:
        logger.exception("request failed")
    try:
        raise RuntimeError(f"again {KEY}")
    except RuntimeError as exc:
        logger.debug("dropped", exc_info=exc)
    assert "request failed" in caplog.text
    assert "RuntimeError" in caplog.text
    assert KEY not in caplog.text
    formatter = logging.Formatter("%(message)s")
    for record in caplog.records:
        assert KEY not in formatter.format(record)


async def test_an_error_body_echoing_the_key(
    kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    mock.get(JOB).mock(
        return_value=httpx.Response(
            401, json={"code": "BAD_KEY", "message": f"key {KEY} revoked", "details": {"k": KEY}}
        )
    )
    client = make_client(kind)
    with pytest.raises(AuthenticationError) as info:
        await call(client.goals.retrieve("job_1"))
    assert KEY not in _everything(info.value)
    assert KEY not in str(info.value.body)
    assert KEY not in str(info.value.details)


@pytest.mark.parametrize(
    "exc",
    [
        httpx.ConnectError(f"proxy said: Bearer {KEY}"),
        httpx.ReadTimeout(f"timed out sending Bearer {KEY}"),
        httpx.UnsupportedProtocol(f"no {KEY}"),
    ],
)
async def test_transport_errors_echoing_the_key(
    exc: Exception, kind: str, make_client: Callable[..., Any], mock: respx.MockRouter
) -> None:
    mock.get(JOB).mock(side_effect=exc)
    client = make_client(kind, max_retries=0)
    with pytest.raises(APIConnectionError) as info:
        await call(client.goals.retrieve("job_1"))
    assert KEY not in _everything(info.value)


async def test_debug_logs_of_a_whole_call(
    kind: str,
    make_client: Callable[..., Any],
    mock: respx.MockRouter,
    caplog: pytest.LogCaptureFixture,
) -> None:
    mock.get(JOB).mock(side_effect=[httpx.Response(503), httpx.Response(200, json=goal_job())])
    client = make_client(kind)
    caplog.set_level(logging.DEBUG)  # every logger, httpx's and httpcore's too
    await call(client.goals.retrieve("job_1"))
    assert "retrying" in caplog.text
    assert KEY not in caplog.text
