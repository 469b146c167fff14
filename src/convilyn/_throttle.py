"""Auto-throttle: wait for the quota window and send again after a 402 ``QUOTA_EXCEEDED`` (pure).

Off by default, as in the vendor's 4.1 SDK; ``Convilyn(auto_throttle=True | dict |
AutoThrottleConfig)`` turns it on. The request pipeline asks :func:`quota_wait` after an API
call (retries included) ended in :class:`~convilyn.errors.QuotaExceededError`: how long to wait,
or ``None`` to raise that error now. The wait is, first that applies:

1. ``details.retry_after_seconds`` (seconds);
2. ``details.reset_at`` (an ISO 8601 time) minus now, at least 0;
3. ``fallback_sleep``.

A wait longer than ``max_sleep`` is not made: the error surfaces at once. At most
``max_retries`` re-sends per call (default 1). Other errors, ``PlanRequiredError`` and
``InsufficientCreditsError`` included, are never re-sent by it: waiting does not mend them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from convilyn.errors import ConfigurationError

__all__ = ["AutoThrottleConfig", "quota_wait", "resolve_auto_throttle"]

DEFAULT_MAX_RETRIES: Final = 1
DEFAULT_MAX_SLEEP: Final = 60.0
DEFAULT_FALLBACK_SLEEP: Final = 5.0


@dataclass(frozen=True)
class AutoThrottleConfig:
    """How :func:`quota_wait` waits after a 402 ``QUOTA_EXCEEDED``.

    Args:
        max_retries: re-sends per call after a quota refusal (``0``: none).
        max_sleep: the longest wait made, seconds; a longer one raises at once.
        fallback_sleep: the wait when the refusal says nothing of when the quota resets.
    """

    max_retries: int = DEFAULT_MAX_RETRIES
    max_sleep: float = DEFAULT_MAX_SLEEP
    fallback_sleep: float = DEFAULT_FALLBACK_SLEEP

    def __post_init__(self) -> None:
        if isinstance(self.max_retries, bool) or not isinstance(self.max_retries, int):
            raise ConfigurationError(
                f"auto_throttle max_retries must be an int, got {self.max_retries!r}"
            )
        if self.max_retries < 0:
            raise ConfigurationError("auto_throttle max_retries must be >= 0")
        if not self.max_sleep > 0:
            raise ConfigurationError("auto_throttle max_sleep must be > 0 seconds")
        if not self.fallback_sleep >= 0:
            raise ConfigurationError("auto_throttle fallback_sleep must be >= 0 seconds")


AutoThrottleArg = bool | AutoThrottleConfig | Mapping[str, Any] | None


def resolve_auto_throttle(value: AutoThrottleArg) -> AutoThrottleConfig | None:
    """``None``/``False``: off; ``True``: the defaults; a dict: ``AutoThrottleConfig(**it)``."""
    if value is None or value is False:
        return None
    if value is True:
        return AutoThrottleConfig()
    if isinstance(value, AutoThrottleConfig):
        return value
    if isinstance(value, Mapping):
        known = {"max_retries", "max_sleep", "fallback_sleep"}
        unknown = sorted(set(value) - known)
        if unknown:
            raise ConfigurationError(
                f"auto_throttle: unknown option(s) {', '.join(map(str, unknown))}; "
                f"known: {', '.join(sorted(known))}"
            )
        return AutoThrottleConfig(**value)
    raise ConfigurationError(
        "auto_throttle must be True/False, a dict or an AutoThrottleConfig, "
        f"got {type(value).__name__}"
    )


def quota_wait(
    details: Mapping[str, Any], config: AutoThrottleConfig, *, now: float
) -> float | None:
    """Seconds to wait before re-sending after a quota refusal with these ``details``, or
    ``None`` when the wait would exceed ``config.max_sleep``. ``now``: epoch seconds."""
    wait = _retry_after(details)
    if wait is None:
        wait = _until_reset(details, now)
    if wait is None:
        wait = config.fallback_sleep
    if wait > config.max_sleep:
        return None
    return max(0.0, wait)


def _retry_after(details: Mapping[str, Any]) -> float | None:
    raw = details.get("retry_after_seconds", details.get("retryAfterSeconds"))
    if raw is None or isinstance(raw, bool):
        return None
    try:
        value = float(raw)
    except (TypeError, ValueError):
        return None
    return value if value == value and value != float("inf") else None


def _until_reset(details: Mapping[str, Any], now: float) -> float | None:
    raw = details.get("reset_at", details.get("resetAt"))
    if not isinstance(raw, str):
        return None
    try:
        reset = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if reset.tzinfo is None:
        reset = reset.replace(tzinfo=UTC)
    return max(0.0, reset.timestamp() - now)
