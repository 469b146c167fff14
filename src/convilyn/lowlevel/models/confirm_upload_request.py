from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ConfirmUploadRequest")


@_attrs_define
class ConfirmUploadRequest:
    """Register a file whose bytes were uploaded to the presigned storage URL.

    Attributes:
        file_id (str): The `fileId` from presignUpload.
        file_name (str): The same file name sent to presignUpload.
        file_size (int): The same size in bytes sent to presignUpload.
        content_type (str): The same MIME type sent to presignUpload.
        s_3_key (str): The `s3Key` from presignUpload.
    """

    file_id: str
    file_name: str
    file_size: int
    content_type: str
    s_3_key: str

    def to_dict(self) -> dict[str, Any]:
        file_id = self.file_id

        file_name = self.file_name

        file_size = self.file_size

        content_type = self.content_type

        s_3_key = self.s_3_key

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "fileId": file_id,
                "fileName": file_name,
                "fileSize": file_size,
                "contentType": content_type,
                "s3Key": s_3_key,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        file_id = d.pop("fileId")

        file_name = d.pop("fileName")

        file_size = d.pop("fileSize")

        content_type = d.pop("contentType")

        s_3_key = d.pop("s3Key")

        confirm_upload_request = cls(
            file_id=file_id,
            file_name=file_name,
            file_size=file_size,
            content_type=content_type,
            s_3_key=s_3_key,
        )

        return confirm_upload_request
