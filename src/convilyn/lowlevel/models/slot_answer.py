from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="SlotAnswer")


@_attrs_define
class SlotAnswer:
    """An answer to one slot.

    Attributes:
        slot_id (str): The slot being answered.
        value (Any): The answer: any JSON value (usually a string or one of the slot's options).
    """

    slot_id: str
    value: Any

    def to_dict(self) -> dict[str, Any]:
        slot_id = self.slot_id

        value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "slotId": slot_id,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        slot_id = d.pop("slotId")

        value = d.pop("value")

        slot_answer = cls(
            slot_id=slot_id,
            value=value,
        )

        return slot_answer
