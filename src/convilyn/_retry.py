"""Retry policies: pure decisions from (attempt, status or exception, headers, clock).

The request pipeline asks the policy after every failed attempt whether and how long to wait
before the next one. Policies never sleep and never do I/O; the clock and the random source
are injectable, so backoff timing is tested exactly.

Retried by default: HTTP 408, 429, 500, 502, 503, 504 and connection failures (connect errors,
timeouts, broken streams). Mutating requests are retried too, because the pipeline sends them
under one ``Idempotency-Key`` per logical call: the server replays the first answer instead of
acting twice.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

from convilyn._error_decoding import parse_retry_after

__all__ = [
    "ExponentialBackoffRetry",
    "FailureKind",
    "NoRetry",
    "RateLimitInfo",
    "RetryContext",
    "RetryDecision",
    "RetryPolicy",
]

FailureKind = Literal["status", "connect", "timeout", "network"]

DEFAULT_RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class RateLimitInfo:
    """The rate-limit headers of the last response (``client.last_rate_limit``)."""

    limit: int | None
    remaining: int | None
    reset: float | None  # epoch seconds
    retry_after: float | None = None
    quota_state: str | None = None

    @classmethod
    def from_headers(cls, headers: Mapping[str, str], *, now: float) -> RateLimitInfo | None:
        lower = {k.lower(): v for k, v in headers.items()}
        keys = ("x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset")
        if not any(k in lower for k in (*keys, "retry-after", "x-quota-state")):
            return None
        return cls(
            limit=_int(lower.get("x-ratelimit-limit")),
            remaining=_int(lower.get("x-ratelimit-remaining")),
            reset=_float(lower.get("x-ratelimit-reset")),
            retry_after=parse_retry_after(lower.get("retry-after"), now=now),
            quota_state=lower.get("x-quota-state"),
        )


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value.strip())
    except ValueError:
        return None


def _float(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(value.strip())
    except ValueError:
        return None
    return number if number == number and number not in (float("inf"), float("-inf")) else None


@dataclass(frozen=True)
class RetryContext:
    """What the pipeline knows after a failed attempt.

    ``attempt`` counts the attempts already made (1 after the first failure).
    """

    attempt: int
    method: str
    status_code: int | None = None
    failure: FailureKind = "status"
    headers: Mapping[str, str] = field(default_factory=dict)
    now: float = 0.0  # epoch seconds, for X-RateLimit-Reset and HTTP-date Retry-After


@dataclass(frozen=True)
class RetryDecision:
    retry: bool
    delay: float = 0.0
    reason: str = ""


class RetryPolicy:
    """Base class of retry policies. Subclass and override :meth:`decide` for custom rules."""

    max_retries: int = 0

    def decide(self, ctx: RetryContext) -> RetryDecision:
        """Whether to retry after the failed attempt described by ``ctx``, and after how long."""
        raise NotImplementedError

    def with_max_retries(self, max_retries: int) -> RetryPolicy:
        """A copy allowing ``max_retries`` retries (``0`` disables retrying)."""
        if max_retries <= 0:
            return NoRetry()
        return ExponentialBackoffRetry(max_retries=max_retries)


@dataclass(frozen=True)
class NoRetry(RetryPolicy):
    """Never retry: every failure surfaces at once."""

    max_retries: int = 0

    def decide(self, ctx: RetryContext) -> RetryDecision:
        return RetryDecision(False, reason="retries disabled")


@dataclass(frozen=True)
class ExponentialBackoffRetry(RetryPolicy):
    """Exponential backoff with jitter, honouring ``Retry-After`` and ``X-RateLimit-Reset``.

    The n-th retry waits ``min(max_delay, initial_delay * multiplier ** (n - 1))``, shortened by
    up to ``jitter`` (a fraction) at random so that many clients do not retry in step. When the
    server says how long to wait (``Retry-After`` in seconds or as an HTTP date, else
    ``X-RateLimit-Reset`` on a 429), that wait is used instead, unless it exceeds
    ``max_retry_after``: then the error surfaces at once, carrying ``retry_after``, rather than
    blocking the caller for minutes.

    Args:
        max_retries: retries after the first attempt (3 means at most 4 attempts).
        initial_delay: the first backoff, seconds.
        max_delay: the backoff ceiling, seconds.
        multiplier: backoff growth per retry.
        jitter: fraction (0 to 1) of each backoff removed at random.
        max_retry_after: the longest server-requested wait honoured, seconds.
        retry_statuses: the HTTP statuses worth retrying.
        retry_connection_errors: retry connect errors, timeouts and broken streams.
        rng: random source returning floats in [0, 1) (injectable for tests).
    """

    max_retries: int = 3
    initial_delay: float = 0.5
    max_delay: float = 8.0
    multiplier: float = 2.0
    jitter: float = 0.25
    max_retry_after: float = 60.0
    retry_statuses: frozenset[int] = DEFAULT_RETRY_STATUSES
    retry_connection_errors: bool = True
    rng: Callable[[], float] = field(default=random.random, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.max_retries < 0:
            raise ValueError("max_retries must be >= 0")
        if self.initial_delay < 0 or self.max_delay < 0 or self.max_retry_after < 0:
            raise ValueError("delays must be >= 0")
        if self.multiplier < 1:
            raise ValueError("multiplier must be >= 1")
        if not 0 <= self.jitter <= 1:
            raise ValueError("jitter must be between 0 and 1")

    def with_max_retries(self, max_retries: int) -> RetryPolicy:
        if max_retries <= 0:
            return NoRetry()
        return replace(self, max_retries=max_retries)

    def backoff(self, retry_number: int) -> float:
        """The jittered backoff before retry number ``retry_number`` (1-based)."""
        base = min(self.max_delay, self.initial_delay * self.multiplier ** max(0, retry_number - 1))
        return base * (1.0 - self.jitter * self.rng())

    def server_delay(self, ctx: RetryContext) -> float | None:
        """The wait the server asked for, if any: Retry-After, else X-RateLimit-Reset (429)."""
        lower = {k.lower(): v for k, v in ctx.headers.items()}
        delay = parse_retry_after(lower.get("retry-after"), now=ctx.now)
        if delay is not None:
            return delay
        if ctx.status_code == 429:
            reset = _float(lower.get("x-ratelimit-reset"))
            if reset is not None and reset > 0:
                # Epoch seconds per the wire; small values are read as a delta.
                return max(0.0, reset - ctx.now) if reset > 1e9 else reset
        return None

    def decide(self, ctx: RetryContext) -> RetryDecision:
        if ctx.attempt > self.max_retries:
            return RetryDecision(False, reason=f"gave up after {ctx.attempt} attempts")
        if ctx.failure != "status":
            if not self.retry_connection_errors:
                return RetryDecision(False, reason="connection errors not retried")
            return RetryDecision(True, self.backoff(ctx.attempt), reason=ctx.failure)
        if ctx.status_code not in self.retry_statuses:
            return RetryDecision(False, reason=f"status {ctx.status_code} is not retried")
        server = self.server_delay(ctx)
        if server is not None:
            if server > self.max_retry_after:
                return RetryDecision(
                    False, reason=f"server asked to wait {server:.0f}s (> {self.max_retry_after}s)"
                )
            return RetryDecision(True, server, reason="server-requested wait")
        return RetryDecision(True, self.backoff(ctx.attempt), reason=f"status {ctx.status_code}")
