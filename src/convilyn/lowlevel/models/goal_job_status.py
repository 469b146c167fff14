from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.goal_job_status_value import GoalJobStatusValue
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.checkpoint import Checkpoint


T = TypeVar("T", bound="GoalJobStatus")


@_attrs_define
class GoalJobStatus:
    """Light status of a goal job, for polling.

    Attributes:
        status (GoalJobStatusValue): Goal-lane status. Non-terminal: `draft`, `created`, `analyzing`, `slots_pending`
            (input needed, also for a mid-execution checkpoint), `ready` / `ready_with_preview` (waiting for
            confirmGoalJob), `confirmed`, `queued`, `executing`. Terminal: `completed`, `partial`, `failed`, `cancelled`.
            Older docs call `created` `pending`, `confirmed` `confirming` and `slots_pending` `slot_needed`. Clients must
            not crash on a value not listed here.
        progress (int): Progress percentage.
        current_step (None | str | Unset): Name of the running step.
        item_version (int | None | Unset): Current optimistic-lock version; use it as `expectedVersion`. Null where the
            service keeps no versions (as GoalJob.itemVersion).
        checkpoint (Checkpoint | None | Unset): Set when the job paused mid-execution for input.
        error (None | str | Unset): Failure description when `failed`.
        suggested_poll_interval_ms (int | None | Unset): Wait at least this long before the next poll.
    """

    status: GoalJobStatusValue
    progress: int
    current_step: None | str | Unset = UNSET
    item_version: int | None | Unset = UNSET
    checkpoint: Checkpoint | None | Unset = UNSET
    error: None | str | Unset = UNSET
    suggested_poll_interval_ms: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.checkpoint import Checkpoint

        status = self.status.value

        progress = self.progress

        current_step: None | str | Unset
        if isinstance(self.current_step, Unset):
            current_step = UNSET
        else:
            current_step = self.current_step

        item_version: int | None | Unset
        if isinstance(self.item_version, Unset):
            item_version = UNSET
        else:
            item_version = self.item_version

        checkpoint: dict[str, Any] | None | Unset
        if isinstance(self.checkpoint, Unset):
            checkpoint = UNSET
        elif isinstance(self.checkpoint, Checkpoint):
            checkpoint = self.checkpoint.to_dict()
        else:
            checkpoint = self.checkpoint

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        suggested_poll_interval_ms: int | None | Unset
        if isinstance(self.suggested_poll_interval_ms, Unset):
            suggested_poll_interval_ms = UNSET
        else:
            suggested_poll_interval_ms = self.suggested_poll_interval_ms

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "progress": progress,
            }
        )
        if current_step is not UNSET:
            field_dict["currentStep"] = current_step
        if item_version is not UNSET:
            field_dict["itemVersion"] = item_version
        if checkpoint is not UNSET:
            field_dict["checkpoint"] = checkpoint
        if error is not UNSET:
            field_dict["error"] = error
        if suggested_poll_interval_ms is not UNSET:
            field_dict["suggestedPollIntervalMs"] = suggested_poll_interval_ms

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.checkpoint import Checkpoint

        d = dict(src_dict)
        status = GoalJobStatusValue(d.pop("status"))

        progress = d.pop("progress")

        def _parse_current_step(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        current_step = _parse_current_step(d.pop("currentStep", UNSET))

        def _parse_item_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        item_version = _parse_item_version(d.pop("itemVersion", UNSET))

        def _parse_checkpoint(data: object) -> Checkpoint | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                checkpoint_type_0 = Checkpoint.from_dict(data)

                return checkpoint_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Checkpoint | None | Unset, data)

        checkpoint = _parse_checkpoint(d.pop("checkpoint", UNSET))

        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        def _parse_suggested_poll_interval_ms(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        suggested_poll_interval_ms = _parse_suggested_poll_interval_ms(
            d.pop("suggestedPollIntervalMs", UNSET)
        )

        goal_job_status = cls(
            status=status,
            progress=progress,
            current_step=current_step,
            item_version=item_version,
            checkpoint=checkpoint,
            error=error,
            suggested_poll_interval_ms=suggested_poll_interval_ms,
        )

        goal_job_status.additional_properties = d
        return goal_job_status

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
