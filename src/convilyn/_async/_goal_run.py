"""``goals.run()``: drive a goal job from creation to a terminal state, answering its questions,
approving its preview and confirming it, as the caller's answers and callbacks allow."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from convilyn._backends import AsyncTimeSource, async_maybe_await
from convilyn._goal_inputs import check_slot_keys
from convilyn._goal_status import GOAL_READY, GoalPhase, goal_phase, normalize_goal_status
from convilyn._logging import logger
from convilyn._next_step import NextStep, next_step
from convilyn.errors import (
    APIError,
    ConflictError,
    GoalJobFailedError,
    GoalJobTimeoutError,
    UnusedAnswersWarning,
)
from convilyn.types import GoalJob, GoalJobStatus, PendingSlot

if TYPE_CHECKING:
    from convilyn._async.resources.goals import AsyncGoals
    from convilyn._async.resources.workflows import AsyncWorkflows

__all__ = ["AsyncGoalRun", "OnPreview", "OnProgress", "OnSlot", "OnStart", "approve"]

OnSlot = Callable[[PendingSlot, GoalJob], Any]
OnPreview = Callable[[GoalJob], Any]
OnProgress = Callable[[GoalJobStatus], Any]
OnStart = Callable[[GoalJob], Any]


def approve(job: GoalJob) -> bool:
    return True


@dataclass
class AsyncGoalRun:
    """One drive of one job; ``drive`` returns it terminal, or stopped where nobody answers."""

    goals: AsyncGoals
    time: AsyncTimeSource
    answers: dict[str, Any]
    on_slot: OnSlot | None
    on_preview: OnPreview | None
    on_progress: OnProgress | None
    timeout: float | None
    idle_timeout: float | None
    poll_interval: float | None
    started: float
    refused_confirm: ConflictError | None = None
    just_confirmed: bool = False  # the next wait polls through ``ready``: confirm once
    asked: set[str] = field(default_factory=set)  # every question the job asked

    def warn_unused(self, job: GoalJob) -> None:
        """Name the answers no question asked, once the job can ask no more."""
        unused = sorted(set(self.answers) - self.asked)
        if unused and job.is_terminal:
            warnings.warn(
                UnusedAnswersWarning(
                    f"goal job {job.job_spec_id} never asked for {', '.join(unused)} "
                    f"(slots= answers; it asked: {', '.join(sorted(self.asked)) or 'nothing'})",
                    unused=unused,
                ),
                stacklevel=4,
            )

    async def drive(self, job: GoalJob, max_rounds: int) -> GoalJob:
        """Drive ``job``, the create's answer: where it already stopped (an instant server),
        it is acted on as it is, with no look first (a watcher still gets its looks)."""
        fresh = self.on_progress is None
        for _ in range(max_rounds):
            if not (fresh and _stopped(job)):
                job = await self._wait(job)
            fresh = False
            questions = await self._questions(job)
            self.asked.update(q.slot_id for q in questions)
            step = next_step(job, questions, self.answers)
            if step.kind != "review" and step.kind != "confirm":
                self.refused_confirm = None
            if step.kind == "answer":
                job, handed_back = await self._answer(job, step)
            elif step.kind in ("review", "confirm"):
                job, handed_back = await self._confirm(job, review=step.kind == "review")
            else:
                handed_back = True  # done, or a stop status the driver cannot advance
            if handed_back:
                return job
        raise GoalJobTimeoutError(
            job_spec_id=job.job_spec_id,
            elapsed=self.time.monotonic() - self.started,
            timeout=float(max_rounds),
            reason="rounds",
            last_status=normalize_goal_status(job.status),
        )

    async def _wait(self, job: GoalJob) -> GoalJob:
        remaining = None
        if self.timeout is not None:
            remaining = max(0.0, self.timeout - (self.time.monotonic() - self.started))
        through = GOAL_READY if self.just_confirmed else frozenset()
        self.just_confirmed = False
        return await self.goals._poll(
            job.job_spec_id,
            timeout=remaining,
            idle_timeout=self.idle_timeout,
            poll_interval=self.poll_interval,
            on_progress=self.on_progress,
            through=through,
        )

    async def _questions(self, job: GoalJob) -> list[PendingSlot]:
        if not job.needs_input or job.pending_slots:
            return list(job.pending_slots)
        return checkpoint_slots(await self.goals.status(job.job_spec_id))  # a checkpoint's

    async def _answer(self, job: GoalJob, step: NextStep) -> tuple[GoalJob, bool]:
        answers = dict(step.answers)
        unanswered = False
        for slot in step.missing:
            if self.on_slot is not None:
                answers[slot.slot_id] = await async_maybe_await(self.on_slot(slot, job))
            elif slot.required:
                unanswered = True
        if answers:
            job = await self.goals.fill_slots(
                job.job_spec_id, answers, expected_version=job.item_version
            )
        # Nobody can answer the rest: hand the job back (needs_input), with every answer
        # given already sent, so it names only what is still missing.
        return job, unanswered or not answers

    async def _confirm(self, job: GoalJob, *, review: bool) -> tuple[GoalJob, bool]:
        if review:
            if self.on_preview is None:
                return job, True  # confirming spends: the preview is the caller's to approve
            if not bool(await async_maybe_await(self.on_preview(job))):
                return await self.goals.cancel(job.job_spec_id), True
        if self.refused_confirm is not None:
            raise self.refused_confirm  # still ready after a refused confirm: not a race
        try:
            job = await self.goals._confirm_and_poll_on(job)
            self.just_confirmed = True
        except ConflictError as exc:
            if type(exc) is not ConflictError:
                raise  # a billing or version refusal, not a race
            # Another writer queued it first ("already queued"): keep watching it.
            logger.debug("confirm %s refused (%s): polling on", job.job_spec_id, exc)
            self.refused_confirm = exc
        return job, False


def _stopped(job: GoalJob) -> bool:
    """Whether the job waits for something or has ended (``failed`` raises, as a poll does)."""
    phase = goal_phase(normalize_goal_status(job.status))
    if phase is GoalPhase.FAILED:
        raise GoalJobFailedError(job)
    return phase is not GoalPhase.RUNNING


async def pre_execution_answers(
    workflows: AsyncWorkflows, workflow_id: str | None, answers: Mapping[str, Any]
) -> dict[str, Any]:
    """The answers to questions a catalog workflow asks before execution (its
    ``requiredSlots``); empty when that is not known. The service refuses, at creation, an
    answer to a question the workflow does not ask then."""
    if not answers or workflow_id is None:
        return {}
    try:
        catalog = await workflows.catalog()
    except APIError as exc:
        logger.debug("catalog unavailable (%s): answers go when asked", exc)
        return {}
    for entry in catalog:
        if entry.workflow_id == workflow_id:
            check_slot_keys(entry, answers)
            asked = {slot.slot_id for slot in entry.required_slots or ()}
            return {k: v for k, v in answers.items() if k in asked}
    return {}


def checkpoint_slots(snap: GoalJobStatus | None) -> list[PendingSlot]:
    if snap is None or snap.checkpoint is None:
        return []
    return [
        PendingSlot.model_validate(
            {
                "slotId": s.slot_id,
                "slotType": s.type,
                "question": snap.checkpoint.step_output_preview,
                "required": True,
                "isDisambiguation": False,
            }
        )
        for s in snap.checkpoint.slots
    ]
