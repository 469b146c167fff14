from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.builder_attachment import BuilderAttachment


T = TypeVar("T", bound="SendBuilderMessageRequest")


@_attrs_define
class SendBuilderMessageRequest:
    """One Builder turn (snake_case).

    Attributes:
        content (str): What you say to the Builder.
        attachments (list[BuilderAttachment] | Unset): Files to show the Builder.
    """

    content: str
    attachments: list[BuilderAttachment] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        content = self.content

        attachments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.attachments, Unset):
            attachments = []
            for attachments_item_data in self.attachments:
                attachments_item = attachments_item_data.to_dict()
                attachments.append(attachments_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "content": content,
            }
        )
        if attachments is not UNSET:
            field_dict["attachments"] = attachments

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.builder_attachment import BuilderAttachment

        d = dict(src_dict)
        content = d.pop("content")

        _attachments = d.pop("attachments", UNSET)
        attachments: list[BuilderAttachment] | Unset = UNSET
        if _attachments is not UNSET:
            attachments = []
            for attachments_item_data in _attachments:
                attachments_item = BuilderAttachment.from_dict(attachments_item_data)

                attachments.append(attachments_item)

        send_builder_message_request = cls(
            content=content,
            attachments=attachments,
        )

        return send_builder_message_request
