"""Retry policies: pure decisions from (attempt, status or exception, headers, clock).

The request pipeline asks the policy after every failed attempt whether and how long to wait
before the next one. Policies never sleep and never do I/O; the clock and the random source
are injectable, so backoff timing is tested exactly.

Retried by default: HTTP 408, 429, 500, 502, 503, 504 and connection failures (connect errors,
timeouts, broken streams). Mutating requests are retried too, because the pipeline sends them
under one ``Idempotency-Key`` per logical call: the server replays the first answer instead of
acting twice.

Policies written for the vendor's 4.x SDK work too: a :class:`RetryPolicy` subclass (or any
object, see :func:`as_retry_policy`) with 4.1's ``should_retry(response, exc, attempt)`` and
``next_delay(response, attempt)`` decides through :func:`protocol_decision`, the one adapter;
``ExponentialBackoffRetry`` takes 4.1's ``max_attempts`` / ``base_delay`` /
``retryable_statuses`` as aliases of ``max_retries`` / ``initial_delay`` / ``retry_statuses``.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

from convilyn._error_decoding import parse_retry_after
from convilyn.errors import ConfigurationError

if TYPE_CHECKING:
    import httpx

__all__ = [
    "ExponentialBackoffRetry",
    "FailureKind",
    "NoRetry",
    "RateLimitInfo",
    "RetryContext",
    "RetryDecision",
    "RetryPolicy",
    "as_retry_policy",
    "protocol_decision",
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
    # What a 4.1-style policy is handed: the answer (its body read), or the transport error.
    response: httpx.Response | None = field(default=None, repr=False, compare=False)
    exception: BaseException | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class RetryDecision:
    retry: bool
    delay: float = 0.0
    reason: str = ""


class RetryPolicy:
    """Base class of retry policies. Subclass and override :meth:`decide` for custom rules, or,
    as in 4.1, :meth:`should_retry` and :meth:`next_delay`."""

    max_retries: int = 0

    def decide(self, ctx: RetryContext) -> RetryDecision:
        """Whether to retry after the failed attempt described by ``ctx``, and after how long.
        By default :meth:`should_retry` and :meth:`next_delay` answer (4.1's protocol)."""
        return protocol_decision(self, ctx)

    def should_retry(
        self, response: httpx.Response | None, exc: BaseException | None, attempt: int
    ) -> bool:
        """4.1's protocol: retry after this answer (or transport error ``exc``), ``attempt``
        retries having been made already (0 after the first failure)?"""
        raise NotImplementedError("override decide(), or should_retry() and next_delay()")

    def next_delay(self, response: httpx.Response | None, attempt: int) -> float:
        """4.1's protocol: seconds to wait before retry number ``attempt + 1``."""
        raise NotImplementedError("override decide(), or should_retry() and next_delay()")

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

    def should_retry(
        self, response: httpx.Response | None, exc: BaseException | None, attempt: int
    ) -> bool:
        return False

    def next_delay(self, response: httpx.Response | None, attempt: int) -> float:
        return 0.0


@dataclass(frozen=True, init=False)
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
        max_attempts, base_delay, retryable_statuses: 4.1's names of ``max_retries`` (it
            counts retries too), ``initial_delay`` and ``retry_statuses``.
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

    def __init__(
        self,
        max_retries: int | None = None,
        initial_delay: float | None = None,
        max_delay: float = 8.0,
        multiplier: float = 2.0,
        jitter: float = 0.25,
        max_retry_after: float = 60.0,
        retry_statuses: Iterable[int] | None = None,
        retry_connection_errors: bool = True,
        rng: Callable[[], float] = random.random,
        *,
        max_attempts: int | None = None,
        base_delay: float | None = None,
        retryable_statuses: Iterable[int] | None = None,
    ) -> None:
        statuses = _alias(
            "retry_statuses", retry_statuses, "retryable_statuses", retryable_statuses
        )
        values = {
            "max_retries": _alias("max_retries", max_retries, "max_attempts", max_attempts, 3),
            "initial_delay": _alias("initial_delay", initial_delay, "base_delay", base_delay, 0.5),
            "max_delay": max_delay,
            "multiplier": multiplier,
            "jitter": jitter,
            "max_retry_after": max_retry_after,
            "retry_statuses": DEFAULT_RETRY_STATUSES if statuses is None else frozenset(statuses),
            "retry_connection_errors": retry_connection_errors,
            "rng": rng,
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)
        self.__post_init__()

    # 4.1's attribute names.
    @property
    def max_attempts(self) -> int:
        return self.max_retries

    @property
    def base_delay(self) -> float:
        return self.initial_delay

    @property
    def retryable_statuses(self) -> frozenset[int]:
        return self.retry_statuses

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

    def should_retry(
        self, response: httpx.Response | None, exc: BaseException | None, attempt: int
    ) -> bool:
        if attempt >= self.max_retries:
            return False
        if response is None:
            return exc is not None and self.retry_connection_errors
        return response.status_code in self.retry_statuses

    def next_delay(self, response: httpx.Response | None, attempt: int) -> float:
        if response is not None:
            ctx = RetryContext(
                attempt + 1,
                "",
                response.status_code,
                headers=dict(response.headers),
                now=time.time(),
            )
            server = self.server_delay(ctx)
            if server is not None:
                return server
        return self.backoff(attempt + 1)

    def decide(self, ctx: RetryContext) -> RetryDecision:
        cls = type(self)
        if (
            cls.should_retry is not ExponentialBackoffRetry.should_retry
            or cls.next_delay is not ExponentialBackoffRetry.next_delay
        ):
            return protocol_decision(self, ctx)  # a 4.1-style subclass
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


