"""The optimistic-lock writes of a goal job (answering slots, confirming), each on the one
rebasing write loop (:mod:`convilyn._async._rebase`; its decisions: :mod:`convilyn._rebase`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from convilyn._async._rebase import AsyncRebasedWrite
from convilyn._bodies import answers_to_wire, given
from convilyn._rebase import Decision, decide_confirm, decide_fill
from convilyn.errors import APIError, VersionConflictError
from convilyn.lowlevel.api.goals import confirm_goal_job, update_goal_job_slots
from convilyn.lowlevel.models import ConfirmGoalJobRequest as _ConfirmGoalJobRequest
from convilyn.lowlevel.models import UpdateSlotsRequest as _UpdateSlotsRequest
from convilyn.types import GoalJob

if TYPE_CHECKING:
    from convilyn._async.resources.goals import AsyncGoals

__all__ = ["Confirm", "FillSlots", "settled_by_state"]

_Change = TypeVar("_Change")


def settled_by_state(exc: APIError) -> bool:
    """A refusal that may mean the write already happened, so the job is re-read: a version
    conflict, or a 400/409 answering a re-send of a write whose first attempt may have been
    processed (``x-convilyn-replay: guarded``)."""
    return isinstance(exc, VersionConflictError) or (exc.replayed and exc.status_code in (400, 409))


class _GoalJobWrite(AsyncRebasedWrite[_Change, GoalJob]):
    def __init__(self, goals: AsyncGoals, job_spec_id: str, what: str) -> None:
        self.goals, self.job_spec_id, self.what = goals, job_spec_id, what

    async def reread(self) -> GoalJob:
        return await self.goals.retrieve(self.job_spec_id)

    def settled_by_state(self, exc: APIError) -> bool:
        return settled_by_state(exc)


class FillSlots(_GoalJobWrite[dict[str, Any]]):
    async def send(self, change: dict[str, Any], version: int | None) -> GoalJob:
        pipe = self.goals._pipeline
        body = _UpdateSlotsRequest(answers=answers_to_wire(change), expected_version=given(version))
        response = await pipe.call(update_goal_job_slots.asyncio_raw, self.job_spec_id, body=body)
        return pipe.parse(GoalJob, response)

    def decide(
        self, change: dict[str, Any], current: GoalJob, based_on: GoalJob | None
    ) -> Decision[dict[str, Any]]:
        return decide_fill(
            change,
            status=current.status,
            pending_ids=[s.slot_id for s in current.pending_slots],
            filled=current.filled_slots,
        )


class Confirm(_GoalJobWrite[None]):
    def __init__(
        self, goals: AsyncGoals, job_spec_id: str, what: str, *, polled_on: GoalJob | None = None
    ) -> None:
        super().__init__(goals, job_spec_id, what)
        self.polled_on = polled_on

    async def send(self, change: None, version: int | None) -> GoalJob:
        body = _ConfirmGoalJobRequest(expected_version=given(version))
        await self.goals._pipeline.call(confirm_goal_job.asyncio_raw, self.job_spec_id, body=body)
        if self.polled_on is not None:
            return self.polled_on  # the caller polls on from here: reading it now is a request
        return await self.reread()

    def decide(self, change: None, current: GoalJob, based_on: GoalJob | None) -> Decision[None]:
        return decide_confirm(status=current.status, started=current.started_at is not None)
