"""Simulated time: every duration the sandbox simulates is scaled by ``speed``.

``speed=1`` is the demo pace (a goal run lasts a few seconds), ``speed=2`` twice as fast,
``speed=0`` instant (every pending step completes on the next read). State is advanced lazily
on read from real timestamps, so the outcome does not depend on when clients poll.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime


class Clock:
    """Wall-clock time plus a speed factor for simulated durations."""

    def __init__(self, speed: float = 1.0, time_fn: Callable[[], float] = time.time) -> None:
        if not speed >= 0:  # NaN too
            raise ValueError("speed must be >= 0")
        self.speed = float(speed)
        self._time_fn = time_fn

    def now(self) -> float:
        """Current time, epoch seconds."""
        return self._time_fn()

    def real_seconds(self, sim_seconds: float) -> float:
        """How long ``sim_seconds`` of simulated work takes in real time (0 at speed 0)."""
        if self.speed == 0:
            return 0.0
        return sim_seconds / self.speed

    def later(self, start: float, sim_seconds: float) -> float:
        """The real time at which ``sim_seconds`` of simulated work started at ``start`` ends."""
        return start + self.real_seconds(sim_seconds)


class ManualClock(Clock):
    """A clock that only moves when told to (unit tests of the state machines)."""

    def __init__(self, speed: float = 1.0, start: float = 1_767_225_600.0) -> None:
        self._now = start
        super().__init__(speed, self._read)

    def _read(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        self._now += seconds


def iso(ts: float) -> str:
    """Epoch seconds as an RFC 3339 UTC timestamp with millisecond precision."""
    dt = datetime.fromtimestamp(ts, UTC)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"
