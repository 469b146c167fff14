from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CatalogSlot")


@_attrs_define
class CatalogSlot:
    """A question a catalog workflow asks before it can run.

    Attributes:
        slot_id (str): Identifier to answer in `slotAnswers` / `answers`.
        slot_type (str): Kind of answer expected, e.g. `text`, `choice`.
        question (str): The question to show the user.
        required (bool): Whether the workflow cannot run without an answer.
        options (list[str] | None | Unset): Allowed answers for choice slots; null for free text.
    """

    slot_id: str
    slot_type: str
    question: str
    required: bool
    options: list[str] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        slot_id = self.slot_id

        slot_type = self.slot_type

        question = self.question

        required = self.required

        options: list[str] | None | Unset
        if isinstance(self.options, Unset):
            options = UNSET
        elif isinstance(self.options, list):
            options = self.options

        else:
            options = self.options

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "slotId": slot_id,
                "slotType": slot_type,
                "question": question,
                "required": required,
            }
        )
        if options is not UNSET:
            field_dict["options"] = options

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        slot_id = d.pop("slotId")

        slot_type = d.pop("slotType")

        question = d.pop("question")

        required = d.pop("required")

        def _parse_options(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                options_type_0 = cast(list[str], data)

                return options_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        options = _parse_options(d.pop("options", UNSET))

        catalog_slot = cls(
            slot_id=slot_id,
            slot_type=slot_type,
            question=question,
            required=required,
            options=options,
        )

        catalog_slot.additional_properties = d
        return catalog_slot

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
