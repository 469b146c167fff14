from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="StoredFile")


@_attrs_define
class StoredFile:
    """One row of the file listing (snake_case on the wire).

    Attributes:
        file_id (str): Identifier of the file.
        file_name (str): Original file name.
        file_size (int): Size in bytes.
        mime_type (str): MIME type.
        file_extension (str): Extension without the dot, e.g. `pdf`.
        created_at (datetime.datetime): When the file was registered (UTC).
    """

    file_id: str
    file_name: str
    file_size: int
    mime_type: str
    file_extension: str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file_id = self.file_id

        file_name = self.file_name

        file_size = self.file_size

        mime_type = self.mime_type

        file_extension = self.file_extension

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file_id": file_id,
                "file_name": file_name,
                "file_size": file_size,
                "mime_type": mime_type,
                "file_extension": file_extension,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        file_id = d.pop("file_id")

        file_name = d.pop("file_name")

        file_size = d.pop("file_size")

        mime_type = d.pop("mime_type")

        file_extension = d.pop("file_extension")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        stored_file = cls(
            file_id=file_id,
            file_name=file_name,
            file_size=file_size,
            mime_type=mime_type,
            file_extension=file_extension,
            created_at=created_at,
        )

        stored_file.additional_properties = d
        return stored_file

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
