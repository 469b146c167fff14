"""What to do next with a goal job that stopped waiting: one pure decision, shared by
``goals.run`` and the CLI's hints."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from convilyn._goal_status import GoalPhase, goal_phase, normalize_goal_status
from convilyn.types import GoalJob, GoalJobStatusValue, PendingSlot

__all__ = ["NextStep", "next_step"]

StepKind = Literal["done", "answer", "review", "confirm", "stop"]


@dataclass(frozen=True)
class NextStep:
    """``done``: terminal. ``answer``: send ``answers`` (those given that the job asks for)
    and ask ``missing``. ``review``: a preview to approve before confirming (confirming
    spends). ``confirm``: ready, nothing to review. ``stop``: a status no step advances."""

    kind: StepKind
    answers: dict[str, Any] = field(default_factory=dict)
    missing: tuple[PendingSlot, ...] = ()


def next_step(
    job: GoalJob, questions: Sequence[PendingSlot], answers: Mapping[str, Any]
) -> NextStep:
    """The step for ``job``, whose open ``questions`` are its pending slots (or, at a
    checkpoint, the checkpoint's), given the ``answers`` known so far."""
    phase = goal_phase(job.status)
    if phase.is_terminal:
        return NextStep("done")
    if phase is GoalPhase.NEEDS_INPUT:
        given = {q.slot_id: answers[q.slot_id] for q in questions if q.slot_id in answers}
        missing = tuple(q for q in questions if q.slot_id not in answers)
        return NextStep("answer", given, missing)
    if phase is GoalPhase.READY:
        preview = normalize_goal_status(job.status) == GoalJobStatusValue.ready_with_preview
        return NextStep("review" if preview else "confirm")
    return NextStep("stop")
