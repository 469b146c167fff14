from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.goal_job_status_value import GoalJobStatusValue
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.goal_error_detail import GoalErrorDetail
    from ..models.goal_job_filled_slots import GoalJobFilledSlots
    from ..models.pending_interrupt import PendingInterrupt
    from ..models.pending_slot import PendingSlot


T = TypeVar("T", bound="GoalJob")


@_attrs_define
class GoalJob:
    """A goal-lane (multi-step workflow) job and its full state.

    Attributes:
        job_spec_id (str): Identifier of the job; used in every goal-lane call.
        status (GoalJobStatusValue): Goal-lane status. Non-terminal: `draft`, `created`, `analyzing`, `slots_pending`
            (input needed, also for a mid-execution checkpoint), `ready` / `ready_with_preview` (waiting for
            confirmGoalJob), `confirmed`, `queued`, `executing`. Terminal: `completed`, `partial`, `failed`, `cancelled`.
            Older docs call `created` `pending`, `confirmed` `confirming` and `slots_pending` `slot_needed`. Clients must
            not crash on a value not listed here.
        created_at (datetime.datetime): When the job was created (UTC).
        updated_at (datetime.datetime): When the job last changed (UTC).
        progress (int | Unset): Progress percentage (0 when the service leaves it out). Default: 0.
        item_version (int | None | Unset): Optimistic-lock version; send it as `expectedVersion` to updateGoalJobSlots /
            confirmGoalJob. Increments on every change, including checkpoints. The live service may leave it out; writes
            then go without `expectedVersion`.
        attempt_id (None | str | Unset): Current execution attempt (changes on retry).
        goal_text (None | str | Unset): The free-form goal, when the job was created from text.
        workflow_id (None | str | Unset): The catalog or user workflow being run.
        file_ids (list[str] | Unset): Input file identifiers. The live service may send `null` instead of an empty list;
            clients read `null` as `[]`.
        pending_slots (list[PendingSlot] | Unset): Questions to answer; non-empty when `status` is `slots_pending`. The
            live service may send `null` instead of an empty list; clients read `null` as `[]`.
        filled_slots (GoalJobFilledSlots | Unset): Answers given so far, by slot id. The live service may send `null`
            instead of an empty object; clients read `null` as `{}`.
        pending_interrupts (list[PendingInterrupt] | Unset): Opaque human-in-the-loop interrupts. The live service may
            send `null` instead of an empty list; clients read `null` as `[]`.
        agent_message (None | str | Unset): Latest message of the agent to the user.
        error_message (None | str | Unset): Human-readable failure reason when `failed` / `partial`.
        error_code (None | str | Unset): Machine-readable failure code.
        error_detail (GoalErrorDetail | None | Unset): Structured failure reason.
        suggested_action (None | str | Unset): What the client should do next, e.g. `fill_slots`, `confirm`, `retry`.
        started_at (datetime.datetime | None | Unset): When execution started (UTC).
        completed_at (datetime.datetime | None | Unset): When the job reached a terminal status (UTC).
    """

    job_spec_id: str
    status: GoalJobStatusValue
    created_at: datetime.datetime
    updated_at: datetime.datetime
    progress: int | Unset = 0
    item_version: int | None | Unset = UNSET
    attempt_id: None | str | Unset = UNSET
    goal_text: None | str | Unset = UNSET
    workflow_id: None | str | Unset = UNSET
    file_ids: list[str] | Unset = UNSET
    pending_slots: list[PendingSlot] | Unset = UNSET
    filled_slots: GoalJobFilledSlots | Unset = UNSET
    pending_interrupts: list[PendingInterrupt] | Unset = UNSET
    agent_message: None | str | Unset = UNSET
    error_message: None | str | Unset = UNSET
    error_code: None | str | Unset = UNSET
    error_detail: GoalErrorDetail | None | Unset = UNSET
    suggested_action: None | str | Unset = UNSET
    started_at: datetime.datetime | None | Unset = UNSET
    completed_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.goal_error_detail import GoalErrorDetail

        job_spec_id = self.job_spec_id

        status = self.status.value

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        progress = self.progress

        item_version: int | None | Unset
        if isinstance(self.item_version, Unset):
            item_version = UNSET
        else:
            item_version = self.item_version

        attempt_id: None | str | Unset
        if isinstance(self.attempt_id, Unset):
            attempt_id = UNSET
        else:
            attempt_id = self.attempt_id

        goal_text: None | str | Unset
        if isinstance(self.goal_text, Unset):
            goal_text = UNSET
        else:
            goal_text = self.goal_text

        workflow_id: None | str | Unset
        if isinstance(self.workflow_id, Unset):
            workflow_id = UNSET
        else:
            workflow_id = self.workflow_id

        file_ids: list[str] | Unset = UNSET
        if not isinstance(self.file_ids, Unset):
            file_ids = self.file_ids

        pending_slots: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.pending_slots, Unset):
            pending_slots = []
            for pending_slots_item_data in self.pending_slots:
                pending_slots_item = pending_slots_item_data.to_dict()
                pending_slots.append(pending_slots_item)

        filled_slots: dict[str, Any] | Unset = UNSET
        if not isinstance(self.filled_slots, Unset):
            filled_slots = self.filled_slots.to_dict()

        pending_interrupts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.pending_interrupts, Unset):
            pending_interrupts = []
            for pending_interrupts_item_data in self.pending_interrupts:
                pending_interrupts_item = pending_interrupts_item_data.to_dict()
                pending_interrupts.append(pending_interrupts_item)

        agent_message: None | str | Unset
        if isinstance(self.agent_message, Unset):
            agent_message = UNSET
        else:
            agent_message = self.agent_message

        error_message: None | str | Unset
        if isinstance(self.error_message, Unset):
            error_message = UNSET
        else:
            error_message = self.error_message

        error_code: None | str | Unset
        if isinstance(self.error_code, Unset):
            error_code = UNSET
        else:
            error_code = self.error_code

        error_detail: dict[str, Any] | None | Unset
        if isinstance(self.error_detail, Unset):
            error_detail = UNSET
        elif isinstance(self.error_detail, GoalErrorDetail):
            error_detail = self.error_detail.to_dict()
        else:
            error_detail = self.error_detail

        suggested_action: None | str | Unset
        if isinstance(self.suggested_action, Unset):
            suggested_action = UNSET
        else:
            suggested_action = self.suggested_action

        started_at: None | str | Unset
        if isinstance(self.started_at, Unset):
            started_at = UNSET
        elif isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        completed_at: None | str | Unset
        if isinstance(self.completed_at, Unset):
            completed_at = UNSET
        elif isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "jobSpecId": job_spec_id,
                "status": status,
                "createdAt": created_at,
                "updatedAt": updated_at,
            }
        )
        if progress is not UNSET:
            field_dict["progress"] = progress
        if item_version is not UNSET:
            field_dict["itemVersion"] = item_version
        if attempt_id is not UNSET:
            field_dict["attemptId"] = attempt_id
        if goal_text is not UNSET:
            field_dict["goalText"] = goal_text
        if workflow_id is not UNSET:
            field_dict["workflowId"] = workflow_id
        if file_ids is not UNSET:
            field_dict["fileIds"] = file_ids
        if pending_slots is not UNSET:
            field_dict["pendingSlots"] = pending_slots
        if filled_slots is not UNSET:
            field_dict["filledSlots"] = filled_slots
        if pending_interrupts is not UNSET:
            field_dict["pendingInterrupts"] = pending_interrupts
        if agent_message is not UNSET:
            field_dict["agentMessage"] = agent_message
        if error_message is not UNSET:
            field_dict["errorMessage"] = error_message
        if error_code is not UNSET:
            field_dict["errorCode"] = error_code
        if error_detail is not UNSET:
            field_dict["errorDetail"] = error_detail
        if suggested_action is not UNSET:
            field_dict["suggestedAction"] = suggested_action
        if started_at is not UNSET:
            field_dict["startedAt"] = started_at
        if completed_at is not UNSET:
            field_dict["completedAt"] = completed_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.goal_error_detail import GoalErrorDetail
        from ..models.goal_job_filled_slots import GoalJobFilledSlots
        from ..models.pending_interrupt import PendingInterrupt
        from ..models.pending_slot import PendingSlot

        d = dict(src_dict)
        job_spec_id = d.pop("jobSpecId")

        status = GoalJobStatusValue(d.pop("status"))

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))

        progress = d.pop("progress", UNSET)

        def _parse_item_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        item_version = _parse_item_version(d.pop("itemVersion", UNSET))

        def _parse_attempt_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        attempt_id = _parse_attempt_id(d.pop("attemptId", UNSET))

        def _parse_goal_text(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        goal_text = _parse_goal_text(d.pop("goalText", UNSET))

        def _parse_workflow_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        workflow_id = _parse_workflow_id(d.pop("workflowId", UNSET))

        file_ids = cast(list[str], d.pop("fileIds", UNSET))

        _pending_slots = d.pop("pendingSlots", UNSET)
        pending_slots: list[PendingSlot] | Unset = UNSET
        if _pending_slots is not UNSET:
            pending_slots = []
            for pending_slots_item_data in _pending_slots:
                pending_slots_item = PendingSlot.from_dict(pending_slots_item_data)

                pending_slots.append(pending_slots_item)

        _filled_slots = d.pop("filledSlots", UNSET)
        filled_slots: GoalJobFilledSlots | Unset
        if isinstance(_filled_slots, Unset):
            filled_slots = UNSET
        else:
            filled_slots = GoalJobFilledSlots.from_dict(_filled_slots)

        _pending_interrupts = d.pop("pendingInterrupts", UNSET)
        pending_interrupts: list[PendingInterrupt] | Unset = UNSET
        if _pending_interrupts is not UNSET:
            pending_interrupts = []
            for pending_interrupts_item_data in _pending_interrupts:
                pending_interrupts_item = PendingInterrupt.from_dict(pending_interrupts_item_data)

                pending_interrupts.append(pending_interrupts_item)

        def _parse_agent_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        agent_message = _parse_agent_message(d.pop("agentMessage", UNSET))

        def _parse_error_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error_message = _parse_error_message(d.pop("errorMessage", UNSET))

        def _parse_error_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error_code = _parse_error_code(d.pop("errorCode", UNSET))

        def _parse_error_detail(data: object) -> GoalErrorDetail | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_detail_type_0 = GoalErrorDetail.from_dict(data)

                return error_detail_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GoalErrorDetail | None | Unset, data)

        error_detail = _parse_error_detail(d.pop("errorDetail", UNSET))

        def _parse_suggested_action(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        suggested_action = _parse_suggested_action(d.pop("suggestedAction", UNSET))

        def _parse_started_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        started_at = _parse_started_at(d.pop("startedAt", UNSET))

        def _parse_completed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        completed_at = _parse_completed_at(d.pop("completedAt", UNSET))

        goal_job = cls(
            job_spec_id=job_spec_id,
            status=status,
            created_at=created_at,
            updated_at=updated_at,
            progress=progress,
            item_version=item_version,
            attempt_id=attempt_id,
            goal_text=goal_text,
            workflow_id=workflow_id,
            file_ids=file_ids,
            pending_slots=pending_slots,
            filled_slots=filled_slots,
            pending_interrupts=pending_interrupts,
            agent_message=agent_message,
            error_message=error_message,
            error_code=error_code,
            error_detail=error_detail,
            suggested_action=suggested_action,
            started_at=started_at,
            completed_at=completed_at,
        )

        goal_job.additional_properties = d
        return goal_job

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
