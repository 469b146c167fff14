"""Goal events derived from successive polls, for servers that refuse the WebSocket (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from convilyn._goal_status import GoalPhase, goal_phase, normalize_goal_status

__all__ = ["PollObservation", "derive_events"]


@dataclass(frozen=True)
class PollObservation:
    status: str
    progress: int
    item_version: int | None
    current_step: str | None = None
    checkpoint: dict[str, Any] | None = None
    error: str | None = None


def derive_events(
    previous: PollObservation | None, current: PollObservation
) -> list[tuple[str, dict[str, Any]]]:
    """The ``(type, data)`` events that explain the change from ``previous`` to ``current``.

    The event types are the stream's own: ``status`` on a status change, ``progress`` on a
    progress change, ``slot_needed`` when input is needed (again), then ``completed`` or
    ``failed``. Every ``data`` carries ``"source": "poll"``.
    """
    events: list[tuple[str, dict[str, Any]]] = []
    status = normalize_goal_status(current.status)
    prev_status = normalize_goal_status(previous.status) if previous else None
    base: dict[str, Any] = {"source": "poll", "itemVersion": current.item_version}
    if status != prev_status:
        events.append(("status", {**base, "status": status, "previous": prev_status}))
    progressed = previous is not None and current.progress != previous.progress
    if progressed or (previous is None and current.progress):
        events.append(
            (
                "progress",
                {**base, "progress": current.progress, "currentStep": current.current_step},
            )
        )
    phase = goal_phase(status)
    if phase is GoalPhase.NEEDS_INPUT:
        asked_again = (
            status != prev_status
            or previous is None
            or current.checkpoint != previous.checkpoint
            or current.item_version != previous.item_version
        )
        if asked_again:
            events.append(("slot_needed", {**base, "checkpoint": current.checkpoint}))
    if status != prev_status:
        if phase is GoalPhase.SUCCEEDED:
            events.append(("completed", {**base, "status": status}))
        elif phase is GoalPhase.FAILED:
            events.append(("failed", {**base, "status": status, "error": current.error}))
    return events
