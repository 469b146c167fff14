"""Goal events derived from successive polls, for servers that refuse the WebSocket (pure).

``goals.events`` yields them when it polls; the CLI's ``goals run --ndjson`` emits the same for
the snapshots ``run`` reports: one derivation (:class:`GoalEventDeriver`, public in
``convilyn.types``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from convilyn._goal_status import GoalPhase, goal_phase, normalize_goal_status
from convilyn.types import GoalEvent, GoalJob, GoalJobStatus

__all__ = ["GoalEventDeriver", "PollObservation", "derive_events"]


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


def observe(snapshot: GoalJob | GoalJobStatus) -> PollObservation:
    """What a poll shows of a job, from its light status or its full read."""
    checkpoint = getattr(snapshot, "checkpoint", None)
    return PollObservation(
        status=normalize_goal_status(snapshot.status),
        progress=snapshot.progress,
        item_version=snapshot.item_version,
        current_step=getattr(snapshot, "current_step", None),
        checkpoint=checkpoint.model_dump(by_alias=True, mode="json") if checkpoint else None,
        error=getattr(snapshot, "error", None) or getattr(snapshot, "error_message", None),
    )


class GoalEventDeriver:
    """The goal events (the stream's own types and ``data``) that explain successive snapshots
    of one job, numbered from ``next_seq``: what ``goals.events`` yields when it polls.

    ::

        deriver = GoalEventDeriver(job.job_spec_id)
        for event in deriver.observe(client.goals.status(job.job_spec_id)):
            print(event.type, event.data)
    """

    def __init__(self, job_spec_id: str, *, next_seq: int = 1) -> None:
        self.job_spec_id = job_spec_id
        self.next_seq = next_seq
        self.last: PollObservation | None = None

    def observe(self, snapshot: GoalJob | GoalJobStatus) -> list[GoalEvent]:
        current = observe(snapshot)
        events = []
        for type_, data in derive_events(self.last, current):
            events.append(
                GoalEvent.model_validate(
                    {
                        "type": type_,
                        "schemaVersion": 1,
                        "jobSpecId": self.job_spec_id,
                        "emittedAt": datetime.now(UTC).isoformat(),
                        "seq": self.next_seq,
                        "data": data,
                    }
                )
            )
            self.next_seq += 1
        self.last = current
        return events
