from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="PresignRequest")


@_attrs_define
class PresignRequest:
    """Request a presigned storage upload for one file.

    Attributes:
        file_name (str): Original file name including its extension, e.g. `resume.pdf`.
        file_size (int): Exact size of the file in bytes.
        content_type (str): MIME type of the file, e.g. `application/pdf`.
    """

    file_name: str
    file_size: int
    content_type: str

    def to_dict(self) -> dict[str, Any]:
        file_name = self.file_name

        file_size = self.file_size

        content_type = self.content_type

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "fileName": file_name,
                "fileSize": file_size,
                "contentType": content_type,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        file_name = d.pop("fileName")

        file_size = d.pop("fileSize")

        content_type = d.pop("contentType")

        presign_request = cls(
            file_name=file_name,
            file_size=file_size,
            content_type=content_type,
        )

        return presign_request
