from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.checkpoint_slot import CheckpointSlot


T = TypeVar("T", bound="Checkpoint")


@_attrs_define
class Checkpoint:
    """A mid-execution checkpoint: the job paused and needs input.

    Attributes:
        checkpoint_id (str): Identifier of the checkpoint, e.g. `profile_review`.
        step_output_preview (str): Preview of the step's output to show the user.
        slots (list[CheckpointSlot]): Slots to answer before resuming.
    """

    checkpoint_id: str
    step_output_preview: str
    slots: list[CheckpointSlot]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        checkpoint_id = self.checkpoint_id

        step_output_preview = self.step_output_preview

        slots = []
        for slots_item_data in self.slots:
            slots_item = slots_item_data.to_dict()
            slots.append(slots_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "checkpointId": checkpoint_id,
                "stepOutputPreview": step_output_preview,
                "slots": slots,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.checkpoint_slot import CheckpointSlot

        d = dict(src_dict)
        checkpoint_id = d.pop("checkpointId")

        step_output_preview = d.pop("stepOutputPreview")

        slots = []
        _slots = d.pop("slots")
        for slots_item_data in _slots:
            slots_item = CheckpointSlot.from_dict(slots_item_data)

            slots.append(slots_item)

        checkpoint = cls(
            checkpoint_id=checkpoint_id,
            step_output_preview=step_output_preview,
            slots=slots,
        )

        checkpoint.additional_properties = d
        return checkpoint

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
