"""API keys, plan tiers and rate limits (the published plan numbers).

The tier comes from the key's prefix: ``ck_free_``, ``ck_pro_``, ``ck_business_``; any other
``ck_`` key is pro. Limits are fixed windows per key: requests per minute per operation
("status polls"), job creations per UTC day, and concurrently active jobs.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

Tier = Literal["free", "pro", "business"]

KEY_RE = re.compile(r"^ck_[A-Za-z0-9_]{8,}$")
GIB = 1024**3


@dataclass(frozen=True)
class TierLimits:
    creations_per_day: int | None  # None = unlimited
    requests_per_minute: int
    concurrent_jobs: int
    storage_bytes: int
    monthly_credits: int


TIERS: dict[Tier, TierLimits] = {
    "free": TierLimits(10, 60, 5, 1 * GIB, 100),
    "pro": TierLimits(500, 300, 20, 50 * GIB, 5_000),
    "business": TierLimits(None, 1000, 100, 500 * GIB, 50_000),
}


def tier_for_key(api_key: str) -> Tier:
    if api_key.startswith("ck_free_"):
        return "free"
    if api_key.startswith("ck_business_"):
        return "business"
    return "pro"


def parse_authorization(header: str | None) -> tuple[str | None, str]:
    """``(key, "")`` for a well-formed bearer ``ck_`` key, else ``(None, reason)``."""
    if not header:
        return None, "missing"
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return None, "malformed"
    if not KEY_RE.match(token):
        return None, "invalid"
    return token, ""


@dataclass(frozen=True)
class Window:
    """One rate-limit window as reported in the ``X-RateLimit-*`` headers."""

    limit: int
    remaining: int
    reset: int  # epoch seconds

    def headers(self) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(max(0, self.remaining)),
            "X-RateLimit-Reset": str(self.reset),
        }

    def retry_after(self, now: float) -> int:
        return max(1, math.ceil(self.reset - now))


class RateLimiter:
    """Fixed-window counters. ``enabled=False`` reports windows but never refuses."""

    def __init__(self, *, enabled: bool = True) -> None:
        self.enabled = enabled
        # (key, bucket, end of the window) -> used; a window is forgotten once it has ended
        self._counts: dict[tuple[str, str, int], int] = {}
        self._next_prune = 0.0

    def reset(self) -> None:
        self._counts = {}

    def windows(self) -> int:
        """How many windows are remembered (``/_sandbox/stats``)."""
        return len(self._counts)

    def _hit(
        self, key: str, bucket: str, limit: int, period: int, now: float, consume: bool
    ) -> tuple[bool, Window]:
        self._prune(now)
        end = int(now // period) * period + period
        slot = (key, bucket, end)
        used = self._counts.get(slot, 0)
        allowed = used < limit or not self.enabled
        if allowed and consume:
            used += 1
            self._counts[slot] = used
        return allowed, Window(limit, limit - used, end)

    def _prune(self, now: float) -> None:
        """Forget the windows that have ended (those of every period: a day's creations stay
        counted until the day is over), once a minute: each request pays O(1) on average."""
        if now < self._next_prune:
            return
        self._next_prune = now + 60
        self._counts = {k: v for k, v in self._counts.items() if k[2] > now}

    def per_minute(
        self, api_key: str, bucket: str, tier: Tier, now: float, *, consume: bool = True
    ) -> tuple[bool, Window]:
        return self._hit(api_key, bucket, TIERS[tier].requests_per_minute, 60, now, consume)

    def per_day(
        self, api_key: str, tier: Tier, now: float, *, consume: bool = True
    ) -> tuple[bool, Window | None]:
        """Job creations. ``(allowed, window)``; window is None for unlimited tiers."""
        limit = TIERS[tier].creations_per_day
        if limit is None:
            return True, None
        return self._hit(api_key, "job_creations", limit, 86_400, now, consume)


def quota_state(window: Window) -> str | None:
    """``soft_limit`` when at most a tenth of the window is left."""
    if window.limit >= 10 and window.remaining <= window.limit // 10:
        return "soft_limit"
    return None
