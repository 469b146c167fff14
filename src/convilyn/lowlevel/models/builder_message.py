from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.builder_attachment import BuilderAttachment
    from ..models.builder_message_metadata_type_0 import BuilderMessageMetadataType0


T = TypeVar("T", bound="BuilderMessage")


@_attrs_define
class BuilderMessage:
    """One message of a Builder transcript.

    Attributes:
        message_id (str): Identifier.
        chat_id (str): The session.
        role (str): `user` or `assistant`.
        content (str): Text.
        message_type (str): Kind of message (`text`, ...).
        created_at (datetime.datetime): When it was sent (UTC).
        metadata (BuilderMessageMetadataType0 | None | Unset): Extra data of the message (opaque).
        attachments (list[BuilderAttachment] | Unset): Attached files.
    """

    message_id: str
    chat_id: str
    role: str
    content: str
    message_type: str
    created_at: datetime.datetime
    metadata: BuilderMessageMetadataType0 | None | Unset = UNSET
    attachments: list[BuilderAttachment] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.builder_message_metadata_type_0 import BuilderMessageMetadataType0

        message_id = self.message_id

        chat_id = self.chat_id

        role = self.role

        content = self.content

        message_type = self.message_type

        created_at = self.created_at.isoformat()

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, BuilderMessageMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        attachments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.attachments, Unset):
            attachments = []
            for attachments_item_data in self.attachments:
                attachments_item = attachments_item_data.to_dict()
                attachments.append(attachments_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message_id": message_id,
                "chat_id": chat_id,
                "role": role,
                "content": content,
                "message_type": message_type,
                "created_at": created_at,
            }
        )
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if attachments is not UNSET:
            field_dict["attachments"] = attachments

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.builder_attachment import BuilderAttachment
        from ..models.builder_message_metadata_type_0 import BuilderMessageMetadataType0

        d = dict(src_dict)
        message_id = d.pop("message_id")

        chat_id = d.pop("chat_id")

        role = d.pop("role")

        content = d.pop("content")

        message_type = d.pop("message_type")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_metadata(data: object) -> BuilderMessageMetadataType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = BuilderMessageMetadataType0.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BuilderMessageMetadataType0 | None | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        _attachments = d.pop("attachments", UNSET)
        attachments: list[BuilderAttachment] | Unset = UNSET
        if _attachments is not UNSET:
            attachments = []
            for attachments_item_data in _attachments:
                attachments_item = BuilderAttachment.from_dict(attachments_item_data)

                attachments.append(attachments_item)

        builder_message = cls(
            message_id=message_id,
            chat_id=chat_id,
            role=role,
            content=content,
            message_type=message_type,
            created_at=created_at,
            metadata=metadata,
            attachments=attachments,
        )

        builder_message.additional_properties = d
        return builder_message

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
