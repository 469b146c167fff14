from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="BuilderPendingSlot")


@_attrs_define
class BuilderPendingSlot:
    """A question the Builder waits on (with `verdict_action` request_input).

    Attributes:
        slot_id (str): Identifier of the question.
        slot_type (str): Kind of answer (`text`, `choice`, ...).
        question (str): The question.
        options (list[Any] | None | Unset): The choices, for a choice.
        required (bool | Unset): Whether an answer is needed. Default: True.
        context (None | str | Unset): Why it is asked.
    """

    slot_id: str
    slot_type: str
    question: str
    options: list[Any] | None | Unset = UNSET
    required: bool | Unset = True
    context: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        slot_id = self.slot_id

        slot_type = self.slot_type

        question = self.question

        options: list[Any] | None | Unset
        if isinstance(self.options, Unset):
            options = UNSET
        elif isinstance(self.options, list):
            options = self.options

        else:
            options = self.options

        required = self.required

        context: None | str | Unset
        if isinstance(self.context, Unset):
            context = UNSET
        else:
            context = self.context

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "slot_id": slot_id,
                "slot_type": slot_type,
                "question": question,
            }
        )
        if options is not UNSET:
            field_dict["options"] = options
        if required is not UNSET:
            field_dict["required"] = required
        if context is not UNSET:
            field_dict["context"] = context

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        slot_id = d.pop("slot_id")

        slot_type = d.pop("slot_type")

        question = d.pop("question")

        def _parse_options(data: object) -> list[Any] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                options_type_0 = cast(list[Any], data)

                return options_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Any] | None | Unset, data)

        options = _parse_options(d.pop("options", UNSET))

        required = d.pop("required", UNSET)

        def _parse_context(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        context = _parse_context(d.pop("context", UNSET))

        builder_pending_slot = cls(
            slot_id=slot_id,
            slot_type=slot_type,
            question=question,
            options=options,
            required=required,
            context=context,
        )

        builder_pending_slot.additional_properties = d
        return builder_pending_slot

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
