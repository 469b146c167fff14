"""Polling policy for ``wait()``: the adaptive interval and the deadlines (pure).

The schedule prefers the server's ``suggestedPollIntervalMs``; without it the interval starts
at ``poll_interval`` (default 1 s) and backs off while nothing observable changes, resetting
when something does. Overall and idle timeouts are checked against an injected clock. What a
goal job's status means is :mod:`convilyn._goal_status`'s.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["CONVERT_TERMINAL", "PollSchedule", "status_text"]

CONVERT_TERMINAL = frozenset({"completed", "failed"})

MIN_INTERVAL = 0.1
DEFAULT_INTERVAL = 1.0
MAX_INTERVAL = 10.0
BACKOFF = 1.5
WATCH_LOOKS = 4


def status_text(status: object) -> str:
    """The plain string of a status, whether it is a ``str``, a ``StrEnum`` or an ``Enum``."""
    value = getattr(status, "value", status)
    return str(value)


TimeoutReason = Literal["total", "idle"]


_EPSILON = 1e-6  # seconds


@dataclass
class PollSchedule:
    """The state of one ``wait()`` loop.

    Call :meth:`observe` with each snapshot's fingerprint and the server's hint, then
    :meth:`expired` and :meth:`next_delay`.
    """

    started_at: float
    timeout: float | None = 300.0
    idle_timeout: float | None = None
    poll_interval: float | None = None
    max_interval: float = MAX_INTERVAL
    backoff: float = BACKOFF
    # Someone watches progress. The server's hint says when polling next finds something to
    # act on; progress moves in between, so a watcher looks WATCH_LOOKS times on the way there,
    # at most ``poll_interval`` (default 1 s) apart.
    watching: bool = False
    interval: float = field(init=False)
    # The server's hint says the next poll finds the job where it stops (for input, a confirm,
    # or the end): that poll reads the whole job, which the stop needs anyway.
    next_at_stop: bool = field(default=False, init=False)
    last_change_at: float = field(init=False)
    polls: int = field(default=0, init=False)
    _fingerprint: Hashable = field(default=None, init=False)
    _seen: bool = field(default=False, init=False)

    def __post_init__(self) -> None:
        if self.timeout is not None and self.timeout < 0:
            raise ValueError("timeout must be >= 0")
        if self.idle_timeout is not None and self.idle_timeout <= 0:
            raise ValueError("idle_timeout must be > 0")
        self.interval = self._base
        self.last_change_at = self.started_at

    @property
    def _base(self) -> float:
        if self.poll_interval is None:
            return DEFAULT_INTERVAL
        return max(MIN_INTERVAL, float(self.poll_interval))

    def observe(self, fingerprint: Hashable, *, now: float, hint_ms: int | None = None) -> bool:
        """Record a snapshot; returns True when it differs from the previous one."""
        self.polls += 1
        changed = not self._seen or fingerprint != self._fingerprint
        self._seen = True
        self._fingerprint = fingerprint
        if changed:
            self.last_change_at = now
        # A hint of 0 ("now") lands on the stop too.
        self.next_at_stop = hint_ms is not None and hint_ms >= 0
        if hint_ms is not None and hint_ms > 0:
            # The server's pace first; never faster than it allows, nor than the caller asked.
            to_stop = hint_ms / 1000.0
            look = to_stop
            if self.watching:
                look = min(to_stop, self._base, max(MIN_INTERVAL, to_stop / WATCH_LOOKS))
            floor = self._base if self.poll_interval is not None else MIN_INTERVAL
            self.interval = max(look, floor)
            self.next_at_stop = self.interval >= to_stop  # not a watcher's look on the way
        elif changed:
            self.interval = self._base
        else:
            ceiling = max(self.max_interval, self._base)
            self.interval = min(self.interval * self.backoff, ceiling)
        return changed

    def elapsed(self, now: float) -> float:
        return max(0.0, now - self.started_at)

    def expired(self, now: float) -> TimeoutReason | None:
        # A sleep cut to a deadline lands on it only up to rounding: within _EPSILON is there.
        if self.timeout is not None and now - self.started_at >= self.timeout - _EPSILON:
            return "total"
        idle = self.idle_timeout
        if idle is not None and now - self.last_change_at >= idle - _EPSILON:
            return "idle"
        return None

    def next_delay(self, now: float) -> float:
        """How long to sleep before the next poll: the interval, cut to the nearest deadline
        (so the loop takes one last look at the deadline instead of overshooting it)."""
        delay = self.interval
        if self.timeout is not None:
            delay = min(delay, max(0.0, self.started_at + self.timeout - now))
        if self.idle_timeout is not None:
            delay = min(delay, max(0.0, self.last_change_at + self.idle_timeout - now))
        return max(0.0, delay)
