"""The retry loop: one call's attempts, under the retry policy, the call's deadline and the
auto-throttle.

Each attempt is bounded in time; its answer is observed (rate-limit headers, the quota
warning). An error status or a transport failure is retried when the policy allows, the retry
still starts before the deadline, and re-sending cannot repeat a write the server may have
done; otherwise it is raised as the typed exception. What to retry and how long to wait is the
policy's (:mod:`convilyn._retry`); whether a request may be re-sent is :mod:`convilyn._replay`'s.
"""

from __future__ import annotations

import logging
import warnings
from typing import TYPE_CHECKING

import httpx

from convilyn._answers import (
    Storage,
    ambiguous_write_error,
    must_not_resend,
    refused_redirect,
    sent_path,
    status_error,
    watched_headers,
)
from convilyn._backends import AsyncSend, AsyncTimeSource, async_time_limit
from convilyn._config import attempt_limit
from convilyn._error_decoding import mark_exhausted
from convilyn._logging import logger
from convilyn._replay import is_ambiguous
from convilyn._retry import FailureKind, RateLimitInfo, RetryContext
from convilyn._throttle import quota_wait
from convilyn._transport_errors import CallTarget, transport_failure
from convilyn.errors import (
    APIConnectionError,
    QuotaExceededError,
    QuotaSoftLimitWarning,
)

if TYPE_CHECKING:
    from convilyn._async._http import AsyncPipeline

__all__ = ["execute", "throttled"]


async def execute(
    pipe: AsyncPipeline,
    send: AsyncSend,
    *,
    method: str,
    label: str,
    storage: Storage = None,
    target: CallTarget | None = None,
) -> httpx.Response:
    """``send()`` until it answers below 300, retrying what the policy allows; a redirect, an
    error status or a transport failure that is not retried raises."""
    target = target or CallTarget(method, label, "", "safe", None)
    clock = pipe.time
    ends = None if pipe.deadline is None else clock.monotonic() + pipe.deadline
    attempt = 0
    replayed = False  # re-sent after a failure that may have been processed
    while True:
        attempt += 1
        started = clock.monotonic()
        failure: FailureKind
        error: APIConnectionError
        try:
            response = await _send_within(send, _attempt_bound(pipe, storage, ends))
        except httpx.HTTPError as exc:
            failure, error = transport_failure(exc, method, label, target)
            cause: httpx.HTTPError = exc
        else:
            if not storage:
                _observe(pipe, response)
            status = response.status_code
            if logger.isEnabledFor(logging.DEBUG):
                logger.debug(
                    "%s %s -> %s in %.0f ms (attempt %d, request id %s)",
                    target.method,
                    sent_path(response, target.path),
                    status,
                    (clock.monotonic() - started) * 1000,
                    attempt,
                    response.headers.get("x-request-id"),
                )
            if status < 300:
                return response
            where = sent_path(response, target.path)
            if status < 400:
                await response.aclose()
                raise refused_redirect(response, storage, target)
            ctx = RetryContext(
                attempt=attempt,
                method=target.method,
                status_code=status,
                failure="status",
                headers=dict(response.headers),
                now=clock.time(),
                response=response,
            )
            decision = pipe.retry_policy.decide(ctx)
            stop = must_not_resend(target, ctx, trust_keys=pipe.config.trust_idempotency_keys)
            if decision.retry and not stop and fits(clock, decision.delay, ends):
                replayed = replayed or is_ambiguous(ctx)
                await response.aclose()
                logger.info(
                    "retrying %s %s after HTTP %s in %.2fs (%s)",
                    target.method,
                    where,
                    status,
                    decision.delay,
                    decision.reason,
                )
                await clock.sleep(decision.delay)
                continue
            body = await response.aread()
            await response.aclose()
            api_error = status_error(
                response, body, storage=storage, now=clock.time(), secrets=(pipe.config.api_key,)
            )
            api_error.replayed = replayed
            api_error.operation = target.operation
            if attempt > 1:
                mark_exhausted(api_error, attempt)
            if stop:
                raise ambiguous_write_error(target, api_error) from api_error
            raise api_error
        ctx = RetryContext(
            attempt=attempt,
            method=target.method,
            failure=failure,
            now=clock.time(),
            exception=cause,
        )
        if must_not_resend(target, ctx, trust_keys=pipe.config.trust_idempotency_keys):
            raise ambiguous_write_error(target, error) from None
        decision = pipe.retry_policy.decide(ctx)
        if not decision.retry or not fits(clock, decision.delay, ends):
            raise error
        replayed = replayed or is_ambiguous(ctx)
        logger.info(
            "retrying %s %s after %s in %.2fs", target.method, target.path, failure, decision.delay
        )
        await clock.sleep(decision.delay)


async def throttled(pipe: AsyncPipeline, once: AsyncSend) -> httpx.Response:
    """``once()`` (one call, its retries included), sent again after a 402 ``QUOTA_EXCEEDED``
    while the auto-throttle allows (``_throttle``), each time as a new call (a fresh
    ``Idempotency-Key``: the refusal says nothing was done)."""
    config, clock = pipe.auto_throttle, pipe.time
    ends = None if pipe.deadline is None else clock.monotonic() + pipe.deadline
    resends = 0
    while True:
        try:
            return await once()
        except QuotaExceededError as exc:
            if config is None or resends >= config.max_retries:
                raise
            wait = quota_wait(exc.details, config, now=clock.time())
            if wait is None or not fits(clock, wait, ends):
                raise
            resends += 1
            logger.info("quota exceeded; auto_throttle sends again in %.2fs", wait)
            await clock.sleep(wait)


def fits(clock: AsyncTimeSource, delay: float, ends: float | None) -> bool:
    """Whether a retry after ``delay`` still starts before the call's deadline."""
    return ends is None or clock.monotonic() + delay < ends


def _attempt_bound(pipe: AsyncPipeline, storage: Storage, ends: float | None) -> float | None:
    """How long the next attempt may take in all: its own bound (none for an upload, whose
    body takes as long as it takes), cut to what is left of the call's deadline."""
    bound = None
    if storage != "upload":
        bound = attempt_limit(pipe.config.storage_timeout if storage else pipe.timeout)
    if ends is not None:
        left = ends - pipe.time.monotonic()
        bound = left if bound is None else min(bound, left)
    return bound


async def _send_within(send: AsyncSend, seconds: float | None) -> httpx.Response:
    try:
        with async_time_limit(seconds):
            return await send()
    except TimeoutError:
        raise httpx.ReadTimeout(f"no complete answer within {seconds:g}s") from None


def _observe(pipe: AsyncPipeline, response: httpx.Response) -> None:
    """Record an API answer's rate-limit headers; warn when the account nears its quota."""
    watched = watched_headers(response)
    if not watched:
        return
    info = RateLimitInfo.from_headers(watched, now=pipe.time.time())
    if info is not None:
        pipe.shared.last_rate_limit = info
    if watched.get("x-quota-state", "").strip().lower() == "soft_limit":
        warnings.warn(
            QuotaSoftLimitWarning(
                "Convilyn: your account is close to its quota (X-Quota-State: soft_limit); "
                "requests may be refused soon. See client.account.get_quota()."
            ),
            stacklevel=6,  # the caller of call() / request(): past execute, once and throttled
        )
