from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UploadedFile")


@_attrs_define
class UploadedFile:
    """The file registered by a direct upload: the File fields plus the legacy snake_case `file_id`.

    Attributes:
        file_id (str): Same value as `fileId` (legacy name kept by the direct-upload endpoint).
        fileId (str): Identifier of the file; pass it in `fileIds` / `source_file_id` / `file_id`.
        file_name (str): Original file name.
        file_size (int): Size in bytes.
        mime_type (str): MIME type detected or declared at upload.
        created_at (datetime.datetime): When the file was registered (UTC).
        job_id (None | str | Unset): Job the file belongs to, when it is a job's input or output.
        is_input (bool | Unset): True for files you uploaded, false for job outputs. The live service may leave it out;
            clients read that as true, as the vendor's client does. Default: True.
    """

    file_id: str
    fileId: str
    file_name: str
    file_size: int
    mime_type: str
    created_at: datetime.datetime
    job_id: None | str | Unset = UNSET
    is_input: bool | Unset = True
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file_id = self.file_id

        fileId = self.fileId

        file_name = self.file_name

        file_size = self.file_size

        mime_type = self.mime_type

        created_at = self.created_at.isoformat()

        job_id: None | str | Unset
        if isinstance(self.job_id, Unset):
            job_id = UNSET
        else:
            job_id = self.job_id

        is_input = self.is_input

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file_id": file_id,
                "fileId": fileId,
                "fileName": file_name,
                "fileSize": file_size,
                "mimeType": mime_type,
                "createdAt": created_at,
            }
        )
        if job_id is not UNSET:
            field_dict["jobId"] = job_id
        if is_input is not UNSET:
            field_dict["isInput"] = is_input

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        file_id = d.pop("file_id")

        fileId = d.pop("fileId")

        file_name = d.pop("fileName")

        file_size = d.pop("fileSize")

        mime_type = d.pop("mimeType")

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        def _parse_job_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        job_id = _parse_job_id(d.pop("jobId", UNSET))

        is_input = d.pop("isInput", UNSET)

        uploaded_file = cls(
            file_id=file_id,
            fileId=fileId,
            file_name=file_name,
            file_size=file_size,
            mime_type=mime_type,
            created_at=created_at,
            job_id=job_id,
            is_input=is_input,
        )

        uploaded_file.additional_properties = d
        return uploaded_file

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
