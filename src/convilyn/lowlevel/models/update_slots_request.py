from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.slot_answer import SlotAnswer


T = TypeVar("T", bound="UpdateSlotsRequest")


@_attrs_define
class UpdateSlotsRequest:
    """Answer one or more pending slots.

    Attributes:
        answers (list[SlotAnswer]): Answers to apply.
        expected_version (int | Unset): The `itemVersion` you last read; a mismatch is 409 VERSION_CONFLICT. Omit to
            skip the check.
    """

    answers: list[SlotAnswer]
    expected_version: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        answers = []
        for answers_item_data in self.answers:
            answers_item = answers_item_data.to_dict()
            answers.append(answers_item)

        expected_version = self.expected_version

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "answers": answers,
            }
        )
        if expected_version is not UNSET:
            field_dict["expectedVersion"] = expected_version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.slot_answer import SlotAnswer

        d = dict(src_dict)
        answers = []
        _answers = d.pop("answers")
        for answers_item_data in _answers:
            answers_item = SlotAnswer.from_dict(answers_item_data)

            answers.append(answers_item)

        expected_version = d.pop("expectedVersion", UNSET)

        update_slots_request = cls(
            answers=answers,
            expected_version=expected_version,
        )

        return update_slots_request