def _alias(name: str, value: Any, old: str, old_value: Any, default: Any = None) -> Any:
    if value is not None and old_value is not None:
        raise ConfigurationError(f"Pass {name} or {old} (4.1's name for it), not both.")
    if value is not None:
        return value
    return default if old_value is None else old_value


def protocol_decision(policy: RetryPolicy, ctx: RetryContext) -> RetryDecision:
    """The decision of a policy written to 4.1's protocol: ``should_retry(response, exc,
    attempt)`` then ``next_delay(response, attempt)``, ``attempt`` counting the retries already
    made (4.1's numbering). ``response`` is the error answer (its body read), or ``None`` with
    ``exc`` the httpx error of an attempt that got no answer."""
    attempt = ctx.attempt - 1
    if not policy.should_retry(ctx.response, ctx.exception, attempt):
        return RetryDecision(False, reason="the retry policy declined")
    delay = max(0.0, float(policy.next_delay(ctx.response, attempt)))
    return RetryDecision(True, delay, reason="the retry policy's delay")


class _ProtocolPolicy(RetryPolicy):
    """An object of 4.1's ``RetryPolicy`` protocol that is no subclass of ours."""

    def __init__(self, policy: Any) -> None:
        self.policy = policy
        attempts = getattr(policy, "max_attempts", 0)
        self.max_retries = attempts if isinstance(attempts, int) else 0

    def should_retry(
        self, response: httpx.Response | None, exc: BaseException | None, attempt: int
    ) -> bool:
        return bool(self.policy.should_retry(response, exc, attempt))

    def next_delay(self, response: httpx.Response | None, attempt: int) -> float:
        return float(self.policy.next_delay(response, attempt))

    def __repr__(self) -> str:
        return f"{type(self.policy).__name__}(...)"


def as_retry_policy(policy: object) -> RetryPolicy:
    """``policy`` as ours: a :class:`RetryPolicy` as it is, an object of 4.1's protocol (with
    ``should_retry`` and ``next_delay``) wrapped; anything else is refused."""
    if isinstance(policy, RetryPolicy):
        return policy
    if callable(getattr(policy, "should_retry", None)) and callable(
        getattr(policy, "next_delay", None)
    ):
        return _ProtocolPolicy(policy)
    raise ConfigurationError(
        "retry_policy must be a convilyn.RetryPolicy (ExponentialBackoffRetry(...), NoRetry()), "
        "or an object with should_retry(response, exc, attempt) and next_delay(response, "
        f"attempt); got {type(policy).__name__}"
    )
