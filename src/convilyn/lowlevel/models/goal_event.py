from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.goal_event_type import GoalEventType

if TYPE_CHECKING:
    from ..models.goal_event_data import GoalEventData


T = TypeVar("T", bound="GoalEvent")


@_attrs_define
class GoalEvent:
    """One frame of the goal-lane WebSocket event stream (see `x-websocket`).

    Attributes:
        type_ (GoalEventType): Type of a goal-lane event frame. Clients must not crash on an unknown type.
        schema_version (int): Version of the frame schema.
        job_spec_id (str): The job the event belongs to.
        emitted_at (datetime.datetime): When the event was emitted (UTC).
        seq (int): Monotonic sequence number within the job; resume with `?afterSeq=<seq>`.
        data (GoalEventData): Type-specific payload.
    """

    type_: GoalEventType
    schema_version: int
    job_spec_id: str
    emitted_at: datetime.datetime
    seq: int
    data: GoalEventData
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        schema_version = self.schema_version

        job_spec_id = self.job_spec_id

        emitted_at = self.emitted_at.isoformat()

        seq = self.seq

        data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "schemaVersion": schema_version,
                "jobSpecId": job_spec_id,
                "emittedAt": emitted_at,
                "seq": seq,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.goal_event_data import GoalEventData

        d = dict(src_dict)
        type_ = GoalEventType(d.pop("type"))

        schema_version = d.pop("schemaVersion")

        job_spec_id = d.pop("jobSpecId")

        emitted_at = datetime.datetime.fromisoformat(d.pop("emittedAt"))

        seq = d.pop("seq")

        data = GoalEventData.from_dict(d.pop("data"))

        goal_event = cls(
            type_=type_,
            schema_version=schema_version,
            job_spec_id=job_spec_id,
            emitted_at=emitted_at,
            seq=seq,
            data=data,
        )

        goal_event.additional_properties = d
        return goal_event

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
