from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.goal_job_status_value import GoalJobStatusValue

T = TypeVar("T", bound="CancelGoalJobResponse")


@_attrs_define
class CancelGoalJobResponse:
    """Acknowledgement of a cancellation request.

    Attributes:
        job_spec_id (str): The job.
        status (GoalJobStatusValue): Goal-lane status. Non-terminal: `draft`, `created`, `analyzing`, `slots_pending`
            (input needed, also for a mid-execution checkpoint), `ready` / `ready_with_preview` (waiting for
            confirmGoalJob), `confirmed`, `queued`, `executing`. Terminal: `completed`, `partial`, `failed`, `cancelled`.
            Older docs call `created` `pending`, `confirmed` `confirming` and `slots_pending` `slot_needed`. Clients must
            not crash on a value not listed here.
    """

    job_spec_id: str
    status: GoalJobStatusValue
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        job_spec_id = self.job_spec_id

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "jobSpecId": job_spec_id,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        job_spec_id = d.pop("jobSpecId")

        status = GoalJobStatusValue(d.pop("status"))

        cancel_goal_job_response = cls(
            job_spec_id=job_spec_id,
            status=status,
        )

        cancel_goal_job_response.additional_properties = d
        return cancel_goal_job_response

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
