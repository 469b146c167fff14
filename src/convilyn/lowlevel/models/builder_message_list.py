from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.builder_message import BuilderMessage


T = TypeVar("T", bound="BuilderMessageList")


@_attrs_define
class BuilderMessageList:
    """One page of a Builder transcript.

    Attributes:
        messages (list[BuilderMessage]): Messages of this page, oldest first.
        total (int): Messages in the whole transcript.
        limit (int): The page size used.
        offset (int): The offset used.
    """

    messages: list[BuilderMessage]
    total: int
    limit: int
    offset: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        messages = []
        for messages_item_data in self.messages:
            messages_item = messages_item_data.to_dict()
            messages.append(messages_item)

        total = self.total

        limit = self.limit

        offset = self.offset

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "messages": messages,
                "total": total,
                "limit": limit,
                "offset": offset,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.builder_message import BuilderMessage

        d = dict(src_dict)
        messages = []
        _messages = d.pop("messages")
        for messages_item_data in _messages:
            messages_item = BuilderMessage.from_dict(messages_item_data)

            messages.append(messages_item)

        total = d.pop("total")

        limit = d.pop("limit")

        offset = d.pop("offset")

        builder_message_list = cls(
            messages=messages,
            total=total,
            limit=limit,
            offset=offset,
        )

        builder_message_list.additional_properties = d
        return builder_message_list

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
