from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.slot_option import SlotOption


T = TypeVar("T", bound="PendingSlot")


@_attrs_define
class PendingSlot:
    """A question the job is waiting on; answer it with updateGoalJobSlots.

    Attributes:
        slot_id (str): Identifier to answer.
        slot_type (str): Kind of answer expected, e.g. `text`, `choice`, `file`.
        question (str): The question to show the user.
        options (list[SlotOption | str] | None | Unset): Allowed answers (plain strings or structured options); null for
            free text.
        required (bool | Unset): Whether the job cannot continue without an answer. When left out, clients read it as
            true, as the vendor's client does. Default: True.
        is_disambiguation (bool | Unset): True when the service asks to choose between interpretations. The live service
            leaves it out when false. Default: False.
        suggested_value (Any | Unset): The service's suggested answer (any JSON value), if any.
        suggested_confidence (float | None | Unset): Confidence in `suggestedValue`, 0 to 1.
    """

    slot_id: str
    slot_type: str
    question: str
    options: list[SlotOption | str] | None | Unset = UNSET
    required: bool | Unset = True
    is_disambiguation: bool | Unset = False
    suggested_value: Any | Unset = UNSET
    suggested_confidence: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.slot_option import SlotOption

        slot_id = self.slot_id

        slot_type = self.slot_type

        question = self.question

        options: list[dict[str, Any] | str] | None | Unset
        if isinstance(self.options, Unset):
            options = UNSET
        elif isinstance(self.options, list):
            options = []
            for options_type_0_item_data in self.options:
                options_type_0_item: dict[str, Any] | str
                if isinstance(options_type_0_item_data, SlotOption):
                    options_type_0_item = options_type_0_item_data.to_dict()
                else:
                    options_type_0_item = options_type_0_item_data
                options.append(options_type_0_item)

        else:
            options = self.options

        required = self.required

        is_disambiguation = self.is_disambiguation

        suggested_value = self.suggested_value

        suggested_confidence: float | None | Unset
        if isinstance(self.suggested_confidence, Unset):
            suggested_confidence = UNSET
        else:
            suggested_confidence = self.suggested_confidence

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "slotId": slot_id,
                "slotType": slot_type,
                "question": question,
            }
        )
        if options is not UNSET:
            field_dict["options"] = options
        if required is not UNSET:
            field_dict["required"] = required
        if is_disambiguation is not UNSET:
            field_dict["isDisambiguation"] = is_disambiguation
        if suggested_value is not UNSET:
            field_dict["suggestedValue"] = suggested_value
        if suggested_confidence is not UNSET:
            field_dict["suggestedConfidence"] = suggested_confidence

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.slot_option import SlotOption

        d = dict(src_dict)
        slot_id = d.pop("slotId")

        slot_type = d.pop("slotType")

        question = d.pop("question")

        def _parse_options(data: object) -> list[SlotOption | str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                options_type_0 = []
                _options_type_0 = data
                for options_type_0_item_data in _options_type_0:

                    def _parse_options_type_0_item(data: object) -> SlotOption | str:
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            options_type_0_item_type_1 = SlotOption.from_dict(data)

                            return options_type_0_item_type_1
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        return cast(SlotOption | str, data)

                    options_type_0_item = _parse_options_type_0_item(options_type_0_item_data)

                    options_type_0.append(options_type_0_item)

                return options_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[SlotOption | str] | None | Unset, data)

        options = _parse_options(d.pop("options", UNSET))

        required = d.pop("required", UNSET)

        is_disambiguation = d.pop("isDisambiguation", UNSET)

        suggested_value = d.pop("suggestedValue", UNSET)

        def _parse_suggested_confidence(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        suggested_confidence = _parse_suggested_confidence(d.pop("suggestedConfidence", UNSET))

        pending_slot = cls(
            slot_id=slot_id,
            slot_type=slot_type,
            question=question,
            options=options,
            required=required,
            is_disambiguation=is_disambiguation,
            suggested_value=suggested_value,
            suggested_confidence=suggested_confidence,
        )

        pending_slot.additional_properties = d
        return pending_slot

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
